"""Places: every toponym in the article resolved to a gazetteer entry, with the article's focus.

The model's GPE/LOC/FAC entities are the candidates; descriptors refine them ("Idlib province" is the
province, not the city) and a demonym with "capital" names a city without saying it ("the Austrian
capital" is Vienna). Ambiguous names are resolved against the article's focus: the countries it talks
about most, counted from every country, capital and demonym mentioned (and, with less weight, the
countries of the groups and people named).

A name the gazetteer lacks is not dropped where the text shows it is a place: a village is put in the
district its brackets give ("Mukaiga village (Afgooye, Lower Shabelle)") or by the town it is "near",
a building or street in the town its name contains ("Colchester General Hospital") or else in the town
the article last named, each at the coarser precision of the two, never "point".
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Collection, Optional, Sequence


import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..cache import load_yaml
from ..gazetteer import SHORT_ALTERNATE_MAX, GeoEntry, distance_km, load_gazetteer, name_articles
from ..kb import load_kb
from .actors import division_countries, division_word_ids  # local division words one country uses ("upazila": BGD)

# local divisions: "Damboa LGA", "Lakshmipur Sadar", "Utmankhel Tehsil", "Dindigul taluk", "Dera woreda",
# "Kutkai Township" (Myanmar's districts; a township elsewhere is likewise placed at its town)
LOCAL_ADMIN_WORDS = frozenset({"lga", "sadar", "upazila", "tehsil", "taluk", "taluka", "subdistrict",
                               "sub-district", "woreda", "township"})
ADMIN_WORDS = {"province", "governorate", "region", "state", "district", "county", "prefecture", "oblast",
               "department", "territory", "municipality"} | LOCAL_ADMIN_WORDS
_ADMIN1_WORDS = {"province", "governorate", "region", "state", "oblast", "prefecture", "department",
                 "territory"}
PLACE_WORDS_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "place_words.yaml"
_WORD_LISTS = load_yaml(PLACE_WORDS_FILE)
# "the province of X", "the X district": what kind of place a name is (kb/data/place_words.yaml)
SETTLEMENT_WORDS = {str(w).lower() for w in _WORD_LISTS["descriptor_nouns"]}
_LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "into", "towards", "toward"}
# words that make the name before them a settlement even where it is also a person's ("X village")
_VILLAGE_WORDS = frozenset({"village", "town", "hamlet", "locality", "settlement", "township"})
_UNKNOWN_PLACE_PREPS = {"in", "near", "outside", "inside"}  # "in X": X is a place the gazetteer may lack
LOCATION_PREPS = frozenset({"in", "at", "near", "across", "throughout", "around", "inside", "on", "into",
                            "over", "outside of", "within", "to"})
NOT_LOCATION_PREPS = frozenset({"from", "outside", "than", "like", "for", "of", "beyond"})
# compass points and adjectives ("North", "Southern" ...): a part of a place, never a place's whole name
_COMPASS = frozenset(str(w).lower() for w in _WORD_LISTS["compass_words"])
_DIRECTION_WORDS = _COMPASS | {str(w).lower() for w in _WORD_LISTS["compass_adjectives"]}


@dataclass(frozen=True)
class PlaceWords:
    """The vocabulary of `kb/data/place_words.yaml`, lower-cased."""

    facility: frozenset[str]
    abroad: frozenset[str]
    settlement: frozenset[str]
    container_links: frozenset[str]
    institution: frozenset[str]
    motion: frozenset[str]
    of_place: frozenset[str]  # settlement words and "of_place_nouns": "the village of X", "the outskirts of X"
    residents: frozenset[str]  # "Jashpur residents"
    assault: frozenset[str]  # "fired on X", "the advance on X"
    site: frozenset[str]  # "the Karmiyya crossing", "Bamba police station"
    takeover: frozenset[str]  # "the army retook X": X is a place
    landform: frozenset[str]  # "the X Mountains", "the X River": a feature by its own last word
    landform_openings: frozenset[str]  # "Mount X", "Wadi X": ... or by its first
    surroundings: frozenset[str]  # "the Tadmur countryside": only a place modifies these
    kind_openings: frozenset[str]  # "Kafr X", "Tal X": another language's word for a kind of place opens the name
    date_names: frozenset[str]  # "Ramadan", "Christmas": names the model rightly tags as dates
    given_name_openings: frozenset[str]  # "Tal": a kind opening that is also a given name


@lru_cache(maxsize=1)
def _division_word_ids():
    """The division words' lower-case hashes, to find them in a Doc's LOWER column at C speed."""
    return numpy.fromiter(division_word_ids(), dtype=numpy.uint64)


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    data = load_yaml(PLACE_WORDS_FILE)
    lists = [frozenset(str(w).lower() for w in data[key])
             for key in ("facility_words", "abroad_words", "settlement_words", "container_links",
                         "institution_words", "motion_words", "of_place_nouns", "resident_nouns",
                         "assault_words", "site_words", "takeover_verbs", "landform_words", "landform_openings",
                         "surroundings_nouns", "kind_openings", "date_names", "given_name_openings")]
    lists[6] = lists[6] | lists[2]
    lists[3] = lists[3] | frozenset(str(w).lower() for w in data["compass_adjectives"])  # "in northern Y"
    both = frozenset(str(w).lower() for w in data["landform_kind_openings"])  # "Jabal X", "Wadi X"
    lists[12] = lists[12] | both
    lists[14] = lists[14] | both
    return PlaceWords(*lists)


@lru_cache(maxsize=1)
def spelled_out_divisions() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(a local division's word spelled out as lower-case words, its short form): "local government
    area" -> "lga"; longest first, so "local government area" wins over "local government"."""
    pairs = [(tuple(str(phrase).lower().split()), str(word).lower())
             for phrase, word in load_yaml(PLACE_WORDS_FILE)["spelled_out_divisions"].items()]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@lru_cache(maxsize=1)
def division_word_countries() -> dict[str, tuple[str, ...]]:
    """Local division words only some countries use, with those countries ("tehsil": Pakistan, India)."""
    return {str(word).lower(): tuple(countries)
            for word, countries in load_yaml(PLACE_WORDS_FILE)["division_word_countries"].items()}


@dataclass(frozen=True)
class SharedCountryName:
    """A short name two countries share in the news ("Congo"): `kb/data/place_words.yaml`."""

    default: str
    periods: tuple[tuple[dt.date, dt.date, str], ...]  # (from, until, country) by publication date
    cues: tuple[tuple[str, re.Pattern], ...]  # (country, the words that name it beside the shared name)

    def country(self, text: str, published: object, places: Collection[tuple[str, str]] = ()) -> str:
        """The country the article means: the one more of its cue words and of its other places
        ((name, country) pairs) name, else the one of its date."""
        hits = Counter({iso: len(set(pattern.findall(text))) for iso, pattern in self.cues})
        hits.update(iso for _, iso in set(places) if any(iso == own for own, _ in self.cues))
        ranked = hits.most_common(2)
        if ranked and ranked[0][1] and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        if isinstance(published, dt.datetime):
            published = published.date()
        if isinstance(published, dt.date):
            for start, until, iso in self.periods:
                if start <= published < until:
                    return iso
        return self.default


@lru_cache(maxsize=1)
def shared_country_names() -> dict[str, SharedCountryName]:
    out = {}
    for name, spec in load_yaml(PLACE_WORDS_FILE).get("shared_country_names", {}).items():
        periods = tuple((dt.date.fromisoformat(str(p["from"])), dt.date.fromisoformat(str(p["until"])),
                         str(p["country"])) for p in spec.get("periods", []))
        cues = tuple((str(iso), re.compile(r"\b(?:" + "|".join(re.escape(str(w)) for w in words) + r")\b"))
                     for iso, words in spec.get("cues", {}).items())
        out[str(name)] = SharedCountryName(str(spec["default"]), periods, cues)
    return out


@dataclass(frozen=True)
class PlaceMention:
    start: int  # token offsets
    end: int
    text: str
    entry: GeoEntry
    descriptor: Optional[str] = None  # "province", "capital", "southern", "demonym" ...
    # token index of a name the gazetteer lacks that this place contains and stands in for:
    # "in Gayacad village (Bulo Burto, Hiiraan)" -> Bulo Burto stands for Gayacad
    stands_for: Optional[int] = None

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


@dataclass(frozen=True)
class UnresolvedPlace:
    """A name the text uses as a place that the gazetteer could not put anywhere (no container named,
    no country to put it in): `doc._.unresolved_places`, for later stages that can still use it."""

    start: int  # token offsets
    end: int
    text: str
    country: Optional[str] = None  # ISO3 where the gazetteer's places of that name lie in one country only


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    name: str  # what to look up
    kind: Optional[str]  # a restriction for Gazetteer.resolve, or "capital"/"focus"/"strong"/"seat"/"facility"/"site"
    descriptor: Optional[str] = None
    label: str = ""  # the model's entity label ("" for names it left untagged)


_OPENING = {",", "("}
_FACILITY_PREPS = {"in", "at", "near", "outside", "inside", "into", "from", "to", "on", "across", "around", "toward",
                   "towards", "past", "by", "behind", "opposite"}
STRONG_CITY_POP = 50_000  # a name the model did not tag is taken for a town only if it is this big
BIG_CITY_POP = 100_000  # ... and one it took for an organisation or person
LOCATIVE_TOWN_POP = 20_000  # ... or one it took so, after "in"/"near", in a story about elsewhere
DISTRICT_TOWN_POP = 10_000  # ... or, named with "district" in a story that names no country, the town it is named after
_ORG_PREFIX_MAX = 3
NEAR_KM = 100.0  # "X near Y": how far from Y a namesake of X may lie and still be the one meant
OWNED_KM = 25.0  # "Y's X": a namesake of X this close to the town Y is the one meant, whatever its country


