#!/usr/bin/env bash
# Runs every test against a real PostgreSQL (started if none is reachable): unit, resource and end-to-end tests.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl policy-service
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$VIGIL_ROOT/scripts/lib/postgres.sh"

pg_ensure
cd "$VIGIL_ROOT"
exec "$MVNW" -B verify "$@"
