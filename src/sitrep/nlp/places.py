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
    descriptor: Optional[str] = None  # "province", "capital", "southern" ...

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


class PlaceResolver:
    """spaCy component: fills `doc._.places` and `doc._.focus`."""

    def __init__(self, nlp: Language, name: str = "sitrep_places"):
        self.name = name
        self.gaz = load_gazetteer()
        self.kb = load_kb()

    def __call__(self, doc: Doc) -> Doc:
        focus = self._focus(doc)
        mentions: list[PlaceMention] = []
        taken: set[int] = set()
        for start, end, name, kind, descriptor in self._candidates(doc):
            if any(i in taken for i in range(start, end)):
                continue
            entry = self._resolve(name, focus, kind)
            if entry is None:
                continue
            taken.update(range(start, end))
            mentions.append(PlaceMention(start, end, doc[start:end].text, entry, descriptor))
        mentions.sort(key=lambda m: m.start)
        doc._.places = mentions
        # places resolved in the text also count towards the focus (a city names its country)
        counts = Counter({iso: len(focus) - rank for rank, iso in enumerate(focus)})
        for m in mentions:
            if m.entry.country:
                counts[m.entry.country] += 1
        doc._.focus = [iso for iso, _ in counts.most_common()]
        return doc

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
        if kind == "focus":  # only a place in a country the article is about
            entry = self.gaz.resolve(name, focus=focus)
            return entry if entry is not None and entry.country in focus[:3] else None
        countries = self.kb.lookup(name)
        for entity in countries:
            if entity.kind == "country" and entity.country:
                entry = self.gaz.country(entity.country)
                if entry is not None:
                    return entry
        return self.gaz.resolve(name, focus=focus, kind=kind)

    def _candidates(self, doc: Doc):
        """(start, end, name to look up, kind restriction, descriptor) for each possible toponym."""
        for token in doc:
            # "the Austrian capital", "the Jordanian capital Amman": the capital of that country
            if token.lemma_.lower() == "capital" and token.pos_ == "NOUN":
                demonym = next((c for c in token.children if c.dep_ in ("amod", "compound")
                                and self.kb.country_by_demonym(c.text) is not None), None)
                if demonym is not None:
                    named = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "GPE"), None)
                    if named is None:
                        country = self.kb.country_by_demonym(demonym.text)
                        start = demonym.i - 1 if demonym.i > 0 and doc[demonym.i - 1].lower_ == "the" else demonym.i
                        yield start, token.i + 1, country.iso3, "capital", "capital"
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG") and self._locative(ent):
                yield ent.start, ent.end, ent.text, "focus", None  # "the town of Beledweyne" (PERSON)
                continue
            if ent.label_ not in ("GPE", "LOC", "FAC"):
                continue
            tokens = list(ent)
            while tokens and tokens[0].lower_ in ("the",):
                tokens = tokens[1:]
            if not tokens:
                continue
            start, end = tokens[0].i, tokens[-1].i + 1
            kind = None
            descriptor = None
            last = doc[end - 1].lower_
            if last in ADMIN_WORDS and end - start > 1:
                descriptor = last
                kind = "admin1" if last in _ADMIN1_WORDS else None
                name_tokens = doc[start:end - 1]
            else:
                name_tokens = doc[start:end]
                if end < len(doc) and doc[end].lower_ in ADMIN_WORDS:
                    descriptor = doc[end].lower_
                    kind = "admin1" if descriptor in _ADMIN1_WORDS else None
                    end += 1
            if start > 0 and doc[start - 1].lower_ in _DIRECTION_WORDS:
                descriptor = descriptor or doc[start - 1].lower_
            name = name_tokens.text.strip(" ,.'’")
            if len(name) < 2 or not any(c.isupper() for c in name[:1]):
                continue
            yield start, end, name, kind, descriptor


def event_location(doc: Doc, event, places: list[PlaceMention]) -> Optional[PlaceMention]:
    """Where one event happened: the toponym nearest its trigger in the parse, among those a
    locative preposition governs, never a participant ("Russia and Jordan agreed") or the source's
    description ("a UK-based group"); a country right after a place only locates that place."""
    head = doc[event.head]
    start, end = event.sentence
    best, best_key = None, None
    previous = None
    for place in places:
        if not (start <= place.start < end):
            continue
        container = (previous is not None and place.entry.kind == "country" and previous.end + 1 == place.start
                     and doc[previous.end].text == "," and previous.entry.country == place.entry.country)
        previous = place
        if container:
            continue  # "Idlib province, Syria": the country only says where Idlib is
        root = doc[place.start:place.end].root
        if root.dep_ == "npadvmod" or root.i in event.reporter_tokens:
            continue  # "US-led", "UK-based"; the source's own description
        if root.i in event.actor_tokens and not (root.dep_ == "dobj" and event.type == "CONSULT"):
            continue  # the place names a participant ("Russia and Jordan agreed"), not where
        if root.dep_ in ("poss", "compound", "amod", "npadvmod") and root.head.i != root.i \
                and root.head.pos_ in ("NOUN", "PROPN") and root.head.ent_type_ not in ("GPE", "LOC"):
            continue  # "Russia's campaign", "Moscow air strikes": an actor, not a place
        if root.dep_ in ("nsubj", "nsubjpass") or root.i in range(*event.trigger):
            continue
        prep = _governing_prep(root)
        if prep is not None and prep.lower_ in NOT_LOCATION_PREPS:
            continue
        if root.dep_ == "dobj" and not (event.type == "CONSULT" or root.head.lemma_ in ("visit", "enter",
                                                                                      "reach", "capture",
                                                                                      "seize", "attack",
                                                                                      "bomb", "shell",
                                                                                      "strike", "hit",
                                                                                      "retake")):
            continue
        if root.dep_ == "appos" and root.head.lemma_ == "capital" and root.head.head.lower_ in NOT_LOCATION_PREPS:
            continue  # "reporting from the Jordanian capital Amman"
        rank = {"city": 0, "point": 0, "admin2": 1, "admin1": 2, "country": 3}.get(place.entry.precision, 3)
        key = (tree_distance(head, root) + (1 if rank == 3 else 0), rank)
        if best_key is None or key < best_key:
            best, best_key = place, key
    return best


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
