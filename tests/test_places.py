"""The places stage on real parses: recognition, resolution in context, and each event's location."""
from __future__ import annotations

import pytest

from sitrep.gazetteer import distance_km


def km(entry, lat, lon) -> float:
    return distance_km(entry.lat, entry.lon, lat, lon)


def places(doc) -> dict[str, object]:
    return {p.text: p for p in doc._.places}


def located(doc, trigger: str):
    event = next(e for e in doc._.events if doc[e.head].text == trigger)
    return event.location


def test_demonyms_are_places_but_never_event_locations(parsed):
    doc = parsed("Russian warplanes struck rebel positions in Idlib province on Tuesday.")
    found = places(doc)
    assert found["Russian"].entry.country == "RUS" and found["Russian"].descriptor == "demonym"
    assert found["Idlib province"].entry.kind == "admin1"
    assert located(doc, "struck").text == "Idlib province"


def test_plural_demonyms_are_people_not_places(parsed):
    doc = parsed("Thousands of Syrians fled to Lebanon last year.")
    assert "Syrians" not in places(doc)


def test_country_inside_an_organisation_name(parsed):
    doc = parsed("The U.S. Army said the base at Fort Hood would stay closed.")
    assert places(doc)["U.S."].entry.country == "USA"


def test_containment_picks_the_namesake_inside_the_state(parsed):
    doc = parsed("A gunman opened fire at a school in Parkland, Florida, on Wednesday, killing 17 people.")
    parkland = places(doc)["Parkland"].entry
    assert (parkland.country, parkland.admin1) == ("USA", "Florida")
    assert km(parkland, 26.31, -80.24) < 25
    assert located(doc, "opened").text == "Parkland"


def test_the_austrian_capital_is_vienna(parsed):
    doc = parsed("The ministers met in the Austrian capital on Friday.")
    vienna = next(p for p in doc._.places if p.descriptor == "capital").entry
    assert vienna.name == "Vienna" and vienna.country == "AUT"


def test_event_happens_where_it_happens_not_where_it_is_announced(parsed):
    doc = parsed("Officials in Mogadishu said al-Shabab fighters attacked a military base near Beledweyne.")
    assert located(doc, "attacked").entry.name in ("Beledweyne", "Beled Weyne", "Beledweyne District")


def test_a_place_in_the_streets_of_a_city(parsed):
    doc = parsed("Soldiers patrolled the streets of La Paz on Monday.")
    assert located(doc, "patrolled").text == "La Paz"


def test_captured_town_is_the_location(parsed):
    doc = parsed("Rebels captured Kisangani after days of fighting.")
    loc = located(doc, "captured")
    assert loc is not None and loc.entry.country == "COD"


def test_focus_lists_the_articles_countries(parsed):
    doc = parsed("Syrian troops shelled Aleppo and Homs while Turkish officials met in Ankara.")
    assert {"SYR", "TUR"} <= set(doc._.focus[:2])
    assert located(doc, "shelled").text == "Aleppo"
    assert located(doc, "met").text == "Ankara"  # not the object of another clause's verb


def test_dateline_is_the_last_resort(parsed):
    doc = parsed("MOGADISHU (VOA) — Militants killed three soldiers, police said.\n\n"
                 "The army later retook a base in Beledweyne.")
    assert located(doc, "killed").entry.name == "Mogadishu"
    assert located(doc, "retook").text == "Beledweyne"


def test_place_words_load_and_are_lower_case():
    from sitrep.nlp.places import place_words

    words = place_words()
    assert {"street", "hospital", "airport"} <= words.facility
    assert words.institution <= words.facility  # organisation-like endings are facility words too
    assert "embassy" in words.abroad and "village" in words.settlement and "(" in words.container_links
    assert {"travel", "drive", "road"} <= words.motion
    assert {"outskirts", "settlements"} <= words.of_place and words.settlement <= words.of_place
    assert "residents" in words.residents and "fire" in words.assault
    assert {"crossing", "checkpoint", "airstrip"} <= words.site and {"capture", "enter"} <= words.takeover
    for group in (words.facility, words.abroad, words.settlement, words.container_links, words.institution,
                  words.motion, words.of_place, words.residents, words.assault, words.site, words.takeover):
        assert all(w == w.lower() and w.strip() == w for w in group)


def test_the_word_lists_kept_as_names_come_from_place_words():
    from sitrep.nlp.places import _COMPASS, PLACE_NOUNS, SETTLEMENT_WORDS, SIEGE_VERBS

    assert {"village", "province", "outskirts"} <= SETTLEMENT_WORDS <= PLACE_NOUNS
    assert {"north", "south-west"} <= _COMPASS and {"encircle", "besiege"} <= SIEGE_VERBS
    for group in (SETTLEMENT_WORDS, _COMPASS, SIEGE_VERBS):
        assert all(w == w.lower() and w.strip() == w for w in group)


def test_a_name_one_travels_to_is_a_place(parsed):
    doc = parsed("Drivers travelling to Cirencester from Gloucester face long delays this week.")
    assert places(doc)["Cirencester"].entry.country == "GBR"  # the model took it for a person


def test_unknown_village_is_put_in_the_district_given_in_brackets(parsed):
    doc = parsed("On 12 March 2024, Al Shabaab fighters raided an army post near Mukaiga village "
                 "(Afgooye, Lower Shabelle), where nobody was hurt.")
    village = next(p for p in doc._.places if p.text.startswith("Mukaiga"))
    assert village.entry.country == "SOM" and village.entry.precision in ("admin2", "admin1")
    assert km(village.entry, 2.14, 45.12) < 40  # Afgooye


def test_a_facility_lies_in_the_place_its_name_contains(parsed):
    doc = parsed("The patient was taken to Colchester General Hospital in Essex on Monday.")
    hospital = next(p for p in doc._.places if p.text.startswith("Colchester"))
    assert hospital.entry.country == "GBR" and km(hospital.entry, 51.89, 0.90) < 25
    assert hospital.entry.precision != "point"


def test_a_street_lies_in_the_town_the_article_is_about(parsed):
    doc = parsed("Police in New Orleans closed Frenchmen Street on Saturday after a shooting.")
    street = next(p for p in doc._.places if p.text == "Frenchmen Street")
    assert street.entry.country == "USA" and km(street.entry, 29.95, -90.07) < 25
    assert street.entry.precision == "city"


def test_the_white_house_is_a_place_only_where_something_happens_at_it(parsed):
    doc = parsed("The White House said on Monday that the talks would go ahead.")
    assert "White House" not in places(doc)
    doc = parsed("Protesters gathered outside the White House on Monday.")
    assert km(places(doc)["White House"].entry, 38.9, -77.04) < 25


def test_a_demonym_the_model_took_for_an_organisation(parsed):
    doc = parsed("Kurdish fighters and Turkish troops clashed near the border.")
    found = places(doc)
    assert found["Turkish"].entry.country == "TUR" and found["Turkish"].descriptor == "demonym"


