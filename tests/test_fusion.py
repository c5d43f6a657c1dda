"""Fusion: the same event told by several outlets becomes one event with many sources; look-alikes don't.

Stores are real SQLite files; the last test codes three outlets' reports with the real pipeline.
"""
from __future__ import annotations

import hashlib

import pytest

from sitrep import fusion
from sitrep.records import (AcledType, Actor, ArticleOut, Claim, CodedArticle, Event, EventDate, Fatalities,
                            Place, Source, Span)
from sitrep.store import Store


def h(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


MAARAT = dict(name="Maarat al-Numan", country="SYR", admin1="Idlib", lat=35.6439, lon=36.6706,
              geonames_id=166256, precision="city")
IDLIB = dict(name="Idlib", country="SYR", admin1="Idlib", lat=35.93, lon=36.63, geonames_id=169388,
             precision="admin1")
ALEPPO = dict(name="Aleppo", country="SYR", admin1="Aleppo", lat=36.2021, lon=37.1343, geonames_id=170063,
              precision="city")


def report(article_id: str, outlet: str, sentence: str, *, place=MAARAT, day="2024-03-12", actor1="Russia",
           killed=None, source=None, type_="ASSAULT", mode="aerial", cumulative=False, actor2="civilians",
           day_end=None, status="occurred") -> CodedArticle:
    """One outlet's article telling one event, as the coder would code it."""
    where = sentence.index(place["name"].split()[0]) if place and place["name"].split()[0] in sentence else 0
    loc = Place(text=place["name"], start=where, end=where + len(place["name"]), **place) if place else None
    said = Source(text=source, name=source) if source else None
    toll = None
    if killed is not None:
        toll = Fatalities(text=f"{killed} people", min=killed, max=killed, cumulative=cumulative,
                          claims=[Claim(min=killed, max=killed, text=f"{killed} people", reported_by=said)])
    event = Event(
        id=f"{article_id}-e0", type=type_, mode=mode, cameo="195" if mode == "aerial" else "190",
        acled=AcledType(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
        if type_ == "ASSAULT" else None,
        status=status, trigger=Span(start=0, end=6, text=sentence[:6]),
        actor1=Actor(text=actor1, name=actor1, country="RUS" if actor1 == "Russia" else None,
                     sector="MIL") if actor1 else None,
        actor2=Actor(text=actor2, name=actor2, country="SYR", sector="CVL") if actor2 else None,
        date=EventDate(text="on Tuesday", start=day, end=day_end or day, precision="day" if not day_end else "range"),
        location=loc, fatalities=toll, reported_by=said,
        evidence=[Span(start=0, end=len(sentence), text=sentence)], confidence=0.8)
    return CodedArticle(article=ArticleOut(id=article_id, title=sentence[:40], published="2024-03-13",
                                           outlet=outlet, url=f"https://example.org/{article_id}",
                                           text=sentence, places=[loc] if loc else []),
                        events=[event])


THREE_OUTLETS = [
    report("reuters-1", "Reuters", "Russian warplanes struck a crowded market in Maarat al-Numan on Tuesday, "
           "killing at least 12 civilians, the Syrian Observatory for Human Rights said.", killed=12,
           source="Syrian Observatory for Human Rights"),
    report("ap-1", "AP", "An air strike on a busy market in Maarat al-Numan killed 15 people on Tuesday, "
           "local officials said.", actor1=None, actor2="people", killed=15, source="local officials"),
    report("afp-1", "AFP", "Russian aircraft bombed a market in Syria's Idlib province, killing 20, "
           "residents said.", place=IDLIB, killed=20),
]


def store_all(path, articles) -> Store:
    store = Store(path)
    for coded in articles:
        assert store.add(coded, h(coded.article.text))
    return store


def test_targets_file_loads_and_is_consistent():
    table = fusion.load_targets()
    assert table["market"] == "market" and table["hospital"] == "hospital" and table["health centre"] == "hospital"
    assert all(word == word.lower() and word.strip() == word for word in table)
    import yaml

    entries = yaml.safe_load((fusion.DATA_DIR / "targets.yaml").read_text(encoding="utf-8"))
    kinds = [e["kind"] for e in entries]
    assert len(kinds) == len(set(kinds)), "one entry per kind"
    words = [w for e in entries for w in e["words"]]
    assert len(words) == len(set(words)), "a word names one kind"


def test_three_outlets_become_one_event_with_three_sources(tmp_path):
    with store_all(str(tmp_path / "f.db"), THREE_OUTLETS) as store:
        fused = store.fused_events()
        assert len(fused) == 1 and len(store.events()) == 3
        event = fused[0]
        assert [s["article"]["outlet"] for s in event["sources"]] == ["Reuters", "AP", "AFP"]
        assert event["n_articles"] == 3
        # The most precise place and the named actor win; every source's version is kept.
        assert event["location"]["name"] == "Maarat al-Numan" and event["actor1"]["name"] == "Russia"
        places = {p["value"]["name"]: p["articles"] for p in event["fields"]["location"]}
        assert places == {"Maarat al-Numan": ["reuters-1", "ap-1"], "Idlib": ["afp-1"]}
        # The toll: the highest claim made by a named source (20 is told by nobody named, once).
        toll = event["fatalities"]
        assert toll["best"] == 15 and toll["basis"] == "highest well-sourced claim"
        assert (toll["min"], toll["max"]) == (12, 20)
        assert {(c["article"], c["min"]) for c in toll["claims"]} == {("reuters-1", 12), ("ap-1", 15), ("afp-1", 20)}
        assert {e["fused_id"] for e in store.events()} == {event["id"]}
        assert store.fused_event(event["id"]) == event


def test_two_strikes_same_day_same_city_stay_apart(tmp_path):
    market = report("reuters-2", "Reuters", "Russian warplanes struck a market in Aleppo on Tuesday, killing 9.",
                    place=ALEPPO, killed=9, source="civil defence")
    hospital = report("ap-2", "AP", "Russian warplanes struck a hospital in Aleppo on Tuesday, killing 4 "
                      "medics.", place=ALEPPO, killed=4, source="a medical charity")
    with store_all(str(tmp_path / "f.db"), [market, hospital]) as store:
        assert len(store.fused_events()) == 2
        assert store.stats(by="day") == [{"key": "2024-03-12", "events": 2, "reports": 2, "fatalities": 13,
                                          "running_total": None}]


@pytest.mark.parametrize("change", [
    dict(actor1="Islamic State"),                                     # someone else did it
    dict(day="2024-03-15"),                                           # another day
    dict(place=ALEPPO),                                               # 60 km away
    dict(type_="PROTEST", mode=None),                                 # another kind of event
    dict(status="intended"),                                          # a plan is not the strike
    dict(killed=100000, cumulative=True, day="2011-03-15", day_end="2024-03-12"),  # a running toll
    dict(place=None, actor1=None),                                    # nowhere, nobody: can't tell
])
def test_look_alikes_are_not_fused(tmp_path, change):
    first = THREE_OUTLETS[0]
    other = report("other-1", "BBC", "Warplanes struck a market in Maarat al-Numan on Tuesday.",
                   **{"killed": 12, **change})
    with store_all(str(tmp_path / "f.db"), [first, other]) as store:
        assert len(store.fused_events()) == 2


def test_gates_and_score_directly():
    a = {**THREE_OUTLETS[0].events[0].model_dump(mode="json"), "article": {"id": "a"}}
    b = {**THREE_OUTLETS[1].events[0].model_dump(mode="json"), "article": {"id": "b"}}
    assert fusion.score(a, b) >= fusion.RULES.min_score
    assert fusion.score(a, {**a}) is None                      # one article never fuses with itself
    assert fusion.match(a, [("k", [b])]) == "k"
    assert fusion.distance_km(35.6439, 36.6706, 36.2021, 37.1343) == pytest.approx(74, abs=3)
    assert fusion.target_kinds(a) == {"market"}
    assert fusion.candidate_window({**a, "date": None}) is None


def test_an_inferred_attacker_is_no_evidence_against_a_named_one():
    """A report whose coder inferred 'an unidentified armed group' (no words read) still fuses with one
    naming the attacker; a named other attacker of another country keeps them apart."""
    a = {**THREE_OUTLETS[0].events[0].model_dump(mode="json"), "article": {"id": "a"}}
    b = {**THREE_OUTLETS[1].events[0].model_dump(mode="json"), "article": {"id": "b"}}
    inferred = {"text": "", "name": "unidentified armed group", "country": "SYR", "sector": "REB"}
    assert fusion.score(a, {**b, "actor1": inferred}) is not None
    assert fusion.score(a, {**b, "actor1": {**inferred, "text": "gunmen"}}) is None


def test_update_leaves_the_fused_event(tmp_path):
    """An outlet's corrected story replaces its report; the fused event is rebuilt from what remains."""
    with store_all(str(tmp_path / "f.db"), THREE_OUTLETS[:2]) as store:
        assert len(store.fused_events()) == 1
        moved = report("ap-1", "AP", "Correction: the strike on a market hit Aleppo, killing 15 people.",
                       place=ALEPPO, actor1=None, actor2="people", killed=15, source="local officials")
        assert store.add(moved, h(moved.article.text))
        fused = store.fused_events()
        assert len(fused) == 2 and all(len(f["sources"]) == 1 for f in fused)
        assert store.conn.execute("SELECT COUNT(*) FROM events WHERE cluster_pk IS NULL").fetchone()[0] == 0


def test_stats_never_double_count(tmp_path):
    """A running toll and two incident tolls: the incidents add up, the running toll stands apart, and an
    event told by three outlets counts once."""
    running = report("un-1", "UN News", "The war has killed more than 500,000 people since 2011, the UN said.",
                     place=dict(name="Syria", country="SYR", admin1=None, lat=35.0, lon=38.0, geonames_id=163843,
                                precision="country"), actor1=None, killed=500000, cumulative=True,
                     day="2011-03-15", day_end="2024-03-12", source="the UN")
    hospital = report("ap-2", "AP", "Russian warplanes struck a hospital in Aleppo on Tuesday, killing 4 "
                      "medics.", place=ALEPPO, killed=4, source="a medical charity")
    with store_all(str(tmp_path / "f.db"), [*THREE_OUTLETS, running, hospital]) as store:
        by_day = store.stats(by="day")
        assert by_day == [{"key": "2024-03-12", "events": 2, "reports": 4, "fatalities": 19,
                           "running_total": 500000}]
        by_admin1 = {r["key"]: r["fatalities"] for r in store.stats(by="admin1")}
        assert by_admin1 == {"SYR / Idlib": 15, "SYR / Aleppo": 4, None: 0}
        assert store.stats(by="month", country="SYR")[0]["fatalities"] == 19
        assert store.stats(by="actor")[0] == {"key": "Russia", "events": 2, "reports": 4, "fatalities": 19,
                                              "running_total": None}
        with pytest.raises(ValueError):
            store.stats(by="decade")


def test_real_pipeline_three_outlets_one_event(tmp_path):
    """Three outlets' own words, coded by the real pipeline: one strike with three sources; a strike on a
    hospital in the same town on the same day stays apart."""
    from sitrep import Article, code

    stories = [
        ("reuters-1", "Reuters", "Russian warplanes struck a crowded market in the town of Maarat al-Numan in "
         "Idlib province on Tuesday, killing at least 12 civilians, the Syrian Observatory for Human Rights said."),
        ("ap-1", "AP", "An air strike on a busy market in the northwestern Syrian town of Maarat al-Numan killed "
         "15 people on Tuesday, local officials said."),
        ("afp-1", "AFP", "Russian aircraft bombed a market in Maarat al-Numan in Syria's Idlib province on "
         "Tuesday, killing 12 civilians, according to a war monitor."),
        ("dpa-1", "DPA", "Russian warplanes struck a hospital in the town of Maarat al-Numan in Idlib province "
         "on Tuesday, killing four medical workers, a medical charity said."),
    ]
    with Store(str(tmp_path / "real.db")) as store:
        for article_id, outlet, text in stories:
            coded = code(Article(text=text, id=article_id, outlet=outlet, url=f"https://example.org/{article_id}"),
                         published="2024-03-13")
            assert store.add(coded, h(text))
        groups = [{s["article"]["id"] for s in f["sources"]} for f in store.fused_events(type="ASSAULT")]
        assert {"reuters-1", "ap-1", "afp-1"} in groups
        assert not any("dpa-1" in g and len(g) > 1 for g in groups)


def test_a_report_bridges_two_pieces_of_one_event(tmp_path):
    """Two reports too far apart to fuse alone (one names the town, the other the province and the actor)
    become one event when a third report agrees with both."""
    town_only = report("a-1", "A", "An air strike hit Maarat al-Numan on Tuesday.", actor1=None, actor2=None)
    province = report("b-1", "B", "Russian jets bombed a market in Idlib province on Tuesday.", place=IDLIB)
    both = report("c-1", "C", "Russian jets struck a market in Maarat al-Numan on Tuesday.")
    with store_all(str(tmp_path / "f.db"), [town_only, province]) as store:
        assert len(store.fused_events()) == 2
        assert store.add(both, h(both.article.text))
        fused = store.fused_events()
        assert len(fused) == 1 and [s["article"]["id"] for s in fused[0]["sources"]] == ["a-1", "b-1", "c-1"]
        assert store.conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] == 1
