"""Event location: of the places an event's sentence names, the one where the event happened.

Not where it was announced, not a participant ("Russia and Jordan agreed"), not an adjective ("Russian
air strikes"), not part of a name ("the Islamic State of Iraq and al-Sham") and not the source's
description ("a UK-based group"): the toponym nearest the trigger in the parse under a locative
preposition, or the object of a verb that takes territory ("captured Knin"). Places in the event's own
clause come before those of another verb ("... before they withdrew to Mosul"); a landmark a distance
is measured from ("50 km south of Cairo") comes last; of two places that locate one another ("Baghdad's
Amriya district", "Olangur in Villupuram district") the inner one is taken. The story's dateline is the
last resort.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc, Span, Token

from ..cache import load_yaml
from ..gazetteer import distance_km
from ..kb.lexicon import trigger_index
from .actors import entity_around, phrase_words
from .places import (NOT_LOCATION_PREPS, PLACE_NOUNS, PLACE_WORDS_FILE, SETTLEMENT_WORDS, TERRITORY_VERBS, PlaceMention,
                     place_words)
from .syntax import tree_distance

COUNTRY_PENALTY = 2  # a country loses to a town or province one or two arcs further from the trigger
REFERENCE_PENALTY = 4
FROM_PENALTY = 3  # a removal verb's "from X" (where captives may come from) loses to a place said by "in", "off"
SUBJECT_PENALTY = 2  # "prisoners at Guantanamo Bay had been seized in Afghanistan": the act's own place first  # "260 km south of Cairo": Cairo only measures where the place is
NESTED_KM = 100  # a place said to lie inside another must lie near it on the map
_RANK = {"point": 0, "city": 0, "admin2": 1, "admin1": 2, "country": 3}
# last resorts, for a sentence that names no place of the event itself, best first (the first item of a
# candidate's sort key): where its doers live ("Accra residents protested"), a town naming a local
# participant ("the Kinshasa police"), the place of a comment on it ("..., sparking riots across X")
HOME_LEVEL = 9
MODIFIER_LEVEL = 10
COMMENT_LEVEL = 11
# "70 percent of Bosnia", "a third of Zaire", "much of the north": the share stands for the place
_PORTION_WORDS = phrase_words()["portion_words"]


def _bearings() -> frozenset[str]:
    """The words of a bearing ("260 km south of Cairo", "heading eastwards"): place_words.yaml's points of
    the compass, the one list the places stage reads too, with their "-ward(s)" forms."""
    points = [str(word).lower() for word in load_yaml(PLACE_WORDS_FILE)["compass_words"]]
    return frozenset(points) | {point + end for point in points if "-" not in point for end in ("ward", "wards")}


_DIRECTIONS = _bearings()
_DISTANCE_UNITS = phrase_words()["distance_units"]
# motion that ends elsewhere: in another verb's clause these name where someone went, not where it happened
_DESTINATION_PREPS = frozenset({"to", "into", "towards", "toward", "onto"})
_ENTERING_PREPS = frozenset({"into", "onto"})  # a motion that ended inside the place
_CLAUSE_LINKS = frozenset({"advcl", "relcl", "acl", "ccomp", "csubj", "parataxis", "conj"})
_SAID_LINKS = frozenset({"ccomp", "relcl", "csubj", "parataxis"})
_MORE_WHERE_NOUNS = phrase_words()["where_nouns"]
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across", "throughout", "within",
                             "on", "along", "over"})
# "killed in the Kabul bombing", "hurt during the Lahore riots"; not "marched despite the Istanbul
# bombings" or "responded to the Bouake attack": another event's place
_EVENT_NOUN_PREPS = frozenset({"in", "at", "during", "near", "inside", "throughout", "across"})
_PLACING_PREPS = frozenset({"in", "at", "near", "inside", "around", "across", "throughout", "within", "along"})


LOCATION_WORDS_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "location_words.yaml"


@lru_cache(maxsize=1)
def location_words() -> dict[str, frozenset[str]]:
    """The word lists of kb/data/location_words.yaml, by section, lower-cased; read once."""
    return {section: frozenset(str(w).lower() for w in words) for section, words in load_yaml(LOCATION_WORDS_FILE).items()}


def _anchor(root: Token) -> Token:
    """The token that attaches a toponym to its clause: "La Paz" in "the streets of La Paz" is
    anchored by "streets"; "Nineveh" in "Iraq's Nineveh province" by "province"; "Bosnia" in
    "70 percent of Bosnia" by "percent"."""
    token = root
    for _ in range(5):
        head = token.head
        if head.i == token.i:
            break
        if token.dep_ in ("compound", "amod", "poss", "nmod", "appos") and _place_noun(head):
            token = head
        elif token.dep_ == "compound" and head.pos_ == "PROPN" and head.ent_type_ in ("", token.ent_type_) \
                and token.ent_type_ in ("", "GPE", "LOC", "FAC") and 0 < head.i - token.i <= 3 \
                and all(t.dep_ == "compound" for t in token.doc[token.i:head.i]):
            token = head  # "Rio" of "Rio de Janeiro" where the places stage took the first word
        elif token.dep_ == "compound" and head.ent_type_ in ("DATE", "TIME") and token.ent_type_ not in ("DATE", "TIME"):
            token = head  # "marched through Rome Saturday", parsed as a compound of the day
        elif token.dep_ == "pobj" and head.lower_ == "of" and head.head.i != head.i \
                and (_place_noun(head.head) or head.head.lemma_.lower() in _PORTION_WORDS) \
                and not _measured_direction(head.head):
            token = head.head
        else:
            break
    return token


_WHERE_NOUNS: Optional[frozenset[str]] = None


def _place_noun(token: Token) -> bool:
    """A noun naming somewhere ("province", "streets", "restaurant", "hideout"): a toponym that
    modifies it says where it is."""
    global _WHERE_NOUNS
    if _WHERE_NOUNS is None:
        words = place_words()
        _WHERE_NOUNS = frozenset(PLACE_NOUNS | words.facility | words.settlement | _MORE_WHERE_NOUNS
                                 | location_words()["where_nouns"])
    return token.lemma_.lower() in _WHERE_NOUNS or token.lower_ in _WHERE_NOUNS


def _measured_direction(token: Token) -> bool:
    """"south" in "260 km south of Cairo" or "just north of Baghdad": a bearing from a landmark,
    not "the south of the country"."""
    if token.lower_ not in _DIRECTIONS:
        return False
    return token.dep_ in ("advmod", "npadvmod", "prep", "amod") or \
        any(child.dep_ in ("npadvmod", "nummod", "advmod") for child in token.children) or \
        not any(child.dep_ == "det" for child in token.children)


def _is_reference(root: Token) -> bool:
    """Is this toponym the landmark a distance or a bearing is measured from ("50 km south of Cairo",
    "100 km from Iraq", "north of Baghdad")?"""
    if root.dep_ != "pobj" or root.head.lower_ not in ("of", "from"):
        return False
    head = root.head.head
    if _measured_direction(head):
        return True
    if head.lower_ in _DISTANCE_UNITS or any(c.lower_ in _DISTANCE_UNITS for c in head.children):
        return True
    return root.head.lower_ == "from" and head.lower_ in ("away", "far")


def _describing_adverb(root: Token, place: PlaceMention) -> bool:
    """Is the toponym a noun used as an adverb of a word describing someone ("US-led", "UK-based", "a
    Kabul-born poet")? Not a name right after a finite verb that the parse took for an adverb ("rebels
    shelled Aleppo on Monday"): that is what the verb acts on."""
    if root.dep_ != "npadvmod":
        return False
    head = root.head
    # not a name the gazetteer lacks, which may be no place at all ("around 11 A.M.", "captured Mahmud
    # Monday"), nor a counted thing ("11 A.M.")
    if place.descriptor in _GUESSED or any(c.dep_ == "nummod" or c.like_num for c in root.children):
        return True
    return not (head.pos_ in ("VERB", "AUX") and head.tag_ in ("VBD", "VBZ", "VBP") and head.i < root.i
                         and head.dep_ not in ("amod", "compound", "acl"))


def _event_as_reporter(doc: Doc, reporter) -> bool:
    """Is the "source" the events stage found an event ("A large explosion in the centre of X, thought
    to be a truck bomb, ...", parsed as if the explosion did the thinking)? An event reports nothing:
    its places are no source's."""
    tokens = set(reporter)
    heads = [doc[i] for i in tokens if doc[i].head.i not in tokens or doc[i].head.i == i]
    events = location_words()["event_nouns"]
    return any(t.pos_ == "NOUN" and (t.lower_ in events or t.lemma_.lower() in events) for t in heads)


_BORDER_NOUNS = phrase_words()["border_words"]  # "the border with Turkey": phrase_words.yaml


def _neighbour(place: PlaceMention, anchor: Token) -> bool:
    """Is the toponym a country across a border from where it happened ("clashes near the border with
    Turkey", "patrols along its frontier with Israel")? The border is named from the other side: the
    event is on that side, not in the country named after "with"."""
    if place.entry.kind not in ("country", "region") and place.entry.precision != "country":
        return False
    prep = anchor.head
    return anchor.dep_ == "pobj" and prep.lower_ == "with" and prep.head.i != prep.i \
        and prep.head.lower_ in _BORDER_NOUNS


def _owner_abroad(place: PlaceMention, root: Token, anchor: Token) -> bool:
    """Is the toponym a country naming whose embassy or consulate it is ("outside the U.S. embassy",
    "at Kenya's high commission")? Such a post stands in another country (place_words.yaml abroad_words),
    so the country is not where the event happened; a town is ("the Kabul embassy")."""
    if place.entry.kind not in ("country", "region") and place.entry.precision != "country":
        return False
    token = root
    while token.i != anchor.i and token.head.i != token.i and token.dep_ in ("compound", "poss", "nmod", "amod"):
        token = token.head
        if token.lower_ in place_words().abroad or token.lemma_.lower() in place_words().abroad:
            return True
    return False


def _landmark_after(doc: Doc, places: list[PlaceMention], place: PlaceMention, prep: Optional[Token]) -> bool:
    """Is the toponym a landmark after a comma that says where the town just named lies ("at the market in
    the village of Amerli, near the town of Tuz", "in Kafr Nabl, close to Maarat", "in X, on the outskirts
    of Y")? The town named first
    is where it happened; not a country or a province before the comma ("in Syria, near Aleppo")."""
    if prep is None or prep.i < 2:
        return False
    # "in Bonda, on the outskirts of Y", "in X, on the western edge of Y": the edge of a town locates the
    # place named before the comma as a landmark does
    edge = prep.lower_ in ("on", "at") and any(c.dep_ == "pobj" and c.lemma_.lower() in location_words()["edge_nouns"]
                                               for c in prep.children)
    if prep.lower_ not in ("near", "close", "to") and not edge:
        return False
    if prep.lower_ == "to":  # "close to"
        prep = prep.head if prep.head.lower_ == "close" else None
        if prep is None:
            return False
    comma = doc[prep.i - 1]
    if comma.text != ",":
        return False
    before = next((p for p in places if p.end == comma.i and p is not place), None)
    if before is None or before.entry.kind in ("country", "region", "admin1") \
            or before.entry.precision in ("country", "admin1"):
        return False
    # not where the first is itself a landmark ("ambushed on the highway 40 km east of Oslo, near Lillestrom")
    first = doc[before.start:before.end].root
    return not (_is_reference(first) or (first.dep_ == "appos" and _is_reference(first.head)))


def _far_off(root: Token) -> bool:
    """Is the landmark at `root` one a distance is counted from ("30 km northeast of Tel Aviv",
    "100 km from Iraq"), not a bare bearing ("north of Baghdad")?"""
    head = root.head.head
    if any(t.lower_ in ("square", "sq") for t in head.subtree if t.i < root.i):
        return False  # "a 2,000-square-mile patch of sea" measures an area, not a distance
    return head.lower_ in _DISTANCE_UNITS or any(
        c.lower_ in _DISTANCE_UNITS or any(g.lower_ in _DISTANCE_UNITS for g in c.children) for c in head.children)


def _attributed(root: Token) -> bool:
    """Is the toponym in an "according to" phrase ("according to an army officer in Homs", "according
    to officials in Kabul")? That is where the source is, not where the event happened."""
    for token in root.ancestors:
        if token.lower_ == "according" or (token.lower_ == "to" and token.head.lower_ == "according"):
            return True
        if token.pos_ in ("VERB", "AUX") and token.lower_ != "according":
            return False
    return False


def _placed_modifier(anchor: Token, head: Token, place: PlaceMention) -> bool:
    """Is the toponym a modifier of a noun that a locative preposition of the event's verb governs ("rallied
    in the Bekaa valley farming region", "seized a town in Ghana's cocoa belt", "stabbed in the Paris
    metro system", "shot in the London underground network")? The noun is somewhere in that place. Not an event noun ("killed in Russia's
    offensive": who waged it; a town's event noun is placed by `candidates_for`), and a country only
    before a word for a part of it ("near a U.S. patrol", "in the U.S. arsenal" name whose)."""
    noun = anchor.head
    while noun.dep_ == "compound" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "the Bekaa valley farming region"
    if anchor.dep_ not in ("compound", "poss", "nmod") or noun.dep_ != "pobj" or noun.head.lower_ not in _PLACING_PREPS:
        return False
    if anchor.dep_ == "nmod" and noun.pos_ != "NOUN":
        return False  # "the London underground network", not a name's part ("the East and South China Seas")
    if noun.lower_ in location_words()["event_nouns"] or noun.lemma_.lower() in location_words()["event_nouns"]:
        return False
    if (place.entry.kind in ("country", "region") or place.entry.precision == "country") \
            and noun.lower_ not in location_words()["part_of_place_nouns"] and not _place_noun(noun):
        return False
    return noun.head.head.i == head.i or noun.head.head.pos_ in ("NOUN", "PROPN")


# What a protest is against, over or about: the one list the events stage reads too (events.py imports this
# module, so the list is read from the data file, not from events.py).
_GRIEVANCE_PREPS = frozenset(str(w).lower() for w in load_yaml(
    Path(__file__).resolve().parents[1] / "kb" / "data" / "event_words.yaml")["grievance_preps"])


def _protest_topic(event, head: Token, anchor: Token) -> bool:
    """Is the toponym inside what a protest is against ("protested against the air offensive in Gaza",
    "rallied over the deportation policy introduced in the Netherlands")? That is where the grievance
    lies, not where the protest was."""
    if event.type != "PROTEST" and head.lemma_.lower() not in location_words()["protest_verbs"]:
        return False
    token = anchor
    acts = False  # an act or a clause between the toponym and the preposition: "the offensive in Gaza"
    events = location_words()["event_nouns"] | location_words()["contest_nouns"]
    # after "against", "over" or "about", a noun that names an act in the trigger lexicon is one too
    # ("against the arrest of a judge in X", "against a minister's visit to Y"); not what a transitive
    # "protest" takes ("protested the minister's visit in X" most often happened there)
    act_read = False
    while token.head.i != token.i and token.i != head.i:
        if token.dep_ == "prep" and token.lower_ in _GRIEVANCE_PREPS:
            # "against the offensive in Gaza", "against a policy introduced in X": the grievance's place;
            # "against Bush in Ghent", "against the plan in Toronto": the parser hung the protest's place there
            return acts or act_read
        if token.i != anchor.i and token.pos_ == "NOUN" and token.lemma_.lower() in location_words()["protest_verbs"] \
                and token.dep_ == "pobj" and token.head.lower_ in _PLACING_PREPS | {"during"}:
            # "against police brutality at marches in Dakar": the protest's own marches, where it was;
            # not "against a ban on marches in Dakar", the marches the grievance is about
            return False
        if token.dep_ == "dobj" and token.head.i == head.i and head.lemma_.lower() in location_words()["protest_verbs"]:
            # "protested the beating of a vendor suspected of fraud in Dorvik": what a transitive "protest" is about
            return token.i != anchor.i and (acts or token.lemma_.lower() in events or token.lower_ in events)
        token = token.head
        acts = acts or token.pos_ in ("VERB", "AUX") or token.lemma_.lower() in events or token.lower_ in events
        act_read = act_read or _act_noun(token)
    return False


def _act_noun(token: Token) -> bool:
    """Is the noun, alone, an unambiguous trigger of the lexicon ("arrest", "abduction", "killing",
    "visit"; not "seizure" or "support", which may name no act)?"""
    return token.pos_ == "NOUN" and any(t.pos == "NOUN" and len(t.words) == 1 and not t.ambiguous
                                        for t in trigger_index().get(token.lemma_.lower(), ()))


def _grievance_area(event, head: Token, anchor: Token, place: PlaceMention) -> bool:
    """Is the toponym a province or a country inside what a protest is against or about ("protested
    against corruption in Punjab", "rallied over fuel prices in Kenya")? Such a wide place most often
    names where the grievance lies, where the sentence names a town in it for the protest."""
    if event.type != "PROTEST" and head.lemma_.lower() not in location_words()["protest_verbs"]:
        return False
    if place.entry.kind not in ("country", "admin1") or place.descriptor in _GUESSED:
        return False
    token = anchor
    while token.head.i != token.i and token.i != head.i:
        if token.dep_ == "prep" and token.lower_ in _GRIEVANCE_PREPS:
            return True
        token = token.head
    return False


def _path(head: Token, anchor: Token) -> tuple[list[Token], list[Token]]:
    """The tokens between the trigger and the anchor: those climbed from the trigger up to their
    lowest common ancestor (the ancestor included), and those climbed from the anchor up to it."""
    up_from_head = [head, *head.ancestors]
    index = {t.i: n for n, t in enumerate(up_from_head)}
    up_from_anchor = []
    for token in [anchor, *anchor.ancestors]:
        if token.i in index:
            return up_from_head[1:index[token.i] + 1], up_from_anchor[1:]
        up_from_anchor.append(token)
    return up_from_head[1:], up_from_anchor[1:]


# _other_clause's level for a participle that comments on the event (location_words.yaml's comment_verbs)
COMMENT_CLAUSE = 3


def _other_clause(doc: Doc, event, anchor: Token) -> int:
    """How far the toponym lies outside the event's own clause: 0 inside it; 1 in a verb coordinated
    with it or in the clause it hangs from ("struck Kerbala, killing five"); 2 in a clause said or
    told of something else ("said that ... in Homs", "Kirkuk, whose status prevented ..."); COMMENT_CLAUSE
    in a participle commenting on it ("..., raising fears of a siege in X")."""
    head = doc[event.head]
    own = {event.head, event.clause_head, *range(*event.trigger)}
    climbed, descended = _path(head, anchor)
    level = 0
    token = head
    for above in climbed:
        if _topic_clause(token):
            return 2  # "faces charges of providing support": the place is the charge's, not the act's
        if token.i not in own and token.pos_ in ("VERB", "AUX"):
            level = max(level, 1)
        if token.dep_ in _CLAUSE_LINKS and above.i not in own:
            level = max(level, 1)  # the trigger's clause hangs off a verb the place belongs to
        token = above
    for token in descended:
        if token.i in own:
            continue
        if token.dep_ in _SAID_LINKS and not _tells_the_event(token, own) and not _when_clause(token):
            return 2
        if token.dep_ in ("advcl", "xcomp", "conj", "acl") and token.tag_ == "VBG" \
                and token.lemma_.lower() in location_words()["comment_verbs"]:
            # "clashed in the town, highlighting the army's weakness in the Rift Valley": a comment, whose
            # place is the event's only when its sentence names no other ("..., sparking riots across X")
            return COMMENT_CLAUSE
        if _topic_clause(token) or (token.dep_ == "acl" and token.tag_ in ("VBG", "VBN")
                                    and token.lemma_.lower() in location_words()["home_verbs"]
                                    and not _object_side(token, own)):
            return 2  # "protested against destroying jets at X", "an Arab living in Jerusalem"
        if token.dep_ in _CLAUSE_LINKS or (token.pos_ in ("VERB", "AUX") and token.dep_ != "amod"):
            level = max(level, 1)
    return level


# a gerund after these is what something is about ("charges of providing ...", "protested against
# destroying ..."), not the event's own means or time ("by storming ...", "after being jailed near X")
_TOPIC_PREPS = frozenset({"of", "against", "about"})


def _topic_clause(token: Token) -> bool:
    """Is `token` a gerund a preposition makes the topic of something else ("protested against
    destroying jets at X", "faces charges of providing ...")? Its places are that act's."""
    return token.dep_ == "pcomp" and token.head.lower_ in _TOPIC_PREPS


# prepositions that give a time by another event ("since the start of the war in X", "until the fall of Y")
_TIME_FRAME_PREPS = frozenset({"since", "until", "till"})


def _time_frame(anchor: Token, head: Token) -> bool:
    """Is the toponym inside a phrase that dates the event by another one ("more than 100 were killed since
    the start of the war in X", "held out until the fall of Y")? That phrase says when, and its place is
    the other event's. Not where the phrase is a date or a stretch of time the parse hung the place on
    ("killed since May 25 in the hills of X", "died since the weekend in X province", "since the start of
    the year in X"): the place is then the event's own."""
    token = anchor
    dated = False  # a date or time word met on the way up to the preposition
    while token.head.i != token.i and token.i != head.i and token.pos_ not in ("VERB", "AUX"):
        if token.dep_ == "prep" and token.lower_ in _TIME_FRAME_PREPS:
            return not dated
        # a day, a month's name, a year, a time of day; not an event noun the model put in a date ("the
        # start of the 20-month-old war")
        dated = dated or token.lower_ in _TIME_NOUNS or token.ent_type_ == "TIME" \
            or (token.ent_type_ == "DATE" and token.pos_ in ("PROPN", "NUM"))
        token = token.head
    return False


def _road_end(doc: Doc, place: PlaceMention) -> bool:
    """Is the toponym one end of a road's name ("on the Quetta-Chaman highway", "the Kabul-Jalalabad
    road")? The road runs far from either town: another place of the sentence says better where."""
    ends = location_words()["road_nouns"]
    after = doc[place.end:min(len(doc), place.end + 5)]
    before = doc[max(0, place.start - 1):place.start]
    hyphened = (len(after) and after[0].text in ("-", "–")) or (len(before) and before[0].text in ("-", "–"))
    return bool(hyphened) and any(t.lemma_.lower() in ends for t in after)


def _bound_for(anchor: Token, head: Token) -> bool:
    """Does the toponym say where the goal of a later motion lies ("captured and deported to the camp
    at Dachau", "withdrew towards its bases in Tikrit")? A destination preposition on the way up to a
    verb of going told after the event; not one told before it ("walked into a bar in X and began
    shooting": they shot where they went)."""
    token = anchor
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        if token.dep_ == "prep" and token.lower_ in _DESTINATION_PREPS:
            return token.head.lemma_.lower() in location_words()["motion_words"] and token.head.i > head.i
        if token.dep_ == "prep" and token.head.pos_ == "VERB" and token.head.i > head.i \
                and token.head.lemma_.lower() in location_words()["motion_words"] \
                and any(c.dep_ == "prep" and c.lower_ in _DESTINATION_PREPS and c.i < token.i for c in token.head.children):
            # "deported to a camp at X", "sent to a prison near Y", with the parse hanging the second
            # phrase on the verb: it says where the goal named just before it lies
            return True
        token = token.head
    return False


def _on_the_way(head: Token, anchor: Token) -> bool:
    """Is the toponym where someone's goal lay at the moment of the event, told by a clause of going on
    the event's verb opened by "as", "while" or "when" (location_words.yaml's moment_marks): "was shot
    as he drove to his shop in X", "killed while travelling to the market at Y"? A short way to a place
    in that town: the event happened there. Not the goal itself ("shot as he drove from A to B"): a
    town ahead, perhaps far along the road, is no place of the event."""
    climbed, descended = _path(head, anchor)
    if climbed or anchor.dep_ != "pobj" or anchor.head.dep_ != "prep" or anchor.head.lower_ not in _PLACING_PREPS:
        return False
    verbs = [t for t in descended if t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1:
        return False
    clause = verbs[0]  # the verb of going, hung on the event's own, its "to" phrase on it
    return clause.dep_ == "advcl" and clause.i > head.i \
        and clause.lemma_.lower() in location_words()["motion_words"] \
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in location_words()["moment_marks"] for c in clause.children) \
        and any(c.dep_ == "prep" and c.lower_ in _DESTINATION_PREPS for c in clause.children)


def _kept_after(anchor: Token, head: Token) -> bool:
    """Does the toponym say where a captive was kept after the event, in a clause joined to it ("was
    seized in May and is believed held in X", "captured and later held at a camp in Y", "was kidnapped
    in March and has been held in Z since")? That is the place of the keeping (location_words.yaml's
    custody_verbs), not of the seizing. Only with a sign that the keeping came later (`_kept_later`):
    "was arrested and detained in X" or "seized by police and held in Y overnight" tell one happening
    at one place. Not one predicate sharing its object ("seized and held ten sailors in X") either."""
    climbed, descended = _path(head, anchor)
    if climbed or head.lemma_.lower() in location_words()["custody_verbs"]:
        return False
    for n, token in enumerate(descended):
        if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in location_words()["custody_verbs"] \
                or token.i < head.i:
            continue
        # the captive kept, told in the passive ("was held", "believed held"), in a clause of its own, not
        # a participle on a noun ("towns held by X") nor someone's act ("held talks in Y")
        kept = token.dep_ in ("conj", "advcl", "xcomp") \
            and (token.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in token.children))
        # "35 were detained in the fighting near X": the phrase names the happening, not a place of keeping
        phrase = descended[n - 1] if n else anchor
        during = phrase.dep_ == "prep" and any(c.dep_ == "pobj" and c.lower_ in location_words()["event_nouns"]
                                               for c in phrase.children)
        return kept and not during and (_kept_later([t for t in descended[n:] if t.pos_ in ("VERB", "AUX")], head)
                                         or _prison_named([anchor, *descended[:n]]))
    return False


