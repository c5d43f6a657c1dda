"""Batch coding on a real 2-worker Dask LocalCluster (127.0.0.1): the same events as one process,
failed partitions recorded, killed runs resumed without recoding or duplicating."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from sitrep.scale.batch import (ERRORS, MARKERS, finished_markers, load, partition_key, partitions,  # noqa: E402
                                read_table, run_batch)

N_ARTICLES = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The shortest bundled VOA stories (several publication months) and one line that is not JSON."""
    rows = [json.loads(line) for line in
            (resources.files("sitrep") / "samples" / "voa.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = sorted(rows, key=lambda r: len(r["text"]))[:N_ARTICLES]
    lines = [json.dumps({k: r[k] for k in ("id", "title", "published", "url", "text")}) for r in rows]
    lines.insert(3, '{"id": "broken", "text": ')
    path = tmp_path_factory.mktemp("batch") / "stories.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single_process(corpus) -> dict[str, list[dict]]:
    """Events per article id from `code_many` in this process: what the cluster must reproduce."""
    from sitrep.coder import code_many
    from sitrep.ingest import read_inputs

    events = {}
    for result in code_many(read_inputs([str(corpus)])):
        if hasattr(result, "events"):
            events[result.article.id] = [e.model_dump(mode="json") for e in result.events]
    assert len(events) == N_ARTICLES
    return events


@pytest.fixture(scope="module")
def client():
    from distributed import Client

    from sitrep.scale.batch import start_cluster
    from sitrep.scale.worker import PreloadPipeline

    cluster = start_cluster(2)
    with Client(cluster) as c:
        c.register_plugin(PreloadPipeline(), name=PreloadPipeline.name)
        assert all(addr.startswith("tcp://127.0.0.1:") for addr in c.scheduler_info()["workers"])
        yield c
    cluster.close()


def batch_events(out: Path) -> dict[str, list[dict]]:
    events: dict[str, list[dict]] = {}
    for row in read_table(out, "events"):
        events.setdefault(row["article_id"], []).append(json.loads(row["json"]))
    for row in read_table(out, "articles"):
        events.setdefault(row["id"], [])
    return events


def error_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / ERRORS).read_text(encoding="utf-8").splitlines()]


def test_partition_keys_follow_content_not_position(corpus):
    from sitrep.ingest import read_inputs

    items = list(read_inputs([str(corpus)]))
    first = [p.key for p in partitions(items, 2)]
    assert first == [p.key for p in partitions(iter(items), 2)]          # same input, same keys
    assert len(set(first)) == len(first) == 5
    assert [len(p.items) for p in partitions(items, 4)] == [4, 4, 1]
    assert partition_key(items[2:4]) == [p.key for p in partitions(items[2:], 2)][0]
    assert partition_key(items[:2], published="2015-10-23") != first[0]  # coded differently, new key


def test_two_workers_give_the_single_process_events(client, corpus, single_process, tmp_path):
    summary = run_batch([str(corpus)], tmp_path, client=client, partition_size=2, progress=False)
    assert (summary.partitions, summary.failed_partitions, summary.skipped_partitions) == (5, 0, 0)
    assert summary.articles == N_ARTICLES and summary.failed_articles == 1
    assert batch_events(tmp_path) == single_process
    assert summary.events == sum(len(v) for v in single_process.values())
    months = {p.name for p in (tmp_path / "events").iterdir()}
    assert len(months) > 1 and all(m.startswith("month=") for m in months)
    [bad] = error_lines(tmp_path)
    assert bad["article"]["source"].endswith("stories.jsonl:4") and "JSON" in bad["error"]


