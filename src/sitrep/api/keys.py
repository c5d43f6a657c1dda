"""API keys for the write endpoints, kept beside the data they protect (table `api_keys` in the store).

Only a SHA-256 of each key is stored: a copied store file does not hand out working keys. A key is
shown once, when made; it can be revoked (kept, marked revoked, so the record says who could write
when). Keys are random (256 bits), so a plain hash is enough; no salt or slow hash is needed.

The table is created here with IF NOT EXISTS, outside the store's migrations, so that this module
depends on nothing but SQLite; it can become a store migration without changing a line below.
"""
from __future__ import annotations

import hashlib
import secrets
import sqlite3
from datetime import datetime, timezone
from typing import Optional

PREFIX = "sitrep_"

_SCHEMA = """CREATE TABLE IF NOT EXISTS api_keys (
    pk          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    prefix      TEXT NOT NULL,          -- the first characters, to recognise a key in a list
    hash        TEXT NOT NULL UNIQUE,   -- sha256 of the whole key
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
)"""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class KeyRing:
    """Make, list, revoke and check keys in one store file."""

    def __init__(self, path: str):
        self.path = path
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "KeyRing":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create(self, name: str) -> str:
        """A new key for `name`; the only time the key itself is seen."""
        if not name or not name.strip():
            raise ValueError("a key needs a name (who or what uses it)")
        key = PREFIX + secrets.token_urlsafe(32)
        self.conn.execute("INSERT INTO api_keys(name, prefix, hash, created_at) VALUES (?, ?, ?, ?)",
                          (name.strip(), key[:len(PREFIX) + 6], _hash(key), _now()))
        return key

    def list(self) -> list[dict]:
        return [{"id": r[0], "name": r[1], "prefix": r[2], "created_at": r[3], "revoked_at": r[4]}
                for r in self.conn.execute(
                    "SELECT pk, name, prefix, created_at, revoked_at FROM api_keys ORDER BY pk")]

    def revoke(self, which: str) -> int:
        """Revoke by id, by name (all of that name's keys), or by the key itself. Returns how many."""
        which = which.strip()
        cur = self.conn.execute(
            "UPDATE api_keys SET revoked_at = ? WHERE revoked_at IS NULL AND"
            " (CAST(pk AS TEXT) = ? OR name = ? OR hash = ?)", (_now(), which, which, _hash(which)))
        return cur.rowcount

    def check(self, key: Optional[str]) -> Optional[str]:
        """The name behind a valid, unrevoked key; None for anything else."""
        if not key or not key.startswith(PREFIX) or len(key) > 200:
            return None
        row = self.conn.execute("SELECT name, hash FROM api_keys WHERE hash = ? AND revoked_at IS NULL",
                                (_hash(key),)).fetchone()
        if row and secrets.compare_digest(row[1], _hash(key)):
            return row[0]
        return None