def _prison_named(tokens: list[Token]) -> bool:
    """Is the place of keeping a prison, a camp or a detention centre ("held at a prison camp in X",
    "interned in a jail in Y": location_words.yaml's prison_nouns)? A captive is taken there after the
    capture; a town named for it says where he was kept, not where he was taken ("arrested and held at a
    police station in X" keeps X)."""
    prisons = location_words()["prison_nouns"]
    return any(t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in prisons
                                                or any(c.dep_ == "compound" and c.lemma_.lower() in prisons
                                                       for c in t.children))
               for t in tokens)


def _kept_later(verbs: list[Token], head: Token) -> bool:
    """Does the clause of keeping (its verbs, from the custody verb up) say that it came after the event:
    a word of later time on it (location_words.yaml's later_words: "later held", "held since", "still
    held"), a stretch of days or more ("held for two years"), or another tense than the event's ("was
    seized ... and is believed held", "... and has been held")?"""
    words = location_words()
    for verb in verbs:
        for child in verb.children:
            if child.lower_ in words["later_words"]:
                return True
            if child.dep_ == "prep" and child.lower_ == "for" \
                    and any(c.dep_ == "pobj" and c.lemma_.lower() in words["span_nouns"] for c in child.children):
                return True
    kept = next((t for t in map(_tense, verbs) if t is not None), None)
    done = _tense(head)
    return kept is not None and done is not None and kept != done


