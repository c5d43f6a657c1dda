"""What an input is: its format, whether it is text at all, and its decoding.

Decision on encodings: input must be UTF-8 (a BOM is accepted and dropped). There is deliberately NO
cp1252 / Latin-1 fallback. cp1252 decodes almost any byte string without complaint, so a fallback would
turn a Latin-2, KOI8-R, Shift-JIS or truncated file into plausible-looking wrong text, silently, and
analysts' event data must be traceable to what the source said. The error names the byte offset so the
file can be checked and converted (`iconv -f cp1252 -t utf-8`). The common real-world damage, UTF-8
text that was once mis-decoded as cp1252 ("â€™"), is valid UTF-8 and is repaired later by cleaning
(ftfy), where the repair is reliable.
"""
from __future__ import annotations

import os
import re
from typing import Optional

from sitrep.errors import BadEncoding, BinaryInput, EmptyInput

FORMATS = ("text", "html", "jsonl", "csv", "tsv", "warc", "feed")

# One article may be at most this big (bytes of its text or page). Larger inputs are refused before
# they are read into memory: news articles are kilobytes; 5 MB is a book, a dump or a mistake.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024

EXTENSIONS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".txt": "text", ".text": "text",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".rss": "feed", ".atom": "feed",
}

# Leading bytes of binary formats analysts are likely to drop into an input folder by mistake.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/EPUB file)"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"ID3", "an MP3 audio file"),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"

# Control bytes other than tab, LF, FF, CR and ESC: a text file has (almost) none.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_SHARE = 0.02
_SNIFF_BYTES = 8192


def binary_kind(head: bytes) -> Optional[str]:
    """Say what `head` (the first bytes of an input) looks like when it is not text, else None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(_UTF16_BOMS):
        return "UTF-16 text (convert it to UTF-8)"
    sample = head[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return "binary data (it contains NUL bytes)"
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _CONTROL_SHARE:
        return "binary data (many control bytes)"
    return None


def check_not_binary(head: bytes, source: str) -> None:
    kind = binary_kind(head)
    if kind:
        raise BinaryInput(source, kind=kind)


def decode_utf8(data: bytes, source: str) -> str:
    """Decode UTF-8 (BOM dropped); raise BadEncoding naming the first bad byte's offset."""
    offset = 0
    if data.startswith(_UTF8_BOM):
        data, offset = data[len(_UTF8_BOM):], len(_UTF8_BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = data[err.start:err.start + 1]
        raise BadEncoding(source, offset=err.start + offset,
                          reason=f"byte 0x{bad.hex()}: {err.reason}") from None


def decode_text(data: bytes, source: str) -> str:
    """Bytes of one article -> str, refusing binary, empty and non-UTF-8 input."""
    check_not_binary(data[:_SNIFF_BYTES], source)
    text = decode_utf8(data, source)
    if not text.strip():
        raise EmptyInput(source)
    return text


_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<!--|<meta\b|<div\b|<article\b|<p\b)",
                         re.IGNORECASE)
_JSON_OBJECT_START = re.compile(rb"\s*\{\s*(?:\"|\})")


def _gzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream (empty when they cannot be had)."""
    import zlib

    try:
        return zlib.decompressobj(47).decompress(head, 64)
    except zlib.error:
        return b""


def is_warc(head: bytes) -> bool:
    """A WARC (or gzipped WARC) file: its first record starts with "WARC/1.x"."""
    if head.startswith(b"\x1f\x8b"):
        head = _gzip_head(head)
    return head.startswith(b"WARC/")


def sniff_format(head: bytes) -> str:
    """Guess text / html / jsonl / warc / feed from the first bytes of an input without an informative
    name."""
    from sitrep.ingest.feed import looks_like_feed

    if is_warc(head):
        return "warc"
    if head.startswith(_UTF8_BOM):
        head = head[len(_UTF8_BOM):]
    if looks_like_feed(head):
        return "feed"
    if _JSON_OBJECT_START.match(head):
        return "jsonl"
    if _HTML_START.match(head):
        return "html"
    return "text"


def format_for(path: str, head: bytes) -> str:
    """The reader for a file: by extension first, by content when the extension says nothing."""
    name = os.path.basename(path).lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if name.endswith(ext):
            return EXTENSIONS[ext]
    return sniff_format(head)
