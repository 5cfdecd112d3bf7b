#!/usr/bin/env python3
"""Keeps a local copy of the model that the MLflow registry's alias (default `champion`) names.

Runs as the `model-sync` sidecar of every serving-api pod (deploy/k8s, docs/kubernetes.md). Every
MODEL_SYNC_INTERVAL seconds it asks the registry which version the alias points at
(GET /api/2.0/mlflow/registered-models/alias). When that differs from the served one, it downloads
the version's artifacts (its `source`, `<run artifact_uri>/model`, written by `validate`) into a
temporary folder under MODEL_SYNC_ROOT, checks that they hold model_metadata.json, moves them to
versions/v<N> and points the symlink `current` at them with one rename. serving-api reads
MODEL_DIR=<root>/current and reloads when model_metadata.json changes (MODEL_WATCH), so it sees
either the old model or the new one, never a half-copied one. Moving the alias back rolls back;
a version still kept on disk (the last two) is swapped back without a download.

Errors (registry down, download failed, bad artifacts) are logged and retried with exponential
back-off; what is served stays as it was. `--once` syncs once and exits (1 on failure).

Settings (environment):
  MLFLOW_TRACKING_URI        the MLflow server (required), e.g. http://mlflow:5000
  MLFLOW_TRACKING_USERNAME,
  MLFLOW_TRACKING_PASSWORD   HTTP Basic auth, or MLFLOW_TRACKING_TOKEN for a bearer token
  MODEL_SYNC_NAME            registered model (default pokewatch-baseline, params.yaml train.registered_model)
  MODEL_SYNC_ALIAS           alias to follow (default champion)
  MODEL_SYNC_ROOT            folder shared with serving-api (default /models)
  MODEL_SYNC_INTERVAL        seconds between polls (default 30)
  MODEL_SYNC_MAX_BACKOFF     longest wait after repeated errors, seconds (default 300)
"""
import base64
import json
import logging
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

log = logging.getLogger("model-sync")

METADATA_FILE = "model_metadata.json"
# versions kept on disk: the served one and the one before it, so a reload still reading the
# previous folder never loses it
KEEP_VERSIONS = 2


class Settings:
    """The environment, read once."""

    def __init__(self, env):
        self.tracking_uri = env.get("MLFLOW_TRACKING_URI", "").rstrip("/")
        if not self.tracking_uri:
            raise SystemExit("model-sync: MLFLOW_TRACKING_URI is not set")
        self.username = env.get("MLFLOW_TRACKING_USERNAME", "")
        self.password = env.get("MLFLOW_TRACKING_PASSWORD", "")
        self.token = env.get("MLFLOW_TRACKING_TOKEN", "")
        self.name = env.get("MODEL_SYNC_NAME", "pokewatch-baseline")
        self.alias = env.get("MODEL_SYNC_ALIAS", "champion")
        self.root = env.get("MODEL_SYNC_ROOT", "/models")
        self.interval = float(env.get("MODEL_SYNC_INTERVAL", "30"))
        self.max_backoff = float(env.get("MODEL_SYNC_MAX_BACKOFF", "300"))


