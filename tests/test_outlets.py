"""The outlets data file and the country an article's outlet gives its events when the text names none."""
from __future__ import annotations

import textwrap

import pytest

from sitrep.kb.outlets import load_outlets, outlet_country, problems


def test_data_file_is_clean_and_broad():
    assert problems() == []
    data = load_outlets()
    countries = {c for c in data.by_name.values() if c}
    assert len(data.by_name) >= 400  # names and aliases
    assert len(countries) >= 80
    assert None in data.by_name.values()  # international outlets and shared names give no prior


@pytest.mark.parametrize("outlet, url, country", [
    ("Dawn", None, "PAK"),
    ("DAWN ", None, "PAK"),
    ("Reuters", None, None),  # a wire agency reports the world
    ("Reuters", "https://www.reuters.co.uk/world/article-1", None),  # ...wherever its site is
    ("Agence France Presse -- English", None, None),
    ("The Nation", None, None),  # several countries' papers share the name
    ("The Nation (Kenya)", None, "KEN"),  # ...unless the citation says which
    ("Reuters; Dawn", None, "PAK"),
    ("The Evening Courier (Bangladesh)", None, "BGD"),  # unknown outlet, country in brackets
    ("The Evening Courier (Lagos)", None, "NGA"),  # ...or a city in brackets
    ("Zambian Morning Courier", None, "ZMB"),  # a demonym in the name
    ("Bangkok Evening Courier", None, "THA"),  # a big place in the name
    ("Central Evening Courier", None, None),  # "Central": provinces of many countries
    ("Daily Times", None, None),
    ("Daily Times (Malawi)", None, "MWI"),  # a shared name placed by its brackets
    ("Congo Evening Courier", None, None),  # two countries are called Congo
    ("Georgia Evening Courier", None, None),  # a country's name that is as much a US state
    ("Armenian Evening Courier", None, "ARM"),
    ("Evening Courier", None, None),
    (None, "https://news.example.com.pk/2015/01/story", "PAK"),  # a country's domain
    (None, "https://example.io/story", None),  # .io is used worldwide
    (None, "https://bit.ly/3xYz", None),  # ...and .ly by link shorteners
    ("Evening Courier", "https://www.dawn.com/news/1", "PAK"),  # a domain the file knows
    ("", None, None),
])
def test_outlet_country(outlet, url, country):
    assert outlet_country(outlet, url) == country


def test_bad_lines_are_named(tmp_path):
    bad = tmp_path / "outlets.yaml"
    bad.write_text(textwrap.dedent("""\
        version: 1
        outlets:
          - name: Morning Courier
            country: PAK
            aliases: [The Courier]
          - name: Courier
            country: XXX
          - name: Weekly Herald
            country: IND
            scope: regional
        shared_names:
          - name: Weekly Herald
            countries: [IND]
        generic_country_domains: [io, zz]
        """), encoding="utf-8")
    found = "\n".join(problems(bad))
    assert "outlets.yaml:6: 'Courier' already names the outlet at line 3" in found
    assert "outlets.yaml:6: 'Courier': unknown country code 'XXX'" in found
    assert "outlets.yaml:8: 'Weekly Herald': scope must be one of" in found
    assert "outlets.yaml:12: shared name 'Weekly Herald' is also an outlet's name at line 8" in found
    assert "needs two or more real country codes" in found
    assert "generic domain 'zz'" in found
    assert "'io'" not in found


@pytest.mark.parametrize("outlet, country", [("Dawn", "PAK"), ("Reuters", None), (None, None)])
def test_a_national_outlet_places_a_story_that_names_no_country(outlet, country):
    from sitrep.article import Article
    from sitrep.coder import code

    text = "Police raided the office of a weekly newspaper on Friday and arrested two of its reporters."
    result = code(Article(id="raid", text=text, outlet=outlet, published="2016-03-04"))
    police = [e.actor1 for e in result.events if e.actor1 is not None and e.actor1.text == "Police"]
    assert police and {a.country for a in police} == {country}


def test_the_text_outranks_the_outlet():
    from sitrep.article import Article
    from sitrep.coder import code

    text = "Police in Nairobi arrested two reporters of a weekly newspaper on Friday."
    result = code(Article(id="kenya", text=text, outlet="Dawn", published="2016-03-04"))
    assert {e.actor1.country for e in result.events if e.actor1 is not None} == {"KEN"}
