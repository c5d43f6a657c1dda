"""Casualty counts (sitrep.nlp.tolls) on realistic news sentences."""
from __future__ import annotations

from importlib import resources

import pytest
import yaml

from sitrep.nlp.tolls import KINDS, Toll, find_tolls, marks_running_total, parse_quantity


def only(text: str, kind: str | None = None) -> Toll:
    """The single toll of `text` (of `kind`, when given)."""
    tolls = [t for t in find_tolls(text) if kind is None or t.kind == kind]
    assert len(tolls) == 1, f"{text!r} -> {tolls}"
    return tolls[0]


# --- quantities --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, bounds", [
    ("446", (446, 446)),
    ("at least 446", (446, None)),
    ("more than 30", (31, None)),
    ("over 30", (31, None)),
    ("nearly 200", (180, 199)),
    ("almost 200", (180, 199)),
    ("up to 12", (None, 12)),
    ("as many as 12", (None, 12)),
    ("fewer than 10", (None, 9)),
    ("about 50", (45, 55)),
    ("around 50", (45, 55)),
    ("some 50", (45, 55)),
    ("roughly 1,000", (900, 1100)),
    ("between 20 and 30", (20, 30)),
    ("20 to 30", (20, 30)),
    ("20-30", (20, 30)),
    ("two or three", (2, 3)),
    ("dozens", (24, None)),
    ("scores", (40, None)),
    ("hundreds", (200, None)),
    ("thousands", (2000, None)),
    ("tens of thousands", (20000, None)),
    ("a dozen", (12, 12)),
    ("half a dozen", (6, 6)),
    ("more than a dozen", (13, None)),
    ("two", (2, 2)),
    ("twenty-five", (25, 25)),
    ("one hundred and twenty", (120, 120)),
    ("1,200", (1200, 1200)),
    ("1.2 million", (1200000, 1200000)),
    ("a handful", (3, 5)),
    ("several", (3, None)),
])
def test_parse_quantity(text, bounds):
    assert parse_quantity(text) == bounds


@pytest.mark.parametrize("text", ["", "killed", "the soldiers", "30-day", "Monday"])
def test_parse_quantity_rejects_non_quantities(text):
    assert parse_quantity(text) is None


# --- deaths --------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, lo, hi, victims", [
    ("Militants killed 12 soldiers in an ambush near the border on Sunday.", 12, 12, "soldiers"),
    ("Twelve soldiers were killed when their convoy hit a roadside bomb.", 12, 12, "soldiers"),
    ("Five people died in the attack on the market, police said.", 5, 5, "people"),
    ("The car bomb claimed the lives of 20 people.", 20, 20, "people"),
    ("Officials reported 20 fatalities after the raid.", 20, 20, None),
    ("A suicide bomber struck a crowded mosque, killing at least 5.", 5, None, None),
    ("One person was killed in the clash.", 1, 1, "person"),
    ("A soldier was killed by a sniper in the old city.", 1, 1, "soldier"),
    ("Two killed in Kabul blast", 2, 2, None),
    ("Insurgents shelled the city overnight, killing at least eight people, state media reported",
     8, None, "people"),
    ("At least 17 soldiers and 4 militants were killed.", 21, None, "soldiers and militants"),
    ("Unknown gunmen shot a policeman dead outside his house.", 1, 1, "policeman"),
    ("A 30-year-old man was killed on Monday.", 1, 1, "man"),
    ("Nearly 200 people were killed in the fighting.", 180, 199, "people"),
    ("Tens of Ethiopian soldiers were killed in the ambush.", 20, None, "soldiers"),
    ("4 IS fighters were killed in the air strike.", 4, 4, "fighters"),
    ("Another soldier was killed.", 1, 1, "soldier"),
])
def test_killed_counts(sentence, lo, hi, victims):
    t = only(sentence, "killed")
    assert (t.min, t.max, t.victims) == (lo, hi, victims)
    assert sentence[t.start:t.end] == t.text


