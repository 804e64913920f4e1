# The inputs the benchmark and fault scripts send, made from the real samples in demo/data/ (their sources and
# licences are in demo/data/NOTICE.md). Times are moved to the present, so that events land in the current day's
# partition and detections judge them as they would live traffic. Sourced by bench.sh and faults.sh.

BENCH_DATA=$VIGIL_ROOT/demo/data

# An sshd auth log of a brute-force attack, 1000 lines, its times shifted so that its last line is a minute old.
# Every line keeps its text; only the RFC 3164 timestamp (the first 15 characters) changes.
bench_syslog_body() {
  local out=$1 now
  now=$(date -u +%s)
  awk -v now="$now" '
    function seconds(clock,   t) { split(clock, t, ":"); return t[1] * 3600 + t[2] * 60 + t[3] }
    { lines[NR] = $0; clocks[NR] = seconds($3) }
    END {
      last = clocks[NR]
      for (i = 1; i <= NR; i++) {
        printf "%s%s\n", strftime("%b %e %H:%M:%S", now - 60 - (last - clocks[i]), 1), substr(lines[i], 16)
      }
    }' "$BENCH_DATA/auth/secure-rhel7.log" >"$out"
}

# A Windows Security event log as an agent uploads it: the sample's 37 events, 27 times over (999 events), each
# created a minute ago.
bench_windows_body() {
  local out=$1 created
  created=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%S.000Z)
  jq -c --arg created "$created" '[range(27) as $copy | .[] | .TimeCreated = $created]' \
    "$BENCH_DATA/windows/WORKSTATION6_Windows_Security_2022-09-22T12313335.json" >"$out"
}

# A full state report of a Linux server: missing updates (one Security, one Critical), a reboot pending, endpoint
# protection, one unencrypted data volume and ten baseline rules of which two fail.
bench_report_body() {
  local out=$1 collected
  collected=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  jq -n --arg collected "$collected" '{
    collectedAt: $collected,
    updates: {
      missing: [
        {id: "DSA-5343-1", title: "openssl security update", classification: "Security", severity: "High",
         cves: ["CVE-2023-0286", "CVE-2023-0215"]},
        {id: "DSA-5417-1", title: "linux security update", classification: "Critical", severity: "High",
         cves: ["CVE-2023-2002"]},
        {id: "DLA-3325-1", title: "tzdata new upstream version", classification: "Other"}
      ],
      rebootPending: true
    },
    endpointProtection: {installed: true, product: "ClamAV", realTimeProtection: true, signaturesUpdatedAt: $collected},
    diskEncryption: {volumes: [
      {mount: "/", kind: "Os", encrypted: true},
      {mount: "/var/lib/postgresql", kind: "Data", encrypted: false}
    ]},
    baseline: {results: [range(10) as $i | {
      ruleId: ("linux-baseline-" + ($i | tostring)),
      title: ("Baseline rule " + ($i | tostring)),
      severity: (if $i < 2 then "High" else "Medium" end),
      result: (if $i < 2 then "Fail" else "Pass" end)
    }]}
  }' >"$out"
}

# A Trivy JSON report of 100 findings: the debian-stretch sample's five, over twenty package names.
bench_trivy_body() {
  local out=$1
  jq -c '.Results[0].Vulnerabilities as $found
    | .Results[0].Vulnerabilities = [range(20) as $copy | $found[] | .PkgName = (.PkgName + "-" + ($copy | tostring))]' \
    "$BENCH_DATA/scans/debian-stretch.json" >"$out"
}
