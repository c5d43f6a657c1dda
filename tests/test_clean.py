"""Cleaning: headline, standfirst, captions and body apart; every piece of debris removed and labelled."""
from __future__ import annotations

import re

import pytest

from sitrep.article import Article
from sitrep.clean import clean, debris_data, normalise_text
from sitrep.errors import NoContent, SitrepError

# A raw scrape in the shape analysts hand us: headline, standfirst, byline, a caption block ending in a
# bracketed credit, a wire dateline, promos and related links (one splitting a sentence), escaped and
# mis-encoded characters, share buttons, a newsletter line and a closing source line.
SCRAPE = (
    "Gunmen kill 12 soldiers in attack on army post in northern Mali\r\n"
    "\r\n"
    "Government vows to hunt down the attackers as violence spreads south.\r\n"
    "\r\n"
    "By Amadou Diallo\r\n"
    "\r\n"
    "Soldiers guard a checkpoint near Gao, northern Mali\r\n"
    "Troops have been deployed in the region since 2013 [File: Souleymane Ag Anara/AFP]\r\n"
    "\r\n"
    "GAO, Mali (AP) \u2014 Gunmen on motorbikes attacked an army post near the town of Gao on Sunday, "
    "killing 12 soldiers and wounding eight, the army said.\r\n"
    "\r\n"
    "Watch: Inside Mali\u2019s war against armed groups\r\n"
    "\r\n"
    "The attackers set fire to two vehicles before fleeing. The army''s spokesman, Colonel Souleymane "
    "Demb\u00c3\u00a9l\u00c3\u00a9, said in a statement that\r\n"
    "\r\n"
    "Read more: UN peacekeepers to leave Mali by year\u2019s end\r\n"
    "\r\n"
    "reinforcements had been sent to the area and that the search for the attackers was under\u00a0way.\r\n"
    "\r\n"
    "\u201cWe will not let this go unpunished,\u201d the minister told reporters, adding that the \\\"terrorists\\\" "
    "would be\u200b found.\r\n"
    "\r\n"
    "No group has claimed responsibility for the attack.\r\n"
    "\r\n"
    "Share on Facebook\r\n"
    "\r\n"
    "Sign up for our daily newsletter\r\n"
    "\r\n"
    "Source: Sahel Tribune, News Agencies\r\n"
)


@pytest.fixture(scope="module")
def cleaned():
    return clean(Article(text=SCRAPE, source="gao.txt"))


def removed_of(result, kind):
    return [r.text for r in result.removed if r.kind == kind]


def test_headline_standfirst_and_outlet(cleaned):
    assert cleaned.title == "Gunmen kill 12 soldiers in attack on army post in northern Mali"
    assert cleaned.standfirst == "Government vows to hunt down the attackers as violence spreads south."
    assert cleaned.text.startswith(cleaned.standfirst + "\n\n")
    assert cleaned.outlet == "Sahel Tribune"
    assert cleaned.language == "en"


def test_caption_block_goes_to_captions_and_credit_to_removed(cleaned):
    assert cleaned.captions == ["Soldiers guard a checkpoint near Gao, northern Mali",
                                "Troops have been deployed in the region since 2013"]
    assert removed_of(cleaned, "caption_credit") == ["[File: Souleymane Ag Anara/AFP]"]
    assert "Soldiers guard a checkpoint" not in cleaned.text


def test_every_removed_item_is_labelled_and_verbatim(cleaned):
    assert removed_of(cleaned, "byline") == ["By Amadou Diallo"]
    assert removed_of(cleaned, "dateline") == ["GAO, Mali (AP) \u2014"]
    assert removed_of(cleaned, "promo") == ["Watch: Inside Mali\u2019s war against armed groups"]
    assert removed_of(cleaned, "related") == ["Read more: UN peacekeepers to leave Mali by year\u2019s end"]
    assert removed_of(cleaned, "share") == ["Share on Facebook"]
    assert removed_of(cleaned, "subscribe") == ["Sign up for our daily newsletter"]
    assert removed_of(cleaned, "source") == ["Source: Sahel Tribune, News Agencies"]
    assert cleaned.dateline == "Gao, Mali"
    kinds = [r.kind for r in cleaned.removed]
    assert kinds == ["byline", "caption_credit", "dateline", "promo", "related", "share", "subscribe", "source"]


def test_body_has_no_debris_and_repaired_characters(cleaned):
    body = cleaned.text
    for debris in ("Watch:", "Read more", "Share on", "newsletter", "Source:", "By Amadou", "(AP)", "GAO,",
                   "AFP", "''", "\\\"", "\u00a0", "\u200b", "\r", "\u00c3"):
        assert debris not in body, debris
    assert "The army's spokesman, Colonel Souleymane Demb\u00e9l\u00e9, said" in body
    assert 'the "terrorists" would be found.' in body
    # the sentence a promo had split is whole again
    assert "said in a statement that reinforcements had been sent to the area" in body
    paragraphs = body.split("\n\n")
    assert paragraphs[1].startswith("Gunmen on motorbikes attacked an army post")
    assert paragraphs[-1] == "No group has claimed responsibility for the attack."


