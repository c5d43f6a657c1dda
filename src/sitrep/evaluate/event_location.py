"""`sitrep evaluate event-location`: is each event put where it happened?

Two gold sets:

- `event_location/` (Halterman 2019): sentences with one event verb and the place names that are
  THAT event's location (none when the sentence does not say). Given the gold verb, the event the
  pipeline found at it (or, when the events stage found none there, a bare event at that verb) is
  located by `nlp.event_location`; it is right when it names one of the gold places (the mention, or
  another mention of the same gazetteer place: "the Georgian capital" for gold "Tbilisi" in "the
  Georgian capital Tbilisi"), or none when there is none ("accuracy", the standard figure). One
  adjusted figure is printed beside it, labelled: a mention that stands in for a name the gazetteer
  lacks ("Bulo Burto" for "Gayacad" in "Gayacad village (Bulo Burto, Hiiraan)") also counts at that
  name, though the record still names the mention's place. Accuracy is also given on the sentences
  naming two or more places, where the choice matters, with the mention alone, and on the records
  the annotator accepted (`answer: accept`): the others include sentences whose location went
  unmarked ("captured in Mexico City" with no place). Of the records that were never accepted AND
  mark no place, a hand review of the 81 that the coder placed (1,000 sampled, seed 13) found 49
  stating plainly where the event happened ("killed in the city of Homs"): so accuracy is also given
  without those records ("reviewed or placed"). That figure is an upper bound, not the headline: the
  other 32 of the 81 really had no place, and dropping them drops exactly the records where placing
  one counts against the coder.
- ACLED notes (`acled_*`): each note is coded whole; the note's event is the first located event the
  pipeline found (else none). Reported: the share placed within 25 km of ACLED's coordinates, and the
  share whose first-level division matches ACLED's admin1; then, of the notes where some place of the
  note lies within 25 km, why the event was not placed there (no event, no located event, another
  place chosen: a town, or only a province whose centre happens to lie near). As the events stage
  often finds no event in a note, the places stage is also measured on its own: where ACLED's
  location name is written in the note, is it found as a place, placed within 25 km, in ACLED's
  admin1?
"""
from __future__ import annotations

import csv
import json
import random
import re
import time
from pathlib import Path

import click

from .common import dev_dir, dev_option, ratio
from .places import km

ACLED_SETS = {
    "acled_somalia2025": ("acled_somalia_2025h1/acled_somalia_2025-04_2025-09.csv", "lower"),
    "acled_africa2016": ("acled_africa2016/acled_africa_2016.csv", "lower"),
    "acled_asia2015": ("acled_asia2015/acled_asia_2015.csv", "upper"),
}
# ACLED coder remarks are not news text: cut before coding ("Unspecified number of fatalities coded as 3.")
CODER_REMARK = re.compile(r"[^.]*(?:coded as|split across|unspecified number)[^.]*\.?", re.I)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span_of(text: str, span: dict) -> tuple[int, int]:
    """Character offsets of a gold span; where the corpus marks them unreliable, found by its text."""
    start, end = span["start"], span["end"]
    if not span["text"].strip():
        return start, end  # 24 spans lost their text; their offsets still hold the name ("Aleppo", "Latakia")
    if span.get("offsets_unreliable") or text[start:end] != span["text"]:
        found = text.find(span["text"])
        if found >= 0:
            return found, found + len(span["text"])
    return start, end


