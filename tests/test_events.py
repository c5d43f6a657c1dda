"""The event stage: what kind of event, who did it to whom, whether it happened, in PLOVER, CAMEO and
ACLED terms; and, over the whole bundled sample corpus, that every event points at its own words."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from sitrep import Article, code
from sitrep.coder import code_many
from sitrep.evaluate.events import f1_scores, lead_event, strip_remarks
from sitrep.records import CodedArticle
from test_api_support import own_example_row


def _events(text: str, published: str = "2025-06-01"):
    return code(Article(text=text), published=published).events


def _acled(text: str, published: str = "2025-06-01"):
    event = lead_event(_events(text, published))
    return (event.acled.event_type, event.acled.sub_event_type) if event else None


# ----------------------------------------------------------------------------- the sample corpus


@pytest.fixture(scope="module")
def sample_corpus() -> list[CodedArticle]:
    """The VOA samples and our own example-shaped scrape (captions, promo, RELATED and Source lines)."""
    path = resources.files("sitrep") / "samples" / "voa.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.append(own_example_row())
    articles = [Article(text=raw["text"], title=raw.get("title"), id=str(raw["id"]),
                        published=(raw.get("published") or "")[:10] or None) for raw in rows]
    return [r for r in code_many(articles) if isinstance(r, CodedArticle)]


def _field_text(coded: CodedArticle, field: str | None) -> str:
    if field in (None, "text"):
        return coded.article.text
    if field == "title":
        return coded.article.title or ""
    return coded.article.captions[int(field.split(":")[1])]


def test_every_trigger_lies_in_its_field_and_in_its_evidence(sample_corpus):
    assert len(sample_corpus) >= 80
    n_events = 0
    for coded in sample_corpus:
        for event in coded.events:
            n_events += 1
            t = event.trigger
            source = _field_text(coded, t.field)
            assert 0 <= t.start < t.end <= len(source), (coded.article.id, t)
            assert source[t.start:t.end] == t.text, (coded.article.id, t)
            assert event.evidence, (coded.article.id, t)
            for span in event.evidence:
                assert _field_text(coded, span.field)[span.start:span.end] == span.text, (coded.article.id, span)
            assert any(span.field == t.field and span.start <= t.start and t.end <= span.end
                       for span in event.evidence), (coded.article.id, t, event.evidence)
    assert n_events >= 200


def test_sample_events_are_well_formed(sample_corpus):
    for coded in sample_corpus:
        for event in coded.events:
            assert event.cameo is None or event.cameo.isdigit() and len(event.cameo) >= 3
            assert event.status in ("occurred", "intended", "alleged", "denied", "negated", "hypothetical")
            assert 0 <= event.confidence <= 1
            assert event.actor1 or event.actor2 or event.fatalities or event.acled


# ----------------------------------------------------------------------------- participants


def test_passive_with_agent_puts_the_attacker_first():
    events = _events("A settlement of Congolese refugees was raided by Burundian militiamen late on Sunday.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor1 and attack.actor1.country == "BDI"
    assert attack.actor2 and attack.actor2.sector == "REF"


def test_quantity_phrases_name_the_group_after_of():
    events = _events("On 3 May 2025, hundreds of students protested in Burao town.")
    protest = next(e for e in events if e.type == "PROTEST")
    assert protest.actor1 and protest.actor1.sector == "CVL"


def test_coordinated_verbs_share_their_object():
    events = _events("On 30 July 2025, police shot and injured a civilian driver near the market in Mogadishu.")
    shot = next(e for e in events if e.trigger.text == "shot")
    assert shot.acled and shot.acled.sub_event_type == "Attack"


def test_both_sides_of_a_clash_are_kept():
    events = _events("On 12 October 2025, Jubaland troops clashed with Al Shabaab gunmen outside Hosingow town.")
    clash = next(e for e in events if e.type == "ASSAULT")
    assert clash.actor1 and clash.actor2
    assert (clash.acled.event_type, clash.acled.sub_event_type) == ("Battles", "Armed clash")


def _first(events, type_):
    return next(e for e in events if e.type == type_)


def test_a_place_attacked_makes_its_country_the_target():
    strike = _first(_events("Russian jets bombed Aleppo on Tuesday."), "ASSAULT")
    assert strike.actor1.country == "RUS"
    assert strike.actor2 and strike.actor2.country == "SYR" and strike.actor2.text == "Aleppo"


def test_a_curfew_in_a_town_targets_its_country():
    curfew = _first(_events("Turkish officials imposed a curfew on the district of Silopi on Saturday."), "COERCE")
    assert curfew.actor2 and curfew.actor2.country == "TUR"


def test_a_demand_is_addressed_to_the_subject_of_what_is_demanded():
    demand = _first(_events("The United States demanded that North Korea abandon its nuclear programme."),
                    "REQUEST")
    assert demand.actor1.country == "USA" and demand.actor2 and demand.actor2.country == "PRK"


def test_a_threat_against_someone_targets_them():
    threat = _first(_events("The French president threatened new sanctions against Russia on Thursday."), "THREATEN")
    assert threat.actor2 and threat.actor2.country == "RUS"


def test_a_refusal_targets_who_made_the_request():
    refusal = _first(_events("Berlin rejected calls by Belarus's rulers for economic aid."), "REJECT")
    assert refusal.actor2 and refusal.actor2.country == "BLR"


def test_described_actors_take_the_country_their_phrase_names():
    demand = _first(_events("Opposition groups in Zimbabwe demanded that President Mugabe resign."), "REQUEST")
    assert demand.actor1.sector == "OPP" and demand.actor1.country == "ZWE"


def test_a_threat_targets_the_object_of_the_act_threatened():
    threat = _first(_events("The Armenian parliament threatened on Tuesday to cut ties with Turkey."), "THREATEN")
    assert threat.actor2 and threat.actor2.country == "TUR"
    curfew = _first(_events("The governor threatened to impose a curfew in Lagos on Friday."), "THREATEN")
    assert curfew.actor2 and curfew.actor2.country == "NGA"


def test_a_protest_is_addressed_to_whom_its_purpose_clause_names():
    strike = next(e for e in _events("About 500 ethnic Kurds began a sit-in on Tuesday to protest against "
                                     "Germany's decision to deport them.") if e.trigger.text == "sit-in")
    assert strike.actor2 and strike.actor2.country == "DEU"


def test_casualties_take_the_doer_of_what_caused_them():
    shot = _first(_events("A student was wounded when security personnel opened fire in Kathmandu on Friday."), "ASSAULT")
    assert shot.actor1 and shot.actor1.sector == "COP"
    raid = _first(_events("Twelve insurgents were killed on Sunday in an operation of the Pakistani army "
                          "near Kech."), "ASSAULT")
    assert raid.actor1 and raid.actor1.country == "PAK" and raid.actor1.sector == "MIL"


def test_a_fire_exchange_is_a_clash():
    event = next(e for e in _events("A fire exchange broke out between police and bandits near Gusau on Monday.")
                 if e.type == "ASSAULT")
    assert event.trigger.text == "fire exchange" and event.actor1.text == "police"


def test_a_clash_lists_the_state_forces_first_but_an_ambush_keeps_its_doer():
    clash = next(e for e in _events("On 6 March 2016, two gunmen died as they engaged in a gun "
                                    "battle with police near Gwadar, Pakistan.") if e.acled and e.acled.event_type == "Battles")
    assert clash.actor1.sector == "COP" and clash.actor2.sector == "REB"
    ambush = _first(_events("On 3 May 2015, Al Shabaab fighters ambushed Ethiopian soldiers near Luuq town."), "ASSAULT")
    assert ambush.actor1.name.lower().startswith("al") and ambush.actor2.country == "ETH"


def test_an_act_coordinated_with_a_prevention_happened():
    events = _events("Counter-terror police on 20 June foiled a raid and killed an alleged al-Shabaab "
                     "fighter outside Garissa.", "2016-06-21")
    killed = next(e for e in events if e.trigger.text == "killed")
    assert killed.actor1.sector == "COP"
    assert not any(e.trigger.text == "attack" for e in events)


def test_an_attack_repelled_was_on_those_who_repelled_it():
    for text in ("On 20 June 2016, Kenyan forces repelled an al Shabaab attack near Mandera after a long gunfight.",
                 "On 20 June 2016, an al Shabaab attack on the base was repulsed by Kenyan troops."):
        attack = _first(_events(text, "2016-06-21"), "ASSAULT")
        assert attack.actor1.name.lower().startswith("al") and attack.actor2.country == "KEN"


def test_forces_moved_are_no_target_where_they_go_is():
    withdrawal = _first(_events("Russia says it is ready to withdraw its soldiers from neighboring Moldova."), "RETREAT")
    assert withdrawal.actor1.country == "RUS" and withdrawal.actor2 and withdrawal.actor2.country == "MDA"


def test_the_troops_of_two_states_are_two_sides():
    clash = _first(_events("The troops of Armenia and Azerbaijan on Tuesday exchanged heavy fire on the border.",
                           "2015-09-16"), "ASSAULT")
    assert {clash.actor1.country, clash.actor2.country} == {"ARM", "AZE"}
    assert clash.actor1.sector == "MIL"


def test_demands_that_someone_act_are_addressed_to_them():
    demand = _first(_events("The largest Hutu rebel movement repeated its demand that Burundi's government give the "
                            "Hutu majority a bigger share of power."), "REQUEST")
    assert demand.actor2 and demand.actor2.country == "BDI" and demand.actor2.sector == "GOV"


def test_ready_to_act_inherits_the_subject():
    aid = _first(_events("Italy is ready to contribute 2,000 troops to the peacekeeping mission, the minister "
                         "said."), "AID")
    assert aid.actor1 and aid.actor1.country == "ITA"


# ----------------------------------------------------------------------------- ACLED sub-event types


@pytest.mark.parametrize("text, expected", [
    ("On 4 March 2024, Al Shabaab detonated a remote-controlled IED against a convoy of government "
     "security forces in Mogadishu. 3 soldiers were injured.",
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("On 9 March 2024, Al Shabaab hurled a hand grenade at an army post guarding the road into "
     "Beledweyne town.", ("Explosions/Remote violence", "Grenade")),
    ("On 17 March 2024, Al Shabaab fought government soldiers on patrol in Mogadishu, after the "
     "militants had thrown a hand grenade.", ("Battles", "Armed clash")),
    ("On 27 May 2025, armed Al Shabaab men were sighted near Ceel Cali village.",
     ("Strategic developments", "Change to group/activity")),
    ("On 1 September 2025, government troops were deployed near Maxaas town.",
     ("Strategic developments", "Change to group/activity")),
    ("On 21 July 2025, Islamic State fighters established a base near Guriasamo village.",
     ("Strategic developments", "Headquarters or base established")),
    ("On 19 June 2025, a clan militia attacked unarmed herders near Dhuusamareeb town.",
     ("Violence against civilians", "Attack")),
    ("On 2 April 2024, many residents rioted, blocked streets and burned tires in "
     "Mogadishu against the evictions.", ("Riots", "Violent demonstration")),
    ("On 23 November 2025, Al Shabaab and Marehan clan fighters reached an agreement in Garbahaarey town.",
     ("Strategic developments", "Agreement")),
    ("On 8 April 2024, government security forces defused a roadside IED that Al Shabaab had "
     "planted near Janaale town.", ("Strategic developments", "Disrupted weapons use")),
])
def test_acled_sub_event_types(text, expected):
    assert _acled(text) == expected


def test_a_clash_that_changed_hands_is_the_change_of_territory():
    text = ("On 5 April 2024, government forces fought Al Shabaab in Moqokori village. "
            "The security forces then took control of the village.")
    assert _acled(text) == ("Battles", "Government regains territory")


def test_a_minister_seen_in_public_is_no_movement_of_forces():
    assert not [e for e in _events("The foreign minister was seen at the summit in Addis Ababa.")
                if e.type == "MOBILIZE"]


# ----------------------------------------------------------------------------- evaluation helpers


def test_coder_remarks_are_stripped_from_acled_notes():
    note = ("Movement of forces: On 3 April 2024, Al Shabaab fighters were seen in Bariire village (Afgooye, "
            "Lower Shabelle). Fatalities unknown, coded as 3. Foreign forces (believed to be Kenyan soldiers, "
            "coded as Military Forces of Kenya) were present.")
    text, stripped = strip_remarks(note)
    assert stripped
    assert text.startswith("On 3 April 2024")
    assert "coded as" not in text and "Movement of forces" not in text
    assert "Foreign forces were present." in text
    assert "Lower Shabelle). Foreign forces" in text  # the space the removed remark stood between is kept


def test_f1_scores_weigh_by_support():
    weighted, macro, per = f1_scores(["a", "a", "a", "b"], ["a", "a", "b", "b"])
    assert per["a"][2] == pytest.approx(0.8) and per["b"][2] == pytest.approx(2 / 3)
    assert weighted == pytest.approx((0.8 * 3 + 2 / 3) / 4)
    assert macro == pytest.approx((0.8 + 2 / 3) / 2)


# ----------------------------------------------------------------------------- second round


def test_a_takeover_with_no_fighting_is_a_non_violent_transfer():
    text = ("On 4 May 2025, Jubaland forces took control over Kolbiyow village from Al Shabaab. There were no "
            "clashes.")
    assert _acled(text) == ("Strategic developments", "Non-violent transfer of territory")
    fled = ("On 6 May 2025, Al Shabaab took control over Bulo Burte town from government forces after the "
            "forces withdrew.")
    assert _acled(fled) == ("Strategic developments", "Non-violent transfer of territory")
    fought = ("On 8 April 2024, government forces fought Al Shabaab in Moqokori village. "
              "The security forces then took control of the village.")
    assert _acled(fought) == ("Battles", "Government regains territory")


def test_a_date_after_on_is_no_victim():
    # "On 13 September": not the target of the shooting, so the soldier is, and it is a battle
    text = "On 2 April 2024, Al Shabaab shot dead a government soldier (SNA) near Jilib town."
    assert _acled(text) == ("Battles", "Armed clash")


def test_victims_of_a_clash_with_someone_were_acted_on_by_them():
    events = _events("Two TTP gunmen were killed in a night-time clash with police near Swabi.")
    clash = next(e for e in events if e.type == "ASSAULT")
    assert clash.actor1 and clash.actor1.sector == "COP"
    assert clash.actor2 and clash.actor2.name == "Tehrik-i-Taliban Pakistan"


@pytest.mark.parametrize("text", [
    "Fierce fighting raged near Namhsan between the Myanmar army and the TNLA.",
    "Clashes between government troops and the TNLA went on all day.",
])
def test_between_gives_one_side_each(text):
    events = [e for e in _events(text) if e.type == "ASSAULT"]
    assert len(events) == 1
    assert events[0].actor1 and events[0].actor1.country == "MMR"  # state forces fighting a Myanmar group
    assert events[0].actor2 and events[0].actor2.name == "Ta'ang National Liberation Army"


def test_coordinated_modifiers_are_one_actor_each():
    events = [e for e in _events("Three people were killed in firefights between Pakistani and Indian troops.")
              if e.type == "ASSAULT"]
    assert {events[0].actor1.country, events[0].actor2.country} == {"PAK", "IND"}
    events = [e for e in _events("Pakistani and Indian soldiers fired at each other along the Kashmir frontier.")
              if e.type == "ASSAULT"]
    assert len(events) == 1 and {events[0].actor1.country, events[0].actor2.country} == {"PAK", "IND"}


@pytest.mark.parametrize("text", [
    "More than 80 dead after cyclone flattens coastal villages.",
    "Floods killed 12 people in Kenya.",
    "A bus crash killed 30 people in Kenya.",
    "Five people were killed in a road accident near Nairobi.",
])
def test_disasters_and_accidents_are_no_assault(text):
    assert not [e for e in _events(text) if e.type == "ASSAULT"]


def test_a_bare_casualty_sentence_joins_the_incident_before_it():
    events = _events("Al Shabaab attacked a military base in Baidoa on Monday. Two soldiers were killed. "
                     "Five others were wounded.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    attack = assaults[0]
    assert attack.actor2 and attack.actor2.sector == "MIL"
    assert attack.fatalities and attack.fatalities.min == 2
    assert len(attack.evidence) >= 2
    assert (attack.acled.event_type, attack.acled.sub_event_type) == ("Battles", "Armed clash")


def test_mission_troops_are_an_armed_side():
    text = "On 16 May 2025, Al Shabaab gunmen ambushed AUSSOM soldiers near Marka. Four soldiers were hurt."
    assert _acled(text) == ("Battles", "Armed clash")


@pytest.mark.parametrize("text, expected", [
    ("On 11 April 2024, dozens of residents blocked a highway with stones and burning tires in "
     "Ceel-Buh village.", ("Riots", "Violent demonstration")),
    ("On 13 April 2024, villagers marched in Garbahaarey against a land grab. The marchers "
     "fought with the police.", ("Riots", "Violent demonstration")),
    ("On 19 April 2024, some residents protested peacefully in Bareeda town against rising food prices.",
     ("Protests", "Peaceful protest")),
    ("On 7 May 2024, about 40 Al Shabaab who moved out of Harboole, have arrived in Biibi village.",
     ("Strategic developments", "Change to group/activity")),
    ("On 24 May 2024, Islamic State Somalia Province fighters established two bases and a checkpoint in the hills near Dhataar.",
     ("Strategic developments", "Headquarters or base established")),
    ("On 2 June 2024, Puntland Dervish Force integrated about 200 clan militia in Xarfa village.",
     ("Strategic developments", "Change to group/activity")),
])
def test_protests_and_movements(text, expected):
    assert _acled(text) == expected


def test_reaching_an_agreement_is_no_movement():
    events = _events("On 23 November 2025, Al Shabaab and Marehan clan fighters reached an agreement in Garbahaarey town.")
    assert not [e for e in events if e.type == "MOBILIZE"]


def test_talks_words_do_not_make_a_fight():
    assert not [e for e in _events("The two leaders had a chance encounter at the summit.") if e.type == "ASSAULT"]


def test_killed_in_an_encounter_with_police_is_a_gunfight():
    events = _events("Two TTP gunmen were shot dead on Friday in an encounter with police near Swabi.")
    fight = next(e for e in events if e.type == "ASSAULT")
    assert fight.actor1 and fight.actor1.sector == "COP"
    assert (fight.acled.event_type, fight.acled.sub_event_type) == ("Battles", "Armed clash")


def test_a_not_in_an_aside_negates_nothing():
    events = _events("On 5 March 2024, unknown gunmen attacked herders at Bani (the site could not be found "
                     "and was coded to Gorom-Gorom).")
    assert next(e for e in events if e.type == "ASSAULT").status == "occurred"
    assert next(e for e in _events("The soldiers were not killed.") if e.type == "ASSAULT").status == "negated"


def test_military_airstrikes_are_the_state_forces():
    events = _events("Military airstrikes targeted TTP hideouts in Bajaur, killing 9 militants.")
    strike = next(e for e in events if e.type == "ASSAULT")
    assert strike.actor1 and strike.actor1.sector == "MIL"
    assert strike.actor2 and strike.actor2.name == "Tehrik-i-Taliban Pakistan"


@pytest.mark.parametrize("text, type_, country2", [
    ("Finland will give Tanzania 580 million shillings of aid.", "AID", "TZA"),
    ("The United States kept sending weapons to Pakistan this year.", "AID", "PAK"),
    ("Uganda has given asylum to 12 Rwandan rebels.", "AID", "RWA"),
    ("Norway will back Turkey's bid to enter the European Community.", "SUPPORT", "TUR"),
    ("Israel launched a long-expected invasion of South Lebanon on Monday.", "ASSAULT", "LBN"),
])
def test_recipients_and_targets(text, type_, country2):
    event = next(e for e in _events(text, "1995-06-01") if e.type == type_)
    assert event.actor2 and event.actor2.country == country2


def test_a_promise_is_made_to_whom_the_act_is_for():
    events = _events("Morocco has offered to hand over to Spain three of its citizens suspected of smuggling "
                     "weapons.", "1991-11-20")
    offer = next(e for e in events if e.type == "AGREE")
    assert offer.actor2 and offer.actor2.country == "ESP"


def test_the_head_index_answers_only_for_the_actor_it_was_built_for():
    """Ids of freed objects are reused: an actor made later (not from a phrase: "military airstrikes")
    must not take the head, and so the country, of another phrase whose actor had that id."""
    from sitrep.nlp.events import _phrase_head
    from sitrep.records import Actor

    built = Actor(text="Sudanese rebels", name="rebels", sector="REB")
    stranger = Actor(text="military", name="military", sector="MIL")
    heads = {id(built): (built, 3)}
    assert _phrase_head(heads, built) == 3
    heads[id(stranger)] = (built, 3)  # what the index holds when `built`'s id is given to `stranger`
    assert _phrase_head(heads, stranger) is None


def test_troops_moved_by_a_group_without_a_country():
    """The moved actor's phrase head is looked up in the head index too ("AMISOM withdrew troops")."""
    retreat = _first(_events("AMISOM withdrew troops from Hiiraan region."), "RETREAT")
    assert retreat.actor1 is not None and retreat.actor1.name == "AU mission in Somalia"


