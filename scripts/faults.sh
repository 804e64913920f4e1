#!/usr/bin/env bash
# Puts Vigil under load while its parts fail, and checks that nothing accepted is lost or counted twice:
#   1. measures the ingestion rate the stack reaches here;
#   2. loads it again and, while the load runs, kills collector-service, alert-service and recommendation-service
#      with SIGKILL (each started again at once) and restarts PostgreSQL; then checks that every upload and report
#      answered 2xx was stored, delivered and evaluated exactly once, that requests during an outage failed fast
#      (503, or a refused connection while a service was down) instead of hanging, and that readiness went down and
#      came back;
#   3. sends a corpus of hostile input and checks there is no 5xx, every service stays ready and nothing accepted
#      before changed;
#   4. sends many state changes at once on the same and on different alerts and recommendations: no 5xx, no lost
#      update;
#   5. holds a soak at half the measured rate and checks that memory and database connections stay flat.
#
#   scripts/faults.sh            the full run (about 6 minutes; VIGIL_SOAK_SECONDS sets the soak, 120 by default)
#   scripts/faults.sh --short    the same checks, quicker (about 3 minutes)
# It runs its own PostgreSQL server (port 55432) and its own stack (ports 29081-29084, logs under target/faults/), so
# restarting them harms nothing else. Exits non-zero when a check fails.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
export VIGIL_DB_PORT=${VIGIL_FAULTS_DB_PORT:-55432}
export VIGIL_PG_NAME=faults
source "$VIGIL_ROOT/scripts/lib/postgres.sh"
source "$VIGIL_ROOT/scripts/lib/credentials.sh"
export VIGIL_STACK_DIR=$VIGIL_ROOT/target/faults
export VIGIL_PORT_BASE=${VIGIL_FAULTS_PORT_BASE:-29080}
export VIGIL_DB_NAME=vigil_faults
STACK_LOG_TAG=faults
source "$VIGIL_ROOT/scripts/lib/stack.sh"
source "$VIGIL_ROOT/scripts/faults/checks.sh"

MODE=full
[[ ${1:-} == --short ]] && MODE=short
[[ $# -le 1 && ( -z ${1:-} || ${1:-} == --short ) ]] || { echo "usage: $0 [--short]" >&2; exit 2; }

if [[ $MODE == full ]]; then
  THREADS=4 LINES=500 MAX_SECONDS=15 FAULT_GAP=12 SOAK_SECONDS=${VIGIL_SOAK_SECONDS:-120} DRAIN_SECONDS=600
  STALL_SECONDS=90
else
  THREADS=4 LINES=200 MAX_SECONDS=5 FAULT_GAP=5 SOAK_SECONDS=${VIGIL_SOAK_SECONDS:-15} DRAIN_SECONDS=300
  STALL_SECONDS=60
fi
SUB=faults
WORK=$STACK_DIR/run
LOAD="java -Xmx256m $VIGIL_ROOT/scripts/faults/FaultLoad.java"

log() { echo "[faults] $*" >&2; }

main() {
  command -v jq >/dev/null 2>&1 || { log "faults.sh needs jq (apt-get install jq)"; exit 1; }
  rm -rf "$WORK"
  mkdir -p "$WORK"
  pg_ensure
  credentials_export
  trap faults_cleanup EXIT

  faults_stack_fresh
  faults_subscription
  watch_readiness "$WORK/readiness.log" &
  WATCHER=$!

  faults_measure_rate
  faults_under_failures
  faults_hostile_input
  faults_concurrent_changes
  faults_soak

  faults_summary
}

faults_cleanup() {
  local status=$?
  [[ -n ${WATCHER:-} ]] && kill "$WATCHER" 2>/dev/null
  stack_stop >/dev/null 2>&1 || true
  pg_stop_throwaway || true
  exit "$status"
}

main
