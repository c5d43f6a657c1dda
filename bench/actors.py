"""Cost of the actor stage against spaCy alone, measured in the same run on the same texts.

    python bench/actors.py [--repeat N] [--limit N]

Parses the bundled sample corpus with the English model (as the coder does: paragraph by paragraph,
joined into one Doc), times that, then times the actor component alone over the parsed Docs, and prints
the ratio actor-stage / spaCy: the issue's budget is 0.10 (the actor stage adds at most 10% to spaCy's
time per article). Also prints how long the knowledge base takes to load (budget: under 1 s) and how long
the component takes to build (the alias index: from its cache, and tokenizing every alias). Ratios within one run: the machines are shared.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_samples  # noqa: E402  (the same sample corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="time each stage this many times; best is kept")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args()

    import spacy
    from spacy.tokens import Doc

    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.kb.actors import KnowledgeBase, load_kb
    from sitrep.nlp import extensions  # noqa: F401
    from sitrep.nlp.actors import ActorRecognizer, AliasIndex
    from sitrep.nlp.pipeline import MODEL, split_paragraphs

    t0 = time.perf_counter()
    KnowledgeBase()
    kb_s = time.perf_counter() - t0
    load_kb.__wrapped__()  # writes the cache if missing
    t0 = time.perf_counter()
    load_kb.__wrapped__()
    kb_cached_s = time.perf_counter() - t0

    rows = load_samples(args.limit)
    texts = [clean(Article(text=r["text"], id=str(r["id"]))).text for r in rows]
    nlp = spacy.load(MODEL)
    t0 = time.perf_counter()
    AliasIndex.build(nlp, load_kb(), use_cache=False)  # tokenizes every alias
    tokenize_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    recognizer = ActorRecognizer(nlp)
    build_s = time.perf_counter() - t0

    def parse_all() -> list[Doc]:
        docs = []
        for text in texts:
            parts = list(nlp.pipe(split_paragraphs(text) or [""], batch_size=64))
            docs.append(Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0])
        return docs

    docs = parse_all()  # warm up
    for doc in docs[:5]:
        recognizer(doc)
    spacy_s = actors_s = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        docs = parse_all()
        spacy_s = min(spacy_s, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for doc in docs:
            recognizer(doc)
        actors_s = min(actors_s, time.perf_counter() - t0)
    words = sum(len(t.split()) for t in texts)
    mentions = sum(len(d._.actors or []) for d in docs)
    print(f"articles: {len(texts)}  words: {words}  actor mentions: {mentions}")
    print(f"knowledge base load: {kb_s:.3f} s from the data files, {kb_cached_s:.3f} s from the cache"
          f"   actor component build: {build_s:.3f} s from the cache, {tokenize_s:.3f} s tokenizing the aliases")
    print(f"spaCy alone:  {spacy_s:.3f} s  ({len(texts) / spacy_s:.1f} articles/s)")
    print(f"actor stage:  {actors_s:.3f} s  ({1000 * actors_s / len(texts):.2f} ms/article)")
    print(f"ratio actor stage / spaCy: {actors_s / spacy_s:.3f}  (budget 0.10)")


if __name__ == "__main__":
    main()
