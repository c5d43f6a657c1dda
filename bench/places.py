"""Cost of the places stage, and of loading the gazetteer index.

    python bench/places.py [--repeat N]

1. Parses the bundled sample corpus with the English model (spaCy alone) once, then runs the places
   component over the parsed Docs (actors first, which it reads); prints the places stage's time as a
   share of spaCy's, both measured in this run on the same texts (goal: at most 0.10).
2. Loads the cached gazetteer index in a fresh process (so nothing is shared with step 1) and prints
   its load time, wall and CPU (CPU is what the machine's other users cannot inflate; goal: under 1 s),
   and the memory the index adds to the process (resident set before and after; goal: under 300 MB).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_samples  # noqa: E402

LOAD_SNIPPET = """
import os, resource, time
def rss():
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
before = rss()
from sitrep.cache import cache_dir
from sitrep.gazetteer import _load_or_build, Gazetteer
wall, cpu = time.perf_counter(), time.process_time()
gaz = Gazetteer(_load_or_build(cache_dir()))
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(f"{wall:.3f} {cpu:.3f} {(rss() - before) / 2**20:.0f} {len(gaz)}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="run the places stage this many times")
    args = parser.parse_args()

    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.gazetteer import load_gazetteer
    from sitrep.nlp.pipeline import OUR_COMPONENTS, load_pipeline, split_paragraphs
    from spacy.tokens import Doc

    load_gazetteer()  # built or loaded before timing anything
    nlp = load_pipeline()
    rows = load_samples(None)
    texts = [clean(Article(text=r["text"], id=str(r["id"]), title=r.get("title"))).text for r in rows]
    model_pipes = [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]

    t = time.perf_counter()
    docs = []
    with nlp.select_pipes(enable=model_pipes):
        for text in texts:
            parts = list(nlp.pipe(split_paragraphs(text) or [""]))
            docs.append(Doc.from_docs(parts, ensure_whitespace=False) if len(parts) > 1 else parts[0])
    spacy_s = time.perf_counter() - t

    actors, places = nlp.get_pipe("sitrep_actors"), nlp.get_pipe("sitrep_places")
    for doc in docs:
        doc._.fields = [("text", 0, len(doc.text))]
        actors(doc)
    places(docs[0])  # warm caches once
    best = float("inf")
    for _ in range(args.repeat):
        t = time.perf_counter()
        for doc in docs:
            places(doc)
        best = min(best, time.perf_counter() - t)
    found = sum(len(doc._.places or []) for doc in docs)
    print(f"articles: {len(docs)}, place mentions: {found}")
    print(f"spaCy alone: {spacy_s:.2f}s   places stage (best of {args.repeat}): {best:.3f}s   "
          f"places / spaCy = {best / spacy_s:.3f}")

    out = subprocess.run([sys.executable, "-c", LOAD_SNIPPET], capture_output=True, text=True, check=True)
    wall, cpu, mb, entries = out.stdout.split()
    print(f"gazetteer index: {entries} entries, loaded in {float(wall):.2f}s wall / {float(cpu):.2f}s CPU, "
          f"+{mb} MB resident")


if __name__ == "__main__":
    main()