class PlaceResolver:
    """spaCy component: fills `doc._.places` and `doc._.focus`."""

    def __init__(self, nlp: Language, name: str = "sitrep_places"):
        self.name = name
        self.gaz = load_gazetteer()
        self.kb = load_kb()

    def __call__(self, doc: Doc) -> Doc:
        actor_focus = self._focus(doc)
        candidates = self._candidates(doc)
        # first pass with the actors' countries; the places it finds name the article's countries
        # too ("Parkland" in a story that also says "Florida"), so a second pass uses both
        first_unresolved: list[UnresolvedPlace] = []
        first = self._resolve_all(doc, candidates, actor_focus, unresolved=first_unresolved)
        focus = self._merge_focus(actor_focus, first)
        # ... and the divisions it names, or that its towns lie in, tell namesakes apart ("Riverdale"
        # in a story that names New Jersey)
        context = [(m.text, m.entry.country, m.entry.name if m.entry.kind == "admin1" else m.entry.admin1)
                   for m in first if m.entry.kind in ("admin1", "city", "admin2") and m.entry.country
                   and m.descriptor not in ("within", "nearby")]
        # a name that is both a country and a division ("Georgia") is weighed against the countries
        # the rest of the article names, not against its own mentions (each read as the country)
        own_focus = {}
        for name in {c.name for c in candidates}:
            entries = self.gaz.lookup_exact(name) if name[:1].isupper() else ()
            if any(e.kind == "country" for e in entries) and any(e.kind == "admin1" for e in entries):
                own_focus[name] = self._merge_focus(self._focus(doc, leave_out=name),
                                                    [m for m in first if m.text != name])
        if focus != actor_focus or context or own_focus:
            unresolved = []
            mentions = self._resolve_all(doc, candidates, focus, context, own_focus, unresolved, actor_focus)
        else:
            mentions, unresolved = first, first_unresolved
        doc._.places = mentions
        doc._.unresolved_places = unresolved
        doc._.focus = self._merge_focus(focus, mentions)
        return doc

    def _resolve_all(self, doc: Doc, candidates: list[_Candidate], focus: list[str],
                     context: Optional[list] = None, own_focus: Optional[dict] = None,
                     unresolved: Optional[list] = None, named_focus: Optional[list[str]] = None) -> list[PlaceMention]:
        """`named_focus`: the countries the article names itself (not through its places)."""
        named_focus = focus if named_focus is None else named_focus
        resolved: list[tuple[_Candidate, Optional[GeoEntry]]] = []
        taken: set[int] = set()
        # tokens of a body's name the model tagged as one, with that name's length ("the" aside)
        in_org = {i: len(e) - (e[0].lower_ == "the") for e in doc.ents if e.label_ == "ORG" for i in range(e.start, e.end)}
        by_start: dict[int, _Candidate] = {}
        for cand in candidates:
            by_start.setdefault(cand.start, cand)
        for cand in candidates:
            if any(i in taken for i in range(cand.start, cand.end)):
                continue
            near = frozenset((c, a) for text, c, a in context if text != cand.name) if context else ()
            # "Kutkai Township", "Damboa LGA": a district below the first level, never a state of that name
            kind = "local" if cand.kind == "division" and cand.descriptor in LOCAL_ADMIN_WORDS else cand.kind
            entry = self._resolve(cand.name, own_focus.get(cand.name, focus) if own_focus else focus, kind, near)
            owners = _division_owners(doc, cand, by_start)
            if entry is not None and owners and entry.country not in owners:
                # "Safi tehsil", "X in Y upazila": a division only Pakistan and India (Bangladesh) have,
                # not Safi in Morocco; none of theirs so named leaves it unresolved rather than abroad
                ordered = [c for c in focus if c in owners] + [c for c in owners if c not in focus]
                entry = self._resolve(cand.name, ordered, kind, near)
                entry = entry if entry is not None and entry.country in owners else None
            shared = shared_country_names().get(cand.name)
            if shared is not None and entry is not None and entry.kind == "country":
                # "Congo": which of the two the article means, by its other names or its date
                places = [(text, c) for text, c, _ in context or () if text != cand.name]
                entry = self.gaz.country(shared.country(doc.text, doc._.published, places)) or entry
            if cand.kind == "strong" and entry is not None and _someone_abroad(doc, cand, entry, named_focus):
                continue
            if entry is not None and _named_beside_kin(doc, cand):
                continue  # "her husband, Mostar,": a person, not the town
            if _office_by_initials(doc, cand) and any(e.kind == "admin1" and e.country not in focus
                                                      for e in self.gaz.lookup(cand.name)):
                # an official, no place under any reading ("the KP police" in a Pakistani story stays a place)
                taken.update(range(cand.start, cand.end))
                continue
            if focus and entry is not None and entry.kind != "country" and entry.country and entry.country not in focus \
                    and cand.kind != "demonym" \
                    and in_org.get(cand.start, 0) > cand.end - cand.start and not self.gaz.lookup_named(cand.name):
                # "the Unity and Progress (Adalet) party": a word of a body's name, not Adelaide by a
                # foreign name or a respelling (a place's own name in a body's name is left to the rules below)
                continue
            if entry is not None and entry.kind != "country" and entry.country not in focus \
                    and _only_compass_words(cand.name):
                # "Sri Lanka's Western Province": the article's country's own, not Rwanda's
                entry = self._generic_division(cand.name, focus) or entry
            if entry is None and not focus and cand.label == "GPE" and cand.kind is None:
                entry = self._only_town(cand.name)  # "gunmen killed three in Okpoga": no other place to weigh
            if entry is None and cand.kind in ("strong", "demonym", "capital", "seat", "org_town", "home_division"):
                continue
            if entry is None and cand.kind in ("object", "untagged") and not self._placeable(doc, cand) \
                    and not (cand.kind == "untagged" and (_named_as_place(doc, cand) or _before_container(doc, cand)
                                                          or _named_by_its_kind(doc, cand))):
                continue
            if cand.name in DISEASE_NAMES:
                continue  # "Ebola in Africa": the disease, not the river
            if entry is None and cand.name.isupper() and cand.name.isalpha() and 3 <= len(cand.name) <= 5 \
                    and cand.label not in ("GPE", "LOC", "FAC") and cand.kind not in ("facility", "site") \
                    and not (cand.end < len(doc) and doc[cand.end].lower_ in place_words().settlement):
                continue  # "in the NICU", "at the WFP": a unit or a body by its initials, not a place the gazetteer lacks
            taken.update(range(cand.start, cand.end))
            resolved.append((cand, entry))
        resolved.sort(key=lambda r: r[0].start)
        self._apply_containment(doc, resolved, focus)
        self._possessive_containment(doc, resolved)
        self._near_known_place(doc, resolved, focus)
        self._check_brackets(doc, resolved)
        self._lists_of_divisions(doc, resolved)
        self._divisions_among_divisions(doc, resolved)
        self._lists_of_countries(doc, resolved)
        self._place_unknowns(doc, resolved, focus)
        stands_for: dict[int, int] = {}
        for (cand, entry), (outer_cand, outer) in zip(resolved, resolved[1:]):
            between = doc[cand.end:outer_cand.start]
            if entry is None and outer is not None and outer.kind != "country" and len(between) <= 2 \
                    and between[:1].text in _OPENING:
                stands_for[outer_cand.start] = doc[cand.start:cand.end].root.i
        mentions = [PlaceMention(c.start, c.end, doc[c.start:c.end].text, e, c.descriptor, stands_for.get(c.start))
                    for c, e in resolved if e is not None]
        if unresolved is not None:
            unresolved.extend(UnresolvedPlace(c.start, c.end, doc[c.start:c.end].text, self._one_country(c.name))
                              for c, e in resolved if e is None and c.kind not in ("facility", "site"))
        return _without_disease_names(doc, self._same_name_elsewhere(doc, mentions, taken, focus))

    # -- names the gazetteer lacks -----------------------------------------------------------
    def _placeable(self, doc: Doc, cand: _Candidate) -> bool:
        """An unknown name the model did not tag as a place, kept for _place_unknowns only where the
        text makes it one: the object of a verb of taking ("retook Tal Hamra", not a person's name),
        or a district or quarter named with the place it lies in ("the X District of northern Aleppo")."""
        if cand.kind == "object" and cand.label != "PERSON" and "the" not in (doc[cand.start].lower_, doc[cand.start - 1].lower_ if cand.start else ""):
            # a town is taken bare ("retook Tal Hamra"); "stormed the Mavi Marmara" took a ship
            root = doc[cand.start:cand.end].root
            verb = root.head if root.dep_ == "dobj" or cand.start == 0 else doc[cand.start - 1]
            if verb.lemma_.lower() in place_words().takeover and not _taken_inside_a_town(doc, cand.start, cand.end):
                return True
        words = place_words()
        last = doc[cand.end - 1].lower_
        return cand.end - cand.start >= 2 and (last in words.settlement or last in ADMIN_WORDS) \
            and cand.end < len(doc) and doc[cand.end].lower_ in ("of", "in")
    def _place_unknowns(self, doc: Doc, resolved: list, focus: list[str]) -> None:
        """Names the gazetteer lacks, put where the text says they are, with honest precision:
        "Mukaiga village (Afgooye, Lower Shabelle)" in the district of Afgooye; "X village near Y" by
        Y; "Colchester General Hospital" in Colchester; "Frenchmen Street" in the town the article is
        about; an unknown town tagged as a place, or a name where only a place fits ("the village of
        X"), near the last town named, else in the article's main country (at country precision)."""
        words = place_words()
        for n in range(len(resolved) - 1, -1, -1):  # backwards: "X (Y, Z)" places Y before X
            cand, entry = resolved[n]
            if entry is None:
                found = self._container_after(doc, resolved, n, words)
                if found is not None:
                    container, relation = found
                    resolved[n] = (replace(cand, descriptor=cand.descriptor or "within"),
                                   _within(container, _own_precision(cand), relation))
        known = [(c, e) for c, e in resolved if e is not None and c.descriptor != "demonym"]
        by_start = {c.start: c for c, _ in resolved}
        for n, (cand, entry) in enumerate(resolved):
            if entry is not None:
                continue
            placed = None
            guessed = False  # a settlement put by the town named around it: somewhere in that town's district
            if cand.kind in ("facility", "site") or cand.label == "FAC":
                placed = self._place_in_name(doc, cand, focus, known, words)
                tokens = doc[cand.start:cand.end]
                if placed is None and not any(t.lower_ in words.abroad for t in tokens):
                    # (an embassy or a consulate is in whatever country hosts it, not in the last town named)
                    placed = self._nearby(known, cand)  # a street or a building: inside that town
                if placed is None and focus and not any(t.lower_ in words.abroad for t in tokens) \
                        and not self.kb.lookup(tokens.text.removeprefix("the ")):
                    # "the Tulaym airbase" in a story naming no town; not "the Boko Haram" the model took for one
                    placed = self.gaz.country(focus[0])
            elif cand.kind == "focus" or cand.kind == "object" and self._placeable(doc, cand) \
                    or cand.kind == "untagged" and (_named_as_place(doc, cand) or _named_by_its_kind(doc, cand)) \
                    or cand.label in ("GPE", "LOC") and cand.kind in (None, "division", "admin1") \
                    and (_place_context(doc[cand.start:cand.end].root) or _named_by_its_kind(doc, cand)
                         or _taken(doc, cand)):
                placed = _named_at_end(doc, cand, known)  # "CDC Atlanta" in a story naming Atlanta
                if placed is None:
                    placed = self._nearby(known, cand)
                    guessed = placed is not None
                countries = focus or self._actor_countries(doc)
                owners = _division_owners(doc, cand, by_start)
                if placed is None and len(owners) == 1:
                    placed = self.gaz.country(owners[0])  # "at X in Y upazila": in Bangladesh, whatever X abroad
                if placed is None and countries and not self._town_abroad(cand.name, countries):
                    placed = self.gaz.country(countries[0])
                if placed is None and not countries and _named_as_place(doc, cand):
                    # a text naming no country: the one town on earth whose own name this is, small as it
                    # may be ("in the village of X"); not one bearing it only among its other names, and
                    # only where nothing but a place fits ("fired on X as he left" was a man)
                    town = self._only_town(cand.name)
                    if town is not None and town in self.gaz.lookup_named(cand.name) \
                            and _in_owners(doc, cand, town, by_start):
                        resolved[n] = (cand, town)
                        continue
            if placed is not None and not _in_owners(doc, cand, placed, by_start):
                placed = None  # "Safi tehsil" named no town: not Safi in Morocco, a country without tehsils
            if placed is not None:
                # a village guessed to lie by the town named around it is not in that town: its district
                resolved[n] = (replace(cand, descriptor=cand.descriptor or "nearby"),
                               _within(placed, _own_precision(cand), "near" if guessed else "in"))

    def _container_after(self, doc: Doc, resolved: list, n: int, words: PlaceWords):
        """The place right after an unknown one that contains it or lies beside it."""
        cand = resolved[n][0]
        for m in range(n + 1, min(n + 3, len(resolved))):
            nxt, entry = resolved[m]
            between = list(doc[cand.end:nxt.start])
            if between and between[0].lower_ in words.settlement:
                between = between[1:]
            # "X, in the territory of Y", "X in the district of Y": the division's word says what Y is
            kinds = [t for t in between if t.lower_ in words.settlement or t.lower_ in ADMIN_WORDS]
            longest = 3
            if len(kinds) == 1 and kinds[0].i + 1 < len(doc) and doc[kinds[0].i + 1].lower_ == "of" \
                    and len(between) <= 6:
                # (after a comma, also "X, in the southeastern province of Y": the words around the kind word all link)
                between = [t for t in between if t.i != kinds[0].i]
                longest = 5 if between[0].text == "," else 3
            if not between or len(between) > longest or not all(t.lower_ in words.container_links for t in between):
                return None
            if nxt.kind == "demonym" and not any(t.lower_ == "in" for t in between):
                return None  # "X, the Israeli army said" (but "X in Iraqi Kurdistan")
            if entry is None:
                continue  # "X (Y, Z)" with Y unknown as well: Z
            if any(t.lower_ in ("near", "outside") for t in between):
                # "Lamu Island near Somalia border": beside a country is not in it
                return (entry, "near") if entry.kind != "country" else None
            return entry, "(" if between[0].text == "(" else "in"
        return None

    def _town_abroad(self, name: str, countries: Sequence[str]) -> bool:
        """A town of KNOWN_ABROAD_POP or more bears this name (its own or another of its names) outside
        the article's countries and none inside them: where the gazetteer would not take it, that town
        is still likelier than a village of the article's country it lacks ("Ghent" in a Syrian story)."""
        if sum(ch.isalnum() for ch in name) <= SHORT_ALTERNATE_MAX:
            return False  # "Tan": a name this short is no town's abroad by one of its other names
        entries = self.gaz.lookup_exact(name)
        return not any(e.country in countries for e in entries) and any(
            e.kind == "city" and e.population >= KNOWN_ABROAD_POP for e in entries)

    @staticmethod
    def _nearby(known: list, cand: _Candidate) -> Optional[GeoEntry]:
        """Where a street or a building the gazetteer does not know most likely is: the town the
        article names most often (twice or more), else the town named last before it (else first after)."""
        local = ("city", "admin2", "point")
        towns = Counter(e for c, e in known if e.precision in local)
        if not towns:
            return None
        best = max(towns.values())
        if best >= 2:  # the town the article keeps naming
            before = [e for c, e in known if c.end <= cand.start and towns[e] == best]
            return before[-1] if before else next(e for c, e in known if towns[e] == best)
        before = [e for c, e in known if c.end <= cand.start and e.precision in local]
        if before:
            return before[-1]
        return next((e for c, e in known if c.start >= cand.end and e.precision in local), None)

    def _place_in_name(self, doc: Doc, cand: _Candidate, focus: list[str], known: list,
                       words: PlaceWords) -> Optional[GeoEntry]:
        """The place a facility's name contains: "Colchester General Hospital", "Bank of England";
        not the country of an embassy, which stands in another."""
        first = cand.start + (doc[cand.start].lower_ == "the")  # "the Peshawar Press Club"
        tokens = doc[first:cand.end]
        if any(t.lower_ in words.abroad for t in tokens):
            return None
        of = next((t.i for t in tokens if t.lower_ == "of"), None)
        parts = [doc[of + 1:cand.end]] if of is not None and of + 1 < cand.end else []
        stop = of if of is not None else cand.end - 1
        parts += [doc[first:k] for k in range(stop, first, -1)]
        named = {e for _, e in known}
        for part in parts:
            text = part.text[4:] if part.text.lower().startswith("the ") else part.text
            if not text[:1].isupper() or self.gaz.is_demonym(text) or text.lower() in _DIRECTION_WORDS:
                continue
            entry = self.gaz.resolve(text, focus=focus)
            if entry is None:
                continue
            same_name = self.gaz.lookup_named(text)
            if entry not in same_name:
                continue
            # a country; a town or province the article names anyway or one in its countries that is
            # big enough not to be a chance namesake ("Royal", "Christopher" are towns too)
            if entry.kind == "country" or entry in named or (
                    len(part) >= 2 and part.start == first  # "the Kampong Cham Provincial Hall": a division's own name
                    and any(e.kind == "admin1" for e in same_name)) or (
                    entry.country in focus[:3] and entry.population >= INSIDE_NAME_TOWN_POP) or (
                    entry.kind == "city" and entry.population >= BIG_CITY_POP and len(part) == 1
                    and part.start == first) or (  # "Colombo Fort Railway Station"
                    not focus and len(part) == 1 and part.start == first and entry.population >= DISTRICT_TOWN_POP
                    and self._only_town(text) == entry):  # the one town of that name, in a story naming no country
                return entry
        return None

    def _same_name_elsewhere(self, doc: Doc, mentions: list[PlaceMention], taken: set[int],
                             focus: list[str] = ()) -> list[PlaceMention]:
        """One sense per article: a name resolved once is the same place where the model tagged it as
        a person or an organisation, or not at all ("Tamil Nadu" is a GPE once and a PERSON later)."""
        people = _mostly_people(doc)
        if people:  # "Kelly" a person 30 times and a place once is a person: a town's name is no place here
            mentions = [m for m in mentions if not (m.text in people and m.entry.kind == "city"
                                                    and m.descriptor not in ("within", "nearby"))]
        # a one-word name the model calls a person somewhere in the article, read as a town outside the
        # countries the article is about, is that person, unless a city bears that very name ("Salah" in a
        # story about Egypt is no Moroccan town spelt Sale; "Glasgow" stays Glasgow)
        doubtful = [m for m in mentions if m.end - m.start == 1 and m.entry.kind == "city" and m.descriptor is None
                    and m.entry.country not in focus[:2]
                    and (m.entry.population < BIG_CITY_POP or m.entry not in self.gaz.lookup_exact(m.text))]
        if doubtful:
            persons = {(e.text, e.start) for e in doc.ents if e.label_ == "PERSON" and len(e) == 1}
            dropped = {id(m) for m in doubtful if any(text == m.text and start != m.start for text, start in persons)}
            mentions = [m for m in mentions if id(m) not in dropped]
        by_name = {}
        for m in mentions:
            if m.descriptor not in ("demonym", "capital", "seat", "within", "nearby") and m.entry.kind != "region":
                by_name.setdefault(m.text, m)
        if not by_name:
            return mentions
        extra = []
        for ent in doc.ents:
            if ent.text in by_name and not any(i in taken for i in range(ent.start, ent.end)):
                first = by_name[ent.text]
                extra.append(PlaceMention(ent.start, ent.end, ent.text, first.entry, first.descriptor))
                taken.update(range(ent.start, ent.end))
        if not extra:
            return mentions
        return sorted(mentions + extra, key=lambda m: m.start)

    def _apply_containment(self, doc: Doc, resolved: list, focus: Sequence[str] = ()) -> None:
        """"Parkland, Florida", "Jiic boor (Gaalkacyo, Mudug)": a place followed by a comma or a
        bracket and the division or country it lies in is looked for inside that one."""
        placed: dict[str, GeoEntry] = {}  # names put inside the place the text gives
        for n in range(len(resolved) - 2, -1, -1):
            cand, entry = resolved[n]
            outer_cand, outer = resolved[n + 1]
            between = doc[cand.end:outer_cand.start]
            link = [t.lower_ for t in between]
            if (link in _IN_LINKS or _division_link(link)) and outer is not None \
                    and outer.kind in ("admin1", "admin2") and entry is not None and entry.kind in ("city", "admin2") \
                    and not self._inside(entry, outer):
                # "Austin, in Scott County, Indiana", "Lake County located in Ohio": the town or
                # county of that name inside the division named
                better = self.gaz.resolve(cand.name, within=outer, kind="city" if entry.kind == "city" else None)
                if better is not None:
                    resolved[n] = (cand, better)
                    placed[cand.name] = better
                elif link == ["area", "of"] or _division_link(link):
                    # "the Pine Ridge area of Lake County", "Oak local government area of Ogun State": a
                    # place in it the gazetteer lacks, not a namesake abroad spelled alike
                    resolved[n] = (cand, None)
                continue
            if link in _IN_LINKS and outer is not None and outer.kind == "city" and entry is not None \
                    and entry.kind in ("city", "admin2") and entry.country != outer.country \
                    and outer.country in focus[:3] and entry.country != focus[0] \
                    and distance_km(entry.lat, entry.lon, outer.lat, outer.lon) > NEAR_KM:
                # "the Khost area of Harnai": a place of that town (one of the article's countries), not a
                # namesake across a border; the namesake nearest the town if one is near, else a place the
                # gazetteer lacks, put in the town
                near = [(distance_km(e.lat, e.lon, outer.lat, outer.lon), e) for e in self.gaz.lookup_exact(cand.name)
                        if e.kind in ("city", "admin2")]
                near = [(d, e) for d, e in near if d <= NEAR_KM]
                resolved[n] = (cand, min(near, key=lambda de: de[0])[1] if near else None)
                continue
            if len(between) == 2 and between[1].text == "(":
                # "X village (Y, Z)": only a namesake abroad gives way, as below
                if self._namesake_outside_bracket(between, entry, outer):
                    resolved[n] = (cand, self.gaz.resolve(cand.name, within=outer, kind=_WITHIN_KIND.get(cand.kind)))
                continue
            if len(between) != 1 or between[0].text not in _OPENING:
                continue
            if outer_cand.kind is None and (outer is None or outer.kind in ("city", "country")) \
                    and (entry is None or entry.kind != "country"):
                division = self._division_around(cand.name, entry, outer_cand.name)
                if division is not None:  # "Buffalo, New York", "Stroud, Ontario": the state, the province
                    outer, inner = division
                    resolved[n + 1] = (outer_cand, outer)
                    resolved[n] = (cand, inner)
                    continue
            if self._namesake_outside_bracket(between, entry, outer):
                # "X (Y, Z)", "X village (Y, Z)" where X read alone lies in another country: the X inside
                # Y, else a place of Y the gazetteer lacks, put there by _place_unknowns
                resolved[n] = (cand, self.gaz.resolve(cand.name, within=outer, kind=_WITHIN_KIND.get(cand.kind)))
                continue
            if outer is None or outer.kind not in ("country", "admin1", "admin2", "city", "region"):
                continue
            if outer.kind == "city" and between[0].text != "(":
                continue  # "Aleppo, Homs and Hama" is a list, not containment
            if entry is not None and entry.kind == "country":
                continue  # "Syria, Jordan": a list of countries
            if entry is not None and self._inside(entry, outer):
                continue
            if outer.kind == "admin1" and entry is not None and entry.kind == "city":
                division = self._division_holding(entry, outer_cand.name)
                if division is not None:  # "Kasur, Punjab": the Punjab the town lies in
                    resolved[n + 1] = (outer_cand, division)
                    continue
            # the outer place may itself sit in a third one: "Jiic boor (Gaalkacyo, Mudug)"
            better = self.gaz.resolve(cand.name, within=outer, kind=_WITHIN_KIND.get(cand.kind))
            if better is not None:
                resolved[n] = (cand, better)
                placed[cand.name] = better
            elif self._town_abroad_before_division(doc, cand, entry, outer_cand, outer):
                # "Stroud, Ontario": a town of that province the gazetteer lacks, not Stroud in England;
                # left unknown, it is put in the province by _place_unknowns
                resolved[n] = (cand, None)
        # one town per name and article: "Austin, in Scott County, Indiana" ... "35 miles south of Austin"
        for n, (cand, entry) in enumerate(resolved):
            town = placed.get(cand.name)
            if town is not None and entry is not None and entry.kind == "city" and town.kind == "city":
                resolved[n] = (cand, town)

    def _possessive_containment(self, doc: Doc, resolved: list) -> None:
        """"Nimruz's Khash district", "the city's ... neighbourhood of X" after "Baghdad's": a place
        owned by a division or a town named just before it lies inside that one. A namesake outside
        gives way to the one inside; with none inside, a word for a part of a town or a country beside
        the name ("district", "quarter of", a town's "square") puts it in Y (a quarter the gazetteer
        lacks), and without one it keeps its entry. A town owns a place only with such a word: a
        capital often speaks for its state ("Ankara's Afrin offensive", "Moscow's Aleppo campaign").
        Countries are left alone as owners ("Russia's Crimea" is a claim, not a containment) and as
        the places owned."""
        words = place_words()
        for n in range(len(resolved) - 1):
            outer_cand, outer = resolved[n]
            m = n + 1
            if resolved[m][1] is None and resolved[m][0].label == "NORP" and m + 1 < len(resolved):
                m += 1  # "Baghdad's mainly Sunni district of X": the sect's name between is no place of its own
            cand, entry = resolved[m]
            if outer is None or entry is None or outer.kind not in ("admin1", "admin2", "city") \
                    or entry.kind == "country" or outer_cand.descriptor in ("demonym", "within", "nearby"):
                continue
            between = [t for t in doc[outer_cand.end:cand.start]]
            if not between or between[0].lower_ not in ("'s", "’s") or len(between) > 6:
                continue
            rest = between[1:]
            division_word = len(rest) >= 2 and rest[-1].lower_ == "of" and _division_word(rest[-2], words)
            if division_word:
                rest = rest[:-2]  # "Baghdad's mainly Shiite neighbourhood of X"
            if len(rest) > 3 or any(t.pos_ not in ("ADJ", "ADV", "PROPN") and t.lower_ not in words.container_links
                                    for t in rest):
                continue
            part_word = division_word or _division_word(doc[cand.end - 1], words) \
                or cand.end < len(doc) and _division_word(doc[cand.end], words) \
                or outer.kind == "city" and _town_part_word(doc, cand, words)  # "Y's X district", "Y's X square"
            if outer.kind == "city" and not part_word:
                continue  # "Ankara's Afrin offensive", "Moscow's Aleppo campaign": a capital speaking for its state
            if self._inside(entry, outer) and (outer.kind != "city" or entry.country == outer.country):
                continue
            if outer.kind == "city" and distance_km(entry.lat, entry.lon, outer.lat, outer.lon) <= OWNED_KM:
                continue  # "Jerusalem's Old City": the place the gazetteer files under another country lies right there
            kind = "city" if entry.kind == "city" else _WITHIN_KIND.get(cand.kind)
            better = self.gaz.resolve(cand.name, within=outer, kind=kind)
            if better is None and kind == "city" and cand.kind == "division":
                better = self.gaz.resolve(cand.name, within=outer)  # "Khash district": the district of its town
            if better is not None:
                resolved[m] = (cand, better)
            elif part_word:  # none inside: the word says X is a part of Y the gazetteer lacks
                resolved[m] = (replace(cand, descriptor=cand.descriptor or "within"),
                               _within(outer, _own_precision(cand), "in"))

    def _near_known_place(self, doc: Doc, resolved: list, focus: Sequence[str] = ()) -> None:
        """"Dallas near Qandala": a town said to be near a known one is the namesake nearest to it,
        within NEAR_KM; with none so near, it is a place the gazetteer lacks (put by _place_unknowns
        around the known one), not the big namesake an ocean away. But a town of the article's own
        country, or the one town on earth of its name, near which a namesake of the other lies
        ("Mdantsane near Berlin" in a South African story: the Eastern Cape's Berlin) keeps its place,
        and the other is that namesake."""
        for n in range(len(resolved) - 1):
            cand, entry = resolved[n]
            outer_cand, outer = resolved[n + 1]
            if outer is None or outer.kind not in ("city", "admin2"):
                continue
            between = [t.lower_ for t in doc[cand.end:outer_cand.start]]
            kind_words = 0  # "Dimbaza township near Berlin", "Oja local government area near Jos": the words outside the name
            while kind_words < len(between) and (between[kind_words] in _LINK_DIVISION_WORDS
                                                 or between[kind_words] in place_words().settlement):
                kind_words += 1
            between = between[kind_words:]
            if between not in (["near"], [",", "near"], ["outside"], [",", "outside"]):
                continue
            if entry is None and cand.kind == "division":
                # "Dimbaza township near Berlin": a district left unplaced because the capital's country
                # became the article's, named after the one town on earth of that name
                entry = self._only_town(cand.name)
                if entry is None or entry.country == outer.country:
                    continue
                entry = replace(entry, precision="admin2")
            if entry is None or entry.kind not in ("city", "admin2"):
                continue
            if distance_km(entry.lat, entry.lon, outer.lat, outer.lon) <= NEAR_KM:
                continue
            near = [(distance_km(e.lat, e.lon, outer.lat, outer.lon), e) for e in self.gaz.lookup_exact(cand.name)
                    if e.kind in ("city", "admin2")]
            near = [(d, e) for d, e in near if d <= NEAR_KM]
            if near:
                resolved[n] = (cand, min(near, key=lambda de: de[0])[1])
                continue
            around = [(distance_km(e.lat, e.lon, entry.lat, entry.lon), e)
                      for e in self.gaz.lookup_exact(outer_cand.name) if e.kind in ("city", "admin2")]
            around = [(d, e) for d, e in around if d <= NEAR_KM]
            unique = self._only_town(cand.name)
            if around and entry.country != outer.country and (
                    focus[:1] == [entry.country] or unique is not None and unique.geonames_id == entry.geonames_id):
                resolved[n + 1] = (outer_cand, min(around, key=lambda de: de[0])[1])
                resolved[n] = (cand, entry)
            else:
                resolved[n] = (cand, None)

    def _check_brackets(self, doc: Doc, resolved: list) -> None:
        """"Gumare village (Bulo Burto, Hiraan)": the division in the brackets says where the place is;
        a namesake elsewhere (Gumare in Botswana) gives way to one inside it, else to none (the place
        is then put in the bracketed district or division by _place_unknowns)."""
        settlement = place_words().settlement
        for n, (cand, entry) in enumerate(resolved):
            if entry is None or entry.kind not in ("city", "admin2"):
                continue
            k = cand.end + (cand.end < len(doc) and doc[cand.end].lower_ in settlement)
            if k >= len(doc) or doc[k].text != "(":
                continue
            close = next((t.i for t in doc[k + 1:k + 12] if t.text == ")"), None)
            inside = [e for c, e in resolved[n + 1:n + 4] if close is not None and c.start > k and c.end <= close]
            if not inside or inside[-1] is None or inside[-1].kind not in ("admin1", "country"):
                continue
            container = inside[-1]
            if entry.country == container.country and (container.kind == "country" or entry.admin1 == container.name):
                continue
            better = self.gaz.resolve(cand.name, within=container)
            resolved[n] = (cand, better)

    def _lists_of_divisions(self, doc: Doc, resolved: list) -> None:
        """"Missouri, New Jersey, New York and Ohio": a town's name in a list of a country's states or
        provinces is the state of that name."""
        for n, (cand, entry) in enumerate(resolved):
            if entry is None or entry.kind != "city" or cand.kind is not None:
                continue
            divisions = [e for e in self.gaz.lookup_exact(cand.name) if e.kind == "admin1"]
            if not divisions:
                continue
            for m in (n - 1, n + 1):
                if not 0 <= m < len(resolved) or resolved[m][1] is None:
                    continue
                other_cand, other = resolved[m]
                a, b = (other_cand, cand) if m < n else (cand, other_cand)
                between = [t.lower_ for t in doc[a.end:b.start]]
                if m == n + 1 and between == [","] and self._inside(entry, other) \
                        and entry in self.gaz.lookup_named(cand.name) \
                        and not (other_cand.end < len(doc) and doc[other_cand.end].lower_ in ("and", "or", ",")):
                    continue  # "Washington, D.C.": the town in the division after its comma, not a list
                # "Ontario and New Brunswick": the province, though a town of that name lies in another country
                division = next((e for e in divisions if e.country == other.country), None)
                if other.kind == "admin1" and division is not None and between in _LIST_LINKS:
                    resolved[n] = (cand, division)
                    break

    def _divisions_among_divisions(self, doc: Doc, resolved: list) -> None:
        """"New York Governor", and "... two in Kansas, and one in Ohio. New York has confirmed 28": a
        name that is both a town and a state or province of one country is the division where a
        governor's title follows it or where its sentence, or the one before, names two or more other
        divisions of that country and none of its towns."""
        for n, (cand, entry) in enumerate(resolved):
            if entry is None or entry.kind != "city" or cand.kind not in (None, "strong"):
                continue
            division = next((e for e in self.gaz.lookup_exact(cand.name)
                             if e.kind == "admin1" and e.country == entry.country), None)
            if division is None:
                continue
            after = doc[cand.end].lower_ if cand.end < len(doc) else ""
            if after in _DIVISION_TITLES:
                resolved[n] = (cand, division)
                continue
            sent = doc[cand.start].sent
            first = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            around = [(c, e) for c, e in resolved if e is not None and first <= c.start < sent.end
                      and c.name != cand.name and e.country == entry.country]
            divisions = {e.name for c, e in around if e.kind == "admin1"}
            towns = [e for c, e in around if e.kind == "city"]
            if len(divisions) >= 2 and not towns:
                resolved[n] = (cand, division)

    def _lists_of_countries(self, doc: Doc, resolved: list) -> None:
        """"Egypt and Niger", "Mali, Niger, and Senegal": a name that is both a country and a division
        of the article's country ("Niger" State in Nigeria), listed beside a country, is the country."""
        for n, (cand, entry) in enumerate(resolved):
            if entry is None or entry.kind != "admin1" or cand.kind not in (None, "focus", "strong"):
                continue
            country = next((self.gaz.country(k.country) for k in self.kb.lookup(cand.name)
                            if k.kind == "country" and k.country), None)
            if country is None:
                continue
            for m in (n - 1, n + 1):
                if not 0 <= m < len(resolved) or resolved[m][1] is None or resolved[m][1].kind != "country":
                    continue
                a, b = (resolved[m][0], cand) if m < n else (cand, resolved[m][0])
                if [t.lower_ for t in doc[a.end:b.start]] in _LIST_LINKS:
                    resolved[n] = (cand, country)
                    break

    def _division_around(self, name: str, entry: Optional[GeoEntry], outer_name: str):
        """(division, place in it) when the name after a town's comma is a first-level division the
        town lies in: "New York" after "Buffalo," is the state, not the city ("Brooklyn, New York" is
        the city, the town being in it); None otherwise."""
        cities = [e for e in self.gaz.lookup_exact(outer_name) if e.kind == "city"]
        if entry is not None and any(e.country == entry.country and distance_km(e.lat, e.lon, entry.lat, entry.lon) < 30 for e in cities):
            return None
        divisions = [e for e in self.gaz.lookup_exact(outer_name) if e.kind == "admin1"]
        for division in sorted(divisions, key=lambda e: -e.population):
            if entry is not None and entry.kind == "city" and self._inside(entry, division):
                return division, entry
            inner = self.gaz.resolve(name, within=division)
            if inner is not None and inner.kind == "city":
                return division, inner
        return None

    def _generic_division(self, name: str, focus: list[str]) -> Optional[GeoEntry]:
        """The division of one of the article's countries named by compass words ("Western Province"
        in a story about Sri Lanka), with or without its division word; None if it has none."""
        words = name.split()
        bare = " ".join(w for w in words if w.lower() not in ADMIN_WORDS) or name
        for country in focus[:3]:
            for text in (name, bare):
                found = [e for e in self.gaz.lookup_exact(text) if e.country == country and e.kind in ("admin1", "region")]
                if found:
                    return found[0]
        return None

    def _division_holding(self, entry: GeoEntry, name: str) -> Optional[GeoEntry]:
        """The first-level division of this name that holds the town, where several bear the name
        ("Punjab" in India and in Pakistan)."""
        return next((e for e in self.gaz.lookup_exact(name) if e.kind == "admin1" and self._inside(entry, e)), None)

    @staticmethod
    def _town_abroad_before_division(doc: Doc, cand: _Candidate, entry: Optional[GeoEntry],
                                     outer_cand: _Candidate, outer: GeoEntry) -> bool:
        """"Town, Province" where the town read alone lies in another country: the province says
        where it is. Not in a list ("Kabul, Punjab and Sindh"), where the comma links equals."""
        if entry is None or entry.kind != "city" or outer.kind != "admin1" or entry.country == outer.country:
            return False
        after = doc[outer_cand.end].lower_ if outer_cand.end < len(doc) else ""
        before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
        return after not in ("and", "or") and before not in (",", "and", "or")

    @staticmethod
    def _namesake_outside_bracket(between, entry: Optional[GeoEntry], outer: GeoEntry) -> bool:
        """"X (Y, Z)", "X village (Y, Z)": the bracket says where X lies, so a place named X in another
        country (and, beside a town or a division, not just across a border from it) is a namesake, not X."""
        words = place_words()
        if not between or between[-1].text != "(" or any(t.lower_ not in words.settlement for t in between[:-1]) \
                or outer is None or entry is None or entry.kind == "country" or entry.country == outer.country \
                or outer.kind not in ("country", "admin1", "admin2", "city"):
            return False
        return outer.kind == "country" or distance_km(entry.lat, entry.lon, outer.lat, outer.lon) > NEAR_KM

    @staticmethod
    def _inside(entry: GeoEntry, outer: GeoEntry) -> bool:
        if entry.country != outer.country:
            return False
        if outer.kind in ("admin1", "admin2"):
            return entry.admin1 == outer.admin1
        return True

    @staticmethod
    def _merge_focus(focus: list[str], mentions) -> list[str]:
        counts = Counter({iso: len(focus) - rank for rank, iso in enumerate(focus)})
        for item in mentions:
            entry = item.entry if isinstance(item, PlaceMention) else item
            if entry is not None and entry.country:
                counts[entry.country] += 1
        return [iso for iso, _ in counts.most_common()]

    def _focus(self, doc: Doc, leave_out: Optional[str] = None) -> list[str]:
        """Countries named, by their names, capitals and adjectives; then, with less weight, the
        countries of the armed groups, people and bodies named ("Al Shabaab" is Somali)."""
        counts: Counter = Counter()
        for mention in doc._.actors or []:
            if leave_out is not None and doc[mention.start:mention.end].text.removeprefix("the ") == leave_out:
                continue
            if mention.country and not _inside_longer_name(doc, mention):
                counts[mention.country] += 1 if mention.kind in ("country", "capital", "demonym") else 0.25
        # a local division word only one country uses, beside a name: "Singra upazila", "barangay X"
        owners = division_countries()
        lowers = doc.to_array(LOWER)
        for i in numpy.flatnonzero(numpy.isin(lowers, _division_word_ids())):
            token = doc[int(i)]
            country = owners.get(token.lower_)
            if country and any(0 <= k < len(doc) and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN"
                               for k in (token.i - 1, token.i + 1)):
                counts[country] += 0.5
        return [iso for iso, _ in counts.most_common()]

    @staticmethod
    def _actor_countries(doc: Doc) -> list[str]:
        """Countries of every actor named ("YPG forces" are Syrian): the last hint where an article
        names no country itself."""
        counts = Counter(m.country for m in doc._.actors or [] if getattr(m, "country", None))
        return [iso for iso, _ in counts.most_common()]

    def _object_of_territory_verb(self, ent: Span) -> bool:
        """"Croatian forces captured Knin": the object of a verb like captured is a place if the
        gazetteer knows it (a person captured is not); also where the parse hung the name elsewhere
        but it follows the verb straight on."""
        root = ent.root
        doc = ent.doc
        before = doc[ent.start - 1] if ent.start > 0 else None
        by_parse = root.dep_ == "dobj" and root.head.lemma_.lower() in TERRITORY_VERBS
        by_order = before is not None and before.pos_ == "VERB" and before.lemma_.lower() in TERRITORY_VERBS \
            and root.dep_ not in ("nsubj", "nsubjpass")
        return (by_parse or by_order) and not self.kb.lookup(ent.text)

    def _locative(self, ent: Span) -> bool:
        """A name the model took for a person or organisation, where only a place fits."""
        if self.kb.lookup(ent.text):
            # "Sadat village (Baidoa, Bay)": a person's name is a village's too, when the word says so
            return ent.end < len(ent.doc) and ent.doc[ent.end].lemma_.lower() in _VILLAGE_WORDS \
                and ent.doc[ent.end].dep_ != "compound"
        root = ent.root
        if root.dep_ in ("compound", "nmod") and root.head.i == ent.end \
                and (root.head.lower_ in place_words().settlement or root.head.lemma_.lower() in place_words().settlement):
            return True  # "Allok village", "Mubingi commune", "Mugu and Jumla districts"
        if root.dep_ in ("compound", "nmod") and root.head.i == ent.end and root.head.lower_ in place_words().surroundings:
            return True  # "the northern Tadmur countryside", "the Homs outskirts"
        if ent.end < len(ent.doc) and (ent.doc[ent.end].lower_ in place_words().settlement
                                       or ent.doc[ent.end].lemma_.lower() in _VILLAGE_WORDS
                                       or ent.doc[ent.end].lower_ in LOCAL_ADMIN_WORDS) \
                and ent.doc[ent.end].lower_ not in ("city", "county", "state"):
            return True  # "in Caanoole village (Afgooye, ...)" however it was parsed
        first = _first_conjunct(root)
        if first.i != root.i and first.ent_type_ in ("GPE", "LOC"):
            return True  # "in Kota, Jodhpur, Deedwana, Barmer and Sardarshahar": one in a list of places
        if _of_place(root):
            return True  # "the village of Mainok", "the outskirts of Manbij"
        if root.dep_ == "appos" and root.head.is_lower and root.head.lemma_ in place_words().settlement or any(
                c.dep_ == "appos" and c.is_lower and c.lemma_ in place_words().settlement for c in root.children):
            return True  # "another township, Mabvuku, ...", "Kuzra, a village near ..." (not "Al Bell (District 23)")
        doc = ent.doc
        if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ in ("near", "outside") \
                and doc[ent.end + 2].ent_type_ in ("GPE", "LOC"):
            return True  # "the camp, Mauthausen, near Linz"
        if root.dep_ in ("compound", "nmod") and root.head.i == ent.end and root.head.lower_ in place_words().residents:
            return True  # "Jashpur residents"
        if root.dep_ == "poss" and root.head.lemma_.lower() in place_words().of_place:
            return True  # "Pervomayskaya's perimeter"
        if root.dep_ == "nsubjpass" and root.head.lemma_.lower() in SIEGE_VERBS:
            return True  # "Surif has been encircled by the army"
        doc = ent.doc
        if ent.start >= 2 and doc[ent.start - 1].text == "(" and (
                doc[ent.start - 2].lower_ in place_words().settlement or doc[ent.start - 2].ent_type_ in ("GPE", "LOC")
                and ent.end < len(doc) and doc[ent.end].text == ","):
            return True  # "Garsoor village (Gaalkacyo, Mudug)": the district in the brackets; not "WASHINGTON (AP)"
        root = first
        if root.dep_ != "pobj":
            return False
        prep = root.head
        if prep.lower_ == "of":
            return prep.head.lemma_.lower() in SETTLEMENT_WORDS
        if prep.lower_ in ("to", "from"):  # "travelling to Cirencester", not "spoke to Austin"
            return prep.head.lemma_.lower() in place_words().motion
        if prep.lower_ == "on":  # "fired on Qamishli", "the advance on Lubumbashi", not "on Facebook"
            return prep.head.lemma_.lower() in place_words().assault
        # "clashed in X", "a beach in X"; "Tawila, a beach in X" where the parse hung "in" on a place
        # ... and "clashed on 9 Feb in X", where the parse hung "in" on the date
        return prep.lower_ in _LOCATIVE_PREPS and (prep.head.pos_ in ("VERB", "NOUN")
                                                   or prep.head.ent_type_ in ("GPE", "LOC", "DATE", "TIME"))

    def _one_country(self, name: str) -> Optional[str]:
        """The one country whose places bear this name as their own, if only one does."""
        countries = {e.country for e in self.gaz.lookup_named(name) if e.country}
        return countries.pop() if len(countries) == 1 else None

    def _only_town(self, name: str) -> Optional[GeoEntry]:
        """The one town on earth that bears a name the model tagged as a place, in a text naming no
        country: small as it may be, there is no namesake to mistake it for."""
        towns = [e for e in self.gaz.lookup_exact(name) if e.kind in ("city", "admin2")]
        return towns[0] if len({(e.country, e.admin1) for e in towns}) == 1 else None

    def _resolve(self, name: str, focus: list[str], kind: Optional[str], near=()) -> Optional[GeoEntry]:
        entry = self._resolve_name(name, focus, kind, near)
        if entry is None and " - " in name and kind not in ("capital", "seat", "facility", "site"):
            # "Mogadishu - Daynile": a district of the city named first
            city = self.gaz.resolve(name.split(" - ")[0], focus=focus, kind="city", near=near)
            if city is not None and (city.country in focus[:3] or city.population >= BIG_CITY_POP):
                entry = city
        return entry

    def _resolve_name(self, name: str, focus: list[str], kind: Optional[str], near=()) -> Optional[GeoEntry]:
        if kind in ("capital", "seat"):  # "the Austrian capital"; "the Kremlin" is in Moscow
            return self.gaz.capital(name)
        if kind in ("facility", "site"):  # a site the gazetteer knows (an air base), else placed by _place_unknowns
            return next((e for e in self.gaz.lookup_exact(name.removeprefix("the ")) if e.precision == "point"), None)
        if kind in ("focus", "object", "untagged"):  # a place in a country the article is about, or a real town
            entry = self.gaz.resolve(name, focus=focus, near=near)
            if entry is None or entry.country in focus[:3]:
                return entry
            if kind == "object" and entry is not None and self._only_town(name) == entry:
                return entry  # "rebels captured Birao": the one town of that name, wherever it is
            if not focus and kind != "untagged" and entry in self.gaz.lookup_exact(name):
                return entry  # a text that names no country: the likeliest town of that name ("Tak Bai district")
            # a spelling variant only where the article names no country that could hold a namesake
            return entry if entry.population >= LOCATIVE_TOWN_POP and (
                not focus or entry in self.gaz.lookup_exact(name)) else None
        if kind == "org_town":  # a big town, or a town of the article's countries
            entry = self.gaz.resolve(name, focus=focus, kind="city")
            if entry is None or entry not in self.gaz.lookup_named(name):
                return None
            big = entry.population >= BIG_CITY_POP or entry.country in focus[:2] and entry.population >= LOCATIVE_TOWN_POP
            return entry if big else None
        if kind == "home_division":  # a division of one of the article's two main countries
            entry = self.gaz.resolve(name, focus=focus, kind="admin1")
            return entry if entry is not None and entry.country in focus[:2] else None
        if kind == "strong":  # checked by _strong_name: a country, a division or a big town
            entry = self.gaz.resolve(name, focus=focus, near=near)
            if entry is not None and entry.kind == "admin1" and _ends_with_admin_word(name):
                return entry  # "Dara’a Governorate"
            return entry if entry is not None and entry in self.gaz.lookup_exact(name) else None
        countries = self.kb.lookup(name)
        for entity in countries:
            if entity.kind == "country" and entity.country:
                if focus and entity.country not in focus:  # "Georgia" in a story about Atlanta
                    division = next((e for e in self.gaz.lookup_exact(name)
                                     if e.kind == "admin1" and e.country in focus[:2]), None)
                    if division is not None:
                        return division
                entry = self.gaz.country(entity.country)
                if entry is not None:
                    return entry
        entry = self.gaz.resolve(name, focus=focus, kind="admin2" if kind == "local" else kind, near=near)
        local, kind = kind == "local", "division" if kind == "local" else kind
        if entry is None and kind in ("division", "admin1"):
            # "Bhaktapur district", "Hodan district": a district the gazetteer lacks, named after its
            # main town, is placed at that town (at district precision), in the article's countries;
            # "the Houston region", a province so named, likewise (at the province's precision)
            town = self.gaz.resolve(name, focus=focus, kind="city", near=near)
            if local and town is not None and self.gaz.capital(town.country) == town:
                town = None  # "Washington Township": named after the man or the capital, not lying around it
            # a town only spelled alike ("Muse Township": Mu-se) must lie in the article's own country and
            # be big enough to name a district after, not a hamlet whose name merely looks the same
            spelled_alike = town is not None and focus[:1] == [town.country] and town.population >= DISTRICT_TOWN_POP
            if local and not focus and town is not None and self._only_town(name) != town:
                town = None  # "Springfield Township" in a text naming no country: which of many is unknown
            if town is not None and (town in self.gaz.lookup_exact(name) or spelled_alike
                                     or self.gaz.written_alike(name, town)) and (
                    town.country in focus[:3] or not focus and town.population >= DISTRICT_TOWN_POP):
                entry = replace(town, precision="admin2" if kind == "division" else "admin1")
            elif not focus and kind == "division" and self._only_town(name) is not None:
                # "Ilitha township" in a text naming no country: the one town of that name
                entry = replace(self._only_town(name), precision="admin2")
        return entry

    def _candidates(self, doc: Doc) -> list[_Candidate]:
        """Every possible toponym, most trusted first (earlier candidates win overlaps)."""
        out = list(self._capital_phrases(doc)) + list(self._country_names(doc))
        entity_tokens: set[int] = set()
        for ent in doc.ents:
            ent = _cut_at_bracket(doc, ent)
            if ent is None or self._folded_bracket_list(doc, ent):
                continue  # (the names in the brackets are taken one by one by _bracketed_divisions)
            entity_tokens.update(range(ent.start, ent.end))
            out.extend(self._from_entity(doc, ent))
        out.extend(self._bracketed_divisions(doc, entity_tokens))
        out.extend(self._untagged_names(doc, entity_tokens))
        # a place word inside the name of a group, a body or a person the knowledge base knows is part
        # of that name ("the Islamic State of Iraq and the Levant"), unless the model tagged it a place
        # (a country's adjective or a name that opens it, "the Syrian Observatory", "the US Army", stays)
        # "MoD", "UConn", "PoP": a short name with capitals inside is an initialism, not a town's name
        out = [c for c in out if not _camel_initialism(doc[c.start:c.end].text)]
        names = [(m.start + (doc[m.start].lower_ == "the"), m.end) for m in doc._.actors or []
                 if m.kind in _NAMED_ACTORS and m.end - m.start > 1]
        inner = {i for start, end in names for i in range(start + 1, end)}
        if inner:
            # (a name the actors stage read as a group's where the sentence uses it as a place, the whole
            # of it, is kept: "insurgencies in the North Caucasus")
            out = [c for c in out if c.label in ("GPE", "LOC", "FAC") or c.kind in ("capital", "seat", "demonym")
                   or not any(i in inner for i in range(c.start, c.end))
                   or c.kind == "focus" and c.label == "NORP" and (c.start, c.end) in names]
        return out

    def _folded_bracket_list(self, doc: Doc, ent: Span) -> bool:
        """"(Qandala, Bari)" tagged whole as an organisation: a bracketed list of places ending in a
        division or a country, not one name."""
        return ent.label_ not in _PLACE_LABELS and ent.start > 0 and doc[ent.start - 1].text == "(" \
            and ent.end < len(doc) and doc[ent.end].text == ")" and any(t.text == "," for t in ent) \
            and any(e.kind in ("admin1", "admin2", "region", "country")
                    for e in self.gaz.lookup_exact(ent.text.rsplit(",", 1)[1].strip()))

    def _country_names(self, doc: Doc):
        """A country's long name the model cut in two ("Democratic Republic" + "Congo"): the actors
        stage read it whole as a country, and the gazetteer knows it whole."""
        for m in doc._.actors or []:
            if m.kind != "country" or m.end - m.start < 3:
                continue
            span = doc[m.start + (doc[m.start].lower_ == "the"):m.end]
            ents = [e for e in doc.ents if e.start < span.end and span.start < e.end]
            if any(e.label_ != "GPE" or e.start <= span.start and span.end <= e.end for e in ents):
                continue  # the model's entity holds it whole already, or it is part of another name ("Embassy of ...")
            if any(e.kind == "country" for e in self.gaz.lookup_exact(span.text)):
                yield _Candidate(span.start, span.end, span.text, None, None, "GPE")

    def _capital_phrases(self, doc: Doc):
        # "the Austrian capital", "the Jordanian capital Amman": the capital of that country
        for token in doc:
            if token.lemma_.lower() == "capital" and token.pos_ == "NOUN":
                demonym = next((c for c in token.children if c.dep_ in ("amod", "compound")
                                and self.kb.country_by_demonym(c.text) is not None), None)
                if demonym is not None:
                    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "GPE"), None)
                    if named is None:
                        country = self.kb.country_by_demonym(demonym.text)
                        start = demonym.i - 1 if demonym.i > 0 and doc[demonym.i - 1].lower_ == "the" else demonym.i
                        yield _Candidate(start, token.i + 1, country.iso3, "capital", "capital")
                    continue
                owner = self._capital_owner(doc, token)
                if owner is not None:  # "Somalia's capital": Mogadishu, unless the text names it
                    yield _Candidate(owner[0], token.i + 1, owner[1], "capital", "capital")

    def _capital_owner(self, doc: Doc, token: Token) -> Optional[tuple[int, str]]:
        """(first token, ISO3) of the country in "Somalia's capital", "South Sudan's capital"; None
        where the capital is named beside it ("Kenya's capital Nairobi", "... capital city, Luanda",
        "... capital of Harare")."""
        poss = next((c for c in token.children if c.dep_ == "poss" and c.ent_type_ in ("GPE", "LOC")), None)
        if poss is None or token.i + 1 < len(doc) and doc[token.i + 1].lower_ in ("'s", "’s"):
            return None
        ent = next((e for e in doc.ents if e.start <= poss.i < e.end), None)
        if ent is None or poss.i + 2 != token.i or doc[poss.i + 1].lower_ not in ("'s", "’s"):
            return None
        name = doc[ent.start + (doc[ent.start].lower_ == "the"):poss.i + 1].text
        country = next((k.country for k in self.kb.lookup(name) if k.kind == "country" and k.country), None)
        if country is None:
            return None
        k = token.i + 1
        while k < len(doc) and k <= token.i + 3 and doc[k].lower_ in (",", "city", "of", "-", "—"):
            k += 1
        if k < len(doc) and (doc[k].ent_type_ in ("GPE", "LOC", "FAC") or doc[k].text[:1].isupper() and any(
                e.country == country and e.kind == "city" for e in self.gaz.lookup_exact(doc[k].text))):
            return None
        return ent.start, country

    def _from_entity(self, doc: Doc, ent: Span):
        label = ent.label_
        site = self._named_site(doc, ent)
        if site is not None:
            yield site
            return
        known_site = self._known_facility(doc, ent)
        if known_site is not None:
            yield known_site
            return
        opened = self._opened_by_kind_word(doc, ent)
        if opened is not None:
            yield opened
            return
        spelled = self._named_before_spelled_out_division(doc, ent)
        if spelled is not None:
            yield spelled
            return
        if label == "DATE" and self._place_taken_for_a_date(ent):
            label = "ORG"  # weighed from here on as a name the model mistook, like a person's or a body's
        if label == "NORP":
            whole = self._name_opened_by_demonym(doc, ent)
            if whole is not None:  # "French Guiana" the model cut into "French" and "Guiana"
                yield whole
                return
            # "Mexican officials", "a Syrian town": the country, as geoparsing corpora code it;
            # "Mexicans" (people) and "Shiite" (not a country's adjective) are not places
            if ent.root.tag_ not in ("NNS", "NNPS") and self.gaz.is_demonym(ent.text):
                yield _Candidate(ent.start, ent.end, ent.text, "demonym", "demonym", label)
            elif not self.gaz.is_demonym(ent.text) and self._locative(ent):
                yield _Candidate(ent.start, ent.end, ent.text, "focus", None, label)  # "the Raman district"
            elif not self.gaz.is_demonym(ent.text):
                yield from self._names_inside(doc, ent)  # "Kisangani" taken for a nationality
            return
        if label in ("MONEY", "LAW"):  # "US dollars", "the Ukrainian Law on ..."
            yield from self._embedded(doc, ent)
            return
        if label in ("GPE", "LOC") and not self.gaz.lookup_exact(ent.text):
            end = self._run_to_bracket(doc, ent.end)
            if end > ent.end:  # "Dooxada" + "Cali Jaamac" (PERSON) "(Qandala, Bari)": one village's name
                start = ent.start + (ent[0].lower_ == "the")
                yield _Candidate(start, end, doc[start:end].text, "focus", None, label)
                return
        if label in ("GPE", "LOC", *_MISTAKEN_LABELS):
            end = _run_to_settlement_word(doc, ent.end)
            if end > ent.end:  # "Nuur Dugle village" with only "Nuur" tagged: the whole name
                start = ent.start + (ent[0].lower_ == "the")
                yield _Candidate(start, end, doc[start:end].text, "focus", None, label)
                return
        if label in _MISTAKEN_LABELS and len(ent) > 1 and ent[-1].lower_ in _DIVISION_ENDINGS \
                and 1 <= len([t for t in ent[:-1] if t.text != "-"]) <= 2 and ent[0].text[:1].isupper() \
                and not any(t.lower_ in place_words().facility for t in ent[:-1]) and not self.kb.lookup(ent.text):
            label = "GPE"  # "Lakshmipur Sadar" (PERSON), "Kole District" (ORG): a division by its name
        elif label in _MISTAKEN_LABELS:
            a, b = self._whole_known_name(doc, ent.start, ent.end)
            if (a, b) != (ent.start, ent.end) and self._strong_name(doc[a:b].text, city_pop=LOCATIVE_TOWN_POP):
                yield _Candidate(a, b, doc[a:b].text, "strong", None, label)  # "Dera" + "Ismail Khan" (PERSON)
                return
        if self._modifying_demonym(ent):  # "Russian" tagged as an organisation or a language
            yield _Candidate(ent.start, ent.end, ent.text, "demonym", "demonym", label)
            return
        seat = self._seat(ent)
        if seat is not None:
            yield seat
            return
        if label in _MISTAKEN_LABELS and self._locative(ent):
            if self._facility(doc, ent):
                yield _Candidate(ent.start, ent.end, ent.text, "facility", None, label)
            else:  # "the town of Beledweyne" (PERSON); "Kafr Nubl's liberation" without the "'s"
                end = ent.end - (ent.end - ent.start > 1 and ent[-1].tag_ == "POS")
                yield _Candidate(ent.start, end, doc[ent.start:end].text, "focus", None, label)
            return
        if label in _MISTAKEN_LABELS and self._object_of_territory_verb(ent):
            if len(ent) > 1 and ent[-1].lower_ in place_words().facility and self._facility(doc, ent, taken=True):
                yield _Candidate(ent.start, ent.end, ent.text, "facility", None, label)  # "attacked X Police Station"
            else:
                yield _Candidate(ent.start, ent.end, ent.text, "object", None, label)
            return
        if label in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE", "FAC", "GPE", "LOC") \
                and self._facility(doc, ent):
            yield _Candidate(ent.start + (ent[0].lower_ == "the"), ent.end, ent.text, "facility", None, label)
            return
        if label in ("WORK_OF_ART", "EVENT", "DATE"):
            leading = self._leading_place(doc, ent)
            if leading is not None:
                yield leading
                return
        if label in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE"):
            yield from self._names_inside(doc, ent)
            return
        if label not in ("GPE", "LOC", "FAC"):
            return
        tokens = list(ent)
        while tokens and tokens[0].lower_ in ("the",):
            tokens = tokens[1:]
        while tokens and tokens[-1].tag_ == "POS":  # "Syria's"
            tokens = tokens[:-1]
        if not tokens:
            return
        start, end = self._whole_known_name(doc, tokens[0].i, tokens[-1].i + 1)
        kind = None
        descriptor = None
        last = doc[end - 1].lower_
        if last in ADMIN_WORDS and end - start > 1:
            descriptor = last
            kind = "admin1" if last in _ADMIN1_WORDS else "division"
            # "Morris County" is a county's whole name; "Idlib province" a governorate called "Idlib"
            name_tokens = doc[start:end] if self._division_named(doc[start:end].text) else doc[start:end - 1]
        else:
            name_tokens = doc[start:end]
            if end < len(doc) and doc[end].lower_ in ADMIN_WORDS:
                descriptor = doc[end].lower_
                kind = "admin1" if descriptor in _ADMIN1_WORDS else "division"
                end += 1
                if self._division_named(doc[start:end].text):
                    name_tokens = doc[start:end]
        if kind is None and start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _ADMIN1_WORDS:
            kind, descriptor = "admin1", doc[start - 2].lower_  # "the state of Washington"
        if start > 0 and doc[start - 1].lower_ in _DIRECTION_WORDS:
            descriptor = descriptor or doc[start - 1].lower_
        if len(name_tokens) > 1 and name_tokens[0].lower_ in _DIRECTION_WORDS \
                and not self.gaz.lookup(name_tokens.text):
            descriptor = descriptor or name_tokens[0].lower_  # "Southern California": California
            name_tokens = name_tokens[1:]
        commas = [t.i for t in name_tokens if t.text == ","]
        if commas and kind is None:  # "Bulo Burto, Hiiraan" tagged as one name: two places
            bounds = [start, *commas, end]
            for a, b in zip(bounds, bounds[1:]):
                part = doc[a + (a != start):b]
                if len(part) and part.text[:1].isupper():
                    yield _Candidate(part.start, part.end, part.text, None, None, label)
            return
        if self._part_of_hyphenated_name(doc, start, end):
            return
        if kind is None and 2 <= len(name_tokens) <= 4 and not self.gaz.lookup(name_tokens.text):
            for k in range(1, len(name_tokens)):  # "Cyprus, Greece Italy or Spain": two names run together
                left, right = name_tokens[:k], name_tokens[k:]
                if self._strong_name(left.text, divisions=False) and self._strong_name(right.text, divisions=False):
                    yield _Candidate(left.start, left.end, left.text, None, None, label)
                    yield _Candidate(right.start, right.end, right.text, None, None, label)
                    return
            # (not where a settlement word or brackets follow: "Ceel Cali village (Belet Weyne, Hiraan)"
            # is a village's own name, not Cali)
            after = doc[end].lower_ if end < len(doc) else ""
            town = None if after == "(" or after in place_words().settlement else self._town_closing_name(name_tokens)
            if town is not None:  # "Pratap Park Srinagar", "Manghopir Karachi": a quarter or site named with its city
                yield _Candidate(town.start, town.end, town.text, None, None, label)
                return
        name = name_tokens.text.strip(" ,'’")
        if name.endswith(".") and not self.gaz.lookup(name):
            name = name.rstrip(".")
        if len(name) < 2 or not _capitalised(name):
            return
        yield _Candidate(start, end, name, kind, descriptor, label)

    def _opened_by_kind_word(self, doc: Doc, ent: Span) -> Optional[_Candidate]:
        """"captured Kafr Dabbour", "inside Tal Karim" tagged as a person, a body or a date: a name of two
        words or more opened by another language's word for a kind of place (`kind_openings`) is a
        place (one opened by a word that is also a given name, "Tal X", only in a place's slot: "in X",
        "captured X"), unless the text shows someone by it: it acts ("Tal X said", "Tal X met"), a role
        noun or a title stands before it ("envoy Tal X"), the knowledge base knows it, or a site word
        ends it (left to the facility rules)."""
        if ent.label_ not in ("PERSON", "ORG", "NORP", "DATE", "PRODUCT"):
            return None
        words = place_words()
        tokens = list(ent)
        while tokens and tokens[0].lower_ == "the":
            tokens = tokens[1:]
        while tokens and tokens[-1].tag_ == "POS":
            tokens = tokens[:-1]
        if len(tokens) < 2 or tokens[0].lower_ not in words.kind_openings or not tokens[0].text[:1].isupper():
            return None
        second = tokens[1]
        if not (second.text[:1].isupper() or _ARABIC_ARTICLE.match(second.text + "-A")
                or second.lower_ in name_articles()):
            return None
        if any(t.lower_ in words.facility or t.lower_ in words.site or t.lower_ in words.institution for t in tokens):
            return None
        before = doc[tokens[0].i - 1] if tokens[0].i else None
        if before is not None and (before.lower_ in _PERSON_TITLES or before.pos_ == "NOUN" and before.is_lower
                                   and before.lemma_.lower() not in words.of_place):
            return None
        span = doc[tokens[0].i:tokens[-1].i + 1]
        if span.root.dep_ == "nsubj" or self.kb.lookup(span.text):  # "Tal X met the envoys", "Tal X said"
            return None
        cand = _Candidate(span.start, span.end, span.text, "focus", None, ent.label_)
        if tokens[0].lower_ in words.given_name_openings and second.text[:1].isupper() \
                and second.lower_.split("-")[0] not in name_articles() \
                and not (_place_context(_first_conjunct(span.root)) or _taken(doc, cand)):
            return None  # "voters backed Tal X", "the court fined Tal X": a person, but "fled Tal X" a place
        return cand

    def _named_before_spelled_out_division(self, doc: Doc, ent: Span) -> Optional[_Candidate]:
        """"Kaura local government area", "the Ukum local council": a name the model took for a person, a
        body or a nationality before a local division's word spelled out in lower case is that
        division's; read as "Kaura LGA". Not a country or a nationality ("the Nigerian local government
        elections"), nor a name that already ends in a division word ("Lagos State local government")."""
        if ent.label_ not in (*_MISTAKEN_LABELS, "NORP"):
            return None  # (a name tagged as a place is left to the rules for "X LGA" and "X district")
        spelled = _spelled_out_division_at(doc, ent.end)
        if spelled is None:
            return None
        end, word = spelled
        start = ent.start + (ent[0].lower_ == "the")
        name = doc[start:ent.end]
        if not len(name) or not name.text[:1].isupper() or name[-1].lower_ in ADMIN_WORDS \
                or self.gaz.is_demonym(name.text) or self.kb.lookup(name.text) or not self.gaz.lookup(name.text):
            return None  # "the Hamas local government in Gaza", "the Labour local council": a party's, no place
        return _Candidate(start, end, name.text, "division", word, ent.label_)

    def _place_taken_for_a_date(self, ent: Span) -> bool:
        """"the village of Misau", "killed in Dhamas" with the name tagged as a date: proper nouns
        only, no digit, no month, weekday, feast or season (`date_names`), and a place the gazetteer
        knows by that name; whether the sentence uses it as a place is left to the rules for names
        the model mistook."""
        words = [t for t in ent if t.lower_ != "the"]
        if not words or any(not t.is_alpha or not t.text[:1].isupper() or t.pos_ != "PROPN" for t in words):
            return False
        if any(t.lower_ in _CALENDAR_WORDS or t.lower_ in place_words().date_names for t in words):
            return False
        return any(e.kind in ("city", "admin2", "admin1") for e in self.gaz.lookup(ent.text.removeprefix("the ")))

    def _known_facility(self, doc: Doc, ent: Span) -> Optional[_Candidate]:
        """"the Tiyas airbase" with only "Tiyas" tagged (as a nationality, say): the name and the
        facility word after it make a site the gazetteer knows (an air base), which is the place."""
        words = place_words()
        for end in (ent.end + 1, ent.end + 2):  # "airbase", "air base"
            if end > len(doc):
                return None
            last = doc[end - 1]
            if not (last.is_lower and last.is_alpha):
                return None  # (token by token: this runs for every entity, so no spans until a word fits)
            if last.lower_ in words.facility or last.lower_ in words.site:
                start = ent.start + (ent[0].lower_ == "the")
                name = doc[start:end].text
                if any(e.precision == "point" for e in self.gaz.lookup_exact(name)):
                    return _Candidate(start, end, name, None, None, "FAC")
        return None

    def _name_opened_by_demonym(self, doc: Doc, ent: Span) -> Optional[_Candidate]:
        """"French Guiana", "British Columbia": a country, division or region whose name opens with
        a demonym, where the model tagged the demonym apart from the rest of the name."""
        end = ent.end
        while end < len(doc) and end < ent.end + 2 and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
            end += 1
        for stop in range(end, ent.end, -1):
            text = doc[ent.start:stop].text
            if any(e.kind in ("country", "admin1", "region") for e in self.gaz.lookup_named(text)):
                return _Candidate(ent.start, stop, text, None, None, "GPE")
        return None

    def _named_site(self, doc: Doc, ent: Span) -> Optional[_Candidate]:
        """"the Karmiyya crossing", "Bamba police station", "the Tulaym airbase": a name the model took
        for an organisation, a person or a nationality, followed by the noun of a site (up to two
        lower-case nouns before it: "refugee camp", "border crossing point")."""
        if ent.label_ not in (*_MISTAKEN_LABELS, "NORP"):
            return None
        end = ent.end
        while end < min(ent.end + 3, len(doc)) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].is_lower:
            end += 1  # (a lower-case noun may be tagged a proper one: "the Palali airstrip")
        if end == ent.end or end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN") and doc[end].is_lower \
                or not any(t.lower_ in place_words().site for t in doc[ent.end:end]):
            return None
        start = ent.start + (ent[0].lower_ == "the")
        if start >= ent.end or not _capitalised(doc[start].text) or doc[start:ent.end].text.isupper():
            return None  # "JFK airport": an initialism names a known site, not one by its town
        if self.gaz.is_demonym(ent.text) or self.kb.lookup(ent.text):
            return None
        return _Candidate(start, end, doc[start:end].text, "site", None, ent.label_)

    def _run_to_bracket(self, doc: Doc, end: int) -> int:
        """Where a place's name the model cut short goes on to a bracket that says where it lies:
        "Dooxada Cali Jaamac (Qandala, Bari)" with only "Dooxada" tagged a place and the rest a
        person (end of the longer name, else `end` itself)."""
        k = end
        while k < len(doc) and k - end < 3 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper() \
                and doc[k].ent_type_ not in ("GPE", "LOC"):
            k += 1
        if k == end or k >= len(doc) or doc[k].text != "(":
            return end
        close = next((t.i for t in doc[k + 1:k + 10] if t.text == ")"), None)
        if close is None or close - k < 2:
            return end
        last = doc[k + 1:close].text.rsplit(",", 1)[-1].strip()
        if not any(e.kind in ("admin1", "admin2", "region", "country") for e in self.gaz.lookup_exact(last)):
            return end
        return k

    @staticmethod
    def _leading_place(doc: Doc, ent: Span) -> Optional[_Candidate]:
        """A place's name the model ran into the words after it: "attacks on Aleppo for the ninth
        consecutive day" (WORK_OF_ART), "demonstrated in Nice Saturday" (EVENT), "the village of Sogam
        last September" (DATE): the proper nouns before the first other word, where only a place fits."""
        start = ent.start + (ent[0].lower_ == "the")
        end = start
        while end < ent.end and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() \
                and doc[end].lower_ not in _CALENDAR_WORDS:
            end += 1
        if not start < end < ent.end or doc[end].text[:1].isupper() and doc[end].lower_ not in _CALENDAR_WORDS:
            return None
        name = doc[start:end]
        if not _place_context(name.root):
            return None
        return _Candidate(start, end, name.text, "untagged", None, ent.label_)

    def _town_closing_name(self, name: Span) -> Optional[Span]:
        """The last one or two words of a name the gazetteer lacks, where they are a big town's own
        name and the words before them are proper nouns: the site or quarter lies in that town."""
        for k in (len(name) - 2, len(name) - 1):
            if k < 1:
                continue
            head, town = name[:k], name[k:]
            if not all(t.text[:1].isupper() and t.lower_ not in _DIRECTION_WORDS for t in head) \
                    or not all(t.is_alpha for t in town) or self.gaz.is_demonym(town.text):
                continue
            if any(e.kind == "city" and e.population >= BIG_CITY_POP for e in self.gaz.lookup_named(town.text)):
                return town
        return None

    def _whole_known_name(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """"Goz Beida", "Mission Viejo" where the model tagged only "Beida" or "Mission": a proper
        noun beside the entity that makes a longer name the gazetteer knows joins it."""
        def joinable(i: int, inner: bool) -> bool:
            if not 0 <= i < len(doc):
                return False
            return doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() or inner and doc[i].lower_ in _NAME_PARTICLES \
                and doc[i].is_lower  # "Rio Grande" + "do Sul"

        for a, b in ((start - 1, end), (start, end + 1), (start - 2, end), (start, end + 2)):
            extra = [i for i in range(a, b) if not start <= i < end]
            if all(joinable(i, a < i < b - 1) for i in extra) and self.gaz.lookup_exact(doc[a:b].text):
                return a, b
        # "Mazar" + "-e-Sharif": a name the tokenizer cut at its hyphens, the whole known to the gazetteer
        b = end
        while b + 1 < len(doc) and b - end < 6 and doc[b].text == "-" and not doc[b - 1].whitespace_ \
                and not doc[b].whitespace_ and doc[b + 1].is_alpha:
            b += 2
        if b > end and self.gaz.lookup_exact(doc[start:b].text):
            return start, b
        return start, end

    def _part_of_hyphenated_name(self, doc: Doc, start: int, end: int) -> bool:
        """"Bali" in "Bali-Dhiddin town": one part of a hyphenated name the gazetteer does not know,
        joined to a word that is no place either ("Amsterdam-London" names two places)."""
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
            other = doc[end + 1]
        elif start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper():
            other = doc[start - 2]
        else:
            return False
        whole = doc[min(start, other.i):max(end, other.i + 1)].text
        return not (self.gaz.lookup_exact(whole) or self.gaz.lookup_exact(other.text)
                    or self.gaz.is_demonym(other.text))

    def _division_named(self, name: str) -> bool:
        """"Morris County", "Mission District": a division, or a town or quarter, whose own name ends in
        the division word, so the word is part of the name, not a description of it."""
        return any(e.kind in ("admin1", "admin2") for e in self.gaz.lookup_exact(name)) \
            or any(e.kind == "city" for e in self.gaz.lookup_named(name))

    def _modifying_demonym(self, ent: Span) -> bool:
        """A country's adjective before a noun ("Russian officials", "Kurdish fighters") that the model
        tagged as something else than a nationality."""
        return (len(ent) == 1 and ent.label_ in ("ORG", "PERSON", "LAW", "LANGUAGE", "MONEY", "PRODUCT")
                and ent.root.tag_ not in ("NNS", "NNPS") and ent.root.dep_ in ("amod", "compound", "nmod")
                and ent.root.head.pos_ in ("NOUN", "PROPN") and self.gaz.is_demonym(ent.text))

    def _seat(self, ent: Span) -> Optional[_Candidate]:
        """"the Kremlin", "the White House": a seat of government is in its country's capital."""
        if ent.label_ not in ("ORG", "FAC", "GPE", "LOC", "PERSON"):
            return None
        seat = next((k for k in self.kb.lookup(ent.text) if k.kind == "seat" and k.country), None)
        if seat is None or not (ent.label_ == "FAC" or _place_context(ent.root)):
            return None  # "the White House said" is the government, "at the White House" a place
        start = ent.start + (ent[0].lower_ == "the")
        return _Candidate(start, ent.end, seat.country, "seat", "seat", ent.label_)

    def _facility(self, doc: Doc, ent: Span, taken: bool = False) -> bool:
        """A street, a building or a landmark by its name: "Royal Street", "Manila Cathedral"; the
        model's FAC label suffices; a name that ends like an organisation's ("... Center") counts only
        where the sentence puts something in, at or near it."""
        tokens = [t for t in ent if t.lower_ != "the"]
        if len(tokens) < 2 or not _capitalised(tokens[0].text + (tokens[1].text if len(tokens) > 2 else "")
                                               + (tokens[2].text if len(tokens) > 2 else "")):
            return False
        words = place_words()
        last = tokens[-1].lower_
        if last not in words.facility:
            return False
        if any(e.kind != "country" for e in self.gaz.lookup_exact(doc[tokens[0].i:tokens[-1].i + 1].text)):
            return False  # "Menlo Park", "Garden City": a town of that name
        if ent.label_ in ("FAC", "GPE", "LOC") or last not in words.institution:
            return True
        root = ent.root
        return taken or root.dep_ == "pobj" and root.head.lower_ in _FACILITY_PREPS

    def _names_inside(self, doc: Doc, ent: Span):
        """A place the model folded into another kind of name: the whole entity ("Ontario" or
        "Malakal" tagged as an organisation), its first words ("the U.S. Army"), else a country,
        division or adjective inside it ("the Kidney Foundation of Canada", "the Russian Ministry of
        Defence")."""
        found = False
        for cand in self._names_inside_whole_or_first(doc, ent):
            found = True
            yield cand
        if not found and ent.label_ in _EMBEDDING_LABELS:
            yield from self._embedded(doc, ent)

    def _embedded(self, doc: Doc, ent: Span):
        """Countries, divisions and regions named inside a longer name, and country adjectives in it:
        "US dollars", "the Investment Plan for Europe", "the Ukrainian Law on ...", "anti-Russian"."""
        i = ent.start + (ent[0].lower_ == "the")
        while i < ent.end:
            token = doc[i]
            if not token.text[:1].isupper():
                i += 1
                continue
            after_of = i > ent.start and doc[i - 1].lower_ in ("of", "for", "in")
            found = None
            for j in range(min(ent.end, i + 6), i, -1):
                span = doc[i:j]
                if (i, j) == (ent.start, ent.end) or not span[-1].text[:1].isupper():
                    continue
                name = span.text[4:] if span.text.startswith("the ") else span.text
                if self._strong_name(name, divisions=after_of or j - i > 1,
                                     city_pop=BIG_CITY_POP if after_of else None):
                    found = span
                    break
            if found is not None:
                yield _Candidate(found.start, found.end, found.text, "strong", None, ent.label_)
                i = found.end
                continue
            if token.tag_ not in ("NNS", "NNPS") and self.gaz.is_demonym(token.text):
                yield _Candidate(i, i + 1, token.text, "demonym", "demonym", ent.label_)
            i += 1

    def _names_inside_whole_or_first(self, doc: Doc, ent: Span):
        known = self.kb.lookup(ent.text)
        if any(k.kind == "igo" for k in known) and any(e.kind == "region" for e in self.gaz.lookup_exact(ent.text)):
            yield _Candidate(ent.start, ent.end, ent.text, "strong")  # "the EU": a union of countries on the map
            return
        country = any(k.kind == "country" for k in known)
        if (known and not any(k.kind in ("country", "capital") for k in known)) or (_speaker(ent) and not country):
            pass  # an organisation or person the knowledge base knows, or one who speaks ("Iran said" is Iran)
        elif self._strong_name(ent.text, city_pop=BIG_CITY_POP):
            yield _Candidate(ent.start, ent.end, ent.text, "strong")
            return
        if ent.label_ != "ORG":
            return
        first = ent.start + (ent[0].lower_ == "the")
        for n in range(min(_ORG_PREFIX_MAX, ent.end - first - 1), 0, -1):
            prefix = doc[first:first + n]
            if self._strong_name(prefix.text, divisions=n > 1):
                yield _Candidate(prefix.start, prefix.end, prefix.text, "strong")
                return
        # a town opening an organisation's name: "Delhi Police", "Karur Bar Association" (checked
        # against the article's countries when resolved)
        prefix = doc[first:first + 1]
        if first + 1 < ent.end and prefix.text[:1].isupper() and not self.gaz.is_demonym(prefix.text) \
                and any(e.kind == "city" for e in self.gaz.lookup_named(prefix.text)):
            yield _Candidate(prefix.start, prefix.end, prefix.text, "org_town")
        if first + 1 < ent.end and self._division_word(prefix.text):  # "Queensland Police", "NSW Government"
            yield _Candidate(prefix.start, prefix.end, prefix.text, "home_division")

    def _demonym_token(self, token: Token) -> bool:
        """"Turkish" in "Turkish troops": a country's adjective modifying a noun."""
        return (token.is_title and token.tag_ not in ("NNS", "NNPS") and token.dep_ in ("amod", "compound", "nmod")
                and token.head.pos_ in ("NOUN", "PROPN") and token.head.i != token.i
                and self.gaz.is_demonym(token.text))

    def _division_word(self, name: str) -> bool:
        """A one-word first-level division or its abbreviation ("Queensland", "NSW"): a place only
        where the article is about its country (see _resolve); an abbreviation of two letters only in
        capitals ("La Niña" names no Louisiana)."""
        return name[:1].isupper() and name.lower() not in _DIRECTION_WORDS and not self.gaz.is_demonym(name) \
            and (len(name) > 2 or name.isupper()) \
            and any(e.kind == "admin1" for e in self.gaz.lookup_exact(name))

    def _strong_name(self, name: str, divisions: bool = True, city_pop: Optional[int] = None) -> bool:
        """A country (or, with `divisions`, a first-level division or region; with `city_pop`, a
        town at least that big) by its own name; short capitals only for countries ("US", "DRC")."""
        if not name[:1].isupper() or self.gaz.is_demonym(name) or name.lower() in _DIRECTION_WORDS:
            return False  # "Western powers", "a Western blot" are no province called Western
        entries = self.gaz.lookup_exact(name)
        if any(e.kind == "country" for e in entries):
            return True
        if name.isupper() and len(name) <= 5 or not divisions:
            return False
        if not entries and _ends_with_admin_word(name):  # "Dara’a Governorate": a spelling of Daraa's
            entries = [e for e in self.gaz.lookup(name) if e.kind == "admin1"]
        county = name.split()[-1].lower() in ("county", "district", "parish")  # "Cuyahoga County Executive"
        return any(e.kind in ("admin1", "region") or (city_pop and e.kind == "city" and e.population >= city_pop)
                   or (county and e.kind == "admin2") for e in entries)

    def _bracketed_divisions(self, doc: Doc, entity_tokens: set[int]):
        """"Bar-Sanguun village (Jamaame, Lower Juba)": the names in brackets before a known division
        or country are places too (a district, a town), even where the model left them untagged."""
        for token in doc:
            if token.text != "(":
                continue
            close = next((t.i for t in doc[token.i + 1:token.i + 12] if t.text in (")", "(")), None)
            if close is None or doc[close].text != ")":
                continue
            parts, start = [], token.i + 1
            for k in range(token.i + 1, close + 1):
                if doc[k].text in (",", ")"):
                    parts.append(doc[start:k])
                    start = k + 1
            if len(parts) < 2 or not all(len(p) and len(p) <= 4 and p[0].text[:1].isupper() for p in parts):
                continue
            if not any(e.kind in ("admin1", "admin2", "region", "country") for e in self.gaz.lookup_exact(parts[-1].text)):
                continue
            # the model may fold the whole list into one name of another kind ("(Qandala, Bari)" as an
            # organisation): its parts are then the places it lists, the division last
            folded = {i for e in doc.ents if token.i < e.start and e.end <= close and e.label_ not in _PLACE_LABELS
                      and any(t.text == "," for t in e) for i in range(e.start, e.end)}
            for part in parts[:-1]:
                if not any(i in entity_tokens and i not in folded for i in range(part.start, part.end)) \
                        and not self.gaz.is_demonym(part.text):
                    yield _Candidate(part.start, part.end, part.text, "focus")
            last = parts[-1]
            if any(i in folded for i in range(last.start, last.end)):
                yield _Candidate(last.start, last.end, last.text, None, None, "GPE")

    def _untagged_names(self, doc: Doc, entity_tokens: set[int]):
        """Runs of proper nouns the model left untagged ("Malakal", "Sudan" in "SOS Villages Sudan")."""
        i = 0
        n = len(doc)
        words = place_words()
        while i < n:
            if doc[i].pos_ != "PROPN" or i in entity_tokens or not doc[i].text[:1].isupper():
                if doc[i].pos_ == "ADJ" and i not in entity_tokens and self._demonym_token(doc[i]):
                    yield _Candidate(i, i + 1, doc[i].text, "demonym", "demonym")  # "Turkish troops"
                elif doc[i].pos_ in ("ADJ", "NOUN") and doc[i].is_title and i not in entity_tokens \
                        and not doc[i].is_sent_start and not doc[i].is_stop \
                        and not (i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].pos_ != "ADP") \
                        and not self.gaz.is_demonym(doc[i].text):
                    if self._strong_name(doc[i].text, city_pop=STRONG_CITY_POP):
                        yield _Candidate(i, i + 1, doc[i].text, "strong")  # "the southern Aleppo districts"
                    elif i + 1 < n and doc[i + 1].lower_ in words.settlement and doc[i + 1].lower_ != "city":
                        yield _Candidate(i, i + 1, doc[i].text, "focus")  # "in Malable village (Afgooye, ...)"
                    elif doc[i].dep_ == "pobj" and doc[i].head.lower_ in _UNKNOWN_PLACE_PREPS | {"at"} and any(
                            e.kind == "city" and e.population >= LOCATIVE_TOWN_POP for e in self.gaz.lookup_named(doc[i].text)):
                        yield _Candidate(i, i + 1, doc[i].text, "untagged")  # "In Rusape, residents ..." (a noun to the model)
                i += 1
                continue
            j = i
            while j < n and doc[j].pos_ == "PROPN" and j not in entity_tokens and doc[j].text[:1].isupper():
                j += 1
            if i > 0 and doc[i - 1].pos_ == "ADJ" and doc[i - 1].is_title and i - 1 not in entity_tokens \
                    and not self.gaz.is_demonym(doc[i - 1].text) and self.gaz.lookup_exact(doc[i - 1:j].text):
                i -= 1  # "Dire Dawa" ("Dire" read as an adjective)
            hyphenated = (j + 1 < n and doc[j].text == "-" and not doc[j - 1].whitespace_
                          and not doc[j].whitespace_ and doc[j + 1].text[:1].isupper()) or (
                i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_)
            if hyphenated:  # "Bali-Dhiddin": part of a longer name, not the island of Bali
                a, b = i, j
                while a >= 2 and doc[a - 1].text == "-" and not doc[a - 1].whitespace_ and not doc[a - 2].whitespace_:
                    a -= 2
                while b + 1 < n and doc[b].text == "-" and not doc[b - 1].whitespace_ and not doc[b].whitespace_ \
                        and doc[b + 1].text[:1].isupper():
                    b += 2
                whole = doc[a:b]
                others = [t for t in whole if t.text != "-" and not i <= t.i < j]
                if a == i and not any(t in entity_tokens for t in range(a, b)) \
                        and self._strong_name(whole.text, city_pop=STRONG_CITY_POP):
                    yield _Candidate(a, b, whole.text, "strong")  # "Guinea-Bissau"
                    i = max(j, b)
                    continue
                if not all(self.gaz.is_demonym(t.text) or self.gaz.lookup_exact(t.text) for t in others):
                    i = j  # ("Amsterdam-London", "Asian-Pacific" name places throughout)
                    continue
            if j - i <= 5:
                span = doc[i:j]
                if j - i >= 2 and doc[j - 1].lower_ in words.facility and (
                        doc[j - 1].lower_ not in words.institution
                        or span.root.dep_ == "pobj" and span.root.head.lower_ in _FACILITY_PREPS) \
                        and not self.gaz.lookup_exact(span.text):
                    yield _Candidate(i, j, span.text, "facility")  # "Buckland Elementary", "Press Street"
                elif j - i == 1 and self._demonym_token(doc[i]):
                    yield _Candidate(i, j, span.text, "demonym", "demonym")
                elif self._strong_name(span.text, city_pop=STRONG_CITY_POP):
                    yield _Candidate(i, j, span.text, "strong")
                elif j - i == 1 and self._division_word(span.text):
                    yield _Candidate(i, j, span.text, "home_division")  # "regional NSW"
                elif j < n and doc[j].lower_ in words.settlement and j - i <= 3 and not self.kb.lookup(span.text):
                    yield _Candidate(i, j, span.text, "focus")  # "in Malable village (Afgooye, Lower Shabelle)"
                elif j - i <= 3 and (spelled := _spelled_out_division_at(doc, j)) and not self.kb.lookup(span.text):
                    yield _Candidate(i, spelled[0], span.text, "division", spelled[1])  # "in Guma local government area"
                elif j - i <= 3 and (_place_context(span.root) or _named_as_place(doc, _Candidate(i, j, span.text, "untagged"))) \
                        and not self.kb.lookup(span.text):
                    yield _Candidate(i, j, span.text, "untagged")  # "encountered Boko Haram at Gudumbali"
                elif j - i <= 3 and self._object_of_territory_verb(span):
                    yield _Candidate(i, j, span.text, "object")  # "the army evacuated Barentu"
                else:  # a country at either end of a longer name
                    for k in range(1, min(3, j - i)):
                        for part in (doc[i:i + k], doc[j - k:j]):
                            if self._strong_name(part.text, divisions=False):
                                yield _Candidate(part.start, part.end, part.text, "strong")
            i = j


