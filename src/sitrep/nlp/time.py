"""Time: every temporal expression, resolved against the publication date, as token spans.

The reading of expressions is in `timex` (plain text in, dates out); this component runs it on each
paragraph and maps what it finds onto tokens. `event_date` then picks the date of each event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import SPEECH_LEMMAS
from .syntax import tree_distance
from .timex import TimeMention, find_dates

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class DateMention:
    start: int  # token offsets
    end: int
    time: TimeMention  # offsets inside are relative to the paragraph; use start/end here

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


class TimeResolver:
    """spaCy component: fills `doc._.dates`. Expressions are read paragraph by paragraph rather than
    sentence by sentence: the model sometimes ends a sentence inside one ("on Sunday | [16 August]."),
    and `timex` finds the sentences its tense cues belong to by itself."""

    def __init__(self, nlp: Language, name: str = "sitrep_time"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        mentions = []
        text = doc.text
        for paragraph in _PARAGRAPH.finditer(text):
            for found in find_dates(paragraph.group(), published):
                span = doc.char_span(paragraph.start() + found.start, paragraph.start() + found.end,
                                     alignment_mode="expand")
                if span is not None:
                    mentions.append(DateMention(span.start, span.end, found))
        doc._.dates = mentions
        return doc


def date_of(mention: Optional[DateMention]) -> Optional[dict]:
    if mention is None:
        return None
    t = mention.time
    return {"text": t.text, "start": t.start_date.isoformat() if t.start_date else None,
            "end": t.end_date.isoformat() if t.end_date else None, "precision": t.precision}


def event_date(doc: Doc, event, dates: list[DateMention]) -> Optional[DateMention]:
    """The date of one event: the temporal expression nearest its clause in the parse, never the date
    of the saying ("..., the Observatory said on Friday"). A sentence without one, in past tense,
    goes on telling the incident dated earlier in its paragraph ("On 5 May, gunmen attacked a base.
    Two soldiers were killed.")."""
    head = doc[event.clause_head]
    start, end = event.sentence
    candidates = [d for d in dates if start <= d.start < end]
    if not candidates:
        return _narrative_date(doc, head, start, dates)
    best, best_score = None, None
    for mention in candidates:
        root = doc[mention.start:mention.end].root
        attach = root.head if root.dep_ == "pobj" else root
        attach = attach.head if attach.dep_ == "prep" else attach
        if attach.lemma_ in SPEECH_LEMMAS and attach.i != head.i and event.type not in ("ACCUSE",):
            if head.i not in {t.i for t in attach.subtree} or len(candidates) > 1:
                continue  # "..., the Observatory said on Friday": the date of the saying
        score = tree_distance(head, root)
        if best_score is None or score < best_score:
            best, best_score = mention, score
    return best


NARRATIVE_REACH = 3  # sentences back, within the paragraph, that can date an undated past event
FUTURE_AUX = frozenset({"will", "would", "shall", "to", "going", "'ll", "could", "may", "might"})


def _narrative_date(doc: Doc, head, sent_start: int, dates: list[DateMention]) -> Optional[DateMention]:
    if head.tag_ not in ("VBD", "VBN") and not (head.pos_ in ("NOUN", "PROPN") and head.head.tag_ in ("VBD", "VBN")):
        return None  # present or future: not the incident told before
    if any(c.lower_ in FUTURE_AUX for c in head.children if c.dep_ in ("aux", "auxpass")):
        return None
    earlier = [d for d in dates if d.end <= sent_start and d.time.start_date is not None
               and d.time.relation in (None, "since") and d.time.precision in ("day", "range")]
    if not earlier:
        return None
    sentence = doc[sent_start].sent
    for _ in range(NARRATIVE_REACH):
        if sentence.start == 0 or "\n" in doc[sentence.start - 1].whitespace_ + doc[sentence.start - 1].text:
            return None  # the paragraph starts here
        sentence = doc[sentence.start - 1].sent
        inside = [d for d in earlier if sentence.start <= d.start < sentence.end]
        if inside:
            return inside[-1]
    return None


@Language.factory("sitrep_time")
def make_time_resolver(nlp: Language, name: str) -> TimeResolver:
    return TimeResolver(nlp, name)