def test_a_town_opening_an_organisations_name(parsed):
    doc = parsed("Lawyers of the Karachi Bar Association protested outside the court on Monday.")
    assert places(doc)["Karachi"].entry.country == "PAK"


def test_state_after_a_town_is_the_state_not_its_namesake_city(parsed):
    doc = parsed("The girl was from Buffalo, New York, and died in hospital on Monday.")
    found = places(doc)
    assert found["New York"].entry.kind == "admin1"
    assert found["Buffalo"].entry.admin1 == found["New York"].entry.name


def test_places_inside_other_names(parsed):
    doc = parsed("The Kidney Foundation of Canada said the Russian Ministry of Defence paid 15 billion US dollars.")
    found = places(doc)
    assert found["Canada"].entry.country == "CAN"
    assert found["Russian"].entry.country == "RUS" and found["Russian"].descriptor == "demonym"
    assert found["US"].entry.country == "USA"


def test_direction_words_are_no_province(parsed):
    doc = parsed("Mugabe has accused Western powers of plotting against Zimbabwe.")
    assert "Western" not in places(doc)


def test_the_division_named_elsewhere_picks_the_namesake(parsed):
    doc = parsed("The winning ticket was sold in Riverdale. Lottery officials in New Jersey said the "
                 "Riverdale gas station will get a bonus.")
    riverdale = places(doc)["Riverdale"].entry
    assert (riverdale.country, riverdale.admin1) == ("USA", "New Jersey")


def test_a_place_word_inside_a_group_name_is_no_place(parsed):
    doc = parsed("Russian jets bombed Islamic State of Iraq and the Levant (ISIL) depots near Raqqa.")
    assert "Levant" not in places(doc)
    assert places(doc)["Raqqa"].entry.country == "SYR"


def test_names_in_brackets_before_a_division_are_places(parsed):
    doc = parsed("Jubaland troops and Al Shabaab fought on 3 May 2024 at a post outside Bar-Sanguun "
                 "village (Jamaame, Lower Juba), where one soldier was hurt.")
    found = places(doc)
    assert found["Jamaame"].entry.country == "SOM"
    assert found["Bar-Sanguun"].entry.country == "SOM"  # placed in its district, not in South Sudan
    assert doc._.focus[0] == "SOM"


def test_a_district_named_after_its_town(parsed):
    doc = parsed("Normal life in Bhaktapur district of Nepal was affected by the strike.")
    district = places(doc)["Bhaktapur district"].entry
    assert (district.country, district.precision) == ("NPL", "admin2") and km(district, 27.67, 85.43) < 25


def test_states_in_a_list_and_after_their_towns(parsed):
    doc = parsed("Cases were reported in Missouri, New Jersey, New York and Ohio. A girl flew from Atlanta, "
                 "Georgia to Wichita, Kansas. Others were treated in Brooklyn, New York.")
    found = [(p.text, p.entry) for p in doc._.places]
    kinds = [(text, e.kind, e.country) for text, e in found]
    assert ("New York", "admin1", "USA") in kinds[:4]
    assert ("Georgia", "admin1", "USA") in kinds
    assert kinds[-1][:2] == ("New York", "city")  # Brooklyn lies in the city itself


def test_brackets_overrule_a_namesake_abroad_and_hyphens_join_names(parsed):
    doc = parsed("A clan militia fought Al Shabaab on 9 April 2024 close to Gumare village (Bulo Burto, Hiraan). "
                 "Fighters were seen near Bali-Dhiddin town (Qandala, Bari). Soldiers opened fire in "
                 "Mogadishu - Daynile (Banadir).")
    found = places(doc)
    assert found["Gumare"].entry.country == "SOM"  # not Gumare, Botswana
    assert "Bali" not in found
    assert found["Mogadishu - Daynile"].entry.name == "Mogadishu"


def test_a_name_the_model_cut_short_is_taken_whole(parsed):
    doc = parsed("Aid workers in Chad said many children in camps around Goz Beida were badly malnourished.")
    found = {p.text: p.entry for p in doc._.places}
    assert found["Goz Beida"].country == "TCD"


def test_a_division_named_alone_in_its_own_country(parsed):
    doc = parsed("Equine flu has spread across Australia. Horses were infected in regional NSW, and the "
                 "Queensland Police said three more cases were found near Warwick in Queensland.")
    found = [(p.text, p.entry.name, p.entry.country) for p in doc._.places]
    assert ("NSW", "New South Wales", "AUS") in found
    assert ("Queensland", "Queensland", "AUS") in found


def test_a_name_where_only_a_place_fits_whatever_the_models_label(parsed):
    # the model tags these names PRODUCT, PERSON, ORG: the phrase around them says they are places
    found = places(parsed("Syrian troops shelled the outskirts of Manbij city on Monday."))
    assert found["Manbij"].entry.country == "SYR"
    found = places(parsed("On Sunday, terrorists in Hama province fired on the settlements of Maharda and Kornaz, state media said."))
    assert found["Maharda"].entry.country == "SYR" and "Kornaz" in found
    assert places(parsed("Surif has been surrounded by troops since the blast."))["Surif"].entry.country == "PSE"


def test_divisions_by_a_spelling_or_by_their_town(parsed):
    daraa = places(parsed("The army continued its offensive inside the Dara’a Governorate on Wednesday."))
    assert daraa["Dara’a Governorate"].entry.kind == "admin1" and daraa["Dara’a Governorate"].entry.country == "SYR"
    found = places(parsed("Soldiers seized a stretch of the main road in the Kilinochchi district."))
    district = found["Kilinochchi district"].entry
    assert district.country == "LKA" and district.precision == "admin2"


def test_names_the_model_split_or_left_untagged(parsed):
    found = places(parsed("Two policemen were killed by militants in Dera Ismail Khan on Monday."))
    assert found["Dera Ismail Khan"].entry.country == "PAK"
    found = places(parsed("Nigerian troops encountered Boko Haram at Gudumbali, where they killed two."))
    assert found["Gudumbali"].entry.country == "NGA"
    assert places(parsed("Jashpur residents protested in front of the palace."))["Jashpur"].entry.country == "IND"


def test_a_town_the_article_calls_a_person_is_no_place(parsed):
    doc = parsed("Kelly was not in the room. Kelly said nothing. Later Kelly left, and Kelly's aides followed.")
    assert not [p for p in doc._.places if p.text == "Kelly"]


def test_beside_a_country_is_not_in_it(parsed):
    doc = parsed("Al Shabaab attacked Kenyan troops in Lamu Island near the Somalia border.")
    lamu = places(doc).get("Lamu Island")
    assert lamu is None or lamu.descriptor != "within"


