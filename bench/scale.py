"""Scale figures: Dask speed-up from 1 to 2 workers, peak memory over a long stream.

    python bench/scale.py                      # both, 10,000 articles for memory
    python bench/scale.py --only memory --articles 2000
    python bench/scale.py --only dask --dask-articles 360

- dask: the bundled samples (repeated) coded by `sitrep.scale.batch.run_batch` on a LocalCluster of 1
  worker, then of 2 workers, in the same run; the clusters are started and their pipelines loaded
  before the clock starts. Speed-up = time(1 worker) / time(2 workers) (goal >= 1.8 on 2 free cores).
- memory: a child process streams N articles (the samples repeated) through `code_many`, one at a
  time, never holding them; it prints its resident memory every 1,000 articles and its peak (goal:
  under 1.5 GB, flat after warm-up).
Cold start (`sitrep code` on one article, against loading spaCy alone) is bench/startup.py's.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def samples() -> list[dict]:
    folder = resources.files("sitrep") / "samples"
    rows = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".jsonl"):
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def write_corpus(path: Path, n: int) -> Path:
    """n articles: the samples repeated, each copy with its own id (so none is a duplicate)."""
    rows = samples()
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            row = dict(rows[i % len(rows)])
            row["id"] = f"{row['id']}-{i // len(rows)}"
            fh.write(json.dumps(row) + "\n")
    return path


def bench_dask(n: int, partition_size: int) -> None:
    from distributed import Client

    from sitrep.scale.batch import run_batch, start_cluster
    from sitrep.scale.worker import PreloadPipeline

    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", n)
        times = {}
        for workers in (1, 2):
            cluster = start_cluster(workers)
            with Client(cluster) as client:
                client.register_plugin(PreloadPipeline(), name=PreloadPipeline.name)
                t0 = time.perf_counter()
                summary = run_batch([str(corpus)], Path(tmp) / f"out-{workers}", client=client,
                                    partition_size=partition_size, progress=False)
                times[workers] = time.perf_counter() - t0
            cluster.close()
            print(f"dask, {workers} worker(s): {n} articles in {times[workers]:.1f} s wall"
                  f" ({n / times[workers]:.2f} articles/s; {summary.events} events,"
                  f" {summary.failed_partitions} failed partitions)", flush=True)
    print(f"dask speed-up 1 -> 2 workers: {times[1] / times[2]:.2f}   (goal: >= 1.8 on 2 free cores;"
          f" {os.cpu_count()} cores here, load average {os.getloadavg()[0]:.1f})", flush=True)


def memory_child(corpus: str, every: int) -> None:
    """Runs in its own process: stream the corpus through code_many and report memory as it goes."""
    from sitrep.coder import code_many
    from sitrep.ingest import read_inputs

    def rss_mb() -> float:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

    t0 = time.perf_counter()
    for n, _ in enumerate(code_many(read_inputs([corpus])), start=1):
        if n % every == 0:
            print(f"  {n:6d} articles: rss {rss_mb():7.1f} MB  ({time.perf_counter() - t0:.0f} s)", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"memory: peak RSS {peak:.0f} MB over {n} articles streamed   (goal: < 1500 MB, no growth)", flush=True)


def bench_memory(n: int, every: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(Path(tmp) / "corpus.jsonl", n)
        subprocess.run([sys.executable, __file__, "--memory-child", str(corpus), "--every", str(every)],
                       check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["dask", "memory"], default=None)
    parser.add_argument("--articles", type=int, default=10_000, help="articles streamed for memory")
    parser.add_argument("--every", type=int, default=1000, help="print memory every N articles")
    parser.add_argument("--dask-articles", type=int, default=360, help="articles coded for the speed-up")
    parser.add_argument("--partition-size", type=int, default=20)
    parser.add_argument("--memory-child", metavar="CORPUS", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child, args.every)
        return
    if args.only in (None, "dask"):
        bench_dask(args.dask_articles, args.partition_size)
    if args.only in (None, "memory"):
        bench_memory(args.articles, args.every)


if __name__ == "__main__":
    main()
