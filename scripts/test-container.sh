#!/usr/bin/env bash
# The local-host container image, built and run for real with podman (make test-container):
#   1. podman, runc and debootstrap from Debian, installed with apt-get if missing;
#   2. a stand-in for the official ASP.NET Core runtime image (which cannot be pulled here): Debian
#      bookworm minbase from debootstrap plus what the app needs (libicu72, libssl3, ca-certificates,
#      nodejs, procps) and this machine's .NET and ASP.NET Core 10 runtimes copied in, imported as
#      localhost/fedavg-base:bookworm; cached in .container/ (rebuilt when its recipe changes);
#   3. the app image on it (scripts/build-image.sh with BASE_IMAGE=localhost/fedavg-base:bookworm);
#   4. a container with the real CIFAR-10 mounted at /data and a fresh state volume: a tiny run through
#      POST /api/train, GET /api/runs/{id} until Completed, the Durable Functions status route, and
#      POST /api/predict of a real CIFAR-10 test image as PNG (multipart field `image`);
#   5. that container stopped (SIGTERM, exit 0) and a new one on the same volume: the run is still
#      there and predict still answers with its model.
# Only the mounted-data path is tested: this machine cannot download CIFAR-10.
# DATA=dir names the CIFAR-10 folder (else FEDAVG_DATA, else ../shared/data/cifar-10-batches-bin).
# Exits non-zero with one line `test-container: FAIL ...` (after the container's log) on any failure.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$SECONDS
cache=${FEDAVG_CONTAINER_CACHE:-$root/.container}
base_image=localhost/fedavg-base:bookworm
image=localhost/fedavg-local:test
volume=fedavg-test-state-$$
names=()

say() { echo "test-container: [$((SECONDS - started)) s] $*"; }
fail() {
  trap - ERR
  for name in "${names[@]}"; do
    echo "--- last lines of container $name:" >&2
    pod logs --tail 40 "$name" >&2 2>&1 || true
  done
  echo "test-container: FAIL $*" >&2
  exit 1
}
trap 'fail "line $LINENO: $BASH_COMMAND (exit $?)"' ERR

data=${DATA:-${FEDAVG_DATA:-$root/../shared/data/cifar-10-batches-bin}}
[[ -f "$data/test_batch.bin" ]] || fail "no CIFAR-10 folder at $data (set DATA=dir)"
data=$(cd "$data" && pwd)

