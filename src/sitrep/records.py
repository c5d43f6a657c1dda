"""The output contract (../shared/CONTRACT.md) as typed records.

These classes are the only way out of the coder: the CLI, the store and every export read them.
`docs/schema.json` is generated from them (`sitrep schema`), so the documented schema and the code
cannot drift apart.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

PloverType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]

Status = Literal["occurred", "intended", "alleged", "denied", "negated", "hypothetical"]
Precision = Literal["day", "week", "month", "year", "range", "unknown"]
PlacePrecision = Literal["point", "city", "admin2", "admin1", "country"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A piece of the article: offsets into `field` ("text" = the cleaned body)."""

    start: int
    end: int
    text: str
    field: str = "text"


class Actor(Record):
    text: str = Field(description="As written in the article")
    name: str = Field(description="Canonical name")
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3; null for transnational groups")
    sector: Optional[str] = Field(None, description="CAMEO actor type: GOV MIL REB OPP INS CVL COP ...")
    members: Optional[list[str]] = Field(None, description="ISO3 members of a coalition, where known")
    code: Optional[str] = Field(None, description="CAMEO-style actor code: RUSGOV, SYRREB, IGO, IMGINS")
    start: Optional[int] = Field(None, description="Offset of the mention in `field`")
    end: Optional[int] = None
    field: Optional[str] = None


class Place(Record):
    text: str
    start: Optional[int] = None
    end: Optional[int] = None
    field: Optional[str] = None
    name: str
    country: Optional[str] = None
    admin1: Optional[str] = None
    lat: float
    lon: float
    geonames_id: Optional[int] = None
    precision: PlacePrecision


class EventDate(Record):
    text: Optional[str] = None
    start: Optional[str] = Field(None, description="YYYY-MM-DD")
    end: Optional[str] = Field(None, description="YYYY-MM-DD")
    precision: Precision = "unknown"


class Source(Record):
    """Who makes a claim: as written, and canonical."""

    text: str
    name: str


class Claim(Record):
    min: Optional[int] = None
    max: Optional[int] = None
    injured_min: Optional[int] = None
    text: str
    reported_by: Optional[Source] = None


class Fatalities(Record):
    text: str
    min: Optional[int] = None
    max: Optional[int] = None
    civilians_min: Optional[int] = None
    civilians_max: Optional[int] = None
    injured_min: Optional[int] = None
    injured_max: Optional[int] = None
    cumulative: bool = False
    claims: list[Claim] = Field(default_factory=list)


class AcledType(Record):
    event_type: str
    sub_event_type: str


class Event(Record):
    id: str
    type: PloverType
    mode: Optional[str] = None
    cameo: Optional[str] = None
    acled: Optional[AcledType] = None
    status: Status = "occurred"
    trigger: Span
    actor1: Optional[Actor] = None
    actor2: Optional[Actor] = None
    date: Optional[EventDate] = None
    location: Optional[Place] = None
    fatalities: Optional[Fatalities] = None
    reported_by: Optional[Source] = None
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = Field(0.5, ge=0.0, le=1.0)


class Removed(Record):
    kind: str = Field(description="promo, related, source, caption_credit, byline, ...")
    text: str


class Quote(Record):
    speaker: Optional[Actor] = None
    text: str
    start: int
    end: int
    field: str = "text"


class ArticleOut(Record):
    id: str
    title: Optional[str] = None
    published: Optional[str] = None
    published_from: Optional[str] = Field(
        None, description="Where `published` came from: given (--published), metadata, page, dateline, text")
    outlet: Optional[str] = None
    url: Optional[str] = None
    language: str = "en"
    text: str
    captions: list[str] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)


class CodedArticle(Record):
    article: ArticleOut
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)


class ArticleRef(Record):
    id: Optional[str] = None
    source: Optional[str] = Field(None, description="The file (and line) the input came from")


class FailedArticle(Record):
    """What stands in for an article that could not be coded: the batch goes on."""

    article: ArticleRef
    error: str
    skipped: bool = Field(False, description="True when the input was valid but deliberately not coded "
                                                "(e.g. not English)")
    language: Optional[str] = None


def json_schema() -> dict:
    """JSON Schema of one line of `sitrep code` output: a coded article or an error record."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sitrep coded article",
        "oneOf": [
            {"$ref": "#/$defs/CodedArticle"},
            {"$ref": "#/$defs/FailedArticle"},
        ],
        "$defs": {},
    }
    for model in (CodedArticle, FailedArticle):
        sub = model.model_json_schema(ref_template="#/$defs/{model}")
        schema["$defs"].update(sub.pop("$defs", {}))
        schema["$defs"][model.__name__] = sub
    return schema
