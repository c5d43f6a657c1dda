"""The actor knowledge base: data files are well-formed and lookups resolve real news mentions."""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict

import shutil

import pycountry
import pytest
import yaml

from sitrep.kb import ROLES, KnowledgeBase, load_kb, normalize
from sitrep.kb.actors import DATA_DIR, people_files
from sitrep.kb.validate import counts, problems

ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
SECTORS = {"GOV", "MIL", "REB", "INS", "OPP", "PTY", "SEP", "COP", "CVL", "PRT", "MED", "JUD", "LEG", "REF", "NGO", "IGO",
           "BUS", "EDU", "REL", "HLH", "LAB", "CRM"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Territories without a demonym of their own (uninhabited, or sharing one with a larger country).
NO_DEMONYM = {"ATA", "ATF", "BES", "BVT", "COG", "DMA", "HMD", "IOT", "SGS", "SJM", "UMI", "VAT"}
NO_CAPITAL = {"ATA", "BVT", "HMD", "UMI"}


def _yaml(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


@pytest.fixture(scope="module")
def kb():
    return load_kb()


# --- data files --------------------------------------------------------------------------------------------

def test_countries_cover_iso_3166_with_capitals_and_demonyms():
    rows = json.loads((DATA_DIR / "countries.json").read_text(encoding="utf-8"))
    by_iso = {r["iso3"]: r for r in rows}
    assert len(by_iso) == len(rows)
    assert {c.alpha_3 for c in pycountry.countries} <= set(by_iso)
    assert {"PSE", "XKX"} <= set(by_iso)
    for c in pycountry.countries:
        r = by_iso[c.alpha_3]
        assert r["iso2"] == c.alpha_2
        assert r["name"] and r["name"] in r["aliases"]
        if c.alpha_3 not in NO_CAPITAL:
            assert r["capital"], c.alpha_3
        if c.alpha_3 not in NO_DEMONYM:
            assert r["demonyms"], c.alpha_3
        if r["lat"] is not None:
            assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180
    # News names, not registry names.
    assert by_iso["RUS"]["name"] == "Russia" and by_iso["KOR"]["name"] == "South Korea"
    assert by_iso["COD"]["name"] == "Democratic Republic of the Congo"
    assert {"US", "U.S.", "America"} <= set(by_iso["USA"]["aliases"])
    assert {"Britain", "UK"} <= set(by_iso["GBR"]["aliases"])
    assert by_iso["UKR"]["capital"] == "Kyiv" and "Kiev" in by_iso["UKR"]["capital_aliases"]
    assert abs(by_iso["RUS"]["lat"] - 55.75) < 0.1  # Moscow, not the middle of Russia


def test_seats_igos_groups_schema():
    seen = set()
    for name, kind in (("seats.yaml", "seat"), ("igos.yaml", "igo"), ("groups.yaml", "group")):
        rows = _yaml(name)
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
        for r in rows:
            assert r["name"] and isinstance(r.get("aliases", []), list), r
            assert r.get("sector") in SECTORS, r
            assert r.get("country") is None or r["country"] in ISO3, r
            for m in r.get("members") or []:
                assert m in ISO3, (r["id"], m)
            if r.get("parent"):
                assert r["parent"] in ids, (r["id"], r["parent"])
            seen.add(f"{kind}:{r['id']}")
    assert len(_yaml("seats.yaml")) >= 25
    assert len(_yaml("igos.yaml")) >= 45
    assert len(_yaml("groups.yaml")) >= 300


def test_people_schema_and_terms():
    rows = [r for path in people_files() for r in _yaml(path.name)]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert sum(1 for r in rows if r["roles"]) >= 800
    terms = defaultdict(list)
    for r in rows:
        assert r["name"] and (r.get("sector") or "GOV") in SECTORS
        assert r.get("country") is None or r["country"] in ISO3, r["id"]
        for role in r["roles"]:
            assert role["role"] in ROLES, (r["id"], role)
            start, end = _iso(role["start"]), role.get("end")
            assert DATE.match(start), (r["id"], start)
            if end is not None:
                assert DATE.match(_iso(end)) and start <= _iso(end), (r["id"], role)
            where = role.get("org") or r["country"]
            terms[(where, role["role"])].append((start, _iso(end) if end else "9999-12-31", r["id"]))
    # Two people never hold the same office on the same day, except on a handover day.
    for key, spans in terms.items():
        spans.sort()
        for (s1, e1, p1), (s2, e2, p2) in zip(spans, spans[1:]):
            assert p1 == p2 or s2 >= e1, (key, p1, p2)


def test_bare_surnames_are_unambiguous():
    owners = defaultdict(set)
    for r in (r for path in people_files() for r in _yaml(path.name)):
        for a in r["aliases"]:
            if " " not in a.strip():
                owners[normalize(a)].add(r["id"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_sectors_file_uses_known_codes_and_roles():
    data = _yaml("sectors.yaml")
    assert set(data["sectors"]) <= SECTORS
    assert set(data["roles"]) <= set(ROLES)
    words = [normalize(w) for ws in data["sectors"].values() for w in ws]
    assert len(words) == len(set(words)), [w for w, n in Counter(words).items() if n > 1]


def test_cached_copy_is_the_parsed_one(tmp_path, monkeypatch):
    """Load time is measured by bench/actors.py; here only that the pickled copy is faithful."""
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    built = load_kb.__wrapped__()  # parses the data files, writes the cache
    assert list(tmp_path.glob("kb-*.pickle"))
    cached = load_kb.__wrapped__()
    assert cached.entities == built.entities and cached.forms == built.forms


# --- validation: every slip in the data files is reported with its file and line ------------------------

def test_data_files_are_sound():
    found = problems()
    assert found == [], "\n".join(found)


def test_table_sizes():
    n = counts()
    assert n["countries"] >= 249 and n["seats"] >= 25 and n["igos"] >= 40
    assert n["groups"] >= 300 and n["office_holders"] >= 800 and n["coalitions"] >= 2


@pytest.fixture()
def data_copy(tmp_path):
    """A writable copy of the data files, to plant mistakes in."""
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _append(path, text) -> int:
    """Append `text` to a data file; returns the line number it starts on."""
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + text, encoding="utf-8")
    return before.count("\n") + 1


def test_duplicate_alias_names_both_lines(data_copy):
    line = _append(data_copy / "groups.yaml",
                   "- {id: fake-front, name: Fake Front, aliases: [Daesh], country: SYR, sector: REB}\n")
    found = problems(data_copy)
    assert len(found) == 1
    assert found[0].startswith(f"groups.yaml:{line}: alias 'daesh' of group:fake-front also names "
                               "group:islamic-state (groups.yaml:")


def test_shared_alias_is_allowed_only_when_both_entries_share_it(data_copy):
    _append(data_copy / "groups.yaml",
            "- {id: fake-front, name: Fake Front, shared_aliases: [SNA], country: SYR, sector: REB}\n")
    assert problems(data_copy) == []
    kb = KnowledgeBase(data_copy)
    assert {e.id for e in kb.lookup("SNA")} == {"group:sna", "group:sna-somalia", "group:fake-front"}


def test_role_ending_before_it_starts_names_its_line(data_copy):
    line = _append(data_copy / "people_more.yaml",
                   "- id: jane-doe\n  name: Jane Doe\n  country: JOR\n  roles:\n"
                   "    - {role: interior_minister, start: 2020-05-01, end: 2019-01-01}\n")
    found = problems(data_copy)
    assert found == [f"people_more.yaml:{line + 4}: role interior_minister of person:jane-doe ends (2019-01-01) "
                     "before it starts (2020-05-01)"]


def test_unknown_country_code_names_its_line(data_copy):
    line = _append(data_copy / "seats.yaml", "- {id: fake-palace, name: Fake Palace, country: XYZ, sector: GOV}\n")
    assert problems(data_copy) == [f"seats.yaml:{line}: unknown country code 'XYZ' in seat:fake-palace"]
    line = _append(data_copy / "people.yaml", "- {id: john-roe, name: John Roe, country: QQQ, roles: []}\n")
    assert f"people.yaml:{line}: unknown country code 'QQQ' in person:john-roe" in problems(data_copy)


def test_division_word_with_unknown_country_names_its_line(data_copy):
    line = _append(data_copy / "division_countries.yaml", "fakeshire: QQQ\n")
    assert problems(data_copy) == [f"division_countries.yaml:{line}: unknown country code 'QQQ' in "
                                   "division word 'fakeshire'"]


def test_local_place_with_unknown_country_or_a_division_word_names_its_line(data_copy):
    line = _append(data_copy / "local_places.yaml", "Fakeabad: QQQ\nUpazila: BGD\n")
    assert problems(data_copy) == [f"local_places.yaml:{line}: unknown country code 'QQQ' in local place 'Fakeabad'",
                                   f"local_places.yaml:{line + 1}: 'Upazila' is a division word, not a place"]


def test_local_place_listed_twice_names_its_line(data_copy):
    # the same name under two countries: the YAML loader would keep the last one silently
    line = _append(data_copy / "local_places.yaml", "Fakeabad: PAK\nFakeabad: AFG\n")
    assert problems(data_copy) == [f"local_places.yaml:{line + 1}: duplicate key 'Fakeabad' (first at line {line})"]
    # written in another case: the loader lowercases names, so these are one name too
    line = _append(data_copy / "local_places.yaml", "Zorbagh: PAK\nzorbagh: PAK\n")
    assert f"local_places.yaml:{line + 1}: 'zorbagh' (PAK) listed twice (first at line {line} as 'Zorbagh', " \
           "PAK)" in problems(data_copy)


def test_local_places_lists_no_personal_name_or_namesake_bare():
    from sitrep.nlp.actors import local_places

    places = local_places()
    # personal names ("Sabri said ...") and names a bigger place elsewhere bears (Amman's Marka district,
    # Ethiopia's Akobo, Karabakh's Qarabagh, Ethiopia's Shewa zones) give no country by themselves
    for name in ("sabri", "hawari", "abdiaziz", "mir ali", "marinka", "sherzad", "marka", "akobo", "qarabagh",
                 "shewa"):
        assert name not in places, name
    assert places["mir ali tehsil"] == "PAK" and places["north shewa"] == "ETH"


def test_local_places_are_of_known_countries():
    from sitrep.nlp.actors import local_places

    places = local_places()
    assert places["kurram"] == "PAK" and places["hpakant"] == "MMR" and len(places) > 350
    assert all(name == name.lower() and code in ISO3 for name, code in places.items())


def test_a_key_written_twice_names_its_line(data_copy):
    line = _append(data_copy / "division_countries.yaml", "fakeshire: BGD\nfakeshire: NPL\n")
    assert problems(data_copy) == [f"division_countries.yaml:{line + 1}: duplicate key 'fakeshire' "
                                   f"(first at line {line})"]
    line = _append(data_copy / "groups.yaml", "- {id: fake-band, name: Fake Band, id: fake-band-2, "
                                              "country: SYR, sector: REB}\n")
    assert f"groups.yaml:{line}: duplicate key 'id' (first at line {line})" in problems(data_copy)


def test_division_words_are_lowercase_and_of_one_known_country():
    from sitrep.nlp.actors import division_countries

    words = division_countries()
    assert words["upazila"] == "BGD" and "district" not in words
    assert "lga" not in words and "vdc" not in words  # Nigeria's and Australia's; Nepal's and a Syrian NGO
    assert all(w == w.lower() and code in ISO3 for w, code in words.items())


def test_two_holders_of_one_office_on_one_day(data_copy):
    line = _append(data_copy / "people_more.yaml",
                   "- {id: jane-doe, name: Jane Doe, country: RUS, roles: "
                   "[{role: foreign_minister, start: 2015-01-01, end: 2016-01-01}]}\n")
    found = problems(data_copy)
    assert len(found) == 1 and "sergey-lavrov" in found[0] and "jane-doe" in found[0]
    assert found[0].startswith(f"people_more.yaml:{line}:") or f"people_more.yaml:{line})" in found[0]


# --- lookups ----------------------------------------------------------------------------------------------

def test_normalize():
    assert normalize("the Élysée") == "elysee"
    assert normalize("Côte d’Ivoire") == "cote d'ivoire"
    assert normalize("al‐Shabab  fighters") == "al-shabab fighters"
    assert normalize("THE   Kremlin") == "kremlin"


def _ids(kb, text):
    return {e.id for e in kb.lookup(text)}


def test_places_and_seats_stand_for_governments(kb):
    assert _ids(kb, "Moscow") == {"capital:RUS"}
    assert kb.lookup("Moscow")[0].sector == "GOV"
    assert _ids(kb, "the Kremlin") == {"seat:kremlin"}
    assert kb.lookup("Pentagon")[0].sector == "MIL" and kb.lookup("Pentagon")[0].country == "USA"
    assert kb.lookup("Downing Street")[0].country == "GBR"
    assert kb.lookup("Elysee")[0].country == "FRA"
    assert _ids(kb, "Kiev") == _ids(kb, "Kyiv") == {"capital:UKR"}
    assert "capital:USA" in _ids(kb, "Washington")
    assert _ids(kb, "US") == _ids(kb, "U.S.") == _ids(kb, "United States") == {"country:USA"}
    assert _ids(kb, "Britain") == {"country:GBR"}
    assert _ids(kb, "DRC") == {"country:COD"}
    assert _ids(kb, "Ivory Coast") == _ids(kb, "Côte d'Ivoire") == {"country:CIV"}


def test_demonyms(kb):
    assert kb.country_by_demonym("Jordanian").iso3 == "JOR"
    assert _ids(kb, "Jordanian") == {"demonym:JOR"}
    assert kb.country_by_demonym("Emirati").iso3 == "ARE"
    assert kb.country_by_demonym("Nigerien").iso3 == "NER"
    assert kb.country_by_demonym("Nigerian").iso3 == "NGA"
    assert kb.country_by_demonym("Israelis").iso3 == "ISR"
    assert kb.country_by_demonym("French").iso3 == "FRA"  # not Réunion's
    assert kb.country_by_demonym("Congolese").iso3 == "COD"


def test_armed_groups_and_coalitions(kb):
    for name in ("ISIL", "ISIS", "Daesh", "Islamic State of Iraq and the Levant", "IS"):
        assert _ids(kb, name) == {"group:islamic-state"}, name
    for name in ("al-Shabab", "Al Shabaab", "al Shabab", "Harakat al-Shabaab al-Mujahideen"):
        assert _ids(kb, name) == {"group:al-shabaab"}, name
    iswap = kb.lookup("ISWAP")[0]
    assert iswap.parent == "group:islamic-state" and iswap.country == "NGA"
    assert kb.lookup("HTS")[0].name == "Hayat Tahrir al-Sham"
    assert kb.lookup("RSF")[0].country == "SDN"
    assert kb.lookup("Africa Corps")[0].country == "RUS"
    coalition = kb.lookup("the US-led coalition")[0]
    assert coalition.sector == "MIL" and {"USA", "GBR", "FRA", "JOR"} <= set(coalition.members)
    assert kb.lookup("anti-ISIL coalition")[0] is coalition
    saudi = kb.lookup("Arab coalition")[0]
    assert saudi.country == "SAU" and "ARE" in saudi.members
    for e in kb.entities.values():
        if e.parent:
            assert e.parent in kb.entities, e


def test_igos(kb):
    nato = kb.lookup("NATO")[0]
    assert nato.sector == "IGO" and "TUR" in nato.members and len(nato.members) == 32
    assert kb.lookup("UN Security Council")[0].parent == "igo:un"
    assert kb.lookup("Red Cross")[0].sector == "NGO"
    assert kb.lookup("U.N. refugee agency")[0].name == "UNHCR"


def test_acronyms_that_are_english_words_are_case_sensitive(kb):
    assert kb.case_sensitive["us"] == {"US"}
    assert kb.case_sensitive["is"] == {"IS"}
    assert kb.case_sensitive["who"] == {"WHO"}
    assert "hamas" not in kb.case_sensitive
    assert kb.max_alias_tokens >= 5


def test_office_holders(kb):
    assert kb.office_holder("JOR", "foreign_minister", on="2015-10-23").name == "Nasser Judeh"
    assert kb.office_holder("USA", "foreign_minister", on="2015-10-23").name == "John Kerry"
    assert kb.office_holder("RUS", "foreign_minister", on="2015-10-23").name == "Sergey Lavrov"
    assert kb.office_holder("RUS", "head_of_state", on=dt.date(2015, 10, 23)).name == "Vladimir Putin"
    assert kb.office_holder("RUS", "head_of_state", on="2010-01-01").name == "Dmitry Medvedev"
    assert kb.office_holder("SYR", "head_of_state", on="2015-10-23").name == "Bashar al-Assad"
    assert kb.office_holder("USA", "head_of_state", on="2017-01-20").name == "Donald Trump"  # handover day
    assert kb.office_holder("un", "secretary_general", on="2015-10-23").name == "Ban Ki-moon"
    assert kb.office_holder("NATO", "secretary_general", on="2015-10-23").name == "Jens Stoltenberg"
    assert kb.office_holder("JOR", "foreign_minister", on="1990-01-01") is None
    assert kb.person("Lavrov").id == "person:sergey-lavrov"
    assert kb.person("his counterpart") is None
    assert kb.lookup("Nasser Judeh")[0].country == "JOR"
    roles = kb.roles("person:john-kerry")
    assert roles[0].role == "foreign_minister" and roles[0].start == "2013-02-01"


@pytest.mark.parametrize("phrase,sector", [
    ("rebels", "REB"), ("Syrian rebels", "REB"), ("militias", "REB"), ("insurgents", "INS"),
    ("warplanes", "MIL"), ("Russian warplanes", "MIL"), ("troops", "MIL"), ("defence ministry", "MIL"),
    ("police", "COP"), ("policemen", "COP"), ("security forces", "COP"),
    ("civilians", "CVL"), ("protesters", "PRT"), ("journalists", "MED"), ("lawmakers", "LEG"),
    ("refugees", "REF"), ("aid workers", "NGO"), ("his Jordanian counterpart", "GOV"), ("regime", "GOV"),
    ("judges", "JUD"),
])
def test_sector_words(kb, phrase, sector):
    assert kb.sector_of(phrase) == sector


def test_role_words(kb):
    assert kb.role_of("foreign minister") == "foreign_minister"
    assert kb.role_of("Jordanian Foreign Minister") == "foreign_minister"
    assert kb.role_of("US Secretary of State") == "foreign_minister"
    assert kb.role_of("President") == "head_of_state"
    assert kb.role_of("prime minister") == "head_of_government"
    assert kb.role_of("defense minister") == "defence_minister"
    assert kb.role_of("interior minister") == "interior_minister"
    assert kb.role_of("spokesman") is None


def test_communal_words_mark_local_armed_groups():
    kb = load_kb()
    assert kb.is_communal("Abgal clan militia") and kb.is_communal("Dhulbahante sub-clan militia")
    assert kb.is_communal("Hema ethnic militia")
    assert not kb.is_communal("Islamic State fighters") and not kb.is_communal("government forces")
    data = _yaml("sectors.yaml")
    assert all(w == w.lower() for w in data["communal"])


def test_context_aliases_name_a_country_and_shadow_no_alias(kb):
    """A context alias is accepted only in a story about its actor's country: that actor needs one,
    and an alias of its own elsewhere would make the restriction meaningless."""
    assert kb.context_aliases, "groups.yaml gives no context_aliases"
    # another entry's shared alias may be one ("Congress": the US one unless the story is set in India)
    shared = {normalize(a) for f in ("seats.yaml", "igos.yaml", "groups.yaml") for row in _yaml(f)
              for a in row.get("shared_aliases") or ()}
    for key, entities in kb.context_aliases.items():
        assert all(e.country for e in entities), key
        assert key not in kb.aliases or key in shared, key
    assert [e.name for e in kb.context_lookup("FC")] == ["Frontier Corps"]
    assert [e.name for e in kb.context_lookup("Congress")] == ["Indian National Congress"]


def test_context_alias_claimed_twice_names_its_line(data_copy):
    line = _append(data_copy / "groups.yaml",
                   "- {id: fake-corps, name: Fake Corps, context_aliases: [FC], country: AFG, sector: MIL}\n")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"groups.yaml:{line}: alias 'fc' of group:fake-corps also names "
                                                   "group:frontier-corps")


def test_context_alias_over_a_plain_alias_names_its_line(data_copy):
    # "Kremlin" is a plain alias of the Russian seat: no second reading may hide behind it
    line = _append(data_copy / "groups.yaml",
                   "- {id: fake-party, name: Fake Party, context_aliases: [Kremlin], country: BLR, sector: PTY}\n")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"groups.yaml:{line}: alias 'kremlin' of group:fake-party "
                                                   "also names seat:kremlin")


def test_second_context_alias_over_a_shared_alias_names_its_line(data_copy):
    line = _append(data_copy / "groups.yaml",
                   "- {id: fake-party, name: Fake Party, context_aliases: [Congress], country: NPL, sector: PTY}\n")
    found = problems(data_copy)
    assert len(found) == 1 and found[0].startswith(f"groups.yaml:{line}: alias 'congress' of group:fake-party")


def test_an_arabic_article_is_matched_with_a_hyphen_or_a_space():
    from sitrep.kb.actors import written_forms

    assert "Hamad bin Khalifa Al-Thani" in written_forms("Hamad bin Khalifa Al Thani")
    assert "al Shabaab" in written_forms("al-Shabaab")
    assert [e.name for e in load_kb().lookup("Hamad bin Khalifa al-Thani")] == ["Hamad bin Khalifa Al Thani"]


def test_political_parties_news_names_as_actors(kb):
    assert [(e.country, e.sector) for e in kb.lookup("FDC")] == [("UGA", "OPP")]
    assert kb.lookup("National Congress Party")[0].country == "SDN"
    assert kb.lookup("UCPN-Maoist")[0].country == "NPL"


def test_plain_people_words_take_the_sector_of_the_noun_before_them():
    from sitrep.kb import load_kb

    kb = load_kb()
    assert kb.sector_of("army men") == "MIL" and kb.sector_of("police men") == "COP"
    assert kb.sector_of("men") == "CVL" and kb.sector_of("young men") == "CVL"
    assert kb.sector_of("paramilitary rangers") == "MIL" and kb.sector_of("rangers") == "MIL"
    assert kb.sector_of("park rangers") == "GOV" and kb.sector_of("forest ranger") == "GOV"  # no soldiers
    assert kb.sector_of("cops") == "COP"


def test_successor_states_are_known_codes_with_dates():
    from sitrep.kb.actors import country_on, successors

    table = successors()
    assert table["SSD"] == ("SDN", "2011-07-09") and table["ERI"][0] == "ETH"
    assert all(new in ISO3 and old in ISO3 and DATE.match(day) for new, (old, day) in table.items())
    assert country_on("SSD", "2011-07-08") == "SDN" and country_on("SSD", "2011-07-09") == "SSD"
    assert country_on("SSD", None) == "SSD" and country_on("KEN", "1980-01-01") == "KEN"


def test_successor_with_unknown_code_or_no_date_names_its_line(data_copy):
    line = _append(data_copy / "successors.yaml", "- {country: QQQ, from: SDN, since: 2011-07-09}\n"
                                                  "- {country: ERI, from: ETH}\n")
    found = problems(data_copy)
    assert f"successors.yaml:{line}: unknown country code 'QQQ' in successor 'QQQ'" in found
    assert f"successors.yaml:{line + 1}: 'ERI' has no independence date (YYYY-MM-DD)" in found
    assert f"successors.yaml:{line + 1}: 'ERI' listed twice (first at line 12)" in found


@pytest.mark.parametrize("alias, country, sector", [
    ("Gorgor", "SOM", "MIL"), ("FRCI", "CIV", "MIL"), ("SANDF", "ZAF", "MIL"), ("Liberation Tigers", "LKA", "SEP"),
])
def test_state_forces_and_groups_added_for_recent_conflicts(kb, alias, country, sector):
    entity = kb.lookup(alias)[0]
    assert (entity.country, entity.sector) == (country, sector)


def test_name_particles_are_one_list_in_a_data_file():
    """name_particles.yaml: distinct lowercase words; the written forms of a KB name turn each between its
    hyphen and its space, so that "Karim al-Haddad" and "Karim al Haddad" are one alias."""
    from sitrep.kb.actors import DATA_DIR, written_forms
    from sitrep.cache import load_yaml

    particles = load_yaml(DATA_DIR / "name_particles.yaml")["particles"]
    assert particles and len(particles) == len(set(particles))
    assert all(isinstance(p, str) and p == p.lower() and p.isalpha() for p in particles)
    assert {"al", "el", "ur", "ash", "az"} <= set(particles)
    for particle in particles:
        assert f"Karim {particle} Haddad" in written_forms(f"Karim {particle}-Haddad")
        assert f"Karim {particle}-Haddad" in written_forms(f"Karim {particle} Haddad")
