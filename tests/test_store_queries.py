"""Store queries beyond the basics: admin1, --near, fused events, DataFrames, updates, the CLI commands."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitrep.store import Near, Store, open_store
from test_fusion import ALEPPO, THREE_OUTLETS, report, store_all
from test_store import db, h, idlib_article, ids, kyiv_article  # noqa: F401  (db is a fixture)


def test_admin1_and_near(db):
    with Store(db) as store:
        assert ids(store.events(admin1="idlib")) == ["ev-idlib-strike"]
        assert ids(store.events(admin1="Kyiv City")) == ["ev-kyiv-missile"]
        # Kyiv is about 10 km from (50.45, 30.40); Idlib 750 km from Vienna.
        assert ids(store.events(near=(50.45, 30.40, 15))) == ["ev-kyiv-missile"]
        assert ids(store.events(near="50.45,30.40,5")) == []
        assert ids(store.events(near="48.2,16.4,50", type="CONSULT")) == ["ev-vienna-talks"]
        assert ids(store.fused_events(near="35.9,36.6,20")) == [store.events(country="SYR")[0]["fused_id"]]
        with pytest.raises(ValueError):
            Near.parse("north of Aleppo")
        with pytest.raises(ValueError):
            Near.parse("95,10,5")


def test_fused_filters_match_any_report(tmp_path):
    hospital = report("ap-2", "AP", "Russian warplanes struck a hospital in Aleppo on Tuesday, killing 4 "
                      "medics.", place=ALEPPO, killed=4, source="a medical charity")
    with store_all(str(tmp_path / "f.db"), [*THREE_OUTLETS, hospital]) as store:
        assert len(store.fused_events()) == 2
        assert [len(f["sources"]) for f in store.fused_events(text="busy market")] == [3]
        assert [f["location"]["name"] for f in store.fused_events(admin1="Aleppo")] == ["Aleppo"]
        assert [f["fatalities"]["best"] for f in store.fused_events(min_fatalities=10)] == [15]
        assert len(store.fused_events(actor="russia", since="2024-03-12", until="2024-03-12")) == 2
        assert len(store.fused_events(limit=1)) == 1 and store.fused_events(limit=1, offset=1)[0]["location"][
            "name"] == "Aleppo"
        frame = store.fused_events().to_frame()
        assert list(frame["location.name"]) == ["Maarat al-Numan", "Aleppo"]
        assert list(frame["fatalities.best"]) == [15, 4]
        reports = store.events().to_frame()
        assert len(reports) == 4 and set(reports["article.outlet"]) == {"Reuters", "AP", "AFP"}


def test_open_api(tmp_path, monkeypatch):
    path = tmp_path / "api.db"
    with store_all(str(path), THREE_OUTLETS):
        pass
    with open_store(str(path)) as store:
        assert len(store.events()) == 3
    monkeypatch.setenv("SITREP_DB", str(path))
    with open_store() as store:
        assert len(store.fused_events()) == 1


def test_update_replaces_events_and_keeps_history(tmp_path):
    """Same URL, new text: re-coded, its old events replaced, the old version kept."""
    with Store(str(tmp_path / "u.db")) as store:
        first = idlib_article("idlib-1")
        assert store.add(first, h("version 1"))
        second = kyiv_article("idlib-1-v2")
        second.article.url = first.article.url
        assert store.add(second, h("version 2"))
        assert store.counts()["articles"] == 1
        assert ids(store.events()) == ["ev-war-toll", "ev-kyiv-missile", "ev-undated-threat"]
        assert store.article("idlib-1") is None and store.article("idlib-1-v2")["events"]
        history = store.history("idlib-1-v2")
        assert [v["content_hash"] for v in history] == [h("version 1"), h("version 2")]
        assert history[0]["coded"]["article"]["id"] == "idlib-1" and history[0]["replaced_at"]
        assert store.events(text="Maarat") == []                     # the full-text index follows
        # Both versions are known: neither adds anything again, and the old one never comes back.
        assert not store.add(first, h("version 1")) and not store.add(second, h("version 2"))
        assert store.has(content_hash=h("version 1")) and store.is_current(h("version 1"))
        # Same id, new text (no URL): an update too.
        third = idlib_article("idlib-1-v2")
        third.article.url = None
        assert store.add(third, h("version 3"))
        assert store.counts()["articles"] == 1 and len(store.history("idlib-1-v2")) == 3
        clusters = store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0]
        assert clusters == len(store.fused_events()) == 2


def test_migration_fuses_a_version_2_store(tmp_path):
    """A store written before fusion existed gets its events fused when opened."""
    import sqlite3

    from sitrep.store import _EVENT_INSERT, MIGRATIONS, SCHEMA_VERSION, _event_row

    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path, isolation_level=None)
    for number in (1, 2):
        for statement in MIGRATIONS[number - 1]:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    for n, coded in enumerate(THREE_OUTLETS, 1):
        art = coded.article
        conn.execute("INSERT INTO articles (id, content_hash, title, url, outlet, text, captions, removed, coded,"
                     " ingested_at) VALUES (?, ?, ?, ?, ?, ?, '[]', '[]', ?, 'then')",
                     (art.id, h(art.text), art.title, art.url, art.outlet, art.text, coded.model_dump_json()))
        conn.executemany(_EVENT_INSERT, [_event_row(n, i, e) for i, e in enumerate(coded.events)])
    conn.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert [len(f["sources"]) for f in store.fused_events()] == [3]


@pytest.fixture()
def runner_db(tmp_path):
    path = str(tmp_path / "cli.db")
    hospital = report("ap-2", "AP", "Russian warplanes struck a hospital in Aleppo on Tuesday, killing 4 "
                      "medics.", place=ALEPPO, killed=4, source="a medical charity")
    with store_all(path, [*THREE_OUTLETS, hospital]):
        pass
    return path


def run(*args):
    from sitrep.store_cli import COMMANDS

    import click

    group = click.Group(commands={c.name: c for c in COMMANDS})
    result = CliRunner().invoke(group, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_cli_events_stats_export(runner_db, tmp_path):
    fused = json.loads(run("events", "--db", runner_db, "--fused", "--format", "json").stdout)
    assert [len(f["sources"]) for f in fused] == [3, 1]
    near = json.loads(run("events", "--db", runner_db, "--near", "36.2,37.1,10", "--format", "json").stdout)
    assert [e["article"]["id"] for e in near] == ["ap-2"]
    assert "admin1" in run("events", "--db", runner_db, "--admin1", "Idlib", "--format", "csv").stdout
    stats = json.loads(run("stats", "--db", runner_db, "--by", "country", "--format", "json").stdout)
    assert stats == [{"key": "SYR", "events": 2, "reports": 4, "fatalities": 19, "running_total": None}]
    table = run("stats", "--db", runner_db, "--by", "day").stdout
    assert "2024-03-12" in table and "19" in table
    out = tmp_path / "events.geojson"
    result = run("export", "--db", runner_db, "--format", "geojson", "--out", str(out))
    assert "2 records" in result.stderr and json.loads(out.read_text())["type"] == "FeatureCollection"
    bad = CliRunner().invoke(__import__("sitrep.store_cli", fromlist=["x"]).events_command,
                             ["--db", runner_db, "--near", "somewhere"])
    assert bad.exit_code == 2 and "LAT,LON,KM" in bad.output
