"""Events: triggers from the lexicon, participants from the parse, then status, date, place, toll and
source from the trigger's clause.

A trigger is a word or phrase of `kb/data/triggers.yaml` ("air strike", "meet", "fund"). Its
participants come from syntax, not proximity: the subject or the "by" agent acts, the object or the
"with"/"against" phrase is acted on; a noun trigger takes its actor from its possessor or modifiers
("Russia's campaign", "Russian air strikes") or from the verb it is the object of ("held talks",
"launched a bombing campaign"); an infinitive inherits the subject of the verb it completes ("Russia
and Jordan agreed to coordinate"). Two triggers of one assault ("killed by Russian air strikes") are
one event.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..cache import load_yaml
from ..kb import load_kb
from ..kb.lexicon import Trigger, acled_for, load_hazards, load_codebook, load_triggers, mode_for, mode_phrases, resolve, sector_in
from ..records import PLOVER_TYPES, Actor
from ..kb.actors import country_on
from .actors import SPEECH_LEMMAS, actor_for, home_country, phrase_tokens, phrase_words, published_iso
from .event_location import event_location, no_event_sense
from .places import PlaceMention
from .quotes import attribution
from .time import DateMention, event_date
from .tolls import attach_tolls

EVENT_WORDS_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "event_words.yaml"


def event_words() -> dict[str, frozenset[str]]:
    """The English word lists of kb/data/event_words.yaml, by section: knowledge kept as data, not code."""
    return {section: frozenset(str(w).lower() for w in words)
            for section, words in load_yaml(EVENT_WORDS_FILE).items()}


EVENT_WORDS = event_words()
LIGHT_VERBS = EVENT_WORDS["light_verbs"]
OUT_LIGHT_VERBS = EVENT_WORDS["out_light_verbs"]  # "took out a procession": light with "out" only
TAKEN_OUT_NOUNS = EVENT_WORDS["taken_out_nouns"]  # "took out a procession": a protest only so
CEREMONY_WORDS = EVENT_WORDS["ceremony_words"]  # "a funeral procession": no protest
MARCH_VERBS = EVENT_WORDS["march_verbs"]  # "led a procession", "joined a procession"
VOW_VERBS = EVENT_WORDS["vow_verbs"]  # "swore to ...": a threat only with a verb of force after it
VOW_FORCE_VERBS = EVENT_WORDS["vow_force_verbs"]
VOW_KEEP_VERBS = EVENT_WORDS["vow_keep_verbs"]  # "vowed to keep fighting"
VOW_NONFORCE_OBJECTS = EVENT_WORDS["vow_nonforce_objects"]  # "vowed to fight corruption": no threat
OBJECT_ONLY_VERBS = EVENT_WORDS["object_only_verbs"]  # an event only with an object: "pressured the council"
COLLECTIVE_NOUNS = EVENT_WORDS["collective_nouns"]  # singular nouns that name a group of people
# passives whose subject does what the noun under their "in" names: "the militia was engaged in
# looting", "troops involved in the fighting" (not "catch": "civilians caught in the shelling"
# suffered it)
ENGAGED_VERBS = EVENT_WORDS["engaged_verbs"]
TEMPORAL_PREPS = EVENT_WORDS["temporal_preps"]
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
INTENT_HEADS = EVENT_WORDS["intent_heads"]
# verbs of asking another to act: their content is called for, not done nor undertaken
DEMAND_HEADS = EVENT_WORDS["demand_heads"]
INTENT_OR_DEMAND_HEADS = INTENT_HEADS | DEMAND_HEADS
ALLEGE_HEADS = EVENT_WORDS["allege_heads"]
DENY_HEADS = EVENT_WORDS["deny_heads"]
MODALS = EVENT_WORDS["modals"]
HEDGES = EVENT_WORDS["hedges"]
CONDITION_MARKS = EVENT_WORDS["condition_marks"]
FUTURE_AUXILIARIES = EVENT_WORDS["future_auxiliaries"]
CIVILIAN_WORDS = EVENT_WORDS["civilian_words"]
ACTOR1_PREPS = EVENT_WORDS["actor1_preps"]
ACTOR2_PREPS = EVENT_WORDS["actor2_preps"]
HOSTILE_PREPS = EVENT_WORDS["hostile_preps"]
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "ACCUSE", "PROTEST", "REJECT"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT", "AID", "REQUEST"})
PREVENT_HEADS = EVENT_WORDS["prevent_heads"]
# a preposition that tells when something was prevented or stopped, not what was
CIRCUMSTANCE_PREPS = EVENT_WORDS["circumstance_preps"]
PREVENTION_CIRCUMSTANCE_MARKS = EVENT_WORDS["prevention_circumstance_marks"]
FIXED_PHRASES = {("in", "order", "to"), ("in", "charge", "of"), ("in", "favour", "of"), ("in", "favor", "of")}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr"})
# what a verb says of its object ("held them responsible", "were held hostage"), and the particle of a
# phrasal verb of another sense ("were held up by traffic", "held back"): a trigger's not_objects are
# looked for there too
COMPLEMENT_DEPS = frozenset({"acomp", "oprd", "xcomp", "prt"})
# the word a trigger's `objects` use for any place the model names ("troops surrounded Kidal")
PLACE_NAME_OBJECT = "place_name"
# "2 groups of clan militia", "thousands of residents": the actor is the phrase after "of"
QUANTITY_HEADS = EVENT_WORDS["quantity_heads"]
# subordinate clauses that tell another moment ("clashed after the militants threw a grenade"): their
# weapon words are not the means of this event
TEMPORAL_MARKS = EVENT_WORDS["temporal_marks"]
ARMED_WORDS = EVENT_WORDS["armed_words"]
CROWD_DOERS = EVENT_WORDS["crowd_doers"]  # "rioters damaged a car": wrecking by a crowd
DOER_ONLY_VERBS = EVENT_WORDS["doer_only_verbs"]  # "damaged": an attack only with its doer named
OTHER_ONE_WORDS = EVENT_WORDS["other_one_words"]
RESTATED_INCIDENT_NOUNS = EVENT_WORDS["restated_incident_nouns"]
TALKS_NOUNS = EVENT_WORDS["talks_nouns"]
OUTCOME_TYPES = frozenset({"CONCEDE", "AGREE", "REJECT", "RETREAT"})  # what talks end in
REACHING_VERBS = EVENT_WORDS["reaching_verbs"]  # "power lines leading into X": the place an attacked thing reaches
REACHING_PREPS = EVENT_WORDS["reaching_preps"]
VEHICLE_NOUNS = EVENT_WORDS["vehicle_nouns"]  # "a tanker running to X": a journey, not a reach
NOBODY_WORDS = EVENT_WORDS["nobody_words"]  # "no one was hurt": no victim
PRESSURE_NOUNS = EVENT_WORDS["pressure_nouns"]  # "refused despite pressure from X": X is whom it answers
OUTSIDER_MODIFIERS = EVENT_WORDS["outsider_modifiers"]  # "foreign troops": not of the place they act in
OUTSIDER_OFFICE_HEADS = EVENT_WORDS["outsider_office_heads"]  # "foreign ministers": an office, not outsiders
# knowledge-base kinds of a body a described member belongs to (`_names_body`)
_BODY_KINDS = frozenset({"country", "capital", "seat", "igo", "group", "demonym"})



@dataclass
class EventMention:
    trigger: tuple[int, int]  # token offsets
    head: int  # the syntactic head token of the trigger
    lexeme: Trigger
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    trigger_acled: Optional[tuple[str, str]]
    ambiguous: bool = False
    status: str = "occurred"
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    actor_tokens: set = field(default_factory=set)
    date: Optional[DateMention] = None
    location: Optional[PlaceMention] = None
    toll: Optional[object] = None
    reported_by: Optional[tuple[str, str]] = None
    sentence: tuple[int, int] = (0, 0)
    confidence: float = 0.5
    acled: Optional[tuple[str, str]] = None
    reporter_tokens: set = field(default_factory=set)
    also: list = field(default_factory=list)  # other sentences telling the same event (token ranges)
    clause: Optional[int] = None  # the verb whose clause dates and sources a merged noun trigger
    unnamed_victim: bool = False  # a person object that names no known actor ("shot a driver")
    unnamed_actor: bool = False  # a subject the parse found that names no known actor ("a group of drivers")
    one_side: bool = False  # both sides of a clash are one group ("2 groups of clan militia clashed")

    @property
    def clause_head(self) -> int:
        return self.clause if self.clause is not None else self.head

    def span(self, doc: Doc) -> Span:
        return doc[self.trigger[0]:self.trigger[1]]


class TriggerIndex:
    """Triggers by their first lemma, longest first, so matching is one dict lookup per token."""

    def __init__(self, triggers: list[Trigger], lemma_fixes: Optional[dict] = None):
        self.fixes = dict(lemma_fixes or {})
        self.by_first: dict[str, list[Trigger]] = {}
        for trigger in triggers:
            self.by_first.setdefault(trigger.words[0].lower(), []).append(trigger)
        for items in self.by_first.values():
            # longest first; among equals, the entries that ask for an object first, then those that
            # ask for a particle ("called off a strike" before "called off")
            items.sort(key=lambda t: (-len(t.words), not t.objects, not (t.objects or t.particle)))

    def other_reading(self, trigger: Trigger, event_type: str) -> Optional[Trigger]:
        """The same words read as an event of another type ("strike": an attack, or a labour strike)."""
        return next((t for t in self.by_first.get(trigger.words[0].lower(), ())
                     if t.words == trigger.words and t.pos == trigger.pos and t.type == event_type), None)

    def _object_lemmas(self, head: Token, places: frozenset | set = frozenset()):
        """The lemmas of the head's objects; of a count ("thousands of villagers", "hundreds of
        fighters"), also of what it counts; PLACE_NAME_OBJECT for a named place (`places`: its tokens)."""
        for child in head.children:
            if child.dep_ not in OBJECT_DEPS:
                continue
            yield self.fixes.get(child.lower_) or child.lemma_.lower()
            if child.ent_type_ in PLACE_LABELS or child.i in places:
                yield PLACE_NAME_OBJECT  # "surrounded Kidal": a named place, whatever its word
            if child.lemma_.lower() in QUANTITY_HEADS:
                for of in child.children:
                    if of.dep_ == "prep" and of.lower_ == "of":
                        yield from (p.lemma_.lower() for p in of.children if p.dep_ == "pobj")

    def _plural_name(self, token: Token, lemma: str) -> Optional[str]:
        """A plural event noun that opens a sentence ("Skirmishes broke out near ...") which the model
        took for a name and so left unlemmatized: its singular, where that is a trigger's word."""
        if token.pos_ != "PROPN" or not token.is_sent_start or lemma != token.lower_ or lemma in self.by_first:
            return None
        for ending in ("es", "s"):
            if lemma.endswith(ending) and lemma[:-len(ending)] in self.by_first:
                return lemma[:-len(ending)]
        return None

    def match(self, doc: Doc) -> list[tuple[int, int, Trigger, int]]:
        """(start, end, trigger, head token index) for each trigger, longest match first, no overlaps."""
        found = []
        taken: set[int] = set()
        # the tokens of the places read in the text (a name the model took for a person may be one)
        places = {i for p in doc._.places or [] for i in range(p.start, p.end)}
        for token in doc:
            if token.i in taken or token.is_space or token.is_punct:
                continue
            lemma = self.fixes.get(token.lower_) or token.lemma_.lower()
            plural = self._plural_name(token, lemma)
            for trigger in self.by_first.get(plural or lemma, ()):
                if plural is not None:  # one word only: the rest of a phrase would be misread too
                    positions = [token.i] if len(trigger.words) == 1 else None
                else:
                    positions = _match_words(doc, token.i, trigger.words, self.fixes)
                if positions is None:
                    continue
                head = doc[positions[min(trigger.head, len(positions) - 1)]]
                if not _pos_fits(head, trigger.pos):
                    continue
                if trigger.particle and not any(c.lower_ == trigger.particle or _marked_clause(c, trigger.particle)
                                                for c in head.children):
                    continue
                if trigger.objects and not any(lemma in trigger.objects for lemma in self._object_lemmas(head, places)):
                    continue
                if trigger.passive and not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
                    continue
                if trigger.not_objects and any(c.dep_ in OBJECT_DEPS | COMPLEMENT_DEPS
                                               and c.lemma_.lower() in trigger.not_objects for c in head.children):
                    continue
                if not _vow_or_object_fits(head, trigger.type):
                    continue
                start, end = positions[0], positions[-1] + 1
                if any(i in taken for i in range(start, end)):
                    continue
                found.append((start, end, trigger, head.i))
                taken.update(range(start, end))
                break
        return found


HYPHENS = ("-", "‐", "–")


def _marked_clause(child: Token, particle: Optional[str]) -> bool:
    """'called for the army to withdraw', 'pressed for Russia to lift the ban': the parse makes the
    phrasal verb's "for" the mark of the clause after it; that clause still completes the verb. Not
    where the verb has an object of its own ("pushed the cart for the boys to ride": a purpose)."""
    return particle == "for" and child.dep_ in ("advcl", "ccomp", "xcomp") and child.pos_ in ("VERB", "AUX") \
        and any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children) \
        and not any(c.dep_ == "dobj" for c in child.head.children)


def _gathering_agent(verb: Token, by: Token) -> bool:
    """'Police dispersed a march by farmers', 'broke up a rally by striking teachers': a "by" after
    the object of an active verb, where that object is a gathering, names who held the gathering,
    not who did the verb (that is its subject)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or not any(
            c.dep_ == "nsubj" for c in verb.children):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in DEMONSTRATION_NOUNS and c.i < by.i
               for c in verb.children) and bool(_gathering_holders(by))


def _gathering_holders(by: Token) -> list[Token]:
    """The objects of a gathering's "by" that can hold it: people, not a place it was held beside ("a
    protest by the French embassy", "a rally by the river")."""
    return [p for p in by.children if p.dep_ == "pobj" and p.ent_type_ not in ("GPE", "LOC", "FAC")
            and p.lemma_.lower() not in BESIDE_NOUNS]


def _vows_force(head: Token) -> bool:
    """Whether a vow's clause is a verb of force, also past a verb of going on ("vowed to keep fighting")."""
    for c in head.children:
        if c.dep_ not in ("xcomp", "ccomp", "advcl"):
            continue
        if _force_word(c):
            return True
        if c.lemma_.lower() in VOW_KEEP_VERBS and any(
                g.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pcomp") and (
                    _force_word(g) or any(p.dep_ == "pcomp" and _force_word(p) for p in g.children))
                for g in c.children):
            return True
    return False


def _force_word(token: Token) -> bool:
    """A verb of force, or its gerund the parse took for a noun ("carry on fighting"), used as force: not
    against a thing that is no one ("fighting corruption", "kill the bill") nor for a cause ("fighting
    for the rights of ...")."""
    word = token.lower_
    if not (token.lemma_.lower() in VOW_FORCE_VERBS or word.endswith("ing") and word[:-3] in VOW_FORCE_VERBS):
        return False
    return not any(c.dep_ == "dobj" and c.lemma_.lower() in VOW_NONFORCE_OBJECTS
                   or c.dep_ == "prep" and c.lower_ == "for" for c in token.children)


def _vow_or_object_fits(head: Token, trigger_type: str = "") -> bool:
    """'swore to fight on' is a threat, 'swore to serve the people' is not: a vow is one only with a verb
    of force after it. 'pressured the council to resign' is a demand, 'yields to pressure' (a noun the
    parse may tag as a verb) is not: such verbs need an object, or a subject in the passive."""
    lemma = head.lemma_.lower()
    if lemma in VOW_VERBS:
        return _vows_force(head) == (trigger_type == "THREATEN")
    if lemma in OBJECT_ONLY_VERBS:
        return any(c.dep_ in ("dobj", "nsubjpass") for c in head.children)
    return True


def _match_words(doc: Doc, i: int, words: tuple[str, ...], fixes: Optional[dict] = None) -> Optional[list[int]]:
    positions = []
    j = i
    for word in words:
        while j < len(doc) and doc[j].text in HYPHENS and positions and word not in HYPHENS:
            j += 1
        if j >= len(doc) or ((fixes or {}).get(doc[j].lower_) or doc[j].lemma_.lower()) != word.lower():
            return None
        positions.append(j)
        j += 1
    return positions


def _pos_fits(token: Token, pos: str) -> bool:
    if pos == "ANY":
        return token.pos_ in ("NOUN", "VERB", "PROPN", "ADJ")
    if pos == "NOUN":
        return token.pos_ in ("NOUN", "PROPN")
    if pos == "VERB":
        return token.pos_ == "VERB"
    return token.pos_ == pos


