"""Event location on real parses: which of a sentence's places is where its event happened."""
from __future__ import annotations

from sitrep.nlp.event_location import event_location
from sitrep.nlp.events import EventMention


def where(doc, trigger: str):
    """The location of the pipeline's event at `trigger`, else of a bare event there."""
    token = next(t for t in doc if t.text == trigger)
    event = next((e for e in doc._.events if e.trigger[0] <= token.i < e.trigger[1]), None)
    if event is None:
        sent = token.sent
        event = EventMention(trigger=(token.i, token.i + 1), head=token.i, lexeme=None, type="ASSAULT", mode=None,
                             cameo=None, trigger_acled=None, sentence=(sent.start, sent.end))
    place = event_location(doc, event, doc._.places or [])
    return place.text if place is not None else None


def test_the_district_inside_the_city(parsed):
    doc = parsed("Suspected Al Shabaab gunmen have killed a local elder in Mogadishu's Hodan district on Monday "
                 "night.")
    assert where(doc, "killed").startswith("Hodan")


def test_the_village_inside_the_district(parsed):
    assert where(parsed("He was stabbed at Kandanur in Sivaganga district."), "stabbed") == "Kandanur"


def test_a_landmark_a_distance_is_measured_from_is_not_the_place(parsed):
    doc = parsed("In the latest killing, two gunmen shot dead a shopkeeper, 42, in Minya, 245 kilometers "
                 "(150 miles) south of Cairo.")
    assert where(doc, "shot") == "Minya"


def test_a_place_inside_the_subjects_name_is_no_location(parsed):
    doc = parsed("Fighters of the Islamic State of Iraq and al-Sham launched an offensive in the eastern Homs "
                 "countryside on Friday.")
    assert where(doc, "launched") == "Homs"


def test_the_place_of_what_was_destroyed(parsed):
    doc = parsed("On Christmas Eve a powerful car bomb destroyed a popular Kabul hotel, killing six people.")
    assert where(doc, "destroyed") == "Kabul"
    doc = parsed("A witness in the case was shot and killed outside a Karachi court last May.")
    assert where(doc, "killed") == "Karachi"


def test_the_event_clause_before_a_later_movement(parsed):
    doc = parsed("Rebel forces have captured almost all of northern Chad over the past four months and were "
                 "advancing on the country's capital, N'Djamena.")
    assert "Chad" in where(doc, "captured")
    doc = parsed("He was arrested in March 2003 and was one of the first men sent to Guantanamo a month later.")
    assert where(doc, "arrested") is None  # where he went is not where he was captured


def test_a_participle_takes_the_place_of_its_main_clause(parsed):
    doc = parsed("Two car bombs struck the Iraqi city of Najaf, killing seven people and wounding 40 others.")
    assert where(doc, "wounding") == "Najaf"


def test_where_the_protesters_live_when_nothing_else_is_said(parsed):
    assert where(parsed("Hundreds of Nairobi residents protested against high fuel prices."), "protested") == "Nairobi"
    doc = parsed("Egypt and Sudan agreed to coordinate border patrols.")
    assert where(doc, "agreed") is None  # the participants are not where it happened


def test_a_district_in_brackets_after_an_unknown_village(parsed):
    doc = parsed("On 6 April 2024, AUSSOM troops and government soldiers clashed with Al Shabaab near "
                 "Bariire village (Afgooye, Lower Shabelle) for two hours.")
    assert where(doc, "clashed") is not None


def test_a_clause_said_of_something_else_is_not_the_place(parsed):
    doc = parsed("Dr. Samir, who ran the last clinic in eastern Ghouta, was said to have been killed during "
                 "fighting between rebel factions.")
    assert where(doc, "killed") is None


def test_a_town_named_inside_a_country_wide_frame(parsed):
    doc = parsed("On June 2 a teacher and a driver were killed when gunmen attacked their car with grenades "
                 "just outside Kandahar, the main city in southern Afghanistan.")
    assert where(doc, "attacked") == "Kandahar"


def test_places_either_side_of_the_180th_meridian_are_near():
    """A town 21 km from its province's centre, across 180 degrees, lies inside it (a flat distance
    made them 38,000 km apart)."""
    from sitrep.gazetteer import GeoEntry
    from sitrep.nlp.event_location import _finer
    from sitrep.nlp.places import PlaceMention

    town = GeoEntry("Town", None, "FJI", "03", -16.80, 179.90, 1_000, "city", "city")
    province = GeoEntry("Province", None, "FJI", "03", -16.80, -179.90, 50_000, "admin1", "admin1")
    assert _finer(PlaceMention(0, 1, "Town", town), PlaceMention(2, 3, "Province", province))


