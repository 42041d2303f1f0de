"""``python -m bot feeds ACTION [URL] [options]`` and ``python -m bot proposals``.

Two commands, ``FEEDS`` and ``PROPOSALS``, registered in :mod:`bot.cli`. The action is a positional
choice (not nested subparsers) so that the options every command takes (``--config``, ``--briefs``)
work after it as anywhere else. Output is plain
text (feed text is already plain: markup stripped at parsing) or JSON with ``--json``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from bot.app import build_app
from bot.commands import Command
from bot.config import Settings
from bot.feeds.models import ProposalKind, ProposalRecord, ProposalStatus, SourceRecord

if TYPE_CHECKING:
    from bot.feeds.service import FeedService

__all__ = ["FEEDS", "PROPOSALS", "feeds_arguments", "proposals_arguments", "run_feeds", "run_proposals"]

FEEDS_HELP = "news feed sources: add, list, remove, enable, check, poll, backfill"
PROPOSALS_HELP = "list the proposals made from feed items"
_ACTIONS = {
    "add": "add a source, or update its publisher, language and topics (needs URL and --publisher)",
    "list": "each source's health and polling state",
    "remove": "stop polling a source (its items stay, as the provenance of proposals)",
    "enable": "poll a disabled source again",
    "check": "fetch and parse URL once, storing nothing",
    "poll": "one poll pass over the due sources (--all: every enabled source)",
    "backfill": "propose a source's older items on purpose (needs URL and --since)",
}
_NEEDS_URL = frozenset({"add", "remove", "enable", "check", "backfill"})


def feeds_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=list(_ACTIONS),
        help="; ".join(f"{name}: {text}" for name, text in _ACTIONS.items()),
    )
    parser.add_argument("url", nargs="?", help="the feed's URL (http or https)")
    parser.add_argument("--publisher", help="add: the outlet's name, shown as the item's credit")
    parser.add_argument("--language", help="add: e.g. en")
    parser.add_argument("--topics", nargs="+", default=[], metavar="TOPIC", help="add: topics it covers")
    parser.add_argument("--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD", help="backfill: from")
    parser.add_argument("--all", action="store_true", help="poll: every enabled source now, due or not")
    parser.add_argument("--json", action="store_true", help="list: print JSON")


def proposals_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status", choices=[s.value for s in ProposalStatus] + ["all"], default=ProposalStatus.OPEN.value
    )
    parser.add_argument("--json", action="store_true")


def run_feeds(args: argparse.Namespace, settings: Settings) -> int:
    if args.action in _NEEDS_URL and not args.url:
        print(f"error: feeds {args.action} needs a URL")
        return 2
    if args.action == "add" and not args.publisher:
        print("error: feeds add needs --publisher NAME (the outlet's name, shown as the item's credit)")
        return 2
    if args.action == "backfill" and args.since is None:
        print("error: feeds backfill needs --since YYYY-MM-DD")
        return 2
    return asyncio.run(_with_service(settings, lambda service: _feeds(args, service, settings)))


def run_proposals(args: argparse.Namespace, settings: Settings) -> int:
    status = None if args.status == "all" else ProposalStatus(args.status)

    async def show(service: FeedService) -> int:
        return _print_proposals(await service.proposals(status), args.json)

    return asyncio.run(_with_service(settings, show))


FEEDS = Command("feeds", FEEDS_HELP, run_feeds, feeds_arguments, verbose=True)
PROPOSALS = Command("proposals", PROPOSALS_HELP, run_proposals, proposals_arguments)


async def _with_service(settings: Settings, body: Callable[[FeedService], Any]) -> int:
    app = build_app(settings)
    try:
        service = await app.open_feeds()
        return int(await body(service))
    finally:
        await app.close()


async def _feeds(args: argparse.Namespace, service: FeedService, settings: Settings) -> int:
    action = args.action
    configured = {feed.url for feed in settings.feeds}
    if action == "add":
        try:
            source, created = await service.add_source(
                args.url, args.publisher, language=args.language, topics=args.topics
            )
        except ValueError as exc:
            print(f"error: {exc}")
            return 2
        verb = "added" if created else "updated"
        print(
            f"{verb} {source.url} ({source.publisher}); first poll records its items without proposing them"
        )
        return 0
    if action == "list":
        sources = await service.list_sources()
        if args.json:
            print(json.dumps([_source_json(s) for s in sources], ensure_ascii=False, indent=2))
        else:
            print("\n".join(_source_line(s) for s in sources) if sources else "no feed sources")
        return 0
    if action in ("remove", "enable"):
        done = await (
            service.remove_source(args.url) if action == "remove" else service.enable_source(args.url)
        )
        print(f"{action}d {args.url}" if done else f"error: no feed source {args.url}")
        if done and action == "remove" and args.url.strip() in configured:
            # [[feeds]] entries are stored again by every command: the file is where they end.
            print("note: this source is in the config file's [[feeds]]; remove it there or it comes back")
        return 0 if done else 1
    if action == "check":
        report = await service.check_source(args.url)
        print(("ok: " if report.ok else "error: ") + report.detail)
        if report.feed is not None:
            for item in report.feed.items[:5]:
                print(f"  - {item.title}")
        return 0 if report.ok else 1
    if action == "poll":
        polled = await service.poll_once(everything=args.all)
        print(polled.summary())
        for outcome in polled.outcomes:
            recorded = " recorded, first fetch" if outcome.first_fetch else " new"
            detail = f" - {outcome.error}" if outcome.error else f" ({outcome.new_items}{recorded})"
            print(f"  {outcome.outcome:<12} {outcome.url}{detail}")
        print(f"{len(polled.proposals)} open proposal(s) made or refreshed")
        return 0
    if action == "backfill":
        since = dt.datetime.combine(args.since, dt.time(), dt.UTC)
        try:
            ids = await service.backfill(args.url, since)
        except LookupError as exc:
            print(f"error: {exc}")
            return 1
        print(f"{len(ids)} proposal(s) from items published since {args.since.isoformat()}")
        return 0
    raise AssertionError(action)


def _when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def _source_line(source: SourceRecord) -> str:
    line = (
        f"{source.health:<8} {source.url}  {source.publisher}  items={source.item_count}  "
        f"every {source.interval_seconds // 60} min  last ok {_when(source.last_success_at)}"
    )
    if source.disabled_reason:
        line += f"\n         disabled: {source.disabled_reason}"
    elif source.consecutive_failures:
        line += (
            f"\n         {source.consecutive_failures} failure(s), "
            f"next try {_when(source.next_poll_at)}: {source.last_error}"
        )
    return line


def _source_json(source: SourceRecord) -> dict[str, object]:
    return {
        "url": source.url,
        "publisher": source.publisher,
        "language": source.language,
        "topics": list(source.topics),
        "origin": source.origin,
        "health": source.health,
        "items": source.item_count,
        "interval_seconds": source.interval_seconds,
        "next_poll_at": source.next_poll_at.isoformat(),
        "last_success_at": source.last_success_at.isoformat() if source.last_success_at else None,
        "consecutive_failures": source.consecutive_failures,
        "last_error": source.last_error,
        "disabled_reason": source.disabled_reason,
    }


def proposal_json(proposal: ProposalRecord) -> dict[str, object]:
    group = proposal.group
    return {
        "id": proposal.id,
        "kind": proposal.kind.value,
        "status": proposal.status.value,
        "story": proposal.story_id,
        "reason": proposal.reason,
        "headline": group.headline if group.members else None,
        "snippet": group.snippet,
        "outlets": list(group.outlets),
        "items": [
            {
                "publisher": m.publisher,
                "title": m.title,
                "link": m.link,
                "published": m.published.isoformat() if m.published else None,
            }
            for m in group.members
        ],
        "candidates": [c.to_json() for c in proposal.candidates],
        "created_at": proposal.created_at.isoformat(),
    }


def _print_proposals(proposals: Sequence[ProposalRecord], as_json: bool) -> int:
    if as_json:
        print(json.dumps([proposal_json(p) for p in proposals], ensure_ascii=False, indent=2))
        return 0
    if not proposals:
        print("no proposals")
        return 0
    for p in proposals:
        target = {
            ProposalKind.UPDATE: f"update of {p.story_id}",
            ProposalKind.REVIEW: "needs review",
            ProposalKind.NEW_STORY: "new story",
        }[p.kind]
        print(f"#{p.id} [{p.status.value}] {target}: {p.group.headline if p.group.members else '(no items)'}")
        print(f"    outlets: {', '.join(p.group.outlets)}")
        for m in p.group.members:
            when = m.published.strftime("%Y-%m-%d %H:%M") if m.published else "undated"
            print(f"    - {m.publisher}, {when}: {m.link or '(no link)'}")
        for c in p.candidates:
            words = ", ".join(c.matched_words)
            print(f"    ? {c.story_id} score {c.score:.1f} coverage {c.coverage:.2f}: {words}")
        print(f"    why: {p.reason}")
    return 0
