"""Throughput of `sitrep code` against spaCy alone, measured in the same run on the same texts.

    python bench/throughput.py [--repeat N] [--limit N]

Prints articles/s and words/s for the full coder and for the English model alone (the same
en_core_web_sm pipeline with all its components, `nlp.pipe` over the same texts the coder parses: each
cleaned article's headline, captions and body), and the ratio sitrep / spaCy-alone: 1.0 means coding
costs no more than parsing. spaCy alone runs as spaCy ships it (its BLIS matrix kernels); a third line,
"spaCy alone, sitrep's BLAS", runs it with the numpy BLAS sitrep's pipeline uses, so the second ratio
shows what the coder saves by doing less work rather than by faster arithmetic. Figures are ratios within one run because the machines
this runs on are shared and noisy; rates are per core, from the process's CPU time (`time.process_time`:
what the run cost this core, not how long other people's work kept it waiting), with wall-clock beside.
Both runs are repeated, alternating, and the best of each is kept (`--rounds`).
"""
from __future__ import annotations

import argparse
import json
import time
from importlib import resources


def load_samples(limit: int | None) -> list[dict]:
    rows = []
    folder = resources.files("sitrep") / "samples"
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".jsonl"):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rows.append(json.loads(line))
    return rows[:limit] if limit else rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="code the corpus this many times")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--rounds", type=int, default=2, help="alternate the two runs this many times")
    args = parser.parse_args()

    import spacy

    from sitrep.article import Article
    from sitrep.clean import clean
    from thinc.api import use_ops

    from sitrep.coder import _compose, code_many
    from sitrep.nlp.pipeline import BATCH_SIZE, MODEL, load_pipeline

    rows = load_samples(args.limit) * args.repeat
    articles = [Article(text=r["text"], id=str(r["id"]), title=r.get("title"),
                        published=(r.get("published") or "")[:10] or None, url=r.get("url")) for r in rows]
    texts = [_compose(clean(a))[0] for a in articles]  # what the coder parses
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    load_pipeline()  # also puts the BLAS on one thread for the whole process: the baselines too
    load_s = time.perf_counter() - t0
    nlp_alone = spacy.load(MODEL)
    with use_ops("numpy", use_blis=False):
        nlp_same_blas = spacy.load(MODEL)
    list(nlp_alone.pipe(texts[:5]))  # warm all three the same way
    list(nlp_same_blas.pipe(texts[:5]))
    list(code_many(articles[:5]))

    spacy_cpu = spacy_wall = blas_cpu = blas_wall = sitrep_cpu = sitrep_wall = float("inf")
    for _ in range(args.rounds):
        cpu, wall = time.process_time(), time.perf_counter()
        for _ in nlp_alone.pipe(texts, batch_size=BATCH_SIZE):  # the coder's own batch size
            pass
        spacy_cpu = min(spacy_cpu, time.process_time() - cpu)
        spacy_wall = min(spacy_wall, time.perf_counter() - wall)

        cpu, wall = time.process_time(), time.perf_counter()
        for _ in nlp_same_blas.pipe(texts, batch_size=BATCH_SIZE):  # the coder's own batch size
            pass
        blas_cpu = min(blas_cpu, time.process_time() - cpu)
        blas_wall = min(blas_wall, time.perf_counter() - wall)

        cpu, wall = time.process_time(), time.perf_counter()
        results = list(code_many(articles))
        sitrep_cpu = min(sitrep_cpu, time.process_time() - cpu)
        sitrep_wall = min(sitrep_wall, time.perf_counter() - wall)

    events = sum(len(getattr(r, "events", [])) for r in results)
    failed = sum(1 for r in results if not hasattr(r, "events"))
    n = len(articles)
    print(f"corpus: {n} articles, {words:,} words (bundled samples x{args.repeat})")
    print(f"pipeline load (model + knowledge base + gazetteer): {load_s:.2f} s")
    print(f"spaCy alone ({MODEL}): {n / spacy_cpu:7.1f} articles/s per core  {words / spacy_cpu:9,.0f} words/s"
          f"  (wall: {n / spacy_wall:.1f} articles/s)")
    print(f"spaCy alone, sitrep's BLAS:  {n / blas_cpu:7.1f} articles/s per core  {words / blas_cpu:9,.0f} words/s"
          f"  (wall: {n / blas_wall:.1f} articles/s)")
    print(f"sitrep code:                 {n / sitrep_cpu:7.1f} articles/s per core  {words / sitrep_cpu:9,.0f} words/s"
          f"  (wall: {n / sitrep_wall:.1f} articles/s; {events} events, {failed} not coded)")
    print(f"ratio sitrep / spaCy alone (throughput per core): {spacy_cpu / sitrep_cpu:.2f}   (goal: >= 1.0;"
          f" wall-clock ratio {spacy_wall / sitrep_wall:.2f})")
    print(f"ratio sitrep / spaCy alone with the same BLAS (less work, not faster arithmetic):"
          f" {blas_cpu / sitrep_cpu:.2f}")


if __name__ == "__main__":
    main()