class EventCoder:
    """spaCy component: fills `doc._.events`."""

    def __init__(self, nlp: Language, name: str = "sitrep_events"):
        self.name = name
        self.index = TriggerIndex(load_triggers(), load_codebook().lemma_fixes)
        self.mode_words = mode_phrases()
        # words of force ("rifle", "air strike"), not of talks ("summit"): what makes a sentence armed
        self.force_words = frozenset(p for p in self.mode_words if mode_for(p, "ASSAULT") is not None)
        self.person_verbs = load_codebook().person_object_verbs
        self.hazards = load_hazards()
        self.protest_context = load_codebook().protest_context
        codebook = load_codebook()
        self.peaceful = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in codebook.peaceful_phrases) + r")\b")
        self.peaceful_after = codebook.peaceful_after_verbs
        self.demand_modals = codebook.demand_modals
        self.demand_verbs = codebook.demand_verbs
        # the lexeme of a duty laid in reported speech ("said that Sudan must return ..."): a demand
        self.demand = Trigger(words=("must",), pos="VERB", head=0, type="REQUEST", mode=None,
                              cameo=codebook.demand_cameo)

    def __call__(self, doc: Doc) -> Doc:
        on = published_iso(doc)
        events: list[EventMention] = []
        entity_tokens = {t.i for ent in doc.ents if ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "LAW",
                                                                   "EVENT", "FAC", "PRODUCT")
                         for t in ent}
        # sentences with a casualty count, or one of the two before it ("... clashed. 2 were killed."):
        # there an ambiguous violence word is violence
        tolled = set()
        for mention in doc._.tolls or []:
            sent = doc[mention.start].sent
            tolled.add(sent.start)
            # the count often closes the paragraph that tells the fighting
            tolled.update(s.start for s in _sentences_before(doc, sent.start, in_paragraph=False))
        # sentences that name an armed actor ("Puntland Dervish Force clashed with ..."): there a
        # violence word is violence
        armed_sents = {doc[m.start].sent.start for m in doc._.actors or []
                       if m.sector in ARMED_SECTORS}
        named_tokens = {i for m in doc._.actors or [] if m.kind in NAMED_KINDS for i in range(m.start, m.end)}
        armed_tokens = {i for m in doc._.actors or [] if m.sector in ARMED_SECTORS for i in range(m.start, m.end)}
        # id(actor) -> (actor, the token its phrase is headed by): the actor is kept, so its id is not
        # reused by a later Actor (one not built from a phrase would take another's head)
        heads: dict[int, tuple[Actor, int]] = {}
        actor_tokens = {i for m in doc._.actors or [] for i in range(m.start, m.end)}
        for start, end, trigger, head_i in self.index.match(doc):
            if head_i in entity_tokens:
                continue  # "the Defence Ministry", "Human Rights Watch": part of a name, not an event
            head = doc[head_i]
            if head.pos_ == "PROPN" and head.ent_type_ == "DATE":
                continue  # "in March": the month, not a march
            if trigger.passive and not trigger.subject_acts and _agent_names_nobody(head, actor_tokens):
                continue  # "were held by the floodwater": no one's act
            if trigger.words[0] in RID_VERBS and not _rid_of_armed(head, armed_tokens):
                continue  # "cleared the road of snow": no ground taken
            if trigger.ambiguous and trigger.type == "ASSAULT":
                # "workers went on strike", "a strike by teachers": a labour strike, even in a sentence
                # that names the police; else the protest reading where the sentence names who protests
                # or what for ("workers", "wages") and nothing armed
                labour = self.index.other_reading(trigger, "PROTEST")
                if labour is not None and (_labour_action(head, self.protest_context) or not (
                        head.sent.start in armed_sents or self._context_fits(trigger, head.sent)
                        or head.sent.start in tolled) and any(
                        t.lemma_.lower() in self.protest_context for t in head.sent)):
                    trigger = labour
            stoppage = " ".join(trigger.words) in STOPPAGE_TRIGGERS
            if stoppage and not _stoppage_is_strike(head, self.protest_context):
                continue  # "rescuers stopped work at the site as protesters gathered": no strike
            if trigger.ambiguous and head.lemma_.lower() in DOER_ONLY_VERBS:
                # "rioters damaged a car", "troops damaged the bridge"; not "the blast damaged a house",
                # "a house was damaged" (the result of an attack told beside it), "the storm damaged ..."
                if not (self._crowd_doer(head) or any(t.i in armed_tokens or t.lower_ in ARMED_WORDS
                                                      for t in _subjects(head))):
                    continue
            elif trigger.ambiguous and not stoppage and not (trigger.type == "ASSAULT" and head.sent.start in armed_sents) \
                    and not (trigger.type in NAMED_PAIR_TYPES and _between_named(head, named_tokens)) \
                    and not self._context_fits(trigger, head.sent) and not (
                    trigger.type == "ASSAULT" and head.sent.start in tolled) \
                    and not (trigger.mode == "destroy" and self._crowd_doer(head)):
                continue
            if head.tag_ in ("VBZ", "VBP") and any(doc[i].dep_ == "nsubj" and doc[i].head.i == head_i
                                                   for i in range(start, end) if i != head_i):
                continue  # "Hunger strikes the north": a clause whose subject is the phrase's first word
            if head.lemma_.lower() in TAKEN_OUT_NOUNS and not _marched_in_protest(head, self.protest_context):
                continue  # "gunmen fired on a funeral procession": a procession, not a protest
            if _in_fixed_phrase(head) or _prevented(head) or _topic_of_cooperation(head, self.index):
                continue
            if trigger.type == "ASSAULT" and _hazard_cause(head, self.hazards):
                continue  # "floods killed 12", "killed in a bus crash": no one attacked
            if trigger.type == "ASSAULT" and _nobody_suffered(head):
                continue
            sent = head.sent
            event = EventMention((start, end), head_i, trigger, trigger.type, trigger.mode, trigger.cameo,
                                 tuple(trigger.acled) if trigger.acled else None, trigger.ambiguous,
                                 sentence=(sent.start, sent.end))
            for filled in self._participants(doc, event, on, heads):
                events.append(filled)
        demands = self._reported_demands(doc, on, heads) + self._verbless_headlines(doc, on, heads, events)
        if demands:
            events = sorted(events + demands, key=lambda e: e.trigger[0])  # stable: text order
        events = _merge_same_assault(doc, events)
        events = _merge_restated_assault(doc, events)
        _share_agent(doc, events)
        _share_coordinated_means(doc, events)
        events = _merge_casualty_pairs(doc, events)
        events = _merge_same_protest(doc, events)
        events = _dedupe(events)
        events = _join_bare_casualties(doc, events)
        events = _join_restated_attacks(doc, events)
        _promise_targets(doc, events)
        _purpose_targets(doc, events)
        _protest_targets(doc, events, on)
        _condition_targets(doc, events, on)
        _warned_against_targets(doc, events, on)
        _returned_to_owner(doc, events, on)
        _counted_targets(doc, events)
        _object_content_targets(doc, events, on)
        dates = doc._.dates or []
        places = doc._.places or []
        # a count of no one ("no passengers were killed in the rescue") tells no event of its own (see
        # `_nobody_suffered`), and given to the nearest assault it would wipe out that assault's own count
        tolls = [t for t in doc._.tolls or [] if not any(_nobody_suffered(token) for token in t.span(doc))]
        for event in events:
            event.status = _status(doc[event.clause_head])
            self._resolve_mode(doc, event)
            event.date = event_date(doc, event, dates)
            event.reported_by = attribution(doc, event, on)
            event.location = event_location(doc, event, places)
        attach_tolls(doc, events, tolls)
        by_sentence: dict[tuple, list[EventMention]] = {}
        for event in events:
            by_sentence.setdefault(event.sentence, []).append(event)
        for event in events:
            _doer_in_sentence(event, by_sentence[event.sentence])
            _operation_told_nearby(doc, event, on, heads)
            _actors_from_context(doc, event, heads)
        captors = _captive_takers(events)
        for event in events:
            _implicit_captor(doc, event, captors)
            _implicit_disrupter(doc, event)
            _operation_forces(doc, event)
            _both_sides_hit(doc, event, heads)
            _unidentified_attacker(doc, event, self.force_words)
        for event in events:
            _doer_in_sentence(event, by_sentence[event.sentence], inferred=True, head_dep=doc[event.head].dep_)  # "killed two and wounded five"
            _arrest_in_fighting(doc, event, by_sentence[event.sentence])
        self._propagate_modes(events)
        _violent_protests(doc, events)
        for event in events:
            sector1, sector2 = _acled_sector(event.actor1), _acled_sector(event.actor2)
            if event.toll is not None and getattr(event.toll, "civilians_min", None) and not sector2:
                sector2 = "CVL"
            if event.one_side and not sector2:
                sector2 = sector1  # fighting within one group: armed on both sides
            if event.unnamed_victim and not sector2:
                sector2 = "CVL"  # ACLED: a victim who belongs to no armed, organised group
            event.acled = acled_for(event.type, event.mode, sector1, sector2, event.trigger_acled)
            if event.acled in TERRITORY_TAKEN and self._taken_peacefully(doc, event):
                event.acled = NONVIOLENT_TRANSFER
            event.confidence = _confidence(event)
        # "captured her third title", "the vote demonstrated the party's strength": a sense of the verb
        # that is no event at all, whoever did it
        events = [e for e in events if not no_event_sense(doc[e.head])]
        worth = [_worth_keeping(e) for e in events]
        kept = [e for e, w in zip(events, worth) if w]
        kept_sentences = {e.sentence for e in kept}
        events = [e for e, w in zip(events, worth) if w or e.sentence not in kept_sentences
                  and _unowned_incident(doc, e) and not _armed_doer_told_next(doc, e, kept)]
        for event in events:
            if _battle(event):
                _opponent_in_sentence(event, events)
                _state_first(event)
            if event.actor2 is None and not _battle(event) and _place_target(doc, event):
                event.confidence = _confidence(event)
        doc._.events = _merge_headline(doc, events)
        return doc

    def _taken_peacefully(self, doc: Doc, event: EventMention) -> bool:
        """A place taken with no fighting: the text says so in this sentence or the two after it
        ("There were no clashes"), or the taking came after its holders left ("after the forces fled")."""
        head = doc[event.clause_head]
        for token in head.sent:
            if token.i > head.i and token.lemma_.lower() in self.peaceful_after and (
                    any(c.dep_ == "mark" and c.lower_ == "after" for c in token.children)
                    or token.dep_ == "pcomp" and token.head.lower_ == "after"):
                return True
        return bool(self.peaceful.search(_following_text(doc, head.sent, 2).lower()))

    def _context_fits(self, trigger: Trigger, sent: Span) -> bool:
        """An ambiguous word is this event only in a sentence that shows it: weapons or forces for
        violence (words of talks, "summit", do not make "an encounter" a fight); for a protest word,
        also who protests or what they want ("workers", "wages")."""
        words = self.force_words if trigger.type == "ASSAULT" else self.mode_words
        if self._armed_context(sent, words):
            return True
        return trigger.type == "PROTEST" and any(t.lemma_.lower() in self.protest_context for t in sent)

    def _crowd_doer(self, verb: Token) -> bool:
        """Is the doer of a verb of wrecking ("destroyed", "burnt", "damaged") a crowd or people of a
        protest: its subject, or its agent in the passive ("rioters damaged a vehicle", "students
        destroyed property", "the bank was burnt by angry residents")? Then it is destruction of
        property, not a storm's or a fire's (event_words crowd_doers, codebook protest_context)."""
        if verb.pos_ != "VERB":
            return False
        return any(t.lemma_.lower() in CROWD_DOERS or t.lemma_.lower() in self.protest_context
                   for t in _subjects(verb))

    def _armed_context(self, sent: Span, words: frozenset) -> bool:
        for token in sent:
            if token.lemma_.lower() in words or token.lower_ in ARMED_WORDS:
                return True
        return False

    def _resolve_mode(self, doc: Doc, event: EventMention) -> None:
        """Mode, CAMEO code and ACLED pair from the trigger and the mode words around it: in the
        trigger's own phrase, or its agent and objects ("killed by Russian air strikes")."""
        head = doc[event.head]
        if head.pos_ in ("NOUN", "PROPN"):
            scope = list(head.subtree)
            if event.type == "PROTEST" and head.dep_ == "pobj" and head.head.lower_ == "in" \
                    and head.head.head.pos_ == "VERB":
                # "threw stones in demonstration against ...": what they did is how they protested
                verb = head.head.head
                verbs = {verb, *verb.conjuncts, *([verb.head] if verb.dep_ == "conj" else [])}
                scope += [t for v in verbs for c in v.children if c.dep_ == "dobj" for t in c.subtree]
        else:
            scope = [t for c in head.children if c.dep_ in ("agent", "prep", "nsubj", "nsubjpass", "dobj",
                                                            "compound", "npadvmod", "advcl")
                     and not _other_moment(c)
                     for t in c.subtree]
        scope = sorted({t.i: t for t in scope + list(doc[event.trigger[0]:event.trigger[1]])}.values(),
                       key=lambda t: t.i)
        found = []
        for i, token in enumerate(scope):
            lemma = token.lemma_.lower()
            two = f"{lemma} {scope[i + 1].lemma_.lower()}" if i + 1 < len(scope) else None
            for key in (two, lemma):
                if key and key in self.mode_words:
                    mode = mode_for(key, event.type)
                    # a word it needs, not as an adjective ("striking workers" at a mine)
                    if mode is not None and (not mode.needs or any(
                            t.lemma_.lower() in mode.needs and t.dep_ != "amod"
                            for t in doc[event.sentence[0]:event.sentence[1]])):
                        found.append(mode)
        res = resolve(event.lexeme, found)
        event.mode, event.cameo = res.mode, res.cameo
        event.trigger_acled = tuple(res.acled) if res.acled else None

    def _propagate_modes(self, events: list[EventMention]) -> None:
        """An attack told without its means takes the means the article gives for the same attacker's
        other attacks: "Russia launched a bombing campaign" after "Russian air strikes"."""
        known: dict[str, str] = {}
        # an attacker inferred, not read (an unidentified armed group, the police of an arrest), is no
        # attacker the article told: it neither lends nor takes means
        told = [e for e in events if e.actor1 is not None and e.actor1.text]
        for event in told:
            if event.type == "ASSAULT" and event.mode in WEAPON_MODES and event.actor1.country:
                known.setdefault(event.actor1.country, event.mode)
        for event in told:
            if event.type == "ASSAULT" and not event.mode and event.actor1.country in known:
                event.mode = known[event.actor1.country]

    def _reported_demands(self, doc: Doc, on: Optional[str], heads: dict) -> list[EventMention]:
        """'Germany said that Turkey must release the journalists', 'issued a reminder to Somalia that it
        must respect the border': a duty the speaker lays on an actor that must itself act (the clause's
        active subject) is a demand by the speaker on it (CAMEO 100), whatever the act the duty names
        (that act is coded on its own, as intended)."""
        out: list[EventMention] = []
        for token in doc:
            if token.dep_ != "aux" or token.lower_ not in self.demand_modals:
                continue
            clause = token.head
            reporter = clause.head
            if clause.dep_ not in ("ccomp", "acl") or reporter.i == clause.i \
                    or reporter.lemma_.lower() not in self.demand_verbs:
                continue
            if reporter.pos_ in ("NOUN", "PROPN"):
                # "issued a reminder to Somalia that ...": who issued it speaks
                if reporter.dep_ not in ("dobj", "attr") or reporter.head.pos_ not in ("VERB", "AUX"):
                    continue
                speaker_verb = reporter.head
                speakers = [c for c in reporter.children if c.dep_ == "poss"] or _subjects(speaker_verb)
            else:
                speaker_verb = reporter
                speakers = _subjects(reporter)
            actors1 = [a for t in _expand(speakers) for a in self._build_actors(t, on, heads)]
            if not actors1:
                continue
            # only an actor that must itself act is demanded of: "the law must be respected" and
            # "civilians must be evacuated" lay no duty on anyone the sentence names
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            if not subjects:
                continue
            actors2 = [a for t in _expand(subjects) for a in self._build_actors(t, on, heads)]
            if not actors2 and all(t.pos_ == "PRON" for t in subjects):
                # "told Iraq that it must cooperate": an unresolved pronoun is the one told
                told = [c for h in (reporter, speaker_verb) for c in h.children if c.dep_ == "dative"]
                told += [p for h in (reporter, speaker_verb) for prep in h.children
                         if prep.dep_ == "prep" and prep.lower_ == "to" for p in _participant_objects(prep)]
                told += [c for c in speaker_verb.children if c.dep_ == "dobj" and c.i != reporter.i]
                actors2 = [a for t in _expand(told) for a in self._build_actors(t, on, heads)]
            a1 = actors1[0]
            a2 = next((a for a in actors2 if not _same_actor(a1, a)), None)
            if a2 is None:
                continue
            sent = token.sent
            used = {t.i for h in _expand(speakers + subjects) for t in phrase_tokens(h)}
            out.append(EventMention((token.i, token.i + 1), token.i, self.demand, "REQUEST", None,
                                    self.demand.cameo, None, sentence=(sent.start, sent.end), actor1=a1,
                                    actor2=a2, actor_tokens=used, clause=speaker_verb.i))
        return out

    def _verbless_headlines(self, doc: Doc, on: Optional[str], heads: dict,
                            found: list[EventMention]) -> list[EventMention]:
        """'SAF bomb Deribat', 'Troops dislodge rebels from Ngoshe, killing ...': a headline in the present
        tense that the model parses as one long noun phrase, with no verb at its root. Where such a sentence has a word
        of a verb trigger right after an actor's name and right before another name, that word is the
        verb: the actor before it acts, the one after it is acted on (a place after it is left to
        `_place_target`). Ambiguous words ("attack") only with an armed actor before them."""
        out: list[EventMention] = []
        taken = {i for e in found for i in range(*e.trigger)}
        mentions = doc._.actors or []
        armed_tokens = {i for m in mentions if m.sector in ARMED_SECTORS for i in range(m.start, m.end)}
        ending = {m.end: m for m in mentions}
        starting = {m.start: m for m in mentions}
        for sent in doc.sents:
            if sent.root.pos_ in ("VERB", "AUX"):
                continue
            for token in sent:
                if token.i in taken or token.i == sent.start or token.pos_ not in ("NOUN", "PROPN", "ADJ"):
                    continue
                lemma = self.index.fixes.get(token.lower_) or token.lower_
                trigger = next((t for t in self.index.by_first.get(lemma, ()) if len(t.words) == 1 and t.pos == "VERB"
                                and not (t.particle or t.objects or t.passive)), None)
                before = ending.get(token.i)
                if trigger is None or before is None or token.i + 1 >= sent.end:
                    continue
                if trigger.words[0] in RID_VERBS and not _rid_of_armed(token, armed_tokens):
                    continue
                actor1 = actor_for(doc[before.end - 1], on)
                if actor1 is None or (trigger.ambiguous and actor1.sector not in ARMED_SECTORS) \
                        or (trigger.actor1 is not None and not sector_in(actor1.sector, trigger.actor1)):
                    continue
                after = starting.get(token.i + 1) or (starting.get(token.i + 2) if doc[token.i + 1].pos_ == "DET" else None)
                actor2 = None
                if after is not None and after.kind != "name":
                    actor2 = actor_for(doc[after.end - 1], on)
                    if actor2 is not None:
                        actor2 = actor2.model_copy(update={"text": doc[after.start:after.end].text})
                    if actor2 is not None and _same_actor(actor1, actor2):
                        actor2 = None
                own = [t.i for t in phrase_tokens(doc[before.end - 1]) if sent.start <= t.i < token.i] or [before.start]
                actor1 = actor1.model_copy(update={"text": doc[min(own[0], before.start):before.end].text})
                heads[id(actor1)] = (actor1, before.end - 1)
                if actor2 is not None:
                    heads[id(actor2)] = (actor2, after.end - 1)
                used = set(range(before.start, before.end)) | (set(range(after.start, after.end)) if actor2 else set())
                out.append(EventMention((token.i, token.i + 1), token.i, trigger, trigger.type, trigger.mode,
                                        trigger.cameo, tuple(trigger.acled) if trigger.acled else None,
                                        trigger.ambiguous, sentence=(sent.start, sent.end), actor1=actor1,
                                        actor2=actor2, actor_tokens=used))
                taken.add(token.i)
        return out

    @staticmethod
    def _build_actors(token: Token, on: Optional[str], heads: dict) -> list[Actor]:
        found = actors_of(token, on)
        for actor in found:
            heads[id(actor)] = (actor, token.i)
        return found

    # --- participants ----------------------------------------------------------------------------

    def _participants(self, doc: Doc, event: EventMention, on: Optional[str],
                      heads: Optional[dict] = None) -> list[EventMention]:
        """The event once per actor1 found (at most three), with its actor2. `heads` receives, for
        each actor built, the token its phrase is headed by (for the context its country comes from)."""
        heads = {} if heads is None else heads

        def build(tokens: list[Token]) -> list[Actor]:
            found = []
            for token in _expand(tokens):
                for actor in actors_of(token, on):
                    heads[id(actor)] = (actor, token.i)
                    found.append(actor)
            return found

        head = doc[event.head]
        trigger_ids = set(range(*event.trigger))
        actor1_heads: list[Token] = []
        actor2_heads: list[Token] = []
        enabled: list[Token] = []
        grievances: list[Token] = []
        # "clashes between Kamalu and Ntambwe people", "fighting broke out between the army and the
        # TNLA": one side each
        between = _between_sides(head) if event.type in HOSTILE | SYMMETRIC else []
        if head.pos_ in ("NOUN", "PROPN"):
            own = _modifier_actor(head, trigger_ids, on, hostile=event.type in HOSTILE)
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in ACTOR1_PREPS:
                    actor1_heads += [g for p in child.children if p.dep_ == "pobj" for g in p.conjuncts + (p,)]
                elif child.dep_ == "prep" and child.lower_ == "between":
                    continue
                elif child.dep_ == "prep" and _acts_on(child, event.type):
                    actor2_heads += _participant_objects(child)
                elif child.dep_ == "prep" and child.lower_ == "of" and event.type in ("ASSAULT", "COERCE"):
                    actor2_heads += _participant_objects(child)  # "the invasion of Lebanon", "the killing of 5 soldiers"
                elif child.dep_ == "acl":
                    # "airstrikes carried out by Russian air force"
                    for agent in (c for c in child.children if c.dep_ == "agent"):
                        actor1_heads += [p for p in agent.children if p.dep_ == "pobj"]
                    if child.lemma_.lower() in ATTRIBUTING_VERBS:
                        # "a blast attributed to the insurgents", "a raid blamed on the rebels"
                        actor1_heads += [p for prep in child.children if prep.dep_ == "prep"
                                         and prep.lower_ in ("to", "on") for p in _participant_objects(prep)]
            if own is None and not actor1_heads:
                # "air strikes by the Pakistan Air Force" with "by" hung on another word by the parse
                after = doc[event.trigger[1]] if event.trigger[1] < len(doc) else None
                if after is not None and after.lower_ == "by" and after.dep_ in ("prep", "agent"):
                    actor1_heads = [p for p in after.children if p.dep_ == "pobj"]
            governor = _governing_verb(head)
            suffered = own is None and not actor1_heads and governor is not None and head.dep_ == "pobj" \
                and (governor.lemma_.lower() in SUFFERING_VERBS or governor.lemma_.lower() in CASUALTY_VERBS
                     and (_passive_without_agent(governor) or governor.dep_ == "acl")) \
                and not _orderless(event.lexeme)
            if suffered:
                # "nine people died in the attack on the market", "two guards sustained wounds in the
                # raid", "several wounded in a blast": who died in it, was hurt in it or came through it
                # suffered the attack, not made it (but "died in a clash with X": a side of the fighting)
                victims = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
                if not victims and governor.dep_ == "acl" and governor.tag_ == "VBN":
                    victims = [governor.head]
                actor2_heads = victims + actor2_heads
            elif own is None and not actor1_heads and governor is not None:
                actor1_heads = _subjects(governor)
            repelled = head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in REPEL_VERBS
            if own is None and not actor1_heads and head.dep_ == "nsubjpass" and not repelled:
                # "air raids were carried out by the navy"
                actor1_heads = [p for a in head.head.children if a.dep_ == "agent" for p in a.children
                                if p.dep_ == "pobj"]
            if repelled and event.type == "ASSAULT":
                # "government forces repelled an al Shabaab attack": the attack was on them
                actor2_heads = (_subjects(head.head) if head.dep_ == "dobj" else [
                    p for a in head.head.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
                                ) + actor2_heads
            if governor is not None and not actor2_heads and event.mode == "visit" \
                    and governor.lemma_.lower() in MOTION_VERBS:
                # "arrived in Amman on a visit": the host is where the visitor went
                actor2_heads = [p for prep in governor.children if prep.dep_ == "prep" and prep.lower_ in VISIT_PREPS
                                for p in _participant_objects(prep)]
            if governor is not None and not actor2_heads and event.type in RECIPIENT_TYPES:
                # "give Tanzania a grant", "provided aid to Mozambique": the light verb's recipient
                actor2_heads = _recipients(governor)
            if governor is not None and not actor2_heads and head.dep_ in ("dobj", "attr") and head.head.i == governor.i:
                # "opened investigations against X", "launched an attack on X": the parse hangs the
                # noun's own "against"/"on"/"with" phrase on the light verb that carries it
                actor2_heads = [p for prep in governor.children if prep.dep_ == "prep" and prep.i > head.i
                                and _acts_on(prep, event.type) for p in _participant_objects(prep)]
            if own is None and not actor1_heads and head.dep_ == "pobj" and head.head.dep_ == "agent" \
                    and head.head.head.lemma_.lower() == "follow":
                # "the army began an offensive near the town, followed by a gunfight with the
                # rebels": who conducted the operation fought (the parse hangs "followed" on the
                # operation or on the verb that launched it)
                follow = head.head.head
                if follow.dep_ == "acl" and follow.head.lemma_.lower() in OPERATION_NOUNS:
                    actor1_heads = _conductors(follow.head)
                elif follow.dep_ == "advcl":
                    operation = next((c for c in follow.head.children if c.dep_ == "dobj"
                                      and c.lemma_.lower() in OPERATION_NOUNS), None)
                    actor1_heads = _conductors(operation) if operation is not None else []
            # "Jordan is part of a US-led coalition carrying out air strikes": the noun the acl modifies
            if own is None and not actor1_heads and governor is not None and governor.dep_ == "acl" and not suffered:
                actor1_heads = [governor.head]
            first = head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            backing = first.head.head if first.dep_ == "pobj" and first.head.dep_ == "agent" else None
            if own is None and not actor1_heads and backing is not None and backing.dep_ == "acl" \
                    and backing.lemma_.lower() in BACKING_VERBS:
                # the strikes in "forces supported by tanks and airstrikes stormed ..." are the forces' own
                actor1_heads = [backing.head]
            if event.type in MOVEMENT_TYPES and (event.type == "MOBILIZE" or event.mode == "withdraw"):
                # "the deployment of NATO troops", "the withdrawal of some forces from Panama": what
                # moves is whose move it is; whom it concerns is the place it leaves or reaches
                movers = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                          for p in _participant_objects(prep)]
                if own is None and not actor1_heads:
                    actor1_heads = movers
                if not actor2_heads:
                    ends = ("from",) if event.type == "RETREAT" else ("to", "into")
                    actor2_heads = [p for holder in [head] + movers for prep in holder.children
                                    if prep.dep_ == "prep" and prep.lower_ in ends for p in _participant_objects(prep)]
            actor1 = own
        else:
            actor1 = None
            headline_passive = _headline_passive(head)
            for child in head.children:
                if child.dep_ == "nsubj" and headline_passive:
                    actor2_heads.append(child)  # "Two soldiers killed in blast": the victims
                elif child.dep_ in ("nsubj",):
                    actor1_heads.append(child)
                elif child.dep_ == "nsubjpass" and event.lexeme.subject_acts:
                    actor1_heads.append(child)  # "Al Shabaab were seen", "troops were deployed"
                elif (child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ == "by") \
                        and _gathering_agent(head, child):
                    # "police dispersed a march by farmers": the parse hangs the marchers' "by" on the
                    # active verb; they held the march, so they are the ones it was done to
                    actor2_heads += _gathering_holders(child)
                elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by" and head.tag_ == "VBG"):
                    # "killed by X"; "wounded in firing by Thai soldiers", "because of heavy shelling
                    # by the border police" (a gerund's "by" is its doer)
                    actor1_heads += [p for p in child.children if p.dep_ == "pobj"]
                elif child.dep_ in ("dobj", "nsubjpass", "dative"):
                    actor2_heads.append(child)
                    if child.dep_ == "dobj" and child.lemma_.lower() in DEMONSTRATION_NOUNS:
                        # "dispersed a demonstration by nurses": whom the gathering's "by" names held it
                        actor2_heads += [p for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "by"
                                         for p in _gathering_holders(prep)]
                elif child.dep_ == "prep" and (_acts_on(child, event.type) or child.lower_ == event.lexeme.particle
                                               and child.lower_ in ("on", "upon")):
                    # "called on Israel to halt ...": the particle's object is addressed
                    actor2_heads += _participant_objects(child)
                elif child.dep_ == "prep" and child.lower_ in GRIEVANCE_PREPS and event.type == "ACCUSE":
                    # "complained to the UN over Israeli air raids": the accused is whoever did what
                    # the complaint is about, before whom it is made to (after whom it names outright)
                    grievances += _participant_objects(child)
                elif child.dep_ == "prt" and child.lower_ == "up":
                    # "kidnapped up to 16 advisers", "killed up to 30 soldiers": a count the parse took
                    # for the particle "up" and its "to"
                    actor2_heads += [p for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "to"
                                     for p in _participant_objects(prep)
                                     if any(n.dep_ == "nummod" for n in p.children)]
            if not actor1_heads and head.tag_ == "VBN" and event.trigger[1] - event.trigger[0] > 1:
                # "was put under investigation by French judges": the parse hangs the doer's "by" on
                # the phrase's last noun, not on the verb
                actor1_heads += [p for i in range(*event.trigger) if i != head.i for prep in doc[i].children
                                 if prep.dep_ == "prep" and prep.lower_ == "by" for p in prep.children if p.dep_ == "pobj"]
            if not actor2_heads and head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in ("NOUN", "PROPN") \
                    and head.head.i < head.i and not event.lexeme.subject_acts and event.type in DESCRIBED_PATIENT_TYPES:
                # "among four militants killed in a raid", "two traders held by the police": the noun the
                # participle describes is the one it was done to (for acts done to people: "a report
                # released on Monday" names no one released)
                actor2_heads = [head.head]
            direct = [h for h in actor2_heads if h.dep_ in ("dobj", "nsubjpass", "dative")]
            actor2_heads = direct + [g for g in grievances if _names_party(g)] + [
                h for h in actor2_heads if h.dep_ not in ("dobj", "nsubjpass", "dative")]
            if not actor2_heads:
                # "allowed the candidate to run", "urged the rebels to disarm": the parse makes the one
                # acted on the subject of the infinitive after the verb (taken below, for a known doer)
                # "pushed for the UN to act": the particle heads that clause, whose subject is the one asked
                enabled = [s for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.i > head.i
                           and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                           or _marked_clause(c, event.lexeme.particle) and c.i > head.i
                           for s in c.children if s.dep_ == "nsubj" and s.pos_ != "PRON" and head.i < s.i < c.i]
            if not actor2_heads:
                # "shot and injured a driver": coordinated verbs share their object
                for verb in head.children:
                    if verb.dep_ == "conj" and verb.pos_ == "VERB":
                        actor2_heads += [c for c in verb.children if c.dep_ == "dobj"]
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children) \
                and not event.lexeme.subject_acts
            if not actor1_heads and not passive:
                actor1_heads = _subject_before_date(head) or _inherited_subjects(head)
            if not actor1_heads and not passive and head.dep_ == "conj" and head.tag_ == "VBD" \
                    and head.head.dep_ == "acl" and head.head.head.pos_ in ("NOUN", "PROPN"):
                # "a soldier armed with a pistol shot and killed a trader": the parse hangs the verb on
                # the participle that describes its subject
                actor1_heads = [head.head.head]
            if not actor1_heads and not passive:
                actor1_heads = _subject_left_as_root(head)
            if not actor1_heads and _passive_without_agent(head):
                actor1_heads = _operation_doers(head)
            if not actor1_heads and head.lemma_.lower() in CASUALTY_VERBS and _passive_or_bare(head) \
                    and not any(c.dep_ == "agent" for c in head.children):
                actor1_heads = _gunfire_owners(head)
            if not actor1_heads and head.dep_ == "acl" and head.tag_ == "VBN" and head.head.dep_ == "ROOT" \
                    and head.head.i < head.i and (event.type in ("PROTEST", "MOBILIZE")
                                                  or event.lexeme.mode == "sideAB"):
                # a parse that hangs the verb off its subject as a participle: "several residents
                # protested in ...", "2 clan militias clashed ..." (acts no one suffers, so no passive)
                actor1_heads = [head.head]
            if not actor2_heads and head.dep_ == "relcl" and head.head.pos_ in ("NOUN", "PROPN") \
                    and any(c.dep_ == "nsubj" for c in head.children):
                actor2_heads = [head.head]  # "the armed groups it supports"
        # build actors
        actors1 = [actor1] if actor1 is not None else []
        if actor1 is None:
            actors1 = build(actor1_heads)
        if not actors1 and actor1_heads and event.type in HOSTILE:
            # "hit by a mine laid by unidentified gunmen", "a device the rebels had hidden
            # went off": a weapon names nobody; whoever placed or fired it did it
            placers = [p for t in _expand(actor1_heads) for p in _thing_doers(t)]
            if placers:
                actors1 = build(placers)
                actor1_heads = actor1_heads + placers
        actors2 = build(actor2_heads)
        if not actors2 and event.type in HOSTILE:
            # "prevented a rally staged by students", "banned a march organised by the opposition": an
            # act done to a thing that names no one is done to whoever made the thing
            makers = [p for t in _expand(actor2_heads) if t.dep_ in OBJECT_DEPS for p in _thing_doers(t)]
            if makers:
                actors2 = build(makers)
                actor2_heads = actor2_heads + makers
        if not actors2 and actors1 and enabled:
            actors2 = build(enabled)
            actor2_heads = actor2_heads + enabled
        if not actors2:
            # "demanded that Hamas renounce ...", "threatened action against Russia", "rejected calls
            # by Belarus": the party addressed, inside the clause or the thing demanded or refused
            for addressed in _addressed(head, event.type, extended=bool(actors1)):
                actors2 = build(addressed)
                actor2_heads = actor2_heads + addressed
                if actors2:
                    break
        if not actors2 and head.pos_ == "VERB" and _left_for_conjunct(head):
            # "established ties with and opened an embassy in Tehran": a preposition left without its
            # object shares the one the coordinated verb's phrase ends with
            shared = [p for conj in head.conjuncts if conj.i > head.i
                      for holder in [conj] + [c for c in conj.children if c.dep_ == "dobj"]
                      for prep in holder.children if prep.dep_ == "prep" for p in _participant_objects(prep)]
            for token in sorted(shared, key=lambda t: t.i, reverse=True):
                actors2 = build([token])
                if actors2:
                    actor2_heads = actor2_heads + [token]
                    break
        if not actors2 and event.type == "REJECT" and head.pos_ == "VERB":
            # "declined to resign despite pressure by the anti-graft body": a refusal answers who pressed
            holders = [head] + [c for c in head.children if c.dep_ == "xcomp"]  # "refused to go despite"
            pressed = [p for holder in holders for prep in holder.children if prep.dep_ == "prep"
                       and prep.lower_ == "despite" for p in _participant_objects(prep)
                       if p.lemma_.lower() in PRESSURE_NOUNS]
            pressers = [o for t in pressed for prep in t.children if prep.dep_ == "prep" and prep.lower_ in ("by", "from")
                        for o in _participant_objects(prep)]
            pressers += [c for t in pressed for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"]
            actors2 = build(pressers)
            actor2_heads = actor2_heads + pressers
        if not actors2 and event.type in OUTCOME_TYPES and head.pos_ == "VERB":
            # "called off its strike after deliberations with the government": the other side of the talks
            talks = [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("after", "following")
                     for p in _participant_objects(prep) if p.lemma_.lower() in TALKS_NOUNS]
            sides = [o for t in talks for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "with"
                     for o in _participant_objects(prep)]
            actors2 = build(sides)
            actor2_heads = actor2_heads + sides
        if not actors2 and event.type in RECIPIENT_TYPES:
            # "give 40 million euros of aid for Chad and Niger": what is given names nobody;
            # who gets it does
            recipients = [p for g in actor2_heads if g.dep_ == "dobj" for t in g.subtree
                          if t.dep_ == "prep" and t.lower_ in RECIPIENT_PREPS for p in _participant_objects(t)]
            recipients += [p for t in head.children if t.dep_ in ("prep", "dative") and t.lower_ in RECIPIENT_PREPS
                           for p in _participant_objects(t)]
            recipients += [c for c in head.children if c.dep_ == "dative" and c.lower_ not in RECIPIENT_PREPS]
            actors2 = build(recipients)
            actor2_heads = actor2_heads + recipients
        moved = actors2[0] if actors2 and actors2[0].sector in ARMED_SECTORS else None
        if event.type in MOVEMENT_TYPES and head.pos_ == "VERB" and actors1 and moved is not None and (
                moved.country and moved.country == actors1[0].country
                or _phrase_head(heads, moved) is not None and _own(doc[_phrase_head(heads, moved)])):
            # "Syria will withdraw its troops from Lebanon": the troops are what moves, whom it
            # concerns is where they go or leave
            actors2 = build([p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in MOVEMENT_PREPS
                             for p in _participant_objects(prep)])
        if event.type in RECIPIENT_TYPES - MOVEMENT_TYPES and head.pos_ == "VERB" and actors1 and moved is not None and (
                moved.country and moved.country == actors1[0].country
                or _phrase_head(heads, moved) is not None and _own(doc[_phrase_head(heads, moved)])):
            # "will contribute 4,000 troops to the force in Liberia": a state's own forces are what it
            # gives; whom it concerns is who gets them, where the text tells it (a place there when no one:
            # `_place_target`, "to the force in Liberia")
            holders = [head] + [c for c in head.children if c.dep_ == "dobj"]
            getters = [p for holder in holders for prep in holder.children if prep.dep_ in ("prep", "dative")
                       and prep.lower_ in RECIPIENT_PREPS for p in _participant_objects(prep)]
            if getters:
                actors2 = build(getters)
        if event.type == "RETREAT" and event.mode == "withdraw" and head.pos_ == "VERB" and actors1:
            # "will withdraw its peacekeepers from Chad", "withdrew inspectors from Iraq": whom a
            # withdrawal concerns is whom it leaves, whatever moves
            left = build([p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "from"
                          for p in _participant_objects(prep)])
            if left:
                actors2 = left
        if between and actor1_heads and actors2:
            between = []  # "MNDAA troops ambushed Myanmar forces between Chinshwehaw and X": where
        if between:
            sides = build(between)
            third = actors1[0] if actor1 is None and actors1 and event.type not in HOSTILE else None
            if sides and third is not None and not any(_same_actor(third, side) for side in sides):
                # "Klibi undertook a mediation mission between Syria and Arafat", "ready to host a
                # meeting between X and Y": a third party acts between the two; the first is its target
                actors2 = sides[:1]
            elif sides and not (actor1 is not None and actor1_heads):
                actors1 = [sides[0]]
                actors2 = sides[1:2] or actors2
            actor2_heads = actor2_heads + between
        unnamed_victim = not actors2 and any(_unnamed_person(t, head, self.person_verbs) for t in actor2_heads)
        used = {t.i for h in _expand(actor1_heads + actor2_heads) for t in phrase_tokens(h)}
        two_sided = event.type in SYMMETRIC or (event.type == "ASSAULT" and (
            event.lexeme.mode == "sideAB" or any(_reciprocal(c) for c in head.children)))
        if two_sided and len(actors1) >= 2 and not any(a.country or a.sector for a in actors2):
            # "the troops of India and Pakistan exchanged fire on the Line of Control": the line names nobody
            actors1, actors2 = actors1[:1], actors1[1:2]  # "X and Y clashed", "X and Y targeted each other"
        required = event.lexeme.actor1
        if required is not None:
            actors1 = [a for a in actors1 if sector_in(a.sector, required)
                       and (event.lexeme.subject_acts or not _agent_only_mentions(doc, heads, a))]
            if not actors1:
                return []  # "the minister was seen": not a movement of forces
        out = []
        for a1 in actors1[:3] or [None]:
            a2 = actors2[0] if actors2 else None
            if a1 is not None and a2 is not None and _same_actor(a1, a2) and not _other_one(doc, heads, a2):
                a2 = actors2[1] if len(actors2) > 1 and not _same_actor(a1, actors2[1]) else None
            one_side = (a2 is None and event.lexeme.mode == "sideAB" and not actor2_heads
                        and any(_several(t) for t in actor1_heads))
            out.append(replace(event, actor1=a1, actor2=a2, actor_tokens=set(used), unnamed_victim=unnamed_victim,
                               unnamed_actor=bool(actor1_heads) and not actors1, one_side=one_side))
        return out


ADDRESSED_CLAUSE_TYPES = frozenset({"REQUEST", "THREATEN"})
# acts whose content is another act ("threatened to break relations with Russia"): its target is theirs
CONTENT_TYPES = frozenset({"THREATEN", "AGREE", "REJECT"})
# who a refusal, an acceptance or a demand is addressed to, after "from"/"by" on what is refused or
# asked: "rejected calls by Belarus's rulers", "accepted demands from Shona rebels", "demanded support
# from the Assembly"
SOURCE_PREP_TYPES = frozenset({"REJECT", "CONCEDE", "AGREE", "REQUEST", "ACCUSE"})
# acts that lift or ease what weighs on someone: the "on" of the thing lifted names them
LIFTING_TYPES = frozenset({"CONCEDE", "RETREAT"})
# acts done to bodies or places: "villages between two towns" names no parties
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST"})
# acts of disapproval, whose target is whoever did or proposed what they are about
CRITICISM_TYPES = frozenset({"ACCUSE", "REJECT", "PROTEST"})


def _addressed(head: Token, event_type: str, extended: bool = True) -> list[list[Token]]:
    """Who an act is addressed to when no object names it, as groups of candidates to try in turn:
    the subject of what is demanded ("demanded that the DPRK forsake ..."); the object of the act
    threatened, agreed or refused ("threatened to attack Israel", "... to deliver blows to the United
    States"); the object of a "with"/"against"/"to" (for a refusal or a demand, "from"/"by") on the
    thing done or refused, or on what that thing is of ("threatened action against Russia", "a
    suspension of air links with Serbia", "rejected calls by Belarus's rulers"). `extended` (for an
    act whose doer is known) also reads whom the act would have let act, what the act is "on", the
    parties "between"/"among" on what is stopped, the "on" of what is lifted and whose act is
    criticised: readings too loose to keep an event that has no doer."""
    groups: list[list[Token]] = []
    acts = [c for c in head.children if c.dep_ == "xcomp"] if head.pos_ == "VERB" and event_type in CONTENT_TYPES else []
    if event_type in ADDRESSED_CLAUSE_TYPES:
        # "demanded that X ...", "its demand that Israel ease ...", "insisted on its demands that ..."
        holders = [head] + [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "on"
                            for p in _participant_objects(prep)]
        groups.append([c for holder in holders for clause in holder.children
                       if clause.dep_ in ("ccomp", "acl") and clause.i > holder.i
                       and (holder.pos_ == "VERB" or any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children))
                       for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"])
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            # "repeated its call on Monday that Egypt reopen ...": the parse hangs the noun's clause on
            # the verb that carries it
            groups.append([c for clause in head.head.children if clause.dep_ == "ccomp" and clause.i > head.i
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
                           for c in clause.children if c.dep_ == "nsubj" and c.pos_ != "PRON"])
    for act in acts:
        groups.append([c for c in act.children if c.dep_ == "dobj" and c.ent_type_ not in PLACE_LABELS])
        # "refused to allow UN planes to land": whom the act refused or agreed would have let act
        groups.append([] if not extended else [s for clause in act.children if clause.dep_ in ("ccomp", "xcomp") and clause.i > act.i
                       and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
                       for s in clause.children if s.dep_ == "nsubj" and act.i < s.i < clause.i])
        groups.append([p for prep in act.children if prep.dep_ == "prep" and _acts_on(prep, event_type)
                       for p in _participant_objects(prep)])
    things = [head] if head.pos_ in ("NOUN", "PROPN") else [c for c in head.children if c.dep_ == "dobj"]
    if head.pos_ == "VERB" and extended:
        # "reneged on its commitment to the people", "went back on its promise to Kenya"
        things += [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "on"
                   for p in _participant_objects(prep) if actor_for(p) is None]
    if head.pos_ == "VERB" and event_type == "REQUEST":
        # "called for sanctions against Nigeria"
        things += [p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "for"
                   for p in _participant_objects(prep)]
    things += [c for act in acts for c in act.children if c.dep_ == "dobj"]
    if event_type == "ACCUSE" and extended and head.pos_ in ("NOUN", "PROPN"):
        # "an investigation into crimes committed by Croat forces", "a probe into killings by police":
        # who did what is investigated
        # (the parse may hang the "into" on the verb that carries the noun: "opened an investigation into")
        holders = [head] + ([head.head] if head.dep_ == "dobj" and head.head.pos_ == "VERB" else [])
        things += [p for holder in holders for prep in holder.children if prep.dep_ == "prep"
                   and prep.lower_ in ("into", "of") and prep.i > head.i
                   for p in _participant_objects(prep) if actor_for(p) is None]
    things += [p for t in list(things) for prep in t.children if prep.dep_ == "prep" and prep.lower_ == "of"
               for p in _participant_objects(prep)]
    found: list[Token] = []
    for thing in things:
        for prep in thing.children:
            if prep.dep_ != "prep" or thing.i == head.i:
                continue
            if _acts_on(prep, event_type) or prep.lower_ in ("from", "by") and event_type in SOURCE_PREP_TYPES \
                    or extended and prep.lower_ in ("between", "among") and event_type not in PHYSICAL_TYPES:
                # "halted mediation between the factions": the parties of what was done or stopped
                found += _participant_objects(prep)
            elif extended and prep.lower_ in HOSTILE_PREPS and event_type in LIFTING_TYPES:
                # "lifted the ban on the party", "eased restrictions on Gaza": whom the lifted thing weighed
                # on, where it names them
                found += [p for p in _participant_objects(prep) if actor_for(p) is not None]
    if event_type == "ACCUSE" and extended:
        found += [d for thing in things if thing.i != head.i for d in _thing_doers(thing)]
    groups.append(found)
    if event_type in CRITICISM_TYPES and extended:
        # "condemned Israel's raid", "denounced as a crime Serbia's crackdown", "rejected Cairo's offer":
        # whose act or proposal it is
        shown = things + [c for t in things for c in t.children if c.dep_ == "appos"]
        if head.pos_ == "VERB":
            shown += [a for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "as"
                      for p in _participant_objects(prep) for a in p.children if a.dep_ == "appos"]
        groups.append([c for t in shown if t.i != head.i for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"])
    return [g for g in groups if g]


# participles that say who did what their noun names: "attributed to militants", "blamed on the PKK"
ATTRIBUTING_VERBS = EVENT_WORDS["attributing_verbs"]


def _thing_doers(thing: Token) -> list[Token]:
    """Who placed, fired or is blamed for a thing that names no actor: 'a mine laid by unidentified
    gunmen', 'a rocket fired by the rebels', 'a car bomb attributed to the insurgents'."""
    out: list[Token] = []
    for clause in thing.children:
        if clause.dep_ not in ("acl", "relcl") or clause.tag_ != "VBN":
            continue
        out += [p for agent in clause.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]
        if clause.lemma_.lower() in ATTRIBUTING_VERBS:
            out += [p for prep in clause.children if prep.dep_ == "prep" and prep.lower_ in ("to", "on")
                    for p in _participant_objects(prep)]
    return out


def _own(token: Token) -> bool:
    """'its forces', 'their troops': the subject's own."""
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her") for c in token.children)


def _between_sides(head: Token) -> list[Token]:
    """The parties of a "between A and B" phrase on the trigger, or on the verb a noun trigger is the
    subject of ("fighting broke out between A and B"), each coordinated party apart."""
    holders = [head]
    if head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN"):
        holders.append(head.head)  # "a mediation mission between Syria and Arafat"
    if head.pos_ == "VERB":
        holders += [c for c in head.children if c.dep_ == "dobj"]  # "host a meeting between X and Y"
    if head.dep_ in ("nsubj", "nsubjpass", "attr", "csubj") and head.head.pos_ in ("VERB", "AUX") \
            and head.head.i != head.i:
        holders.append(head.head)
        # "clashes broke out near a hill village between Kachin fighters and the army": the
        # parse may hang it on the place the verb's own phrase names
        holders += [p for prep in head.head.children if prep.dep_ == "prep" for p in _participant_objects(prep)]
    groups = []
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                sides = [g for p in _participant_objects(prep) for g in (p, *p.conjuncts)]
                if sides:
                    groups.append(sides)
    # "between Bhamo and Myitkyina between Kachin fighters and the army": the group that
    # names parties, not the one that names unknown places
    return next((g for g in groups if any(_names_party(t) for t in g)), groups[0] if groups else [])


def _names_party(token: Token) -> bool:
    """Whether a phrase names a party: an actor with a country or a sector."""
    actor = actor_for(token)
    return actor is not None and bool(actor.country or actor.sector)


# what security forces conduct: "killed in an operation of the Frontier Corps", "arrested during a raid
# by police", "killed in the army's offensive"
OPERATION_NOUNS = phrase_words()["operation_nouns"]


def _operation_doers(verb: Token) -> list[Token]:
    """Who did what a passive verb happened in: the "by"/"of" object or the possessor of an
    operation noun under its "in"/"during" ("died in an operation of the Rangers")."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
            continue
        for noun in _participant_objects(prep):
            if noun.lemma_.lower() not in OPERATION_NOUNS:
                continue
            doers = [c for c in noun.children if c.dep_ == "poss"]
            doers += [p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "of")
                      for p in _participant_objects(c)]
            # "an operation by the Greyhound unit of the state police", "an operation
            # launched by the army"
            doers += [d for c in noun.children if c.dep_ == "acl" for d in c.children
                      if d.dep_ == "dobj" and c.lemma_.lower() in ("involve", "include")]
            doers += [p for c in noun.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                      for p in a.children if p.dep_ == "pobj"]
            if not doers:
                # "FC carried out a search operation ... During the search, three militants were
                # killed": the operation told just before, by whoever conducted it
                doers = _conductors_before(noun)
            if doers:
                return doers
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in OPERATION_NOUNS:
        # "Rangers raided a hideout in Karachi where four militants were killed"
        return _conductors(verb.head)
    return []


def _conductors(noun: Token) -> list[Token]:
    """The subject of the verb an operation noun is the object of ("the FC carried out a search")."""
    if noun.dep_ == "compound":
        noun = noun.head
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or verb.i == noun.i:
        return []
    if noun.dep_ == "nsubjpass":
        return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects and all(t.pos_ == "PRON" and actor_for(t) is None for t in subjects) and verb.dep_ == "ccomp":
        # "the Frontier Corps said that they had carried out a search": who says they did it
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"] or subjects
    return subjects


def _sentences_before(doc: Doc, start: int, count: int = 2, in_paragraph: bool = True) -> list[Span]:
    """The up to `count` sentences before the one that starts at token `start`, nearest first; with
    `in_paragraph`, only those of its paragraph (a line break ends one): the context in which news
    tells an incident and then its toll or its doer."""
    found: list[Span] = []
    while len(found) < count and start > 0:
        if in_paragraph and ("\n" in doc[start - 1].whitespace_ or doc[start - 1].is_space):
            break
        sent = doc[start - 1].sent
        found.append(sent)
        start = sent.start
    return found


def _paragraph_window_start(doc: Doc, start: int) -> int:
    """The first token of the window made of the sentence that starts at `start` and the two before it
    in its paragraph."""
    before = _sentences_before(doc, start)
    return before[-1].start if before else start


def _conductors_before(noun: Token) -> list[Token]:
    """For 'the search', 'the operation' with no doer of its own: who conducted the operation the
    two sentences before it (in its paragraph) tell."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children):
        return []
    doc = noun.doc
    for sent in _sentences_before(doc, noun.sent.start):
        for token in sent:
            if token.lemma_.lower() in OPERATION_NOUNS and (token.lemma_ == noun.lemma_ or token.head.lemma_ == noun.lemma_):
                doers = _conductors(token)
                if doers:
                    return doers
    return []


# words that make a "strike" a stoppage of work: its length ("a 48-hour strike"), its reach ("a
# general/nationwide strike"), what it is over ("a strike over pay"), who holds it is read from
# protest_context ("a strike by teachers", "the doctors' strike")
LABOUR_MODIFIERS = EVENT_WORDS["labour_modifiers"]
# what one does to a labour strike: go on, call (off), stage, hold, observe, join, end, suspend it
LABOUR_VERBS = EVENT_WORDS["labour_verbs"]
LABOUR_ON_VERBS = EVENT_WORDS["labour_on_verbs"]
LABOUR_OF_HEADS = EVENT_WORDS["labour_of_heads"]


def _labour_action(noun: Token, protest_context: frozenset) -> bool:
    """'went on strike', 'a general strike', 'a strike by teachers', 'called off the strike', 'on the first
    day of a strike': the noun tells a stoppage of work (a PROTEST), not a military strike. Read from the
    noun's own phrase and the word it hangs on, not from the sentence."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    for child in noun.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod", "poss") and (
                lemma in LABOUR_MODIFIERS or lemma in protest_context):
            return True
        if child.dep_ == "prep" and child.lower_ in ("by", "over", "for") and any(
                p.lemma_.lower() in protest_context for p in child.children if p.dep_ == "pobj"):
            return True
    governor = noun.head
    if noun.dep_ == "pobj" and governor.lower_ == "on" and governor.head.lemma_.lower() in LABOUR_ON_VERBS:
        return True  # "went on strike", "are on strike"
    if noun.dep_ == "pobj" and governor.lower_ == "of" and governor.head.lemma_.lower() in LABOUR_OF_HEADS:
        return True  # "the first day of a strike", "a call of strike"
    return noun.dep_ in ("dobj", "nsubjpass") and governor.lemma_.lower() in LABOUR_VERBS


STOPPAGE_TRIGGERS = EVENT_WORDS["stoppage_triggers"]  # "stopped work": a strike only where the stoppage says so
STOPPAGE_IN_NOUNS = EVENT_WORDS["stoppage_in_nouns"]  # "stopped work in a dispute", "in protest"
STOPPAGE_CLAUSE_VERBS = EVENT_WORDS["stoppage_clause_verbs"]  # "stopped work to protest", "demanding ..."
LABOUR_SUBJECTS = EVENT_WORDS["labour_subjects"]  # "dockers stopped work"
STOPPAGE_CAUSE_MARKS = frozenset({"as", "when", "because", "since"})  # "... after / as a crane collapsed"


def _stoppage_is_strike(verb: Token, protest_context: frozenset) -> bool:
    """'dockers stopped work over pay', 'stopped work in protest', 'stopped work to demand ...', 'miners
    stopped work': a stoppage of work is a strike when the stoppage itself tells a grievance, or its
    subject is a labour force and no cause of the stoppage is told ('stopped work after a crane
    collapsed', 'after heavy rain'). Protest words elsewhere in the sentence are not enough."""
    caused = False
    for child in verb.children:
        word = child.lower_
        objects = [p for p in child.children if p.dep_ in ("pobj", "pcomp")
                   and p.ent_type_ not in TIME_LABELS]  # "over the weekend" is no grievance
        if child.dep_ == "prep" and word in GRIEVANCE_PREPS and objects:
            return True  # "over a pay freeze", "against the closure"
        if child.dep_ == "prep" and word == "in" and any(p.lemma_.lower() in STOPPAGE_IN_NOUNS for p in objects):
            return True  # "in a dispute over pay", "in protest at ..."
        if child.dep_ == "prep" and word == "for" and any(p.lemma_.lower() in protest_context for p in objects):
            return True  # "for higher wages"
        if child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in STOPPAGE_CLAUSE_VERBS:
            return True  # "to protest against ...", "demanding the reinstatement of ..."
        if child.dep_ == "prep" and word in CAUSE_AFTER or child.dep_ == "advcl" and (
                child.lemma_.lower() in CAUSE_AFTER
                or any(m.dep_ == "mark" and m.lower_ in (*CAUSE_AFTER, *STOPPAGE_CAUSE_MARKS) for m in child.children)):
            caused = True  # "after heavy rain", "after a crane collapsed", "as the storm hit"
    if caused:
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    subjects += [p for s in subjects if s.lemma_.lower() in QUANTITY_HEADS or s.lemma_.lower() == "member"
                 for prep in s.children if prep.dep_ == "prep" and prep.lower_ == "of" for p in prep.children
                 if p.dep_ == "pobj"]  # "thousands of teachers", "members of the union"
    return any(s.lemma_.lower() in LABOUR_SUBJECTS or any(
        m.dep_ == "compound" and m.lemma_.lower() in LABOUR_SUBJECTS for m in s.children) for s in subjects)


RID_VERBS = EVENT_WORDS["rid_verbs"]


def _rid_of_armed(verb: Token, armed_tokens: set) -> bool:
    """'troops cleared the two villages of the rebels': ridding a place of armed men takes it; the "of"
    hangs on the verb or on the place (or a place coordinated with it). `armed_tokens`: the tokens of
    the armed actors read in the text."""
    holders = [verb] + [o for c in verb.children if c.dep_ in ("dobj", "nsubjpass") for o in (c, *c.conjuncts)]
    return any(t.i in armed_tokens for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "of"
               for p in prep.children if p.dep_ == "pobj" for t in p.subtree)


def _agent_names_nobody(verb: Token, actor_tokens: set) -> bool:
    """'were held by the floodwater', 'was surrounded by hills': a passive whose agent names no person,
    group or force (no actor mention in its phrase) tells no one's act."""
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return bool(agents) and not any(t.i in actor_tokens for p in agents for t in p.subtree)


def _agent_only_mentions(doc: Doc, heads: dict, actor: Actor) -> bool:
    """'a base surrounded by soldiers' graves': the agent is a thing (graves) that only mentions the
    actor, who then did nothing; not a count or a unit of them ('by hundreds of soldiers')."""
    i = _phrase_head(heads, actor)
    if i is None:
        return False
    token = doc[i]
    return token.dep_ == "pobj" and token.head.dep_ == "agent" and token.lemma_.lower() not in QUANTITY_HEADS \
        and token.lower_ not in actor.text.lower().split()


GUNFIRE_NOUNS = EVENT_WORDS["gunfire_nouns"]
BESIDE_NOUNS = EVENT_WORDS["beside_nouns"]  # "a protest by the embassy": where it was held, not who held it


def _gunfire_owners(verb: Token) -> list[Token]:
    """'was killed in Indian fire', 'wounded after army fire': the gunfire a casualty came from, where a
    word before it names whose it was, as "killed by Israeli fire" does through its agent. A bare "fire"
    (a blaze) or "heavy fire" names no one: actor_for finds no actor in it."""
    return [p for prep in verb.children if prep.dep_ == "prep" and prep.lower_ in (*CAUSE_PREPS, *CAUSE_AFTER)
            for p in prep.children if p.dep_ == "pobj" and p.lemma_.lower() in GUNFIRE_NOUNS
            and any(m.dep_ in ("amod", "compound") and m.i < p.i for m in p.children)
            and not any(_blaze_modifier(m) for m in p.children if m.dep_ in ("amod", "compound") and m.i < p.i)]


def _blaze_modifier(modifier: Token) -> bool:
    """A noun before "fire" that tells where a blaze was, not whose gunfire it was: a place ("a Karachi
    factory fire", "the Lagos market fire") or a thing ("a kitchen fire"). An armed body ("army fire"), a
    weapon ("artillery fire") or a nationality ("Indian fire", an adjective) names whose it was."""
    if modifier.pos_ not in ("NOUN", "PROPN"):
        return False
    if modifier.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    return not _weapon_word(modifier) and actor_for(modifier, None) is None


def _passive_without_agent(verb: Token) -> bool:
    """'were killed', and the participle coordinated with it ('were killed and three others injured')."""
    children = list(verb.children)
    if any(c.dep_ == "agent" for c in children):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in children) or _headline_passive(verb):
        return True
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and _passive_without_agent(verb.head)


def _reciprocal(token: Token) -> bool:
    """'each other', 'one another' as the object: the subjects act on one another."""
    return token.dep_ in ("dobj", "pobj", "prep") and any(
        t.lower_ in ("other", "another") for t in token.subtree) and any(t.lower_ in ("each", "one") for t in token.subtree)


def actors_of(token: Token, on: Optional[str]) -> list[Actor]:
    """The actors a participant phrase names: one, or one per coordinated modifier ("French and
    Egyptian warships", "Pakistani and Indian troops": the state of each, with the head's sector).
    Public: the actors evaluation codes a gold phrase the way this stage does."""
    if _says_nobody(token):
        return []  # "no policemen were killed", "none of the guests": nobody to code
    actor = _actor_at(token, on)
    if actor is None or token.pos_ not in ("NOUN", "PROPN"):
        return [actor] if actor is not None else []
    modifier = next((c for c in phrase_tokens(token) if c.dep_ in ("amod", "compound", "nmod", "poss")
                     and c.i < token.i and c.conjuncts), None)
    if modifier is None:
        return _actors_of_each(token, actor, on)
    out: list[Actor] = []
    parts = (modifier, *modifier.conjuncts)
    rest = token.doc[max(p.i for p in parts) + 1:token.i + 1].text  # "clan militias"
    for part in parts:
        found = actor_for(part, on)
        if found is None:
            return [actor]
        if found.name == actor.name or found.country and found.country == actor.country:
            out.append(actor)
        elif found.country:
            out.append(Actor(text=f"{part.text} {rest}", name=found.name, country=found.country,
                             sector=actor.sector if found.sector is None else found.sector))
        else:  # "Abgaal and Murusade clan militias": a name each
            out.append(Actor(text=f"{_phrase_text(part)} {rest}", name=f"{_phrase_text(part)} {rest}",
                             country=None, sector=found.sector or actor.sector))
    unique = list({(a.name, a.country): a for a in out}.values())
    return unique if len(unique) >= 2 else [actor]


def _says_nobody(token: Token) -> bool:
    """A phrase that denies anyone: "nobody", "none of the guests", "no one", "no passengers"."""
    return token.lower_ in NOBODY_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in token.children)


def _nobody_suffered(head: Token) -> bool:
    """A casualty clause that says no one suffered ("no one was killed", "none of the passengers were
    hurt"): no event of its own, and no victim for the attack it tells of."""
    return head.pos_ == "VERB" and head.lemma_.lower() in CASUALTY_VERBS and any(
        c.dep_ in ("nsubjpass", "nsubj") and _says_nobody(c) for c in head.children)


def _actors_of_each(token: Token, actor: Actor, on: Optional[str]) -> list[Actor]:
    """'the troops of India and Pakistan': one actor per state after "of", with the head's sector."""
    owners = [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
              for p in _participant_objects(prep) if p.conjuncts]
    if not owners:
        return [actor]
    out: list[Actor] = []
    for part in (owners[0], *owners[0].conjuncts):
        found = actor_for(part, on)
        if found is None or not found.country:
            return [actor]
        out.append(Actor(text=f"{token.text} of {_phrase_text(part)}", name=found.name, country=found.country,
                         sector=actor.sector if actor.sector else found.sector))
    unique = list({a.country: a for a in out}.values())
    return unique if len(unique) >= 2 else [actor]


def _phrase_text(token: Token) -> str:
    tokens = phrase_tokens(token)
    return token.doc[tokens[0].i:tokens[-1].i + 1].text


def _actor_at(token: Token, on: Optional[str]) -> Optional[Actor]:
    """The actor a participant phrase names; for a quantity or collective head ("2 groups of clan
    militia", "thousands of residents", "one of the gunmen") the phrase after its "of", and for a
    place or thing that names nobody, whose it is ("a camp for refugees")."""
    actor = actor_for(token, on)
    if actor is not None or token.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
        return actor
    # "a camp for Congolese refugees", "the house of the soldiers": whose place it is
    # "doctors from two American aid groups", "a delegation from China": where they come from
    preps = ("of", "for", "from") if token.lemma_.lower() not in QUANTITY_HEADS and token.pos_ != "NUM" else ("of",)
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    # "a mission of observers from the OSCE": the first of them that names someone
                    actor = actor_for(obj, on)
                    if actor is not None:
                        return actor
    return None


CAUSE_PREPS = EVENT_WORDS["cause_preps"]


def _hazard_cause(head: Token, hazards: frozenset) -> bool:
    """Whether what killed or destroyed is a natural hazard, an accident or an illness: the subject or
    agent of the trigger, or the object of its "in"/"by"/"from" ("died in floods", "killed in a crash")."""
    causes = []
    for child in head.children:
        if child.dep_ in ("nsubj", "csubj") and head.pos_ == "VERB":
            causes.append(child)
        elif child.dep_ == "agent" or child.dep_ == "prep" and child.lower_ in CAUSE_PREPS:
            causes += [p for p in child.children if p.dep_ == "pobj"]
    for cause in causes:
        for token in (cause, *cause.conjuncts):
            lemma = token.lemma_.lower()
            left = token.doc[token.i - 1].lemma_.lower() if token.i > 0 else ""
            if lemma in hazards or f"{left} {lemma}" in hazards:
                return True
    return False


def _following_text(doc: Doc, sent: Span, more: int) -> str:
    """The sentence and up to `more` sentences after it, within its paragraph."""
    end = sent.end
    for _ in range(more):
        if end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space:
            break
        end = doc[end].sent.end
    return doc[sent.start:end].text


def _in_fixed_phrase(token: Token) -> bool:
    doc = token.doc
    if token.i == 0 or token.i + 1 >= len(doc):
        return False
    return (doc[token.i - 1].lower_, token.lower_, doc[token.i + 1].lower_) in FIXED_PHRASES


def _prevented(token: Token) -> bool:
    """'to make sure its interests are not struck', 'protect them from being attacked': an event
    someone acts to prevent did not happen, and is not coded. An act coordinated with the preventing
    one happened ("police thwarted an attack and killed a fighter")."""
    current = token
    for n, ancestor in enumerate(token.ancestors):
        if n >= 6 or ancestor.dep_ == "ROOT" and ancestor.lemma_ in SPEECH_LEMMAS:
            break
        if ancestor.lemma_.lower() in PREVENT_HEADS:
            if current.dep_ == "prep" and current.lower_ in CIRCUMSTANCE_PREPS:
                return False  # "stopped work on the first day of a strike": when it was stopped, not what
            if current.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in PREVENTION_CIRCUMSTANCE_MARKS
                                               for c in current.children):
                return False  # "kept reporters out while members staged a protest": when, not what
            return current.dep_ != "conj"  # coordinated with the prevention, not inside it
        current = ancestor
    return False


def _topic_of_cooperation(token: Token, index: "TriggerIndex") -> bool:
    """'agreed to coordinate their military operations': the operations are what is agreed on,
    not a separate event."""
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ not in ("dobj", "pobj"):
        return False
    governor = token.head.head if token.dep_ == "pobj" else token.head
    if governor.lemma_.lower() in MOTION_VERBS:
        return False  # "arrived on a visit": what the traveller came to do, not a topic
    for trigger in index.by_first.get(governor.lemma_.lower(), ()):
        if trigger.objects and token.lemma_.lower() not in trigger.objects:
            continue  # "give" is aid only with a grant or a loan: "gave a welcome" is no topic of it
        if len(trigger.words) == 1 and trigger.type in COOPERATIVE:
            return True
    return False


def _several(token: Token) -> bool:
    """'2 groups of ...', 'rival factions of ...': a subject that is several parties of one kind."""
    return token.lemma_.lower() in QUANTITY_HEADS and token.tag_ in ("NNS", "NNPS") or token.lower_ in (
        "both", "sides", "factions", "groups")


def _unnamed_person(token: Token, verb: Token, person_verbs: frozenset) -> bool:
    """An object no actor resolved that is still a person: the object of a verb that takes people
    ("shot a driver"), or a phrase that calls itself civilian ("attacked civilian pastoralists")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in PLACE_LABELS:
        return False
    if any(t.lower_ in CIVILIAN_WORDS for t in token.subtree):
        return True
    return verb.lemma_.lower() in person_verbs


def _other_moment(clause: Token) -> bool:
    """A subordinate clause that tells what happened before or after ("after the militants threw a
    grenade"), not how this event was done ("killing", "using a drone")."""
    if clause.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in clause.children)
    if clause.dep_ == "prep" and clause.lower_ in TEMPORAL_MARKS:
        return any(c.dep_ == "pcomp" and c.pos_ == "VERB" for c in clause.children)
    return False


def _participant_objects(prep: Token) -> list[Token]:
    """The objects of a preposition that can be a participant: not a date ("on 13 September"). A
    preposition the parse left with no object, whose noun phrase it took for the subject of a clause
    after it ("granted asylum to five officers holed up in ..."), has that subject as its object."""
    objects = [p for p in prep.children if p.dep_ == "pobj" and p.ent_type_ not in TIME_LABELS]
    if objects or any(c.dep_ in ("pobj", "pcomp") for c in prep.children) or prep.i + 1 >= len(prep.doc):
        return objects
    for token in prep.doc[prep.i + 1:prep.sent.end]:
        if token.dep_ == "nsubj" and token.left_edge.i == prep.i + 1 and token.head.dep_ in ("advcl", "ccomp") \
                and token.head.head.i == prep.head.i and token.pos_ in ("NOUN", "PROPN"):
            return [token]
    return []


def _acts_on(prep: Token, event_type: str) -> bool:
    return prep.lower_ in ACTOR2_PREPS or (prep.lower_ in HOSTILE_PREPS and event_type in HOSTILE) or (
        prep.lower_ == "for" and event_type in ("AID", "SUPPORT", "SANCTION"))  # "aid for Romania", "suspended aid for X"


def _modifier_actor(head: Token, trigger_ids: set[int], on: Optional[str], hostile: bool = False) -> Optional[Actor]:
    """The actor in a noun trigger's own modifiers: "Russia's campaign", "Moscow air strikes"; for a
    hostile act, an armed adjective too ("military airstrikes": the state's forces)."""
    for child in head.children:
        if child.i in trigger_ids or child.dep_ not in ("poss", "compound", "amod", "nmod", "npadvmod"):
            continue
        if child.dep_ in ("compound", "amod") and _weapon_word(child):
            continue  # "an artillery attack by government troops": the weapon, not who fired it
        actor = actor_for(child, on)
        if actor is not None:
            return actor
        if hostile and child.pos_ == "ADJ" and load_kb().sector_of(child.lower_) in ARMED_ADJECTIVE_SECTORS:
            return Actor(text=child.text, name=child.lower_, country=None, sector=load_kb().sector_of(child.lower_))
    for i in sorted(trigger_ids):
        token = head.doc[i]
        if token.i != head.i:
            for child in token.children:
                if child.i not in trigger_ids and child.dep_ in ("poss", "compound", "amod", "npadvmod"):
                    actor = actor_for(child, on)
                    if actor is not None:
                        return actor
    return None


def _weapon_word(token: Token) -> bool:
    """A word of modes.yaml that names a weapon of attack ("artillery", "mortar", "tank"), not a force
    ("police" and "army" are mode words of other kinds)."""
    if token.ent_type_ in ("ORG", "NORP", "GPE"):
        return False
    return any(mode_for(word, "ASSAULT") is not None for word in {token.lemma_.lower(), token.lower_})


def _suffering_cause(noun: Token) -> Optional[Token]:
    """'died of torture', 'died from the blast', 'died as a result of the shelling': the verb of dying
    or suffering whose cause the noun names."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in ("of", "from"):
        return None
    verb = head.head
    if verb.lower_ == "result" and verb.dep_ == "pobj" and verb.head.lower_ == "as":
        verb = verb.head.head  # "as a result of"
    return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in SUFFERING_VERBS else None


def _marched_in_protest(noun: Token, protest_context: frozenset) -> bool:
    """Is this procession a march of protest: taken or brought out ("students took out a procession", "a
    procession taken out by traders"), held, staged, led or joined, or told with who protests or what
    for? One that gunmen fired on or police escorted is none, nor a funeral's, a wedding's or a
    victory's, unless the sentence says it was against something or demanded it."""
    sent = noun.sent
    if any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in CEREMONY_WORDS for c in noun.children) \
            and not any(t.lower_ == "against" or t.lemma_.lower() == "demand" for t in sent):
        return False
    if any(c.dep_ == "acl" and _out_verb(c) for c in noun.children):
        return True  # "a procession taken out by students"
    first = noun
    while first.dep_ == "conj" and first.head.i != first.i and first.head.pos_ in ("NOUN", "PROPN"):
        first = first.head  # "took out rallies and processions"
    verb = first.head
    if first.dep_ in ("dobj", "nsubjpass") and _out_verb(verb):
        return True
    if first.dep_ == "dobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in LIGHT_VERBS | MARCH_VERBS:
        return True  # "held a procession", "led a procession"
    return any(t.lemma_.lower() in protest_context for t in sent)


def _out_verb(verb: Token) -> bool:
    """"took out", "brought out": light verbs only with the particle "out"."""
    return verb.lemma_.lower() in OUT_LIGHT_VERBS and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _governing_verb(noun: Token) -> Optional[Token]:
    """The verb whose subject is also the noun trigger's actor: the light verb it is the object of
    ("held talks", "launched a campaign"), or the verb a time phrase with it hangs from ("made the
    announcement after a meeting with"). Not "condemned the attack": the condemner did not attack."""
    if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "launched a mediation effort"
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "opened tank, machine-gun and rocket fire"
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "NUM") \
            and head.head.dep_ in ("dobj", "dative"):
        noun, head = head.head, head.head.head  # "gave the Ivory Coast 5 million dollars of aid"
    if noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX") and (
            head.lemma_ in LIGHT_VERBS or _out_verb(head)):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in TEMPORAL_PREPS and head.head.pos_ == "VERB":
        return head.head
    if _suffering_cause(noun) is not None:
        return _suffering_cause(noun)
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in RESORT_VERBS:
        return head.head  # "police resorted to firing on the crowd"
    if noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in MOTION_VERBS \
            and noun.ent_type_ not in TIME_LABELS:
        return head.head  # "the president arrived in Cairo on a visit", "the workers went on strike"
    return None