@pytest.mark.parametrize("sentence, name, iso3", [
    # a place the model ran into other words or read as an adjective
    ("Russian jets kept up their raids on Aleppo for the fifth consecutive day.", "Aleppo", "SYR"),
    ("The Syrian army pushed its offensive into the southern Aleppo districts on Saturday.", "Aleppo", "SYR"),
    ("Most of Pervomayskaya, a small village in Russia's southern republic of Dagestan, lay in ruins.",
     "Pervomayskaya", "RUS"),
    # a town taken or liberated
    ("Syrian troops have yet to enter Quraytayn, though they may attack the town soon.", "Quraytayn", "SYR"),
    ("At least 12 fighters died during Kafr Nubl's liberation, the Syrian army said.", "Kafr Nubl", "SYR"),
    # names the gazetteer lacks where only a place fits, put in the story's country
    ("Two shells landed on the outskirts of Tell Ghazal’a overnight, Syrian state media said.", "Tell Ghazal’a", "SYR"),
])
def test_a_name_where_only_a_place_fits_is_placed_in_its_country(parsed, sentence, name, iso3):
    assert places(parsed(sentence))[name].entry.country == iso3


def test_a_local_division_by_its_name(parsed):
    doc = parsed("Unknown men abducted a local leader in a village under Lakshmipur Sadar upazila on Tuesday.")
    sadar = places(doc)["Lakshmipur Sadar"].entry
    assert sadar.country == "BGD" and sadar.precision == "admin2"
    doc = parsed("The Russian Information Agency said nothing.")
    assert places(doc)["Russian"].descriptor == "demonym"  # an organisation's name, no division


def test_a_facility_whose_name_opens_with_a_lower_case_article(parsed):
    doc = parsed("A roadside bomb went off outside the al-Yarmouk Hospital in western Baghdad on Monday.")
    assert places(doc)["al-Yarmouk Hospital"].entry.name == "Baghdad"


def test_names_run_together_fired_on_or_inside_a_title(parsed):
    found = places(parsed("Youth unemployment stays high in places like Cyprus, Greece Italy or Spain."))
    assert found["Greece"].entry.country == "GRC" and found["Italy"].entry.country == "ITA"
    doc = parsed("Turkish guns fired on Qamishli and nearby towns on the Syrian-Turkish border.")
    assert places(doc)["Qamishli"].entry.country == "SYR"
    doc = parsed("The plan is sound, Cuyahoga County Executive Armond Budish said on Tuesday.")
    assert places(doc)["Cuyahoga County"].entry.kind == "admin2"


def test_georgia_by_the_rest_of_the_story(parsed):
    doc = parsed("Health officials in Georgia said the outbreak had spread to Atlanta. Georgia has reported 40 cases.")
    assert {(p.entry.country, p.entry.kind) for p in doc._.places if p.text == "Georgia"} == {("USA", "admin1")}
    doc = parsed("The president of Georgia met American officials in Washington and Tbilisi.")
    assert places(doc)["Georgia"].entry.country == "GEO"


def test_an_unknown_village_named_before_its_settlement_word(parsed):
    doc = parsed("Al Shabaab torched homes in Malable village (Afgooye, Lower Shabelle) overnight.")
    malable = places(doc)["Malable"]
    assert malable.entry.name == "Afgooye" and malable.entry.precision == "admin2"
    doc = parsed("At dawn the army and Al Shabaab fought at Caanoole village (Afgooye, Lower Shabelle), residents said.")
    assert places(doc)["Caanoole"].entry.name == "Afgooye"


def test_a_name_the_model_tagged_in_part_before_a_settlement_word(parsed):
    doc = parsed("Troops were deployed to Nuur Dugle village (Adan Yabaal district, Middle Shabelle) on Friday.")
    assert places(doc)["Nuur Dugle"].entry.country == "SOM"  # not "Nuur" alone, a town in Iran
    doc = parsed("SNA troops at a camp in Birta-dheer village (Baardheere, Gedo) came under Al Shabaab fire.")
    assert places(doc)["Birta-dheer"].entry.name == "Baardheere"


def test_a_site_named_by_a_name_and_its_noun_is_placed_in_the_story_country(parsed):
    doc = parsed("Gunmen killed four Kenyan traders at Bamba police station in the morning.")
    site = places(doc)["Bamba police station"]
    assert site.entry.country == "KEN" and site.entry.precision == "country"


def test_a_facility_in_a_story_naming_no_town_is_in_its_country_never_at_a_point(parsed):
    doc = parsed("Militants launched a fresh assault on the strategic Tulaym Airbase on Monday, the Syrian army said.")
    base = places(doc)["Tulaym Airbase"]
    assert base.entry.country == "SYR" and base.entry.precision == "country"


def test_an_adjective_after_a_comma_contains_nothing(parsed):
    doc = parsed("Soldiers shot a man near the Karmiyya crossing point, the Israeli army said.")
    assert places(doc)["Karmiyya crossing point"].descriptor != "within"


def test_the_object_of_a_capture_verb_is_a_town_even_where_the_parse_misses_it(parsed):
    doc = parsed("Serbian troops early on Tuesday captured Knin after a short battle.")
    assert places(doc)["Knin"].entry.country == "HRV"
    doc = parsed("Government soldiers recaptured Birao last week, although French officials said fighting went on.")
    assert places(doc)["Birao"].entry.country == "CAF"  # the one Birao, though the story names France
    doc = parsed("Ethiopian troops evacuated Barentu before dawn as the fighting spread.")
    assert places(doc)["Barentu"].entry.country == "ERI"


def test_an_unknown_quarter_named_with_the_city_it_lies_in(parsed):
    doc = parsed("The army kept up its assault on the Sheikh Maqsoud District of northern Aleppo tonight.")
    quarter = places(doc)["Sheikh Maqsoud District"]
    assert quarter.entry.name == "Aleppo" and quarter.entry.precision != "point"


def test_an_unknown_name_taken_by_an_army_is_a_place_but_a_ship_is_not(parsed):
    doc = parsed("If Syrian troops and their allies capture Hayyan this week, the road north will open.")
    assert places(doc)["Hayyan"].entry.country == "SYR"
    doc = parsed("Israeli commandos stormed the Mavi Marmara, a Turkish-owned ship, near Gaza in 2010.")
    assert not any("Marmara" in name for name in places(doc))


def test_a_site_noun_tagged_as_a_proper_noun(parsed):
    doc = parsed("Two mortar rounds hit the Palali airstrip near the northern town, officials in Colombo said.")
    assert "Palali airstrip" in places(doc)


def test_a_town_opening_a_facilitys_name_after_the_article_or_a_capture_verb(parsed):
    doc = parsed("Activists protested against provincial leaders outside the Peshawar Press Club on Monday.")
    assert next(p for p in doc._.places if "Press Club" in p.text).entry.name == "Peshawar"
    doc = parsed("Transport workers attacked Madaripur Sadar Police Station on Wednesday.")
    station = next(p for p in doc._.places if "Police Station" in p.text)
    assert station.entry.name == "Madaripur" and station.entry.precision != "point"