def _tense(verb: Token) -> Optional[str]:
    """A verb's tense as its auxiliaries or its own form give it: "perfect", "present", "past", "modal",
    or None for a form that shares another verb's ("was seized and held")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" for a in auxes):
        return "perfect"
    for a in auxes:
        if a.tag_ == "MD":
            return "modal"
        if a.tag_ in ("VBZ", "VBP"):
            return "present"
        if a.tag_ == "VBD":
            return "past"
    return {"VBD": "past", "VBZ": "present", "VBP": "present"}.get(verb.tag_) if not auxes else None


def _object_side(clause: Token, own: set) -> bool:
    """Does the clause hang on what the event acted on ("arrested a man based in Janzour", "fired on
    troops stationed in X")? Where that is, is most often where it was done."""
    token = clause
    while token.head.i != token.i and token.head.i not in own:
        token = token.head
    return token.dep_ in ("dobj", "prep", "pobj")


_TIME_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "night", "morning",
                         "afternoon", "evening", "hour", "hours", "time", "moment", "weekend"})


def _when_clause(clause: Token) -> bool:
    """"shot dead last week when troops raided their hideout in X": a clause on a time word, which
    tells when the event happened and so what went on there, not something said of another thing."""
    return clause.dep_ == "relcl" and (clause.head.lower_ in _TIME_NOUNS or clause.head.ent_type_ in ("DATE", "TIME")) \
        and any(c.lower_ == "when" for c in clause.children)


def _tells_the_event(clause: Token, own: set) -> bool:
    """A relative clause on the event's own means or doer ("killed in an attack that targeted a post
    in Rouiba", "shot by gunmen who opened fire in Monterrey") still tells where it happened."""
    if clause.dep_ != "relcl":
        return False
    noun = clause.head
    if (noun.i in own or any(c.i in own and c.dep_ == "compound" for c in noun.children)) \
            and clause.lemma_.lower() in location_words()["happening_verbs"]:
        return True  # "a protest action that took place outside X": where the event itself went on
    while noun.dep_ == "appos" and noun.head.i != noun.i:
        noun = noun.head  # "targeting government forces (SNA), a battlewagon that was ..."
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "by", "during", "with") \
        else noun.head if noun.dep_ == "dobj" else None
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i in own and not _what_someone_is(clause, noun):
        return True  # "a bomb that ripped through a disco in Cali killed five": what the doer did there
    if verb is None:
        return False
    # "beat and injured a man who ...", "exploded, targeting a convoy that was on its way to ..."
    return verb.i in own or (verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.i in own)


_RELATIVE_PERSON_WORDS = frozenset({"who", "whom", "whose"})


def _what_someone_is(clause: Token, noun: Token) -> bool:
    """Does a relative clause on a participant tell what that person or body is ("a doctor who worked in
    Ghouta", "a cleric who was born in Basra", "a man who grew up in Y"), by a verb of
    location_words.yaml's state_verbs or state_phrases? On the event's own noun it tells where that went
    on ("demonstrations that grew in X were dispersed", "the raid, which residents called the worst in
    Y, killed 12")."""
    prt = next((c.lower_ for c in clause.children if c.dep_ == "prt"), None)
    words = location_words()
    if clause.lemma_.lower() not in words["state_verbs"] and clause.lower_ not in words["state_phrases"] \
            and f"{clause.lemma_.lower()} {prt}" not in words["state_phrases"]:
        return False
    if noun.lemma_.lower() in words["event_nouns"] or noun.lower_ in words["event_nouns"]:
        return False
    if any(c.lower_ in _RELATIVE_PERSON_WORDS for c in clause.children) or noun.pos_ == "PRON" \
            or noun.ent_type_ in ("PERSON", "NORP", "ORG"):
        return True
    if noun.lemma_.lower() in words["person_nouns"] | words["office_nouns"] | words["residence_nouns"]:
        return True
    return any(m.start <= noun.i < m.end for m in noun.doc._.actors or [])


def _home_of_subject(doc: Doc, event, anchor: Token) -> bool:
    """Is the toponym where the people doing it come from ("Accra residents protested", "people of
    Lafto district", "farmers from a West Bank village")? Said of a plural subject of the event's
    own verb, with no verb between."""
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head  # "farmers from Hansi and Hisar"
    if not (anchor.dep_ in ("compound", "poss") or (anchor.dep_ == "pobj" and anchor.head.lower_ in ("of", "from", "in"))):
        return False
    verbs = {event.head, event.clause_head}
    for i in list(verbs):
        if doc[i].dep_ in ("xcomp", "dobj") and doc[i].head.pos_ == "VERB":
            verbs.add(doc[i].head.i)  # "students continued to protest", "residents staged a protest"
    token = anchor
    while token.head.i != token.i:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.i in verbs:
            # "the Mysuru unit"; not "a Texas man was shot": one person's home says where he is from,
            # and he may have been anywhere
            return token.tag_ in ("NNS", "NNPS") or token.lower_ in ("hundreds", "thousands", "dozens", "scores") \
                or (anchor.dep_ == "compound" and anchor.head.i == token.i
                    and token.lemma_.lower() not in location_words()["person_nouns"])
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _war_toll(anchor: Token, head: Token, place: PlaceMention) -> bool:
    """Is the toponym the country of a whole war whose toll the event's verb sums up ("the conflict in X
    has killed more than 100,000 people", "fighting in Y has left thousands dead since 2011")? The
    perfect tense of a war noun's deeds (location_words.yaml's war_nouns), with a whole war's measure
    (`_whole_war`), gives no incident's place: the country only says which war. Not a week's toll
    ("violence in X has killed 30 people this week"), nor a town's fighting ("fighting in Homs has
    killed 20"), which may be the incident's own place."""
    words = location_words()
    if place.entry.kind != "country" or not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children):
        return False
    prep = anchor.head if anchor.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in words["war_place_preps"]:
        return False
    noun = prep.head
    return noun.dep_ == "nsubj" and noun.head.i == head.i and noun.lemma_.lower() in words["war_nouns"] \
        and _whole_war(head, noun)


