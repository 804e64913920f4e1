#!/usr/bin/env bash
# Runs Vigil's four services on this machine, in the background, against a local PostgreSQL.
#   scripts/run-local.sh start    start what is not running (PostgreSQL too), build first if needed; returns when ready
#   scripts/run-local.sh stop     stop the four services
#   scripts/run-local.sh status   say which services run and whether they are ready
# Logs and process ids are under target/local/. Ports: policy 8081, collector 8082, recommendation 8083, alert 8084.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$VIGIL_ROOT/scripts/lib/postgres.sh"
source "$VIGIL_ROOT/scripts/lib/credentials.sh"
STACK_LOG_TAG=run-local
source "$VIGIL_ROOT/scripts/lib/stack.sh"

case ${1:-} in
  start)
    pg_ensure
    credentials_export
    stack_start
    ;;
  stop) stack_stop ;;
  status) stack_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
