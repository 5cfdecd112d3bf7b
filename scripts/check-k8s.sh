#!/usr/bin/env bash
# Offline checks of the Kubernetes deployment (deploy/k8s, docs/kubernetes.md), run by `make test`:
#   1. the model-sync sidecar's tests (a local stub of the MLflow registry, file artifacts);
#   2. the checker's own tests: each kind of broken manifest must fail;
#   3. the checks: kustomize renders base, dev and prod; every object validates against the
#      Kubernetes schemas (strict); images, commands, ports, probes, env names, secrets,
#      security and availability cross-checked against the repository.
# Needs what scripts/test-prereqs.sh installs (.tools/bin/kustomize, kubernetes-validate in .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${POKEWATCH_VENV:-.venv}/bin/python"
"$PY" -m unittest discover -s docker/mlflow -p 'test_*.py'
"$PY" scripts/check_k8s_tests.py
"$PY" scripts/check_k8s.py
