"""Temporal expressions in plain English news text, resolved against the publication date.

Every event must be pinned to a date, and news mostly says "on Friday" or "earlier this week":
such expressions only mean something once the publication date and the tense of the sentence are
known. This module is a pure function of (text, publication date), with no spaCy, so that it can
be tested alone and called on each sentence by the pipeline component (`sitrep.nlp.time`).

The vocabulary (month and weekday names, number words, tense cues) lives in
`kb/data/time_words.yaml`; the regular expressions are built from it once, at import.

Resolution rules, in short:
- past reference (the default): a weekday or a day-month without year is the latest one on or
  before publication; future reference (a cue such as "will" or "is due to" nearer before it than
  any past cue such as "said"): the next one, strictly after publication for weekdays. A yearless
  day-month up to a week after publication keeps the publication year even in past sentences
  ("the elections on October 25", published October 23).
- "since X" spans X .. publication (relation "since"); "until/by X", "before X", "after X" keep
  X's own dates and say the relation.
- without a publication date, relative and yearless expressions are still found, with no dates
  and precision "unknown".
"""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

from ..cache import load_yaml

DATA_FILE = Path(__file__).resolve().parent.parent / "kb" / "data" / "time_words.yaml"

# A yearless day-month at most this many days after publication is read in the publication year
# even in a past-tense sentence: news names near deadlines and polls without a future verb nearby
# ("until April 2", "the elections on November 5"), while a date eleven months back would carry
# "last year".
NEAR_FUTURE_DAYS = 31

_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class TimeMention:
    """One temporal expression: where it is in the text and the dates it stands for.

    `start_date`..`end_date` is the interval meant (both equal for a single day); both None when
    the expression cannot be resolved (precision "unknown").
    """

    start: int
    end: int
    text: str
    start_date: Optional[dt.date]
    end_date: Optional[dt.date]
    precision: str  # "day" | "week" | "month" | "year" | "range" | "unknown"
    relation: Optional[str] = None  # None | "since" | "until" | "before" | "after"


@dataclass
class _Found:
    start: int
    end: int
    start_date: Optional[dt.date]
    end_date: Optional[dt.date]
    precision: str


# --------------------------------------------------------------------------------------------
# Vocabulary and patterns, built once.


@functools.lru_cache(maxsize=1)
def load_time_words() -> dict:
    """The vocabulary file, parsed (read once per process, and kept parsed in the cache folder)."""
    return load_yaml(DATA_FILE)


def _phrase(p: str) -> str:
    """A phrase as a regex: spaces match any whitespace, word edges are word boundaries."""
    body = re.escape(p).replace(r"\ ", r"\s+")
    head = r"\b" if p[:1].isalnum() else ""
    tail = r"\b" if p[-1:].isalnum() else ""
    return head + body + tail


def _alt(phrases) -> str:
    return "|".join(_phrase(p) for p in sorted(set(phrases), key=len, reverse=True))


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


class _Vocab:
    def __init__(self, data: dict):
        self.month_of: dict[str, int] = {}
        full, abbrev = [], []
        for num, names in data["months"].items():
            for i, name in enumerate(names):
                self.month_of[name.lower()] = int(num)
                (full if i == 0 else abbrev).append(name)
        self.ambiguous_months = {m.lower() for m in data["ambiguous_months"]}
        self.strong_month_cues = {_norm(c) for c in data["strong_month_cues"]}
        self.weekday_of = {name.lower(): i for i, name in enumerate(data["weekdays"])}
        self.weekday_name_before = set(data["weekday_name_before"])
        self.weekday_name_after = set(data["weekday_name_after"])
        self.month_parts = {k: tuple(v) for k, v in data["month_parts"].items()}
        self.year_parts = {k: tuple(v) for k, v in data["year_parts"].items()}
        self.week_parts = {k: tuple(v) for k, v in data["week_parts"].items()}
        self.part_synonyms = {_norm(k): v for k, v in data["part_synonyms"].items()}
        self.relative_days = {_norm(k): (tuple(v) if v else None)
                              for k, v in data["relative_days"].items()}
        self.numbers = {k.lower(): int(v) for k, v in data["numbers"].items()}
        self.vague = {_norm(k): tuple(v) for k, v in data["vague_numbers"].items()}

        # Full month names alone, capitalised or in capitals; abbreviations with an optional dot.
        full_alts = full + [m.upper() for m in full]
        abbrev_alts = abbrev + [a.upper() for a in abbrev]
        self.MONTH_FULL = r"(?:%s)(?![\w])" % "|".join(sorted(full_alts, key=len, reverse=True))
        self.MONTH_ANY = r"(?:%s|(?:%s)\.?)(?![\w])" % (
            "|".join(sorted(full_alts, key=len, reverse=True)),
            "|".join(sorted(abbrev_alts, key=len, reverse=True)))
        wd = list(data["weekdays"])
        self.WEEKDAY = r"(?:%s)(?![\w])" % "|".join(wd + [w.upper() for w in wd])
        parts = list(self.month_parts) + list(self.part_synonyms)
        self.PART = r"(?i:%s)" % _alt(parts)
        self.MONTH_CUE = r"(?i:%s)" % _alt(data["month_cues"])
        self.YEAR_CUE = r"(?i:%s)" % _alt(data["year_cues"])
        self.DAY_PART = _alt(data["day_parts"])
        self.RELATIVE_DAYS = r"(?i:%s)" % _alt(self.relative_days)
        num_words = _alt(list(self.numbers))
        self.NUM = r"(?i:\d{1,4}|%s|(?:%s)(?:[\s-]+(?:%s))?)" % (_alt(self.vague), num_words, num_words)
        # Tense cues, matched word by word: first word -> [(following words, is_future)], longest
        # first; cues that are a clitic ("'ll") match the end of a word.
        self.cue_phrases: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        self.cue_suffixes: list[str] = []
        for is_future, key in ((True, "future_markers"), (False, "past_markers")):
            for cue in data[key]:
                if not cue[0].isalnum():
                    self.cue_suffixes.append(cue.lower())
                    continue
                first, *rest = cue.lower().split()
                self.cue_phrases.setdefault(first, []).append((tuple(rest), is_future))
        for options in self.cue_phrases.values():
            options.sort(key=lambda o: -len(o[0]))
        self.cue_exceptions = {tuple(p.lower().split()) for p in data["tense_cue_exceptions"]}
        self.past_cue_blockers = {w.lower() for w in data["past_cue_blockers"]}


