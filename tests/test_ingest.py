"""Readers: every bad input becomes one InputError in its place, and reading goes on."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from sitrep.article import Article
from sitrep.ingest import MAX_ARTICLE_BYTES, InputError, normalise_date, read_inputs

STORY = ("Gunmen attacked an army post near Gao on Sunday, killing 12 soldiers, the army said.\n\n"
         "No group has claimed responsibility for the attack.\n")


def read_all(*args, **kwargs):
    return list(read_inputs(*args, **kwargs))


def one(path, **kwargs):
    items = read_all([str(path)], **kwargs)
    assert len(items) == 1, items
    return items[0]


def test_text_file_is_one_article(tmp_path):
    path = tmp_path / "gao.txt"
    path.write_text(STORY, encoding="utf-8")
    article = one(path)
    assert isinstance(article, Article)
    assert article.text == STORY and article.html is None
    assert article.source == str(path)
    assert len(article.id) == 16 and article.id == article.content_hash[:16]


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    assert one(path).text == STORY


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  \n"])
def test_empty_input_is_an_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    error = one(path)
    assert isinstance(error, InputError)
    assert error.source == str(path) and "empty" in error.message and str(path) in error.message


@pytest.mark.parametrize("name, content, kind", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    ("feed.txt", gzip.compress(STORY.encode()), "gzip"),
    ("dump.txt", b"Gunmen attacked\x00\x00\x01\x02 an army post" * 20, "NUL"),
])
def test_binary_input_says_what_it_looks_like(tmp_path, name, content, kind):
    path = tmp_path / name
    path.write_bytes(content)
    error = one(path)
    assert isinstance(error, InputError)
    assert "binary" in error.message and kind in error.message


def test_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    error = one(path)
    assert isinstance(error, InputError)
    assert "too large" in error.message and "50.0 MB" in error.message and "5.0 MB" in error.message


def test_oversized_stdin_is_refused():
    stream = io.BytesIO(b"Rebels advanced on the capital. " * (MAX_ARTICLE_BYTES // 32 + 10))
    error = read_all([], stdin=stream)[0]
    assert isinstance(error, InputError) and error.source == "<stdin>" and "too large" in error.message


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Troops entered Bouaké".encode("utf-8") + b" and Yamoussoukro\xe9 on Monday.")
    error = one(path)
    assert isinstance(error, InputError)
    assert "UTF-8" in error.message and "byte 39" in error.message and "0xe9" in error.message


def test_jsonl_bad_line_in_the_middle(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": STORY, "published": "2025-03-14 20:30:26Z"}) + "\n"
        + '{"id": "b2", "text": "Rebels shelled the port, "killed" two"}\n'
        + json.dumps({"id": 3, "title": "Port shelled", "text": "Rebels shelled the port of Hodeidah."}) + "\n",
        encoding="utf-8")
    items = read_all([str(path)])
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[0].id == "a1" and items[0].published == "2025-03-14" and items[0].source == f"{path}:1"
    assert items[1].source == f"{path}:2" and items[1].id == "b2" and "JSON" in items[1].message
    assert items[2].id == "3" and items[2].title == "Port shelled"


def test_jsonl_objects_without_text_and_non_objects(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text(
        "\n"
        + json.dumps({"id": "no-text", "title": "Headline only"}) + "\n"
        + "   \n"
        + json.dumps(["not", "an", "object"]) + "\n"
        + json.dumps({"id": "page", "html": "<html><body><p>Troops withdrew.</p></body></html>",
                      "published": "2015-10-23T08:00:00+03:00", "outlet": "Daily Monitor",
                      "url": "https://example.com/a"}) + "\n"
        + json.dumps({"text": "Talks resumed in Doha on Tuesday.", "date": "October 23, 2015"}) + "\n",
        encoding="utf-8")
    items = read_all([str(path)], input_format="jsonl")
    assert len(items) == 4  # blank lines are skipped, the rest keep their order
    missing, not_object, page, plain = items
    assert isinstance(missing, InputError) and missing.id == "no-text" and missing.source == f"{path}:2"
    assert "text" in missing.message
    assert isinstance(not_object, InputError) and not_object.source == f"{path}:4" and "object" in not_object.message
    assert page.html.startswith("<html>") and page.text is None and page.published == "2015-10-23"
    assert page.outlet == "Daily Monitor" and page.url == "https://example.com/a"
    assert plain.id == plain.content_hash[:16] and plain.published == "2015-10-23"


def test_jsonl_oversized_line_is_skipped_and_the_next_read(tmp_path, monkeypatch):
    import sitrep.ingest.jsonl as jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 2000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "x " * 5000}) + "\n"
                    + json.dumps({"id": "ok", "text": "Talks resumed in Doha."}) + "\n", encoding="utf-8")
    items = read_all([str(path)])
    assert isinstance(items[0], InputError) and "too large" in items[0].message and items[0].source == f"{path}:1"
    assert items[1].id == "ok"


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story about the ceasefire talks.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story about the ceasefire talks.", encoding="utf-8")
    (tmp_path / "b" / "page").write_text("<!DOCTYPE html><html><body><p>Third.</p></body></html>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "j1", "text": "Fourth story."}\n', encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    items = read_all([str(tmp_path)])
    assert [i.source for i in items] == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt"),
                                         str(tmp_path / "b" / "page"), f"{tmp_path / 'c.jsonl'}:1"]
    assert items[2].html and items[3].id == "j1"


def test_stdin_text_and_jsonl():
    text = read_all(["-"], stdin=io.BytesIO(STORY.encode()))
    assert len(text) == 1 and text[0].text == STORY and text[0].source == "<stdin>"
    lines = b'{"id": "s1", "text": "Clashes in Tripoli."}\nnot json\n{"id": "s3", "text": "Calm returned."}\n'
    items = read_all([], stdin=io.BytesIO(lines))
    assert [getattr(i, "id", None) for i in items] == ["s1", None, "s3"]
    assert isinstance(items[1], InputError) and items[1].source == "<stdin>:2"


def test_missing_file_and_unknown_format(tmp_path):
    missing = one(tmp_path / "nope.txt")
    assert isinstance(missing, InputError) and "no such file" in missing.message
    bad = read_all([str(tmp_path)], input_format="pdf")
    assert len(bad) == 1 and "unknown input format" in bad[0].message


def test_html_with_declared_legacy_charset(tmp_path):
    path = tmp_path / "old.html"
    page = '<html><head><meta charset="windows-1252"></head><body><p>Troops entered Bouaké.</p></body></html>'
    path.write_bytes(page.encode("cp1252"))
    article = one(path)
    assert isinstance(article, Article) and "Bouaké" in article.html


@pytest.mark.parametrize("raw, expected", [
    ("2025-03-14 20:30:26Z", "2025-03-14"),
    ("2015-10-23T23:59:00+03:00", "2015-10-23"),
    ("2015-10-23", "2015-10-23"),
    ("Fri, 23 Oct 2015 10:00:00 GMT", "2015-10-23"),
    ("October 23, 2015", "2015-10-23"),
    ("2015-02-30", None),
    ("last Friday", None),
    (20151023, None),
])
def test_normalise_date(raw, expected):
    assert normalise_date(raw) == expected
