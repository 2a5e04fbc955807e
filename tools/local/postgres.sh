#!/usr/bin/env bash
# Local PostgreSQL for askfirst: the server is NOT managed here (it already runs on
# the project's machines); this only checks it and creates the per-service databases.
#
#   tools/local/postgres.sh ensure   check the server answers, create missing askfirst_* databases
#   tools/local/postgres.sh status   exit 0 if the server answers (lists askfirst_* databases), 3 if not
#
# Connection: DATABASE_URL (postgres://user:pass@host:port/db) if set, else
# postgres://postgres@127.0.0.1:5432/postgres. Only host, port, user and password are
# used: databases are created from the `postgres` maintenance database, because
# DATABASE_URL may well point at one of the databases that does not exist yet.
set -euo pipefail

DATABASES=(askfirst_order askfirst_inventory askfirst_notification askfirst_customer_service)
DEFAULT_URL="postgres://postgres@127.0.0.1:5432/postgres"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { printf 'postgres.sh: error: %s\n' "$*" >&2; exit 1; }

urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }

# Parse the URL into libpq environment variables, so the password never appears
# on a command line (visible in ps) and psql needs no flags.
parse_url() {
  local url="$1" re='^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^:/?]+|\[[^]]+\])(:([0-9]+))?(/([^?]*))?(\?(.*))?$'
  [[ "$url" =~ $re ]] || die "cannot parse DATABASE_URL (expected postgres://user:pass@host:port/db)"
  local user="${BASH_REMATCH[3]}" pass="${BASH_REMATCH[5]}" host="${BASH_REMATCH[6]}"
  local port="${BASH_REMATCH[8]}" query="${BASH_REMATCH[12]}"
  export PGHOST="${host#[}"; PGHOST="${PGHOST%]}"
  export PGPORT="${port:-5432}"
  if [[ -n "$user" ]]; then export PGUSER; PGUSER="$(urldecode "$user")"; fi
  if [[ -n "$pass" ]]; then export PGPASSWORD; PGPASSWORD="$(urldecode "$pass")"; fi
  if [[ "$query" =~ (^|&)sslmode=([^&]*) ]]; then export PGSSLMODE="${BASH_REMATCH[2]}"; fi
  export PGDATABASE=postgres
  # Fail fast instead of libpq's indefinite wait when the host drops packets.
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-5}"
  # Never read ~/.psqlrc: it could change output format and break parsing.
  PSQL=(psql -X -A -t -q -v ON_ERROR_STOP=1)
  WHERE="${PGHOST}:${PGPORT} as user ${PGUSER:-$(id -un)}"
}

require_psql() {
  command -v psql >/dev/null 2>&1 ||
    die "psql not found; install the PostgreSQL client (Debian: apt-get install -y postgresql-client)"
}

# Returns 0 if we can connect; otherwise explains why on stderr. Auth errors get
# their own message: "start the server" would be the wrong advice there.
check_server() {
  local out
  out="$("${PSQL[@]}" -c 'select 1' </dev/null 2>&1)" && return 0
  out="${out//$'\n'/ }"
  if [[ "$out" =~ authentication|password|role\ .*does\ not\ exist|permission\ denied ]]; then
    log "error: PostgreSQL at $WHERE rejected the login; check the user/password in DATABASE_URL ($out)"
  else
    log "error: PostgreSQL not reachable at $WHERE; start it with 'service postgresql start' (or 'pg_ctlcluster 15 main start'), or point DATABASE_URL at a running server ($out)"
  fi
  return 1
}

db_exists() {
  [[ "$("${PSQL[@]}" -c "select 1 from pg_database where datname = '$1'" </dev/null)" == 1 ]]
}

cmd_ensure() {
  check_server || exit 1
  local db
  for db in "${DATABASES[@]}"; do
    if db_exists "$db"; then
      log "database $db exists"
      continue
    fi
    # Re-check on failure: a concurrent `ensure` may have created it meanwhile.
    if "${PSQL[@]}" -c "create database \"$db\"" </dev/null 2>/dev/null || db_exists "$db"; then
      log "created database $db"
    else
      die "could not create database $db at $WHERE (does the user have CREATEDB?)"
    fi
  done
  echo "PostgreSQL ready at $WHERE: ${DATABASES[*]}"
}

cmd_status() {
  check_server || { echo "stopped: PostgreSQL not reachable at $WHERE"; return 3; }
  local version present
  version="$("${PSQL[@]}" -c 'show server_version' </dev/null)"
  present="$("${PSQL[@]}" -c "select string_agg(datname, ' ' order by datname) from pg_database where datname like 'askfirst\_%'" </dev/null)"
  echo "running: PostgreSQL $version at $WHERE; askfirst databases: ${present:-none (run: tools/local/postgres.sh ensure)}"
}

case "${1:-}" in
  ensure | status)
    require_psql
    parse_url "${DATABASE_URL:-$DEFAULT_URL}"
    "cmd_$1"
    ;;
  *)
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
