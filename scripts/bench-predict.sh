#!/usr/bin/env bash
# Predict latency and throughput through the HTTP endpoint of `fedavg serve`, with wrk:
# 8 concurrent connections posting a 32x32 PNG for 20 s. Writes bench/results/predict.json.
# Keeps its own local state (bench/.predict-state) so no unfinished run of another command resumes beside
# the load test; the first time it trains a small model there (DATA=dir names the CIFAR-10 folder).
set -euo pipefail
cd "$(dirname "$0")/.."
fedavg=src/LocalHost/bin/${CONFIG:-Release}/net10.0/fedavg
port=${PORT:-7181}
out=bench/results
mkdir -p "$out"
command -v wrk >/dev/null || { echo "bench-predict: wrk is needed (apt-get install wrk)" >&2; exit 1; }

image=$(mktemp --suffix .png)
python3 - "$image" <<'PY'
# A 32x32 RGB PNG from the standard library alone.
import struct, sys, zlib
raw = b"".join(b"\x00" + b"".join(bytes(((x * 8) % 256, (y * 8) % 256, ((x + y) * 4) % 256)) for x in range(32)) for y in range(32))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 32, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY

export FEDAVG_STATE=${FEDAVG_STATE:-bench/.predict-state}
env -u DOTNET_PROCESSOR_COUNT "$fedavg" serve --port "$port" ${DATA:+--data "$DATA"} > /tmp/fedavg-bench-serve.log 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null; wait $serve 2>/dev/null; rm -f "$image"' EXIT
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/openapi/v1.json" >/dev/null 2>&1 && break; sleep 0.5; done

predict() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: image/png' --data-binary "@$image" "http://127.0.0.1:$port/api/predict"; }
if [ "$(predict)" != "200" ]; then
  echo "bench-predict: no trained model yet; training a small one first" >&2
  status=$(curl -fsS -H 'Content-Type: application/json' -d '{"rounds":1,"clients":2,"clientsPerRound":2,"trainLimit":2000,"localEpochs":1,"testLimit":500}' \
    "http://127.0.0.1:$port/api/train" | python3 -c 'import json,sys; print(json.load(sys.stdin)["statusQueryGetUri"])')
  until curl -fsS "$status" | python3 -c 'import json,sys; s=json.load(sys.stdin)["runtimeStatus"]; sys.exit(0 if s in ("Completed","Failed","Terminated") else 1)'; do sleep 2; done
  [ "$(predict)" = "200" ] || { echo "bench-predict: predict still fails after training" >&2; exit 1; }
fi

PREDICT_IMAGE=$image wrk -t 2 -c 8 -d 3s -s bench/predict.lua "http://127.0.0.1:$port/api/predict" >/dev/null
result=$(PREDICT_IMAGE=$image wrk -t 2 -c 8 -d 20s -s bench/predict.lua "http://127.0.0.1:$port/api/predict" | tail -n 1)
python3 - "$result" "$out/predict.json" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
r["tool"] = "wrk -t 2 -c 8 -d 20s, 32x32 PNG body, after a 3 s warm-up"
r["checks"] = [
    {"target": "p50 <= 5 ms", "met": r["p50Ms"] <= 5, "measured": f'{r["p50Ms"]:.2f} ms'},
    {"target": "p99 <= 25 ms", "met": r["p99Ms"] <= 25, "measured": f'{r["p99Ms"]:.2f} ms'},
    {"target": ">= 300 requests/s at 8 concurrent clients", "met": r["requestsPerSecond"] >= 300, "measured": f'{r["requestsPerSecond"]:.0f}/s'},
    {"target": "no errors", "met": r["socketErrors"] == 0 and r["non2xx"] == 0, "measured": f'{r["socketErrors"]} socket, {r["non2xx"]} non-2xx'},
]
json.dump(r, open(sys.argv[2], "w"), indent=2)
print(json.dumps(r, indent=2))
PY