_WITHIN_KIND = {"admin1": "admin1", "division": "division"}
_LIST_LINKS = ([","], ["and"], ["or"], [",", "and"], [",", "or"])
# lower-case words inside a place's name: "Rio Grande do Sul", "Mar del Plata", "Saint-Pierre et Miquelon"
_NAME_PARTICLES = frozenset({"do", "da", "dos", "das", "de", "del", "della", "di", "du", "des", "la", "le", "el",
                             "et", "y", "e", "sur", "am", "an", "der", "upon", "on"})
_DIVISION_ENDINGS = LOCAL_ADMIN_WORDS | {"district", "province", "governorate", "county"}
_CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
# verbs done to places, hardly to people: the subject of "X was encircled" is a place
SIEGE_VERBS = frozenset(str(w).lower() for w in _WORD_LISTS["siege_verbs"])
# "believed in God", "invested in Boeing": an "in" that names no place after these
_ABSTRACT_IN_HEADS = frozenset(str(w).lower() for w in _WORD_LISTS["abstract_in_heads"])
# a title before a name, a verb only people do after it: see _named_as_person
_PERSON_TITLES = frozenset(str(w).lower() for w in _WORD_LISTS["person_titles"])
_KIN_NOUNS = frozenset(str(w).lower() for w in _WORD_LISTS["kin_nouns"])
_PERSON_VERBS = frozenset(str(w).lower() for w in _WORD_LISTS["person_verbs"])
# labels the model gives names of villages and towns it does not know ("the village of Mainok" as a
# PERSON, "the outskirts of Manbij city" as a PRODUCT): such a name where only a place fits is one
_MISTAKEN_LABELS = ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT")
_PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")
_NAMED_ACTORS = {"group", "igo", "person"}  # actor kinds whose names may hold a place word
# kinds of names that may contain a place: "the Kidney Foundation of Canada", "anti-Russian"
_EMBEDDING_LABELS = {"ORG", "NORP", "MONEY", "LAW", "EVENT", "WORK_OF_ART", "PRODUCT"}
KNOWN_ABROAD_POP = 100_000  # an unknown place is not put in the article's country where a town this big bears its name
INSIDE_NAME_TOWN_POP = 20_000  # a town inside a facility's name, outside the focus countries
_COARSENESS = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}