def _whole_war(head: Token, subject: Token) -> bool:
    """Does the verb's clause, outside its subject, measure a whole war: a toll in the thousands ("more
    than 10,000 people", "thousands of lives": location_words.yaml's war_toll_words) or a span of a
    year or more ("since 2011", "over the past decade": war_span_nouns)?"""
    words = location_words()
    inside = {t.i for t in subject.subtree}
    for token in head.subtree:
        if token.i in inside:
            continue
        under_prep = token.dep_ == "pobj" or token.head.dep_ == "pobj"
        if token.lemma_.lower() in words["war_toll_words"] and not under_prep:
            return True
        number = token.text.replace(",", "")
        if token.like_num and number.isdecimal():  # not "500,000¹": a footnote mark is no digit int() reads
            if not under_prep and int(number) >= 1000:
                return True  # "killed more than 10,000 people"
            if token.dep_ == "pobj" and token.head.lower_ == "since" and len(number) == 4:
                return True  # "since 2011": a bare year
        if token.dep_ == "pobj" and token.lemma_.lower() in words["war_span_nouns"] \
                and token.head.lower_ in words["war_span_preps"]:
            return True  # "over the past decade", "in the last three years"
    return False


def _inside_subject(anchor: Token, stop: Token) -> bool:
    """Is the toponym part of a subject's name or description ("the Islamic State of Iraq and al-Sham
    launched", "the governor of Aleppo was killed")? A place the subject is IN ("troops in Afghanistan
    captured") still locates the event."""
    token = anchor
    while token.i != stop.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in _LOCATIVE_PREPS:
            return False
        if token.dep_ in _SUBJECTS:
            return token.i != anchor.i
        token = token.head
    return False


def _stranded_prep(doc: Doc, place: PlaceMention, anchor: Token) -> Optional[Token]:
    """The locative preposition right before a toponym that the parser made a subject or an object
    of a later word ("protested in Quetta demanding ...", Quetta the subject of "demanding"): a
    preposition with no object of its own, over the toponym."""
    if anchor.dep_ not in ("nsubj", "nsubjpass", "dobj", "compound"):
        return None
    i = place.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i < 0:
        return None
    prep = doc[i]
    if prep.lower_ not in _PLACING_PREPS or prep.dep_ != "prep" or any(c.dep_ == "pobj" for c in prep.children):
        return None
    return prep if prep.left_edge.i <= anchor.i <= prep.right_edge.i else None


def _describes_participant(anchor: Token, event) -> bool:
    """Is the toponym part of an aside on who a participant is, or of the office a participant holds
    ("Ali Hassan, the group's commander in Kandahar, was arrested", "a former mayor of a town in Sindh,
    Khan was shot", "the militia's chief in Sirte was detained")? That is where the person serves,
    not where the event happened."""
    token = anchor
    crossed = False
    offices = location_words()["office_nouns"]
    while token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and token.i != anchor.i:
            return False
        if token.dep_ == "appos" or (token.i != anchor.i and token.lemma_.lower() in offices):
            crossed = True
        # not an object's: "killed an administrator in Hodan", "shot a man, a driver near X" was there
        if crossed and token.dep_ in ("nsubj", "nsubjpass") and token.head.i in (event.head, event.clause_head):
            return not _place_noun(token) and token.ent_type_ not in ("GPE", "LOC", "FAC")
        token = token.head
    return False


def _in_subject_phrase(anchor: Token, head: Token) -> bool:
    """Is the toponym said of the event's subject ("prisoners held at Guantanamo Bay had been seized
    in Afghanistan", "troops in Afghanistan captured ...")? Where the subject is locates the event less
    surely than a place said of the act itself."""
    token = anchor
    while token.head.i != token.i and token.i != head.i:
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.i == head.i:
            return True
        token = token.head
    return False


def _object_place(anchor: Token, root: Token) -> bool:
    """Is the toponym what a verb acts on as a place ("captured Knin", "destroyed a Baghdad
    restaurant", "the Gaza Strip was captured")?"""
    if anchor.dep_ not in ("dobj", "nsubjpass") or anchor.head.pos_ not in ("VERB", "AUX"):
        return False
    if anchor.i != root.i and not (_place_noun(anchor) or anchor.ent_type_ in ("GPE", "LOC", "FAC")
                                   or anchor.lemma_.lower() in _PORTION_WORDS):
        return False  # "ambushed Puntland Dervish Force": the place names the body attacked, not a place
    return anchor.head.lemma_.lower() in TERRITORY_VERBS or anchor.i != root.i


def _in_name(doc: Doc, place: PlaceMention, root: Token) -> bool:
    """Is the toponym part of a longer name the model found ("the Islamic State of Iraq and al-Sham",
    "Jabhat al-Nusra's headquarters")?"""
    if root.ent_type_ not in ("ORG", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "NORP"):
        return False
    ent = entity_around(doc, root.i)
    if ent is None:
        return False
    # "at Nakhon Ratchasima's provincial hall", the model's name taking the "'s" along: no longer name
    # (a person's name stays one: "Governor Gabriel Suswam's village")
    # nor "the" the model put before a building's name ("at the Al-Quds Hospital"), nor the place's other
    # name in brackets after it ("the city of Palmyra (Tadmur)")
    extra = [t for t in ent if not place.start <= t.i < place.end
             and not (t.i == ent.start and t.dep_ == "det" and t.lower_ == "the")
             and not (place.end < len(doc) and doc[place.end].text == "(" and place.end < t.i
                      and t.ent_type_ in ("", ent.label_) and _bracketed_name(doc, t))]
    return bool(extra) and (ent.label_ == "PERSON" or not all(t.dep_ == "case" or t.is_punct for t in extra))


def _bracketed_name(doc: Doc, token: Token) -> bool:
    """Is `token` a proper noun or a bracket of a bracketed name right after another ("Palmyra (Tadmur)")?"""
    return token.is_punct or (token.pos_ == "PROPN" and any(t.text == "(" for t in doc[max(0, token.i - 4):token.i]))


def _locative_here(doc: Doc, event, anchor: Token) -> bool:
    """"at Olangur", "in Aleppo" said of the trigger itself or of another verb ("were hurt as gunmen
    attacked them at Olangur"): a place even where the actors stage took the name for a participant."""
    prep = anchor.head if anchor.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "into" and prep.head.i in (event.head, event.clause_head):
        return True  # "marched into Paris", "stormed into the compound in Kunduz": where they went is where
    if prep is None or prep.lower_ not in _LOCATIVE_PREPS or prep.lower_ in NOT_LOCATION_PREPS:
        return False
    # another verb's "on" or "over" is rather its target ("imposed sanctions on Somalia")
    return prep.head.i in (event.head, event.clause_head) or (prep.head.pos_ == "VERB" and prep.lower_ in _PLACING_PREPS)


def _governing_prep(root: Token) -> Optional[Token]:
    """The preposition that places a toponym: "in" for "in the central town of Beledweyne", "on the
    outskirts of Manbij"."""
    prep = root.head if root.dep_ == "pobj" else None
    while prep is not None and prep.lower_ == "of" and (prep.head.lemma_.lower() in SETTLEMENT_WORDS
                                                        or prep.head.lower_ in place_words().of_place
                                                        or prep.head.lower_ in location_words()["part_of_place_nouns"]
                                                        or _place_noun(prep.head)) \
            and prep.head.dep_ == "pobj":
        prep = prep.head.head
    if prep is not None and prep.lower_ == "of" and prep.head.lower_ in ("outside", "inside") and prep.head.i != prep.i:
        prep = prep.head  # "just outside of the town of Baidoa": "outside" places it, as without the "of"
    if prep is not None and prep.lower_ in ("of", "for") and prep.head.i != prep.i \
            and prep.head.lemma_.lower() in location_words()["contest_nouns"] \
            and (prep.head.dep_ == "pobj" or (prep.head.dep_ in ("dobj", "nsubjpass")
                                              and prep.head.head.lemma_.lower() in _TAKING_VERBS)):
        # "arrested during the siege of Kidal", "died in the battle for Kobani", "took control of
        # Kidal": where it was; not "condemned the invasion of X", what a judgement is about
        return None
    if prep is not None and prep.lower_ == "of" and prep.head.dep_ in ("dobj", "nsubjpass") \
            and prep.head.head.pos_ == "VERB" and prep.head.lower_ in location_words()["part_of_place_nouns"]:
        return None  # "patrolled the frontline of Mostar", "shelled the outskirts of Hama": what was acted on
    return prep


# verbs that take, hold or fight over what their object's "of" names ("took control of Kidal")
_TAKING_VERBS = TERRITORY_VERBS | {"regain", "gain", "wrest", "lose", "launch", "begin", "start", "lift", "break",
                                   "tighten", "impose", "end", "win", "assume", "establish"}


def _removed_from(prep: Token) -> bool:
    """"drove the rebels from Kunduz", "were kicked out of the town": the place someone was driven
    out of is where that happened (location_words.yaml's removal verbs)."""
    verb = prep.head
    if verb.dep_ == "dobj" and verb.head.pos_ == "VERB" and prep.lower_ == "from" \
            and any(_place_noun(t) for t in prep.children if t.dep_ == "pobj"):
        # "abducted a cameraman from the X neighbourhood of Y", the "from" hung on the object: somewhere
        # he was taken from; not a bare name ("kidnapped six sailors from India"), where they come from
        verb = verb.head
    if prep.lower_ == "of" and verb.lower_ == "out":
        verb = verb.head
    elif prep.lower_ != "from":
        return False
    if verb.lower_ in ("back", "away", "out") and verb.head.i != verb.i:
        verb = verb.head  # "pushed back from", "chased away from"
    return verb.pos_ == "VERB" and verb.lemma_.lower() in location_words()["removal_verbs"]


def _done_from(prep: Token, event) -> bool:
    """"addressed the nation from the Red Fort", "spoke from his office": the event's own verb
    done where its "from" points (location_words.yaml's from_verbs)."""
    return prep.lower_ == "from" and prep.head.i in (event.head, event.clause_head) \
        and prep.head.lemma_.lower() in location_words()["from_verbs"]


def _locates(outer: Token, inner_anchor: Token, inner_root: Token) -> bool:
    """Does the toponym at `outer` say where the one at `inner_root` is ("Olangur in Villupuram
    district", "Baquba, the capital of Diyala", "Mogadishu's Yaqshid district")? It hangs below the
    other's name or the noun that names it, with no verb between."""
    for token in outer.ancestors:
        if token.i in (inner_root.i, inner_anchor.i):
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False


def _finer(inner: PlaceMention, outer: PlaceMention) -> bool:
    """Can `inner` lie inside `outer`? Not a province or a country inside a town, nor a bigger town
    inside a smaller one."""
    a, b = inner.entry, outer.entry
    if distance_km(a.lat, a.lon, b.lat, b.lon) > NESTED_KM:
        return False  # the gazetteer put them far apart: one of them is resolved wrong, keep the outer
    if a.population and b.population and a.population != b.population:
        return a.population < b.population  # "the Qalamoun area of rural Damascus"
    return _RANK.get(a.precision, 3) <= max(_RANK.get(b.precision, 3), 1)


