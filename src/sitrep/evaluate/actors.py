"""`sitrep evaluate actors`: how often the coded actors carry the right country.

Two gold sets. The standard figures come first, under their plain names; adjusted ones follow, each
labelled "adjusted" with what it lets through.

- PLOVER gold records (`plover_gsr/plover_gsr.jsonl`): each sentence names its source and target actors
  with a country code, or IGO or NGO for an international body with no country.
  - "given the gold phrase": for each gold actor text, found in the sentence (whole words, every
    occurrence), `actor_for` on the phrase's head must return the gold country (a gold IGO: an IGO with
    no country; a gold NGO: an NGO with no country). That scores the actor stage alone.
  - "actor1" / "actor2" (end to end): the coded event whose trigger overlaps the gold event words (else
    the first event of the gold type, else the first event); its actor1 must be of a source country,
    its actor2 of a target country, by the same rule. No event or no actor is a miss.
  - "adjusted (IGO/NGO as one)": the same three figures where a gold IGO accepts an NGO and the
    reverse (the file codes Amnesty International and the Red Cross "IGO").
  - "adjusted (target place as its country)": "given" where a gold target phrase that codes as no actor
    but is, or is followed within four words by, a place ("settlements in the Gaza Strip") counts as
    that place's country, as the events stage codes the target of an event of a type that takes a
    place target (`events.PLACE_TARGET_TYPES`, `CONTENT_TYPES`); only for such gold types.
- ACLED notes (`acled_*`): where ACLED's actor1 is a state's forces ("Military Forces of Somalia
  (2022-)", "Police Forces of India"), the event is the first one ACLED would code (it has an ACLED
  type), else the first one; none is a miss. Coder remarks in modern notes (that an
  event is coded on its own, or which default count of deaths was entered) are removed first.
  Each note is coded from its text and date alone.
  - "actor1 country": the event's actor1 is of that state (the standard figure) and was read from the
    text, or is the police an arrest implies, or the security forces an operation against armed men
    implies ("five insurgents died in a cordon operation near Tarsa": `events._operation_forces`), or
    the security forces that defused or seized weapons with no one named (`events._implicit_disrupter`). An
    attacker the events stage infers where the text names none ("an unidentified armed group", of the
    event's country) is never that state's forces.
  - "breakdown of the hits": not a score; how many of the standard hits are actors inferred with empty
    text (the forces of an operation, the police of an arrest, the forces that defused or seized weapons),
    per set, so that a change on held-out notes can be traced to those inferences.
  - "adjusted, an inferred unidentified attacker counted by its country": counts it when its country
    is that state's (the issue's letter: the country of actor1).
  - "adjusted, battles either side": also a coded battle whose *other* side is of that state (in a
    battle ACLED's actor order says nothing about who attacked whom).
  - "adjusted, either actor": any event with either side of that state.
  - "adjusted, each note given ACLED's SOURCE as its outlet": the same lines, the article's outlet
    (`kb.outlets`) given as the contract's input allows. Lenient: ACLED picked those sources for
    covering the event's country, so the outlet carries a little of the gold.

The phrase scorer uses `nlp.events.actors_of` to code a phrase whose head coordinates modifiers
("French and Egyptian warships") the way the events stage does.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

import click

from .common import dev_dir, dev_option, ratio

# Codes in the 2016 gold file that are not ISO 3166 (or are its older spellings).
PLOVER_CODES = {"JAP": "JPN", "ITL": "ITA"}
CLASS_CODES = {"IGO": "IGO", "NGO": "NGO"}  # matched by the actor's sector: no country
# The gold file's PLOVER 2016 names, mapped onto the types sitrep codes.
OLD_TYPES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
STATE_FORCES = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?)\s*(?:\(|$)", re.I)
# ACLED names that are not ISO 3166 short names.
ACLED_STATES = {"somaliland": "SOM", "united states of america": "USA"}
_MARKUP = re.compile(r"\((EVT|SRC|TAR|LOC): ([^()]*(?:\([^()]*\)[^()]*)*)\)")
_REMARKS = [re.compile(p, re.I) for p in (
    r"\s*\((?:coded|also coded)[^)]*\)",
    r"[^.]*\bcoded as\b[^.]*\.",
    r"[^.]*\bsplit across\b[^.]*\.",
    r"^[A-Z][a-z ]+ to [a-z ]+:\s*",  # "Change to armed group: "
    r"^\s*[A-Z][A-Za-z ,/-]{2,40}:\s+(?=On |In |At |Around |Between |\d)",  # "Defusal: On 1 September ..."
)]


def _country_fits(actor, gold: str, igo_ngo_as_one: bool = False) -> bool:
    """Whether the actor is of the gold country; a gold IGO or NGO asks for a body of that sector with no
    country. `igo_ngo_as_one` (adjusted figures only) lets either sector stand for the other."""
    if actor is None:
        return False
    if gold in CLASS_CODES:
        sectors = set(CLASS_CODES.values()) if igo_ngo_as_one else {CLASS_CODES[gold]}
        return actor.sector in sectors and not actor.country
    return actor.country == gold


def _gold_code(code: Optional[str], iso3: set[str]) -> Optional[str]:
    if not code:
        return None
    code = PLOVER_CODES.get(code, code)
    return code if code in iso3 or code in CLASS_CODES else None


# --- PLOVER -------------------------------------------------------------------------------------------

def _plover_records(path: Path) -> list[dict]:
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in records if r.get("text") and r.get("event") and r["event"] != "DOCUMENT"]


def _occurrences(text: str, piece: str) -> list[tuple[int, int]]:
    """Every place the text writes `piece` as whole words (any spacing between them), those in the
    same case first, then the others, each group in text order."""
    words = piece.split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    exact = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    folded = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]
    return exact + [o for o in folded if o not in exact]


def _phrase_head(doc, text: str, phrase: str):
    """The syntactic head of the gold phrase where the text writes it (its first occurrence as whole
    words; None when it is not there). A phrase the file writes with a gap ("U.S. ... negotiators" for
    "U.S. and Russian negotiators") is found by its pieces, the last first (an English noun phrase ends
    with its head), and one written without the words between ("Jordan's King Abdullah II" for "Jordan's
    visiting King Abdullah II") by the text from its first word to its last (any occurrence of the first
    word, the next of the last within the phrase's length and 30 characters); either only where that
    names a noun."""
    phrase = re.sub(r"\s+", " ", phrase).strip()
    if not phrase:
        return None
    for span in _occurrences(text, phrase):
        head = _head_of_span(doc, *span)
        if head is not None:
            return head
    pieces = [p for p in re.split(r"\s*\.{2,}\s*", phrase) if p.strip()]
    words = phrase.split()
    tries = [span for p in reversed(pieces) for span in _occurrences(text, p)] if len(pieces) > 1 else []
    if len(words) > 1:
        lasts = _occurrences(text, words[-1])
        for first, _ in _occurrences(text, words[0]):
            end = next((e for s, e in sorted(lasts) if s > first), None)
            if end is not None and end - first <= len(phrase) + 30:
                tries.append((first, end))
    for span in tries:
        head = _head_of_span(doc, *span)
        if head is not None and head.pos_ in ("NOUN", "PROPN", "PRON"):
            return head
    return None


def _coded_as(head, phrase: str, actor_for):
    """What sitrep codes the gold phrase as: `actor_for` on its head, except where the head's own phrase
    coordinates modifiers ("French and Egyptian warships"), which the events stage codes one actor per
    modifier (`events.actors_of`): then the one whose modifier the gold phrase names."""
    if head is None:
        return None
    actor = actor_for(head)
    from ..nlp.actors import phrase_tokens
    if actor is None or not any(t.conjuncts and t.dep_ in ("amod", "compound", "nmod", "poss") and t.i < head.i
                                for t in phrase_tokens(head)):
        return actor
    from ..nlp.events import actors_of
    words = {w.lower() for w in re.findall(r"[\w.'-]+", phrase)}
    named = [a for a in actors_of(head, None) if a.text and a.text.split()[0].lower() in words]
    exact = [a for a in named if a.text.lower() == phrase.lower()]
    return exact[0] if len(exact) == 1 else named[0] if len(named) == 1 else actor


def _place_target(doc, head, gold_type: Optional[str] = None):
    """For the adjusted figure only: a gold target that is a place ("settlements in the Gaza Strip", "a
    curfew in Abidjan"), read as the events stage reads the target of an event of a type that takes a
    place (`events._place_target`): the country of a place that is the head, or in its phrase within
    four words after it. None where the gold event type takes no place target."""
    from ..nlp.events import CONTENT_TYPES, PLACE_TARGET_TYPES
    from ..records import Actor

    if head is None:
        return None
    if gold_type is not None and OLD_TYPES.get(gold_type, gold_type) not in PLACE_TARGET_TYPES | CONTENT_TYPES:
        return None
    ids = {head.i} | {t.i for t in head.subtree if 0 < t.i - head.i <= 4}
    for place in doc._.places or []:
        if place.entry.country and any(place.start <= i < place.end for i in ids):
            return Actor(text=doc[place.start:place.end].text, name=place.entry.name, country=place.entry.country)
    return None


def _head_of_span(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _pick_event(doc, events, record: dict):
    if not events:
        return None
    info = record.get("textInfo")
    markup = info.get("markup") if isinstance(info, dict) else None
    gold_words = [m.group(2) for m in _MARKUP.finditer(markup or "") if m.group(1) == "EVT"]
    for event in events:
        trigger = doc[event.trigger[0]:event.trigger[1]].text.lower()
        if any(trigger in w.lower() or w.lower() in trigger for w in gold_words if w.strip()):
            return event
    gold_type = OLD_TYPES.get(record["event"], record["event"])
    return next((e for e in events if e.type == gold_type), events[0])


def score_plover(path: Path, nlp_parse) -> dict:
    from ..kb import load_kb
    from ..nlp.actors import actor_for

    iso3 = set(load_kb().countries)
    records = _plover_records(path)
    given = Counter()
    e2e = Counter()
    misses = []
    for record, doc in zip(records, nlp_parse((r["text"], None) for r in records)):
        text = record["text"]
        sides = {}
        for side in ("source", "target"):
            actors = record.get(side) if isinstance(record.get(side), list) else []
            codes = [_gold_code(a.get("code"), iso3) for a in actors]
            sides[side] = [c for c in codes if c]
            for a, c in zip(actors, codes):
                if not c:
                    given["skipped"] += 1
                    continue
                head = _phrase_head(doc, text, a.get("actorText") or "")
                got = _coded_as(head, a.get("actorText") or "", actor_for)
                given["total"] += 1
                given["hits"] += _country_fits(got, c)
                given["as_one_hits"] += _country_fits(got, c, igo_ngo_as_one=True)
                placed = got
                if got is None and side == "target":
                    placed = _place_target(doc, head, record["event"])
                given["place_hits"] += _country_fits(placed, c)
                if not _country_fits(got, c):
                    misses.append(("given", a.get("actorText"), c, got.country if got else None,
                                   got.sector if got else None, text))
        event = _pick_event(doc, doc._.events or [], record)
        for side, attr in (("source", "actor1"), ("target", "actor2")):
            if not sides[side]:
                continue
            got = getattr(event, attr) if event is not None else None
            e2e[f"{attr}_total"] += 1
            e2e[f"{attr}_as_one_hits"] += any(_country_fits(got, c, igo_ngo_as_one=True) for c in sides[side])
            if any(_country_fits(got, c) for c in sides[side]):
                e2e[f"{attr}_hits"] += 1
            else:
                misses.append((attr, got.text if got else None, "/".join(sides[side]),
                               got.country if got else None, got.sector if got else None, text))
        e2e["no_event"] += event is None
    return {"records": len(records), "given": given, "e2e": e2e, "misses": misses}


# --- ACLED --------------------------------------------------------------------------------------------

def clean_note(note: str) -> str:
    """An ACLED note without its coder remarks, its characters normalised as `sitrep code` normalises
    every text (`clean.normalise_text`): some older notes carry cp1252 quotes read as C1 controls
    ('took \\x93complete control\\x94'), which the parser would otherwise glue to the words."""
    from ..clean import normalise_text

    note = normalise_text(note)
    for pattern in _REMARKS:
        note = pattern.sub("", note)
    return re.sub(r"\s+", " ", note).strip()


def _acled_rows(folder: Path) -> Iterable[dict]:
    for path in sorted(folder.glob("acled_*/*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {(k or "").lower(): (v or "") for k, v in row.items()}
                row["set"] = path.parent.name
                yield row


def _acled_date(value: str) -> Optional[dt.date]:
    for fmt in ("%Y-%m-%d", "%d-%B-%Y", "%d %B %Y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def state_of(actor_name: str, kb) -> Optional[str]:
    """ISO3 of the state whose forces an ACLED actor name designates, or None."""
    match = STATE_FORCES.match(actor_name.strip())
    if not match:
        return None
    name = match.group(2).strip()
    if name.lower() in ACLED_STATES:
        return ACLED_STATES[name.lower()]
    countries = [e for e in kb.lookup(name) if e.kind == "country"]
    return countries[0].country if countries else None


def score_acled(folder: Path, nlp_parse, limit: int, seed: int, with_outlet: bool = False) -> dict:
    """Actor1 country on the ACLED notes whose actor1 is a state's forces. `with_outlet`: each note is
    given ACLED's SOURCE as its article's outlet (a lenient reading: ACLED chose those sources for
    covering the event's country). A hit needs the country and an actor read from the text (or the
    police an arrest implies); an inferred unidentified attacker of the right country is counted apart."""
    from ..kb import load_kb
    from ..kb.outlets import outlet_country
    from ..nlp.events import inferred_attacker

    kb = load_kb()
    rows = []
    for row in _acled_rows(folder):
        state = state_of(row.get("actor1", ""), kb)
        if state and row.get("notes", "").strip():
            row["gold"] = state
            rows.append(row)
    random.Random(seed).shuffle(rows)
    by_set = Counter()
    sample = []
    sets = sorted({r["set"] for r in rows})
    per_set = max(1, limit // max(1, len(sets))) if limit else None
    for row in rows:
        if per_set is None or by_set[row["set"]] < per_set:
            by_set[row["set"]] += 1
            sample.append(row)
    counts = Counter()
    misses = []
    inputs = ((clean_note(r["notes"]), _acled_date(r.get("event_date", "")),
               outlet_country(r.get("source")) if with_outlet else None) for r in sample)
    for row, doc in zip(sample, nlp_parse(inputs)):
        events = doc._.events or []
        event = next((e for e in events if e.acled), events[0] if events else None)
        got = event.actor1 if event is not None else None
        key = row["set"]
        counts[f"{key}:total"] += 1
        right_country = got is not None and got.country == row["gold"]
        hit = right_country and not inferred_attacker(got)
        counts[f"{key}:hits"] += hit
        counts[f"{key}:inferred"] += right_country and not hit
        if hit and not got.text:  # read from no words: the forces of an operation, the police of an arrest
            # the forces that defused or seized weapons (`events._implicit_disrupter`) have their own bucket
            disrupted = event.acled is not None and event.acled[1] == "Disrupted weapons use"
            counts[f"{key}:hit_" + ("disrupted" if disrupted else
                                    {"COERCE": "arrest", "ASSAULT": "operation"}.get(event.type, "other"))] += 1
        if not hit:
            misses.append((row["set"], row["actor1"], got.text if got else None, got.country if got else None,
                           clean_note(row["notes"])[:240]))
        either = event is not None and any(a is not None and a.country == row["gold"] and not inferred_attacker(a)
                                           for a in (event.actor1, event.actor2))
        counts[f"{key}:either"] += either
        # in a battle neither side is the doer: ACLED's actor order carries no direction there
        battle = event is not None and event.acled is not None and event.acled[0] == "Battles"
        counts[f"{key}:sided"] += hit or (battle and either)
        counts[f"{key}:no_event"] += event is None
    return {"sets": sets, "counts": counts, "misses": misses, "available": len(rows)}


def _parser():
    from ..nlp.pipeline import load_pipeline, parse

    nlp = load_pipeline()

    def run(items):
        return parse(nlp, (_context(item) for item in items))
    return run


def _context(item: tuple) -> tuple[str, dict]:
    """(text, published[, outlet country]) as the parser's (text, context)."""
    text, published, *outlet = item
    return text, {"published": published, "outlet_country": outlet[0] if outlet else None}


@click.command("actors")
@dev_option
@click.option("--limit", default=600, show_default=True, help="ACLED notes to score, spread over the sets (0: all).")
@click.option("--seed", default=13, show_default=True, help="Seed of the ACLED sample.")
@click.option("--show-misses", default=0, help="Print this many misses of each kind.")
@click.option("--outlet/--no-outlet", default=True, show_default=True,
              help="Also score the ACLED notes given their SOURCE as the article's outlet (an adjusted line).")
def command(dev: Optional[str], limit: int, seed: int, show_misses: int, outlet: bool) -> None:
    """Country accuracy of coded actors on the PLOVER gold records and the ACLED notes."""
    folder = dev_dir(dev)
    parse = _parser()
    plover = folder / "plover_gsr" / "plover_gsr.jsonl"
    if plover.exists():
        result = score_plover(plover, parse)
        g, e = result["given"], result["e2e"]
        click.echo(f"PLOVER gold records: {result['records']}")
        # the acceptance figures (end to end) first; "given the gold phrase" is a diagnostic of the actor stage
        click.echo(f"  actor1 country, end to end:  {ratio(e['actor1_hits'], e['actor1_total'])}")
        click.echo(f"  actor2 country, end to end:  {ratio(e['actor2_hits'], e['actor2_total'])}"
                   f"  (records with no event: {e['no_event']})")
        click.echo(f"  diagnostic: actor country, given the gold phrase: {ratio(g['hits'], g['total'])}"
                   f"  (gold codes not ISO/IGO/NGO skipped: {g['skipped']})")
        click.echo(f"  adjusted (IGO/NGO as one): given {ratio(g['as_one_hits'], g['total'])}, "
                   f"actor1 {ratio(e['actor1_as_one_hits'], e['actor1_total'])}, "
                   f"actor2 {ratio(e['actor2_as_one_hits'], e['actor2_total'])}")
        click.echo(f"  adjusted (target place as its country, gold types that take a place target): given "
                   f"{ratio(g['place_hits'], g['total'])}")
        for miss in [m for m in result["misses"]][:show_misses * 3]:
            click.echo("    MISS " + " | ".join(str(x) for x in miss))
    result = score_acled(folder, parse, limit, seed)
    c = result["counts"]
    click.echo(f"ACLED notes where actor1 is a state's forces: {result['available']} available, "
               f"sample of {sum(c[f'{s}:total'] for s in result['sets'])} (seed {seed}); the note's text and date")
    for s in result["sets"] + ["all"]:
        click.echo(f"  {s}: " + _acled_line(c, result["sets"] if s == "all" else [s]))
    click.echo("  breakdown of the actor1 country hits (not a score), inferred with empty text: "
               + "; ".join(f"{s} " + _inferred_hits(c, result["sets"] if s == "all" else [s])
                           for s in result["sets"] + ["all"]))
    if outlet:
        lenient = score_acled(folder, parse, limit, seed, with_outlet=True)
        click.echo("  adjusted, each note given ACLED's SOURCE as its outlet:")
        for s in lenient["sets"] + ["all"]:
            click.echo(f"    {s}: " + _acled_line(lenient["counts"], lenient["sets"] if s == "all" else [s]))
    for miss in result["misses"][:show_misses]:
        click.echo("    MISS " + " | ".join(str(x) for x in miss))


def _acled_line(c: Counter, sets: list[str]) -> str:
    n = {k: sum(c[f"{s}:{k}"] for s in sets) for k in ("total", "hits", "inferred", "sided", "either", "no_event")}
    return (f"actor1 country {ratio(n['hits'], n['total'])}; no event {n['no_event']}; "
            f"adjusted, an inferred unidentified attacker counted by its country "
            f"{ratio(n['hits'] + n['inferred'], n['total'])}; "
            f"adjusted, battles either side {ratio(n['sided'], n['total'])}; "
            f"adjusted, either actor {ratio(n['either'], n['total'])}")


def _inferred_hits(c: Counter, sets: list[str]) -> str:
    """How many hits are actors read from no words, by what implied them, of all hits."""
    operation, arrest, disrupted, other, hits = (
        sum(c[f"{s}:{k}"] for s in sets) for k in ("hit_operation", "hit_arrest", "hit_disrupted", "hit_other", "hits"))
    return (f"{operation + arrest + disrupted + other}/{hits} (operation forces {operation}, arrest police {arrest}, "
            f"weapons disrupted {disrupted}, other {other})")