@pytest.mark.parametrize("text, type_, cameo", [
    # easing a curfew (CAMEO 0813) by cutting its hours, as news reports it
    ("The authorities shortened the curfew in the capital by two hours on Sunday.", "CONCEDE", "0813"),
    # censorship (CAMEO 1721), beside 'news blackout' and 'media blackout'
    ("The army imposed an information blackout on the northern province.", "COERCE", "1721"),
])
def test_curfews_eased_and_information_cut_off(text, type_, cameo):
    event = next(e for e in _events(text) if e.type == type_)
    assert event.cameo == cameo


# ----------------------------------------------------------------------------- square brackets


def test_square_brackets_are_parsed_as_parentheses():
    """An editorial '[4 May]': with the square brackets read as round ones the clause keeps its verb as
    root, the text is untouched. On a pipeline of its own: the shared one is left as loaded."""
    import spacy

    from sitrep.nlp.brackets import read_square_brackets_as_parentheses
    from sitrep.nlp.pipeline import MODEL

    nlp = spacy.load(MODEL, exclude=["ner"])
    text = "A soldier died of wounds he sustained in an ambush near Beledweyne on Sunday [4 May]."
    bracket = next(t for t in nlp(text) if t.text == "[")
    assert bracket.tag_ != "-LRB-"  # the model's own reading: a word, not punctuation
    read_square_brackets_as_parentheses(nlp.vocab)
    read_square_brackets_as_parentheses(nlp.vocab)  # idempotent
    assert nlp.vocab["["].norm_ == nlp.vocab["("].norm_ and nlp.vocab["]"].shape_ == nlp.vocab[")"].shape_
    doc = nlp(text)
    assert doc.text == text
    bracket = next(t for t in doc if t.text == "[")
    assert bracket.tag_ == "-LRB-" and bracket.dep_ == "punct"
    assert [t.text for t in doc if t.dep_ == "ROOT"] == ["died"]


