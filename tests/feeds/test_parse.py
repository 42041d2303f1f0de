import contextlib
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.feeds.parse import FeedParseError, clean_text, parse_feed
from tests.feeds.server import FIXTURES


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_rss_items_are_plain_text_with_utc_dates() -> None:
    feed = parse_feed(_read("rss.xml"))
    assert feed.kind == "rss"
    assert feed.title == "The Harbour Post - World"
    first = feed.items[0]
    assert first.guid == "hp-1001"
    assert first.published == datetime(2025, 10, 12, 7, 30, tzinfo=UTC)
    assert first.summary.startswith("The cease-fire between Israel and Hamas held overnight")
    assert "<" not in first.summary


def test_hostile_markup_never_survives_as_markup() -> None:
    hostile = parse_feed(_read("rss.xml")).items[2]
    assert "<script" not in hostile.title and "<img" not in hostile.summary
    assert "\u200b" not in hostile.summary  # zero-width characters are dropped
    assert hostile.link is None  # javascript: is not a link
    assert hostile.published is None  # "not a date at all"


def test_atom_feed() -> None:
    feed = parse_feed(_read("atom.xml"))
    assert feed.kind == "atom"
    assert [i.guid for i in feed.items] == ["urn:example:lantern:2001", "urn:example:lantern:2002"]
    assert feed.items[0].link == "https://lantern.example/europe/france-new-prime-minister"
    assert feed.items[0].published == datetime(2025, 10, 12, 9, tzinfo=UTC)


def test_json_feed_skips_what_is_not_an_item() -> None:
    feed = parse_feed(_read("feed.json"), "application/feed+json")
    assert feed.kind == "json"
    titles = [i.title for i in feed.items]
    assert titles[:2] == [
        "China tightens rare earth export licences further",
        "Russian missiles hit Ukraine's power grid again, Ternopil in the dark",
    ]
    assert titles[2].startswith("A title-less micro post")  # the text stands in for a missing title
    assert len(feed.items) == 3  # a list is not a title, 42 is not a link: that entry is dropped
    assert all(item.link is None or item.link.startswith("https://") for item in feed.items)


def test_malformed_xml_is_read_as_far_as_possible_and_flagged() -> None:
    feed = parse_feed(_read("malformed.xml"))
    assert feed.warnings and "malformed" in feed.warnings[0]
    assert feed.items and feed.items[0].title.startswith("Unclosed tags")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_read("page.html"), "HTML page"),
        (b"", "not an RSS"),
        (b"\x00\xff\xfe garbage", "not an RSS"),
        (b'{"version": "1", "items": []}', "not a JSON Feed"),
        (b"{not json", "not valid JSON"),
        (b"[" * 100_000, "not an RSS"),
    ],
)
def test_what_is_not_a_feed_is_a_parse_error(body: bytes, message: str) -> None:
    with pytest.raises(FeedParseError, match=message):
        parse_feed(body)


def test_clean_text_caps_length_at_a_word() -> None:
    text = clean_text("word " * 200, 50)
    assert len(text) <= 50 and text.endswith("…")
    assert clean_text("&lt;b&gt;bold&lt;/b&gt; &amp; more", 100) == "bold & more"


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda s: s.encode("utf-8", "replace")))
def test_any_bytes_give_a_feed_or_a_parse_error(body: bytes) -> None:
    try:
        feed = parse_feed(body)
    except FeedParseError:
        return
    for item in feed.items:
        assert item.title and "<" not in item.title.replace("&lt;", "")


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_any_item_text_inside_a_valid_rss_feed_never_crashes(title: str, body: str) -> None:
    from xml.sax.saxutils import escape

    doc = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>{escape(title)}</title><description>{escape(body)}</description></item>"
        "</channel></rss>"
    ).encode("utf-8", "replace")
    with contextlib.suppress(FeedParseError):
        parse_feed(doc)


def test_terminal_escapes_and_bidi_overrides_are_removed() -> None:
    text = clean_text("\x1b[31mred\x1b[0m \u202eevil\u202c \x07bell", 100)
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert text == "[31mred[0m evil bell"


_ENTITY_LEVELS = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{_ENTITY_LEVELS}]>'
    '<rss version="2.0"><channel><title>t</title><item><title>x &l9;</title></item></channel></rss>'
).encode()
EXTERNAL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><title>t</title><item><title>leak &xxe; end</title></item></channel></rss>'
)


def test_entity_expansion_and_external_entities_are_not_honoured() -> None:
    bomb = parse_feed(BILLION_LAUGHS)
    assert all(len(item.title) < 100 for item in bomb.items)  # no exponential expansion
    leak = parse_feed(EXTERNAL_ENTITY)
    assert all("root:" not in item.title for item in leak.items)  # no file read
