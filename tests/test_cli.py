"""The real `sitrep` command, run as a user runs it, on good and bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SITREP = [sys.executable, "-m", "sitrep.cli"]
GOOD = ("Somali forces killed 12 al-Shabab militants in an air strike near Jilib on Friday, "
        "the army said.\n\nThe strike came days after the group attacked a base in the region.\n")
# another story on the same day: a different event, not a near copy of GOOD
OTHER = ("Gunmen attacked a police post in Beledweyne on Thursday, killing four officers, a local official "
         "said.\n\nResidents said the attackers fled toward the Ethiopian border after the raid.\n")
FRENCH = ("Les forces armées ont lancé une offensive contre les rebelles dans le nord du pays vendredi, "
          "selon un communiqué du ministère de la Défense publié samedi à Bamako.\n")


def run(*args, stdin: bytes | None = None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([*SITREP, *args], input=stdin, capture_output=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("inputs")
    files = {
        "good": d / "good.txt",
        "empty": d / "empty.txt",
        "binary": d / "photo.txt",
        "huge": d / "huge.txt",
        "latin1": d / "latin1.txt",
        "french": d / "french.txt",
        "lines": d / "batch.jsonl",
    }
    files["good"].write_text(GOOD, encoding="utf-8")
    files["empty"].write_text("  \n\n", encoding="utf-8")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with open(files["huge"], "wb") as f:
        line = ("Fighting continued in the north on Monday, residents said. " * 20 + "\n").encode()
        while f.tell() < 50 * 1024 * 1024:
            f.write(line)
    files["latin1"].write_bytes("Troops entered Al-Qusayr on Sunday \u2014 r\u00e9sidents fled.".encode("latin-1",
                                                                                                      "replace")
                                + b"\xe9\xff\xfe more text")
    files["french"].write_text(FRENCH, encoding="utf-8")
    files["lines"].write_text(
        json.dumps({"id": "a1", "text": GOOD, "published": "2025-03-14"}) + "\n"
        + "{this is not json\n"
        + json.dumps({"id": "a3", "text": FRENCH}) + "\n"
        + json.dumps({"id": "a4", "text": OTHER, "published": "2025-03-14"}) + "\n",
        encoding="utf-8")
    return files


def test_code_json_contract(inputs):
    out = run("code", str(inputs["good"]), "--published", "2025-03-15", "--format", "json")
    assert out.returncode == 0, out.stderr.decode()
    coded = json.loads(out.stdout)
    assert set(coded) == {"article", "events", "quotes"}
    event = next(e for e in coded["events"] if e["type"] == "ASSAULT")
    assert event["date"]["start"] == "2025-03-14"
    assert event["fatalities"]["min"] == 12


@pytest.mark.parametrize("name, words", [
    ("empty", "empty"),
    ("binary", "binary"),
    ("huge", "too large"),
    ("latin1", "UTF-8"),
])
def test_bad_file_gives_one_line_error_and_the_batch_goes_on(inputs, name, words):
    out = run("code", str(inputs[name]), str(inputs["good"]), "--format", "jsonl", "--published", "2025-03-15")
    assert out.returncode == 0  # the input as a whole was usable
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 2
    error, good = json.loads(lines[0]), json.loads(lines[1])
    assert words.lower() in error["error"].lower() and str(inputs[name]) in error["error"]
    assert good["events"]
    stderr = out.stderr.decode().strip().splitlines()
    assert len(stderr) == 1 and str(inputs[name]) in stderr[0]


def test_other_language_is_skipped_with_its_reason(inputs):
    out = run("code", str(inputs["french"]), "--format", "jsonl")
    line = json.loads(out.stdout)
    assert line["skipped"] is True and line["language"] == "fr"
    assert "not English" in line["error"]


def test_jsonl_one_output_line_per_input_line(inputs):
    out = run("code", str(inputs["lines"]), "--input-format", "jsonl", "--format", "jsonl")
    assert out.returncode == 0
    lines = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert [x["article"]["id"] for x in lines][0] == "a1"
    assert len(lines) == 4
    assert "error" in lines[1] and "batch.jsonl:2" in lines[1]["error"]
    assert lines[2]["skipped"] and lines[2]["article"]["id"] == "a3"
    assert lines[3]["article"]["id"] == "a4" and lines[3]["events"]


def test_wholly_unusable_input_fails(inputs):
    out = run("code", str(inputs["empty"]))
    assert out.returncode != 0
    assert "empty" in out.stderr.decode()


def test_stdin_and_table(inputs):
    out = run("code", "--format", "table", "--published", "2025-03-15", stdin=GOOD.encode())
    assert out.returncode == 0
    assert "ASSAULT" in out.stdout.decode()


def test_ingest_twice_adds_nothing_and_events_filter(inputs, tmp_path):
    db = tmp_path / "store.db"
    first = run("ingest", str(inputs["lines"]), "--db", str(db), "--quiet")
    assert first.returncode == 0, first.stderr.decode()
    assert "2 added" in first.stdout.decode()
    second = run("ingest", str(inputs["lines"]), "--db", str(db), "--quiet")
    assert "0 added" in second.stdout.decode() and "2 already stored" in second.stdout.decode()
    listed = run("events", "--db", str(db), "--type", "ASSAULT", "--format", "json")
    rows = json.loads(listed.stdout)
    assert rows and all(r["type"] == "ASSAULT" for r in rows)
    dated = json.loads(run("events", "--db", str(db), "--since", "2025-03-14", "--until", "2025-03-14",
                           "--format", "json").stdout)
    assert dated and all(r["date"]["start"] <= "2025-03-14" for r in dated)
    assert json.loads(run("events", "--db", str(db), "--country", "NOR", "--format", "json").stdout) == []
    env_db = run("summary", env={"SITREP_DB": str(db)})
    assert "2 articles coded" in env_db.stdout.decode()


def test_schema_in_docs_matches_the_records():
    from sitrep.records import json_schema

    docs = Path(__file__).resolve().parents[1] / "docs" / "schema.json"
    assert json.loads(docs.read_text(encoding="utf-8")) == json_schema(), "run `make schema`"
