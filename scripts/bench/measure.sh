# The benchmark's scenarios, sourced by bench.sh. Each one fills entries of RESULT (figures for the table) and adds
# to PROBLEMS what went wrong in a way that makes the run's figures meaningless (a request refused, data not current
# by the deadline): a run with problems exits non-zero.

declare -A RESULT=()
declare -A READY_MS=() RSS_IDLE=() RSS_LOAD=()
PROBLEMS=()

SUB_EVENTS=bench-events
SUB_STATE=bench-state
SUB_READS=bench-reads
LUA=$VIGIL_ROOT/scripts/bench
export BENCH_LUA=$LUA

problem() { PROBLEMS+=("$*"); log "PROBLEM: $*"; }

now() { echo "$EPOCHREALTIME"; }

# Seconds from $1 to $2 (or to now), with millisecond precision.
elapsed() { awk -v a="$1" -v b="${2:-$EPOCHREALTIME}" 'BEGIN { printf "%.3f", b - a }'; }

sql() {
  PGPASSWORD=$VIGIL_DB_PASSWORD psql -h "$VIGIL_DB_HOST" -p "$VIGIL_DB_PORT" -U "$VIGIL_DB_USER" -d "$VIGIL_DB_NAME" \
    -X -q -At -v ON_ERROR_STOP=1 "$@"
}

bench_tools() {
  local missing=() tool
  for tool in wrk jq curl; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    log "bench.sh needs ${missing[*]} (apt-get install ${missing[*]})"
    exit 1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Resident memory of a service's process, in MiB.
rss_mib() {
  local pid
  pid=$(stack_pid "$1") || { echo 0; return; }
  awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$pid/status"
}

# Samples every service's resident memory once a second into $1 until the file $1.stop appears.
sample_rss() {
  local out=$1 service
  : >"$out"
  while [[ ! -f $out.stop ]]; do
    for service in "${STACK_SERVICES[@]}"; do echo "$service $(rss_mib "$service")" >>"$out"; done
    sleep 1
  done
}

max_rss() { awk -v s="$2" '$1 == s && $2 > max { max = $2 } END { print max + 0 }' "$1"; }

# CPU time a service's process has used so far, in milliseconds (user and system).
cpu_ms() {
  local pid
  pid=$(stack_pid "$1") || { echo 0; return; }
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / tick }' "/proc/$pid/stat"
}

