"""The custom ids of the bot's components: the one place that knows their format.

Buttons carry all their state (``nb:<action>:<story>[:<page>]``), so buttons on old messages keep
working after a restart; pickers are ``nb:pick:<action>`` with the story as the chosen value, and
the follow-up modal is ``nb:modal:<story>``. The regular expressions are what discord.py's
``DynamicItem`` templates match.
"""

from __future__ import annotations

import re

from bot.core.replies import Action, Button
from bot.render.limits import CUSTOM_ID

PREFIX = "nb"

_ACTIONS = "|".join(a.value for a in Action)
BUTTON_PATTERN = rf"{PREFIX}:(?P<action>{_ACTIONS}):(?P<story>[a-z0-9-]+)(?::(?P<page>-?\d+))?"
PICKER_PATTERN = rf"{PREFIX}:pick:(?P<action>{_ACTIONS})"

PICKER_ID = {action: f"{PREFIX}:pick:{action.value}" for action in Action}


def custom_id(button: Button) -> str:
    parts = [PREFIX, button.action.value, button.story_id]
    if button.page is not None:
        parts.append(str(button.page))
    return ":".join(parts)


def parse_custom_id(value: str) -> tuple[Action, str, int | None] | None:
    """The action, story id and page of one of our button ids; None for anything else."""
    parts = value.split(":")
    if len(parts) not in (3, 4) or parts[0] != PREFIX:
        return None
    try:
        action = Action(parts[1])
        page = int(parts[3]) if len(parts) == 4 else None
    except ValueError:
        return None
    return action, parts[2], page


def picker_action(value: str) -> Action | None:
    """The action of one of our pickers' ids; None for anything else."""
    match = re.fullmatch(PICKER_PATTERN, value)
    return Action(match["action"]) if match else None


MODAL_PREFIX = f"{PREFIX}:modal:"
QUESTION_INPUT = "question"  # the follow-up modal's text box


def modal_id(story_id: str) -> str:
    return f"{MODAL_PREFIX}{story_id}"[:CUSTOM_ID]


def parse_modal_id(value: str) -> str | None:
    """The story of a follow-up modal's id; None for any other id (the review's modals included)."""
    if not value.startswith(MODAL_PREFIX):
        return None
    story_id = value.removeprefix(MODAL_PREFIX)
    return story_id if re.fullmatch(r"[a-z0-9-]+", story_id) else None


# --- the editor's review ---------------------------------------------------------------------------
# A review message's buttons are ``nb:review:<verb>:<proposal>``; the "Another story" select, sent
# privately to the editor, also carries the review message's id (``...:<proposal>:<message>``) so
# the choice can update that message. Everything is in the id: clicks work after a restart.
REVIEW_VERBS = ("accept", "edit", "other", "new", "reject", "pick")
REVIEW_PATTERN = (
    rf"{PREFIX}:review:(?P<verb>{'|'.join(REVIEW_VERBS)}):(?P<proposal>\d+)(?::(?P<message>\d+))?"
)


def review_id(verb: str, proposal_id: int, message_id: int | None = None) -> str:
    if verb not in REVIEW_VERBS:
        raise ValueError(f"unknown review verb {verb!r}")
    tail = f":{message_id}" if message_id is not None else ""
    return f"{PREFIX}:review:{verb}:{proposal_id}{tail}"


def parse_review_id(value: str) -> tuple[str, int, int | None] | None:
    """(verb, proposal id, review message id or None) of one of our review ids; None otherwise."""
    match = re.fullmatch(REVIEW_PATTERN, value)
    if match is None:
        return None
    message = match["message"]
    return match["verb"], int(match["proposal"]), int(message) if message else None


REVIEW_MODAL_VERBS = ("edit", "new")
REVIEW_MODAL_PATTERN = (
    rf"{PREFIX}:review-modal:(?P<verb>{'|'.join(REVIEW_MODAL_VERBS)}):(?P<proposal>\d+):(?P<message>\d+)"
)


def review_modal_id(verb: str, proposal_id: int, message_id: int) -> str:
    """A review modal carries everything its submission needs, so one submitted after a restart works."""
    if verb not in REVIEW_MODAL_VERBS:
        raise ValueError(f"unknown review modal verb {verb!r}")
    return f"{PREFIX}:review-modal:{verb}:{proposal_id}:{message_id}"[:CUSTOM_ID]


def parse_review_modal_id(value: str) -> tuple[str, int, int] | None:
    """(verb, proposal id, review message id) of one of our review modals; None otherwise."""
    match = re.fullmatch(REVIEW_MODAL_PATTERN, value)
    if match is None:
        return None
    return match["verb"], int(match["proposal"]), int(match["message"])
