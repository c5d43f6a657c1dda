"""Readers: files, folders and standard input -> `Article`s, one reader per format.

`read_inputs` never raises for one bad input: it yields an `InputError` in that input's place (for
JSONL, in that line's place) and goes on, so a batch of thousands survives one PDF in the folder.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import BinaryIO, Iterator, Optional, Sequence, Union

from sitrep.article import Article
from sitrep.errors import SitrepError, UnknownFormat, UnreadableInput
from sitrep.ingest.detect import FORMATS, MAX_ARTICLE_BYTES, format_for, sniff_format
from sitrep.ingest.html import html_article, read_html
from sitrep.ingest.jsonl import normalise_date, read_jsonl_stream
from sitrep.ingest.text import read_stream_limited, read_text, text_article

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
                stdin: Optional[BinaryIO] = None) -> Iterator[Item]:
    """Articles from files, folders (recursively, sorted) and stdin ("-" or no paths), in order.

    `input_format` is auto|text|html|jsonl; auto decides by file extension, else by the first bytes.
    """
    if input_format != "auto" and input_format not in FORMATS:
        yield InputError.from_error(UnknownFormat(", ".join(paths) or STDIN, fmt=input_format))
        return
    for path in (list(paths) or ["-"]):
        if path == "-":
            yield from _read_stdin(stdin, input_format)
        elif os.path.isdir(path):
            for file_path in _files_under(path):
                yield from _read_path(file_path, input_format)
        else:
            yield from _read_path(path, input_format)


def _files_under(folder: str) -> list[str]:
    """Every file under `folder`, sorted, skipping hidden files and folders (".git", ".DS_Store")."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    return sorted(found)


def _read_path(path: str, input_format: str) -> Iterator[Item]:
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
        yield read_html(path) if fmt == "html" else read_text(path)
    except SitrepError as err:
        yield InputError.from_error(err)
    except OSError as err:
        yield InputError.from_error(UnreadableInput(path, reason=err.strerror or str(err)))


def _read_stdin(stdin: Optional[BinaryIO], input_format: str) -> Iterator[Item]:
    stream = stdin if stdin is not None else sys.stdin.buffer
    try:
        head = stream.read(_SNIFF)
        fmt = sniff_format(head) if input_format == "auto" else input_format
        if fmt == "jsonl":
            yield from _wrap(read_jsonl_stream(stream, STDIN, head=head))
            return
        data = read_stream_limited(stream, STDIN, MAX_ARTICLE_BYTES, head=head)
        yield html_article(data, STDIN) if fmt == "html" else text_article(data, STDIN)
    except SitrepError as err:
        yield InputError.from_error(err)
    except OSError as err:
        yield InputError.from_error(UnreadableInput(STDIN, reason=err.strerror or str(err)))


def _wrap(items: Iterator[Union[Article, SitrepError]]) -> Iterator[Item]:
    for item in items:
        yield InputError.from_error(item) if isinstance(item, SitrepError) else item
