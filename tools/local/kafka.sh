#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) without Docker.
#
# The broker comes from Maven Central jars (see docs/adr/0002-local-kafka-without-docker.md):
# there is no Docker engine and no Kafka package on the project's machines.
#
#   tools/local/kafka.sh up       fetch jars if needed, start (or reuse) the broker, wait until ready
#   tools/local/kafka.sh down     stop the broker (SIGTERM, SIGKILL after 30 s)
#   tools/local/kafka.sh status   exit 0 if a broker answers, 3 if not
#   tools/local/kafka.sh logs     last lines of the broker log (logs -f to follow)
#   tools/local/kafka.sh reset    down, then delete all broker data
#
# Environment:
#   KAFKA_PORT             client port            (default 19092)
#   KAFKA_CONTROLLER_PORT  KRaft controller port  (default 19093)
#   ASKFIRST_HOME          broker state folder parent (default <repo>/.local)
#   ASKFIRST_CACHE         jar cache parent           (default ~/.cache/askfirst)
#   KAFKA_HEAP_OPTS        JVM heap flags             (default -Xms256m -Xmx512m)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

KAFKA_VERSION="$(tr -d '[:space:]' <"$SCRIPT_DIR/kafka-version")"
POM="$SCRIPT_DIR/kafka/pom.xml"

# Jars live outside the repo so `git clean` or a fresh checkout does not refetch 47 MB,
# and several checkouts/worktrees share one download.
CACHE_DIR="${ASKFIRST_CACHE:-${HOME:?HOME is not set; set ASKFIRST_CACHE}/.cache/askfirst}/kafka-$KAFKA_VERSION"
LIBS_DIR="$CACHE_DIR/libs"
FETCH_MARKER="$CACHE_DIR/fetched.ok"

STATE_DIR="${ASKFIRST_HOME:-$REPO_ROOT/.local}/kafka"
DATA_DIR="$STATE_DIR/data"
LOG_DIR="$STATE_DIR/logs"
SERVER_PROPS="$STATE_DIR/server.properties"
PID_FILE="$STATE_DIR/kafka.pid"
CLUSTER_ID_FILE="$STATE_DIR/cluster-id"
BROKER_LOG4J="$STATE_DIR/log4j.properties"
TOOLS_LOG4J="$STATE_DIR/tools-log4j.properties"
ADMIN_PROPS="$STATE_DIR/admin.properties"

KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"

READY_TIMEOUT_S=90
STOP_TIMEOUT_S=30

log() { printf 'kafka.sh: %s\n' "$*" >&2; }
die() { printf 'kafka.sh: error: %s\n' "$*" >&2; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 ||
    die "java not found; install a JDK 17+ (Debian: apt-get install -y openjdk-17-jre-headless)"
}

require_mvn() {
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found; install Maven to fetch the Kafka jars (Debian: apt-get install -y maven)"
}

# Portable "run with a deadline": coreutils timeout is not on every macOS.
with_timeout() {
  local secs="$1"; shift
  if command -v timeout >/dev/null 2>&1; then timeout "$secs" "$@"; else "$@"; fi
}

# Serialise up/down/reset so two concurrent callers (e.g. parallel CI steps) cannot
# both decide "not running" and start two brokers on one data dir.
take_lock() {
  mkdir -p "$STATE_DIR"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$STATE_DIR/.lock"
    flock -w 120 9 || die "timed out waiting for another kafka.sh on $STATE_DIR"
  fi
}

# --- jars ------------------------------------------------------------------

pom_hash() { sha256sum "$POM" 2>/dev/null | cut -d' ' -f1 || shasum -a 256 "$POM" | cut -d' ' -f1; }

# The marker records version + pom hash, so editing the pom (or kafka-version)
# triggers a refetch instead of silently using stale jars.
fetch_jars() {
  local want; want="$KAFKA_VERSION $(pom_hash)"
  if [[ -f "$FETCH_MARKER" && "$(cat "$FETCH_MARKER")" == "$want" ]]; then
    return 0
  fi
  require_mvn
  mkdir -p "$CACHE_DIR"
  # The cache may be shared between checkouts: one fetcher at a time.
  if command -v flock >/dev/null 2>&1; then
    exec 8>"$CACHE_DIR/.fetch.lock"
    flock -w 600 8 || die "timed out waiting for another Kafka jar fetch in $CACHE_DIR"
    if [[ -f "$FETCH_MARKER" && "$(cat "$FETCH_MARKER")" == "$want" ]]; then return 0; fi
  fi
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR (first run only)..."
  # Download into a temp folder and swap it in, so an interrupted fetch never
  # leaves a half-populated libs/ that looks usable.
  local tmp="$CACHE_DIR/libs.tmp.$$" mvn_log="$CACHE_DIR/fetch.log"
  rm -rf "$tmp"
  if ! mvn -q -B -f "$POM" -Dkafka.version="$KAFKA_VERSION" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
      </dev/null >"$mvn_log" 2>&1; then
    tail -n 30 "$mvn_log" >&2
    rm -rf "$tmp"
    die "could not fetch Kafka $KAFKA_VERSION from Maven Central (full log: $mvn_log)"
  fi
  ls "$tmp"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 || die "fetch finished but kafka_2.13-$KAFKA_VERSION.jar is missing in $tmp"
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  printf '%s\n' "$want" >"$FETCH_MARKER"
  log "fetched $(find "$LIBS_DIR" -name '*.jar' | wc -l | tr -d ' ') jars"
}

