# Runs the four services as background processes against a PostgreSQL database. Sourced by run-local.sh, and by the
# benchmark and fault scripts, which run stacks of their own beside the local one.
#
# Settings (environment), read when this file is sourced:
#   VIGIL_STACK_DIR     where logs and process ids go (target/local)
#   VIGIL_PORT_BASE     the services listen on base+1 (policy) to base+4 (alert) (8080)
#   VIGIL_DB_NAME       the database the services use (vigil)
#   VIGIL_JAVA_OPTS     the JVM options of each service (-Xmx256m)
#   VIGIL_READY_TIMEOUT seconds to wait for the four to be ready (120)

STACK_SERVICES=(policy-service collector-service recommendation-service alert-service)
STACK_DIR=${VIGIL_STACK_DIR:-$VIGIL_ROOT/target/local}
STACK_PORT_BASE=${VIGIL_PORT_BASE:-8080}
STACK_DB_NAME=${VIGIL_DB_NAME:-vigil}
STACK_READY_TIMEOUT=${VIGIL_READY_TIMEOUT:-120}
declare -A STACK_PORTS=(
  [policy-service]=$((STACK_PORT_BASE + 1))
  [collector-service]=$((STACK_PORT_BASE + 2))
  [recommendation-service]=$((STACK_PORT_BASE + 3))
  [alert-service]=$((STACK_PORT_BASE + 4))
)
STACK_POLICY_URL=http://127.0.0.1:${STACK_PORTS[policy-service]}
STACK_COLLECTOR_URL=http://127.0.0.1:${STACK_PORTS[collector-service]}
STACK_RECOMMENDATION_URL=http://127.0.0.1:${STACK_PORTS[recommendation-service]}
STACK_ALERT_URL=http://127.0.0.1:${STACK_PORTS[alert-service]}
STACK_LOG_TAG=${STACK_LOG_TAG:-stack}

stack_log() { echo "[$STACK_LOG_TAG] $*"; }

stack_jar() { echo "$VIGIL_ROOT/$1/target/quarkus-app/quarkus-run.jar"; }

stack_url() { echo "http://127.0.0.1:${STACK_PORTS[$1]}"; }

# The process id of a running service, from its pid file.
stack_pid() {
  local file=$STACK_DIR/$1.pid
  [[ -f $file ]] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

stack_ready() { curl -fs -o /dev/null --max-time 2 "$(stack_url "$1")/q/health/ready"; }

# A service needs a build when its jar is missing or older than its sources, the shared library's, or a pom.
stack_needs_build() {
  local jar
  jar=$(stack_jar "$1")
  [[ ! -f $jar ]] && return 0
  [[ -n $(find "$VIGIL_ROOT/$1/src/main" "$VIGIL_ROOT/$1/pom.xml" "$VIGIL_ROOT/vigil-common/src/main" \
    "$VIGIL_ROOT/vigil-common/pom.xml" "$VIGIL_ROOT/pom.xml" -newer "$jar" -print -quit) ]]
}

stack_build() {
  local stale=() service
  for service in "${STACK_SERVICES[@]}"; do stack_needs_build "$service" && stale+=("$service"); done
  [[ ${#stale[@]} -eq 0 ]] && return 0
  mkdir -p "$STACK_DIR"
  stack_log "building ${stale[*]}"
  (cd "$VIGIL_ROOT" && "$MVNW" -B -q package -DskipTests -pl "$(IFS=,; echo "${stale[*]}")" -am) \
    >"$STACK_DIR/build.log" 2>&1 || {
    stack_log "build failed, see $STACK_DIR/build.log"
    tail -n 30 "$STACK_DIR/build.log"
    return 1
  }
}

# Starts one service unless it runs already. Extra environment for it can be given as NAME=value arguments.
stack_start_one() {
  local service=$1; shift
  if stack_pid "$service" >/dev/null || stack_ready "$service"; then
    stack_log "$service already running on port ${STACK_PORTS[$service]}"
    return 0
  fi
  mkdir -p "$STACK_DIR"
  stack_log "starting $service on port ${STACK_PORTS[$service]}"
  # shellcheck disable=SC2086
  env QUARKUS_HTTP_PORT="${STACK_PORTS[$service]}" VIGIL_DB_NAME="$STACK_DB_NAME" \
    VIGIL_POLICY_URL="$STACK_POLICY_URL" VIGIL_COLLECTOR_URL="$STACK_COLLECTOR_URL" \
    VIGIL_RECOMMENDATION_URL="$STACK_RECOMMENDATION_URL" VIGIL_ALERT_URL="$STACK_ALERT_URL" "$@" \
    setsid nohup java ${VIGIL_JAVA_OPTS:--Xmx256m} -jar "$(stack_jar "$service")" \
    >>"$STACK_DIR/$service.log" 2>&1 </dev/null &
  echo $! >"$STACK_DIR/$service.pid"
  # Not this shell's job: its end, killed or not, is no news to the script that started it.
  disown $!
}

# Waits until the named services (all four by default) answer ready; fails if one stops or the time runs out.
stack_wait_ready() {
  local deadline=$((SECONDS + STACK_READY_TIMEOUT)) service
  local services=("$@")
  [[ ${#services[@]} -eq 0 ]] && services=("${STACK_SERVICES[@]}")
  for service in "${services[@]}"; do
    until stack_ready "$service"; do
      if ! stack_pid "$service" >/dev/null; then
        stack_log "$service stopped while starting; last lines of $STACK_DIR/$service.log:"
        tail -n 20 "$STACK_DIR/$service.log"
        return 1
      fi
      if ((SECONDS > deadline)); then
        stack_log "$service not ready after ${STACK_READY_TIMEOUT}s; see $STACK_DIR/$service.log"
        return 1
      fi
      sleep 0.2
    done
  done
}

stack_start() {
  local service
  mkdir -p "$STACK_DIR"
  stack_build || return 1
  for service in "${STACK_SERVICES[@]}"; do stack_start_one "$service"; done
  stack_wait_ready && stack_log "all four services are ready"
}

# Stops one service: SIGTERM, then SIGKILL after 10 seconds.
stack_stop_one() {
  local service=$1 pid
  if pid=$(stack_pid "$service"); then
    stack_log "stopping $service"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$STACK_DIR/$service.pid"
}

# Kills one service as a crash would: SIGKILL, no shutdown.
stack_kill_one() {
  local service=$1 pid
  if pid=$(stack_pid "$service"); then
    kill -9 "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
  fi
  rm -f "$STACK_DIR/$service.pid"
}

stack_stop() {
  local service
  for service in "${STACK_SERVICES[@]}"; do stack_stop_one "$service"; done
}

stack_status() {
  local service state running=0
  for service in "${STACK_SERVICES[@]}"; do
    if stack_ready "$service"; then state=ready; running=$((running + 1))
    elif stack_pid "$service" >/dev/null; then state="running, not ready"
    else state=stopped; fi
    printf '%-24s port %s  %s\n' "$service" "${STACK_PORTS[$service]}" "$state"
  done
  [[ $running -eq ${#STACK_SERVICES[@]} ]]
}
