"""End to end: `code()` on the defining example (from ../shared/examples; skipped without it) and on
articles written for these tests."""
from __future__ import annotations

import re

import pytest

from sitrep import Article, code
from sitrep.records import CodedArticle
from test_api_support import OWN_EXAMPLE_TITLE, own_example_row


def _find(coded: CodedArticle, **want):
    for event in coded.events:
        e = event.model_dump()
        if all(_ok(e, k, v) for k, v in want.items()):
            return event
    return None


def _ok(e: dict, key: str, value) -> bool:
    if key == "countries":
        found = {a["country"] for a in (e["actor1"], e["actor2"]) if a} | {
            m for a in (e["actor1"], e["actor2"]) if a for m in (a.get("members") or [])}
        return set(value) <= found
    if key in ("actor1_country", "actor2_country"):
        actor = e[key.split("_")[0]] or {}
        return actor.get("country") == value or value in (actor.get("members") or [])
    if key == "type":
        return e["type"] in (value if isinstance(value, (set, tuple, list)) else {value})
    if key == "near":
        loc = e["location"]
        return bool(loc) and abs(loc["lat"] - value[0]) < 0.4 and abs(loc["lon"] - value[1]) < 0.4
    return e.get(key) == value


def test_cleaning_keeps_debris_aside(example_coded):
    a = example_coded.article
    assert a.title == "Jordan and Russia to cooperate on Syria military action"
    assert a.outlet == "Al Jazeera"
    for debris in ("''", "Talk to Al Jazeera", "RELATED:", "Source: Al Jazeera", "\u00a0"):
        assert debris not in a.text
    removed = " ".join(r.text for r in a.removed)
    assert "RELATED: Putin accuses West of double standards over Syria" in removed
    assert any("Frame grab taken from Russia's Defence Ministry footage" in c for c in a.captions)


@pytest.fixture(scope="module")
def own_coded():
    """Our own example-shaped scrape (tests/data/coordination_article.txt), coded once: runs everywhere."""
    row = own_example_row()
    return code(Article(text=row["text"], id=row["id"]), published=row["published"])


def test_cleaning_keeps_debris_aside_in_our_own_scrape(own_coded):
    a = own_coded.article
    assert a.title == OWN_EXAMPLE_TITLE
    for debris in ("''", "Watch:", "RELATED:", "Source:", "[Handout/AFP]"):
        assert debris not in a.text
    assert "Syria's war" in " ".join(r.text for r in a.removed)  # the doubled apostrophe, mended
    kinds = {r.kind for r in a.removed}
    assert {"promo", "related"} <= kinds, kinds
    assert any(c.startswith("Smoke rises over a village in Hama province") for c in a.captions)
    assert "Russia and Jordan agreed on Friday" in a.text


def test_example_events(example_coded):
    c = example_coded
    assert _find(c, type={"AGREE", "COOPERATE"}, countries={"JOR", "RUS"})
    assert _find(c, type="CONSULT", countries={"RUS", "JOR"}, near=(48.21, 16.37))  # Vienna
    assert _find(c, type="CONSULT", countries={"RUS", "USA"}, near=(48.21, 16.37))  # "the Austrian capital"
    assert _find(c, type="CONSULT", countries={"SYR", "RUS"}, near=(55.76, 37.62))  # Moscow
    assert _find(c, type="ASSAULT", actor1_country="USA")
    assert _find(c, type={"AID", "SUPPORT"}, actor1_country="JOR")
    toll = [e for e in c.events if e.fatalities and e.fatalities.min == 446]
    assert toll and toll[0].actor1.country == "RUS"
    assert toll[0].fatalities.civilians_min >= 149
    assert re.search("(?i)syrian observatory", toll[0].reported_by.name)
    assert toll[0].date.start == "2015-09-30" and toll[0].date.end == "2015-10-23"
    assert len(c.events) <= 25


def test_example_never_codes_jordan_attacking_russia(example_coded):
    for e in example_coded.events:
        if e.type == "ASSAULT" and e.actor1 and e.actor2:
            assert {e.actor1.country, e.actor2.country} != {"JOR", "RUS"}


def test_quotes_are_attributed_through_pronouns(example_coded):
    quotes = {q.text[:30]: q for q in example_coded.quotes}
    funding = next(q for q in example_coded.quotes if "funding opposition groups in Deraa" in q.text)
    focus = next(q for q in example_coded.quotes if "coordination will focus on southern Syria" in q.text)
    assert funding.speaker and "Shamayleh" in funding.speaker.name
    assert focus.speaker and "Shamayleh" in focus.speaker.name
    assert quotes


@pytest.mark.parametrize("coded_name", ["example_coded", "own_coded"])
def test_spans_point_into_their_field(coded_name, request):
    coded = request.getfixturevalue(coded_name)
    a = coded.article
    fields = {"text": a.text, "title": a.title or ""}
    fields.update({f"caption:{i}": c for i, c in enumerate(a.captions)})
    assert coded.events and a.places
    for e in coded.events:
        for span in [e.trigger, *e.evidence]:
            assert fields[span.field][span.start:span.end] == span.text
    for p in a.places:
        field = p.field or "text"
        assert fields[field][p.start:p.end] == p.text


def test_ids_are_stable(example_raw, example_coded):
    again = code(Article(text=example_raw["text"], id=example_raw["id"]), published="2015-10-23")
    assert [e.id for e in again.events] == [e.id for e in example_coded.events]


def test_ids_are_stable_on_our_own_scrape(own_coded):
    row = own_example_row()
    again = code(Article(text=row["text"], id=row["id"]), published=row["published"])
    assert [e.id for e in again.events] == [e.id for e in own_coded.events]


SOMALIA = """Gunmen storm hotel in Somali town, killing at least 9

MOGADISHU (VOA) — Al-Shabab militants stormed a hotel in the central Somali town of Beledweyne on Tuesday, killing at least nine people, including four soldiers, police said.

Somali forces regained control of the building after a siege that lasted several hours, a police commander told reporters.

Somalia's government condemned the attack and said the militants had been killed.
"""


def test_a_new_article_is_coded_generally():
    coded = code(Article(text=SOMALIA, id="somalia-test"), published="2025-03-13")
    assert coded.article.title.startswith("Gunmen storm hotel")
    attack = _find(coded, type="ASSAULT")
    assert attack is not None
    assert attack.fatalities is not None and attack.fatalities.min == 9
    assert attack.date.start == "2025-03-11"  # the Tuesday before publication
    assert attack.location is not None and attack.location.country == "SOM"
    assert attack.actor1 is not None and re.search("(?i)shabaab|shabab", attack.actor1.name)
