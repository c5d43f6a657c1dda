"""`sitrep evaluate dates`: are events pinned to the right day?

- ACLED notes (`acled_*`): a note that states its date (a day and a month, or a numeric date) and whose
  row knows the day (time precision 1) is coded whole; the note's date is the date of its first event
  whose date was read from the text (reading order). Exact match = that event's start and end are the
  row's event date. Old notes carry no year ("on 26 September"): they are read as of the set's
  compilation date (its latest event date), as an article is read as of its publication date.
  Also shown: the time stage alone (the first day-precise expression in the note, no parse).
- MUC-4 (`muc4`): documents coded as of their dateline ("SAN SALVADOR, 3 JAN 90 --"); recall of the
  incident dates that are one day: does some coded event carry exactly that day?

Coding runs at a few notes per second per core, so each set is sampled (`--sample`, seeded);
`--sample 0` codes everything.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path
from typing import Optional

import click

from .common import dev_dir, dev_option, ratio
from .gold_notes import ACLED_SETS, acled_notes, muc_documents, reference_date

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
STATED = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?!\w)|\b{_MONTH}\s+\d{{1,2}}\b"
                    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d\d-\d\d\b")


def _code(texts: list[tuple[str, str]], published) -> list:
    from ..article import Article
    from ..coder import code_many

    return list(code_many([Article(text=t, id=i) for i, t in texts], published=published))


def note_date(coded) -> Optional[tuple[str, str]]:
    """(start, end) of the first event, in reading order, whose date the text gives."""
    events = [e for e in getattr(coded, "events", []) if e.date and e.date.text and e.date.start]
    events.sort(key=lambda e: (e.trigger.field != "text", e.trigger.start))
    return (events[0].date.start, events[0].date.end) if events else None


def stage_date(text: str, published) -> Optional[tuple[str, str]]:
    from ..nlp.timex import find_dates

    day = [d for d in find_dates(text, published) if d.precision == "day" and d.start_date]
    stated = [d for d in day if re.search(r"\d", d.text)]
    d = (stated or day or [None])[0]
    return (d.start_date.isoformat(), d.end_date.isoformat()) if d else None


def _acled(dev: Path, name: str, sample: int, rng: random.Random, show: int) -> None:
    notes = acled_notes(dev, name)
    ref = reference_date(notes)
    graded = [n for n in notes if n.day_known and STATED.search(n.text)]
    picked = rng.sample(graded, sample) if sample and sample < len(graded) else graded
    coded = _code([(n.id, n.text) for n in picked], ref)
    hits = stage_hits = 0
    misses, kinds = [], Counter()
    for note, result in zip(picked, coded):
        gold = note.date.isoformat()
        got = note_date(result)
        ok = got == (gold, gold)
        hits += ok
        stage_hits += stage_date(note.text, ref) == (gold, gold)
        if not ok:
            kinds["no event" if not getattr(result, "events", None) else "no dated event" if got is None else "other day" if got[0] == got[1] else "a span"] += 1
            misses.append((gold, got, note.text))
    click.echo(f"{name}: {len(graded)} notes state their date (of {len(notes)}); coded {len(picked)}, "
               f"read as of {ref}")
    with_events = len(picked) - kinds["no event"]
    click.echo(f"  event date exact: {ratio(hits, len(picked))}   misses: {dict(kinds)}")
    click.echo(f"  among notes with a coded event: {ratio(hits, with_events)}")
    click.echo(f"  time stage alone (first day-precise expression): {ratio(stage_hits, len(picked))}")
    for gold, got, text in misses[:show]:
        click.echo(f"    gold={gold} got={got} | {text[:240]}")


def _muc(dev: Path, sample: int, rng: random.Random, show: int) -> None:
    docs = [d for d in muc_documents(dev) if d.published and any(
        t.date and t.date[0] == t.date[1] for t in d.templates)]
    picked = rng.sample(docs, sample) if sample and sample < len(docs) else docs
    total = hits = 0
    misses = []
    for doc in picked:
        coded = _code([(doc.id, doc.text)], doc.published)[0]
        days = {(e.date.start, e.date.end) for e in getattr(coded, "events", []) if e.date}
        for t in doc.templates:
            if not t.date or t.date[0] != t.date[1]:
                continue
            total += 1
            day = t.date[0].isoformat()
            if (day, day) in days:
                hits += 1
            else:
                misses.append((doc.id, t.date_text, sorted(d[0] for d in days if d[0])[:6]))
    click.echo(f"muc4: {len(docs)} documents with one-day incident dates; coded {len(picked)} as of their "
               f"dateline")
    click.echo(f"  incident days carried by some coded event: {ratio(hits, total)}")
    for doc_id, gold, got in misses[:show]:
        click.echo(f"    {doc_id} gold={gold} coded days={got}")


@click.command("dates")
@dev_option
@click.option("--set", "sets", multiple=True, type=click.Choice([*ACLED_SETS, "muc4"]),
              help="Only these sets (repeatable; default all).")
@click.option("--sample", default=500, show_default=True, help="Notes (documents for MUC-4) coded per set; 0 = all.")
@click.option("--seed", default=0, show_default=True)
@click.option("--show", default=0, help="Print this many misses per set.")
def command(dev: Optional[str], sets: tuple[str, ...], sample: int, seed: int, show: int) -> None:
    """Event dates against ACLED event dates and MUC-4 incident dates."""
    folder = dev_dir(dev)
    for name in sets or (*ACLED_SETS, "muc4"):
        rng = random.Random(seed)
        if name == "muc4":
            _muc(folder, sample // 5 if sample else 0, rng, show)
        else:
            _acled(folder, name, sample, rng, show)