def test_a_sentence_with_no_place_takes_its_neighbours(parsed):
    """The paragraph tells where: the sentence before (else after) the event's own, not another paragraph."""
    doc = parsed("A grenade exploded near a police patrol on Tuesday. The patrol was crossing a bridge in "
                    "Kismayo at the time.")
    assert where(doc, "exploded") == "Kismayo"
    doc = parsed("Gunmen opened fire on a bus in Kismayo on Monday.\n\nTwo people were wounded on Tuesday.")
    assert where(doc, "wounded") is None  # another paragraph tells of another incident


def test_a_town_naming_a_local_body_when_nothing_else_is_said(parsed):
    doc = parsed("Lawyers of the Peshawar bar association boycotted the courts on Monday.")
    assert where(doc, "boycotted") == "Peshawar"
    doc = parsed("Kenyan police arrested two men on Monday.")
    assert where(doc, "arrested") is None  # a country's police act anywhere in it


def test_the_place_chosen_stands_for_the_unknown_name_it_locates(parsed):
    """"the Qurtuba neighbourhood of Jiddah": placed at Jiddah, which stands for Qurtuba."""
    doc = parsed("Gunmen shot dead a shopkeeper in the Qurtuba neighbourhood of Jiddah on Sunday.")
    event = next(e for e in doc._.events if doc[e.head].text == "shot")
    assert event.location.text == "Jiddah" and doc[event.location.stands_for].text == "Qurtuba"


def test_a_part_of_a_place_after_a_locative_preposition(parsed):
    assert where(parsed("A car bomb exploded in the middle of downtown Kirkuk on Monday."), "exploded") == "Kirkuk"
    doc = parsed("The army continued its push into the southern outskirts of Aleppo on Monday.")
    assert where(doc, "continued") == "Aleppo"


def test_a_report_misparsed_as_the_subject_of_said_still_has_its_place(parsed):
    doc = parsed("A suicide bomber driving a truck packed with explosives killed at least nine people on Sunday "
                 "in the town of Mahmudiya just south of Baghdad, police and hospital officials said.")
    assert where(doc, "killed") == "Mahmudiya"


def test_the_location_word_lists_load():
    from sitrep.nlp.event_location import location_words

    words = location_words()
    assert {"middle", "corridor", "heartland"} <= words["part_of_place_nouns"]
    assert not {"support", "name", "wake", "memory"} & words["part_of_place_nouns"]
    assert {"be", "live", "work"} <= words["state_verbs"]
    assert {"government", "council"} <= words["local_body_nouns"]
    assert {"upazila", "tehsil", "borough"} <= words["where_nouns"]
    assert {"drive", "expel"} <= words["removal_verbs"] and not {"flee", "come"} & words["removal_verbs"]
    assert "address" in words["from_verbs"] and not {"fire", "come", "fly", "operate", "report"} & words["from_verbs"]
    assert {"bombing", "attack"} <= words["event_nouns"] and not {"government", "police"} & words["event_nouns"]
    assert all(w == w.lower() and w.strip() for section in words.values() for w in section)


def test_a_relative_clause_on_the_doer_tells_where(parsed):
    doc = parsed("A bomb that ripped through a crowded market in Peshawar killed five people on Friday.")
    assert where(doc, "killed") == "Peshawar"
    doc = parsed("A doctor who worked in Aleppo was killed during clashes between rebel groups.")
    assert where(doc, "killed") is None  # where she worked, not where she was killed


def test_the_evaluator_matches_a_division_under_its_other_names():
    from sitrep.evaluate.event_location import _same_division

    assert _same_division("Lower Shabelle", "Shabeellaha Hoose", "SOM")
    assert _same_division("North Kivu", "Nord-Kivu", "COD")
    assert not _same_division("Lower Shabelle", "Shabeellaha Hoose")  # by the name alone
    assert not _same_division("Lower Juba", "Shabeellaha Hoose", "SOM")


def test_a_place_said_of_the_act_before_one_said_of_its_subject(parsed):
    doc = parsed("Most of the prisoners held at Guantanamo Bay had been captured in Afghanistan.")
    assert where(doc, "captured") == "Afghanistan"
    doc = parsed("Government troops in Afghanistan captured a Taliban commander on Monday.")
    assert where(doc, "captured") == "Afghanistan"  # where the subject is, when nothing else is said


def test_the_named_capital_of_a_country_acted_on(parsed):
    doc = parsed("On Monday French soldiers were patrolling the capital of Mali, Bamako.")
    assert where(doc, "patrolling") == "Bamako"


