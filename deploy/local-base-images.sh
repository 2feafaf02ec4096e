#!/usr/bin/env bash
# Builds the service's image on a host that cannot pull from a container registry (an air-gapped build host,
# or a CI machine that reaches only package registries).
#
# It makes a Docker engine answer (installing Debian's docker.io and starting dockerd with the vfs storage
# driver when none does), installs Compose when neither `docker compose` nor `docker-compose` runs (Debian's
# docker-compose package), then makes local stand-ins for the two base images of the Dockerfile:
#   - an SDK image: a Debian root file system (debootstrap, minbase) with this machine's .NET SDK;
#   - a runtime image: the same root file system with only the .NET and ASP.NET Core runtimes and the
#     non-root `app` user, set up like the official ASP.NET Core image.
# Each stand-in is tagged with the .NET version it holds and is built only when that tag is missing, so
# later runs on the same machine reuse it.
#
# It prints, on stdout, `export` lines for the container tests and for `docker build`:
#   eval "$(deploy/local-base-images.sh)"
#   docker build --network host --build-arg SDK_IMAGE="$REFINESERVICE_SDK_IMAGE" \
#     --build-arg RUNTIME_IMAGE="$REFINESERVICE_RUNTIME_IMAGE" -t refineservice .
#   docker-compose up --build     (docker-compose.yml reads the same variables)
# Everything else goes to stderr. It exits non-zero, printing the reason, when no engine can be had.
#
# Settings (environment):
#   DEBIAN_MIRROR   the Debian mirror for debootstrap; default: the bookworm main source apt already uses
#   STANDIN_REPO    the repository part of the stand-in tags; default: refineservice-local
#   DOCKERD_LOG     where a dockerd started here writes; default: /var/log/refineservice-dockerd.log
set -euo pipefail

readonly suite=bookworm
readonly recipe=r2   # bump when the recipe below changes, so that cached stand-ins are rebuilt
readonly standin_repo=${STANDIN_REPO:-refineservice-local}
readonly dockerd_log=${DOCKERD_LOG:-/var/log/refineservice-dockerd.log}
# Carried by the stand-ins and so by every image built on them; marks what prune_build_leftovers may remove.
readonly standin_label=refineservice.local-base-image
# Packages the .NET runtime loads (ICU, OpenSSL, zlib) and the certificates HTTPS needs.
readonly runtime_packages=libicu72,libssl3,ca-certificates,zlib1g
# Host settings that decide how this machine reaches NuGet; copied into the SDK stand-in when set.
readonly passthrough_env=(NUGET_CERT_REVOCATION_MODE http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY)

log() { echo "local-base-images: $*" >&2; }
fail() { log "$*"; exit 1; }

engine_answers() { docker info >/dev/null 2>&1; }

ensure_engine() {
  if engine_answers; then
    log "a Docker engine answers"
    return
  fi
  [ "$(id -u)" -eq 0 ] || fail "no Docker engine answers, and starting one needs root"
  if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null; then
    command -v apt-get >/dev/null || fail "no Docker engine answers, and apt-get is not there to install one"
    log "installing docker.io"
    apt-get update -qq >&2
    apt-get install -y -qq docker.io >&2 || fail "cannot install docker.io"
  fi
  log "starting dockerd (vfs storage driver), log in $dockerd_log"
  # Detached from this script's output, so that whoever reads that output is not kept waiting for dockerd.
  setsid dockerd --storage-driver=vfs </dev/null >>"$dockerd_log" 2>&1 &
  for _ in $(seq 60); do
    engine_answers && { log "dockerd answers"; return; }
    sleep 1
  done
  fail "dockerd did not answer within 60 s; see $dockerd_log"
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# Debian's docker.io has no Compose; its docker-compose package (1.29) reads docker-compose.yml as it is.
ensure_compose() {
  if docker compose version >/dev/null 2>&1 || docker-compose version >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    log "installing docker-compose"
    { apt-get install -y -qq docker-compose || { apt-get update -qq && apt-get install -y -qq docker-compose; }; } >&2 ||
      log "cannot install docker-compose: build and run with docker build and docker run instead"
  else
    log "no Compose here (docker compose or docker-compose): build and run with docker build and docker run instead"
  fi
}

# Every build leaves its build stage behind untagged, and with the vfs driver each layer is a full copy of
# the SDK (about 0.8 GB). Keep the newest, whose restore layer the next build reuses, and remove the other
# leftovers of builds on the stand-ins; only those older than an hour, so that a build running now keeps its own.
prune_build_leftovers() {
  local cutoff stale
  cutoff=$(($(date +%s) - 3600))
  stale=$(
    {
      docker image ls --filter dangling=true --filter "label=$standin_label=sdk" --format '{{.ID}} {{.CreatedAt}}' | tail -n +2
      docker image ls --filter dangling=true --filter "label=$standin_label=runtime" --format '{{.ID}} {{.CreatedAt}}'
    } | while read -r id created; do
      # CreatedAt reads like "2026-01-31 12:00:00 +0000 UTC"; date reads it without the zone name.
      if [ "$(date -d "${created% *}" +%s)" -lt "$cutoff" ]; then echo "$id"; fi
    done | sort -u
  )
  if [ -n "$stale" ]; then
    log "removing $(echo "$stale" | wc -l) untagged images left by earlier builds"
    echo "$stale" | xargs docker image rm >/dev/null 2>&1 || true
  fi
}

debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then
    echo "$DEBIAN_MIRROR"
    return
  fi
  apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' 2>/dev/null |
    awk -v suite="$suite" '$2 == suite && $3 == "main" { print $1; exit }'
}

