"""Cost of each stage on one very long article (a live blog), against spaCy's parse of it, in one run.

    python bench/long_article.py [--chars N] [--repeat N]

A stage whose cost grows with (mentions x events) is cheap on a 600-word story and slow on a
160,000-character live blog. This builds such a text by joining the bundled sample articles (each a
paragraph block of its own, as a live blog's entries are) until it is N characters long, parses it the
way the coder does (paragraphs through en_core_web_sm, joined into one Doc), then runs each of sitrep's
components on that Doc with its own clock. The event stage's share that is spent in the quote stage's
`attribution` and the toll stage's `attach_tolls` is timed apart. Prints seconds and the ratio to
spaCy's parse of the same text in the same run (ratios, not absolute times: the machines are shared).
"""
from __future__ import annotations

import argparse
import functools
import json
import time
from collections import defaultdict
from importlib import resources


def long_text(chars: int) -> tuple[str, int]:
    """The bundled samples joined, blank line apart, until the text is `chars` long; and how many."""
    rows = []
    for path in sorted((resources.files("sitrep") / "samples").iterdir()):
        if path.name.endswith(".jsonl"):
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    parts: list[str] = []
    size = 0
    while size < chars:
        row = rows[len(parts) % len(rows)]
        parts.append(row["text"].strip())
        size += len(parts[-1]) + 2
    return "\n\n".join(parts), len(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=160_000, help="length of the article built")
    parser.add_argument("--repeat", type=int, default=2, help="run our components this many times (best kept)")
    args = parser.parse_args()

    from spacy.tokens import Doc

    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.coder import _as_date, _compose
    from sitrep.nlp import events as events_module
    from sitrep.nlp.pipeline import OUR_COMPONENTS, load_pipeline, split_paragraphs

    seconds: dict[str, float] = defaultdict(float)

    def timed(name, fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                seconds[name] += time.perf_counter() - t0
        return wrapper

    events_module.attribution = timed("  attribution", events_module.attribution)
    events_module.attach_tolls = timed("  attach_tolls", events_module.attach_tolls)

    text, n_articles = long_text(args.chars)
    article = clean(Article(text=text, id="long", published="2024-01-15"))
    body, fields = _compose(article)
    nlp = load_pipeline()
    nlp("Warm up: gunmen killed three people in Kabul on Monday, police said.")
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]
    ours = [(name, nlp.get_pipe(name)) for name in OUR_COMPONENTS if name in nlp.pipe_names]

    t0 = time.perf_counter()
    with nlp.select_pipes(enable=model_pipes):
        docs = list(nlp.pipe(split_paragraphs(body) or [""], batch_size=32))
    parsed = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
    spacy_s = time.perf_counter() - t0

    best: dict[str, float] = {}
    n_events = n_quotes = 0
    for _ in range(args.repeat):
        seconds.clear()
        doc = Doc(parsed.vocab).from_bytes(parsed.to_bytes())
        doc._.published = _as_date(article.published)
        doc._.fields = fields
        for name, component in ours:
            t0 = time.perf_counter()
            doc = component(doc)
            seconds[name] += time.perf_counter() - t0
        n_events, n_quotes = len(doc._.events or []), len(doc._.quotes or [])
        for name, value in seconds.items():
            best[name] = min(best.get(name, float("inf")), value)

    print(f"one article of {len(body):,} characters ({n_articles} samples joined), {len(parsed):,} tokens, "
          f"{n_events} events, {n_quotes} quotes; best of {args.repeat}")
    print(f"{'stage':16} {'seconds':>8} {'/ spaCy':>8}")
    print(f"{'spacy':16} {spacy_s:8.2f} {1.0:8.3f}")
    order = [name for name, _ in ours]
    order.insert(order.index("sitrep_events") + 1, "  attribution")
    order.insert(order.index("  attribution") + 1, "  attach_tolls")
    for name in order:
        print(f"{name:16} {best.get(name, 0.0):8.2f} {best.get(name, 0.0) / spacy_s:8.3f}")
    ours_total = sum(best.get(name, 0.0) for name, _ in ours)
    print(f"{'all our stages':16} {ours_total:8.2f} {ours_total / spacy_s:8.3f}")
    quote_toll = sum(best.get(n, 0.0) for n in ("sitrep_quotes", "sitrep_tolls", "  attribution", "  attach_tolls"))
    print(f"quotes + tolls (stages, attribution, attach_tolls): {quote_toll:.2f} s = {quote_toll / spacy_s:.3f} of spaCy")


if __name__ == "__main__":
    main()
