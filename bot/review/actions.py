"""The review's actions as text: one argument parser and one runner for every text front end.

``python -m bot review ...`` (:mod:`bot.commands.review`) and ``/review`` in the console
(:mod:`bot.console`) both parse with :func:`review_arguments` and run :func:`review_text`, so
they accept the same words and answer the same sentences. The action is a positional choice, like
``feeds``, so the command line's common options work after it.
"""

from __future__ import annotations

import argparse
import getpass
import shlex
from typing import TYPE_CHECKING

from bot.review.describe import proposal_line, proposal_lines

if TYPE_CHECKING:
    from bot.review.service import ReviewService

__all__ = ["HELP", "console_review", "review_arguments", "review_text", "user_name"]

HELP = "the editor's review of feed proposals: list, show, accept, reject, new"
_ACTIONS = {
    "list": "the open proposals",
    "show": "one proposal in full",
    "accept": "append its items to the proposed story (--story: another story) as an update",
    "reject": "turn it down",
    "new": "make a new story from its items (needs --story ID --title TITLE --topic TOPIC)",
}
USAGE = "/review list | show ID | accept ID [--story ID] | reject ID | new ID --story ID --title T --topic T"


class _Refusal(Exception):
    """Bad arguments, said in one line (the console must not exit the way argparse does)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _Refusal(message)


def review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action", choices=list(_ACTIONS), help="; ".join(f"{k}: {v}" for k, v in _ACTIONS.items())
    )
    parser.add_argument("id", nargs="?", type=int, help="the proposal's number (#12 is 12)")
    parser.add_argument("--story", help="accept: the story to add to instead; new: the new story's id")
    parser.add_argument("--title", help="new: the story's title")
    parser.add_argument("--topic", help="new: the story's topic")
    parser.add_argument("--headline", help="accept: our own headline instead of the outlet's")
    parser.add_argument("--text", help="accept: our own words instead of the outlet's snippet")
    parser.add_argument("--editor", help="who decides (default: cli:<your user name>)")


def _console_parser() -> _Parser:
    parser = _Parser(prog="/review", add_help=False)
    review_arguments(parser)
    return parser


async def review_text(service: ReviewService, args: argparse.Namespace, editor: str) -> tuple[int, str]:
    """Run one review action; (exit code, the text to show)."""
    action = args.action
    if action == "list":
        proposals = await service.open_proposals()
        return 0, "\n".join(proposal_line(p) for p in proposals) or "no open proposals"
    if args.id is None:
        return 2, f"error: review {action} needs a proposal number"
    if action == "show":
        proposal = await service.get(args.id)
        return (0, "\n".join(proposal_lines(proposal))) if proposal else (1, f"error: no proposal #{args.id}")
    editor = args.editor or editor
    if action == "reject":
        outcome = await service.reject(args.id, editor)
    elif action == "accept":
        outcome = await service.accept(
            args.id, editor, story_id=args.story, headline=args.headline, text=args.text
        )
    else:
        if not (args.story and args.title and args.topic):
            return 2, "error: review new needs --story ID --title TITLE --topic TOPIC"
        outcome = await service.new_story(
            args.id, editor, story_id=args.story, title=args.title, topic=args.topic
        )
    return (0, outcome.message) if outcome.ok else (1, f"error: {outcome.message}")


async def console_review(service: ReviewService, line: str) -> str:
    """``/review ...`` typed in the console."""
    try:
        args = _console_parser().parse_args(shlex.split(line) or ["list"])
    except (_Refusal, ValueError) as exc:
        return f"{exc}\nUsage: {USAGE}"
    return (await review_text(service, args, f"console:{user_name()}"))[1]


def user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers: still say where the decision came from
        return "unknown"