# Makes a minimal Debian root file system with the runtime's native dependencies in $1.
make_rootfs() {
  local root=$1 mirror
  command -v debootstrap >/dev/null || {
    log "installing debootstrap"
    apt-get update -qq >&2
    apt-get install -y -qq debootstrap >&2
  }
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || fail "no Debian $suite mirror found in apt's sources; set DEBIAN_MIRROR"
  log "debootstrap $suite (minbase + $runtime_packages)"
  debootstrap --variant=minbase --include="$runtime_packages" "$suite" "$root" "$mirror" >&2 ||
    fail "debootstrap failed (its log: $root/debootstrap/debootstrap.log)"
  # Nothing at run time needs apt's lists, downloaded packages, documentation or translations.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
    "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
}

# Copies the parts $3.. of the .NET installation $1 into the root file system $2, where the official images keep it.
copy_dotnet() {
  local dotnet_root=$1 root=$2 part
  shift 2
  mkdir -p "$root/usr/share/dotnet"
  for part in "$@"; do
    mkdir -p "$root/usr/share/dotnet/$(dirname "$part")"
    cp -a "$dotnet_root/$part" "$root/usr/share/dotnet/$part"
  done
  ln -sf /usr/share/dotnet/dotnet "$root/usr/bin/dotnet"
}

# Loads the root file system $1 as image $2; the remaining arguments are `docker import --change` instructions.
import_rootfs() {
  local root=$1 tag=$2 change args=()
  shift 2
  for change in "$@"; do args+=(--change "$change"); done
  log "importing $tag"
  tar -C "$root" --numeric-owner -c . | docker import "${args[@]}" - "$tag" >/dev/null
}

main() {
  ensure_engine
  ensure_compose

  local dotnet_root sdk_version runtime_version sdk_tag runtime_tag
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  sdk_version=$(dotnet --version)
  runtime_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" { v = $2 } END { print v }')
  [ -n "$runtime_version" ] || fail "no ASP.NET Core runtime in $dotnet_root"
  [ -d "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" ] ||
    fail "no .NET runtime $runtime_version beside ASP.NET Core $runtime_version in $dotnet_root"
  sdk_tag="$standin_repo/dotnet-sdk:$sdk_version-$suite-$recipe"
  runtime_tag="$standin_repo/aspnet:$runtime_version-$suite-$recipe"

  if image_exists "$sdk_tag" && image_exists "$runtime_tag"; then
    log "stand-ins cached: $sdk_tag, $runtime_tag"
  else
    [ "$(id -u)" -eq 0 ] || fail "making the stand-in images needs root (debootstrap)"
    work=$(mktemp -d /var/tmp/local-base-images.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    make_rootfs "$work/base"

    # The settings both official images carry that this service relies on.
    local common_env=(
      "ENV APP_UID=1654"
      "ENV ASPNETCORE_HTTP_PORTS=8080"
      "ENV DOTNET_RUNNING_IN_CONTAINER=true"
      "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    )

    if ! image_exists "$runtime_tag"; then
      cp -a "$work/base" "$work/runtime"
      copy_dotnet "$dotnet_root" "$work/runtime" dotnet LICENSE.txt host \
        "shared/Microsoft.NETCore.App/$runtime_version" "shared/Microsoft.AspNetCore.App/$runtime_version"
      # The non-root user of the official images, with the same id.
      chroot "$work/runtime" groupadd --gid 1654 app
      chroot "$work/runtime" useradd --no-log-init --uid 1654 --gid 1654 --create-home app
      import_rootfs "$work/runtime" "$runtime_tag" "${common_env[@]}" "LABEL $standin_label=runtime" \
        "ENV DOTNET_VERSION=$runtime_version" "ENV ASPNET_VERSION=$runtime_version" \
        'CMD ["/bin/bash"]'
      rm -rf "$work/runtime"
    fi

    if ! image_exists "$sdk_tag"; then
      local root="$work/base" name sdk_env=()
      copy_dotnet "$dotnet_root" "$root" dotnet LICENSE.txt host shared packs sdk-manifests "sdk/$sdk_version"
      # The build restores from NuGet through this machine's network, so it trusts what this machine trusts.
      if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
        chroot "$root" update-ca-certificates >&2
      fi
      for name in "${passthrough_env[@]}"; do
        [ -n "${!name:-}" ] && sdk_env+=("ENV $name=${!name}")
      done
      import_rootfs "$root" "$sdk_tag" "${common_env[@]}" "${sdk_env[@]}" "LABEL $standin_label=sdk" \
        "ENV DOTNET_SDK_VERSION=$sdk_version" "ENV DOTNET_VERSION=$runtime_version" \
        "ENV DOTNET_NOLOGO=true" "ENV DOTNET_CLI_TELEMETRY_OPTOUT=1" "ENV DOTNET_GENERATE_ASPNET_CERTIFICATE=false" \
        "ENV NUGET_XMLDOC_MODE=skip" \
        'CMD ["/bin/bash"]'
    fi
  fi

  prune_build_leftovers

  # Testcontainers asks for a recent API version unless told the engine's own (Debian's docker.io is older).
  local api_version
  api_version=$(docker version --format '{{.Server.APIVersion}}')

  cat <<EOF
export DOCKER_API_VERSION=$api_version
export REFINESERVICE_SDK_IMAGE=$sdk_tag
export REFINESERVICE_RUNTIME_IMAGE=$runtime_tag
export REFINESERVICE_BUILD_NETWORK=host
export TESTCONTAINERS_RYUK_DISABLED=true
EOF
}

main "$@"
