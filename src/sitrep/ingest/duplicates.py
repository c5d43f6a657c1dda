"""Duplicates at the door: the same story twice is one story, not two events.

Two kinds, both judged on the cleaned body text (so two sites' different navigation does not matter):

- exact: the same words in the same order, whatever the case, punctuation, spacing or mojibake:
  a hash of the normalised words;
- near: a syndicated copy of a wire story, trimmed, retitled or with a line added: MinHash over
  word 5-gram shingles, found with locality-sensitive hashing (LSH), confirmed when most of the new
  text's shingles are in the stored story (their share estimated from the MinHash Jaccard similarity
  and the two shingle counts: a trimmed copy is mostly inside the original, though their Jaccard
  similarity may be only 0.6; a long roundup quoting a short stored story is not its copy).

`DuplicateIndex` is in memory, or kept in a SQLite file (the store's file, in its own tables
`dedup_signatures`, `dedup_bands`, `dedup_links` and `dedup_version`), so a restarted `sitrep watch`
still knows yesterday's stories. A duplicate is linked to the first stored story it copies
(`dedup_links`), never coded as new news. `DuplicateIndex.of_store` shares the store's connection, so
that a story and its index entry are written in one transaction (`sitrep.ingest.into_store.keep`).
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

SHINGLE = 5            # words per shingle
PERMUTATIONS = 120     # MinHash functions
BANDS = 40             # LSH bands of PERMUTATIONS / BANDS rows: candidates from Jaccard ~0.4 up
THRESHOLD = 0.7        # share of the new text's shingles in a stored story at which it is a near copy
MIN_WORDS = 30         # below this a text is too short to call a near duplicate (only exact ones)

SIGNATURE_VERSION = 2  # signatures kept in a file are rebuilt when the way they are made changes
_CHUNK = 4096          # shingles hashed at a time: memory stays small on a long article
_MASK = np.uint64((1 << 32) - 1)
# One random 64-bit seed per MinHash function, fixed: signatures must be the same in every run.
_SEEDS = np.random.RandomState(20151023).randint(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + \
    np.uint64(1)
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text, case-folded: what both checks compare."""
    return _WORD.findall(text.casefold())


def exact_key(text: str) -> str:
    """Same words in the same order -> same key."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8", "surrogatepass")).hexdigest()


def signature(tokens: list[str]) -> Optional[np.ndarray]:
    """MinHash signature (PERMUTATIONS uint32) of the word shingles; None when there are too few words."""
    found = _fingerprint(tokens)
    return found[0] if found is not None else None


def _fingerprint(tokens: list[str]) -> Optional[tuple[np.ndarray, int]]:
    """The MinHash signature of the word shingles and how many distinct shingles there are."""
    if len(tokens) < MIN_WORDS:
        return None
    joined = {" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                                         "little") for s in joined), dtype=np.uint64, count=len(joined))
    lowest = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):
        lowest = np.minimum(lowest, _mix(hashes[start:start + _CHUNK, None] ^ _SEEDS).min(axis=0))
    return (lowest & _MASK).astype(np.uint32), len(joined)


def _mix(z: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, element-wise (uint64 arithmetic wraps): every input bit moves every output
    bit, so each seed gives an independent-looking order of the shingles.

    (An affine map a*x+b mod p over 32-bit x with a < 2^31 barely wraps: its minimum was nearly always
    the shingle with the smallest x, so two stories sharing one stock phrase ("of the Red Cross said")
    looked 95% alike while sharing 3% of their shingles.)
    """
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two shingle sets from their signatures."""
    return float(np.mean(a == b))


def _share(jaccard: float, new: int, stored: int) -> float:
    """The share of the new text's `new` shingles also in the stored story's `stored` ones, from their
    Jaccard similarity: |A & B| = J (|A| + |B|) / (1 + J)."""
    return min(1.0, jaccard * (new + stored) / (1.0 + jaccard) / max(1, new))


def _to_blob(found: Optional[tuple[np.ndarray, int]]) -> Optional[bytes]:
    """What is kept of a story: its signature, then its shingle count (uint32 each)."""
    if found is None:
        return None
    return found[0].tobytes() + np.array([found[1]], dtype=np.uint32).tobytes()


def _bands(sig: np.ndarray) -> list[int]:
    rows = PERMUTATIONS // BANDS
    return [band * (1 << 56) + (int.from_bytes(hashlib.blake2b(sig[band * rows:(band + 1) * rows].tobytes(),
                                                               digest_size=6).digest(), "little"))
            for band in range(BANDS)]


@dataclass
class Duplicate:
    """`article_id` is a copy of the earlier `first_id`: exactly (similarity 1.0) or nearly."""

    first_id: str
    similarity: float
    exact: bool

    def describe(self) -> str:
        how = "an exact copy" if self.exact else f"a near copy ({self.similarity:.0%} alike)"
        return f"{how} of article {self.first_id}"


_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS dedup_signatures (
        article_id TEXT PRIMARY KEY, exact_key TEXT NOT NULL, signature BLOB)""",
    "CREATE INDEX IF NOT EXISTS dedup_exact ON dedup_signatures(exact_key)",
    """CREATE TABLE IF NOT EXISTS dedup_bands (
        bucket INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (bucket, article_id))""",
    """CREATE TABLE IF NOT EXISTS dedup_links (
        article_id TEXT PRIMARY KEY, first_id TEXT NOT NULL, similarity REAL NOT NULL, source TEXT)""",
    "CREATE TABLE IF NOT EXISTS dedup_version (version INTEGER NOT NULL)",
]