def test_a_partition_that_raises_is_recorded_and_the_rest_completes(client, corpus, single_process, tmp_path):
    # A file where a month's folder must go: every partition with an article of that month fails to write.
    blocked = tmp_path / "events" / "month=2020-01"
    blocked.parent.mkdir(parents=True)
    blocked.write_text("not a folder")
    summary = run_batch([str(corpus)], tmp_path, client=client, partition_size=2, progress=False)
    assert summary.failed_partitions >= 1
    assert summary.failed_partitions + len(finished_markers(tmp_path)) == 5
    failures = [e for e in error_lines(tmp_path) if "partition" in e and "items" in e]
    assert len(failures) == summary.failed_partitions
    assert all("month=2020-01" in f["error"] and f["sources"] for f in failures)
    coded = batch_events(tmp_path)
    assert coded and all(single_process[a] == coded[a] for a in coded)    # the rest completed, unchanged
    assert set(coded) < set(single_process)

    blocked.unlink()                                                     # fixed: the rerun codes only those
    rerun = run_batch([str(corpus)], tmp_path, client=client, partition_size=2, progress=False)
    assert rerun.skipped_partitions == 5 - summary.failed_partitions
    assert rerun.failed_partitions == 0
    assert batch_events(tmp_path) == single_process
    assert not [e for e in error_lines(tmp_path) if "items" in e]         # the old partition errors are gone


def _wait_idle(client, timeout=120.0) -> None:
    """Until the scheduler holds no task and no worker thread still runs one: a killed client's tasks
    are forgotten by the scheduler at once, but one already running finishes (and writes its marker)."""
    deadline = time.monotonic() + timeout

    def busy() -> bool:
        scheduled = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
        running = client.run(lambda dask_worker: len(dask_worker.active_threads))
        return bool(scheduled or any(running.values()))

    while busy() and time.monotonic() < deadline:
        time.sleep(0.2)


def test_a_killed_batch_resumes_without_recoding_or_duplicating(client, corpus, single_process, tmp_path):
    command = [sys.executable, "-c", "from sitrep.scale.cli import batch; batch()", str(corpus),
               "--out", str(tmp_path), "--scheduler", client.scheduler.address, "--partition-size", "1",
               "--quiet"]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    markers = tmp_path / MARKERS
    deadline = time.monotonic() + 180
    try:
        while not (markers.is_dir() and any(markers.glob("*.json"))):
            assert process.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    _wait_idle(client)
    done = {p.name: p.stat().st_mtime_ns for p in markers.glob("*.json")}
    total = N_ARTICLES + 1
    assert 1 <= len(done) < total

    rerun = run_batch([str(corpus)], tmp_path, client=client, partition_size=1, progress=False)
    assert rerun.skipped_partitions == len(done)                           # finished ones not recoded
    assert {p.name: p.stat().st_mtime_ns for p in markers.glob("*.json") if p.name in done} == done
    assert rerun.partitions == total and len(finished_markers(tmp_path)) == total
    ids = [row["id"] for row in read_table(tmp_path, "events")]
    assert len(ids) == len(set(ids))                                       # no row twice
    assert batch_events(tmp_path) == single_process
    assert len(error_lines(tmp_path)) == 1                                 # the bad line, once


def test_cli_batch_then_load_into_the_store(client, corpus, single_process, tmp_path):
    from click.testing import CliRunner

    from sitrep.scale.cli import batch, load as load_command
    from sitrep.store import Store

    out, db = tmp_path / "out", tmp_path / "events.db"
    result = CliRunner().invoke(batch, [str(corpus), "--out", str(out), "--scheduler",
                                        client.scheduler.address, "--partition-size", "3", "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"{N_ARTICLES} articles coded" in result.output and "1 not coded" in result.output
    result = CliRunner().invoke(load_command, [str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{N_ARTICLES} added, 0 already stored, 1 failures recorded" in result.output
    with Store(str(db)) as store:
        assert store.counts()["articles"] == N_ARTICLES
        assert len(store.events()) == sum(len(v) for v in single_process.values())
        assert load(out, store) == {"added": 0, "already": N_ARTICLES, "failures": 1}   # twice adds nothing
