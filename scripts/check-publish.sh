#!/usr/bin/env bash
# Publish the Functions app as the Dockerfile does and prove TorchSharp's native library loads from
# the published folder on this machine's libstdc++ (Debian 12, like the Functions base image):
#   1. the GLIBCXX_3.4.32 version need of libLibTorchSharp.so is marked weak (VER_FLG_WEAK, 0x2) by
#      build/TorchSharpGlibcxx.targets during publish, read straight from the ELF .gnu.version_r;
#   2. dlopen() of it succeeds with the published native folder on LD_LIBRARY_PATH (it needs
#      libtorch.so and friends from the same folder).
# Needs only dotnet and python3. Usage: bash scripts/check-publish.sh [output dir]
# With no output dir the publish goes to a temporary folder that is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -ge 1 ]]; then
  out=$1
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  out=$tmp/wwwroot
fi

dotnet publish src/Orchestrator/FedAvg.Orchestrator.csproj -c Release -o "$out" -nologo --verbosity quiet

# What ships to Azure holds none of the local host's code (tests/Architecture.Tests checks the build output too).
local_only=$(find "$out" -maxdepth 1 \( -name 'FedAvg.Reporting.dll' -o -name 'FedAvg.Emulator.dll' -o -name 'ScottPlot*.dll' -o -name 'Spectre.Console*.dll' -o -name 'System.CommandLine*.dll' -o -name 'fedavg.dll' \) -printf '%f ')
if [[ -n "$local_only" ]]; then
  echo "check-publish: FAIL the Functions app's publish output holds local-host code: $local_only" >&2
  exit 1
fi
echo "check-publish: OK  no chart, console or emulator assembly in the publish output"

lib=$(find "$out" -name libLibTorchSharp.so -path '*linux-x64*' -print -quit)
if [[ -z "$lib" ]]; then
  lib=$(find "$out" -name libLibTorchSharp.so -print -quit)
fi
if [[ -z "$lib" ]]; then
  echo "check-publish: no libLibTorchSharp.so under $out" >&2
  exit 1
fi
native_dir=$(dirname "$lib")
echo "check-publish: found $lib"

# The unpatched copy in the NuGet cache, for contrast (never modified).
cache_root=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')
original=$(find "$cache_root" -path '*torchsharp*linux-x64*' -name libLibTorchSharp.so -print -quit 2>/dev/null || true)

LD_LIBRARY_PATH="$native_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" python3 - "$lib" "$original" <<'PY'
import ctypes, struct, sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2
TARGET = b"GLIBCXX_3.4.32"

def version_needs(path):
    """(library, version name, flags) for every entry of the ELF64 LE .gnu.version_r section."""
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise SystemExit(f"check-publish: {path} is not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    needs = []
    for (_, sh_type, _, _, offset, _, link, info, _, _) in sections:
        if sh_type != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][4]
        def cstr(at):
            end = data.index(b"\0", strtab + at)
            return data[strtab + at:end]
        vn = offset
        for _ in range(info):
            _, cnt, file_at, aux_at, next_vn = struct.unpack_from("<HHIII", data, vn)
            aux = vn + aux_at
            for _ in range(cnt):
                _, flags, _, name_at, next_aux = struct.unpack_from("<IHHII", data, aux)
                needs.append((cstr(file_at), cstr(name_at), flags))
                aux += next_aux
            vn += next_vn
    return needs

def glibcxx_flags(path):
    return [flags for (_, name, flags) in version_needs(path) if name == TARGET]

published, original = sys.argv[1], sys.argv[2]
ok = True

flags = glibcxx_flags(published)
if not flags:
    print("check-publish: published library has no GLIBCXX_3.4.32 need (nothing to weaken)")
elif all(f & VER_FLG_WEAK for f in flags):
    print(f"check-publish: OK  GLIBCXX_3.4.32 need is weak in the published library (flags {flags[0]:#x})")
else:
    print(f"check-publish: FAIL GLIBCXX_3.4.32 need is NOT weak in the published library (flags {flags[0]:#x})")
    ok = False

if original:
    oflags = glibcxx_flags(original)
    if oflags:
        print(f"check-publish: (NuGet cache copy, unpatched: flags {oflags[0]:#x})")

try:
    ctypes.CDLL(published)
    print("check-publish: OK  dlopen(libLibTorchSharp.so) from the published folder succeeded")
except OSError as e:
    print(f"check-publish: FAIL dlopen(libLibTorchSharp.so): {e}")
    ok = False

sys.exit(0 if ok else 1)
PY

# For contrast: the unpatched NuGet copy, loaded the same way, is refused where libstdc++ lacks
# GLIBCXX_3.4.32. Informational only (a newer libstdc++ accepts both).
if [[ -n "$original" ]]; then
  contrast=$(mktemp -d)
  cp "$original" "$contrast/"
  if LD_LIBRARY_PATH="$native_dir" python3 -c 'import ctypes,sys; ctypes.CDLL(sys.argv[1])' "$contrast/libLibTorchSharp.so" 2>"$contrast/err"; then
    echo "check-publish: (the unpatched copy also loads here: this libstdc++ has GLIBCXX_3.4.32)"
  else
    echo "check-publish: (the unpatched copy is refused here: $(tail -n1 "$contrast/err" | sed 's/.*: //'))"
  fi
  rm -rf "$contrast"
fi
echo "check-publish: published app in $out loads TorchSharp's native library"