def test_a_news_agency_after_a_dateline_and_initialisms_are_no_places(parsed):
    doc = parsed("BOSTON (AP) - The city council approved the new budget on Thursday.")
    assert "AP" not in places(doc)
    doc = parsed("The MoD said a soldier from the Parachute Regiment had died in Syria.")
    assert "MoD" not in places(doc)
    doc = parsed("Forecasters in New Orleans said a weak La Niña was under way.")
    assert "La" not in places(doc)


def test_a_one_word_name_the_story_calls_a_person_is_no_town_abroad(parsed):
    doc = parsed("Mohamed Salah scored twice on Sunday. Salah said he was proud. Boys in Cairo all want to become the next Salah.")
    assert not any(p.text == "Salah" for p in doc._.places)


def test_a_persons_name_before_a_settlement_word_is_a_village(parsed):
    doc = parsed("Herders and farmers fought in Sadat village (Baidoa, Bay) on Friday.")
    village = places(doc)["Sadat"]
    assert village.entry.name == "Baidoa" and village.entry.precision == "admin2"  # in the bracketed district


def test_a_village_name_the_model_cut_in_two_before_its_bracket(parsed):
    doc = parsed("Puntland troops attacked militants in Dooxada Cali Jaamac (Qandala, Bari) on Friday.")
    village = places(doc)["Dooxada Cali Jaamac"]  # not "Cali Jaamac", a person's name, alone
    assert village.entry.name == "Qandala" and village.entry.precision == "admin2"



def test_a_name_followed_by_near_and_a_town_is_a_place(parsed):
    doc = parsed("The prisoners were held at a camp, Gusen, near Linz, Austria, until 1945.")
    assert places(doc)["Gusen"].entry.country == "AUT"


def test_a_countrys_long_name_the_model_cut_in_two_is_one_country(parsed):
    doc = parsed("Aid groups said measles cases rose in Angola, Chad and Democratic Republic of the Congo last year.")
    assert places(doc)["Democratic Republic of the Congo"].entry.country == "COD"
    assert "Congo" not in places(doc)  # not the other Congo's


def test_a_town_before_the_division_it_lies_in_is_no_list_of_divisions(parsed):
    doc = parsed("She flew home to Washington, D.C. on Friday after the summit.")
    assert places(doc)["Washington"].entry.kind == "city"
    doc = parsed("Officials are tracing cases in Washington, Oregon and Idaho this week.")
    assert places(doc)["Washington"].entry.kind == "admin1"


@pytest.mark.parametrize("sentence, name, iso3", [
    ("Two men were hurt when rival groups clashed at Kumarpara village in Fultola upazila on Monday.", "Kumarpara", "BGD"),
    ("Farmers blocked a road near Dabbaso in Haro Limu woreda over land.", "Dabbaso", "ETH"),
])
def test_a_division_word_one_country_uses_gives_unknown_places_their_country(parsed, sentence, name, iso3):
    place = places(parsed(sentence))[name]
    assert place.entry.country == iso3 and place.entry.precision == "country"  # no finer than the text says


def test_a_place_name_that_cannot_be_placed_is_kept_as_unresolved(parsed):
    doc = parsed("Six people were killed in Oued Zitoun when gunmen opened fire on a cafe.")
    assert not doc._.places  # no country named, no town beside it: nowhere to put it
    assert [(u.text, u.country) for u in doc._.unresolved_places] == [("Oued Zitoun", None)]


def test_a_list_of_provinces_keeps_each_in_the_same_country(parsed):
    doc = parsed("Cases of measles were confirmed in Manitoba, Ontario and New Brunswick last month.")
    brunswick = places(doc)["New Brunswick"].entry
    assert brunswick.country == "CAN" and brunswick.kind == "admin1"  # not the town in New Jersey


def test_a_name_listed_beside_countries_is_the_country(parsed):
    doc = parsed("Officials said the disease had been wiped out in Egypt and Niger, while Nigeria still reports cases.")
    assert places(doc)["Niger"].entry.country == "NER"  # not Niger State of Nigeria


@pytest.mark.parametrize("sentence, name, iso3, kind", [
    ("Two patients died in Curitiba and one in Rio Grande do Sul, the ministry said.", "Rio Grande do Sul", "BRA", "admin1"),
    ("Rebels seized the northern stronghold of Mazar-e-Sharif in Afghanistan on Friday.", "Mazar-e-Sharif", "AFG", "city"),
])
def test_a_name_with_lower_case_or_hyphenated_parts_is_read_whole(parsed, sentence, name, iso3, kind):
    entry = places(parsed(sentence))[name].entry
    assert entry.country == iso3 and entry.kind == kind


def test_a_small_town_abroad_by_another_of_its_names_is_no_namesake(parsed):
    doc = parsed("Helicopters landed in the mountain town of Kalam in northern Pakistan on Sunday.")
    assert places(doc)["Kalam"].entry.country == "PAK"  # not Kallam in India, whose other name it is


def test_an_embassy_is_not_put_in_the_last_town_named(parsed):
    doc = parsed("Floods cut off Lahore for a week. A U.S. Embassy spokesman said aid had arrived.")
    assert not any(p.text.endswith("Embassy") for p in doc._.places)


def test_a_village_placed_by_a_nearby_town_claims_only_its_district(parsed):
    doc = parsed("Gunmen raided Kabwela village near Kisumu on Monday, police said.")
    village = places(doc)["Kabwela"].entry
    assert village.country == "KEN" and village.precision == "admin2"


def test_a_region_the_actors_stage_read_as_a_group_is_still_a_place(parsed):
    doc = parsed("A reporter was stabbed and killed after an ambush in Russia's restive North Caucasus, police said Tuesday.")
    assert places(doc)["North Caucasus"].entry.country == "RUS"


def test_a_town_named_inside_its_county_is_that_town_throughout(parsed):
    doc = parsed("The outbreak hit rural Indiana hardest. Austin, in Scott County, Indiana, recorded most of the "
                 "cases. Clinics 30 miles from Austin ran out of test kits.")
    austins = [p.entry for p in doc._.places if p.text == "Austin"]
    assert len(austins) == 2 and all(e.admin1 == "Indiana" for e in austins)  # not the Texan capital


def test_a_body_named_by_a_town_the_article_names_lies_in_that_town(parsed):
    doc = parsed("Officials in Jakarta and Medan confirmed the case. Samples went to the CDC headquarters in Atlanta "
                 "last week, and more were sent to CDC Atlanta on Monday.")
    branch = next(p for p in doc._.places if p.text == "CDC Atlanta").entry
    assert branch.name == "Atlanta" and branch.precision == "city"


def test_an_unknown_name_after_an_abstract_in_is_no_place(parsed):
    from sitrep.nlp.places import _ABSTRACT_IN_HEADS

    assert {"believe", "invest"} <= _ABSTRACT_IN_HEADS
    doc = parsed("The gunman told police in Gaza City that he believed in God and acted alone.")
    assert "God" not in places(doc)
    assert "Gaza City" in places(doc)


