"""HTML input: one page is one article. The page is kept whole (Article.html); body, captions and
metadata (title, date, site name, canonical URL) are extracted during cleaning, where trafilatura runs.

Encoding: UTF-8 as for every input, with one safe exception: a page that fails to decode as UTF-8
but *declares* its charset (`<meta charset=...>`) is decoded with the declared charset. That is the
author's statement, not a guess, so it cannot silently produce wrong text the way a blind cp1252
fallback can (see detect.py).
"""
from __future__ import annotations

import codecs
import re

from sitrep.article import Article
from sitrep.errors import BadEncoding, EmptyInput
from sitrep.ingest.detect import check_not_binary, decode_utf8
from sitrep.ingest.text import read_file_limited

_DECLARED_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{2,40})",
                               re.IGNORECASE)


def decode_html(data: bytes, source: str) -> str:
    check_not_binary(data[:8192], source)
    try:
        page = decode_utf8(data, source)
    except BadEncoding:
        declared = _DECLARED_CHARSET.search(data[:4096])
        if not declared:
            raise
        name = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(name)
        except LookupError:
            raise BadEncoding(source, offset=0, reason=f"declared charset {name!r} is unknown") from None
        if codec.name == "utf-8":
            raise
        try:
            page = data.decode(codec.name, errors="strict")
        except UnicodeDecodeError as err:
            raise BadEncoding(source, offset=err.start, reason=f"not valid {codec.name}, as the page declares") from None
    if not page.strip():
        raise EmptyInput(source)
    return page


def html_article(data: bytes, source: str) -> Article:
    article = Article(html=decode_html(data, source), source=source)
    article.ensure_id()
    return article


def read_html(path: str) -> Article:
    return html_article(read_file_limited(path), path)