_V = _Vocab(load_time_words())

_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?<![\w.,])(?:1[89]\d\d|20\d\d)(?![\w])"
_START = r"(?<![\w.,:/$£€-])"
_SEP = r"\s*(?P<sep>and|to|until|till|through|-|–|—)\s*"
_YREL = r"(?:,?\s+(?P<y>%s)|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?" % _YEAR
_KW = r"(?:(?P<kw>(?i:between|from))\s+)?"


def _c(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_P_ISO = _c(r"(?<![\w-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
_P_NUMERIC = _c(r"(?<![\w./-])(?P<a>\d{1,2})(?P<s>[/.])(?P<b>\d{1,2})(?P=s)"
                r"(?P<y>(?:1[89]|20)\d\d|\d\d)(?![\w/]|\.\d)")
_P_DAY_MONTH = _c(r"(?:(?P<wd>%s),?\s+)?%s(?:(?i:the)\s+)?(?P<d>%s)(?:\s+of)?\s+(?P<mon>%s)%s"
                  % (_V.WEEKDAY, _START, _DAY, _V.MONTH_ANY, _YREL))
_P_MONTH_DAY = _c(r"(?:(?P<wd>%s),?\s+)?\b(?P<mon>%s)\s+(?P<d>%s)%s"
                  % (_V.WEEKDAY, _V.MONTH_ANY, _DAY, _YREL))
_P_MONTH_YEAR = _c(r"\b(?:(?P<part>%s)[\s-]+)?\b(?P<mon>%s),?\s+(?:of\s+)?(?P<y>%s)"
                   % (_V.PART, _V.MONTH_ANY, _YEAR))
_P_MONTH_ALONE = _c(r"\b(?:(?P<cue>%s)\s+)?(?:(?P<part>%s)[\s-]+)?\b(?P<mon>%s)(?!\s*\d)"
                    r"(?:\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?"
                    % (_V.MONTH_CUE, _V.PART, _V.MONTH_FULL))
_P_YEAR = _c(r"\b(?:(?P<cue>%s)\s+)?(?:(?P<part>%s)[\s-]+)?(?P<y>%s)" % (_V.YEAR_CUE, _V.PART, _YEAR))
_P_DECADE = _c(r"\b(?i:the)\s+(?P<dec>(?:1[89]|20)\d0)s\b")
_P_WEEKDAY = _c(r"\b(?:(?P<pre>(?i:late\s+on|early\s+on|late|early|overnight|last|next|this\s+past|"
                r"this\s+coming|this|on\s+the\s+(?:night|morning|afternoon|evening)\s+of))\s+)?"
                r"\b(?P<wd>%s)(?:\s+(?P<part>%s))?" % (_V.WEEKDAY, _V.DAY_PART))
_P_RELATIVE_DAY = _c(r"\b(?P<p>%s)\b" % _V.RELATIVE_DAYS)
_P_PERIOD = _c(r"(?i)\b(?:(?P<mod>so\s+far|earlier|later|early|late|mid|"
               r"the\s+(?:start|beginning|middle|end)\s+of)[\s-]+)?"
               r"(?P<which>this|last|next|the\s+coming|the\s+previous)\s+(?P<unit>week|month|year)\b"
               r"|\b(?P<mod2>earlier|later|the\s+(?:start|beginning|middle|end)\s+of)\s+(?:in\s+)?the\s+"
               r"(?P<unit2>week|month|year)\b")
_P_WEEKEND = _c(r"(?i)\b(?:(?P<which>this|last|next|the\s+past|the\s+previous|the\s+coming)\s+weekend"
                r"|(?:(?:over|at|on|during|through|throughout)\s+)?the\s+weekend)\b(?!\s+of\b)")
_P_ROLLING = _c(r"(?i)\b(?:(?:in|over|during|within|for)\s+)?the\s+(?:past|last|previous|preceding)\s+"
                r"(?:(?P<n>%s)\s+)?(?P<unit>hours?|days?|weeks?|months?|years?)\b(?!\s+of\b)" % _V.NUM)
_P_RECENT = _c(r"(?i)\b(?:in|over|during)\s+(?:the\s+)?(?P<n>recent)\s+(?P<unit>days|weeks|months|years)\b")
_P_AGO = _c(r"(?i)\b(?P<n>%s)\s+(?P<unit>hours?|days?|weeks?|months?|years?)\s+ago\b" % _V.NUM)
_P_RANGE_DAY_MONTH = _c(r"%s%s(?:(?i:the)\s+)?(?P<d1>%s)(?:\s+(?:of\s+)?(?P<m1>%s))?(?:,?\s+(?P<y1>%s))?%s"
                        r"(?:(?i:the)\s+)?(?P<d2>%s)(?:\s+of)?\s+(?P<m2>%s)(?:,?\s+(?P<y2>%s))?"
                        % (_KW, _START, _DAY, _V.MONTH_ANY, _YEAR, _SEP, _DAY, _V.MONTH_ANY, _YEAR))
_P_RANGE_MONTH_DAY = _c(r"%s\b(?P<m1>%s)\s+(?P<d1>%s)(?:,?\s+(?P<y1>%s))?%s(?:(?P<m2>%s)\s+)?(?P<d2>%s)"
                        r"(?:,?\s+(?P<y2>%s))?"
                        % (_KW, _V.MONTH_ANY, _DAY, _YEAR, _SEP, _V.MONTH_ANY, _DAY, _YEAR))
_P_RANGE_YEARS = _c(r"(?P<kw>(?i:between|from))\s+(?P<y1>%s)%s(?P<y2>%s)" % (_YEAR, _SEP, _YEAR))
_P_RANGE_MONTHS = _c(r"(?P<kw>(?i:between|from))\s+(?P<m1>%s)(?:\s+(?P<y1>%s))?"
                     r"\s+(?:and|to|until|till|through)\s+(?P<m2>%s)(?:,?\s+(?P<y2>%s))?"
                     % (_V.MONTH_FULL, _YEAR, _V.MONTH_FULL, _YEAR))

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“‘(]?[A-Z])")
_RANGE_GAP = re.compile(r"\s*(?:and|to|until|till|through|-|–|—)\s*\Z")
_RANGE_KW_BEFORE = re.compile(r"(?i)\b(?:between|from)\s+\Z")
_PREPOSITION_BEFORE = re.compile(r"(?i)\b(?:on|in|during|over|at|throughout|within)\s+\Z")
_RELATION_BEFORE = re.compile(r"(?i)\b(?P<w>(?:ever\s+)?since|until|till|up\s+to|up\s+until|by|before|"
                              r"prior\s+to|after)\s+\Z")
_SINCE_CLAUSE_BEFORE = re.compile(r"(?i)\bsince(?:\s+[^\s\d.,;:!?()\"“”]+){1,6}\s+\Z")
_RELATIONS = {"since": "since", "ever since": "since", "until": "until", "till": "until",
              "up to": "until", "up until": "until", "by": "until", "before": "before",
              "prior to": "before", "after": "after"}
_OPENER = re.compile(r"(?i)\W*(?:on|in|from|by|at|during|until|till|starting|beginning|early|late)?\s*")
_WORD_BEFORE = re.compile(r"(\w+)\W*\Z")
_WORD_AFTER = re.compile(r"\A\s+(\w+)")


# --------------------------------------------------------------------------------------------
# Date arithmetic.


def _mk(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_span(y: int, m: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    q, r = divmod(y * 12 + m - 1 + k, 12)
    return q, r + 1


def _week_span(d: dt.date) -> tuple[dt.date, dt.date]:
    monday = d - dt.timedelta(days=d.weekday())
    return monday, monday + dt.timedelta(days=6)


def _year_for_day(m: int, d: int, pub: dt.date, future: bool, weekday: Optional[int] = None
                  ) -> Optional[dt.date]:
    """The year that a yearless day-month refers to, seen from `pub` (and the weekday, if given)."""
    years = range(pub.year, pub.year + 9) if future else range(pub.year, pub.year - 9, -1)
    first = None
    for y in years:
        c = _mk(y, m, d)
        if c is None:
            continue
        if future:
            if c < pub:
                continue
        elif c > pub and not (y == pub.year and (c - pub).days <= NEAR_FUTURE_DAYS):
            continue
        if weekday is None or c.weekday() == weekday:
            return c
        first = first or c
    return first


def _year_for_month(m: int, pub: dt.date, mode: str) -> int:
    """The year of a yearless month: mode past / future / last / next / this."""
    if mode == "this":
        return pub.year
    if mode == "last":
        return pub.year if m < pub.month else pub.year - 1
    if mode == "next":
        return pub.year if m > pub.month else pub.year + 1
    if mode == "future":
        return pub.year if m >= pub.month else pub.year + 1
    return pub.year if m <= pub.month else pub.year - 1


def _last_weekday(pub: dt.date, wd: int, strictly: bool) -> dt.date:
    back = (pub.weekday() - wd) % 7
    if back == 0 and strictly:
        back = 7
    return pub - dt.timedelta(days=back)


def _next_weekday(pub: dt.date, wd: int, strictly: bool) -> dt.date:
    ahead = (wd - pub.weekday()) % 7
    if ahead == 0 and strictly:
        ahead = 7
    return pub + dt.timedelta(days=ahead)


def _unit_back(pub: dt.date, n: int, unit: str) -> dt.date:
    """`pub` minus n units, units being hour, day, week, month or year."""
    if unit == "hour":
        return pub - dt.timedelta(days=-(-n // 24))
    if unit == "day":
        return pub - dt.timedelta(days=n)
    if unit == "week":
        return pub - dt.timedelta(days=7 * n)
    if unit == "month":
        y, m = _shift_month(pub.year, pub.month, -n)
        return dt.date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))
    y = pub.year - n
    return _mk(y, pub.month, pub.day) or dt.date(y, pub.month, 28)


def _number(s: str) -> Optional[tuple[int, int]]:
    """A count as (least, most): "two" -> (2, 2), "a few" -> (2, 5)."""
    s = _norm(s)
    if s in _V.vague:
        return _V.vague[s]
    if s.isdigit():
        return int(s), int(s)
    total = 0
    for w in re.split(r"[\s-]+", s):
        if w not in _V.numbers:
            return None
        total += _V.numbers[w]
    return total, total


def _month_num(s: str) -> int:
    return _V.month_of[s.rstrip(".").lower()]


def _year(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _part_of(part: Optional[str]) -> Optional[str]:
    if not part:
        return None
    p = _norm(part)
    return _V.part_synonyms.get(p, p)


# --------------------------------------------------------------------------------------------
# The reading of one text.

_WORD = re.compile(r"[\w'’]+")


def _tense_cues(text: str) -> list[tuple[int, int, bool]]:
    """Every tense cue in `text`, in order, as (start, end, is_future)."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    cues = []
    for i, (s, e, w) in enumerate(words):
        if ("'" in w or "’" in w) and any(w.endswith(x) and len(w) > len(x) for x in _V.cue_suffixes):
            cues.append((s, e, True))
            continue
        for rest, is_future in _V.cue_phrases.get(w, ()):
            n = len(rest)
            following = tuple(x[2] for x in words[i + 1:i + 1 + n])
            if following != rest:
                continue
            if i + n + 1 < len(words) and (w, *rest, words[i + n + 1][2]) in _V.cue_exceptions:
                continue
            if not is_future and i > 0 and words[i - 1][2] in _V.past_cue_blockers:
                continue
            cues.append((s, words[i + n][1], is_future))
            break
    return cues


class _Reader:
    """One call of find_dates: the text, the publication date, and the tense of each position."""

    def __init__(self, text: str, pub: Optional[dt.date]):
        self.text = text
        self.pub = pub
        self._cues: Optional[list[tuple[int, int, bool]]] = None
        self._sentence_ends: Optional[list[int]] = None

    # -- tense ---------------------------------------------------------------------------------

    def future(self, start: int, end: int) -> bool:
        """Is the expression at start..end about the future? The nearest tense cue before it in
        its sentence decides; when it opens the sentence, the nearest after it ("On Monday, the
        council will vote")."""
        if self._cues is None:
            self._cues = _tense_cues(self.text)
            self._sentence_ends = [m.end() for m in _SENTENCE_END.finditer(self.text)]
        lo, hi = 0, len(self.text)
        for e in self._sentence_ends:
            if e <= start:
                lo = e
            elif e >= end:
                hi = e
                break
        before = [c for c in self._cues if lo <= c[0] and c[1] <= start]
        if before:
            return before[-1][2]
        if self.text[lo:start].strip(" \t\n\"'“‘([") and not _OPENER.fullmatch(self.text, lo, start):
            return False
        after = [c for c in self._cues if c[0] >= end and c[1] <= hi]
        return bool(after) and after[0][2]

    # -- handlers: one per pattern; each returns a _Found or None (not a date after all) -------

    def _unresolved(self, s: int, e: int) -> _Found:
        return _Found(s, e, None, None, "unknown")

    def iso(self, m):
        d = _mk(int(m["y"]), int(m["m"]), int(m["d"]))
        return d and _Found(m.start(), m.end(), d, d, "day")

    def numeric(self, m):
        if m["s"] == "." and len(m["y"]) == 2:
            return None  # "1.5.10" is more likely a version or a score than a date
        a, b, y = int(m["a"]), int(m["b"]), _year(m["y"])
        d = _mk(y, b, a) or _mk(y, a, b)  # day first unless impossible
        return d and _Found(m.start(), m.end(), d, d, "day")

    def day_month(self, m):
        mon, day = _month_num(m["mon"]), int(re.match(r"\d+", m["d"]).group())
        wd = _V.weekday_of[m["wd"].lower()] if m["wd"] else None
        year = self._explicit_year(m)
        if year is not None:
            d = _mk(year, mon, day)
            return d and _Found(m.start(), m.end(), d, d, "day")
        if _mk(2000, mon, day) is None:
            return None  # "31 April", "30 Feb": not a date
        if self.pub is None:
            return self._unresolved(m.start(), m.end())
        d = _year_for_day(mon, day, self.pub, self.future(m.start(), m.end()), wd)
        return _Found(m.start(), m.end(), d, d, "day") if d else self._unresolved(m.start(), m.end())

    def _explicit_year(self, m) -> Optional[int]:
        groups = m.groupdict()
        if groups.get("y"):
            return _year(groups["y"])
        if groups.get("yrel") and self.pub is not None:
            return self.pub.year + {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
        return None

    def month_year(self, m):
        return self._month(m.start(), m.end(), _month_num(m["mon"]), int(m["y"]), _part_of(m["part"]))

    def month_alone(self, m):
        cue = _norm(m["cue"]) if m["cue"] else None
        part = _part_of(m["part"])
        if cue is None and part is None:
            return None
        mon_word = m["mon"].lower()
        if mon_word in _V.ambiguous_months and part is None and cue not in _V.strong_month_cues:
            return None  # "by May", "of March": the Prime Minister or a protest, not a month
        mode = cue if cue in ("last", "next", "this") else None
        start = m.start("cue") if mode else (m.start("part") if part else m.start("mon"))
        year = self._explicit_year(m) if m["yrel"] else None
        if year is None:
            if self.pub is None:
                return self._unresolved(start, m.end())
            if mode is None:
                mode = "future" if self.future(start, m.end()) else "past"
            year = _year_for_month(_month_num(mon_word), self.pub, mode)
        return self._month(start, m.end(), _month_num(mon_word), year, part)

    def _month(self, s, e, mon, year, part):
        first, last = _month_span(year, mon)
        if part is None:
            return _Found(s, e, first, last, "month")
        lo, hi = _V.month_parts[part]
        return _Found(s, e, first.replace(day=lo), last.replace(day=min(hi, last.day)), "range")

    def year(self, m):
        part = _part_of(m["part"])
        if not m["cue"] and part is None:
            return None
        y = int(m["y"])
        s = m.start("part") if part else m.start("y")
        if part is None:
            return _Found(s, m.end(), dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        lo, hi = _V.year_parts[part]
        return _Found(s, m.end(), dt.date(y, lo, 1), _month_span(y, hi)[1], "range")

    def decade(self, m):
        y = int(m["dec"])
        span = 99 if y % 100 == 0 and y < 2000 else 9  # "the 1800s" is a century, "the 2000s" a decade
        return _Found(m.start(), m.end(), dt.date(y, 1, 1), dt.date(y + span, 12, 31), "range")

    def weekday(self, m):
        text = self.text
        if not m["pre"]:
            before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
            if before and before.group(1) in _V.weekday_name_before:
                return None  # "Black Friday", "Bloody Sunday"
        after = _WORD_AFTER.match(text[m.end("wd"):m.end("wd") + 30])
        if after and after.group(1) in _V.weekday_name_after:
            return None  # "the Sunday Times"
        if self.pub is None:
            return self._unresolved(m.start(), m.end())
        wd = _V.weekday_of[m["wd"].lower()]
        pre = _norm(m["pre"] or "")
        if pre in ("last", "this past"):
            d = _last_weekday(self.pub, wd, strictly=True)
        elif pre in ("next", "this coming"):
            d = _next_weekday(self.pub, wd, strictly=True)
        elif self.future(m.start(), m.end()):
            d = _next_weekday(self.pub, wd, strictly=pre != "this")
        else:
            d = _last_weekday(self.pub, wd, strictly=False)
        return _Found(m.start(), m.end(), d, d, "day")

    def relative_day(self, m):
        offsets = _V.relative_days[_norm(m["p"])]
        if offsets is None or self.pub is None:
            return self._unresolved(m.start(), m.end())
        a, b = (self.pub + dt.timedelta(days=o) for o in offsets)
        return _Found(m.start(), m.end(), a, b, "day" if a == b else "range")

    def period(self, m):
        if self.pub is None:
            return self._unresolved(m.start(), m.end())
        pub = self.pub
        if m["unit2"]:
            mod, which, unit = _norm(m["mod2"]), "this", m["unit2"].lower()
        else:
            mod, which, unit = _norm(m["mod"] or ""), _norm(m["which"]), m["unit"].lower()
        mod = _V.part_synonyms.get(mod, mod)
        step = {"this": 0, "last": -1, "the previous": -1, "next": 1, "the coming": 1}[which]
        if unit == "week":
            first, last = _week_span(pub + dt.timedelta(days=7 * step))
        elif unit == "month":
            first, last = _month_span(*_shift_month(pub.year, pub.month, step))
        else:
            first, last = dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31)
        if step == 0 and mod == "earlier":
            return _Found(m.start(), m.end(), first, max(first, pub - _ONE_DAY), "range")
        if step == 0 and mod == "later":
            return _Found(m.start(), m.end(), min(last, pub + _ONE_DAY), last, "range")
        if step == 0 and mod == "so far":
            return _Found(m.start(), m.end(), first, pub, "range")
        if mod in ("early", "mid", "late"):
            if unit == "week":
                lo, hi = _V.week_parts[mod]
                return _Found(m.start(), m.end(), first + dt.timedelta(days=lo),
                              first + dt.timedelta(days=hi), "range")
            if unit == "month":
                lo, hi = _V.month_parts[mod]
                return _Found(m.start(), m.end(), first.replace(day=lo),
                              last.replace(day=min(hi, last.day)), "range")
            lo, hi = _V.year_parts[mod]
            return _Found(m.start(), m.end(), dt.date(first.year, lo, 1),
                          _month_span(first.year, hi)[1], "range")
        return _Found(m.start(), m.end(), first, last, unit)

    def weekend(self, m):
        if self.pub is None:
            return self._unresolved(m.start(), m.end())
        which = _norm(m["which"] or "")
        this_weekend = _last_weekday(self.pub, 5, strictly=False) if self.pub.weekday() >= 5 else None
        if which in ("next", "the coming") or (which == "this" and self.future(m.start(), m.end())):
            sat = this_weekend if which == "this" and this_weekend else _next_weekday(self.pub, 5, True)
        elif which in ("last", "the past", "the previous"):
            sat = _last_weekday(self.pub, 5, strictly=True) - dt.timedelta(days=7 if this_weekend and
                                                                         self.pub.weekday() == 6 else 0)
        else:  # "over the weekend" in a report: the latest one, the current one included
            sat = _last_weekday(self.pub, 5, strictly=False)
        return _Found(m.start(), m.end(), sat, sat + _ONE_DAY, "range")

    def rolling(self, m):
        unit = m["unit"].lower().rstrip("s")
        if m["n"]:
            n = _number(m["n"])
            if n is None:
                return None
            n = n[1]
        elif m["unit"].lower().endswith("s"):
            n = _V.vague["few"][1]  # "the past days"
        else:
            n = 1
        if self.pub is None:
            return self._unresolved(m.start(), m.end())
        return _Found(m.start(), m.end(), _unit_back(self.pub, n, unit), self.pub, "range")

    def ago(self, m):
        n = _number(m["n"])
        if n is None:
            return None
        if self.pub is None:
            return self._unresolved(m.start(), m.end())
        unit = m["unit"].lower().rstrip("s")
        lo, hi = n
        if lo != hi:
            return _Found(m.start(), m.end(), _unit_back(self.pub, hi, unit),
                          _unit_back(self.pub, lo, unit), "range")
        d = _unit_back(self.pub, lo, unit)
        if unit in ("hour", "day"):
            return _Found(m.start(), m.end(), d, d, "day")
        if unit == "week":
            return _Found(m.start(), m.end(), *_week_span(d), "week")
        if unit == "month":
            return _Found(m.start(), m.end(), *_month_span(d.year, d.month), "month")
        return _Found(m.start(), m.end(), dt.date(d.year, 1, 1), dt.date(d.year, 12, 31), "year")

    def day_range(self, m):
        """"between 19 and 29 November", "19-29 November", "from March 1 to April 5, 2015"."""
        dash = m["sep"] in "-–—"
        if not m["kw"] and not m["m1"] and not dash:
            return None  # "5 and 29 November" is a list of days, not a range
        if m.re is _P_RANGE_MONTH_DAY and not (m["kw"] or m["m2"] or dash):
            return None  # "March 5 to 10 people"
        d1, d2 = (int(re.match(r"\d+", m[g]).group()) for g in ("d1", "d2"))
        mon2 = _month_num(m["m2"] or m["m1"])
        mon1 = _month_num(m["m1"] or m["m2"])
        s = m.start("kw") if m["kw"] else m.start()
        if m["y2"] or m["y1"]:
            end = _mk(_year(m["y2"] or m["y1"]), mon2, d2)
        elif self.pub is None:
            return self._unresolved(s, m.end()) if _mk(2000, mon2, d2) else None
        else:
            end = _year_for_day(mon2, d2, self.pub, self.future(s, m.end()))
        if end is None:
            return None
        start = _mk(_year(m["y1"]) if m["y1"] else end.year, mon1, d1)
        if start is not None and start > end and not m["y1"]:
            start = _mk(end.year - 1, mon1, d1)
        if start is None or start > end:
            return None
        return _Found(s, m.end(), start, end, "range")

    def year_range(self, m):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if y1 > y2:
            return None
        return _Found(m.start(), m.end(), dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range")

    def month_range(self, m):
        m1, m2 = _month_num(m["m1"]), _month_num(m["m2"])
        if m["y2"] or m["y1"]:
            y2 = int(m["y2"] or m["y1"])
        elif self.pub is None:
            return self._unresolved(m.start(), m.end())
        else:
            mode = "future" if self.future(m.start(), m.end()) else "past"
            y2 = _year_for_month(m2, self.pub, mode)
        y1 = int(m["y1"]) if m["y1"] else (y2 if m1 <= m2 else y2 - 1)
        first, last = _month_span(y1, m1)[0], _month_span(y2, m2)[1]
        return _Found(m.start(), m.end(), first, last, "range") if first <= last else None


# Most specific first: on equal spans, the earlier pattern wins. Each pattern names the cheap
# tests ("gates") a text must pass for the pattern to be worth running at all.
_PATTERNS: tuple[tuple[re.Pattern, Callable, tuple[str, ...]], ...] = (
    (_P_RANGE_DAY_MONTH, _Reader.day_range, ("month", "digit")),
    (_P_RANGE_MONTH_DAY, _Reader.day_range, ("month", "digit")),
    (_P_RANGE_MONTHS, _Reader.month_range, ("month",)),
    (_P_RANGE_YEARS, _Reader.year_range, ("year",)),
    (_P_ISO, _Reader.iso, ("year",)),
    (_P_NUMERIC, _Reader.numeric, ("digit",)),
    (_P_DAY_MONTH, _Reader.day_month, ("month", "digit")),
    (_P_MONTH_DAY, _Reader.day_month, ("month", "digit")),
    (_P_MONTH_YEAR, _Reader.month_year, ("month", "year")),
    (_P_MONTH_ALONE, _Reader.month_alone, ("month",)),
    (_P_YEAR, _Reader.year, ("year",)),
    (_P_DECADE, _Reader.decade, ("year",)),
    (_P_RELATIVE_DAY, _Reader.relative_day, ("relative_day",)),
    (_P_ROLLING, _Reader.rolling, ("rolling",)),
    (_P_RECENT, _Reader.rolling, ("recent",)),
    (_P_AGO, _Reader.ago, ("ago",)),
    (_P_PERIOD, _Reader.period, ("period",)),
    (_P_WEEKEND, _Reader.weekend, ("weekend",)),
    (_P_WEEKDAY, _Reader.weekday, ("weekday",)),
)
_GATES = {
    "month": re.compile(r"\b(?:%s)" % "|".join(sorted({w[:3].title() for w in _V.month_of} |
                                                    {w[:3].upper() for w in _V.month_of}))),
    "digit": re.compile(r"\d"),
    "year": re.compile(r"(?:1[89]|20)\d\d"),
    "weekday": re.compile(_V.WEEKDAY),
    "relative_day": re.compile(r"(?i)\b(?:%s)\b"
                               % "|".join(sorted({p.split()[-1] for p in _V.relative_days}))),
    "rolling": re.compile(r"(?i)\b(?:past|last|previous|preceding)\b"),
    "recent": re.compile(r"(?i)\brecent\b"),
    "ago": re.compile(r"(?i)\bago\b"),
    "period": re.compile(r"(?i)\b(?:week|month|year)\b"),
    "weekend": re.compile(r"(?i)\bweekend\b"),
}
# How far an expression reaches before and after the word that gates it ("between 19 and 29
# November", "the beginning of this month"): patterns only run on these windows of the text.
_REACH_BEFORE, _REACH_AFTER = 60, 80


def _windows(text: str, gate: re.Pattern) -> list[tuple[int, int]]:
    """The stretches of `text` around each hit of `gate`, overlapping ones merged."""
    out: list[list[int]] = []
    for m in gate.finditer(text):
        lo, hi = max(0, m.start() - _REACH_BEFORE), min(len(text), m.end() + _REACH_AFTER)
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, hi) for lo, hi in out]


def _as_date(published: Union[dt.date, dt.datetime, str, None]) -> Optional[dt.date]:
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None  # unreadable metadata: resolve what needs no reference date, keep the rest


def find_dates(text: str, published: Union[dt.date, str, None]) -> list[TimeMention]:
    """Every temporal expression in `text`, in order, resolved against `published`.

    `published` may be a date, a datetime or an ISO string; None leaves relative expressions
    unresolved. Overlapping readings are settled for the longest.
    """
    if not text:
        return []
    reader = _Reader(text, _as_date(published))
    candidates: list[tuple[int, int, int, _Found]] = []
    windows: dict[str, list[tuple[int, int]]] = {}
    for rank, (pattern, handler, gates) in enumerate(_PATTERNS):
        for g in gates:
            if g not in windows:
                windows[g] = _windows(text, _GATES[g])
        if not all(windows[g] for g in gates):
            continue
        for lo, hi in windows[gates[0]]:
            for m in pattern.finditer(text, lo, hi):
                found = handler(reader, m)
                if found is not None:
                    candidates.append((found.start, -(found.end - found.start), rank, found))
    candidates.sort(key=lambda c: c[:3])
    chosen: list[_Found] = []
    for _, _, _, found in candidates:
        if chosen and found.start < chosen[-1].end:
            continue
        chosen.append(found)
    chosen = _join_ranges(text, chosen)
    chosen = _join_brackets(text, chosen, reader.pub)
    return [_finish(text, f, reader.pub) for f in chosen]


_BRACKET_OPEN = re.compile(r"\s*[\[(]\s*")
_BRACKET_CLOSE = re.compile(r"\s*[\])]")
_WEEKDAY_AT = re.compile(r"(?:\w+\s+)*?(?P<wd>%s)" % _V.WEEKDAY)
_BRACKET_DAY_MONTH = re.compile(r"\s*[\[(]\s*(?P<a>\d{1,2})[/.](?P<b>\d{1,2})\s*[\])]")


def _join_brackets(text: str, found: list[_Found], pub: Optional[dt.date]) -> list[_Found]:
    """"on Sunday [16 August]", "on Tuesday (20/01)": a relative day glossed by the date in brackets
    (agency and South Asian copy) is one mention, dated by the bracket."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        f = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        opened = _BRACKET_OPEN.match(text, f.end)
        if opened and nxt is not None and nxt.start == opened.end() and nxt.precision == "day":
            closed = _BRACKET_CLOSE.match(text, nxt.end)
            if closed:
                out.append(_Found(f.start, closed.end(), nxt.start_date, nxt.end_date, "day"))
                i += 2
                continue
        numeric = _BRACKET_DAY_MONTH.match(text, f.end) if f.precision == "day" else None
        if numeric and pub is not None:
            weekday = _WEEKDAY_AT.match(text, f.start, f.end)
            wd = _V.weekday_of[weekday["wd"].lower()] if weekday else None
            d = _bracket_day(int(numeric["a"]), int(numeric["b"]), wd, pub)
            if d is not None:
                out.append(_Found(f.start, numeric.end(), d, d, "day"))
                i += 1
                continue
        out.append(f)
        i += 1
    return out


def _bracket_day(a: int, b: int, weekday: Optional[int], pub: dt.date) -> Optional[dt.date]:
    """A yearless "20/01" glossing a day: day first unless only month first fits the weekday; the
    year is read as for any yearless day-month in a report."""
    readings = []
    for day, month in ((a, b), (b, a)):
        d = _year_for_day(month, day, pub, future=False) \
            if _mk(2000, month, day) else None
        if d is not None:
            readings.append(d)
    fitting = [d for d in readings if weekday is None or d.weekday() == weekday]
    return (fitting or [None])[0]


def _join_ranges(text: str, found: list[_Found]) -> list[_Found]:
    """"between Monday and Wednesday", "from 2011 to last year": two mentions, one range."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.precision != "range"
                and _RANGE_GAP.match(text, prev.end, f.start) is not None):
            kw = _RANGE_KW_BEFORE.search(text, max(0, prev.start - 12), prev.start)
        else:
            kw = None
        if kw is not None:
            start = kw.start()
            if prev.start_date and f.end_date and prev.start_date <= f.end_date:
                out[-1] = _Found(start, f.end, prev.start_date, f.end_date, "range")
            else:
                out[-1] = _Found(start, f.end, None, None, "unknown")
            continue
        out.append(f)
    return out


def _finish(text: str, f: _Found, pub: Optional[dt.date]) -> TimeMention:
    """Attach the preposition ("on Friday") and the relation ("since September 30")."""
    start = f.start
    rel = _RELATION_BEFORE.search(text, max(0, start - 16), start)
    possessive = text.startswith(("'s", "’s"), f.end)
    if rel is not None and not (rel["w"].lower() == "by" and possessive):
        start, relation = rel.start(), _RELATIONS[_norm(rel["w"])]
    else:
        relation = None
        prep = _PREPOSITION_BEFORE.search(text, max(0, start - 12), start)
        if prep is not None:
            start = prep.start()
            since = _SINCE_CLAUSE_BEFORE.search(text, max(0, start - 80), start)
            if since is not None:
                start, relation = since.start(), "since"
    sd, ed, precision = f.start_date, f.end_date, f.precision
    if relation == "since":
        ed = pub if pub is not None and sd is not None else None
        precision = "range" if sd is not None else "unknown"
    return TimeMention(start, f.end, text[start:f.end], sd, ed, precision, relation)
