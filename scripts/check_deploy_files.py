#!/usr/bin/env python3
"""Static checks of the deployment files (no Docker engine runs here, DESIGN §11).

Parses docker-compose.yml, the Dockerfile, Prometheus and Grafana provisioning, and cross-checks
paths, ports, profiles, health checks and environment variables against the repository.
Prints one line per check and a closing 'N passed, N failed' line; exits 1 on any failure.
"""
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
results = []


def check(name, condition, detail=""):
    results.append((name, bool(condition), detail))


def load_yaml(rel):
    return yaml.safe_load((ROOT / rel).read_text())


compose = load_yaml("docker-compose.yml")
services = compose["services"]

expected_profiles = {
    "serving-api": None, "collector": "collector", "scheduler": "scheduler", "training": "training", "mlflow": "mlflow",
    "postgres": "mlflow", "minio": "mlflow", "redis": "production", "prometheus": "monitoring",
    "grafana": "monitoring",
}
for name, profile in expected_profiles.items():
    svc = services.get(name)
    check(f"compose service '{name}' exists", svc is not None)
    if svc is None:
        continue
    got = svc.get("profiles")
    if profile is None:
        check(f"'{name}' runs by default (no profile)", not got, f"profiles={got}")
    else:
        check(f"'{name}' is in profile '{profile}'", got == [profile], f"profiles={got}")

for name, svc in services.items():
    check(f"'{name}' has an image", "image" in svc)
    build = svc.get("build")
    if build:
        dockerfile = ROOT / build.get("context", ".") / build["dockerfile"]
        check(f"'{name}' Dockerfile exists", dockerfile.is_file(), str(dockerfile))
    if build and "JAR_FILE" in build.get("args", {}):
        jar = build.get("args", {}).get("JAR_FILE", "")
        module = jar.split("/")[0]
        check(f"'{name}' JAR_FILE names a module", (ROOT / module / "pom.xml").is_file(), jar)
        check(f"'{name}' image is pokewatch/<module>", svc["image"].startswith(f"pokewatch/{module}:"), svc["image"])
    hc = svc.get("healthcheck", {})
    if not hc.get("disable") and not name.endswith("-init"):
        check(f"'{name}' has a healthcheck", "test" in hc)
        if "deploy" in svc or name in expected_profiles:
            limit = svc.get("deploy", {}).get("resources", {}).get("limits", {}).get("memory")
            check(f"'{name}' has a memory limit", limit is not None)
    for vol in svc.get("volumes", []):
        src = vol.split(":")[0]
        if src.startswith("./"):
            path = ROOT / src
            # data/ and models/ are created by the pipeline; config and docker files must exist
            if src in ("./data", "./models", "./reports"):
                continue
            check(f"'{name}' mounts existing {src}", path.exists())
        else:
            check(f"'{name}' named volume '{src}' declared", src in compose.get("volumes", {}))
    for dep, cond in (svc.get("depends_on") or {}).items():
        check(f"'{name}' depends on existing '{dep}'", dep in services)
        if isinstance(cond, dict) and cond.get("condition") == "service_healthy":
            check(f"'{dep}' has a healthcheck for '{name}'", "test" in services[dep].get("healthcheck", {}))

# health checks use only what the images keep: upstream base images drop curl/wget, so the
# services use `bin/pokewatch health` (bash /dev/tcp) and `mc ready`. Prometheus and Grafana are
# busybox/alpine images whose wget is a busybox applet, there to stay.
BUSYBOX_IMAGES = ("prom/prometheus:", "grafana/grafana:")
for name, svc in services.items():
    test = svc.get("healthcheck", {}).get("test") or []
    test_text = " ".join(test) if isinstance(test, list) else str(test)
    if not svc.get("image", "").startswith(BUSYBOX_IMAGES):
        check(f"'{name}' health check needs no curl or wget", not re.search(r"\b(curl|wget)\b", test_text), test_text)
    if svc.get("image", "").startswith("pokewatch/") and "JAR_FILE" in (svc.get("build") or {}).get("args", {}) and test:
        check(f"'{name}' health check is the launcher's", test[:3] == ["CMD", "/app/bin/pokewatch", "health"], test_text)
    # drivers belong in the image: nothing is pip-installed when a container starts
    for key in ("command", "entrypoint"):
        value = svc.get(key) or ""
        value = " ".join(value) if isinstance(value, list) else value
        check(f"'{name}' {key} installs nothing at start", not re.search(r"\bpip3? install\b", value), value[:80])

mlflow_dockerfile = (ROOT / "docker/mlflow/Dockerfile").read_text()
mlflow_from = re.search(r"^FROM (\S+)", mlflow_dockerfile, re.M)
check("MLflow image is built from a pinned upstream tag", mlflow_from and re.search(r":v\d+\.\d+\.\d+$", mlflow_from.group(1)),
      mlflow_from.group(1) if mlflow_from else "no FROM")
