#!/usr/bin/env bash
# Shows Vigil working on real input: starts the local stack if needed, configures a new demo subscription, registers
# four machines, feeds a real sshd auth log, state reports, a Trivy scan, an XCCDF baseline and a Windows Security event
# log, and prints the alerts, the recommendations, each machine's health and the secure score.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

POLICY=http://127.0.0.1:8081
COLLECTOR=http://127.0.0.1:8082
RECOMMENDATION=http://127.0.0.1:8083
ALERT=http://127.0.0.1:8084
DATA=$VIGIL_ROOT/demo/data
SUB=${VIGIL_DEMO_SUBSCRIPTION:-demo-$(date -u +%Y%m%d-%H%M%S)}
WAIT_SECONDS=${VIGIL_DEMO_WAIT:-60}

say() { echo "== $*"; }

if ! command -v jq >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null
  else
    echo "demo.sh needs jq (apt-get install jq)" >&2; exit 1
  fi
fi

# call METHOD URL [curl args...]: fails loudly with the problem+json answer when Vigil refuses.
call() {
  local method=$1 url=$2; shift 2
  local out status
  out=$(curl -sS -X "$method" -w '\n%{http_code}' "$@" "$url")
  status=${out##*$'\n'}
  out=${out%$'\n'*}
  if [[ $status -ge 300 ]]; then echo "$method $url answered $status: $out" >&2; exit 1; fi
  printf '%s' "$out"
}

"$VIGIL_ROOT/scripts/run-local.sh" start

# People use bearer tokens (signed here by the local stack's own key); agents use an ingestion key.
ADMIN="Authorization: Bearer $("$VIGIL_ROOT/scripts/token.sh" SecurityAdmin "$SUB")"
READER="Authorization: Bearer $("$VIGIL_ROOT/scripts/token.sh" Reader "$SUB")"

say "subscription $SUB: data collection On, tier Standard; resource group 'lab' keeps data collection Off"
call PUT "$POLICY/api/v1/subscriptions/$SUB/policy" -H "$ADMIN" -H 'Content-Type: application/json' \
  -d '{"dataCollection": "On", "pricingTier": "Standard"}' >/dev/null
call PUT "$POLICY/api/v1/subscriptions/$SUB/resourceGroups/lab/policy" -H "$ADMIN" -H 'Content-Type: application/json' \
  -d '{"dataCollection": "Off"}' >/dev/null

say "creating an ingestion key for the agents"
AGENT=$("$VIGIL_ROOT/scripts/ingestion-key.sh" "$SUB")
echo "${AGENT%%:*}: ${AGENT#*: }" | cut -c1-40 | sed 's/$/.../'

say "registering host01 and host02 (Linux), win-01 (Windows) and lab-01 (Linux, in 'lab')"
machine() { echo "$COLLECTOR/api/v1/subscriptions/$SUB/resourceGroups/$1/machines/$2"; }
call PUT "$(machine linux-servers host01)" -H "$AGENT" -H 'Content-Type: application/json' \
  -d '{"vmId": "4c4c4544-0042-3510-8052-b2c04f4d3232", "osType": "Linux", "osName": "Red Hat Enterprise Linux", "osVersion": "7.9", "agentVersion": "1.0.0"}' >/dev/null
call PUT "$(machine windows-servers win-01)" -H "$AGENT" -H 'Content-Type: application/json' \
  -d '{"vmId": "9a1f3c2e-6b1d-4c8e-9f57-0d2f7e1a4b10", "osType": "Windows", "osName": "Windows Server 2022", "osVersion": "10.0.20348", "agentVersion": "1.0.0"}' >/dev/null
call PUT "$(machine lab lab-01)" -H "$AGENT" -H 'Content-Type: application/json' \
  -d '{"vmId": "e2b7d0c4-1f6a-4d3b-8c55-7a9e0f1b2c3d", "osType": "Linux", "osName": "Debian", "osVersion": "12", "agentVersion": "1.0.0"}' >/dev/null
call PUT "$(machine linux-servers host02)" -H "$AGENT" -H 'Content-Type: application/json' \
  -d '{"vmId": "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "osType": "Linux", "osName": "Red Hat Enterprise Linux", "osVersion": "8.5", "agentVersion": "1.0.0"}' >/dev/null
for m in "linux-servers host01" "linux-servers host02" "windows-servers win-01" "lab lab-01"; do
  call POST "$(machine $m)/heartbeat" -H "$AGENT" >/dev/null
done

say "feeding host01's /var/log/secure (1000 real sshd lines) and two state reports"
call POST "$(machine linux-servers host01)/events" -H "$AGENT" -H 'Content-Type: text/plain' \
  --data-binary @"$DATA/auth/secure-rhel7.log" | jq -c '{accepted, rejected}'
call POST "$(machine linux-servers host01)/reports" -H "$AGENT" -H 'Content-Type: application/json' \
  --data-binary @"$DATA/reports/host01.json" >/dev/null
call POST "$(machine windows-servers win-01)/reports" -H "$AGENT" -H 'Content-Type: application/json' \
  --data-binary @"$DATA/reports/win-01.json" >/dev/null
say "scanner reports: Trivy on host01, an OpenSCAP (XCCDF) baseline on host02; win-01's Security event log"
call POST "$(machine linux-servers host01)/scans?format=trivy" -H "$AGENT" -H 'Content-Type: application/json' \
  --data-binary @"$DATA/scans/amazonlinux2-gp2-x86-vm.json" | jq -c '{format, findings: .summary.findings}'
call POST "$(machine linux-servers host02)/scans?format=xccdf" -H "$AGENT" -H 'Content-Type: application/xml' \
  --data-binary @"$DATA/scans/xccdf_rule_and_cpe_check.xml" | jq -c '{format, ruleResults: .summary.ruleResultsByOutcome}'
call POST "$(machine windows-servers win-01)/events" -H "$AGENT" -H 'Content-Type: application/json' \
  --data-binary @"$DATA/windows/WORKSTATION6_Windows_Security_2022-09-22T12313335.json" | jq -c '{accepted, rejected}'
echo -n "lab-01's report, with data collection off there: "
curl -sS -X POST -H "$AGENT" -H 'Content-Type: application/json' -d '{"collectedAt": "2026-12-01T10:00:00Z"}' \
  "$(machine lab lab-01)/reports" | jq -r '"\(.status) \(.type)"'

# Aligns tab-separated columns.
table() {
  awk -F'\t' '{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > width[i]) width[i] = length($i) }
                 if (NF > cols) cols = NF }
         END { for (r = 1; r <= NR; r++) { line = ""
                 for (i = 1; i <= cols; i++) line = line sprintf("%-" (width[i] + 2) "s", cell[r, i])
                 sub(/ +$/, "", line); print line } }'
}

