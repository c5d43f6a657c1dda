"""Background and aggregate events: what an article tells as context is not an incident.

News about one attack recalls the war around it ("the Dayton accords ended a war that killed
100,000 people"), a campaign's running total ("since 2009, hundreds of people have been killed in
suicide attacks"), a statistic ("X people are killed every year") or an attack years ago ("the 2004
bombing that killed nine French soldiers"). Coded as incidents, these dwarf every real one: the
"deadliest event" of a week becomes a war, dated the day the article appeared. ACLED and careful
coders code none of them as incidents.

This component runs right after the events stage and decides, for each event:
- a running toll, an aggregate over many incidents or a rate stays, with `cumulative` set on its
  toll (the contract's "a running toll over a period, not one incident": fusion never merges it and
  no count adds it up) and the period it covers as its date ("since 2009" -> 2009-01-01..publication;
  none stated -> unknown, never the publication date or a neighbouring sentence's day); the figure is
  a sourced fact an analyst wants (the example's "446 killed since September 30"), so it is kept;
- the other violent events of that same aggregate clause ("in over 500 attacks") are dropped: they
  are the many incidents summed, not one, and have no toll to carry the flag;
- an event dated by its year or month more than a year before publication (`historical_days`), or
  named by its year ("the 2004 bombing"), is history told as context and is dropped: it would stand
  alone in a year the corpus does not cover, with the actors and place of a passing mention, and
  the reports of its own time code it. An old incident told with its day ("on 11 October 1987") is
  kept at that day (MUC-4 codes such), and so is an old date read in the article's lead;
- the converse errors of the stages before are mended: an incident the tolls stage summed because
  it was placed "earlier this month" is one incident again, and a long "since" period borrowed from
  an earlier sentence, or the baseline of a comparison ("the worst attack since 2013"), no longer
  dates an incident.

Word lists: kb/data/background_words.yaml.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..cache import load_yaml
from .time import DateMention
from .timex import TimeMention
from .events import inferred_attacker
from .tolls import TollMention, marks_running_total, parse_quantity

BACKGROUND_WORDS = Path(__file__).resolve().parent.parent / "kb" / "data" / "background_words.yaml"

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "agent"})
RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
FRAME_PREPS = frozenset({"in", "during", "throughout", "since", "over", "of"})
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class BackgroundWords:
    aggregate: frozenset[str]
    weak_aggregate: frozenset[str]
    incident: frozenset[str]
    placing: frozenset[str]
    onset: frozenset[str]
    duration_days: dict[str, int]
    rate: re.Pattern
    few_days: int
    borrowed_period_days: int
    historical_days: int


@lru_cache(maxsize=1)
def background_words() -> BackgroundWords:
    data = load_yaml(BACKGROUND_WORDS)
    rates = "|".join(re.escape(p) for p in sorted(data["rate_phrases"], key=len, reverse=True))
    stops = "|".join(re.escape(w) for w in data["rate_not_before"])
    return BackgroundWords(
        aggregate=frozenset(w.lower() for w in data["aggregate_nouns"]),
        weak_aggregate=frozenset(w.lower() for w in data["weak_aggregate_nouns"]),
        incident=frozenset(w.lower() for w in data["incident_nouns"]),
        placing=frozenset(w.lower() for w in data["placing_words"]),
        onset=frozenset(w.lower() for w in data["onset_verbs"]),
        duration_days={str(k).lower(): int(v) for k, v in data["duration_units"].items()},
        rate=re.compile(rf"(?<![\w-])(?:{rates})(?![\w-])(?!\s+(?:{stops})\b)", re.I),
        few_days=int(data["few_days"]),
        borrowed_period_days=int(data["borrowed_period_days"]),
        historical_days=int(data["historical_days"]),
    )


def _names(token: Token) -> set[str]:
    """The token's word and lemma, and with a compound before it ("civil war", "suicide attacks")."""
    names = {token.lower_, token.lemma_.lower()}
    for child in token.lefts:
        if child.dep_ == "compound":
            names |= {f"{child.lower_} {n}" for n in list(names)}
    return names


def _verb(token: Token) -> Token:
    """The verb that governs `token` (the token itself when it is one)."""
    current = token
    for _ in range(6):
        if current.pos_ in ("VERB", "AUX") or current.head is current:
            return current
        current = current.head
    return current


