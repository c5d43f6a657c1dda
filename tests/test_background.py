"""The background stage: running tolls, aggregates, statistics and history told as context are not
incidents (they are flagged cumulative and dated by their period, or left out), and real incidents
told beside them stay as they were."""
from __future__ import annotations

import datetime as dt

import pytest

from sitrep.cache import load_yaml
from sitrep.nlp.background import BACKGROUND_WORDS, background_words
from sitrep.nlp.pipeline import OUR_COMPONENTS, load_pipeline, parse_one

PUBLISHED = dt.date(2021, 3, 29)


@pytest.fixture(scope="module")
def events():
    cache: dict[str, list] = {}

    def get(text: str) -> list:
        if text not in cache:
            doc = parse_one(text, PUBLISHED)
            cache[text] = [(e, doc) for e in doc._.events]
        return cache[text]

    return get


def killed(found: list):
    """The one event of the sentence that carries a killed toll."""
    tolled = [e for e, _ in found if e.toll is not None and e.toll.toll.kind == "killed"]
    assert len(tolled) == 1, [(e.type, e.toll) for e, _ in found]
    return tolled[0]


def test_word_lists_load_and_are_clean():
    data = load_yaml(BACKGROUND_WORDS)
    for key in ("aggregate_nouns", "weak_aggregate_nouns", "incident_nouns", "rate_phrases", "rate_not_before",
                "placing_words"):
        words = data[key]
        assert words and all(isinstance(w, str) and w == w.lower().strip() and w for w in words), key
        assert len(words) == len(set(words)), f"{key} has duplicates"
    assert not set(data["aggregate_nouns"]) & set(data["weak_aggregate_nouns"])
    assert 0 < data["few_days"] < data["borrowed_period_days"] < data["historical_days"]
    assert all(isinstance(v, int) and v > 0 for v in data["duration_units"].values())
    words = background_words()
    assert words.rate.search("5,000 people are killed every year")
    assert not words.rate.search("killed a day after the attack")


def test_stage_runs_right_after_events():
    assert OUR_COMPONENTS.index("sitrep_background") == OUR_COMPONENTS.index("sitrep_events") + 1
    assert "sitrep_background" in load_pipeline().pipe_names


def test_a_war_in_a_relative_clause_is_a_running_toll_with_no_invented_date(events):
    event = killed(events("On Wednesday, Dodik rejected the warrant. The Dayton agreement ended an ethnically "
                          "rooted war that lasted more than three years and killed 100,000 people."))
    assert event.toll.toll.cumulative and event.toll.toll.min == 100_000
    assert event.date is not None and event.date.time.start_date is None and event.date.time.precision == "unknown"


def test_a_toll_since_a_year_is_a_running_toll_dated_by_its_period(events):
    found = events("Since 2009, hundreds of people have been killed in suicide attacks and car bombs on hotels.")
    event = killed(found)
    assert event.toll.toll.cumulative
    assert (event.date.time.start_date, event.date.time.end_date) == (dt.date(2009, 1, 1), PUBLISHED)
    # the attacks summed are not incidents of their own
    assert [e.type for e, _ in found] == ["ASSAULT"]


def test_many_attacks_over_a_year_are_an_aggregate(events):
    found = events("In 2020, the group killed nearly 400 people in over 500 attacks.")
    event = killed(found)
    assert event.toll.toll.cumulative and event.date.time.precision == "year"
    assert len(found) == 1


def test_a_rate_is_a_statistic(events):
    event = killed(events("Violence kills about 5,000 people every year in the region, the group said."))
    assert event.toll.toll.cumulative and event.date.time.start_date is None


def test_history_told_as_context_is_left_out(events):
    lead = "Turkey and Israel recalled their ambassadors on Monday. "
    found = events(lead + "In 2010, Israeli commandos stormed the ship, killing nine activists.")
    assert [e.toll for e, _ in found if e.type == "ASSAULT"] == []
    trial = events("The defendants denied the charges on Monday. A trial opened in Paris on Monday over the "
                   "2004 bombing of a French military base that killed nine French soldiers.")
    assert all(e.toll is None for e, _ in trial)


def test_the_lead_is_the_news_even_when_old(events):
    event = killed(events("On 3 May 2015, six militants were killed in a clash with police in Kalat."))
    assert not event.toll.toll.cumulative and event.date.time.start_date == dt.date(2015, 5, 3)
    event = killed(events("In March 2019, militants killed six soldiers in a clash with police in Kalat."))
    assert event.date.time.precision == "month"
    # a past attack named by its year is history even where the lead tells it
    trial = events("A trial opened in Paris on Monday over the 2004 bombing of a French military base in "
                   "then war-torn Ivory Coast that killed an American soil scientist and nine French soldiers.")
    assert all(e.toll is None for e, _ in trial)


@pytest.mark.parametrize("text, day", [
    ("Gunmen killed 7 villagers on Friday.", dt.date(2021, 3, 26)),
    ("On Tuesday, fighting killed 12 people in Aleppo.", dt.date(2021, 3, 23)),
    ("Last month, insurgents ambushed a bus and killed 18 soldiers.", dt.date(2021, 2, 1)),
    ("Two soldiers were killed a day after the attack on the base.", None),
])
def test_incidents_stay_incidents(events, text, day):
    event = killed(events(text))
    assert not event.toll.toll.cumulative
    if day is not None:
        assert event.date.time.start_date == day


