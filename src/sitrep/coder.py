"""`code(article)`: the one function everything calls — raw article in, coded article out.

clean -> parse (one spaCy Doc for headline, captions and body) -> records. Nothing here knows where
articles come from or where the records go; the CLI, the store, the batch runner and the tests all
come through `code` or `code_many`.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Optional, Union

from spacy.tokens import Doc

from .article import Article, CleanArticle
from .clean import clean
from .errors import ComponentFailed, NotEnglish, OverBudget, SitrepError
from .ingest import InputError
from .kb.outlets import outlet_country
from .nlp.actors import actor_code
from .nlp.events import EventMention, event_id
from .nlp.pipeline import load_pipeline, parse
from .records import (AcledType, Actor, ArticleOut, ArticleRef, Claim, CodedArticle, EventDate, Event,
                      FailedArticle, Fatalities, Place, Quote, Removed, Source, Span)

Result = Union[CodedArticle, FailedArticle]
FIELD_SEPARATOR = "\n\n"
MAX_CODED_CHARS = 200_000  # a cleaned article longer than this (a book, a dump) is refused, not parsed for hours
DEFAULT_BUDGET_S = 30.0  # per article; a news article takes well under a second (see errors.OverBudget)


def code(article: Union[Article, str], published: Union[str, dt.date, None] = None) -> CodedArticle:
    """Code one article. Raises a `SitrepError` (with a one-line message naming the input) when the
    article cannot be coded; `code_many` turns those into error records instead."""
    result = next(code_many([article if isinstance(article, Article) else Article(text=article)],
                            published=published))
    if isinstance(result, FailedArticle):
        raise _ResultError(result)
    return result


class _ResultError(SitrepError):
    code = "E199"
    template = "{source}"

    def __init__(self, failed: FailedArticle):
        super().__init__(failed.error)
        self.failed = failed


def code_many(items: Iterable[Union[Article, InputError]], published: Union[str, dt.date, None] = None,
              budget_s: Optional[float] = None) -> Iterator[Result]:
    """Code a stream of articles, in order, one result per item: a coded article, or an error record
    for an item that could not be read or coded. One bad article never stops the stream.

    `budget_s` is each article's time budget in seconds (None: `DEFAULT_BUDGET_S`; 0: no budget): an
    article that runs over it is recorded as failed, naming the budget and the stage it reached (`errors.OverBudget`
    says what the budget can and cannot stop)."""
    nlp = load_pipeline()
    override = _as_date(published)
    pending: list[tuple[int, CleanArticle, Optional[str]]] = []  # position, article, where it came from
    results: dict[int, Result] = {}

    def prepared() -> Iterator[tuple[str, dict]]:
        for position, article, source in _prepare(items, override, results):
            text, fields = _compose(article)
            pending.append((position, article, source))
            yield text, {"published": _as_date(article.published), "fields": fields, "position": position,
                         "outlet_country": outlet_country(article.outlet, article.url), "source": source or article.id}

    # parse lazily, interleaving finished errors in input order
    next_out = 0
    docs = parse(nlp, prepared(), free_memory=True,  # records are kept, not Docs: the vocab need not grow
                 budget_s=DEFAULT_BUDGET_S if budget_s is None else (budget_s if budget_s > 0 else float("inf")))
    for doc in docs:
        position, article, source = pending.pop(0)
        if isinstance(doc, (OverBudget, ComponentFailed)):
            results[position] = _failed(article.id, source, doc.message)
        else:
            try:
                results[position] = to_records(doc, article)
            except Exception as error:  # one article's bug must not stop a batch of thousands
                results[position] = _failed(article.id, None, f"{article.id}: could not be coded "
                                                              f"({type(error).__name__}: {error})")
        while next_out in results:
            yield results.pop(next_out)
            next_out += 1
    while next_out in results:
        yield results.pop(next_out)
        next_out += 1


def _prepare(items: Iterable[Union[Article, InputError]], override: Optional[dt.date],
             results: dict[int, Result]) -> Iterator[tuple[int, CleanArticle, Optional[str]]]:
    for position, item in enumerate(items):
        if isinstance(item, InputError):
            results[position] = _failed(item.id, item.source, item.message)
            continue
        item.ensure_id()
        try:
            cleaned = clean(item)
            if cleaned.language != "en":
                raise NotEnglish(item.source or item.id, language=cleaned.language,
                                 confidence=getattr(cleaned, "language_confidence", 1.0))
        except NotEnglish as error:
            results[position] = _failed(item.id, item.source, error.message, skipped=True,
                                        language=error.details.get("language"))
            continue
        except SitrepError as error:
            results[position] = _failed(item.id, item.source, error.message)
            continue
        except Exception as error:  # a cleaning bug: report it against this article only
            results[position] = _failed(item.id, item.source,
                                        f"{item.source or item.id}: could not be cleaned "
                                        f"({type(error).__name__}: {error})")
            continue
        if len(cleaned.text) > MAX_CODED_CHARS:
            results[position] = _failed(item.id, item.source,
                                        f"{item.source or item.id}: too long to code ({len(cleaned.text):,} "
                                        f"characters, limit {MAX_CODED_CHARS:,})")
            continue
        if override is not None:
            cleaned.published = override.isoformat()
            cleaned.published_from = "given"  # type: ignore[attr-defined]
        yield position, cleaned, item.source


def _failed(article_id, source, message, skipped=False, language=None) -> FailedArticle:
    return FailedArticle(article=ArticleRef(id=article_id, source=source), error=message, skipped=skipped,
                         language=language)


def _as_date(value) -> Optional[dt.date]:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _compose(article: CleanArticle) -> tuple[str, list[tuple[str, int, int]]]:
    """Headline, captions and body as one text, with the range of each field in it."""
    parts: list[tuple[str, str]] = []
    if article.title:
        parts.append(("title", article.title))
    for i, caption in enumerate(article.captions):
        parts.append((f"caption:{i}", caption))
    parts.append(("text", article.text))
    text, fields, offset = "", [], 0
    for name, value in parts:
        if text:
            text += FIELD_SEPARATOR
            offset += len(FIELD_SEPARATOR)
        fields.append((name, offset, offset + len(value)))
        text += value
        offset += len(value)
    return text, fields


# --- Doc -> records -------------------------------------------------------------------------------

class _Fields:
    """Maps Doc character offsets to (field, offset within that field)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token: once per article, not once per span
        self.fields = doc._.fields

    def locate(self, start: int, end: int) -> tuple[str, int, int]:
        for name, lo, hi in self.fields:
            if lo <= start <= hi:
                return name, start - lo, min(end, hi) - lo
        name, lo, hi = self.fields[-1]
        return name, max(0, start - lo), max(0, end - lo)

    def span(self, start: int, end: int) -> Span:
        name, s, e = self.locate(start, end)
        return Span(start=s, end=e, text=self.text[start:start + (e - s)], field=name)

    def token_span(self, start: int, end: int) -> Span:
        # from the tokens' own offsets: slicing the Doc walks it whole, once per span
        if end <= start:
            at = self.doc[start].idx if start < len(self.doc) else len(self.text)
            return self.span(at, at)
        last = self.doc[end - 1]
        return self.span(self.doc[start].idx, last.idx + len(last.text))


