"""`sitrep evaluate events`: event type, ACLED type and relevance against gold data.

Data sets (under --dev, default ../shared/dev), each read only when this command runs:

* ``acled_somalia_2025h1`` — modern ACLED (6 event types, 25 sub-event types);
* ``acled_asia2015``, ``acled_africa2016`` — ACLED's older types, mapped onto the modern ones
  (``OLD_ACLED``); "Riots/Protests" accepts either modern type, and a sub-event type is graded only
  where the old type fixes it ("Battle-Government regains territory");
* ``plover_gsr`` — PLOVER type of one gold sentence (2016 names mapped onto today's; the sentence's
  main event is its first event that happened, else its first; an intended act counts as the
  promise PLOVER codes it as, see ``_plover_type``);
* ``ceha`` — is the text a conflict event at all (relevance precision and recall);
* the project's worked example, through ``../shared/tools/check_example.py`` (run separately).

An ACLED note is coded as an article published on its event date. ACLED coders append remarks that
are not news text (how many deaths an unspecified toll was coded as, how they named an actor
described otherwise) and lead some notes with their category ("Movement of
forces: ..."): both are stripped before coding, so the label never leaks into the input.

One gold row, several coded events: the note's *lead event* answers — the first event in text order
that has an ACLED code and did or allegedly did happen; failing that the first event with an ACLED
code whatever its status; failing that none ("NONE", always wrong). ACLED notes open with the event
they code and add context after it, so the first coded event is the one the row is about. One
exception follows ACLED's own codebook: when the lead event is an armed clash and the note also tells
a change of territory ("... clashed with Al Shabaab. The forces took control of the village"), the
territorial sub-event answers, since ACLED codes a battle that changed hands as that change.
"""
from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

import click

from .common import dev_dir, dev_option, ratio

NONE = "NONE"
OLD_ACLED = {  # older ACLED event type -> (modern event types accepted, modern sub-event type or None)
    "Riots/Protests": ({"Protests", "Riots"}, None),
    "Battle-No change of territory": ({"Battles"}, "Armed clash"),
    "Battle-Government regains territory": ({"Battles"}, "Government regains territory"),
    "Battle-Non-state actors overtake territory": ({"Battles"}, "Non-state actor overtakes territory"),
    "Remote violence": ({"Explosions/Remote violence"}, None),
    "Violence against civilians": ({"Violence against civilians"}, None),
    "Violence Against Civilians": ({"Violence against civilians"}, None),
    "Strategic development": ({"Strategic developments"}, None),
    "Non-violent transfer of territory": ({"Strategic developments"}, "Non-violent transfer of territory"),
}
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
HAPPENED = ("occurred", "alleged")

_REMARK_SENTENCE = re.compile(
    r"[^.]*\b(?:coded as|split across|fatalities? (?:were |was )?coded)\b[^.]*\.\s*", re.I)
_REMARK_PAREN = re.compile(r"\s*\((?:[^()]*\bcoded as\b[^()]*)\)", re.I)
_CATEGORY_LEAD = re.compile(r"^\s*[A-Z][A-Za-z ,/-]{2,40}:\s+(?=\S)")


def strip_remarks(note: str) -> tuple[str, bool]:
    """The news text of an ACLED note, and whether coder remarks were removed from it."""
    text = _CATEGORY_LEAD.sub("", note, count=1)
    text = _REMARK_PAREN.sub("", text)
    # a remark sentence leaves a space: it took the one after the sentence before it
    text = _REMARK_SENTENCE.sub(" ", text)
    text = re.sub(r"\s{2,}", " ", text).strip()
    return text, text != note.strip()


TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def lead_event(events) -> Optional[object]:
    """The event a one-event gold row is about (see the module docstring)."""
    coded = [e for e in events if e.acled is not None]
    happened = [e for e in coded if e.status in HAPPENED]
    lead = (happened or coded or [None])[0]
    if lead is not None and lead.acled.sub_event_type == "Armed clash":
        # ACLED codes a battle that changed who holds a place as that change of territory
        taken = [e for e in happened if e.acled.sub_event_type in TERRITORY]
        if taken:
            return taken[0]
    return lead


def _code(items: list[tuple[str, Optional[str]]]):
    """Coded articles for (text, published) pairs, in order (None where the text failed)."""
    from ..article import Article
    from ..coder import code_many
    from ..records import CodedArticle

    articles = [Article(text=text, published=published, id=f"eval-{i}") for i, (text, published) in
                enumerate(items)]
    for result in code_many(articles):
        yield result if isinstance(result, CodedArticle) else None