def test_a_town_naming_a_person_is_not_where(parsed):
    doc = parsed("An unknown assailant shot and wounded the Moscow education chief on Monday.")
    assert where(doc, "wounded") is None  # where she serves, not where she was shot


def test_a_town_in_the_name_of_a_local_body(parsed):
    doc = parsed("Shopkeepers protested on Monday against the Corporation of Chennai over new taxes.")
    assert where(doc, "protested") == "Chennai"
    doc = parsed("The Islamic State of Iraq claimed the bombing on Monday.")
    assert where(doc, "claimed") is None  # a group's name says nothing of where


def test_indexes_built_once_per_doc_answer_as_the_scans_they_replace(parsed):
    """The places of a sentence and the paragraphs are indexed once per Doc: the same answers as a scan
    of every place and every sentence (they made long articles quadratic)."""
    from sitrep.nlp.event_location import _paragraph_sentences, places_between

    doc = parsed("Troops shelled Douma near Damascus on Monday. Rebels said they hit back in Harasta.\n\n"
                 "Turkish troops crossed into Syria from Kilis. Fighting spread to Afrin and Azaz.")
    places = doc._.places
    assert places
    sentences = [(s.start, s.end) for s in doc.sents]
    for start, end in sentences + [(0, len(doc)), (2, 9)]:
        assert places_between(doc, places, start, end) == [p for p in places if start <= p.start < end]
    paragraph, here = _paragraph_sentences(doc, sentences[3])
    assert paragraph == sentences[2:] and here == 1
    assert _paragraph_sentences(doc, (1, 5)) == ([], None)  # no sentence starts there


def test_the_place_a_force_was_driven_from(parsed):
    doc = parsed("Government troops drove the militants from Kunduz after two days of fighting.")
    assert where(doc, "drove") == "Kunduz"
    doc = parsed("The fighters were kicked out of Mosul in 2017.")
    assert where(doc, "kicked") == "Mosul"
    doc = parsed("Thousands of families fled from Aleppo on Sunday.")
    assert where(doc, "fled") is None  # where they left, not where the flight is told to have happened


def test_a_place_naming_a_force_is_no_place_it_acted_on(parsed):
    doc = parsed("Militants ambushed Puntland Dervish Force near Galgala village on Tuesday.")
    assert where(doc, "ambushed") == "Galgala"


def test_a_place_at_a_verb_is_a_place_even_where_taken_for_an_actor(parsed):
    doc = parsed("Two shopkeepers were hurt as masked men assaulted them at Baraigram in Natore district.")
    assert where(doc, "hurt") == "Baraigram"


def test_the_town_a_namesake_is_said_to_lie_in(parsed):
    """A name the gazetteer put far from the city the text places it in stands for that city."""
    doc = parsed("Party workers rioted outside the office in Karimabad, Karachi on Sunday.")
    place = next(e.location for e in doc._.events if e.location is not None)
    assert place.entry.name == "Karachi" and place.stands_for is not None


def test_of_after_a_division_noun_still_places_the_event(parsed):
    doc = parsed("A man was stabbed in the borough of Queens last week.")
    assert where(doc, "stabbed") == "Queens"


def test_a_later_event_with_no_place_of_its_own_is_where_the_paragraph_opened(parsed):
    doc = parsed("Members of the Multan bar association went on strike on Monday. They accused the police of "
                 "beating a lawyer.")
    assert where(doc, "accused") == "Multan"
    doc = parsed("Russia said on Monday that talks would resume. Rebels accused the army of shelling a market.")
    assert where(doc, "accused") is None  # a country that speaks places nothing


def test_the_named_district_of_a_part_of_a_city(parsed):
    doc = parsed("Gunmen killed two men in the Karrada district of northern Baghdad.")
    assert where(doc, "killed").startswith("Karrada")
    doc = parsed("A bomb went off in Baghdad's southern district of Karrada.")
    assert where(doc, "went").startswith("Karrada")


def test_the_place_of_an_event_noun(parsed):
    doc = parsed("Six people were shot dead in Karachi's latest wave of violence.")
    assert where(doc, "shot") == "Karachi"
    doc = parsed("Soldiers searched the slums of Port-au-Prince for the gang leader.")
    assert where(doc, "searched") == "Port-au-Prince"
    doc = parsed("Thousands of students marched to the parliament in Nairobi despite the Mombasa bombings.")
    assert where(doc, "marched") != "Mombasa"  # another event's place


def test_what_was_done_from_a_place(parsed):
    doc = parsed("The king addressed the crowd from the steps of the palace in Amman.")
    assert where(doc, "addressed") == "Amman"
    doc = parsed("The fighters attacked army posts just south of Tal Afar city on Sunday.")
    assert where(doc, "attacked") == "Tal Afar"
