"""URLs as input: a page is one article; a feed's URL gives the article behind each of its items.

What the URL holds is decided by what the server says and sends (Content-Type, then the first bytes),
not by how the URL looks. Fetching goes through `sitrep.fetch.Fetcher` (robots.txt, rate limits,
time-outs, size cap), so every failure is a one-line error naming the URL.
"""
from __future__ import annotations

from typing import Iterator, Optional, Union

from sitrep.article import Article
from sitrep.errors import NotAPage, SitrepError
from sitrep.fetch import Fetcher, Response, default_fetcher
from sitrep.ingest.detect import binary_kind, decode_text, sniff_format
from sitrep.ingest.feed import Feed, FeedItem, item_article, looks_like_feed, parse_feed
from sitrep.ingest.html import decode_html

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")
HTML_TYPES = ("text/html", "application/xhtml+xml")

Item = Union[Article, SitrepError]


def read_url(url: str, fetcher: Optional[Fetcher] = None) -> Iterator[Item]:
    """The article(s) at `url`: one for a page, one per item for a feed."""
    fetcher = fetcher or default_fetcher()
    try:
        response = fetcher.fetch(url)
    except SitrepError as err:
        yield err
        return
    if is_feed_response(response):
        try:
            feed = parse_feed(response.body, url)
        except SitrepError as err:
            yield err
            return
        for item in feed.items:
            yield feed_item_article(item, feed, fetcher, url)
        return
    yield page_article(response)


def is_feed_response(response: Response) -> bool:
    head = response.body[:4096]
    if response.content_type in HTML_TYPES and not looks_like_feed(head):
        return False
    return response.content_type in FEED_TYPES[:3] or looks_like_feed(head)


def page_article(response: Response, title: Optional[str] = None, published: Optional[str] = None,
                 outlet: Optional[str] = None) -> Item:
    """A fetched page (HTML, or plain text) as an Article, or the error that stands in its place."""
    source = response.url
    body = response.body
    kind = response.content_type
    try:
        if kind and kind not in HTML_TYPES and not kind.startswith("text/") and kind not in FEED_TYPES:
            raise NotAPage(source, reason=f"the server sent {kind}")
        odd = binary_kind(body[:8192])
        if odd:
            raise NotAPage(source, reason=f"the server sent {odd}")
        if kind == "text/plain" or (not kind and sniff_format(body[:8192]) == "text"):
            article = Article(text=decode_text(body, source), source=source)
        else:
            article = Article(html=_decode_page(body, response.charset, source), source=source)
    except SitrepError as err:
        return err
    article.url = response.final_url or response.url
    article.title, article.published, article.outlet = title, published, outlet
    article.ensure_id()
    return article


def _decode_page(body: bytes, charset: Optional[str], source: str) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_html(body, source)


def feed_item_article(item: FeedItem, feed: Feed, fetcher: Fetcher, feed_url: str) -> Item:
    """The article behind one feed item: its page, fetched; else the text the feed carries."""
    if item.link:
        try:
            response = fetcher.fetch(item.link)
        except SitrepError as err:
            if item.full and item.content:
                return item_article(item, item.link, outlet=feed.title)
            return err
        return page_article(response, title=item.title, published=item.published, outlet=feed.title)
    if item.content:
        return item_article(item, f"{feed_url}#{item.key}", outlet=feed.title)
    return NotAPage(f"{feed_url}#{item.key}", reason="a feed item with neither a link nor text")
