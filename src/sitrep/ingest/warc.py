"""WARC and WARC.gz crawl archives: every HTML page an archive holds (HTTP 200 responses) is an article.

An archive also holds robots.txt files, images, scripts, style sheets, redirects and metadata records:
those are not articles and are passed over, counted, and named in the error when an archive holds no
page at all. A damaged archive (a truncated .gz, a record cut short) yields the pages before the damage
and then one error saying where reading stopped; warcio alone would end such an archive silently.
"""
from __future__ import annotations

import zlib
from collections import Counter
from typing import BinaryIO, Iterator, Union

from sitrep.article import Article
from sitrep.errors import BadArchive, BadEncoding, EmptyInput, InputTooLarge, NoPagesInArchive, SitrepError
from sitrep.ingest.detect import MAX_ARTICLE_BYTES, decode_utf8
from sitrep.ingest.html import decode_html
from sitrep.ingest.text import human_size

HTML_TYPES = ("text/html", "application/xhtml+xml")
# A gzip bomb: crawl archives of HTML compress 5 to 20 times; a stream inflating more than this many
# times its compressed size (beyond a first few MB) is refused before it costs minutes of CPU.
MAX_INFLATION = 100
INFLATION_ALLOWANCE = 8 * 1024 * 1024


class _GzipBomb(Exception):
    pass


class _GzipWatch:
    """A file wrapper that follows the gzip members going through it, to tell a complete .gz from a
    truncated or corrupt one (warcio stops quietly at either)."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self._inflate = zlib.decompressobj(47)
        self.pending = False   # a member begun and not finished
        self.error: str = ""
        self.compressed = 0
        self.inflated = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        if data and not self.error:
            self._feed(data)
        return data

    def _feed(self, data: bytes) -> None:
        self.compressed += len(data)
        try:
            while data:
                self.pending = True
                self.inflated += len(self._inflate.decompress(data, 1 << 20))
                while self._inflate.unconsumed_tail and not self._inflate.eof:  # bounded memory
                    self._check_inflation()
                    self.inflated += len(self._inflate.decompress(self._inflate.unconsumed_tail, 1 << 20))
                self._check_inflation()
                if not self._inflate.eof:
                    return
                self.pending = False
                data = self._inflate.unused_data
                self._inflate = zlib.decompressobj(47)
        except zlib.error as err:
            self.error = f"corrupt gzip data: {err}"

    def _check_inflation(self) -> None:
        if self.inflated > MAX_INFLATION * self.compressed + INFLATION_ALLOWANCE:
            raise _GzipBomb(f"decompression bomb: {human_size(self.compressed)} of gzip inflate to more than "
                            f"{human_size(self.inflated)} (over {MAX_INFLATION} times); reading stopped")

    def complete(self) -> str:
        """Empty when every member read was whole; else what went wrong."""
        if self.error:
            return self.error
        if self.pending:
            return "the gzip stream ends in the middle of a record (truncated file)"
        return ""


def _charset(http_headers) -> str:
    content_type = http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return ""


def _page_text(body: bytes, charset: str, source: str) -> str:
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_utf8(body, source)
    except BadEncoding:
        return decode_html(body, source)


def _skip(record, name: str, number: int) -> None:
    """Read past a record that is not a page, checking that it is whole."""
    while record.raw_stream.read(1 << 16):
        pass
    if getattr(record.raw_stream, "limit", 0):
        uri = record.rec_headers.get_header("WARC-Target-URI") or record.rec_type
        raise BadArchive(name, records=number - 1, reason=f"record {number} ({uri}) is cut short")


def read_warc_stream(stream: BinaryIO, name: str, compressed: bool) -> Iterator[Union[Article, SitrepError]]:
    """Every HTML page in a WARC stream, in archive order, as an Article (url = the page's URL)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    watch = _GzipWatch(stream) if compressed else None
    others: Counter = Counter()
    pages = records = 0
    try:
        for record in ArchiveIterator(watch or stream, arc2warc=True):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                others[f"{record.rec_type} records"] += 1
                _skip(record, name, records)
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            status = record.http_headers.get_statuscode()
            kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            source = f"{name}#{records}"
            if status != "200" or kind not in HTML_TYPES:
                others[f"HTTP {status}" if status != "200" else (kind or "untyped") + " responses"] += 1
                _skip(record, name, records)
                continue
            body = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
            if getattr(record.raw_stream, "limit", 0) and len(body) <= MAX_ARTICLE_BYTES:
                raise BadArchive(name, records=records - 1, reason=f"record {records} ({uri}) is cut short")
            pages += 1
            if len(body) > MAX_ARTICLE_BYTES:
                yield InputTooLarge(source, size="more than " + human_size(MAX_ARTICLE_BYTES),
                                    limit=human_size(MAX_ARTICLE_BYTES))
                continue
            try:
                html = _page_text(body, _charset(record.http_headers), source)
            except SitrepError as err:
                yield err
                continue
            if not html.strip():
                yield EmptyInput(source)
                continue
            article = Article(html=html, url=uri or None, source=source)
            article.ensure_id()
            yield article
    except BadArchive as err:
        yield err
        return
    except _GzipBomb as err:
        yield BadArchive(name, records=records, reason=str(err))
        return
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error) as err:
        yield BadArchive(name, records=records, reason=f"{type(err).__name__}: {err}".strip()[:200])
        return
    damage = watch.complete() if watch else ""
    if damage:
        yield BadArchive(name, records=records, reason=damage)
    elif records == 0:
        yield BadArchive(name, records=0, reason="no complete WARC record in it")
    elif pages == 0:
        found = ", ".join(f"{n} {what}" for what, n in others.most_common()) or "no records"
        yield NoPagesInArchive(name, found=found)
