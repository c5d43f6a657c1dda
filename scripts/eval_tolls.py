"""Score sitrep.nlp.tolls against ACLED fatality counts (development data, read only when run).

For each ACLED row, the predicted fatalities are the largest `killed` count found in its notes (the
max, or the min when there is no max; 0 when nothing is found). Also shown: the sum of the
non-cumulative killed counts, which is closer to how ACLED codes an event told in several sentences.

    .venv/bin/python scripts/eval_tolls.py [--dev ../shared/dev] [--show 20]
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from pathlib import Path

from sitrep.nlp.tolls import find_tolls

# Coder remarks in modern ACLED notes: not news text, and the row's fatalities are then a convention.
CODER_REMARK = re.compile(r"coded as|split across|unspecified number|fatalities? (?:were )?coded", re.I)

SETS = {
    "acled_asia2015": ("acled_asia2015/acled_asia_2015.csv", "NOTES", "FATALITIES"),
    "acled_africa2016": ("acled_africa2016/acled_africa_2016.csv", "notes", "fatalities"),
    "acled_somalia2025": ("acled_somalia_2025h1/acled_somalia_2025-04_2025-09.csv", "notes", "fatalities"),
}


def predict(notes: str) -> tuple[int, int]:
    """(largest killed count, sum of non-cumulative killed counts) in one note."""
    killed = [t for t in find_tolls(notes) if t.kind == "killed"]
    values = [t.max if t.max is not None else t.min for t in killed]
    values = [v for v in values if v is not None]
    largest = max(values, default=0)
    total = sum((t.max if t.max is not None else t.min) or 0 for t in killed if not t.cumulative)
    return largest, total


def rows_of(dev: Path, name: str):
    rel, text_col, gold_col = SETS[name]
    with open(dev / rel, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            notes, gold = (row.get(text_col) or "").strip(), (row.get(gold_col) or "").strip()
            if not notes or not gold.isdigit() or CODER_REMARK.search(notes):
                continue
            yield notes, int(gold)


def plover_rows(dev: Path):
    path = dev / "plover_gsr" / "plover_gsr.jsonl"
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("dead") and str(rec["dead"]).isdigit():
                yield rec["text"], int(rec["dead"])


def score(name: str, rows, show: int, rng: random.Random) -> dict:
    n = hit_max = hit_sum = pos = pos_hit = zero = zero_hit = 0
    misses = []
    seen = set()
    t0 = time.perf_counter()
    chars = 0
    for notes, gold in rows:
        if (notes, gold) in seen:
            continue
        seen.add((notes, gold))
        chars += len(notes)
        largest, total = predict(notes)
        n += 1
        hit_max += largest == gold
        hit_sum += total == gold
        if gold > 0:
            pos += 1
            pos_hit += largest == gold
        else:
            zero += 1
            zero_hit += largest == gold
        if largest != gold:
            misses.append((gold, largest, notes))
    secs = time.perf_counter() - t0
    pct = lambda a, b: f"{100 * a / b:5.1f}%" if b else "  n/a"
    print(f"{name:20s} n={n:5d}  largest={pct(hit_max, n)}  sum={pct(hit_sum, n)}  "
          f"gold>0: {pct(pos_hit, pos)} of {pos}  gold=0: {pct(zero_hit, zero)} of {zero}  "
          f"({chars / max(secs, 1e-9) / 1e6:.2f} MB/s)")
    for gold, got, notes in rng.sample(misses, min(show, len(misses))):
        print(f"    gold={gold} got={got} | {notes[:300]}")
    return {"n": n, "largest": hit_max, "sum": hit_sum}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "dev")
    ap.add_argument("--show", type=int, default=0, help="print this many misses per set")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.dev.is_dir():
        print(f"no development data at {args.dev}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    for name in SETS:
        score(name, rows_of(args.dev, name), args.show, rng)
    score("plover_gsr", plover_rows(args.dev), args.show, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
