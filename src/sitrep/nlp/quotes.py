"""Quotes: what was said in quotation marks, and who said it.

The speaker is the subject of the speech verb next to the quote ("..., she said", "He told reporters:
'...'"); a pronoun is resolved by the actors component, which keeps the last named voice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..records import Actor
from .actors import SPEECH_LEMMAS, actor_for, published_iso
from .syntax import under_appos

QUOTED = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"|‘([^’\n]{20,})’")
MIN_WORDS = 4  # shorter quoted strings are scare quotes ("terrorist" groups) or titles
WINDOW = 10  # tokens around a quote searched for its speech verb


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
        on = published_iso(doc)
        quotes = []
        for match in QUOTED.finditer(doc.text):
            group = next(g for g in (1, 2, 3) if match.group(g) is not None)
            text = match.group(group)
            if len(text.split()) < MIN_WORDS:
                continue
            start, end = match.start(group), match.end(group)
            quotes.append(QuoteMention(start, end, text, _speaker(doc, match.start(), match.end(), on)))
        doc._.quotes = quotes
        return doc


def _speaker(doc: Doc, start_char: int, end_char: int, on: Optional[str]) -> Optional[Actor]:
    after = doc.char_span(end_char, end_char, alignment_mode="expand")
    first_after = after.start if after is not None else None
    if first_after is None:
        first_after = next((t.i for t in doc if t.idx >= end_char), len(doc))
    inside = {t.i for t in doc if start_char <= t.idx < end_char}
    # ', she said.' / ', said Lavrov.'
    for token in doc[first_after:min(len(doc), first_after + WINDOW)]:
        if token.text in ("“", '"') or (token.is_space and "\n" in token.text):
            break
        verb = _speech_verb(token)
        if verb is not None and verb.i not in inside:
            speaker = _subject_actor(verb, on)
            if speaker is not None:
                return speaker
    # 'Lavrov told reporters: "..."'
    before = [t for t in doc if t.idx < start_char][-WINDOW:]
    for token in reversed(before):
        if token.is_space and "\n" in token.text:
            break
        verb = _speech_verb(token)
        if verb is not None:
            speaker = _subject_actor(verb, on)
            if speaker is not None:
                return speaker
    return None


def _speech_verb(token: Token) -> Optional[Token]:
    if token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB":
        return token
    return None


def _subject_actor(verb: Token, on: Optional[str]) -> Optional[Actor]:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return actor_for(child, on) or Actor(text=child.text, name=child.text)
    return None


def attribution(doc: Doc, event, on: Optional[str]) -> Optional[tuple[str, str]]:
    """Who reports an event: the subject of a speech verb whose clause holds it ("..., the Syrian
    Observatory said"), or the object of "according to". Returns (text as written, canonical name)."""
    head = doc[event.clause_head]
    start, end = event.sentence
    for token in doc[start:end]:
        if token.i == head.i:
            continue
        if token.lemma_ == "accord" and token.i + 1 < end and doc[token.i + 1].lower_ == "to":
            pobj = next((c for c in doc[token.i + 1].children if c.dep_ == "pobj"), None)
            if pobj is not None:
                actor = actor_for(pobj, on)
                text = " ".join(t.text for t in pobj.subtree)
                return (text, actor.name if actor else text)
        if token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB" and head.i in {t.i for t in token.subtree}:
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None:
                continue
            actor = actor_for(subject, on)
            if subject.pos_ == "PRON":
                if actor is None:
                    continue
                return (subject.text, actor.name)
            tokens = [t for t in subject.subtree if not under_appos(t, subject) and not t.is_punct]
            event.reporter_tokens = {t.i for t in subject.subtree}
            text = doc[tokens[0].i:tokens[-1].i + 1].text if tokens else subject.text
            return (text, actor.name if actor else text)
    return None



@Language.factory("sitrep_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
