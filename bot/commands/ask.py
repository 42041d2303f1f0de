"""``python -m bot ask``: one question, or JSON lines of questions, for people and for other tools."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.app import build_app
from bot.commands import Command
from bot.config import Settings
from bot.core.answering import Answer
from bot.render.text import render_text


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "story": answer.story.id if answer.story else None,
        "score": answer.score,
        "answer": answer.text,
        "direct": answer.direct if answer.story else None,
        "date": answer.date.isoformat() if answer.date else None,
        "suggestions": [s.id for s in answer.suggestions],
    }


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="*", help="the question")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--jsonl", action="store_true", help="read JSON lines {id, question, conversation?} on stdin"
    )


def _jsonl_request(item: object) -> tuple[str, str | None]:
    """The question and conversation key of one ``--jsonl`` line; ValueError says what is wrong."""
    if not isinstance(item, dict):
        raise ValueError("not a JSON object")
    if "id" not in item or not isinstance(item["id"], str | int) or isinstance(item["id"], bool):
        raise ValueError('"id" is missing or not a string or number')
    question = item.get("question")
    if not isinstance(question, str):  # an empty question is a question (it finds no story)
        raise ValueError('"question" is missing or not a string')
    conversation = item.get("conversation")
    return question, json.dumps(conversation) if conversation is not None else None


def run(args: argparse.Namespace, settings: Settings) -> int:
    desk = build_app(settings).desk
    answerer = desk.library.answerer
    if args.jsonl:
        failed = 0
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            item: object = None
            try:
                item = json.loads(line)
                question, key = _jsonl_request(item)
                result = answer_json(answerer.ask(question, key))
                result.pop("date")
                out = {"id": item["id"], **result}  # type: ignore[index]
            except ValueError as exc:
                failed += 1
                line_id = item.get("id") if isinstance(item, dict) else None
                out = {
                    "id": line_id if isinstance(line_id, str | int) else None,
                    "error": f"line {number}: {exc}",
                }
            print(json.dumps(out, ensure_ascii=False), flush=False)
        # Non-zero when any line failed, so a script notices without reading every answer.
        return 1 if failed else 0
    question = " ".join(args.question)
    if args.json:
        print(json.dumps(answer_json(answerer.ask(question)), ensure_ascii=False))
    else:
        print(render_text(desk.ask(question)))
    return 0


COMMAND = Command("ask", "answer a question (or JSON lines from stdin with --jsonl)", run, _arguments)
