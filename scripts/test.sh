#!/usr/bin/env bash
# Runs every test against a real PostgreSQL (started if none is reachable): unit, resource, end-to-end and deployment
# tests. For the image test it also starts a registry on loopback and builds the services' images into it; where that
# cannot be had, the image test is skipped and says why. Then the short benchmark and the short fault run, so neither
# harness rots (scripts/bench.sh --short, scripts/faults.sh --short; set VIGIL_SKIP_HARNESSES=1 to leave them out).
# Extra arguments go to Maven, e.g. scripts/test.sh -pl policy-service (the harnesses then do not run).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$VIGIL_ROOT/scripts/lib/postgres.sh"
source "$VIGIL_ROOT/scripts/lib/images.sh"

# The manifest checks render the overlays with kubectl kustomize.
if ! command -v kubectl >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
  echo "[test] installing kubectl (Debian's kubernetes-client)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null 2>&1 ||
    echo "[test] kubectl could not be installed; the manifest checks will be skipped" >&2
fi

pg_ensure
cd "$VIGIL_ROOT"

# Stops the registry if this run started it, and keeps the tests' exit status.
trap 'status=$?; images_registry_down; exit $status' EXIT

# The services' images: Jib builds them in the same build, on a JRE base made from Debian packages, and pushes them to
# the registry on loopback (so the generated manifests name that registry; the drift test knows).
image_args=()
if images_prepare; then
  image_args=(
    -Dquarkus.container-image.build=true
    -Dquarkus.container-image.push=true
    -Dquarkus.container-image.registry="$IMAGES_REGISTRY"
    -Dquarkus.container-image.insecure=true
    -Dquarkus.jib.base-jvm-image="$IMAGES_BASE"
    -Dvigil.images.registry="$IMAGES_REGISTRY"
  )
else
  echo "[test] the image test will be skipped: $IMAGES_REASON" >&2
  image_args=(-Dvigil.images.skip-reason="$IMAGES_REASON")
fi

"$MVNW" -B verify "${image_args[@]}" "$@"

if [[ $# -eq 0 && -z ${VIGIL_SKIP_HARNESSES:-} ]]; then
  "$VIGIL_ROOT/scripts/bench.sh" --short
  "$VIGIL_ROOT/scripts/faults.sh" --short
fi
