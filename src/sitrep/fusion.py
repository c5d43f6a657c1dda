"""Fusion: reports of one real-world event, from different articles, become one event with many sources.

A week of news tells the same air strike twenty times; counting each telling as an event inflates every
figure. The store calls `match()` for each newly stored event against the events already stored near it
in type, place and time, and `fuse()` to build the fused record of a group of reports.

Two reports are the same event when every gate holds (`compatible`) and their agreement scores at least
`Rules.min_score` (`score`). The thresholds, all in `Rules`:

- **type**: the same PLOVER type and the same status family (what happened: occurred/alleged/denied; each
  other status only with itself). ACLED types are not compared: outlets' wording ("struck", "bombed",
  "an air strike") gives one strike different ACLED sub-types.
- **time**: both dated, each date no wider than `max_span_days` (31: a running toll "since 2022" is not
  an incident), the two ranges overlapping once widened by `date_slack_days` (1: "overnight", time zones).
- **place**: both located points (point/city/admin2) within `radius_km` (25 km) of each other; a coarser
  place (admin1, country) must contain the other (same country, same admin1 when both name one). An event
  without a location matches only on the same country and the same actor1 (`coarse_needs_actor` asks the
  same of an event placed only by its country: off, as it cost precision and recall on MUC-4).
- **actors**: actor1s that are both known must agree: the same canonical name, or, when names differ,
  the same country on the same side (state: GOV MIL COP JUD LEG...; else the same sector). A
  transnational group has no country, so two differently named groups never agree. Victims (actor2) are
  named many ways by different outlets: they keep two reports apart only when of two different countries.
- **target**: when both reports name what was hit (kb/data/targets.yaml: market, hospital, convoy...) they
  must share a kind: a strike on a market and a strike on a hospital in one town on one day are two.
- **cumulative**: a running toll is never fused, with an incident or with another running toll.
- **one per article**: two events of one article are never fused (the coder already merged what it could).

Score: +2 same gazetteer entry (or within 5 km), +1 within the radius; +1 per agreeing actor (by name);
+1 both dated to the same day; +1 a shared target kind; +1 the same mode. Merge at `min_score` (3).
A report joins the fused event it scores best with, passing the gates against every report already in
it; a report that belongs to two fused events bridges them into one when no report of one conflicts
with a report of the other (`bridge`). Results depend on the order reports arrive in.

Measured by `sitrep evaluate fusion` (MUC-4, 1,500 reports): merge precision 0.760, recall 0.335.

Tolls of a fused event: every claim is kept with the article and source that make it; the event's toll is
the highest *well-sourced* claim, one attributed to a named source or repeated by two articles (the
highest claim of all when none is). Running tolls are never added to incident tolls or to each other.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Optional

import yaml

from sitrep.gazetteer import distance_km
from sitrep.kb.lexicon import DATA_DIR

HAPPENED = ("occurred", "alleged", "denied")
_PRECISE = ("point", "city", "admin2")
_PLACE_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}


@dataclass(frozen=True)
class Rules:
    """The thresholds of fusion (see the module docstring for what each one decides)."""

    radius_km: float = 25.0
    same_place_km: float = 5.0
    date_slack_days: int = 1
    max_span_days: int = 31
    min_score: int = 3
    coarse_needs_actor: bool = False  # True: a report placed only by its country fuses only with the same actor1


RULES = Rules()


# ----------------------------------------------------------------------------- knowledge


@lru_cache(maxsize=1)
def load_targets() -> dict[str, str]:
    """word or phrase -> target kind, from kb/data/targets.yaml."""
    with (DATA_DIR / "targets.yaml").open("r", encoding="utf-8") as fh:
        entries = yaml.safe_load(fh)
    table: dict[str, str] = {}
    for entry in entries:
        for word in entry["words"]:
            table[word.lower()] = entry["kind"]
    return table


@lru_cache(maxsize=1)
def _target_pattern() -> re.Pattern:
    words = sorted(load_targets(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def target_kinds(event: dict) -> frozenset[str]:
    """The kinds of target the event's evidence (else its trigger's sentence) names."""
    texts = [span.get("text") or "" for span in event.get("evidence") or []]
    if not texts and event.get("trigger"):
        texts = [event["trigger"].get("text") or ""]
    table = load_targets()
    return frozenset(table[m.group(1).lower()] for text in texts for m in _target_pattern().finditer(text))


# ----------------------------------------------------------------------------- geometry and time


def _day(value: Optional[str]) -> Optional[date]:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_range(event: dict) -> Optional[tuple[date, date]]:
    """(start, end) of the event's date, either bound standing in for a missing other; None if undated."""
    d = event.get("date") or {}
    start, end = _day(d.get("start")), _day(d.get("end"))
    if start is None and end is None:
        return None
    return (start or end, end or start)  # type: ignore[return-value]


