"""Quotes and attribution: what was said in quotation marks and who said it; who reports an event.

A quote's speaker is the subject of the speech verb next to it (“...,” she said; He told reporters:
“...”; “...,” said Lavrov), or the object of "according to". A pronoun is resolved by the actors
component, else to the nearest named person before it. A quote that spans paragraphs (the paragraph
ends with the quote still open and the next one opens with a quotation mark) is one quote; a quote
with no speaker of its own that follows straight on from another speaker's quote is theirs.

`attribution` gives an event its source: the nearest reporting verb above its clause in the parse
("..., the Syrian Observatory said"; reported speech, "Amman fears that ..."), or "according to X".
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Optional

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..kb import load_kb
from ..records import Actor
from .actors import SPEECH_LEMMAS, actor_for, published_iso
from .syntax import under_appos

OPENERS = "“\""
CLOSERS = "”\""
MIN_WORDS = 4  # shorter quoted strings are scare quotes ("terrorist" groups) or titles
WINDOW = 10  # tokens around a quote searched for its speech verb
FOLLOW_ON_WORDS = 16  # at most this many words between two quotes for the second to inherit the speaker
# Verbs of reported speech and stance that make their subject the source of the clause they govern.
REPORTING_LEMMAS = SPEECH_LEMMAS | frozenset({"fear", "believe", "think", "say", "tell", "suggest",
                                              "indicate", "show", "accuse", "blame", "expect",
                                              "understand", "conclude", "find", "assert", "maintain"})
# Verbs that introduce a quotation inside their own sentence ('He called for a "credible ... body"').
QUOTE_LEMMAS = SPEECH_LEMMAS | frozenset({"call", "ask", "demand", "appeal", "describe", "term", "dub",
                                          "label", "brand", "promise", "vow", "pledge", "add"})
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "du", "da", "del", "della", "di", "la", "le",
                            "al", "el", "bin", "ibn", "abu", "ter", "ten"})
_WORDS = re.compile(r"\w+")
PERSONAL_PRONOUNS = frozenset({"he", "she"})
TITLE_REACH = 12  # sentences back where "the minister" finds the minister named with that title


@dataclass(frozen=True)
class QuoteMention:
    start: int  # character offsets of the quoted text (without the marks) in the Doc
    end: int
    text: str
    speaker: Optional[Actor]


class QuoteFinder:
    def __init__(self, nlp: Language, name: str = "sitrep_quotes"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data.pop(PERSONS_KEY, None)  # built afresh for this run, on the first quote that needs it
        try:
            return self._find(doc)
        finally:
            doc.user_data.pop(PERSONS_KEY, None)

    def _find(self, doc: Doc) -> Doc:
        on = published_iso(doc)
        full = doc.text  # Doc.text joins every token each time: build it once
        starts: Optional[list[int]] = None  # token start offsets, for bisecting; built on the first quote
        quotes: list[QuoteMention] = []
        previous: Optional[tuple[int, Optional[Actor]]] = None  # end of the last quote, its speaker
        for segments in quoted_segments(full):
            text = " ".join(full[s:e].strip() for s, e in segments)
            first_open, last_close = segments[0][0] - 1, segments[-1][1] + 1
            if len(text.split()) < MIN_WORDS:
                continue
            if starts is None:
                starts = doc.to_array(IDX).tolist()  # without making a Token per word
            speaker = _speaker(doc, full, starts, first_open, last_close, on)
            if speaker is None and previous is not None and previous[1] is not None \
                    and _follows_on(full, previous[0], first_open):
                speaker = previous[1]
            start, end = segments[0][0], segments[-1][1]
            while start < end and full[start].isspace():  # offsets cover the words, not the spaces
                start += 1
            while end > start and full[end - 1].isspace():
                end -= 1
            quotes.append(QuoteMention(start, end, text, speaker))
            previous = (last_close, speaker)
        doc._.quotes = quotes
        return doc


def quoted_segments(text: str) -> list[list[tuple[int, int]]]:
    """Each quotation as the character ranges of its text (without the marks), one per paragraph.

    Marks pair up in order within a paragraph; curly and straight marks may be mixed (“... ." or
    "...”). A paragraph left open continues into the next one when that opens with a mark.
    """
    out: list[list[tuple[int, int]]] = []
    pending: list[tuple[int, int]] = []  # a quotation still open at the end of earlier paragraphs
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        open_at: Optional[int] = None
        if pending:
            if line[lead] in OPENERS:
                open_at = lead  # the paragraph reopens the quotation
            else:
                pending = []  # it was never a quotation over paragraphs
        i = 0
        while True:
            if open_at is None:
                open_at = _next_mark(line, i, OPENERS, opening=True)
                if open_at is None:
                    break
            close = _next_mark(line, open_at + 1, CLOSERS, opening=False)
            if close is None:
                pending.append((base + open_at + 1, base + len(line.rstrip())))
                break
            pending.append((base + open_at + 1, base + close))
            out.append(pending)
            pending, i, open_at = [], close + 1, None
    return out


def _next_mark(line: str, i: int, marks: str, opening: bool) -> Optional[int]:
    for j in range(i, len(line)):
        c = line[j]
        if c not in marks:
            continue
        if c == '"':
            before = line[j - 1] if j > 0 else " "
            after = line[j + 1] if j + 1 < len(line) else " "
            if opening and before.isalnum():
                continue  # 5'10" or a closing mark: not an opening one
            if not opening and after.isalnum() and before == " ":
                continue  # the next opening mark
        return j
    return None


def _follows_on(text: str, previous_end: int, start: int) -> bool:
    """Only a short attribution ("... ," Trump wrote, using ...) stands between two quotes."""
    between = text[previous_end:start]
    return "\n\n" not in between and len(_WORDS.findall(between)) <= FOLLOW_ON_WORDS


def _speaker(doc: Doc, full: str, starts: list[int], start_char: int, end_char: int,
             on: Optional[str]) -> Optional[Actor]:
    """`full` is doc.text and `starts` each token's start offset, both built once per Doc: tokens
    are found by bisecting, so a quote costs the same however long the article is."""
    first_inside = bisect_left(starts, start_char)  # tokens [first_inside, first_after) start inside
    first_after = bisect_left(starts, end_char)
    after = doc[first_after:first_after + WINDOW]
    ends_sentence = bool(re.search(r"[.!?][\"”’]*\s*$", full[start_char:end_char]))
    # ', she said.' / ', said Lavrov.' / ', according to NISA.'
    for n, token in enumerate(after):
        if token.text in ("“", '"') or (token.is_space and "\n" in token.text):
            break
        if token.is_sent_start and (n > 0 or (ends_sentence and token.is_title and _speech_verb(token) is None)):
            break  # the next sentence: its verb is not this quote's
        if _according_to(token):
            return _according_actor(token, on)
        verb = _speech_verb(token)
        if verb is not None and not first_inside <= verb.i < first_after:
            speaker = _subject_actor(verb, on)
            if speaker is not None:
                return speaker
    # 'Lavrov told reporters: "..."' / 'According to NISA, "..."' / 'X said on Friday that ... "..."'
    if first_inside == 0:
        return None  # nothing opens the quote
    last = doc[first_inside - 1]  # the last token before the opening mark
    sentence = last.sent
    for token in reversed(doc[max(sentence.start, last.i - 3 * WINDOW):last.i + 1]):
        if token.is_space and "\n" in token.text:
            break
        if token.text in ("”", '"') and token.i < last.i - 1:
            break  # the end of an earlier quote
        if _according_to(token):
            return _according_actor(token, on)
        verb = _speech_verb(token, QUOTE_LEMMAS)
        if verb is not None:
            speaker = _subject_actor(verb, on)
            if speaker is not None:
                return speaker
    return None


def _according_to(token: Token) -> bool:
    return token.lemma_ == "accord" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"


def _according_actor(token: Token, on: Optional[str]) -> Optional[Actor]:
    pobj = next((c for c in token.doc[token.i + 1].children if c.dep_ == "pobj"), None)
    return _phrase_actor(pobj, on) if pobj is not None else None


def _speech_verb(token: Token, lemmas: frozenset = SPEECH_LEMMAS) -> Optional[Token]:
    if token.lemma_ in lemmas and token.pos_ == "VERB":
        return token
    return None


def _subject_actor(verb: Token, on: Optional[str]) -> Optional[Actor]:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return _phrase_actor(child, on)
    return None


def _phrase_actor(token: Token, on: Optional[str]) -> Optional[Actor]:
    """The actor a subject phrase names; an unknown person keeps their name as written."""
    doc = token.doc
    if token.pos_ == "PRON":
        person = _new_voice(doc, token)
        if person is not None:
            return Actor(text=token.text, name=person.text)
    actor = actor_for(token, on)
    # "the provincial governor said" after "Provincial Governor Tomas Reyes": that person, unless the
    # knowledge base already names who held the office then (actor_for's answer stands)
    titled = _titled_person(doc, token) if token.pos_ == "NOUN" and not _names_someone(actor) else None
    if titled is not None:
        text = doc[token.left_edge.i:token.i + 1].text
        if actor is not None:
            return actor.model_copy(update={"text": text, "name": titled.text})
        return Actor(text=text, name=titled.text)
    if actor is not None:
        return actor
    if token.pos_ == "PRON":
        person = _person_before(doc, token.i)
        return Actor(text=token.text, name=person.text) if person is not None else None
    person = _person_in(token)
    tokens = [t for t in token.subtree if not under_appos(t, token) and t.dep_ not in ("relcl", "acl")
              and not t.is_punct and t.pos_ != "DET"]
    text = doc[tokens[0].i:tokens[-1].i + 1].text if tokens else token.text
    return Actor(text=text, name=person.text if person is not None else text)


def _names_someone(actor: Optional[Actor]) -> bool:
    """Is actor_for's answer a person the knowledge base knows (the office holder on the day), rather
    than the phrase's own words ("minister") or the state or force it serves ("Mali")?"""
    return actor is not None and load_kb().person(actor.name) is not None


PERSONS_KEY = "sitrep_quote_persons"


def _persons(doc: Doc) -> tuple[list[int], list[tuple[int, int, int]]]:
    """The Doc's PERSON entities as (start, end, root) in text order, and their starts for bisecting.

    Built once per run of the component (`doc.ents` makes a Span for every entity each time it is
    read, which made a long article's quotes quadratic); plain ints, so the Doc still serialises."""
    cached = doc.user_data.get(PERSONS_KEY)
    if cached is None:
        found = [(ent.start, ent.end, ent.root.i) for ent in doc.ents if ent.label_ == "PERSON"]
        cached = doc.user_data[PERSONS_KEY] = ([start for start, _, _ in found], found)
    return cached


def _persons_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The PERSON entities wholly inside tokens start..end, as `Span.ents` would give them."""
    starts, found = _persons(doc)
    return [doc[s:e] for s, e, _ in found[bisect_left(starts, start):bisect_left(starts, end)] if e <= end]


def _titled_person(doc: Doc, noun: Token) -> Optional[Span]:
    """The person an earlier sentence named with this title: "the deputy mayor" is "Deputy Mayor Ana
    Lopes" told before (the nearest such name; every word of the title in the words just before the
    name). Only for a definite title with no name of its own."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    title = [noun] + [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
    words = {t.lower_ for t in title}
    earliest = doc[noun.i].sent.start
    for _ in range(TITLE_REACH):
        if earliest == 0:
            break
        earliest = doc[earliest - 1].sent.start
    for start, end in reversed(_persons_before(doc, noun.i, earliest)):
        before = {t.lower_ for t in doc[max(0, start - len(title) - 2):start]}
        if words <= before:
            return _whole_name(doc[start:end])
    return None


