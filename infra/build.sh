#!/usr/bin/env bash
# Compile infra/main.bicep to infra/bin/main.json and lint it with the pinned Bicep CLI.
# Fails on any Bicep diagnostic, warnings included: `bicep lint` and `bicep build` exit 0 on
# warnings, so their output is checked as well as their exit codes.
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored by
# build/tools/BicepTool.proj (version pinned there). Usage: bash infra/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
tool_project=build/tools/BicepTool.proj

dotnet restore "$tool_project" --verbosity quiet
bicep=$(dotnet msbuild "$tool_project" -nologo -getProperty:BicepPath)
if [[ ! -f "$bicep" ]]; then
  echo "infra/build.sh: Bicep CLI not found at '$bicep' after restoring $tool_project" >&2
  exit 1
fi
# NuGet does not keep the executable bit everywhere.
[[ -x "$bicep" ]] || chmod +x "$bicep"

mkdir -p infra/bin
rm -f infra/bin/main.json  # never leave a stale template behind a failed build
failed=0

# Runs one bicep command; fails if it exits non-zero or prints any warning or error.
run_bicep() {
  local output status=0
  output=$("$bicep" "$@" 2>&1) || status=$?
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  if (( status != 0 )); then
    echo "infra/build.sh: 'bicep $1' exited with $status" >&2
    failed=1
  elif grep -Eq ' : (Warning|Error) ' <<<"$output"; then
    echo "infra/build.sh: 'bicep $1' reported warnings; they count as failures" >&2
    failed=1
  fi
}

run_bicep build infra/main.bicep --outfile infra/bin/main.json
run_bicep lint infra/main.bicep

if (( failed )); then
  exit 1
fi
echo "infra/build.sh: $("$bicep" --version) built infra/bin/main.json; lint clean"