def halterman_records(path: Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("answer") == "reject":
                continue
            verbs = [s for s in rec["spans"] if s["label"] == "VERB"]
            if len(verbs) != 1:
                continue
            rec["verb"] = _span_of(rec["text"], verbs[0])
            rec["gold"] = [_span_of(rec["text"], s) for s in rec["spans"] if s["label"] == "LOCATION"]
            out.append(rec)
    return out


def _event_at(doc, verb_token):
    """The pipeline's event at the gold verb, else a bare event there (no participants known)."""
    from ..nlp.events import EventMention

    for event in doc._.events or []:
        if event.trigger[0] <= verb_token.i < event.trigger[1] or event.head == verb_token.i:
            return event, True
    sent = verb_token.sent
    bare = EventMention(trigger=(verb_token.i, verb_token.i + 1), head=verb_token.i, lexeme=None,
                        type="ASSAULT", mode=None, cameo=None, trigger_acled=None,
                        sentence=(sent.start, sent.end))
    return bare, False


def _char_spans(doc, place, stands_for: bool = False) -> list[tuple[int, int]]:
    """Where a mention is written; with `stands_for` (the adjusted figure only), a mention that stands
    in for a name the gazetteer lacks ("Bulo Burto" for "Gayacad" in "Gayacad village (Bulo Burto,
    Hiiraan)") is also written at that name, though the record names the mention's place."""
    span = doc[place.start:place.end]
    spans = [(span.start_char, span.end_char)]
    if stands_for and place.stands_for is not None:
        token = doc[place.stands_for]
        spans.append((token.idx, token.idx + len(token.text)))
    return spans


def _names_gold(doc, place, gold, stands_for: bool = False) -> bool:
    return any(_overlaps(s, g) for s in _char_spans(doc, place, stands_for) for g in gold)


def _right(doc, place, places, gold, stands_for: bool = False) -> tuple[bool, bool]:
    """Whether the chosen place is right, and whether the chosen mention itself is gold. Another
    mention of the chosen place counts only where the gazetteer resolved that mention itself: a name it
    lacks, put at its container or a town nearby ("the Qurtuba neighbourhood of Jiddah"), shares
    Jiddah's entry but is not Jiddah, so choosing Jiddah is credited only in the adjusted figure."""
    if place is None:
        return not gold, not gold
    mention_ok = _names_gold(doc, place, gold, stands_for)
    return mention_ok or any(_same_place(p, place) for p in places
                             if (stands_for or p.descriptor not in _STAND_IN_DESCRIPTORS)
                             and _names_gold(doc, p, gold, stands_for)), mention_ok


# how the places stage marks a name the gazetteer lacks that it put at a known place
_STAND_IN_DESCRIPTORS = frozenset({"within", "nearby"})


def _same_place(a, b) -> bool:
    """Two mentions of one gazetteer place ("the Georgian capital", "Tbilisi")."""
    ea, eb = a.entry, b.entry
    if ea.geonames_id is not None and ea.geonames_id == eb.geonames_id:
        return True
    return (ea.name, ea.country, round(ea.lat, 3), round(ea.lon, 3)) == (eb.name, eb.country, round(eb.lat, 3),
                                                                        round(eb.lon, 3))


def score_halterman(records: list[dict], errors: int) -> None:
    from ..nlp.pipeline import load_pipeline, parse
    from ..nlp.event_location import event_location

    nlp = load_pipeline()
    n = right = with_gold = right_with_gold = none_gold = right_none = multi = right_multi = found = 0
    right_standing = 0
    gold_known = right_known = right_mention = accepted = right_accepted = reviewed = right_reviewed = 0
    shown = 0
    docs = parse(nlp, ((r["text"], {"published": None, "fields": None}) for r in records))
    for rec, doc in zip(records, docs):
        verb = doc.char_span(*rec["verb"], alignment_mode="expand")
        if verb is None or not len(verb):
            continue
        event, by_pipeline = _event_at(doc, verb.root)
        found += by_pipeline
        places = doc._.places or []
        if event.location is not None and by_pipeline:
            place = event.location
        else:
            place = event_location(doc, event, places)
        gold = rec["gold"]
        ok, mention_ok = _right(doc, place, places, gold)
        n += 1
        right += ok
        right_standing += _right(doc, place, places, gold, stands_for=True)[0]
        right_mention += mention_ok
        if rec.get("answer") == "accept":
            accepted += 1
            right_accepted += ok
        if rec.get("answer") == "accept" or gold:
            reviewed += 1
            right_reviewed += ok
        if gold:
            with_gold += 1
            right_with_gold += ok
        else:
            none_gold += 1
            right_none += ok
        if gold:
            known = any(_names_gold(doc, p, gold) for p in places)
            gold_known += known
            right_known += ok and known
        sentence_places = [p for p in places if event.sentence[0] <= p.start < event.sentence[1]]
        if len(sentence_places) >= 2:
            multi += 1
            right_multi += ok
        if not ok and shown < errors:
            shown += 1
            click.echo(f"    [{rec['text'][rec['verb'][0]:rec['verb'][1]]}] gold={[rec['text'][s:e] for s, e in gold]} "
                       f"got={place.text if place else None} :: {rec['text'][:160]}")
    click.echo(f"  accuracy                         {ratio(right, n)}")
    click.echo(f"    adjusted (a mention credited at the unknown name it stands for) {ratio(right_standing, n)}")
    click.echo(f"    the chosen mention itself gold {ratio(right_mention, n)}")
    click.echo(f"    records the annotator accepted {ratio(right_accepted, accepted)}")
    click.echo(f"    adjusted (reviewed or placed records only, an upper bound: without the unreviewed "
               f"'no place' ones) {ratio(right_reviewed, reviewed)}")
    click.echo(f"    sentences naming its location  {ratio(right_with_gold, with_gold)}")
    click.echo(f"    sentences that do not          {ratio(right_none, none_gold)}")
    click.echo(f"    two or more places in sentence {ratio(right_multi, multi)}")
    click.echo(f"  gold location found as a place   {ratio(gold_known, with_gold)}  (the rest: names the "
               f"gazetteer lacks or the model missed)")
    click.echo(f"    accuracy on those              {ratio(right_known, gold_known)}")
    click.echo(f"  events stage found the gold verb {ratio(found, n)}")


def acled_rows(dev: Path, name: str) -> list[dict]:
    rel, case = ACLED_SETS[name]
    rows = []
    with open(dev / rel, encoding="utf-8", errors="replace", newline="") as fh:
        for row in csv.DictReader(fh):
            row = {k.lower(): v for k, v in row.items() if k}
            notes = CODER_REMARK.sub("", row.get("notes") or "").strip()
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (KeyError, ValueError):
                continue
            if notes:
                rows.append({"notes": notes, "lat": lat, "lon": lon, "admin1": row.get("admin1") or "",
                             "date": row.get("event_date") or "", "location": (row.get("location") or "").strip()})
    return rows


def _same_division(a: str, b: str, country: str | None = None) -> bool:
    """Is our first-level division `a` ACLED's `b`? By name, or, where the two are spelled apart
    ("Shabeellaha Hoose" and "Lower Shabelle", "Sidi Bou Zid" and "Sidi Bu Zayd", "Nord-Kivu"), by the
    gazetteer's own names for ACLED's division in the same country."""
    from ..gazetteer import _clean_division, load_gazetteer, variant_key

    ka, kb = variant_key(_clean_division(a)), variant_key(_clean_division(b))
    if not ka:
        return False
    if ka == kb or ka in kb or kb in ka:
        return True
    return country is not None and any(
        e.kind == "admin1" and e.country == country and variant_key(_clean_division(e.name)) == ka
        for e in load_gazetteer().lookup(b))


def _division_of(place) -> str | None:
    return place.admin1 or (place.name if place.precision == "admin1" else None)


def _location_span(text: str, name: str) -> tuple[int, int] | None:
    """Where the note writes ACLED's location name ("Mukaiga" in "in Mukaiga village (...)")."""
    if not name:
        return None
    found = text.lower().find(name.lower())
    return (found, found + len(name)) if found >= 0 else None


def score_acled(rows: list[dict], errors: int) -> None:
    from .. import code_many
    from ..article import Article

    n = within = admin1 = admin1_by_name = located = 0
    lost = dict.fromkeys(("no event", "events, none located", "placed elsewhere, a town of the note within",
                          "placed elsewhere, only a province's centre within"), 0)
    named = detected = named_within = named_admin1 = any_within = 0
    shown = 0
    articles = [Article(text=r["notes"], id=str(i)) for i, r in enumerate(rows)]
    for row, coded in zip(rows, code_many(articles)):
        n += 1
        article = getattr(coded, "article", None)  # an error record carries only a reference
        places = getattr(article, "places", None) or []
        near = [p for p in places if km(row["lat"], row["lon"], p.lat, p.lon) <= 25]
        any_within += bool(near)
        span = _location_span(getattr(article, "text", None) or "", row["location"])
        if span is not None:
            named += 1
            hit = next((p for p in places if p.start is not None and p.start < span[1] and span[0] < p.end), None)
            if hit is not None:
                detected += 1
                named_within += km(row["lat"], row["lon"], hit.lat, hit.lon) <= 25
                division = _division_of(hit)
                named_admin1 += bool(division) and _same_division(division, row["admin1"], hit.country)
        events = getattr(coded, "events", None) or []
        place = next((e.location for e in events if e.location is not None), None)
        if place is None:
            if near:
                lost["no event" if not events else "events, none located"] += 1
            if shown < errors:
                shown += 1
                click.echo(f"    no location :: {row['notes'][:150]}")
            continue
        located += 1
        distance = km(row["lat"], row["lon"], place.lat, place.lon)
        if distance > 25 and near:
            fine = any(p.precision in ("point", "city", "admin2") for p in near)
            lost["placed elsewhere, a town of the note within" if fine
                 else "placed elsewhere, only a province's centre within"] += 1
        within += distance <= 25
        division = _division_of(place)
        admin1 += bool(division) and _same_division(division, row["admin1"], place.country)
        admin1_by_name += bool(division) and _same_division(division, row["admin1"])
        if distance > 25 and shown < errors:
            shown += 1
            # the note's places that lay within 25 km: where the choice went wrong, not the places stage
            within_note = "".join(f" [within 25 km: {p.text!r}]" for p in near[:2])
            click.echo(f"    {place.text!r} -> {place.name}, {place.admin1} ({distance:.0f} km; ACLED {row['location']}, "
                       f"{row['admin1']}){within_note} :: {row['notes'][:120]}")
    click.echo(f"  event located               {ratio(located, n)}")
    click.echo(f"  within 25 km of ACLED       {ratio(within, n)}")
    click.echo(f"  admin1 matches ACLED        {ratio(admin1, n)}")
    click.echo(f"    by the name alone         {ratio(admin1_by_name, n)}  (without the gazetteer's other "
               f"names for ACLED's division: 'Shabeellaha Hoose' is 'Lower Shabelle')")
    click.echo("  places stage alone, on the note's own place name:")
    click.echo(f"    ACLED's name in the note  {ratio(named, n)}")
    click.echo(f"    found as a place          {ratio(detected, named)}")
    click.echo(f"    placed within 25 km       {ratio(named_within, detected)}  (of those found; "
               f"{ratio(named_within, named)} of all named)")
    click.echo(f"    admin1 matches ACLED      {ratio(named_admin1, detected)}  (of those found)")
    click.echo(f"  some place of the note within 25 km  {ratio(any_within, n)}")
    click.echo("    of those, not within 25 km of ACLED's point, because:")
    for why, count in lost.items():
        click.echo(f"      {why:<52} {count}")


@click.command("event-location")
@dev_option
@click.option("--set", "which", type=click.Choice(["all", "halterman", *ACLED_SETS]), default="all",
              show_default=True)
@click.option("--sample", type=int, default=1000, show_default=True, help="Items per set (0: all).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--errors", type=int, default=0, help="Show the first N errors of each set.")
def command(dev, which, sample, seed, errors) -> None:
    """Event location: Halterman's sentences (accuracy) and ACLED notes (within 25 km, admin1)."""
    root = dev_dir(dev)
    if which in ("all", "halterman"):
        path = root / "event_location" / "event_location_labeled.jsonl"
        if path.exists():
            records = halterman_records(path)
            if sample and sample < len(records):
                records = random.Random(seed).sample(records, sample)
            t = time.perf_counter()
            click.echo(f"event_location (Halterman): {len(records)} sentences")
            score_halterman(records, errors)
            click.echo(f"  ({time.perf_counter() - t:.0f}s)")
    for name in ACLED_SETS:
        if which not in ("all", name) or not (root / ACLED_SETS[name][0]).exists():
            continue
        rows = acled_rows(root, name)
        if sample and sample < len(rows):
            rows = random.Random(seed).sample(rows, sample)
        t = time.perf_counter()
        click.echo(f"{name}: {len(rows)} notes")
        score_acled(rows, errors)
        click.echo(f"  ({time.perf_counter() - t:.0f}s)")
