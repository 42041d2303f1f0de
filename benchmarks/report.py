"""Benchmark results: one record per measured number, printed as a table or as JSON."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Result:
    name: str  # benchmark: "catalog", "discord", "fanout"
    size: int  # stories, interactions or guilds
    metric: str
    value: float
    unit: str
    note: str = ""

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        if not self.note:
            out.pop("note")
        return out


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: p99 of 100 samples is the 99th, a value that was actually seen."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100.0 * len(ordered)))
    return ordered[rank - 1]


def _fmt(value: float) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if value == int(value) and abs(value) >= 100:
        return f"{int(value)}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def table(results: Iterable[Result]) -> str:
    """Metrics down the side, sizes across: easy to compare 1k, 10k and 100k at a glance."""
    results = list(results)
    lines: list[str] = []
    for name in dict.fromkeys(r.name for r in results):
        rows = [r for r in results if r.name == name]
        sizes = list(dict.fromkeys(r.size for r in rows))
        metrics = list(dict.fromkeys((r.metric, r.unit) for r in rows))
        cell = {(r.metric, r.size): r for r in rows}
        header = f"{name:<8}{'metric':<24}{'unit':<8}" + "".join(f"{s:>12,}" for s in sizes)
        lines += [header, "-" * len(header)]
        notes: list[str] = []
        for metric, unit in metrics:
            row = f"{'':<8}{metric:<24}{unit:<8}"
            for size in sizes:
                r = cell.get((metric, size))
                row += f"{_fmt(r.value) if r else '':>12}"
                if r and r.note:
                    notes.append(f"  {metric} @ {size:,}: {r.note}")
            lines.append(row)
        lines += list(dict.fromkeys(notes))
        lines.append("")
    return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    label: str
    check: Callable[[dict[tuple[str, int], float]], tuple[bool, str] | None]  # None: not measured


def evaluate(targets: Sequence[Target], results: Iterable[Result], name: str) -> list[tuple[str, str, str]]:
    """(PASS/MISS/SKIP, label, measured) per target."""
    values = {(r.metric, r.size): r.value for r in results if r.name == name}
    out = []
    for target in targets:
        verdict = target.check(values)
        if verdict is None:
            out.append(("SKIP", target.label, "not measured in this run"))
        else:
            ok, measured = verdict
            out.append(("PASS" if ok else "MISS", target.label, measured))
    return out


def print_targets(rows: Sequence[tuple[str, str, str]]) -> str:
    return "\n".join(f"  {status}  {label}: {measured}" for status, label, measured in rows)


def dump_json(results: Iterable[Result], targets: Sequence[tuple[str, str, str]] = ()) -> str:
    payload = [r.to_json() for r in results]
    payload += [
        {"name": "target", "size": 0, "metric": label, "value": status == "PASS", "unit": status, "note": m}
        for status, label, m in targets
    ]
    return json.dumps(payload, indent=1)
