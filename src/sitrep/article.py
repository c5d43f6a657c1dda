"""What goes into the coder: one raw article, as a reader found it, and the same article cleaned."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Article:
    """A raw article. Exactly one of `text` (a plain-text scrape) or `html` is set.

    `source` says where it came from ("path/file.jsonl:12") so an error can name its input.
    """

    text: Optional[str] = None
    html: Optional[str] = None
    id: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD
    url: Optional[str] = None
    outlet: Optional[str] = None
    source: Optional[str] = None

    @property
    def raw(self) -> str:
        return self.text if self.text is not None else (self.html or "")

    @property
    def content_hash(self) -> str:
        """Stable identity of the content: same bytes in, same id out."""
        return hashlib.sha256(self.raw.encode("utf-8", "surrogatepass")).hexdigest()

    def ensure_id(self) -> str:
        if not self.id:
            self.id = self.content_hash[:16]
        return self.id


@dataclass
class Removed:
    kind: str
    text: str


@dataclass
class CleanArticle:
    """The article after cleaning: body text apart from its headline, captions and debris.

    Offsets of every coded span point into `text` (or into `title` / `captions[i]`).
    """

    id: str
    text: str
    title: Optional[str] = None
    standfirst: Optional[str] = None
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    published: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    language: str = "en"
    dateline: Optional[str] = None  # place named in a dateline ("AMMAN, Jordan (AP) —"), if any
