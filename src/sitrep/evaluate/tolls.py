"""`sitrep evaluate tolls`: are the death tolls right, and are none invented?

- ACLED notes (`acled_*`): rows whose fatalities are not a coding convention (see `gold_notes`). The
  note is coded whole; its toll is the largest killed figure among its events (a toll's figure
  as stated, the way ACLED records one number: "more than 10" -> 10), 0 when no event has one.
  Exact match against the row, in three groups: notes that report deaths (fatalities > 0); notes that
  speak of casualties but report none (0, and a casualty word in the note: no invented toll, no
  wounded counted as dead); other notes with 0. For the notes that report deaths, also the deaths
  added up over the note's incidents (running tolls apart), and how often that sum is more than the
  gold (one incident told twice and coded as two counts twice) and less (a toll lost, e.g. two incidents
  merged into one). Also shown: the tolls stage alone (`find_tolls` on
  the note, the largest killed figure), which needs no parse and runs on every note.
- MUC-4 (`muc4`): templates with a numeric death count; recall: does some coded event of the
  document carry exactly that toll? (stage alone: some killed figure found in the text.)

Coding runs at a few notes per second per core, so sets are sampled (`--sample`, seeded).
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Optional

import click

from .common import dev_dir, dev_option, ratio
from .gold_notes import ACLED_SETS, Note, acled_notes, muc_documents, reference_date

CASUALTY_WORDS = re.compile(r"(?i)\b(?:kill|dead|death|die[ds]?|dying|bod(?:y|ies)|fatalit|casualt|injur|wound|"
                            r"hurt|lost\s+(?:their|his|her)\s+li(?:fe|ves)|shot|lynch|behead|massacr)")


def figure(fatalities) -> Optional[int]:
    """The killed figure as stated ("more than 10" -> 10, as ACLED records it), read back from the
    toll's text; else its least bound, else its most."""
    from ..nlp.tolls import find_tolls, stated_figure

    if fatalities is None:
        return None
    if fatalities.min is None and fatalities.max is None:
        return None
    again = [stated_figure(t) for t in find_tolls(fatalities.text) if t.kind == "killed"]
    again = [v for v in again if v is not None]
    if again:
        return max(again)
    return fatalities.min if fatalities.min is not None else fatalities.max


def coded_toll(coded) -> int:
    values = [figure(e.fatalities) for e in getattr(coded, "events", [])]
    return max((v for v in values if v is not None), default=0)


def incidents_toll(coded) -> int:
    """The note's deaths added up over its coded incidents, running tolls apart, the way a count of
    incidents adds them: one incident told twice ("at least 63 killed", later "61 dead") counts twice."""
    values = [figure(e.fatalities) for e in getattr(coded, "events", [])
              if e.fatalities is not None and not e.fatalities.cumulative]
    return sum(v for v in values if v is not None)


def stage_toll(text: str) -> int:
    from ..nlp.tolls import find_tolls, stated_figure

    values = [stated_figure(t) for t in find_tolls(text) if t.kind == "killed"]
    return max((v for v in values if v is not None), default=0)


def _group(note: Note) -> str:
    if note.fatalities:
        return "reports deaths"
    return "speaks of casualties, none" if CASUALTY_WORDS.search(note.text) else "no casualty words, 0"


def _code(items: list[tuple[str, str]], published) -> list:
    from ..article import Article
    from ..coder import code_many

    return list(code_many([Article(text=t, id=i) for i, t in items], published=published))


