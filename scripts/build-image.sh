#!/usr/bin/env bash
# Builds the local-host container image (src/LocalHost/Dockerfile): `fedavg serve` with its pinned
# Azurite, on a .NET runtime base image. Nothing is compiled inside the image: the app is published
# here (so build/TorchSharpGlibcxx.targets patches libLibTorchSharp.so as on any machine) and copied in
# with the node_modules of `npm ci`, from a staged build context (.container/context: app/, node_modules/).
#
#   bash scripts/build-image.sh [extra build flags...]      (make image)
#   IMAGE=tag                      the image's name (default fedavg-local)
#   BASE_IMAGE=ref                 the base (default: the Dockerfile's, the official ASP.NET Core runtime)
#   CONTAINER="podman --root ..."  the engine command with its global flags (default podman, else docker)
#   CONTEXT=dir                    where the build context is staged (default .container/context)
set -euo pipefail
cd "$(dirname "$0")/.."

image=${IMAGE:-fedavg-local}
context=${CONTEXT:-.container/context}
if [[ -z "${CONTAINER:-}" ]]; then
  CONTAINER=$(command -v podman || command -v docker || true)
  [[ -n "$CONTAINER" ]] || { echo "build-image: neither podman nor docker is installed" >&2; exit 1; }
fi
read -r -a engine <<<"$CONTAINER"

# The pinned Azurite, as `make tools` installs it.
if [[ ! -x node_modules/.bin/azurite || package-lock.json -nt node_modules/.bin/azurite ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.bin/azurite
fi

# app/ is published afresh every time; node_modules/ (many small files, slow to copy and delete) only
# when package-lock.json changed. The Dockerfile copies them in two steps, so each is cached alone.
rm -rf "$context/app"
mkdir -p "$context/app"
# linux-x64 only: the other platforms' libtorch would double the image. Framework-dependent: the base
# image brings the .NET and ASP.NET Core runtimes.
dotnet publish src/LocalHost/FedAvg.LocalHost.csproj -c Release -r linux-x64 --self-contained false \
  -o "$context/app" -nologo --verbosity quiet
[[ -f "$context/app/fedavg.dll" && -f "$context/app/libLibTorchSharp.so" ]] \
  || { echo "build-image: the publish in $context/app lacks fedavg.dll or libLibTorchSharp.so" >&2; exit 1; }
cp package.json package-lock.json src/LocalHost/container-entrypoint.sh "$context/app/"
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ "$(cat "$context/node_modules.lock" 2>/dev/null)" != "$lock" ]]; then
  rm -rf "$context/node_modules" "$context/node_modules.lock"
  cp -a node_modules "$context/node_modules"
  echo "$lock" >"$context/node_modules.lock"
fi
cp src/LocalHost/Dockerfile "$context/Dockerfile"

"${engine[@]}" build -t "$image" ${BASE_IMAGE:+--build-arg "BASE_IMAGE=$BASE_IMAGE"} "$@" "$context"
echo "build-image: built $image${BASE_IMAGE:+ on $BASE_IMAGE}"
