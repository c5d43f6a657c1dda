"""Small questions about the dependency tree that several components ask."""
from __future__ import annotations

from spacy.tokens import Token


def tree_distance(a: Token, b: Token) -> int:
    """Number of arcs between two tokens of one sentence (99 when they share no ancestor)."""
    path_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(path_a)}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in index:
            return n + index[t.i]
    return 99


def under_appos(token: Token, top: Token) -> bool:
    """Is `token` inside an apposition of `top` ("the Observatory, a UK-based group")?"""
    while token.i != top.i:
        if token.dep_ == "appos":
            return True
        token = token.head
    return False
