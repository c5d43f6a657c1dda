"""Ingestion cost: pages/s for extraction and cleaning, and the cost of the duplicate check per article.

    python bench/ingest.py [--pages N] [--repeat N]

Pages are built in memory from the bundled public-domain VOA samples (the same layouts as
`sitrep evaluate extraction`). Every figure is printed beside a baseline measured in the same run on
the same pages, as a ratio, because the machines this runs on are shared and noisy:

- extraction + cleaning (`sitrep.clean.clean` on a page) against trafilatura.extract alone;
- cleaning of plain text (no HTML) against the same;
- the duplicate check (exact hash + MinHash LSH lookup, then adding the story to the index) per
  article, against cleaning that article: how much the check adds to getting an article in.
"""
from __future__ import annotations

import argparse
import json
import random
import time
from importlib import resources


def load_stories() -> list[dict]:
    path = resources.files("sitrep") / "samples" / "voa.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def timed(fn, items, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200, help="pages to build (stories are reused)")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs")
    args = parser.parse_args()

    import trafilatura

    from sitrep import clean as clean_module
    from sitrep.article import Article
    from sitrep.evaluate.extraction import build_page
    from sitrep.ingest.duplicates import DuplicateIndex

    stories = load_stories()
    rng = random.Random(7)
    pages = []
    for n in range(args.pages):
        story = dict(stories[n % len(stories)])
        story["text"] = story["text"] + f" (Page {n}.)"  # distinct pages, no cache hits
        pages.append(build_page(story, n % 4, rng))
    htmls = [p for p, _ in pages]
    texts = [t for _, t in pages]
    clean_module._recent.clear()

    def clean_page(html):
        clean_module._clean(Article(html=html))

    def clean_text(text):
        clean_module._clean(Article(text=text))

    clean_page(htmls[0])  # warm up: the gazetteer names for datelines, the language model
    base = timed(lambda h: trafilatura.extract(h), htmls, args.repeat)
    ours = timed(clean_page, htmls, args.repeat)
    plain = timed(clean_text, texts, args.repeat)

    def dedup_run():
        index = DuplicateIndex()
        for i, text in enumerate(texts):
            index.check(text)
            index.add(str(i), text)
        index.close()

    dedup = min(timed(lambda _: dedup_run(), [None], 1) for _ in range(args.repeat))
    n = len(pages)
    words = sum(len(t.split()) for t in texts) / n
    print(f"pages: {n} built from {len(stories)} VOA stories ({words:.0f} words each on average); best of {args.repeat}")
    print(f"trafilatura.extract alone      {n / base:8.1f} pages/s")
    print(f"sitrep clean (page -> body)    {n / ours:8.1f} pages/s   ratio to trafilatura alone {base / ours:.2f}")
    print(f"sitrep clean (plain text)      {n / plain:8.1f} texts/s   ratio to trafilatura alone {base / plain:.2f}")
    print(f"duplicate check + index add    {dedup / n * 1000:8.2f} ms/article  = {dedup / ours:.2f} x the cost of "
          f"cleaning a page ({n} articles in the index by the end)")


if __name__ == "__main__":
    main()