# Run a Kafka CLI class quietly (WARN to stderr) with the cached jars.
kafka_cli() {
  java -Xmx256m -Dlog4j.configuration="file:$TOOLS_LOG4J" -cp "$LIBS_DIR/*" "$@"
}

# --- config files ------------------------------------------------------------

# Client-side files for the CLI probes; separate from write_configs so `status`
# never rewrites the broker's config.
write_client_configs() {
  mkdir -p "$STATE_DIR"
  cat >"$TOOLS_LOG4J" <<'EOF'
# Generated by tools/local/kafka.sh: CLI tools only print warnings, to stderr.
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
# The admin client logs every refused connection while the broker starts.
log4j.logger.org.apache.kafka.clients=ERROR
EOF

  # Short client timeouts so each readiness probe fails fast instead of
  # retrying for the 60 s default.
  cat >"$ADMIN_PROPS" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=8000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=2000
EOF
}

write_configs() {
  mkdir -p "$DATA_DIR" "$LOG_DIR"
  write_client_configs
  # Rewritten on every `up` so port/env changes apply; identity (node.id,
  # cluster id, data) is stable, so this is safe on an existing data dir.
  cat >"$SERVER_PROPS" <<EOF
# Generated by tools/local/kafka.sh on every 'up' - edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# One node: every replication factor / ISR must be 1 or internal topics never get created.
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Fewer internal partitions than the 50 default: faster first consumer-group join on a dev box.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10

# Consumers join immediately (default waits 3 s), which keeps tests fast.
group.initial.rebalance.delay.ms=0
num.partitions=3
# Topics are created explicitly by the apps/tests, as in production.
auto.create.topics.enable=false
delete.topic.enable=true

# Small footprint for a 2-core dev box.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
log.retention.bytes=268435456
log.segment.bytes=16777216
log.retention.check.interval.ms=300000
EOF

  cat >"$BROKER_LOG4J" <<EOF
# Generated by tools/local/kafka.sh. Broker log: $LOG_DIR/server.log
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$LOG_DIR/server.log
log4j.appender.file.MaxFileSize=10MB
log4j.appender.file.MaxBackupIndex=3
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n

# Kafka logs every partition load, fetcher change, config dump and metadata
# delta at INFO; keep those at WARN so server.log stays readable.
log4j.logger.kafka=WARN
log4j.logger.org.apache.kafka=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
# ...but keep lifecycle ("Kafka Server started", shutdown) and consumer-group
# activity (joins, rebalances), which is what you debug locally.
log4j.logger.kafka.server.KafkaRaftServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
log4j.logger.kafka.server.ControllerServer=INFO
log4j.logger.org.apache.kafka.coordinator.group=INFO
EOF
}

format_storage_once() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  # The cluster id is generated once and kept, so a formatted data dir and the
  # id always match (StorageTool refuses mismatches).
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    kafka_cli kafka.tools.StorageTool random-uuid >"$CLUSTER_ID_FILE.tmp"
    mv "$CLUSTER_ID_FILE.tmp" "$CLUSTER_ID_FILE"
  fi
  log "formatting storage in $DATA_DIR (cluster id $(cat "$CLUSTER_ID_FILE"))"
  kafka_cli kafka.tools.StorageTool format -t "$(cat "$CLUSTER_ID_FILE")" -c "$SERVER_PROPS" >/dev/null
}

# --- process / readiness -----------------------------------------------------

# A pid only counts if it is still our broker: pids get reused after reboots.
our_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -qF "kafka.Kafka $SERVER_PROPS" || return 1
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Real readiness: the admin API answers a metadata request, not just an open socket.
broker_ready() {
  port_open "$KAFKA_PORT" || return 1
  [[ -f "$ADMIN_PROPS" && -f "$TOOLS_LOG4J" ]] || write_client_configs
  with_timeout 20 java -Xmx128m -Dlog4j.configuration="file:$TOOLS_LOG4J" -cp "$LIBS_DIR/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --command-config "$ADMIN_PROPS" --list >/dev/null 2>&1
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + READY_TIMEOUT_S))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      log "broker process exited during startup; last log lines:"
      tail -n 40 "$LOG_DIR/server.log" "$LOG_DIR/kafka.out" >&2 2>/dev/null || true
      die "Kafka failed to start (logs in $LOG_DIR)"
    fi
    broker_ready && return 0
    sleep 1
  done
  tail -n 40 "$LOG_DIR/server.log" >&2 2>/dev/null || true
  die "Kafka did not become ready at $BOOTSTRAP within ${READY_TIMEOUT_S}s (pid $pid still running; logs in $LOG_DIR)"
}

