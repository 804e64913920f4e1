# Container images for the image test: a registry on loopback, and a small JRE base image built from Debian packages,
# so the test needs no registry but its own. Sourced by scripts/test.sh.
#
# Settings (environment):
#   VIGIL_IMAGE_REGISTRY   where the registry listens (127.0.0.1:5000); only a loopback address is accepted
#   VIGIL_IMAGE_CACHE      where the base image and the registry's storage are kept (/var/tmp/vigil-images)
#   VIGIL_DEBIAN_MIRROR    the Debian mirror the base is built from (http://deb.debian.org/debian)
#
# Each function that can fail for a reason of the machine (no root to install, no mirror, no registry) puts the reason
# in IMAGES_REASON and returns 1; the caller passes it on to the test, which is then skipped with it.

IMAGES_REGISTRY=${VIGIL_IMAGE_REGISTRY:-127.0.0.1:5000}
IMAGES_CACHE=${VIGIL_IMAGE_CACHE:-/var/tmp/vigil-images}
IMAGES_MIRROR=${VIGIL_DEBIAN_MIRROR:-http://deb.debian.org/debian}
IMAGES_SUITE=bookworm
# The base is built for this machine's architecture: Debian's name for it, and the OCI image config's.
IMAGES_DEB_ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
case $IMAGES_DEB_ARCH in
  ppc64el) IMAGES_OCI_ARCH=ppc64le ;;
  i386) IMAGES_OCI_ARCH=386 ;;
  armhf | armel) IMAGES_OCI_ARCH=arm ;;
  mips64el) IMAGES_OCI_ARCH=mips64le ;;
  *) IMAGES_OCI_ARCH=$IMAGES_DEB_ARCH ;;
esac
IMAGES_REGISTRY_PID=
IMAGES_REASON=
IMAGES_BASE=

images_log() { echo "[images] $*" >&2; }

# The Debian packages the image test needs: the registry, skopeo, debootstrap, and podman with runc.
images_tools() {
  local missing=() command package
  for command in docker-registry:docker-registry skopeo:skopeo debootstrap:debootstrap podman:podman runc:runc; do
    package=${command#*:}
    command -v "${command%%:*}" >/dev/null 2>&1 || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    IMAGES_REASON="the Debian packages ${missing[*]} are missing and installing them needs root"
    return 1
  fi
  images_log "installing ${missing[*]} from the Debian packages"
  # policy-rc.d keeps the packages' own services (a registry on all interfaces) from starting.
  local policy=/usr/sbin/policy-rc.d had_policy=false
  [[ -e $policy ]] && had_policy=true
  if ! $had_policy; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
  fi
  DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1
  local status=$?
  $had_policy || rm -f "$policy"
  if [[ $status -ne 0 ]]; then
    IMAGES_REASON="apt-get could not install ${missing[*]}"
    return 1
  fi
}

images_registry_answers() {
  curl -sf -m 2 -o /dev/null "http://$IMAGES_REGISTRY/v2/"
}

# Starts Debian's docker-registry on the loopback address, unless one already answers there; the caller stops it with
# images_registry_down.
images_registry_up() {
  case $IMAGES_REGISTRY in
    127.*:* | localhost:*) ;;
    *) IMAGES_REASON="VIGIL_IMAGE_REGISTRY must be a loopback address, not $IMAGES_REGISTRY"; return 1 ;;
  esac
  images_registry_answers && return 0
  mkdir -p "$IMAGES_CACHE/registry"
  cat >"$IMAGES_CACHE/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $IMAGES_CACHE/registry
  delete:
    enabled: true
http:
  addr: $IMAGES_REGISTRY
EOF
  docker-registry serve "$IMAGES_CACHE/registry.yml" >>"$IMAGES_CACHE/registry.log" 2>&1 &
  IMAGES_REGISTRY_PID=$!
  local i
  for ((i = 0; i < 50; i++)); do
    images_registry_answers && { images_log "registry on $IMAGES_REGISTRY (process $IMAGES_REGISTRY_PID)"; return 0; }
    kill -0 "$IMAGES_REGISTRY_PID" 2>/dev/null || break
    sleep 0.2
  done
  IMAGES_REASON="the registry did not start on $IMAGES_REGISTRY (see $IMAGES_CACHE/registry.log)"
  images_registry_down
  return 1
}

# Stops the registry if this script started it.
images_registry_down() {
  if [[ -n $IMAGES_REGISTRY_PID ]]; then
    kill "$IMAGES_REGISTRY_PID" 2>/dev/null
    wait "$IMAGES_REGISTRY_PID" 2>/dev/null || true
    IMAGES_REGISTRY_PID=
  fi
}