def _sample(rows: list, size: int, seed: int) -> list:
    if size and size < len(rows):
        return random.Random(seed).sample(rows, size)
    return rows


# --- scores -----------------------------------------------------------------------------------------

def f1_scores(gold: list[str], pred: list[str]) -> tuple[float, float, dict]:
    """Weighted and macro F1 over the gold labels, and per-label (precision, recall, f1, support)."""
    labels = sorted(set(gold))
    per = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = (precision, recall, f1, tp + fn)
    total = len(gold)
    weighted = sum(f * n for _, _, f, n in per.values()) / total if total else 0.0
    macro = sum(f for _, _, f, _ in per.values()) / len(per) if per else 0.0
    return weighted, macro, per


def _print_per_label(per: dict) -> None:
    click.echo(f"    {'sub_event_type':40} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}")
    for label, (p, r, f, n) in sorted(per.items(), key=lambda kv: -kv[1][3]):
        click.echo(f"    {label:40} {p:6.3f} {r:6.3f} {f:6.3f} {n:5d}")


# --- ACLED ------------------------------------------------------------------------------------------

def _acled_rows(dev: Path, name: str) -> list[dict]:
    """Rows of one ACLED set as {text, published, event_types, sub_event_type} (gold)."""
    import datetime as dt

    if name == "somalia":
        path = dev / "acled_somalia_2025h1" / "acled_somalia_2025-04_2025-09.csv"
        rows = []
        for r in csv.DictReader(path.open(encoding="utf-8")):
            text, _ = strip_remarks(r["notes"])
            rows.append({"id": r["event_id_cnty"], "text": text, "published": r["event_date"][:10],
                         "event_types": {r["event_type"]}, "sub_event_type": r["sub_event_type"]})
        return rows
    if name == "asia2015":
        path = dev / "acled_asia2015" / "acled_asia_2015.csv"
        keys = ("EVENT_ID_CNTY", "EVENT_DATE", "EVENT_TYPE", "NOTES")
    else:
        path = dev / "acled_africa2016" / "acled_africa_2016.csv"
        keys = ("event_id_cnty", "event_date", "event_type", "notes")
    rows = []
    for r in csv.DictReader(path.open(encoding="utf-8", errors="replace")):
        event_id, date, old_type, note = (r[k] for k in keys)
        if old_type not in OLD_ACLED or not (note or "").strip():
            continue
        try:
            published = dt.datetime.strptime(date, "%d-%B-%Y").date().isoformat()
        except ValueError:
            published = date[:10]
        types, sub = OLD_ACLED[old_type]
        text, _ = strip_remarks(note.replace("...[truncated]", ""))
        rows.append({"id": event_id, "text": text, "published": published, "event_types": types,
                     "sub_event_type": sub})
    return rows


def evaluate_acled(dev: Path, name: str, size: int, seed: int, errors: int) -> dict:
    rows = _sample(_acled_rows(dev, name), size, seed)
    gold_types, pred_types, gold_subs, pred_subs, wrong = [], [], [], [], []
    type_hits = 0
    for row, coded in zip(rows, _code([(r["text"], r["published"]) for r in rows])):
        event = lead_event(coded.events) if coded is not None else None
        p_type, p_sub = (event.acled.event_type, event.acled.sub_event_type) if event else (NONE, NONE)
        hit = p_type in row["event_types"]
        type_hits += hit
        gold_types.append(sorted(row["event_types"])[0] if not hit else p_type)
        pred_types.append(p_type)
        if row["sub_event_type"]:
            gold_subs.append(row["sub_event_type"])
            pred_subs.append(p_sub)
        if row["sub_event_type"] and p_sub != row["sub_event_type"] or not hit:
            wrong.append((row, p_type, p_sub, event))
    n = len(rows)
    out = {"set": name, "n": n, "event_type_accuracy": type_hits / n if n else 0.0}
    click.echo(f"ACLED {name}: {n} notes (seed {seed})")
    click.echo(f"  event_type accuracy      {ratio(type_hits, n)}")
    if gold_subs:
        weighted, macro, per = f1_scores(gold_subs, pred_subs)
        out.update(sub_weighted_f1=weighted, sub_macro_f1=macro, sub_n=len(gold_subs))
        click.echo(f"  sub_event_type weighted F1 {weighted:.3f}   macro F1 {macro:.3f}   (n={len(gold_subs)})")
        _print_per_label(per)
        confusion = Counter((g, p) for g, p in zip(gold_subs, pred_subs) if g != p)
        click.echo("  most frequent confusions (gold -> predicted):")
        for (g, p), k in confusion.most_common(12):
            click.echo(f"    {k:4d}  {g} -> {p}")
    for row, p_type, p_sub, event in wrong[:errors]:
        gold = row["sub_event_type"] or "/".join(sorted(row["event_types"]))
        trig = f"{event.type}:{event.trigger.text}" if event else "-"
        click.echo(f"  ! gold {gold} | got {p_sub} ({trig}) | {row['text'][:220]}")
    return out


