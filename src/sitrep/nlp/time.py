"""Time: every temporal expression, resolved against the publication date, as token spans.

The reading of expressions is in `timex` (plain text in, dates out); this component runs it sentence
by sentence, so that tense markers are read within the sentence that holds the expression.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import SPEECH_LEMMAS
from .syntax import tree_distance
from .timex import TimeMention, find_dates


@dataclass(frozen=True)
class DateMention:
    start: int  # token offsets
    end: int
    time: TimeMention  # offsets inside are relative to the sentence; use start/end here

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


class TimeResolver:
    def __init__(self, nlp: Language, name: str = "sitrep_time"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        mentions = []
        for sent in doc.sents:
            for found in find_dates(sent.text, published):
                span = doc.char_span(sent.start_char + found.start, sent.start_char + found.end,
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
    of the saying ("..., the Observatory said on Friday")."""
    head = doc[event.clause_head]
    start, end = event.sentence
    candidates = [d for d in dates if start <= d.start < end]
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



@Language.factory("sitrep_time")
def make_time_resolver(nlp: Language, name: str) -> TimeResolver:
    return TimeResolver(nlp, name)
