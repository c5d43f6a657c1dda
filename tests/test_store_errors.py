"""Bad store files and hostile disks: each a clear StoreError, and what the file held is left as it was."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import contextmanager

import pytest

from sitrep.store import SCHEMA_VERSION, Store, StoreError
from test_store import IDLIB_TEXT, KYIV_TEXT, h, idlib_article, kyiv_article


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], capture_output=True, text=True)


def test_newer_schema_is_refused_untouched(tmp_path):
    path = str(tmp_path / "future.db")
    with Store(path) as store:
        store.add(idlib_article(), h(IDLIB_TEXT))
        store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = open(path, "rb").read()
    with pytest.raises(StoreError, match="newer sitrep"):
        Store(path)
    assert open(path, "rb").read() == before
    result = cli("events", "--db", path)
    assert result.returncode == 1 and "newer sitrep" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"this is a CSV file, not a store\n" * 200,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "broken.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a sitrep store"):
        Store(str(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.db"]
    result = cli("summary", "--db", str(path))
    assert result.returncode == 1 and "not a sitrep store" in result.stderr and "Traceback" not in result.stderr


@contextmanager
def read_only(folder):
    """Make a folder read-only for real: chmod for a normal user; root ignores modes, so for root the
    folder is made immutable (chattr +i), which binds root too."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        try:
            yield
        finally:
            os.chmod(folder, 0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: cannot make a folder read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "events.db"
    with Store(str(path)) as store:
        store.add(idlib_article(), h(IDLIB_TEXT))
    before = path.read_bytes()
    with read_only(folder):
        with pytest.raises(StoreError, match="read-only"):
            Store(str(folder / "new.db"))
        with pytest.raises(StoreError, match="read-only"):
            with Store(str(path)) as store:
                store.add(kyiv_article(), h(KYIV_TEXT))
        assert not (folder / "new.db").exists()
    assert path.read_bytes() == before
    with Store(str(path)) as store:
        assert store.counts()["articles"] == 1


def test_full_disk_keeps_what_was_there(tmp_path):
    """SQLite's page limit gives the same error as a full disk (SQLITE_FULL) at the same point."""
    path = str(tmp_path / "full.db")
    with Store(path) as store:
        assert store.add(idlib_article(), h(IDLIB_TEXT))
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")
        big = kyiv_article()
        big.article.text = KYIV_TEXT + " More words." * 20000
        with pytest.raises(StoreError, match="disk full"):
            store.add(big, h(big.article.text))
        assert store.counts() == {"articles": 1, "events": 2, "failed": 0, "skipped": 0}
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not store.conn.in_transaction
    with Store(path) as store:
        assert store.article("idlib-1") is not None and store.article("kyiv-1") is None
        assert len(store.fused_events()) == 2
        assert store.add(kyiv_article(), h(KYIV_TEXT))  # room again: the next write goes through


def test_sqlite_errors_that_are_bugs_are_not_hidden(tmp_path):
    with Store(str(tmp_path / "x.db")) as store:
        store.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON quotes BEGIN SELECT RAISE(ABORT, 'boom'); END")
        with pytest.raises(sqlite3.IntegrityError):
            store.add(idlib_article(), h(IDLIB_TEXT))
