"""CSV and TSV exports (from scrapers, spreadsheets, news APIs): one article per row.

Which column holds what is found from common header names ("text", "body", "content", "date",
"headline", ...) or given explicitly with a column mapping (`text=doc_text,published=date`), because
every scraper names its columns differently. A bad row never stops the file: it comes out as an error
naming its row, like a bad JSONL line.
"""
from __future__ import annotations

import csv
import io
import sys
from typing import BinaryIO, Iterator, Mapping, Optional, Union

from sitrep.article import Article
from sitrep.errors import BadEncoding, BadTable, EmptyInput, InputTooLarge, MissingText, SitrepError
from sitrep.ingest.detect import MAX_ARTICLE_BYTES
from sitrep.ingest.jsonl import normalise_date
from sitrep.ingest.text import human_size

FIELDS = ("id", "text", "html", "title", "published", "url", "outlet")

# Header names, lower-cased, that usually hold each field; the first present wins.
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "article_id", "story_id", "guid", "uid"),
    "text": ("text", "body", "content", "article", "article_text", "doc_text", "full_text", "story",
             "maintext", "main_text"),
    "html": ("html", "raw_html", "page", "page_html"),
    "title": ("title", "headline", "heading", "name"),
    "published": ("published", "date", "pubdate", "pub_date", "publish_date", "published_at",
                  "date_publish", "publication_date", "datetime", "timestamp"),
    "url": ("url", "link", "href", "source_url", "permalink"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publisher", "media", "domain"),
}


def parse_columns(spec: Optional[str]) -> dict[str, str]:
    """"text=doc_text,published=date" -> {"text": "doc_text", "published": "date"}; raise ValueError."""
    mapping: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        field, column = field.strip().lower(), column.strip()
        if not sep or not column:
            raise ValueError(f"column mapping {part.strip()!r} is not FIELD=COLUMN")
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r} in the column mapping (fields: {', '.join(FIELDS)})")
        mapping[field] = column
    return mapping


def _resolve(header: list[str], columns: Mapping[str, str], source: str) -> dict[str, int]:
    """field -> column index, from the explicit mapping first, then the usual names."""
    by_name = {}
    for i, name in enumerate(header):
        by_name.setdefault(name.strip().lower(), i)
    found: dict[str, int] = {}
    for field, column in columns.items():
        index = by_name.get(column.strip().lower())
        if index is None:
            raise BadTable(source, reason=f"no column {column!r} for {field} (columns: {', '.join(header)})")
        found[field] = index
    for field, names in ALIASES.items():
        if field in found:
            continue
        for name in names:
            if name in by_name and by_name[name] not in found.values():
                found[field] = by_name[name]
                break
    if "text" not in found and "html" not in found:
        raise BadTable(source, reason="no column of article text (name one with --columns text=COLUMN; "
                                      f"columns: {', '.join(header)})")
    return found


def read_table_stream(stream: BinaryIO, name: str, delimiter: str = ",",
                      columns: Optional[Mapping[str, str]] = None) -> Iterator[Union[Article, SitrepError]]:
    """Every row of a CSV/TSV stream (with a header row), as an Article or the error in its place."""
    csv.field_size_limit(min(sys.maxsize, 2 * MAX_ARTICLE_BYTES))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="", errors="strict")
    reader = csv.reader(text, delimiter=delimiter)
    row_number = 1
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            yield EmptyInput(name)
            return
        fields = _resolve(header, columns or {}, name)
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            yield _row_article(row, fields, f"{name}:{row_number}")
    except UnicodeDecodeError as err:
        yield BadEncoding(f"{name}:{row_number + 1}", offset=err.start,
                          reason=f"byte 0x{err.object[err.start:err.start + 1].hex()}: {err.reason}")
    except csv.Error as err:
        yield BadTable(f"{name}:{row_number + 1}", reason=f"malformed CSV ({err})")
    except SitrepError as err:
        yield err


def _row_article(row: list[str], fields: dict[str, int], source: str) -> Union[Article, SitrepError]:
    def cell(field: str) -> Optional[str]:
        index = fields.get(field)
        if index is None or index >= len(row):
            return None
        return row[index].strip() or None

    text, html = cell("text"), cell("html")
    if text is None and html is None:
        return MissingText(source)
    size = len((text or html or "").encode("utf-8", "surrogatepass"))
    if size > MAX_ARTICLE_BYTES:
        return InputTooLarge(source, size=human_size(size), limit=human_size(MAX_ARTICLE_BYTES))
    article = Article(text=text, html=None if text else html, id=cell("id"), title=cell("title"),
                      published=normalise_date(cell("published")), url=cell("url"), outlet=cell("outlet"),
                      source=source)
    article.ensure_id()
    return article