def is_cumulative(event: dict) -> bool:
    return bool((event.get("fatalities") or {}).get("cumulative"))


# ----------------------------------------------------------------------------- gates and score


def _status_family(status: Optional[str]) -> str:
    status = status or "occurred"
    return "happened" if status in HAPPENED else status


def _country(event: dict) -> Optional[str]:
    loc = event.get("location") or {}
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    return loc.get("country") or a1.get("country") or a2.get("country")


_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "ELI"})


def _side(sector: Optional[str]) -> Optional[str]:
    return "state" if sector in _STATE_SECTORS else sector


def _actors_agree(a: Optional[dict], b: Optional[dict], acting: bool = True) -> Optional[bool]:
    """True: the same actor; False: two different actors; None: at least one is unknown, or they may be
    one actor named two ways ("Russia" and "Russian forces").

    For the acting side (actor1) any other name is another actor unless both are of one country and one
    side. Outlets describe the victims (actor2) in many ways ("12 civilians", "people", "shoppers"), so
    there only two different countries tell two events apart. An actor read from no words (text "": the
    unidentified attackers or the police a coder infers when the text names none) is no evidence of who
    acted, so it never tells two reports apart.
    """
    if not a or not b or a.get("text") == "" or b.get("text") == "":
        return None
    if (a.get("name") or "").casefold() == (b.get("name") or "").casefold():
        return True
    ca, cb = a.get("country"), b.get("country")
    if not acting:
        return False if ca and cb and ca != cb else None
    if ca and ca == cb:
        sa, sb = _side(a.get("sector")), _side(b.get("sector"))
        if not sa or not sb or sa == sb:
            return None
    return False


def _place_relation(a: dict, b: dict, rules: Rules) -> Optional[int]:
    """Score of the two locations' agreement, or None when they are incompatible."""
    la, lb = a.get("location"), b.get("location")
    if not la or not lb:
        return 0 if _country(a) and _country(a) == _country(b) else None
    if la.get("country") != lb.get("country"):
        return None
    pa, pb = la.get("precision"), lb.get("precision")
    if la.get("geonames_id") and la.get("geonames_id") == lb.get("geonames_id"):
        return 2
    if pa in _PRECISE and pb in _PRECISE:
        km = distance_km(la["lat"], la["lon"], lb["lat"], lb["lon"])
        if km <= rules.same_place_km:
            return 2
        return 1 if km <= rules.radius_km else None
    if "country" in (pa, pb):
        return 0
    # One or both name a first-level division: it must contain the other.
    if la.get("admin1") and lb.get("admin1") and la["admin1"] != lb["admin1"]:
        return None
    return 0


def _coarse(a: dict, b: dict) -> bool:
    """Is either report placed no more precisely than its country?"""
    return any((e.get("location") or {}).get("precision") == "country" for e in (a, b))


def compatible(a: dict, b: dict, rules: Rules = RULES) -> bool:
    """Do the hard gates let these two reports be one event? (Score decides whether they are.)"""
    return score(a, b, rules) is not None


def score(a: dict, b: dict, rules: Rules = RULES) -> Optional[int]:
    """Agreement of two reports (event dicts in the contract shape, with "article": {"id"}), or None
    when a gate keeps them apart."""
    if (a.get("article") or {}).get("id") == (b.get("article") or {}).get("id"):
        return None
    if a.get("type") != b.get("type") or is_cumulative(a) or is_cumulative(b):
        return None
    if _status_family(a.get("status")) != _status_family(b.get("status")):
        return None
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return None
    span = timedelta(days=rules.max_span_days)
    if ra[1] - ra[0] > span or rb[1] - rb[0] > span:
        return None
    slack = timedelta(days=rules.date_slack_days)
    if ra[0] > rb[1] + slack or rb[0] > ra[1] + slack:
        return None
    place = _place_relation(a, b, rules)
    if place is None:
        return None
    agree = [_actors_agree(a.get("actor1"), b.get("actor1")),
             _actors_agree(a.get("actor2"), b.get("actor2"), acting=False)]
    if False in agree:
        return None
    if not (a.get("location") and b.get("location")) and agree[0] is not True:
        return None
    if rules.coarse_needs_actor and _coarse(a, b) and agree[0] is not True:
        return None  # "an attack in Honduras" is any attack in Honduras unless the same actor did it
    ta, tb = target_kinds(a), target_kinds(b)
    if ta and tb and not ta & tb:
        return None
    total = place + agree.count(True)
    da, db = a.get("date") or {}, b.get("date") or {}
    if da.get("precision") == db.get("precision") == "day" and ra == rb:
        total += 1
    if ta & tb:
        total += 1
    if a.get("mode") and a.get("mode") == b.get("mode"):
        total += 1
    return total


