"""`sitrep watch`: poll feeds (or pages), fetch only what is new, code it and keep it in the store.

What has been taken is remembered in the store itself (feed ETag / Last-Modified, and every item's key),
so a restarted watcher asks each feed "anything since?" and fetches only items it has never taken.
An item is marked as taken only once its article is stored (or its failure recorded): a crash or a
Ctrl-C in between means the item is fetched again next time, never lost, and the store's one
transaction per article means it is never half stored. Passing failures (a time-out, a 503) leave the
item unmarked, to be tried on the next round; lasting ones (404, robots.txt, not English) are recorded
and marked.

Copies of a story already stored (an exact copy, or a syndicated near copy) are linked to the first copy
(see `sitrep.ingest.duplicates`) and recorded as skipped, never coded as new news.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Union

from sitrep.article import Article
from sitrep.errors import FetchError, SitrepError
from sitrep.fetch import Fetcher
from sitrep.ingest.duplicates import Duplicate, DuplicateIndex
from sitrep.ingest.feed import parse_feed
from sitrep.ingest.into_store import store_index
from sitrep.ingest.url import feed_item_article, is_feed_response, page_article


@dataclass
class Tally:
    """What one round (or a whole run) did."""

    new: int = 0          # items never taken before
    added: int = 0        # coded and stored
    already: int = 0      # the same article was stored already
    duplicates: int = 0   # copies of a stored story, linked to it
    skipped: int = 0      # valid but not coded (not English)
    failed: int = 0       # lasting errors, recorded
    retry: int = 0        # passing errors: tried again next round
    unchanged: int = 0    # feeds that answered 304 Not Modified
    errors: list[str] = field(default_factory=list)

    def __iadd__(self, other: "Tally") -> "Tally":
        for name in ("new", "added", "already", "duplicates", "skipped", "failed", "retry", "unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        return self

    def line(self) -> str:
        return (f"{self.new} new, {self.added} added, {self.already} already stored, {self.duplicates} "
                f"duplicates, {self.skipped} skipped, {self.failed} failed, {self.retry} to retry")


class Watcher:
    """Polls sources into a store. `stop` (a threading.Event) ends the run after the article in hand."""

    def __init__(self, store, fetcher: Optional[Fetcher] = None, duplicates: Optional[DuplicateIndex] = None,
                 published: Optional[str] = None, log: Callable[[str], None] = lambda line: None,
                 stop: Optional[threading.Event] = None):
        self.store = store
        self.fetcher = fetcher or Fetcher()
        # the store's own index when `duplicates` lives in the store's file: see `store_index`
        self.duplicates = store_index(store, duplicates)
        self.published = published
        self.log = log
        self.stop = stop or threading.Event()

    def run(self, sources: Iterable[str], every: float, once: bool = False) -> Tally:
        """Poll every source, then wait `every` seconds, until stopped (or after one round with once)."""
        sources = list(sources)
        total = Tally()
        while not self.stop.is_set():
            for source in sources:
                if self.stop.is_set():
                    break
                tally = self.poll(source)
                self.log(f"{source}: {tally.line()}" + (" (not modified)" if tally.unchanged else ""))
                total += tally
            if once:
                break
            self.stop.wait(every)
        return total

    def poll(self, url: str) -> Tally:
        """One look at one feed or page: take what is new."""
        tally = Tally()
        state = self.store.feed_state(url)
        try:
            response = self.fetcher.fetch(url, etag=state["etag"], last_modified=state["last_modified"])
        except SitrepError as err:
            tally.errors.append(err.message)
            self.log("error: " + err.message)
            return tally
        if response.not_modified:
            tally.unchanged = 1
            self.store.set_feed_state(url, state["etag"], state["last_modified"])
            return tally
        if is_feed_response(response):
            try:
                feed = parse_feed(response.body, url)
            except SitrepError as err:
                tally.errors.append(err.message)
                self.log("error: " + err.message)
                return tally
            # feeds list the newest first: take the oldest first, so a copy links to the first telling
            new = [item for item in reversed(feed.items) if not self.store.feed_item_seen(url, item.key)]
            for item in new:
                if self.stop.is_set():
                    return tally  # feed state not updated: the rest is taken on the next run
                tally.new += 1
                self._take(url, item.key, feed_item_article(item, feed, self.fetcher, url), tally)
        else:
            page = page_article(response)
            key = page.content_hash if isinstance(page, Article) else url
            if not self.store.feed_item_seen(url, key):
                tally.new += 1
                self._take(url, key, page, tally)
        if not self.stop.is_set():
            # an item left to retry needs the whole feed next time, not a 304: keep no validators
            keep = tally.retry == 0
            self.store.set_feed_state(url, response.etag if keep else None,
                                      response.last_modified if keep else None)
        return tally

    def _take(self, feed: str, key: str, item: Union[Article, SitrepError], tally: Tally) -> None:
        """Store one new item's article (or its failure), then mark the item as taken."""
        from sitrep.clean import clean
        from sitrep.coder import code_many
        from sitrep.ingest.into_store import is_update, keep, record_copy
        from sitrep.records import ArticleRef, FailedArticle

        if isinstance(item, SitrepError):
            tally.errors.append(item.message)
            self.log("error: " + item.message)
            if isinstance(item, FetchError) and item.transient:
                tally.retry += 1
                return
            tally.failed += 1
            self.store.add_failure(FailedArticle(article=ArticleRef(id=None, source=item.source),
                                                 error=item.message))
            self.store.mark_feed_item(feed, key)
            return
        article = item
        article.ensure_id()
        if self.store.has(article_id=article.id, content_hash=article.content_hash):
            tally.already += 1
            self.store.mark_feed_item(feed, key)
            return
        body = None
        try:
            body = clean(article).text  # cleaned once: the coder reuses it (clean keeps the last few)
        except SitrepError:
            pass  # the coder reports it, as for any input
        if body is not None:
            copy = self.duplicates.check(body, own_id=article.id)
            if copy is not None and not is_update(self.store, copy, article.url):
                tally.duplicates += 1
                with self.store.transaction():
                    record_copy(self.store, self.duplicates, article.id, article.source, article.content_hash, copy)
                    self.store.mark_feed_item(feed, key)
                return
        result = next(code_many([article], published=self.published))
        with self.store.transaction():  # the article (or its failure) and the item's mark: both or neither
            if isinstance(result, FailedArticle):
                self.store.add_failure(result, content_hash=article.content_hash)
                tally.skipped += result.skipped
                tally.failed += not result.skipped
                self.log(("skipped: " if result.skipped else "error: ") + result.error)
            else:
                kept = keep(self.store, result, article.content_hash, article.source, self.duplicates)
                if isinstance(kept, Duplicate):
                    tally.duplicates += 1  # a copy stored by another writer while this one was coded
                elif kept:
                    tally.added += 1
                else:
                    tally.already += 1
            self.store.mark_feed_item(feed, key)


def parse_interval(text: str) -> float:
    """"90", "90s", "10m", "1h", "1h30m" -> seconds; raise ValueError otherwise."""
    import re

    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)\s*([hms])", value)
        if not parts or re.sub(r"(\d+(?:\.\d+)?)\s*([hms])", "", value).strip():
            raise ValueError(f"{text!r} is not an interval such as 90s, 10m or 1h")
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[unit] for n, unit in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r}: the interval must be more than 0")
    return seconds