# "al-X", "ash-X": an Arabic article before a name's capital (gazetteer_extra.yaml name_articles)
_ARABIC_ARTICLE = re.compile(r"^(?:" + "|".join(sorted(name_articles(), key=len, reverse=True)) + r")-\s?[A-Z]")


_AREA_AFTER_INITIALS = frozenset({"area", "region", "metro", "suburbs", "beltway", "council", "government"})
_IN_A_DIVISION = frozenset({"in", "across", "throughout", "around"})


def _division_word(token: Token, words: PlaceWords) -> bool:
    """"district", "quarter", "neighbourhood", "province": a word that says the name beside it is a
    part of a town or of a country's map, not something a town's government owns or does."""
    return token.lower_ in words.settlement or token.lower_ in ADMIN_WORDS


def _town_part_word(doc: Doc, cand: _Candidate, words: PlaceWords) -> bool:
    """"Y's X square", "Y's X hospital": a street, a square or a building after the owned name lies in
    the town; not a base, a camp or an embassy ("Moscow's X base", "Paris's X embassy" stand abroad)."""
    for token in (doc[cand.end - 1], doc[cand.end] if cand.end < len(doc) else None):
        if token is not None and token.lower_ in words.facility and token.lower_ not in words.site \
                and token.lower_ not in words.abroad and token.lower_ not in words.institution:
            return True
    return False