def match(event: dict, groups: Iterable[tuple[object, list[dict]]], rules: Rules = RULES) -> Optional[object]:
    """The key of the group `event` belongs to, or None (the best of `matches`)."""
    found = matches(event, groups, rules)
    return found[0] if found else None


def matches(event: dict, groups: Iterable[tuple[object, list[dict]]], rules: Rules = RULES) -> list:
    """Keys of the groups `event` belongs to, best first.

    `groups` are (key, member reports). The event must pass the gates against every member (one
    conflicting report keeps it out) and come from an article no member comes from, and score at least
    `rules.min_score` against some member. When it belongs to several, they are one event told in
    pieces, and `bridge` says whether they may become one.
    """
    scored = []
    article = (event.get("article") or {}).get("id")
    for key, members in groups:
        if any((m.get("article") or {}).get("id") == article for m in members):
            continue
        scores = [score(event, m, rules) for m in members]
        if not scores or None in scores:
            continue
        top = max(scores)  # type: ignore[type-var]
        if top >= rules.min_score:
            scored.append((top, key, members))
    scored.sort(key=lambda t: -t[0])
    return [key for _, key, _ in scored]


def bridge(first: list[dict], second: list[dict], rules: Rules = RULES) -> bool:
    """May two groups become one? Only when no report of one conflicts with a report of the other and
    no article tells both (an article's events are distinct)."""
    arts = {(m.get("article") or {}).get("id") for m in first}
    if any((m.get("article") or {}).get("id") in arts for m in second):
        return False
    return all(score(a, b, rules) is not None for a in first for b in second)


def candidate_window(event: dict, rules: Rules = RULES) -> Optional[tuple[str, str, str]]:
    """(type, earliest start, latest start) of the stored reports worth comparing, or None when the event
    can never be fused (undated, too wide, a running toll, nowhere)."""
    rng = date_range(event)
    if rng is None or is_cumulative(event) or rng[1] - rng[0] > timedelta(days=rules.max_span_days):
        return None
    if not _country(event):
        return None
    slack = timedelta(days=rules.date_slack_days)
    lowest = rng[0] - timedelta(days=rules.max_span_days) - slack
    return event["type"], lowest.isoformat(), (rng[1] + slack).isoformat()


# ----------------------------------------------------------------------------- the fused record


def _source(event: dict) -> dict:
    art = event.get("article") or {}
    return {"article": {k: art.get(k) for k in ("id", "title", "url", "outlet", "published")},
            "event_id": event.get("id"), "reported_by": event.get("reported_by"),
            "trigger": event.get("trigger"), "evidence": event.get("evidence") or [],
            "status": event.get("status"), "confidence": event.get("confidence")}


def _key(value) -> str:
    return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)


def _who_says(members: list[dict], field: str, view) -> list[dict]:
    """[{"value", "articles"}] for one field: which source says what, most-told first."""
    told: dict[str, dict] = {}
    for m in members:
        value = view(m.get(field))
        if value is None:
            continue
        entry = told.setdefault(_key(value), {"value": value, "articles": []})
        art = (m.get("article") or {}).get("id")
        if art not in entry["articles"]:
            entry["articles"].append(art)
    return sorted(told.values(), key=lambda e: -len(e["articles"]))


def _majority(members: list[dict], field: str) -> Optional[dict]:
    """The most told non-null value of a field (ties: the earliest report's)."""
    values = [m.get(field) for m in members if m.get(field)]
    if not values:
        return None
    names = Counter(_key(_view_actor(v)) if isinstance(v, dict) and "name" in v else _key(v) for v in values)
    top = max(names.values())
    for v in values:
        k = _key(_view_actor(v)) if isinstance(v, dict) and "name" in v else _key(v)
        if names[k] == top:
            return v
    return values[0]


def _view_actor(actor: Optional[dict]) -> Optional[dict]:
    if not actor:
        return None
    return {"name": actor.get("name"), "country": actor.get("country"), "sector": actor.get("sector")}


def _view_place(place: Optional[dict]) -> Optional[dict]:
    if not place:
        return None
    return {k: place.get(k) for k in ("name", "country", "admin1", "lat", "lon", "geonames_id", "precision")}


