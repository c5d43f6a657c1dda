"""Temporal expressions: found in realistic news sentences and resolved against the publication date."""
import datetime as dt

import pytest

from sitrep.nlp.timex import TimeMention, find_dates, load_time_words

D = dt.date
FRI = D(2015, 10, 23)  # a Friday: the Al Jazeera Jordan-Russia article


def one(text, published, expected_text=None):
    found = find_dates(text, published)
    if expected_text is not None:
        found = [m for m in found if m.text == expected_text]
    assert len(found) == 1, found
    m = found[0]
    assert text[m.start:m.end] == m.text
    return m


def span(m: TimeMention):
    return m.start_date, m.end_date, m.precision


# --- the example article ------------------------------------------------------------------------

def test_weekday_in_past_report_is_publication_friday():
    m = one("Russian Foreign Minister Sergey Lavrov made the announcement after a meeting with his "
            "Jordanian counterpart Nasser Judeh in Vienna on Friday.", FRI)
    assert m.text == "on Friday"
    assert span(m) == (FRI, FRI, "day")


def test_earlier_this_week_runs_from_monday_to_the_day_before():
    m = one("He visited Moscow earlier this week for previously unannounced talks with Russian "
            "President Vladimir Putin.", FRI)
    assert m.text == "earlier this week"
    assert span(m) == (D(2015, 10, 19), D(2015, 10, 22), "range")


def test_since_they_began_spans_to_publication():
    text = ("Russian air raids have left at least 312 people dead, many of them civilians, "
            "since they began on September 30, a monitoring group based in London said on Friday.")
    found = find_dates(text, FRI)
    assert [m.text for m in found] == ["since they began on September 30", "on Friday"]
    since = found[0]
    assert span(since) == (D(2015, 9, 30), FRI, "range")
    assert since.relation == "since"
    assert found[1].start_date == FRI and found[1].relation is None


def test_future_marker_moves_weekday_to_next_week():
    m = one("The ministers will meet again on Friday in Vienna.", FRI)
    assert span(m) == (D(2015, 10, 30), D(2015, 10, 30), "day")
    m = one("Talks are due to resume on Monday, diplomats said.", FRI)
    assert m.start_date == D(2015, 10, 26)


def test_past_cue_after_future_cue_wins():
    m = one("Lavrov, who will travel to Paris next month, said on Friday that Moscow would keep striking.",
            FRI, "on Friday")
    assert m.start_date == FRI


def test_passive_future_is_not_read_as_past():
    m = one("The summit will be held on Monday in Brussels.", FRI)
    assert m.start_date == D(2015, 10, 26)


def test_tense_after_the_expression_counts_only_when_it_opens_the_sentence():
    m = one("In its Oct. 12 report, the monitor said the truce would collapse.", FRI)
    assert m.start_date == D(2015, 10, 12)


def test_sentence_opening_weekday_reads_tense_after_it():
    m = one("On Monday, the Security Council will vote on the draft resolution.", FRI)
    assert m.start_date == D(2015, 10, 26)


# --- absolute dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("The bombing campaign started on 30 September 2015.", D(2015, 9, 30)),
    ("The bombing campaign started on September 30, 2015.", D(2015, 9, 30)),
    ("The campaign started Sep 30, 2015, officials said.", D(2015, 9, 30)),
    ("A ceasefire was signed on 30/9/2015 in Geneva.", D(2015, 9, 30)),
    ("A ceasefire was signed on 9/30/2015 in Geneva.", D(2015, 9, 30)),  # day first is impossible
    ("A ceasefire was signed on 5/4/2015 in Geneva.", D(2015, 4, 5)),    # day first
    ("The log entry is dated 2015-09-30T14:00.", D(2015, 9, 30)),
    ("Elections were held on 1 April 2025 across the country.", D(2025, 4, 1)),
    ("Troops entered the town on Friday, October 23, 2015.", D(2015, 10, 23)),
])
def test_absolute_day(text, expected):
    m = one(text, None)
    assert span(m) == (expected, expected, "day")


def test_abbreviated_month_without_year_takes_publication_year():
    m = one("Russian jets first struck near Homs on Sept. 30, the ministry said.", FRI)
    assert m.text == "on Sept. 30"
    assert m.start_date == D(2015, 9, 30)