# CPU time all PostgreSQL server processes of this machine have used so far, in milliseconds.
postgres_cpu_ms() {
  local tick total=0 pid
  tick=$(getconf CLK_TCK)
  for pid in $(pgrep -x postgres); do
    total=$((total + $(awk -v tick="$tick" '{ printf "%d", ($14 + $15) * 1000 / tick }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# Starts the benchmark's stack from empty schemas, one service after the other, timing each until it is ready.
bench_stack_up() {
  local service start
  if [[ $REUSE == true ]] && stack_status >/dev/null; then
    log "reusing the running benchmark stack; its start-up is not measured"
    for service in "${STACK_SERVICES[@]}"; do READY_MS[$service]=; RSS_IDLE[$service]=$(rss_mib "$service"); done
    return 0
  fi
  stack_stop >/dev/null
  for service in "${STACK_SERVICES[@]}"; do
    if curl -s -o /dev/null --max-time 2 "$(stack_url "$service")/q/health/live"; then
      problem "port ${STACK_PORTS[$service]} is taken by a process this benchmark did not start; stop it first"
      exit 1
    fi
  done
  if [[ -z $(sql -d postgres -c "select 1 from pg_database where datname = '$VIGIL_DB_NAME'") ]]; then
    sql -d postgres -c "create database $VIGIL_DB_NAME"
  fi
  sql -c "drop schema if exists policy, collector, recommendation, alert, bench_limit cascade" 2>/dev/null
  stack_build
  for service in "${STACK_SERVICES[@]}"; do
    start=$(now)
    stack_start_one "$service" VIGIL_ALERT_RETENTION_INTERVAL=off >/dev/null
    stack_wait_ready "$service" || { problem "$service did not start"; exit 1; }
    READY_MS[$service]=$(awk -v s="$(elapsed "$start")" 'BEGIN { printf "%d", s * 1000 }')
  done
  sleep 5
  for service in "${STACK_SERVICES[@]}"; do RSS_IDLE[$service]=$(rss_mib "$service"); done
  log "stack ready: ${READY_MS[*]} ms"
}

# Three subscriptions: events, state reports, reads. The first two collect data on the Standard tier.
bench_subscriptions() {
  ADMIN="Authorization: Bearer $("$VIGIL_ROOT/scripts/token.sh" SecurityAdmin "$SUB_EVENTS" "$SUB_STATE" "$SUB_READS")"
  READER="Authorization: Bearer $("$VIGIL_ROOT/scripts/token.sh" Reader "$SUB_READS")"
  local sub
  for sub in "$SUB_EVENTS" "$SUB_STATE"; do
    curl -fsS -o /dev/null -X PUT -H "$ADMIN" -H 'Content-Type: application/json' \
      -d '{"dataCollection": "On", "pricingTier": "Standard"}' "$STACK_POLICY_URL/api/v1/subscriptions/$sub/policy"
  done
  EVENTS_KEY=$(VIGIL_COLLECTOR_URL=$STACK_COLLECTOR_URL "$VIGIL_ROOT/scripts/ingestion-key.sh" "$SUB_EVENTS")
  STATE_KEY=$(VIGIL_COLLECTOR_URL=$STACK_COLLECTOR_URL "$VIGIL_ROOT/scripts/ingestion-key.sh" "$SUB_STATE")
}

# A wrk line "RESULT a=1 b=2" as KEY=value words for eval-free reading: result_field FILE NAME
result_field() { sed -nE "s/^RESULT .*\\<$2=([^ ]+).*/\\1/p" "$1" | tail -n 1; }

# The HTTP rate of a trivial endpoint of each service (liveness: no database, no security), the ceiling any endpoint
# of that service is compared with.
bench_limits() {
  local service out
  for service in collector-service recommendation-service alert-service; do
    out=$WORK/trivial-$service.txt
    # The first run warms the service up; the second, which overwrites its output, is measured.
    for _ in warm-up measured; do
      wrk -t"$WRK_THREADS" -c32 -d"${LIMIT_SECONDS}s" "$(stack_url "$service")/q/health/live" >"$out" 2>&1
    done
    RESULT[trivial_$service]=$(awk '/^Requests\/sec:/ { printf "%d", $2 }' "$out")
  done
  log "trivial endpoint: collector ${RESULT[trivial_collector-service]} req/s"
}

# Events uploaded for INGEST_SECONDS, then followed until every accepted event is stored in alert-service, which runs
# the detections in the same transaction: the end-to-end rate counts from the first upload to the last evaluation.
bench_ingestion() {
  local syslog=$WORK/syslog.txt windows=$WORK/windows.json out=$WORK/ingest.txt start sent done_at collected stored
  bench_syslog_body "$syslog"
  bench_windows_body "$windows"
  sample_rss "$WORK/rss-ingest.txt" &
  local sampler=$!
  local service
  declare -A cpu_before=()
  for service in "${STACK_SERVICES[@]}"; do cpu_before[$service]=$(cpu_ms "$service"); done
  local pg_before
  pg_before=$(postgres_cpu_ms)

  start=$(now)
  BENCH_SUBSCRIPTION=$SUB_EVENTS BENCH_MACHINES=$INGEST_MACHINES BENCH_MIX=3 BENCH_SYSLOG_BODY=$syslog \
    BENCH_WINDOWS_BODY=$windows BENCH_KEY_HEADER=$EVENTS_KEY \
    wrk -t"$WRK_THREADS" -c"$INGEST_CONNECTIONS" -d"${INGEST_SECONDS}s" --timeout 30s -s "$LUA/events.lua" \
    "$STACK_COLLECTOR_URL" -- "$WRK_THREADS" >"$out" 2>&1
  sent=$(now)

  local deadline=$((SECONDS + DRAIN_SECONDS)) lag_max=0 backlog
  while :; do
    read -r collected stored backlog < <(sql -F ' ' -c \
      "select (select count(*) from collector.event), (select count(*) from alert.event),
              (select count(*) from collector.outbox)")
    [[ $collected -gt 0 && $collected -eq $stored && $backlog -eq 0 ]] && break
    if ((SECONDS > deadline)); then
      problem "ingestion: $stored of $collected events reached alert-service within ${DRAIN_SECONDS}s"
      break
    fi
    sleep 0.25
  done
  done_at=$(now)
  touch "$WORK/rss-ingest.txt.stop"
  wait "$sampler" 2>/dev/null || true
  rm -f "$WORK/rss-ingest.txt.stop"

  for service in "${STACK_SERVICES[@]}"; do
    RSS_LOAD[$service]=$(max_rss "$WORK/rss-ingest.txt" "$service")
    RESULT[cpu_$service]=$(awk -v a="${cpu_before[$service]}" -v b="$(cpu_ms "$service")" -v n="$collected" \
      'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1000 / n : 0) }')
  done
  RESULT[cpu_postgres]=$(awk -v a="$pg_before" -v b="$(postgres_cpu_ms)" -v n="$collected" \
    'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1000 / n : 0) }')
  [[ $(result_field "$out" failed) == 0 ]] || problem "ingestion: $(result_field "$out" failed) uploads refused"
  [[ $(result_field "$out" errors) == 0 ]] || problem "ingestion: $(result_field "$out" errors) socket errors"

  RESULT[ingest_events]=$collected
  RESULT[ingest_uploads]=$(result_field "$out" ok)
  RESULT[ingest_accept_rate]=$(awk -v n="$collected" -v s="$(elapsed "$start" "$sent")" 'BEGIN { printf "%d", n / s }')
  RESULT[ingest_e2e_seconds]=$(elapsed "$start" "$done_at")
  RESULT[ingest_e2e_rate]=$(awk -v n="$stored" -v s="${RESULT[ingest_e2e_seconds]}" 'BEGIN { printf "%d", n / s }')
  RESULT[ingest_p50]=$(result_field "$out" p50_ms)
  RESULT[ingest_p99]=$(result_field "$out" p99_ms)
  read -r RESULT[lag_p50] RESULT[lag_p99] RESULT[lag_max] < <(sql -F ' ' -c \
    "select round(percentile_cont(0.5) within group (order by lag)::numeric, 2),
            round(percentile_cont(0.99) within group (order by lag)::numeric, 2), round(max(lag)::numeric, 2)
     from (select extract(epoch from a.received_at - c.received_at) as lag
           from alert.event a join collector.event c using (id)) lags")
  RESULT[ingest_alerts]=$(sql -c "select count(*) from alert.alert where subscription_id = '$SUB_EVENTS'")
  log "ingestion: ${RESULT[ingest_events]} events, ${RESULT[ingest_e2e_rate]} events/s end to end"

  bench_copy_limit
}

# PostgreSQL's own rate for the same rows: the normalized events alert-service stored, copied back by a client on this
# machine with COPY into a table of the same columns and indexes.
bench_copy_limit() {
  local csv=$WORK/events.csv rows start
  sql -c "create schema if not exists bench_limit;
          drop table if exists bench_limit.event;
          create table bench_limit.event (like alert.event including defaults including constraints);
          alter table bench_limit.event add primary key (id, event_time);
          create index on bench_limit.event (machine_key, category, action, source_address, event_time);
          create index on bench_limit.event (machine_key, category, action, lower(coalesce(account, '')));
          create index on bench_limit.event (machine_key, category, action, lower(coalesce(threat, '')));"
  sql -c "\\copy (select * from alert.event limit $COPY_ROWS) to '$csv' with (format csv)"
  rows=$(sql -c "select least(count(*), $COPY_ROWS) from alert.event")
  start=$(now)
  sql -c "\\copy bench_limit.event from '$csv' with (format csv)"
  RESULT[copy_rows]=$rows
  RESULT[copy_rate]=$(awk -v n="$rows" -v s="$(elapsed "$start")" 'BEGIN { printf "%d", n / s }')
  sql -c "drop schema bench_limit cascade"
  rm -f "$csv"
  log "COPY of $rows event rows: ${RESULT[copy_rate]} rows/s"
}

# A recommendation count by type, Active only, for one subscription: "Type=count Type=count ...".
active_by_type() {
  sql -c "select coalesce(string_agg(type || '=' || n, ' ' order by type), '') from (select type, count(*) n
          from recommendation.recommendation where subscription_id = '$1' and state = 'Active' group by type) t"
}

active_count() {
  sql -c "select count(*) from recommendation.recommendation
          where subscription_id = '$1' and state = 'Active' and type = '$2'"
}

# What every machine of the state scenario must show once its report and its scan are evaluated.
STATE_EXPECTED=(ApplyDiskEncryption ApplySystemUpdates RebootAfterSystemUpdates RemediateOsVulnerabilities
  RemediateVulnerabilities)

state_current() {
  local type
  for type in "${STATE_EXPECTED[@]}"; do
    [[ $(active_count "$SUB_STATE" "$type") -eq $STATE_MACHINES ]] || return 1
  done
  [[ $(active_count "$SUB_STATE" VulnerabilityAssessmentNotInstalled) -eq 0 ]]
}

# Runs a wrk script that sends a fixed number of requests and marks each thread's end in a file; wrk stops when
# every thread is done (wrk itself only knows durations). run_counted OUT SCRIPT URL ARGS...
run_counted() {
  local out=$1 script=$2 url=$3 pid t
  shift 3
  rm -f "$out".done.*
  BENCH_DONE_FILE=$out.done wrk -t"$WRK_THREADS" -c"$INGEST_CONNECTIONS" -d"${DRAIN_SECONDS}s" --timeout 30s \
    -s "$script" "$url" -- "$WRK_THREADS" "$@" >"$out" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    local finished=0
    for ((t = 0; t < WRK_THREADS; t++)); do [[ -f $out.done.$t ]] && finished=$((finished + 1)); done
    if [[ $finished -eq $WRK_THREADS ]]; then kill -INT "$pid"; break; fi
    sleep 0.05
  done
  wait "$pid" || true
  rm -f "$out".done.*
}

# STATE_MACHINES machines each send a full state report and a Trivy scan of 100 findings; then the recommendations
# are followed until every machine shows what its report and scan imply.
bench_state_reports() {
  local report=$WORK/report.json trivy=$WORK/trivy.json out=$WORK/state.txt start sent
  bench_report_body "$report"
  bench_trivy_body "$trivy"

  start=$(now)
  BENCH_SUBSCRIPTION=$SUB_STATE BENCH_MACHINES=$STATE_MACHINES BENCH_REPORT_BODY=$report BENCH_TRIVY_BODY=$trivy \
    BENCH_KEY_HEADER=$STATE_KEY run_counted "$out" "$LUA/state.lua" "$STACK_COLLECTOR_URL"
  sent=$(now)
  [[ $(result_field "$out" failed) == 0 ]] || problem "state reports: $(result_field "$out" failed) refused"

  local deadline=$((SECONDS + DRAIN_SECONDS))
  until state_current; do
    if ((SECONDS > deadline)); then
      problem "state reports: not current after ${DRAIN_SECONDS}s: $(active_by_type "$SUB_STATE")"
      break
    fi
    sleep 0.5
  done
  RESULT[state_requests]=$(result_field "$out" ok)
  RESULT[state_rate]=$(awk -v n="${RESULT[state_requests]}" -v s="$(elapsed "$start" "$sent")" \
    'BEGIN { printf "%d", n / s }')
  RESULT[state_p50]=$(result_field "$out" p50_ms)
  RESULT[state_p99]=$(result_field "$out" p99_ms)
  RESULT[state_current_seconds]=$(elapsed "$start")
  log "state reports: ${RESULT[state_requests]} in $(elapsed "$start" "$sent") s; current after ${RESULT[state_current_seconds]} s"
}

set_disk_encryption() {
  curl -fsS -o /dev/null -X PUT -H "$ADMIN" -H 'Content-Type: application/json' \
    -d "{\"dataCollection\": \"On\", \"pricingTier\": \"Standard\", \"recommendations\": {\"diskEncryption\": \"$1\"}}" \
    "$STACK_POLICY_URL/api/v1/subscriptions/$SUB_STATE/policy"
}

# Turning disk encryption off for the subscription re-evaluates all its machines without a new report; the time is
# until the last ApplyDiskEncryption has left the active list, and, turned on again, until every one is back. The
# measured pair follows an unmeasured one, so that it is the time of a service past its JIT warm-up, as the other
# figures are; the warm-up's times are reported beside it.
bench_policy_change() {
  policy_toggle Off 0 policy_warm_off
  policy_toggle On "$STATE_MACHINES" policy_warm_on
  policy_toggle Off 0 policy_off_seconds
  policy_toggle On "$STATE_MACHINES" policy_on_seconds
  log "policy change over $STATE_MACHINES machines: off ${RESULT[policy_off_seconds]} s," \
    "on ${RESULT[policy_on_seconds]} s (first pair ${RESULT[policy_warm_off]} s, ${RESULT[policy_warm_on]} s)"
}

# policy_toggle SWITCH ACTIVE RESULT_NAME: sets diskEncryption and waits until ACTIVE ApplyDiskEncryption are active.
policy_toggle() {
  local switch=$1 expected=$2 name=$3 start deadline
  start=$(now)
  set_disk_encryption "$switch"
  deadline=$((SECONDS + DRAIN_SECONDS))
  until [[ $(active_count "$SUB_STATE" ApplyDiskEncryption) -eq $expected ]]; do
    if ((SECONDS > deadline)); then
      problem "policy change: ApplyDiskEncryption not $expected after diskEncryption $switch"
      break
    fi
    sleep 0.1
  done
  RESULT[$name]=$(elapsed "$start")
}

# Follows nextLink from a first page N times and prints the path of the page reached.
page_after() {
  local url=$1 pages=$2 next i
  next=$url
  for ((i = 0; i < pages; i++)); do
    next=$(curl -fsS -H "$READER" "$next" | jq -r '.nextLink // empty')
    [[ -n $next ]] || break
  done
  [[ -n $next ]] && echo "${next#http://127.0.0.1:*/}" | sed 's#^#/#'
}

# Lists at scale: alerts and recommendations stored straight into their tables (as many as years of a large estate),
# then read through the API with the filters a frontend uses, first pages and deep ones.
bench_reads() {
  log "storing $READ_ALERTS alerts and $READ_RECOMMENDATIONS recommendations"
  sql -v sub="$SUB_READS" -v alerts="$READ_ALERTS" -v recommendations="$READ_RECOMMENDATIONS" \
    -f "$LUA/seed-reads.sql"

  local base=/api/v1/subscriptions/$SUB_READS urls=$WORK/alert-urls.txt
  {
    echo "$base/alerts"
    echo "$base/alerts?status=Active"
    echo "$base/alerts?severity=High"
    echo "$base/alerts?alertType=PortScan"
    echo "$base/alerts?resourceGroup=rg-3"
    echo "$base/alerts?resourceGroup=rg-3&machine=vm-00042"
    echo "$base/alerts?status=Active&severity=High&alertType=SshBruteForce"
    echo "$base/alerts?from=$(date -u -d '-3 days' +%Y-%m-%dT00:00:00Z)&to=$(date -u -d '-2 days' +%Y-%m-%dT00:00:00Z)"
    page_after "$STACK_ALERT_URL$base/alerts" 20
    page_after "$STACK_ALERT_URL$base/alerts?status=Active" 20
  } >"$urls"
  bench_read_run alerts "$STACK_ALERT_URL" "$urls" alert-service

  urls=$WORK/recommendation-urls.txt
  {
    echo "$base/recommendations"
    echo "$base/recommendations?state=Active"
    echo "$base/recommendations?severity=High"
    echo "$base/recommendations?type=ApplySystemUpdates"
    echo "$base/recommendations?resourceGroup=rg-3"
    echo "$base/recommendations?machine=vm-00042"
    echo "$base/recommendations?state=Active&severity=High&type=RemediateVulnerabilities"
    page_after "$STACK_RECOMMENDATION_URL$base/recommendations" 20
    page_after "$STACK_RECOMMENDATION_URL$base/recommendations?state=Active" 20
  } >"$urls"
  bench_read_run recommendations "$STACK_RECOMMENDATION_URL" "$urls" recommendation-service
}

# bench_read_run NAME URL URL_FILE SERVICE: one wrk run over the listed paths, round robin, measured after a run of
# READ_WARM_SECONDS that is not, so that the figures are those of a service past its JIT warm-up.
bench_read_run() {
  local name=$1 url=$2 paths=$3 service=$4 out=$WORK/read-$1.txt seconds
  for seconds in "$READ_WARM_SECONDS" "$READ_SECONDS"; do
    BENCH_PATHS=$paths BENCH_AUTH=$READER wrk -t"$WRK_THREADS" -c8 -d"${seconds}s" -s "$LUA/reads.lua" "$url" \
      >"$out" 2>&1
  done
  [[ $(result_field "$out" failed) == 0 ]] || problem "reads of $name: $(result_field "$out" failed) not 200"
  RESULT[read_${name}_rate]=$(result_field "$out" rate)
  RESULT[read_${name}_p50]=$(result_field "$out" p50_ms)
  RESULT[read_${name}_p99]=$(result_field "$out" p99_ms)
  RESULT[read_${name}_ratio]=$(awk -v r="${RESULT[read_${name}_rate]}" -v t="${RESULT[trivial_$service]}" \
    'BEGIN { printf "%.2f", r / t }')
  log "reads of $name: ${RESULT[read_${name}_rate]} req/s, p99 ${RESULT[read_${name}_p99]} ms"
}

bench_footprint_after() {
  local service
  for service in "${STACK_SERVICES[@]}"; do
    [[ -n ${RSS_LOAD[$service]:-} ]] || RSS_LOAD[$service]=$(rss_mib "$service")
  done
}

# yes or no: does A reach B (at least, or at most with "max")
meets() { awk -v a="$1" -v b="$2" -v how="${3:-min}" 'BEGIN { ok = how == "max" ? a + 0 <= b + 0 : a + 0 >= b + 0; print ok ? "yes" : "no" }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

bench_table() {
  local copy_ratio
  copy_ratio=$(ratio "${RESULT[ingest_e2e_rate]}" "${RESULT[copy_rate]}")
  echo "| scenario | figure | compared with | ratio | target | met |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| trivial endpoint (\`/q/health/live\`, 32 connections) | collector ${RESULT[trivial_collector-service]} req/s, recommendation ${RESULT[trivial_recommendation-service]}, alert ${RESULT[trivial_alert-service]} | | | | |"
  echo "| PostgreSQL COPY of the stored event rows (${RESULT[copy_rows]} rows, client on this machine) | ${RESULT[copy_rate]} rows/s | | | | |"
  echo "| event ingestion end to end (${RESULT[ingest_events]} events in ${RESULT[ingest_uploads]} uploads, until stored and evaluated) | ${RESULT[ingest_e2e_rate]} events/s | COPY ${RESULT[copy_rate]} rows/s | $copy_ratio | ≥ 20,000 events/s and ≥ 0.25 | $(meets "${RESULT[ingest_e2e_rate]}" 20000) / $(meets "$copy_ratio" 0.25) |"
  echo "| event uploads accepted (while loading) | ${RESULT[ingest_accept_rate]} events/s; p50 ${RESULT[ingest_p50]} ms, p99 ${RESULT[ingest_p99]} ms per upload | | | | |"
  echo "| delivery lag, accepted → stored in alert-service | p50 ${RESULT[lag_p50]} s, p99 ${RESULT[lag_p99]} s, max ${RESULT[lag_max]} s | | | | |"
  echo "| CPU per 1000 events ingested (ms) | collector ${RESULT[cpu_collector-service]}, alert ${RESULT[cpu_alert-service]}, recommendation ${RESULT[cpu_recommendation-service]}, policy ${RESULT[cpu_policy-service]}, PostgreSQL ${RESULT[cpu_postgres]} | | | | |"
  echo "| state reports: $STATE_MACHINES machines × (full report + Trivy scan of 100 findings) | ${RESULT[state_rate]} req/s; p50 ${RESULT[state_p50]} ms, p99 ${RESULT[state_p99]} ms; every recommendation current after ${RESULT[state_current_seconds]} s | | | | |"
  echo "| policy change over $STATE_MACHINES machines (diskEncryption Off, then On) | ${RESULT[policy_off_seconds]} s, ${RESULT[policy_on_seconds]} s until every recommendation re-evaluated (the first pair, not measured: ${RESULT[policy_warm_off]} s, ${RESULT[policy_warm_on]} s) | | | < 10 s | $(meets "${RESULT[policy_off_seconds]}" 10 max) / $(meets "${RESULT[policy_on_seconds]}" 10 max) |"
  echo "| alert lists over $READ_ALERTS alerts (10 filters and deep pages, 8 connections) | ${RESULT[read_alerts_rate]} req/s; p50 ${RESULT[read_alerts_p50]} ms, p99 ${RESULT[read_alerts_p99]} ms | trivial ${RESULT[trivial_alert-service]} req/s | ${RESULT[read_alerts_ratio]} | p99 < 50 ms | $(meets "${RESULT[read_alerts_p99]}" 50 max) |"
  echo "| recommendation lists over $READ_RECOMMENDATIONS recommendations (9 filters and deep pages) | ${RESULT[read_recommendations_rate]} req/s; p50 ${RESULT[read_recommendations_p50]} ms, p99 ${RESULT[read_recommendations_p99]} ms | trivial ${RESULT[trivial_recommendation-service]} req/s | ${RESULT[read_recommendations_ratio]} | p99 < 50 ms | $(meets "${RESULT[read_recommendations_p99]}" 50 max) |"
  local service
  for service in "${STACK_SERVICES[@]}"; do
    echo "| footprint of $service | ready in ${READY_MS[$service]:-?} ms; resident ${RSS_IDLE[$service]} MiB idle, ${RSS_LOAD[$service]} MiB at most under the ingestion load | | | | |"
  done
}

bench_machine() {
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- command: \`scripts/bench.sh $*\`"
  echo "- machine: $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
  echo "- Java: $(java -version 2>&1 | head -n 1); PostgreSQL: $(sql -c 'show server_version')"
  echo "- everything on this machine: the four services (${VIGIL_JAVA_OPTS:--Xmx256m} each), PostgreSQL and the load tool (wrk, $WRK_THREADS threads)"
}

# Replaces the generated part of docs/benchmarks.md with this run's machine, command and table.
bench_record() {
  local doc=$VIGIL_ROOT/docs/benchmarks.md generated=$WORK/generated.md
  { echo '<!-- generated by scripts/bench.sh --record: everything up to the end marker -->'
    bench_machine --record
    echo
    cat "$WORK/table.md"
    echo '<!-- end of generated part -->'
  } >"$generated"
  if [[ -f $doc ]] && grep -q '^<!-- end of generated part -->' "$doc"; then
    awk -v gen="$generated" '
      /^<!-- generated by scripts\/bench.sh/ { while ((getline line < gen) > 0) print line; skip = 1; next }
      /^<!-- end of generated part -->/ { skip = 0; next }
      !skip { print }' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
  else
    mkdir -p "$(dirname "$doc")"
    { echo '# Benchmarks'; echo; cat "$generated"; } >"$doc"
  fi
  log "recorded in docs/benchmarks.md"
}

bench_verdict() {
  if [[ ${#PROBLEMS[@]} -gt 0 ]]; then
    log "the run had problems; its figures are not to be trusted:"
    printf '  - %s\n' "${PROBLEMS[@]}" >&2
    exit 1
  fi
  log "every scenario completed (logs and wrk output under $WORK)"
}