def to_records(doc: Doc, article: CleanArticle) -> CodedArticle:
    fields = _Fields(doc)
    places = [_place(fields, m) for m in doc._.places or []]
    events = [_event(fields, doc, e, article) for e in doc._.events or []]
    quotes = []
    for q in doc._.quotes or []:
        name, s, e = fields.locate(q.start, q.end)
        quotes.append(Quote(speaker=_coded(q.speaker), text=q.text, start=s, end=e, field=name))
    out = ArticleOut(id=article.id, title=article.title, published=article.published,
                     published_from=getattr(article, "published_from", None), outlet=article.outlet,
                     url=article.url, language=article.language, text=article.text,
                     captions=list(article.captions),
                     removed=[Removed(kind=r.kind, text=r.text) for r in article.removed], places=places)
    return CodedArticle(article=out, events=events, quotes=quotes)


def _coded(actor: Optional[Actor]) -> Optional[Actor]:
    """The actor with its CAMEO-style code ("RUSGOV") filled in."""
    if actor is None or actor.code is not None:
        return actor
    return actor.model_copy(update={"code": actor_code(actor)})


def _place(fields: _Fields, mention) -> Place:
    span = fields.token_span(mention.start, mention.end)
    entry = mention.entry
    return Place(text=span.text, start=span.start, end=span.end,
                 field=None if span.field == "text" else span.field, name=entry.name, country=entry.country,
                 admin1=entry.admin1, lat=round(entry.lat, 5), lon=round(entry.lon, 5),
                 geonames_id=entry.geonames_id, precision=entry.precision)


