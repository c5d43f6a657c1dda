"""Places: every toponym in the article resolved to a gazetteer entry, with the article's focus.

The model's GPE/LOC/FAC entities are the candidates; descriptors refine them ("Idlib province" is the
province, not the city) and a demonym with "capital" names a city without saying it ("the Austrian
capital" is Vienna). Ambiguous names are resolved against the article's focus: the countries it talks
about most, counted from every country, capital and demonym mentioned.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..gazetteer import GeoEntry, load_gazetteer
from .syntax import tree_distance
from ..kb import load_kb

ADMIN_WORDS = {"province", "governorate", "region", "state", "district", "county", "prefecture", "oblast",
               "department", "territory", "municipality"}
_ADMIN1_WORDS = {"province", "governorate", "region", "state", "oblast", "prefecture", "department",
                 "territory"}
SETTLEMENT_WORDS = {"town", "city", "village", "district", "province", "region", "area", "capital", "port",
                    "hamlet", "suburb", "neighbourhood", "neighborhood", "county", "state", "camp", "outskirts"}
_LOCATIVE_PREPS = {"in", "near", "at", "outside", "around", "into", "towards", "toward"}
LOCATION_PREPS = frozenset({"in", "at", "near", "across", "throughout", "around", "inside", "on", "into",
                            "over", "outside of", "within", "to"})
NOT_LOCATION_PREPS = frozenset({"from", "outside", "than", "like", "for", "of", "beyond"})
_DIRECTION_WORDS = {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern",
                    "southeastern", "southwestern", "north", "south", "east", "west"}


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
class _Candidate:
    start: int
    end: int
    name: str  # what to look up
    kind: Optional[str]  # a restriction for Gazetteer.resolve, or "capital"/"focus"/"strong"
    descriptor: Optional[str] = None


_OPENING = {",", "("}
STRONG_CITY_POP = 50_000  # a name the model did not tag is taken for a town only if it is this big
BIG_CITY_POP = 100_000  # ... and one it took for an organisation or person
LOCATIVE_TOWN_POP = 20_000  # ... or one it took so, after "in"/"near", in a story about elsewhere
_ORG_PREFIX_MAX = 3


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
        first = self._resolve_all(doc, candidates, actor_focus)
        focus = self._merge_focus(actor_focus, first)
        mentions = self._resolve_all(doc, candidates, focus) if focus != actor_focus else first
        doc._.places = mentions
        doc._.focus = self._merge_focus(focus, mentions)
        return doc

    def _resolve_all(self, doc: Doc, candidates: list[_Candidate], focus: list[str]) -> list[PlaceMention]:
        resolved: list[tuple[_Candidate, Optional[GeoEntry]]] = []
        taken: set[int] = set()
        for cand in candidates:
            if any(i in taken for i in range(cand.start, cand.end)):
                continue
            entry = self._resolve(cand.name, focus, cand.kind)
            if entry is None and cand.kind in ("strong", "focus", "demonym", "capital"):
                continue
            taken.update(range(cand.start, cand.end))
            resolved.append((cand, entry))
        resolved.sort(key=lambda r: r[0].start)
        self._apply_containment(doc, resolved)
        stands_for: dict[int, int] = {}
        for (cand, entry), (outer_cand, outer) in zip(resolved, resolved[1:]):
            between = doc[cand.end:outer_cand.start]
            if entry is None and outer is not None and outer.kind != "country" and len(between) <= 2 \
                    and between[:1].text in _OPENING:
                stands_for[outer_cand.start] = doc[cand.start:cand.end].root.i
        return [PlaceMention(c.start, c.end, doc[c.start:c.end].text, e, c.descriptor, stands_for.get(c.start))
                for c, e in resolved if e is not None]

    def _apply_containment(self, doc: Doc, resolved: list) -> None:
        """"Parkland, Florida", "Jiic boor (Gaalkacyo, Mudug)": a place followed by a comma or a
        bracket and the division or country it lies in is looked for inside that one."""
        for n in range(len(resolved) - 2, -1, -1):
            cand, entry = resolved[n]
            outer_cand, outer = resolved[n + 1]
            if outer is None or outer.kind not in ("country", "admin1", "admin2", "city", "region"):
                continue
            between = doc[cand.end:outer_cand.start]
            if len(between) != 1 or between[0].text not in _OPENING:
                continue
            if outer.kind == "city" and between[0].text != "(":
                continue  # "Aleppo, Homs and Hama" is a list, not containment
            if entry is not None and entry.kind == "country":
                continue  # "Syria, Jordan": a list of countries
            if entry is not None and self._inside(entry, outer):
                continue
            # the outer place may itself sit in a third one: "Jiic boor (Gaalkacyo, Mudug)"
            better = self.gaz.resolve(cand.name, within=outer, kind=_WITHIN_KIND.get(cand.kind))
            if better is not None:
                resolved[n] = (cand, better)

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

    def _focus(self, doc: Doc) -> list[str]:
        counts: Counter = Counter()
        for mention in doc._.actors or []:
            if mention.kind in ("country", "capital", "demonym") and mention.country:
                counts[mention.country] += 1
        return [iso for iso, _ in counts.most_common()]

    def _locative(self, ent: Span) -> bool:
        """A name the model took for a person or organisation, where only a place fits."""
        if self.kb.lookup(ent.text):
            return False
        root = ent.root
        if root.dep_ != "pobj":
            return False
        prep = root.head
        if prep.lower_ == "of":
            return prep.head.lemma_.lower() in SETTLEMENT_WORDS
        return prep.lower_ in _LOCATIVE_PREPS and prep.head.pos_ in ("VERB", "NOUN")

    def _resolve(self, name: str, focus: list[str], kind: Optional[str]) -> Optional[GeoEntry]:
        if kind == "capital":
            return self.gaz.capital(name)
        if kind == "focus":  # a place in a country the article is about, or a real town
            entry = self.gaz.resolve(name, focus=focus)
            if entry is None or entry.country in focus[:3]:
                return entry
            return entry if entry.population >= LOCATIVE_TOWN_POP and entry in self.gaz.lookup_exact(name) else None
        if kind == "strong":  # checked by _strong_name: a country, a division or a big town
            entry = self.gaz.resolve(name, focus=focus)
            return entry if entry is not None and entry in self.gaz.lookup_exact(name) else None
        countries = self.kb.lookup(name)
        for entity in countries:
            if entity.kind == "country" and entity.country:
                entry = self.gaz.country(entity.country)
                if entry is not None:
                    return entry
        return self.gaz.resolve(name, focus=focus, kind=kind)

    def _candidates(self, doc: Doc) -> list[_Candidate]:
        """Every possible toponym, most trusted first (earlier candidates win overlaps)."""
        out = list(self._capital_phrases(doc))
        entity_tokens: set[int] = set()
        for ent in doc.ents:
            entity_tokens.update(range(ent.start, ent.end))
            out.extend(self._from_entity(doc, ent))
        out.extend(self._untagged_names(doc, entity_tokens))
        return out

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

    def _from_entity(self, doc: Doc, ent: Span):
        label = ent.label_
        if label == "NORP":
            # "Mexican officials", "a Syrian town": the country, as geoparsing corpora code it;
            # "Mexicans" (people) and "Shiite" (not a country's adjective) are not places
            if ent.root.tag_ not in ("NNS", "NNPS") and self.gaz.is_demonym(ent.text):
                yield _Candidate(ent.start, ent.end, ent.text, "demonym", "demonym")
            elif not self.gaz.is_demonym(ent.text):
                yield from self._names_inside(doc, ent)  # "Kisangani" taken for a nationality
            return
        if label in ("PERSON", "ORG") and self._locative(ent):
            yield _Candidate(ent.start, ent.end, ent.text, "focus")  # "the town of Beledweyne" (PERSON)
            return
        if label in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LANGUAGE", "NORP"):
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
        start, end = tokens[0].i, tokens[-1].i + 1
        kind = None
        descriptor = None
        last = doc[end - 1].lower_
        if last in ADMIN_WORDS and end - start > 1:
            descriptor = last
            kind = "admin1" if last in _ADMIN1_WORDS else "division"
            name_tokens = doc[start:end - 1]
        else:
            name_tokens = doc[start:end]
            if end < len(doc) and doc[end].lower_ in ADMIN_WORDS:
                descriptor = doc[end].lower_
                kind = "admin1" if descriptor in _ADMIN1_WORDS else "division"
                end += 1
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
                    yield _Candidate(part.start, part.end, part.text, None)
            return
        name = name_tokens.text.strip(" ,'’")
        if name.endswith(".") and not self.gaz.lookup(name):
            name = name.rstrip(".")
        if len(name) < 2 or not any(c.isupper() for c in name[:1]):
            return
        yield _Candidate(start, end, name, kind, descriptor)

    def _names_inside(self, doc: Doc, ent: Span):
        """A place the model folded into another kind of name: the whole entity ("Ontario" or
        "Malakal" tagged as an organisation) or its first words ("the U.S. Army")."""
        known = self.kb.lookup(ent.text)
        if (known and not any(k.kind in ("country", "capital") for k in known)) or _speaker(ent):
            pass  # an organisation or person the knowledge base knows, or one who speaks
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

    def _strong_name(self, name: str, divisions: bool = True, city_pop: Optional[int] = None) -> bool:
        """A country (or, with `divisions`, a first-level division or region; with `city_pop`, a
        town at least that big) by its own name; short capitals only for countries ("US", "DRC")."""
        if not name[:1].isupper() or self.gaz.is_demonym(name):
            return False
        entries = self.gaz.lookup_exact(name)
        if any(e.kind == "country" for e in entries):
            return True
        if name.isupper() and len(name) <= 5 or not divisions:
            return False
        return any(e.kind in ("admin1", "region") or (city_pop and e.kind == "city" and e.population >= city_pop)
                   for e in entries)

    def _untagged_names(self, doc: Doc, entity_tokens: set[int]):
        """Runs of proper nouns the model left untagged ("Malakal", "Sudan" in "SOS Villages Sudan")."""
        i = 0
        n = len(doc)
        while i < n:
            if doc[i].pos_ != "PROPN" or i in entity_tokens or not doc[i].text[:1].isupper():
                i += 1
                continue
            j = i
            while j < n and doc[j].pos_ == "PROPN" and j not in entity_tokens and doc[j].text[:1].isupper():
                j += 1
            if j - i <= 5:
                span = doc[i:j]
                if self._strong_name(span.text, city_pop=STRONG_CITY_POP):
                    yield _Candidate(i, j, span.text, "strong")
                else:  # a country at either end of a longer name
                    for k in range(1, min(3, j - i)):
                        for part in (doc[i:i + k], doc[j - k:j]):
                            if self._strong_name(part.text, divisions=False):
                                yield _Candidate(part.start, part.end, part.text, "strong")
            i = j


_WITHIN_KIND = {"admin1": "admin1", "division": "division"}


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
COUNTRY_PENALTY = 2  # a country loses to a town or province one or two arcs further from the trigger


def _anchor(root: Token) -> Token:
    """The token that attaches a toponym to its clause: "La Paz" in "the streets of La Paz" is
    anchored by "streets"; "Nineveh" in "Iraq's Nineveh province" by "province"."""
    token = root
    for _ in range(4):
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ in ("compound", "amod", "poss", "nmod", "appos") and head.lemma_.lower() in PLACE_NOUNS:
            token = head
        elif token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS \
                and head.head.i != head.i:
            token = head.head
        else:
            break
    return token


def event_location(doc: Doc, event, places: list[PlaceMention]) -> Optional[PlaceMention]:
    """Where one event happened: the toponym nearest its trigger in the parse, among those a
    locative preposition governs (or the object of a verb like "captured", "visited"), never a
    participant ("Russia and Jordan agreed"), an adjective ("Russian air strikes") or the source's
    description ("a UK-based group"); a country right after a place only locates that place."""
    head = doc[event.head]
    start, end = event.sentence
    best, best_key = None, None
    previous = None
    for place in places:
        if not (start <= place.start < end):
            continue
        container = (previous is not None and place.entry.kind == "country" and previous.end + 1 == place.start
                     and doc[previous.end].text in (",", "(") and previous.entry.country == place.entry.country)
        previous = place
        if container or place.descriptor in ("demonym",):
            continue  # "Idlib province, Syria": the country only says where Idlib is
        root = doc[place.stands_for] if place.stands_for is not None else doc[place.start:place.end].root
        if root.dep_ == "npadvmod" or root.i in event.reporter_tokens:
            continue  # "US-led", "UK-based"; the source's own description
        if root.i in range(*event.trigger):
            continue
        anchor = _anchor(root)
        own_object = anchor.dep_ == "dobj" and anchor.head.i in (head.i, event.clause_head if hasattr(event, "clause_head") else head.i)
        territory = own_object and anchor.head.lemma_.lower() in TERRITORY_VERBS
        if root.i in event.actor_tokens and not (own_object and (event.type == "CONSULT" or territory)):
            continue  # the place names a participant ("Russia and Jordan agreed"), not where
        if anchor.dep_ in ("poss", "compound", "amod", "npadvmod", "nmod") and anchor.head.i != anchor.i \
                and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.ent_type_ not in ("GPE", "LOC") \
                and not (anchor.dep_ == "compound" and anchor.head.pos_ == "PROPN"
                         and anchor.head.ent_type_ in ("", "PERSON", "FAC")):
            continue  # "Russia's campaign", "Moscow air strikes": an actor, not a place
        if anchor.dep_ in ("nsubj", "nsubjpass"):
            continue
        prep = _governing_prep(anchor)
        if prep is not None and prep.lower_ in NOT_LOCATION_PREPS:
            continue
        if anchor.dep_ == "dobj" and not (own_object and (event.type == "CONSULT" or territory)):
            continue
        if anchor.dep_ == "appos" and anchor.head.lemma_ == "capital" and anchor.head.head.lower_ in NOT_LOCATION_PREPS:
            continue  # "reporting from the Jordanian capital Amman"
        distance = tree_distance(head, anchor)
        rank = {"city": 0, "point": 0, "admin2": 1, "admin1": 2, "country": 3}.get(place.entry.precision, 3)
        key = (distance + (COUNTRY_PENALTY if rank == 3 else 0), rank)
        if best_key is None or key < best_key:
            best, best_key = place, key
    return best if best is not None else dateline(doc, places)


_DATELINE_MARKS = frozenset({"(", "—", "–", "-", ",", ":"})


def dateline(doc: Doc, places: list[PlaceMention]) -> Optional[PlaceMention]:
    """The place a story was filed from ("MOGADISHU (VOA) —"): a capitalised place opening a line,
    then a bracket or a dash. The last resort for an event whose own sentence names no place."""
    for place in places[:4]:
        before = doc[place.start - 1] if place.start > 0 else None
        after = doc[place.end] if place.end < len(doc) else None
        opens_line = before is None or before.is_space or before.text_with_ws.endswith("\n")
        if opens_line and after is not None and after.text in _DATELINE_MARKS \
                and doc[place.start:place.end].text.isupper() and place.entry.kind != "region":
            return place
    return None


def _governing_prep(root: Token) -> Optional[Token]:
    """The preposition that places a toponym: "in" for "in the central town of Beledweyne"."""
    prep = root.head if root.dep_ == "pobj" else None
    while prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in SETTLEMENT_WORDS \
            and prep.head.dep_ == "pobj":
        prep = prep.head.head
    return prep


@Language.factory("sitrep_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver(nlp, name)