# verbs whose subject undergoes the act named under their "in"/"during"/"after": "died in the attack",
# "sustained injuries in the blast", "escaped unhurt in the ambush", "survived in the shelling"
SUFFERING_VERBS = EVENT_WORDS["suffering_verbs"]
# verbs whose "to" object is what their subject does: "resorted to firing", "turned to violence"
RESORT_VERBS = EVENT_WORDS["resort_verbs"]
# what a complaint is about: "complained to the UN over Israeli raids"
GRIEVANCE_PREPS = EVENT_WORDS["grievance_preps"]
# participles whose "by" object is the means of the noun they modify: "troops backed by air strikes"
BACKING_VERBS = EVENT_WORDS["backing_verbs"]
# verbs of going or staying whose "on" object is what their subject does: "arrived on a visit", "went on
# strike", "troops remained on alert"
MOTION_VERBS = EVENT_WORDS["motion_verbs"]
# where a visit told by a verb of going is paid: "arrived in Amman on a visit", "flew to Moscow on a visit"
VISIT_PREPS = EVENT_WORDS["visit_preps"]
RECIPIENT_TYPES = frozenset({"AID", "SUPPORT", "AGREE", "COOPERATE", "CONCEDE", "RETREAT"})
RECIPIENT_PREPS = EVENT_WORDS["recipient_preps"]