def test_leaving_dead():
    t = only("The explosion ripped through the market, leaving 5 dead.")
    assert (t.kind, t.min, t.max) == ("killed", 5, 5)
    assert t.text == "leaving 5 dead"


def test_scores_of_civilian_deaths():
    t = only("The siege has caused scores of civilian deaths.")
    assert (t.kind, t.min, t.max) == ("killed", 40, None)
    assert t.civilians_min == 40 and t.civilian is True


def test_headline_case_and_subject_not_counted():
    # The gunmen act; the guard is the one victim.
    t = only("Two gunmen killed a guard at the gate.")
    assert (t.min, t.max, t.victims) == (1, 1, "guard")


# --- injured, kidnapped, arrested, missing --------------------------------------------------------

@pytest.mark.parametrize("sentence, kind, lo, hi", [
    ("Dozens were injured in the stampede.", "injured", 24, None),
    ("The blast wounded 30.", "injured", 30, 30),
    ("The car bomb exploded at the checkpoint, injuring 30.", "injured", 30, 30),
    ("Boko Haram kidnapped 279 schoolgirls from a school in Chibok.", "kidnapped", 279, 279),
    ("Some 50 villagers were abducted by gunmen.", "kidnapped", 45, 55),
    ("Police arrested 30 protesters in the capital.", "arrested", 30, 30),
    ("At least 12 fishermen are still missing after the attack.", "missing", 12, None),
])
def test_other_kinds(sentence, kind, lo, hi):
    t = only(sentence)
    assert (t.kind, t.min, t.max) == (kind, lo, hi)


def test_schoolgirls_are_civilians():
    t = only("Boko Haram kidnapped 279 schoolgirls from a school in Chibok.")
    assert (t.civilians_min, t.civilians_max, t.civilian) == (279, 279, True)


@pytest.mark.parametrize("sentence, killed, injured", [
    ("Gunmen opened fire on the bus, killing five and wounding 12.", (5, 5), (12, 12)),
    ("Three people were killed and 14 were wounded when mortar rounds hit the market.", (3, 3), (14, 14)),
    ("A farmer was killed, and six people injured in a dispute over water.", (1, 1), (6, 6)),
    ("The attack killed 2 people and 3 others were injured.", (2, 2), (3, 3)),
    ("The militants claimed to have killed more than 20 soldiers, and 9 others were injured.",
     (21, None), (9, 9)),
])
def test_killed_and_injured_in_one_phrase(sentence, killed, injured):
    t = only(sentence)
    assert t.kind == "killed"
    assert (t.min, t.max) == killed
    assert (t.injured_min, t.injured_max) == injured


# --- zero -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, kind, injured_zero", [
    ("No deaths were reported after the shelling.", "killed", False),
    ("The rocket hit an empty field and there were no casualties.", "killed", True),
    ("No one was hurt in the explosion.", "injured", False),
    ("Police said nobody was killed.", "killed", False),
])
def test_zero_tolls(sentence, kind, injured_zero):
    t = only(sentence)
    assert (t.kind, t.min, t.max) == (kind, 0, 0)
    assert (t.injured_min == 0) is injured_zero


# --- civilians among the victims --------------------------------------------------------------

def test_fraction_of_civilians():
    t = only("At least 446 people, more than a third of them civilians, have been killed.")
    assert (t.min, t.max) == (446, None)
    assert t.civilians_min == 149  # strictly more than 446/3 = 148.7
    assert t.civilians_max is None
    assert t.number_text == "At least 446"


@pytest.mark.parametrize("sentence, civ", [
    ("Air strikes killed 20 people, most of them civilians.", (11, None)),
    ("The bombing killed 20 people, including 12 children.", (12, None)),
    ("At least 30 people were killed, all of them civilians, in the market attack.", (30, None)),
    ("Shelling killed 40 people, half of them civilians.", (20, 20)),
    ("The raid killed 9 people, 4 of them civilians.", (4, 4)),
    ("Militants killed 12 soldiers and three civilians.", (3, 3)),
])
def test_civilians(sentence, civ):
    t = only(sentence, "killed")
    assert (t.civilians_min, t.civilians_max) == civ


