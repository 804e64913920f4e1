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

SERVICES=(policy-service collector-service recommendation-service alert-service)
declare -A PORTS=([policy-service]=8081 [collector-service]=8082 [recommendation-service]=8083 [alert-service]=8084)
LOCAL_DIR=$VIGIL_ROOT/target/local
READY_TIMEOUT=${VIGIL_READY_TIMEOUT:-120}

log() { echo "[run-local] $*"; }

jar_of() { echo "$VIGIL_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

pid_of() {
  local file=$LOCAL_DIR/$1.pid
  [[ -f $file ]] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

ready() { curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${PORTS[$1]}/q/health/ready"; }

# A service needs a build when its jar is missing or older than its sources, the shared library's, or a pom.
needs_build() {
  local jar
  jar=$(jar_of "$1")
  [[ ! -f $jar ]] && return 0
  [[ -n $(find "$VIGIL_ROOT/$1/src/main" "$VIGIL_ROOT/$1/pom.xml" "$VIGIL_ROOT/vigil-common/src/main" \
    "$VIGIL_ROOT/vigil-common/pom.xml" "$VIGIL_ROOT/pom.xml" -newer "$jar" -print -quit) ]]
}

build() {
  local stale=()
  for service in "${SERVICES[@]}"; do needs_build "$service" && stale+=("$service"); done
  [[ ${#stale[@]} -eq 0 ]] && return 0
  log "building ${stale[*]}"
  (cd "$VIGIL_ROOT" && "$MVNW" -B -q package -DskipTests -pl "$(IFS=,; echo "${stale[*]}")" -am) \
    >"$LOCAL_DIR/build.log" 2>&1 || { log "build failed, see $LOCAL_DIR/build.log"; tail -n 30 "$LOCAL_DIR/build.log"; exit 1; }
}

start_one() {
  local service=$1
  if pid_of "$service" >/dev/null || ready "$service"; then
    log "$service already running on port ${PORTS[$service]}"
    return 0
  fi
  log "starting $service on port ${PORTS[$service]}"
  setsid nohup java ${VIGIL_JAVA_OPTS:--Xmx256m} -jar "$(jar_of "$service")" >"$LOCAL_DIR/$service.log" 2>&1 </dev/null &
  echo $! >"$LOCAL_DIR/$service.pid"
}

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) service
  for service in "${SERVICES[@]}"; do
    until ready "$service"; do
      if ! pid_of "$service" >/dev/null; then
        log "$service stopped while starting; last lines of $LOCAL_DIR/$service.log:"
        tail -n 20 "$LOCAL_DIR/$service.log"
        exit 1
      fi
      if ((SECONDS > deadline)); then
        log "$service not ready after ${READY_TIMEOUT}s; see $LOCAL_DIR/$service.log"
        exit 1
      fi
      sleep 0.5
    done
  done
  log "all four services are ready"
}

start() {
  mkdir -p "$LOCAL_DIR"
  pg_ensure
  credentials_export
  build
  for service in "${SERVICES[@]}"; do start_one "$service"; done
  wait_ready
}

stop() {
  local service pid
  for service in "${SERVICES[@]}"; do
    if pid=$(pid_of "$service"); then
      log "stopping $service"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$LOCAL_DIR/$service.pid"
  done
}

status() {
  local service state running=0
  for service in "${SERVICES[@]}"; do
    if ready "$service"; then state=ready; running=$((running + 1))
    elif pid_of "$service" >/dev/null; then state="running, not ready"
    else state=stopped; fi
    printf '%-24s port %s  %s\n' "$service" "${PORTS[$service]}" "$state"
  done
  [[ $running -eq ${#SERVICES[@]} ]]
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
