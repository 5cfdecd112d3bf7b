#!/usr/bin/env python3
"""Offline checks of the Kubernetes manifests in deploy/k8s (no cluster needed).

Renders the kustomize base and the dev and prod overlays with the pinned kustomize that
scripts/test-prereqs.sh installs into .tools/bin, validates every object against the bundled
Kubernetes JSON schemas of the `kubernetes-validate` package (strict: unknown fields fail), and
cross-checks the objects against the repository: images against docker-compose.yml, launcher
commands against bin/pokewatch, ports, probe paths and environment names against the apps'
application.yml (and the sidecar's script), secrets against deploy/k8s/secrets.env.example, and
the security and availability rules in docs/kubernetes.md.
Prints one line per failed check and a closing 'k8s: N passed, N failed'; exits 1 on any failure.
scripts/check_k8s_tests.py proves that broken manifests fail.
"""
import os
import pathlib
import re
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy/k8s"
KUSTOMIZE = pathlib.Path(os.environ.get("KUSTOMIZE", ROOT / ".tools/bin/kustomize"))
# The oldest Kubernetes the manifests target (CronJob timeZone and the preStop sleep action are GA
# there) and the newest whose schemas kubernetes-validate bundles: an API removed since fails too.
KUBERNETES_VERSIONS = ("1.32.0", "1.37.0")
BUILDS = {"base": K8S / "base", "dev": K8S / "overlays/dev", "prod": K8S / "overlays/prod"}
SECRET_NAME = "pokewatch-secrets"
# Spring properties set through relaxed binding (not ${...} placeholders); each is a real Boot property.
SPRING_RELAXED = {"MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED": "management.endpoint.health.probes.enabled",
                  "SPRING_PROFILES_ACTIVE": "spring.profiles.active"}
# Variables of third-party images that compose does not set: mc reads its alias from MC_HOST_<alias>;
# PGDATA puts the database in a folder initdb creates inside the volume (compose keeps the default).
THIRD_PARTY_ENV = {"minio/mc": {"MC_HOST_local"}, "postgres": {"PGDATA"}}
# The copies kustomize may read (it reads no file outside deploy/k8s/base) and their originals.
FILE_COPIES = {"files/params.yaml": "params.yaml", "files/cards.yaml": "config/cards.yaml"}


def render(path):
    """The objects `kustomize build path` prints."""
    if not KUSTOMIZE.is_file():
        sys.exit(f"check_k8s: {KUSTOMIZE} is missing: run scripts/test-prereqs.sh (installs the pinned kustomize)")
    out = subprocess.run([str(KUSTOMIZE), "build", str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"kustomize build {path} failed: {out.stderr.strip()}")
    return [o for o in yaml.safe_load_all(out.stdout) if o]


def schema_problems(obj):
    """Why `obj` fails the Kubernetes schemas (strict: no unknown fields), or an empty list."""
    import kubernetes_validate

    problems = []
    for version in KUBERNETES_VERSIONS:
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            problems.append(f"{version}: {error.message} at {'/'.join(str(p) for p in error.path)}")
        except kubernetes_validate.utils.SchemaNotFoundError as error:
            problems.append(f"{version}: no schema: {error}")
    return problems


class Repo:
    """What the manifests are checked against, read from the repository once."""

    def __init__(self):
        self.compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
        # image repository -> (tag, compose service)
        self.compose_images = {}
        for name, svc in self.compose.items():
            repo, _, tag = svc["image"].rpartition(":")
            self.compose_images[repo] = (tag, name)
        launcher = (ROOT / "bin/pokewatch").read_text()
        # launcher command -> the module whose jar runs it
        self.command_module = {"serve": "serving-api"}
        for commands, module in re.findall(r"^\s+([a-z| -]+)\) run_java ([a-z-]+)", launcher, re.M):
            for command in commands.split("|"):
                self.command_module[command.strip()] = module
        self.app_env = {}
        for module in ("serving-api", "collector-service", "training-service"):
            text = "".join(p.read_text() for p in (ROOT / module / "src/main/resources").glob("application*.yml"))
            self.app_env[module] = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text)) | set(SPRING_RELAXED)
        serving_yml = (ROOT / "serving-api/src/main/resources/application.yml").read_text()
        self.serving_port = int(re.search(r"port: \$\{PORT:(\d+)\}", serving_yml).group(1))
        self.serving_health_exposed = "health" in re.search(r"include: (.*)", serving_yml).group(1)
        self.health_path = re.search(r'@GetMapping\("(/health)"\)', (ROOT / "serving-api/src/main/java/dev/pokewatch"
                                     "/serving/health/HealthController.java").read_text()).group(1)
        sync = (ROOT / "docker/mlflow/model-sync.py").read_text()
        self.sync_env = set(re.findall(r'env\.get\("([A-Z_]+)"', sync))
        self.mlflow_dockerfile = (ROOT / "docker/mlflow/Dockerfile").read_text()
        self.mlflow_version = re.search(r"^FROM ghcr\.io/mlflow/mlflow:v(\S+)", self.mlflow_dockerfile, re.M).group(1)
        example = (K8S / "secrets.env.example").read_text()
        self.secret_lines = re.findall(r"^([A-Z][A-Z0-9_]*)=(.*)$", example, re.M)
        self.secret_keys = {k for k, _ in self.secret_lines}
        params = yaml.safe_load((ROOT / "params.yaml").read_text())
        self.registered_model = params["train"]["registered_model"]