def _recipients(verb: Token) -> list[Token]:
    """Who receives what a verb gives: its dative ("give Tanzania a grant") or the object of its
    "to"/"for" ("provided aid to Mozambique", "aid for Romania and Poland")."""
    out = [c for c in verb.children if c.dep_ == "dative" and c.lower_ not in RECIPIENT_PREPS]
    for prep in verb.children:
        if prep.dep_ in ("prep", "dative") and prep.lower_ in RECIPIENT_PREPS:
            out += _participant_objects(prep)
    return out


def _subject_before_date(verb: Token) -> list[Token]:
    """'Pakistan Rangers Sunday resorted to firing', 'Indian troops Monday shelled ...': with the day
    between subject and verb (a style of South Asian and wire copy), the parse makes the subject a
    compound of the day; the words before the day are the subject. Likewise 'forces conducting a
    patrol opened fire', parsed as a clause subject ("conducting ...") with the forces as its subject."""
    for child in verb.children:
        if child.dep_ == "csubj" and child.tag_ == "VBG" and child.i < verb.i:
            inner = [c for c in child.children if c.dep_ == "nsubj" and c.i < child.i and c.pos_ in ("NOUN", "PROPN")]
            if inner:
                return inner
    for child in verb.children:
        if child.dep_ == "npadvmod" and child.i < verb.i and child.ent_type_ in TIME_LABELS:
            before = [c for c in child.children if c.dep_ in ("compound", "nmod") and c.i < child.i
                      and c.pos_ in ("NOUN", "PROPN")]
            if before:
                return before[-1:]
    return []


def _subject_left_as_root(verb: Token) -> list[Token]:
    """"Police in a drive arrested 34 men", "soldiers on a patrol shot two smugglers": where the parse
    finds no main verb, it makes the first noun the sentence's root and hangs the verb, with its object,
    on the noun of that noun's prepositional phrase as if it described it. The root noun is the subject
    then. Only for a verb with a direct object (a participle that describes a noun has none: "men held
    in a raid") whose sentence is rooted in a noun."""
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or noun.dep_ != "pobj" or noun.head.dep_ != "prep":
        return []
    root = noun.head.head
    if root.dep_ != "ROOT" or root.pos_ not in ("NOUN", "PROPN") or root.i > noun.i:
        return []
    if not any(c.dep_ == "dobj" for c in verb.children) or any(c.dep_ in ("nsubj", "nsubjpass", "agent")
                                                              for c in verb.children):
        return []
    return [root]


def _subjects(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] or _subject_before_date(verb)
    if not subjects and verb.lemma_.lower() in ENGAGED_VERBS:
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if not subjects:
        subjects = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    if not subjects:
        subjects = _inherited_subjects(verb)
    return subjects


# verbs whose object is the one to do what their infinitive names: "urged Russia to withdraw", "asked
# Turkey to release", "called on Israel to halt", "allowed the rebels to leave"
# (the verbs of asking, DEMAND_HEADS, and those of making or letting someone act)
OBJECT_CONTROL = DEMAND_HEADS | EVENT_WORDS["control_verbs"]
ACCUSED_OF_VERBS = EVENT_WORDS["accused_of_verbs"]  # "accused X of doing": X does it


