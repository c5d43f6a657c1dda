"""The actor knowledge base: every name news uses for an actor, mapped to a coded entity.

Knowledge lives in data files beside this module (countries, seats of government, IGOs and NGOs, armed
groups, office holders, sector and role words). This module only loads them once into lookup tables so
the actor component can resolve a mention with a dict lookup: "the Kremlin" -> Russia's government,
"Daesh" -> Islamic State, "Jordanian" -> Jordan, ("JOR", "foreign_minister", 2015-10-23) -> Nasser Judeh.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

import yaml

from ..cache import cache_dir, file_key, store_pickle

DATA_DIR = Path(__file__).resolve().parent / "data"

ROLES = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister",
         "secretary_general")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_QUOTES = re.compile(r"[\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032]")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&+\-]{0,7}$")


def normalize(text: str) -> str:
    """The form every alias is stored and looked up in.

    Lowercase, no diacritics, one kind of apostrophe and hyphen, single spaces, no leading "the", so that
    "the Élysée", "Elysee" and "ELYSEE" meet on one key.
    """
    if not text:
        return ""
    text = _QUOTES.sub("'", text)
    text = _DASHES.sub("-", text)
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = _SPACES.sub(" ", text.lower()).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _read_yaml(name: str, data_dir: Path = DATA_DIR):
    with open(data_dir / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader) or []


def _name_particles(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """name_particles.yaml: the articles and links a name is written with or without ("al", "ur")."""
    return frozenset(str(w).lower() for w in _read_yaml("name_particles.yaml", data_dir)["particles"])


# Arabic articles and Urdu/Persian links written with a hyphen or a space: "al-Thani" / "Al Thani",
# "Fazl-ur-Rehman" / "Fazl ur Rehman" (one list, name_particles.yaml)
_PARTICLES = _name_particles()
_PARTICLE_WORDS = "|".join(sorted(_PARTICLES, key=lambda w: (-len(w), w)))
_PARTICLE_SPACE = re.compile(rf"\b({_PARTICLE_WORDS})\s+(?=[^\W\d_])", re.I)
_PARTICLE_HYPHEN = re.compile(rf"\b({_PARTICLE_WORDS})-(?=[^\W\d_])", re.I)


# Words for people that say nothing of their side: the noun before them does ("army men").
_PLAIN_PEOPLE = frozenset({"man", "men", "woman", "women"})


@dataclass(frozen=True)
class Entity:
    """One coded actor: what a mention resolves to."""

    id: str
    kind: str  # country, capital, seat, demonym, igo, group, person
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    members: Optional[tuple[str, ...]] = None
    parent: Optional[str] = None


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: Optional[str]
    capital_aliases: tuple[str, ...]
    lat: Optional[float]
    lon: Optional[float]


@dataclass(frozen=True)
class Role:
    """A term in office: role is one of ROLES; end None means still in office."""

    role: str
    country: Optional[str]  # ISO3 of the state, or an IGO id ("un", "nato") for its officials
    start: str
    end: Optional[str]


def written_forms(name: str) -> set[str]:
    """The name as written, and with its Arabic article the other way ("Hamad bin Khalifa Al Thani" is
    also written "... al-Thani"): the matcher tokenizes the forms, and "al-" is three tokens, "al " two."""
    return {name, _PARTICLE_SPACE.sub(r"\1-", name), _PARTICLE_HYPHEN.sub(r"\1 ", name)}


def _variants(alias: str) -> set[str]:
    """Spelling variants news uses interchangeably: "al-Shabab" / "al Shabab" / "Al Shabab"."""
    out = set()
    for form in written_forms(alias):
        key = normalize(form)
        out.add(key)
        if "-" in key:
            out.add(key.replace("-", " "))
    return out


# country names that are also common words or given names: their one-letter neighbours ("estate",
# "jerseys", "Jordana") are not misspellings of a country
_COMMON_NAME_WORDS = frozenset({"states", "jersey", "guinea", "turkey", "reunion", "jordan", "georgia", "america",
                                "panama", "holland", "chinese", "french", "danish", "polish", "german"})


def _deletions(word: str) -> set[str]:
    """The word with one letter left out, each way: two words one edit apart share one of these."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _singulars(word: str) -> list[str]:
    """Cheap English singular candidates, enough for sector nouns ("militias", "policemen")."""
    out = []
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return out


