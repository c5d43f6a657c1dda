"""Cost of the time and toll stages against spaCy's own parse, measured in the same run.

    python bench/time_tolls.py [--repeat N]

Parses the bundled samples with the English model (paragraph by paragraph, as `sitrep code` does),
then runs only the time component and the toll component over the parsed Docs, and prints the
seconds of each and their share of spaCy's time (goal: time + tolls <= 0.10 of spaCy).
"""
from __future__ import annotations

import argparse
import json
import time
from importlib import resources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="time the stages this many times (best kept)")
    args = parser.parse_args()

    from spacy.tokens import Doc

    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.nlp.pipeline import OUR_COMPONENTS, load_pipeline, split_paragraphs

    rows = []
    for path in sorted((resources.files("sitrep") / "samples").iterdir()):
        if path.name.endswith(".jsonl"):
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [clean(Article(text=r["text"], id=str(r["id"]))) for r in rows]
    nlp = load_pipeline()
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]
    time_stage, toll_stage = nlp.get_pipe("sitrep_time"), nlp.get_pipe("sitrep_tolls")

    t0 = time.perf_counter()
    docs = []
    with nlp.select_pipes(enable=model_pipes):
        for article in articles:
            parts = list(nlp.pipe(split_paragraphs(article.text) or [""]))
            doc = Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0]
            doc._.published = None
            docs.append(doc)
    spacy_s = time.perf_counter() - t0
    for doc, row in zip(docs, rows):
        import datetime as dt
        doc._.published = dt.date.fromisoformat(row["published"][:10]) if row.get("published") else None

    best = {"time": float("inf"), "tolls": float("inf")}
    for _ in range(args.repeat):
        for name, stage in (("time", time_stage), ("tolls", toll_stage)):
            t0 = time.perf_counter()
            for doc in docs:
                stage(doc)
            best[name] = min(best[name], time.perf_counter() - t0)
    words = sum(len(a.text.split()) for a in articles)
    print(f"corpus: {len(docs)} articles, {words:,} words (bundled samples)")
    print(f"spaCy parse ({nlp.meta['name']}): {spacy_s:.2f} s")
    for name in ("time", "tolls"):
        print(f"{name:6s} stage: {best[name]:.3f} s  = {best[name] / spacy_s:.3f} of spaCy")
    total = best["time"] + best["tolls"]
    print(f"time + tolls: {total:.3f} s  = {total / spacy_s:.3f} of spaCy   (goal: <= 0.10)")


if __name__ == "__main__":
    main()