def candidates_for(doc: Doc, event, places: list[PlaceMention]) -> tuple[list, list, list]:
    """The places of an event's sentence that may be where it happened, each with its sort key
    (other clause, tree distance, precision rank), its root and its anchor; the places its subject
    comes from (a last resort); and the others, each with why it was left out (for `sitrep evaluate`'s
    error lists and for tests)."""
    head = doc[event.head]
    start, end = event.sentence
    candidates = []  # (key, place, root, anchor)
    fallback = []  # places the subject is from, for a sentence that names no other
    rejected = []  # (place, why)
    # the source's own words ("a UK-based group said"); a misparse that makes the whole report the
    # subject of "said" ("A bomber ... killed 11 in Yusifiya, police said") names no source apart
    reporter = event.reporter_tokens if event.head not in event.reporter_tokens else ()
    if _event_as_reporter(doc, reporter):
        reporter = ()  # "A blast in downtown Kabul, thought to be a car bomb, destroyed ...": no source
    modifiers = []  # towns and provinces naming a local participant: "the Kinshasa police"
    previous = None
    # first conjuncts left out for the phrase they stand in ("warships from Britain, France and
    # Italy", "captured by Israel and Jordan"): the later conjuncts share that phrase
    phrase_out: dict[int, str] = {}
    doers_in = []  # "police in Mazatlan shot": where the doers are
    province_after: dict[int, PlaceMention] = {}  # a province after a comma, by the town before it
    grieved = []  # provinces and countries inside what a protest is against
    for place in places_between(doc, places, start, end):
        container = (previous is not None and place.entry.kind == "country" and previous.end + 1 == place.start
                     and doc[previous.end].text in (",", "(") and previous.entry.country == place.entry.country)
        if previous is not None and place.entry.kind == "admin1" and previous.end + 1 == place.start \
                and doc[previous.end].text == "," and previous.descriptor not in _GUESSED and _within(previous, place):
            province_after[id(place)] = previous  # "Laredo, Texas": left out below if Laredo may be where
        # "north of Kampala, Uganda's capital": a description after the name restates it, whatever the parse
        restated = (previous is not None and place.descriptor is not None and place.descriptor not in _GUESSED
                    and previous.end + 1 == place.start and doc[previous.end].text == ","
                    and previous.entry == place.entry)
        previous = place
        if container or restated or place.descriptor in ("demonym",):
            rejected.append((place, "container"))
            continue  # "Idlib province, Syria": the country only says where Idlib is
        root = doc[place.stands_for] if place.stands_for is not None else doc[place.start:place.end].root
        if _describing_adverb(root, place) or root.i in reporter or _attributed(root):
            rejected.append((place, "source"))
            continue  # "US-led", "UK-based"; the source's own description
        if _names_an_event(doc, place):
            rejected.append((place, "event-name"))
            continue  # "in the 1967 Middle East war", "at the Atlanta games": an event, not a place
        first = _first_conjunct(root)
        if first.i != root.i and first.i in phrase_out:
            rejected.append((place, phrase_out[first.i]))
            continue
        building = None
        if root.i in range(*event.trigger) or _in_name(doc, place, root):
            building = _placed_building(doc, place, root) if root.i not in range(*event.trigger) else None
            if building is None:
                rejected.append((place, "in-name"))
                if root.i not in range(*event.trigger) and _local_body_name(doc, place, root):
                    modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, root))
                continue
        anchor = _anchor(building if building is not None else root)
        if _neighbour(place, anchor):
            rejected.append((place, "neighbour"))
            phrase_out[root.i] = "neighbour"
            continue  # "patrolled the road along the border with Israel": the country across it
        if _owner_abroad(place, root, anchor):
            rejected.append((place, "owner"))
            continue  # "protested outside the U.S. embassy": the embassy stands in another country
        if anchor.dep_ in ("compound", "poss", "nmod") and anchor.head.lower_ in location_words()["event_nouns"] \
                and place.entry.kind not in ("country", "region") and place.entry.precision != "country" \
                and (anchor.head.i in (event.head, *range(*event.trigger))
                     or (anchor.head.dep_ == "pobj" and anchor.head.head.lower_ in _EVENT_NOUN_PREPS)):
            anchor = _anchor(anchor.head)  # "killed in the Kabul bombing": where the bombing was
        stranded = _stranded_prep(doc, place, anchor)
        if stranded is not None:
            # "staged a protest in Bathinda demanding ...", parsed as if Bathinda were demanding: the
            # preposition before the name places it
            elsewhere = _other_clause(doc, event, stranded)
            rank = _rank_of(place)
            distance = tree_distance(head, stranded) + 1 + (COUNTRY_PENALTY if rank == 3 else 0)
            if elsewhere < 2:
                candidates.append(((elsewhere, distance, rank), place, root, anchor))
            elif elsewhere == COMMENT_CLAUSE:
                rejected.append((place, "comment"))
                if _comment_town(place):
                    fallback.append(((COMMENT_LEVEL, distance, rank), place, root, anchor))
            else:
                rejected.append((place, "said"))
            continue
        if place.entry.kind != "country" and _home_of_subject(doc, event, anchor) and not _is_reference(root):
            # "Accra residents protested", "people of Lafto district protested": where they live,
            # when the sentence says nothing else
            if anchor.dep_ == "pobj" and anchor.head.lower_ == "in" and anchor.head.head.dep_ in ("nsubj", "nsubjpass"):
                # "police in Mazatlan shot ...": where the doers are, told in the event's own clause,
                # beats a place of another clause ("... and agents captured his brother in Puebla")
                distance = tree_distance(head, anchor) + SUBJECT_PENALTY
                candidates.append(((0, distance, _rank_of(place)), place, root, anchor))
                doers_in.append(candidates[-1])
                continue
            fallback.append(_last_resort(HOME_LEVEL, head, place, root, anchor))
            continue
        acted_on = _object_place(anchor, root) or (head.dep_ in ("acl", "relcl") and head.head.i == anchor.i)
        own_object = anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.i in (event.head, event.clause_head)
        names_a_place = anchor.i != root.i and anchor.lemma_.lower() in SETTLEMENT_WORDS
        if root.i in event.actor_tokens and not (own_object and (event.type == "CONSULT" or acted_on)) \
                and not _locative_here(doc, event, anchor) and not names_a_place:
            rejected.append((place, "participant"))
            if _building_of(place, root, anchor):
                modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, anchor))
            elif _local_modifier(place, anchor):
                modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, anchor))
            continue  # the place names a participant ("Russia and Jordan agreed"), not where
        if anchor.dep_ in ("poss", "compound", "amod", "npadvmod", "nmod") and anchor.head.i != anchor.i \
                and anchor.head.pos_ in ("NOUN", "PROPN") and anchor.head.ent_type_ not in ("GPE", "LOC") \
                and not (anchor.dep_ == "compound" and anchor.head.pos_ == "PROPN"
                         and anchor.head.ent_type_ in ("", "PERSON", "FAC")) \
                and not _placed_modifier(anchor, head, place):
            rejected.append((place, "actor"))
            # not the body a participant's office is in ("X, president of Y's assembly, denounced")
            if _local_modifier(place, anchor) and not _describes_participant(anchor, event):
                modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, anchor))
            continue  # "Russia's campaign", "Moscow air strikes": an actor, not a place
        if anchor.dep_ in ("nsubj", "dobj", "nsubjpass") and not acted_on \
                and not (own_object and event.type == "CONSULT" and anchor.dep_ == "dobj"):
            rejected.append((place, "participant"))
            if anchor.i == root.i:
                phrase_out[root.i] = "participant"  # "leading Norway and Denmark to freeze their loans"
            elif _building_of(place, root, anchor):
                modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, anchor))
            if _local_modifier(place, anchor):
                modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, anchor))
            continue  # "Russia bombed ...", "accused Iran": a participant
        if _war_toll(anchor, head, place):
            rejected.append((place, "war"))
            continue  # "the war in X has killed 100,000": a whole war's toll, no incident's place
        if _inside_subject(anchor, head):
            rejected.append((place, "subject"))
            if _local_modifier(place, anchor):
                modifiers.append(_last_resort(MODIFIER_LEVEL, head, place, root, anchor))
            continue
        if _describes_participant(anchor, event):
            rejected.append((place, "description"))
            continue
        prep = _governing_prep(anchor)
        reference = _is_reference(root) or (anchor.i != root.i and _is_reference(anchor)) \
            or _landmark_after(doc, places, place, prep)  # "south of Bab city", "in Amerli, near Tuz"
        if prep is not None and prep.lower_ in NOT_LOCATION_PREPS and not reference and not _removed_from(prep) \
                and not _done_from(prep, event) \
                and not (prep.lower_ == "outside" and (anchor.i != root.i or place.entry.kind == "city")):
            rejected.append((place, "not-location-prep"))
            phrase_out[root.i] = "not-location-prep"
            continue  # "fled from Aleppo", "outside Syria"; but "outside a Lahore court", "just outside Herat"
        if prep is not None and prep.dep_ == "agent" and anchor.head.i == prep.i:
            rejected.append((place, "agent"))
            phrase_out[root.i] = "agent"
            continue  # "captured and annexed by Israel": who did it, not where
        if anchor.dep_ == "appos" and anchor.head.lemma_ == "capital" and anchor.head.head.lower_ in NOT_LOCATION_PREPS:
            rejected.append((place, "from-capital"))
            continue  # "reporting from the Jordanian capital Amman"
        if _protest_topic(event, head, anchor):
            rejected.append((place, "topic"))
            phrase_out[root.i] = "topic"
            continue  # "protested against the air offensive in Gaza": where what they protest is
        if _time_frame(anchor, head):
            rejected.append((place, "time"))
            continue  # "killed since the start of the war in Syria": where the war is that dates the toll
        elsewhere = _other_clause(doc, event, anchor)
        if elsewhere == 2:
            rejected.append((place, "said"))
            continue  # "officials said that ... in Homs": told of something else
        if elsewhere == COMMENT_CLAUSE:
            rejected.append((place, "comment"))
            if _comment_town(place):
                fallback.append(_last_resort(COMMENT_LEVEL, head, place, root, anchor))
            continue  # "..., raising fears of a siege in Goma": a last resort
        if elsewhere and _kept_after(anchor, head):
            rejected.append((place, "custody"))
            continue  # "seized in 2019 and thought to be kept at a camp in X": where the captive is kept
        if elsewhere and ((prep is not None and prep.lower_ in _DESTINATION_PREPS
                           and prep.head.lower_ not in ("close", "next", "adjacent")) or _bound_for(anchor, head)) \
                and not (_on_the_way(head, anchor) and _rank_of(place) < 2) \
                and not (prep is not None and prep.lower_ in _ENTERING_PREPS and prep.head.i != head.i
                         and prep.head == _outcome_of(head) and (_rank_of(place) < 3 or anchor.i == root.i)):
            # "drove a car into a cafe in X, killing ten": the outcome happened where the motion ended inside
            # (not "advanced toward X, killing ...", which may never have got there; not a country naming
            # whose the place is: "broke into a U.S. base in Y, killing ...")
            rejected.append((place, "destination"))
            continue  # "... and was taken to Guantanamo", "deported to a camp at Dachau": where they went
        rank = _rank_of(place)
        distance = tree_distance(head, anchor) + (COUNTRY_PENALTY if rank == 3 else 0)
        if reference or _road_end(doc, place):
            distance += REFERENCE_PENALTY
        if reference and _far_off(root if _is_reference(root) else anchor):
            # "at a crossroads near Tikrit, about 170 km north of Baghdad", with the crossroads
            # parsed into another clause: a landmark a distance is counted from is not where it
            # happened, and does not win on its clause (a bare bearing, "just north of Al-Bab", is near)
            elsewhere = max(elsewhere, 1)
        if _in_subject_phrase(anchor, head):
            distance += SUBJECT_PENALTY
        if prep is not None and prep.lower_ == "from":
            # "kidnapped four crewmen from Ghana off the coast of Benin": "from" may tell where the
            # captives come from; a locative, where it happened
            distance += FROM_PENALTY
        candidates.append(((elsewhere, distance, rank), place, root, anchor))
        if _grievance_area(event, head, anchor, place):
            grieved.append(candidates[-1])
    # "sat in outside a shrine in Lahore to protest against corruption in Punjab": a province or country
    # inside what is protested against gives way to a town in it the sentence names as a place
    for wide in grieved:
        if any(c is not wide and c not in grieved and _within(c[1], wide[1]) and c[1].descriptor not in _GUESSED
               and not _measures(c) for c in candidates):
            candidates.remove(wide)
            rejected.append((wide[1], "topic"))
    # "a ranch north of Laredo, Texas": the province after a town in it only says where the town lies,
    # where the town itself may be where it happened
    chosen = {id(c[1]) for c in candidates}
    for candidate in [c for c in candidates if province_after.get(id(c[1])) is not None
                      and id(province_after[id(c[1])]) in chosen]:
        candidates.remove(candidate)
        rejected.append((candidate[1], "container"))
    for doers in doers_in:
        if any(_within(home[1], doers[1]) for home in fallback):
            # "villagers of Elmsbury in Free State rallied": the province only says where
            # their town is, which is as much a last resort as the town
            candidates.remove(doers)
            fallback.append(((HOME_LEVEL, *doers[0][1:]), *doers[1:]))
    return candidates, fallback + modifiers, rejected


