"""Code a stream of articles into the store: what `sitrep ingest` does, as a Python function.

Articles already stored (the same content) are not coded again, an updated article (same id or URL,
new text) is coded and replaces the old one, near copies of a stored body
(the same wire story from another site) are linked to it and skipped, every failure is kept with its
reason. The stream is coded lazily, in order, so memory does not grow with the input.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from ..article import Article
from ..errors import SitrepError
from ..records import ArticleRef, CodedArticle, FailedArticle
from . import InputError
from .duplicates import DuplicateIndex


@dataclass
class Tally:
    added: int = 0
    already: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.added} added, {self.already} already stored, {self.duplicates} duplicates, "
                f"{self.skipped} skipped, {self.failed} failed")


def ingest(store, items: Iterable[Union[Article, InputError]], published: Optional[str] = None,
           duplicates: Optional[DuplicateIndex] = None,
           on_result: Callable[[Union[CodedArticle, FailedArticle, None]], None] = lambda result: None) -> Tally:
    """Code and store `items`; `on_result` is called once per item (None for one not coded again)."""
    from ..clean import clean
    from ..coder import code_many

    tally = Tally()
    pending: deque = deque()  # (content hash, source) of each item handed to the coder, in order

    def fresh() -> Iterator[Union[Article, InputError]]:
        for item in items:
            if isinstance(item, Article):
                item.ensure_id()
                if store.is_current(item.content_hash):  # a known id with new text is an update
                    if duplicates is not None:
                        _index(duplicates, item, clean)  # a run killed after storing it left it out
                    tally.already += 1
                    on_result(None)
                    continue
                if duplicates is not None and _skip_copy(store, duplicates, item, clean, tally):
                    on_result(None)
                    continue
                pending.append((item.content_hash, item.source))
            else:
                pending.append((None, item.source))
            yield item

    for result in code_many(fresh(), published=published):
        content_hash, source = pending.popleft()
        if isinstance(result, FailedArticle):
            store.add_failure(result, content_hash=content_hash)
            tally.skipped += result.skipped
            tally.failed += not result.skipped
            tally.messages.append(("skipped: " if result.skipped else "error: ") + result.error)
        elif store.add(result, content_hash or "", source=source):
            tally.added += 1
            if duplicates is not None:
                duplicates.add(result.article.id, result.article.text)
        else:
            tally.already += 1
        on_result(result)
    return tally


def _index(duplicates: DuplicateIndex, article: Article, clean) -> None:
    try:
        duplicates.add(article.id, clean(article).text)  # INSERT OR IGNORE: repeating it is harmless
    except SitrepError:
        pass


def _skip_copy(store, duplicates: DuplicateIndex, article: Article, clean, tally: Tally) -> bool:
    try:
        body = clean(article).text  # clean() keeps its last results: the coder will not clean twice
    except SitrepError:
        return False  # the coder reports it, as for any input
    copy = duplicates.check(body)
    if copy is None:
        return False
    duplicates.link(article.id, copy, article.source)
    message = f"{article.source or article.id}: {copy.describe()}, not coded again"
    store.add_failure(FailedArticle(article=ArticleRef(id=article.id, source=article.source), skipped=True,
                                    error=message), content_hash=article.content_hash)
    tally.duplicates += 1
    tally.messages.append("skipped: " + message)
    return True
