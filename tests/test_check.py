"""`sitrep check` on a real store coded by the real pipeline: clean when whole, and each kind of damage
(offsets, missing rows, orphaned or empty fused events, schema version, foreign keys) named precisely."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from sitrep.check import check, check_store
from sitrep.store import SCHEMA_VERSION, Store
from test_api_support import own_example_row


@pytest.fixture(scope="module")
def whole_store(tmp_path_factory):
    from sitrep import Article, code

    path = str(tmp_path_factory.mktemp("check") / "whole.db")
    row = own_example_row()
    example = code(Article(text=row["text"], id=row["id"]), published=row["published"])
    second = code(Article(id="wire-1", text="Gunmen killed 12 people in Mogadishu on Monday, police said.",
                          title="Attack in Mogadishu"), published="2024-05-06")
    with Store(path) as store:
        assert store.add(example, "hash-example")
        assert store.add(second, "hash-wire-1")
    return path


@pytest.fixture
def store_copy(whole_store, tmp_path):
    path = str(tmp_path / "copy.db")
    shutil.copy(whole_store, path)
    return path


def damage(path: str, *statements: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_whole_store_is_clean(whole_store):
    assert check_store(whole_store) == []
    result = CliRunner().invoke(check, ["--db", whole_store])
    assert result.exit_code == 0, result.output
    assert ": ok (2 articles" in result.output


def test_evidence_offsets_outside_the_text(store_copy):
    conn = sqlite3.connect(store_copy)
    pk, coded = conn.execute("SELECT pk, coded FROM articles WHERE id = 'wire-1'").fetchone()
    record = json.loads(coded)
    record["events"][0]["evidence"][0]["end"] = 10_000
    conn.execute("UPDATE articles SET coded = ? WHERE pk = ?", (json.dumps(record), pk))
    conn.commit()
    conn.close()
    problems = [str(p) for p in check_store(store_copy)]
    assert problems == ["article wire-1 events[0].evidence[0]: offsets 0..10000 outside the text (60 characters)"]


def test_offsets_that_cut_other_words(store_copy):
    conn = sqlite3.connect(store_copy)
    pk, coded = conn.execute("SELECT pk, coded FROM articles WHERE id = 'wire-1'").fetchone()
    record = json.loads(coded)
    record["events"][0]["trigger"]["start"] += 1
    conn.execute("UPDATE articles SET coded = ? WHERE pk = ?", (json.dumps(record), pk))
    conn.commit()
    conn.close()
    (problem,) = check_store(store_copy)
    assert problem.where == "article wire-1 events[0].trigger" and "not the span's 'killed'" in problem.what


def test_missing_event_row_and_orphaned_fused_event(store_copy):
    damage(store_copy, "DELETE FROM events WHERE article_pk = (SELECT pk FROM articles WHERE id = 'wire-1')")
    problems = [str(p) for p in check_store(store_copy)]
    assert "article wire-1: 1 events in the coded record, 0 rows in events" in problems
    assert any(p.startswith("fused event f-") and p.endswith("has no reports left") for p in problems)


def test_fused_event_source_missing(store_copy):
    conn = sqlite3.connect(store_copy)
    pk, fused = conn.execute("SELECT pk, json FROM clusters ORDER BY pk LIMIT 1").fetchone()
    record = json.loads(fused)
    record["sources"][0]["event_id"] = "no-such-event"
    conn.execute("UPDATE clusters SET json = ? WHERE pk = ?", (json.dumps(record), pk))
    conn.commit()
    conn.close()
    (problem,) = check_store(store_copy)
    assert problem.what.startswith("source event no-such-event of article ")


def test_dangling_foreign_key_and_event_without_fused_event(store_copy):
    damage(store_copy, "UPDATE events SET article_pk = 999, cluster_pk = NULL WHERE pk = "
                       "(SELECT MIN(pk) FROM events)")
    problems = [str(p) for p in check_store(store_copy)]
    assert any(p.startswith("events row ") and p.endswith("refers to a missing articles row") for p in problems)
    assert any("belongs to no fused event" in p for p in problems)


def test_schema_version_and_cli_exit_status(store_copy):
    damage(store_copy, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    result = CliRunner().invoke(check, ["--db", store_copy])
    assert result.exit_code == 1
    assert f"schema: version {SCHEMA_VERSION + 1}, this sitrep expects {SCHEMA_VERSION}" in result.output


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not SQLite" * 100)
    (problem,) = check_store(str(path))
    assert "not a readable SQLite database" in problem.what
    result = CliRunner().invoke(check, ["--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 1 and "no such store" in result.output