def _view_date(d: Optional[dict]) -> Optional[dict]:
    if not d or not (d.get("start") or d.get("end")):
        return None
    return {"start": d.get("start"), "end": d.get("end"), "precision": d.get("precision")}


def _view_toll(t: Optional[dict]) -> Optional[dict]:
    if not t or (t.get("min") is None and t.get("max") is None):
        return None
    return {"min": t.get("min"), "max": t.get("max"), "cumulative": bool(t.get("cumulative"))}


def _figure(claim: dict) -> Optional[int]:
    return claim["min"] if claim.get("min") is not None else claim.get("max")


def fused_toll(members: list[dict]) -> Optional[dict]:
    """Every claim with who makes it; `best` = the highest well-sourced claim."""
    claims: list[dict] = []
    cumulative = False
    for m in members:
        tolls = m.get("fatalities")
        if not tolls or (tolls.get("min") is None and tolls.get("max") is None):
            continue
        cumulative = cumulative or bool(tolls.get("cumulative"))
        art = m.get("article") or {}
        own = tolls.get("claims") or [{"min": tolls.get("min"), "max": tolls.get("max"),
                                       "text": tolls.get("text"), "reported_by": m.get("reported_by")}]
        for c in own:
            claims.append({"min": c.get("min"), "max": c.get("max"), "text": c.get("text"),
                           "reported_by": c.get("reported_by") or m.get("reported_by"),
                           "article": art.get("id"), "outlet": art.get("outlet")})
    claims = [c for c in claims if _figure(c) is not None]
    if not claims:
        return None
    told_by: dict[int, set] = {}
    for c in claims:
        told_by.setdefault(_figure(c), set()).add(c["article"])  # type: ignore[arg-type]
    well = [c for c in claims if c.get("reported_by") or len(told_by[_figure(c)]) >= 2]  # type: ignore[index]
    pool = well or claims
    best = max(pool, key=lambda c: (_figure(c), c.get("max") or 0))
    mins = [c["min"] for c in claims if c.get("min") is not None]
    maxes = [c["max"] for c in claims if c.get("max") is not None]
    return {"best": _figure(best), "min": min(mins) if mins else None, "max": max(maxes) if maxes else None,
            "basis": "highest well-sourced claim" if well else "highest claim (none attributed or repeated)",
            "cumulative": cumulative, "claims": claims}


def _narrowest_date(members: list[dict]) -> Optional[dict]:
    dated = [(date_range(m), m) for m in members]
    dated = [(r, m) for r, m in dated if r is not None]
    if not dated:
        return None
    r, m = min(dated, key=lambda rm: (rm[0][1] - rm[0][0], rm[0][0]))
    return m.get("date")


def _best_place(members: list[dict]) -> Optional[dict]:
    located = [m["location"] for m in members if m.get("location")]
    if not located:
        return None
    counts = Counter(_key(_view_place(p)) for p in located)
    return min(located, key=lambda p: (_PLACE_RANK.get(p.get("precision"), 9), -counts[_key(_view_place(p))]))


def fuse(members: list[dict], fused_id: str) -> dict:
    """The fused record of a group of reports (event dicts with their "article"), oldest report first.

    Shape: the contract's Event fields chosen across reports (type, mode, cameo, acled, status, date,
    location, actor1, actor2, fatalities), plus `sources` (every report: article, event id, source,
    evidence) and `fields` (for each fused field, which articles say which value).
    """
    statuses = [m.get("status") or "occurred" for m in members]
    status = "occurred" if "occurred" in statuses else Counter(statuses).most_common(1)[0][0]
    record = {
        "id": fused_id,
        "type": members[0].get("type"),
        "mode": (_majority(members, "mode")),
        "cameo": _majority(members, "cameo"),
        "acled": _majority(members, "acled"),
        "status": status,
        "date": _narrowest_date(members),
        "location": _best_place(members),
        "actor1": _majority(members, "actor1"),
        "actor2": _majority(members, "actor2"),
        "fatalities": fused_toll(members),
        "confidence": max((m.get("confidence") or 0.0) for m in members),
        "sources": [_source(m) for m in members],
        "fields": {
            "date": _who_says(members, "date", _view_date),
            "location": _who_says(members, "location", _view_place),
            "actor1": _who_says(members, "actor1", _view_actor),
            "actor2": _who_says(members, "actor2", _view_actor),
            "fatalities": _who_says(members, "fatalities", _view_toll),
            "acled": _who_says(members, "acled", lambda v: v or None),
            "mode": _who_says(members, "mode", lambda v: v or None),
        },
    }
    record["n_articles"] = len({s["article"]["id"] for s in record["sources"]})
    return record