# --- PLOVER, CEHA -----------------------------------------------------------------------------------

def _main_event(events):
    """The sentence's main event: the first that happened, else the first."""
    happened = [e for e in events if e.status in HAPPENED]
    return (happened or list(events) or [None])[0]


def _plover_type(event) -> str:
    """The type PLOVER's gold gives an event: a promised or intended act is coded as the promise
    (AGREE for cooperation, THREATEN for violence; PLOVER manual, "Special contexts"), while sitrep
    keeps the act's own type with status "intended"."""
    from ..kb.lexicon import load_codebook

    if event.status == "intended":
        return load_codebook().intended_type(event.type)
    return event.type


def evaluate_plover(dev: Path, errors: int) -> dict:
    path = dev / "plover_gsr" / "plover_gsr.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    hits = any_hits = 0
    per = Counter()
    per_total = Counter()
    wrong = []
    for r, coded in zip(records, _code([(r["text"], None) for r in records])):
        gold = OLD_PLOVER.get(r["event"], r["event"])
        events = coded.events if coded is not None else []
        main = _main_event(events)
        got = _plover_type(main) if main else NONE
        per_total[gold] += 1
        if got == gold:
            hits += 1
            per[gold] += 1
        else:
            wrong.append((gold, got, r["text"]))
        any_hits += any(_plover_type(e) == gold for e in events)
    n = len(records)
    click.echo(f"PLOVER gold sentences: {n}")
    click.echo(f"  type accuracy (main event)   {ratio(hits, n)}")
    click.echo(f"  gold type among the events   {ratio(any_hits, n)}")
    click.echo("    " + "  ".join(f"{t} {per[t]}/{per_total[t]}" for t in sorted(per_total, key=lambda k: -per_total[k])))
    for gold, got, text in wrong[:errors]:
        click.echo(f"  ! gold {gold} got {got} | {text[:200]}")
    return {"set": "plover", "n": n, "type_accuracy": hits / n if n else 0.0}


def is_conflict_event(coded) -> bool:
    """Relevance as CEHA asks it: the text reports an armed-conflict or political-violence event that
    happened (an ACLED-coded event other than a peaceful protest or a strategic development)."""
    for event in coded.events if coded is not None else []:
        if event.acled is None or event.status not in HAPPENED:
            continue
        if event.acled.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians",
                                      "Riots"):
            return True
    return False


