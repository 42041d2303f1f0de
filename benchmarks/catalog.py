"""Catalog benchmark: load, index, memory, question latency and accuracy at 1k..100k stories.

Each size runs in a fresh subprocess so one size's memory never inflates the next one's RSS. In the
same process, after the project's own numbers, two baselines answer the same questions on the same
corpus: rank-bm25 ``BM25Okapi`` and rapidfuzz ``extractOne`` (exactly as the official scorer runs
them), under a time budget so 100k stays bounded; how many questions each baseline saw is reported.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks import scoring
from benchmarks.generate import ROOT, generate, mixed_questions
from benchmarks.report import Result, Target, percentile
from benchmarks.tree_rss import TreeMemory

DEV_QUESTIONS = ROOT / "tests" / "data" / "dev-questions.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score_questions.py"
DEFAULT_SIZES = (1000, 10_000, 100_000)
REFERENCE_SIZE = 4  # the real catalog alone: accuracy at scale is compared with it
MIXED_QUESTIONS = 500
BASELINE_BUDGET_S = 60.0  # per baseline per size

_WORD = re.compile(r"[a-z0-9]+")


def _scorer() -> ModuleType | None:
    """The official scorer's ``metrics``: reusing it means our accuracy is the scorer's accuracy."""
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_questions", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_dev_questions(path: Path = DEV_QUESTIONS) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _accuracy(dev: Sequence[dict[str, Any]], got: dict[str, dict[str, Any]]) -> dict[str, float]:
    if not dev:
        return {}
    scorer = _scorer()  # the shared reference when it is beside the project, else our copy of it
    res = scorer.metrics(list(dev), got) if scorer is not None else scoring.metrics(list(dev), got)
    return {k: v for k, v in res.items() if k != "misses"}


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def run_size(
    size: int,
    seed: int = 1,
    mixed: int = MIXED_QUESTIONS,
    budget: float = BASELINE_BUDGET_S,
    baselines: bool = True,
) -> list[Result]:
    """Every catalog metric for one corpus size, measured in this process."""
    from bot.core.library import StoryLibrary

    corpus = generate(size, seed)
    out: list[Result] = []

    def add(metric: str, value: float, unit: str, note: str = "") -> None:
        out.append(Result("catalog", size, metric, float(value), unit, note))

    gc.collect()
    rss_start = _rss_mb()
    # The production path: what the bot does at start-up (read every file, then build the index).
    library = StoryLibrary.load(corpus.directory)
    if library.problems:
        raise RuntimeError(f"generated corpus has problems: {library.problems[:3]}")
    index, answerer = library.index, library.answerer
    load_s, index_s = library.last_timings["parse"], library.last_timings["index"]
    add("stories", len(index), "count")
    add("vocabulary", index.vocabulary_size(), "stems")
    add("load", load_s, "s", "list, stat, parse and validate every file, in one process (workers: starts)")
    add("index", index_s, "s")
    add("load+index", load_s + index_s, "s")

    dev = load_dev_questions()
    generated = mixed_questions(library.stories, mixed, seed=seed + 6)
    # Project: the dev questions in file order (conversations need it), then the generated ones.
    got: dict[str, dict[str, Any]] = {}
    latencies: list[float] = []
    # Also each question's CPU time in this thread: on a shared box the wall-clock tail is mostly
    # the scheduler (a 4 ms time slice given to another process mid-question); CPU time is the
    # code's own cost, garbage collection included.
    cpu: list[float] = []
    for item in dev:
        conversation = item.get("conversation")
        key = json.dumps(conversation) if conversation is not None else None
        start, start_cpu = time.perf_counter(), time.thread_time()
        answer = answerer.ask(item["question"], key)
        cpu.append(time.thread_time() - start_cpu)
        latencies.append(time.perf_counter() - start)
        got[item["id"]] = {"story": answer.story.id if answer.story else None, "answer": answer.text}
    for question in generated:
        start, start_cpu = time.perf_counter(), time.thread_time()
        answerer.ask(question)
        cpu.append(time.thread_time() - start_cpu)
        latencies.append(time.perf_counter() - start)
    gc.collect()
    add("rss", _rss_mb(), "MB", "whole process after load, index and questions")
    add("rss growth", _rss_mb() - rss_start, "MB", "over the interpreter with the bot imported")
    add("peak rss", _peak_rss_mb(), "MB")
    ms = [x * 1000 for x in latencies]
    add("ask questions", len(ms), "count")
    add("ask p50", percentile(ms, 50), "ms")
    add("ask p99", percentile(ms, 99), "ms")
    add("ask max", max(ms), "ms")
    cpu_ms = [x * 1000 for x in cpu]
    add("ask cpu p50", percentile(cpu_ms, 50), "ms")
    add("ask cpu p99", percentile(cpu_ms, 99), "ms", "this thread's CPU time per question")
    for metric, value in _accuracy(dev, got).items():
        add(f"dev {metric}", value, "ratio")
    if baselines:
        out += _baselines(size, library.stories, dev, generated, budget)
    return out


def _baselines(
    size: int, stories: Sequence[Any], dev: Sequence[dict[str, Any]], generated: Sequence[str], budget: float
) -> list[Result]:
    from rank_bm25 import BM25Okapi
    from rapidfuzz import fuzz, process

    out: list[Result] = []
    # The same documents the scorer gets from `python -m bot stories --json`.
    texts = [f"{s.title} {s.summary} {s.searchable_text()}" for s in stories]
    ids = [s.id for s in stories]
    bm, build_s = _timed(lambda: BM25Okapi([_words(t) for t in texts]))
    out.append(Result("catalog", size, "bm25 index", build_s, "s"))

    def bm25(question: str) -> dict[str, Any]:
        qw = _words(question)
        if not qw:
            return {"story": None, "answer": None}
        scores = bm.get_scores(qw)
        top = int(scores.argmax())
        if scores[top] <= 0:
            return {"story": None, "answer": None}
        sents = _sentences(texts[top])
        sb = BM25Okapi([_words(s) or ["_"] for s in sents])
        ss = sb.get_scores(qw)
        return {"story": ids[top], "answer": sents[int(ss.argmax())]}

    def naive(question: str) -> dict[str, Any]:
        best = process.extractOne(question, texts, scorer=fuzz.WRatio) if question.strip() else None
        if best and best[1] >= 60:
            sents = _sentences(texts[best[2]])
            answer = process.extractOne(question, sents, scorer=fuzz.WRatio)[0] if sents else ""
            return {"story": ids[best[2]], "answer": answer}
        return {"story": None, "answer": None}

    # Dev questions first (shuffled, so a budget cut leaves a fair sample), then generated ones.
    rng = random.Random(3)
    order = list(dev)
    rng.shuffle(order)
    for label, fn in (("bm25", bm25), ("naive", naive)):
        got: dict[str, dict[str, Any]] = {}
        ms: list[float] = []
        deadline = time.perf_counter() + budget
        for item in order:
            if time.perf_counter() > deadline:
                break
            start = time.perf_counter()
            got[item["id"]] = fn(item["question"])
            ms.append((time.perf_counter() - start) * 1000)
        dev_seen = len(got)
        for question in generated:
            if time.perf_counter() > deadline:
                break
            start = time.perf_counter()
            fn(question)
            ms.append((time.perf_counter() - start) * 1000)
        total = len(dev) + len(generated)
        note = "" if len(ms) == total else f"time-boxed: {len(ms)} of {total} questions"
        out.append(Result("catalog", size, f"{label} questions", len(ms), "count", note))
        out.append(Result("catalog", size, f"{label} p50", percentile(ms, 50), "ms"))
        out.append(Result("catalog", size, f"{label} p99", percentile(ms, 99), "ms"))
        seen = [it for it in dev if it["id"] in got]
        dev_note = "" if dev_seen == len(dev) else f"on a sample of {dev_seen} of {len(dev)} dev questions"
        if seen and any(it["expect_story"] for it in seen) and any(not it["expect_story"] for it in seen):
            for metric, value in _accuracy(seen, got).items():
                if metric == "followup":
                    continue  # baselines ignore conversations, as in the scorer
                out.append(Result("catalog", size, f"{label} dev {metric}", value, "ratio", dev_note))
    return out


def run_in_subprocess(size: int, seed: int, mixed: int, budget: float, baselines: bool) -> list[Result]:
    """One size in a fresh interpreter: RSS then measures that size alone."""
    generate(size, seed)  # here, so generation's memory is not counted in the child
    cmd = [sys.executable, "-m", "benchmarks", "catalog-worker", str(size), "--seed", str(seed)]
    cmd += ["--questions", str(mixed), "--budget", str(budget)]
    if not baselines:
        cmd.append("--no-baselines")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"catalog worker for {size} failed:\n{proc.stderr[-2000:]}")
    return [Result(**r) for r in json.loads(proc.stdout)]


# --- start-up with the catalog cache -----------------------------------------------------------------

EDITED_SHARE = 0.01  # "edited" start: this share of the files rewritten since the cache was written


def start_once(directory: Path, cache: Path) -> dict[str, float]:
    """One start-up as the bot does it (``StoryLibrary.load`` with its cache, written in the
    background once the catalog is ready), in this process: ``seconds`` until it is ready,
    ``saved_seconds`` until the cache is on disk too (the same when there was nothing to write)."""
    import bot.core.library as library_module

    library_module.CACHE_FROM = 0  # the cache's own behaviour at every size, tiny test sizes too
    started = time.perf_counter()
    library = library_module.StoryLibrary.load(directory, cache=cache, save_in_background=True)
    seconds = time.perf_counter() - started
    if library.problems:
        raise RuntimeError(f"generated corpus has problems: {library.problems[:3]}")
    library.answerer.ask("what is the latest on the ceasefire?")  # the index really answers
    library.wait_for_cache()
    saved = time.perf_counter() - started  # the question above included: it ran during the save
    return {
        "seconds": seconds,
        "saved_seconds": saved,
        "peak_rss": _peak_rss_mb(),
        "stories": float(len(library.stories)),
    }


def reloads_once(directory: Path, cache: Path, seed: int = 1) -> dict[str, float]:
    """A start with the cache, then ``StoryLibrary.reload`` (what the watcher calls) after editing
    one file and after editing 1 % of them: each re-parses those files, updates the index and
    rewrites the cache."""
    import bot.core.library as library_module

    library_module.CACHE_FROM = 0
    library = library_module.StoryLibrary.load(directory, cache=cache)
    out: dict[str, float] = {}
    for key, share in (("one", 0.0), ("share", EDITED_SHARE)):
        touched = _touch_some(directory, share, seed + len(out))
        started = time.perf_counter()
        report = library.reload()
        out[f"{key} seconds"] = time.perf_counter() - started
        out[f"{key} index"] = library.last_timings.get("index", 0.0)
        out[f"{key} cache"] = library.last_timings.get("cache", 0.0)
        out[f"{key} files"] = float(touched)
        out[f"{key} delta"] = float(library.index.delta_size)
        if len(report.changed) != touched or library.problems:
            raise RuntimeError(f"reload saw {len(report.changed)} of {touched} edited files")
    library.answerer.ask("what is the latest on the ceasefire?")
    out["peak_rss"] = _peak_rss_mb()
    return out


def _start_in_subprocess(directory: Path, cache: Path, *extra: str) -> dict[str, float]:
    """One start in a fresh process; ``peak_rss`` is that process and its workers together at their
    largest (sampled from here, see ``tree_rss``), ``peak_rss_parent`` its own ``ru_maxrss``."""
    cmd = [sys.executable, "-m", "benchmarks", "catalog-start", str(directory), str(cache), *extra]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid).start()
    try:
        out, err = proc.communicate()
    finally:
        memory.stop()
    if proc.returncode != 0:
        raise RuntimeError(f"catalog start-up worker failed:\n{err[-2000:]}")
    got = dict(json.loads(out))
    tree = memory.summary()
    got["peak_rss_parent"] = got["peak_rss"]
    # The sampled sum can miss a spike between samples that the process's own exact peak saw.
    got["peak_rss"] = max(tree["peak_rss_tree"], got["peak_rss_parent"])
    got["peak_rss_workers"] = tree["peak_rss_workers"]
    return got


def _touch_some(directory: Path, share: float, seed: int) -> int:
    """Rewrite ``share`` of the story files with their own bytes: new mtimes, the same corpus (other
    benchmarks reuse it), and the cost of a real edit (each is parsed again, the index rebuilt)."""
    # Names, not Paths: 100k Path objects (~35 MB) would count in the measured process's peak RSS.
    names = sorted(name for name in os.listdir(directory) if name.endswith(".toml"))
    picked = random.Random(seed).sample(names, max(1, int(len(names) * share)))  # share 0: one file
    del names
    for path in (directory / name for name in picked):
        data = path.read_bytes()
        path.write_bytes(data)
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    return len(picked)


def run_starts(size: int, seed: int = 1, load_workers: int = 0) -> list[Result]:
    """Cold start (no cache: parse, index, write the cache), warm start (nothing changed) and a
    start after 1% of the files changed, each in a fresh process with its peak RSS."""
    import shutil

    corpus = generate(size, seed)
    cache = corpus.directory.parent / f"{corpus.directory.name}.catalog-cache"
    shutil.rmtree(cache, ignore_errors=True)
    out: list[Result] = []
    runs = [("cold start", None), ("warm start", None), ("edited start", EDITED_SHARE)]
    for metric, share in runs:
        note = {
            "cold start": "no cache: parse and index (the cache is written after)",
            "warm start": "cache, no change",
        }
        if share is not None:
            touched = _touch_some(corpus.directory, share, seed)
            note[metric] = f"{touched} files changed: parsed again, cached index updated, cache rewritten"
        got = _start_in_subprocess(corpus.directory, cache, "--load-workers", str(load_workers))
        out.append(Result("catalog", size, metric, got["seconds"], "s", f"{note[metric]}; ready"))
        if got["saved_seconds"] > got["seconds"] + 0.005:
            note_saved = "the cache written in the background after the start, a question asked meanwhile"
            out.append(Result("catalog", size, f"{metric} + cache", got["saved_seconds"], "s", note_saved))
        out.append(Result("catalog", size, f"{metric} peak rss", got["peak_rss"], "MB", _memory_note(got)))
    got = _start_in_subprocess(corpus.directory, cache, "--reloads", "--load-workers", str(load_workers))
    for key, label in (("one", "1 file"), ("share", f"{EDITED_SHARE:.0%}")):
        note = (
            f"the watcher's reload after editing {int(got[f'{key} files'])} files: index"
            f" {got[f'{key} index']:.2f} s, then the cache written in {got[f'{key} cache']:.2f} s"
            f" ({int(got[f'{key} delta'])} delta slots)"
        )
        out.append(Result("catalog", size, f"reload after editing {label}", got[f"{key} seconds"], "s", note))
    note = f"warm start, then both reloads; {_memory_note(got)}"
    out.append(Result("catalog", size, "reloads peak rss", got["peak_rss"], "MB", note))
    return out


def _memory_note(got: dict[str, float]) -> str:
    if not got.get("peak_rss_workers"):
        return "no worker process"
    return (
        f"with its workers at every moment (sampled); alone {got['peak_rss_parent']:.0f} MB,"
        f" largest worker alone {got['peak_rss_workers']:.0f} MB"
    )


def _value(values: dict[tuple[str, int], float], metric: str, size: int) -> float | None:
    return values.get((metric, size))


def targets() -> list[Target]:
    def vs_bm25(v: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        mine, theirs = _value(v, "ask p50", 10_000), _value(v, "bm25 p50", 10_000)
        if mine is None or theirs is None:
            return None
        mine99, theirs99 = _value(v, "ask p99", 10_000), _value(v, "bm25 p99", 10_000)
        ratio99 = theirs99 / mine99 if mine99 and theirs99 else float("nan")
        return theirs / mine >= 10, f"{theirs / mine:.1f}x at p50, {ratio99:.1f}x at p99"

    def load_index(v: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        got = _value(v, "load+index", 10_000)
        return None if got is None else (got <= 2.0, f"{got:.2f} s")

    def rss(v: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        got = _value(v, "rss", 100_000)
        return None if got is None else (got <= 300, f"{got:.0f} MB")

    def accuracy(v: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
        parts, ok = [], True
        for metric in ("dev story", "dev abstain", "dev answer", "dev followup"):
            ref, got = _value(v, metric, REFERENCE_SIZE), _value(v, metric, 10_000)
            if ref is None or got is None:
                return None
            ok = ok and got >= ref - 0.02
            parts.append(f"{metric.removeprefix('dev ')} {got:.2f} vs {ref:.2f}")
        return ok, ", ".join(parts)

    def at_most(metric: str, size: int, limit: float, unit: str) -> Target:
        def check(v: dict[tuple[str, int], float]) -> tuple[bool, str] | None:
            got = _value(v, metric, size)
            return None if got is None else (got <= limit, f"{got:.2f} {unit}")

        return Target(f"{metric} <= {limit:g} {unit} at {size:,}", check)

    return [
        at_most("ask p99", 10_000, 2.0, "ms"),
        at_most("ask p99", 100_000, 10.0, "ms"),  # issue 13 (issue 8's budget was 20 ms)
        Target(">= 10x faster than rank-bm25 at 10,000", vs_bm25),
        Target("load+index <= 2 s at 10,000", load_index),
        # Issue 13: a start as the bot makes it (with its worker), cold and from the cache.
        at_most("cold start", 10_000, 1.0, "s"),
        at_most("cold start", 100_000, 15.0, "s"),
        at_most("warm start", 100_000, 3.0, "s"),
        at_most("cold start peak rss", 100_000, 300, "MB"),
        at_most("warm start peak rss", 100_000, 300, "MB"),
        at_most("edited start peak rss", 100_000, 300, "MB"),
        Target("rss <= 300 MB at 100,000", rss),
        Target("dev accuracy at 10,000 within 2 points of the 4-story catalog", accuracy),
    ]


def run(
    sizes: Sequence[int],
    seed: int = 1,
    mixed: int = MIXED_QUESTIONS,
    budget: float = BASELINE_BUDGET_S,
    baselines: bool = True,
    progress: Callable[[str], None] | None = None,
    starts: bool = True,
    load_workers: int = 0,
) -> list[Result]:
    results: list[Result] = []
    wanted = list(dict.fromkeys([REFERENCE_SIZE, *sizes]))
    for size in wanted:
        if progress:
            progress(f"catalog: {size:,} stories ...")
        results += run_in_subprocess(size, seed, mixed, budget, baselines)
        if starts and size != REFERENCE_SIZE:
            if progress:
                progress(f"catalog: {size:,} stories, cold/warm/edited start ...")
            results += run_starts(size, seed, load_workers)
    return results