class DuplicateIndex:
    """Every story seen so far, to tell whether a new one is a copy. `path=None` keeps it in memory."""

    def __init__(self, path: Optional[str] = None, conn: Optional[sqlite3.Connection] = None):
        self.path = path
        self._last: Optional[tuple] = None  # (text, exact key, fingerprint) of the last text seen
        self._own = conn is None
        self.conn = conn if conn is not None else sqlite3.connect(path or ":memory:", timeout=30.0,
                                                                  isolation_level=None)
        if self._own:
            self.conn.execute("PRAGMA busy_timeout = 30000")
        for statement in _SCHEMA:
            self.conn.execute(statement)
        if self._version() != SIGNATURE_VERSION:
            self._rebuild()

    def _version(self) -> Optional[int]:
        row = self.conn.execute("SELECT MAX(version) FROM dedup_version").fetchone()
        return row[0] if row else None

    def _rebuild(self) -> None:
        """Remake the signatures an older sitrep kept (made another way, they would match nothing) from the
        stored articles' text when the index lives in the store's file; without the text, only exact copies
        of those stories are found from then on."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            if self._version() != SIGNATURE_VERSION:  # another process may have done it meanwhile
                has_articles = self.conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").fetchone()
                rows = self.conn.execute(
                    "SELECT s.article_id, a.text FROM dedup_signatures s LEFT JOIN articles a ON a.id = s.article_id"
                    if has_articles else "SELECT article_id, NULL FROM dedup_signatures").fetchall()
                self.conn.execute("DELETE FROM dedup_bands")
                for article_id, text in rows:
                    found = _fingerprint(words(text)) if text is not None else None
                    self.conn.execute("UPDATE dedup_signatures SET signature = ? WHERE article_id = ?",
                                      (_to_blob(found), article_id))
                    if found is not None:
                        self.conn.executemany("INSERT OR IGNORE INTO dedup_bands VALUES (?, ?)",
                                              [(bucket, article_id) for bucket in _bands(found[0])])
                self.conn.execute("DELETE FROM dedup_version")
                self.conn.execute("INSERT INTO dedup_version VALUES (?)", (SIGNATURE_VERSION,))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    @classmethod
    def of_store(cls, store) -> "DuplicateIndex":
        """The index kept in a store's own file, on the store's own connection: an article and its index
        entry can then be written in one transaction (`Store.transaction`), so a crash between the two
        cannot leave a stored article that later copies are not checked against."""
        return cls(None if store.path == ":memory:" else store.path, conn=store.conn)

    def shares(self, store) -> bool:
        """True when this index writes through `store`'s connection (see `of_store`)."""
        return self.conn is store.conn

    def close(self) -> None:
        if self._own:
            self.conn.close()

    def __enter__(self) -> "DuplicateIndex":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, text: str, own_id: Optional[str] = None) -> Optional[Duplicate]:
        """The earlier story `text` copies, if any: an exact copy's first telling, else the first stored of
        the stories it nearly copies. The story stored under `own_id` does not count: new text under a
        stored id is an update of that story (a correction), not a copy of it.

        The first, not the most alike: a writer that checks before its own last stories are stored (the
        coder reads ahead) sees a first part of what a later check sees, and the first story of that part
        is the first story of the whole, so whichever check finds the copy, it is linked the same way."""
        key, found = self._prints(text)
        row = self.conn.execute("SELECT article_id FROM dedup_signatures WHERE exact_key = ? AND article_id IS NOT ?"
                                " ORDER BY rowid LIMIT 1", (key, own_id)).fetchone()
        if row:
            return Duplicate(row[0], 1.0, True)
        if found is None:
            return None
        sig, size = found
        buckets = _bands(sig)
        marks = ",".join("?" * len(buckets))
        candidates = self.conn.execute(
            f"SELECT DISTINCT s.rowid, s.article_id, s.signature FROM dedup_bands b JOIN dedup_signatures s "
            f"ON s.article_id = b.article_id WHERE b.bucket IN ({marks}) ORDER BY s.rowid", buckets).fetchall()
        for _, article_id, blob in candidates:
            if article_id == own_id:
                continue
            stored = np.frombuffer(blob, dtype=np.uint32)
            score = _share(similarity(sig, stored[:PERMUTATIONS]), size, int(stored[PERMUTATIONS]))
            if score >= THRESHOLD:
                return Duplicate(article_id, score, False)
        return None

    def add(self, article_id: str, text: str) -> None:
        """Remember a story (once coded), so later copies of it are found. Adding it again is harmless;
        new text under a known id (an update) replaces the old text's entry, in the same place."""
        key, found = self._prints(text)
        rows = [(bucket, article_id) for bucket in _bands(found[0])] if found is not None else []

        def insert() -> None:
            known = self.conn.execute("SELECT exact_key FROM dedup_signatures WHERE article_id = ?",
                                      (article_id,)).fetchone()
            if known is not None and known[0] == key:
                return
            if known is not None:
                self.conn.execute("DELETE FROM dedup_bands WHERE article_id = ?", (article_id,))
                self.conn.execute("UPDATE dedup_signatures SET exact_key = ?, signature = ? WHERE article_id = ?",
                                  (key, _to_blob(found), article_id))
            else:
                self.conn.execute("INSERT INTO dedup_signatures VALUES (?, ?, ?)", (article_id, key, _to_blob(found)))
            self.conn.executemany("INSERT OR IGNORE INTO dedup_bands VALUES (?, ?)", rows)

        self._atomically(insert)

    def _atomically(self, write: Callable[[], None]) -> None:
        if self.conn.in_transaction:  # the caller's transaction (the article being stored) holds it
            write()
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            write()
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _prints(self, text: str) -> tuple[str, Optional[tuple[np.ndarray, int]]]:
        """The exact key and the fingerprint of a text; the last one is kept, since a story checked is
        usually added next (`keep` does both in one transaction)."""
        if self._last is None or self._last[0] != text:
            tokens = words(text)
            key = hashlib.sha256(" ".join(tokens).encode("utf-8", "surrogatepass")).hexdigest()
            self._last = (text, key, _fingerprint(tokens))
        return self._last[1], self._last[2]

    def knows(self, article_id: str) -> bool:
        """Is this story in the index (added once coded)?"""
        return self.conn.execute("SELECT 1 FROM dedup_signatures WHERE article_id = ?",
                                 (article_id,)).fetchone() is not None

    def forget(self, article_id: str, successor: Optional[str] = None) -> None:
        """Drop a story that is no longer stored. An update stored under a new id at the same URL is its
        `successor`: copies linked to the old id are linked to it, since the story lives on there."""
        def delete() -> None:
            self.conn.execute("DELETE FROM dedup_bands WHERE article_id = ?", (article_id,))
            self.conn.execute("DELETE FROM dedup_signatures WHERE article_id = ?", (article_id,))
            if successor is not None:
                self.conn.execute("UPDATE dedup_links SET first_id = ? WHERE first_id = ?",
                                  (successor, article_id))

        self._atomically(delete)

    def link(self, article_id: str, duplicate: Duplicate, source: Optional[str] = None) -> None:
        """Record that `article_id` is a copy of `duplicate.first_id`."""
        self.conn.execute("INSERT OR REPLACE INTO dedup_links VALUES (?, ?, ?, ?)",
                          (article_id, duplicate.first_id, duplicate.similarity, source))

    def copies_of(self, first_id: str) -> list[tuple[str, float]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT article_id, similarity FROM dedup_links WHERE first_id = ? ORDER BY article_id",
            (first_id,))]
