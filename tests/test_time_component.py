"""The time component and `event_date` on real parses: dates become token spans, events get theirs."""
from __future__ import annotations

import datetime as dt

import pytest

from sitrep import code
from sitrep.nlp.pipeline import parse_one
from sitrep.nlp.timex import find_dates

FRI = dt.date(2015, 10, 23)


def dates_of(text: str, published=FRI):
    doc = parse_one(text, published)
    return doc, [(d.span(doc).text, d.time.start_date, d.time.end_date, d.time.precision) for d in doc._.dates]


def event_dates(text: str, published="2015-10-23"):
    return {(e.type, e.trigger.text): e.date for e in code(text, published=published).events}


def test_mentions_are_token_spans_of_the_doc():
    doc, found = dates_of("Russia launched a bombing campaign in Syria on September 30.\n\n"
                          "Lavrov met Judeh in Vienna on Friday.")
    assert found == [("on September 30", dt.date(2015, 9, 30), dt.date(2015, 9, 30), "day"),
                     ("on Friday", FRI, FRI, "day")]


def test_a_date_the_model_splits_across_sentences_is_one_mention():
    # the model ends a sentence at "[": the date is read from the paragraph, not sentence by sentence
    _, found = dates_of("Protesters torched a police post in Birgunj on Sunday [16 August]. Police fled.",
                        dt.date(2015, 12, 31))
    assert found[0][:2] == ("on Sunday [16 August]", dt.date(2015, 8, 16))


@pytest.mark.parametrize("text, day", [
    ("Bombs exploded on Tuesday (20/01) night.", dt.date(2015, 1, 20)),
    ("Students today (22/01) protested the violence.", dt.date(2015, 1, 22)),
])
def test_numeric_gloss_in_brackets(text, day):
    (m,) = find_dates(text, dt.date(2015, 2, 10))
    assert (m.start_date, m.precision) == (day, "day")


def test_no_reference_date_leaves_relative_dates_unresolved():
    _, found = dates_of("Gunmen attacked a hotel on Tuesday.", None)
    assert found == [("on Tuesday", None, None, "unknown")]


def test_the_date_of_the_saying_is_not_the_event_date():
    dates = event_dates("At least 446 people have been killed by Russian air strikes since they began on "
                        "September 30, the Syrian Observatory for Human Rights said on Friday.")
    (date,) = [d for (kind, _), d in dates.items() if kind == "ASSAULT" and d.text]
    assert (date.start, date.end, date.precision) == ("2015-09-30", "2015-10-23", "range")


def test_an_undated_past_sentence_keeps_the_date_told_earlier_in_its_paragraph():
    dates = event_dates("On 27 May 2025, two groups of soldiers clashed in Mogadishu. Militants then attacked a "
                        "police station in the city.", "2025-09-30")
    attacked = next(d for (kind, word), d in dates.items() if word == "attacked")
    assert (attacked.start, attacked.text) == ("2025-05-27", "On 27 May 2025")


def test_the_narrative_date_stops_at_the_paragraph_and_at_the_future():
    dates = event_dates("On 27 May 2025, two groups of soldiers clashed in Mogadishu.\n\n"
                        "Two soldiers were killed.\n\nThe army will attack the town.", "2025-09-30")
    killed = next(d for (kind, word), d in dates.items() if word == "killed")
    assert killed.text is None and killed.start == "2025-09-30"  # dated by publication, not by May
    attack = next((d for (kind, word), d in dates.items() if word == "attack"), None)
    assert attack is None or attack.text is None


def test_example_meetings_and_visit(example_coded):
    consults = [e for e in example_coded.events if e.type == "CONSULT"]
    vienna = [e for e in consults if e.date.text == "on Friday"]
    assert vienna and all(e.date.start == e.date.end == "2015-10-23" for e in vienna)
    visit = next(e for e in consults if e.trigger.text == "visited")
    assert "2015-10-18" <= visit.date.start <= visit.date.end <= "2015-10-23"
