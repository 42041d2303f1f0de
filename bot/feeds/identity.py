"""Which stored item a feed entry is: guid, else canonical link, else title + date.

Identity is per source: a guid is only promised unique within its feed, and the same event told by
two outlets is grouping's business, not identity's.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bot.core.text import words
from bot.feeds.models import ParsedItem

__all__ = ["ItemKeys", "canonical_link", "item_keys", "title_key"]

# Query parameters that say how a reader arrived, not which page it is.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "at_", "hsa_", "oly_")
_TRACKING_NAMES = frozenset(
    "fbclid gclid dclid msclkid yclid igshid mkt_tok cmpid ocid ito smid sr_share ref ref_src "
    "cmp rss spm share taid __twitter_impression".split()
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_link(url: str | None) -> str | None:
    """The link with scheme and host lower-cased, default port, fragment and tracking removed."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if ":" in host and not host.startswith("["):  # IPv6 literal
        netloc = f"[{host}]" if port in (None, _DEFAULT_PORTS[scheme]) else f"[{host}]:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_NAMES
    ]
    # Order does not change the page; sorting makes ?a=1&b=2 and ?b=2&a=1 one item.
    query.sort()
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def title_key(title: str, published_day: str | None) -> str:
    """The last resort: normalised title words plus the publication day ("" when undated)."""
    return " ".join(words(title))[:300] + "|" + (published_day or "")


@dataclass(frozen=True)
class ItemKeys:
    guid: str | None
    link: str | None
    title: str


def item_keys(item: ParsedItem) -> ItemKeys:
    day = item.published.date().isoformat() if item.published else None
    return ItemKeys(guid=item.guid, link=canonical_link(item.link), title=title_key(item.title, day))
