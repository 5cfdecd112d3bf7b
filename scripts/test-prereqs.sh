#!/usr/bin/env bash
# Installs what the test suite talks to for real: redis-server, promtool and headless Chromium with
# its driver (apt), the mlflow + dvc venv (with kubernetes-validate and its bundled schemas), and
# kustomize for the Kubernetes manifest checks (go install, pinned, into the git-ignored .tools/bin).
# Where it cannot install (not root, no apt), it says exactly what to install and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing redis-server (apt) for the rate-limit and reload tests ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "redis-server is missing: install it (sudo apt-get install -y redis-server, or brew install redis)." >&2
    exit 1
  fi
fi
if ! command -v promtool >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing prometheus (apt) for promtool, which checks and unit-tests the alert rules ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
    # the package starts a server; the tests only need promtool
    { systemctl disable --now prometheus || service prometheus stop; } >/dev/null 2>&1 || true
  else
    echo "promtool is missing: install it (sudo apt-get install -y prometheus, or brew install prometheus)." >&2
    exit 1
  fi
fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing chromium and chromium-driver (apt) for the web page's browser test ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "chromium and chromedriver are missing: install them (sudo apt-get install -y chromium chromium-driver)." >&2
    exit 1
  fi
fi
KUSTOMIZE_VERSION=v5.8.0
if [ "$(.tools/bin/kustomize version 2>/dev/null)" != "$KUSTOMIZE_VERSION" ]; then
  GO=$(command -v go || { [ -x /usr/local/go/bin/go ] && echo /usr/local/go/bin/go; } || true)
  if [ -z "$GO" ]; then
    echo "go (1.24 or newer) is required to install kustomize $KUSTOMIZE_VERSION for scripts/check-k8s.sh: install Go." >&2
    exit 1
  fi
  echo "Installing kustomize $KUSTOMIZE_VERSION (go install) into .tools/bin for the Kubernetes manifest checks ..."
  GOBIN="$PWD/.tools/bin" "$GO" install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
fi
command -v git >/dev/null 2>&1 || { echo "git is required by the DVC tests: install git." >&2; exit 1; }
scripts/tools-venv.sh
