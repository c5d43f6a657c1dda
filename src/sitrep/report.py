"""A situation report: one self-contained HTML file (figures, map, timeline, key events with their
sources and evidence, the actors) for a country and a period, printable to PDF from any browser.

Self-contained means no request when it is opened: the map and the timeline are inline SVG drawn here
from the packaged Natural Earth shapes, the styles are inline, there are no scripts. Every piece of
article text goes through Jinja2's autoescaping, so markup inside an article is shown, never run.

Deaths: incident tolls of events said to have happened are added up once per distinct claim (the same
toll for the same day, place and type told by two articles counts once); running tolls ("the war has
killed 500,000") are never added to anything and are reported apart, as the largest one.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from functools import lru_cache
from importlib import resources
from typing import Optional

from jinja2 import Environment, select_autoescape

from sitrep import __version__
from sitrep.store import Store

COUNTED_STATUSES = ("occurred", "alleged", "denied")
CONFLICT = frozenset({"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
COLOURS = {
    "AGREE": "#1f78b4", "CONSULT": "#4a9fd8", "SUPPORT": "#2e86ab", "CONCEDE": "#72b7d9", "COOPERATE": "#1b9e77",
    "AID": "#33a02c", "RETREAT": "#8fbc5a", "REQUEST": "#7570b3", "ACCUSE": "#d4a017", "REJECT": "#e6ab02",
    "THREATEN": "#e67e22", "PROTEST": "#b15928", "SANCTION": "#a6761d", "MOBILIZE": "#d95f02", "COERCE": "#e7298a",
    "ASSAULT": "#c0392b",
}
MAP_W, MAP_H = 640, 400
TIMELINE_W, TIMELINE_H = 640, 150


@lru_cache(maxsize=1)
def _basemap() -> list[dict]:
    path = resources.files("sitrep") / "web" / "static" / "basemap" / "countries.json"
    return json.loads(path.read_text(encoding="utf-8"))["countries"]


def _country_name(iso3: Optional[str]) -> Optional[str]:
    if not iso3:
        return None
    for country in _basemap():
        if country["iso3"] == iso3:
            return country["name"]
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=iso3)
        return found.name if found else iso3
    except Exception:  # pragma: no cover - pycountry is a dependency
        return iso3


def _incident_deaths(event: dict) -> int:
    toll = event.get("fatalities") or {}
    if toll.get("cumulative") or event.get("status") not in COUNTED_STATUSES:
        return 0
    value = toll.get("min") if toll.get("min") is not None else toll.get("max")
    return int(value or 0)


def _claim_key(event: dict) -> tuple:
    loc = event.get("location") or {}
    date = event.get("date") or {}
    toll = event.get("fatalities") or {}
    return (date.get("start"), loc.get("name") or loc.get("country"), event.get("type"), toll.get("min"), toll.get("max"))


def _deaths(events: list[dict]) -> tuple[int, Optional[int]]:
    """Incident deaths, each distinct claim once, and the largest running toll (never summed)."""
    seen: set[tuple] = set()
    total = 0
    running: Optional[int] = None
    for event in events:
        toll = event.get("fatalities") or {}
        if toll.get("cumulative") and event.get("status") in COUNTED_STATUSES:
            value = toll.get("max") if toll.get("max") is not None else toll.get("min")
            if value is not None:
                running = max(running or 0, value)
            continue
        n = _incident_deaths(event)
        if n and _claim_key(event) not in seen:
            seen.add(_claim_key(event))
            total += n
    return total, running


# -- drawings --------------------------------------------------------------------------------------

def _map_svg(events: list[dict], focus: Optional[str]) -> Optional[dict]:
    """The located events over the country shapes around them, as data for an inline SVG."""
    points = [e for e in events if (e.get("location") or {}).get("lat") is not None]
    shapes = _basemap()
    if points:
        lats = [e["location"]["lat"] for e in points]
        lons = [e["location"]["lon"] for e in points]
        box = [min(lons), min(lats), max(lons), max(lats)]
    elif focus:
        box = None
        for country in shapes:
            if country["iso3"] == focus:
                ring_points = [p for poly in country["polygons"] for p in poly[0]]
                box = [min(p[0] for p in ring_points), min(p[1] for p in ring_points),
                       max(p[0] for p in ring_points), max(p[1] for p in ring_points)]
        if box is None:
            return None
    else:
        return None
    pad = max(1.5, (box[2] - box[0]) * 0.12, (box[3] - box[1]) * 0.12)
    west, south, east, north = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    kx = math.cos(math.radians(max(-80.0, min(80.0, (north + south) / 2))))  # keep shapes' proportions
    span_x, span_y = (east - west) * kx, north - south
    scale = min(MAP_W / span_x, MAP_H / span_y)
    off_x = (MAP_W - span_x * scale) / 2
    off_y = (MAP_H - span_y * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return round(off_x + (lon - west) * kx * scale, 1), round(off_y + (north - lat) * scale, 1)

    paths = []
    for country in shapes:
        d = []
        for polygon in country["polygons"]:
            for ring in polygon:
                if all(p[0] < west - 5 or p[0] > east + 5 or p[1] < south - 5 or p[1] > north + 5 for p in ring):
                    continue
                d.append("M" + "L".join(f"{x},{y}" for x, y in (xy(p[0], p[1]) for p in ring)) + "Z")
        if d:
            paths.append({"d": "".join(d), "name": country["name"], "focus": country["iso3"] == focus})
    dots = []
    for event in sorted(points, key=lambda e: -_incident_deaths(e)):
        x, y = xy(event["location"]["lon"], event["location"]["lat"])
        dots.append({"x": x, "y": y, "r": round(3 + 1.5 * math.sqrt(_incident_deaths(event)), 1),
                     "colour": COLOURS.get(event["type"], "#777"),
                     "title": f"{event['type']} · {event['location']['name']} · {(event.get('date') or {}).get('start') or 'undated'}"})
    return {"width": MAP_W, "height": MAP_H, "countries": paths, "dots": dots}


def _timeline_svg(events: list[dict], since: Optional[str], until: Optional[str]) -> Optional[dict]:
    days = Counter()
    deaths = Counter()
    for event in events:
        start = (event.get("date") or {}).get("start")
        if not start:
            continue
        days[start] += 1
        deaths[start] += _incident_deaths(event)
    if not days:
        return None
    first = dt.date.fromisoformat(since) if since else dt.date.fromisoformat(min(days))
    last = dt.date.fromisoformat(until) if until else dt.date.fromisoformat(max(days))
    n_days = (last - first).days + 1
    if n_days <= 0:
        return None
    step = 1 if n_days <= 120 else 7 if n_days <= 900 else 30
    bins = []
    day = first
    while day <= last:
        keys = [(day + dt.timedelta(i)).isoformat() for i in range(step)]
        bins.append({"from": day.isoformat(), "events": sum(days[k] for k in keys), "deaths": sum(deaths[k] for k in keys)})
        day += dt.timedelta(step)
    max_e = max(b["events"] for b in bins) or 1
    max_d = max(b["deaths"] for b in bins) or 1
    pad = 20
    width = (TIMELINE_W - 2 * pad) / len(bins)
    bars, line = [], []
    for i, b in enumerate(bins):
        h = (TIMELINE_H - 2 * pad) * b["events"] / max_e
        x = pad + i * width
        if b["events"]:
            bars.append({"x": round(x + width * 0.1, 1), "y": round(TIMELINE_H - pad - h, 1),
                         "w": round(max(0.8, width * 0.8), 1), "h": round(h, 1),
                         "title": f"{b['from']}: {b['events']} events, {b['deaths']} dead"})
        line.append(f"{round(x + width / 2, 1)},{round(TIMELINE_H - pad - (TIMELINE_H - 2 * pad) * b['deaths'] / max_d, 1)}")
    return {"width": TIMELINE_W, "height": TIMELINE_H, "bars": bars, "line": "M" + "L".join(line),
            "first": first.isoformat(), "last": last.isoformat(), "max_events": max_e, "max_deaths": max_d,
            "unit": {1: "day", 7: "week", 30: "30 days"}[step], "pad": pad}


# -- the key events --------------------------------------------------------------------------------

def _importance(event: dict, reports: int) -> tuple:
    """Deaths first, then how many articles tell it, then violence over talk, then confidence."""
    return (-_incident_deaths(event), -reports, event["type"] not in CONFLICT, -(event.get("confidence") or 0),
            (event.get("date") or {}).get("start") or "", event["id"])


def _evidence_parts(event: dict) -> list[dict]:
    """The evidence sentence(s) cut around the trigger, so the template can bold it without markup."""
    out = []
    trigger = event.get("trigger") or {}
    for span in event.get("evidence") or []:
        text = span.get("text") or ""
        parts = [{"text": text, "hit": False}]
        if trigger.get("field", "text") == span.get("field", "text") and span["start"] <= trigger.get("start", -1) < span["end"]:
            a = trigger["start"] - span["start"]
            b = min(len(text), trigger["end"] - span["start"])
            parts = [{"text": text[:a], "hit": False}, {"text": text[a:b], "hit": True}, {"text": text[b:], "hit": False}]
        out.append(parts)
    return out


def key_events(events: list[dict], top: int) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for event in events:
        groups.setdefault(event["id"], []).append(event)
    ranked = sorted(groups.values(), key=lambda g: _importance(g[0], len({e["article"]["id"] for e in g})))
    out = []
    for group in ranked[:max(0, top)]:
        event = group[0]
        out.append({"event": event, "deaths": _incident_deaths(event), "evidence": _evidence_parts(event),
                    "sources": [e["article"] for e in group], "colour": COLOURS.get(event["type"], "#777")})
    return out


def _actors(events: list[dict], top: int = 15) -> list[dict]:
    table: dict[str, dict] = {}
    for event in events:
        for role in ("actor1", "actor2"):
            actor = event.get(role)
            if not actor:
                continue
            row = table.setdefault(actor["name"], {"name": actor["name"], "country": actor.get("country"),
                                                   "sector": actor.get("sector"), "acts": 0, "targeted": 0,
                                                   "conflict": 0, "types": Counter()})
            row["acts" if role == "actor1" else "targeted"] += 1
            row["conflict"] += event["type"] in CONFLICT
            row["types"][event["type"]] += 1
    rows = sorted(table.values(), key=lambda r: (-(r["acts"] + r["targeted"]), r["name"]))[:top]
    for row in rows:
        row["types"] = ", ".join(f"{t} {n}" for t, n in row["types"].most_common(3))
    return rows


# -- the whole report ------------------------------------------------------------------------------

def report_data(events: list[dict], country: Optional[str], since: Optional[str], until: Optional[str],
                title: Optional[str] = None, top: int = 12) -> dict:
    country = country.upper() if country else None
    name = _country_name(country)
    if not title:
        where = name or "All countries"
        period = f"{since or 'the beginning'} to {until or 'today'}" if since or until else "all dates"
        title = f"{where}: situation report, {period}"
    deaths, running = _deaths(events)
    articles = {e["article"]["id"]: e["article"] for e in events}
    by_type = Counter(e["type"] for e in events)
    acled = Counter((e.get("acled") or {}).get("sub_event_type") for e in events if e.get("acled"))
    located = Counter((e.get("location") or {}).get("admin1") or (e.get("location") or {}).get("name")
                      for e in events if e.get("location"))
    return {
        "title": title, "country": country, "country_name": name, "since": since, "until": until,
        "generated": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "version": __version__,
        "figures": {"events": len(events), "articles": len(articles), "deaths": deaths, "running": running,
                    "violent": sum(n for t, n in by_type.items() if t == "ASSAULT"),
                    "places": len(located)},
        "by_type": [{"type": t, "n": n, "colour": COLOURS.get(t, "#777")} for t, n in by_type.most_common()],
        "acled": acled.most_common(8), "places": located.most_common(8),
        "map": _map_svg(events, country), "timeline": _timeline_svg(events, since, until),
        "key_events": key_events(events, top), "actors": _actors(events),
        "articles": sorted(articles.values(), key=lambda a: (a.get("published") or "", a["id"])),
    }


def render(data: dict) -> str:
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["safe_url"] = lambda url: url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
    template = (resources.files("sitrep") / "web" / "report.html.j2").read_text(encoding="utf-8")
    return env.from_string(template).render(**data)


def build_report(db_path: str, country: Optional[str] = None, since: Optional[str] = None,
                 until: Optional[str] = None, title: Optional[str] = None, top: int = 12) -> str:
    """The situation report for a store, a country (ISO3) and a period (YYYY-MM-DD, both inclusive)."""
    with Store(db_path) as store:
        events = store.events(country=country, since=since, until=until)
    return render(report_data(events, country, since, until, title=title, top=top))