def _office_by_initials(doc: Doc, cand: _Candidate) -> bool:
    """"the DC" (a deputy commissioner, a district collector) is an official, not the District of
    Columbia: a division's two-letter initials after "the" name one only as "the DC area" or after a
    word of place with no noun after them ("in the NT")."""
    if cand.end - cand.start != 1 or len(cand.name) != 2 or not cand.name.isupper() or cand.start == 0 \
            or doc[cand.start - 1].lower_ != "the":
        return False
    after = doc[cand.end] if cand.end < len(doc) else None
    if after is not None and after.lower_ in _AREA_AFTER_INITIALS:
        return False
    located = cand.start >= 2 and doc[cand.start - 2].lower_ in _IN_A_DIVISION
    return not located or after is not None and after.pos_ == "NOUN"


def _cut_at_bracket(doc: Doc, ent: Span) -> Optional[Span]:
    """"Cabdi Gaab (Jamaame" tagged as one name: the name ends where a bracket opens (what the
    bracket holds is the district and region it lies in). None where nothing is left before it."""
    cut = next((t.i for t in ent if t.text == "("), None) if "(" in ent.text else None
    if cut is None:
        return ent
    return Span(doc, ent.start, cut, label=ent.label_) if cut > ent.start else None


def _capitalised(name: str) -> bool:
    """A proper name's opening: a capital, or a lower-case Arabic article before one ("al-Yarmouk
    Hospital", "al-Qanat Street", "el-Arish")."""
    return name[:1].isupper() or bool(_ARABIC_ARTICLE.match(name))