check("compose runs the MLflow image built from docker/mlflow/Dockerfile",
      services["mlflow"].get("build", {}).get("dockerfile") == "docker/mlflow/Dockerfile"
      and services["mlflow"]["image"] == "pokewatch/mlflow:" + mlflow_from.group(1).rsplit(":v", 1)[1], services["mlflow"]["image"])
pip_lines = re.findall(r"pip install ([^\n&]*)", mlflow_dockerfile)
for package in ("psycopg2-binary", "boto3"):
    check(f"MLflow image installs {package} at a pinned version",
          any(re.search(rf"(^|\s){re.escape(package)}==\d", line) for line in pip_lines), str(pip_lines))
check("MLflow image runs as non-root", re.search(r"^USER (?!root|0\b)\S+", mlflow_dockerfile, re.M))
check("MLflow image carries the model-sync script", "COPY docker/mlflow/model-sync.py" in mlflow_dockerfile)
check("Dockerfile's HEALTHCHECK needs no curl or wget",
      not re.search(r"\b(curl|wget)\b", (ROOT / "docker/Dockerfile").read_text().split("HEALTHCHECK", 1)[1].split("ENTRYPOINT")[0]))

host_ports = [p.split(":")[0] for s in services.values() for p in s.get("ports", [])]
check("host ports are unique", len(host_ports) == len(set(host_ports)), str(host_ports))
check("serving-api publishes port 8000", "8000:8000" in services["serving-api"]["ports"])

dockerfile = (ROOT / "docker/Dockerfile").read_text()
check("Dockerfile takes ARG JAR_FILE", re.search(r"^ARG JAR_FILE", dockerfile, re.M))
check("Dockerfile extracts layers", "extract --layers" in dockerfile)
check("Dockerfile runs as non-root", re.search(r"^USER (?!root)\w+", dockerfile, re.M))
check("Dockerfile has a HEALTHCHECK on /actuator/health", "HEALTHCHECK" in dockerfile and "/actuator/health" in dockerfile)
for layer in ("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"):
    check(f"Dockerfile copies layer {layer}", f"extracted/{layer}/" in dockerfile)

# containers run the same launcher as the Makefile and dvc.yaml, with commands it knows
launcher = (ROOT / "bin/pokewatch").read_text()
launcher_commands = set(re.findall(r"^  ([a-z][a-z-]*)\s{2,}", launcher.split("Commands:")[1].split("Environment:")[0], re.M))
check("Dockerfile's entry point is bin/pokewatch", re.search(r'^ENTRYPOINT \["bin/pokewatch"\]', dockerfile, re.M))
check("Dockerfile copies the launcher and config/jvm.properties",
      "COPY bin/pokewatch" in dockerfile and "COPY config/jvm.properties" in dockerfile)
check("Dockerfile copies config/jit-directives.json (bin/pokewatch serve passes it)",
      "config/jit-directives.json" in dockerfile)
check("Dockerfile sets no JDK_JAVA_OPTIONS (flags live in config/jvm.properties)", "JDK_JAVA_OPTIONS" not in dockerfile)
for name, svc in services.items():
    default_command = (svc.get("build") or {}).get("args", {}).get("DEFAULT_COMMAND")
    if "JAR_FILE" in (svc.get("build") or {}).get("args", {}):
        check(f"'{name}' image has a default launcher command ({default_command})",
              default_command in launcher_commands, str(sorted(launcher_commands)))
    if "JAR_FILE" in (svc.get("build") or {}).get("args", {}) and "command" in svc:
        cmd = svc["command"][0]
        check(f"'{name}' runs a launcher command ({cmd})", cmd in launcher_commands, str(sorted(launcher_commands)))
dvc = load_yaml("dvc.yaml")
for stage, spec in dvc["stages"].items():
    if stage == "today":
        # the one stage that runs no Java: it stamps the UTC day so collect runs once a day
        check("dvc stage 'today' only writes the day", spec["cmd"] == "mkdir -p data && date -u +%F > data/collect-day.txt"
              and spec.get("always_changed") is True, spec["cmd"])
        continue
    check(f"dvc stage '{stage}' runs through bin/pokewatch", spec["cmd"].startswith("bin/pokewatch ")
          and spec["cmd"].split()[1] in launcher_commands, spec["cmd"])
check("Makefile runs no 'java -jar' (bin/pokewatch does)", "java -jar" not in makefile_text if (makefile_text := (ROOT / "Makefile").read_text()) else False)

# the scheduler image holds both jars where the launcher finds them in a checkout, so its drift and
# retrain subprocesses run the training jar; compose runs its scheduler command
scheduler_dockerfile = (ROOT / "docker/scheduler.Dockerfile").read_text()
for module in ("collector-service", "training-service"):
    check(f"scheduler image holds {module}/target/{module}.jar",
          re.search(rf"^COPY {module}/target/{module}.jar {module}/target/{module}.jar$", scheduler_dockerfile, re.M))