def test_day_month_across_year_boundary():
    m = one("The attack on the checkpoint took place on December 30, police said.", D(2016, 1, 3))
    assert m.start_date == D(2015, 12, 30)


def test_day_month_in_future_sentence_takes_next_occurrence():
    m = one("Parliamentary elections are scheduled for 5 March, the commission said.", FRI)
    assert m.start_date == D(2016, 3, 5)


def test_month_year_and_year():
    m = one("The offensive began in March 2024 with heavy shelling.", FRI)
    assert (m.text, *span(m)) == ("in March 2024", D(2024, 3, 1), D(2024, 3, 31), "month")
    m = one("The group was founded in 2019 in northern Mali.", None)
    assert (m.text, *span(m)) == ("in 2019", D(2019, 1, 1), D(2019, 12, 31), "year")


def test_month_alone_resolves_to_the_latest_past_one():
    m = one("Rebels captured the airport in November, according to the army.", FRI)
    assert span(m) == (D(2014, 11, 1), D(2014, 11, 30), "month")
    m = one("The monitoring group said fighting had intensified since March.", FRI)
    assert (m.relation, *span(m)) == ("since", D(2015, 3, 1), FRI, "range")


def test_parts_of_months_and_years():
    m = one("Clashes erupted in mid-March near the border.", FRI)
    assert span(m) == (D(2015, 3, 11), D(2015, 3, 20), "range")
    m = one("The town fell in early October after weeks of siege.", FRI)
    assert span(m) == (D(2015, 10, 1), D(2015, 10, 10), "range")
    m = one("Aid deliveries were suspended in late 2014.", FRI)
    assert span(m) == (D(2014, 9, 1), D(2014, 12, 31), "range")


def test_day_ranges():
    m = one("UN inspectors visited the camps between 19 and 29 November.", D(2015, 12, 10))
    assert (m.text, *span(m)) == ("between 19 and 29 November", D(2015, 11, 19), D(2015, 11, 29), "range")
    m = one("The curfew was in force from 1 to 5 March 2015.", None)
    assert span(m) == (D(2015, 3, 1), D(2015, 3, 5), "range")
    m = one("Talks ran from September 30 to October 5, 2015 in Geneva.", None)
    assert span(m) == (D(2015, 9, 30), D(2015, 10, 5), "range")


def test_decade_is_a_range():
    m = one("The region was stable in the 1990s, before the insurgency.", FRI)
    assert span(m) == (D(1990, 1, 1), D(1999, 12, 31), "range")


# --- relative expressions -----------------------------------------------------------------------

