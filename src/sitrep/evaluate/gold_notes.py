"""Readers for the gold sets that grade dates and tolls: ACLED event notes and MUC-4 answer keys.

Shared by `sitrep evaluate dates` and `sitrep evaluate tolls`; they read `../shared/dev` only when
run, and nothing here ships gold data.

ACLED: each row is one coded event with the note it was coded from, its date and its fatalities.
Modern notes may carry coder remarks that are not news text ("Unspecified number of fatalities coded
as 3.", "10 fatalities split across 2 events"): they are cut before coding, and a note that had one
is not graded on fatalities (the figure is then a coding convention, not something the text says).

MUC-4: each document has incident templates; a template's deaths are the sum of the numbers of its
human targets whose effect is DEATH (targets counted only as "PLURAL" make the count unknown), and its
date is the incident date ("30 DEC 89"; "- 08 JAN 90" means on or before, "26 DEC 89 - 27 DEC 89" a
range). The publication date is the dateline's ("SAN SALVADOR, 3 JAN 90 --").
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

ACLED_SETS = {
    # name: (file, notes column, date column, date format, fatalities column, time precision column)
    "acled_somalia2025": ("acled_somalia_2025h1/acled_somalia_2025-04_2025-09.csv", "notes", "event_date",
                          "%Y-%m-%d", "fatalities", "time_precision"),
    "acled_asia2015": ("acled_asia2015/acled_asia_2015.csv", "NOTES", "EVENT_DATE", "%d-%B-%Y",
                       "FATALITIES", "TIME_PRECISION"),
    "acled_africa2016": ("acled_africa2016/acled_africa_2016.csv", "notes", "event_date", "%Y-%m-%d",
                         "fatalities", "time_precision"),
}

_REMARKS = [re.compile(p, re.I) for p in (
    r"\s*\((?:coded|also coded|described as)[^)]*\)",
    r"[^.]*\b(?:coded as|split across|fatalities (?:were )?coded|unspecified number of fatalities)\b[^.]*\.?",
    r"\s*\[[^\]]*\b(?:geo-?precision|coded|coordinates)\b[^\]]*\]",
    r"^[A-Z][a-z ]+ to [a-z ]+:\s*",  # "Change to armed group: "
    r"^Movement of forces:\s*",
)]
_FATALITY_REMARK = re.compile(r"coded as|split across|unspecified number|fatalities? (?:were )?coded", re.I)


@dataclass
class Note:
    id: str
    text: str  # the note with coder remarks cut
    date: dt.date
    fatalities: Optional[int]  # None when the row's figure is a coding convention (a remark) or missing
    day_known: bool  # ACLED time precision 1: the day itself is known


def strip_remarks(notes: str) -> str:
    for rx in _REMARKS:
        notes = rx.sub("", notes)
    return " ".join(notes.split())


def acled_notes(dev: Path, name: str) -> list[Note]:
    rel, text_col, date_col, date_fmt, dead_col, prec_col = ACLED_SETS[name]
    out, seen = [], set()
    with open(dev / rel, encoding="utf-8", errors="replace", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            raw = (row.get(text_col) or "").strip()
            if not raw:
                continue
            try:
                date = dt.datetime.strptime(row[date_col].strip(), date_fmt).date()
            except (KeyError, ValueError):
                continue
            dead = (row.get(dead_col) or "").strip()
            fatalities = int(dead) if dead.isdigit() and not _FATALITY_REMARK.search(raw) else None
            key = (raw, date, fatalities)
            if key in seen:  # a note shared by several coded rows: grade it once
                continue
            seen.add(key)
            out.append(Note(id=f"{name}:{i}", text=strip_remarks(raw), date=date, fatalities=fatalities,
                            day_known=(row.get(prec_col) or "").strip() == "1"))
    return out


def reference_date(notes: list[Note]) -> dt.date:
    """The set's compilation date (its latest event): old ACLED notes say "on 26 September" with no
    year, as an article does, and are read as of this date. Weekday-only notes stay ungraded."""
    return max(n.date for n in notes)


# --- MUC-4 ---------------------------------------------------------------------------------------

MUC_FILE = "muc4/muc4_dev_tst1_tst2.jsonl"
_MONTHS = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
                                        "OCT", "NOV", "DEC"], 1)}
_MUC_DATE = re.compile(r"(\d{1,2})\s+([A-Z]{3})\s+(\d{2})\b")
_DATELINE = re.compile(r"\A[^\n]{0,80}?,\s*(\d{1,2}\s+[A-Z]{3}\s+\d{2})\b")


@dataclass
class MucTemplate:
    deaths: Optional[int]  # None: no DEATH effect, or a target counted only as PLURAL/unknown
    date: Optional[tuple[dt.date, dt.date]]  # the incident date as an interval; None when absent
    date_text: str = ""


@dataclass
class MucDocument:
    id: str
    text: str
    published: Optional[dt.date]
    templates: list[MucTemplate] = field(default_factory=list)


def _muc_date(s: str) -> Optional[dt.date]:
    m = _MUC_DATE.search(s or "")
    if not m or m.group(2) not in _MONTHS:
        return None
    year = 1900 + int(m.group(3))
    try:
        return dt.date(year, _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def _template_date(value) -> Optional[tuple[dt.date, dt.date]]:
    text = value if isinstance(value, str) else " ".join(value or [])
    dates = [d for d in (_muc_date(x.group(0)) for x in _MUC_DATE.finditer(text)) if d]
    if not dates:
        return None
    if text.strip().startswith("-") and len(dates) == 1:
        return None  # "on or before": not one day
    return min(dates), max(dates)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _template_deaths(t: dict) -> Optional[int]:
    """Sum of the numbers of the targets whose effect is DEATH."""
    dead = set()
    for effect in _as_list(t.get("HUM TGT: EFFECT OF INCIDENT")):
        for kind, who in re.findall(r"(NO DEATH|NO INJURY OR DEATH|DEATH)[^:]*:\s*(\"[^\"]*\")", effect):
            if kind == "DEATH":
                dead.add(who)
    if not dead:
        return None
    total = 0
    for number in _as_list(t.get("HUM TGT: NUMBER")):
        m = re.match(r"\s*(\d+)(?:\s*-\s*(\d+))?\s*:\s*(\"[^\"]*\")", number)
        if m and m.group(3) in dead:
            if m.group(2):
                return None  # "3 - 5": a range, not one count
            total += int(m.group(1))
            dead.discard(m.group(3))
    return total if not dead else None  # a dead target without a number: count unknown


def muc_documents(dev: Path) -> list[MucDocument]:
    docs = []
    with open(dev / MUC_FILE, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            m = _DATELINE.search(text)
            docs.append(MucDocument(
                id=rec["doc_id"], text=text, published=_muc_date(m.group(1)) if m else None,
                templates=[MucTemplate(deaths=_template_deaths(t), date=_template_date(t.get("INCIDENT: DATE")),
                                       date_text=str(t.get("INCIDENT: DATE") or ""))
                           for t in rec.get("templates") or []]))
    return docs
