#!/usr/bin/env bash
# Measures Vigil on this machine and prints one table: event ingestion end to end, state reports of many machines, a
# policy change over all of them, list reads over a million alerts, and each service's footprint, each beside the
# limit it is compared with (PostgreSQL's own insert rate, the HTTP rate of a trivial endpoint), measured in the same
# run.
#   scripts/bench.sh            the full run (about 15 minutes)
#   scripts/bench.sh --short    the same scenarios, small and quick (about a minute and a half
#                               once the services are built), to keep the harness working
#   scripts/bench.sh --record   the full run, and its table written to docs/benchmarks.md
# The benchmark runs a stack of its own (ports 28081-28084, database vigil_bench, logs under target/bench/; set
# VIGIL_BENCH_PORT_BASE, VIGIL_BENCH_DB and VIGIL_BENCH_DIR to run a second one beside it), so it never
# touches the local run's data: started fresh for each run and stopped at the end, unless --reuse (use the benchmark
# stack already running, and leave it running) or --keep (leave it running afterwards). Traffic goes to loopback only
# and every load is bounded in time.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$VIGIL_ROOT/scripts/lib/postgres.sh"
source "$VIGIL_ROOT/scripts/lib/credentials.sh"
export VIGIL_STACK_DIR=${VIGIL_BENCH_DIR:-$VIGIL_ROOT/target/bench}
export VIGIL_PORT_BASE=${VIGIL_BENCH_PORT_BASE:-28080}
export VIGIL_DB_NAME=${VIGIL_BENCH_DB:-vigil_bench}
STACK_LOG_TAG=bench
source "$VIGIL_ROOT/scripts/lib/stack.sh"
source "$VIGIL_ROOT/scripts/bench/data.sh"
source "$VIGIL_ROOT/scripts/bench/measure.sh"

MODE=full
REUSE=false
RECORD=false
KEEP=false
for arg in "$@"; do
  case $arg in
    --short) MODE=short ;;
    --reuse) REUSE=true KEEP=true ;;
    --keep) KEEP=true ;;
    --record) RECORD=true ;;
    *) echo "usage: $0 [--short] [--reuse] [--keep] [--record]" >&2; exit 2 ;;
  esac
done

# The sizes of each scenario; --short keeps every scenario but makes it small.
if [[ $MODE == full ]]; then
  LIMIT_SECONDS=10 INGEST_SECONDS=60 INGEST_CONNECTIONS=8 INGEST_MACHINES=200 COPY_ROWS=500000
  STATE_MACHINES=10000 READ_ALERTS=1000000 READ_RECOMMENDATIONS=100000 READ_SECONDS=20 READ_WARM_SECONDS=10
  DRAIN_SECONDS=600
else
  LIMIT_SECONDS=3 INGEST_SECONDS=8 INGEST_CONNECTIONS=8 INGEST_MACHINES=20 COPY_ROWS=50000
  STATE_MACHINES=200 READ_ALERTS=20000 READ_RECOMMENDATIONS=5000 READ_SECONDS=4 READ_WARM_SECONDS=3
  DRAIN_SECONDS=120
fi
WRK_THREADS=2

WORK=$STACK_DIR/run
log() { echo "[bench] $*" >&2; }

main() {
  bench_tools
  mkdir -p "$WORK"
  pg_ensure
  credentials_export
  [[ $KEEP == true ]] || trap 'stack_stop >/dev/null 2>&1' EXIT
  bench_stack_up
  bench_subscriptions

  bench_limits
  bench_ingestion
  bench_state_reports
  bench_policy_change
  bench_reads
  bench_footprint_after

  bench_table | tee "$WORK/table.md"
  [[ $RECORD == true ]] && bench_record
  bench_verdict
}

main