def _acled(dev: Path, name: str, sample: int, rng: random.Random, show: int) -> None:
    notes = acled_notes(dev, name)
    ref = reference_date(notes)
    graded = [n for n in notes if n.fatalities is not None]
    groups = ("reports deaths", "speaks of casualties, none", "no casualty words, 0")
    stage = {g: [0, 0] for g in groups}
    for note in graded:
        g = _group(note)
        stage[g][0] += stage_toll(note.text) == note.fatalities
        stage[g][1] += 1
    # sample each group alike, so that the rare one (deaths) is not left with a handful
    picked: list[Note] = []
    for g in groups:
        members = [n for n in graded if _group(n) == g]
        picked += rng.sample(members, sample) if sample and sample < len(members) else members
    coded = _code([(n.id, n.text) for n in picked], ref)
    result = {g: [0, 0] for g in groups}
    added = [0, 0, 0, 0]  # notes that report deaths: sum over incidents right, over the gold, total, under it
    misses = []
    for note, c in zip(picked, coded):
        g = _group(note)
        got = coded_toll(c)
        result[g][0] += got == note.fatalities
        result[g][1] += 1
        if got != note.fatalities:
            misses.append((g, note.fatalities, got, note.text))
        if g == "reports deaths":
            total = incidents_toll(c)
            added[0] += total == note.fatalities
            added[1] += total > note.fatalities
            added[2] += 1
            added[3] += total < note.fatalities
    click.echo(f"{name}: {len(graded)} notes graded (of {len(notes)}); coded up to {sample or 'all'} per group")
    for g in groups:
        click.echo(f"  {g:28s} coded: {ratio(*result[g])}   tolls stage alone: {ratio(*stage[g])}")
    click.echo(f"    deaths added up over the note's incidents (running tolls apart): {ratio(added[0], added[2])}"
               f"   more than the gold: {ratio(added[1], added[2])}   less than the gold: {ratio(added[3], added[2])}")
    for g, gold, got, text in rng.sample(misses, min(show, len(misses))):
        click.echo(f"    [{g}] gold={gold} got={got} | {text[:240]}")


def _muc(dev: Path, sample: int, rng: random.Random, show: int) -> None:
    docs = [d for d in muc_documents(dev) if any(t.deaths for t in d.templates)]
    stage_hits = stage_total = 0
    for doc in docs:
        from ..nlp.tolls import find_tolls

        found = {t.min if t.min is not None else t.max for t in find_tolls(doc.text) if t.kind == "killed"}
        for t in doc.templates:
            if t.deaths:
                stage_total += 1
                stage_hits += t.deaths in found
    picked = rng.sample(docs, sample) if sample and sample < len(docs) else docs
    hits = total = 0
    misses = []
    for doc in picked:
        coded = _code([(doc.id, doc.text)], doc.published)[0]
        carried = {figure(e.fatalities) for e in getattr(coded, "events", [])}
        for t in doc.templates:
            if t.deaths:
                total += 1
                hits += t.deaths in carried
                if t.deaths not in carried:
                    misses.append((doc.id, t.deaths, sorted(v for v in carried if v is not None)))
    click.echo(f"muc4: {len(docs)} documents with a numeric death count in a template; coded {len(picked)}")
    click.echo(f"  death counts carried by some coded event: {ratio(hits, total)}   "
               f"found by the tolls stage alone (all documents): {ratio(stage_hits, stage_total)}")
    for doc_id, gold, got in misses[:show]:
        click.echo(f"    {doc_id} gold={gold} coded={got}")


@click.command("tolls")
@dev_option
@click.option("--set", "sets", multiple=True, type=click.Choice([*ACLED_SETS, "muc4"]),
              help="Only these sets (repeatable; default all).")
@click.option("--sample", default=300, show_default=True,
              help="Notes coded per group and set (documents for MUC-4: a third of it); 0 = all.")
@click.option("--seed", default=0, show_default=True)
@click.option("--show", default=0, help="Print this many misses per set.")
def command(dev: Optional[str], sets: tuple[str, ...], sample: int, seed: int, show: int) -> None:
    """Death tolls against ACLED fatalities and MUC-4 death counts."""
    folder = dev_dir(dev)
    for name in sets or (*ACLED_SETS, "muc4"):
        rng = random.Random(seed)
        if name == "muc4":
            _muc(folder, sample // 3 if sample else 0, rng, show)
        else:
            _acled(folder, name, sample, rng, show)
