#!/usr/bin/env bash
# Creates an ingestion key for a subscription on the local stack and prints the one header line an agent sends:
#   scripts/ingestion-key.sh SUBSCRIPTION
# Example: curl -H "$(scripts/ingestion-key.sh my-sub)" -X POST http://127.0.0.1:8082/api/v1/subscriptions/my-sub/resourceGroups/rg/machines/vm1/heartbeat
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

[[ $# -eq 1 ]] || { echo "usage: $0 SUBSCRIPTION" >&2; exit 2; }
subscription=$1
collector=${VIGIL_COLLECTOR_URL:-http://127.0.0.1:8082}
token=$("$VIGIL_ROOT/scripts/token.sh" SecurityAdmin "$subscription")
answer=$(curl -sS -f -X POST -H "Authorization: Bearer $token" \
  "$collector/api/v1/subscriptions/$subscription/ingestionKeys") || {
  echo "the collector refused to create a key (is the local stack running? scripts/run-local.sh start)" >&2
  exit 1
}
key=$(printf '%s' "$answer" | sed -nE 's/.*"key" *: *"([^"]+)".*/\1/p')
[[ -n $key ]] || { echo "unexpected answer: $answer" >&2; exit 1; }
echo "X-Vigil-Ingestion-Key: $key"
