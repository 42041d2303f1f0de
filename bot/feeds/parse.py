"""Feed documents (RSS 2.0, Atom, JSON Feed) in, plain-text items out.

feedparser reads RSS and Atom (it is the long-maintained reference and tolerates broken XML); JSON
Feed is plain JSON and read here. Whatever a feed contains, the caller gets either a
:class:`ParsedFeed` of plain, length-capped text or a :class:`FeedParseError` - never another
exception. Bodies are only ever handed over as bytes: feedparser must never fetch a URL itself.
"""

from __future__ import annotations

import calendar
import html
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser  # type: ignore[import-untyped]  # no stubs, no py.typed

from bot.feeds.models import ParsedFeed, ParsedItem

__all__ = ["MAX_ITEMS", "FeedParseError", "clean_text", "parse_feed"]

MAX_TITLE = 300
MAX_SUMMARY = 600
MAX_GUID = 500
MAX_LINK = 2000
MAX_ITEMS = 500  # a feed listing more is truncated: nobody publishes 500 stories between two polls

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


class FeedParseError(ValueError):
    """The body is not a feed we can read; the message says what it looked like."""


def clean_text(value: Any, limit: int) -> str:
    """Plain text from feed content: tags dropped, entities decoded, control characters removed."""
    if value is None:
        return ""
    text = str(value)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    text = _TAG.sub(" ", text)  # entities may have encoded tags ("&lt;b&gt;")
    # Control and format characters (zero-width, bidi overrides) can hide or reorder text on screen.
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n ")
    text = _SPACE.sub(" ", text).strip()
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"
    return text


def _link(value: Any) -> str | None:
    text = clean_text(value, MAX_LINK + 1)
    if not text or len(text) > MAX_LINK or " " in text:
        return None
    return text if text.lower().startswith(("http://", "https://")) else None


def _guid(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if len(text) > MAX_GUID:
        import hashlib

        return "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()
    return text


def _from_struct(value: Any) -> datetime | None:
    try:
        stamp = calendar.timegm(value)
        return datetime.fromtimestamp(stamp, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _from_iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # JSON Feed requires an offset; assume UTC if missing
    return parsed.astimezone(UTC)


def parse_feed(body: bytes, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed body; raise :class:`FeedParseError` if it is not a readable feed."""
    head = body[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{") or (content_type or "").split(";")[0].strip().endswith("json"):
        return _parse_json_feed(body)
    return _parse_xml_feed(body)


def _parse_json_feed(body: bytes) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FeedParseError(f"not valid JSON: {exc}") from None
    if not isinstance(data, Mapping) or "jsonfeed.org/version" not in str(data.get("version", "")):
        raise FeedParseError("JSON but not a JSON Feed (no jsonfeed.org version)")
    raw_items = data.get("items")
    if not isinstance(raw_items, list):
        raise FeedParseError("JSON Feed without an items list")
    items = []
    for entry in raw_items[:MAX_ITEMS]:
        if not isinstance(entry, Mapping):
            continue
        # A field of the wrong JSON type counts as missing: a list is not a title, 42 not a link.
        raw = {key: value for key, value in entry.items() if isinstance(value, str)}
        if isinstance(entry.get("id"), int):
            raw["id"] = str(entry["id"])  # JSON Feed says string; integers are a common slip
        title = clean_text(raw.get("title"), MAX_TITLE)
        summary = clean_text(
            raw.get("summary") or raw.get("content_text") or raw.get("content_html"), MAX_SUMMARY
        )
        if not title:
            # JSON Feed items may be title-less (micro posts): the start of the text stands in.
            title = clean_text(summary, 120)
        if not title:
            continue
        link = _link(raw.get("url") or raw.get("external_url"))
        items.append(
            ParsedItem(
                title=title,
                link=link,
                guid=_guid(raw.get("id")),
                summary=summary,
                published=_from_iso(raw.get("date_published")) or _from_iso(raw.get("date_modified")),
            )
        )
    return ParsedFeed("json", clean_text(data.get("title"), MAX_TITLE), tuple(items))


def _parse_xml_feed(body: bytes) -> ParsedFeed:
    try:
        # Bytes, never a URL or a path: feedparser would fetch or open it.
        result = feedparser.parse(body, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser promises not to raise; a bug in it must not stop the poller
        raise FeedParseError(f"unreadable: {type(exc).__name__}: {exc}") from None
    version = str(result.get("version") or "")
    entries: Iterable[Any] = result.get("entries") or []
    warnings: list[str] = []
    if result.get("bozo"):
        warnings.append(f"malformed feed: {str(result.get('bozo_exception'))[:200]}")
    if not version and not entries:
        looks_html = b"<html" in body[:2048].lower() or b"<!doctype html" in body[:2048].lower()
        raise FeedParseError("an HTML page, not a feed" if looks_html else "not an RSS, Atom or JSON feed")
    kind = "atom" if version.startswith("atom") else "rss"
    items = []
    for entry in list(entries)[:MAX_ITEMS]:
        title = clean_text(entry.get("title"), MAX_TITLE)
        summary = clean_text(entry.get("summary") or entry.get("description"), MAX_SUMMARY)
        if not title:
            title = clean_text(summary, 120)
        if not title:
            continue
        published = None
        for key in ("published_parsed", "updated_parsed", "created_parsed"):
            # dict.get: FeedParserDict's own get maps keys to each other with a deprecation warning.
            if dict.get(entry, key):
                published = _from_struct(dict.get(entry, key))
                if published is not None:
                    break
        items.append(
            ParsedItem(
                title=title,
                link=_link(entry.get("link")),
                guid=_guid(entry.get("id")),
                summary=summary,
                published=published,
            )
        )
    feed_title = clean_text((result.get("feed") or {}).get("title"), MAX_TITLE)
    return ParsedFeed(kind, feed_title, tuple(items), tuple(warnings))
