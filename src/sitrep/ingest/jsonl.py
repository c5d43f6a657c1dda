"""JSON Lines input: one article per line, `{"id", "text" | "html", "title"?, "published"?, "url"?,
"outlet"?}`.

A bad line never stops the file: it comes out as an error (carrying its line number and, when it can
be read, its id) in its place, and the next line is read. The file may be large; each line is held to
a size limit, and an oversized line is skipped without being kept in memory.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from typing import BinaryIO, Iterator, Optional, Union

from sitrep.article import Article
from sitrep.errors import BadJSON, EmptyInput, InputTooLarge, MissingText, SitrepError
from sitrep.ingest.detect import MAX_ARTICLE_BYTES, decode_utf8
from sitrep.ingest.text import human_size

# A line holds one article plus metadata, and JSON escaping (\uXXXX, \") can double the bytes.
MAX_LINE_BYTES = 2 * MAX_ARTICLE_BYTES + 64 * 1024
_CHUNK = 1 << 20

DATE_FIELDS = ("published", "date")  # "date" is a common name for the publication date in dumps


def iter_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES,
               head: bytes = b"") -> Iterator[tuple[int, Optional[bytes]]]:
    """Yield (line number from 1, bytes without the newline); bytes is None for a line over `limit`."""
    buf = head
    number = 0
    oversized = False
    while True:
        newline = buf.find(b"\n")
        if newline >= 0:
            number += 1
            line, buf = buf[:newline], buf[newline + 1:]
            if oversized or len(line) > limit:
                yield number, None
            else:
                yield number, line
            oversized = False
            continue
        if len(buf) > limit:
            oversized, buf = True, b""  # drop what we have; keep reading to the end of the line
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        buf += chunk
    if buf or oversized:
        number += 1
        yield number, (None if oversized or len(buf) > limit else buf)


_ID_FIELD = re.compile(r'"id"\s*:\s*(?:"((?:[^"\\]|\\.){1,200})"|(-?\d{1,30}))')


def _readable_id(line: str) -> Optional[str]:
    """The id of a line that is not valid JSON, when it can still be read."""
    match = _ID_FIELD.search(line)
    if not match:
        return None
    return match.group(1) if match.group(1) is not None else match.group(2)


def _fail(error: SitrepError, article_id: Optional[str]) -> SitrepError:
    error.article_id = article_id  # type: ignore[attr-defined]
    return error


def _as_str(value: object) -> Optional[str]:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def parse_line(line: bytes, source: str) -> Union[Article, SitrepError]:
    """One JSONL line -> Article, or the error that stands in its place."""
    try:
        text_line = decode_utf8(line, source)
    except SitrepError as err:
        return _fail(err, None)
    try:
        obj = json.loads(text_line)
    except ValueError as err:
        detail = f"{err.msg} at column {err.colno}" if isinstance(err, json.JSONDecodeError) else str(err)
        return _fail(BadJSON(source, reason=f"invalid JSON ({detail})"), _readable_id(text_line))
    if not isinstance(obj, dict):
        return _fail(BadJSON(source, reason=f"a JSON {type(obj).__name__}, not an object"), None)
    article_id = _as_str(obj.get("id"))
    text, html = obj.get("text"), obj.get("html")
    body = text if isinstance(text, str) and text.strip() else None
    page = html if body is None and isinstance(html, str) and html.strip() else None
    if body is None and page is None:
        if isinstance(text, str) or isinstance(html, str):
            return _fail(EmptyInput(source), article_id)
        return _fail(MissingText(source), article_id)
    size = len((body or page).encode("utf-8", "surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        return _fail(InputTooLarge(source, size=human_size(size), limit=human_size(MAX_ARTICLE_BYTES)),
                     article_id)
    published = None
    for name in DATE_FIELDS:
        if obj.get(name) is not None:
            published = normalise_date(obj.get(name))
            break
    article = Article(text=body, html=page, id=article_id, title=_as_str(obj.get("title")),
                      published=published, url=_as_str(obj.get("url")), outlet=_as_str(obj.get("outlet")),
                      source=source)
    article.ensure_id()
    return article


def read_jsonl_stream(stream: BinaryIO, name: str, head: bytes = b"") -> Iterator[Union[Article, SitrepError]]:
    """Every non-blank line of a JSONL stream, in order, as an Article or the error in its place."""
    for number, line in iter_lines(stream, MAX_LINE_BYTES, head):
        source = f"{name}:{number}"
        if line is None:
            yield _fail(InputTooLarge(source, size=f"more than {human_size(MAX_LINE_BYTES)}",
                                      limit=human_size(MAX_LINE_BYTES) + " per line"), None)
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        yield parse_line(line, source)


# --- publication dates -------------------------------------------------------------------------

_MONTHS = {name: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+)?"
_DATE_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?=$|[T\s_])",     # 2015-10-23, ISO timestamps
    r"^(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})\b",               # 2015/10/23
    r"^(?P<year>\d{4})(?P<mon>\d{2})(?P<day>\d{2})(?=$|T)",                # 20151023, 20151023T120000
    r"^" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",   # Oct. 23, 2015
    r"^" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>\d{4})\b",
)]


def match_date(text: str) -> Optional[tuple[str, int]]:
    """A date written at the start of `text` -> ("YYYY-MM-DD", characters it took); None if none."""
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mon"]) if parts.get("mon") else _MONTHS[parts["month"].lower()]
        try:
            return _dt.date(int(parts["year"]), month, int(parts["day"])).isoformat(), match.end()
        except ValueError:
            return None
    return None


def normalise_date(value: object) -> Optional[str]:
    """A publication date in a common written form -> "YYYY-MM-DD"; None when it cannot be read.

    The calendar date is taken as written: "2025-03-14 20:30:26Z" is 2025-03-14 (no time-zone shift:
    the outlet's own date is what its readers saw).
    """
    if not isinstance(value, str):
        return None
    found = match_date(value.strip())
    return found[0] if found else None
