"""Batch coding on Dask: the same `code_many` mapped over partitions of a large input.

The client reads the input with the ordinary readers (`sitrep.ingest.read_inputs`: JSONL, CSV/TSV,
WARC, folders of files) and cuts the stream into partitions of `partition_size` items. Each partition
goes to a Dask worker, which codes it with `code_many` (the pipeline is loaded once per worker, when
the worker starts) and writes its own files:

    OUT/articles/month=YYYY-MM/part-KEY.parquet   one row per coded article, the whole coded article as JSON
    OUT/events/month=YYYY-MM/part-KEY.parquet     one row per event: flat columns and the event as JSON
    OUT/_partitions/KEY.json                      written last: the partition is finished
    OUT/errors.jsonl                              articles that could not be coded, and partitions that raised

`month` is the article's publication month (`undated` when it has none). KEY is a hash of the
partition's content (and of the sitrep version and the --published override), so a rerun on the same
input finds the finished partitions by their marker and skips them; a partition that was cut short
has no marker, is coded again, and its files are replaced (never appended), so nothing is duplicated.
Files are written under a temporary name and renamed, so a killed worker never leaves half a file.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence, Union

from sitrep import __version__
from sitrep.article import Article
from sitrep.ingest import InputError, read_inputs

Item = Union[Article, InputError]

PARTITION_SIZE = 250      # articles per task: about a minute of one core, small enough to resume cheaply
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker: keeps workers busy without reading the whole input
UNDATED = "undated"
MARKERS = "_partitions"
ERRORS = "errors.jsonl"


@dataclass
class Partition:
    """A slice of the input stream: `index` is its place in this run, `key` its identity across runs."""

    index: int
    key: str
    items: list = field(default_factory=list)


@dataclass
class BatchSummary:
    partitions: int = 0
    skipped_partitions: int = 0     # finished by an earlier run
    failed_partitions: int = 0      # raised: in errors.jsonl, coded again on the next run
    articles: int = 0               # coded in this run
    skipped_articles: int = 0       # in partitions finished by an earlier run
    failed_articles: int = 0        # could not be read or coded (or not English)
    events: int = 0


# --- partitions ----------------------------------------------------------------------------------

def _signature(item: Item) -> str:
    if isinstance(item, InputError):
        return json.dumps(["error", item.source, item.message])
    return json.dumps(["article", item.content_hash, item.id, item.title, item.published, item.url,
                       item.outlet, item.source])


def partition_key(items: Sequence[Item], published: Optional[str] = None) -> str:
    """Identity of a partition: what is coded, how (sitrep version, --published), not where it sits."""
    digest = hashlib.sha256(json.dumps([__version__, published]).encode())
    for item in items:
        digest.update(_signature(item).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()[:20]


def partitions(items: Iterable[Item], size: int = PARTITION_SIZE,
               published: Optional[str] = None) -> Iterator[Partition]:
    """Cut a stream of items into partitions of `size`, lazily (the input is never held whole)."""
    if size < 1:
        raise ValueError("partition size must be at least 1")
    chunk: list = []
    index = 0
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield Partition(index, partition_key(chunk, published), chunk)
            index, chunk = index + 1, []
    if chunk:
        yield Partition(index, partition_key(chunk, published), chunk)


def is_finished(out: Union[str, Path], key: str) -> bool:
    return (Path(out) / MARKERS / f"{key}.json").exists()


# --- one partition, on a worker --------------------------------------------------------------------

def code_partition(items: Sequence[Item], key: str, out: str, published: Optional[str] = None,
                   budget_s: Optional[float] = None) -> dict:
    """Code one partition and write its files; returns its marker (counts, files, failures).

    Runs on a Dask worker (or anywhere): it needs only sitrep and a path all workers can write.
    """
    from sitrep.coder import code_many
    from sitrep.nlp.pipeline import load_pipeline
    from sitrep.records import FailedArticle

    nlp = load_pipeline()
    articles: dict[str, list[dict]] = defaultdict(list)
    events: dict[str, list[dict]] = defaultdict(list)
    failures: list[dict] = []
    hashes = [item.content_hash if isinstance(item, Article) else None for item in items]
    # Strings and lexemes the model meets in this partition are freed at the end of it, so a worker's
    # memory does not grow with the corpus. Nothing spaCy made escapes: records are plain Python.
    with nlp.memory_zone():
        for content_hash, item, result in zip(hashes, items, code_many(list(items), published=published,
                                                                              budget_s=budget_s)):
            if isinstance(result, FailedArticle):
                failure = result.model_dump(mode="json")
                failure["content_hash"] = content_hash
                failures.append(failure)
                continue
            month = _month(result.article.published)
            articles[month].append(_article_row(result, content_hash, getattr(item, "source", None)))
            events[month].extend(_event_row(result, event) for event in result.events)
    files = []
    for month, rows in sorted(articles.items()):
        files.append(_write_parquet(Path(out) / "articles" / f"month={month}" / f"part-{key}.parquet",
                                    rows, schema("articles")))
        if events[month]:
            files.append(_write_parquet(Path(out) / "events" / f"month={month}" / f"part-{key}.parquet",
                                        events[month], schema("events")))
    marker = {"key": key, "items": len(items), "articles": sum(len(r) for r in articles.values()),
              "events": sum(len(r) for r in events.values()), "failed": failures,
              "files": [str(Path(f).relative_to(out)) for f in files]}
    _write_atomic(Path(out) / MARKERS / f"{key}.json", json.dumps(marker, ensure_ascii=False).encode())
    return marker


def _month(published: Optional[str]) -> str:
    if published and len(published) >= 7 and published[4] == "-":
        return published[:7]
    return UNDATED


def _write_atomic(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def _write_parquet(path: Path, rows: list[dict], table_schema) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=table_schema), tmp)
    os.replace(tmp, path)
    return path


ARTICLE_COLUMNS = [("id", "str"), ("published", "str"), ("title", "str"), ("outlet", "str"), ("url", "str"),
                   ("source", "str"), ("content_hash", "str"), ("events", "int"), ("json", "str")]
EVENT_COLUMNS = [
    ("article_id", "str"), ("published", "str"), ("id", "str"), ("type", "str"), ("mode", "str"),
    ("cameo", "str"), ("acled_event_type", "str"), ("acled_sub_event_type", "str"), ("status", "str"),
    ("trigger", "str"), ("actor1", "str"), ("actor1_country", "str"), ("actor1_sector", "str"),
    ("actor2", "str"), ("actor2_country", "str"), ("actor2_sector", "str"), ("date_start", "str"),
    ("date_end", "str"), ("date_precision", "str"), ("location", "str"), ("country", "str"),
    ("admin1", "str"), ("latitude", "float"), ("longitude", "float"), ("geonames_id", "int"),
    ("fatalities_min", "int"), ("fatalities_max", "int"), ("cumulative", "bool"), ("reported_by", "str"),
    ("confidence", "float"), ("json", "str"),
]


@lru_cache(maxsize=None)
def schema(kind: str):
    """The Parquet schema of the `articles` or `events` files (pyarrow is imported only when needed)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    columns = ARTICLE_COLUMNS if kind == "articles" else EVENT_COLUMNS
    return pa.schema([(name, types[type_]) for name, type_ in columns])


