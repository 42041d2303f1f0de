"""``python -m benchmarks catalog|discord|fanout|feeds|faults [--json]``: run, print a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from benchmarks.report import Result, dump_json, evaluate, print_targets, table
from bot.config import BotSection


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    cat = sub.add_parser("catalog", help="load/index/latency/memory/accuracy at catalog sizes")
    cat.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    cat.add_argument("--seed", type=int, default=1)
    cat.add_argument("--questions", type=int, default=500, help="generated questions besides the dev set")
    cat.add_argument("--budget", type=float, default=60.0, help="seconds per baseline per size")
    cat.add_argument("--no-baselines", action="store_true")
    cat.add_argument("--json", action="store_true")

    cat.add_argument("--no-starts", action="store_true", help="skip the cold/warm/edited start rows")
    # The bot's own default ([bot] load_workers), so the start rows measure what a start does.
    default_workers = BotSection.model_fields["load_workers"].default
    cat.add_argument(
        "--load-workers",
        type=int,
        default=default_workers,
        help=f"[bot] load_workers for the start rows (0: none; default {default_workers}, as the bot)",
    )

    start = sub.add_parser("catalog-start", help=argparse.SUPPRESS)
    start.add_argument("directory")
    start.add_argument("cache")
    start.add_argument("--reloads", action="store_true", help="then reload after editing 1 file and 1%%")
    start.add_argument("--load-workers", type=int, default=default_workers)

    worker = sub.add_parser("catalog-worker", help=argparse.SUPPRESS)
    worker.add_argument("size", type=int)
    worker.add_argument("--seed", type=int, default=1)
    worker.add_argument("--questions", type=int, default=500)
    worker.add_argument("--budget", type=float, default=60.0)
    worker.add_argument("--no-baselines", action="store_true")

    dis = sub.add_parser("discord", help="/ask round trips through the fake Discord")
    dis.add_argument("--interactions", type=int, default=500)
    dis.add_argument("--concurrency", type=int, default=50)
    dis.add_argument("--stories", type=int, default=None, help="a generated catalog instead of briefs/")
    dis.add_argument(
        "--in-process",
        action="store_true",
        help="the bot in this process and event loop, beside the fake (default: python -m bot, its own)",
    )
    dis.add_argument("--json", action="store_true")

    fan = sub.add_parser("fanout", help="daily-brief fan-out to many guilds under rate limits")
    fan.add_argument("--guilds", type=int, default=1000)
    fan.add_argument("--rate", type=float, default=50.0, help="global requests per second in the fake")
    fan.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    fan.add_argument("--concurrency", type=int, default=None, help="schedule.max_concurrency of the bot")
    fan.add_argument(
        "--no-capacity", action="store_true", help="skip the next-day run without a global limit"
    )
    fan.add_argument(
        "--processes", type=int, default=None, help="N shard processes (PostgreSQL by default) vs one"
    )
    fan.add_argument("--redis", default=None, help="redis://... : the processes share one rate budget")
    fan.add_argument("--budget", type=float, default=40.0, help="the bot's requests_per_second")
    fan.add_argument("--no-compare", action="store_true", help="with --processes: skip the one-process run")
    fan.add_argument("--json", action="store_true")

    shard = sub.add_parser("fanout-shard", help=argparse.SUPPRESS)
    shard.add_argument("args", nargs=9)

    feeds = sub.add_parser("feeds", help="feed items: matching precision/recall, polling throughput, memory")
    feeds.add_argument("--feeds", type=int, default=200)
    feeds.add_argument("--items-per-feed", type=int, default=25)
    feeds.add_argument("--database", default=None, help="database URL (default: a temporary SQLite file)")
    feeds.add_argument("--no-sweep", action="store_true", help="skip the threshold sweep")
    feeds.add_argument("--json", action="store_true")

    flt = sub.add_parser(
        "faults", help="the bot process killed, losing its database, mis-sharded, or failed by Discord"
    )
    flt.add_argument("--guilds", type=int, default=50)
    flt.add_argument(
        "--database", choices=("sqlite", "postgresql"), nargs="+", default=["sqlite", "postgresql"]
    )
    flt.add_argument("--scenarios", nargs="+", default=None, help="some of faults.SCENARIOS (default: all)")
    flt.add_argument("--interactions", type=int, default=20, help="per callback fault (20)")
    flt.add_argument("--json", action="store_true")

    args = parser.parse_args(argv)

    if args.command == "fanout-shard":
        from benchmarks.fanout_shards import child_main

        return child_main(args.args)

    if args.command == "catalog-start":
        from pathlib import Path

        from benchmarks.catalog import reloads_once, start_once
        from bot.core.workers import allow_workers

        allow_workers(args.load_workers)
        once = reloads_once if args.reloads else start_once
        print(json.dumps(once(Path(args.directory), Path(args.cache))))
        return 0

    if args.command == "catalog-worker":
        from benchmarks.catalog import run_size

        results = run_size(args.size, args.seed, args.questions, args.budget, not args.no_baselines)
        print(json.dumps([r.to_json() for r in results]))
        return 0

    results: list[Result]
    if args.command == "catalog":
        from benchmarks import catalog

        results = catalog.run(
            args.sizes,
            args.seed,
            args.questions,
            args.budget,
            not args.no_baselines,
            _progress,
            starts=not args.no_starts,
            load_workers=args.load_workers,
        )
        checks = evaluate(catalog.targets(), results, "catalog")
    elif args.command == "discord":
        from benchmarks import discord_e2e

        results = discord_e2e.run(
            args.interactions,
            args.concurrency,
            args.stories,
            in_process=args.in_process,
            progress=_progress,
        )
        checks = evaluate(discord_e2e.targets(), results, "discord")
    elif args.command == "feeds":
        from benchmarks import feeds as feeds_bench

        results = feeds_bench.run(
            args.feeds, args.items_per_feed, args.database, _progress, with_sweep=not args.no_sweep
        )
        checks = evaluate(feeds_bench.targets(), results, "feeds")
    elif args.command == "faults":
        from benchmarks import faults

        results = faults.run(
            args.guilds,
            args.database,
            args.scenarios or faults.SCENARIOS,
            progress=_progress,
            interactions=args.interactions,
        )
        checks = evaluate(faults.targets(), results, "faults")
    elif args.processes:
        from benchmarks import fanout_shards

        database = "postgresql" if "--database" not in (argv or sys.argv) else args.database
        results = fanout_shards.run(
            args.guilds,
            args.processes,
            args.rate,
            database,
            args.redis,
            args.budget,
            args.concurrency or 10,
            _progress,
            compare=not args.no_compare,
        )
        checks = []
    else:
        from benchmarks import fanout

        concurrency = args.concurrency or fanout.DEFAULT_CONCURRENCY
        results = fanout.run(
            args.guilds, args.rate, args.database, concurrency, _progress, capacity=not args.no_capacity
        )
        checks = evaluate(fanout.targets(), results, "fanout")

    if args.json:
        print(dump_json(results, checks))
    else:
        print(table(results))
        print("targets:")
        print(print_targets(checks))
    return 0


if __name__ == "__main__":
    sys.exit(main())
