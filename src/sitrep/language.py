"""Which language an article is in, offline (py3langid ships its model inside the package).

Why not py3langid alone: its model knows ~200 languages, and a short English news text packed with
foreign names ("Kim Jong Un met Xi Jinping in Pyongyang", "Abu Bakr al-Baghdadi in Deir ez-Zor")
scores low for everything and can come out as Tagalog or Hausa. English function words are the
tell-tale: a text whose words are largely "the, of, was, said..." is English whatever its names are.
So the model decides, and a clear share of English function words overrides a weak non-English call.
"""
from __future__ import annotations

import re
from functools import lru_cache

MIN_LETTERS = 20            # below this there is nothing to judge: assume English, confidence 0
SAMPLE_CHARS = 1500         # the opening of an article is enough, and keeps detection fast
STRONG = 0.80               # a non-English call this sure is kept even with English words around
ENGLISH_SHARE = 0.12        # share of English function words that marks a text as English
SHORT_LETTERS = 120         # a text this short on which the model is also unsure (< UNSURE) ...
UNSURE = 0.35               # ... is too short to judge, like one under MIN_LETTERS

# Words frequent in English and rare as words of other languages written in Latin script: no "a",
# "in", "die", "was", whose spelling other languages share.
_ENGLISH_WORDS = frozenset(
    "the of and to that with from for by this which who whom whose their they them been were have has "
    "had would will said says its it's his her he she we our not but after before into over about than "
    "these those there where when while what also such could should being did does during against "
    "between under including according "
    # weekday names and a few very common English news words: a short news item may have no other tell
    "monday tuesday wednesday thursday friday saturday sunday yesterday today week killed told met "
    "officials government people troops attack attacks meeting".split())
COMMON_SHARE = 0.30        # share of common English words (kb/data/english_common.txt) that marks English


@lru_cache(maxsize=1)
def _common_words() -> frozenset:
    from importlib import resources

    text = (resources.files("sitrep") / "kb" / "data" / "english_common.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.lower().split())


def common_share(text: str) -> float:
    """Share of the words of `text` that are common English words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    common = _common_words()
    return sum(w in common for w in words) / len(words)


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's model, unpacked once and then kept in the cache folder: decompressing the packaged
    model costs half a second per process, reading the unpacked copy a tenth of that."""
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from .cache import cached, file_key

    def build():
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    try:
        key = f"{getattr(py3langid, '__version__', '')}-{file_key(MODEL_DIR / MODEL_FILE)}"
    except OSError:
        return build()
    identifier = cached("langid", key, build)
    return identifier if isinstance(identifier, LanguageIdentifier) else build()


def english_share(text: str) -> float:
    """Share of the words of `text` that are English function words."""
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH_WORDS for w in words) / len(words)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of `text`.

    Too short to judge (< 20 letters, or a short text the model is unsure about): ("en", 0.0).
    """
    sample = text[:SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS:
        return "en", 0.0
    ranked = _identifier().rank(sample)
    lang, confidence = ranked[0]
    if lang != "en" and letters < SHORT_LETTERS and confidence < UNSURE:
        return "en", 0.0    # a few names and no sentence: nothing to judge by
    share = english_share(sample)
    if lang != "en" and confidence < STRONG and common_share(sample) >= COMMON_SHARE:
        # a short report dense with clan and place names ("a clan militia of X met elders of Y ..."): English
        english = next((p for code, p in ranked if code == "en"), 0.0)
        return "en", round(max(float(english), 0.5), 3)
    if share >= ENGLISH_SHARE and confidence < STRONG:
        english = next((p for code, p in ranked if code == "en"), 0.0)
        return "en", round(max(float(english), min(0.95, 0.5 + share)), 3)
    return lang, round(float(confidence), 3)
