"""Tests for scripts/check_k8s.py: the rendered manifests pass, and each kind of break fails.

Each test breaks a copy of the rendered dev (or prod) overlay in one way and asserts that the
named check fails. Run: .venv/bin/python scripts/check_k8s_tests.py
"""
import copy
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_k8s  # noqa: E402

REPO = check_k8s.Repo()
DEV = check_k8s.render(check_k8s.BUILDS["dev"])
PROD = check_k8s.render(check_k8s.BUILDS["prod"])


def find(objects, kind, name):
    return next(o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name)


def serving_container(objects, name="serving-api"):
    spec = find(objects, "Deployment", "serving-api")["spec"]["template"]["spec"]
    return next(c for c in spec["containers"] if c["name"] == name)


class CheckK8sTests(unittest.TestCase):
    """Tests for check_k8s.py."""

    def failures(self, objects, build="dev"):
        return [name for name, ok, _ in check_k8s.check_build(build, objects, REPO) if not ok]

    def assertFails(self, objects, fragment, build="dev"):
        failures = self.failures(objects, build)
        self.assertTrue(any(fragment in f for f in failures), f"no failure with '{fragment}' in {failures}")

    def test_rendered_overlays_should_pass(self):
        self.assertEqual(self.failures(copy.deepcopy(DEV)), [])
        self.assertEqual(self.failures(copy.deepcopy(PROD), "prod"), [])

    def test_schema_when_field_is_unknown_should_fail(self):
        deployment = copy.deepcopy(find(DEV, "Deployment", "serving-api"))
        deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
        self.assertTrue(check_k8s.schema_problems(deployment))

    def test_schema_when_type_is_wrong_should_fail(self):
        deployment = copy.deepcopy(find(DEV, "Deployment", "serving-api"))
        deployment["spec"]["replicas"] = "two"
        self.assertTrue(check_k8s.schema_problems(deployment))
        self.assertEqual(check_k8s.schema_problems(find(DEV, "Deployment", "serving-api")), [])

    def test_render_when_kustomization_is_broken_should_fail(self):
        with tempfile.TemporaryDirectory() as tmp:
            (pathlib.Path(tmp) / "kustomization.yaml").write_text("resources:\n  - missing.yaml\n")
            with self.assertRaisesRegex(RuntimeError, "kustomize build"):
                check_k8s.render(pathlib.Path(tmp))

    def test_one_replica_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "Deployment", "serving-api")["spec"]["replicas"] = 1
        self.assertFails(objects, "serving-api runs at least 2 replicas")

    def test_hpa_below_two_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "HorizontalPodAutoscaler", "serving-api")["spec"]["minReplicas"] = 1
        self.assertFails(objects, "HPA keeps at least 2 serving replicas")

    def test_pdb_selecting_other_pods_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "PodDisruptionBudget", "serving-api")["spec"]["selector"]["matchLabels"] = {"app": "other"}
        self.assertFails(objects, "a PDB selects the serving pods")

    def test_wrong_port_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects)["ports"][0]["containerPort"] = 8080
        self.assertFails(objects, "listens on the app's port 8000")

    def test_wrong_readiness_path_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects)["readinessProbe"]["httpGet"]["path"] = "/actuator/health"
        self.assertFails(objects, "readiness is /health")

    def test_unknown_env_name_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects)["env"].append({"name": "MODEL_DIRECTORY", "value": "/models"})
        self.assertFails(objects, "env MODEL_DIRECTORY is read by the container")

    def test_unknown_sidecar_env_name_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects, "model-sync")["env"].append({"name": "MODEL_SYNC_EVERY", "value": "5"})
        self.assertFails(objects, "env MODEL_SYNC_EVERY is read by the container")

    def test_secret_with_values_should_fail(self):
        objects = copy.deepcopy(DEV)
        objects.append({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "pokewatch-secrets"},
                        "stringData": {"POSTGRES_PASSWORD": "hunter2"}})
        self.assertFails(objects, "Secret/pokewatch-secrets carries no values")

    def test_unknown_secret_key_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects)["env"][2]["valueFrom"]["secretKeyRef"]["key"] = "API_KEYS_TYPO"
        self.assertFails(objects, "secret key API_KEYS_TYPO is in secrets.env.example")

    def test_writable_root_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects)["securityContext"]["readOnlyRootFilesystem"] = False
        self.assertFails(objects, "serving-api has a read-only root file system")

    def test_root_user_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "Deployment", "redis")["spec"]["template"]["spec"]["securityContext"]["runAsUser"] = 0
        self.assertFails(objects, "Deployment/redis/redis runs as non-root")

    def test_missing_limits_should_fail(self):
        objects = copy.deepcopy(DEV)
        del serving_container(objects, "model-sync")["resources"]["limits"]
        self.assertFails(objects, "model-sync requests cpu and memory and limits memory")

    def test_image_not_in_compose_should_fail(self):
        objects = copy.deepcopy(DEV)
        serving_container(objects)["image"] = "pokewatch/serving:latest"
        self.assertFails(objects, "image pokewatch/serving is a compose image")

    def test_third_party_tag_drift_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "Deployment", "redis")["spec"]["template"]["spec"]["containers"][0]["image"] = "redis:8"
        self.assertFails(objects, "image tag matches compose")

    def test_latest_in_prod_should_fail(self):
        objects = copy.deepcopy(PROD)
        serving_container(objects)["image"] = "pokewatch/serving-api:latest"
        self.assertFails(objects, "has a release tag in prod", "prod")

    def test_wrong_launcher_command_should_fail(self):
        objects = copy.deepcopy(DEV)
        job = find(objects, "CronJob", "drift")["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
        job["args"] = ["collect"]
        self.assertFails(objects, "runs a launcher command of its module (collect)")

    def test_overlapping_cronjob_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "CronJob", "retrain")["spec"]["concurrencyPolicy"] = "Allow"
        self.assertFails(objects, "CronJob/retrain forbids overlapping runs")

    def test_model_dir_off_the_shared_volume_should_fail(self):
        objects = copy.deepcopy(DEV)
        env = serving_container(objects)["env"]
        next(e for e in env if e["name"] == "MODEL_DIR")["value"] = "/app/models/baseline"
        self.assertFails(objects, "reads MODEL_DIR=<sidecar root>/current")

    def test_service_to_a_missing_port_should_fail(self):
        objects = copy.deepcopy(DEV)
        find(objects, "Service", "serving-api")["spec"]["ports"][0]["targetPort"] = "web"
        self.assertFails(objects, "Service/serving-api target port web is a container port")


if __name__ == "__main__":
    unittest.main()