def pod_specs(obj):
    """(name, pod spec, pod labels) of a workload object, or nothing."""
    kind = obj["kind"]
    if kind in ("Deployment", "StatefulSet", "Job"):
        template = obj["spec"]["template"]
    elif kind == "CronJob":
        template = obj["spec"]["jobTemplate"]["spec"]["template"]
    else:
        return []
    spec = dict(template["spec"])
    # a StatefulSet's claim templates are volumes of its pods
    claims = [{"name": c["metadata"]["name"], "persistentVolumeClaimTemplate": {}}
              for c in obj["spec"].get("volumeClaimTemplates", [])]
    spec["volumes"] = spec.get("volumes", []) + claims
    return [(f"{kind}/{obj['metadata']['name']}", spec, template["metadata"].get("labels", {}))]


def containers(spec):
    return [(c, False) for c in spec.get("containers", [])] + [(c, True) for c in spec.get("initContainers", [])]


def image_repo(image):
    repo, _, tag = image.rpartition(":")
    return (repo, tag) if repo else (image, "latest")


def selects(selector, labels):
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def check_build(build, objects, repo):
    """Cross-checks of one rendered build: a list of (check, ok, detail)."""
    results = []

    def check(name, ok, detail=""):
        results.append((f"{build}: {name}", bool(ok), detail))

    by_kind = {}
    for obj in objects:
        by_kind.setdefault(obj["kind"], {})[obj["metadata"]["name"]] = obj
    configmaps = {name.rsplit("-", 1)[0] if re.search(r"-[a-z0-9]{10}$", name) else name: obj
                  for name, obj in by_kind.get("ConfigMap", {}).items()}
    config_keys = set(configmaps.get("pokewatch-config", {}).get("data", {}))
    pvcs = set(by_kind.get("PersistentVolumeClaim", {}))

    # secrets: templates only; values come from a git-ignored file (kubectl create secret)
    for name, secret in by_kind.get("Secret", {}).items():
        check(f"Secret/{name} carries no values", not secret.get("data") and not secret.get("stringData"))
    check("secrets.env.example has keys and no values", repo.secret_lines and all(v == "" for _, v in repo.secret_lines),
          str([k for k, v in repo.secret_lines if v]))

    pods = [p for obj in objects for p in pod_specs(obj)]
    config_consumers = set()
    for where, spec, labels in pods:
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        pod_sc = spec.get("securityContext", {})
        for container, is_init in containers(spec):
            cname = f"{where}/{container['name']}"
            sc = container.get("securityContext", {})
            image, tag = image_repo(container["image"])
            # images: the ones compose runs, at compose's tag (ours: a release tag in prod)
            check(f"{cname} image {image} is a compose image", image in repo.compose_images, container["image"])
            compose_tag, compose_service = repo.compose_images.get(image, (None, None))
            if image == "pokewatch/mlflow":
                check(f"{cname} runs the MLflow image of docker/mlflow/Dockerfile", tag == repo.mlflow_version,
                      f"{tag} vs {repo.mlflow_version}")
            elif image.startswith("pokewatch/"):
                if build == "prod":
                    check(f"{cname} has a release tag in prod", tag not in ("latest", ""), tag)
            elif compose_tag is not None:
                check(f"{cname} image tag matches compose", tag == compose_tag, f"{tag} vs {compose_tag}")
            # security: non-root, read-only root file system, no escalation, resources
            non_root = sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot"))
            user = sc.get("runAsUser", pod_sc.get("runAsUser"))
            check(f"{cname} runs as non-root", non_root is True and user not in (None, 0), f"runAsUser={user}")
            check(f"{cname} has a read-only root file system", sc.get("readOnlyRootFilesystem") is True)
            check(f"{cname} cannot escalate privileges", sc.get("allowPrivilegeEscalation") is False)
            check(f"{cname} drops all capabilities", "ALL" in sc.get("capabilities", {}).get("drop", []))
            resources = container.get("resources", {})
            check(f"{cname} requests cpu and memory and limits memory",
                  {"cpu", "memory"} <= set(resources.get("requests", {})) and "memory" in resources.get("limits", {}),
                  str(resources))
            mounts = {m["mountPath"]: m for m in container.get("volumeMounts", [])}
            for m in mounts.values():
                check(f"{cname} mounts declared volume {m['name']}", m["name"] in volumes)
                vol = volumes.get(m["name"], {})
                if "persistentVolumeClaim" in vol:
                    check(f"{cname} claims an existing PVC", vol["persistentVolumeClaim"]["claimName"] in pvcs)
                if "configMap" in vol:
                    check(f"{cname} mounts an existing ConfigMap", vol["configMap"]["name"] in by_kind.get("ConfigMap", {}))
            if image.startswith("pokewatch/") and not is_init:
                tmp = mounts.get("/tmp")
                check(f"{cname} has a writable emptyDir on /tmp", tmp and "emptyDir" in volumes.get(tmp["name"], {}))
            # environment names: each one is read by what runs in the container
            names = [e["name"] for e in container.get("env", [])]
            env = {e["name"]: e for e in container.get("env", [])}
            if any(ref.get("configMapRef", {}).get("name", "").startswith("pokewatch-config") for ref in container.get("envFrom", [])):
                config_consumers.add(image)
            args = container.get("args") or []
            module = None
            if is_init:
                known = set()
            elif image == "pokewatch/mlflow" and "/opt/pokewatch/model-sync.py" in (container.get("command") or []):
                known = repo.sync_env
                check(f"{cname} script is in the MLflow image", "/opt/pokewatch/model-sync.py" in repo.mlflow_dockerfile)
                check(f"{cname} follows the registered model of params.yaml",
                      env.get("MODEL_SYNC_NAME", {}).get("value") == repo.registered_model)
            elif image.startswith("pokewatch/") and image != "pokewatch/mlflow":
                module = image.split("/")[1]
                known = repo.app_env.get(module, set())
                command = args[0] if args else None
                check(f"{cname} runs a launcher command of its module ({command})",
                      repo.command_module.get(command) == module, f"{command} -> {repo.command_module.get(command)}")
            else:
                svc = repo.compose.get(compose_service, {})
                known = set(svc.get("environment") or {}) | THIRD_PARTY_ENV.get(image, set())
            for name in names:
                if not is_init:
                    check(f"{cname} env {name} is read by the container", name in known)
                source = env[name].get("valueFrom", {})
                if "secretKeyRef" in source:
                    ref = source["secretKeyRef"]
                    check(f"{cname} env {name} comes from {SECRET_NAME}", ref["name"] == SECRET_NAME, ref["name"])
                    check(f"{cname} secret key {ref['key']} is in secrets.env.example", ref["key"] in repo.secret_keys)
                if "configMapKeyRef" in source:
                    check(f"{cname} env {name} is a pokewatch-config key", source["configMapKeyRef"]["key"] in config_keys)
            # ports and probes
            ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
            for probe_name in ("readinessProbe", "livenessProbe", "startupProbe"):
                probe = container.get(probe_name)
                if probe and "httpGet" in probe:
                    port = probe["httpGet"]["port"]
                    check(f"{cname} {probe_name} port is a container port", port in ports or port in ports.values(), str(port))
            if module == "serving-api":
                check(f"{cname} listens on the app's port {repo.serving_port}", list(ports.values()) == [repo.serving_port],
                      str(ports))
                ready = container.get("readinessProbe", {}).get("httpGet", {}).get("path")
                check(f"{cname} readiness is {repo.health_path} (503 until a model is loaded)", ready == repo.health_path,
                      str(ready))
                for probe_name in ("livenessProbe", "startupProbe"):
                    path = container.get(probe_name, {}).get("httpGet", {}).get("path", "")
                    check(f"{cname} {probe_name} is on the actuator's health endpoint",
                          path.startswith("/actuator/health") and repo.serving_health_exposed, path)
                    if path.rstrip("/").endswith(("/liveness", "/readiness")):
                        check(f"{cname} {probe_name} group is enabled",
                              env.get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", {}).get("value") == "true")
                model_dir = env.get("MODEL_DIR", {}).get("value", "")
                sync = next((c for c, _ in containers(spec) if c["name"] == "model-sync"), None)
                check(f"{where} has a model-sync sidecar", sync is not None)
                if sync:
                    sync_env = {e["name"]: e.get("value") for e in sync.get("env", [])}
                    root = sync_env.get("MODEL_SYNC_ROOT", "")
                    sync_mounts = {m["mountPath"]: m["name"] for m in sync.get("volumeMounts", [])}
                    check(f"{cname} reads MODEL_DIR=<sidecar root>/current from the shared volume",
                          model_dir == f"{root}/current" and root in mounts and mounts[root]["name"] == sync_mounts.get(root)
                          and "emptyDir" in volumes.get(sync_mounts.get(root, ""), {}), f"{model_dir} vs {root}")
            elif compose_service and not is_init and not image.startswith("pokewatch/"):
                published = {int(p.split(":")[-1]) for p in repo.compose[compose_service].get("ports", [])}
                if published:
                    check(f"{cname} ports include compose's {sorted(published)}", published <= set(ports.values()),
                          str(ports))
            elif image == "pokewatch/mlflow" and not is_init and "mlflow" in (container.get("command") or [""])[0]:
                published = {int(p.split(":")[-1]) for p in repo.compose["mlflow"].get("ports", [])}
                check(f"{cname} listens on compose's MLflow port", published <= set(ports.values()), str(ports))
                check(f"{cname} has its drivers (no pip at start)", "pip" not in " ".join(container.get("args", [])))
    for key in config_keys:
        readers = set().union(*(repo.app_env[i.split('/')[1]] for i in config_consumers
                                if i.startswith("pokewatch/") and i.split("/")[1] in repo.app_env)) | repo.sync_env
        check(f"pokewatch-config key {key} is read by a container that loads it", key in readers)

    # services select pods that have the target port
    for name, svc in by_kind.get("Service", {}).items():
        selected = [(w, s) for w, s, labels in pods if selects({"matchLabels": svc["spec"]["selector"]}, labels)]
        check(f"Service/{name} selects pods", selected)
        for port in svc["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            have = {p.get("name") for _, s in selected for c in s["containers"] for p in c.get("ports", [])} | \
                   {p["containerPort"] for _, s in selected for c in s["containers"] for p in c.get("ports", [])}
            check(f"Service/{name} target port {target} is a container port", target in have)

    # the serving API: two replicas at least, autoscaled and protected by a PDB that leaves room to drain
    serving = by_kind.get("Deployment", {}).get("serving-api")
    check("serving-api Deployment exists", serving is not None)
    if serving:
        labels = serving["spec"]["template"]["metadata"]["labels"]
        replicas = serving["spec"].get("replicas", 1)
        check("serving-api runs at least 2 replicas", replicas >= 2, str(replicas))
        if build == "prod":
            check("serving-api runs at least 3 replicas in prod", replicas >= 3, str(replicas))
        check("serving-api rolls without losing capacity",
              serving["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxUnavailable") == 0)
        hpas = [h for h in by_kind.get("HorizontalPodAutoscaler", {}).values()
                if h["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "serving-api"}]
        check("an HPA scales the serving-api Deployment", len(hpas) == 1)
        pdbs = [p for p in by_kind.get("PodDisruptionBudget", {}).values() if selects(p["spec"]["selector"], labels)]
        check("a PDB selects the serving pods", len(pdbs) == 1)
        services = [s for s in by_kind.get("Service", {}).values() if selects({"matchLabels": s["spec"]["selector"]}, labels)]
        check("a Service selects the serving pods", len(services) == 1)
        if hpas and pdbs:
            low = hpas[0]["spec"].get("minReplicas", 1)
            check("HPA keeps at least 2 serving replicas", low >= 2, str(low))
            check("PDB minAvailable leaves a pod to evict", pdbs[0]["spec"].get("minAvailable", 0) < min(low, replicas),
                  f"{pdbs[0]['spec'].get('minAvailable')} vs {low}")
        policies = [n for n in by_kind.get("NetworkPolicy", {}).values() if selects(n["spec"]["podSelector"], labels)
                    and n["spec"]["podSelector"]]
        check("a NetworkPolicy admits traffic to the serving port",
              any(p.get("port") == repo.serving_port for n in policies for r in n["spec"].get("ingress", [])
                  for p in r.get("ports", [])))
    check("ingress is denied by default", any(not n["spec"]["podSelector"] and n["spec"].get("ingress") is None
                                               for n in by_kind.get("NetworkPolicy", {}).values()))
    # the jobs share one ReadWriteOnce volume: they must never run twice at once
    cronjobs = by_kind.get("CronJob", {})
    check("collect, drift and retrain are CronJobs", {"collect", "drift", "retrain"} <= set(cronjobs), str(sorted(cronjobs)))
    for name, job in cronjobs.items():
        check(f"CronJob/{name} forbids overlapping runs", job["spec"].get("concurrencyPolicy") == "Forbid")
    return results


def check_files():
    results = []
    for copy_rel, original in FILE_COPIES.items():
        same = (K8S / "base" / copy_rel).read_bytes() == (ROOT / original).read_bytes()
        results.append((f"deploy/k8s/base/{copy_rel} equals {original}", same,
                        f"cp {original} deploy/k8s/base/{copy_rel}"))
    return results


def run_all(builds=None):
    repo = Repo()
    results = check_files()
    for build, path in (builds or BUILDS).items():
        objects = render(path)
        results.append((f"{build}: kustomize build renders", bool(objects), str(path)))
        for obj in objects:
            problems = schema_problems(obj)
            results.append((f"{build}: {obj['kind']}/{obj['metadata']['name']} validates against the "
                            f"Kubernetes {' and '.join(KUBERNETES_VERSIONS)} schemas (strict)", not problems,
                            "; ".join(problems)))
        results += check_build(build, objects, repo)
    return results


def main():
    results = run_all()
    failed = [r for r in results if not r[1]]
    for name, _, detail in failed:
        print(f"FAIL {name} {detail}")
    print(f"k8s: {len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