def test_given_title_repeated_in_text_is_dropped_and_recorded():
    text = ("Ceasefire collapses in Tripoli\n\nFighting resumed in southern Tripoli on Friday after a "
            "three-day truce collapsed, residents said.\n\nAt least four people were killed.")
    result = clean(Article(text=text, title="Ceasefire Collapses in Tripoli"))
    assert result.title == "Ceasefire Collapses in Tripoli"
    assert result.text.startswith("Fighting resumed")
    assert removed_of(result, "title") == ["Ceasefire collapses in Tripoli"]


def test_wire_credit_and_trailers():
    text = ("(Reuters) - Turkish forces shelled two Kurdish-held towns in northern Syria on Tuesday, a "
            "monitoring group said.\n\nA local monitor said three civilians were killed. "
            "Ellen Francis in Beirut contributed to this report.\n\n"
            "(Reporting by Ellen Francis; Editing by Peter Graff)\n\n\u00a9 2019 Thomson Reuters")
    result = clean(Article(text=text, title="Turkey shells villages"))
    assert removed_of(result, "wire_credit") == ["(Reuters) -"]
    assert removed_of(result, "credit") == ["Ellen Francis in Beirut contributed to this report.",
                                            "(Reporting by Ellen Francis; Editing by Peter Graff)"]
    assert removed_of(result, "copyright") == ["\u00a9 2019 Thomson Reuters"]
    assert result.text.endswith("said three civilians were killed.")
    assert result.text.startswith("Turkish forces shelled")


def test_date_line_and_lowercase_city_dateline_one_paragraph_per_line():
    text = ("This story is from March 8, 2002\n"
            "ahmedabad: curfew was imposed in four more areas of the city after fresh violence on thursday.\n"
            "police opened fire to disperse a mob in the old city, officials said.\n"
            "Facebook Twitter Linkedin Mail")
    result = clean(Article(text=text))
    assert result.published == "2002-03-08"
    assert result.dateline == "Ahmedabad"
    assert result.title is None  # the first line was a date, the next is a sentence, not a headline
    assert result.text.startswith("curfew was imposed")
    assert [r.kind for r in result.removed] == ["date", "dateline", "share"]
    assert result.text.count("\n\n") == 1


def test_story_text_that_looks_like_debris_is_kept():
    text = ("Watch towers were built along the border, and the army said observers would monitor the "
            "ceasefire from them around the clock for at least three months.\n\n"
            "Source: the ministry, which asked not to be named, said the plan had been approved in a "
            "cabinet meeting on Sunday after a long debate about its cost and its risks.\n\n"
            "By the end of the day, both sides had pulled back their heavy weapons.")
    result = clean(Article(text=text, title="Border towers"))
    assert result.removed == []
    assert result.text.count("\n\n") == 2


def test_nothing_usable_raises_a_sitrep_error():
    with pytest.raises(NoContent) as info:
        clean(Article(text="Share on Facebook\n\nSign up for our newsletter", source="promo.txt"))
    assert isinstance(info.value, SitrepError) and "promo.txt" in str(info.value)


PAGE = """<!DOCTYPE html>
<html><head><title>Rebels seize Kidal | Daily Monitor</title>
<meta property="og:site_name" content="Daily Monitor">
<meta property="og:title" content="Rebels seize Kidal after two days of clashes">
<link rel="canonical" href="https://news.example.org/africa/rebels-seize-kidal">
<meta property="article:published_time" content="2021-06-05T10:00:00Z"></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/africa">Africa</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Rebels seize Kidal after two days of clashes</h1>
<p>KIDAL, Mali (AP) &mdash; Rebel fighters seized the town of Kidal on Saturday after two days of
clashes with government troops, officials said.</p>
<figure><img src="/img/kidal.jpg" alt=""><figcaption>Fighters patrol the streets of Kidal on Saturday
(AP Photo/Baba Ahmed)</figcaption></figure>
<p>At least 12 soldiers and an unknown number of rebels were killed in the fighting, a military
spokesman told reporters in Bamako.</p>
<p>READ MORE: Army vows to retake northern towns</p>
<p>The government said it would send reinforcements to the region within days.</p>
</article>
<footer><p>&copy; 2021 Daily Monitor. All rights reserved.</p><p>Follow us on Twitter</p></footer>
</body></html>"""


