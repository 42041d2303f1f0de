"""`python -m benchmarks feeds` runs end to end on a tiny size and reports its metrics (no timings)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_feeds_benchmark_reports_its_metrics() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "feeds",
            "--feeds",
            "4",
            "--items-per-feed",
            "5",
            "--no-sweep",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(proc.stdout)
    metrics = {r["metric"] for r in results if r["name"] == "feeds"}
    for metric in ("update precision", "recall (update+review)", "poll, whole", "group + match", "rss peak"):
        assert metric in metrics
    assert any(r["name"] == "feeds" and r["metric"] == "new items" and r["value"] == 20 for r in results)
    assert [r["unit"] for r in results if r["name"] == "target"] == ["PASS", "PASS"]
