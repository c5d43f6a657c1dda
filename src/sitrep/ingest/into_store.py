"""Code a stream of articles into the store: what `sitrep ingest` does, as a Python function.

Articles already stored (the same content) are not coded again, an updated article (same id or URL,
new text) is coded and replaces the old one, near copies of a stored body
(the same wire story from another site) are linked to it and skipped, every failure is kept with its
reason. The stream is coded lazily, in order, so memory does not grow with the input.

Near copies are looked for twice: before coding (to save the work) and again when the coded article is
stored, inside the transaction that stores it (`keep`). The second look catches a copy stored meanwhile,
by the coder's read-ahead in this run or by another process (`sitrep watch`, the API) on the same file;
and since the article and its near-copy index entry are written together, a run killed at any moment
and run again ends with what one uninterrupted run leaves.
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional, Union

from ..article import Article
from ..errors import SitrepError
from ..records import ArticleRef, CodedArticle, FailedArticle
from . import InputError
from .duplicates import Duplicate, DuplicateIndex


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
           duplicates: Optional[DuplicateIndex] = None, budget_s: Optional[float] = None,
           skip_copies: bool = True,
           on_result: Callable[[Union[CodedArticle, FailedArticle, None]], None] = lambda result: None) -> Tally:
    """Code and store `items`; `on_result` is called once per item (None for one not coded again).
    `budget_s`: each article's time budget (see `coder.code_many`). `skip_copies=False` codes near
    copies too (`--keep-copies`); they still enter `duplicates`, so later runs know them."""
    from ..clean import clean
    from ..coder import code_many

    tally = Tally()
    if duplicates is not None:
        duplicates = store_index(store, duplicates)  # the same file: write both in one transaction
    pending: deque = deque()  # (content hash, source) of each item handed to the coder, in order

    def fresh() -> Iterator[Union[Article, InputError]]:
        for item in items:
            if isinstance(item, Article):
                item.ensure_id()
                if store.is_current(item.content_hash):  # a known id with new text is an update
                    if duplicates is not None and not duplicates.knows(item.id):
                        _index(duplicates, item, clean)  # a run killed after storing it left it out
                    tally.already += 1
                    on_result(None)
                    continue
                if duplicates is not None and skip_copies and _skip_copy(store, duplicates, item, clean, tally):
                    on_result(None)
                    continue
                pending.append((item.content_hash, item.source))
            else:
                pending.append((None, item.source))
            yield item

    for result in code_many(fresh(), published=published, budget_s=budget_s):
        content_hash, source = pending.popleft()
        if isinstance(result, FailedArticle):
            store.add_failure(result, content_hash=content_hash)
            tally.skipped += result.skipped
            tally.failed += not result.skipped
            tally.messages.append(("skipped: " if result.skipped else "error: ") + result.error)
        else:
            kept = keep(store, result, content_hash or "", source, duplicates, check_copies=skip_copies)
            if isinstance(kept, Duplicate):
                tally.duplicates += 1
                tally.messages.append("skipped: " + copy_message(result.article.id, source, kept))
            elif kept:
                tally.added += 1
            else:
                tally.already += 1
        on_result(result)
    return tally


def store_index(store, duplicates: Optional[DuplicateIndex] = None) -> DuplicateIndex:
    """The near-copy index to use with `store`: the store's own (`DuplicateIndex.of_store`) when none is
    given or when the one given is kept in the store's file. A second connection to that file would wait
    for the write lock the store's transaction holds (`keep`) and fail after its time-out; on the store's
    connection the article and its index entry are one transaction instead."""
    if duplicates is None or duplicates.shares(store):
        return duplicates if duplicates is not None else DuplicateIndex.of_store(store)
    if _same_file(duplicates.path, store.path):
        return DuplicateIndex.of_store(store)
    return duplicates


def _same_file(one: Optional[str], other: Optional[str]) -> bool:
    if not one or not other or ":memory:" in (one, other):
        return False
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them not made yet
        return os.path.abspath(one) == os.path.abspath(other)


def keep(store, coded: CodedArticle, content_hash: str, source: Optional[str] = None,
         duplicates: Optional[DuplicateIndex] = None, check_copies: bool = True) -> Union[bool, Duplicate]:
    """Store one coded article: True when stored, False when this content was stored already, or the
    `Duplicate` it turned out to be a copy of (linked and recorded as skipped, not stored).
    `check_copies=False` stores copies too, still indexing them for later runs that do skip copies.

    With an index on the store's connection (`DuplicateIndex.of_store`) the near-copy check, the article
    and its index entry are one transaction: no other writer can store a copy in between, and a crash
    leaves all of it or none of it. Other indexes (in memory, another file) are written after the store.
    """
    if duplicates is not None and not duplicates.shares(store) and store.conn.in_transaction \
            and _owns_file_connection(duplicates):
        raise ValueError("the near-copy index has its own connection to a file while the store holds a "
                          "transaction: its write would wait for that transaction's lock (use "
                          "`store_index(store, index)` or `DuplicateIndex.of_store(store)`)")
    if duplicates is None or not duplicates.shares(store):
        replaced = _replaced_ids(store, coded)
        stored = store.add(coded, content_hash, source=source)
        if stored and duplicates is not None:
            _index_stored(duplicates, coded, replaced)
        return stored
    with store.transaction():
        if store.is_current(content_hash):
            return False
        if check_copies:
            copy = duplicates.check(coded.article.text, own_id=coded.article.id)
            if copy is not None and not is_update(store, copy, coded.article.url):
                record_copy(store, duplicates, coded.article.id, source, content_hash, copy)
                return copy
        replaced = _replaced_ids(store, coded)
        stored = store.add(coded, content_hash, source=source)
        if stored:
            _index_stored(duplicates, coded, replaced)
        return stored


def is_update(store, copy: Duplicate, url: Optional[str]) -> bool:
    """A story stored at the same URL is an earlier version of this one (its id may differ: some
    sources put the date or a revision number in it), not a story this one copies."""
    return bool(url) and store.conn.execute("SELECT 1 FROM articles WHERE id = ? AND url = ?",
                                            (copy.first_id, url)).fetchone() is not None


def _replaced_ids(store, coded: CodedArticle) -> list[str]:
    """Stored stories the article replaces under another id: an update found by its URL."""
    art = coded.article
    if not art.url:
        return []
    return [row[0] for row in store.conn.execute("SELECT id FROM articles WHERE url = ? AND id != ?",
                                                 (art.url, art.id))]


def _index_stored(duplicates: DuplicateIndex, coded: CodedArticle, replaced: list[str]) -> None:
    for old_id in replaced:  # gone from the store: a copy of it is a copy of the update now
        duplicates.forget(old_id, successor=coded.article.id)
    duplicates.add(coded.article.id, coded.article.text)


def copy_message(article_id: Optional[str], source: Optional[str], copy: Duplicate) -> str:
    return f"{source or article_id}: {copy.describe()}, not coded again"


def record_copy(store, duplicates: DuplicateIndex, article_id: str, source: Optional[str],
                 content_hash: Optional[str], copy: Duplicate) -> None:
    """Link a copy to its first telling and record it as skipped: together, when the index shares the
    store's connection."""
    failed = FailedArticle(article=ArticleRef(id=article_id, source=source), skipped=True,
                           error=copy_message(article_id, source, copy))
    if duplicates.shares(store):
        with store.transaction():
            duplicates.link(article_id, copy, source)
            store.add_failure(failed, content_hash=content_hash)
    else:
        duplicates.link(article_id, copy, source)
        store.add_failure(failed, content_hash=content_hash)


def _owns_file_connection(duplicates: DuplicateIndex) -> bool:
    """True for an index on a connection of its own to a file (one in memory never waits for a lock)."""
    return bool(duplicates.path) and duplicates.path != ":memory:"


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
    copy = duplicates.check(body, own_id=article.id)
    if copy is None or is_update(store, copy, article.url):
        return False
    record_copy(store, duplicates, article.id, article.source, article.content_hash, copy)
    tally.duplicates += 1
    tally.messages.append("skipped: " + copy_message(article.id, article.source, copy))
    return True