def evaluate_ceha(dev: Path, errors: int) -> dict:
    path = dev / "ceha" / "CEHA_train_dev.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    tp = fp = fn = tn = 0
    wrong = []
    for r, coded in zip(rows, _code([(r["Event Description"], _ceha_date(r["Time"])) for r in rows])):
        gold = r["Is the event relevant?"].strip().lower() == "yes"
        got = is_conflict_event(coded)
        tp += gold and got
        fp += got and not gold
        fn += gold and not got
        tn += not gold and not got
        if gold != got:
            wrong.append((gold, r["ACLED/GDELT"], r["Event Description"]))
    click.echo(f"CEHA relevance: {len(rows)} texts (train+dev)")
    click.echo(f"  precision {ratio(tp, tp + fp)}   recall {ratio(tp, tp + fn)}   accuracy {ratio(tp + tn, len(rows))}")
    for gold, origin, text in wrong[:errors]:
        click.echo(f"  ! gold {'relevant' if gold else 'not relevant'} ({origin}) | {text[:200]!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"set": "ceha", "n": len(rows), "precision": precision, "recall": recall}


def _ceha_date(value: str) -> Optional[str]:
    value = (value or "").strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def evaluate_unidentified(dev: Path, size: int, seed: int, errors: int) -> dict:
    """The unidentified-attacker convention (an attack told with no doer is an "unidentified armed
    group" of the event's country, as ACLED codes it), on the ACLED notes of all three sets: where ACLED's
    actor1 is "Unidentified Armed Group (<country>)", how often the lead event's actor1 has that country
    and how often it is the inferred group; where ACLED names the perpetrator (not a state's forces, not
    protesters, rioters or civilians), how often the inferred group stands in its place (false
    positives); and where ACLED's actor1 is a state's forces, how often the inferred attacker (either
    kind: an unidentified armed group, or unidentified military forces for an air strike) stands in
    for that told doer (false positives too). Notes whose actor1 is any other "Unidentified ..." actor
    are neither."""
    from ..kb import load_kb
    from ..nlp.events import inferred_attacker
    from .actors import _acled_date, _acled_rows as acled_actor_rows, clean_note, state_of

    kb = load_kb()
    unknown, named, state = [], [], []
    for row in acled_actor_rows(dev):
        actor = row.get("actor1", "")
        if not row.get("notes", "").strip():
            continue
        if state_of(actor, kb):
            state.append(row)
            continue
        if actor.startswith("Unidentified Armed Group"):
            match = re.search(r"\(([^)]+)\)", actor)
            countries = [e for e in kb.lookup(match.group(1)) if e.kind == "country"] if match else []
            row["gold"] = countries[0].country if countries else None
            unknown.append(row)
        elif not actor.startswith(("Protesters", "Rioters", "Civilians", "Unidentified")):
            named.append(row)
    out = {}
    for label, rows in (("unidentified", _sample(unknown, size, seed)), ("named", _sample(named, size, seed)),
                        ("state", _sample(state, size, seed))):
        counts = Counter()
        shown = 0
        items = [(clean_note(r["notes"]), (_acled_date(r.get("event_date", "")) or None)) for r in rows]
        items = [(text, day.isoformat() if day else None) for text, day in items]
        for row, coded in zip(rows, _code(items)):
            event = lead_event(coded.events) if coded is not None else None
            actor1 = event.actor1 if event is not None else None
            inferred = inferred_attacker(actor1)
            counts["n"] += 1
            counts["inferred"] += inferred
            counts["none"] += actor1 is None
            if label == "unidentified" and row["gold"]:
                counts["gold"] += 1
                counts["country"] += actor1 is not None and actor1.country == row["gold"]
            if label in ("named", "state") and inferred and shown < errors:
                shown += 1
                click.echo(f"  ! {row['actor1']} | {clean_note(row['notes'])[:200]}")
        out[label] = counts
    u, n, f = out["unidentified"], out["named"], out["state"]
    click.echo(f"ACLED notes whose actor1 is an unidentified armed group: {u['n']} (seed {seed})")
    click.echo(f"  actor1 country {ratio(u['country'], u['gold'])}; coded as an inferred unidentified attacker "
               f"{ratio(u['inferred'], u['n'])}; no actor1 {ratio(u['none'], u['n'])}")
    click.echo(f"ACLED notes naming the perpetrator (not state forces, protesters, rioters, civilians): {n['n']}")
    click.echo(f"  coded as an inferred unidentified attacker (false positives) {ratio(n['inferred'], n['n'])}; "
               f"no actor1 {ratio(n['none'], n['n'])}")
    click.echo(f"ACLED notes whose actor1 is a state's forces: {f['n']}")
    click.echo(f"  coded as an inferred unidentified attacker (false positives) {ratio(f['inferred'], f['n'])}; "
               f"no actor1 {ratio(f['none'], f['n'])}")
    both = n["inferred"] + f["inferred"]
    click.echo(f"  false positives, perpetrator or state forces told: {ratio(both, n['n'] + f['n'])}")
    return out


SETS = ("somalia", "asia2015", "africa2016", "plover", "ceha")
EXTRA_SETS = ("unidentified",)  # not in "all": scored on request


@click.command("events")
@dev_option
@click.option("--set", "sets", multiple=True, type=click.Choice(SETS + EXTRA_SETS + ("all",)), default=("all",),
              show_default=True, help="Which gold set(s) to score ('unidentified': the unidentified-attacker "
                                      "convention on all ACLED notes, not part of 'all').")
@click.option("--sample", default=600, show_default=True,
              help="Seeded random sample of each ACLED set (0 = every row).")
@click.option("--seed", default=13, show_default=True)
@click.option("--errors", default=0, show_default=True, help="Print this many wrong items per set.")
def command(dev: Optional[str], sets: Iterable[str], sample: int, seed: int, errors: int) -> None:
    """Event type (PLOVER, ACLED) and relevance (CEHA) against the dev gold sets."""
    root = dev_dir(dev)
    chosen = SETS if "all" in sets else tuple(sets)
    for name in chosen:
        if name in ("somalia", "asia2015", "africa2016"):
            evaluate_acled(root, name, sample, seed, errors)
        elif name == "plover":
            evaluate_plover(root, errors)
        elif name == "unidentified":
            evaluate_unidentified(root, sample, seed, errors)
        else:
            evaluate_ceha(root, errors)
        click.echo("")