def _clause_verbs(verb: Token) -> list[Token]:
    """The verb and those it shares its subject with ("a war that lasted ... and killed ...")."""
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
        chain.append(chain[-1].head)
    return chain


def _agents(verb: Token) -> list[Token]:
    """What does the killing: the subjects of the clause, and for a relative clause ("the war, which has
    killed ...") the noun it belongs to."""
    found = []
    for v in _clause_verbs(verb):
        subjects = [c for c in v.children if c.dep_ in SUBJECTS]
        for s in subjects:
            if s.dep_ == "agent":
                found.extend(c for c in s.children if c.dep_ == "pobj")
            elif s.lower_ in RELATIVE and v.dep_ in ("relcl", "acl"):
                found.append(v.head)
            else:
                found.append(s)
        if not subjects and v.dep_ in ("relcl", "acl"):
            found.append(v.head)
    return found


def _frames(verb: Token) -> list[Token]:
    """Nouns the deaths happened in ("died in the war", "killed in over 500 attacks")."""
    found = []
    for v in _clause_verbs(verb):
        for prep in v.children:
            if prep.dep_ == "prep" and prep.lower_ in FRAME_PREPS:
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        found.append(obj)
                        found.extend(c for c in obj.children if c.dep_ == "conj")
    return found


def _perfect(verb: Token) -> bool:
    """'have been killed', 'has killed': a toll that has been adding up (the pluperfect 'had been
    killed' only tells one past incident before another)."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
               for v in _clause_verbs(verb) for c in v.children)


def _duration_days(noun: Token, words: BackgroundWords) -> int:
    """Days in "two months (of fighting)", "three years": 0 when `noun` is no stretch of time."""
    unit = words.duration_days.get(noun.lower_)
    if unit is None:
        return 0
    numbers = [c for c in noun.children if c.dep_ in ("nummod", "amod", "quantmod") and c.i < noun.i]
    if not numbers:
        return unit if noun.lower_ in ("decade", "year") else 0  # "a year of war", not "the month"
    start = min(t.i for number in numbers for t in number.subtree)
    bounds = parse_quantity(noun.doc[start:noun.i].text)
    return unit * (bounds[0] or bounds[1] or 0) if bounds else 0


def _since_clause(verb: Token) -> bool:
    """'Since Turkey launched its offensive, 230 civilians have died': a clause opened by 'since'."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children)
               for v in _clause_verbs(verb) for c in v.children)


def _span_days(time: TimeMention) -> int:
    if time.start_date is None or time.end_date is None:
        return 0
    return (time.end_date - time.start_date).days


def comparison(doc: Doc, date: DateMention) -> bool:
    """'the worst attack since 2013', 'the first strike since March': the period is the baseline of a
    comparison, neither the span of a running total nor the date of the incident."""
    if date.time.relation != "since":
        return False
    sentence = doc[date.start].sent
    return any(_superlative(t) for t in doc[sentence.start:date.start])


def _superlative(token: Token) -> bool:
    if token.lower_ == "first":
        return True
    if token.lower_ in ("least", "most"):  # "at least 446" is a bound, "the most deadly" a superlative
        return token.i + 1 < len(token.doc) and token.nbor().tag_ == "JJ"
    return token.tag_ in ("JJS", "RBS")


def _period(doc: Doc, event, dates: list[DateMention], words: BackgroundWords) -> Optional[DateMention]:
    """A date in the event's sentence that covers more than a few days ("since 2009", "in 2024", "in the
    last 15 months"), the widest first; None when there is none."""
    start, end = event.sentence
    found = [d for d in dates if start <= d.start < end and d.time.start_date is not None
             and (d.time.relation == "since" or _span_days(d.time) > words.few_days)
             and d.time.relation in (None, "since") and not comparison(doc, d)]
    return max(found, key=lambda d: (_span_days(d.time), -d.start)) if found else None