def alias_version(settings):
    """(version, source) the alias points at, or None when the model or alias does not exist yet."""
    query = urllib.parse.urlencode({"name": settings.name, "alias": settings.alias})
    request = urllib.request.Request(f"{settings.tracking_uri}/api/2.0/mlflow/registered-models/alias?{query}")
    if settings.username or settings.password:
        pair = f"{settings.username}:{settings.password}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(pair).decode())
    elif settings.token:
        request.add_header("Authorization", "Bearer " + settings.token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.load(response)
    except urllib.error.HTTPError as error:
        # MLflow answers 404 for an unknown model and 400 INVALID_PARAMETER_VALUE for an unknown
        # alias: both mean "no champion yet" (as the training service reads it, docs/mlflow.md)
        if error.code in (400, 404):
            return None
        raise
    version = body["model_version"]
    return str(version["version"]), version["source"]


def served_version(root):
    """The version `current` points at, or None."""
    try:
        target = os.readlink(os.path.join(root, "current"))
    except OSError:
        return None
    name = os.path.basename(target)
    return name[1:] if name.startswith("v") else None


def download(settings, source, destination):
    """Downloads the artifacts at `source` into `destination` (an empty folder); returns the model folder."""
    # a progress bar per download is noise in a pod's log
    os.environ.setdefault("MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR", "false")
    # imported here so that the polling above costs no mlflow import when nothing changed
    import mlflow.artifacts

    path = mlflow.artifacts.download_artifacts(artifact_uri=source, dst_path=destination,
                                               tracking_uri=settings.tracking_uri)
    if not os.path.isfile(os.path.join(path, METADATA_FILE)):
        raise ValueError(f"{source} holds no {METADATA_FILE}: not a PokeWatch model, not served")
    return path


def swap_in(root, version, model_path):
    """Moves the downloaded model (None: already there) to versions/v<version>, points `current` at it atomically."""
    versions = os.path.join(root, "versions")
    os.makedirs(versions, exist_ok=True)
    target = os.path.join(versions, f"v{version}")
    if model_path is not None:
        os.rename(model_path, target)
    link = os.path.join(root, ".current.tmp")
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(os.path.join("versions", f"v{version}"), link)
    # rename over the old symlink is atomic: readers see the old target or the new one
    os.replace(link, os.path.join(root, "current"))


def prune(root, version):
    """Deletes all but the newest KEEP_VERSIONS folders, never the served one."""
    versions = os.path.join(root, "versions")
    folders = sorted((f for f in os.listdir(versions) if f.startswith("v")),
                     key=lambda f: os.path.getmtime(os.path.join(versions, f)), reverse=True)
    for folder in folders[KEEP_VERSIONS:]:
        if folder != f"v{version}":
            shutil.rmtree(os.path.join(versions, folder), ignore_errors=True)
            log.info("removed old model folder %s", folder)


def sync_once(settings):
    """One poll: returns the served version after it (None while there is no champion)."""
    found = alias_version(settings)
    current = served_version(settings.root)
    if found is None:
        log.info("no '%s' alias on model '%s' yet; serving %s", settings.alias, settings.name,
                 f"v{current}" if current else "nothing")
        return current
    version, source = found
    if version == current:
        return current
    kept = os.path.join(settings.root, "versions", f"v{version}")
    if os.path.isdir(kept):
        # a version served before (a roll back): its folder was renamed in whole, so it is
        # complete, and swapping back needs neither the registry's artifacts nor a download
        swap_in(settings.root, version, None)
        os.utime(kept)
        log.info("'%s' is version %s (serving %s): swapped back to the kept copy", settings.alias, version,
                 f"v{current}" if current else "nothing")
        return version
    log.info("'%s' is version %s (serving %s): downloading %s", settings.alias, version,
             f"v{current}" if current else "nothing", source)
    started = time.monotonic()
    incoming = os.path.join(settings.root, ".incoming")
    os.makedirs(incoming, exist_ok=True)
    # the temporary folder is on the same file system as versions/, so the move is a rename
    scratch = tempfile.mkdtemp(prefix=f"v{version}-", dir=incoming)
    try:
        model_path = download(settings, source, scratch)
        swap_in(settings.root, version, model_path)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    os.utime(os.path.join(settings.root, "versions", f"v{version}"))
    prune(settings.root, version)
    log.info("now serving version %s (%.1f s)", version, time.monotonic() - started)
    return version


def run(settings, sleep=time.sleep):
    """Polls forever; after an error waits interval * 2^errors, at most max_backoff."""
    errors = 0
    while True:
        try:
            sync_once(settings)
            errors = 0
            delay = settings.interval
        except Exception as error:  # noqa: BLE001 - any failure keeps the served model and retries
            errors += 1
            delay = min(settings.interval * 2 ** errors, settings.max_backoff)
            log.warning("sync failed (%s: %s); keeping the served model, retrying in %.0f s",
                        type(error).__name__, error, delay)
        sleep(delay)


def main(argv):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s model-sync %(levelname)s %(message)s")
    settings = Settings(os.environ)
    os.makedirs(settings.root, exist_ok=True)
    # downloads cut short by a restart of this container (the emptyDir outlives it)
    shutil.rmtree(os.path.join(settings.root, ".incoming"), ignore_errors=True)
    if "--once" in argv:
        try:
            sync_once(settings)
        except Exception as error:  # noqa: BLE001
            log.error("sync failed: %s: %s", type(error).__name__, error)
            return 1
        return 0
    run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