def _inherited_subjects(verb: Token) -> list[Token]:
    """Subject of an infinitive or conjoined verb: that of the verb it depends on."""
    current = verb
    for _ in range(5):
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in OBJECT_CONTROL:
            # "urged Russia to withdraw", "called on Israel to halt": the one urged is to act
            parent = current.head
            told = [c for c in parent.children if c.dep_ == "dobj" and c.i < current.i] or [
                p for prep in parent.children if prep.dep_ == "prep" and prep.lower_ in ("on", "upon")
                and prep.i < current.i for p in _participant_objects(prep)]
            if told:
                return told
        if current.dep_ == "conj" and current.tag_ == "VBD" and current.head.pos_ in ("NOUN", "PROPN") \
                and current.head.dep_ == "ROOT":
            # "2 police officers armed with rifles shot and killed a civilian" with "shot" read as a
            # noun: the parse hangs the finite verb on the subject, as if it were a second one
            return [current.head]
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp") and current.head.i != current.i:
            # "France is ready to contribute troops": through the adjective to its copula's subject
            parent = current.head
            subjects = [c for c in parent.children if c.dep_ == "nsubj"]
            if not subjects and (current.dep_ == "xcomp" or current.dep_ == "conj" and current.tag_ != "VBN" and any(
                    c.dep_ == "aux" for c in current.children) and not any(
                    c.dep_ in ("auxpass", "nsubjpass", "nsubj") for c in current.children)):
                # "about 300 recruits are said to have arrived in the camp"; "the minister has been
                # indicted ... and will resign": the passive's subject is the active conjunct's
                subjects = [c for c in parent.children if c.dep_ == "nsubjpass"]
            if subjects:
                return subjects
            current = parent
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.lower_ in ("of", "for") \
                and current.head.head.lemma_.lower() in ACCUSED_OF_VERBS:
            # "accused the border guards of firing on a boat", "was charged with ...": the one accused did it
            told = [c for c in current.head.head.children if c.dep_ in ("dobj", "nsubjpass")]
            if told:
                return told
        if current.dep_ == "pcomp" and current.head.dep_ == "prep" and current.head.head.pos_ == "VERB":
            # "youths resorted to throwing stones", "police arrested him after raiding the house"
            parent = current.head.head
            subjects = [c for c in parent.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects
            current = parent
            continue
        weapon = current.head
        if current.dep_ == "acl" and weapon.dep_ == "pobj" and weapon.head.lower_ == "with" \
                and weapon.head.head.lemma_.lower() == "arm" and weapon.head.head.dep_ == "acl":
            # "a soldier armed with a rifle shot and killed ...": the parse hangs the verb on the weapon;
            # whoever was armed with it acted
            return [weapon.head.head.head]
        if current.dep_ == "acl" and current.tag_ == "VBG":
            # "Russia's campaign backing Assad"; "the PKK issued a declaration demanding ...": a thing
            # that names no one speaks for whoever issued it
            noun = current.head
            if actor_for(noun) is None and noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB" \
                    and noun.head.lemma_ in LIGHT_VERBS:
                issuers = [c for c in noun.head.children if c.dep_ == "nsubj"]
                if issuers:
                    return issuers
            return [noun]
        if current.dep_ == "acl" and current.tag_ == "VBD" and current.head.dep_ == "ROOT":
            return [current.head]  # a parse that hangs the main verb off its subject: "a group ... protested"
        if current.dep_ == "acl" and current.lemma_.lower() in RESORT_VERBS and current.head.pos_ in ("NOUN", "PROPN") \
                and any(c.dep_ == "prep" and c.lower_ == "to" for c in current.children):
            # "youths resorted to ...", "the crowd turned to looting" taken for a participle: what the
            # verb's "to" names is the noun's own act
            return [current.head]
        if current.dep_ == "relcl":
            rel = [c for c in current.children if c.dep_ == "nsubj"]
            return rel or [current.head]
        break
    return []


def _expand(heads: list[Token]) -> list[Token]:
    """The heads and the phrases coordinated with them ("Russia and Jordan"); not a verb the parse
    coordinated with a noun ("officers ... and killed a civilian")."""
    seen, out = set(), []
    for token in heads:
        for t in (token, *(c for c in token.conjuncts if c.pos_ not in ("VERB", "AUX") or token.pos_ in ("VERB", "AUX"))):
            if t.i not in seen and t.dep_ not in ("cc",):
                seen.add(t.i)
                out.append(t)
    return out


def _same_actor(a: Actor, b: Actor) -> bool:
    """Whether `b` (acted on) is `a` (the doer) told again: the same name and sector (a state and one
    of its organs count as one), or the same country and sector. A state and that state's rebels are two ("Croatia is investigating crimes
    by Croatian extremists"), and so are two of its organs (a judge and officials of the government)."""
    if a.name == b.name:
        return a.sector == b.sector or {a.sector, b.sector} - {None} <= STATE_SECTORS and None in (a.sector, b.sector)
    if a.name != b.name and not _described(a) and not _described(b) and not ({a.name, b.name} & _country_names()):
        return False  # two named people or groups of one state and sector: "Netanyahu met Gantz"
    if _described(a) and not _described(b) and not _names_body(b.name):
        # a described group acting on a named person: "tribal elders forgave President Kanu" (not the
        # reverse: a leader acting on a body of their own side, "recalled its ambassador", is one side)
        return False
    return bool(a.country and a.country == b.country and a.sector == b.sector)


@lru_cache(maxsize=4096)
def _names_body(name: str) -> bool:
    """Whether a name is a state, an organ or a group the knowledge base knows ("Indian Army"), which a
    described member ("a trooper") belongs to; a person or an unknown name is one on their own."""
    return any(e.kind in _BODY_KINDS for e in load_kb().lookup(name))


@lru_cache(maxsize=1)
def _country_names() -> frozenset:
    """Names that stand for a whole state ("Russia" for Moscow, the Kremlin, the country): one of its
    organs or people is the same side as the state."""
    return frozenset(c.name for c in load_kb().countries.values())


# --- status, date, place, source -------------------------------------------------------------------

def _status(head: Token) -> str:
    chain = [head]
    current = head
    while current.head.i != current.i and len(chain) < 6:
        if current.dep_ in ("dobj", "pobj", "prep", "compound", "xcomp", "pcomp", "nsubjpass", "nsubj", "acl",
                            "ccomp", "advcl", "conj", "attr"):
            current = current.head
            chain.append(current)
        else:
            break
    if head.sent.text.rstrip().endswith("?"):
        return "hypothetical"
    for i, token in enumerate(chain):
        children = list(token.children)
        if any(c.dep_ == "neg" and 0 < token.i - c.i <= 3 for c in children) and (
                i == 0 or i == 1 and chain[0].dep_ not in ("ccomp", "advcl", "conj")):
            # "did not strike", "were not killed"; not a "not" the parse hung here from an aside
            parent_lemma = chain[i + 1].lemma_ if i + 1 < len(chain) else ""
            return "denied" if parent_lemma in DENY_HEADS else "negated"
        if any(c.lower_ in HEDGES for c in children):
            return "alleged"
        if i > 0 and token.lemma_ in ALLEGE_HEADS:
            return "alleged"
        if i > 0 and token.lemma_ in DENY_HEADS:
            return "denied"
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children):
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in children) and i <= 1:
            return "hypothetical"
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in children) and i <= 1:
            return "intended"
        if i == 0 and token.dep_ == "pcomp" and token.head.lower_ == "from":
            return "hypothetical"  # "protect them from being attacked"
        if i > 0 and token.lemma_ in DEMAND_HEADS and chain[i - 1].dep_ in ("xcomp", "ccomp", "dobj", "pobj") \
                and token.pos_ == "VERB":
            # "demanded that Moscow withdraw", "urged Russia to withdraw", "called for the release of":
            # what one actor asks of another has not happened, and its doer has not undertaken it
            return "hypothetical"
        if i > 0 and token.lemma_ in INTENT_HEADS and chain[i - 1].dep_ in ("xcomp", "ccomp", "dobj", "pobj"):
            return "intended"
        if token.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and i == 0 \
                and token.head.lemma_ in INTENT_OR_DEMAND_HEADS:
            return "hypothetical" if token.head.lemma_ in DEMAND_HEADS and token.head.pos_ == "VERB" else "intended"
        if any(c.lower_ == "to" and c.dep_ == "aux" for c in children) and token.head.lemma_ in ("be",) \
                and i <= 1:
            return "intended"  # "Jordan and Russia to cooperate" (headline future)
    if head.dep_ in ("relcl",) and head.head.dep_ == "ROOT" and head.lemma_ in ("cooperate",):
        return "intended"
    return "occurred"


STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "INS", "SEP", "PKO", "IMG"})
ARMED_ADJECTIVE_SECTORS = frozenset({"MIL", "COP"})
NON_STATE_ARMED = frozenset({"REB", "INS", "SEP"})


FORCE_WORDS = EVENT_WORDS["force_words"]


def _acled_sector(actor: Optional[Actor]) -> Optional[str]:
    """The sector ACLED's rules see: an international mission's troops ("AUSSOM troops", "UN
    peacekeepers") are an armed peacekeeping force (PKO), not the organisation."""
    if actor is None:
        return None
    if actor.sector == "IGO" and any(w in FORCE_WORDS for w in actor.text.lower().split()):
        return "PKO"
    return actor.sector


# acts done to people, whose participle describes who suffered or got them ("militants killed in a
# raid", "prisoners pardoned by the king", "soldiers backed by AU troops")
DESCRIBED_PATIENT_TYPES = frozenset({"ASSAULT", "COERCE", "SUPPORT", "CONCEDE"})


# sectors whose actors take no country from where they act: international bodies, and sectorless
# names the knowledge base does not know
STATELESS_SECTORS = frozenset({"IGO", "NGO", "MNC"})


def _actors_from_context(doc: Doc, event: EventMention, heads: dict) -> None:
    """Actors the text gives no country ("security forces", "rebels", "demonstrators") take the one
    the context gives, as a human coder reads them: the place their own phrase names ("rebels in the
    Ivory Coast": `actors.actor_for` has read that already); else, for a state's organs and local
    groups, the state where the event happened, else the country the article is about. A group the
    knowledge base knows keeps what it says (a transnational group has no country)."""
    location = event.location.entry.country if event.location is not None else None
    # fighting a rebel group of one country: that country's forces ("government forces and the TNLA")
    rebels_home = next((a.country for a in (event.actor1, event.actor2) if a is not None and a.country
                        and a.sector in NON_STATE_ARMED), None)
    focus = next(iter(doc._.focus or []), None)
    kb = load_kb()
    for side in ("actor1", "actor2"):
        actor = getattr(event, side)
        head = _phrase_head(heads, actor) if actor is not None else None
        if actor is not None and actor.country is not None and head is not None and _outsiders(doc[head]):
            # "Western governments", "foreign troops": not of the country the article is about
            setattr(event, side, actor.model_copy(update={"country": None}))
            continue
        if actor is None or actor.country is not None or actor.sector is None or actor.sector in STATELESS_SECTORS:
            continue
        state = actor.sector in STATE_SECTORS or actor.sector in NON_STATE_ARMED and kb.is_communal(actor.text)
        if not (state or _described(actor)):
            continue
        if head is not None and doc[head].ent_type_ == "PERSON" and not state:
            continue  # a person the knowledge base does not know: not from where they act
        # the place the actor's own phrase names was already read by actors.actor_for (`_in_place`)
        country = location or (rebels_home if state else None) or focus
        if country is not None:
            setattr(event, side, actor.model_copy(update={"country": country}))


def _outsiders(head: Token) -> bool:
    """'Western governments', 'foreign troops', 'world leaders': a plural group told as from outside or
    from many states, whom neither the place of the event nor the article's focus gives a country (a
    phrase that names one of its own keeps it: "foreign troops from Chad", "Western-backed Libyan forces";
    so does one with local members too, "international and local groups", and an office, "foreign ministers")."""
    if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() in OUTSIDER_OFFICE_HEADS or not any(
            c.dep_ in ("amod", "compound", "nmod") and c.lower_ in OUTSIDER_MODIFIERS and not c.conjuncts
            for c in head.children):
        return False
    return not any(t.ent_type_ in ("GPE", "NORP") and t.lower_ not in OUTSIDER_MODIFIERS
                   for t in head.subtree if t.i != head.i)


# what the held are called when someone other than the police holds them: no police arrests a victim
CAPTIVE_NOUNS = EVENT_WORDS["captive_nouns"]


def _captive_takers(events: list[EventMention]) -> bool:
    """Does the text tell a non-state armed group taking people ('Al Shabaab abducted six men', 'rebels
    detained two engineers')? Then a later 'was seized', 'were held' with no captor named is theirs as
    likely as the police's, and no state's police is inferred."""
    armed = load_codebook().sectors["non_state_armed"]
    return any(e.actor1 is not None and e.actor1.sector in armed and (
        e.type == "ASSAULT" and e.lexeme.mode == "abduct" or e.type == "COERCE" and e.lexeme.mode == "arrest")
        for e in events)


def _implicit_captor(doc: Doc, event: EventMention, captive_takers: bool = False) -> None:
    """An arrest told in the passive with no one named as making it ("over 300 people were arrested in
    Khulna", "a teacher was detained in Lebanon") was made by the police of the state where it happened:
    ACLED's codebook defines arrests as state forces detaining people, and PLOVER's coders code such a
    sentence with that state as the source. The actor is inferred, not written: its text is empty. Only
    where the event's place (else the article's focus) gives the state; a rebel group's or a foreign
    captor is always named ("seized by gunmen", "detained by US forces") and so never reaches this. Not
    for an arrest only wished, feared or ruled out ("no one should be detained at X"): no state acted.
    Not where the text tells an armed group taking captives (`captive_takers`), where those held are
    called its victims or hostages, nor where a verb coordinated with the arrest names the captor
    ("were arrested and beaten by soldiers")."""
    if event.type != "COERCE" or event.lexeme.mode != "arrest" or event.actor1 is not None or event.unnamed_actor \
            or event.status not in ("occurred", "alleged"):
        return
    head = doc[event.head]
    if head.pos_ != "VERB" or not _passive_without_agent(head) or captive_takers:
        return
    if any(c.dep_ == "agent" for verb in head.conjuncts for c in verb.children):
        return
    if any(c.dep_ == "nsubjpass" and c.lemma_.lower() in CAPTIVE_NOUNS for c in head.children):
        return
    country = event.location.entry.country if event.location is not None else None
    if country is None:
        focus = next(iter(doc._.focus or []), None)
        country = focus if isinstance(focus, str) else None
    country = country_on(country, published_iso(doc))  # the state of that day: Juba in 1995 is Sudan's
    if country is not None:
        event.actor1 = Actor(text="", name="police", country=country, sector="COP")


DISRUPTED_WEAPONS = ("Strategic developments", "Disrupted weapons use")


def _implicit_disrupter(doc: Doc, event: EventMention) -> None:
    """A bomb defused or an arms cache seized, told in the passive with no one named as doing it ("two
    bombs were found and defused near the mosque", "an IED was dismantled on the road"), was disrupted by
    the security forces of the state where it happened: ACLED's "disrupted weapons use" is weapons
    intercepted, defused or seized before use, with the forces that did it as actor1, and bomb squads
    and searches are theirs; an armed group taking arms is told as its own act ("militants looted the
    depot"). Inferred as the police an arrest implies (`_implicit_captor`): empty text, the state of the
    event's place (else the article's focus) on that day. Only where the trigger or its weapon word
    gives that ACLED pair; not where a coordinated verb names a doer."""
    if event.type != "COERCE" or event.trigger_acled != DISRUPTED_WEAPONS or event.actor1 is not None \
            or event.unnamed_actor or event.status not in ("occurred", "alleged"):
        return
    head = doc[event.head]
    if head.pos_ != "VERB" or not _passive_without_agent(head) or not _weapon_acted_on(head):
        return
    if any(c.dep_ == "agent" for verb in head.conjuncts for c in verb.children):
        return
    country = event.location.entry.country if event.location is not None else None
    if country is None:
        focus = next(iter(doc._.focus or []), None)
        country = focus if isinstance(focus, str) else None
    country = country_on(country, published_iso(doc))
    if country is not None:
        event.actor1 = Actor(text="", name=OPERATION_FORCES, country=country, sector="MIL")


DISRUPTED_WEAPON_NOUNS = EVENT_WORDS["disrupted_weapon_nouns"]


def _weapon_acted_on(verb: Token) -> bool:
    """Is what the passive verb acts on a weapon ("two bombs were found and defused", "a cache of arms
    was seized")? "Tensions were defused" tells no bomb squad's work. The subject may sit on the verb
    the participle is coordinated with; a count ("tonnes of explosives") is read for what it counts."""
    subjects = [c for v in (verb, verb.head if verb.dep_ == "conj" else verb) for c in v.children
                if c.dep_ == "nsubjpass"]
    words = [s for s in subjects] + [p for s in subjects for prep in s.children
                                     if prep.dep_ == "prep" and prep.lower_ == "of" for p in _participant_objects(prep)]
    return any(w.lemma_.lower() in DISRUPTED_WEAPON_NOUNS or w.lower_ in DISRUPTED_WEAPON_NOUNS for w in words)


SWEEP_NOUNS = EVENT_WORDS["sweep_nouns"]
CIVIL_OPERATION_WORDS = EVENT_WORDS["civil_operation_words"]
FORCES_OPERATION_WORDS = EVENT_WORDS["forces_operation_words"]
STATE_FORCE_MODIFIERS = EVENT_WORDS["state_force_modifiers"]
# who conducts an operation against armed men when the text does not say: the state's security forces
OPERATION_FORCES = "security forces"
# the state's own forces an operation's modifier may name ("a police operation"): its sector is theirs
STATE_FORCE_SECTORS = {"MIL": "security forces", "COP": "police"}


def _operation_forces(doc: Doc, event: EventMention) -> None:
    """Armed men killed or hurt in an operation no one is named as conducting ("eight insurgents died in
    a cordon operation near Tarsa", "a rebel commander died during a raid on his hideout") were hit by
    the security forces of the state where it happened: news calls a sweep against armed men an
    operation when the state's forces run it (an armed group's is an attack or an ambush), and ACLED
    codes such an event with that state's forces as actor1. The actor is inferred, not written: its text
    is empty, as the police an arrest implies (`_implicit_captor`). Only where the ones hit are a
    non-state armed side and the operation noun (kb event_words `sweep_nouns`) is the event or governs
    it ("killed in/during an operation"); where the text names who conducted it, `_operation_doers` has
    read them already. Not an operation no state's forces run against armed men ("a rescue operation
    after the flood", `civil_operation_words`); a force its modifier names gives the sector ("a police
    operation": the police). Not where the text names its conductor, whoever that is ("a raid they
    led")."""
    if event.type != "ASSAULT" or event.actor1 is not None or event.status not in ("occurred", "alleged"):
        return
    if event.actor2 is None or event.actor2.sector not in NON_STATE_ARMED or not _worth_keeping(event):
        return
    head = doc[event.head]
    if any(c.dep_ == "agent" for verb in (head, *head.conjuncts) for c in verb.children):
        return  # "killed in an operation by a rival faction": the killer is told, if not read as an actor
    nouns = [n for verb in (head, *head.conjuncts) for prep in verb.children
             if prep.dep_ == "prep" and prep.lower_ in ("in", "during")
             for n in _participant_objects(prep)]
    if head.pos_ == "NOUN":
        nouns.append(head)  # "four rebels died during a raid": the raid itself is the event
    operation = next((n for n in nouns if n.lemma_.lower() in SWEEP_NOUNS and n.pos_ == "NOUN"), None)
    if operation is None:
        return
    sector = _operation_sector(operation)
    if sector is None:
        return
    country = event.location.entry.country if event.location is not None else None
    country = country_on(country or home_country(doc), published_iso(doc))
    if country is not None:
        event.actor1 = Actor(text="", name=STATE_FORCE_SECTORS[sector], country=country, sector=sector)


def _operation_sector(operation: Token) -> Optional[str]:
    """The sector of the state's forces that run an operation whose conductor is not told, from the words
    before its noun: the police for "a police operation", the military for "an army operation", for a
    joint one ("a joint army and police operation") and for one that names no force; None for an
    operation no state's forces run against armed men ("a rescue operation", "a relief drive")."""
    words = [t for t in operation.subtree if t.i < operation.i]
    lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
    if lemmas & CIVIL_OPERATION_WORDS and not lemmas & FORCES_OPERATION_WORDS:
        return None
    if any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("by", "of") or c.dep_ == "relcl" and any(
            g.dep_ == "nsubj" for g in c.children) for c in operation.children):
        return None  # "an operation by a rival faction", "a raid they led": its conductor is told
    kb = load_kb()
    named = set()
    for word in words:
        if word.lower_ in STATE_FORCE_MODIFIERS:
            named.add("MIL")
        elif word.pos_ in ("NOUN", "ADJ", "PROPN"):
            sector = kb.sector_of(word.lemma_.lower()) or kb.sector_of(word.lower_)
            if sector in NON_STATE_ARMED:
                return None  # "a rebel operation": an armed group's own, not the state's
            if sector in ARMED_SECTORS:
                named.add(sector if sector in STATE_FORCE_SECTORS else "MIL")
    return named.pop() if len(named) == 1 else "MIL"


def _operation_told_nearby(doc: Doc, event: EventMention, on: Optional[str], heads: dict) -> None:
    """A killing or a firefight told with no doer, in the sentence of an operation conducted by named
    forces or in one of the two after it in its paragraph ("Rangers conducted a sweep in Tarsa, leaving
    three gunmen dead"; "The Levies began a cordon operation near X. Two insurgents died in a
    gunfight"), was done by those forces: the operation and the killings in it are one event.
    Only killings and fighting (a verb, or a noun of fighting between sides), not an attack told as a
    noun ("reports of a militant ambush on a police car"); not where the ones hit are those forces' own
    ("two policemen were wounded in the raid": the other side hit them)."""
    if event.type != "ASSAULT" or event.actor1 is not None or event.status not in ("occurred", "alleged"):
        return
    if not _worth_keeping(event):
        return  # fill a slot of an event kept, never make one
    if doc[event.head].pos_ != "VERB" and not _orderless(event.lexeme):
        return  # "an ambush on a police car": an attack of its own, not a killing in the operation
    start = _paragraph_window_start(doc, event.sentence[0])
    for token in doc[start:event.sentence[1]]:
        if token.lemma_.lower() not in SWEEP_NOUNS or token.pos_ != "NOUN":
            continue
        doers = [c for c in token.children if c.dep_ == "poss"]
        doers += [p for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "of")
                  for p in _participant_objects(c)]
        doers += [p for c in token.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                  for p in a.children if p.dep_ == "pobj"]
        doers = doers or _conductors(token)
        for doer in _expand(doers):
            for actor in actors_of(doer, on):
                if actor.sector not in ARMED_SECTORS:
                    continue
                if event.actor2 is not None and (_same_actor(actor, event.actor2) or event.actor2.sector == actor.sector
                                                 and event.actor2.country in (None, actor.country)):
                    return
                heads[id(actor)] = (actor, doer.i)
                event.actor1 = actor
                return


CLAIMING_WORDS = EVENT_WORDS["claiming_words"]
NEAR_MISS = EVENT_WORDS["near_miss_adverbs"]
FIGHT_NOUNS = EVENT_WORDS["fight_nouns"]
UNKNOWN_WORDS = EVENT_WORDS["unknown_words"]
UNIDENTIFIED = "unidentified armed group"
# CAMEO has no code for an unidentified armed actor: sitrep codes it as the knowledge base codes the
# words that describe one ("gunmen", "assailants", "armed men" are REB in sectors.yaml)
UNIDENTIFIED_SECTOR = "REB"
# an air, drone or missile strike whose doer is not told: rebels rarely fly, so ACLED names its doer
# "Unidentified Military Forces"; whose aircraft it was is not known, so it has no country
UNIDENTIFIED_MILITARY = "unidentified military forces"
INFERRED_ATTACKERS = frozenset({UNIDENTIFIED, UNIDENTIFIED_MILITARY})


def inferred_attacker(actor: Optional[Actor]) -> bool:
    """Is this the attacker `_unidentified_attacker` inferred where the text names none (read from no
    words, so its text is empty)? Never a state's forces, and no one's for a sum of many attacks."""
    return actor is not None and actor.text == "" and actor.name in INFERRED_ATTACKERS
CLAIM_REACH = 3  # sentences after the event's own, in its paragraph, where a claim or a blame is read


def _doer_in_sentence(event: EventMention, neighbours: list[EventMention], inferred: bool = False,
                      head_dep: str = "") -> None:
    """A killing told with no doer in the sentence of an attack whose doer is told ("six militants were
    killed as military planes pounded their hideouts", "two soldiers were wounded when rebels stormed
    the post") was done by that doer: one incident, told twice. Not where the doer is the one hit.
    `neighbours`: the events of its sentence, in text order (the caller groups them once).
    `inferred`: the doer may be one inferred (`_unidentified_attacker`): "a mine blast killed two
    youths and wounded five" is one unidentified group's attack."""
    if event.type != "ASSAULT" or event.actor1 is not None or event.status not in ("occurred", "alleged"):
        return
    # fill a slot of an event kept, never make one (a verb coordinated with the attack whose subject
    # names no one, "a blast killed two and wounded five", is kept)
    if not (_worth_keeping(event) or inferred and event.unnamed_actor and head_dep == "conj"):
        return
    for other in neighbours:
        if other is event or other.type != "ASSAULT" or other.sentence != event.sentence or other.actor1 is None \
                or not (other.actor1.text or inferred and inferred_attacker(other.actor1)) \
                or other.actor1.sector not in ARMED_SECTORS:
            continue
        if event.actor2 is not None and _same_actor(other.actor1, event.actor2):
            continue
        event.actor1 = other.actor1
        return


