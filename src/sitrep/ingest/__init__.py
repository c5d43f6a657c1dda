"""Readers: files, folders, URLs and standard input -> `Article`s, one reader per format.

Formats: plain text, HTML, JSONL, CSV/TSV (`table.py`), WARC and WARC.gz (`warc.py`), RSS/Atom
(`feed.py`), and http(s) URLs of pages or feeds (`url.py`).

`read_inputs` never raises for one bad input: it yields an `InputError` in that input's place (for
JSONL, in that line's place) and goes on, so a batch of thousands survives one PDF in the folder.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO, Iterator, Mapping, Optional, Sequence, Union

from sitrep.article import Article
from sitrep.errors import SitrepError, UnknownFormat, UnreadableInput
from sitrep.ingest.detect import FORMATS, MAX_ARTICLE_BYTES, format_for, sniff_format
from sitrep.ingest.html import html_article, read_html
from sitrep.ingest.jsonl import normalise_date, read_jsonl_stream
from sitrep.ingest.text import read_file_limited, read_stream_limited, read_text, text_article

__all__ = ["read_inputs", "InputError", "MAX_ARTICLE_BYTES", "normalise_date", "STDIN"]

STDIN = "<stdin>"
_SNIFF = 8192


@dataclass
class InputError:
    """One input (a file, or one JSONL line) that could not be read; `message` names it."""

    source: str
    id: Optional[str]
    message: str
    code: str = "E100"

    @classmethod
    def from_error(cls, error: SitrepError, article_id: Optional[str] = None) -> "InputError":
        return cls(source=error.source, id=article_id or getattr(error, "article_id", None),
                   message=error.message, code=error.code)


Item = Union[Article, InputError]


def read_inputs(paths: Sequence[str], input_format: str = "auto",
                stdin: Optional[BinaryIO] = None, columns: Optional[Mapping[str, str]] = None,
                fetcher=None) -> Iterator[Item]:
    """Articles from files, folders (recursively, sorted), http(s) URLs and stdin ("-" or no paths),
    in order.

    `input_format` is auto|text|html|jsonl|csv|tsv|warc|feed; auto decides by file extension, else by
    the first bytes. `columns` maps fields to CSV columns ({"text": "doc_text"}) where the usual
    header names do not fit. `fetcher` (a `sitrep.fetch.Fetcher`) fetches URLs; by default one
    shared by the whole process.
    """
    if input_format != "auto" and input_format not in FORMATS:
        yield InputError.from_error(UnknownFormat(", ".join(paths) or STDIN, fmt=input_format))
        return
    for path in (list(paths) or ["-"]):
        if path == "-":
            yield from _read_stdin(stdin, input_format, columns)
        elif _is_url(path):
            from sitrep.ingest.url import read_url

            yield from _wrap(read_url(path, fetcher))
        elif os.path.isdir(path):
            for file_path in _files_under(path):
                yield from _read_path(file_path, input_format, columns)
        else:
            yield from _read_path(path, input_format, columns)


def _is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def _files_under(folder: str) -> list[str]:
    """Every file under `folder`, sorted, skipping hidden files and folders (".git", ".DS_Store")."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    return sorted(found)


def _read_path(path: str, input_format: str, columns: Optional[Mapping[str, str]] = None) -> Iterator[Item]:
    try:
        if not os.path.exists(path):
            raise UnreadableInput(path, reason="no such file or folder")
        fmt = input_format
        if fmt == "auto":
            with open(path, "rb") as fh:
                fmt = format_for(path, fh.read(_SNIFF))
        if fmt == "jsonl":
            with open(path, "rb") as fh:
                yield from _wrap(read_jsonl_stream(fh, path))
            return
        if fmt in ("csv", "tsv"):
            from sitrep.ingest.table import read_table_stream

            with open(path, "rb") as fh:
                yield from _wrap(read_table_stream(fh, path, "\t" if fmt == "tsv" else ",", columns))
            return
        if fmt == "warc":
            from sitrep.ingest.warc import read_warc_stream

            with open(path, "rb") as fh:
                compressed = fh.read(2) == b"\x1f\x8b"
                fh.seek(0)
                yield from _wrap(read_warc_stream(fh, path, compressed))
            return
        if fmt == "feed":
            from sitrep.ingest.feed import read_feed_bytes

            yield from _wrap(read_feed_bytes(read_file_limited(path), path))
            return
        yield read_html(path) if fmt == "html" else read_text(path)
    except SitrepError as err:
        yield InputError.from_error(err)
    except OSError as err:
        yield InputError.from_error(UnreadableInput(path, reason=err.strerror or str(err)))


def _read_stdin(stdin: Optional[BinaryIO], input_format: str,
                columns: Optional[Mapping[str, str]] = None) -> Iterator[Item]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        head = stream.read(_SNIFF)
        fmt = sniff_format(head) if input_format == "auto" else input_format
        if fmt == "jsonl":
            yield from _wrap(read_jsonl_stream(stream, STDIN, head=head))
            return
        if fmt in ("csv", "tsv", "warc"):
            yield from _read_stdin_as_file(_Prepend(head, stream), fmt, columns)
            return
        if fmt == "feed":
            from sitrep.ingest.feed import read_feed_bytes

            yield from _wrap(read_feed_bytes(read_stream_limited(stream, STDIN, MAX_ARTICLE_BYTES, head=head),
                                             STDIN))
            return
        data = read_stream_limited(stream, STDIN, MAX_ARTICLE_BYTES, head=head)
        yield html_article(data, STDIN) if fmt == "html" else text_article(data, STDIN)
    except SitrepError as err:
        yield InputError.from_error(err)
    except OSError as err:
        yield InputError.from_error(UnreadableInput(STDIN, reason=err.strerror or str(err)))


class _Prepend:
    """A stream with bytes already read from it put back in front."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if self.head:
            if size is None or size < 0:
                data, self.head = self.head + self.stream.read(), b""
                return data
            data, self.head = self.head[:size], self.head[size:]
            if len(data) < size:
                data += self.stream.read(size - len(data))
            return data
        return self.stream.read(size)

    def readable(self) -> bool:
        return True

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size and size > 0 else 1 << 16)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    @property
    def closed(self) -> bool:
        return False

    def flush(self) -> None:
        pass


def _read_stdin_as_file(stream, fmt: str, columns) -> Iterator[Item]:
    if fmt == "warc":
        from sitrep.ingest.warc import read_warc_stream

        yield from _wrap(read_warc_stream(stream, STDIN, stream.head.startswith(b"\x1f\x8b")))
    else:
        from sitrep.ingest.table import read_table_stream

        yield from _wrap(read_table_stream(stream, STDIN, "\t" if fmt == "tsv" else ",", columns))


def _wrap(items: Iterator[Union[Article, SitrepError]]) -> Iterator[Item]:
    for item in items:
        yield InputError.from_error(item) if isinstance(item, SitrepError) else item