def _camel_initialism(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return name.isalpha() and len(letters) <= 5 and sum(c.isupper() for c in letters) >= 2 \
        and any(c.islower() for c in letters)


def _spelled_out_division_at(doc: Doc, k: int) -> Optional[tuple[int, str]]:
    """(end, short form) where a local division's word spelled out ("local government area") starts at
    token k, written in lower case; else None."""
    for phrase, short in spelled_out_divisions():
        words = doc[k:k + len(phrase)]
        if len(words) == len(phrase) and tuple(t.text for t in words) == phrase:
            return k + len(phrase), short
    return None


def _run_to_settlement_word(doc: Doc, end: int) -> int:
    """Where a name goes on past the model's entity up to a settlement word: "Nuur Dugle village",
    "Birta-dheer village", "Qansax Dheere town" (end of the longer name, else `end` itself)."""
    k = end
    while k < len(doc) and k - end < 3:
        token = doc[k]
        joined = token.text == "-" and not doc[k - 1].whitespace_ and not token.whitespace_ \
            or doc[k - 1].text == "-" and not doc[k - 1].whitespace_ and token.is_alpha
        if not (joined or token.text[:1].isupper() and token.pos_ in ("PROPN", "NOUN", "ADJ")
                and token.ent_type_ not in ("GPE", "LOC", "ORG", "PERSON", "NORP")):
            break
        k += 1
    if k > end and k < len(doc) and doc[k].lower_ in place_words().settlement and doc[k].lower_ != "city":
        return k
    return end


def _ends_with_admin_word(name: str) -> bool:
    words = name.split()
    return len(words) > 1 and words[-1].lower() in _ADMIN1_WORDS


def _first_conjunct(token: Token) -> Token:
    """"Kornaz" in "the settlements of Maharda and Kornaz" stands where "Maharda" does."""
    while token.dep_ == "conj" and token.head.i != token.i and token.head.pos_ == "PROPN":
        token = token.head
    return token


def _of_place(root: Token) -> bool:
    """"the village of X", "the outskirts of X", "Baghdad's district of X": a place after "of"."""
    root = _first_conjunct(root)
    if root.dep_ != "pobj" or root.head.lower_ != "of" or root.head.head.i == root.head.i:
        return False
    noun = root.head.head
    if noun.lower_ in _COMPASS:  # "northeast of Karmah", "25 km south of Mogadishu"
        return True
    return noun.pos_ == "NOUN" and (noun.lower_ in place_words().of_place or noun.lemma_.lower() in place_words().of_place)


def _named_as_place(doc: Doc, cand: _Candidate) -> bool:
    """A name the model left untagged that the sentence can only mean as a place: "the town of X",
    "the outskirts of X", "X village", "X, a village in ...", "positions in X", "near X" (not "at X":
    "at Ikea"; not "on X", "to X": a medium, a person)."""
    root = _first_conjunct(doc[cand.start:cand.end].root)
    if _of_place(root) or cand.end < len(doc) and doc[cand.end].lemma_.lower() in place_words().settlement:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in place_words().settlement for c in root.children):
        return True
    # bare after the preposition ("in Gubadley", not "in the Guard", "in a Drama Series"), the
    # preposition not inside a title ("Dignity in Dying"), and no initialism ("in GMT", "in TLF-1")
    # (or, where the parse went astray, right after it and before no other name: "positions in Gubadley causing")
    prep = doc[cand.start - 1] if cand.start else root
    name = doc[cand.start:cand.end]
    after = doc[cand.end] if cand.end < len(doc) else None
    astray = root.dep_ in ("amod", "compound") and after is not None and after.pos_ != "PROPN" \
        and after.tag_ != "POS" and after.text not in ("’", "'")
    return prep.dep_ == "prep" and prep.lower_ in _UNKNOWN_PLACE_PREPS and (root.dep_ == "pobj" or astray) \
        and prep.head.pos_ != "PROPN" and prep.head.lemma_.lower() not in _ABSTRACT_IN_HEADS and all(t.text.replace("’", "").replace("'", "").replace("-", "").isalpha()
                                              and not t.is_upper for t in name)