def test_html_page_body_caption_and_metadata():
    result = clean(Article(html=PAGE, source="kidal.html"))
    assert result.title == "Rebels seize Kidal after two days of clashes"
    assert result.outlet == "Daily Monitor"
    assert result.published == "2021-06-05"
    assert result.url == "https://news.example.org/africa/rebels-seize-kidal"
    assert result.captions == ["Fighters patrol the streets of Kidal on Saturday"]
    assert removed_of(result, "caption_credit") == ["(AP Photo/Baba Ahmed)"]
    assert removed_of(result, "related") == ["READ MORE: Army vows to retake northern towns"]
    assert result.dateline == "Kidal, Mali"
    assert result.text.startswith("Rebel fighters seized the town of Kidal")
    for debris in ("Home", "Sport", "Follow us", "All rights reserved", "READ MORE", "AP Photo", "Fighters patrol"):
        assert debris not in result.text
    assert "spokesman told reporters in Bamako." in result.text


@pytest.mark.parametrize("raw, expected", [
    ("Russia''s air force", "Russia's air force"),
    ("O''Brien said", "O'Brien said"),
    ("he said \\\"no\\\" and \\'yes\\'", "he said \"no\" and 'yes'"),
    ("Judeh\u00a0in\u2009Vienna", "Judeh in Vienna"),
    ("zero\u200bwidth\u00adhy\ufeffphen", "zerowidthhyphen"),
    ("Jordan\u00e2\u20ac\u2122s government", "Jordan\u2019s government"),
    ("\u00e2\u20ac\u0153quoted\u00e2\u20ac\ufffd he said", "\u201cquoted\u201d he said"),
    ("line one\r\nline two\rline three", "line one\nline two\nline three"),
])
def test_normalise_text_repairs(raw, expected):
    assert normalise_text(raw) == expected


def test_normalise_text_keeps_correct_text():
    correct = ("\u201cWe will fight,\u201d said Ra\u2019ed al-Saleh \u2014 the White Helmets\u2019 head \u2014 in "
               "Kahramanmara\u015f, Cura\u00e7ao and S\u00e3o Paulo; \u00bd of the 1,000 \u20ac went to Gda\u0144sk.\n\n"
               "'Single quotes' and rock 'n' roll stay.")
    assert normalise_text(correct) == correct


def test_debris_data_file_is_well_formed():
    data = debris_data()
    assert data["version"] == 1 and data["max_line_words"] > 10
    assert {"promo", "related", "subscribe", "share", "copyright"} <= set(data["line_debris"])
    for kind, spec in data["line_debris"].items():
        assert set(spec) <= {"openers", "starts", "patterns"}, kind
        for phrase in (spec.get("openers") or []) + (spec.get("starts") or []):
            assert phrase == phrase.strip() and phrase, (kind, phrase)
        for pattern in spec.get("patterns") or []:
            re.compile(pattern)
    for pattern in data["trailer_patterns"]:
        re.compile(pattern)
    for key in ("share_words", "date_line_prefixes", "credit_agencies", "credit_labels", "wire_services",
                "not_datelines"):
        values = data[key]
        assert values and all(isinstance(v, str) and v.strip() == v for v in values), key
        assert len(values) == len(set(values)), f"duplicates in {key}"
    assert "Reuters" in data["credit_agencies"] and "Talk to Al Jazeera" in data["line_debris"]["promo"]["openers"]


def test_page_of_navigation_only_has_no_content():
    page = "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
    with pytest.raises(NoContent):
        clean(Article(html=page, source="nav.html"))


@pytest.mark.parametrize("caption_line, caption, credits", [
    ("Smoke rises over Gaza City after an air strike [File: Mohammed Salem/Reuters]",
     "Smoke rises over Gaza City after an air strike", ["[File: Mohammed Salem/Reuters]"]),
    ("A boy walks through the ruins of Aleppo. Jane Doe/Getty Images",
     "A boy walks through the ruins of Aleppo.", ["Jane Doe/Getty Images"]),
    ("A man walks past a mural in Kyiv. Photo: AFP", "A man walks past a mural in Kyiv.", ["Photo: AFP"]),
    ("FILE PHOTO: Syrian soldiers in Deraa. REUTERS/Omar Sanadiki/File Photo",
     "Syrian soldiers in Deraa.", ["FILE PHOTO:", "REUTERS/Omar Sanadiki/File Photo"]),
])
def test_caption_credit_forms(caption_line, caption, credits):
    text = ("Fighting continued on Monday, officials said.\n\n" + caption_line
            + "\n\nThe United Nations called for a ceasefire.")
    result = clean(Article(text=text, title="Fighting continues"))
    assert result.captions == [caption]
    assert removed_of(result, "caption_credit") == credits
    assert result.text == "Fighting continued on Monday, officials said.\n\nThe United Nations called for a ceasefire."


def test_paragraph_ending_in_a_poll_citation_is_not_a_caption():
    text = ("Support for the ruling party fell to 38 percent (Reuters/Ipsos).\n\n"
            "The opposition said it would call protests.")
    result = clean(Article(text=text, title="Poll"))
    assert result.captions == [] and "(Reuters/Ipsos)" in result.text