@pytest.mark.parametrize("text, trigger", [
    ("Washington demanded that Moscow withdraw its forces from the border.", "withdraw"),
    ("The African Union urged Rwanda to withdraw its soldiers from eastern Congo.", "withdraw"),
])
def test_an_act_one_actor_asks_of_another_has_not_happened(text, trigger):
    # the contract's statuses: what one actor demands of another neither occurred nor is intended by its doer
    act = next(e for e in code(Article(text=text), published="2025-06-01").events if e.trigger.text == trigger)
    assert act.status == "hypothetical"


@pytest.mark.parametrize("text, weapon", [
    # a mine where minerals are dug is a place, not a weapon
    ("Police opened fire on miners outside the mine near Rustenburg on Thursday, killing three.", False),
    ("Security forces opened fire on striking workers at a copper mine in Zambia, wounding four.", False),
    # a mine that explodes, or that a vehicle runs onto, is one
    ("A soldier was killed when his patrol vehicle struck a mine near Kidal.", True),
    ("Two herders were killed when a mine exploded under their cart near Gao.", True),
])
def test_a_mine_is_a_weapon_only_where_something_explodes_or_hits_it(text, weapon):
    attack = next(e for e in _events(text) if e.type == "ASSAULT")
    assert (attack.mode == "explosives") is weapon