def _last_resort(level: int, head: Token, place: PlaceMention, root: Token, anchor: Token) -> tuple:
    """A candidate for a sentence that names no place of the event itself, at one of the last-resort
    levels (HOME_LEVEL, MODIFIER_LEVEL, COMMENT_LEVEL), in candidates_for's form."""
    return (level, tree_distance(head, anchor), _rank_of(place)), place, root, anchor


def _names_an_event(doc: Doc, place: PlaceMention) -> bool:
    """Is the mention the name of a games, an operation or a dated war ("the Atlanta games", "Operation
    Desert Storm", "the 1967 Middle East war"), taken whole for a place? It says when, not where; a war
    named by its country alone ("the Afghanistan war") still says where. Not a name that only
    modifies a building ("at the Lagos Games secretariat building"): that building is in the town."""
    span = doc[place.start:place.end]
    if len(span) < 2 or _names_a_building(span.root):
        return False
    last = {span[-1].lower_, span[-1].lemma_.lower()}
    if last & location_words()["event_name_words"] or span[0].lower_ == "operation":
        return True
    return bool(last & location_words()["war_name_words"]) and any(t.like_num for t in [*span, *span[-1].lefts])


def _building_of(place: PlaceMention, root: Token, anchor: Token) -> bool:
    """Is the toponym a town naming a building or a site that takes part in the event ("the Quetta fuel
    depot exploded", "a Kabul cinema burned down")? The building is in that town, where it happened when
    the sentence names no other place. Only a building or a site: "a Lagos bank manager", "a Texas man"
    are people, who may be anywhere."""
    return anchor.i != root.i and place.entry.kind not in ("country", "region") \
        and place.entry.precision != "country" and _place_noun(anchor) \
        and anchor.dep_ not in ("compound", "amod", "poss", "nmod") and _modifies(root, anchor)


def _names_a_building(token: Token) -> bool:
    """Does `token` modify, through nothing but other modifiers, a noun naming a building or a site
    ("Games" in "the Lagos Games secretariat building")?"""
    noun = token
    while noun.dep_ in ("compound", "amod", "poss", "nmod") and noun.head.i != noun.i \
            and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun.i != token.i and _place_noun(noun)


def _modifies(token: Token, noun: Token) -> bool:
    """Is `token` a modifier of `noun`, through nothing but other modifiers ("Quetta" of "the Quetta fuel
    depot")?"""
    while token.i != noun.i:
        if token.dep_ not in ("compound", "amod", "poss", "nmod") or token.head.i == token.i:
            return False
        token = token.head
    return True


def _first_conjunct(token: Token) -> Token:
    """The first item of the list `token` is in ("France" for "Italy" in "from France, Spain and Italy")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def places_between(doc: Doc, places: list[PlaceMention], start: int, end: int) -> list[PlaceMention]:
    """The places of `places` that begin in tokens start..end, in their order: from an index built
    once per list (each event asks for its sentence's, and scanning every place made long articles
    quadratic)."""
    cached = doc.user_data.get("sitrep_place_starts")
    if cached is None or cached[0] is not places or cached[1] != len(places):
        order = sorted(range(len(places)), key=lambda n: places[n].start)
        cached = (places, len(places), [places[n].start for n in order], order)
        doc.user_data["sitrep_place_starts"] = cached
    _, _, starts, order = cached
    found = order[bisect_left(starts, start):bisect_left(starts, end)]
    return [places[n] for n in sorted(found)]


def _local_body_name(doc: Doc, place: PlaceMention, root: Token) -> bool:
    """A town or province inside the name of a local body or a building ("the Puducherry Government",
    "the Corporation of Chennai", "the Benghazi Medical Centre"): where that body sits."""
    if place.entry.kind == "country" or place.entry.precision == "country" or place.descriptor == "demonym":
        return False
    ent = entity_around(doc, root.i)
    if ent is None:
        return False
    name = _name_root(ent)
    if name.i in range(place.start, place.end):
        return False
    bodies = location_words()["local_body_nouns"]
    return name.lemma_.lower() in bodies or name.lower_ in bodies or _place_noun(name) \
        or (name.dep_ == "compound" and _place_noun(name.head))  # "the Peshawar Press club"


def _name_root(ent: Span) -> Token:
    """The word a name hangs on, not a "the" the model put in it whose noun lies outside ("Olympics" in
    "the Kabul Olympics" of "the Kabul Olympics office")."""
    heads = [t for t in ent if not ent.start <= t.head.i < ent.end and t.dep_ not in ("det", "punct")]
    return heads[-1] if heads else ent.root


def _placed_building(doc: Doc, place: PlaceMention, root: Token) -> Optional[Token]:
    """The head of a building's or a body's name that holds a town and that a locative preposition
    governs ("outside the Quetta Press Club", "in front of Kandy Railway Station"): the event was
    there, in that town. Not a country ("at the Kenyan High Commission")."""
    if not _local_body_name(doc, place, root):
        return None
    name = _name_root(entity_around(doc, root.i))
    if name.dep_ == "compound" and _place_noun(name.head):
        name = name.head  # "at the Kabul Olympics office": the office the name is written on
    return name if _governing_prep(name) is not None and _governing_prep(name).lower_ in _PLACING_PREPS | {"outside"} \
        and name.dep_ == "pobj" else None


def _local_modifier(place: PlaceMention, anchor: Token) -> bool:
    """A town or province that names a local body among the participants ("the Kinshasa police", "the
    Puducherry government", "Karur Bar Association", location_words.yaml), a town's own officer ("Kandy's
    mayor") or a place ("Tikrit backstreets"): where the event most likely happened when its sentence names no other place. Not a
    person's town ("the Moscow education chief"), nor a country ("the Kenyan police" act anywhere)."""
    if place.entry.kind == "country" or place.entry.precision == "country" or place.descriptor == "demonym" \
            or anchor.dep_ not in ("compound", "poss", "amod", "nmod", "appos"):
        return False
    bodies = location_words()["local_body_nouns"]
    if anchor.dep_ == "appos":  # "members of the Teachers Union, Jalandhar, staged a protest"
        return anchor.head.lemma_.lower() in bodies or anchor.head.lower_ in bodies
    # "the house of Kandy's mayor": a town's own officer (not a province's or a country's)
    town_office = anchor.head.lemma_.lower() in location_words()["town_office_nouns"] and place.entry.kind != "admin1" \
        and place.entry.precision not in ("admin1", "country")
    return anchor.head.lemma_.lower() in bodies or anchor.head.lower_ in bodies or _place_noun(anchor.head) or town_office


def event_location(doc: Doc, event, places: list[PlaceMention]) -> Optional[PlaceMention]:
    """Where one event happened: the toponym nearest its trigger in the parse, among those a
    locative preposition governs (or the object of a verb like "captured", "visited"), never a
    participant ("Russia and Jordan agreed"), an adjective ("Russian air strikes"), part of a name or
    the source's description ("a UK-based group"); a country right after a place only locates that
    place, and of two places where one locates the other, the inner one is taken."""
    if no_event_sense(doc[event.head]):
        return None
    candidates, fallback, _ = candidates_for(doc, event, places)
    if candidates or fallback:
        best = _choose(candidates or fallback, doc[event.head])
        if candidates and _is_country(best):
            # "residents of Quetta protested in Pakistan": the town the doers are from, inside the country
            # the sentence names, says better where
            # not "fighters from Kidal attacked a post in Mali": raiders travel, residents rally at home
            home = next((f[1] for f in sorted(fallback, key=lambda f: f[0]) if f[0][0] == HOME_LEVEL and _within(f[1], best)
                         and f[1].descriptor not in _GUESSED
                         and (event.type in _GATHERING_TYPES or _residents_of(f[3]))), None)
            if home is not None:
                return home
        return best
    return paragraph_place(doc, event, places) or dateline(doc, places)


def no_event_sense(verb: Token) -> bool:
    """Is the verb used in a sense that is no event, told by what it takes: a prize, a score or a mind
    won ("captured her second title", "captured three wickets"), or a showing by a thing ("the vote
    demonstrated the party's strength", "this was demonstrated when ...", "the raid demonstrated that
    ...")? Such a verb happened nowhere, whatever places its sentence names (location_words.yaml's
    prize_verbs, show_verbs). A crowd that demonstrates what it thinks of a thing, or a quote put
    before the verb ('"We want our land," farmers demonstrated'), still protests."""
    words = location_words()
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma in words["prize_verbs"]:
        return any((o.lemma_.lower() in words["prize_objects"] or o.lower_ in words["prize_objects"])
                   and (o.dep_ == "nsubjpass" or _right_after(verb, o)) for o in objects)
    if lemma in words["show_verbs"]:
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return True  # "the weakness of the truce was demonstrated again"
        if any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
            return True  # "the raid demonstrated that ...", "this demonstrates that ..."
        return not _crowd_subject(verb) and any(
            o.lemma_.lower() not in words["stance_objects"] and o.lower_ not in words["stance_objects"]
            and _right_after(verb, o) for o in objects)
    return False


def _crowd_subject(verb: Token) -> bool:
    """Is the verb's subject a crowd (people counted: "thousands", "about 400 nurses"; a kind of people
    in the plural: "farmers", "students"; "they", "we"), who demonstrate by gathering, rather than a
    state, a force or a thing that shows something ("Russia demonstrated its might")?"""
    actors = verb.doc._.actors or []
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        if subject.ent_type_ == "CARDINAL" or any(c.dep_ == "nummod" for c in subject.children) \
                or subject.lower_ in ("they", "we"):
            return True
        if subject.tag_ in ("NNS", "NNPS") and any(a.start <= subject.i < a.end and a.kind == "sector" for a in actors):
            return True
    return False


def _right_after(verb: Token, obj: Token) -> bool:
    """Does the object's phrase follow the verb at once (adverbs aside: "demonstrated clearly the
    strength of ...")? An object the parse hung on the verb from further on ("demonstrated in Minsk to
    mark the day of the disaster, the worst accident") is a misparse of another phrase."""
    return verb.i < obj.left_edge.i and all(t.pos_ in ("ADV", "PART") for t in verb.doc[verb.i + 1:obj.left_edge.i])


# event types done where their doers live, more often than not: a protest or a rally
_GATHERING_TYPES = frozenset({"PROTEST"})


def _residents_of(anchor: Token) -> bool:
    """Does the toponym name where its people live ("residents of Quetta", "Quetta villagers"), by a
    noun of location_words.yaml's residence_nouns, not merely where they come from ("fighters from X")?"""
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head  # "residents of Hansi and Hisar"
    if anchor.dep_ in ("compound", "poss"):
        noun = anchor.head
    elif anchor.dep_ == "pobj" and anchor.head.lower_ in ("of", "in"):
        noun = anchor.head.head
    else:
        return False
    residence = location_words()["residence_nouns"]
    return noun.lemma_.lower() in residence or noun.lower_ in residence


def _comment_town(place: PlaceMention) -> bool:
    """May a place a comment names be where the event was, for a sentence that names no other? A town or
    district ("..., sparking clashes across Kampala"); not a province, region or country, of which a
    comment speaks in general ("highlighting the army's weakness across the Rift Valley")."""
    return _rank_of(place) < 2 and place.entry.kind not in ("country", "region", "admin1")


def _is_country(place: PlaceMention) -> bool:
    """Is the place a whole country (not a town or province in it, nor a name put at the country)?"""
    return place.entry.kind == "country" and place.descriptor not in _GUESSED and place.stands_for is None


def _measures(candidate: tuple) -> bool:
    """Is the candidate a landmark a distance is measured from ("740 km north of the capital, Bogota")?"""
    return _is_reference(candidate[2]) or _is_reference(candidate[3])


def _written_at(name: tuple, place: tuple) -> PlaceMention:
    """The place the text puts a name in that the gazetteer lacks or put elsewhere ("the PK5 district
    of Bangui", "Karimabad, Karachi"): the record names that place, which stands for the name."""
    return replace(place[1], stands_for=name[2].i)


def _rank_of(place: PlaceMention) -> int:
    """The place's precision rank: 0 a town or a point, 1 a district, 2 a province, 3 a country or wider."""
    return _RANK.get(place.entry.precision, 3)


def _outcome_of(head: Token) -> Optional[Token]:
    """The verb whose outcome a bare participle after it tells ("launched an offensive in X, targeting
    ...", "drove a car into a cafe, killing ..."); None where the trigger is no such participle (one with
    a mark or a subject of its own tells another act: "after killing", "while patrolling")."""
    if head.tag_ != "VBG" or head.dep_ != "advcl" or head.head.i == head.i or head.head.i > head.i \
            or any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in head.children):
        return None
    return head.head


