#!/usr/bin/env python3
"""Prints bench/results as Markdown tables for the README: accuracy per round for each configuration,
then the timings, memory and target checks."""
import json, pathlib, sys

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "bench/results")
results = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json")) if p.name != "predict.json"]
results = [r for r in results if r.get("rounds")]
if not results:
    sys.exit("no results in " + str(folder))

rounds = max(len(r["rounds"]) for r in results)
print("| round | " + " | ".join(r["name"] for r in results) + " |")
print("|---:|" + "---:|" * len(results))
for i in range(rounds):
    cells = [f'{r["rounds"][i]["testAccuracy"] * 100:.2f}%' if i < len(r["rounds"]) else "" for r in results]
    print(f"| {i + 1} | " + " | ".join(cells) + " |")
print()
print("| configuration | final accuracy | wall time | mean round | training images/s | overhead (worst round) | peak RSS |")
print("|---|---:|---:|---:|---:|---:|---:|")
for r in results:
    rs = r["rounds"]
    print(f'| {r["name"]} | {r["finalAccuracy"] * 100:.2f}% | {r["wallSeconds"] / 60:.1f} min | {sum(x["wallSeconds"] for x in rs) / len(rs):.0f} s '
          f'| {sum(x["imagesPerSecond"] for x in rs) / len(rs):.0f} | {max(x["overheadPercent"] for x in rs):.2f}% | {r["peakResidentMegabytes"]:.0f} MB |')
print()
for r in results:
    for c in r["checks"]:
        print(f'- {r["name"]}: {"met" if c["met"] else "**missed**"}: {c["target"]}: {c["measured"]}')
predict = folder / "predict.json"
if predict.exists():
    p = json.loads(predict.read_text())
    for c in p["checks"]:
        print(f'- predict: {"met" if c["met"] else "**missed**"}: {c["target"]}: {c["measured"]}')