def _persons_before(doc: Doc, i: int, earliest: int) -> list[tuple[int, int]]:
    starts, found = _persons(doc)
    return [(s, e) for s, e, _ in found[bisect_left(starts, earliest):bisect_left(starts, i)] if e <= i]


def _person_in(token: Token) -> Optional[Span]:
    """A person's name inside the phrase, its apposition included ("a shopkeeper, Omar Haidari")."""
    own = {t.i for t in token.subtree if not any(a.dep_ == "prep" for a in _path(t, token))}
    lo, hi = min(own), max(own) + 1
    starts, found = _persons(token.doc)
    # entities do not overlap: the one that may hold `lo` is the last to start at or before it
    first = max(0, bisect_right(starts, lo) - 1)
    persons = [token.doc[s:e] for s, e, root in found[first:bisect_left(starts, hi)]
               if lo <= root < hi and root in own]
    persons.sort(key=lambda ent: not (ent.start <= token.i < ent.end))  # the head's own name first
    return _whole_name(persons[0]) if persons else None


def _path(token: Token, top: Token) -> list[Token]:
    """The tokens from `token` up to `top` (excluded)."""
    out = []
    while token.i != top.i and token.head.i != token.i:
        out.append(token)
        token = token.head
    return out


def _whole_name(span: Span) -> Span:
    """The model sometimes stops a name short ("Ursula von der | Leyen"): take the proper nouns that
    follow it."""
    doc, end = span.doc, span.end
    while end < len(doc):
        if doc[end].pos_ == "PROPN" and not doc[end].is_punct:
            end += 1
            continue
        particles = end
        while particles < len(doc) and doc[particles].lower_ in NAME_PARTICLES:
            particles += 1
        if particles == end or particles >= len(doc) or doc[particles].pos_ != "PROPN":
            break
        end = particles + 1
    return doc[span.start:end]


