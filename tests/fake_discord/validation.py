"""Discord's payload limits, checked the way Discord does: a 400 with code 50035 and an error tree.

discord.py sends oversized payloads without complaint, so without these checks a test against the fake
would pass where real Discord answers 400. The limits are those of /work/shared/notes/discord-limits.md.
"""

from __future__ import annotations

import re
from typing import Any

INVALID_FORM_BODY = 50035
EMPTY_MESSAGE = 50006

ErrorTree = dict[str, Any]

_COMMAND_NAME = re.compile(r"^[-_'\w]{1,32}$")
_COMPONENTS_V2_FLAG = 1 << 15


def _err(code: str, message: str) -> dict[str, Any]:
    return {"_errors": [{"code": code, "message": message}]}


def _too_long(limit: int) -> dict[str, Any]:
    return _err("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _check_len(errors: ErrorTree, key: str, value: Any, limit: int, minimum: int = 0) -> None:
    if value is None:
        return
    if len(str(value)) > limit:
        errors[key] = _too_long(limit)
    elif len(str(value)) < minimum:
        errors[key] = _err("BASE_TYPE_BAD_LENGTH", f"Must be between {minimum} and {limit} in length.")


def embed_length(embed: dict[str, Any]) -> int:
    """What counts toward the 6000-character total (same as ``len(discord.Embed)``)."""
    total = len(embed.get("title") or "") + len(embed.get("description") or "")
    for f in embed.get("fields") or []:
        total += len(f.get("name") or "") + len(f.get("value") or "")
    total += len((embed.get("footer") or {}).get("text") or "")
    total += len((embed.get("author") or {}).get("name") or "")
    return total


def _check_embed(embed: dict[str, Any]) -> ErrorTree:
    errors: ErrorTree = {}
    _check_len(errors, "title", embed.get("title"), 256)
    _check_len(errors, "description", embed.get("description"), 4096)
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors["fields"] = _err("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    else:
        for i, f in enumerate(fields):
            fe: ErrorTree = {}
            _check_len(fe, "name", f.get("name"), 256, 1)
            _check_len(fe, "value", f.get("value"), 1024, 1)
            if fe:
                errors.setdefault("fields", {})[str(i)] = fe
    footer = embed.get("footer") or {}
    fe = {}
    _check_len(fe, "text", footer.get("text"), 2048)
    if fe:
        errors["footer"] = fe
    author = embed.get("author") or {}
    ae: ErrorTree = {}
    _check_len(ae, "name", author.get("name"), 256)
    if ae:
        errors["author"] = ae
    return errors


def _check_custom_id(errors: ErrorTree, component: dict[str, Any]) -> None:
    if "custom_id" in component:
        _check_len(errors, "custom_id", component["custom_id"], 100, 1)


def _check_components(components: list[dict[str, Any]], *, v2: bool) -> ErrorTree:
    errors: ErrorTree = {}
    if not v2 and len(components) > 5:
        return {"_errors": [{"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 5 or fewer in length."}]}
    for i, row in enumerate(components):
        re_: ErrorTree = {}
        if row.get("type") == 1:
            children = row.get("components") or []
            selects = [c for c in children if c.get("type") in (3, 5, 6, 7, 8)]
            if len(children) > 5 or (selects and len(children) > 1):
                re_["components"] = _err("BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.")
            for j, child in enumerate(children):
                ce: ErrorTree = {}
                _check_custom_id(ce, child)
                if child.get("type") == 2:
                    _check_len(ce, "label", child.get("label"), 80)
                if ce:
                    re_.setdefault("components", {})[str(j)] = ce
        else:
            _check_custom_id(re_, row)
        if re_:
            errors[str(i)] = re_
    return errors


def check_message(
    payload: dict[str, Any], *, has_files: bool = False, edit: bool = False
) -> ErrorTree | None:
    """Return Discord's error body for an invalid message payload, or None if it is acceptable."""
    errors: ErrorTree = {}
    _check_len(errors, "content", payload.get("content"), 2000)
    embeds = payload.get("embeds") or []
    if len(embeds) > 10:
        errors["embeds"] = _err("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
    else:
        for i, embed in enumerate(embeds):
            ee = _check_embed(embed)
            if ee:
                errors.setdefault("embeds", {})[str(i)] = ee
        if "embeds" not in errors and sum(embed_length(e) for e in embeds) > 6000:
            errors["embeds"] = _err("MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000")
    v2 = bool((payload.get("flags") or 0) & _COMPONENTS_V2_FLAG)
    ce = _check_components(payload.get("components") or [], v2=v2)
    if ce:
        errors["components"] = ce
    if errors:
        return {"code": INVALID_FORM_BODY, "message": "Invalid Form Body", "errors": errors}
    empty = not (
        payload.get("content")
        or embeds
        or payload.get("components")
        or payload.get("sticker_ids")
        or payload.get("poll")
        or has_files
        or payload.get("attachments")
    )
    if empty and not edit:
        return {"code": EMPTY_MESSAGE, "message": "Cannot send an empty message"}
    return None


def _check_options(options: list[dict[str, Any]]) -> ErrorTree:
    errors: ErrorTree = {}
    if len(options) > 25:
        return _err("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    seen_optional = False
    for i, opt in enumerate(options):
        oe: ErrorTree = {}
        _check_name(oe, opt.get("name"))
        _check_len(oe, "description", opt.get("description"), 100, 1)
        if opt.get("type") in (1, 2):
            sub = _check_options(opt.get("options") or [])
            if sub:
                oe["options"] = sub
        else:
            if opt.get("required"):
                if seen_optional:
                    oe["required"] = _err(
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    )
            else:
                seen_optional = True
            choices = opt.get("choices") or []
            if len(choices) > 25:
                oe["choices"] = _err("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
            for j, choice in enumerate(choices):
                che: ErrorTree = {}
                _check_len(che, "name", choice.get("name"), 100, 1)
                if che:
                    oe.setdefault("choices", {})[str(j)] = che
        if oe:
            errors[str(i)] = oe
    return errors


def _check_name(errors: ErrorTree, name: Any) -> None:
    if not isinstance(name, str) or not _COMMAND_NAME.match(name) or name != name.lower():
        errors["name"] = _err("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")


def check_commands(commands: list[dict[str, Any]]) -> ErrorTree | None:
    """Validate a bulk command overwrite; errors are keyed by command index like Discord's."""
    errors: ErrorTree = {}
    if sum(1 for c in commands if c.get("type", 1) == 1) > 100:
        return {
            "code": 30032,
            "message": "Maximum number of application commands reached (100)",
        }
    for i, cmd in enumerate(commands):
        ce: ErrorTree = {}
        if cmd.get("type", 1) == 1:
            _check_name(ce, cmd.get("name"))
            _check_len(ce, "description", cmd.get("description"), 100, 1)
            oe = _check_options(cmd.get("options") or [])
            if oe:
                ce["options"] = oe
        else:
            _check_len(ce, "name", cmd.get("name"), 32, 1)
        if ce:
            errors[str(i)] = ce
    if errors:
        return {"code": INVALID_FORM_BODY, "message": "Invalid Form Body", "errors": errors}
    return None


def check_interaction_callback(body: dict[str, Any], *, has_files: bool = False) -> ErrorTree | None:
    kind = body.get("type")
    data = body.get("data") or {}
    if kind in (4, 7):
        err = check_message(data, has_files=has_files, edit=kind == 7)
        if err:
            # Discord nests the message errors under "data".
            if "errors" in err:
                err = {**err, "errors": {"data": err["errors"]}}
            return err
    elif kind == 8:
        choices = data.get("choices") or []
        if len(choices) > 25:
            return {
                "code": INVALID_FORM_BODY,
                "message": "Invalid Form Body",
                "errors": {
                    "data": {"choices": _err("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")}
                },
            }
        ce: ErrorTree = {}
        for j, choice in enumerate(choices):
            che: ErrorTree = {}
            _check_len(che, "name", choice.get("name"), 100, 1)
            if che:
                ce[str(j)] = che
        if ce:
            return {
                "code": INVALID_FORM_BODY,
                "message": "Invalid Form Body",
                "errors": {"data": {"choices": ce}},
            }
    elif kind == 9:
        me: ErrorTree = {}
        _check_len(me, "title", data.get("title"), 45, 1)
        _check_len(me, "custom_id", data.get("custom_id"), 100, 1)
        rows = data.get("components") or []
        if not 1 <= len(rows) <= 5:
            me["components"] = _err("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.")
        if me:
            return {"code": INVALID_FORM_BODY, "message": "Invalid Form Body", "errors": {"data": me}}
    return None