def _arrest_in_fighting(doc: Doc, event: EventMention, neighbours: list[EventMention]) -> None:
    """An arrest told with no one making it, in the sentence of a killing or a fight whose doer is a
    state's forces named in the text ("one militant was killed and another detained in a clash with
    the police", "two were killed and one arrested during a raid by the Rangers"), was made by those
    forces: arresting is what a state's forces do to the men they fight. `neighbours`: the events of
    its sentence. Not where the arrest names its own captors, even ones not read as an actor ("after
    he was seized by vigilantes")."""
    if event.type != "COERCE" or event.lexeme.mode != "arrest" or event.actor1 is not None \
            or event.status not in ("occurred", "alleged"):
        return
    if any(c.dep_ == "agent" for c in doc[event.head].children):
        return
    for other in neighbours:
        if other is event or other.type != "ASSAULT" or other.actor1 is None or not other.actor1.text \
                or other.actor1.sector not in STATE_FORCES or not other.actor1.country:
            continue
        event.actor1 = other.actor1
        return


def _both_sides_hit(doc: Doc, event: EventMention, heads: dict) -> None:
    """'a ranger and two gunmen died in a shootout', 'four soldiers and a rebel were killed while the
    fighting went on': where the ones killed or hurt in a fight, told with no doer, are of a state's forces
    and of an armed side against them, the fight was between those two; the state's forces are listed
    first, as ACLED lists a battle's sides (`_state_first`). Only where they were hit in that fight
    (`_told_in_fight`), and never by a bomb, a shell or a strike from the air: a bomb that killed a
    soldier and a passing militant is no battle between them."""
    if event.type != "ASSAULT" or event.actor1 is not None or event.actor2 is None \
            or event.status not in ("occurred", "alleged"):
        return
    start = _phrase_head(heads, event.actor2)
    if start is None:
        return
    if event.mode in REMOTE_MODES or (event.trigger_acled or ("",))[0] == "Explosions/Remote violence" \
            or not _told_in_fight(doc[event.head]):
        return
    on = published_iso(doc)
    victims = [a for token in (doc[start], *doc[start].conjuncts) for a in actors_of(token, on)]
    state = next((a for a in victims if a.sector in STATE_FORCES and a.country), None)
    if state is None:
        return
    other = next((a for a in victims if a.sector in NON_STATE_ARMED or a.sector in STATE_FORCES
                  and a.country and a.country != state.country), None)
    if other is not None:
        event.actor1, event.actor2 = state, other


# a bombing, a shelling or a strike from the air hits whoever is near: the ones it killed fought no one
REMOTE_MODES = frozenset({"explosives", "suicide-attack", "aerial", "heavy-weapons"})
# the conjunctions that set a fight at the moment of the casualties ("died as fighting raged"), not
# before or after them ("days after fighting ended")
WHILE_MARKS = frozenset({"as", "while", "when"})


def _told_in_fight(head: Token) -> bool:
    """Were the casualties told in a fight: the trigger is the fight ("in a gunfight" merged into the
    event, "a clash"), or the casualty verb's in/during/amid phrase is headed by one ("were killed during
    a firefight"), or a clause of the same moment tells it ("as fighting raged")? A fight named
    elsewhere in the sentence ("days after fighting ended") is another moment."""
    def fight(token: Token) -> bool:
        return token.lemma_.lower() in FIGHT_NOUNS and token.pos_ == "NOUN" or token.lower_ == "fighting"
    if fight(head):
        return True
    for child in head.children:
        # the parse may take the fight noun for a modifier of the word after it ("a firefight close to X")
        if child.dep_ == "prep" and child.lower_ in ("in", "during", "amid") and any(
                fight(n) for p in child.children if p.dep_ == "pobj"
                for n in (p, *(m for m in p.lefts if m.dep_ in ("amod", "compound")))):
            return True
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in WHILE_MARKS for m in child.children) \
                and any(s.dep_ == "nsubj" and fight(s) for s in child.children):
            return True
    return False


def _unidentified_attacker(doc: Doc, event: EventMention, force_words: frozenset = frozenset()) -> None:
    """An attack the text tells with no one named as making it ("army convoys were attacked near X", "a
    bomb went off as a patrol passed", "a soldier was killed in crossfire") is coded as made by an
    unidentified armed group of the state where it happened (`home_country` where the event has no
    place; the state of the day, `country_on`): ACLED's codebook names such an actor
    "Unidentified Armed Group (<country of the event>)", and PLOVER's coders code the country where it
    happened ("a minefield explosion near Samarra" -> IRQ). An air, drone or missile strike is
    "unidentified military forces" of no known country, as ACLED names it: armed groups rarely fly.
    An accident told in the sentence (`_accident_told`) gets no attacker; nor does a bare explosion
    with no weapon or armed side near it. The actor is inferred, not written: its text is
    empty. Only for an attack that happened (or is alleged) and that the stage keeps anyway, where neither
    the event nor its context names a doer (`_doer_told_nearby`, `_unnamed_sides`). A bare "killed" or
    "injured" is an attack only in a sentence with a weapon or an armed side in it (`force_words`,
    ARMED_WORDS): "nine passengers were killed when a bus overturned" is no one's attack."""
    if event.type != "ASSAULT" or event.actor1 is not None or event.status not in ("occurred", "alleged"):
        return
    if not _worth_keeping(event):
        return  # fill a slot of an event kept, never make one
    head = doc[event.head]
    agents = [p for verb in (head, *head.conjuncts) for c in verb.children if c.dep_ == "agent"
              for p in c.children if p.dep_ == "pobj"]
    if any(not any(t.lemma_.lower() in force_words or t.lower_ in force_words for t in p.subtree) and not any(
            m.lower_ in UNKNOWN_WORDS for m in p.children) for p in agents) or any(
            c.dep_ in ("nsubjpass", "dobj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in head.children) or any(c.dep_ == "advmod" and c.lower_ in NEAR_MISS for c in head.children):
        # "gunned down by a hitman": a doer told (not "killed by a landmine", "shot by unknown men");
        # "no passengers were killed"; "almost shot"
        return
    if _accident_told(doc, event, force_words):
        return  # "a gas cylinder exploded in a kitchen", "lightning struck their boat"
    words = event.lexeme.words
    if event.mode is None and words[0] in CASUALTY_VERBS and not _violent_context(doc, event, force_words):
        return  # "killed" with no weapon nor armed side near: maybe no one's attack
    if len(words) == 1 and words[0] in EXPLOSION_WORDS and not _violent_context(doc, event, force_words) \
            and not _armed_actor_in_sentence(doc, event) and not _weapon_in_article(doc, force_words):
        return  # "an explosion" with no weapon nor armed side near, nor a bombing told in the article
    on = published_iso(doc)
    country = event.location.entry.country if event.location is not None else _sentence_place_country(doc, event)
    country = country_on(country or home_country(doc), on)
    told = _doer_told_nearby(doc, event)
    if told is not None:
        # the doer the text tells ("Authorities blamed insurgents", "a homemade bomb detonated as Taliban
        # men were setting it up"): theirs, of the event's country where the text gives them none
        actor = actor_for(doc[told.start:told.end].root, on)
        if actor is not None and told.kind != "name" and (actor.sector in ARMED_SECTORS or told.kind == "group"):
            if actor.country is None and (_described(actor) or actor.sector in STATE_SECTORS):
                actor = actor.model_copy(update={"country": country})
            if event.actor2 is not None and _same_actor(actor, event.actor2):
                event.actor2 = None  # "blamed the attacks on militants": the parse took them for the target
            event.actor1 = actor
        return
    if _unnamed_sides(doc, event):
        return
    if event.mode == "aerial" or MILITARY_WEAPON_WORDS.intersection(event.lexeme.words):
        event.actor1 = Actor(text="", name=UNIDENTIFIED_MILITARY, country=None, sector="MIL")
    elif country is not None:
        event.actor1 = Actor(text="", name=UNIDENTIFIED, country=country, sector=UNIDENTIFIED_SECTOR)


def _sentence_place_country(doc: Doc, event: EventMention) -> Optional[str]:
    """For an event the location stage placed nowhere: the one country the places of its sentence are in
    ("a mine blast killed two herders near the Malian town of Gao"), not counting a place word that only tells
    whose people are meant ("US servicemen", "French soldiers"); None where they name several or none."""
    sent = doc[event.head].sent
    countries = set()
    for place in doc._.places or []:
        if not (sent.start <= place.start < sent.end) or not place.entry.country:
            continue
        root = doc[place.start:place.end].root
        if root.dep_ in ("amod", "compound", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN") \
                and root.head.i not in range(place.start, place.end) and not any(
                    p.start <= root.head.i < p.end for p in doc._.places or []):
            continue  # a nationality on a noun that is no place
        countries.add(place.entry.country)
    return next(iter(countries)) if len(countries) == 1 else None


MILITARY_WEAPON_WORDS = EVENT_WORDS["military_weapon_words"]
EXPLOSION_WORDS = EVENT_WORDS["explosion_words"]
ACCIDENT_WORDS = EVENT_WORDS["accident_words"]
# weapon words of modes.yaml that also name things of peace ("a coal mine", "a fuel tank", "a night
# club", "a passenger jet"): they do not make an accident an attack
PEACEFUL_WEAPON_WORDS = EVENT_WORDS["peaceful_weapon_words"]


BOMBING_WORDS = EVENT_WORDS["bombing_words"]


def _armed_actor_in_sentence(doc: Doc, event: EventMention) -> bool:
    """Does the event's sentence name an armed side ("a blast hit a navy post", "a security official
    was hurt in a blast")? A blast where forces are is more likely an attack than a mishap (an accident
    told in the sentence is checked before, `_accident_told`)."""
    start, end = event.sentence
    return any(start <= m.start < end and m.sector in ARMED_SECTORS and not _says_nobody(doc[m.start:m.end].root)
               for m in doc._.actors or [])  # not "no soldiers were hurt"


def _weapon_in_article(doc: Doc, force_words: frozenset) -> bool:
    """Does the article name a weapon or a bombing anywhere ("Kabul Bombing Death Toll Soars" above "the
    multiple blasts outside a school")? Then a blast it tells further on is that attack."""
    weapons = (force_words - PEACEFUL_WEAPON_WORDS) | BOMBING_WORDS
    return any(t.lemma_.lower() in weapons or t.lower_ in weapons for t in doc)


def _accident_told(doc: Doc, event: EventMention, force_words: frozenset) -> bool:
    """Does the event's sentence tell an accident ("a gas cylinder", "a short circuit", "lightning",
    "a fire broke out", "at a chemical plant") and no weapon? Then no attacker is inferred."""
    sent = doc[event.sentence[0]:event.sentence[1]]
    lemmas = " " + " ".join(t.lemma_.lower() for t in sent) + " "
    if not any(f" {cue} " in lemmas for cue in ACCIDENT_WORDS):
        return False
    weapons = force_words - PEACEFUL_WEAPON_WORDS
    return not any(t.lemma_.lower() in weapons or t.lower_ in weapons for t in sent) and not any(
        f" {w} " in lemmas for w in weapons if " " in w)


VIOLENCE_WORDS = EVENT_WORDS["violence_words"]


def _violent_context(doc: Doc, event: EventMention, force_words: frozenset) -> bool:
    """Does the event's sentence, or one of the two before it in its paragraph, tell a weapon, an armed
    side or fighting ("killed in firing across the LoC", "a raid ... A man was killed")?"""
    start = _paragraph_window_start(doc, event.sentence[0])
    words = force_words | ARMED_WORDS | VIOLENCE_WORDS
    return any(t.lemma_.lower() in words or t.lower_ in words for t in doc[start:event.sentence[1]])


def _unnamed_sides(doc: Doc, event: EventMention) -> bool:
    """Does the event's sentence tell fighting between sides it describes without naming them ("a clash
    between two rival groups", "between villagers of two hamlets")? Then the doers are told, as who
    they are, not unknown: a feud or a communal clash, not an unidentified armed group's attack. Sides
    that are places ("between Bhamo and Myitkyina") or times do not count."""
    for token in doc[event.sentence[0]:event.sentence[1]]:
        if token.dep_ != "prep" or token.lower_ != "between":
            continue
        sides = [g for p in _participant_objects(token) for g in (p, *p.conjuncts)]
        if any(s.ent_type_ not in PLACE_LABELS | TIME_LABELS and s.pos_ in ("NOUN", "PROPN") for s in sides):
            return True
    return False


def _doer_told_nearby(doc: Doc, event: EventMention):
    """Does the text name who did it, outside the event's own slots? In its sentence: an armed group
    that is not its target ("a homemade bomb detonated as Taliban men were setting it up", "a blast triggered by
    the Maoists"), or forces it was fought with ("killed in crossfire during an encounter with police").
    In its sentence or the next ones of its paragraph, with a word of claiming or blaming: anyone armed
    or any named body ("X claimed responsibility", "police blamed the rebels", "militants suspected").
    The mention that tells it, else None."""
    sent = doc[event.head].sent
    sents = [sent]  # its sentence and the next ones of its paragraph, one Span each
    for _ in range(CLAIM_REACH):
        end = sents[-1].end
        if end >= len(doc) or "\n" in doc[end - 1].whitespace_ or doc[end].is_space:
            break
        sents.append(doc[end].sent)
    end = sents[-1].end
    # sentences that claim or blame, not those that say no one did ("no group has claimed it")
    claims = [(s.start, s.end) for s in sents
              if any(_claiming(t) for t in s)
              and not any(t.dep_ == "neg" or t.lower_ == "no" and t.dep_ == "det" for t in s)]
    non_state = load_codebook().sectors["non_state_armed"]
    target = event.actor2.name if event.actor2 is not None else None
    mentions = doc._.actors or []  # sorted by start (actors.py): only those of these sentences
    first = bisect_left(mentions, sent.start, key=lambda m: m.start)
    for mention in mentions[first:bisect_left(mentions, end, lo=first, key=lambda m: m.start)]:
        if mention.sector in ("CVL", "PRT"):
            continue
        root = doc[mention.start:mention.end].root
        armed = mention.sector in non_state or mention.kind == "group"
        if any(a <= mention.start < b for a, b in claims) and (
                armed or mention.kind == "name" or mention.sector in ARMED_SECTORS and mention.name != target):
            return mention  # "the military claimed the killing", "attacks blamed on militants"
        fought_with = root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.lemma_.lower() in FIGHT_NOUNS
        if fought_with and mention.start < sent.end and mention.sector in ARMED_SECTORS and mention.name != target \
                and not any(t.i in event.actor_tokens for t in (root, root.head, root.head.head)):
            # "a commander died with four of his fighters in a gunfight with the police": the parse may hang the fight
            # on those killed, but the side it was fought with is not among them
            return mention
        if mention.name == target or any(t.i in event.actor_tokens for t in (root, *root.ancestors)):
            continue  # the event's own target, or part of its phrase ("2 militants, including a TTP commander")
        if any(t.dep_ == "nsubjpass" and t.head.lemma_.lower() in CASUALTY_VERBS for t in (root, *root.ancestors)):
            continue  # among those killed or hurt ("4 militants and a policeman were killed in the firing")
        if mention.start < sent.end and armed:
            return mention
        if mention.start < sent.end and mention.sector in ARMED_SECTORS and root.dep_ == "pobj" and (
                root.head.dep_ == "agent" or root.head.lower_ == "with"
                and root.head.head.lemma_.lower() in VIOLENCE_WORDS | FIGHT_NOUNS):
            return mention  # "an encounter with police", "shot by soldiers" (not "a truck with five policemen")
    return None


def _claiming(token: Token) -> bool:
    """A word that tells who did it: "claimed", "blamed", "was suspected", "responsibility"; not a noun
    like "a suspect" or "the claim" of something else."""
    word = token.lemma_.lower()
    if word not in CLAIMING_WORDS and token.lower_ not in CLAIMING_WORDS:
        return False
    return token.pos_ != "NOUN" or word in ("responsibility", "perpetrator")


def _phrase_head(heads: dict, actor: Actor) -> Optional[int]:
    """The token `actor`'s phrase is headed by, if `_participants` built it from one (this very object)."""
    entry = heads.get(id(actor))
    return entry[1] if entry is not None and entry[0] is actor else None


def _other_one(doc: Doc, heads: dict, actor: Actor) -> bool:
    """An actor told as another of its kind ("shot another soldier", "rival gunmen"): not its doer."""
    head = _phrase_head(heads, actor)
    return head is not None and any(c.dep_ in ("det", "amod") and c.lower_ in OTHER_ONE_WORDS
                                    for c in doc[head].children)


def _left_for_conjunct(verb: Token) -> bool:
    """A preposition of the verb or its object with no object of its own, right before the "and" of a
    coordinated verb: "ties with and an embassy in X" (right node raising)."""
    doc = verb.doc
    return any(prep.dep_ == "prep" and not any(c.dep_ in ("pobj", "pcomp") for c in prep.children)
               and prep.i + 1 < len(doc) and doc[prep.i + 1].dep_ == "cc"
               for holder in [verb] + [c for c in verb.children if c.dep_ == "dobj"] for prep in holder.children)


def _described(actor: Actor) -> bool:
    """An actor described by what it is ("rebels", "university students"), not named."""
    return bool(actor.name) and actor.name[:1].islower()


STATE_FORCES = frozenset({"MIL", "COP"})
# forces moved ("withdrew its troops from", "deployed troops to"): the place they leave or reach is the target
MOVEMENT_TYPES = frozenset({"RETREAT", "MOBILIZE"})
MOVEMENT_PREPS = EVENT_WORDS["movement_preps"]
# verbs whose object is an attack on their subject
REPEL_VERBS = phrase_words()["repel_verbs"]


def _battle(event: EventMention) -> bool:
    return event.acled is not None and event.acled[0] == "Battles"


def _opponent_in_sentence(event: EventMention, events: list[EventMention]) -> None:
    """'troops retook the village after heavy fighting with the rebels': a battle with no other side
    of its own is fought against the armed side the same doer fights in that sentence."""
    if event.actor2 is not None or event.actor1 is None:
        return
    other = next((e for e in events if e is not event and e.sentence == event.sentence and e.type == "ASSAULT"
                  and e.actor1 is not None and _same_actor(e.actor1, event.actor1) and e.actor2 is not None
                  and e.actor2.sector in ARMED_SECTORS and not _same_actor(e.actor2, event.actor1)), None)
    if other is not None:
        event.actor2 = other.actor2


def _orderless(lexeme: Trigger) -> bool:
    """A word of fighting between sides ("clashed", "a gunfight"), not of one side acting on another."""
    return lexeme.mode == "sideAB" or (lexeme.pos == "NOUN" and tuple(lexeme.acled or ()) == ("Battles", "Armed clash"))


def _state_first(event: EventMention) -> None:
    """In a clash neither side is the doer (ACLED's codebook: a battle's actor order means nothing):
    a state's forces are listed first, as ACLED lists them ("clashes between rioters and police",
    "militants exchanged fire with the FC"). Not where the trigger says who acted on whom."""
    orderless = _orderless(event.lexeme) or event.mode == "sideAB"
    if not orderless:
        return  # "ambushed", "attacked": a doer and a target, whatever ACLED's order
    first, second = event.actor1, event.actor2
    if second is not None and second.sector in STATE_FORCES and second.country and (
            first is None or first.sector not in STATE_FORCES):
        event.actor1, event.actor2 = second, first


# acts done to a place: "Russian jets bombed Aleppo", "imposed a curfew in Cizre", "troops arrived in
# Sierra Leone": when no one else is named, the target is the place's country (for a protest or a
# request, its government: the one addressed: "sought refuge in Germany", "called for an inclusive
# government in Syria")
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "AID", "CONCEDE", "RETREAT", "REQUEST",
                                "CONSULT", "THREATEN", "SUPPORT", "COOPERATE"})
# where the event's own location is its target too (not statements, which are made somewhere)
LOCATION_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "CONCEDE"})
PLACE_PREPS = EVENT_WORDS["place_preps"]


def _place_target(doc: Doc, event: EventMention) -> bool:
    """Give an event with no target the country of the place it was done to (see PLACE_TARGET_TYPES):
    a place among the trigger's objects, else the event's own location. True when one was given."""
    if event.type not in PLACE_TARGET_TYPES | CONTENT_TYPES:
        return False
    places = {i: p for p in doc._.places or [] for i in range(p.start, p.end)}
    head = doc[event.head]
    place = _object_place(head, places) if event.type in PLACE_TARGET_TYPES else None
    if place is None and event.type in CONTENT_TYPES and head.pos_ == "VERB":
        # "threatened to impose a curfew in Tunis", "agreed to delay the march in Tbilisi"
        place = next((p for act in head.children if act.dep_ == "xcomp"
                      for p in [_object_place(act, places)] if p is not None), None)
    if place is not None and event.actor1 is not None and place.text in event.actor1.text:
        place = None  # "Moscow strikes": the doer, not the target
    if place is None and event.type in LOCATION_TARGET_TYPES and event.location is not None:
        place = event.location
    # the state the place belonged to on that day ("shelled Juba" in 1995: Sudan)
    country = country_on(place.entry.country, published_iso(doc)) if place is not None else None
    if not country:
        return False
    known = load_kb().country(country)
    event.actor2 = Actor(text=place.text, name=known.name if known else country, country=country,
                         sector="GOV" if event.type == "PROTEST" else None)
    return True


def _object_place(head: Token, places: dict) -> Optional[PlaceMention]:
    """A place named by the trigger's object or the object of its preposition ("bombed Aleppo",
    "curfew in Cizre", "evacuate settlements in the Gaza Strip"), or, for a noun trigger, by those
    of the verb it is the object of ("imposed a curfew in the town of Cizre")."""
    holders = [head]
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
        holders.append(head.head)
    objects = []
    for holder in holders:
        for child in holder.children:
            if holder.i == head.i and (child.dep_ in ("dobj", "nsubjpass") or child.dep_ == "npadvmod" and child.i > head.i):
                # (a place right after the verb the parse took for an adverb: "jets bombed Aleppo")
                objects.append(child)
                objects += [p for prep in child.children if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPS
                            for p in _participant_objects(prep)]
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                objects += _participant_objects(child)
    for obj in objects:
        for token in (obj, *obj.conjuncts):
            # the place itself, or one it is part of: "the town of Cizre", "its borders with Iran"
            # or the place a thing that stays put reaches: "blew up power lines leading into Kabul"
            # (not where a vehicle goes: "attacked a convoy heading to Kandahar")
            for t in [token] + [p for prep in token.children if prep.dep_ == "prep" and prep.lower_ in ("of", "in")
                                for p in _participant_objects(prep)] + [
                    p for acl in token.children if acl.dep_ == "acl" and acl.tag_ == "VBG"
                    and acl.lemma_.lower() in REACHING_VERBS and token.lemma_.lower() not in VEHICLE_NOUNS
                    for prep in acl.children if prep.dep_ == "prep" and prep.lower_ in REACHING_PREPS
                    for p in _participant_objects(prep)]:
                place = places.get(t.i)
                if place is not None:
                    return place
    return None


# prepositions after a casualty verb that name what caused it: "killed following an ambush", "injured
# due to shelling", "died because of the bombing"
CAUSE_AFTER = EVENT_WORDS["cause_after"]


