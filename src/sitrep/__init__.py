"""sitrep: structured, sourced event data from raw news about armed conflict and international politics.

    from sitrep import code
    coded = code(open("article.txt").read(), published="2015-10-23")
"""
from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name):  # lazy: `import sitrep` must not load spaCy
    if name in ("code", "code_many"):
        from . import coder

        return getattr(coder, name)
    if name == "open":
        from .store import open_store

        return open_store
    if name == "Article":
        from .article import Article

        return Article
    raise AttributeError(name)


__all__ = ["code", "code_many", "open", "Article", "__version__"]