@pytest.mark.parametrize("text", [
    "Dock workers in Mombasa went on strike on Monday over unpaid wages.",
    "A general strike shut shops and schools across Kathmandu on Tuesday.",
    "A strike by teachers closed most schools in Harare last week.",
    "Police detained six union leaders in Lusaka during a strike by miners on Monday.",
])
def test_a_labour_strike_is_a_protest_not_an_attack(text):
    events = _events(text)
    assert any(e.type == "PROTEST" and e.acled and e.acled.event_type == "Protests" for e in events)
    assert not any(e.type == "ASSAULT" and "strike" in e.trigger.text for e in events)


def test_a_military_strike_is_still_an_attack():
    events = _events("Jets carried out a strike on a militant camp near Jilib on Sunday.")
    assert any(e.type == "ASSAULT" and e.trigger.text == "strike" for e in events)


@pytest.mark.parametrize("text, protests", [
    # the month is no march
    ("The budget was approved by the senate in March.", False),
    ("Talks between the two parties resumed in Geneva in March, diplomats said.", False),
    ("Thousands joined a march in Nairobi on Saturday.", True),
])
def test_the_month_of_march_is_no_protest(text, protests):
    assert any(e.type == "PROTEST" for e in _events(text)) == protests


def test_work_stopped_on_the_day_of_a_strike_is_no_prevented_strike():
    events = _events("Bus drivers in Lagos stopped work on the first day of a strike over fuel prices.")
    assert any(e.type == "PROTEST" and e.trigger.text == "strike" for e in events)