def test_person_evidence_words_load_lower_case_and_leave_out_what_places_do():
    from sitrep.nlp.places import _PERSON_TITLES, _PERSON_VERBS

    assert {"mr", "sergeant", "colonel"} <= _PERSON_TITLES and {"tweet", "confess"} <= _PERSON_VERBS
    assert all(w == w.lower() for w in _PERSON_TITLES | _PERSON_VERBS)
    assert not {"say", "want", "announce", "tell"} & _PERSON_VERBS  # "Karnataka wants", "Moscow said"


def test_a_site_named_with_its_city_lies_in_that_city(parsed):
    doc = parsed("Two men were shot dead outside a shop in Gulberg Lahore on Sunday night.")
    found = places(doc)
    assert found["Lahore"].entry.country == "PAK" and found["Lahore"].entry.kind == "city"


def test_a_district_and_region_in_brackets_taken_for_one_name_are_still_the_places_they_list(parsed):
    # the model reads "(Iskushuban, Bari)" as one person's name: it still lists the district and its region
    doc = parsed("On 12 May 2024, two militias clashed in Buuraha Cali Yare (Iskushuban, Bari). Casualties unknown.")
    found = places(doc)
    assert found["Iskushuban"].entry.country == "SOM" and found["Iskushuban"].entry.kind == "city"
    assert found["Bari"].entry.kind == "admin1"
    assert found["Buuraha Cali Yare"].entry.name == "Iskushuban"


def test_a_township_is_placed_at_its_town_and_never_at_a_capital_or_state_of_its_name(parsed):
    doc = parsed("Myanmar troops and ethnic rebels fought for two days in Muse Township, near the Chinese border.")
    town = places(doc)["Muse Township"].entry
    assert town.country == "MMR" and town.kind == "city" and town.precision == "admin2"
    doc = parsed("Police in Washington Township said a man was arrested on Friday.")
    found = places(doc).get("Washington Township")
    assert found is None or found.entry.kind != "admin1" and found.entry.name != "Washington"


def test_a_town_after_in_that_the_parse_hung_on_a_date_is_a_place(parsed):
    # the model takes the town for a person and hangs "in" on the date before it
    for text in ("Supporters of two parties clashed from 9-11 March in Arambagh, setting shops on fire.",
                 "Traders and police clashed on 14 March in Arambagh over a new market fee."):
        found = places(parsed(text))
        assert "Arambagh" in found and found["Arambagh"].entry.country == "IND"


def test_a_town_the_model_reads_as_a_common_noun_after_a_sentence_opening_in_is_a_place(parsed):
    doc = parsed("In Rusape, angry traders closed their stalls over a new levy.")
    assert places(doc)["Rusape"].entry.country == "ZWE"


def test_a_district_named_like_a_hamlet_only_by_spelling_is_not_put_at_that_hamlet(parsed):
    from sitrep.nlp.places import PlaceResolver

    resolver = PlaceResolver(None)
    # "Zadawah": no place bears that name; a village of some 7,000 is only spelled alike (Zadawa)
    assert resolver._resolve("Zadawah", ["NGA"], "local") is None
    assert resolver._resolve("Zadawah", ["NGA"], "division") is None
    # a real town spelled otherwise in the gazetteer, in the article's own country, still counts
    assert resolver._resolve("Muse", ["MMR"], "local").name == "Mu-se"


def test_a_district_written_without_the_spaces_of_its_towns_name_is_that_town(parsed):
    # "Saiburi" is Sai Buri, "Nongchik" Nong Chik: the same letters, spaced otherwise, not a respelling,
    # so a text naming no country still puts the district at its town
    doc = parsed("Two rangers were wounded when a bomb went off in Saiburi district on Tuesday.")
    saiburi = places(doc)["Saiburi district"].entry
    assert (saiburi.name, saiburi.country, saiburi.precision) == ("Sai Buri", "THA", "admin2")
    doc = parsed("Gunmen on a motorcycle shot a rubber tapper in Nongchik district.")
    assert places(doc)["Nongchik district"].entry.name == "Nong Chik"


def test_a_township_whose_name_many_towns_bear_is_not_guessed_in_a_text_naming_no_country(parsed):
    doc = parsed("Deputies in Springfield Township said a teenager was detained after a stabbing on Sunday.")
    assert "Springfield Township" not in places(doc)


def test_a_town_of_the_articles_country_near_a_namesake_of_a_foreign_capital_keeps_its_place(parsed):
    doc = parsed("South African police fired rubber bullets at residents of Mdantsane near Berlin on Tuesday.")
    found = places(doc)
    assert found["Mdantsane"].entry.country == "ZAF"
    assert found["Berlin"].entry.country == "ZAF" and km(found["Berlin"].entry, -32.88, 27.58) < 25
    # a township in a text naming no country: its one town on earth, and the namesake of the capital beside it
    doc = parsed("A crowd in Dimbaza township near Berlin marched against the new councillor on Monday.")
    found = places(doc)
    assert found["Dimbaza township"].entry.name == "Dimbaza" and found["Berlin"].entry.country == "ZAF"


def test_an_air_base_named_by_a_mistagged_name_and_its_noun(parsed):
    """"the Dumayr airbase" with only "Dumayr" tagged (as a nationality, a law): the name and the noun
    after it are the base the gazetteer knows, a point, and the event's place."""
    doc = parsed("On Sunday the militants shelled the Dumayr airbase with rockets and mortars.")
    base = places(doc)["Dumayr airbase"]
    assert base.entry.precision == "point" and base.entry.country == "SYR"
    doc = parsed("Four jets took off from the Shayrat air base before dawn on Tuesday.")
    assert places(doc)["Shayrat air base"].entry.name == "Shayrat Air Base"


def test_a_bracketed_district_and_region_the_model_folded_into_one_name(parsed):
    """"(Qandala, Bari)" tagged whole as an organisation, and "Warshiikh (Jowhar" tagged as one name:
    the brackets hold the district and the region the village lies in, each a place of its own."""
    doc = parsed("On 4 May, troops clashed with the militants in Gobweyn village (Qandala, Bari).")
    found = places(doc)
    assert found["Qandala"].entry.name == "Qandala" and found["Bari"].entry.kind == "admin1"
    assert next(p for text, p in found.items() if text.startswith("Gobweyn")).entry.name == "Qandala"
    doc = parsed("On 6 May, the army launched an operation in Cabdi Gaab (Jamaame, Lower Juba) against the militants.")
    found = places(doc)
    assert "Jamaame" in found and not any("(" in text for text in found)


def test_the_dc_is_an_official_not_the_district_of_columbia(parsed):
    """"the DC" in South Asian news is the deputy commissioner (or district collector); "the DC area"
    is still Washington's."""
    doc = parsed("Traders staged a sit-in outside the DC office in Nashik on Tuesday.")
    assert "DC" not in places(doc) and places(doc)["Nashik"].entry.country == "IND"
    doc = parsed("Commuters in the DC area faced long delays after the snowstorm.")
    assert places(doc)["DC"].entry.name == "District of Columbia"