def _narrowing(head: Token, anchor: Token) -> bool:
    """Is the trigger a bare participle after the clause it hangs on ("launched an offensive in X,
    targeting ...", "struck X, killing ..."), and the toponym in that clause before it?"""
    verb = _outcome_of(head)
    return verb is not None and anchor.i < head.i and verb in anchor.ancestors and head not in anchor.ancestors


def _fronted(anchor: Token, head: Token) -> bool:
    """Is the toponym in a phrase put before the clause of `head` ("In the Homs countryside, jets
    struck ...")? Its preposition hangs on the head and comes before the head's subject."""
    prep = _governing_prep(anchor)
    if prep is None or prep.head.i != head.i or prep.i > head.i:
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i > prep.i for c in head.children)


def _choose(candidates: list, head: Optional[Token] = None) -> PlaceMention:
    """The best of an event's candidate places: the nearest in its own clause, then the inner of two
    places where one locates the other, a town rather than the country or province it lies in."""
    candidates.sort(key=lambda c: c[0])
    best = candidates[0]
    # "in Mogadishu's Yaqshid district", "Olangur in Villupuram district": the inner place
    for other in candidates[1:]:
        if other[0][0] == best[0][0] and _locates(best[2], other[3], other[2]) \
                and not _measures(other) and _finer(other[1], best[1]):
            best = other
    # "close to Dhoobley hamlet (Jowhar, Middle Shabelle)", whatever the parse made of the brackets: the
    # place before them, which the bracketed one locates
    bracketed = _bracketed_after(best, candidates)
    if bracketed is not None:
        best = bracketed
    # "Oakland's Fruitvale district" with the district resolved to a namesake in another state: the
    # city stands for its part
    if best[1].descriptor not in _GUESSED and best[1].entry.kind not in ("country", "region") and not _measures(best):
        part = next((c for c in candidates[1:] if c[0][0] == best[0][0] and c[1].descriptor not in _GUESSED
                     and c[1].entry.kind not in ("country", "region", "admin1")
                     and c[1].entry.precision in ("point", "city", "admin2")
                     and _locates(best[2], c[3], c[2]) and c[1].start <= c[3].i <= c[1].end and not _measures(c)
                     and _namesake_outside(c[1], best[1], best[2].doc._.focus or [])), None)
        if part is not None:
            return _written_at(part, best)
    # "rioted in Karimabad, Karachi" with Karimabad resolved to a namesake 1,400 km away: the place
    # the text puts it in is trusted over a name the gazetteer put elsewhere, and places that name
    for other in candidates:
        if other is not best and other[0][0] == best[0][0] and other[2].i != best[3].i and other[1].descriptor not in _GUESSED \
                and (best[2].dep_ != "poss" or best[1].entry.kind in ("country", "region", "admin1")) \
                and best[1].descriptor not in _GUESSED and _contains(other[2], best[3], best[2]) \
                and not _measures(other) and _namesake_outside(best[1], other[1], best[2].doc._.focus or []):
            if best[1].entry.kind in ("country", "region", "admin1") or best[1].entry.precision in ("country", "admin1"):
                return other[1]  # "the capital of Mali, Bamako", "Puntland's Garowe": the city, as written
            return _written_at(best, other)
    # "at the Dhagax Weyn roadblock in Jowhar town": a name the gazetteer lacks, guessed elsewhere
    # than the place the text puts it in, is located by that place
    if best[1].descriptor in _GUESSED:
        outer = next((c for c in candidates if c is not best and c[0][0] == best[0][0]
                      and c[3].dep_ == "pobj" and c[3].head.lower_ == "in" and c[3].head.head.i in (best[2].i, best[3].i)
                      # the name of the noun "in" takes, not a place further out that locates that noun in
                      # turn ("Odisha" in "at X village in Koraput district of Odisha")
                      and (c[2].i == c[3].i or c[2].head.i == c[3].i)
                      and c[1].entry != best[1].entry and c[1].descriptor not in _GUESSED), None)
        if outer is not None:
            return _written_at(best, outer)
    # "in several towns of Punjab, such as Lahore and Multan": one of several examples is no more where
    # it happened than the others; the province they are given in is
    if _examples_given(best[3]) >= 2:
        container = next((c for c in candidates if c is not best and c[0][0] == best[0][0]
                          and c[1].descriptor not in _GUESSED and _within(best[1], c[1]) and not _measures(c)), None)
        if container is not None:
            best = container
    # "killed in attacks across Iraq ... near the southern city of Basra", "touring the capital of
    # Burkina Faso, Ouagadougou", "in Ramadi, in the western province of Anbar" (both in a clause hung on
    # the event's), "seized towns in Sindh, including Dadu": the place inside the country or province
    if best[1].entry.kind in ("country", "admin1") and best[1].descriptor not in _GUESSED \
            and (not _object_place(best[3], best[2]) or best[3].lemma_.lower() in SETTLEMENT_WORDS):
        inside = [c for c in candidates if (c[0][0] in (0, best[0][0])
                                            or (c[0][0] == 1 and head is not None and _told_below(head, c[3])))
                  and _within(c[1], best[1]) and not _measures(c) and _examples_given(c[3]) < 2]
        if inside:
            best = inside[0]
    # "launched an offensive in the countryside of X, targeting the village of Y": a participle narrows
    # the area its clause's verb was done in to a finer place it names, near it on the map
    if head is not None and _narrowing(head, best[3]):
        # a name the gazetteer lacks, written as a place and put at or inside that area, as well
        later = next((c for c in candidates if c is not best and c[0][0] == best[0][0] and c[3].i > head.i
                      and not _measures(c) and best[1].descriptor not in _GUESSED
                      and ((c[1].descriptor not in _GUESSED and c[1].entry != best[1].entry and _finer(c[1], best[1]))
                           or (c[1].descriptor in _GUESSED and _named_as_place(c[3], c[2])
                               and (c[1].entry.geonames_id == best[1].entry.geonames_id or _within(c[1], best[1]))))),
                     None)
        if later is not None:
            best = later
    # "In the Idlib countryside, the troops raided gunmen hiding inside the hamlet of Tal Hadya": a frame
    # put before the clause gives way to a finer place in it, near it on the map
    if head is not None and _fronted(best[3], head):
        later = next((c for c in candidates if c is not best and c[3].i > head.i and not _measures(c)
                      and c[1].descriptor not in _GUESSED and c[1].entry != best[1].entry
                      and ((c[0][0] == best[0][0] and _finer(c[1], best[1]))
                           # "In Nangarhar province, a policeman was ambushed and killed close to Jalalabad",
                           # "In Baghdad, ... when a bomb went off in Baghdad's district of Sadr City": a town the
                           # gazetteer puts inside the frame or near it and smaller, told in a clause joined to
                           # the event's (not the frame named again)
                           or (c[0][0] == best[0][0] + 1 and (_within(c[1], best[1]) or _finer(c[1], best[1]))
                               and _same_happening(head, c[3])))), None)
        if later is not None:
            best = later
        else:
            # "In the province of Latakia, rebels shelled the settlement of Mortlu": a name the
            # gazetteer lacks, written as a place in the clause, is placed at the frame, which stands for it
            unknown = next((c for c in candidates if c is not best and c[0][0] == best[0][0] and c[3].i > head.i
                            and c[1].descriptor in _GUESSED and _named_as_place(c[3], c[2])
                            and not _measures(c) and c[1].entry.country == best[1].entry.country
                            and best[1].entry.kind not in ("country", "region")), None)
            if unknown is not None:
                return _written_at(unknown, best)
    # "the town of Kabani in the countryside of the Latakia Governorate": a name the gazetteer lacks,
    # that the chosen place locates, is what that place stands for (not an adjective
    # the places stage guessed at: "the Northern Irish town of Omagh")
    if best[1].stands_for is None and best[1].descriptor not in _GUESSED and not _measures(best):
        inner = next((c for c in candidates if c is not best and c[1].descriptor in _GUESSED
                      and c[0][0] == best[0][0] and _locates(best[2], c[3], c[2])
                      and c[2].pos_ != "ADJ" and c[2].dep_ != "amod"), None)
        if inner is not None:
            return _written_at(inner, best)
        # "an attack on Buwa village in Ibi area of Taraba State", with the parse hanging the
        # province elsewhere: a name the gazetteer lacks, just before a place in its country
        inner = next((c for c in candidates if c is not best and c[1].descriptor in _GUESSED
                      and c[0][0] == best[0][0] and _just_before(c[2], best[2].doc[best[1].start])
                      and c[1].entry.country == best[1].entry.country
                      and _rank_of(c[1]) > _rank_of(best[1])
                      and _named_as_place(c[3], c[2])), None)
        if inner is not None:
            return _written_at(inner, best)
    return best[1]