# division words that make a name a place by themselves ("the X District"); not "state", "department",
# "territory", which also end the names of bodies ("the Islamic State", "the Justice Department")
_NAMING_ADMIN_WORDS = ADMIN_WORDS - {"state", "department", "territory"}


def _named_by_its_kind(doc: Doc, cand: _Candidate) -> bool:
    """A name whose own words say it is a place: "the Harabish District", "the Jazal Mountains",
    "Mount Vlasic" (not a person or a body, whatever its context)."""
    words = place_words()
    tokens = [t for t in doc[cand.start:cand.end] if t.lower_ != "the"]
    if len(tokens) < 2:
        return False
    last, first = tokens[-1].lower_, tokens[0].lower_
    return last in words.settlement or last in _NAMING_ADMIN_WORDS or last in words.landform \
        or first in words.landform_openings


def _taken(doc: Doc, cand: _Candidate) -> bool:
    """The object of a verb of taking a place: "the army stormed X", "rebels captured X"."""
    root = doc[cand.start:cand.end].root
    return root.dep_ == "dobj" and root.head.lemma_.lower() in place_words().takeover


def _before_container(doc: Doc, cand: _Candidate) -> bool:
    """A name followed by a bracket or a comma, where the place that contains it may follow
    ("Malable (Afgooye, Lower Shabelle)"); _place_unknowns keeps it only if one does."""
    return cand.end < len(doc) and doc[cand.end].text in _OPENING