def _article_row(coded, content_hash: Optional[str], source: Optional[str]) -> dict:
    a = coded.article
    return {"id": a.id, "published": a.published, "title": a.title, "outlet": a.outlet, "url": a.url,
            "source": source, "content_hash": content_hash, "events": len(coded.events),
            "json": coded.model_dump_json()}


def _event_row(coded, event) -> dict:
    a1, a2, loc, date, toll = event.actor1, event.actor2, event.location, event.date, event.fatalities
    return {
        "article_id": coded.article.id, "published": coded.article.published, "id": event.id,
        "type": event.type, "mode": event.mode, "cameo": event.cameo,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "status": event.status, "trigger": event.trigger.text,
        "actor1": a1.name if a1 else None, "actor1_country": a1.country if a1 else None,
        "actor1_sector": a1.sector if a1 else None,
        "actor2": a2.name if a2 else None, "actor2_country": a2.country if a2 else None,
        "actor2_sector": a2.sector if a2 else None,
        "date_start": date.start if date else None, "date_end": date.end if date else None,
        "date_precision": date.precision if date else None,
        "location": loc.name if loc else None, "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None, "latitude": loc.lat if loc else None,
        "longitude": loc.lon if loc else None, "geonames_id": loc.geonames_id if loc else None,
        "fatalities_min": toll.min if toll else None, "fatalities_max": toll.max if toll else None,
        "cumulative": toll.cumulative if toll else None,
        "reported_by": event.reported_by.name if event.reported_by else None,
        "confidence": event.confidence, "json": event.model_dump_json(),
    }


# --- the run, on the client --------------------------------------------------------------------------

def start_cluster(workers: int):
    """A LocalCluster on 127.0.0.1: one single-threaded worker process per core (spaCy is CPU-bound
    and holds the GIL, so processes, not threads, scale)."""
    from distributed import LocalCluster

    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                        dashboard_address=None, worker_dashboard_address=None)