# --- commands ----------------------------------------------------------------

cmd_up() {
  require_java
  fetch_jars
  take_lock

  local pid
  if pid="$(our_pid)"; then
    if broker_ready; then
      log "Kafka already running (pid $pid), reusing it"
    else
      log "Kafka process $pid exists but is not ready yet; waiting for it"
      wait_ready "$pid"
    fi
    echo "Kafka $KAFKA_VERSION ready at $BOOTSTRAP"
    return 0
  fi
  if [[ -f "$PID_FILE" ]]; then
    log "removing stale pid file (process $(cat "$PID_FILE" 2>/dev/null) is gone)"
    rm -f "$PID_FILE"
  fi

  # Something else owns the port: reuse it if it is a Kafka broker (e.g. one
  # started from another checkout), refuse if it is anything else.
  if port_open "$KAFKA_PORT"; then
    if broker_ready; then
      log "a Kafka broker not started from $STATE_DIR already answers at $BOOTSTRAP; reusing it"
      echo "Kafka ready at $BOOTSTRAP (external broker)"
      return 0
    fi
    die "port $KAFKA_PORT is in use by something that is not a Kafka broker; free it or set KAFKA_PORT"
  fi
  port_open "$KAFKA_CONTROLLER_PORT" &&
    die "controller port $KAFKA_CONTROLLER_PORT is already in use; free it or set KAFKA_CONTROLLER_PORT"

  write_configs
  format_storage_once

  log "starting Kafka $KAFKA_VERSION (state in $STATE_DIR)"
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  # Own session + no stdin + output to a file: the broker survives the calling
  # shell/CI step and never blocks on a terminal. nohup/setsid exec in place,
  # so $! is the java pid itself. Fds 8/9 hold our flocks: close them, or the
  # long-lived broker would keep the locks and block the next kafka.sh call.
  # shellcheck disable=SC2086 # HEAP_OPTS is a list of JVM flags
  nohup ${detach[@]+"${detach[@]}"} java $HEAP_OPTS -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$BROKER_LOG4J" \
    -cp "$LIBS_DIR/*" kafka.Kafka "$SERVER_PROPS" \
    </dev/null >>"$LOG_DIR/kafka.out" 2>&1 8>&- 9>&- &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local started=$SECONDS
  wait_ready "$pid"
  log "broker pid $pid, ready after $((SECONDS - started))s"
  echo "Kafka $KAFKA_VERSION ready at $BOOTSTRAP"
}

cmd_down() {
  take_lock
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PID_FILE"
    log "Kafka is not running"
    return 0
  fi
  log "stopping Kafka (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then
    log "still running after ${STOP_TIMEOUT_S}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$PID_FILE"
  log "Kafka stopped"
}

cmd_status() {
  local pid=""
  pid="$(our_pid)" || pid=""
  if [[ -f "$LIBS_DIR/kafka_2.13-$KAFKA_VERSION.jar" ]] && command -v java >/dev/null 2>&1 && broker_ready; then
    if [[ -n "$pid" ]]; then
      echo "running: Kafka $KAFKA_VERSION at $BOOTSTRAP (pid $pid)"
    else
      echo "running: a Kafka broker answers at $BOOTSTRAP (not started from $STATE_DIR)"
    fi
    return 0
  fi
  if [[ -n "$pid" ]]; then
    echo "starting/not ready: pid $pid, nothing answering at $BOOTSTRAP yet"
  else
    echo "stopped: no Kafka at $BOOTSTRAP"
  fi
  return 3
}

cmd_logs() {
  local f="$LOG_DIR/server.log"
  [[ -f "$f" ]] || die "no broker log yet ($f); run: tools/local/kafka.sh up"
  # Follow only on request: a bare `logs` must terminate in CI.
  if [[ "${1:-}" == "-f" || "${1:-}" == "--follow" ]]; then
    exec tail -n 100 -F "$f"
  fi
  tail -n "${1:-200}" "$f"
}

cmd_reset() {
  cmd_down
  # Keep the lock file's directory; remove everything the broker wrote.
  rm -rf "$DATA_DIR" "$LOG_DIR" "$CLUSTER_ID_FILE" "$SERVER_PROPS" "$BROKER_LOG4J" \
    "$TOOLS_LOG4J" "$ADMIN_PROPS"
  log "deleted Kafka data in $STATE_DIR; run 'tools/local/kafka.sh up' to start fresh"
}

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  reset) cmd_reset ;;
  -h | --help | help) usage ;;
  *) usage >&2; exit 2 ;;
esac