def _mostly_people(doc: Doc) -> set[str]:
    """Names the model tags as a person at least three times and more often than as a place."""
    people, places = Counter(), Counter()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            people[ent.text] += 1
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            places[ent.text] += 1
    return {name for name, n in people.items() if n >= 3 and n > 2 * places[name]}


def _place_context(root: Token) -> bool:
    """A name the sentence uses as a place: "in X", "at X", "X village", "the X residence", "the
    village of X"."""
    if root.dep_ == "pobj" and root.head.lower_ in _FACILITY_PREPS or _of_place(root):
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in place_words().settlement for c in root.children):
        return True  # "Pervomayskaya, a village in Dagestan"
    return root.head.i != root.i and root.dep_ in ("compound", "nmod", "amod", "poss") \
        and (root.head.lemma_.lower() in PLACE_NOUNS or root.head.lemma_.lower() in place_words().settlement
             or root.head.lemma_.lower() == "community" and root.ent_type_ in ("GPE", "LOC"))  # "in Gwadi community"


def _named_at_end(doc: Doc, cand: _Candidate, known: list) -> Optional[GeoEntry]:
    """The town a longer name ends with, where the article also names that town by itself ("CDC
    Atlanta" in a story that says "in Atlanta"): a body's branch or a quarter by its town's name."""
    towns = {c.name: e for c, e in known if e.kind == "city" and c.end - c.start <= 3}
    for k in range(cand.start + 1, cand.end):
        entry = towns.get(doc[k:cand.end].text)
        if entry is not None:
            return entry
    return None


DISEASE_WORDS = frozenset(str(w).lower() for w in _WORD_LISTS["disease_words"])
DISEASE_NAMES = frozenset(str(w) for w in _WORD_LISTS["disease_names"])


@lru_cache(maxsize=1)
def _disease_word_ids():
    return numpy.array([get_string_id(word) for word in DISEASE_WORDS], dtype=numpy.uint64)


def _without_disease_names(doc: Doc, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """"West Nile virus", "Marburg fever", "the Reston strain": a town's or a region's name in a
    disease's is the disease, and so is the same name alone elsewhere in the article ("Marburg has
    killed 12"), unless a preposition puts something in, at or from it. A country's name stays."""
    names = set()
    for i in numpy.flatnonzero(numpy.isin(doc.to_array(LOWER), _disease_word_ids())):  # at C speed
        token = doc[int(i)]
        if token.i > 0 and doc[token.i - 1].text[:1].isupper():
            k = token.i - 1
            while k > 0 and doc[k - 1].text[:1].isupper() and doc[k - 1].pos_ == "PROPN" and not doc[k - 1].is_sent_start:
                k -= 1
            names.add(doc[k:token.i].text)
    if not names:
        return mentions

    def disease(m: PlaceMention) -> bool:
        if m.entry.kind == "country":
            return False  # "the Sudan virus" is named for a country the article may well be about
        if m.end < len(doc) and doc[m.end].lower_ in DISEASE_WORDS:
            return True
        if not any(f" {m.text} " in f" {name} " for name in names):
            return False
        return not (m.start > 0 and doc[m.start - 1].pos_ == "ADP")  # "imported to Reston", "in Marburg"

    return [m for m in mentions if not disease(m)]


_IN_LINKS = ([",", "in"], ["in"], ["located", "in"], [",", "located", "in"], ["area", "of"])  # "X, in Y", "X area of Y"
_DIVISION_TITLES = frozenset({"governor", "gov.", "legislature", "statehouse", "premier"})  # "New York Governor"
_GENERIC_NAME_WORDS = _DIRECTION_WORDS | ADMIN_WORDS | {"coast", "the"}


_LINK_DIVISION_WORDS = ADMIN_WORDS | {"local", "government", "area", "council", "lga"}


def _division_link(link: list[str]) -> bool:
    """"X local government area of Y", "X district in Y", "X, a tehsil of Y" (lower-cased words between
    the two names): the first is a division of the second, so it lies inside it."""
    words = link[1:] if link[:1] == [","] else link
    if words[:1] in (["a"], ["an"], ["the"]):
        words = words[1:]
    return len(words) >= 2 and words[-1] in ("of", "in") and all(w in _LINK_DIVISION_WORDS for w in words[:-1])


def _only_compass_words(name: str) -> bool:
    """"Western Province", "North Eastern", "West Coast": a name of compass words (and a division
    word) that many countries give a division of theirs; one of the article's countries is meant."""
    return all(word in _GENERIC_NAME_WORDS for word in name.lower().split())


def _someone_abroad(doc: Doc, cand: _Candidate, entry: GeoEntry, focus: list[str]) -> bool:
    """"Colonel Maldonado was captured while trying to flee Sudan": a one-word name the model did not
    tag as a place, standing as a clause's subject or object, that would be a province or town of a
    country the article never names, and that the text shows to be a person's name or a body's
    ("the Mission"). Without that evidence it stays a place: a local story need not name its country."""
    if entry.kind == "country" or not entry.country or not focus or entry.country in focus \
            or cand.end - cand.start != 1:
        return False
    token = doc[cand.start]
    if token.is_upper or any(0 <= k < len(doc) and doc[k].text in (",", "(", ")") for k in (token.i - 1, token.i + 1)):
        return False  # a dateline ("PLEASANTON, Calif."), a name in a list or in brackets
    return token.dep_ in ("nsubj", "nsubjpass", "dobj") and not token.conjuncts \
        and token.head.lemma_.lower() not in SIEGE_VERBS \
        and (_named_as_person(doc, token) or _a_body_after_the(token))


def _named_beside_kin(doc: Doc, cand: _Candidate) -> bool:
    """"Omar's wife, Julia, posted an appeal": a one-word name in apposition to a kin noun is a person,
    whatever place bears it as one of its names."""
    token = doc[cand.start]
    return cand.end - cand.start == 1 and token.dep_ == "appos" and token.head.lemma_.lower() in _KIN_NOUNS


def _a_body_after_the(token: Token) -> bool:
    """"The Mission has scheduled a meeting", "the Centre asked the court", "what the Act gives": a
    capitalised word after "the" that the model did not tag as a place names a body or a text; the
    few places named with "the" ("the Hague", "the Punjab") are tagged as places, or their country
    is named."""
    return token.i > 0 and token.doc[token.i - 1].lower_ == "the" and token.ent_type_ not in ("GPE", "LOC", "FAC")


def _named_as_person(doc: Doc, token: Token) -> bool:
    """The text shows a one-word name to be a person's: a title or a first name right before it ("Mr
    X", "Sergeant X", "Juan X"), a person's name elsewhere in the article holding it ("Ana X ... X
    was held"), or it does what only people do ("X tweeted", "X confessed")."""
    before = doc[token.i - 1] if token.i else None
    if before is not None and (before.lower_ in _PERSON_TITLES
                               or (before.ent_type_ == "PERSON" and before.is_title and before.pos_ == "PROPN")):
        return True
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in _PERSON_VERBS:
        return True
    return any(ent.label_ == "PERSON" and not (ent.start <= token.i < ent.end)
               and any(t.text == token.text for t in ent) for ent in doc.ents)


def _taken_inside_a_town(doc: Doc, start: int, end: int) -> bool:
    """"Police captured Sergeant X in the eastern city of Y": a town is not taken inside another
    town, so X, shown to be a person's name, is no place ("retook X in Y province" keeps X a place,
    and so does a name the text does not show to be a person's: "seized X in the city of Y" may be
    a quarter of Y)."""
    if end >= len(doc) or doc[end].lower_ != "in":
        return False
    if doc[start].lower_ not in _PERSON_TITLES and not _named_as_person(doc, doc[start]):
        return False
    for token in doc[end + 1:end + 6]:
        if token.lower_ in ("city", "town", "capital"):
            return True
        if token.is_punct or token.pos_ in ("VERB", "PROPN"):
            return False
    return False


def _own_precision(cand: _Candidate) -> str:
    """How precisely an unknown name itself would place something: a district, a province, a town."""
    if cand.kind == "admin1":
        return "admin1"
    if cand.kind == "division":
        return "admin2"
    return "city"


def _division_owners(doc: Doc, cand: _Candidate, by_start: dict) -> tuple[str, ...]:
    """The countries that use the candidate's division word ("X tehsil": Pakistan, India), or the word
    of the division it is said to lie in ("X in Y upazila": Bangladesh); () for any other."""
    owners = division_word_countries()
    own = owners.get(cand.descriptor or "")
    if own:
        return own
    k = cand.end + 1
    if k < len(doc) and doc[cand.end].lower_ == "in" and doc[k].lower_ == "the":
        k += 1
    inner = by_start.get(k) if cand.end < len(doc) and doc[cand.end].lower_ == "in" else None
    return owners.get(inner.descriptor or "", ()) if inner is not None and inner.kind == "division" else ()


def _in_owners(doc: Doc, cand: _Candidate, entry: GeoEntry, by_start: dict) -> bool:
    """The entry lies in a country that uses the division word said of the candidate, if that word
    is one only some countries use."""
    owners = _division_owners(doc, cand, by_start)
    return not owners or entry.country in owners


def _within(container: GeoEntry, own: str, relation: str) -> GeoEntry:
    """An unknown place put at a known one: the known one's point, at the coarser of the two
    precisions; a town given in brackets after a village is its district ("(Afgooye, Lower Shabelle)")."""
    precision = container.precision
    if relation in ("(", "near") and container.kind == "city":
        precision = "admin2"  # "X (Y, Z)": Y is X's district; "X near Y": somewhere around Y, not in it
    if _COARSENESS[own] > _COARSENESS.get(precision, 4):
        precision = own
    return container if precision == container.precision else replace(container, precision=precision)


def _inside_longer_name(doc: Doc, mention) -> bool:
    """"Juba" in "Lower Juba": a capital or country read inside a longer proper name."""
    return mention.kind in ("capital", "country") and mention.start > 0 \
        and doc[mention.start - 1].pos_ == "PROPN" and doc[mention.start - 1].text[:1].isupper()


def _speaker(ent: Span) -> bool:
    """"Jordan said": a person who speaks, whatever the name."""
    root = ent.root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in ("say", "tell", "add", "write")


# nouns that stand for a place, so a toponym modifying them is where things happen: "the streets of
# La Paz", "Iraq's Nineveh province", "his Mexico City apartment", "the Aleppo countryside"
PLACE_NOUNS = SETTLEMENT_WORDS | {
    "street", "streets", "outskirt", "outskirts", "centre", "center", "downtown", "suburb", "suburbs", "part",
    "parts", "heart", "edge", "countryside", "border", "vicinity", "territory", "environs", "coast", "north",
    "south", "east", "west", "governorate", "oblast", "prefecture", "municipality", "zone", "front",
    "apartment", "home", "house", "residence", "hospital", "market", "school", "mosque", "church", "checkpoint",
    "airport", "base", "prison", "square", "road", "highway", "bridge", "station", "compound", "office",
    "embassy", "hotel", "university", "stadium", "port", "harbour", "harbor", "crossing", "valley", "mountains",
    "hills", "desert", "island", "islands", "river", "lake", "sea", "waters", "neighbourhood", "neighborhood",
    "quarter", "district", "camp", "headquarters", "parliament", "palace", "complex", "courtyard", "subway",
    "metro", "building", "skies", "airspace", "frontier", "state", "county", "shore", "beach", "field", "fields",
    "farm", "forest", "gorge", "pass", "plain", "plains", "peninsula", "strip", "bank", "enclave", "mall"}
# verbs whose object is the place itself: "captured Knin", "visited Moscow", "shelled Aleppo"
TERRITORY_VERBS = frozenset({
    "visit", "enter", "reach", "capture", "seize", "attack", "bomb", "shell", "strike", "hit", "retake",
    "recapture", "storm", "overrun", "raid", "besiege", "liberate", "occupy", "patrol", "take", "invade",
    "control", "surround", "encircle", "target", "tour", "leave", "evacuate", "flee", "rock", "pound",
    "bombard", "infiltrate", "blockade", "capture", "annex", "shake"})
@Language.factory("sitrep_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(nlp, name)