def test_the_tolls_stage_running_totals_keep_their_period(events):
    event = killed(events("At least 446 people have been killed by Russian air strikes since they began on "
                          "September 30, the Syrian Observatory for Human Rights said on Friday."))
    assert event.toll.toll.cumulative
    assert event.date.time.start_date == dt.date(2020, 9, 30)


def test_an_incident_placed_earlier_this_month_is_not_a_running_total(events):
    event = killed(events("Earlier this month, a female suicide bomber detonated her explosives near a military "
                          "convoy in Kalat district, killing at least one security worker."))
    assert not event.toll.toll.cumulative
    assert event.date.time.start_date == dt.date(2021, 3, 1)
    still = killed(events("Earlier this year, the ministry said 300 people had been killed so far."))
    assert still.toll.toll.cumulative


def test_an_incident_after_a_running_total_does_not_borrow_its_period(events):
    found = events("Since 2009, hundreds of people have been killed in suicide attacks on hotels. Airstrikes by "
                   "the army have killed at least 50 militants, the agency said.")
    strike = next(e for e, _ in found if e.toll is not None and e.toll.toll.min == 50)
    assert not strike.toll.toll.cumulative
    assert strike.date is None or strike.date.time.relation != "since"


@pytest.mark.parametrize("text", [
    "Five medics and a driver were killed in the deadliest single attack on medical staff since civil "
    "war broke out in May 2014.",
    "A Canadian volunteer serving with Kurdish fighters near Manbij, northern Syria, has been killed, his unit said.",
    "Clashes have killed 12 people in the north of the city.",
])
def test_single_incidents_told_with_a_period_or_a_war_word_stay(events, text):
    event = killed(events(text))
    assert not event.toll.toll.cumulative
    assert event.date is None or event.date.time.relation != "since"


@pytest.mark.parametrize("text", [
    "Since Turkey launched a military offensive called Operation Olive Branch, some 180 civilians have died.",
    "The Syrian Observatory for Human Rights estimates that 410 civilians have died in three months of fighting.",
])
def test_a_toll_since_an_event_or_over_months_is_a_running_total(events, text):
    event = killed(events(text))
    assert event.toll.toll.cumulative and event.date.time.start_date is None


def test_a_toll_over_the_first_three_days_is_still_an_incident(events):
    found = events("Up to 24 civilians have been killed in the first three days of the offensive.")
    assert not any(e.toll.toll.cumulative for e, _ in found if e.toll is not None)


def test_a_failure_of_the_stage_names_it(monkeypatch):
    """Fault injection into the real component: the article fails naming the background stage."""
    from sitrep import Article
    from sitrep.coder import code_many
    from sitrep.records import FailedArticle

    stage = load_pipeline().get_pipe("sitrep_background")

    def failing(self, doc):
        raise ValueError("injected fault")

    monkeypatch.setattr(type(stage), "__call__", failing)
    (failed,) = code_many([Article(text="Gunmen killed 7 villagers on Friday.", id="bg")], budget_s=30)
    assert isinstance(failed, FailedArticle) and "background: ValueError: injected fault" in failed.error


def test_the_toll_of_an_episode_runs_from_its_onset(events):
    event = killed(events("Hope for stability has been shaken by deadly violence that began March 6 in the coastal "
                          "region, where security forces clashed with fighters loyal to the former president, "
                          "leading to hundreds of deaths."))
    assert event.toll.toll.cumulative
    assert (event.date.time.start_date, event.date.time.end_date) == (dt.date(2021, 3, 6), PUBLISHED)
    recent = killed(events("Fighting that erupted on Sunday in the north has killed 40 people."))
    assert not recent.toll.toll.cumulative


def test_a_count_that_looks_like_a_year_is_no_year(events):
    found = events("Residents fled on Monday. On 7 August 2020, over 2000 Al Shabaab fighters crossed from Hiraan to "
                   "Tuulo village near Cadaado town.")
    assert any(e.span(doc).text == "crossed" for e, doc in found)


@pytest.mark.parametrize("text, day", [
    # "in a week" counts attacks for the comparison, it is no rate of the killing
    ("Gunmen killed five people in Kabul on Friday, the second such attack in a week.", dt.date(2021, 3, 26)),
    ("A car bomb killed eight soldiers in Mosul on Friday, the deadliest attack on the army within a month.",
     dt.date(2021, 3, 26)),
    # a rate told in another clause ("such attacks happen every week") is not this toll's
    ("Gunmen killed five people in Kabul on Friday, police said, adding that such attacks happen every week.",
     dt.date(2021, 3, 26)),
])
def test_a_rate_outside_the_tolls_own_clause_leaves_an_incident(events, text, day):
    event = killed(events(text))
    assert not event.toll.toll.cumulative and event.date.time.start_date == day


def test_a_rate_in_the_tolls_own_clause_is_a_statistic(events):
    event = killed(events("Fighting in the region kills about 30 people a month, aid workers said."))
    assert event.toll.toll.cumulative and event.date.time.start_date is None


def test_a_sum_of_many_attacks_has_no_inferred_attacker(events):
    """An unclaimed single attack gets an unidentified armed group; a toll summed over months does not."""
    single = killed(events("A roadside bomb killed four soldiers near Bannu on Sunday."))
    assert single.actor1 is not None and single.actor1.text == "" and single.actor1.name == "unidentified armed group"
    summed = killed(events("In the last 15 months, 900 militants from various groups have been killed in the "
                           "country, along with 400 soldiers, the minister said."))
    assert summed.toll.toll.cumulative and summed.actor1 is None
