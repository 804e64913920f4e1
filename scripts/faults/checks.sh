# The fault run's phases and checks, sourced by faults.sh. A failed check is recorded in FAILED and printed; the run
# goes on, so that one run shows every failure, and exits non-zero at the end.

FAILED=()
CHECKS=()

check() {
  local name=$1 ok=$2 detail=$3
  if [[ $ok == true ]]; then
    CHECKS+=("ok    $name: $detail")
  else
    CHECKS+=("FAIL  $name: $detail")
    FAILED+=("$name")
  fi
  log "$([[ $ok == true ]] && echo ok || echo FAIL) $name: $detail"
}

sql() {
  PGPASSWORD=$VIGIL_DB_PASSWORD psql -h "$VIGIL_DB_HOST" -p "$VIGIL_DB_PORT" -U "$VIGIL_DB_USER" -d "$VIGIL_DB_NAME" \
    -X -q -At -v ON_ERROR_STOP=1 "$@"
}

ms_now() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

faults_stack_fresh() {
  stack_stop >/dev/null
  sql -c "drop schema if exists policy, collector, recommendation, alert, faults_check cascade" 2>/dev/null
  stack_start || exit 1
}

faults_subscription() {
  ADMIN="Authorization: Bearer $("$VIGIL_ROOT/scripts/token.sh" SecurityAdmin "$SUB")"
  curl -fsS -o /dev/null -X PUT -H "$ADMIN" -H 'Content-Type: application/json' \
    -d '{"dataCollection": "On", "pricingTier": "Standard"}' "$STACK_POLICY_URL/api/v1/subscriptions/$SUB/policy"
  KEY=$(VIGIL_COLLECTOR_URL=$STACK_COLLECTOR_URL "$VIGIL_ROOT/scripts/ingestion-key.sh" "$SUB")
}

# Writes "millis service UP|DOWN" each time a service's readiness changes, polling every 200 ms.
watch_readiness() {
  local out=$1 service state
  declare -A last=()
  while :; do
    for service in "${STACK_SERVICES[@]}"; do
      if stack_ready "$service"; then state=UP; else state=DOWN; fi
      if [[ ${last[$service]:-} != "$state" ]]; then
        echo "$(ms_now) $service $state" >>"$out"
        last[$service]=$state
      fi
    done
    sleep 0.2
  done
}

# Load without faults: the rate this machine reaches, which the soak runs at half of.
faults_measure_rate() {
  local out=$WORK/max.txt ok
  $LOAD ingest "$STACK_COLLECTOR_URL" "$SUB" "$KEY" "$THREADS" "$MAX_SECONDS" 0 "$LINES" max "$out"
  ok=$(awk '$4 >= 200 && $4 < 300' "$out" | wc -l)
  MAX_RATE=$(awk -v n="$ok" -v s="$MAX_SECONDS" 'BEGIN { printf "%.1f", n / s }')
  check "load without faults" "$([[ $ok -gt 0 && $(awk '$4 < 200 || $4 >= 300' "$out" | wc -l) -eq 0 ]] && echo true || echo false)" \
    "$ok requests answered 2xx in ${MAX_SECONDS}s ($MAX_RATE/s, $((ok * LINES * 4 / 5 / MAX_SECONDS)) events/s)"
}

kill_and_restart() {
  local service=$1
  log "SIGKILL $service"
  echo "$(ms_now) $service KILLED" >>"$WORK/faults.log"
  stack_kill_one "$service"
  stack_start_one "$service" >/dev/null
  stack_wait_ready "$service" || check "restart $service" false "did not become ready again"
  echo "$(ms_now) $service RESTARTED" >>"$WORK/faults.log"
}

restart_postgres() {
  log "restarting PostgreSQL"
  echo "$(ms_now) postgresql RESTARTING" >>"$WORK/faults.log"
  pg_restart_throwaway
  echo "$(ms_now) postgresql RESTARTED" >>"$WORK/faults.log"
}

