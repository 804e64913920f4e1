#!/usr/bin/env bash
# Prints a bearer token that the local stack accepts, for one hour.
#   scripts/token.sh ROLE SUBSCRIPTION...     ROLE is Reader or SecurityAdmin; '*' grants every subscription
# Example: curl -H "Authorization: Bearer $(scripts/token.sh Reader my-sub)" http://127.0.0.1:8084/api/v1/subscriptions/my-sub/alerts
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$VIGIL_ROOT/scripts/lib/credentials.sh"

usage() { echo "usage: $0 Reader|SecurityAdmin SUBSCRIPTION..." >&2; exit 2; }
[[ $# -ge 2 ]] || usage
role=$1; shift
[[ $role == Reader || $role == SecurityAdmin ]] || usage
subscriptions=""
for sub in "$@"; do
  [[ $sub == '*' || $sub =~ ^[a-z0-9][a-z0-9-]{0,63}$ ]] || { echo "not a subscription id: $sub" >&2; exit 2; }
  subscriptions+="${subscriptions:+,}\"$sub\""
done

credentials_ensure
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","aud":"vigil","sub":"local-%s","upn":"local-%s","groups":["%s"],"subscriptions":[%s],"iat":%d,"exp":%d}' \
  "$VIGIL_LOCAL_ISSUER" "$role" "$role" "$role" "$subscriptions" "$now" "$((now + 3600))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" |
  openssl dgst -sha256 -sign "$VIGIL_CREDENTIALS_DIR/signing-key.pem" -binary | b64url)
echo "$header.$payload.$signature"
