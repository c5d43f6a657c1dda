"""Event location: of the places an event's sentence names, the one where the event happened.

Not where it was announced, not a participant ("Russia and Jordan agreed"), not an adjective ("Russian
air strikes") and not the source's description ("a UK-based group"): the toponym nearest the trigger in
the parse under a locative preposition, or the object of a verb that takes territory ("captured Knin").
The story's dateline is the last resort.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .places import NOT_LOCATION_PREPS, PLACE_NOUNS, SETTLEMENT_WORDS, TERRITORY_VERBS, PlaceMention
from .syntax import tree_distance

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