def _proper_name(token: Token) -> Optional[Span]:
    """A subject that is a name the model did not tag as a person ("Lena Marsh of ... said")."""
    if token.pos_ != "PROPN":
        return None
    left = token.i
    while left > 0 and token.doc[left - 1].pos_ == "PROPN" and token.doc[left - 1].head.i == token.i:
        left -= 1
    return token.doc[left:token.i + 1]


def _new_voice(doc: Doc, pronoun: Token) -> Optional[Span]:
    """'“...,” she said' just after a sentence that names a person: that person, unless the sentence
    before is itself attributed to someone else (then the voice goes on: the actors component's
    reading stands). Looks at most two sentences back."""
    sentence = pronoun.sent
    for _ in range(2):
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
        if all(t.is_space or t.is_punct for t in sentence):
            continue
        for token in sentence:
            if _speech_verb(token) is not None:
                subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
                if subject is None or subject.pos_ == "PRON":
                    return None
                person = _person_in(subject)
                if person is None and subject.pos_ == "PROPN" and pronoun.lower_ in PERSONAL_PRONOUNS:
                    # "Lena Marsh of the research group Northfield said" parsed with the group's name as
                    # the subject: "she" is a person, the one before the verb that is a subject
                    named = [p for p in _persons_within(doc, sentence.start, token.i)
                             if p.root.dep_ in ("nsubj", "nsubjpass")]
                    person = _whole_name(named[0]) if named else None
                return person or _proper_name(subject)
        persons = _persons_within(doc, sentence.start, sentence.end)
        if persons:
            return _whole_name(persons[-1])
    return None