def people_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Office holders are kept in several files (people.yaml, people_*.yaml), one per kind of office."""
    return sorted(data_dir.glob("people*.yaml"))


def names_of(row: dict) -> list[str]:
    """Every name a data row gives its actor: the canonical name, its aliases and the aliases it
    deliberately shares with other actors (resolved from context: SNA in Syria and in Somalia)."""
    return [row["name"], *(row.get("aliases") or []), *(row.get("shared_aliases") or [])]


def _date_str(value) -> Optional[str]:
    """YAML may hand back dates as datetime.date; keep them as ISO strings."""
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


@lru_cache(maxsize=1)
def successors() -> dict[str, tuple[str, str]]:
    """kb/data/successors.yaml: a state that split off another -> (that state, its first day of
    independence, ISO)."""
    return {str(r["country"]): (str(r["from"]), _date_str(r["since"])) for r in _read_yaml("successors.yaml")}


def country_on(iso3: Optional[str], on: Union[str, _dt.date, None]) -> Optional[str]:
    """The state a country's people and places belonged to on that day: South Sudan before 9 July 2011
    is Sudan. A place keeps its current country on the map; an actor is of the state of its day.
    Unchanged when the day is unknown."""
    day = _date_str(on)
    table = successors()
    seen = set()
    while day and iso3 in table and day[:10] < table[iso3][1] and iso3 not in seen:
        seen.add(iso3)
        iso3 = table[iso3][0]
    return iso3


class KnowledgeBase:
    """All actor knowledge, indexed for dict lookups. Build it with `load_kb()` (cached)."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.aliases: dict[str, list[Entity]] = {}
        # Short names that mean the actor only in a story about its country ("FC" for Pakistan's Frontier
        # Corps, "Rangers"): matched like aliases, accepted only where the article names that country.
        self.context_aliases: dict[str, list[Entity]] = {}
        # Keys that only acronyms produce ("us" from "US", "is" from "IS", "who" from "WHO"): match them
        # only in these written forms, or "us" and "who" in running text become actors.
        self.case_sensitive: dict[str, frozenset[str]] = {}
        self._forms: dict[str, set[str]] = {}
        self.countries: dict[str, Country] = {}
        self.entities: dict[str, Entity] = {}
        self._demonyms: dict[str, Country] = {}
        self._sectors: dict[str, str] = {}
        self._roles: dict[str, str] = {}
        self._terms: dict[tuple[str, str], list[tuple[str, str, Entity]]] = {}
        self._person_roles: dict[str, tuple[Role, ...]] = {}
        self.data_dir = data_dir
        self._load_countries(data_dir)
        self._load_seats()
        self._load_orgs("igos.yaml", "igo")
        self._load_orgs("groups.yaml", "group")
        self._load_people()
        self._load_sectors()
        self.max_alias_tokens = max(len(k.split()) for k in self.aliases)
        self.case_sensitive = {k: frozenset(forms) for k, forms in self._forms.items()
                               if all(_ACRONYM.match(f) for f in forms)}
        # the forms as written ("U.S.", "Kyiv"): a matcher must tokenize these, not their lowercase keys
        self.forms: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in self._forms.items()}
        del self._forms

    # -- building -------------------------------------------------------------------------------------
    def _add(self, entity: Entity, names) -> None:
        self.entities[entity.id] = entity
        for name in names:
            if not name:
                continue
            name = str(name).strip()
            for form in written_forms(name):
                for key in _variants(form):
                    self._forms.setdefault(key, set()).add(form)
                    bucket = self.aliases.setdefault(key, [])
                    if entity not in bucket:
                        bucket.append(entity)

    def _load_countries(self, data_dir: Path) -> None:
        with open(data_dir / "countries.json", encoding="utf-8") as fh:
            rows = json.load(fh)
        for r in rows:
            c = Country(r["iso3"], r["iso2"], r["name"], tuple(r["aliases"]), tuple(r["demonyms"]),
                        r.get("capital"), tuple(r.get("capital_aliases") or ()), r.get("lat"), r.get("lon"))
            self.countries[c.iso3] = c
            self._add(Entity(f"country:{c.iso3}", "country", c.name, c.iso3), c.aliases)
            if c.demonyms:
                self._add(Entity(f"demonym:{c.iso3}", "demonym", c.name, c.iso3), c.demonyms)
                for d in c.demonyms:
                    self._demonyms.setdefault(normalize(d), c)
            if c.capital and r.get("capital_metonym", True):
                own = {normalize(a) for a in c.aliases}
                # "Singapore" the city is not a second actor beside Singapore the country.
                names = [n for n in (c.capital, *c.capital_aliases) if normalize(n) not in own]
                self._add(Entity(f"capital:{c.iso3}", "capital", c.capital, c.iso3, "GOV"), names)

    def _load_seats(self) -> None:
        for s in _read_yaml("seats.yaml", self.data_dir):
            ent = Entity(f"seat:{s['id']}", "seat", s["name"], s.get("country"), s.get("sector") or "GOV")
            self._add(ent, names_of(s))

    def _load_orgs(self, filename: str, kind: str) -> None:
        for g in _read_yaml(filename, self.data_dir):
            members = tuple(g["members"]) if g.get("members") else None
            parent = f"{kind}:{g['parent']}" if g.get("parent") else None
            ent = Entity(f"{kind}:{g['id']}", kind, g["name"], g.get("country"), g.get("sector"), members, parent)
            self._add(ent, names_of(g))
            for name in g.get("context_aliases") or ():
                for form in written_forms(str(name)):
                    for key in _variants(form):
                        self._forms.setdefault(key, set()).add(form)
                        bucket = self.context_aliases.setdefault(key, [])
                        if ent not in bucket:
                            bucket.append(ent)

    def _load_people(self) -> None:
        rows = [p for path in people_files(self.data_dir) for p in _read_yaml(path.name, self.data_dir)]
        for p in rows:
            ent = Entity(f"person:{p['id']}", "person", p["name"], p.get("country"), p.get("sector") or "GOV")
            self._add(ent, names_of(p))
            roles = []
            for r in p.get("roles") or []:
                where = r.get("org") or r.get("country") or p.get("country")
                role = Role(r["role"], where, _date_str(r["start"]),
                            _date_str(r.get("end")))
                roles.append(role)
                self._terms.setdefault((role.country, role.role), []).append((role.start, role.end or "9999-12-31",
                                                                              ent))
            self._person_roles[ent.id] = tuple(roles)

    def _load_sectors(self) -> None:
        data = _read_yaml("sectors.yaml", self.data_dir)
        for sector, words in data["sectors"].items():
            for w in words:
                self._sectors.setdefault(normalize(w), sector)
        for role, words in data["roles"].items():
            for w in words:
                self._roles.setdefault(normalize(w), role)
        self.communal_words = frozenset(normalize(w) for w in data.get("communal") or ())

    # -- lookups --------------------------------------------------------------------------------------
    def lookup(self, text: str) -> list[Entity]:
        """Every entity one of whose aliases is exactly `text` (after normalize)."""
        return list(self.aliases.get(normalize(text), ()))

    def context_lookup(self, text: str) -> list[Entity]:
        """Entities one of whose context aliases is exactly `text`: to accept only where the article
        names their country."""
        return list(self.context_aliases.get(normalize(text), ()))

    def misspelled_country(self, word: str) -> list[Entity]:
        """The country or demonym a one-word name misspells by one letter ("Ethopia", "Quatar",
        "Ghanians", "Isreal"), when it is one country's; [] otherwise. Names under six letters are too
        close to other words to guess."""
        word = normalize(word)
        if len(word) < 6 or not word.isalpha() or word in self.aliases:
            return []
        near = self.__dict__.get("_near_countries")
        if near is None:
            near = {}
            for key, entities in self.aliases.items():
                if len(key) >= 6 and key.isalpha() and key not in _COMMON_NAME_WORDS \
                        and all(e.kind in ("country", "demonym") for e in entities):
                    for variant in {key, *_deletions(key)}:
                        near.setdefault(variant, set()).add(key)
            self.__dict__["_near_countries"] = near
        keys = {k for v in {word, *_deletions(word)} for k in near.get(v, ())}
        entities = [e for k in sorted(keys) for e in self.aliases[k]]
        return entities if len({e.country for e in entities}) == 1 else []

    def is_acronym_only(self, key: str) -> bool:
        """True when `key` (normalized) comes only from acronyms, so matches should respect case."""
        return key in self.case_sensitive

    def country(self, iso3: str) -> Optional[Country]:
        return self.countries.get(iso3.upper()) if iso3 else None

    def country_by_demonym(self, word: str) -> Optional[Country]:
        return self._demonyms.get(normalize(word))

    def _phrase_lookup(self, phrase: str, table: dict[str, str]) -> Optional[str]:
        """Longest suffix of the phrase that the table knows, as written or singular ("Syrian rebels")."""
        words = [w.rstrip(".") or w for w in normalize(phrase).split()]  # "Gen." is "gen"
        for i in range(len(words)):
            head = words[i:]
            key = " ".join(head)
            if key in table:
                return table[key]
            for sing in _singulars(head[-1]):
                key = " ".join(head[:-1] + [sing])
                if key in table:
                    return table[key]
        return None

    def sector_of(self, noun_or_phrase: str) -> Optional[str]:
        """CAMEO sector a noun gives an actor: "rebels" -> REB, "warplanes" -> MIL. Remembered: the
        actor component asks it for every noun of every article."""
        memo = self.__dict__.setdefault("_sector_memo", {})
        if noun_or_phrase in memo:
            return memo[noun_or_phrase]
        if len(memo) >= 100_000:
            memo.clear()  # memory stays flat over any corpus
        found = self._phrase_lookup(noun_or_phrase, self._sectors)
        words = normalize(noun_or_phrase).split()
        if len(words) >= 2 and words[-1] in _PLAIN_PEOPLE and found == self._sectors.get(words[-1]):
            # "army men", "security men": plain people words take the sector of the noun before them
            before = self._phrase_lookup(" ".join(words[:-1]), self._sectors)
            found = before or found
        memo[noun_or_phrase] = found
        return found

    def is_communal(self, phrase: str) -> bool:
        """Whether a phrase describes a local armed group ("Abgal clan militia", "sub-clan militia")."""
        words = normalize(phrase).replace("-", " - ").split()
        return any(w in self.communal_words for w in words) or any(
            a + "-" + b in self.communal_words for a, b in zip(words, words[2:]))

    def role_of(self, noun_phrase: str) -> Optional[str]:
        """Office a title names: "foreign minister" -> foreign_minister, "President" -> head_of_state."""
        return self._phrase_lookup(noun_phrase, self._roles)

    def office_holder(self, iso3: str, role: str, on: Union[str, _dt.date]) -> Optional[Entity]:
        """Who held `role` for `iso3` (or an IGO id: "un", "nato") on that day; on a handover day, the
        incoming holder."""
        day = _date_str(on)
        best = None
        terms = self._terms.get((iso3, role)) or self._terms.get((iso3.lower(), role), ())
        for start, end, ent in terms:
            if start <= day <= end and (best is None or start > best[0]):
                best = (start, ent)
        return best[1] if best else None

    def person(self, name: str) -> Optional[Entity]:
        """The one person known by this name, or None when unknown or ambiguous."""
        people = [e for e in self.aliases.get(normalize(name), ()) if e.kind == "person"]
        return people[0] if len(people) == 1 else None

    def roles(self, person_id: str) -> tuple[Role, ...]:
        """Terms in office of a person entity ("person:sergey-lavrov")."""
        return self._person_roles.get(person_id, ())


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """Changes whenever a data file or this loader changes (a hash of their content), so a stale
    cache is never read."""
    paths = [Path(__file__), *(data_dir / name for name in ("countries.json", "seats.yaml", "igos.yaml",
                                                             "groups.yaml", "sectors.yaml", "name_particles.yaml")),
             *people_files(data_dir)]
    return hashlib.sha256("|".join(file_key(p) for p in paths).encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The knowledge base, built once per process and cached between processes (pickled in
    $SITREP_CACHE_DIR, else ~/.cache/sitrep): parsing the YAML files is most of the build time."""
    path = cache_dir() / f"kb-{fingerprint()}.pickle"
    try:
        with open(path, "rb") as fh:
            kb = pickle.load(fh)
        if isinstance(kb, KnowledgeBase):
            return kb
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    kb = KnowledgeBase()
    store_pickle(path, kb, stale="kb-*.pickle")
    return kb