check("scheduler image sets no POKEWATCH_JAR (each command finds its own jar)",
      "POKEWATCH_JAR" not in scheduler_dockerfile)
check("scheduler image runs as the same non-root uid as docker/Dockerfile",
      re.search(r"--uid 10001", scheduler_dockerfile) and re.search(r"^USER pokewatch$", scheduler_dockerfile, re.M))
check("scheduler image's entry point is bin/pokewatch",
      re.search(r'^ENTRYPOINT \["bin/pokewatch"\]', scheduler_dockerfile, re.M))
check("compose 'scheduler' runs collect-daily", services["scheduler"].get("command") == ["collect-daily"])
check("compose 'scheduler' mounts data, models, reports and params.yaml",
      all(any(v.startswith(src + ":") for v in services["scheduler"]["volumes"])
          for src in ("./data", "./models", "./reports", "./params.yaml")))
check("compose 'scheduler' leaves drift and retrain on",
      "SCHEDULER_DRIFT_ENABLED" not in services["scheduler"]["environment"]
      and "SCHEDULER_RETRAIN_ENABLED" not in services["scheduler"]["environment"])

prom = load_yaml("docker/prometheus/prometheus.yml")
for job in prom["scrape_configs"]:
    for target in job["static_configs"][0]["targets"]:
        host, port = target.split(":")
        if host == "localhost":
            continue
        check(f"prometheus target {target} is a compose service", host in services)
        if host in services:
            published = [p.split(":")[-1] for p in services[host].get("ports", [])]
            check(f"prometheus target {target} matches the service port", port in published, str(published))

# every pokewatch_* series a dashboard queries is a meter named in common-model's MeterNames
meter_names = set(re.findall(r'= "(pokewatch\.[a-z.]+)"',
    (ROOT / "common-model/src/main/java/dev/pokewatch/common/telemetry/MeterNames.java").read_text()))
prometheus_bases = {n.replace(".", "_") for n in meter_names}
check("MeterNames names the project's meters", len(meter_names) >= 10, str(len(meter_names)))
for dashboard in (ROOT / "docker/grafana/dashboards").glob("*.json"):
    for series in sorted(set(re.findall(r"pokewatch_[a-z_]+", dashboard.read_text()))):
        base = re.sub(r"_(total|seconds|seconds_count|seconds_sum|seconds_max|seconds_bucket)$", "", series)
        check(f"{dashboard.name} queries a known meter ({series})", base in prometheus_bases)

# the alert rules load where prometheus looks for them and query only known meters
check("prometheus loads alerts.yml", prom.get("rule_files") == ["alerts.yml"], str(prom.get("rule_files")))
check("compose mounts alerts.yml beside prometheus.yml",
      "./docker/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro" in services["prometheus"]["volumes"])
alerts_text = (ROOT / "docker/prometheus/alerts.yml").read_text()
for series in sorted(set(re.findall(r"pokewatch_[a-z_]+", alerts_text))):
    base = re.sub(r"_(total|seconds|timestamp_seconds)$", "", series)
    base = re.sub(r"_seconds$", "", base)
    check(f"alerts.yml queries a known meter ({series})",
          base in prometheus_bases or base + "_timestamp" in prometheus_bases, str(sorted(prometheus_bases)))

ds = load_yaml("docker/grafana/provisioning/datasources/prometheus.yml")
uids = {d["uid"] for d in ds["datasources"]}
dash = json.loads((ROOT / "docker/grafana/dashboards/pokewatch.json").read_text())
check("grafana dashboard has panels", len(dash.get("panels", [])) >= 5)
for panel in dash["panels"]:
    check(f"panel '{panel['title']}' uses a provisioned datasource", panel["datasource"]["uid"] in uids)
provider = load_yaml("docker/grafana/provisioning/dashboards/pokewatch.yml")
mount = [v for v in services["grafana"]["volumes"] if v.startswith("./docker/grafana/dashboards")]
check("grafana dashboards folder is mounted where the provider reads",
      mount and mount[0].split(":")[1] == provider["providers"][0]["options"]["path"])

# every environment variable the project reads is documented in .env.example
documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
used = set()
for path in list(ROOT.glob("*/src/main/resources/application*.yml")) + [ROOT / "docker-compose.yml"]:
    used |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)(?::-?[^}]*)?\}", path.read_text()))
internal = set()
for var in sorted(used - internal):
    check(f".env.example documents {var}", var in documented)

makefile = (ROOT / "Makefile").read_text()
for target in ("help setup collect preprocess train pipeline api api-key test test-unit test-integration bench "
               "docker-build docker-clean mlflow-local dvc-status dvc-push dvc-pull clean").split():
    check(f"Makefile has target '{target}' with a help comment", re.search(rf"^{target}:.*## ", makefile, re.M))

failed = [r for r in results if not r[1]]
for name, ok, detail in results:
    if not ok:
        print(f"FAIL {name} {detail}")
print(f"deploy-files: {len(results) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