def episode(doc: Doc, event, dates: list[DateMention], words: BackgroundWords) -> Optional[DateMention]:
    """'deadly violence that began March 6 ..., leading to hundreds of deaths': the toll of an episode
    that began more than a few days before publication, as a period from its onset to publication;
    None when the event's sentence tells no such episode around it."""
    published = doc._.published
    toll = event.toll
    if not isinstance(published, dt.date) or toll is None:
        return None
    sentence = doc[event.head].sent
    inside = {event.head, doc[toll.start:toll.end].root.i}
    for noun in sentence:
        if noun.pos_ != "NOUN" or not _names(noun) & (words.aggregate | words.weak_aggregate):
            continue
        for verb in noun.children:
            if verb.dep_ not in ("relcl", "acl") or verb.lemma_.lower() not in words.onset:
                continue
            span = {t.i for t in verb.subtree}
            onsets = [d for d in dates if d.start in span and d.time.start_date is not None
                      and d.time.relation is None
                      and (published - d.time.start_date).days > words.few_days]
            if onsets and inside & {t.i for t in noun.subtree} | inside & {t.i for t in _agents(_verb(doc[toll.start:toll.end].root))}:
                onset = onsets[0]
                t = onset.time
                return DateMention(onset.start, onset.end, TimeMention(
                    start=t.start, end=t.end, text=t.text, start_date=t.start_date, end_date=published,
                    precision="range", relation="since"))
    return None


def running_reason(doc: Doc, event, dates: list[DateMention],
                   words: Optional[BackgroundWords] = None) -> Optional[str]:
    """Why the event's toll is a running total, an aggregate or a statistic, not one incident's count;
    None when it reads as one incident."""
    words = words or background_words()
    toll = event.toll
    if toll is None or toll.toll.kind != "killed" or toll.toll.cumulative:
        return None  # the tolls stage's own running totals ("so far", "since they began") stand
    if toll.toll.max == 1:
        return None  # one death ("her husband fought in the insurgency and was killed") is no total
    verb = _verb(doc[toll.start:toll.end].root)
    trigger = doc[event.head]
    period = _period(doc, event, dates, words)
    perfect = _perfect(verb)
    for noun in _agents(verb) + [trigger]:
        names = _names(noun)
        if names & words.aggregate:
            return "aggregate agent"
        if noun is not trigger and names & words.weak_aggregate and period is not None:
            return "aggregate agent over a period"
    for noun in _frames(verb):
        names = _names(noun)
        if names & words.aggregate:
            return "aggregate frame"
        if period is not None and (names & words.weak_aggregate or (
                noun.tag_ in ("NNS", "NNPS") and names & words.incident)):
            return "many incidents over a period"
    if period is not None and (period.time.relation == "since" or perfect):
        return "toll over a period"
    if perfect and _since_clause(verb):
        return "toll since an event"
    if episode(doc, event, dates, words) is not None:
        return "toll of an episode since its onset"
    for noun in _frames(verb):
        if _duration_days(noun, words) > words.few_days:
            return "toll over a stretch of time"
    if _rate_in_clause(doc, event, verb, words):
        return "rate"
    return None


# clauses of their own under a verb: a rate told there ("police said such attacks happen every week")
# is not the toll's
OWN_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "csubjpass"})