# ----------------------------------------------------------------------------- the word lists (data)


def test_event_word_lists_are_clean_data():
    """kb/data/event_words.yaml: every list present, non-empty, lower case, stripped, no repeats; the
    module's sets are read from it."""
    import yaml

    from sitrep.nlp import events

    raw = yaml.safe_load(events.EVENT_WORDS_FILE.read_text(encoding="utf-8"))
    assert isinstance(raw, dict) and len(raw) >= 20
    for section, words in raw.items():
        assert isinstance(words, list) and words, section
        assert all(isinstance(w, str) for w in words), (section, [w for w in words if not isinstance(w, str)])
        assert all(w == w.strip().lower() and w for w in words), section
        assert len(set(words)) == len(words), section
    assert events.MODALS == frozenset(raw["modals"])
    assert events.OBJECT_CONTROL == frozenset(raw["demand_heads"]) | frozenset(raw["control_verbs"])
    assert events.HEADLINE_PASSIVE_VERBS >= events.CASUALTY_VERBS | frozenset(raw["headline_passive_verbs"])
    assert {"kill", "shoot", "abduct"} <= events.HEADLINE_PASSIVE_VERBS
    # the unidentified-attacker convention's lists
    assert {"claim", "responsibility", "suspect"} <= events.CLAIMING_WORDS
    assert {"operation", "raid", "search"} <= events.SWEEP_NOUNS <= frozenset(raw["sweep_nouns"])
    assert {"firing", "encounter"} <= events.VIOLENCE_WORDS and "unknown" in events.UNKNOWN_WORDS
    # a bare fire, strike, blast or explosion is no sign of an attack (a house fire, lightning, a boiler)
    assert not {"fire", "strike", "blast", "explosion"} & events.VIOLENCE_WORDS
    assert {"explosion", "blast", "explode"} <= events.EXPLOSION_WORDS
    assert {"gas cylinder", "short circuit", "lightning", "fire break out"} <= events.ACCIDENT_WORDS
    assert {"mine", "tank"} <= events.PEACEFUL_WEAPON_WORDS and "missile" in events.MILITARY_WEAPON_WORDS
    assert events.NEAR_MISS == frozenset(raw["near_miss_adverbs"])
    assert {"encounter", "gunfight"} <= events.FIGHT_NOUNS
    # a thing that stays put reaches a place; a vehicle's motion does not (head, travel, go)
    assert {"lead", "run", "link", "supply"} <= events.REACHING_VERBS
    assert not {"head", "travel", "go", "carry"} & events.REACHING_VERBS
    assert events.REACHING_PREPS == {"into", "to"}
    assert {"bus", "convoy", "tanker"} <= events.VEHICLE_NOUNS and "pipeline" not in events.VEHICLE_NOUNS
    assert {"nobody", "none"} <= events.NOBODY_WORDS
    assert {"pressure", "call", "demand"} <= events.PRESSURE_NOUNS and "visit" not in events.PRESSURE_NOUNS
    assert {"foreign", "western", "international"} <= events.OUTSIDER_MODIFIERS
    assert not {"regional", "local", "neighbouring"} & events.OUTSIDER_MODIFIERS  # also a country's own
    assert "minister" in events.OUTSIDER_OFFICE_HEADS
    # one list of what a complaint or protest is against, over or about; a stoppage reads it too
    assert events.GRIEVANCE_PREPS == {"against", "over", "about"}
    assert "stop work" in events.STOPPAGE_TRIGGERS and {"docker", "miner"} <= events.LABOUR_SUBJECTS