def _bracketed_after(best: tuple, candidates: list) -> Optional[tuple]:
    """The candidate written right before the bracket that opens with `best` ("Dhoobley hamlet" before
    "(Jowhar, Middle Shabelle)"), of the same clause and not a landmark measured from; None if none."""
    doc = best[2].doc
    start = best[1].start
    if start < 2 or doc[start - 1].text != "(":
        return None
    before = doc[start - 2]
    return next((c for c in candidates if c is not best and c[0][0] == best[0][0] and not _measures(c)
                 and c[1].entry.country == best[1].entry.country
                 and not _namesake_outside(c[1], best[1], doc._.focus or [])
                 and (c[1].end - 1 == before.i or (c[3].i == before.i and c[3].i != c[2].i)
                      or (c[1].end == before.i and _place_noun(before)))), None)


def _told_below(head: Token, anchor: Token) -> bool:
    """Does the toponym hang below the event's verb through nothing but a participle on what it acted on
    or an "including" ("shot an officer walking near his home in Mosul", "killed in attacks across Iraq,
    including two in a village near Basra")? It tells the event's place in detail, not another act's."""
    climbed, descended = _path(head, anchor)
    if climbed:
        return False
    return all(t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() == "include"
               or (t.dep_ == "acl" and t.tag_ in ("VBG", "VBN")) for t in descended)


_EXAMPLE_PREPS = frozenset({"including", "like"})  # and "such as"


def _examples_given(anchor: Token) -> int:
    """How many examples the toponym is one of ("towns of Punjab, such as Lahore and Multan": 2; "including
    Dadu": 1; "including the towns of X and Y": 2), 0 where it is given as no example. A single example
    may be where it happened; of several, none more than the others."""
    first = _anchor(_first_conjunct(anchor))  # "Larkana" of "including the towns of Dadu and Larkana"
    prep = first.head if first.dep_ == "pobj" else None
    if prep is None or not (prep.lower_ in _EXAMPLE_PREPS
                            or (prep.lower_ == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")):
        return 0
    if first.tag_ in ("NNS", "NNPS") and _place_noun(first):
        return 2  # "such as the towns of X and Y" anchored at "towns"
    return 1 + len(first.conjuncts)


_TELLING_MARKS = frozenset({"when", "as"})  # "wounded when a bomb went off in X": the same happening told


def _same_happening(head: Token, anchor: Token) -> bool:
    """Does the toponym hang in a clause that tells the event's own happening: a verb joined to the
    event's ("ambushed and killed close to X"), a "when" or "as" clause ("wounded when a bomb went off in
    X"), a participle ("exploded, killing three in X", "patrolled the dikes built along X")? Not another
    event told beside it to date it or set it apart ("days after a bomb went off in X", "while another
    patrol came under fire in X"), nor a clause said of a participant ("a commander who led raids near X")."""
    climbed, descended = _path(head, anchor)
    token = head
    for above in climbed:
        if token.dep_ != "conj":
            return False
        token = above
    for token in descended:
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if token.dep_ == "conj" or (token.dep_ in ("advcl", "xcomp") and token.tag_ == "VBG"
                                    and not any(c.dep_ == "mark" for c in token.children)):
            continue
        if token.dep_ == "acl" and token.tag_ in ("VBG", "VBN"):
            continue  # "patrolling the dikes built along the X": a participle on what it acted on
        if token.dep_ in ("xcomp", "advcl", "acl") and token.tag_ == "VB" \
                and token.lemma_.lower() in location_words()["taking_goal_verbs"] \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            continue  # "launched an offensive to recapture the village of X": the ground it was fought for
        if token.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in _TELLING_MARKS
                                         for c in token.children):
            continue
        return False
    return True


def _named_as_place(anchor: Token, root: Token) -> bool:
    """Is the name written as a place ("Buwa village", "in Buwa"), not a people or a thing ("the
    minority Uyghurs in Xinjiang")?"""
    if anchor.i != root.i:
        return _place_noun(anchor) or anchor.lemma_.lower() in SETTLEMENT_WORDS
    return anchor.dep_ == "pobj" and anchor.head.lower_ in _PLACING_PREPS


GUESSED_REACH = 10  # tokens from a name the gazetteer lacks to the place it is read to lie in


def _just_before(name: Token, place: Token) -> bool:
    """Does `name` come a few words before `place` with no verb or clause break between ("Buwa village
    in Ibi area of Taraba State")?"""
    if not 0 < place.i - name.i <= GUESSED_REACH:
        return False
    return not any(t.pos_ in ("VERB", "AUX") or t.text in (";", ":") or t.lower_ in ("and", "or", "but")
                   for t in name.doc[name.i + 1:place.i])


@dataclass
class _SentenceEvent:
    """What `candidates_for` reads of an event, for a sentence's main verb."""

    head: int
    sentence: tuple[int, int]
    type: str
    trigger: tuple[int, int] = (0, 0)
    actor_tokens: frozenset = frozenset()
    reporter_tokens: frozenset = frozenset()

    @property
    def clause_head(self) -> int:
        return self.head


PARAGRAPH_REACH = 2  # sentences before (then after) an event's own that may tell where it happened


def paragraph_place(doc: Doc, event, places: list[PlaceMention]) -> Optional[PlaceMention]:
    """Where an event happened whose own sentence names no place: where the main verb of a sentence
    next to it in the same paragraph happened, the nearest before it first, then after it ("A grenade
    hit a minibus. The minibus was driving through Bakaara Market in Mogadishu at the time."). A place
    only in another clause or the subject's home does not count."""
    sentences, here = _paragraph_sentences(doc, event.sentence)
    if here is None:
        return None
    before = sentences[max(0, here - PARAGRAPH_REACH):here][::-1]
    after = sentences[here + 1:here + 1 + PARAGRAPH_REACH]
    cached = doc.user_data.get("sitrep_neighbour_places")
    if cached is None or cached[0] is not places or cached[1] != len(places):
        cached = doc.user_data["sitrep_neighbour_places"] = (places, len(places), {})
    memo = cached[2]
    for start, end in [*before, *after]:
        key = (start, end, event.type)
        if key not in memo:
            memo[key] = _main_verb_place(doc, places, start, end, event.type)
        if memo[key] is not None:
            return memo[key]
    # "Lawyers of the Multan bar went on strike. They accused the police of ...": an event told
    # with no place of its own, soon after a paragraph's opening sentence, happened in the town or
    # province that sentence gives a place to in any clause (not a country: "Russia said ..." places
    # nothing)
    if 0 < here <= PARAGRAPH_REACH:
        start, end = sentences[0]
        key = (start, end, event.type, "any")
        if key not in memo:
            memo[key] = _main_verb_place(doc, places, start, end, event.type, any_clause=True)
        if memo[key] is not None:
            return memo[key]
    return None


def _main_verb_place(doc: Doc, places: list[PlaceMention], start: int, end: int, type_: str,
                     any_clause: bool = False) -> Optional[PlaceMention]:
    """Where the main verb of the sentence start..end happened, in its own clause; None if nowhere.
    With `any_clause`, any town or province the sentence gives a place to: in another clause, or
    where its subject is from or a local body sits."""
    if not places_between(doc, places, start, end):
        return None
    root = doc[start:end].root
    neighbour = _SentenceEvent(head=root.i, sentence=(start, end), type=type_, trigger=(root.i, root.i + 1))
    candidates, fallback, _ = candidates_for(doc, neighbour, places)
    if any_clause:
        candidates = [c for c in candidates + fallback
                      if _rank_of(c[1]) < 3 and c[1].entry.kind != "region"]
    else:
        candidates = [c for c in candidates if c[0][0] == 0]
    return _choose(candidates) if candidates else None


def _paragraph_sentences(doc: Doc, sentence: tuple[int, int]) -> tuple[list[tuple[int, int]], Optional[int]]:
    """The sentences of the paragraph that holds `sentence` (a line break ends a paragraph), and the
    place of `sentence` among them (None when no sentence starts where it does); the paragraphs are
    found once per Doc."""
    paragraphs = doc.user_data.get("sitrep_paragraphs")
    if paragraphs is None:
        paragraphs = {}
        out: list[tuple[int, int]] = []
        for sent in doc.sents:
            if _breaks_line(doc, sent.start):
                out = []
            out.append((sent.start, sent.end))
            paragraphs[sent.start] = (out, len(out) - 1)
        doc.user_data["sitrep_paragraphs"] = paragraphs
    return paragraphs.get(sentence[0], ([], None))


def _breaks_line(doc: Doc, start: int) -> bool:
    """Does a line break come right before token `start`?"""
    if start == 0:
        return True
    before = doc[start - 1]
    return "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)


_GUESSED = ("within", "nearby")  # names the gazetteer lacks, put in the place around them


NAMESAKE_KM = 150  # a place this far from the town the text puts it in is a namesake (districts can be wide)


def _contains(outer: Token, inner_anchor: Token, inner_root: Token) -> bool:
    """Does the text put the place at `inner_root` inside the one at `outer` ("Karimabad, Karachi",
    "Pataria village in Baniachang upazila", "Kobon village (Jamaame, Lower Juba)")? Not two items of
    a list ("in Zanzibar and Pemba", "in Assiut, Alexandria and Suez")."""
    if any(c.dep_ == "conj" for c in (*outer.children, *inner_root.children, *inner_anchor.children)):
        return False
    for token in [outer, *outer.ancestors]:
        if token.i in (inner_root.i, inner_anchor.i):
            return True
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "conj":
            return False
    return False


def _namesake_outside(inner: PlaceMention, outer: PlaceMention, focus: list) -> bool:
    """Has the gazetteer put `inner` far outside the town or province the text says it lies in, so
    that `inner` is a namesake? Where the two lie in different countries, the one in a country the
    article is about is trusted."""
    a, b = inner.entry, outer.entry
    if b.kind in ("country", "region") or b.precision == "country" or a is b:
        return False
    if a.country != b.country:
        return b.country in focus and a.country not in focus
    if distance_km(a.lat, a.lon, b.lat, b.lon) <= NAMESAKE_KM:
        return False
    return b.kind != "admin1" or not _within(inner, outer)


def _within(inner: PlaceMention, outer: PlaceMention) -> bool:
    """Does the gazetteer put `inner` inside `outer` (a town in the country or province named)?"""
    a, b = inner.entry, outer.entry
    if a.kind in ("country", "region") or a.precision == "country" or a is b or a.country != b.country:
        return False
    if b.kind == "country":
        return True
    return b.kind == "admin1" and a.kind != "admin1" and bool(a.admin1) and a.admin1 == b.admin1


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