def _person_before(doc: Doc, i: int) -> Optional[Span]:
    """The last person named wholly before token `i`."""
    starts, found = _persons(doc)
    # entities do not overlap: of those that start before i, only the last can run past it
    for s, e, _ in reversed(found[max(0, bisect_left(starts, i) - 2):bisect_left(starts, i)]):
        if e <= i:
            return doc[s:e]
    return None


def attribution(doc: Doc, event, on: Optional[str]) -> Optional[tuple[str, str]]:
    """Who reports an event: the subject of the nearest reporting verb above its clause ("...,
    the Syrian Observatory said"; "Amman fears that ..."), or the object of "according to".
    Returns (text as written, canonical name)."""
    head = doc[event.clause_head]
    start, end = event.sentence
    for verb in head.ancestors:
        if verb.lemma_ in REPORTING_LEMMAS and verb.pos_ in ("VERB", "AUX"):
            found = _source(doc, event, verb, on)
            if found is not None:
                return found
    for token in doc[start:end]:
        if token.i != head.i and _according_to(token):
            pobj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                actor = actor_for(pobj, on)
                text = " ".join(t.text for t in pobj.subtree)
                return (text, actor.name if actor else text)
    # "Gunmen killed five, police said" parsed with "said" under the event's verb
    chain = {head.i} | {a.i for a in head.ancestors}
    for token in doc[start:end]:
        if token.i != head.i and token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB" \
                and token.head.i in chain and token.dep_ in ("parataxis", "ccomp", "advcl"):
            found = _source(doc, event, token, on)
            if found is not None:
                return found
    return None


