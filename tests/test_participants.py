"""Who takes part in an event: which phrase is actor1 and which actor2, in the constructions that hide
them from the trigger's own subject and object (reported duties, control chains, passives, nested
clauses). The real pipeline (`sitrep.code`), loaded once per test session."""
from __future__ import annotations

import pytest

from sitrep import Article, code
from sitrep.kb.lexicon import load_codebook


def _events(text: str, published: str = "2025-06-01"):
    return code(Article(text=text), published=published).events


def _sides(event):
    return (event.actor1.country if event.actor1 else None, event.actor2.country if event.actor2 else None)


def _matches(found, expected) -> bool:
    """`...` in what is expected matches anything."""
    if isinstance(expected, tuple):
        return len(found) == len(expected) and all(_matches(f, e) for f, e in zip(found, expected))
    return expected is ... or found == expected


def test_reported_demand_words_load():
    codebook = load_codebook()
    assert "must" in codebook.demand_modals
    assert {"say", "declare", "reminder"} <= codebook.demand_verbs
    assert codebook.demand_cameo in codebook.cameo


def test_a_duty_laid_in_reported_speech_is_a_demand_by_the_speaker():
    events = _events("Russia said on Friday that Sudan must hand back a truck seized last month.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert _sides(demand) == ("RUS", "SDN")
    assert demand.trigger.text == "must" and demand.status == "occurred"


@pytest.mark.parametrize("text, sides", [
    ("The Kenyan president issued a reminder to Somalia that it must respect the border.", ("KEN", "SOM")),
    ("Japan reminded North Korea that it must abide by the UN resolutions.", ("JPN", "PRK")),
    ("Britain told Iran that it must free the sailors.", ("GBR", "IRN")),  # 'it' is whoever was told
])
def test_a_reminder_that_someone_must_act_is_a_demand_by_who_issued_it(text, sides):
    assert _sides(next(e for e in _events(text) if e.type == "REQUEST")) == sides


def test_must_outside_reported_speech_is_no_demand():
    events = _events("Troops must leave the town by Friday, and the army must pay the villagers.")
    assert not any(e.type == "REQUEST" and e.trigger.text == "must" for e in events)


@pytest.mark.parametrize("text", [
    "The government said the law must be respected.",  # no one who must act
    "The United Nations said civilians must be evacuated from the city.",  # a passive patient
    "The minister said the new bridge must open before winter.",  # a thing
])
def test_a_reported_duty_on_no_actor_is_no_demand(text):
    assert not any(e.type == "REQUEST" and e.trigger.text == "must" for e in _events(text))


def test_a_control_chain_passes_its_subject_down():
    events = _events("Sweden is willing to send equipment to help defend Estonia.")
    defend = next(e for e in events if e.trigger.text == "defend")
    assert _sides(defend) == ("SWE", "EST")


def test_casualties_told_by_coordinated_passives_are_one_incident_with_its_doer():
    events = _events("Three villagers were killed and 5 wounded in Poonch sector when the armies of India "
                     "and Pakistan fired at each other on Friday.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].actor1 is not None and assaults[0].actor1.country == "IND"


def test_a_clause_whose_light_verb_carries_the_attack_names_the_doer():
    events = _events("6 gunmen were killed when air strikes were carried out by the army near Damboa in "
                     "Borno, Nigeria.")
    killing = next(e for e in events if e.type == "ASSAULT")
    assert killing.actor1 is not None and killing.actor1.sector == "MIL"


@pytest.mark.parametrize("text, sides", [
    ("Kurdish students in Berlin began a hunger strike in protest of the Turkish government's "
     "ban on their party.", (..., "TUR")),
    ("Demonstrators in Baghdad blocked a highway to voice their disapproval for the United States' "
     "troop presence.", ("IRQ", "USA")),
    # prepositions do not count toward how deep the target may lie
    ("Herders in Garissa blocked the main road on Tuesday to demand the return of cattle stolen by "
     "Somali militiamen last year.", ("KEN", "SOM")),
    ("Villagers staged a sit-in outside the district office to press their demands for compensation "
     "from the Indian railway ministry.", ("IND", "IND")),
])
def test_a_protest_is_addressed_to_whom_it_opposes(text, sides):
    protest = next(e for e in _events(text) if e.type == "PROTEST")
    assert _matches(_sides(protest), sides)


def test_a_threat_is_made_to_whom_its_condition_names():
    events = _events("Farmers in the Syrian Golan Heights threatened on Monday to stage a general strike unless "
                     "Israel lifted its ban on their exports.")
    threat = next(e for e in events if e.type == "THREATEN")
    assert _sides(threat) == ("SYR", "ISR")


def test_a_state_and_its_rebels_are_two_actors():
    events = _events("Georgia is investigating alleged abuses by Georgian extremists against Ossetian civilians.")
    inquiry = next(e for e in events if e.type == "ACCUSE")
    assert inquiry.actor2 is not None and inquiry.actor2.sector == "INS"


def test_a_light_verbs_against_phrase_belongs_to_its_noun():
    events = _events("A prosecutor opened corruption inquiries against 14 Peruvian government officials.")
    inquiry = next(e for e in events if e.type == "ACCUSE")
    assert inquiry.actor2 is not None and inquiry.actor2.country == "PER" and inquiry.actor2.sector == "GOV"


def test_whoever_employs_an_attack_made_it():
    # "employed airstrikes": a light verb that carries the attack its object names
    events = _events("The junta employed airstrikes against the rebels' northern brigade near Lashio.")
    strike = next(e for e in events if e.type == "ASSAULT")
    assert strike.actor1 is not None and strike.actor1.text == "junta"


def test_people_from_a_group_act_for_it():
    events = _events("Doctors from three American charities donated medicine to a hospital in Baghdad.")
    gift = next(e for e in events if e.type == "AID")
    assert gift.actor1 is not None and gift.actor1.country == "USA"


def test_a_gerund_after_a_preposition_takes_the_verbs_subject():
    events = _events("Police arrested two men in Mogadishu after raiding their house on Monday.")
    raid = next(e for e in events if e.trigger.text == "raiding")
    assert raid.actor1 is not None and raid.actor1.sector == "COP"


def test_permission_is_an_event():
    events = _events("Turkey will allow 13,000 Kurdish refugees to return home.")
    assert any(e.type in ("CONCEDE", "AGREE") and e.actor1 and e.actor1.country == "TUR" for e in events)


def test_a_border_closure_is_a_sanction_on_the_neighbour():
    closure = next(e for e in _events("Russia closed its borders with Iran and Turkey on Monday.")
                   if e.type == "SANCTION")
    assert _sides(closure) == ("RUS", "IRN")


def test_taking_control_with_modifiers():
    events = _events("Yemeni troops took complete control of the entire Crater district of Aden.")
    assert any(e.type == "COERCE" and e.actor1 and e.actor1.country == "YEM" for e in events)


def test_an_engaged_passives_subject_does_the_act():
    events = _events("Bosnian Serb forces were engaged in the ethnic cleansing of Muslims in eastern Bosnia.")
    cleansing = next(e for e in events if e.type == "ASSAULT")
    assert cleansing.actor1 is not None and cleansing.actor1.country == "BIH" and cleansing.actor1.sector == "MIL"


@pytest.mark.parametrize("text", [
    "Hundreds of civilians were caught in the shelling of Donetsk.",
    "Two journalists were caught in an ambush near Kunduz.",
])
def test_who_is_caught_in_an_attack_suffers_it(text):
    assert not any(e.actor1 is not None and e.actor1.sector in ("CVL", "MED")
                   for e in _events(text) if e.type == "ASSAULT")


def test_an_entry_that_asks_for_an_object_is_matched_before_the_bare_phrasal_verb():
    events = _events("The union of Kenyan doctors called off a two-week strike after talks with the government.")
    assert not any(e.type == "REJECT" for e in events)


@pytest.mark.parametrize("text", [
    "Four soldiers were hurt when an IED planted by unknown militants hit their convoy "
    "in Tirah Valley.",
    "Five soldiers were wounded in a bomb blast blamed on militants.",
])
def test_whoever_placed_the_weapon_did_it(text):
    assert any(e.actor1 is not None and e.actor1.sector == "REB" for e in _events(text) if e.type == "ASSAULT")


def test_a_killing_with_no_doer_takes_the_attack_it_followed():
    events = _events("Four soldiers were killed and their guns seized following an al Shabaab ambush "
                     "near Wajid in Bakool.")
    killing = next(e for e in events if e.type == "ASSAULT")
    assert killing.actor1 is not None and killing.actor1.name.lower().startswith("al") \
        and killing.actor2 is not None and killing.actor2.sector == "MIL"


def test_between_names_the_parties_not_the_places():
    events = _events("Heavy fighting broke out near Muse village between Lashio and Hsenwi between the Ta'ang "
                     "rebels and Myanmar troops.")
    fighting = next(e for e in events if e.type == "ASSAULT")
    assert fighting.actor1 is not None and fighting.actor1.country == "MMR"


def test_a_killing_coordinated_with_its_cause_takes_the_causes_doer():
    events = _events("Two civilians were killed and Indian troops shelled the village of Kotli on Sunday.")
    killing = next(e for e in events if e.type == "ASSAULT" and e.trigger.text == "killed")
    assert killing.actor1 is not None and killing.actor1.country == "IND"


@pytest.mark.parametrize("text, country", [
    ("On 14 May, Pakistani security forces opened unprovoked fire on posts near Arnia.", "PAK"),
    ("Three Naxalites were killed in an operation by the special task force of Odisha police early on "
     "Sunday.", "IND"),
])
def test_resorting_to_an_act_and_operations_involving_forces(text, country):
    event = next(e for e in _events(text) if e.type == "ASSAULT")
    assert event.actor1 is not None and event.actor1.country == country


def test_armed_forces_acting_when_the_killing_happened_did_it():
    events = _events("Two infiltrators were killed when Army troops foiled a bid to cross the "
                     "border in Uri, India.")
    killing = next(e for e in events if e.type == "ASSAULT")
    assert killing.actor1 is not None and killing.actor1.sector == "MIL"


@pytest.mark.parametrize("text, sector", [
    ("The Frontier Corps in Balochistan said it had searched a village near Turbat. "
     "In the operation, two suspected militants died in an exchange of fire.", ...),
    ("Sindh Rangers raided a hideout in Karachi where four TTP members were killed.", "COP"),
])
def test_killed_in_an_operation_told_just_before_by_whoever_conducted_it(text, sector):
    assert any(e.actor1 is not None and e.actor1.country == "PAK" and _matches(e.actor1.sector, sector)
               for e in _events(text) if e.type == "ASSAULT")


def test_a_third_party_acts_between_two():
    events = _events("African Union Commission chief Moussa Faki tried to mediate between Sudan "
                     "and the rebel commander Abdel Aziz al-Hilu this week.")
    mediation = next(e for e in events if e.type == "CONSULT")
    assert mediation.actor1 is not None and mediation.actor1.sector == "IGO"
    assert mediation.actor2 is not None and mediation.actor2.country == "SDN"


def test_between_on_an_act_with_its_own_parties_is_where():
    events = _events("KIA fighters ambushed Myanmar Armed Forces between Bhamo and Myitkyina.")
    ambush = next(e for e in events if e.type == "ASSAULT")
    assert ambush.actor2 is not None and ambush.actor2.sector == "MIL"


def test_a_demand_noun_whose_clause_hangs_on_its_verb():
    events = _events("The International Labor Office repeated its demand on Monday that Israel lift limits "
                     "on where Palestinian workers may travel.")
    demand = next(e for e in events if e.type == "REQUEST")
    assert demand.actor2 is not None and demand.actor2.country == "ISR"


@pytest.mark.parametrize("text", [
    # "followed" on the operation noun
    "On 6 March 2024, government forces (SNA) and Galmudug security forces launched a joint operation "
    "in Xarardheere (Mudug), followed by a gunfight with Al Shabaab militants.",
    # "followed" on the verb that launched it
    "On 9 March 2024, government forces (SNA) launched an operation in Dhuusamarreeb, followed by a "
    "gunfight with Al Shabaab militants.",
])
def test_an_exchange_of_fire_that_followed_an_operation_is_its_conductors(text):
    clash = next(e for e in _events(text) if e.type == "ASSAULT")
    assert clash.actor1 is not None and clash.actor1.sector == "MIL" and clash.actor2 is not None


def test_who_is_opposed_to_something_opposes_it():
    events = _events("Turkey is opposed to Greek drilling in the disputed waters off Cyprus.")
    opposition = next(e for e in events if e.type == "REJECT")
    assert _sides(opposition) == ("TUR", "GRC")


def test_a_gerunds_by_phrase_is_its_doer_whatever_its_clause():
    events = _events("Dozens of households abandoned their homes in the Neelum valley last week due "
                     "to heavy shelling by Indian border troops.")
    shelling = next(e for e in events if e.type == "ASSAULT")
    assert shelling.actor1 is not None and shelling.actor1.country == "IND"


def test_two_sides_of_a_clash_are_not_lost_to_a_line_that_names_nobody():
    events = _events("The armies of Armenia and Azerbaijan on Tuesday exchanged heavy fire along the border.")
    clash = next(e for e in events if e.type == "ASSAULT")
    assert {clash.actor1.country, clash.actor2.country} == {"ARM", "AZE"}


@pytest.mark.parametrize("text, etype, sides", [
    # a visit told by a verb of going: the traveller visits where they went (a capital as its government)
    ("The Kenyan president arrived in Kampala on a two-day visit on Monday.", "CONSULT", ("KEN", "UGA")),
    # hosting: the noun "welcome" given to a visitor
    ("The French president gave a warm welcome on Monday to the visiting Kenyan leader.", "CONSULT", ("FRA", "KEN")),
    # a grant given is aid, to its dative
    ("Norway will give Malawi a grant of 40 million dollars for schools.", "AID", ("NOR", "MWI")),
    # permission: whom the verb lets act is the subject the parse gives the infinitive
    ("The Ghanaian electoral court decided to allow candidate John Mahama to run in the vote.", "CONCEDE",
     ("GHA", "GHA")),
    # a ban lifted: whom it weighed on
    ("President Kagame said he is prepared to lift ban on Uganda's opposition party.", "CONCEDE", ("RWA", "UGA")),
    # criticism of someone's act: its doer
    ("Greece on Monday condemned as a provocation Turkey's drilling near Crete.", "ACCUSE", ("GRC", "TUR")),
    # a withdrawal concerns whom it leaves, whatever moves
    ("Egypt said it will withdraw its monitors from Sudan next month.", "RETREAT", ("EGY", "SDN")),
    # going back on a promise to someone
    ("President Sall has reneged on his promise to the Senegalese people to hold a vote.", "REJECT",
     ("SEN", "SEN")),
    # a refusal to let someone act
    ("The rebels refused to allow Kenyan aid planes to land in Juba.", "REJECT", (..., "KEN")),
    # cutting aid, and stopping a mediation
    ("The United Nations reduced food supplies to a Sudanese refugee camp in Chad.", "SANCTION", (None, "SDN")),
    ("Egyptian officers ended mediation efforts between Libyan militias on Sunday.", "SANCTION", ("EGY", "LBY")),
])
def test_participants_of_visits_grants_permissions_and_withdrawals(text, etype, sides):
    event = next(e for e in _events(text) if e.type == etype)
    assert _matches(_sides(event), sides), (event.actor1, event.actor2)


def test_up_to_a_count_is_the_object_not_a_particle():
    # the parse takes "up to 12" for the particle "up" and its "to"
    event = next(e for e in _events("Syrian rebels have kidnapped up to 12 Lebanese soldiers near the border "
                                    "and burned two trucks in Homs.") if e.type in ("ASSAULT", "COERCE"))
    assert event.actor2 is not None and event.actor2.country == "LBN"


def test_readings_too_loose_for_an_event_with_no_doer_do_not_keep_it():
    # no one lets anyone act here: "the software" names no actor, so no event is made of the permission
    events = _events("The new software allows the army to predict supply needs.")
    assert not any(e.type == "CONCEDE" and e.actor1 is None for e in events)


@pytest.mark.parametrize("text, etype, sides", [
    # a withdrawal or deployment told by a noun: what moves is whose move it is; where it leaves
    ("The pace of the withdrawal of French troops from Mali slowed this week.", "RETREAT", ("FRA", "MLI")),
    # a complaint made to one party about another's act accuses the doer
    ("Syria complained to the Security Council on Monday over three Turkish drone strikes near Qamishli.",
     "ACCUSE", ("SYR", "TUR")),
    # an investigation into what someone did targets who did it
    ("Kenyan police opened an investigation into killings committed by Somali militiamen near the border.",
     "ACCUSE", ("KEN", "SOM")),
])
def test_participants_of_moves_investigations_and_complaints(text, etype, sides):
    event = next(e for e in _events(text) if e.type == etype)
    assert _sides(event) == sides, (event.actor1, event.actor2)


def test_the_release_of_captives_does_not_make_them_the_doer():
    events = _events("Officials welcomed the release of the kidnapped Nigerian schoolgirls on Sunday.")
    assert not any(e.type == "RETREAT" and e.actor1 is not None and e.actor1.country == "NGA" for e in events)


def test_firing_that_injured_people_is_the_shooters_act():
    events = _events("Indian border guards resorted to firing that injured four Bangladeshi farmers near Hili.")
    hurt = next(e for e in events if e.trigger.text == "injured")
    assert hurt.actor1 is not None and hurt.actor1.country == "IND"


@pytest.mark.parametrize("text, trigger", [
    ("Angry youths resorted to attacking the police station in Kano.", "attacking"),
    ("Some students resorted to looting shops in Goma on Friday.", "looting"),
])
def test_a_resort_verb_parsed_as_a_participle_still_names_the_doer(text, trigger):
    # the parse hangs "resorted" on its subject as if the youths were resorted: they are the doers
    event = next(e for e in _events(text) if e.trigger.text == trigger)
    assert event.actor1 is not None and event.actor1.text.split()[-1] in ("youths", "students")


def test_air_strikes_backing_troops_are_the_troops():
    events = _events("Iraqi forces supported by tanks and airstrikes stormed Islamic State positions west of Ramadi.")
    strikes = next(e for e in events if e.trigger.text == "airstrikes")
    assert strikes.actor1 is not None and strikes.actor1.country == "IRQ"


def test_a_pronoun_in_the_clause_of_the_attack_is_the_named_doer():
    # the clause's "they" is the bombers the main clause names, not the people they killed
    events = _events("Two Afghan suicide bombers killed 14 people as well as themselves on Friday when they "
                     "blew themselves up in Kandahar, police said.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor1 is not None and "bombers" in attack.actor1.text


def test_a_preposition_left_without_its_object_takes_the_noun_after_it():
    # the parse reads "officers" as the subject of "hiding"; they are who the asylum is granted to
    event = next(e for e in _events("Chile has granted political asylum to six Bolivian army officers hiding in "
                                    "an embassy annex since last month.") if e.type == "AID")
    assert _sides(event) == ("CHL", "BOL")


@pytest.mark.parametrize("text", [
    "Insurgents killed 6 policemen in an ambush outside Mopti, the worst attack on the security forces this year.",
    "Gunmen stormed a village in Ituri on Sunday, the third attack on civilians this week.",
    "Gunmen ambushed a convoy near Gao, the latest such attack in the region.",
])
def test_a_ranked_attack_in_apposition_is_the_assault_named_again(text):
    assaults = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].trigger.text != "attack"
    assert assaults[0].actor1 is not None and assaults[0].actor2 is not None


def test_the_restated_attack_lends_its_target_to_an_assault_without_one():
    storming = next(e for e in _events("Gunmen stormed a village in Ituri on Sunday, the third attack on "
                                       "civilians this week.") if e.type == "ASSAULT")
    assert storming.actor2 is not None and storming.actor2.text == "civilians"


def test_a_ranked_attack_restates_the_assault_it_hangs_on_not_the_main_one():
    # the apposition ranks the earlier bombing; the killing told by the main verb stays its own event
    events = _events("Militants killed three police officers in Kano on Monday, days after the bombing of a "
                     "mosque in Zaria, the deadliest attack in the state this year.")
    assert sorted(e.trigger.text for e in events if e.type == "ASSAULT") == ["bombing", "killed"]


@pytest.mark.parametrize("text, victim", [
    ("Eleven traders died in the attack on the cattle market outside Maiduguri on Tuesday.", "traders"),
    ("Three nurses perished in the bombing of the clinic in Kandahar, officials said.", "nurses"),
])
def test_who_died_in_an_attack_suffered_it(text, victim):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor1 is None or victim not in attack.actor1.text
    assert attack.actor2 is not None and victim in attack.actor2.text


def test_who_died_in_a_clash_was_one_side_of_it():
    clash = next(e for e in _events("A soldier died in a clash with Maoist rebels near Dantewada on Monday.")
                 if e.type == "ASSAULT")
    sides = {clash.actor1.text if clash.actor1 else None, clash.actor2.text if clash.actor2 else None}
    assert sides == {"soldier", "Maoist rebels"}


@pytest.mark.parametrize("text, doer", [
    ("A Nepali herder was gunned down and another injured by Indian border guards near the river on Monday.",
     "border guards"),
    ("Two farmers were beaten and stabbed by soldiers at a checkpoint near Goma.", "soldiers"),
])
def test_coordinated_passives_share_their_agent(text, doer):
    first = next(e for e in _events(text) if e.type == "ASSAULT")
    assert first.actor1 is not None and doer in first.actor1.text


@pytest.mark.parametrize("text", [
    "Indian soldiers resorted to firing and heavy mortar shelling at Pakistani bunkers near Nakyal on Tuesday.",
    "A porter and a shepherd were hurt in heavy shelling and firing by India along the frontier near Kotli.",
])
def test_attack_nouns_coordinated_in_one_phrase_share_doer_and_target(text):
    shelling = next(e for e in _events(text) if e.trigger.text == "shelling")
    assert shelling.actor1 is not None and shelling.actor1.country == "IND"
    assert shelling.actor2 is not None


def test_an_arrest_with_no_one_named_was_made_by_the_police_of_the_state_where_it_happened():
    # ACLED's codebook: arrests are state forces detaining people; the captor is inferred, not written
    arrest = next(e for e in _events("More than 400 opposition supporters were arrested in Rajshahi and Bogra "
                                     "on Friday.") if e.type == "COERCE")
    assert arrest.actor1 is not None and (arrest.actor1.country, arrest.actor1.sector) == ("BGD", "COP")
    assert arrest.actor1.text == ""


@pytest.mark.parametrize("text", [
    "Two engineers were detained by rebels near Kidal on Monday.",  # a named captor stays
    "Nobody should be arrested in Harare for speaking out, the bishop said.",  # no arrest took place
])
def test_an_arrest_by_someone_named_or_not_made_takes_no_inferred_police(text):
    for event in _events(text):
        assert event.actor1 is None or event.actor1.text != ""


@pytest.mark.parametrize("text, country", [
    ("Army trucks were ambushed near a hill village outside Myitkyina on Tuesday.", "MMR"),
    ("A roadside bomb went off as a patrol vehicle carrying five soldiers passed a market in Narathiwat, "
     "killing two of them.", "THA"),
    ("A police constable was killed in crossfire near Kupwara on Sunday.", "IND"),
])
def test_an_attack_with_no_doer_named_is_an_unidentified_armed_groups_of_the_state_where_it_happened(text, country):
    # ACLED's codebook: "Unidentified Armed Group (<country>)"; the doer is inferred, not written
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor1 is not None and attack.actor1.text == ""
    assert (attack.actor1.name, attack.actor1.country, attack.actor1.sector) == ("unidentified armed group", country, "REB")


@pytest.mark.parametrize("text, doer", [
    ("The Levies carried out a search operation near Panjgur on Monday. Two insurgents were killed in an "
     "exchange of fire.", "Levies"),
    ("Rangers conducted a raid in Orangi town on Friday, killing three suspected gang members.", "Rangers"),
])
def test_a_killing_told_in_or_after_an_operation_is_done_by_the_forces_that_conducted_it(text, doer):
    killing = next(e for e in _events(text) if e.type == "ASSAULT" and e.trigger.text != "raid")
    assert killing.actor1 is not None and doer in killing.actor1.text


def test_those_hit_in_a_raid_who_are_the_raiders_own_were_hit_by_the_other_side():
    events = _events("Police carried out a raid on a hideout in Peshawar on Monday. Two policemen were wounded in "
                     "the exchange of fire.")
    fight = next(e for e in events if e.trigger.text.startswith("exchange"))
    sides = [a for a in (fight.actor1, fight.actor2) if a is not None]
    assert [a.text for a in sides if a.sector == "COP"] == ["Two policemen"]  # not the raiders as their own foe
    assert [a.name for a in sides if a.sector == "REB"] == ["unidentified armed group"]


@pytest.mark.parametrize("text, doer, country", [
    ("Three soldiers were hurt when a roadside bomb went off near Bannu on Monday. Officials blamed the insurgents.",
     "insurgents", "PAK"),
    ("A homemade bomb went off near Kandahar on Sunday as Taliban fighters were setting it up, killing a farmer.",
     "Taliban", "AFG"),
])
def test_an_attack_whose_doer_is_told_outside_its_clause_takes_that_doer(text, doer, country):
    attack = next(e for e in _events(text) if e.type == "ASSAULT" and e.trigger.text in ("went", "exploded"))
    assert attack.actor1 is not None and doer in attack.actor1.text and attack.actor1.country == country


def test_a_verb_the_parse_hangs_on_the_participle_describing_its_subject_keeps_that_subject():
    events = _events("On 9 May 2025, a police officer (Haramcad) armed with a pistol shot and killed a bus driver in "
                     "Hodan district of Mogadishu.")
    killing = next(e for e in events if e.trigger.text == "killed")
    assert killing.actor1 is not None and "police officer" in killing.actor1.text


def test_the_casualties_of_an_unclaimed_blast_told_in_its_sentence_share_its_unidentified_doer():
    events = _events("A mine blast near Kirkuk killed three shepherds and wounded four others on Monday.")
    wounding = next(e for e in events if e.trigger.text == "wounded")
    assert wounding.actor1 is not None and (wounding.actor1.name, wounding.actor1.country) == (
        "unidentified armed group", "IRQ")


@pytest.mark.parametrize("text", [
    # the doer is named by a claim in the next sentence
    "A grenade hit an army post in Kismayo, wounding three soldiers. Al Shabaab claimed the attack.",
    # or in the sentence, outside the event's own slots
    "A landmine went off near Kunduz as Taliban fighters were hiding it under a culvert, killing two of them.",
    # the sides are told, if not by name
    "Two men died when two rival bands of herders fought near Comilla on Monday.",
    # no attack: an accident
    "Nine passengers were killed when a bus overturned near Quetta on Friday.",
])
def test_no_unidentified_armed_group_where_the_text_tells_who_did_it_or_nobody_attacked(text):
    for event in _events(text):
        assert event.actor1 is None or event.actor1.name != "unidentified armed group"


@pytest.mark.parametrize("text", [
    # an armed group that takes captives is as likely the captor as the police
    "On 3 June 2025, Al Shabaab kidnapped four farmers near Jamaame and took them to Jilib. "
    "Their teacher was arrested while travelling from Kismayo.",
    # those held are called its victims
    "On 8 August 2025, Al Shabaab gunmen shot dead three herders near Bu'aale. The victims had been detained for months.",
    # the captor is named on the verb coordinated with the arrest
    "Rights workers said five fishermen were arrested and beaten by soldiers near Sittwe.",
])
def test_no_police_is_inferred_where_someone_else_holds_the_captives(text):
    for event in _events(text):
        if event.type == "COERCE":
            assert event.actor1 is None or event.actor1.sector != "COP" or event.actor1.text != ""


@pytest.mark.parametrize("text, doer", [
    ("A border guard was killed and a colleague injured when gunmen opened fire on them near Khan Younis on Thursday.",
     "gunmen"),
    ("One activist was killed and 12 people were injured as police opened fire on a rally in Bogra on Monday.",
     "police"),
])
def test_the_clause_on_a_coordinated_casualty_verb_names_who_caused_both(text, doer):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor1 is not None and doer in attack.actor1.text


def test_a_participle_clause_is_not_a_cause_lent_to_the_verb_before():
    # "killing ..." tells what the attack did, not another attack that caused the first
    events = _events("The truck hit a landmine outside Wajir and was later attacked with gunfire, killing six "
                     "of the men aboard.")
    assert any(e.actor2 is not None and "men" in e.actor2.text for e in events if e.type == "ASSAULT")


@pytest.mark.parametrize("text, other", [
    ("Kenyan President William Ruto met opposition leader Raila Odinga at State House in Nairobi on Tuesday.",
     "Raila Odinga"),
    ("Israeli Prime Minister Benjamin Netanyahu met Defence Minister Yoav Gallant in Jerusalem on Sunday.",
     "Yoav Gallant"),
])
def test_two_named_people_of_one_state_are_two_actors(text, other):
    meeting = next(e for e in _events(text) if e.type == "CONSULT")
    assert meeting.actor2 is not None and other in meeting.actor2.text


def test_a_state_and_its_own_envoy_stay_one_side():
    # "its ambassador" is France's own: no second actor
    recall = next(e for e in _events("France said it would recall its ambassador from Niger.") if e.type == "SANCTION")
    assert recall.actor2 is None or recall.actor2.country != "FRA"


def test_police_preventing_a_rally_restrict_whoever_staged_it():
    events = _events("Riot police prevented a march organised by nurses outside the ministry in Lusaka on Monday.")
    coerce = next(e for e in events if e.type == "COERCE")
    assert coerce.trigger.text == "prevented" and coerce.actor2 is not None and "nurses" in coerce.actor2.text
    assert not any(e.type == "PROTEST" for e in events)  # the march did not take place


def test_rejecting_a_thing_made_by_someone_is_rejecting_its_maker():
    reject = next(e for e in _events("Ecuador rejected the claims made by Peru about the border incident.")
                  if e.type == "REJECT")
    assert reject.actor2 is not None and reject.actor2.country == "PER"


@pytest.mark.parametrize("text, doer", [
    ("Indian troops Monday shelled several border posts near Kotli, Pakistani officials said.", "IND"),
    ("Pakistan Rangers Sunday resorted to heavy firing on Indian posts along the border in Samba.", "PAK"),
])
def test_a_subject_before_the_day_is_the_subject(text, doer):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor1 is not None and attack.actor1.country == doer


def test_fire_opened_to_disperse_a_crowd_is_aimed_at_the_crowd():
    fire = next(e for e in _events("Police opened fire to disperse striking dock workers in Mombasa on Friday.")
                if e.trigger.text == "opened fire")
    assert fire.actor2 is not None and "workers" in fire.actor2.text


@pytest.mark.parametrize("text, trigger, doer, target", [
    ("Army troops dislodge Boko Haram from Gwoza and Bama, freeing 20 hostages.", "dislodge", "NGA", "Boko Haram"),
    ("RSF shell Tawila. Three herders died.", "shell", "SDN", None),
])
def test_a_verbless_present_tense_headline_still_has_its_verb(text, trigger, doer, target):
    event = next(e for e in _events(text) if e.trigger.text == trigger)
    assert event.actor1 is not None and event.actor1.country == doer
    if target:
        assert event.actor2 is not None and event.actor2.text == target


@pytest.mark.parametrize("text, victim", [
    ("Two drivers were killed in an attack on their convoy near Gao on Monday.", "drivers"),
    ("Three guards and a cook wounded in a grenade attack on a police post in Garissa.", "guards"),
])
def test_the_target_of_the_attack_someone_died_in_is_not_its_doer(text, victim):
    for event in (e for e in _events(text) if e.type == "ASSAULT"):
        assert event.actor1 is None or ("convoy" not in event.actor1.text and "post" not in event.actor1.text
                                        and victim not in event.actor1.text)


def test_a_participle_without_were_tells_its_victims():
    # notes and headlines drop the auxiliary: "soldiers killed" is a passive, its subject the dead
    events = _events("Five soldiers killed and two injured due to shelling by the rebels in Kidal.")
    killing = next(e for e in events if e.type == "ASSAULT")
    assert killing.actor2 is not None and "soldiers" in killing.actor2.text
    assert killing.actor1 is not None and "rebels" in killing.actor1.text


def test_who_died_of_an_act_suffered_it():
    torture = next(e for e in _events("A detained farmer died as a result of torture in a police cell in Harare.")
                   if e.type == "ASSAULT")
    assert torture.actor2 is not None and "farmer" in torture.actor2.text
    assert torture.actor1 is None or "farmer" not in torture.actor1.text


def test_an_active_verb_coordinated_with_a_passive_shares_its_subject():
    resign = next(e for e in _events("The mayor of Goma has been charged with fraud by a military court and will "
                                     "resign on Friday.") if e.trigger.text == "resign")
    assert resign.actor1 is not None and "mayor" in resign.actor1.text


def test_a_passive_participle_coordinated_with_a_passive_does_not_make_its_victims_the_doers():
    for event in _events("Two pupils were attacked and kidnapped near their school in Kaduna on Monday."):
        assert event.actor1 is None or "pupils" not in event.actor1.text


@pytest.mark.parametrize("text, trigger, doer", [
    ("The African Union urged Rwanda to withdraw its soldiers from eastern Congo.", "withdraw", "RWA"),
    ("Germany called on Serbia to release the detained activists.", "release", "SRB"),
    ("The court ordered the Kenyan police to free the two bloggers.", "free", "KEN"),
])
def test_the_one_urged_or_ordered_to_act_is_the_doer_of_the_act(text, trigger, doer):
    act = next(e for e in _events(text) if e.trigger.text == trigger)
    assert act.actor1 is not None and act.actor1.country == doer


def test_called_on_names_who_is_asked():
    request = next(e for e in _events("Germany called on Serbia to release the detained activists.")
                   if e.type == "REQUEST")
    assert request.actor2 is not None and request.actor2.country == "SRB"


def test_a_request_about_a_place_is_addressed_to_its_state():
    request = next(e for e in _events("About 2,000 Eritrean families sought asylum in Sweden last year.")
                   if e.type == "REQUEST")
    assert request.actor2 is not None and request.actor2.country == "SWE"


@pytest.mark.parametrize("text, doer", [
    ("On 11 March 2025, 2 police officers armed with rifles shot and killed a shopkeeper in Jowhar.",
     "police officers"),
    ("On 9 May 2025, a government soldier armed with a pistol shot and wounded a bus driver in Kismayo.", "soldier"),
])
def test_who_was_armed_with_the_weapon_fired_it(text, doer):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor1 is not None and doer in attack.actor1.text and attack.actor1.country == "SOM"


def test_a_verb_coordinated_with_a_noun_is_no_co_actor():
    # the parse coordinates "killed" with "officers": the verb and its object are not a second doer
    events = [e for e in _events("On 11 March 2025, 2 police officers armed with rifles shot and killed a shopkeeper "
                                 "in Jowhar.") if e.type == "ASSAULT"]
    assert all(e.actor1 is None or "killed" not in e.actor1.text for e in events)


def test_forces_doing_something_when_they_acted_are_the_subject():
    # the parse reads "forces conducting a patrol" as a clause subject of "opened"
    fire = next(e for e in _events("On 14 June 2025, national army forces conducting a patrol opened fire at "
                                   "traders near the livestock market in Afgoye.") if e.type == "ASSAULT")
    assert fire.actor1 is not None and "forces" in fire.actor1.text


@pytest.mark.parametrize("text", [
    "Five traders were killed in a fire at a market in Kano on Monday.",
    "An explosion at a chemical plant near Tianjin killed 12 workers on Monday.",
    "A blast at a coal mine in Zonguldak province killed 20 miners on Monday.",
    "A gas cylinder explosion killed four diners in a restaurant in Lahore on Monday.",
    "Lightning struck their boat on Lake Victoria on Monday, killing six fishermen.",
    "A fire broke out in a garment factory in Dhaka on Monday, killing 10 workers.",
    "A fuel tanker exploded on a highway near Multan on Sunday, killing 40 villagers.",
    "Seven patients died after a short circuit started a blaze in a hospital ward in Baghdad.",
])
def test_an_accident_gets_no_inferred_attacker(text):
    for event in _events(text):
        assert event.actor1 is None or event.actor1.text != "" or event.actor1.name not in (
            "unidentified armed group", "unidentified military forces"), (event.trigger.text, event.actor1)


@pytest.mark.parametrize("text", [
    "A bomb exploded at a market in Quetta on Monday, killing eight shoppers.",
    "A landmine explosion near Kirkuk killed three shepherds on Monday.",
    "A bomb went off in a factory in Peshawar on Monday, killing five workers.",
    "A minefield explosion near Falluja killed three farmers and wounded two others on Monday.",
    # no weapon named, but the blast hit an armed side
    "Two policemen were wounded in a blast near a checkpoint in Quetta on Monday.",
    "An explosion tore through a navy post in Chittagong on Friday, wounding six sailors.",
])
def test_an_explosion_of_a_weapon_still_gets_an_unidentified_armed_group(text):
    assert any(e.actor1 is not None and e.actor1.name == "unidentified armed group" and e.actor1.text == ""
               for e in _events(text))


@pytest.mark.parametrize("text", [
    "An air strike on a market in Saada province killed 15 shoppers on Monday.",
    "Eleven villagers were killed by a missile strike from the air near Idlib on Tuesday.",
])
def test_an_air_strike_with_no_doer_told_is_unidentified_military_forces(text):
    attack = next(e for e in _events(text) if e.type == "ASSAULT" and "strike" in e.trigger.text)
    assert attack.actor1 is not None
    assert (attack.actor1.text, attack.actor1.name, attack.actor1.country, attack.actor1.sector) == (
        "", "unidentified military forces", None, "MIL")


def test_actors_built_from_a_place_take_the_state_of_their_day():
    """Juba was Sudan's before July 2011: the unidentified attacker, the police of an arrest and a place
    target built from a place there are Sudan's in 1995 and South Sudan's today."""
    def coded(published):
        events = _events("Three soldiers were killed when a bomb exploded near Juba on Monday. Two traders "
                         "were arrested in Juba on Tuesday.", published)
        attack = next(e for e in events if e.trigger.text == "exploded")
        arrest = next(e for e in events if e.trigger.text == "arrested")
        return attack.actor1.country, arrest.actor1.country

    assert coded("1995-03-01") == ("SDN", "SDN")
    assert coded("2025-03-01") == ("SSD", "SSD")


def test_the_unidentified_attacker_takes_the_outlets_country_where_the_text_names_no_place():
    coded = code(Article(text="Two policemen were wounded when a bomb exploded outside their station on Monday.",
                         outlet="Dawn"), published="2025-06-01")
    attack = next(e for e in coded.events if e.trigger.text == "exploded")
    assert attack.actor1 is not None and (attack.actor1.name, attack.actor1.country) == (
        "unidentified armed group", "PAK")


def test_a_blast_in_an_article_that_tells_a_bombing_is_that_attack():
    text = ("Toll of Mosque Bombing in Kandahar Rises\n\n"
            "Officials said on Sunday that the death toll had climbed to at least 41 from Friday's twin blasts "
            "outside a mosque in Kandahar.")
    attack = next(e for e in _events(text) if e.trigger.text == "blasts")
    assert attack.actor1 is not None and (attack.actor1.name, attack.actor1.country) == (
        "unidentified armed group", "AFG")


def test_forces_fought_with_are_the_doer_even_where_the_parse_hangs_the_fight_on_those_killed():
    events = _events("A local commander of the Pakistani Taliban was killed along with four other fighters in an "
                     "encounter with the police at Korangi on Monday.")
    killing = next(e for e in events if e.trigger.text == "killed")
    assert killing.actor1 is not None and (killing.actor1.text, killing.actor1.sector) == ("police", "COP")


@pytest.mark.parametrize("text, country", [
    ("Six insurgents were killed in a search operation near Kalat on Thursday.", "PAK"),
    ("Four rebels died during a raid on their camp outside Maiduguri, officials said.", "NGA"),
])
def test_armed_men_killed_in_an_operation_no_one_is_named_as_conducting_were_hit_by_the_states_forces(text, country):
    # news calls a sweep against armed men an operation when the state runs it; the doer is inferred, not written
    killing = next(e for e in _events(text) if e.type == "ASSAULT")
    assert killing.actor1 is not None and killing.actor1.text == ""
    assert (killing.actor1.name, killing.actor1.country, killing.actor1.sector) == ("security forces", country, "MIL")


@pytest.mark.parametrize("text", [
    "Six villagers were killed in a search operation near Kalat on Thursday.",  # not armed men: no inference
    "Six insurgents were killed in a raid by the Levies near Kalat on Thursday.",  # the doer is told
    "Six insurgents were killed near Kalat on Thursday.",  # no operation told
])
def test_no_state_forces_are_inferred_without_an_unconducted_operation_against_armed_men(text):
    for event in _events(text):
        assert event.actor1 is None or event.actor1.name != "security forces" or event.actor1.text


@pytest.mark.parametrize("text", [
    "Four militants were killed in a rescue operation in Pakistan after the flood.",
    "Three rebels were killed during a vaccination drive near Bunia on Friday.",
    "Two insurgents were killed in a search-and-rescue operation near Kalat on Monday.",
    "Three militants were killed during a bomb-making operation at their hideout near Bannu.",  # their own
    "Five militants were killed in an operation by a rival faction near Kunduz.",  # the killer is told
    "Two rebel commanders died during a raid they led on an army post near Beni.",  # the conductor is told
])
def test_no_state_forces_are_inferred_for_an_operation_no_state_runs_against_armed_men(text):
    for event in _events(text):
        assert event.actor1 is None or event.actor1.text or event.actor1.name not in ("security forces", "police")


@pytest.mark.parametrize("text, name, sector", [
    ("Three gunmen were killed in a police operation in Sao Paulo on Tuesday.", "police", "COP"),
    ("Six militants were killed in a paramilitary operation near Quetta on Friday.", "security forces", "MIL"),
    ("Two militants were killed in a hostage rescue operation near Peshawar.", "security forces", "MIL"),
])
def test_an_operations_modifier_naming_a_state_force_gives_the_inferred_forces_sector(text, name, sector):
    killing = next(e for e in _events(text) if e.type == "ASSAULT")
    assert killing.actor1 is not None and killing.actor1.text == ""
    assert (killing.actor1.name, killing.actor1.sector) == (name, sector)


def test_an_armed_side_named_as_an_operations_modifier_did_it():
    killing = next(e for e in _events("Three soldiers were wounded in a Taliban ambush near Kandahar on Sunday.")
                   if e.type == "ASSAULT")
    assert killing.actor1 is not None and killing.actor1.text == "Taliban"


@pytest.mark.parametrize("text", [
    "One gunman was killed and two others detained during a clash with police near Multan.",
    "A smuggler was shot dead and another arrested by border guards near Chaman on Friday.",
])
def test_an_arrest_told_with_a_killing_by_state_forces_was_made_by_them(text):
    arrest = next(e for e in _events(text) if e.type == "COERCE")
    assert arrest.actor1 is not None and arrest.actor1.text and arrest.actor1.sector in ("MIL", "COP")
    assert arrest.actor1.country == "PAK"


@pytest.mark.parametrize("text", [
    "Soldiers killed two rebels near Beni and, in an unrelated case, a pastor was detained by intelligence "
    "agents in Goma.",
    "Police shot dead a robber in Lagos on Friday after he was arrested by vigilantes.",
])
def test_an_arrest_that_names_its_own_captors_is_not_lent_the_killers(text):
    arrest = next(e for e in _events(text) if e.type == "COERCE")
    assert arrest.actor1 is None or arrest.actor1.text.lower() not in ("soldiers", "police")


def test_an_arrest_coordinated_with_a_killing_by_gunmen_is_not_theirs():
    # only a state's forces arrest: the agent of a killing by an armed group is not lent to an arrest
    events = _events("A man was shot dead by unknown gunmen and his brother was detained the next day in Kano.")
    assert not any(e.type == "COERCE" and e.actor1 is not None and e.actor1.text == "unknown gunmen" for e in events)


@pytest.mark.parametrize("text, doer", [
    ("Police in a late-night drive detained 25 activists of the opposition party in Sylhet.", "Police"),
    ("Soldiers on a patrol shot two smugglers near the border town of Chaman.", "Soldiers"),
])
def test_a_verb_the_parse_hangs_on_the_subjects_own_phrase_keeps_that_subject(text, doer):
    # no main verb found: the first noun becomes the root and the verb describes the noun after "in"/"on"
    event = next(e for e in _events(text) if e.type in ("COERCE", "ASSAULT"))
    assert event.actor1 is not None and event.actor1.text == doer


def test_an_attack_named_again_as_the_shooting_is_the_attack_told_before():
    events = [e for e in _events("Soldiers opened fire on a wedding party in Baidoa on Sunday. The motive for "
                                 "the shooting is unclear.") if e.type == "ASSAULT"]
    assert len(events) == 1 and events[0].actor1.text == "Soldiers"
    assert len(events[0].evidence) == 2


@pytest.mark.parametrize("text", [
    "Police fired on a crowd in Kisumu on Monday. In a separate incident, the shooting of a driver left two wounded.",
    "Soldiers opened fire on protesters in Gulu on Sunday. The shooting of a trader in Lira left one dead.",
])
def test_a_definite_attack_noun_told_as_another_incident_is_not_the_attack_before(text):
    # a word opening another incident, or a town of its own that the earlier attack's sentence does not name
    assert len([e for e in _events(text) if e.type == "ASSAULT"]) == 2


def test_an_attack_named_again_beside_a_doer_of_its_own_is_not_joined():
    events = _events("A bomb went off outside a school in Khost on Monday. The governor blamed the Taliban "
                     "for the attack.")
    assert any(e.type == "ASSAULT" and e.actor1 is not None and e.actor1.text == "Taliban" for e in events)


@pytest.mark.parametrize("text, trigger, target", [
    ("A rebel commander was among five fighters killed in a raid near Kalat on Monday.", "killed", "five fighters"),
    ("The list of inmates pardoned by the president on national holidays grew longer this year.", "pardoned",
     "inmates"),
])
def test_the_noun_a_participle_of_harm_describes_is_who_suffered_it(text, trigger, target):
    event = next(e for e in _events(text) if e.trigger.text == trigger)
    assert event.actor2 is not None and event.actor2.text == target


def test_a_thing_a_participle_describes_is_no_one_released():
    events = _events("A report from the disaster agency released on Thursday showed that floods hit 9,000 homes.")
    assert not any(e.type == "RETREAT" for e in events)


def test_a_weapon_that_modifies_an_attack_is_not_its_doer():
    attack = next(e for e in _events("Six villagers were hurt in an artillery attack by government troops near Hpakant.")
                  if e.type == "ASSAULT")
    assert attack.actor1 is not None and attack.actor1.text == "government troops"


@pytest.mark.parametrize("text, sides", [
    ("Officials say Kenya is pressing strongly for Uganda to reopen the border crossing at Malaba.",
     ("KEN", "UGA")),
    ("Brazil has long pushed for the European Union to cut its tariffs on beef.", ("BRA", ...)),
])
def test_a_call_for_someone_to_act_is_a_request_to_them(text, sides):
    """The parse makes the "for" of "press/push/call for X to ..." the mark of the clause after it."""
    request = next(e for e in _events(text) if e.type == "REQUEST")
    assert _matches(_sides(request), sides)


def test_a_for_clause_after_a_verb_with_an_object_is_no_request():
    # "for the children to ride" is the purpose of pushing the cart, not a call on the children
    assert not any(e.type == "REQUEST" for e in _events("Farmers pushed the cart for the children to ride in Kano."))


def test_a_call_for_a_government_to_act_is_addressed_to_it():
    request = next(e for e in _events("Striking teachers in Ghana pressed for the government to raise wages.")
                   if e.type == "REQUEST")
    assert request.actor2 is not None and request.actor2.sector == "GOV"


def test_a_count_released_is_not_the_one_person_detained_before():
    events = _events("Police in Harare detained the opposition leader on Friday and released 4 of his aides.")
    events += _events("Police in Harare detained the opposition leader and released 4.")
    assert not any(e.type == "RETREAT" and e.actor2 is not None and "leader" in e.actor2.text for e in events)


def test_a_count_after_an_act_on_one_person_is_not_that_person():
    events = _events("Police in Harare beat the opposition leader, arresting 4.")
    assert not any(e.trigger.text == "arresting" and e.actor2 is not None and "leader" in e.actor2.text
                   for e in events)


def test_another_that_is_no_attack_noun_opens_no_new_incident():
    # "wounded another" names a second victim of the same attack, not a separate incident
    events = _events("Police fired on a crowd in Kisumu on Monday. The shooting of a driver left one dead and "
                     "another wounded.")
    assert len([e for e in events if e.type == "ASSAULT" and e.trigger.text == "shooting"]) == 0


def test_a_bare_count_after_an_act_names_some_of_those_acted_on():
    events = _events("Ugandan police fired tear gas at opposition supporters in Kampala, arresting 40.")
    arrest = next(e for e in events if e.type == "COERCE")
    assert _sides(arrest) == ("UGA", "UGA") and arrest.actor2.sector == "OPP"


def test_a_battle_with_no_other_side_is_fought_against_whom_its_doer_fights_in_the_sentence():
    events = _events("Chadian troops have retaken a border post in eastern Chad after heavy fighting with "
                     "rebels who seized it last week.")
    retaken = next(e for e in events if e.trigger.text == "retaken")
    assert retaken.actor2 is not None and retaken.actor2.sector == "REB"


def test_a_described_group_and_a_named_person_of_one_state_are_two_actors():
    events = _events("Several state governors in the north said they would forgive President Goodluck Jonathan "
                     "after the talks.")
    pardon = next(e for e in events if e.trigger.text == "forgive")
    assert pardon.actor2 is not None and pardon.actor2.name == "Goodluck Jonathan"


def test_a_described_member_and_its_named_force_are_one_actor():
    from sitrep.nlp.events import _same_actor
    from sitrep.records import Actor

    trooper = Actor(text="a trooper", name="trooper", country="IND", sector="MIL")
    assert _same_actor(trooper, Actor(text="the Indian Army", name="Indian Army", country="IND", sector="MIL"))
    assert not _same_actor(trooper, Actor(text="Narendra Modi", name="Narendra Modi", country="IND", sector="GOV"))


@pytest.mark.parametrize("text", [
    "A police officer shot another police officer at a checkpoint in Mombasa on Friday.",
    "A soldier opened fire on another soldier at a base near Kismayo, killing him.",
])
def test_another_of_the_doers_kind_is_acted_on(text):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor2 is not None and attack.actor2.sector == attack.actor1.sector


@pytest.mark.parametrize("text, trigger, victims", [
    ("Burmese troops launched an assault on rebel positions near Muse on Tuesday. Two KIA fighters were "
     "wounded in the attack.", "assault", "rebel positions"),
    ("Nigerian jets carried out strikes in the Sambisa forest on Friday. At least 30 insurgents were killed "
     "in the action.", "strikes", "At least 30 insurgents"),
])
def test_casualties_of_the_attack_named_again_are_that_attacks_victims(text, trigger, victims):
    # one incident, not a second by an unknown hand; its casualties its target where it had none
    events = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(events) == 1 and events[0].trigger.text == trigger
    assert events[0].actor2 is not None and events[0].actor2.text == victims


def test_no_one_killed_is_no_victim_of_the_incident():
    events = _events("Soldiers raided a village near Gao on Monday. No civilians were killed in the raid.")
    raid = next(e for e in events if e.trigger.text == "raided")
    assert raid.actor2 is None or raid.actor2.sector != "CVL"
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["raided"]  # no phantom killing


@pytest.mark.parametrize("text, trigger", [
    ("Gunmen attacked a police station in Kano. No policemen were killed in the attack.", "attacked"),
    ("Bandits attacked a convoy near Zinder. No passengers were hurt in the attack.", "attacked"),
    ("Rebels shelled an army base near Beni. No one was killed, the army said.", "shelled"),
    ("Rebels shelled an army base near Beni. No soldiers were wounded.", "shelled"),
    ("Militants attacked a checkpoint near Kirkuk. Police said none of the officers were injured.", "attacked"),
])
def test_a_casualty_clause_that_says_no_one_suffered_gives_no_event_and_no_victim(text, trigger):
    events = [e for e in _events(text) if e.type == "ASSAULT"]
    assert [e.trigger.text for e in events] == [trigger]
    victim = events[0].actor2
    assert victim is None or victim.text.split()[-1] not in ("policemen", "passengers", "soldiers", "officers")


def test_the_victims_told_after_do_not_replace_a_person_attacked():
    # "Musa Danjuma" is unknown to the KB (no sector), but a person, not the place the attack hit
    events = _events("Gunmen opened fire on Musa Danjuma in Kaduna on Friday. Two policemen were wounded.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor2 is not None and attack.actor2.text == "Musa Danjuma"


def test_the_victims_told_after_replace_the_place_attacked():
    events = _events("Militants attacked Kidal on Friday. Four soldiers were killed.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor2 is not None and attack.actor2.text == "Four soldiers"


@pytest.mark.parametrize("text", [
    "Insurgents sabotaged the pipeline running to Basra overnight.",
    "Rebels blew up the power lines leading into Baghdad overnight.",
])
def test_a_thing_attacked_is_aimed_at_the_place_it_reaches(text):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor2 is not None and attack.actor2.country == "IRQ"


@pytest.mark.parametrize("text, place", [
    ("Taliban fighters attacked a convoy heading to Kandahar on Sunday.", "Kandahar"),
    ("Gunmen ambushed a bus travelling from Mandera to Nairobi on Tuesday.", "Mandera"),
    ("Militants attacked a truck bound for Herat on Monday.", "Herat"),
    ("Rebels ambushed a fuel tanker running to Juba on Friday.", "Juba"),
])
def test_where_a_vehicle_attacked_goes_is_not_the_target(text, place):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert attack.actor2 is None or attack.actor2.text != place


@pytest.mark.parametrize("text, getter", [
    ("Ghana said it could contribute 800 soldiers to a new stabilisation force in Mali.", "MLI"),
    ("Ghana will contribute 800 troops to the multinational mission in Haiti.", "HTI"),
])
def test_own_forces_given_are_no_target_who_gets_them_is(text, getter):
    given = next(e for e in _events(text) if e.trigger.text == "contribute")
    assert _sides(given) == ("GHA", getter)


def test_a_preposition_left_for_the_coordinated_verb_shares_its_object():
    events = _events("Chile restored relations with and reopened its embassy in Caracas on Monday.")
    restored = next(e for e in events if e.type == "SUPPORT")
    assert _sides(restored) == ("CHL", "VEN")


def test_an_act_that_ends_talks_concerns_their_other_side():
    events = _events("The Kenyan Union of Nurses announced on Monday that it had called off a week-long strike "
                     "after negotiations with the Kenyan government.")
    ended = next(e for e in events if e.type == "CONCEDE")
    assert ended.actor2 is not None and ended.actor2.country == "KEN" and ended.actor2.sector == "GOV"


@pytest.mark.parametrize("text, presser", [
    ("The Malian junta refused to hand over power despite calls from ECOWAS.", "ECOWAS"),
    ("The prime minister refused to resign despite growing pressure from the opposition.", "opposition"),
])
def test_a_refusal_despite_pressure_answers_who_pressed(text, presser):
    refusal = next(e for e in _events(text) if e.type == "REJECT")
    assert refusal.actor2 is not None and presser in (refusal.actor2.name, refusal.actor2.country)


def test_a_refusal_despite_what_presses_no_one_has_no_target_from_it():
    # a visit is no pressure: the minister who paid it is not whom the refusal answers
    text = "The president refused to sign the bill despite a visit by the Italian foreign minister."
    refusal = next(e for e in _events(text) if e.type == "REJECT")
    assert refusal.actor2 is None or refusal.actor2.country != "ITA"


@pytest.mark.parametrize("text, doers", [
    ("World leaders urged Russia to withdraw from Ukraine.", "World leaders"),
    ("Foreign troops raided a village near Kandahar on Monday.", "Foreign troops"),
    ("Western governments condemned the bombing of a school in Aleppo.", "Western governments"),
])
def test_a_group_told_as_from_outside_takes_no_country_from_the_context(text, doers):
    event = next(e for e in _events(text) if e.actor1 is not None and e.actor1.text == doers)
    assert event.actor1.country is None


@pytest.mark.parametrize("text, country", [
    ("The foreign ministers met in Nairobi to discuss the war in Sudan.", "KEN"),  # an office, not outsiders
    ("Security forces raided a village near Kandahar on Monday.", "AFG"),
])
def test_an_office_or_a_plain_group_still_takes_the_country_from_the_context(text, country):
    event = next(e for e in _events(text) if e.actor1 is not None)
    assert event.actor1.country == country


@pytest.mark.parametrize("text, doer", [
    ("Six fighters were killed and four others wounded in a US drone strike in Marib province.", "USA"),
    ("Eleven rebels were killed and three others hurt in a Nigerian army raid near Gwoza.", "NGA"),
])
def test_a_strike_told_on_the_last_of_coordinated_casualties_did_all_of_them(text, doer):
    # the parse hangs "in a ... strike" on the second participle ("wounded"): the killing has that doer too
    events = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(events) == 1 and events[0].actor1 is not None and events[0].actor1.country == doer


@pytest.mark.parametrize("text, country", [
    ("Two bombs were found and defused near a church in Sousse on Monday.", "TUN"),
    ("A large cache of weapons and ammunition was seized near Benghazi on Sunday.", "LBY"),
])
def test_weapons_disrupted_with_no_one_named_were_disrupted_by_the_state_forces(text, country):
    event = next(e for e in _events(text) if e.acled and e.acled.sub_event_type == "Disrupted weapons use")
    assert event.actor1 is not None and event.actor1.text == "" and event.actor1.country == country
    assert event.actor1.sector == "MIL"


def test_weapons_disrupted_by_someone_named_keep_that_doer():
    text = "Two bombs were defused by police near a church in Sousse on Monday."
    event = next(e for e in _events(text) if e.acled and e.acled.sub_event_type == "Disrupted weapons use")
    assert event.actor1 is not None and event.actor1.text == "police"


@pytest.mark.parametrize("text, taken", [
    ("Near Kandahar, two villages were cleared of Taliban fighters by government troops.", True),
    ("The army cleared the main road of snow near Srinagar on Monday.", False),  # no ground taken from anyone
    ("Police cleared the square of protesters in Nairobi on Friday.", False),  # no armed men
    ("Troops cleared a path for the aid convoy outside Kandahar.", False),
    ("The officer was cleared of all charges by a court in Lagos.", False),
])
def test_only_ridding_a_place_of_armed_men_takes_it(text, taken):
    seized = [e for e in _events(text) if e.type == "COERCE" and e.trigger.text == "cleared"]
    assert bool(seized) == taken
    if taken:
        assert seized[0].actor1.country == "AFG" and seized[0].acled.sub_event_type == "Government regains territory"


@pytest.mark.parametrize("text, doer", [
    ("On Tuesday the compound of the opposition leader in Harare was surrounded by soldiers.", "ZWE"),
    ("Rebel fighters have surrounded Goma, residents said on Tuesday.", "COD"),  # a named place
    ("Soldiers cordoned off the district after the attack in Mogadishu.", "SOM"),
])
def test_armed_men_surrounding_or_cordoning_off_a_place_blockade_it(text, doer):
    event = next(e for e in _events(text) if e.type == "COERCE")
    assert event.mode == "blockade" and event.actor1 is not None and event.actor1.country == doer


@pytest.mark.parametrize("text", [
    "The village is surrounded by hills and rice fields near Mandalay.",  # no armed doer
    "A military base near Herat is surrounded by the graves of soldiers.",  # the graves only name soldiers
    "Armed police surrounded the singer as he left the stadium in Lagos.",  # a person, not a place
    "Police cordoned the crash site after a lorry overturned near Leeds.",  # no 'off': a scene kept clear
])
def test_what_is_no_blockade(text):
    assert not [e for e in _events(text) if e.type == "COERCE" and e.mode == "blockade"]


@pytest.mark.parametrize("text, arrest", [
    ("Police in Bangladesh said some 200 opposition workers had been held since Friday.", True),
    ("Three officials were held responsible for the lapse in Dhaka.", False),
    ("The new hall in Dhaka can hold 500 people.", False),
    ("Party leaders held talks in Dhaka on Sunday.", False),
    ("Students were held up by traffic on the way to the exam in Dhaka.", False),  # a phrasal verb
    ("Workers were held back by the floodwater near Sylhet on Monday.", False),
    ("Workers were held by the floodwater near Sylhet for two days.", False),  # held by no one
])
def test_people_held_in_the_passive_were_arrested(text, arrest):
    arrests = [e for e in _events(text) if e.type == "COERCE" and e.mode == "arrest"]
    assert bool(arrests) == arrest
    if arrest:  # no one named: the police of the place (`_implicit_captor`)
        assert arrests[0].actor1 is not None and arrests[0].actor1.country == "BGD"


@pytest.mark.parametrize("text, sides", [
    ("A Thai ranger and two separatist gunmen were killed in a shootout in Yala province on Friday.",
     (("THA", "MIL"), "REB")),
    ("Four soldiers and a rebel were killed while the fighting went on near Myitkyina on Monday.",
     (("MMR", "MIL"), "REB")),
])
def test_both_sides_hit_in_a_fight_are_its_sides(text, sides):
    (country, sector), other = sides
    event = next(e for e in _events(text) if e.type == "ASSAULT")
    assert (event.actor1.country, event.actor1.sector) == (country, sector) and event.actor1.text
    assert event.actor2 is not None and event.actor2.sector == other


@pytest.mark.parametrize("text", [
    "Two soldiers and a militant were killed when a roadside bomb exploded near Pattani on Monday.",
    # a fight told in the sentence, but at another moment: the bomb hit both
    "Two soldiers and a militant died in a suicide bombing near Kandahar, days after fighting ended in the district.",
    "Three soldiers and two rebels were killed in a bomb blast near Kidal, a week after clashes in the town.",
])
def test_a_bomb_that_hit_soldiers_and_militants_is_no_battle_between_them(text):
    event = next(e for e in _events(text) if e.type == "ASSAULT")
    assert event.actor1 is None or event.actor1.sector != "MIL"


def test_people_put_under_arrest_are_held_and_one_put_under_investigation_is_accused():
    arrest = next(e for e in _events("Three Rwandan students were placed under house arrest at a hotel in Kampala "
                                     "after the rally.") if e.type == "COERCE")
    assert arrest.mode == "arrest" and arrest.actor2.country == "RWA" and arrest.actor1.country == "UGA"
    probe = next(e for e in _events("A Belgian lawyer was put under investigation by French magistrates over the "
                                    "stadium violence.") if e.type == "ACCUSE")
    assert probe.actor2 is not None and probe.actor2.country == "BEL"
    assert probe.actor1 is not None and probe.actor1.country == "FRA"  # the "by" hung on the phrase's noun


@pytest.mark.parametrize("text, doer, held", [
    ("Thousands of Kachin villagers are being held by the Burmese army near the border.", "MMR", "CVL"),
    ("Militiamen were holding about forty farm workers near Bunia on Sunday.", "COD", "CVL"),
])
def test_armed_men_holding_people_hold_them(text, doer, held):
    # the held may be a count ("thousands of villagers"): what it counts is what an object-bound
    # trigger looks at
    event = next(e for e in _events(text) if e.type == "COERCE")
    assert event.actor1.country == doer and event.actor2 is not None and event.actor2.sector == held


def test_compensation_paid_to_people_is_aid_to_them():
    event = next(e for e in _events("The Tanzanian government has paid compensation to the families of twelve "
                                    "Omani fishermen.") if e.type == "AID")
    assert event.actor1.country == "TZA" and event.actor2 is not None and event.actor2.country == "OMN"


def test_violating_a_rule_defies_whose_rule_it_is_and_violating_a_truce_is_fighting():
    events = _events("The ban imposed by Prime Minister Rafik Hariri was violated by two newspapers in Beirut.")
    defiance = next(e for e in events if e.trigger.text == "violated")
    assert defiance.type == "REJECT" and defiance.actor2 is not None and defiance.actor2.country == "LBN"
    fight = next(e for e in _events("The ceasefire was violated by rebels near Gao on Sunday.")
                 if e.trigger.text == "violated")
    assert fight.type == "ASSAULT"


@pytest.mark.parametrize("text, doer", [
    ("Seoul accused North Korean soldiers of shooting a fisherman near the border on Tuesday.", "PRK"),
    ("Kenya blamed Somali militants for attacking a bus near Mandera.", "SOM"),
])
def test_the_one_accused_of_an_act_did_it(text, doer):
    act = next(e for e in _events(text) if e.type not in ("ACCUSE",))
    assert act.actor1 is not None and act.actor1.country == doer


@pytest.mark.parametrize("text, target", [
    ("Zambian miners rioted following a rally demanding that President Frederick Chiluba step down.",
     "Frederick Chiluba"),
    # what the march wanted is someone freed: that one is its cause, not whom the riot is against
    ("Ugandan students rioted following a march calling for the release of opposition leader Kizza Besigye.", None),
    ("Ugandan students rioted following a peaceful march calling for the release of a jailed singer.", None),
])
def test_a_riot_that_follows_a_march_for_someone_s_removal_is_aimed_at_them(text, target):
    riot = next(e for e in _events(text) if e.type == "PROTEST")
    assert (riot.actor2.name if riot.actor2 else None) == target


@pytest.mark.parametrize("text, target", [
    ("In a radio address, the police chief warned that he would not tolerate more roadblocks by Ghanaian "
     "truckers.", "GHA"),
    ("Officials warned that heavy internet use is hurting the health of Chinese teenagers.", None),
])
def test_a_warning_of_what_someone_will_do_to_something_threatens_whose_it_is(text, target):
    warning = next(e for e in _events(text) if e.type == "THREATEN")
    assert (warning.actor2.country if warning.actor2 else None) == target


@pytest.mark.parametrize("text, owner", [
    ("Rebels on Friday returned ten vehicles taken from Nigerian peacekeepers in May.", "NGA"),
    ("Sudanese troops returned the land seized from the villagers after the court ruling in Darfur.", "SDN"),
    # not taken from them: bought, or recovered from whoever held it, and handed to someone named
    ("The army returned weapons bought from Russian dealers to the armoury in Juba.", None),
    ("Police returned artefacts recovered from British smugglers to the museum in Kabul.", None),
])
def test_what_is_given_back_goes_back_to_whom_it_was_taken_from(text, owner):
    event = next(e for e in _events(text) if e.type == "RETREAT")
    assert (event.actor2.country if event.actor2 else None) == owner


def test_tensions_defused_are_no_weapons_disrupted():
    # "defuse" also eases a crisis: only a weapon defused or seized lets the state's forces be inferred
    events = _events("Tensions in Galkayo were defused after talks between the two clans on Monday.")
    assert not [e for e in events if e.actor1 is not None and e.actor1.text == "" and e.type == "COERCE"]


@pytest.mark.parametrize("text, kind, target", [
    # the thing rejected, approved or accepted names the party it is aimed at
    ("The Syrian opposition rejected an invitation to join a summit of Iraqi tribal leaders.", "REJECT", "IRQ"),
    ("The Kenyan parliament approved a budget that raises the pay of Ugandan peacekeepers.", "SUPPORT", "UGA"),
    ("Chile accepted a plan for settling its border quarrel with Bolivia.", "AGREE", "BOL"),
    ("The Dutch cabinet endorsed the extension of the mandate of NATO troops.", "SUPPORT", None),
])
def test_a_political_act_on_a_thing_is_aimed_at_whom_the_thing_names(text, kind, target):
    event = next(e for e in _events(text) if e.type == kind)
    if target is None:
        assert event.actor2 is not None and event.actor2.sector == "IGO"
    else:
        assert event.actor2 is not None and event.actor2.country == target


@pytest.mark.parametrize("text, kind, opposed", [
    # a clause of the thing that is a hostile act of its own: backing the thing is no support of whom it opposes
    ("The Norwegian parliament approved a bill that sanctions Iranian banks.", "SUPPORT", "IRN"),
    ("Brazil endorsed a draft statement criticising Israeli settlements.", "SUPPORT", "ISR"),
])
def test_backing_a_thing_that_opposes_someone_is_no_support_of_them(text, kind, opposed):
    events = _events(text)
    backing = next(e for e in events if e.type == kind)
    assert backing.actor2 is None or backing.actor2.country != opposed
    # the hostile clause is coded on its own, against them
    assert any(e.type != kind and e.actor2 is not None and e.actor2.country == opposed for e in events)


def test_a_friendly_clause_of_the_thing_still_names_whom_it_is_aimed_at():
    event = next(e for e in _events("Germany supported a resolution welcoming the election in Liberia.")
                 if e.type == "SUPPORT")
    assert event.actor2 is not None and event.actor2.country == "LBR"


@pytest.mark.parametrize("text, kind", [
    # what a claim says names no one the rejection answers
    ("The Nigerien junta rejected the claim that Algerian traders armed the rebels.", "REJECT"),
    ("Peru dismissed reports it had bought drones from Iran.", "REJECT"),
])
def test_whom_a_rejected_claim_talks_about_is_not_the_target(text, kind):
    event = next(e for e in _events(text) if e.type == kind)
    assert event.actor2 is None or event.actor2.country not in ("DZA", "IRN")


@pytest.mark.parametrize("text, kind, target", [
    # what an act is "to", or the act it agrees or refuses to, carries the thing
    ("Spain has agreed to a settlement of its fishing dispute with Morocco.", "AGREE", "MAR"),
    ("Portugal agreed to a ceasefire with Angolan rebels.", "AGREE", "AGO"),
])
def test_what_an_act_agrees_to_names_whom_it_is_aimed_at(text, kind, target):
    event = next(e for e in _events(text) if e.type == kind)
    assert event.actor2 is not None and event.actor2.country == target


def test_what_a_thing_is_about_is_not_whom_the_act_answers():
    event = next(e for e in _events("The Dutch ministry declined to answer questions about the Afghan prisoners.")
                 if e.type == "REJECT")
    assert event.actor2 is None or event.actor2.country != "AFG"


@pytest.mark.parametrize("text, target", [
    # "stopped work" in a labour dispute is a strike, aimed at whom what it is over names
    ("Miners at the Chilean copper mine stopped work on Tuesday in a dispute over pay.", None),
    ("Thousands of Greek teachers stopped work over a pay freeze ordered by the Greek education ministry.", "GRC"),
])
def test_workers_who_stop_work_in_a_dispute_strike(text, target):
    strike = next(e for e in _events(text) if e.type == "PROTEST")
    assert strike.mode == "strike"
    if target:
        assert strike.actor2 is not None and strike.actor2.country == target and strike.actor2.sector == "GOV"


@pytest.mark.parametrize("text", [
    # the stoppage itself tells the grievance: a clause of protesting or demanding, or a labour force with
    # no other cause told
    "Port staff in Mombasa stopped work on Monday to protest against the sale of the terminal.",
    "Nurses at the main hospital in Harare stopped work, demanding salaries owed since March.",
    "Dockers in Antwerp stopped work on Thursday.",
])
def test_a_stoppage_that_tells_its_grievance_is_a_strike(text):
    assert any(e.type == "PROTEST" and e.mode == "strike" and e.trigger.text == "stopped work" for e in _events(text))


@pytest.mark.parametrize("text", [
    "Builders stopped work at the site in Lima after heavy rain.",
    # a time phrase after "over" is no grievance: the cause told after it still counts
    "Rescuers in Kisumu stopped work over the weekend after heavy rain, officials said.",
    "Engineers stopped work on the dam after the Ethiopian government cut funding.",
    # protest words elsewhere in the sentence do not make a halt a strike
    "Firefighters stopped work at the burning depot while demonstrators chanted slogans nearby.",
    "Stevedores stopped work after a gantry toppled, and riot police later scattered protesters at the gate.",
])
def test_work_stopped_for_another_reason_is_no_strike(text):
    assert not any(e.type == "PROTEST" and e.trigger.text == "stopped work" for e in _events(text))


@pytest.mark.parametrize("text, target", [
    # a restriction is aimed at whom it is "for", even where the parse hangs that on the verb imposing it
    ("Under the decree, Ankara imposed restrictions on property sales for Iranian citizens.", "IRN"),
    ("Restrictions on land ownership for Chinese investors were imposed by Laos in March.", "CHN"),
])
def test_a_restriction_is_aimed_at_whom_it_is_for(text, target):
    event = next(e for e in _events(text) if e.type == "COERCE")
    assert event.actor2 is not None and event.actor2.country == target


def test_a_restriction_for_a_length_of_time_has_no_target():
    event = next(e for e in _events("Under the decree, Ankara imposed restrictions on property sales for five years.")
                 if e.type == "COERCE")
    assert event.actor2 is None


@pytest.mark.parametrize("text, target", [
    # forces or groups mobilized to do something to someone are aimed at them, before the place they went
    ("Serbia deployed tanks along the border to intimidate Kosovo.", "XKX"),
    ("Sudan mobilized militias in Darfur to attack Chadian rebels.", "TCD"),
    ("Algeria mobilized supply convoys along the border to help defend Malian villagers.", "MLI"),
])
def test_a_mobilization_is_aimed_at_whom_its_purpose_names(text, target):
    event = next(e for e in _events(text) if e.type == "MOBILIZE")
    assert event.actor2 is not None and event.actor2.country == target


def test_a_mobilization_to_help_arrange_talks_is_not_aimed_at_the_other_party():
    # a meeting is no purpose a mobilization is aimed through (PURPOSE_TYPES)
    event = next(e for e in _events("Japan mobilized funds in Tokyo to help arrange talks with Burmese rebels.")
                 if e.type == "MOBILIZE")
    assert event.actor2 is None or event.actor2.country != "MMR"


def test_a_mobilization_whose_purpose_names_no_one_keeps_its_place():
    event = next(e for e in _events("Ghana deployed police in Accra to keep order during the vote.")
                 if e.type == "MOBILIZE")
    assert event.actor2 is not None and event.actor2.text == "Accra"


@pytest.mark.parametrize("text, target_word", [
    # whom protesters joined protested beside them; what they did together names whom it opposes
    ("Students marched in Lagos on Friday, joining hundreds of nurses in demanding the resignation of the "
     "Nigerian health minister.", "minister"),
    ("Farmers blocked roads near Lyon, joining truckers in protesting against a tax set by the French government.",
     "government"),
    # and what they demand together comes before the place the protest was held at
    ("Dockworkers picketed at the harbour in Durban, joining truck drivers in demanding the recall of the Chinese "
     "ambassador.", "ambassador"),
])
def test_whom_protesters_joined_is_not_whom_they_oppose(text, target_word):
    protest = next(e for e in _events(text) if e.type == "PROTEST")
    assert protest.actor2 is not None and target_word in protest.actor2.text


@pytest.mark.parametrize("text, target", [
    ("Workers marched to parliament on Friday, joining a rally against the Kenyan finance ministry.", "ministry"),
    ("Hundreds protested at the Turkish embassy in Berlin.", "Turkish embassy"),
])
def test_a_joined_rally_and_a_protest_at_a_building_keep_their_target(text, target):
    assert any(e.type == "PROTEST" and e.actor2 is not None and target in e.actor2.text for e in _events(text))


@pytest.mark.parametrize("text", [
    "Police dispersed a march by opposition supporters in Mutare on Saturday.",
    "Kenyan police dispersed a demonstration by hospital nurses in Nakuru.",
])
def test_a_gathering_broken_up_was_held_by_whom_its_by_phrase_names(text):
    """The marchers are the ones dispersed, not a second doer; the town is not the target."""
    events = [e for e in _events(text) if e.type == "COERCE"]
    assert len(events) == 1
    assert events[0].actor1.text.lower().endswith("police")
    assert events[0].actor2 is not None and events[0].actor2.text.split()[-1] in ("supporters", "nurses")


def test_a_passive_dispersal_keeps_its_by_phrase_as_the_doer():
    events = [e for e in _events("A march in Mutare was dispersed by riot police on Saturday.") if e.type == "COERCE"]
    assert events and events[0].actor1 is not None and events[0].actor1.text.lower().endswith("police")


@pytest.mark.parametrize("text, doer", [
    ("Two shepherds were wounded after Indian fire over the frontier in Kupwara.", "IND"),
    ("A boy was killed in Israeli fire near the fence in Gaza on Friday.", "ISR"),
    ("Nine fighters killed in Turkish air force strikes near Qandil.", "TUR"),
])
def test_a_casualty_of_gunfire_or_strikes_a_nationality_owns_was_caused_by_that_state(text, doer):
    events = [e for e in _events(text) if e.type == "ASSAULT"]
    assert events and events[0].actor1 is not None and events[0].actor1.country == doer


def test_a_blaze_names_no_doer():
    events = [e for e in _events("Three traders were killed in a fire at a market in Lagos.") if e.type == "ASSAULT"]
    assert not any(e.actor1 is not None and e.actor1.text for e in events)


# ------------------------------------------- guards on this round's rules (where they must not fire)


@pytest.mark.parametrize("text", [
    # a verb of force against a thing that is no one, or for a cause, is no threat
    "The new governor vowed to keep fighting corruption in the ports.",
    "Activists vowed to continue fighting for the rights of domestic workers.",
    "The finance minister vowed to kill the tax bill in parliament.",
])
def test_a_vow_to_fight_a_problem_is_no_threat(text):
    assert not any(e.type == "THREATEN" for e in _events(text))


def test_a_vow_to_keep_fighting_an_enemy_is_a_threat():
    assert any(e.type == "THREATEN" for e in _events("The rebels vowed to keep fighting the army until the "
                                                   "president resigns."))


@pytest.mark.parametrize("text", [
    # "by" a building is where the gathering was held, not who held it
    "Police dispersed a protest by the French embassy in Dakar.",
    "Gendarmes dispersed a sit-in by the Belgian consulate in Kinshasa.",
])
def test_a_gathering_beside_a_building_was_not_held_by_it(text):
    dispersal = next(e for e in _events(text) if e.type == "COERCE")
    assert dispersal.actor2 is None or not any(w in dispersal.actor2.text for w in ("embassy", "consulate"))


@pytest.mark.parametrize("text", [
    # a blaze named by where it was: no one's gunfire
    "Five workers were killed in a Karachi factory fire.",
    "Two children were injured in a Kano kitchen fire.",
])
def test_a_fire_named_by_its_place_has_no_shooter(text):
    event = next(e for e in _events(text) if e.type == "ASSAULT")
    assert event.actor1 is None


@pytest.mark.parametrize("text", [
    # armed men taking people or going somewhere seize nothing
    "Soldiers took the wounded from the village to a base in Gao.",
    "The army took reporters to the airport on Tuesday.",
])
def test_armed_men_taking_people_somewhere_seize_no_place(text):
    assert not any(e.type == "COERCE" and e.mode == "seize" for e in _events(text))
