"""Cleaning of what scrapes and feeds carry: corrections and editors' notes, where the publication
date came from, lost-byte mojibake, and the reuse of a cleaning already done."""
from __future__ import annotations

from sitrep.article import Article
from sitrep.clean import clean, normalise_text

STORY = ("Syrian troops backed by Russian air strikes advanced near Aleppo on Friday, activists said.\n\n"
         "The offensive continued for a third week, and thousands of families fled towards the border.\n\n")


def kinds(cleaned):
    return [(r.kind, r.text) for r in cleaned.removed]


def test_corrections_and_editors_notes_are_removed_and_kept():
    cleaned = clean(Article(text="Editor's note: This story contains graphic descriptions.\n\n" + STORY +
                            "Correction: An earlier version of this story misstated the name of the town.\n\n"
                            "An earlier version of this article gave the wrong date for the meeting."))
    assert ("correction", "Editor's note: This story contains graphic descriptions.") in kinds(cleaned)
    assert sum(kind == "correction" for kind, _ in kinds(cleaned)) == 3
    assert "earlier version" not in cleaned.text and "graphic" not in cleaned.text


def test_publication_date_says_where_it_came_from():
    dated = clean(Article(text="BEIRUT, Oct. 23, 2015 (AP) — " + STORY))
    assert (dated.published, dated.published_from, dated.dateline) == ("2015-10-23", "dateline", "Beirut")
    line = clean(Article(text="This story is from March 10, 2002\n\n" + STORY))
    assert (line.published, line.published_from) == ("2002-03-10", "text")
    given = clean(Article(text="BEIRUT, Oct. 23, 2015 (AP) — " + STORY, published="2015-10-24"))
    assert (given.published, given.published_from) == ("2015-10-24", "metadata")
    page = clean(Article(html="<html><head><meta property='article:published_time' content='2019-04-10T08:00:00Z'>"
                              "</head><body><article><p>" + STORY.replace("\n\n", "</p><p>") +
                              "</p></article></body></html>"))
    assert (page.published, page.published_from) == ("2019-04-10", "page")
    assert clean(Article(text=STORY)).published_from is None


def test_lost_byte_mojibake_is_repaired():
    assert normalise_text("in a situationÂ\ufffd similar to bosnia") == "in a situation similar to bosnia"
    assert normalise_text("â€œwe demand a ban,â€\ufffd he said") == "“we demand a ban,” he said"


def test_cleaning_twice_gives_equal_but_separate_results():
    article = Article(text=STORY)
    first, second = clean(article), clean(article)
    assert first == second and first is not second
    second.captions.append("x")
    second.published = "2000-01-01"
    assert clean(article).captions == [] and clean(article).published is None


def test_a_copyright_year_is_not_a_publication_date():
    page = clean(Article(html="<html><body><article><p>" + STORY.replace("\n\n", "</p><p>") +
                              "</p></article><footer>Copyright 2024 The Daily Dispatch</footer></body></html>"))
    assert page.published is None and page.published_from is None