def test_a_district_named_with_a_multiword_division_near_a_known_town(parsed):
    """"X local government area near Jos": the words of the division's kind between the name and "near"
    do not hide the relation, so the namesake near Jos is meant, not Riom in France."""
    doc = parsed("Herdsmen attacked farmers in Riyom local government area near Jos on Sunday.")
    assert places(doc)["Riyom"].entry.country == "NGA"


def test_a_place_said_to_be_in_a_town_is_not_a_namesake_across_a_border(parsed):
    """"the Khost area of Harnai": the town the text puts the place in decides; Khost province in
    Afghanistan is 400 km away, so this is a place of Harnai the gazetteer lacks, put in Harnai."""
    doc = parsed("A soldier was killed by a landmine in Khost area of Harnai, Balochistan, on Friday.")
    khost = places(doc)["Khost"]
    assert khost.entry.country == "PAK" and khost.entry.name == "Harnai"


def test_initials_of_the_articles_own_division_before_a_body_are_that_division(parsed):
    """"the KP police" in a Pakistani story are Khyber Pakhtunkhwa's police: initials name an official
    only where the division lies outside the article's countries ("the DC" in an Indian story)."""
    doc = parsed("The KP police said gunmen stormed a checkpoint near Bannu overnight.")
    assert places(doc)["KP"].entry.name == "Khyber Pakhtunkhwa"
    assert next(e for e in doc._.events if doc[e.head].text == "stormed").actor1.country == "PAK"


@pytest.mark.parametrize("text, name, country", [
    ("Kurdish refugees rallied outside the city hall in Ghent on Saturday, days after government jets "
     "bombed Kobani and Hasaka.", "Ghent", "BEL"),
    ("A young Eritrean was shot dead in Seville last week, his family in Asmara said.", "Seville", "ESP"),
    ("Sudanese asylum seekers scuffled with riot police in Lyons, while fighting went on in Darfur "
     "and Khartoum.", "Lyons", "FRA"),
])
def test_a_foreign_city_by_its_english_name_is_not_put_in_the_articles_country(parsed, text, name, country):
    """A diaspora story's European city stays in Europe, however far the article's country is."""
    assert places(parsed(text))[name].entry.country == country


def test_a_town_abroad_is_not_an_unknown_place_of_the_articles_country():
    """The fallback that puts a place the gazetteer lacks in the article's country skips a name a big
    town abroad bears (and none at home); a small town abroad does not stop it."""
    from sitrep.nlp.places import PlaceResolver

    resolver = PlaceResolver(None)
    assert resolver._town_abroad("Ghent", ["SYR"]) and resolver._town_abroad("Leghorn", ["IRQ"])
    assert not resolver._town_abroad("Kalam", ["PAK"])  # Kallam, India: some 25,000 people
    assert not resolver._town_abroad("Aleppo", ["SYR"])


def test_a_foreign_name_inside_a_partys_brackets_is_no_place_abroad(parsed):
    """"the Unity and Progress (Adalet) party": the bracketed word is part of the party's name, not
    Adelaide by one of its foreign names."""
    doc = parsed("Members of the Unity and Progress (Adalet) party gathered in Ankara on Monday to protest the arrests.")
    assert "Adalet" not in places(doc) and places(doc)["Ankara"].entry.country == "TUR"


def test_a_name_beside_a_kin_noun_is_a_person_not_a_town(parsed):
    """"Karim's wife, Julia, ...": a one-word name in apposition to a kin noun is a person, not the
    city (Plovdiv) that once bore it."""
    doc = parsed("Karim has no relatives left in Ohio, he said. Karim's wife, Julia, now leads the search "
                 "for a donor in Columbus.")
    assert "Julia" not in places(doc) and places(doc)["Columbus"].entry.country == "USA"


def test_kin_nouns_load_and_are_lower_case():
    from sitrep.nlp.places import _KIN_NOUNS

    assert {"wife", "husband", "daughter"} <= _KIN_NOUNS and all(w == w.lower() for w in _KIN_NOUNS)


def test_a_name_whose_own_words_make_it_a_place_is_kept_in_the_articles_country(parsed):
    """"the Qarnain Mountains", "the Harabish District": names the gazetteer lacks that say by their
    own last word what kind of place they are, kept (at the country's precision) whatever verb
    governs them; "stormed X" likewise. A person's name with a kin noun stays no place."""
    doc = parsed("The army is expected to storm the Qarnain Mountains next week, a Syrian officer said. "
                 "Syrian troops also targeted the Hawarish District of the provincial capital.")
    found = places(doc)
    for name in ("Qarnain Mountains", "Hawarish District"):
        assert found[name].entry.country == "SYR" and found[name].entry.precision == "country"


def test_landform_words_load_and_are_lower_case():
    from sitrep.nlp.places import place_words

    words = place_words()
    assert {"mountains", "river", "valley"} <= words.landform and {"mount", "wadi"} <= words.landform_openings
    assert all(w == w.lower() and w.strip() == w for w in words.landform | words.landform_openings)


def test_a_name_before_countryside_or_outskirts_is_a_place(parsed):
    """"the western Jableh countryside", "the Zabadani outskirts": whatever the model took the name
    for, only a place has a countryside or outskirts; it resolves as a town of the article's country."""
    for text, name in (("Syrian jets pounded the western Jableh countryside overnight.", "Jableh"),
                       ("Syrian artillery hit the Zabadani outskirts at dawn.", "Zabadani")):
        found = places(parsed(text))
        assert found[name].entry.country == "SYR" and found[name].entry.kind == "city", text


def test_fringes_of_a_party_are_no_place(parsed):
    """"the Tory fringes": a party or a movement has fringes too, so the word does not make the name
    before it a place (it had become Turin)."""
    assert places(parsed("Party leaders ignored the Tory fringes at the conference.")) == {}


def test_in_a_text_naming_no_country_the_one_town_of_a_name_is_taken_however_small(parsed):
    """"in the village of Ochten": no country is named to weigh namesakes against, and only one town
    on earth bears the name as its own, so it is that town (Netherlands), small as it is."""
    doc = parsed("Nine farmers were shot dead in the village of Ochten.")
    assert places(doc)["Ochten"].entry.country == "NLD" and places(doc)["Ochten"].entry.precision == "city"


def test_the_one_town_of_a_name_is_taken_only_where_nothing_but_a_place_fits(parsed):
    """A surname or a firm's name that one small town on earth also bears, in a text naming no
    country: "fired on X as he left" was a man, "shares in X" a company; neither is that town."""
    assert places(parsed("The gunmen fired on Amato as he left the mosque.")) == {}
    assert places(parsed("Shares in Ellison fell after the attack on its offices.")) == {}


def test_a_tehsil_lies_in_a_country_that_has_tehsils(parsed):
    """"X Tehsil" in a text naming no country: only Pakistan and India have tehsils, so not the
    Moroccan town Safi; none of theirs so named leaves it unresolved. One they hold is taken."""
    shot = parsed("Gunmen shot dead two policemen in Safi Tehsil on Monday.")
    assert all(p.entry.country in ("PAK", "IND") for p in shot._.places)
    daska = places(parsed("Police arrested six men in Daska tehsil on Monday."))["Daska tehsil"]
    assert daska.entry.country == "PAK"


