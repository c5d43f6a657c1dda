"""kb/data/phrase_words.yaml: every section a non-empty list of distinct lowercase words, and the
stages read it as written."""
from __future__ import annotations

from sitrep.cache import load_yaml
from sitrep.nlp.actors import PHRASE_WORDS_FILE, phrase_words

SECTIONS = {"kin_group_heads", "repel_verbs", "operation_nouns", "portion_words", "distance_units", "where_nouns", "member_words",
            "border_words", "title_prefixes", "away_preps",
            "group_nouns", "armed_nouns", "office_nouns", "place_after_words", "place_before_preps", "quantity_heads",
            "relation_nouns", "body_nouns", "party_heads", "standing_heads", "social_party_words"}


def test_every_section_is_a_list_of_distinct_lowercase_words():
    data = load_yaml(PHRASE_WORDS_FILE)
    assert set(data) == SECTIONS
    for section, words in data.items():
        assert isinstance(words, list) and words, section
        assert all(isinstance(w, str) and w and w == w.lower() and w == w.strip() for w in words), section
        assert len(words) == len(set(words)), f"{section}: {[w for w in words if words.count(w) > 1]}"


def test_the_stages_read_the_lists():
    from sitrep.nlp import event_location, events

    words = phrase_words()
    assert events.REPEL_VERBS == words["repel_verbs"] and "repel" in events.REPEL_VERBS
    assert "raid" in events.OPERATION_NOUNS and "%" in event_location._PORTION_WORDS
    assert "km" in event_location._DISTANCE_UNITS and "hideout" in event_location._MORE_WHERE_NOUNS


def test_actors_read_the_away_prepositions():
    from sitrep.nlp import actors

    assert actors._AWAY_PREPS == phrase_words()["away_preps"] and "into" in actors._AWAY_PREPS


def test_actors_read_the_quantity_heads():
    from sitrep.nlp import actors

    assert actors._QUANTITY_HEADS == phrase_words()["quantity_heads"] and "thousands" in actors._QUANTITY_HEADS


def test_actors_read_the_party_and_standing_heads():
    from sitrep.nlp import actors

    assert actors._PARTY_HEADS == phrase_words()["party_heads"] and "party" in actors._PARTY_HEADS
    assert actors._SOCIAL_PARTY_WORDS == phrase_words()["social_party_words"]
    assert "wedding" in actors._SOCIAL_PARTY_WORDS
    assert actors._STANDING_HEADS == phrase_words()["standing_heads"] and "leader" in actors._STANDING_HEADS

