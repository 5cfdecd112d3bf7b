"""Tests for model-sync.py, offline: a local HTTP stub answers the registry's alias call and the
artifacts are file: URIs, which mlflow.artifacts.download_artifacts copies without a server.

Run: .venv/bin/python -m unittest discover -s docker/mlflow -p 'test_*.py'
"""
import http.server
import importlib.util
import json
import os
import pathlib
import tempfile
import threading
import unittest

HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("model_sync", HERE / "model-sync.py")
model_sync = importlib.util.module_from_spec(spec)
spec.loader.exec_module(model_sync)


class RegistryStub(http.server.BaseHTTPRequestHandler):
    """Answers GET /api/2.0/mlflow/registered-models/alias from the class attribute `answer`."""

    answer = (404, {"error_code": "RESOURCE_DOES_NOT_EXIST"})
    requests = []

    def do_GET(self):
        RegistryStub.requests.append((self.path, self.headers.get("Authorization")))
        status, body = RegistryStub.answer
        if not self.path.startswith("/api/2.0/mlflow/registered-models/alias?"):
            status, body = 404, {}
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class ModelSyncTests(unittest.TestCase):
    """Tests for model-sync.py."""

    @classmethod
    def setUpClass(cls):
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RegistryStub)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.uri = f"http://127.0.0.1:{cls.server.server_address[1]}"

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        self.work = pathlib.Path(tempfile.mkdtemp())
        self.root = self.work / "models"
        self.settings = model_sync.Settings({"MLFLOW_TRACKING_URI": self.uri, "MODEL_SYNC_ROOT": str(self.root),
                                             "MODEL_SYNC_INTERVAL": "1", "MODEL_SYNC_MAX_BACKOFF": "5"})
        RegistryStub.requests = []
        self.addCleanup(lambda: __import__("shutil").rmtree(self.work, ignore_errors=True))

    def run_artifacts(self, version, with_metadata=True):
        """A run's artifacts folder holding model/ as `validate` registers it; returns its source URI."""
        model = self.work / "mlartifacts" / f"run{version}" / "artifacts" / "model"
        model.mkdir(parents=True)
        if with_metadata:
            (model / "model_metadata.json").write_text(json.dumps({"model_version": f"m{version}"}))
        (model / "features.parquet").write_bytes(b"PAR1" + bytes(1000) + b"PAR1")
        return model.as_uri()

    def champion(self, version, source):
        RegistryStub.answer = (200, {"model_version": {"name": "pokewatch-baseline", "version": str(version),
                                                       "source": source, "aliases": ["champion"]}})

    def served_metadata(self):
        return json.loads((self.root / "current" / "model_metadata.json").read_text())

    def test_sync_when_no_champion_should_serve_nothing(self):
        RegistryStub.answer = (400, {"error_code": "INVALID_PARAMETER_VALUE"})
        self.assertIsNone(model_sync.sync_once(self.settings))
        self.assertFalse((self.root / "current").exists())
        self.assertIn("name=pokewatch-baseline&alias=champion", RegistryStub.requests[0][0])

    def test_sync_when_champion_moves_should_swap_current_and_keep_two_versions(self):
        for version in (1, 2, 3):
            self.champion(version, self.run_artifacts(version))
            self.assertEqual(model_sync.sync_once(self.settings), str(version))
            self.assertEqual(self.served_metadata(), {"model_version": f"m{version}"})
            self.assertEqual(os.readlink(self.root / "current"), f"versions/v{version}")
        self.assertEqual(sorted(os.listdir(self.root / "versions")), ["v2", "v3"])
        self.assertEqual(os.listdir(self.root / ".incoming"), [])

    def test_sync_when_alias_moves_back_should_serve_the_kept_version_without_download(self):
        sources = {v: self.run_artifacts(v) for v in (1, 2)}
        for version in (1, 2):
            self.champion(version, sources[version])
            model_sync.sync_once(self.settings)
        # the artifact store is gone: a roll back to a kept version still works
        self.champion(1, "file:///does/not/exist")
        self.assertEqual(model_sync.sync_once(self.settings), "1")
        self.assertEqual(self.served_metadata(), {"model_version": "m1"})

    def test_sync_when_version_unchanged_should_not_download_again(self):
        self.champion(1, self.run_artifacts(1))
        model_sync.sync_once(self.settings)
        before = (self.root / "versions" / "v1").stat().st_ino
        self.champion(1, "file:///does/not/exist")
        self.assertEqual(model_sync.sync_once(self.settings), "1")
        self.assertEqual((self.root / "versions" / "v1").stat().st_ino, before)

    def test_sync_when_artifacts_are_not_a_model_should_keep_serving_the_old_one(self):
        self.champion(1, self.run_artifacts(1))
        model_sync.sync_once(self.settings)
        self.champion(2, self.run_artifacts(2, with_metadata=False))
        with self.assertRaisesRegex(ValueError, "holds no model_metadata.json"):
            model_sync.sync_once(self.settings)
        self.assertEqual(self.served_metadata(), {"model_version": "m1"})
        self.assertEqual(sorted(os.listdir(self.root / "versions")), ["v1"])
        self.assertEqual(os.listdir(self.root / ".incoming"), [])

    def test_sync_when_credentials_are_set_should_send_basic_auth(self):
        settings = model_sync.Settings({"MLFLOW_TRACKING_URI": self.uri, "MODEL_SYNC_ROOT": str(self.root),
                                        "MLFLOW_TRACKING_USERNAME": "u", "MLFLOW_TRACKING_PASSWORD": "p"})
        RegistryStub.answer = (404, {})
        model_sync.sync_once(settings)
        self.assertEqual(RegistryStub.requests[-1][1], "Basic dTpw")

    def test_run_when_registry_is_down_should_back_off_up_to_the_limit(self):
        settings = model_sync.Settings({"MLFLOW_TRACKING_URI": "http://127.0.0.1:1", "MODEL_SYNC_ROOT": str(self.root),
                                        "MODEL_SYNC_INTERVAL": "1", "MODEL_SYNC_MAX_BACKOFF": "5"})
        delays = []

        def sleep(seconds):
            delays.append(seconds)
            if len(delays) == 4:
                raise KeyboardInterrupt

        with self.assertLogs("model-sync", "WARNING"), self.assertRaises(KeyboardInterrupt):
            model_sync.run(settings, sleep=sleep)
        self.assertEqual(delays, [2, 4, 5, 5])


if __name__ == "__main__":
    unittest.main()
