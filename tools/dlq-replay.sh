#!/usr/bin/env bash
# Replays dead letters from <topic>.dlq back to <topic> (see tools/dlq-replay.ts and
# docs/operations.md, "Replay dead letters"). Runs the TypeScript source on the pinned Node 24.
#
#   tools/dlq-replay.sh --topic askfirst.order.v1 --all --dry-run
#   KAFKA_BROKERS=broker:9092 tools/dlq-replay.sh --topic askfirst.order.v1 --event-id <uuid>
#
# Inside a service container the same tool is compiled: node dist/tools/dlq-replay.js ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE="$ROOT/node_modules/.bin/node"
[[ -x "$NODE" ]] || NODE="$(command -v node)" || { echo "dlq-replay: node not found (run npm ci)" >&2; exit 1; }
cd "$ROOT"
exec "$NODE" -r ./tools/ts-register.js tools/dlq-replay.ts "$@"