def test_the_unidentified_attacker_evaluator_counts_hits_and_false_positives(tmp_path):
    """`sitrep evaluate events --set unidentified` on two notes of its own: one ACLED codes with an
    unidentified armed group, one naming the perpetrator."""
    import csv

    from click.testing import CliRunner

    from sitrep.evaluate.events import command

    folder = tmp_path / "acled_test"
    folder.mkdir()
    with (folder / "notes.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["event_date", "actor1", "notes"])
        writer.writeheader()
        writer.writerow({"event_date": "2024-03-02", "actor1": "Unidentified Armed Group (Kenya)",
                         "notes": "Two police officers were wounded when a roadside bomb went off near Mandera town."})
        writer.writerow({"event_date": "2024-03-05", "actor1": "Al Shabaab",
                         "notes": "Al Shabaab fighters attacked a police post in Lamu county, killing one officer."})
        # a state's forces told as the doer: the inferred attacker must not stand in for them
        writer.writerow({"event_date": "2024-03-07", "actor1": "Military Forces of Kenya (2022-)",
                         "notes": "Kenyan soldiers shot dead two suspected militants near Garissa town."})
    result = CliRunner().invoke(command, ["--dev", str(tmp_path), "--set", "unidentified", "--sample", "0"])
    assert result.exit_code == 0, result.output
    assert "actor1 country 1.000 (1/1)" in result.output
    assert "(false positives) 0.000 (0/1)" in result.output
    assert "actor1 is a state's forces: 1" in result.output
    assert "perpetrator or state forces told: 0.000 (0/2)" in result.output


@pytest.mark.parametrize("text, kind, sides", [
    ("Nigerian officials have been pressuring oil workers in Port Harcourt to call off their strike.",
     "REQUEST", ("NGA", "NGA")),
    ("Khartoum forced the Norwegian aid agency out of the country last month.", "SANCTION", ("SDN", "NOR")),
    ("The army trained 300 new recruits in Kaduna, Nigeria.", "MOBILIZE", ("NGA", ...)),
])
def test_pressing_expelling_and_training_verbs_are_events(text, kind, sides):
    """'pressured X to', 'forced the agency out of the country', 'trained recruits': a demand, an
    expulsion, a force built up."""
    event = next(e for e in _events(text) if e.type == kind)
    found = (event.actor1.country if event.actor1 else None, event.actor2.country if event.actor2 else None)
    assert found[0] == sides[0] and (sides[1] is ... or found[1] == sides[1])


@pytest.mark.parametrize("text", [
    "Soldiers forced hundreds of villagers out of their homes near the border.",
    "The company trained its staff in first aid.",
])
def test_forcing_people_from_homes_is_no_expulsion_and_training_staff_no_mobilization(text):
    assert not any(e.type in ("SANCTION", "MOBILIZE") for e in _events(text))


@pytest.mark.parametrize("text, kind, actor1", [
    ("The Kenyan parliament approved a bill on Tuesday that extends the state of emergency.", "SUPPORT", "KEN"),
    ("Tribal elders in Ghazni swore to fight the Taliban until the town is free.", "THREATEN", "AFG"),
])
def test_approving_a_text_and_swearing_to_act_are_events(text, kind, actor1):
    event = next(e for e in _events(text) if e.type == kind)
    assert event.actor1 is not None and event.actor1.country == actor1


@pytest.mark.parametrize("text", [
    "The new prime minister was sworn in on Monday in Bamako.",
    "Most voters in Lagos approved of the outcome.",
])
def test_an_oath_of_office_or_approving_of_something_is_no_event(text):
    assert not any(e.type in ("THREATEN", "SUPPORT") for e in _events(text))


@pytest.mark.parametrize("text", [
    "The president of Zambia swore to serve the people of his country at his inauguration in Lusaka.",
    "The new governor of Kisumu swore to uphold the constitution.",
])
def test_swearing_to_do_anything_but_force_is_no_threat(text):
    assert not any(e.type == "THREATEN" for e in _events(text))


@pytest.mark.parametrize("text", [
    "The mayor of Accra yields to pressure from street vendors.",
    "The governor bowed to pressure from farmers in Kano and cut the fee.",
])
def test_pressure_as_a_noun_is_no_request(text):
    assert not any(e.type == "REQUEST" for e in _events(text))


def test_pressured_in_the_passive_is_a_request():
    assert any(e.type == "REQUEST" for e in _events("The Malawian finance minister was pressured to resign by "
                                                    "opposition lawmakers in Lilongwe."))


@pytest.mark.parametrize("text", [
    "The hospital trained 40 police officers in first aid in Kumasi, Ghana.",
    "The European Union trained 500 Malian soldiers in Koulikoro.",
])
def test_training_by_someone_unarmed_or_of_police_in_first_aid_is_no_mobilization(text):
    assert not any(e.type == "MOBILIZE" for e in _events(text))


def test_an_unplaced_attack_is_laid_to_the_country_its_sentence_names_not_to_its_victims_nationality():
    """The attacker nobody names is of the country where it happened: where the location stage finds no
    place, the one country the sentence's places are in ("the Afghan city of Herat"), not "Italian"."""
    events = _events("Two Italian engineers were killed by a roadside bomb outside of the Afghan city of Herat.")
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.actor1 is not None and attack.actor1.country == "AFG"


def test_a_plural_event_noun_opening_a_sentence_taken_for_a_name_is_still_an_event():
    # the model tags a capitalised sentence-initial "Skirmishes" as a name and leaves it unlemmatized
    events = _events("Skirmishes erupted between Malian troops and the rebels near Kidal on Sunday.")
    fight = next(e for e in events if e.trigger.text == "Skirmishes")
    assert fight.type == "ASSAULT" and fight.actor1 is not None and fight.actor1.country == "MLI"


@pytest.mark.parametrize("text", [
    "Gunmen in the hills of Cabo Delgado vowed to fight on after the army took their camp.",
    "A militia commander in Ituri vowed to keep fighting until the soldiers leave.",
    "The guerrillas vowed to carry on fighting against the junta in Rakhine.",
])
def test_a_vow_of_force_is_a_threat_not_an_agreement(text):
    types = [e.type for e in _events(text)]
    assert "THREATEN" in types and "AGREE" not in types


def test_a_vow_of_anything_else_is_no_threat():
    events = _events("Zambia's finance minister vowed to repay the debt to China within five years.")
    assert not any(e.type == "THREATEN" for e in events)


@pytest.mark.parametrize("text, taker", [
    ("Islamist fighters took the town of Douentza on Sunday.", "MLI"),
    ("Malian troops have taken the airport at Kidal from the rebels.", "MLI"),
    ("The Sudanese army is said to have taken most of the district near Kadugli.", "SDN"),
])
def test_armed_men_taking_a_place_seize_it(text, taker):
    event = next(e for e in _events(text) if e.type == "COERCE" and e.mode == "seize")
    assert event.actor1 is not None and event.actor1.country == taker


@pytest.mark.parametrize("text", [
    "The president of Nigeria took a village elder with him to the summit in Abuja.",
    "The Kenyan minister took the train to Mombasa on Friday.",
])
def test_taking_a_person_or_a_train_is_no_seizure(text):
    assert not any(e.type == "COERCE" and e.mode == "seize" for e in _events(text))


@pytest.mark.parametrize("text, kind, town", [
    ("Protests erupted in Kisumu on Tuesday over the price of maize flour.", "PROTEST", "Kisumu"),
    ("A rally in Eldoret on Saturday called for lower fuel prices.", "PROTEST", "Eldoret"),
    ("Clashes were reported in Bouake overnight.", "ASSAULT", "Bouake"),
    ("Three minibuses were torched in Kaduna on Monday night.", "ASSAULT", "Kaduna"),
])
def test_an_incident_told_at_a_named_place_is_kept_though_nobody_is_named(text, kind, town):
    event = next(e for e in _events(text) if e.type == kind)
    assert event.actor1 is None and event.location is not None and event.location.name == town
    assert event.acled is not None


@pytest.mark.parametrize("text", [
    "There were no clashes in Bouake on Tuesday.",
    "Shops stayed shut in Kisumu in protest over the price of maize.",
    "Protests over fuel prices were planned in Kisumu.",
    "A raid was carried out on a hideout in Quetta and a gunfight followed.",
])
def test_an_incident_denied_planned_told_as_a_cause_or_in_an_operation_makes_no_event_of_nobody(text):
    assert not any(e.actor1 is None and e.actor2 is None for e in _events(text))


def test_an_incident_told_again_or_beside_its_doer_makes_no_second_event():
    # "the clash": the one told before; "burned in an ambush by X": X's ambush, with what it did
    events = _events("Kenyan police clashed with herders near Garissa on Sunday. The clash was over grazing land.")
    assert len(events) == 1 and events[0].actor1 is not None
    events = _events("Two cars were burned near Mandera in an ambush by al-Shabaab fighters.")
    assert events and all(e.actor1 is not None for e in events)


def test_a_fight_of_nobody_whose_armed_doers_the_next_sentence_names_is_theirs():
    # the next sentence names who fought: its act is coded, not a second fight of nobody
    events = _events("Heavy fighting was reported in Bentiu on Monday. South Sudanese troops shelled rebel positions in the town.")
    assert events and all(e.actor1 is not None for e in events)
    assert events[0].actor1.country == "SSD"


@pytest.mark.parametrize("text, kind", [
    ("Nigeria's relay team captured the continental title in Cairo on Sunday.", "COERCE"),
    ("The by-election demonstrated the weakness of the governing coalition in Kisumu.", "PROTEST"),
])
def test_a_verb_in_a_sense_that_is_no_event_makes_none(text, kind):
    # a title won is no seizure, a thing shown is no protest (event_location.no_event_sense)
    assert not any(e.type == kind for e in _events(text))


def test_people_who_demonstrate_their_anger_still_protest():
    assert any(e.type == "PROTEST" for e in _events("Hundreds of traders demonstrated their anger in Kumasi on Monday."))


@pytest.mark.parametrize("text", [
    "Street protests have become common in Valencia since the budget cuts.",
    "Organisers called off a march in Kumasi and cancelled a rally in Tamale.",
    "Police feared clashes in Garoua ahead of the vote.",
])
def test_an_incident_that_is_a_state_of_things_called_off_or_feared_makes_no_event_of_nobody(text):
    assert not any(e.actor1 is None and e.actor2 is None for e in _events(text))


def test_a_protest_is_the_protesters_though_armed_men_act_next():
    events = _events("Protests broke out in Kisumu on Friday. Soldiers opened fire on the crowd.")
    assert any(e.type == "PROTEST" for e in events) and any(e.type == "ASSAULT" for e in events)


@pytest.mark.parametrize("text", [
    "Party youths ransacked the office of a rival councillor in Tamale on Monday.",
    "A village headman was roughed up by supporters of the ruling party in Bolgatanga on Sunday.",
    "A grocer was chopped to death by unknown men in Kumasi on Friday.",
    "Rioters set alight three lorries in Tamale on Tuesday.",
    "A crowd set the district office ablaze in Bolgatanga on Tuesday.",
])
def test_an_attack_told_by_its_own_phrase_is_an_assault(text):
    # ransacked, roughed up, chopped to death, set alight, set ... ablaze: triggers.yaml
    assert any(e.type == "ASSAULT" and e.location is not None for e in _events(text))


def test_tyres_set_on_fire_are_a_riot_and_a_sight_set_on_an_office_is_nothing():
    assert any(e.type == "PROTEST" and e.mode == "riot"
               for e in _events("Youths set tyres on fire on the main road in Tamale on Monday."))
    assert not _events("The governor has set his sights on the presidency.")
    assert not any(e.type == "ASSAULT" for e in _events("The council chopped the road budget to a third."))


def test_a_procession_taken_out_is_held_by_who_took_it_out():
    # "took out a procession", "brought out processions" (South Asian English): the subject marched
    events = [e for e in _events("Opposition activists brought out processions in Sylhet on Monday, "
                                 "demanding the release of their leaders.") if e.type == "PROTEST"]
    assert events and events[0].actor1 is not None and events[0].location is not None
    assert not any(e.type == "PROTEST" for e in _events("The bank took out a loan to pay its staff."))


@pytest.mark.parametrize("text", [
    "Gunmen opened fire on a Muharram procession in Quetta, killing five mourners.",
    "A funeral procession for the slain commander wound through Khan Younis on Friday.",
    "Police escorted a religious procession through Secunderabad on Sunday.",
    "Party workers took out a victory procession in Kanpur after the results.",
])
def test_a_procession_nobody_took_out_in_protest_is_no_protest(text):
    # a procession is a march of protest only when people take it out, and not a ceremony's
    assert not any(e.type == "PROTEST" for e in _events(text))


def test_a_clash_after_stones_hit_a_procession_stays_a_clash():
    events = _events("Clashes erupted in Bhagalpur after stones were hurled at a procession on Sunday.")
    assert any(e.type == "ASSAULT" for e in events) and not any(e.type == "PROTEST" for e in events)


@pytest.mark.parametrize("text", [
    "A procession was taken out by traders in Sylhet on Monday against the new tax.",
    "A procession taken out by traders in Rajshahi was attacked by police.",
    "Hundreds of lawyers held a procession in Multan against the sacking of judges.",
    "Thousands joined a procession in Anantnag chanting slogans.",
    "Activists took out a torchlight procession in Pokhara against the fuel price rise.",
    "Residents took out a mourning procession in Quetta against the killing of a cleric.",
])
def test_a_procession_held_or_taken_out_in_protest_is_a_protest(text):
    assert any(e.type == "PROTEST" for e in _events(text))


@pytest.mark.parametrize("text", [
    "Police stopped journalists from entering the court in Kumasi while party members staged a protest outside.",
    "Soldiers prevented residents from leaving the camp in Gulu after gunmen attacked a convoy.",
])
def test_an_act_told_beside_a_prevention_happened(text):
    # a clause of when or why ("while", "after") under a verb of preventing is not what was prevented
    assert any(e.type in ("PROTEST", "ASSAULT") and e.status == "occurred" for e in _events(text))


@pytest.mark.parametrize("text", [
    "Troops prevented the militants from attacking the town of Gulu.",
    "Police stopped the gunmen before they could attack the market in Gulu.",
])
def test_an_act_prevented_or_stopped_before_it_began_is_no_event(text):
    assert not any(e.type == "ASSAULT" and e.status == "occurred" for e in _events(text))


@pytest.mark.parametrize("text", [
    "Opposition rioters damaged two police vehicles in Kitwe on Monday.",
    "Students destroyed property at a college in Gulu on Friday after the exams were cancelled.",
    "A bank branch in Masvingo was burnt by angry residents on Tuesday.",
    "Two masked men set a grocer's shop afire in Rangpur on Sunday.",
])
def test_property_wrecked_by_a_crowd_is_an_event(text):
    # a crowd or people of a protest as the doer of destroyed/burnt/damaged (events._crowd_doer)
    assert any(e.type in ("ASSAULT", "PROTEST") and e.location is not None for e in _events(text))


@pytest.mark.parametrize("text", [
    "The storm damaged hundreds of houses in Beira on Sunday.",
    "The fire destroyed forty shops at the main market in Kumasi.",
    "The scandal damaged the reputation of the minister in Accra.",
    "The blast damaged a house in Gulu on Monday.",
])
def test_a_thing_damaged_by_no_one_is_no_attack(text):
    assert not any(e.type == "ASSAULT" for e in _events(text))


def test_a_house_damaged_beside_an_attack_is_no_second_event():
    events = _events("Gunmen attacked a village near Gulu on Monday. Several houses were damaged.")
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["attacked"]



@pytest.mark.parametrize("text", [
    "Hunger strikes Turkana as the drought deepens.",
    "As hunger strikes millions across the Sahel, aid agencies in Niamey appealed for funds.",
])
def test_hunger_that_strikes_a_region_is_no_hunger_strike(text):
    assert not any(e.type == "PROTEST" for e in _events(text))


def test_a_hunger_strike_is_a_protest_whatever_the_tag_of_strike():
    # the model tags "strike" as a verb here; "hunger strike" is never an attack (triggers.yaml)
    from sitrep.nlp.pipeline import load_pipeline, parse

    nlp = load_pipeline()
    text = "Workers of a sugar mill started an indefinite hunger strike Sivaganga near Madurai over unpaid wages."
    doc = next(iter(parse(nlp, [(text, {"published": None, "fields": None})])))
    matched = [(doc[s:e].text, t.type) for s, e, t, _ in nlp.get_pipe("sitrep_events").index.match(doc)]
    assert ("hunger strike", "PROTEST") in matched and not any(kind == "ASSAULT" for _, kind in matched)


def test_an_incident_that_is_the_subject_of_a_warning_happened():
    # the subject of "warned" acted (event_words state_heads: only a copula's subject is a state)
    assert any(e.type == "PROTEST" and e.location is not None
               for e in _events("A large rally in Tamale on Monday warned against any delay to the vote."))
    assert not any(e.type == "PROTEST" for e in _events("Protests were expected in Garoua ahead of the vote."))