def test_combatant_victims_leave_civilians_unknown():
    t = only("12 soldiers were killed in the ambush.")
    assert (t.civilians_min, t.civilians_max, t.civilian) == (None, None, False)


# --- running totals, revisions, hedges ---------------------------------------------------------

def test_death_toll_rose_is_a_revision_not_a_running_total():
    t = only("The death toll from the blast has risen to 31, officials said.")
    assert (t.kind, t.min, t.max) == ("killed", 31, 31)
    assert t.revised and not t.cumulative


def test_death_toll_rose_to():
    t = only("The death toll rose to 31 on Tuesday.")
    assert (t.min, t.revised) == (31, True)


@pytest.mark.parametrize("sentence", [
    "More than 200 people have been killed in the region so far this year.",
    "At least 1,500 civilians have been killed since the war began.",
    "A total of 1,200 people have died since September.",
    "Over 3,000 people have been killed in the past month, the UN said.",
    "The group has kidnapped more than 500 people to date.",
])
def test_cumulative(sentence):
    assert only(sentence).cumulative


def test_single_incident_is_not_cumulative():
    assert not only("Gunmen killed 7 villagers on Friday.").cumulative


def test_running_total_wording_is_told_apart_from_its_sentence():
    assert marks_running_total("So far this year, 300 people have been killed.")
    assert not marks_running_total("Gunmen killed 7 villagers on Friday.")


def test_hedged():
    t = only("12 people were reportedly killed, according to unconfirmed reports.")
    assert t.hedged and t.min == 12
    assert not only("Police said 12 people were killed.").hedged


# --- numbers that are not casualties -----------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The convoy travelled 446 km from the capital.",
    "The victim's brother is 30 years old.",
    "Both sides agreed to a 30-day ceasefire.",
    "1,000 troops were deployed to the region.",
    "In 2015 the group launched an offensive in the north.",
    "Since 2015 soldiers were deployed along the frontier.",
    "Five rockets were fired at the base.",
    "The government seized 12 vehicles.",
    "Protesters demanded the release of 20 detainees.",
])
def test_not_casualties(sentence):
    assert find_tolls(sentence) == []


def test_several_tolls_in_order():
    text = ("11 militants were killed by army shelling after one soldier was killed when a roadside "
            "bomb went off.")
    tolls = find_tolls(text)
    assert [(t.kind, t.min) for t in tolls] == [("killed", 11), ("killed", 1)]
    assert all(text[t.start:t.end] == t.text for t in tolls)


# --- the vocabulary file ---------------------------------------------------------------------

