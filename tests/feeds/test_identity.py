from datetime import UTC, datetime

import pytest

from bot.feeds.identity import canonical_link, item_keys
from bot.feeds.models import ParsedItem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=7#top", "https://news.example.com/a/b?id=7"),
        ("http://news.example.com:80", "http://news.example.com/"),
        ("http://news.example.com:8080/x", "http://news.example.com:8080/x"),
        ("https://x.example/p?b=2&a=1&fbclid=abc&gclid=z", "https://x.example/p?a=1&b=2"),
        ("https://x.example/p?ref=rss&mc_cid=1", "https://x.example/p"),
        ("ftp://x.example/p", None),
        ("javascript:alert(1)", None),
        ("https://x.example:notaport/p", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_link(url: str | None, expected: str | None) -> None:
    assert canonical_link(url) == expected


def test_keys_prefer_guid_then_link_then_title_and_day() -> None:
    when = datetime(2025, 10, 12, 7, tzinfo=UTC)
    keys = item_keys(ParsedItem("Talks Resume!", "https://a.example/x?utm_medium=feed", "g-1", "", when))
    assert (keys.guid, keys.link) == ("g-1", "https://a.example/x")
    assert keys.title == "talks resume|2025-10-12"
    assert item_keys(ParsedItem("Talks resume", published=None)).title == "talks resume|"
