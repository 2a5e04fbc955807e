#!/usr/bin/env bash
# The whole askfirst system on one machine, no Docker: Kafka (tools/local/kafka.sh), the local
# PostgreSQL (tools/local/postgres.sh) and the four services, each from its TypeScript sources.
#
#   tools/stack.sh up       install dependencies if needed, start everything, wait until ready
#   tools/stack.sh down     stop the services (SIGTERM: graceful), then Kafka (--keep-kafka to leave it)
#   tools/stack.sh status   one line per component; exit 0 if all are ready
#   tools/stack.sh restart SERVICE
#
# Logs: .local/services/<name>.log (JSON lines). Ports: order 3001, inventory 3002,
# notification 3003, customer-service 3004 (override with <NAME>_PORT, e.g. ORDER_PORT).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ASKFIRST_HOME:-$ROOT/.local}/services"
SERVICES=(order inventory notification customer-service)
PG_BASE="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-19092}}"

log() { printf 'stack: %s\n' "$*" >&2; }
die() { printf 'stack: error: %s\n' "$*" >&2; exit 1; }

port_of() {
  case "$1" in
    order) echo "${ORDER_PORT:-3001}" ;;
    inventory) echo "${INVENTORY_PORT:-3002}" ;;
    notification) echo "${NOTIFICATION_PORT:-3003}" ;;
    customer-service) echo "${CUSTOMER_SERVICE_PORT:-3004}" ;;
  esac
}

database_url_of() {
  local name="askfirst_${1//-/_}"
  # Same server and credentials as DATABASE_URL, the service's own database.
  printf '%s' "$PG_BASE" | sed -E "s#/[^/?]*(\?|$)#/${name}\1#"
}

ensure_dependencies() {
  command -v npm >/dev/null || die "npm not found: install Node.js (npm 10+)"
  if [[ ! -x "$ROOT/node_modules/.bin/node" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
    log "installing dependencies (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

node_bin() { echo "$ROOT/node_modules/.bin/node"; }

ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$1")/health/ready"; }

pid_of() {
  local f="$STATE/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

# A variable from the ENV of services/<name>/Dockerfile, quoted or not.
image_env() {
  grep -oP "^\s*(ENV\s+)?$2=(\"\K[^\"]*|\K[^\"\s]+)" "services/$1/Dockerfile" | head -n 1
}

# The Node flags of the image's CMD, one per line: CMD ["node", <flags>..., "dist/.../main.js"].
image_node_args() {
  grep -oP '^CMD \[\K.*(?=\]\s*$)' "services/$1/Dockerfile" | tr ',' '\n' | sed 's/^ *"//; s/" *$//' | sed '1d;$d'
}

start_service() {
  local name="$1" port
  port="$(port_of "$name")"
  if pid_of "$name" >/dev/null; then
    log "$name already running (pid $(pid_of "$name"))"
    return
  fi
  mkdir -p "$STATE"
  (
    cd "$ROOT"
    # The memory settings of the service's image (its Dockerfile's ENV and CMD flags), as deployed.
    PORT="$port" DATABASE_URL="$(database_url_of "$name")" NODE_ENV="${NODE_ENV:-development}" \
      NODE_OPTIONS="$(image_env "$name" NODE_OPTIONS)" MALLOC_ARENA_MAX="$(image_env "$name" MALLOC_ARENA_MAX)" \
      nohup "$(node_bin)" $(image_node_args "$name") -r ./tools/ts-register.js "services/$name/src/main.ts" >>"$STATE/$name.log" 2>&1 &
    echo $! >"$STATE/$name.pid"
  )
  log "$name starting on :$port (log: ${STATE#"$ROOT"/}/$name.log)"
}

wait_ready() {
  local name="$1" deadline=$((SECONDS + 90))
  until ready "$name"; do
    if ! pid_of "$name" >/dev/null; then
      tail -n 30 "$STATE/$name.log" >&2 || true
      die "$name exited during start (see $STATE/$name.log)"
    fi
    ((SECONDS < deadline)) || die "$name not ready after 90 s (see $STATE/$name.log)"
    sleep 0.5
  done
}

stop_service() {
  local name="$1" pid
  pid="$(pid_of "$name")" || { rm -f "$STATE/$name.pid"; return 0; }
  kill -TERM "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 30 s; SIGKILL"; kill -KILL "$pid"; }
  rm -f "$STATE/$name.pid"
  log "$name stopped"
}

start_mailbox() {
  if [[ -f "$STATE/mailbox.pid" ]] && kill -0 "$(cat "$STATE/mailbox.pid")" 2>/dev/null; then return; fi
  mkdir -p "$STATE"
  (
    cd "$ROOT"
    nohup "$(node_bin)" -r ./tools/ts-register.js tools/local/mailbox.ts >>"$STATE/mailbox.log" 2>&1 &
    echo $! >"$STATE/mailbox.pid"
  )
  log "mailbox (SMTP :1025, web :8025) started"
}

cmd_up() {
  command -v curl >/dev/null || die "curl not found (apt-get install -y curl)"
  ensure_dependencies
  "$ROOT/tools/local/kafka.sh" up
  "$ROOT/tools/local/postgres.sh" ensure
  start_mailbox
  for s in "${SERVICES[@]}"; do start_service "$s"; done
  for s in "${SERVICES[@]}"; do wait_ready "$s"; done
  echo
  echo "askfirst is up (Kafka at $KAFKA_BROKERS):"
  for s in "${SERVICES[@]}"; do
    printf '  %-17s http://127.0.0.1:%s   (OpenAPI: /docs, health: /health/ready, metrics: /metrics)\n' "$s" "$(port_of "$s")"
  done
  echo "  agent console     http://127.0.0.1:$(port_of customer-service)/console   (token: npm run token -- agent agent-1)"
  echo "  shopper emails    http://127.0.0.1:8025   (local mail catcher)"
}

cmd_down() {
  for s in "${SERVICES[@]}"; do stop_service "$s"; done
  stop_service mailbox
  [[ "${1:-}" == "--keep-kafka" ]] || "$ROOT/tools/local/kafka.sh" down
}

cmd_status() {
  local ok=0
  "$ROOT/tools/local/kafka.sh" status || ok=1
  for s in "${SERVICES[@]}"; do
    if ready "$s"; then echo "$s: ready on :$(port_of "$s")"; else echo "$s: not ready"; ok=3; fi
  done
  return $ok
}

case "${1:-}" in
  up) cmd_up ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status ;;
  restart) [[ -n "${2:-}" ]] || die "usage: stack.sh restart SERVICE"; stop_service "$2"; start_service "$2"; wait_ready "$2" ;;
  *) echo "usage: tools/stack.sh up|down [--keep-kafka]|status|restart SERVICE" >&2; exit 2 ;;
esac