def test_a_town_said_to_lie_in_an_upazila_is_in_bangladesh(parsed):
    """"at Rampur in X upazila": only Bangladesh has upazilas, so the town is there, not the big
    Indian Rampur (at the country's precision, where the gazetteer lacks both)."""
    doc = parsed("Police detained four men at Rampur in Dhokra upazila on Sunday.")
    assert places(doc)["Rampur"].entry.country == "BGD"
    assert located(doc, "detained").entry.country == "BGD"


def test_division_word_countries_load_as_lower_case_words_with_iso3_codes():
    from sitrep.nlp.places import division_countries, division_word_countries

    owners = division_word_countries()
    assert owners["tehsil"] == ("PAK", "IND") and owners["upazila"] == ("BGD",)
    assert all(w == w.lower() and countries and all(len(c) == 3 and c.isupper() for c in countries)
               for w, countries in owners.items())
    # a word the actors stage gives one country is given that same country here
    assert all(owners[w] == (c,) for w, c in division_countries().items() if w in owners)


def test_a_facility_named_after_a_division_lies_there_not_in_the_focus_country(parsed):
    """"the Kampong Cham Provincial Hall" in a story that names only a Chinese company: the hall is in
    the Cambodian province its name opens with, not in China."""
    doc = parsed("Farmers protested outside the Kampong Cham Provincial Hall against a Chinese company.")
    hall = next(p for p in doc._.places if "Provincial Hall" in p.text)
    assert hall.entry.country == "KHM"


def test_compass_words_are_one_list_read_by_places_and_the_gazetteer():
    """The compass points and adjectives live in place_words.yaml once; the places stage and the
    gazetteer read that list, not copies of their own."""
    from sitrep.cache import load_yaml
    from sitrep.gazetteer import compass_words
    from sitrep.nlp.places import _COMPASS, _DIRECTION_WORDS, PLACE_WORDS_FILE, place_words

    data = load_yaml(PLACE_WORDS_FILE)
    points, adjectives = set(data["compass_words"]), set(data["compass_adjectives"])
    assert {"north", "south-west"} <= points and {"northern", "central"} <= adjectives
    assert _COMPASS == points and _DIRECTION_WORDS == points | adjectives
    assert adjectives <= place_words().container_links
    assert compass_words() == points | adjectives | set(data["position_words"])
    assert all(w == w.lower() and w.strip() == w for w in points | adjectives | set(data["position_words"]))


def test_a_person_named_like_a_landform_and_a_house_named_after_a_state_stay_where_they_are(parsed):
    """Guards for the landform-word and division-name-facility rules: "Damon Hill" is a driver, not a
    hill; a state's house in the capital ("the Kerala House in New Delhi") is in the capital."""
    assert places(parsed("Damon Hill won the race on Sunday.")) == {}
    doc = parsed("Protesters gathered outside the Kerala House in New Delhi.")
    assert {p.entry.country for p in doc._.places} == {"IND"}
    assert places(doc)["the Kerala House"].entry.kind == "city"


def test_a_name_opened_by_a_word_for_a_kind_of_place_is_a_place_whatever_the_model_tagged(parsed):
    # the model takes these for people; "Kafr", "Tal", "Jabal" say a village, a hill, a mountain
    doc = parsed("Syrian government troops captured Jabal al-Mansour after a day of fighting with the rebels.")
    assert places(doc)["Jabal al-Mansour"].entry.country == "SYR"
    doc = parsed("A car bomb went off inside Kafr Dabbour, killing four Syrian soldiers.")
    assert places(doc)["Kafr Dabbour"].entry.country == "SYR"
    doc = parsed("Syrian militants stormed Tal Karim on Sunday, the army said.")
    assert "Tal Karim" in places(doc)


def test_a_person_whose_name_opens_like_a_hill_stays_a_person(parsed):
    # a role noun before the name, or the name doing what people do: no place
    doc = parsed("Israeli envoy Tal Becker met the mediators in Cairo.")
    assert "Tal Becker" not in places(doc)
    doc = parsed("Tal Cohen visited the wounded soldiers in an Israeli hospital.")
    assert "Tal Cohen" not in places(doc)


def test_a_name_opened_like_a_hill_is_a_place_only_in_a_place_slot(parsed):
    # the object of a verb done to people, not to places: a person named Tal, whatever the model's tag
    doc = parsed("Voters in Haifa backed Tal Mizrahi in the primary.")
    assert "Tal Mizrahi" not in places(doc) and places(doc)["Haifa"].entry.country == "ISR"
    doc = parsed("A Tel Aviv court fined Tal Ronen for contempt on Monday.")
    assert "Tal Ronen" not in places(doc)
    # after a preposition of place, a name so opened is a place: "withdrew from X", "fell near X and Y"
    doc = parsed("Rebels withdrew from Tal Sabah after heavy Syrian air strikes.")
    assert places(doc)["Tal Sabah"].entry.country == "SYR"
    doc = parsed("Shells fell near Deir Khalil and Kafr Sousa overnight, Syrian activists said.")
    assert {"Deir Khalil", "Kafr Sousa"} <= set(places(doc))


def test_kind_openings_load_as_lower_case_words():
    from sitrep.nlp.places import place_words

    words = place_words()
    assert {"kafr", "tal", "khirbet"} <= words.kind_openings
    # "Jabal X", "Wadi X": written once in place_words.yaml, read as both a landform's and a kind's opening
    assert {"jabal", "wadi"} <= words.kind_openings & words.landform_openings
    assert not {"mount", "mt"} & words.kind_openings  # "Mount Sinai" the hospital is no hill
    from sitrep.nlp.places import PLACE_WORDS_FILE
    from sitrep.cache import load_yaml

    data = load_yaml(PLACE_WORDS_FILE)
    written = [str(w) for key in ("kind_openings", "landform_openings", "landform_kind_openings") for w in data[key]]
    assert len(written) == len(set(written))  # no word in two of these lists
    assert all(w == w.lower() and w.strip() == w and " " not in w for w in words.kind_openings)
    assert not {"abu", "sheikh", "khan", "ras"} & words.kind_openings  # these open people's names too


def test_a_town_the_model_took_for_a_date_is_a_place_where_the_sentence_uses_it_so(parsed):
    # the model tags these town names as dates; the gazetteer knows them and the sentence puts them in place slots
    doc = parsed("Two fighters died in Misau on Tuesday, Nigerian police said.")
    assert places(doc)["Misau"].entry.country == "NGA"
    doc = parsed("Two fighters died in Dhamas on Tuesday, Somali police said.")
    assert places(doc)["Dhamas"].entry.country == "SOM"


