"""RSS and Atom feeds: a feed is a list of items, each pointing at an article (and often carrying it).

Parsed with defusedxml, because a feed is XML from a stranger: entity expansion ("billion laughs") and
external entities are refused. RSS 2.0, RSS 1.0 (RDF) and Atom are read by the local names of their
elements, so namespace prefixes and the odd non-standard feed do not matter.

Each item has a stable `key` (its guid / Atom id, else its link, else a hash of its title and text):
what `sitrep watch` remembers so it fetches each item once.
"""
from __future__ import annotations

import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

from sitrep.article import Article
from sitrep.errors import EmptyFeedItem, NotAFeed, SitrepError
from sitrep.ingest.jsonl import normalise_date

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*"
                         rb"<(?:[\w.-]+:)?(?:rss|feed|RDF)\b", re.IGNORECASE | re.DOTALL)


@dataclass
class FeedItem:
    key: str
    link: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None   # YYYY-MM-DD
    content: Optional[str] = None     # the item's HTML: full content when the feed carries it, else summary
    full: bool = False                # True when `content` is the article itself (content:encoded, Atom content)


@dataclass
class Feed:
    title: Optional[str] = None
    link: Optional[str] = None
    items: list[FeedItem] = field(default_factory=list)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of an input open an RSS, RDF or Atom document."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_FEED_START.match(head[:4096]))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _child(element, *names: str):
    for child in element:
        if _local(child.tag) in names:
            return child
    return None


def _text(element) -> Optional[str]:
    if element is None:
        return None
    value = "".join(element.itertext()).strip()
    return value or None


def _date(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    found = normalise_date(value)
    if found:
        return found
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()  # RFC 822, as RSS writes it
    except (TypeError, ValueError, IndexError):
        return None


def _atom_link(entry) -> Optional[str]:
    fallback = None
    for child in entry:
        if _local(child.tag) != "link":
            continue
        href = (child.get("href") or "").strip()
        if not href:
            continue
        rel = (child.get("rel") or "alternate").lower()
        if rel == "alternate":
            return href
        fallback = fallback or href
    return fallback


def _item(element, atom: bool) -> FeedItem:
    title = _text(_child(element, "title"))
    if atom:
        link = _atom_link(element)
        guid = _text(_child(element, "id"))
        published = _date(_text(_child(element, "published", "updated", "issued", "modified")))
        content_el = _child(element, "content")
        summary = _text(_child(element, "summary"))
    else:
        link = _text(_child(element, "link"))
        if link is None and element.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"):
            link = element.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        guid = _text(_child(element, "guid"))
        published = _date(_text(_child(element, "pubdate", "date", "published", "issued")))
        content_el = _child(element, "encoded")
        summary = _text(_child(element, "description", "summary"))
    content = _text(content_el)
    key = guid or link or hashlib.sha256(f"{title}\n{content or summary}".encode("utf-8")).hexdigest()[:32]
    return FeedItem(key=key, link=link, title=title, published=published, content=content or summary,
                    full=content is not None)


def parse_feed(data: bytes, source: str) -> Feed:
    """Bytes of an RSS / RDF / Atom document -> Feed; raise NotAFeed for anything else."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException
    from xml.etree.ElementTree import ParseError

    if not data.strip():
        raise NotAFeed(source, reason="empty")
    try:
        root = SafeET.fromstring(data)
    except ParseError as err:
        line, column = getattr(err, "position", (0, 0))
        raise NotAFeed(source, reason=f"not well-formed XML at line {line}, column {column}") from None
    except DefusedXmlException as err:
        raise NotAFeed(source, reason=f"refused unsafe XML ({type(err).__name__})") from None
    kind = _local(root.tag)
    if kind == "feed":
        items = [_item(e, atom=True) for e in root if _local(e.tag) == "entry"]
        return Feed(title=_text(_child(root, "title")), link=_atom_link(root), items=items)
    if kind == "rss":
        channel = _child(root, "channel")
        if channel is None:
            raise NotAFeed(source, reason="an <rss> without a <channel>")
        items = [_item(e, atom=False) for e in channel if _local(e.tag) == "item"]
        return Feed(title=_text(_child(channel, "title")), link=_text(_child(channel, "link")), items=items)
    if kind == "rdf":
        channel = _child(root, "channel")
        items = [_item(e, atom=False) for e in root.iter() if _local(e.tag) == "item"]
        return Feed(title=_text(_child(channel, "title")) if channel is not None else None, items=items)
    raise NotAFeed(source, reason=f"XML whose root is <{kind}>, not <rss>, <feed> or <rdf:RDF>")


def item_article(item: FeedItem, source: str, outlet: Optional[str] = None) -> Article:
    """An item whose feed carries its text, as an Article (the item's HTML, title, date and link)."""
    article = Article(html=item.content, title=item.title, published=item.published, url=item.link,
                      outlet=outlet, source=source)
    article.ensure_id()
    return article


def read_feed_bytes(data: bytes, name: str) -> Iterator[Union[Article, SitrepError]]:
    """A feed file: every item that carries text becomes an article, in feed order.

    (A feed given as a URL is read by `sitrep.ingest.url`, which fetches each item's page instead.)
    """
    feed = parse_feed(data, name)
    for n, item in enumerate(feed.items, start=1):
        source = f"{name}#{n}"
        if not item.content:
            yield EmptyFeedItem(source, title=item.title or item.link or item.key)
            continue
        yield item_article(item, source, outlet=feed.title)

