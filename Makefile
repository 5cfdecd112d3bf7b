# PokeWatch — the user's front door. Every target has a `## description` that `make help` prints.
# Logic lives in Java (the services' CLI modes) and in short scripts under scripts/.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Local settings (API keys, MLflow URI, ...): see .env.example. Never committed.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]]*=.*/\1/p' .env)
endif

# Every command runs through bin/pokewatch, which finds a JDK >= 21 whatever `java` is first on
# PATH; the build uses the same JDK. JVM flags live in config/jvm.properties.
POKEWATCH := bin/pokewatch
JAVA_HOME := $(shell $(POKEWATCH) java-home)
ifeq ($(JAVA_HOME),)
$(error No JDK >= 21 found (see the message above): install one (e.g. Temurin 21 or 25) or set JAVA_HOME)
endif
export JAVA_HOME
export PATH := $(JAVA_HOME)/bin:$(PATH)
JAVA_MAJOR := $(shell sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' $(JAVA_HOME)/release 2>/dev/null)
# Maven's own JVM gets the same JDK 24+ flags (its Guava uses sun.misc.Unsafe too).
ifeq ($(shell [ "$(JAVA_MAJOR)" -ge 24 ] 2>/dev/null && echo yes),yes)
export MAVEN_OPTS ?= $(shell sed -n 's/^jvm.flags.jdk24=//p' config/jvm.properties)
endif

MVN := ./mvnw -B -ntp
VENV ?= .venv
export POKEWATCH_VENV := $(abspath $(VENV))
DVC := $(firstword $(wildcard $(VENV)/bin/dvc) $(shell command -v dvc 2>/dev/null))

COLLECTOR_JAR := collector-service/target/collector-service.jar
TRAINING_JAR := training-service/target/training-service.jar
SERVING_JAR := serving-api/target/serving-api.jar
JARS := $(COLLECTOR_JAR) $(TRAINING_JAR) $(SERVING_JAR)
SOURCES := pom.xml $(wildcard */pom.xml) \
	$(shell find common-model/src collector-service/src training-service/src serving-api/src -type f 2>/dev/null)

.PHONY: help setup build collect scheduler preprocess train validate drift pipeline api api-key test test-unit \
	test-integration bench soak mlflow-local dvc-status dvc-push dvc-pull docker-build docker-clean clean

help: ## Show this help
	@echo "PokeWatch — fair prices and BUY/SELL/HOLD signals for Pokémon cards"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[36mmake %-17s\033[0m %s\n", $$1, $$2}'
	@echo
	@echo "Start with: make pipeline   (then: make api-key, make api)"

setup: ## Build the jars and install the Python tools (mlflow, dvc) into .venv
	scripts/tools-venv.sh
	$(MAKE) build

build: ## Build the three service jars (skips tests)
	$(MVN) -q package -DskipTests
	@touch $(JARS)

$(JARS) &: $(SOURCES)
	@echo "Building service jars with JDK $(JAVA_MAJOR) ..."
	$(MVN) -q package -DskipTests
	@touch $(JARS)

collect: $(COLLECTOR_JAR) ## Collect prices into data/raw/ (sample data without POKEMON_PRICE_API_KEY); ARGS="--date D --days N --source S"
	$(POKEWATCH) collect $(ARGS)

scheduler: $(COLLECTOR_JAR) $(TRAINING_JAR) ## Run the scheduler (collect, drift, retrain on their cron, lock, catch-up); health and metrics on :8081
	$(POKEWATCH) collect-daily $(ARGS)

preprocess: $(TRAINING_JAR) ## Build data/processed/<set>.parquet features from data/raw/; ARGS="--skip-bad-files"
	$(POKEWATCH) preprocess $(ARGS)

train: $(TRAINING_JAR) ## Choose and train the fair-price model, write models/candidate/ and reports/, log to MLflow
	$(POKEWATCH) train $(ARGS)

validate: $(TRAINING_JAR) ## Quality gate: promote models/candidate/ to models/baseline/ and move the champion alias
	$(POKEWATCH) validate $(ARGS)

drift: $(TRAINING_JAR) ## Drift check of the served model (PSI per category, live error, hit rate) -> reports/drift.json; exits 0 on ok/warn/drift
	$(POKEWATCH) drift $(ARGS)

pipeline: $(JARS) ## Run collect -> preprocess -> train -> validate -> drift (dvc repro when DVC is installed)
	@DVC="$(DVC)" scripts/pipeline.sh

api: $(SERVING_JAR) ## Start the serving API on port 8000 with models/baseline/, with a JDK 25 AOT cache made on first use (POKEWATCH_SERVE_JAVA_OPTS for JVM flags)
	$(POKEWATCH) aot-cache || true
	$(POKEWATCH) serve $(ARGS)

api-key: ## Generate a new pk_... API key and its SHA-256 hash
	@scripts/api-key.sh

mlflow-local: ## Start a local MLflow server on 127.0.0.1:5000 (sqlite store, proxied local artifacts)
	scripts/mlflow-local.sh start

test: ## Run every test, then fuzz the API against its OpenAPI document (installs redis-server and the tools venv when missing)
	scripts/test-prereqs.sh
	scripts/launcher-tests.sh
	$(MVN) verify
	scripts/fuzz-api.sh
	$(VENV)/bin/python scripts/check_deploy_files.py
	scripts/check-k8s.sh
	promtool check config docker/prometheus/prometheus.yml
	cd docker/prometheus && promtool test rules alerts-tests.yml
	@echo "Coverage report: coverage-report/target/site/jacoco-aggregate/index.html"

test-unit: ## Run the unit tests only (no Redis, MLflow or DVC needed)
	$(MVN) test -DexcludedGroups=integration

test-integration: ## Run the tests that start real Redis / MLflow / DVC
	scripts/test-prereqs.sh
	$(MVN) verify -Dgroups=integration

bench: $(JARS) ## Run the benchmarks in bench/ (see bench/README.md)
	bench/run.sh

soak: $(JARS) ## Soak the serving API: mixed traffic for SOAK_DURATION s (600); errors, p99, heap in bench/results (not in CI)
	bench/soak.sh

dvc-status: ## Show which DVC stages are out of date
	$(DVC) status

dvc-push: ## Push DVC-tracked data and models to the configured remote
	$(DVC) push

dvc-pull: ## Pull DVC-tracked data and models from the configured remote
	$(DVC) pull

docker-build: build ## Build the service images (needs a Docker engine)
	@command -v docker >/dev/null && docker info >/dev/null 2>&1 || { echo "No Docker engine is running here: docker-build needs one." >&2; exit 1; }
	for m in collector-service:collect-daily training-service:train serving-api:serve; do \
	  docker build -f docker/Dockerfile --build-arg JAR_FILE=$${m%%:*}/target/$${m%%:*}.jar \
	    --build-arg DEFAULT_COMMAND=$${m##*:} -t pokewatch/$${m%%:*}:latest . || exit 1; done
	docker build -f docker/scheduler.Dockerfile -t pokewatch/scheduler:latest .

docker-clean: ## Remove the service images and compose volumes
	@command -v docker >/dev/null && docker info >/dev/null 2>&1 || { echo "No Docker engine is running here." >&2; exit 1; }
	docker compose --profile '*' down -v --remove-orphans
	docker image rm -f pokewatch/collector-service pokewatch/training-service pokewatch/serving-api pokewatch/scheduler

clean: ## Remove build output (keeps data/, models/ and mlruns/)
	$(MVN) -q clean
