# Makes sure a PostgreSQL server that Vigil can log in to is reachable, and that Vigil's databases exist.
# Sourced by the other scripts. Reuses a reachable server; otherwise starts a throwaway one.
#
# Settings (environment):
#   VIGIL_DB_HOST, VIGIL_DB_PORT       where the server listens (127.0.0.1, 5432)
#   VIGIL_DB_USER, VIGIL_DB_PASSWORD   the role the services log in with (vigil, vigil)
#   VIGIL_PGDATA                       data folder of the throwaway server (target/local/pgdata)

VIGIL_DB_HOST=${VIGIL_DB_HOST:-127.0.0.1}
VIGIL_DB_PORT=${VIGIL_DB_PORT:-5432}
VIGIL_DB_USER=${VIGIL_DB_USER:-vigil}
VIGIL_DB_PASSWORD=${VIGIL_DB_PASSWORD:-vigil}
export VIGIL_DB_HOST VIGIL_DB_PORT VIGIL_DB_USER VIGIL_DB_PASSWORD

# Databases: the local run's, the service tests', the end-to-end tests', the deployment tests', the benchmark's and the
# fault run's.
VIGIL_DATABASES=(vigil vigil_test vigil_e2e vigil_deploy vigil_bench vigil_faults)

pg_log() { echo "[postgres] $*" >&2; }

pg_bindir() {
  local dir
  for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb ]] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

pg_install_if_missing() {
  if pg_bindir >/dev/null && command -v psql >/dev/null 2>&1; then return 0; fi
  if [[ $(id -u) -ne 0 ]]; then
    pg_log "PostgreSQL is not installed; install the 'postgresql' package, or point VIGIL_DB_HOST/PORT at a server"
    return 1
  fi
  pg_log "installing PostgreSQL from the Debian packages"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

pg_can_login() {
  PGPASSWORD=$VIGIL_DB_PASSWORD PGCONNECT_TIMEOUT=3 psql -h "$VIGIL_DB_HOST" -p "$VIGIL_DB_PORT" \
    -U "$VIGIL_DB_USER" -d postgres -Atqc 'select 1' >/dev/null 2>&1
}

pg_listening() {
  (exec 3<>"/dev/tcp/$VIGIL_DB_HOST/$VIGIL_DB_PORT") 2>/dev/null
}

# Runs a command as the server's owner: PostgreSQL refuses to run as root.
pg_as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# The throwaway data folder must be reachable by the postgres user; a private scratch checkout is not. VIGIL_PGDATA
# names it; otherwise target/local/pgdata, or a folder under /var/tmp named after this checkout. The fault run keeps a
# server of its own, named by VIGIL_PG_NAME (faults: target/faults/pgdata).
pg_data_dir() {
  if [[ -n ${VIGIL_PGDATA:-} ]]; then echo "$VIGIL_PGDATA"; return; fi
  local name=${VIGIL_PG_NAME:-local}
  local preferred=$VIGIL_ROOT/target/$name/pgdata
  mkdir -p "$(dirname "$preferred")"
  if [[ $(id -u) -ne 0 ]] || runuser -u postgres -- test -x "$(dirname "$preferred")" 2>/dev/null; then
    echo "$preferred"
  else
    local folder=vigil-pgdata
    [[ $name == local ]] || folder=vigil-$name-pgdata
    echo "/var/tmp/$folder-$(printf '%s' "$VIGIL_ROOT" | cksum | cut -d' ' -f1)"
  fi
}

# Restarts the throwaway server (fast shutdown: sessions are ended, nothing committed is lost).
pg_restart_throwaway() {
  local bindir data
  bindir=$(pg_bindir) || return 1
  data=$(pg_data_dir)
  pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -m fast -w -t 60 restart \
    -o "-c listen_addresses=$VIGIL_DB_HOST -p $VIGIL_DB_PORT -c unix_socket_directories=$data -c max_connections=300" \
    >/dev/null
}

pg_start_throwaway() {
  local bindir data
  bindir=$(pg_bindir) || return 1
  data=$(pg_data_dir)
  if [[ ! -f $data/PG_VERSION ]]; then
    pg_log "creating a throwaway server in $data"
    mkdir -p "$data"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$data"
    chmod 700 "$data"
    pg_as_owner "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_log "starting the throwaway server on $VIGIL_DB_HOST:$VIGIL_DB_PORT"
  pg_as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 start \
    -o "-c listen_addresses=$VIGIL_DB_HOST -p $VIGIL_DB_PORT -c unix_socket_directories=$data -c max_connections=300 -c fsync=on" \
    >/dev/null
  pg_as_owner psql -h "$VIGIL_DB_HOST" -p "$VIGIL_DB_PORT" -U postgres -d postgres -Atqc \
    "do \$\$ begin if not exists (select from pg_roles where rolname = '$VIGIL_DB_USER') then
       create role $VIGIL_DB_USER login createdb password '$VIGIL_DB_PASSWORD'; end if; end \$\$;" >/dev/null
}

# A server is listening but refuses Vigil's role: if it is this machine's own cluster, add the role.
pg_add_role_to_local_cluster() {
  [[ $(id -u) -eq 0 ]] || return 1
  runuser -u postgres -- psql -p "$VIGIL_DB_PORT" -d postgres -Atqc \
    "do \$\$ begin if not exists (select from pg_roles where rolname = '$VIGIL_DB_USER') then
       create role $VIGIL_DB_USER login createdb password '$VIGIL_DB_PASSWORD'; end if; end \$\$;" >/dev/null 2>&1
}

pg_create_databases() {
  local db
  for db in "${VIGIL_DATABASES[@]}"; do
    if [[ -z $(PGPASSWORD=$VIGIL_DB_PASSWORD psql -h "$VIGIL_DB_HOST" -p "$VIGIL_DB_PORT" -U "$VIGIL_DB_USER" \
      -d postgres -Atqc "select 1 from pg_database where datname = '$db'") ]]; then
      PGPASSWORD=$VIGIL_DB_PASSWORD psql -h "$VIGIL_DB_HOST" -p "$VIGIL_DB_PORT" -U "$VIGIL_DB_USER" \
        -d postgres -qc "create database $db" >/dev/null
    fi
  done
}

pg_ensure() {
  pg_install_if_missing || return 1
  if ! pg_can_login; then
    if pg_listening; then
      pg_add_role_to_local_cluster && pg_can_login || {
        pg_log "a server listens on $VIGIL_DB_HOST:$VIGIL_DB_PORT but refuses role '$VIGIL_DB_USER';"
        pg_log "set VIGIL_DB_USER/VIGIL_DB_PASSWORD, or VIGIL_DB_PORT to a free port for a throwaway server"
        return 1
      }
    else
      pg_start_throwaway || return 1
    fi
  fi
  pg_create_databases
  pg_log "ready on $VIGIL_DB_HOST:$VIGIL_DB_PORT as '$VIGIL_DB_USER'"
}

pg_stop_throwaway() {
  local bindir data
  bindir=$(pg_bindir) || return 0
  data=$(pg_data_dir)
  [[ -f $data/postmaster.pid ]] || return 0
  pg_as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null && pg_log "throwaway server stopped"
}