def _event(fields: _Fields, doc: Doc, event: EventMention, article: CleanArticle) -> Event:
    trigger = fields.token_span(*event.trigger)
    evidence = [_sentence_span(fields, doc, start, end) for start, end in [event.sentence, *event.also]]
    date = None
    if event.date is not None:
        t = event.date.time
        date = EventDate(text=t.text, start=t.start_date.isoformat() if t.start_date else None,
                         end=t.end_date.isoformat() if t.end_date else None, precision=t.precision)
    elif article.published:
        # no date in its sentence: news reports the latest developments, dated by publication
        date = EventDate(text=None, start=article.published, end=article.published, precision="day")
    reported_by = Source(text=event.reported_by[0], name=event.reported_by[1]) if event.reported_by else None
    return Event(
        id=event_id(article.id, trigger.field, trigger.start, trigger.end, event.type,
                    event.actor1.name if event.actor1 else None),
        type=event.type, mode=event.mode, cameo=event.cameo,
        acled=AcledType(event_type=event.acled[0], sub_event_type=event.acled[1]) if event.acled else None,
        status=event.status, trigger=trigger,
        actor1=_coded(event.actor1), actor2=_coded(event.actor2), date=date,
        location=_place(fields, event.location) if event.location is not None else None,
        fatalities=_fatalities(fields, event, reported_by),
        reported_by=reported_by, evidence=evidence, confidence=event.confidence,
    )


def _sentence_span(fields: _Fields, doc: Doc, start: int, end: int) -> Span:
    sentence = doc[start:end]
    text = sentence.text.rstrip()
    return fields.span(sentence.start_char, sentence.start_char + len(text))


def _fatalities(fields: _Fields, event: EventMention, reported_by: Optional[Source]) -> Optional[Fatalities]:
    """The event's toll, with every claim about it kept apart (the tolls stage may find several:
    "the Observatory said 446; the ministry said 300"); min and max span the claims."""
    toll = event.toll
    if toll is None:
        return None
    claimed = getattr(event, "claims", None) or [(toll, event.reported_by)]
    claims = []
    for mention, source in claimed:
        t = mention.toll
        killed = t.kind == "killed"
        claims.append(Claim(min=t.min if killed else None, max=t.max if killed else None,
                            injured_min=t.injured_min if killed else (t.min if t.kind == "injured" else None),
                            text=fields.token_span(mention.start, mention.end).text,
                            reported_by=Source(text=source[0], name=source[1]) if source else reported_by))
    t = toll.toll
    killed = t.kind == "killed"
    mins = [c.min for c in claims if c.min is not None]
    maxes = [c.max for c in claims if c.max is not None]
    open_ended = any(c.min is not None and c.max is None for c in claims)
    return Fatalities(text=fields.token_span(toll.start, toll.end).text,
                      min=min(mins) if mins else None,
                      max=None if open_ended or not maxes else max(maxes),
                      civilians_min=t.civilians_min if killed else None,
                      civilians_max=t.civilians_max if killed else None,
                      injured_min=t.injured_min if killed else (t.min if t.kind == "injured" else None),
                      injured_max=t.injured_max if killed else (t.max if t.kind == "injured" else None),
                      cumulative=bool(t.cumulative), claims=claims)


__all__ = ["code", "code_many", "to_records", "Result"]