@pytest.mark.parametrize("text,start,end,precision", [
    ("Two soldiers were killed today in Deraa.", FRI, FRI, "day"),
    ("Two soldiers were killed yesterday in Deraa.", D(2015, 10, 22), D(2015, 10, 22), "day"),
    ("The envoy arrives tomorrow in Damascus.", D(2015, 10, 24), D(2015, 10, 24), "day"),
    ("Warplanes pounded the city overnight.", D(2015, 10, 22), FRI, "range"),
    ("Shelling resumed last night in Aleppo.", D(2015, 10, 22), D(2015, 10, 22), "day"),
    ("The convoy was hit late on Tuesday near Idlib.", D(2015, 10, 20), D(2015, 10, 20), "day"),
    ("The convoy was hit Tuesday night near Idlib.", D(2015, 10, 20), D(2015, 10, 20), "day"),
    ("Ministers met this week in Vienna.", D(2015, 10, 19), D(2015, 10, 25), "week"),
    ("Ministers met last week in Vienna.", D(2015, 10, 12), D(2015, 10, 18), "week"),
    ("Prices rose sharply last month.", D(2015, 9, 1), D(2015, 9, 30), "month"),
    ("More than 200 were killed earlier this month.", D(2015, 10, 1), D(2015, 10, 22), "range"),
    ("The army lost the town last year.", D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("At least 1,000 have died so far this year.", D(2015, 1, 1), FRI, "range"),
    ("Nine people died in the past 24 hours.", D(2015, 10, 22), FRI, "range"),
    ("Dozens were arrested in the last 48 hours.", D(2015, 10, 21), FRI, "range"),
    ("The hospital was bombed two days ago.", D(2015, 10, 21), D(2015, 10, 21), "day"),
    ("The hospital was bombed three weeks ago.", D(2015, 9, 28), D(2015, 10, 4), "week"),
    ("The hospital was bombed a week ago.", D(2015, 10, 12), D(2015, 10, 18), "week"),
    ("Rebels said the village had been shelled the previous day.", D(2015, 10, 22), D(2015, 10, 22), "day"),
    ("Fighting flared in the town over the weekend.", D(2015, 10, 17), D(2015, 10, 18), "range"),
])
def test_relative(text, start, end, precision):
    m = one(text, FRI)
    assert span(m) == (start, end, precision), m


def test_last_weekday_is_strictly_before_and_next_strictly_after():
    assert one("He was detained last Friday.", FRI).start_date == D(2015, 10, 16)
    assert one("He will be tried next Friday.", FRI).start_date == D(2015, 10, 30)


def test_until_keeps_the_date_and_says_the_relation():
    m = one("The curfew stayed in force until Wednesday, residents said.", FRI)
    assert (m.text, m.relation, m.start_date) == ("until Wednesday", "until", D(2015, 10, 21))


def test_between_two_weekdays_is_one_range():
    m = one("Clashes continued between Monday and Wednesday in the old city.", FRI)
    assert span(m) == (D(2015, 10, 19), D(2015, 10, 21), "range")


def test_without_publication_date_relative_stays_unresolved():
    found = find_dates("He visited Moscow earlier this week and returned on Friday, officials said on "
                       "September 30.", None)
    assert [m.text for m in found] == ["earlier this week", "on Friday", "on September 30"]
    for m in found:
        assert (m.start_date, m.end_date, m.precision) == (None, None, "unknown")
    m = one("The siege began on 12 May 2014, he said yesterday.", None, "on 12 May 2014")
    assert m.start_date == D(2014, 5, 12)


def test_publication_date_may_be_a_string_or_datetime():
    assert one("Shelling resumed yesterday.", "2015-10-23").start_date == D(2015, 10, 22)
    assert one("Shelling resumed yesterday.", dt.datetime(2015, 10, 23, 9)).start_date == D(2015, 10, 22)
    assert one("Shelling resumed yesterday.", "not a date").start_date is None


# --- things that are not dates -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "At least 446 people, more than a third of them civilians, have been killed.",
    "The minister said he may go to Moscow to discuss the matter.",
    "Thousands joined a protest march through the capital.",
    "March organisers said the route had been approved by police.",
    "The policy was criticised by May and her cabinet.",
    "The Sunday Times reported that the deal was close.",
    "Black Friday sales were cancelled because of the curfew.",
    "The Bloody Sunday inquiry reported its findings.",
    "The ceasefire covers 30 per cent of the province, with 1,200 fighters and 24/7 patrols.",
    "Version 1.5.10 of the app was released with a 2-1 vote.",
])
def test_not_dates(text):
    assert find_dates(text, FRI) == []


def test_weekday_with_title_case_name_after_is_still_a_day_when_plain():
    # "On Friday Russia launched" has no comma: still a date, not a title
    m = one("On Friday Russia launched new strikes near Homs.", FRI)
    assert m.start_date == FRI


# --- data and speed --------------------------------------------------------------------------

def test_vocabulary_file_is_complete():
    data = load_time_words()
    assert sorted(int(k) for k in data["months"]) == list(range(1, 13))
    assert len(data["weekdays"]) == 7 and data["weekdays"][0] == "Monday"
    assert set(data["ambiguous_months"]) <= {names[0] for names in data["months"].values()}
    assert set(data["strong_month_cues"]) <= set(data["month_cues"])
    for table in ("month_parts", "year_parts", "week_parts"):
        assert set(data[table]) == {"early", "mid", "late"}
    assert set(data["part_synonyms"].values()) <= {"early", "mid", "late"}
    assert data["numbers"]["two"] == 2 and data["numbers"]["twenty"] == 20
    for low, high in data["vague_numbers"].values():
        assert 1 <= low <= high
    for offsets in data["relative_days"].values():
        assert offsets is None or (len(offsets) == 2 and offsets[0] <= offsets[1])
    assert "will" in data["future_markers"] and "said" in data["past_markers"]


@pytest.mark.parametrize("text", ["The sides agreed a 24-hour ceasefire.", "The council passed Resolution 2254.",
                                  "Settlers blocked Route 60 near Hebron.", "Resolution 2254 calls for talks."])
def test_numbers_that_are_not_dates(text):
    assert find_dates(text, FRI) == []