def test_a_feast_tagged_as_a_date_stays_a_date_though_a_town_bears_its_name(parsed):
    doc = parsed("Syrian troops fought on through Ramadan and Christmas to hold the hills.")
    assert not {"Ramadan", "Christmas"} & set(places(doc))
    doc = parsed("Markets reopened after Eid and Easter, Kenyan officials said.")
    assert not {"Eid", "Easter"} & set(places(doc))
    from sitrep.nlp.places import place_words

    assert {"ramadan", "christmas", "eid", "lent"} <= place_words().date_names
    assert all(w == w.lower() and w.strip() == w for w in place_words().date_names)


def test_a_place_owned_by_a_division_or_town_named_before_it_lies_inside_that_one(parsed):
    # "Y's X district": the Afghan Khash of Nimruz province, not the bigger Khash in Iran the story also names
    doc = parsed("Gunmen killed two policemen in Nimruz's Khash district on Monday, Iranian media reported.")
    assert places(doc)["Khash district"].entry.country == "AFG"
    # a town as owner, with the division word after the name: the Nigerian Zango, not the Angolan one
    doc = parsed("Bandits raided a village in Katsina's Zango district, residents said.")
    assert places(doc)["Zango district"].entry.country == "NGA"
    # "Y's <adjective> district of X": a quarter the gazetteer lacks is put in the town, not at an Egyptian namesake
    doc = parsed("A bomb hit a market in Mosul's eastern district of Bena, Iraqi police said.")
    bena = places(doc)["Bena"]
    assert bena.entry.country == "IRQ" and km(bena.entry, 36.34, 43.13) < 30


def test_a_capital_speaking_for_its_state_owns_no_place_it_names(parsed):
    # "Ankara's X offensive": the government's campaign in X abroad; X is not a quarter of the capital
    doc = parsed("Ankara's Afrin offensive has displaced thousands of Kurds.")
    assert places(doc)["Afrin"].entry.country == "SYR"
    doc = parsed("Moscow's Aleppo campaign killed hundreds of civilians.")
    assert places(doc)["Aleppo"].entry.country == "SYR"
    assert any(a.country == "RUS" for a in doc._.actors)
    doc = parsed("Tehran's Baghdad allies were attacked by gunmen.")
    assert places(doc)["Baghdad"].entry.country == "IRQ"
    # with the division word, a quarter of the town it names ("Y's northern quarter of X")
    doc = parsed("Shells fell on Mogadishu's northern quarter of Sibi overnight, Somali police said.")
    assert places(doc)["Sibi"].entry.country == "SOM"
    # or with a street's or a square's word after it: a part of the town, not the Indonesian namesake
    doc = parsed("Protesters filled Kandahar's Kuta square on Friday.")
    assert places(doc)["Kuta"].entry.country == "AFG"


def test_an_owned_place_right_beside_its_town_or_claimed_by_a_country_stays_as_it_was(parsed):
    # the gazetteer files the Old City under another country than Jerusalem, but it lies right there
    doc = parsed("Israeli police patrolled Jerusalem's Old City on Friday.")
    assert places(doc)["Old City"].entry.name == "Old City"
    doc = parsed("Russian troops dug in across Ukraine's Crimea.")
    assert places(doc)["Crimea"].entry.kind == "admin1"


def test_an_unknown_place_followed_by_a_comma_and_the_division_it_lies_in_is_put_there(parsed):
    # "X, in the <compass> province of Y": however many linking words, Y holds X (not the troops' country)
    doc = parsed("American troops destroyed a crashed drone on Monday in Zarghun, in the southeastern province of Paktika.")
    zarghun = places(doc)["Zarghun"]
    assert zarghun.entry.country == "AFG" and zarghun.descriptor == "within"
    doc = parsed("Shops were looted at Nyakigugu, in the western district of Kasese, Ugandan police said.")
    assert places(doc)["Nyakigugu"].entry.country == "UGA"


def test_a_person_held_in_a_town_is_not_put_in_it_as_a_place(parsed):
    # no comma: "arrested X in the northern town of Y" names a person taken there, not a quarter of Y
    doc = parsed("Police arrested Dawood in the northern town of Mardan, Pakistani officials said.")
    assert "Dawood" not in places(doc)


def test_a_person_or_a_day_before_a_comma_and_a_province_is_no_place(parsed):
    # "X, in the <compass> province of Y" puts an unknown place in Y, but not a captive's name or a weekday
    doc = parsed("Troops freed Jamal Ferhat, in the western region of Darfur, after a week in captivity.")
    assert "Jamal Ferhat" not in places(doc) and places(doc)["Darfur"].entry.country == "SDN"
    doc = parsed("Fighting resumed on Sunday, in the southern province of Helmand, officials said.")
    assert set(places(doc)) == {"Helmand"}


def test_a_name_before_a_local_division_spelled_out_is_that_division(parsed):
    """"X local government area", "X local government council", "X local government": Nigeria's LGA
    written out, after a name the model took for a body or left untagged: a district at its town."""
    found = places(parsed("Police said herders clashed with farmers in the Mangu local government council overnight."))
    mangu = found["Mangu local government council"]
    assert (mangu.entry.country, mangu.entry.admin1) == ("NGA", "Plateau") and mangu.descriptor == "lga"
    found = places(parsed("Youths blocked a road in Girei local government to protest the killing of a trader."))
    assert found["Girei local government"].entry.admin1 == "Adamawa"


def test_a_country_or_a_state_before_local_government_is_not_a_district_of_that_name(parsed):
    found = places(parsed("Turnout was low in the Nigerian local government elections held on Saturday."))
    assert list(found) == ["Nigerian"]
    found = places(parsed("The Kano State local government chairman resigned after the vote."))
    assert found["Kano State"].entry.kind == "admin1" and len(found) == 1


def test_a_party_before_local_government_is_no_district(parsed):
    """A party or movement the actor list knows, before "local government" or "local council", names
    whose administration it is, not a division of that name."""
    found = places(parsed("Supporters of the Hamas local government in Gaza clashed with police on Friday."))
    assert not any(name.startswith("Hamas") for name in found) and "Gaza" in found
    found = places(parsed("The Labour local council in Manchester voted to close two libraries."))
    assert not any(name.startswith("Labour") for name in found) and "Manchester" in found


def test_a_place_whose_own_name_ends_in_district_is_that_place(parsed):
    """GeoNames lists some quarters by a name ending in "District": the word is then part of the name,
    so San Francisco's quarter is meant, not the town of Mission in Texas."""
    found = places(parsed("Muralists repainted a wall in the Mission District after vandals defaced it, "
                          "San Francisco officials said."))
    mission = found["Mission District"].entry
    assert (mission.name, mission.admin1) == ("Mission District", "California")


def test_a_district_named_by_its_town_is_still_read_without_the_word(parsed):
    found = places(parsed("Gunmen attacked a police post in Bhaktapur District on Friday, officials said."))
    district = next(p for p in found.values() if p.text.startswith("Bhaktapur"))
    assert district.entry.country == "NPL" and not district.entry.name.endswith("District")