def _source(doc: Doc, event, verb: Token, on: Optional[str]) -> Optional[tuple[str, str]]:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    actor = actor_for(subject, on)
    if subject.pos_ == "PRON":
        return (subject.text, actor.name) if actor is not None else None
    own = reporter_phrase(subject)
    # the words that describe the source, not the event: none when the event is told inside the
    # subject's own clause ("a student in Kabul, who spoke to us, said ..."): they are its participants
    head = getattr(event, "head", event.clause_head)
    inside = subject.left_edge.i <= head <= subject.right_edge.i  # the parse is projective
    event.reporter_tokens = set() if inside else {t.i for t in own}
    text = _name_text(doc, subject, own)
    return (text, actor.name if actor else text)


def _name_text(doc: Doc, subject: Token, own: list[Token]) -> str:
    """The reporter as written: its own words in the unbroken run around its head, without its
    appositions ("the Observatory" of "the Observatory, a UK-based group") or a dangling word at
    either end."""
    ids = {t.i for t in own}
    lo = hi = subject.i
    while lo - 1 in ids:
        lo -= 1
    while hi + 1 in ids:
        hi += 1
    kept = [t.i for t in doc[lo:hi + 1] if not t.is_punct and not under_appos(t, subject)] or [subject.i]
    lo, hi = kept[0], kept[-1]
    while hi > lo and doc[hi].pos_ in ("ADP", "CCONJ", "DET", "PART"):
        hi -= 1
    return doc[lo:hi + 1].text


# Dependents that open a clause of their own: what a relative or participle clause says ("militants
# who attacked the base", "a group monitoring the war") is another event, not the reporter's name.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis"})


def reporter_phrase(subject: Token) -> list[Token]:
    """The reporter's own words, in text order: the subject's head, its modifiers and appositions ("the
    Observatory, a UK-based group"), without the clauses hanging from it. A misparse can make a whole
    report the subject of "said" ("Militants who stormed a base killed 12, the army said" read with
    "Militants" as the subject): its verbs and their arguments are events, not the source."""
    own, stack = [], [subject]
    while stack:
        token = stack.pop()
        own.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS:
                continue
            if child.pos_ in ("VERB", "AUX") and child.dep_ not in ("amod", "compound", "npadvmod"):
                continue  # a verb heading more than a modifier ("UK-based" stays)
            stack.append(child)
    return sorted(own, key=lambda t: t.i)


@Language.factory("sitrep_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