alerts() { call GET "$ALERT/api/v1/subscriptions/$SUB/alerts?limit=200" -H "$READER"; }
recommendations() {
  call GET "$RECOMMENDATION/api/v1/subscriptions/$SUB/recommendations?state=Active&limit=200" -H "$READER"
}

say "waiting for delivery and evaluation (at most ${WAIT_SECONDS}s)"
deadline=$((SECONDS + WAIT_SECONDS))
until [[ $(alerts | jq '.value | length') -ge 3 && $(recommendations | jq '.value | length') -ge 9 ]]; do
  if ((SECONDS > deadline)); then echo "not everything arrived in ${WAIT_SECONDS}s; showing what there is"; break; fi
  sleep 1
done

say "security alerts"
alerts | jq -r '.value[] | [.severity, .alertType, (.entities[] | select(.type == "ip") | .address),
  "\(.eventCount) events", .startTimeUtc, .endTimeUtc, .compromisedEntity] | @tsv' | table

say "active recommendations"
recommendations | jq -r '.value[] | [.severity, .type, .resourceId] | @tsv' | sort | table

say "machine health per control"
call GET "$RECOMMENDATION/api/v1/subscriptions/$SUB/machines/health" -H "$READER" \
  | jq -r '(["MACHINE", "HEALTH", "UPDATES", "CONFIG", "ENDPOINT", "DISKS", "AGENT", "VULNS"] | @tsv),
      (.value[] | [.resourceGroup + "/" + .name, .health, .controls.systemUpdates, .controls.securityConfigurations,
        .controls.endpointProtection, .controls.diskEncryption, .controls.vmAgent, .controls.vulnerabilityAssessment]
        | map(if . == "NotApplicable" then "n/a" else . end) | @tsv)' | table

say "secure score"
call GET "$RECOMMENDATION/api/v1/subscriptions/$SUB/securityHealth" -H "$READER" \
  | jq -r '"\(.secureScore.current) of \(.secureScore.max) (\(.secureScore.percentage)%): \(.machines.healthy) healthy and \(.machines.unhealthy) unhealthy of \(.machines.total) machines; active recommendations: \(.recommendations.bySeverity.High) High, \(.recommendations.bySeverity.Medium) Medium, \(.recommendations.bySeverity.Low) Low",
      (.secureScore.controls[] | "  \(.control): \(.currentScore) of \(.maxScore) (\(.healthy) healthy, \(.unhealthy) unhealthy, \(.notApplicable) n/a)")'

echo
echo "Subscription: $SUB. Ask for yourself, e.g.:"
echo "  curl -s -H \"Authorization: Bearer \$(scripts/token.sh Reader $SUB)\" $ALERT/api/v1/subscriptions/$SUB/alerts | jq"
echo "  curl -s -H \"Authorization: Bearer \$(scripts/token.sh Reader $SUB)\" \\"
echo "    $RECOMMENDATION/api/v1/subscriptions/$SUB/recommendations | jq"
echo "Stop the services with: scripts/run-local.sh stop"
