"""`sitrep evaluate fusion`: precision and recall of fusion's merges, on the same incidents told by
several outlets and on different incidents that look alike.

The test set is built, at run time, from MUC-4 (../shared/dev/muc4): 1,500 news and radio reports from
many outlets (FBIS), 1988-1990, whose answer keys describe each incident: type, date, place,
perpetrator, victims. Many incidents are told by several reports (the murder of six Jesuit priests in
San Salvador by dozens), and many different incidents share a type, a day and a town.

- The events are the answer keys as the coder would give them: PLOVER type (ATTACK, BOMBING, ARSON,
  KIDNAPPING, ROBBERY -> ASSAULT; FORCED WORK STOPPAGE -> COERCE) with the incident type as its mode,
  the date (a "- 08 JAN 90" key, "on or before", becomes the week before), the place resolved with
  sitrep's own gazetteer (the most specific named place found, else the country), the perpetrator
  organisation (aliases listed together anywhere in the keys are one actor; armed forces and police are
  the state of the place) and the victims' category. This measures fusion alone, given correct coding.
- Two events of two reports are the same incident (gold) when they are joined, directly or through
  other keys, by a victim's proper name (HUM TGT: NAME, which fusion never sees; the same name or two of
  its words), the same incident type and dates within a month of each other. Only events with a named
  victim are judged.
- Every report is stored, in report order, into a real store (Store.add, which fuses as it stores), and
  the pairs of judged events that end in one fused event are the merges. Look-alikes: pairs of judged
  events of different incidents with the same type, overlapping dates and the same resolved place.
"""
from __future__ import annotations

import itertools
import json
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Optional

import click

from .common import dev_dir, dev_option, ratio

MONTHS = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                                      "NOV", "DEC"], 1)}
_DATE = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2})")
_QUOTED = re.compile(r'"([^"]+)"')
_TYPES = {"ATTACK": "ASSAULT", "BOMBING": "ASSAULT", "ARSON": "ASSAULT", "KIDNAPPING": "ASSAULT",
          "ROBBERY": "ASSAULT", "FORCED WORK STOPPAGE": "COERCE"}
_STATE_WORDS = ("ARMY", "ARMED FORCES", "MILITARY", "POLICE", "GOVERNMENT", "SOLDIERS", "TROOPS",
                "AIR FORCE", "NAVY", "GUARD", "BATTALION", "BRIGADE", "DEATH SQUAD")
_EMPTY = ("-", "*", "", None)
_NAME_STOPWORDS = frozenset({"ONE", "OF", "THE", "AND", "A", "AN", "DE", "LA", "DEL", "LOS", "LAS", "Y", "EL",
                             "HIS", "HER", "THEIR", "AGENTS", "MEMBERS", "SON", "WIFE"})


def _values(slot) -> list[str]:
    """A slot's fills as a flat list of strings (slots hold a string or a list of strings)."""
    if slot in _EMPTY:
        return []
    return [s for s in (slot if isinstance(slot, list) else [slot]) if s not in _EMPTY]


def _alternatives(fill: str) -> list[str]:
    """'"FARABUNDO MARTI NATIONAL LIBERATION FRONT" / "FMLN"' -> both names."""
    return [q.strip() for q in _QUOTED.findall(fill) if q.strip()]


BEFORE_DAYS = 7  # "- 08 JAN 90" (on or before): the week before, as a coder reads "recently"


def parse_date(fill: str) -> Optional[tuple[date, date, str]]:
    """(start, end, precision) of a MUC date key: "16 NOV 89", "14 NOV 89 - 15 NOV 89", "- 08 JAN 90"."""
    found = []
    for d, mon, y in _DATE.findall(fill or ""):
        if mon not in MONTHS:
            continue
        try:
            found.append(date(1900 + int(y), MONTHS[mon], int(d)))
        except ValueError:
            continue
    if not found:
        return None
    if fill.strip().startswith("-") and len(found) == 1:  # on or before that day
        return found[0] - timedelta(days=BEFORE_DAYS), found[0], "range"
    start, end = min(found), max(found)
    return start, end, "day" if start == end else "range"


