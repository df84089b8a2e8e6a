#!/bin/sh
# The local-host image's entry point: `fedavg serve` with the arguments given to `docker run IMAGE ...`
# (default --port 8000). The CIFAR-10 data: FEDAVG_DATA if set; else a folder mounted at /data (the six
# .bin files, or a cifar-10-batches-bin folder in it); else the copy in the state volume, downloaded
# there by the first run that needs it (./data under /state, found again on every later start).
set -eu
if [ -z "${FEDAVG_DATA:-}" ]; then
  if [ -d /data/cifar-10-batches-bin ]; then
    export FEDAVG_DATA=/data/cifar-10-batches-bin
  elif [ -n "$(ls -A /data 2>/dev/null)" ]; then
    export FEDAVG_DATA=/data
  fi
fi
exec dotnet /app/fedavg.dll serve "$@"