def _clause_tokens(verb: Token) -> set[int]:
    """The toll verb's own clause (with the verbs it shares its subject with), without the clauses that
    hang from it; a participle with no subject of its own ("..., killing five") is in its head's."""
    verbs = _clause_verbs(verb)
    if verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and verb.head is not verb \
            and not any(c.dep_ in SUBJECTS or c.dep_ == "mark" for c in verb.children):
        verbs += _clause_verbs(verb.head)
    out: set[int] = set()
    for v in verbs:
        stack = [v]
        while stack:
            token = stack.pop()
            out.add(token.i)
            stack.extend(c for c in token.children if c.dep_ not in OWN_CLAUSES
                         and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")))
    return out


def _rate_in_clause(doc: Doc, event, verb: Token, words: BackgroundWords) -> bool:
    """'X people are killed every year', 'fighting kills 30 people a month': a rate phrase in the toll
    verb's own clause. Not one in another clause of the sentence, nor the period of a comparison ("the
    second such attack in a week", "the deadliest raid within a month")."""
    sentence = doc[event.sentence[0]:event.sentence[1]]
    clause = _clause_tokens(verb)
    for match in words.rate.finditer(sentence.text):
        span = sentence.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or not len(span) or any(t.i not in clause for t in span) or _compared_over(span):
            continue
        return True
    return False


def _compared_over(span) -> bool:
    """'the second such attack in a week': the period after 'in'/'within' that a noun with an ordinal,
    'such' or a superlative is counted over."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in ("in", "within"):
        return False
    noun = doc[span.start - 1].head
    return noun.pos_ in ("NOUN", "PROPN") and any(
        c.lower_ == "such" or c.ent_type_ == "ORDINAL" or _superlative(c) for c in noun.children)


def _lead(doc: Doc) -> set[int]:
    """Token offsets of the sentences that open the headline and the body: they tell the article's news."""
    starts = set()
    for name, start_char, _ in doc._.fields or [("text", 0, len(doc.text))]:
        if name in ("title", "text"):
            span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
            if span is not None and len(span):
                starts.add(span[0].sent.start)
    return starts


def historical(doc: Doc, event, words: Optional[BackgroundWords] = None,
               lead: Optional[set[int]] = None) -> bool:
    """Dated, by its own year or month or a year before its trigger ("in 2010", "the 2004 bombing"),
    more than `historical_days` before publication. A date read in the article's lead does not count:
    news told first is the article's news, even when old (a retrospective, or a wrong publication
    date); a year before the noun ("a trial opened over the 2004 bombing") names past history anywhere."""
    published = doc._.published
    if not isinstance(published, dt.date):
        return False
    words = words or background_words()
    if event.toll is not None and event.toll.toll.cumulative:
        return False  # a running toll, flagged as one, whatever period it is dated by
    limit = published - dt.timedelta(days=words.historical_days)
    date = event.date.time if event.date is not None else None
    in_lead = doc[event.sentence[0]].sent.start in (lead if lead is not None else _lead(doc))
    if date is not None and date.end_date is not None and date.end_date < limit and not in_lead:
        # an old incident told with its day ("on 11 October 1987") is told as an incident, dated where
        # it belongs (MUC-4 codes such); "in 2010", "in July 2022" is a passing reference
        return date.precision != "day"
    trigger = doc[event.head]
    for noun in _named_by(([trigger] + _agents(_verb(trigger))) if trigger.pos_ in ("VERB", "AUX") else [trigger]):
        for child in noun.children:
            if child.dep_ in ("nummod", "compound", "amod", "npadvmod") and _year_before(child):
                return dt.date(int(child.text), 12, 31) < limit
    return False


def _year_before(token: Token) -> bool:
    """A year naming the thing after it ("the 2004 bombing", "Boko Haram's 2014 abduction"), not a
    count ("over 2000 Al Shabaab"): a year after a determiner or a possessive."""
    if not YEAR.match(token.text) or token.i == 0 or any(c.dep_ in ("quantmod", "advmod") for c in token.children):
        return False
    before = token.nbor(-1)
    return before.tag_ in ("DT", "POS", "PRP$") or before.lower_ in ("'s", "’s")


def placed_in_period(doc: Doc, event, dates: list[DateMention],
                     words: Optional[BackgroundWords] = None) -> bool:
    """A toll the tolls stage read as a running total only because its sentence names the current
    period, where that period merely places one incident ("Earlier this month, a suicide bomber
    detonated her explosives, killing at least one soldier")."""
    words = words or background_words()
    toll = event.toll
    if toll is None or not toll.toll.cumulative:
        return False
    sentence = doc[toll.start].sent
    placing = [d for d in dates if sentence.start <= d.start < sentence.end
               and doc[d.start].lower_ in words.placing]
    if not placing or _perfect(_verb(doc[toll.start:toll.end].root)):
        return False
    text = sentence.text
    for d in placing:
        a, b = doc[d.start].idx - sentence.start_char, doc[d.end - 1].idx + len(doc[d.end - 1]) - sentence.start_char
        text = text[:a] + " " * (b - a) + text[b:]
    return not marks_running_total(text)


def _set_cumulative(doc: Doc, event, cumulative: bool) -> TollMention:
    """Set the event's toll, every claim about it and its entry in doc._.tolls cumulative (a running
    total) or not (one incident); returns the toll as it was."""
    def updated(mention: TollMention) -> TollMention:
        return TollMention(mention.start, mention.end, replace(mention.toll, cumulative=cumulative))

    old = event.toll
    event.toll = updated(old)
    claims = getattr(event, "claims", None)
    if claims:
        event.claims = [(event.toll if m is old else updated(m), s) for m, s in claims]
    doc._.tolls = [updated(m) if (m.start, m.end) == (old.start, old.end) else m for m in doc._.tolls or []]
    return old


def borrowed_period(event, words: Optional[BackgroundWords] = None) -> bool:
    """Dated by a long running period told in an earlier sentence ("Since 2009, hundreds have been
    killed ... Coordinated airstrikes have killed at least 50 militants"): that period dates the total,
    not the incident told after it, which is then dated like any undated news (by publication)."""
    words = words or background_words()
    date = event.date
    if date is None or date.time.relation != "since" or _span_days(date.time) <= words.borrowed_period_days:
        return False
    return not any(lo <= date.start < hi for lo, hi in [event.sentence, *event.also])


def _named_by(nouns: list[Token]) -> list[Token]:
    """The nouns, and those they hang from by 'of' ("the 2004 bombing of a base that killed nine": the
    parser may give the relative clause to "base")."""
    out = []
    for noun in nouns:
        out.append(noun)
        current = noun
        for _ in range(2):
            if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.pos_ in ("NOUN", "PROPN"):
                current = current.head.head
                out.append(current)
            else:
                break
    return out


def _unknown_date(at: int) -> DateMention:
    return DateMention(at, at, TimeMention(start=0, end=0, text=None, start_date=None, end_date=None,
                                           precision="unknown"))


def _as_running(doc: Doc, event, dates: list[DateMention], words: BackgroundWords) -> None:
    """Flag the event's toll (and every claim about it) cumulative, and date it by its period."""
    old = _set_cumulative(doc, event, True)
    period = episode(doc, event, dates, words) or _period(doc, event, dates, words)
    if period is not None:
        event.date = period
    elif event.date is None or _span_days(event.date.time) <= words.few_days \
            or not (event.sentence[0] <= event.date.start < event.sentence[1]):
        event.date = _unknown_date(old.start)


def _part_of(doc: Doc, event, verb: Token) -> bool:
    """A violent event with no toll inside the running toll's clause: one of the incidents summed."""
    if event.type != "ASSAULT" or event.toll is not None:
        return False
    head = doc[event.head]
    return head.i == verb.i or (verb.i in {t.i for t in head.ancestors} and head.sent.start == verb.sent.start)


class BackgroundFilter:
    """spaCy component: running tolls flagged and dated by their period; aggregates and history out."""

    def __init__(self, nlp: Language, name: str = "sitrep_background"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        events = doc._.events or []
        if not events:
            return doc
        words = background_words()
        dates = doc._.dates or []
        dropped: set[int] = set()
        running_verbs = []
        lead = _lead(doc)
        for event in events:
            if placed_in_period(doc, event, dates, words):
                _set_cumulative(doc, event, False)
            if running_reason(doc, event, dates, words) is not None:
                _as_running(doc, event, dates, words)
                running_verbs.append((event, _verb(doc[event.toll.start:event.toll.end].root)))
                continue
            if event.date is not None and comparison(doc, event.date):
                event.date = None
            if borrowed_period(event, words) and not (event.toll is not None and event.toll.toll.cumulative):
                event.date = None
            if historical(doc, event, words, lead):
                dropped.add(id(event))
        for running, verb in running_verbs:
            for event in events:
                if event is not running and _part_of(doc, event, verb):
                    dropped.add(id(event))
        for event in events:
            _no_inferred_attacker_for_a_sum(event)
        if dropped:
            doc._.events = [e for e in events if id(e) not in dropped]
        return doc


def _no_inferred_attacker_for_a_sum(event) -> None:
    """A running toll or an aggregate sums many incidents by many hands ("900 militants have been killed
    in 15 months, along with 400 soldiers"): the attacker the events stage infers for one unclaimed
    attack (an unidentified armed group, text "") is no one's there."""
    if event.toll is not None and event.toll.toll.cumulative and inferred_attacker(event.actor1):
        event.actor1 = None


@Language.factory("sitrep_background")
def make_background_filter(nlp: Language, name: str) -> BackgroundFilter:
    return BackgroundFilter(nlp, name)