class _Aliases:
    """Organisation names listed as alternatives of one another anywhere in the keys are one actor."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def union(self, names: list[str]) -> None:
        roots = [self.find(n) for n in names]
        best = min(roots, key=lambda n: (len(n), n))
        for r in roots:
            self.parent[r] = best


class _Places:
    """MUC place keys -> gazetteer entries, most specific resolvable part first."""

    def __init__(self) -> None:
        import pycountry

        from sitrep.gazetteer import load_gazetteer

        self.gaz = load_gazetteer()
        self.pycountry = pycountry
        self.cache: dict[str, Optional[dict]] = {}

    def iso3(self, name: str) -> Optional[str]:
        try:
            return self.pycountry.countries.lookup(name.title()).alpha_3
        except LookupError:
            try:
                return self.pycountry.countries.search_fuzzy(name.title())[0].alpha_3
            except LookupError:
                return None

    def resolve(self, fill: str) -> Optional[dict]:
        fill = (fill or "").split(" / ")[0].lstrip("- ").strip()
        if fill in self.cache:
            return self.cache[fill]
        parts = [p.strip() for p in fill.split(":") if p.strip()]
        place = None
        iso3 = self.iso3(parts[0]) if parts else None
        if iso3:
            for part in reversed(parts[1:]):
                name = re.sub(r"\s*\([^)]*\)\s*$", "", part).strip().title()
                entry = self.gaz.resolve(name, focus=[iso3])
                if entry is not None and entry.country == iso3:
                    place = entry
                    break
            place = place or self.gaz.country(iso3)
        self.cache[fill] = None if place is None else {
            "text": place.name, "name": place.name, "country": place.country, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id, "precision": place.precision}
        return self.cache[fill]


def build_events(docs: list[dict]) -> list[dict]:
    """One event per incident key: {"doc", "muc_type", "names", "event" (contract dict), "range"}."""
    aliases = _Aliases()
    for doc in docs:
        for t in doc.get("templates") or []:
            for fill in _values(t.get("PERP: ORGANIZATION ID")):
                names = _alternatives(fill)
                if names:
                    aliases.union(names)
    places = _Places()
    out = []
    for doc in docs:
        for n, t in enumerate(doc.get("templates") or []):
            muc_type = (t.get("INCIDENT: TYPE") or "").split(" / ")[0].strip()
            when = parse_date(t.get("INCIDENT: DATE") or "")
            if muc_type not in _TYPES or when is None:
                continue
            loc = places.resolve(t.get("INCIDENT: LOCATION") or "")
            country = loc["country"] if loc else None
            orgs = [aliases.find(_alternatives(f)[0]) for f in _values(t.get("PERP: ORGANIZATION ID"))
                    if _alternatives(f)]
            actor1 = None
            if orgs:
                state = any(w in orgs[0] for w in _STATE_WORDS)
                actor1 = {"text": orgs[0], "name": orgs[0], "country": country if state else None,
                          "sector": "MIL" if state else "REB"}
            kinds = [f.split(":")[0].strip() for f in _values(t.get("HUM TGT: TYPE"))]
            actor2 = {"text": kinds[0], "name": kinds[0], "country": country, "sector": "CVL"} if kinds else None
            victims = {name for f in _values(t.get("HUM TGT: NAME")) for name in _alternatives(f)}
            event = {
                "id": f"{doc['doc_id']}-{n}", "type": _TYPES[muc_type], "mode": muc_type.lower(),
                "status": "occurred", "trigger": {"start": 0, "end": 0, "text": ""},
                "actor1": actor1, "actor2": actor2,
                "date": {"text": t.get("INCIDENT: DATE"), "start": when[0].isoformat(),
                         "end": when[1].isoformat(), "precision": when[2]},
                "location": loc, "evidence": [], "confidence": 1.0,
            }
            out.append({"doc": doc["doc_id"], "muc_type": muc_type, "names": victims, "event": event,
                        "range": (when[0], when[1])})
    return out


def _names_meet(a: set[str], b: set[str]) -> bool:
    """Two victims' name lists share a person: the same name, or two words of it ("HECTOR OQUELI" and
    "HECTOR OQUELI COLINDRES")."""
    for x in a:
        for y in b:
            wx, wy = set(x.split()) - _NAME_STOPWORDS, set(y.split()) - _NAME_STOPWORDS
            if x == y or len(wx & wy) >= 2:
                return True
    return False


def _related(a: dict, b: dict) -> bool:
    if a["muc_type"] != b["muc_type"] or not _names_meet(a["names"], b["names"]):
        return False
    month = timedelta(days=31)
    return a["range"][0] <= b["range"][1] + month and b["range"][0] <= a["range"][1] + month


def gold_incidents(judged: list[dict]) -> dict[str, int]:
    """Event id -> gold incident: events joined, directly or through others, by a shared named victim,
    the same incident type and dates within a month (two keys of one killing may each name one of its
    two victims, and a third report name both)."""
    parent = list(range(len(judged)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(judged)), 2):
        if _related(judged[i], judged[j]):
            parent[find(i)] = find(j)
    return {item["event"]["id"]: find(i) for i, item in enumerate(judged)}


def look_alike(a: dict, b: dict) -> bool:
    """Same type, overlapping dates, the same resolved place."""
    la, lb = a["event"]["location"], b["event"]["location"]
    return (a["doc"] != b["doc"] and a["muc_type"] == b["muc_type"] and la is not None and lb is not None
            and la.get("geonames_id") == lb.get("geonames_id")
            and a["range"][0] <= b["range"][1] and b["range"][0] <= a["range"][1])


def fuse_in_store(items: list[dict], docs: list[dict], path: str, rules=None) -> dict[str, str]:
    """Store every report (Store.add fuses as it stores); event id -> fused event id."""
    from sitrep.records import ArticleOut, CodedArticle, Event
    from sitrep.store import Store

    by_doc: dict[str, list[dict]] = {}
    for item in items:
        by_doc.setdefault(item["doc"], []).append(item["event"])
    with Store(path, rules=rules) as store:
        for doc in docs:
            events = by_doc.get(doc["doc_id"], [])
            coded = CodedArticle(article=ArticleOut(id=doc["doc_id"], text=doc["text"], outlet="FBIS"),
                                 events=[Event.model_validate(e) for e in events])
            store.add(coded, content_hash=doc["doc_id"])
        return {e["id"]: e["fused_id"] for e in store.events()}


def _rules(pairs: tuple[str, ...]):
    import dataclasses

    from sitrep.fusion import RULES

    changes = {}
    kinds = {f.name: f.type for f in dataclasses.fields(RULES)}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in kinds:
            raise click.BadParameter(f"no rule {name!r}; rules: {', '.join(kinds)}", param_hint="--rule")
        default = getattr(RULES, name)
        changes[name] = (value.lower() in ("1", "true", "yes")) if isinstance(default, bool) else type(default)(value)
    return dataclasses.replace(RULES, **changes)


@click.command("fusion")
@dev_option
@click.option("--limit", type=int, default=None, help="Only the first N MUC-4 documents (dev, tst1, tst2 order).")
@click.option("--show", type=int, default=5, show_default=True, help="Print this many wrong merges and misses.")
@click.option("--rule", "rules", multiple=True, metavar="NAME=VALUE",
              help="Try another threshold (a field of sitrep.fusion.Rules), e.g. --rule min_score=2.")
def command(dev: Optional[str], limit: Optional[int], show: int, rules: tuple[str, ...]) -> None:
    """Precision and recall of fusion's merges on MUC-4 incidents told by several reports."""
    path = dev_dir(dev) / "muc4" / "muc4_dev_tst1_tst2.jsonl"
    if not path.exists():
        raise click.ClickException(f"{path}: MUC-4 not found")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = docs[:limit] if limit else docs
    chosen = _rules(rules)
    click.echo(f"rules: {chosen}")
    items = build_events(docs)
    with tempfile.TemporaryDirectory() as folder:
        fused = fuse_in_store(items, docs, str(Path(folder) / "fusion.db"), chosen)
    judged = [i for i in items if i["names"]]
    gold = pred = hits = alike = alike_merged = 0
    wrong, missed = [], []
    incident = gold_incidents(judged)
    for a, b in itertools.combinations(judged, 2):
        if a["doc"] == b["doc"]:
            continue
        same = incident[a["event"]["id"]] == incident[b["event"]["id"]]
        merged = fused[a["event"]["id"]] == fused[b["event"]["id"]]
        gold += same
        pred += merged
        hits += same and merged
        if merged and not same:
            wrong.append((a, b))
        if same and not merged:
            missed.append((a, b))
        if not same and look_alike(a, b):
            alike += 1
            alike_merged += merged
    p = hits / pred if pred else 0.0
    r = hits / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    n_fused = len(set(fused.values()))
    click.echo(f"MUC-4: {len(docs)} reports, {len(items)} incident keys stored -> {n_fused} fused events; "
               f"{len(judged)} keys with a named victim judged")
    click.echo(f"pairs of judged events from different reports: {len(judged) * (len(judged) - 1) // 2} "
               f"(gold same incident: {gold}, merged: {pred})")
    click.echo(f"merge precision {ratio(hits, pred)}")
    click.echo(f"merge recall    {ratio(hits, gold)}")
    click.echo(f"merge F1        {f1:.3f}")
    click.echo(f"look-alikes (different incidents, same type, overlapping dates, same place): {alike}, "
               f"wrongly merged {ratio(alike_merged, alike)}")

    def describe(x: dict) -> str:
        e = x["event"]
        return (f"{x['doc']} {x['muc_type']} {e['date']['start']}..{e['date']['end']} "
                f"@{(e['location'] or {}).get('name')} by {(e['actor1'] or {}).get('name')} "
                f"victims {sorted(x['names'])[:2]}")

    for label, pairs in (("wrong merge", wrong), ("missed", missed)):
        for a, b in pairs[:show]:
            click.echo(f"  {label}: {describe(a)}\n  {' ' * len(label)}  {describe(b)}")