def _vocab() -> dict:
    path = resources.files("sitrep").joinpath("kb/data/toll_words.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_vocabulary_file_is_well_formed():
    data = _vocab()
    assert set(data["kinds"]) == set(KINDS)
    for kind, slots in data["kinds"].items():
        assert slots["passive"] or slots["active"], kind
        for phrases in slots.values():
            assert all(isinstance(p, str) and p == p.strip() for p in phrases), kind
    for phrase, (lo, hi) in data["vague_quantities"].items():
        assert isinstance(lo, int) and (hi is None or hi >= lo), phrase
    assert set(data["modifiers"]) == {"exact", "at_least", "more_than", "nearly", "fewer_than", "up_to", "about"}
    assert all(0 < v <= 1 for v in data["fractions"].values())
    # Every list holds strings: an unquoted `no` or `on` would turn into a YAML boolean.
    for key in ("passive_followers", "number_blockers", "year_blockers", "hedges", "cumulative_markers",
                "non_victim_heads", "auxiliaries", "adverbs", "zero_subjects", "incident_anaphors", "role_victims"):
        assert all(isinstance(w, str) for w in data[key]), key


def test_victim_classes_do_not_overlap():
    victims = _vocab()["victims"]
    civilian = {w.lower() for w in victims["civilian"]}
    combatant = {w.lower() for w in victims["non_civilian"]}
    assert not civilian & combatant
    assert {"civilians", "children", "journalists", "passengers"} <= civilian | {w + "s" for w in civilian}
    assert {"soldier", "militant", "rebel", "police"} <= combatant


def test_text_in_capitals():
    text = "TWELVE SOLDIERS WERE KILLED AND 5 WOUNDED IN THE AMBUSH, THE ARMY SAID."
    t = only(text)
    assert (t.kind, t.min, t.injured_min, t.victims) == ("killed", 12, 5, "soldiers")
    assert t.text == "TWELVE SOLDIERS WERE KILLED AND 5 WOUNDED"


@pytest.mark.parametrize("sentence, kind, lo", [
    ("On March 3, the police detained five editors of the Harbour Gazette, one of the region's "
     "best-known weeklies.", "arrested", 5),
    ("Not many people write about a dissident blogger being arrested for such posts.", "arrested", 1),
])
def test_asides_and_prepositions_are_not_counts(sentence, kind, lo):
    t = only(sentence)
    assert (t.kind, t.min, t.max) == (kind, lo, lo)


def test_seized_needs_people():
    assert find_tolls("Several documents were seized from the house.") == []
    assert find_tolls("The arsenal was seized by the army.") == []
    assert only("Gunmen seized 12 passengers from the bus.").kind == "kidnapped"


def test_animals_are_not_casualties():
    assert find_tolls("Millions of dogs are killed for their meat every year across Asia.") == []
    assert find_tolls("Poachers killed 12 elephants in the park last month.") == []


# --- traps, the figure as stated, and attaching tolls to events (real parses) -------------------------

@pytest.mark.parametrize("text", ["A 24-hour ceasefire began at dawn.", "Resolution 2254 calls for talks.",
                                  "Settlers blocked Route 60 near Hebron.", "The region was calm in the 1990s."])
def test_numbers_that_are_not_tolls(text):
    assert find_tolls(text) == []


@pytest.mark.parametrize("sentence, figure", [
    ("More than 10 soldiers were killed.", 10), ("Dozens were killed.", 24), ("About 50 people died.", 50),
    ("Between 20 and 30 people were killed.", 20), ("12 soldiers and three civilians were killed.", 15),
])
def test_stated_figure(sentence, figure):
    from sitrep.nlp.tolls import stated_figure

    (toll,) = find_tolls(sentence)
    assert stated_figure(toll) == figure


def fatalities(text: str, published: str = "2024-03-01"):
    from sitrep import code

    return [e.fatalities for e in code(text, published=published).events if e.fatalities is not None]


def test_a_toll_without_an_assault_in_its_sentence_reaches_the_one_before():
    (f,) = fatalities("Gunmen attacked a bus in Mandera on Friday. The death toll rose to 31 on Saturday.")
    assert (f.min, f.max) == (31, 31)


def test_a_repeated_count_is_not_counted_twice():
    found = fatalities("At least 446 people have been killed by Russian air strikes since September 30, the "
                       "Observatory said. The air strikes that killed the 446 people also hit hospitals.")
    assert [f.min for f in found] == [446]



# --- the compiled patterns kept between processes -----------------------------------------------

def test_patterns_from_the_cache_are_the_patterns_re_compile_makes(tmp_path, monkeypatch):
    """The tolls patterns are compiled once and their compiled form is kept in the cache folder
    (start-up time); what comes back from it must be exactly what `re.compile` makes."""
    import re

    from sitrep.cache import compile_patterns
    from sitrep.nlp.tolls import _lexicon

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    sources = [(rx.pattern, rx.flags) for _, rx in _lexicon().patterns] + [(r"(?P<n>\d+)\s+(dead|killed)", re.I)]
    built = compile_patterns("test", sources)  # compiled here and stored
    assert len(list(tmp_path.glob("regex-test-*.pickle"))) == 1
    loaded = compile_patterns("test", sources)  # read back
    for (pattern, flags), first, again in zip(sources, built, loaded):
        expected = re.compile(pattern, flags)
        for rx in (first, again):
            assert rx == expected  # CPython compares flags and the compiled code itself
            assert (rx.pattern, rx.groups, dict(rx.groupindex)) == (
                pattern, expected.groups, dict(expected.groupindex))
    m = loaded[-1].search("Officials said 12 KILLED in the raid.")
    assert (m.group("n"), m.group(2), m.span()) == ("12", "KILLED", (15, 24))


def test_a_damaged_pattern_cache_is_rebuilt(tmp_path, monkeypatch):
    from sitrep.cache import compile_patterns

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    sources = [(r"killed|wounded", 0)]
    compile_patterns("test", sources)
    (stored,) = tmp_path.glob("regex-test-*.pickle")
    stored.write_bytes(b"not a pickle")
    (rx,) = compile_patterns("test", sources)
    assert rx.findall("two killed, three wounded") == ["killed", "wounded"]
    assert stored.read_bytes() != b"not a pickle"


def test_the_index_of_assaults_by_token_finds_what_a_scan_finds():
    import random
    from types import SimpleNamespace

    from sitrep.nlp.tolls import _Tellers

    rng = random.Random(7)
    assaults = []
    for _ in range(60):
        lo = rng.randrange(0, 400)
        also = [(a, a + rng.randrange(1, 40)) for a in (rng.randrange(0, 400) for _ in range(rng.randrange(3)))]
        assaults.append(SimpleNamespace(sentence=(lo, lo + rng.randrange(0, 30)), also=also))
    tellers = _Tellers(assaults)
    for i in range(-2, 460):
        scan = [e for e in assaults if any(lo <= i < hi for lo, hi in [e.sentence, *e.also])]
        assert tellers.at(i) == scan
    assert _Tellers([]).at(5) == []


# --- one count told twice ------------------------------------------------------------------------

def _deaths_added_up(text: str) -> list[int]:
    from sitrep import code

    coded = code(text, published="2024-03-01")
    return [e.fatalities.min for e in coded.events if e.fatalities and not e.fatalities.cumulative]


def test_the_same_figure_told_again_in_its_paragraph_is_counted_once():
    text = ("At least four gunmen were killed in raids on hideouts in Quetta on Tuesday. Police said the "
            "gunmen fired on officers who answered in kind, killing four.")
    assert _deaths_added_up(text) == [4]
    text = ("Two nurses were killed when a shell hit a clinic in Kharkiv. The attackers then returned and "
            "fired again, killing both nurses.")
    assert sum(_deaths_added_up(text)) == 2


def test_a_further_count_with_the_same_figure_is_not_a_repeat():
    text = ("Three soldiers were killed when a roadside bomb hit their truck near Gao. In a separate "
            "attack, gunmen killed three villagers in Menaka.")
    assert sorted(_deaths_added_up(text)) == [3, 3]


def test_an_age_between_commas_after_a_name_is_not_a_count():
    for sentence in ("Farid Alam, 38, a shopkeeper, was shot dead by robbers in Sylhet.",
                     "Nadia Rahman,52, who ran a clinic, was killed in the blast."):
        (t,) = find_tolls(sentence)
        assert (t.kind, t.min, t.max) == ("killed", 1, 1), sentence
    (t,) = find_tolls("On Friday, 14, most of them civilians, were killed in the shelling.")
    assert (t.min, t.civilians_min) == (14, 8)


def _incident_tolls(text: str) -> list[tuple[int, list[int]]]:
    """Each incident's count and the figures of every claim about it."""
    from sitrep import code

    coded = code(text, published="2024-03-01")
    return [(e.fatalities.min, [c.min for c in e.fatalities.claims]) for e in coded.events
            if e.fatalities and not e.fatalities.cumulative]


def test_another_figure_for_the_same_incident_is_a_claim_not_a_second_incident():
    lead = ("A suicide bomber killed at least 48 people at a wedding hall in Herat on Saturday, "
            "officials said.\n\n")
    later = "Health ministry spokesman Arif Sadiq said the bombing left 46 people dead and 120 wounded."
    assert _incident_tolls(lead + later) == [(46, [48, 46])]
    text = ("Gunmen stormed a hotel in Kismayo on Friday, killing at least 15 people.\n\n"
            "Police said the attack left 14 dead, most of them civilians.")
    assert [claims for _, claims in _incident_tolls(text)] == [[15, 14]]


def test_the_same_figure_elsewhere_or_on_another_day_is_another_incident():
    text = ("Gunmen killed three people in Beledweyne on Monday. Three people were killed by a landmine "
            "in Jowhar on Sunday.")
    assert sorted(lo for lo, _ in _incident_tolls(text)) == [3, 3]


def test_the_same_figure_for_other_victims_in_another_town_is_another_incident():
    text = ("Gunmen killed three policemen in Beledweyne on Monday. In Jowhar, a roadside bomb killed "
            "three soldiers.")
    assert sorted(lo for lo, _ in _incident_tolls(text)) == [3, 3]


def test_a_close_figure_in_a_later_paragraph_needs_a_pointer_back_to_merge():
    lead = "Gunmen killed 10 people at a market in Beledweyne, Somalia, on Monday.\n\n"
    # nothing ties the nine to the market attack: another incident, counted on its own
    assert sorted(lo for lo, _ in _incident_tolls(lead + "Nine people were killed when a bus hit a landmine.")) \
        == [9, 10]
    # "the attack" points back: one incident, and the second figure is kept as a claim though nobody gives it
    assert _incident_tolls(lead + "Nine people were killed in the attack.") == [(9, [10, 9])]


def test_figures_for_other_moments_or_other_victims_stay_apart():
    text = ("Troops freed the hostages on Wednesday and no passengers were killed in the rescue, the army "
            "said. However, 21 passengers died in the first assault by the gunmen.")
    assert 21 in [lo for lo, _ in _incident_tolls(text)]
    text = ("Five soldiers were killed in an ambush near Gao on Monday. Gunmen shot dead three policemen "
            "at a checkpoint.")
    assert sorted(lo for lo, _ in _incident_tolls(text)) == [3, 5]


@pytest.mark.parametrize("sentence, lo, victims", [
    ("Four fighters of the Jamaat al-Nasr (JaN) faction were killed in a raid near Idlib.", 4, "fighters"),
    ("Seven farmers in a hamlet in the Kolar district were hacked to death by a mob.", 7, "farmers"),
    ("At least 9 suspected rebels belonging to the FNL were killed and two soldiers wounded.", 9, "rebels"),
    ("Three men believed to belong to a criminal gang were shot dead by police.", 3, "men"),
])
def test_a_subject_phrase_carried_on_before_its_verb(sentence, lo, victims):
    t = find_tolls(sentence)[0]
    assert (t.kind, t.min, t.victims) == ("killed", lo, victims)


def test_a_subject_tail_needs_its_passive_verb():
    # active: "killed" has an object, so the fighters did the killing and are not its victims
    tolls = find_tolls("Two fighters of the group killed a soldier near the bridge.")
    assert [(t.kind, t.min, t.victims) for t in tolls] == [("killed", 1, "soldier")]


def test_what_befell_the_victims_before_they_were_killed():
    (t,) = find_tolls("Two herders were abducted and shot dead near the river on Sunday.")
    assert (t.kind, t.min, t.victims) == ("killed", 2, "herders")
    (t,) = find_tolls("A shopkeeper was attacked and killed by a gang in the old market.")
    assert (t.kind, t.min) == ("killed", 1)


def test_attackers_are_any_armed_victims_told_another_way():
    text = ("At least eight insurgents were killed when troops beat back a raid on a border post in Zhob. "
            "The troops returned fire, killing eight attackers.")
    assert _deaths_added_up(text) == [8]


def test_a_building_blown_up_is_no_death():
    assert find_tolls("The village school was blown up by the rebels on Wednesday.") == []
    (t,) = find_tolls("Two soldiers were blown up by a landmine near the river.")
    assert (t.kind, t.min, t.victims) == ("killed", 2, "soldiers")
