"""Duplicates at the door: the same story twice is one story, not two events.

Two kinds, both judged on the cleaned body text (so two sites' different navigation does not matter):

- exact: the same words in the same order, whatever the case, punctuation, spacing or mojibake:
  a hash of the normalised words;
- near: a syndicated copy of a wire story, trimmed, retitled or with a line added: MinHash over
  word 5-gram shingles, found with locality-sensitive hashing (LSH), confirmed by the estimated
  Jaccard similarity.

`DuplicateIndex` is in memory, or kept in a SQLite file (the store's file, in its own tables
`dedup_signatures` and `dedup_links`), so a restarted `sitrep watch` still knows yesterday's stories. A
duplicate is linked to the first copy (`dedup_links`), never coded as new news.
"""
from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from typing import Optional

import numpy as np

SHINGLE = 5            # words per shingle
PERMUTATIONS = 120     # MinHash functions
BANDS = 20             # LSH bands of PERMUTATIONS / BANDS rows: candidates from Jaccard ~0.6 up
THRESHOLD = 0.7        # estimated Jaccard similarity at which a candidate is a near duplicate
MIN_WORDS = 30         # below this a text is too short to call a near duplicate (only exact ones)

_PRIME = np.uint64((1 << 61) - 1)
_MASK = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(20151023)  # fixed: signatures must be the same in every run
_A = _rng.randint(1, 1 << 31, size=PERMUTATIONS).astype(np.uint64)
_B = _rng.randint(0, 1 << 31, size=PERMUTATIONS).astype(np.uint64)
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text, case-folded: what both checks compare."""
    return _WORD.findall(text.casefold())


def exact_key(text: str) -> str:
    """Same words in the same order -> same key."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8", "surrogatepass")).hexdigest()


def signature(tokens: list[str]) -> Optional[np.ndarray]:
    """MinHash signature (PERMUTATIONS uint32) of the word shingles; None when there are too few words."""
    if len(tokens) < MIN_WORDS:
        return None
    joined = [" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)]
    hashes = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"),
                                                          digest_size=4).digest(), "little")
                          for s in set(joined)), dtype=np.uint64)
    # (a * x + b) mod p, for every shingle and every permutation, then the minimum per permutation
    values = (np.outer(hashes, _A) + _B) % _PRIME
    return (values.min(axis=0) & _MASK).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two shingle sets from their signatures."""
    return float(np.mean(a == b))


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


class DuplicateIndex:
    """Every story seen so far, to tell whether a new one is a copy. `path=None` keeps it in memory."""

    def __init__(self, path: Optional[str] = None):
        self.conn = sqlite3.connect(path or ":memory:", timeout=30.0, isolation_level=None)
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("""CREATE TABLE IF NOT EXISTS dedup_signatures (
            article_id TEXT PRIMARY KEY, exact_key TEXT NOT NULL, signature BLOB)""")
        self.conn.execute("CREATE INDEX IF NOT EXISTS dedup_exact ON dedup_signatures(exact_key)")
        self.conn.execute("""CREATE TABLE IF NOT EXISTS dedup_bands (
            bucket INTEGER NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (bucket, article_id))""")
        self.conn.execute("""CREATE TABLE IF NOT EXISTS dedup_links (
            article_id TEXT PRIMARY KEY, first_id TEXT NOT NULL, similarity REAL NOT NULL,
            source TEXT)""")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "DuplicateIndex":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check(self, text: str) -> Optional[Duplicate]:
        """The earlier story `text` copies, if any (exact copies first, then the most alike near copy)."""
        tokens = words(text)
        key = hashlib.sha256(" ".join(tokens).encode("utf-8", "surrogatepass")).hexdigest()
        row = self.conn.execute("SELECT article_id FROM dedup_signatures WHERE exact_key = ? LIMIT 1",
                                (key,)).fetchone()
        if row:
            return Duplicate(row[0], 1.0, True)
        sig = signature(tokens)
        if sig is None:
            return None
        buckets = _bands(sig)
        marks = ",".join("?" * len(buckets))
        candidates = self.conn.execute(
            f"SELECT DISTINCT s.article_id, s.signature FROM dedup_bands b JOIN dedup_signatures s "
            f"ON s.article_id = b.article_id WHERE b.bucket IN ({marks})", buckets).fetchall()
        best: Optional[Duplicate] = None
        for article_id, blob in candidates:
            score = similarity(sig, np.frombuffer(blob, dtype=np.uint32))
            if score >= THRESHOLD and (best is None or score > best.similarity):
                best = Duplicate(article_id, score, False)
        return best

    def add(self, article_id: str, text: str) -> None:
        """Remember a story (once coded), so later copies of it are found."""
        tokens = words(text)
        key = hashlib.sha256(" ".join(tokens).encode("utf-8", "surrogatepass")).hexdigest()
        sig = signature(tokens)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("INSERT OR IGNORE INTO dedup_signatures VALUES (?, ?, ?)",
                              (article_id, key, sig.tobytes() if sig is not None else None))
            if sig is not None:
                self.conn.executemany("INSERT OR IGNORE INTO dedup_bands VALUES (?, ?)",
                                      [(bucket, article_id) for bucket in _bands(sig)])
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def link(self, article_id: str, duplicate: Duplicate, source: Optional[str] = None) -> None:
        """Record that `article_id` is a copy of `duplicate.first_id`."""
        self.conn.execute("INSERT OR REPLACE INTO dedup_links VALUES (?, ?, ?, ?)",
                          (article_id, duplicate.first_id, duplicate.similarity, source))

    def copies_of(self, first_id: str) -> list[tuple[str, float]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT article_id, similarity FROM dedup_links WHERE first_id = ? ORDER BY article_id",
            (first_id,))]