def _merge_same_assault(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'killed by Russian air strikes': the killing and the strikes are one event."""
    by_head = {e.head: e for e in events}
    dropped: set[int] = set()
    for event in events:
        if event.type != "ASSAULT" or id(event) in dropped:
            continue
        head = doc[event.head]
        cause = by_head.get(head.head.i) if head.dep_ in ("relcl", "ccomp") else None
        if event.actor1 is None and cause is not None and cause is not event and cause.type == "ASSAULT" \
                and cause.actor1 is not None and id(cause) not in dropped \
                and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which") for c in head.children):
            # "firing that wounded three farmers", "shelling which killed two": whoever
            # fired did the injuring
            event.actor1 = cause.actor1
        # "died and had their rifles seized after an ambush": the cause may hang on the
        # coordinated participle
        # coordinated participle ("were killed and 14 injured as police opened fire"), which the parse may
        # hang on its victim ("a guard died and a colleague was hurt when gunmen fired")
        participles = [v for v in head.conjuncts if v.i > head.i and v.tag_ == "VBN"] + [
            a for c in head.conjuncts if c.i > head.i and c.pos_ != "VERB" for a in c.children
            if a.dep_ == "acl" and a.tag_ == "VBN"] if head.pos_ == "VERB" else []
        # ("nine were killed and five others injured in a drone strike": the strike is told on the last
        # participle, and caused both)
        later = [c for v in participles for c in v.children
                 if c.dep_ == "prep" and (c.lower_ in CAUSE_AFTER or c.lower_ in ("in", "during"))
                 or c.dep_ == "advcl" and any(
                     m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "while", "after") for m in c.children)]
        for child in list(head.children) + later:
            nested = None
            if child.dep_ == "agent":
                nested = next((by_head.get(p.i) for p in child.children if p.dep_ == "pobj"), None)
            elif child.dep_ in ("nsubj", "dobj") and child.i in by_head:
                nested = by_head[child.i]
            elif child.dep_ == "prep" and child.lower_ in ("in", "during") and head.pos_ == "VERB":
                # "killed in clashes": the clash is the event, the killing its toll
                nested = next((by_head.get(p.i) for p in child.children if p.dep_ in ("pobj", "pcomp")), None)
            elif child.dep_ == "prep" and child.lower_ in CAUSE_AFTER and head.pos_ == "VERB" \
                    and head.lemma_.lower() in CASUALTY_VERBS and _passive_without_agent(head):
                # "eight soldiers were killed following an al Shabaab ambush", "... injured due to air
                # strikes by X": the attack named right after a killing with no doer of its own caused it
                nested = next((by_head.get(p.i) for p in [*child.children, *(g for c in child.children
                                                                             if c.dep_ == "pcomp" for g in c.children)]
                               if p.dep_ in ("pobj", "pcomp") and p.i in by_head), None)
            elif child.dep_ == "advcl" and event.actor1 is None and _clause_event(child, by_head) is None \
                    and head.lemma_.lower() in CASUALTY_VERBS and _passive_without_agent(head) \
                    and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "as", "while") for m in child.children):
                # "two infiltrators died when Army troops foiled a border crossing": armed
                # forces acting at the moment of the killing did it
                doer = _armed_subject(child)
                if doer is not None and not (event.actor2 is not None and _same_actor(doer, event.actor2)):
                    event.actor1 = doer
                continue
            elif child.dep_ == "advcl" and event.actor1 is None and _clause_event(child, by_head) is not None \
                    and head.lemma_.lower() in CASUALTY_VERBS and _passive_without_agent(head) \
                    and _clause_event(child, by_head).actor1 is not None:
                # "a student was hurt when security personnel opened fire", "were killed when troops
                # targeted each other", "died when raids were carried out by the
                # air force": the act the clause tells caused the casualties
                nested = _clause_event(child, by_head)
            elif child.dep_ == "advcl" and child.i in by_head and not _other_moment(child):
                # "an IED exploded, targeting a convoy": the targeting is the explosion
                nested = by_head[child.i]
                if nested.type == "ASSAULT" and id(nested) not in dropped:
                    keep, drop = (nested, event) if nested.mode and not event.mode else (event, nested)
                    if event.actor1 is not None and any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in child.children):
                        # "bombers killed 23 people when they blew themselves up": the clause's pronoun
                        # is the main clause's doer, whom it names
                        keep.actor1 = event.actor1
                    keep.actor1 = keep.actor1 or drop.actor1
                    keep.actor2 = keep.actor2 or drop.actor2
                    keep.unnamed_victim = keep.unnamed_victim or drop.unnamed_victim
                    keep.actor_tokens |= drop.actor_tokens
                    dropped.add(id(drop))
                continue
            if nested is None or nested is event or nested.type != "ASSAULT":
                continue
            if child.dep_ == "prep" and nested.actor1 is None and nested.actor2 is not None and _passive_without_agent(head) \
                    and _orderless(nested.lexeme):
                # "two gunmen were killed in a clash with soldiers": the other side of the clash
                # acted on the victims
                nested.actor1, nested.actor2 = nested.actor2, event.actor2
                event.actor1, event.actor2 = nested.actor1, nested.actor2
            # keep the more specific trigger (it has a mode), with both events' participants
            keep, drop = (nested, event) if nested.mode and not event.mode else (event, nested)
            keep.actor1 = keep.actor1 or drop.actor1
            if drop is event:
                keep.actor2 = keep.actor2 or event.actor2
            else:
                keep.actor2 = event.actor2 or keep.actor2
                keep.status = event.status
            keep.mode = keep.mode or drop.mode
            keep.actor_tokens |= drop.actor_tokens
            if keep is nested:
                keep.sentence = event.sentence
                keep.head, keep.trigger = nested.head, nested.trigger
                # the clause of the verb carries status, date and source
                keep.clause = event.head
            dropped.add(id(drop))
    return [e for e in events if id(e) not in dropped]


# modifiers that rank an attack among others of its kind: "the worst attack", "the third attack this
# year", "the latest such attack"
RANKING_WORDS = EVENT_WORDS["ranking_words"]
ORDINAL_WORDS = EVENT_WORDS["ordinal_words"]


def _ranked_restatement(noun: Token) -> bool:
    """'..., the worst attack on the army this month': a noun in apposition (or parsed as an adverbial
    noun) that ranks the attack just told rather than telling a new one."""
    if noun.pos_ != "NOUN" or noun.dep_ not in ("appos", "npadvmod"):
        return False
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    for mod in noun.children:
        if mod.dep_ not in ("amod", "advmod", "nummod", "predet", "compound") or mod.i > noun.i:
            continue
        words = [mod] + [m for m in mod.children if m.dep_ == "advmod"]
        if any(w.tag_ in ("JJS", "RBS") or w.lower_ in RANKING_WORDS or w.lower_ in ORDINAL_WORDS
               or w.ent_type_ == "ORDINAL" for w in words):
            return True
    return False


def _merge_restated_assault(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'Rebels killed 8 soldiers in an ambush near Beni, the worst attack on the army this month': the
    ranked attack in apposition is the ambush named again, not a second one. It joins the assault it
    hangs on (else the sentence's only other assault) and lends it the target it may lack."""
    by_head = {e.head: e for e in events if e.type == "ASSAULT"}
    dropped: set[int] = set()
    for event in events:
        head = doc[event.head]
        if event.type != "ASSAULT" or id(event) in dropped or not _ranked_restatement(head):
            continue
        told = next((by_head[a.i] for a in head.ancestors if a.i in by_head and id(by_head[a.i]) not in dropped),
                    None)
        if told is None:
            others = [e for e in by_head.values() if e is not event and id(e) not in dropped
                      and e.sentence == event.sentence]
            told = others[0] if len(others) == 1 else None
        if told is None or told is event:
            continue
        _fold_into(told, event)
        dropped.add(id(event))
    return [e for e in events if id(e) not in dropped]


FOLDED = ("actor1", "actor2", "mode", "unnamed_victim")  # what an event told twice lends the one kept


def _fold_into(kept: EventMention, again: EventMention, fields: tuple = FOLDED) -> None:
    """`again` tells the incident `kept` tells: `kept` takes what only `again` knows."""
    for field in fields:
        setattr(kept, field, getattr(kept, field) or getattr(again, field))
    kept.actor_tokens |= again.actor_tokens


def _armed_subject(verb: Token) -> Optional[Actor]:
    """The actor a clause's subject names when it is an armed force ("when Army troops foiled ...")."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        actor = actor_for(subject)
        if actor is not None and actor.sector in ARMED_SECTORS:
            return actor
    return None


def _clause_event(clause: Token, by_head: dict) -> Optional[EventMention]:
    """The event a clause tells: its verb's own, or that of the noun a light verb carries ("when air
    strikes were carried out by ...", "as troops launched an offensive")."""
    if clause.i in by_head:
        return by_head[clause.i]
    if clause.lemma_.lower() in LIGHT_VERBS:
        return next((by_head[c.i] for c in clause.children if c.dep_ in ("nsubjpass", "dobj") and c.i in by_head),
                    None)
    return None


def _merge_casualty_pairs(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'Two villagers were killed and six hurt when the armies ... fired at each other': the killing
    and the wounding told by coordinated passive verbs are one incident, with one doer."""
    by_head = {e.head: e for e in events if e.type == "ASSAULT"}
    dropped: set[int] = set()
    for event in events:
        head = doc[event.head]
        if event.type != "ASSAULT" or id(event) in dropped or head.pos_ != "VERB" \
                or head.lemma_.lower() not in CASUALTY_VERBS or not _passive_or_bare(head):
            continue
        for verb in head.conjuncts:
            other = by_head.get(verb.i)
            if other is None or other is event or id(other) in dropped or verb.i < head.i:
                continue
            if verb.lemma_.lower() not in CASUALTY_VERBS and event.actor1 is None and other.actor1 is not None \
                    and _passive_without_agent(head):
                # "three people were killed in firefights and shelling between Pakistani and Indian
                # troops": the parse coordinates the killing with the act that caused it
                event.actor1 = other.actor1
                continue
            if verb.lemma_.lower() not in CASUALTY_VERBS or not _passive_or_bare(verb):
                continue
            if event.actor1 is not None and other.actor1 is not None and not _same_actor(event.actor1, other.actor1):
                continue
            _fold_into(event, other, FOLDED + ("trigger_acled",))
            dropped.add(id(other))
    return [e for e in events if id(e) not in dropped]


def _share_agent(doc: Doc, events: list[EventMention]) -> None:
    """'A farmer was gunned down and another wounded by border guards', 'was attacked by gunmen and
    robbed': coordinated passive verbs of one attack share the "by" agent the parse hangs on one of them;
    so do a killing and an arrest told as one ("one man was killed and three were detained by the
    Rangers during a raid"), where the doer is a state's forces: only they arrest (gunmen who shot a
    man did not detain his brother the next day)."""
    shared = [e for e in events if e.type == "ASSAULT" or e.type == "COERCE" and e.lexeme.mode == "arrest"]
    by_head = {e.head: e for e in shared}
    for event in shared:
        head = doc[event.head]
        if event.actor1 is not None or head.pos_ != "VERB" \
                or not _passive_without_agent(head):
            continue
        # "and another injured by ...": the parse may hang the second participle on its victim
        verbs = [v for c in head.conjuncts for v in ([c] if c.pos_ == "VERB" else
                                                     [a for a in c.children if a.dep_ == "acl"])]
        for verb in verbs:
            other = by_head.get(verb.i)
            if other is not None and other.type != event.type and other.actor1 is not None \
                    and other.actor1.sector not in STATE_FORCES:
                continue  # an arrest is a state's act: "shot dead by gunmen and his brother detained"
            if other is not None and other is not event and other.actor1 is not None and verb.tag_ == "VBN" \
                    and (any(c.dep_ == "agent" for c in verb.children) or _passive_without_agent(verb)):
                # its agent, or the doer the clause after it gave it ("were killed and their camps
                # destroyed when jets struck")
                event.actor1 = other.actor1
                break


COORDINATORS = frozenset({"and", "or", ",", "as", "well"})


def _share_coordinated_means(doc: Doc, events: list[EventMention]) -> None:
    """'rocket fire and shelling by the army', 'resorted to firing and heavy shelling at the bunkers':
    attack nouns coordinated in one phrase tell one attack by several means, so a doer or a target the
    parse hangs on one of them is the other's too (only where that one has none)."""
    nouns = sorted((e for e in events if e.type == "ASSAULT" and doc[e.head].tag_ in ("NN", "NNS", "VBG")),
                   key=lambda e: e.trigger[0])
    for first, second in zip(nouns, nouns[1:]):
        if first.sentence != second.sentence:
            continue
        between = [t.lower_ if t.lower_ in COORDINATORS else t.pos_ for t in doc[first.trigger[1]:second.trigger[0]]]
        # "X and Y", "X, Y", "X and heavy mortar Y": coordinators, then at most two modifiers of the second
        words = "".join("c" if w in COORDINATORS else "m" if w in ("ADJ", "NOUN") else "x" for w in between)
        if not re.fullmatch(r"c{1,3}m{0,2}", words):
            continue
        for a, b in ((first, second), (second, first)):
            a.actor1 = a.actor1 or b.actor1
            a.actor2 = a.actor2 or b.actor2


def _headline_passive(verb: Token) -> bool:
    """'Two soldiers killed, several wounded in blast', 'Police officer shot dead in Peshawar': a casualty
    participle told without 'were' (headlines, notes), which the parse takes for an active verb with a
    subject. Its subject is the victim: a participle (VBN, not the past tense) with no auxiliary and no
    object, whose subject comes before it."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in HEADLINE_PASSIVE_VERBS:
        return False
    children = list(verb.children)
    return any(c.dep_ == "nsubj" and c.i < verb.i and c.pos_ in ("NOUN", "PROPN") for c in children) \
        and not any(c.dep_ in ("aux", "auxpass", "dobj", "agent") for c in children)


def _passive_or_bare(verb: Token) -> bool:
    """'were killed', '10 (were) wounded': a casualty verb told of its victims, with or without agent."""
    if any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "dobj") for c in verb.children)


PROTEST_STRENGTH = {"riot": 0, "obstruct": 1}


def _merge_same_protest(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'residents demonstrated, blocked roads and burned tires': one demonstration, as violent as its
    most violent part."""
    by_head = {e.head: e for e in events if e.type == "PROTEST"}
    dropped: set[int] = set()
    for event in events:
        if event.type != "PROTEST" or id(event) in dropped:
            continue
        for other in (by_head.get(t.i) for t in doc[event.head].conjuncts):
            if other is None or other is event or id(other) in dropped or other.head < event.head:
                continue
            if PROTEST_STRENGTH.get(other.lexeme.mode, 9) < PROTEST_STRENGTH.get(event.lexeme.mode, 9):
                event.lexeme = other.lexeme  # the mode words of the most violent part
            event.actor1 = event.actor1 or other.actor1
            event.actor2 = event.actor2 or other.actor2
            event.actor_tokens |= other.actor_tokens
            dropped.add(id(other))
    return [e for e in events if id(e) not in dropped]


NAMED_KINDS = frozenset({"country", "capital", "seat", "igo", "group", "person", "demonym"})
# types whose ambiguous words ("support", "recognize", "back") are the event when one named actor
# does it to another ("Chile will back Peru's bid")
NAMED_PAIR_TYPES = frozenset({"SUPPORT", "AID", "AGREE", "COOPERATE", "CONSULT", "REJECT", "ACCUSE", "REQUEST",
                              "SANCTION", "CONCEDE", "RETREAT", "THREATEN"})


def _between_named(head: Token, named: set[int]) -> bool:
    """Whether a verb's subject and its object (or the object's possessor) both name known actors."""
    if head.pos_ != "VERB" or not named:
        return False
    subject = [c for c in head.children if c.dep_ == "nsubj"] or _inherited_subjects(head)
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
    def names(tokens):
        return any(t.i in named for tok in tokens for t in phrase_tokens(tok))
    return names(subject) and names(objects)


def _promise_targets(doc: Doc, events: list[EventMention]) -> None:
    """'Libya offered to hand over to Britain ...', 'promised to continue aid to Mozambique': the
    promise is made to whom the promised act is for. A protest is addressed to whom its purpose
    clause names ("started a sit-in to protest against Norway's ruling", "blocked streets to
    press their demands on the governor")."""
    by_head = {e.head: e for e in events}
    for event in events:
        if event.actor2 is not None or event.type not in ("AGREE", "THREATEN", "REQUEST", "PROTEST"):
            continue
        head = doc[event.head]
        holders = [head]
        if event.type == "PROTEST" and head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "attr") \
                and head.head.pos_ == "VERB":
            holders.append(head.head)  # "began a hunger strike to ...": the verb's purpose clause
        clauses = ("xcomp", "ccomp") if event.type != "PROTEST" else ("xcomp", "advcl")
        for child in (c for h in holders for c in h.children):
            if child.dep_ not in clauses or event.type == "PROTEST" and _other_moment(child):
                continue
            inner = by_head.get(child.i)
            if inner is None or inner.actor2 is None:  # "pledged to keep sending arms to X": the act's own object
                inner = next((by_head.get(g.i) for g in child.children
                              if g.dep_ == "dobj" and g.i in by_head and by_head[g.i].actor2 is not None), inner)
            if inner is not None and inner.actor2 is not None and not (
                    event.actor1 is not None and _same_actor(event.actor1, inner.actor2)):
                event.actor2 = inner.actor2
                break


# what an act with no target of its own may be done for, for it to take that act's target, by its type:
# "opened fire to disperse the protesters" (an act of force); "deployed tanks to intimidate X",
# "mobilized groups to help support X" (anything but a meeting, a withdrawal or another mobilization)
PURPOSE_TYPES = {"ASSAULT": frozenset({"COERCE", "ASSAULT"}),
                 "MOBILIZE": frozenset(PLOVER_TYPES) - {"CONSULT", "RETREAT", "MOBILIZE"}}
HELPED_PURPOSE_TYPES = frozenset({"MOBILIZE"})  # "to help support X": the act helped is the purpose


def _purpose_targets(doc: Doc, events: list[EventMention]) -> None:
    """'police opened fire to disperse the protesters', 'troops fired tear gas to break up the crowd': an
    attack with no target of its own is aimed at whom the act it was done for is aimed at; so is a
    mobilization ('deployed tanks near the border to intimidate X'). PURPOSE_TYPES says which acts count."""
    by_head = {e.head: e for e in events}
    for event in events:
        if event.type not in PURPOSE_TYPES or event.actor2 is not None:
            continue
        verb = doc[event.head]
        if verb.pos_ in ("NOUN", "PROPN") and verb.dep_ in ("dobj", "attr") and verb.head.pos_ == "VERB":
            verb = verb.head  # "opened fire", "fired tear gas"
        for clause in verb.children:
            if clause.dep_ not in ("xcomp", "advcl") or not any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in clause.children):
                continue
            purpose = by_head.get(clause.i)
            if purpose is None and event.type in HELPED_PURPOSE_TYPES:
                purpose = next((by_head[c.i] for c in clause.children if c.dep_ == "xcomp" and c.i in by_head), None)
            if purpose is not None and purpose.type in PURPOSE_TYPES[event.type] and purpose.actor2 is not None \
                    and not (event.actor1 and _same_actor(event.actor1, purpose.actor2)):
                event.actor2 = purpose.actor2
                break


# "in protest against X", "in defiance of X", "in opposition to X": what a protest is against
PROTEST_NOUNS = EVENT_WORDS["protest_nouns"]
AGAINST_PREPS = EVENT_WORDS["against_preps"]
DEMONSTRATION_NOUNS = EVENT_WORDS["demonstration_nouns"]
REMOVAL_NOUNS = EVENT_WORDS["removal_nouns"]
REMOVAL_VERBS = EVENT_WORDS["removal_verbs"]
JOINING_VERBS = EVENT_WORDS["joining_verbs"]  # "joining the nurses": fellow protesters, not whom it opposes
# how far into what a protest is against its target may be named: "the return of land taken by
# Moroccan police units"
TARGET_DEPTH = 4
TARGET_DEPS = frozenset({"poss", "prep", "pobj", "agent", "acl", "dobj", "compound", "amod", "nmod"})


def _protest_targets(doc: Doc, events: list[EventMention], on: Optional[str]) -> None:
    """'fasting in protest of the Kenyan cabinet's decision', 'blocked a highway to show anger at the
    French government's plans', 'in defiance of Vietnamese officials', 'to demand back the land
    taken by Ethiopian army units': a protest is addressed to whom what it
    opposes or demands names."""
    for event in events:
        if event.type != "PROTEST" or event.actor2 is not None:
            continue
        head = doc[event.head]
        holders = [head]
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj", "attr") and head.head.pos_ == "VERB":
            holders.append(head.head)  # "began a hunger strike to ..."
        # a trigger's own object carries the phrase too: "stopped work over a pay freeze"
        holders += [c for c in head.children if c.dep_ == "dobj" and event.trigger[0] <= c.i < event.trigger[1]]
        opposed: list[Token] = []
        located: list[Token] = []
        for holder in holders:
            for child in holder.children:
                if child.dep_ == "prep" and child.lower_ in GRIEVANCE_PREPS:
                    opposed += _participant_objects(child)  # "against the tax", "over pay", "about the closures"
                elif child.dep_ == "prep" and child.lower_ == "at":
                    # "protested at the decision", but also "rioted at a jail in X": weighed after
                    # what the protest is against or asks for
                    located += _participant_objects(child)
                elif child.dep_ == "prep" and child.lower_ == "in":
                    for noun in _participant_objects(child):
                        if noun.lemma_.lower() in PROTEST_NOUNS:
                            opposed += [p for prep in noun.children if prep.dep_ == "prep"
                                        and prep.lower_ in AGAINST_PREPS for p in _participant_objects(prep)]
                elif child.dep_ in ("advcl", "xcomp") and child.pos_ == "VERB" and not _other_moment(child):
                    acts = [child]
                    if child.lemma_.lower() in JOINING_VERBS:
                        # "marched, joining nurses in demanding X's removal": whom they joined marched
                        # with them; what they did together is in the "in" phrase (but a protest joined,
                        # "joining a rally against X", is theirs too)
                        opposed += [c for c in child.children if c.dep_ == "dobj" and actor_for(c, on) is None]
                        acts = [a for prep in child.children if prep.dep_ == "prep" and prep.lower_ == "in"
                                for a in prep.children if a.dep_ == "pcomp" and a.pos_ == "VERB"]
                    for act in acts:
                        opposed += [c for c in act.children if c.dep_ == "dobj"]
                        opposed += [p for prep in act.children if prep.dep_ == "prep" and prep.lower_ in AGAINST_PREPS
                                    for p in _participant_objects(prep)]
                elif child.dep_ == "prep" and child.lower_ in CAUSE_AFTER:
                    # "rioted following a march calling for the president's removal": the riot grew out
                    # of that protest, and is aimed at whom it wanted removed
                    opposed += [d for noun in child.children if noun.dep_ in ("pobj", "dobj")
                                and noun.lemma_.lower() in DEMONSTRATION_NOUNS for d in _demanded_removal(noun)]
        target = _first_actor_in(opposed, event.actor1, on) or _first_actor_in(located, event.actor1, on)
        if target is not None:
            event.actor2 = target


TAKING_VERBS = EVENT_WORDS["taking_verbs"]