# The load again, while each part fails in turn; then everything answered 2xx is looked for in the database.
faults_under_failures() {
  local out=$WORK/faults-load.txt load
  rm -f "$out.stop"
  $LOAD ingest "$STACK_COLLECTOR_URL" "$SUB" "$KEY" "$THREADS" 900 0 "$LINES" fault "$out" &
  load=$!
  sleep "$FAULT_GAP"; kill_and_restart collector-service
  sleep "$FAULT_GAP"; kill_and_restart alert-service
  sleep "$FAULT_GAP"; kill_and_restart recommendation-service
  sleep "$FAULT_GAP"; restart_postgres
  sleep "$FAULT_GAP"
  touch "$out.stop"
  wait "$load"
  cat "$WORK/max.txt" "$out" >"$WORK/outcomes.txt"
  wait_delivered
  check_exactly_once
  check_fail_fast "$out"
  check_readiness
}

# Until every stored event has reached alert-service and the outbox is empty. Delivery fails when it stops moving for
# STALL_SECONDS or has not finished after DRAIN_SECONDS; a slower machine only takes longer.
wait_delivered() {
  local started=$SECONDS moved=$SECONDS last=-1 collected stored backlog
  while :; do
    read -r collected stored backlog < <(sql -F ' ' -c \
      "select (select count(*) from collector.event), (select count(*) from alert.event),
              (select count(*) from collector.outbox)")
    if [[ $collected -eq $stored && $backlog -eq 0 ]]; then
      check "delivery" true "$stored events in alert-service $((SECONDS - started))s after the load stopped"
      return 0
    fi
    if [[ $stored -ne $last ]]; then
      last=$stored moved=$SECONDS
    fi
    if ((SECONDS - moved > STALL_SECONDS || SECONDS - started > DRAIN_SECONDS)); then
      check "delivery" false "after $((SECONDS - started))s: $stored of $collected events in alert-service,\
 $backlog messages waiting; the last event arrived $((SECONDS - moved))s before"
      return 1
    fi
    sleep 0.5
  done
}

# Loads the request outcomes into a table beside the services' schemas, for the checks to join against.
load_outcomes() {
  sql -c "create schema if not exists faults_check;
          drop table if exists faults_check.outcome;
          create table faults_check.outcome (kind text, id text primary key, machine text, status int, millis int,
                                             at_ms bigint);"
  sql -c "\\copy faults_check.outcome from '$WORK/outcomes.txt' with (format text, delimiter ' ')"
}

check_exactly_once() {
  load_outcomes
  local lost twice partial events_ok reports_lost reports_twice stale
  # Every line of an upload names the upload: one upload answered 2xx is LINES events, in both services, once each.
  read -r lost twice partial events_ok < <(sql -F ' ' -c "
    with collected as (select account, count(*) as n from collector.event group by account),
         delivered as (select account, count(*) as n from alert.event group by account),
         stored as (
        select o.id, o.status between 200 and 299 as acknowledged, coalesce(c.n, 0) as collected,
               coalesce(d.n, 0) as delivered
        from faults_check.outcome o left join collected c on c.account = o.id left join delivered d on d.account = o.id
        where o.kind = 'upload')
    select count(*) filter (where acknowledged and (collected < $LINES or delivered < $LINES)),
           count(*) filter (where collected > $LINES or delivered > $LINES),
           count(*) filter (where collected not in (0, $LINES) or delivered <> collected),
           count(*) filter (where acknowledged)
    from stored")
  check "uploads answered 2xx stored and delivered" "$([[ $lost -eq 0 ]] && echo true || echo false)" \
    "$events_ok uploads of $LINES events; $lost lost"
  check "no event stored or delivered twice" "$([[ $twice -eq 0 ]] && echo true || echo false)" \
    "$twice uploads with more than $LINES events"
  check "no upload half stored" "$([[ $partial -eq 0 ]] && echo true || echo false)" \
    "$partial uploads stored in part or delivered in part"

  # Every report names itself as its one missing update: each one answered 2xx is stored once, and each machine's
  # ApplySystemUpdates shows the newest report the collector stored for it.
  read -r reports_lost reports_twice < <(sql -F ' ' -c "
    with copies as (select report -> 'updates' -> 'missing' -> 0 ->> 'id' as id, count(*) as n
                    from collector.state_report group by 1),
         stored as (
        select o.id, o.status between 200 and 299 as acknowledged, coalesce(c.n, 0) as copies
        from faults_check.outcome o left join copies c on c.id = o.id where o.kind = 'report')
    select count(*) filter (where acknowledged and copies = 0), count(*) filter (where copies > 1) from stored")
  check "reports answered 2xx stored once" "$([[ $reports_lost -eq 0 && $reports_twice -eq 0 ]] && echo true || echo false)" \
    "$reports_lost lost, $reports_twice stored twice"
  stale=$(sql -c "
    with newest as (
        select distinct on (r.machine_id) m.name, r.report -> 'updates' -> 'missing' -> 0 ->> 'id' as update_id
        from collector.state_report r join collector.machine m on m.id = r.machine_id
        where m.subscription_id = '$SUB' order by r.machine_id, r.collected_at desc, r.id desc)
    select count(*) from newest n
    where not exists (select 1 from recommendation.recommendation rec
                      where rec.subscription_id = '$SUB' and rec.type = 'ApplySystemUpdates'
                        and rec.state = 'Active' and lower(rec.resource_id) like '%/machines/' || lower(n.name)
                        and rec.details::text like '%\"' || n.update_id || '\"%')")
  check "reports evaluated" "$([[ $stale -eq 0 ]] && echo true || echo false)" \
    "$stale machines whose ApplySystemUpdates does not show their newest report"

  local alerts duplicate miscounted
  read -r alerts duplicate miscounted < <(sql -F ' ' -c "
    with attacks as (
        select machine_key, source_address, sum(repeat_count) as events from alert.event
        where subscription_id = '$SUB' and category = 'Authentication' and action = 'LogonFailed'
        group by machine_key, source_address),
    raised as (
        select machine_key, entity_key, count(*) as alerts, sum(event_count) as counted from alert.alert
        where subscription_id = '$SUB' and alert_type = 'SshBruteForce' group by machine_key, entity_key)
    select (select count(*) from raised), count(*) filter (where r.alerts > 1),
           count(*) filter (where r.counted is distinct from a.events)
    from attacks a left join raised r on r.machine_key = a.machine_key and r.entity_key = a.source_address")
  check "one brute-force alert per machine and source, counting each event once" \
    "$([[ $alerts -gt 0 && $duplicate -eq 0 && $miscounted -eq 0 ]] && echo true || echo false)" \
    "$alerts alerts; $duplicate duplicated; $miscounted whose event count differs from the events stored"
}

# Requests made while a part was down ended fast: 503 or a refused connection, never a hang, never another 5xx.
check_fail_fast() {
  local out=$1 slow other failed
  failed=$(awk '$4 < 200 || $4 >= 300' "$out" | wc -l)
  slow=$(awk '($4 < 200 || $4 >= 300) && $5 > 5000' "$out" | wc -l)
  other=$(awk '$4 >= 500 && $4 != 503' "$out" | wc -l)
  check "requests during outages failed fast" "$([[ $slow -eq 0 ]] && echo true || echo false)" \
    "$failed failed ($(awk '$4 < 200 || $4 >= 300 { print $4 }' "$out" | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')), $slow of them after more than 5 s"
  check "outages answered 503, no other 5xx" "$([[ $other -eq 0 ]] && echo true || echo false)" "$other answers 5xx other than 503"
}

# Each killed service's readiness went down and came back; during the PostgreSQL restart every service's did.
check_readiness() {
  local service downs ups
  for service in "${STACK_SERVICES[@]}"; do
    downs=$(grep -c " $service DOWN" "$WORK/readiness.log" || true)
    ups=$(grep -c " $service UP" "$WORK/readiness.log" || true)
    check "readiness of $service" "$([[ $downs -ge 1 && $ups -ge $((downs + 1)) ]] && echo true || echo false)" \
      "went down $downs times and came back $((ups - 1))"
  done
}

# Hostile requests of every kind; none may be answered 5xx, and nothing stored before may change.
faults_hostile_input() {
  local before after base=$STACK_COLLECTOR_URL/api/v1/subscriptions/$SUB/resourceGroups/rg-faults/machines
  # What the load runs stored: every one of their events is named after its upload.
  local stored="select count(*), md5(string_agg(id::text || account || raw, ',' order by id)) from collector.event
                where account ~ '^(max|fault)t'"
  before=$(sql -c "$stored")
  : >"$WORK/hostile.txt"
  hostile() {
    local name=$1 status; shift
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$@")
    echo "$status $name" >>"$WORK/hostile.txt"
  }
  local big=$WORK/big.json nested=$WORK/nested.json binary=$WORK/binary.log long=$WORK/long.json
  head -c 20000000 /dev/zero | tr '\0' 'a' | sed 's/^/{"collectedAt": "/; s/$/"}/' >"$big"
  { printf '%.0s[' $(seq 1 100000); printf '%.0s]' $(seq 1 100000); } >"$nested"
  head -c 200000 /dev/urandom >"$binary"
  { printf '{"vmId": "'; head -c 1000000 /dev/zero | tr '\0' 'x'; printf '", "osType": "Linux"}'; } >"$long"
  local json=(-H "$KEY" -H 'Content-Type: application/json')
  hostile "truncated report" -X POST "${json[@]}" -d '{"collectedAt": "2026-12-01T10:00:00Z", "updates": {"miss' \
    "$base/vm-0-0/reports"
  hostile "report of the wrong types" -X POST "${json[@]}" \
    -d '{"collectedAt": 12, "updates": {"missing": "none", "rebootPending": "maybe"}}' "$base/vm-0-0/reports"
  hostile "deeply nested report" -X POST "${json[@]}" --data-binary @"$nested" "$base/vm-0-0/reports"
  hostile "deeply nested events" -X POST "${json[@]}" --data-binary @"$nested" "$base/vm-0-0/events"
  hostile "20 MB report" -X POST "${json[@]}" --data-binary @"$big" "$base/vm-0-0/reports"
  hostile "1 MB machine field" -X PUT "${json[@]}" --data-binary @"$long" "$base/vm-0-0"
  hostile "binary syslog" -X POST -H "$KEY" -H 'Content-Type: text/plain' --data-binary @"$binary" "$base/vm-0-0/events"
  hostile "invalid UTF-8 syslog" -X POST -H "$KEY" -H 'Content-Type: text/plain; charset=utf-8' \
    --data-binary $'Dec  4 10:00:00 host sshd[1]: Failed password for \xff\xfe\xc3 from 198.51.100.9 port 1 ssh2\n' \
    "$base/vm-0-0/events"
  hostile "NUL in syslog" -X POST -H "$KEY" -H 'Content-Type: text/plain' \
    --data-binary @<(printf 'Dec  4 10:00:00 host sshd[1]: Failed password for a\0b from 198.51.100.9 port 1 ssh2\n') \
    "$base/vm-0-0/events"
  hostile "trivy scan that is an XML file" -X POST "${json[@]}" --data-binary '<xml/>' "$base/vm-0-0/scans?format=trivy"
  hostile "xccdf scan that is not XML" -X POST -H "$KEY" -H 'Content-Type: application/xml' --data-binary '{"a":1}' \
    "$base/vm-0-0/scans?format=xccdf"
  hostile "xccdf with an entity expansion" -X POST -H "$KEY" -H 'Content-Type: application/xml' --data-binary \
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "bbbbbbbb"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><a>&c;</a>' \
    "$base/vm-0-0/scans?format=xccdf"
  hostile "policy of the wrong types" -X PUT -H "$ADMIN" -H 'Content-Type: application/json' \
    -d '{"dataCollection": true, "agentSilenceMinutes": "soon"}' "$STACK_POLICY_URL/api/v1/subscriptions/$SUB/policy"
  hostile "alert filter of SQL" -H "$ADMIN" "$STACK_ALERT_URL/api/v1/subscriptions/$SUB/alerts?severity=High'%20or%201=1--"
  hostile "recommendation id of a path" -H "$ADMIN" \
    "$STACK_RECOMMENDATION_URL/api/v1/subscriptions/$SUB/recommendations/..%2F..%2Fetc%2Fpasswd"
  # The same idempotency key with another body: the first answer stands, the second is refused.
  hostile "first use of an idempotency key" -X POST -H "$KEY" -H 'Content-Type: text/plain' -H 'Idempotency-Key: faults-1' \
    --data-binary $'Dec  4 10:00:00 host sshd[1]: Failed password for invalid user idem from 198.51.100.9 port 1 ssh2\n' \
    "$base/vm-0-1/events"
  hostile "the key again with another body" -X POST -H "$KEY" -H 'Content-Type: text/plain' -H 'Idempotency-Key: faults-1' \
    --data-binary $'Dec  4 10:00:01 host sshd[1]: Failed password for invalid user other from 198.51.100.9 port 2 ssh2\n' \
    "$base/vm-0-1/events"
  rm -f "$big" "$nested" "$binary" "$long"

  local server_errors service ready=true
  server_errors=$(awk '$1 >= 500 || $1 == "000"' "$WORK/hostile.txt" | wc -l)
  check "hostile input answered without 5xx" "$([[ $server_errors -eq 0 ]] && echo true || echo false)" \
    "$(wc -l <"$WORK/hostile.txt") requests: $(awk '{ print $1 }' "$WORK/hostile.txt" | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')"
  for service in "${STACK_SERVICES[@]}"; do stack_ready "$service" || ready=false; done
  check "every service ready after the hostile input" "$ready" "readiness probed"
  after=$(sql -c "$stored")
  check "nothing accepted before was changed" "$([[ $before == "$after" ]] && echo true || echo false)" \
    "the load runs' events before and after (count|digest): ${before%%|*}|${before#*|}, ${after%%|*}|${after#*|}"
  [[ $(grep -c '^422 the key again' "$WORK/hostile.txt") -eq 1 ]] &&
    check "an idempotency key reused with another body is refused" true "422" ||
    check "an idempotency key reused with another body is refused" false "$(grep 'the key again' "$WORK/hostile.txt")"
}

# Sends the actions to every id at once, each action a request of its own: changes_at OUT URL PATH "IDS" "ACTIONS"
changes_at() {
  local out=$1 url=$2 path=$3 ids=$4 actions=$5 requests=$WORK/changes.txt id action
  : >"$requests"
  for id in $ids; do
    for action in $actions; do echo "$path/$id/$action" >>"$requests"; done
  done
  $LOAD changes "$url" "$ADMIN" "$requests" 32 "$out"
}

# Ten changes at once on each of twenty alerts, and on twenty recommendations, from as many threads.
faults_concurrent_changes() {
  local alerts recommendations out=$WORK/changes-out.txt
  local alert_base=/api/v1/subscriptions/$SUB/alerts rec_base=/api/v1/subscriptions/$SUB/recommendations
  mapfile -t alerts < <(curl -fsS -H "$ADMIN" "$STACK_ALERT_URL$alert_base?limit=20" | jq -r '.value[].id')
  mapfile -t recommendations < <(curl -fsS -H "$ADMIN" "$STACK_RECOMMENDATION_URL$rec_base?state=Active&limit=20" |
    jq -r '.value[].id')
  changes_at "$out" "$STACK_ALERT_URL" "$alert_base" "${alerts[*]}" \
    "inProgress dismiss activate resolve activate inProgress resolve activate dismiss activate"
  changes_at "$out.recommendations" "$STACK_RECOMMENDATION_URL" "$rec_base" "${recommendations[*]}" \
    "dismiss activate dismiss activate dismiss activate dismiss activate dismiss activate"
  cat "$out.recommendations" >>"$out"

  local server_errors changed recorded
  server_errors=$(awk '$2 >= 500 || $2 == 0' "$out" | wc -l)
  check "concurrent state changes answered without 5xx" "$([[ $server_errors -eq 0 && ${#alerts[@]} -gt 0 ]] && echo true || echo false)" \
    "${#alerts[@]} alerts and ${#recommendations[@]} recommendations, $(wc -l <"$out") changes: $(awk '{ print $2 }' "$out" | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')"
  # No lost update: the recorded status changes of each alert form one chain, each starting from the status the one
  # before it left (two changes made from the same status would both start there), and the alert's status is the end.
  local ids broken
  ids=$(printf "'%s'," "${alerts[@]}" | sed 's/,$//')
  changed=$(awk '$2 == 200 && $1 ~ /\/alerts\//' "$out" | wc -l)
  read -r recorded broken < <(sql -F ' ' -c "
    select count(*), count(*) filter (where previous is not null and from_value is distinct from previous)
    from (select from_value, lag(to_value) over (partition by alert_id order by id) as previous
          from alert.alert_history where change = 'Status' and alert_id in ($ids)) chain")
  check "no lost update on alerts" "$([[ $broken -eq 0 && $recorded -le $changed ]] && echo true || echo false)" \
    "$changed changes answered 200 ($((changed - recorded)) of them to the status already held), $recorded recorded; $broken recorded from a status that was not the current one"
  local mismatched
  mismatched=$(sql -c "select count(*) from alert.alert a where a.id in ($ids)
                       and a.status is distinct from (select h.to_value from alert.alert_history h
                                                      where h.alert_id = a.id and h.change = 'Status'
                                                      order by h.id desc limit 1)")
  check "each alert's status is its last recorded change" "$([[ $mismatched -eq 0 ]] && echo true || echo false)" \
    "$mismatched alerts differ"
  local inconsistent=0
  if [[ ${#recommendations[@]} -gt 0 ]]; then
    inconsistent=$(sql -c "select count(*) from recommendation.recommendation
                           where id in ($(printf "'%s'," "${recommendations[@]}" | sed 's/,$//'))
                             and (state not in ('Active', 'Dismissed') or (state = 'Dismissed') <> (dismiss_reason is not null))")
  fi
  check "each recommendation ends in one state, whole" "$([[ $inconsistent -eq 0 ]] && echo true || echo false)" \
    "$inconsistent of ${#recommendations[@]} recommendations with a state and dismissal that disagree"
}

# Half the measured rate for SOAK_SECONDS; memory and database connections sampled every two seconds.
faults_soak() {
  local out=$WORK/soak.txt samples=$WORK/soak-samples.txt load rate service
  rate=$(awk -v r="$MAX_RATE" 'BEGIN { printf "%.1f", r / 2 }')
  : >"$samples"
  $LOAD ingest "$STACK_COLLECTOR_URL" "$SUB" "$KEY" "$THREADS" "$SOAK_SECONDS" "$rate" "$LINES" soak "$out" &
  load=$!
  while kill -0 "$load" 2>/dev/null; do
    for service in "${STACK_SERVICES[@]}"; do
      echo "$(ms_now) $service $(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$(stack_pid "$service")/status")" \
        >>"$samples"
    done
    echo "$(ms_now) connections $(sql -c "select count(*) from pg_stat_activity where datname = '$VIGIL_DB_NAME'")" \
      >>"$samples"
    sleep 2
  done
  wait "$load"
  local failed
  failed=$(awk '$4 < 200 || $4 >= 300' "$out" | wc -l)
  check "soak at half the rate ($rate requests/s for ${SOAK_SECONDS}s)" "$([[ $failed -eq 0 ]] && echo true || echo false)" \
    "$(wc -l <"$out") requests, $failed not 2xx"
  # Flat: the last third's highest value at most 15% (memory) or 5 connections above the middle third's highest.
  local name flat growth
  for name in "${STACK_SERVICES[@]}" connections; do
    read -r flat growth < <(awk -v n="$name" '$2 == n { v[++c] = $3 } END {
        for (i = 1; i <= c; i++) { if (i > c / 3 && i <= 2 * c / 3 && v[i] > mid) mid = v[i]; if (i > 2 * c / 3 && v[i] > last) last = v[i] }
        limit = n == "connections" ? mid + 5 : mid * 1.15
        printf "%s %s->%s\n", (last <= limit ? "true" : "false"), mid, last }' "$samples")
    check "$name flat during the soak" "$flat" "highest of the middle third -> of the last third: $growth"
  done
}

faults_summary() {
  echo
  echo "fault run ($MODE):"
  printf '  %s\n' "${CHECKS[@]}"
  if [[ ${#FAILED[@]} -gt 0 ]]; then
    echo "${#FAILED[@]} checks failed; logs under $STACK_DIR"
    return 1
  fi
  echo "every check passed"
}