def run_batch(paths: Sequence[str], out: Union[str, Path], *, scheduler: Optional[str] = None,
              workers: Optional[int] = None, input_format: str = "auto",
              partition_size: int = PARTITION_SIZE, published: Optional[str] = None,
              progress: bool = True, client=None, budget_s: Optional[float] = None) -> BatchSummary:
    """Code `paths` into `out` on Dask: an existing `client`, else the scheduler at `scheduler`, else a
    LocalCluster of `workers` processes (default: one per core). Finished partitions are skipped.
    `budget_s`: each article's time budget in seconds (`code_many`: None for its default, 0 for none)."""
    from distributed import Client

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    own_cluster = own_client = None
    try:
        if client is None:
            if scheduler:
                client = own_client = Client(scheduler)
            else:
                own_cluster = start_cluster(workers or os.cpu_count() or 1)
                client = own_client = Client(own_cluster)
            from sitrep.scale.worker import PreloadPipeline

            client.register_plugin(PreloadPipeline(), name=PreloadPipeline.name)
        return _run(client, paths, out, input_format, partition_size, published, progress, budget_s)
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def _run(client, paths, out: Path, input_format, partition_size, published, progress,
         budget_s: Optional[float] = None) -> BatchSummary:
    from distributed import as_completed
    from tqdm import tqdm

    summary = BatchSummary()
    run_errors: list[dict] = []
    workers = max(1, len(client.scheduler_info().get("workers", {})) or 1)
    limit = workers * IN_FLIGHT_PER_WORKER
    bar = tqdm(unit="article", disable=not progress, file=sys.stderr, desc="coding")
    seen: set[str] = set()
    pending = as_completed()
    described: dict = {}
    run_id = uuid.uuid4().hex[:8]

    def collect(future) -> None:
        index, key, n, sources = described.pop(future.key)
        try:
            marker = future.result()
        except Exception as error:  # the partition raised: record it, go on; a rerun tries it again
            summary.failed_partitions += 1
            run_errors.append({"partition": key, "index": index, "items": n, "sources": sources,
                               "error": f"{type(error).__name__}: {error}"})
            bar.write(f"error: partition {index} ({key}): {type(error).__name__}: {error}", file=sys.stderr)
        else:
            summary.articles += marker["articles"]
            summary.events += marker["events"]
            summary.failed_articles += len(marker["failed"])
        bar.update(n)
        future.release()

    for part in partitions(read_inputs(list(paths), input_format), partition_size, published):
        summary.partitions += 1
        if part.key in seen or is_finished(out, part.key):
            summary.skipped_partitions += 1
            summary.skipped_articles += len(part.items)
            bar.update(len(part.items))
            continue
        seen.add(part.key)
        while pending.count() >= limit:
            collect(next(pending))
        future = client.submit(code_partition, part.items, part.key, str(out), published, budget_s,
                               key=f"sitrep-partition-{part.key}-{run_id}", pure=False)
        sources = _sources(part.items)
        described[future.key] = (part.index, part.key, len(part.items), sources)
        pending.add(future)
    for future in pending:
        collect(future)
    bar.close()
    write_errors(out, run_errors)
    return summary


def _sources(items: Sequence[Item]) -> list[str]:
    """Where a partition's items came from, in short: its first and last inputs."""
    names = [getattr(i, "source", None) or getattr(i, "id", None) or "?" for i in items]
    return names if len(names) <= 2 else [names[0], names[-1]]


def write_errors(out: Path, run_errors: list[dict]) -> Path:
    """errors.jsonl, rebuilt from the finished partitions' markers and this run's failed partitions:
    rerunning never repeats a line."""
    lines = []
    for marker in finished_markers(out):
        for failure in marker["failed"]:
            lines.append(json.dumps({"partition": marker["key"], **failure}, ensure_ascii=False))
    lines.extend(json.dumps(error, ensure_ascii=False) for error in run_errors)
    return _write_atomic(out / ERRORS, ("\n".join(lines) + "\n" if lines else "").encode())


def finished_markers(out: Union[str, Path]) -> list[dict]:
    folder = Path(out) / MARKERS
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


# --- reading results back --------------------------------------------------------------------------

def read_table(out: Union[str, Path], kind: str = "events") -> list[dict]:
    """Rows of the finished partitions' `articles` or `events` files (files without a marker, left by a
    killed run, are not read)."""
    import pyarrow.parquet as pq

    rows: list[dict] = []
    for marker in finished_markers(out):
        for name in marker["files"]:
            if Path(name).parts[0] == kind:
                rows.extend(pq.read_table(Path(out) / name).to_pylist())
    return rows


def load(out: Union[str, Path], store) -> dict:
    """Bring a batch's results into `store` (a `sitrep.store.Store`): coded articles, and the articles
    that could not be coded. Idempotent, like `Store.add`."""
    from sitrep.records import CodedArticle, FailedArticle

    counts = {"added": 0, "already": 0, "failures": 0}
    for row in read_table(out, "articles"):
        coded = CodedArticle.model_validate_json(row["json"])
        if store.add(coded, row["content_hash"] or coded.article.id, source=row["source"]):
            counts["added"] += 1
        else:
            counts["already"] += 1
    for marker in finished_markers(out):
        for failure in marker["failed"]:
            content_hash = failure.pop("content_hash", None)
            store.add_failure(FailedArticle.model_validate(failure), content_hash=content_hash)
            counts["failures"] += 1
    return counts
