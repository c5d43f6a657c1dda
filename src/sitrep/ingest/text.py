"""Plain-text input: the whole file (or stream) is one article.

Also home of the size-limited byte reading that every whole-file reader shares: a file over the limit
is refused from its size alone, a stream is read to at most limit + 1 bytes, so a 50 MB mistake
never lands in memory.
"""
from __future__ import annotations

import os
from typing import BinaryIO

from sitrep.article import Article
from sitrep.errors import InputTooLarge, UnreadableInput
from sitrep.ingest.detect import MAX_ARTICLE_BYTES, decode_text


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"  # pragma: no cover


def too_large(source: str, size: int, limit: int, at_least: bool = False) -> InputTooLarge:
    shown = ("more than " if at_least else "") + human_size(size)
    return InputTooLarge(source, size=shown, limit=human_size(limit))


def read_stream_limited(stream: BinaryIO, source: str, limit: int = MAX_ARTICLE_BYTES,
                        head: bytes = b"") -> bytes:
    """Read a whole stream (after `head`, bytes already taken from it), refusing more than `limit`."""
    chunks = [head]
    total = len(head)
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    if total > limit:
        raise too_large(source, limit, limit, at_least=True)
    return b"".join(chunks)


def read_file_limited(path: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """Read a whole file, refusing it by its size (without reading it) when it is over `limit`."""
    try:
        size = os.stat(path).st_size
        if os.path.isfile(path) and size > limit:
            raise too_large(path, size, limit)
        with open(path, "rb") as fh:
            return read_stream_limited(fh, path, limit)
    except OSError as err:
        raise UnreadableInput(path, reason=err.strerror or str(err)) from None


def text_article(data: bytes, source: str) -> Article:
    """Bytes of a plain-text scrape -> Article (id = content hash)."""
    article = Article(text=decode_text(data, source), source=source)
    article.ensure_id()
    return article


def read_text(path: str) -> Article:
    return text_article(read_file_limited(path), path)