def _returned_to_owner(doc: Doc, events: list[EventMention], on: Optional[str]) -> None:
    """'returned the trucks captured from the monitors', 'returned land taken from the
    farmers': what is given back goes back to whom it was taken from. Only a taking (kb event_words
    `taking_verbs`: not "bought from X", "recovered from X"), and not where the text says to whom it
    went ("returned the artefacts to the museum")."""
    for event in events:
        if event.type != "RETREAT" or event.lexeme.mode != "return" or event.actor2 is not None:
            continue
        head = doc[event.head]
        if any(c.dep_ in ("prep", "dative") and c.lower_ == "to" for c in head.children):
            continue
        things = [o for c in head.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
        taken = [acl for thing in things for acl in thing.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                 and acl.lemma_.lower() in TAKING_VERBS]
        # the parse may hang the participle's "from" on the verb ("return weapons seized last year from X")
        froms = [prep for acl in taken for prep in acl.children if prep.dep_ == "prep" and prep.lower_ == "from"]
        froms += [prep for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "from"
                  and any(acl.i < prep.i for acl in taken)]
        owners = [p for prep in froms for p in _participant_objects(prep)]
        target = _first_actor_in(owners, event.actor1, on)
        if target is not None:
            event.actor2 = target


def _warned_against_targets(doc: Doc, events: list[EventMention], on: Optional[str]) -> None:
    """'warned that he would not tolerate roadblocks by the truckers', 'warned it would not accept a
    deal with the rebels': a warning whose content tells what someone (an actor, or a pronoun) will do
    to something is a threat to whom that thing belongs (its object's phrase), when the content names
    no event of its own to carry the target."""
    for event in events:
        if event.type != "THREATEN" or event.actor2 is not None:
            continue
        head = doc[event.head]
        if head.pos_ != "VERB":
            continue
        # only what an actor is to do ("the army would not allow ..."), not a harm foretold
        # ("warned that internet use is hurting the health of minors")
        objects = [o for clause in head.children if clause.dep_ == "ccomp" and clause.pos_ == "VERB"
                   and any(c.dep_ == "nsubj" and (c.pos_ == "PRON" or actor_for(c, on) is not None)
                           for c in clause.children)
                   for o in clause.children if o.dep_ == "dobj"]
        target = _first_actor_in(objects, event.actor1, on)
        if target is not None:
            event.actor2 = target


def _demanded_removal(noun: Token) -> list[Token]:
    """Whom a protest noun's own clause wants removed from power: "a march calling for the removal of
    X", "a rally demanding X's resignation", "a sit-in demanding that X step down". Only a removal: in
    "a march calling for the release of a jailed singer" the singer is the cause, not the target."""
    out: list[Token] = []
    for acl in noun.children:
        if acl.dep_ != "acl" or acl.pos_ != "VERB":
            continue
        asked = [c for c in acl.children if c.dep_ == "dobj"] + [
            p for prep in acl.children if prep.dep_ == "prep" and prep.lower_ == "for" for p in _participant_objects(prep)]
        for thing in asked:
            if thing.lemma_.lower() in REMOVAL_NOUNS:
                out += [c for c in thing.children if c.dep_ == "poss"]
                out += [p for prep in thing.children if prep.dep_ == "prep" and prep.lower_ == "of"
                        for p in _participant_objects(prep)]
        for clause in acl.children:
            if clause.dep_ in ("ccomp", "xcomp", "advcl") and clause.pos_ in ("VERB", "AUX") and (
                    clause.lemma_.lower() in REMOVAL_VERBS or clause.lemma_.lower() == "step" and any(
                    c.dep_ == "prt" and c.lower_ == "down" for c in clause.children)):
                out += [c for c in clause.children if c.dep_ == "nsubj"]  # "that the governor resign"
    return out


def _first_actor_in(phrases: list[Token], not_this: Optional[Actor], on: Optional[str],
                    through_clauses: bool = False, closed: frozenset | set = frozenset()) -> Optional[Actor]:
    """The first actor named in the phrases, breadth first from their heads (the phrase itself, its
    possessor, its "of"/"by"/"from" objects ...), that is not `not_this`. Depth counts words that
    name something, not the prepositions between them. `through_clauses`: also through a gerund ("a
    formula for ending its dispute with X") and a relative clause whose subject is the thing itself
    ("a plan that bars X"), but never into what a claim says ("rejected the claim that X armed the
    rebels") or what a thing is about ("questions about X"): X is not whom the act answers. `closed`:
    heads of clauses not entered (acts of their own, "a resolution condemning X")."""
    deps = CONTENT_OBJECT_DEPS if through_clauses else TARGET_DEPS
    level = list(phrases)
    seen: set[int] = set()
    for _ in range(TARGET_DEPTH):
        following = []
        for token in level:
            if token.i in seen:
                continue
            seen.add(token.i)
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                actor = actor_for(token, on)
                if actor is not None and (actor.country or actor.sector) and (
                        not_this is None or not _same_actor(not_this, actor)):
                    return actor
            for child in token.children:
                if through_clauses and (child.dep_ == "prep" and child.lower_ in TOPIC_PREPS
                                        or child.dep_ in ("acl", "relcl") and (_says_something(child)
                                                                              or child.i in closed)):
                    continue
                if child.dep_ in ("prep", "agent"):  # a preposition is no step: "the return of land taken by X"
                    following += [g for g in child.children if g.dep_ in deps]
                elif child.dep_ in deps:
                    following.append(child)
        level = following
    return None


def _condition_targets(doc: Doc, events: list[EventMention], on: Optional[str]) -> None:
    """'warned of a general strike unless the board dropped its plan', 'threatened to quit the
    talks if Canada pushes the tariff through': a threat is made to whom its condition names."""
    for event in events:
        if event.type != "THREATEN" or event.actor2 is not None:
            continue
        head = doc[event.head]
        scope = [head] + [c for c in head.children if c.dep_ in ("xcomp", "ccomp")]
        conditions = [c for h in scope for c in h.children if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children)]
        subjects = [s for c in conditions for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        for subject in subjects:
            actor = actor_for(subject, on)
            if actor is not None and (actor.country or actor.sector) and (
                    event.actor1 is None or not _same_actor(event.actor1, actor)):
                event.actor2 = actor
                break


def _counted_targets(doc: Doc, events: list[EventMention]) -> None:
    """'Police fired on the marchers, arresting 12': an act whose object is a bare count names some of
    those the same doer acted on just before in the sentence."""
    for k, event in enumerate(events):
        if event.actor2 is not None or event.actor1 is None:
            continue
        head = doc[event.head]
        if head.pos_ != "VERB" or not any(c.dep_ == "dobj" and c.pos_ == "NUM" and not list(c.children)
                                          for c in head.children):
            continue
        if event.lexeme.mode == "release":
            continue  # "detained the leader and released 4": those freed are not those just held
        earlier = next((e for e in reversed(events[:k]) if e.sentence == event.sentence and e.actor2 is not None
                        and e.actor1 is not None and _same_actor(e.actor1, event.actor1)), None)
        if earlier is not None and _many_acted_on(doc[earlier.head]):
            event.actor2 = earlier.actor2


# political acts whose object is a thing (a plan, an offer, a law) aimed at someone the thing's own phrase
# names: "rejected an invitation from the ruling party", "approved a budget for the national police"
CONTENT_OBJECT_TYPES = frozenset({"REJECT", "SUPPORT", "AGREE", "COOPERATE", "CONCEDE", "AID"})
RESTRICTION_TYPES = frozenset({"COERCE", "SANCTION"})  # "restrictions on X", "a ban on X"
# acts whose clause on a thing is not entered: "a resolution condemning X" opposes X
HOSTILE_CLAUSE_TYPES = frozenset({"ACCUSE", "SANCTION", "COERCE", "ASSAULT", "THREATEN", "REJECT"})
CONTENT_OBJECT_DEPS = TARGET_DEPS | {"pcomp", "relcl"}
RELATIVIZER_TAGS = frozenset({"WDT", "WP", "WP$"})
TOPIC_PREPS = EVENT_WORDS["topic_preps"]  # "questions about X": what a thing is about, not whom it is aimed at


def _object_content_targets(doc: Doc, events: list[EventMention], on: Optional[str]) -> None:
    """'turned down an offer of talks from the rebel alliance', 'endorsed a plan that bars
    candidates of the banned party': a political act whose object is a thing, not a party, is aimed at
    the party that thing's phrase names (breadth first, within TARGET_DEPTH naming words), other than
    the doer. Not a statement's or a request's content (kept for whom it is said to or asked of), and
    not an act of force (its target is whom it hit). Nor into a clause of the thing that is a hostile act of
    its own ("backed a resolution condemning X", "a motion that sanctions Y"): X is whom the thing
    opposes, and backing it is no support of X."""
    hostile = {e.head for e in events if e.type in HOSTILE_CLAUSE_TYPES}
    for event in events:
        if event.type not in CONTENT_OBJECT_TYPES | RESTRICTION_TYPES or event.actor2 is not None or event.actor1 is None:
            continue  # (with no doer, whom the thing names may be the doer itself)
        head = doc[event.head]
        if head.pos_ in ("NOUN", "PROPN") and event.type in RESTRICTION_TYPES:
            # a restriction named by a noun: what it is on and whom it is for ("restrictions on the
            # labour market for new EU members")
            # (the parse may hang them on the verb that imposes it)
            holders = [head] + ([head.head] if head.dep_ == "dobj" and head.head.pos_ == "VERB" else [])
            things = [p for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ in ("on", "for")
                      for p in prep.children if p.dep_ == "pobj"]
            objects = [o for c in things if c.pos_ in ("NOUN", "PROPN") for o in (c, *c.conjuncts)]
        elif head.pos_ == "VERB" and event.type in CONTENT_OBJECT_TYPES:
            # the thing: the verb's object, what it is "to" ("agreed to a truce with X", "objected to the
            # deployment of X"), or those of the act it refuses or agrees to ("refused to commit to aid for X")
            holders = [head] + [c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            things = [c for h in holders for c in h.children if c.dep_ == "dobj"] + [
                p for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "to"
                for p in prep.children if p.dep_ == "pobj"]
            objects = [o for c in things if c.pos_ in ("NOUN", "PROPN") for o in (c, *c.conjuncts)]
            if any(actor_for(o, on) is not None for o in objects):
                continue  # the object is a party ("sent troops to X"): the participants step chose its target
        else:
            continue
        target = _first_actor_in(objects, event.actor1, on, through_clauses=True, closed=hostile)
        if target is not None:
            event.actor2 = target


def _says_something(clause: Token) -> bool:
    """A clause on a noun that tells what the noun says ("the allegation that X ...", "accusations it
    is ..."): it has a subject of its own, not a relative pronoun standing for the noun."""
    return clause.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") and c.tag_ not in RELATIVIZER_TAGS for c in clause.children)


def _many_acted_on(head: Token) -> bool:
    """Is what an act was done to several people ("the marchers", "a crowd"), so that a count can be some
    of them? One person ("the opposition leader") cannot be."""
    objects = [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(o.tag_ in ("NNS", "NNPS") or o.conjuncts or o.lemma_.lower() in COLLECTIVE_NOUNS for o in objects)


CASUALTY_VERBS = EVENT_WORDS["casualty_verbs"]
# casualty participles that headlines and notes tell without "were" ("Police officer shot dead"): `_headline_passive`
HEADLINE_PASSIVE_VERBS = CASUALTY_VERBS | EVENT_WORDS["headline_passive_verbs"]
FOLLOW_UP_REACH = 3  # sentences back, in the paragraph, where a bare casualty sentence finds its incident


def _join_bare_casualties(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'Al Shabaab attacked a base. Two soldiers were killed. Five others were wounded.': the bare
    casualty sentences (a passive killing with no attacker, no means and no cause of its own) tell the
    incident before them, not new assaults. They become evidence of it (so its toll counts them) and
    their victims its target where it has none."""
    kept: list[EventMention] = []
    for event in events:
        target = _incident_before(doc, event, kept) if _bare_casualty(doc, event) else None
        if target is None:
            kept.append(event)
            continue
        target.also.append(event.sentence)
        two_sided = target.lexeme.mode == "sideAB" or target.one_side
        # the victims, where the attack named none, or only the place it hit (not a person it was aimed at)
        if (target.actor2 is None or _place_actor(doc, target.actor2)) and event.actor2 is not None \
                and event.actor2.sector is not None and not two_sided and not (
                target.actor1 is not None and _same_actor(target.actor1, event.actor2)):
            target.actor2 = event.actor2
        target.unnamed_victim = target.unnamed_victim or event.unnamed_victim
    return kept


def _place_actor(doc: Doc, actor: Actor) -> bool:
    """Is a target only the place an attack hit ("shelled Raqqa": `_place_target`), which its victims,
    told after, name better? Not a person or a body the knowledge base lacks ("attacked Musa Bello")."""
    return actor.sector is None and any(p.text == actor.text for p in doc._.places or [])


def _bare_casualty(doc: Doc, event: EventMention) -> bool:
    head = doc[event.head]
    if event.type != "ASSAULT" or event.actor1 is not None or event.mode or event.trigger_acled \
            or head.pos_ != "VERB" or head.lemma_.lower() not in CASUALTY_VERBS:
        return False
    if not _passive_without_agent(head):
        return False
    if any(c.dep_ == "neg" for c in head.children) or _nobody_suffered(head):
        return False  # "no passengers were killed": no casualty of the incident
    # "were killed in an air strike", "were killed when gunmen opened fire": a cause of their own; not
    # "was wounded in the assault": the attack told before, named again
    return not any(c.dep_ in ("prep", "advcl") and c.lower_ not in ("on", "at") for c in head.children
                   if c.dep_ == "advcl" or any(p.dep_ == "pobj" and p.ent_type_ not in PLACE_LABELS | TIME_LABELS
                                               and not _restated_violence(p) for p in c.children))


def _restated_violence(noun: Token) -> bool:
    """'the assault', 'this attack': a fight named again with a definite word, no words of its own."""
    children = list(noun.children)
    return noun.lemma_.lower() in VIOLENCE_WORDS | RESTATED_INCIDENT_NOUNS and len(children) == 1 \
        and children[0].dep_ == "det" and children[0].lower_ in RESTATING_DETERMINERS


def _incident_before(doc: Doc, event: EventMention, earlier: list[EventMention]) -> Optional[EventMention]:
    sent = doc[event.sentence[0]].sent
    starts = []
    current = sent
    for _ in range(FOLLOW_UP_REACH):
        if current.start == 0 or "\n" in doc[current.start - 1].whitespace_ or doc[current.start - 1].is_space:
            break
        current = doc[current.start - 1].sent
        starts.append(current.start)
    for start in starts:
        found = [e for e in earlier if e.type == "ASSAULT" and e.sentence[0] == start]
        if found:
            return found[-1]
    return None


RESTATING_DETERMINERS = frozenset({"the", "this", "that"})


def _join_restated_attacks(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """'Soldiers opened fire on a wedding party in X. The motive for the shooting is unknown.': an attack
    named again as a definite noun ("the shooting", "this attack") with no doer of its own, in one of
    the sentences after an attack whose doer the text names (in its paragraph), is that attack told
    again, not a new one by someone unknown. It becomes evidence of it and lends it the victims it
    may lack, as a bare casualty sentence does (`_join_bare_casualties`). Not where its own sentence
    names an armed side ("the governor blamed the Taliban for the attack"): a doer of its own,
    read later (`_doer_told_nearby`)."""
    kept: list[EventMention] = []
    for event in events:
        head = doc[event.head]
        target = None
        if event.type == "ASSAULT" and event.actor1 is None and head.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in RESTATING_DETERMINERS for c in head.children):
            target = _incident_before(doc, event, kept) if not _armed_actor_in_sentence(doc, event) else None
        if target is None or target.actor1 is None or not target.actor1.text or (
                event.actor2 is not None and _same_actor(target.actor1, event.actor2)) \
                or _another_incident(doc, event, target):
            kept.append(event)
            continue
        target.also.append(event.sentence)
        two_sided = target.lexeme.mode == "sideAB" or target.one_side
        # the victims told again where the attack named none, or only the place it hit
        if event.actor2 is not None and event.actor2.sector is not None and not two_sided and (
                target.actor2 is None or _place_actor(doc, target.actor2)):
            target.actor2 = event.actor2
        target.unnamed_victim = target.unnamed_victim or event.unnamed_victim
    return kept


NEW_INCIDENT_WORDS = EVENT_WORDS["new_incident_words"]
TOWN_KINDS = frozenset({"city", "admin2"})


def _another_incident(doc: Doc, event: EventMention, earlier: EventMention) -> bool:
    """Is an attack named as a definite noun told as another incident than the attack before it? Where its
    sentence says so ("Elsewhere, the attack on a bank ...", "in a separate incident") or where its own
    phrase names a town that the earlier attack's sentence, which names towns, does not ("the attack on
    a bank in Lira" after soldiers fired on a crowd in Gulu)."""
    sent = doc[event.sentence[0]:event.sentence[1]]
    opening = _sentence_opening(sent)
    if any(t.lower_ in NEW_INCIDENT_WORDS and (t.i in opening if t.lower_ != "another" else t.head.i == event.head)
           for t in sent):
        return True  # not "... killed one guard and wounded another": "another" marks only the attack noun
    head = doc[event.head]
    phrase = (head.left_edge.i, head.right_edge.i + 1)
    towns = [p for p in doc._.places or [] if p.entry.kind in TOWN_KINDS]
    own = {p.entry.geonames_id or p.entry.name for p in towns if phrase[0] <= p.start < phrase[1]}
    before = {p.entry.geonames_id or p.entry.name for p in towns if earlier.sentence[0] <= p.start < earlier.sentence[1]}
    return bool(own and before and not own & before)


def _sentence_opening(sent: Span) -> range:
    """The token positions that open a sentence: its first word ("Elsewhere, ...", "Meanwhile ...") or
    the phrase it heads ("In a separate incident, ..."), past a leading "And" or "But"."""
    words = [t for t in sent if not (t.is_punct or t.is_space or t.dep_ == "cc")]
    if not words:
        return range(0)
    first = words[0]
    if first.dep_ == "prep" and first.left_edge.i == first.i:
        return range(first.i, first.right_edge.i + 1)
    return range(first.i, first.i + 1)


PROTESTER_WORDS = EVENT_WORDS["protester_words"]


def _violent_protests(doc: Doc, events: list[EventMention]) -> None:
    """'Residents demonstrated ... The demonstrators clashed with police.': a protest whose
    protesters turn to violence in the next sentences of its paragraph is a violent one."""
    for protest in events:
        if protest.type != "PROTEST" or protest.lexeme.mode == "riot" or protest.mode == "riot":
            continue
        following = _following_text(doc, doc[protest.sentence[0]].sent, 2)
        end = doc[protest.sentence[0]].idx + len(following)
        for other in events:
            if other.type != "ASSAULT" or other.actor1 is None or not (
                    protest.sentence[1] <= other.head and doc[other.head].idx < end):
                continue
            if any(w in PROTESTER_WORDS for w in other.actor1.text.lower().split()):
                protest.mode = "riot"
                break


def _merge_headline(doc: Doc, events: list[EventMention]) -> list[EventMention]:
    """A headline announces an event the body tells: keep the body's event, with the headline as one
    more piece of evidence, when type and participants (or the toll) agree."""
    title = next(((lo, hi) for name, lo, hi in doc._.fields or [] if name == "title"), None)
    body = next(((lo, hi) for name, lo, hi in doc._.fields or [] if name == "text"), None)
    if title is None or body is None:
        return events

    def where(event):
        return doc[event.head].idx

    def names(event):
        return {a.name for a in (event.actor1, event.actor2) if a is not None}

    def toll_min(event):
        return getattr(getattr(event.toll, "toll", None), "min", None)

    kept = []
    body_events = [e for e in events if body[0] <= where(e) <= body[1]]
    for event in events:
        if title[0] <= where(event) <= title[1]:
            same = next((b for b in body_events if b.type == event.type and (
                (names(event) and names(event) == names(b))
                or (toll_min(event) is not None and toll_min(event) == toll_min(b)))), None)
            if same is not None:
                same.also.append(event.sentence)
                continue
        kept.append(event)
    return kept


def _dedupe(events: list[EventMention]) -> list[EventMention]:
    """One event per sentence, type and pair of actors; a copy that only lacks actor2 goes. Of two
    copies, the one whose trigger says more (a mode: "clashes" over "killed") is kept, in the place
    of the first."""
    def name(actor):
        return actor.name if actor else None
    keys = {(e.sentence, e.type, name(e.actor1), name(e.actor2), e.head) for e in events}
    best: dict[tuple, EventMention] = {}
    order: list[tuple] = []
    for event in events:
        key = (event.sentence, event.type, name(event.actor1), name(event.actor2))
        if event.actor2 is None and any(k[:3] == key[:3] and k[3] is not None and k[4] == event.head for k in keys):
            continue
        if key not in best:
            best[key] = event
            order.append(key)
        elif not (best[key].lexeme.mode or best[key].trigger_acled) and (event.lexeme.mode or event.trigger_acled):
            best[key] = event
    return [best[k] for k in order]


def _confidence(event: EventMention) -> float:
    score = 0.35
    score += 0.2 if event.actor1 else 0
    score += 0.1 if event.actor2 else 0
    score += 0.1 if event.date else 0
    score += 0.1 if event.location else 0
    score += 0.05 if event.mode else 0
    score += 0.05 if event.toll is not None else 0
    score -= 0.15 if event.ambiguous else 0
    return round(max(0.05, min(0.95, score)), 2)


TERRITORY_TAKEN = frozenset({("Battles", "Government regains territory"),
                             ("Battles", "Non-state actor overtakes territory")})
NONVIOLENT_TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
WEAPON_MODES = frozenset({"aerial", "heavy-weapons", "explosives", "suicide-attack", "unconventional"})


def _worth_keeping(event: EventMention) -> bool:
    """An event nobody did and nothing located, dated or counted is noise, not data; an explosion or
    a strike that happened is an event even when nobody claims it ("an IED exploded")."""
    if event.actor1 or event.actor2:
        return True
    if event.type not in ("ASSAULT", "PROTEST", "COERCE"):
        return False
    if event.toll is not None:
        return True
    if event.status not in ("occurred", "alleged"):
        return False
    if event.unnamed_actor and event.acled is not None:
        return True  # "a group of drivers protested", "unknown assailants killed"
    if event.type == "PROTEST" and event.mode in ("general", "strike") and event.location is not None:
        return True  # "a general strike shut shops across the capital": who struck is everyone there
    return event.mode in WEAPON_MODES


# the types of an incident that is data where it happened even with nobody named: a protest, a riot, a
# clash, an arson (ACLED codes "protesters" and "rioters" of the place)
UNOWNED_INCIDENT_TYPES = frozenset({"PROTEST", "ASSAULT"})
# the roles in which a noun tells an incident of its own: "Protests broke out in X", "held a rally in X"
UNOWNED_NOUN_DEPS = frozenset({"ROOT", "nsubj", "nsubjpass", "dobj"})
TOLD_BEFORE_DETERMINERS = EVENT_WORDS["told_before_determiners"]  # "the clash was over land": told already
NOT_HAPPENING_HEADS = EVENT_WORDS["not_happening_heads"]  # "protests are common in X", "cancelled a rally"
STATE_HEADS = EVENT_WORDS["state_heads"]  # "protests are common in X": a subject of a state, not news


def _unowned_incident(doc: Doc, event: EventMention) -> bool:
    """A protest, riot or clash told as the clause's own news at a named place, with nobody the actor
    stage knows as its doer ("Protests broke out in X", "clashes were reported in Y", "two buses were
    torched in Z", "an unknown union protested in X"), is data, not noise: it happened there. Not one
    told as the cause or object of another act ("in protest over", "against the demolition"), one
    planned or called for ("rallies were planned in X"), a state of things or one that did not happen
    ("protests are common in X", "cancelled a rally"), one denied ("there were no clashes") nor one
    told again ("the clash was over land", definite); nor one in the sentence of an event kept ("two
    cars were burned in an ambush by X": X's ambush, told with what it did; the caller checks that) or
    of an operation ("a raid was conducted and an encounter ensued": the forces that ran it are read by
    `_operation_forces`)."""
    if event.type not in UNOWNED_INCIDENT_TYPES or event.status != "occurred" or event.location is None \
            or event.acled is None:
        return False
    head = doc[event.head]
    if any(c.dep_ == "det" and c.lower_ in TOLD_BEFORE_DETERMINERS for c in head.children):
        return False
    if any(t.lemma_.lower() in SWEEP_NOUNS and t.pos_ == "NOUN" for t in doc[event.sentence[0]:event.sentence[1]]):
        return False  # "a raid was conducted and an encounter ensued": the operation's, whose forces are read apart
    if head.pos_ == "VERB":
        return head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT"
    if head.dep_ in ("nsubj", "nsubjpass", "dobj") and head.head.lemma_.lower() in (
            STATE_HEADS if head.dep_ == "nsubj" else NOT_HAPPENING_HEADS):
        return False  # "protests are common in X", "organisers cancelled a rally in Y", "feared clashes in Z"
    # "protests were planned in X", "called a strike in Y": asked for or meant, not yet held
    return head.dep_ in UNOWNED_NOUN_DEPS and not (
        head.dep_ in ("nsubjpass", "dobj") and head.head.lemma_.lower() in INTENT_OR_DEMAND_HEADS)


def _armed_doer_told_next(doc: Doc, event: EventMention, kept: list[EventMention]) -> bool:
    """Does the next sentence of the event's paragraph tell an act of armed men it names ("Fighting
    was reported in X. The army made gains there")? Then the incident is theirs, told before its
    doers: that act is the one to code, not a fight of nobody. Only for a fight: a protest is the
    protesters' ("Protests broke out in X. Soldiers opened fire on the crowd"); and not across a
    paragraph break, wherever the parse put it (in the sentence's last token or a space token)."""
    end = event.sentence[1]
    if event.type == "PROTEST" or end >= len(doc) or doc[end].is_space \
            or any("\n" in t.whitespace_ or t.is_space and "\n" in t.text for t in doc[event.head:end]):
        return False
    return any(e.sentence[0] == end and e.actor1 is not None and e.actor1.text
               and e.actor1.sector in ARMED_SECTORS for e in kept)


def event_id(article_id: str, field_name: str, start: int, end: int, type_: str, actor1: Optional[str]) -> str:
    raw = f"{article_id}|{field_name}|{start}|{end}|{type_}|{actor1 or ''}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@Language.factory("sitrep_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(nlp, name)