# 1. Tools.
missing=()
for tool in podman:podman runc:runc debootstrap:debootstrap; do
  command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if ((${#missing[@]} > 0)); then
  say "installing ${missing[*]} with apt-get"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# podman on its own store under .container (never the machine's default one), with the settings that
# work on these machines: runc, cgroupfs, host networking, explicit ulimits; overlay storage where a
# container starts on it, else vfs (which works everywhere but copies whole layers, several times slower).
mkdir -p "$cache"
runroot=/tmp/fedavg-podman-$(printf %s "$cache" | sha1sum | cut -c1-12)
use_driver() {
  driver=$1
  engine=(podman --root "$cache/storage-$driver" --runroot "$runroot-$driver" --tmpdir "$runroot-$driver/libpod"
    --storage-driver "$driver" --runtime runc --cgroup-manager cgroupfs --events-backend file)
}
pod() { "${engine[@]}" "$@"; }
run_flags=(--network host --ulimit nofile=20000:20000 --ulimit nproc=4096:4096)

cleanup() {
  for name in "${names[@]}"; do pod rm -f -t 5 "$name" >/dev/null 2>&1 || true; done
  pod volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# 2. The stand-in base image.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime_version() { dotnet --list-runtimes | awk -v n="$1" '$1 == n && $2 ~ /^10\./ { v = $2 } END { print v }'; }
netcore=$(runtime_version Microsoft.NETCore.App)
aspnet=$(runtime_version Microsoft.AspNetCore.App)
[[ -n "$netcore" && -n "$aspnet" ]] || fail "this machine has no .NET 10 and ASP.NET Core 10 runtimes to copy into the base"
packages=libicu72,libssl3,ca-certificates,nodejs,procps
recipe="bookworm minbase $packages netcore $netcore aspnet $aspnet"
recipe_id=$(printf %s "$recipe" | sha1sum | cut -c1-12)
if [[ ! -f "$cache/base.tar" || "$(cat "$cache/base.recipe" 2>/dev/null)" != "$recipe" ]]; then
  say "building the stand-in base with debootstrap ($recipe)"
  rootfs=$cache/rootfs
  rm -rf "$rootfs" "$cache/base.tar" "$cache/base.recipe"
  # The mirror this machine's apt uses for bookworm, if it names one; else debootstrap's default.
  mirror=$(apt-cache policy 2>/dev/null | awk '$3 == "bookworm/main" { print $2; exit }')
  debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" ${mirror:+"$mirror"} >"$cache/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see $cache/debootstrap.log"
  # What the official image has: the runtimes under /usr/share/dotnet, dotnet on PATH.
  mkdir -p "$rootfs/usr/share/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$rootfs/usr/share/dotnet/"
  for framework in "Microsoft.NETCore.App/$netcore" "Microsoft.AspNetCore.App/$aspnet"; do
    mkdir -p "$rootfs/usr/share/dotnet/shared/${framework%/*}"
    cp -a "$dotnet_root/shared/$framework" "$rootfs/usr/share/dotnet/shared/$framework"
  done
  ln -sf /usr/share/dotnet/dotnet "$rootfs/usr/bin/dotnet"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --numeric-owner --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -cf "$cache/base.tar" .
  rm -rf "$rootfs"
  echo "$recipe" >"$cache/base.recipe"
fi
import_base() { # into the current store, unless it holds the base of this recipe already
  [[ "$(pod image inspect -f '{{index .Labels "fedavg.base.recipe"}}' "$base_image" 2>/dev/null)" == "$recipe_id" ]] && return 0
  say "importing $base_image into the $driver store"
  pod import \
    --change "ENV DOTNET_VERSION=$netcore" --change "ENV ASPNET_VERSION=$aspnet" \
    --change "ENV ASPNETCORE_HTTP_PORTS=8080" --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" \
    --change "LABEL fedavg.base.recipe=$recipe_id" --change 'CMD ["/bin/bash"]' \
    "$cache/base.tar" "$base_image" >/dev/null 2>"$cache/import.log" || fail "podman import failed; see $cache/import.log"
}
if [[ -n "${STORAGE_DRIVER:-}" ]]; then
  use_driver "$STORAGE_DRIVER"
  import_base
else
  use_driver overlay
  import_base
  if ! pod run --rm "${run_flags[@]}" "$base_image" true >"$cache/overlay-probe.log" 2>&1; then
    say "overlay storage does not work here ($(tail -n 1 "$cache/overlay-probe.log")); using vfs"
    pod system reset --force >/dev/null 2>&1 || true
    use_driver vfs
    import_base
  fi
fi

# 3. The app image.
say "building $image on $base_image"
CONTAINER="${engine[*]}" \
  IMAGE=$image BASE_IMAGE=$base_image CONTEXT=$cache/context \
  bash scripts/build-image.sh "${run_flags[@]}" >"$cache/build.log" 2>&1 \
  || { tail -n 20 "$cache/build.log" >&2; fail "the image did not build; see $cache/build.log"; }
pod image prune -f >/dev/null 2>&1 || true

# 4. Train, status, predict.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
api=http://127.0.0.1:$port
png=$cache/test-image.png
python3 - "$data/test_batch.bin" "$png" <<'PY'
# The first CIFAR-10 test image (label byte, then 32x32 R, G and B planes) as an RGB PNG.
import struct, sys, zlib
record = open(sys.argv[1], "rb").read(3073)
r, g, b = record[1:1025], record[1025:2049], record[2049:3073]
rows = b"".join(b"\0" + bytes(v for x in range(32) for v in (r[32 * y + x], g[32 * y + x], b[32 * y + x])) for y in range(32))
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
open(sys.argv[2], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0))
                               + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY

start_container() { # name: runs the image on the state volume, waits until it serves
  local name=$1
  names+=("$name")
  pod rm -f "$name" >/dev/null 2>&1 || true
  # FEDAVG_LISTEN=127.0.0.1: with host networking, listen on loopback only (the image's default is
  # 0.0.0.0, for a published port).
  pod run -d --name "$name" "${run_flags[@]}" -e FEDAVG_LISTEN=127.0.0.1 \
    -v "$data:/data:ro" -v "$volume:/state" "$image" --port "$port" >/dev/null
  local deadline=$((SECONDS + 120))
  until pod logs "$name" 2>&1 | grep -F "serving on http://127.0.0.1:$port" >/dev/null; do
    [[ "$(pod inspect -f '{{.State.Running}}' "$name")" == true ]] || fail "container $name exited before serving"
    ((SECONDS < deadline)) || fail "container $name did not serve on port $port within 120 s"
    sleep 1
  done
}
# request WHAT CURL-ARGS...: the answer in $code and $body; fails with both unless it is 2xx.
request() {
  local what=$1 out
  shift
  out=$(curl -sS --max-time 60 -w '\n%{http_code}' "$@") || fail "$what: no answer from $api"
  body=${out%$'\n'*}
  code=${out##*$'\n'}
  [[ "$code" == 2?? ]] || fail "$what answered $code: ${body:0:400}"
}
field() { python3 -c "import json, sys; d = json.loads(sys.argv[1]); print($1)" "$body"; }
run_status() { request "GET /api/runs/$id" "$api/api/runs/$id"; status=$(field 'd["runtimeStatus"]'); }
predict() { # checks the answer: a CIFAR-10 class, probabilities summing to 1, the model of run $id
  request "POST /api/predict" -F "image=@$png;type=image/png" "$api/api/predict"
  [[ "$(field '"ok" if d["label"] in ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
    and abs(sum(d["probabilities"].values()) - 1) < 0.01 and d["model"]["runId"] == "'"$id"'" else "bad"')" == ok ]] \
    || fail "POST /api/predict answered ${body:0:400}"
  say "predict: $(field 'd["label"] + " from run " + d["model"]["runId"] + " round " + str(d["model"]["round"])')"
}

pod volume create "$volume" >/dev/null
start_container fedavg-test-$$-a
say "serving on $api"
libstdcxx=$(pod exec fedavg-test-$$-a sh -c 'grep -c GLIBCXX_3.4.32 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 || true')
[[ "$libstdcxx" == 0 ]] || fail "the base's libstdc++ has GLIBCXX_3.4.32, so it cannot tell a patched libLibTorchSharp.so from an unpatched one"
in_image=$(pod exec fedavg-test-$$-a sha256sum /app/libLibTorchSharp.so | cut -d' ' -f1)
[[ "$in_image" == "$(sha256sum "$cache/context/app/libLibTorchSharp.so" | cut -d' ' -f1)" ]] \
  || fail "/app/libLibTorchSharp.so in the image is not the published (patched) copy"

request "POST /api/train" -H 'Content-Type: application/json' \
  -d '{"rounds":1,"clients":2,"trainLimit":200,"testLimit":100,"localEpochs":1}' "$api/api/train"
id=$(field 'd["id"]')
status_uri=$(field 'd["statusQueryGetUri"]')
say "train: run $id accepted"
deadline=$((SECONDS + 300))
while run_status; [[ "$status" != Completed ]]; do
  [[ "$status" != Failed && "$status" != Terminated ]] || fail "run $id ended $status: $(field 'd.get("failure")')"
  ((SECONDS < deadline)) || fail "run $id still $status after 300 s"
  sleep 2
done
say "status: run $id Completed, final test accuracy $(field '"{:.1%}".format(d["result"]["finalAccuracy"])')"
request "GET the status route" "$status_uri"
[[ "$code" == 200 ]] || fail "the status route answered $code for the completed run"
predict
pod exec fedavg-test-$$-a test ! -e /state/data || fail "the container downloaded CIFAR-10 although /data was mounted"

# 5. State in the volume: stop (SIGTERM), start a new container on the same volume.
pod stop -t 60 fedavg-test-$$-a >/dev/null
exit_code=$(pod inspect -f '{{.State.ExitCode}}' fedavg-test-$$-a)
[[ "$exit_code" == 0 ]] || fail "fedavg serve exited $exit_code on SIGTERM"
start_container fedavg-test-$$-b
run_status
[[ "$status" == Completed ]] || fail "after the restart run $id is $status"
predict
pod stop -t 60 fedavg-test-$$-b >/dev/null
cleanup
say "OK: the image built, trained a run, answered status and predict, and kept its state across containers"
