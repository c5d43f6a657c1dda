"""Cost of the event stage against spaCy's own parse, measured in the same run on the same articles.

    python bench/events.py [--repeat N] [--limit N]

Each bundled sample article is parsed the way the coder parses it (paragraphs through
en_core_web_sm, joined into one Doc), then each of sitrep's components runs on it with its own
clock. Prints seconds per article for spaCy and for each component, and the ratio event stage /
spaCy (the goal: at most 0.20). The event stage's time includes the calls it makes into the other
stages' helpers (actor lookup, event date, location, toll, source). Ratios, not absolute times: the
machines this runs on are shared and noisy.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from importlib import resources


def load_samples(limit: int | None) -> list[dict]:
    rows = []
    folder = resources.files("sitrep") / "samples"
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".jsonl"):
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="time the corpus this many times")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()

    from spacy.tokens import Doc

    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.coder import _as_date, _compose
    from sitrep.nlp.pipeline import OUR_COMPONENTS, load_pipeline, split_paragraphs

    nlp = load_pipeline()
    rows = load_samples(args.limit)
    prepared = []
    for r in rows:
        article = clean(Article(text=r["text"], id=str(r["id"]), title=r.get("title"),
                                published=(r.get("published") or "")[:10] or None))
        text, fields = _compose(article)
        prepared.append((text, fields, _as_date(article.published)))
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]
    ours = [(name, nlp.get_pipe(name)) for name in OUR_COMPONENTS if name in nlp.pipe_names]

    seconds: dict[str, float] = defaultdict(float)
    n_events = 0
    for round_ in range(args.repeat + 1):  # round 0 warms caches and is not counted
        for text, fields, published in prepared:
            t0 = time.perf_counter()
            with nlp.select_pipes(enable=model_pipes):
                docs = list(nlp.pipe(split_paragraphs(text) or [""], batch_size=64))
            doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
            spent = time.perf_counter() - t0
            if round_:
                seconds["spacy"] += spent
            doc._.published = published
            doc._.fields = fields
            for name, component in ours:
                t0 = time.perf_counter()
                doc = component(doc)
                if round_:
                    seconds[name] += time.perf_counter() - t0
            if round_:
                n_events += len(doc._.events or [])
    n = len(prepared) * args.repeat
    print(f"{len(prepared)} articles x {args.repeat}, {n_events / args.repeat:.0f} events per pass")
    print(f"{'stage':16} {'ms/article':>10} {'/ spaCy':>8}")
    for name in ["spacy"] + [name for name, _ in ours]:
        print(f"{name:16} {1000 * seconds[name] / n:10.2f} {seconds[name] / seconds['spacy']:8.3f}")
    ratio = seconds["sitrep_events"] / seconds["spacy"]
    print(f"event stage / spaCy: {ratio:.3f} (goal <= 0.20)")


if __name__ == "__main__":
    main()
