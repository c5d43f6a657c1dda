"""The event store on a real SQLite file: idempotence, filters, summary, failures, sharing a file."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest

from sitrep.records import (AcledType, Actor, ArticleOut, ArticleRef, CodedArticle, Event, EventDate,
                            FailedArticle, Fatalities, Place, Quote, Source, Span)
from sitrep.store import SCHEMA_VERSION, Store, default_db_path

IDLIB_TEXT = (
    "Russian warplanes struck a market in the town of Maarat al-Numan in Idlib province on Tuesday, "
    "killing at least 12 civilians, the Syrian Observatory for Human Rights said. "
    "Separately, Russian and Turkish diplomats met in Vienna to discuss a ceasefire."
)
KYIV_TEXT = (
    "The war has killed more than 10,000 civilians since February 2022, the UN human rights monitoring "
    "mission said on Friday. A missile strike on Kyiv overnight killed three people, officials said."
)


def h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def place(text, start, name, country, admin1, lat, lon, gid, precision="city") -> Place:
    return Place(text=text, start=start, end=start + len(text), name=name, country=country,
                 admin1=admin1, lat=lat, lon=lon, geonames_id=gid, precision=precision)


def idlib_article(article_id: str = "idlib-1") -> CodedArticle:
    idlib = place("Idlib", IDLIB_TEXT.index("Idlib"), "Idlib", "SYR", "Idlib", 35.93, 36.63, 169388,
                  "admin1")
    vienna = place("Vienna", IDLIB_TEXT.index("Vienna"), "Vienna", "AUT", "Vienna", 48.21, 16.37, 2761369)
    sohr = Source(text="the Syrian Observatory for Human Rights", name="Syrian Observatory for Human Rights")
    strike = Event(
        id="ev-idlib-strike", type="ASSAULT", mode="aerial", cameo="195",
        acled=AcledType(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
        status="occurred",
        trigger=Span(start=IDLIB_TEXT.index("struck"), end=IDLIB_TEXT.index("struck") + 6, text="struck"),
        actor1=Actor(text="Russian warplanes", name="Russia", country="RUS", sector="MIL"),
        actor2=Actor(text="civilians", name="civilians", country="SYR", sector="CVL"),
        date=EventDate(text="on Tuesday", start="2024-03-12", end="2024-03-12", precision="day"),
        location=idlib,
        fatalities=Fatalities(text="at least 12 civilians", min=12, civilians_min=12),
        reported_by=sohr, confidence=0.9,
    )
    talks = Event(
        id="ev-vienna-talks", type="CONSULT", cameo="043",
        trigger=Span(start=IDLIB_TEXT.index("met"), end=IDLIB_TEXT.index("met") + 3, text="met"),
        actor1=Actor(text="Russian ... diplomats", name="Russia", country="RUS", sector="GOV"),
        actor2=Actor(text="Turkish diplomats", name="Türkiye", country="TUR", sector="GOV"),
        date=EventDate(text="on Tuesday", start="2024-03-12", end="2024-03-12", precision="day"),
        location=vienna, confidence=0.7,
    )
    quote = Quote(speaker=Actor(text="the Syrian Observatory", name="Syrian Observatory for Human Rights"),
                  text="killing at least 12 civilians", start=0, end=10)
    return CodedArticle(
        article=ArticleOut(id=article_id, title="Russian air strikes kill 12 in Syria's Idlib",
                           published="2024-03-13", outlet="Reuters", url=f"https://example.com/{article_id}",
                           text=IDLIB_TEXT, captions=["Smoke rises over Maarat al-Numan."],
                           places=[idlib, vienna]),
        events=[strike, talks], quotes=[quote])


def kyiv_article(article_id: str = "kyiv-1") -> CodedArticle:
    kyiv = place("Kyiv", KYIV_TEXT.index("Kyiv"), "Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448)
    running = Event(
        id="ev-war-toll", type="ASSAULT", cameo="190",
        trigger=Span(start=KYIV_TEXT.index("killed"), end=KYIV_TEXT.index("killed") + 6, text="killed"),
        actor2=Actor(text="civilians", name="civilians", country="UKR", sector="CVL"),
        date=EventDate(text="since February 2022", start="2022-02-01", end="2024-03-15", precision="range"),
        fatalities=Fatalities(text="more than 10,000 civilians", min=10001, civilians_min=10001,
                              cumulative=True),
        reported_by=Source(text="the UN human rights monitoring mission",
                           name="UN Human Rights Monitoring Mission in Ukraine"),
    )
    missile = Event(
        id="ev-kyiv-missile", type="ASSAULT", mode="missile", cameo="195",
        acled=AcledType(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack"),
        trigger=Span(start=KYIV_TEXT.index("strike"), end=KYIV_TEXT.index("strike") + 6, text="strike"),
        actor1=Actor(text="Russia", name="Russia", country="RUS", sector="MIL"),
        date=EventDate(text="overnight", start="2024-03-14", end="2024-03-15", precision="range"),
        location=kyiv,
        fatalities=Fatalities(text="three people", min=3, max=3),
        reported_by=Source(text="officials", name="Ukrainian officials"),
    )
    undated = Event(
        id="ev-undated-threat", type="THREATEN", cameo="138",
        trigger=Span(start=0, end=3, text="war"),
        actor1=Actor(text="Moscow", name="Russia", country="RUS", sector="GOV"),
    )
    return CodedArticle(
        article=ArticleOut(id=article_id, title="UN: civilian toll in Ukraine passes 10,000",
                           published="2024-03-15", outlet="AP", url=f"https://example.com/{article_id}",
                           text=KYIV_TEXT, places=[kyiv]),
        events=[running, missile, undated])


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "events.db")
    with Store(path) as store:
        assert store.add(idlib_article(), h(IDLIB_TEXT), source="feeds/reuters.jsonl:1")
        assert store.add(kyiv_article(), h(KYIV_TEXT), source="feeds/ap.jsonl:7")
    return path


def ids(events):
    return [e["id"] for e in events]


def test_default_db_path(monkeypatch):
    monkeypatch.delenv("SITREP_DB", raising=False)
    assert default_db_path().endswith("sitrep.db")
    monkeypatch.setenv("SITREP_DB", "/data/conflict.db")
    assert default_db_path() == "/data/conflict.db"
    assert default_db_path("mine.db") == "mine.db"


def test_schema_pragmas_and_version(db):
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30000


def test_adding_twice_adds_nothing(db):
    with Store(db) as store:
        before = store.counts()
        assert store.add(idlib_article(), h(IDLIB_TEXT)) is False                 # same id, same hash
        assert store.add(idlib_article("other-id"), h(IDLIB_TEXT)) is False       # same content
        assert store.counts() == before == {"articles": 2, "events": 5, "failed": 0, "skipped": 0}
        assert store.has(article_id="idlib-1") and store.has(content_hash=h(KYIV_TEXT))
        assert not store.has(article_id="nope") and not store.has()


def test_article_round_trip(db):
    with Store(db) as store:
        stored = store.article("idlib-1")
        assert stored == idlib_article().model_dump(mode="json")
        assert CodedArticle.model_validate(stored).events[0].fatalities.min == 12
        assert store.article("missing") is None
        places = store.conn.execute("SELECT name, country FROM places ORDER BY pk").fetchall()
        assert places == [("Idlib", "SYR"), ("Vienna", "AUT"), ("Kyiv", "UKR")]
        source, captions = store.conn.execute(
            "SELECT source, captions FROM articles WHERE id = 'idlib-1'").fetchone()
        assert source == "feeds/reuters.jsonl:1" and "Maarat" in captions


def test_filters(db):
    with Store(db) as store:
        assert ids(store.events(country="syr")) == ["ev-idlib-strike"]
        # Country falls back to actor1's, then actor2's, when the event has no location.
        assert ids(store.events(country="UKR")) == ["ev-war-toll", "ev-kyiv-missile"]
        assert ids(store.events(country="RUS")) == ["ev-undated-threat"]
        assert ids(store.events(type="CONSULT")) == ["ev-vienna-talks"]
        assert ids(store.events(acled_type="Air/drone strike")) == ["ev-idlib-strike"]
        assert ids(store.events(acled_type="explosions/remote violence")) == [
            "ev-idlib-strike", "ev-kyiv-missile"]
        assert ids(store.events(actor="türkiye")) == ["ev-vienna-talks"]
        assert ids(store.events(actor="RUSS", type="ASSAULT")) == ["ev-idlib-strike", "ev-kyiv-missile"]
        assert ids(store.events(min_fatalities=10)) == ["ev-war-toll", "ev-idlib-strike"]
        assert store.events(limit=2) == store.events()[:2]
        everything = store.events()
        assert len(everything) == 5 and everything[-1]["id"] == "ev-undated-threat"  # undated last


def test_date_range_overlap(db):
    with Store(db) as store:
        # The running toll (Feb 2022 - Mar 2024) overlaps any range in between; undated events never match.
        assert ids(store.events(since="2023-01-01", until="2023-12-31")) == ["ev-war-toll"]
        assert ids(store.events(since="2024-03-13")) == ["ev-war-toll", "ev-kyiv-missile"]
        assert ids(store.events(until="2024-03-12", type="ASSAULT")) == ["ev-war-toll", "ev-idlib-strike"]
        assert ids(store.events(since="2024-03", until="2024-03")) == [
            "ev-war-toll", "ev-idlib-strike", "ev-vienna-talks", "ev-kyiv-missile"]
        with pytest.raises(ValueError):
            store.events(since="last week")


def test_full_text_search(db):
    with Store(db) as store:
        assert ids(store.events(text="Idlib")) == ["ev-idlib-strike", "ev-vienna-talks"]
        assert ids(store.events(text="missile strike", type="ASSAULT")) == ["ev-war-toll", "ev-kyiv-missile"]
        assert ids(store.events(text='"human rights monitoring"')) == [
            "ev-war-toll", "ev-kyiv-missile", "ev-undated-threat"]
        assert ids(store.events(text="Maarat al-Numan")) == ["ev-idlib-strike", "ev-vienna-talks"]
        assert store.events(text="Mogadishu") == []
        hit = store.events(text="ceasefire", type="CONSULT")[0]
        assert hit["article"] == {"id": "idlib-1", "title": "Russian air strikes kill 12 in Syria's Idlib",
                                  "url": "https://example.com/idlib-1", "outlet": "Reuters",
                                  "published": "2024-03-13"}
        assert hit["location"]["name"] == "Vienna" and hit["cameo"] == "043"


def test_summary(db):
    with Store(db) as store:
        # A second article repeating the same running toll must not list it twice.
        repeat = kyiv_article("kyiv-2")
        repeat.events = repeat.events[:1]
        assert store.add(repeat, h("another telling of the toll"))
        s = store.summary(top=5)
        assert (s["articles"], s["events"], s["failed"], s["skipped"]) == (3, 6, 0, 0)
        assert s["by_type"] == {"ASSAULT": 4, "CONSULT": 1, "THREATEN": 1}
        assert s["by_country"] == {"UKR": 3, "AUT": 1, "RUS": 1, "SYR": 1}
        deadliest = s["deadliest"]  # incidents only: the war's running toll would top any list
        assert ids(deadliest) == ["ev-idlib-strike", "ev-kyiv-missile"]
        assert deadliest[0]["reported_by"]["name"] == "Syrian Observatory for Human Rights"
        assert deadliest[0]["article"]["outlet"] == "Reuters"
        assert ids(s["running_tolls"]) == ["ev-war-toll"]  # told twice, listed once
        assert s["running_tolls"][0]["fatalities"]["cumulative"] is True
        assert "total" not in s and ids(store.summary(top=1)["deadliest"]) == ["ev-idlib-strike"]


def test_failures_stored_once(tmp_path):
    path = str(tmp_path / "f.db")
    error = FailedArticle(article=ArticleRef(id="bad-7", source="in.jsonl:7"), error="no text or html")
    skip = FailedArticle(article=ArticleRef(id="fr-1", source="in.jsonl:8"),
                         error="not English (fr)", skipped=True, language="fr")
    with Store(path) as store:
        for _ in range(2):
            store.add_failure(error)
            store.add_failure(skip, content_hash="abc")
        assert store.counts() == {"articles": 0, "events": 0, "failed": 1, "skipped": 1}
        listed = store.failures(skipped=True)
        assert listed[0]["article"] == {"id": "fr-1", "source": "in.jsonl:8"}
        assert listed[0]["language"] == "fr" and listed[0]["error"] == "not English (fr)"
        # Coding the article later resolves its failure.
        assert store.add(idlib_article("bad-7"), h(IDLIB_TEXT))
        assert store.counts()["failed"] == 0 and len(store.failures()) == 1


def test_reopen_keeps_everything(db):
    with Store(db) as store:
        first = (store.counts(), store.events(), store.summary())
    with Store(db) as store:
        assert (store.counts(), store.events(), store.summary()) == first
        assert store.schema_version == SCHEMA_VERSION


def test_two_stores_on_one_file(tmp_path):
    path = str(tmp_path / "shared.db")
    with Store(path) as writer, Store(path) as reader:
        assert reader.counts()["articles"] == 0
        assert writer.add(idlib_article(), h(IDLIB_TEXT))
        assert reader.has(article_id="idlib-1")
        assert ids(reader.events(country="SYR")) == ["ev-idlib-strike"]
        assert reader.add(idlib_article(), h(IDLIB_TEXT)) is False   # the reader sees it as stored
        assert reader.add(kyiv_article(), h(KYIV_TEXT))
        assert writer.counts()["articles"] == 2


def test_failed_insert_leaves_nothing(tmp_path):
    """One transaction per article: an error midway rolls the whole article back."""
    path = str(tmp_path / "atomic.db")
    with Store(path) as store:
        store.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON quotes BEGIN SELECT RAISE(ABORT, 'boom'); END")
        with pytest.raises(sqlite3.IntegrityError):
            store.add(idlib_article(), h(IDLIB_TEXT))
        assert store.counts() == {"articles": 0, "events": 0, "failed": 0, "skipped": 0}
        assert store.events(text="Idlib") == []


def _add_range(path: str, start: int, stop: int) -> int:
    with Store(path) as store:
        return sum(store.add(idlib_article(f"wire-{n}"), h(f"wire story {n}")) for n in range(start, stop))


def test_two_processes_write_one_file(tmp_path):
    """Two writers racing over overlapping articles: each article lands exactly once."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    path = str(tmp_path / "race.db")
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        added = list(pool.map(_add_range, [path, path], [0, 20], [40, 60]))
    assert sum(added) == 60
    with Store(path) as store:
        assert store.counts()["articles"] == 60 and store.counts()["events"] == 120


def test_feed_state_survives_reopening(tmp_path):
    path = str(tmp_path / "feeds.db")
    with Store(path) as store:
        assert store.feed_state("http://127.0.0.1/feed.xml")["etag"] is None
        store.set_feed_state("http://127.0.0.1/feed.xml", etag='"abc"', last_modified="Fri, 23 Oct 2015 10:00:00 GMT")
        store.mark_feed_item("http://127.0.0.1/feed.xml", "guid-1")
    with Store(path) as store:
        assert store.feed_state("http://127.0.0.1/feed.xml")["etag"] == '"abc"'
        assert store.feed_item_seen("http://127.0.0.1/feed.xml", "guid-1")
        assert not store.feed_item_seen("http://127.0.0.1/feed.xml", "guid-2")
