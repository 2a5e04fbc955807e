#!/usr/bin/env bash
# The full test suite (what `npm test` and .ci/run run): installs what is missing, starts the local
# Kafka and checks PostgreSQL unless KAFKA_BROKERS / DATABASE_URL point elsewhere, then runs Jest
# on Node 24 (docs/adr/0001-toolchain.md). Extra arguments go to Jest.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

log() { printf 'test: %s\n' "$*" >&2; }

if [[ ! -x node_modules/.bin/node || package-lock.json -nt node_modules/.package-lock.json ]]; then
  log "installing dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Debian packages some tests drive, installed only when missing (as root; one apt-get update).
apt_updated=""
install_missing() { # <command> <package> <who needs it>
  command -v "$1" >/dev/null && return 0
  command -v apt-get >/dev/null || { log "$1 is missing and there is no apt-get; $3 will fail"; return 0; }
  log "installing $2 (apt-get)"
  if [[ -z "$apt_updated" ]]; then apt-get update -qq && apt_updated=1 || true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null || log "could not install $2; $3 will fail"
}
# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
[[ -n "${SKIP_BROWSER_INSTALL:-}" ]] || install_missing chromium chromium "the browser tests"
# tests/ops/k8s.spec.ts renders the overlays with `kubectl kustomize` (kubectl >= 1.27). The project
# machines' image has the "kubectl" package; Debian's own "kubernetes-client" (1.20) is too old.
[[ -n "${KUSTOMIZE:-}" ]] || command -v kustomize >/dev/null || install_missing kubectl kubectl "tests/ops/k8s.spec.ts"

if [[ -z "${KAFKA_BROKERS:-}" && -z "${USE_TESTCONTAINERS:-}" ]]; then
  tools/local/kafka.sh up
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-19092}"
fi
if [[ -z "${DATABASE_URL:-}" && -z "${USE_TESTCONTAINERS:-}" ]]; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
  tools/local/postgres.sh status >/dev/null
fi

export PATH="$ROOT/node_modules/.bin:$PATH"
# Jest's require(esm) path for NestJS 12 needs vm modules (STACK.md).
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
export LOG_LEVEL="${LOG_LEVEL:-silent}"
# Two workers by default; a caller that asks for --runInBand (the fault suite) or its own count keeps it.
workers=(--maxWorkers="${JEST_WORKERS:-2}")
for arg in "$@"; do
  case "$arg" in --runInBand | -i | --maxWorkers* | -w*) workers=() ;; esac
done
exec jest --config jest.config.js "${workers[@]}" "$@"