# The root file system of the base: Debian's minimal variant with the headless JRE, without what a JVM never reads.
images_base_rootfs() {
  local rootfs=$1
  timeout 900 debootstrap --variant=minbase --arch="$IMAGES_DEB_ARCH" --include=openjdk-17-jre-headless \
    "$IMAGES_SUITE" "$rootfs" "$IMAGES_MIRROR" >"$rootfs.log" 2>&1 || return 1
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
    "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* \
    "$rootfs"/tmp/* "$rootfs"/root/.cache
  mkdir -p "$rootfs/home/jboss"
  chown 185:0 "$rootfs/home/jboss"
  chmod 1777 "$rootfs/tmp"
}

# Packs a root file system as a one-layer OCI image layout: JAVA_HOME and PATH set, running as uid 185.
images_pack_oci() {
  local rootfs=$1 layout=$2 blobs=$2/blobs/sha256 layer diff_id layer_digest layer_size config config_digest java_home
  # Where the JRE package put Java in the root file system (/usr/lib/jvm/java-17-openjdk-<architecture>/bin/java,
  # chosen through Debian's alternatives).
  java_home=$(readlink "$rootfs/etc/alternatives/java") || return 1
  java_home=${java_home%/bin/java}
  mkdir -p "$blobs"
  layer=$(mktemp -p "$layout")
  tar --numeric-owner --one-file-system -C "$rootfs" -cf - . | tee >(sha256sum | cut -d' ' -f1 >"$layer.diffid") |
    gzip -n -6 >"$layer"
  diff_id=$(cat "$layer.diffid")
  layer_digest=$(sha256sum "$layer" | cut -d' ' -f1)
  layer_size=$(stat -c %s "$layer")
  mv "$layer" "$blobs/$layer_digest"
  rm -f "$layer.diffid"
  config=$(printf '{"architecture":"%s","os":"linux","config":{"User":"185","WorkingDir":"/home/jboss",%s},%s}' \
    "$IMAGES_OCI_ARCH" \
    "\"Env\":[\"PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"JAVA_HOME=$java_home\",\"LANG=C.UTF-8\"]" \
    "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$diff_id\"]}")
  config_digest=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
  printf '%s' "$config" >"$blobs/$config_digest"
  local manifest manifest_digest
  manifest=$(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",%s,%s}' \
    "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_digest\",\"size\":${#config}}" \
    "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$layer_digest\",\"size\":$layer_size}]")
  manifest_digest=$(printf '%s' "$manifest" | sha256sum | cut -d' ' -f1)
  printf '%s' "$manifest" >"$blobs/$manifest_digest"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%d,"annotations":{"org.opencontainers.image.ref.name":"base"}}]}' \
    "$manifest_digest" "${#manifest}" >"$layout/index.json"
}

# Makes sure the JRE base is in the registry and puts its reference in IMAGES_BASE. The image is built once per set of
# inputs (these functions, the suite, the mirror, the architecture) and kept under $IMAGES_CACHE; later runs push it only if the registry
# lost it.
images_base() {
  local key ref layout work
  key=$(declare -f images_base_rootfs images_pack_oci | cat - <(echo "$IMAGES_SUITE $IMAGES_MIRROR $IMAGES_DEB_ARCH") |
    sha256sum | cut -c1-12)
  ref="$IMAGES_REGISTRY/vigil/jre-base:17-$key"
  layout="$IMAGES_CACHE/base-$key"
  if skopeo inspect --tls-verify=false --raw "docker://$ref" >/dev/null 2>&1; then
    IMAGES_BASE=$ref
    return 0
  fi
  if [[ ! -f $layout/index.json ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      IMAGES_REASON="building the base image from Debian packages needs root (debootstrap)"
      return 1
    fi
    images_log "building the JRE base image from Debian packages ($IMAGES_SUITE, once; a few minutes)"
    work=$(mktemp -d -p "$IMAGES_CACHE")
    if ! images_base_rootfs "$work/rootfs"; then
      IMAGES_REASON="debootstrap could not build the base from $IMAGES_MIRROR (see the end of $work/rootfs.log)"
      return 1
    fi
    images_pack_oci "$work/rootfs" "$work/oci" || { IMAGES_REASON="the base image could not be packed"; return 1; }
    rm -rf "$layout" && mv "$work/oci" "$layout" && rm -rf "$work"
  fi
  if ! timeout 300 skopeo copy -q --dest-tls-verify=false "oci:$layout:base" "docker://$ref" >&2; then
    IMAGES_REASON="skopeo could not push the base image to $IMAGES_REGISTRY"
    return 1
  fi
  IMAGES_BASE=$ref
}

# All of the above: on success the registry answers and IMAGES_BASE names the base; otherwise IMAGES_REASON says why.
images_prepare() {
  mkdir -p "$IMAGES_CACHE" 2>/dev/null || { IMAGES_REASON="$IMAGES_CACHE cannot be created"; return 1; }
  images_tools && images_registry_up && images_base
}
