"""Casualty counts in a sentence: how many killed, injured, missing, kidnapped or arrested.

Humanitarian users need the numbers most, and a wrong number is worse than none, so this module is
deliberately literal: it reads a count only where a casualty word and a quantity stand in one of a few
fixed shapes ("12 soldiers were killed", "killing at least 5", "the death toll rose to 31", "20
fatalities", "no casualties"), and keeps bounds rather than guessing a point ("dozens" = at least 24).

It is pure Python over a sentence's text; the spaCy component calls `find_tolls` once per sentence.
All wording lives in kb/data/toll_words.yaml; the regular expressions are built from it once.

Rules for bounds (`parse_quantity`):
  exact "446" -> (446, 446)              "at least 446" -> (446, None)
  "more than / over 30" -> (31, None)    "fewer than / under 30" -> (None, 29)
  "up to / as many as 12" -> (None, 12)  "nearly / almost 200" -> (ceil(0.9*200), 199) = (180, 199)
  "about / around / some 50" -> 50 +- max(1, round(50/10)) = (45, 55)
  "20 to 30", "20-30", "between 20 and 30", "two or three" -> (low, high)
  vague words ("dozens", "scores", "hundreds", "a handful", "several") -> the table in the YAML file.
Rules for civilians among a total N = (min, max):
  the victims are a civilian noun -> (min, max); "including 12 children" -> (12, None);
  "12 of them civilians" -> (12, 12); "a third of them civilians" -> (round(min/3), round(max/3));
  "more than a third" -> (floor(min/3) + 1, None) (strictly more); "at least a third" -> (ceil(min/3), None);
  "nearly a third" -> (None, ceil(max/3) - 1); "most / mostly civilians" -> (floor(min/2) + 1, None);
  "all civilians" -> (min, max). Victims that are all combatants leave civilians unknown (None).
`cumulative` is set when the sentence marks a running total over a period ("so far", "since
September", "this year"); a death toll that "rose to 31" for one incident is not cumulative but
`revised`. `hedged` is set when the sentence says "reportedly", "unconfirmed", "feared"...
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

from ..cache import compile_patterns, load_yaml

TOLL_WORDS = Path(__file__).resolve().parent.parent / "kb" / "data" / "toll_words.yaml"

KINDS = ("killed", "injured", "missing", "kidnapped", "arrested")

Bounds = tuple[Optional[int], Optional[int]]


@dataclass(frozen=True)
class Toll:
    """One casualty claim read from a sentence; offsets point into the text given to `find_tolls`."""

    start: int
    end: int
    text: str
    kind: str  # one of KINDS
    min: Optional[int]
    max: Optional[int]
    civilians_min: Optional[int] = None
    civilians_max: Optional[int] = None
    injured_min: Optional[int] = None
    injured_max: Optional[int] = None
    cumulative: bool = False
    victims: Optional[str] = None  # the victim noun as written: "soldiers", "civilians"
    number_text: str = ""  # the quantity as written: "at least 446", "dozens", "no"
    hedged: bool = False  # "reportedly", "unconfirmed", "feared dead"
    revised: bool = False  # "the death toll rose to 31": an updated figure for the same incident
    civilian: Optional[bool] = None  # victims are civilians (True), combatants (False), unknown (None)


# --------------------------------------------------------------------------------------------
# Vocabulary and compiled patterns (built once)
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def _alt(phrases: Iterable[str], lower: bool = True) -> str:
    """A regex that matches any of the phrases (longest first), with any whitespace between words.

    The phrases are folded into a character trie ("kill(?:ed|ing|s)"): Python's re tries the
    branches of a plain alternation one by one, so a trie makes these big word lists cheap.
    """
    trie: dict = {}
    for p in phrases:
        p = " ".join(str(p).split())
        if not p:
            continue
        node = trie
        for ch in (p.lower() if lower else p):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append((r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?"
    return body


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _plurals(word: str) -> set[str]:
    """The word and its regular plural(s), so the YAML lists only singulars."""
    forms = {word}
    if " " in word:
        head, last = word.rsplit(" ", 1)
        return {f"{head} {f}" for f in _plurals(last)}
    if word.endswith("man"):
        forms.add(word[:-3] + "men")
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    elif word.endswith(("s", "x", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    return forms


_FUNCTION_WORDS = (
    "the a an this that these those who whom whose which what when where while and or but nor in on "
    "at by for with from to into onto as after before during since until near against across between "
    "among amid over under through about around he she it they we i you him her them his their its our "
    "my your there here said says say told according not no also were was is are be been being has "
    "have had will would could may might can should must did do does if because so than then "
    "including each every more less most least nearly almost some another further monday tuesday "
    "wednesday thursday friday saturday sunday yesterday today tonight overnight last"
).split()


@dataclass(frozen=True)
class _Lexicon:
    data: dict
    units: dict
    scales: dict
    vague: dict
    modifier_of: dict  # modifier phrase -> rule name
    fractions: dict
    victim_class: dict  # word or phrase -> "civilian" | "non_civilian" | "unknown"
    non_victim: frozenset
    blockers: frozenset
    singular_blockers: frozenset
    year_blockers: frozenset
    needs_victim: frozenset
    intransitive: frozenset
    verb_kind: dict  # (slot, phrase) -> kind
    noun_kind: dict
    event_noun_kind: dict
    toll_noun_kind: dict
    zero_noun_kinds: dict  # phrase -> tuple of kinds
    left_state_kind: dict
    perfect_aux: frozenset
    followers: frozenset
    rx_mod_prefix: re.Pattern
    rx_range: re.Pattern
    rx_part: re.Pattern  # one "QTY NP" part inside a victims phrase
    rx_qty: re.Pattern  # any quantity: where the patterns that start with one are tried
    rx_word: re.Pattern
    rx_aux_before: re.Pattern
    rx_active_before: re.Pattern
    rx_mod_before: re.Pattern
    rx_trigger: re.Pattern
    rx_hedge: re.Pattern
    rx_cumulative: re.Pattern
    rx_new_incident: re.Pattern  # wording that makes a count a further one, not a repeat
    rx_anaphor: re.Pattern  # "the attack", "this blast": a sentence that points back to an incident told before
    role_victims: frozenset  # "attackers", "gunmen": victims named by what they were doing, any armed side
    rx_sentence_end: re.Pattern
    rx_join: re.Pattern
    rx_appos_incl: re.Pattern
    rx_appos_share: re.Pattern
    rx_appos_qty: re.Pattern
    patterns: tuple  # (name, compiled regex); the earlier wins ties
    starters: dict  # lower-case first word -> indexes of the patterns that can start with it
    digit_starters: tuple  # indexes of the patterns that can start with a digit


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = load_yaml(TOLL_WORDS)
    nw = data["number_words"]
    units = {**{k: int(v) for k, v in nw["units"].items()}, **{k: int(v) for k, v in nw["tens"].items()}}
    scales = {k: int(v) for k, v in nw["scales"].items()}
    vague = {_norm(k): (v[0], v[1]) for k, v in data["vague_quantities"].items()}
    modifier_of = {_norm(p): rule for rule, ps in data["modifiers"].items() for p in ps}
    fractions = {_norm(k): float(v) for k, v in data["fractions"].items()}

    victim_class: dict[str, str] = {}
    for cls in ("unknown", "non_civilian", "civilian"):  # later classes win on overlap
        for w in data["victims"][cls]:
            for f in _plurals(_norm(str(w))):
                victim_class[f] = cls
    non_victim = frozenset(_norm(str(w)) for w in data["non_victim_heads"])

    verb_kind: dict[tuple[str, str], str] = {}
    noun_kind, event_noun_kind = {}, {}
    intransitive = set()
    for kind, slots in data["kinds"].items():
        for slot in ("passive", "intransitive", "active", "with_dead"):
            for p in slots.get(slot) or []:
                verb_kind.setdefault((slot, _norm(p)), kind)
                if slot == "intransitive":
                    intransitive.add(_norm(p))
        for p in slots.get("nouns") or []:
            noun_kind.setdefault(_norm(p), kind)
        for p in slots.get("event_nouns") or []:
            event_noun_kind.setdefault(_norm(p), kind)
    toll_noun_kind = {_norm(p): k for k, ps in data["toll_nouns"].items() for p in ps}
    zero_noun_kinds: dict[str, tuple] = {}
    for kind, ps in data["zero_nouns"].items():
        for p in ps:
            zero_noun_kinds[_norm(p)] = zero_noun_kinds.get(_norm(p), ()) + (kind,)
    left_state_kind = {_norm(k): v for k, v in data["left_states"].items()}

    def words(slot: str) -> list[str]:
        return [p for (s, p) in verb_kind if s == slot]

    # ---- quantities ----
    numword = rf"(?:{_alt(list(units) + list(scales))})(?![\w'’])"
    scale = rf"(?:{_alt(scales)})(?![\w'’])"
    wordnum = (rf"(?:(?:half\s+an?|an?)\s+(?={scale}))?{numword}"
               rf"(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+{numword}"
               rf"|[\s-]+{numword})*")
    digits = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d+(?:\.\d+)?)(?:\s+{scale})?"
    num_guard = r"(?![\w%]|-[^\W\d_]|[.,:]\d|\s*%|\s+per\s*cent|\s+percent)"
    number = rf"(?:{digits}|{wordnum}){num_guard}"
    rng = (rf"(?:between\s+{number}\s+and\s+{number}"
           rf"|\d+\s*[-–—]\s*\d+{num_guard}"
           rf"|{number}\s+(?:to|or)\s+{number})")
    vague_rx = rf"(?:{_alt(vague)})(?![\w'’-])"
    core = rf"(?:{rng}|{vague_rx}|{number}|(?:an?|another)(?=\s+\w))"
    mod = rf"(?:{_alt(modifier_of)})"
    qty = rf"(?<!\d[.,])(?<![\w$£€/-])(?:{mod}\s+)?{core}"

    # ---- noun phrases (victims) ----
    verb_words = {p.split()[0] for (_, p) in verb_kind}
    stop = set(_FUNCTION_WORDS) | verb_words | set(units) | set(scales)
    stop |= {_norm(a).split()[0] for a in data["auxiliaries"] + data["perfect_auxiliaries"]}
    stop |= {_norm(a).split()[0] for a in data["adverbs"]}
    stop -= {"dozens", "scores"}
    # Stop words are matched in lower case or capitalised, not in capitals: "IS fighters", "US troops".
    stop_rx = _alt({w for x in stop for w in (x, x[:1].upper() + x[1:])}, lower=False)
    word = (rf"(?!(?-i:{stop_rx})(?![\w'’-]))"
            r"(?:[^\W\d_][\w'’]*(?:[-./][^\W_][\w'’]*)*|\d+(?:-[^\W\d_][\w'’]*)+|\d+(?:st|nd|rd|th))"
            r"(?![\w'’-])")
    # "TTP and LeI militants": two capitalised names joined inside one noun phrase.
    cap = r"(?-i:[A-Z][\w'’]*(?:[-./][^\W_][\w'’]*)*)"
    word = rf"(?:{cap}\s+(?:and|or|&)\s+{cap}(?![\w'’-])|{word})"
    of_lead = r"(?:\s+of(?:\s+(?:the|those|these|them|whom))?(?![\w'’-]))?"
    of_tail = (rf"(?:\s+(?:of|from)\s+(?:(?:the|each|both|its|their|his|her|a|an)\s+)?"
               rf"{word}(?:\s+{word}){{0,5}})?")
    np_opt = rf"{of_lead}(?:\s+{word}){{0,5}}{of_tail}"
    np_req = rf"{of_lead}(?:\s+{word}){{1,5}}{of_tail}"
    paren = r"(?:\s*\([^()]{0,80}\))?"

    aux_all = _alt(data["auxiliaries"] + data["perfect_auxiliaries"])
    passive_all = _alt(words("passive") + words("intransitive"))
    # After a bare comma, "one of the country's oldest newspapers" is an aside, not more victims.
    sep = r"(?:\s*,\s*(?!\S+\s+of\b)|\s*,?\s+and\s+|\s*,?\s+as\s+well\s+as\s+)"
    not_of_them = r"(?!\s+of\s+(?:them|whom)\b)"
    # Coordinated victims: "12 soldiers and three civilians". A part followed by an auxiliary or a
    # passive verb belongs to the next clause ("killed 2 people and 3 others were injured").
    victims = (rf"{qty}{np_opt}{paren}"
               rf"(?:{sep}{qty}{not_of_them}{np_req}{paren}(?!\s+(?:{aux_all}|{passive_all})(?![\w-]))){{0,4}}")
    victims_subj = rf"{qty}{np_opt}{paren}(?:{sep}{qty}{not_of_them}{np_req}{paren}){{0,4}}"

    share_words = _alt(list(data["majority_words"]) + list(data["totality_words"]) + list(fractions))
    tail_start = rf"(?:including|among\s+them|among\s+whom(?:\s+were)?|{share_words}|{qty}\s+of\s+(?:them|whom))"
    tail = (rf"(?:\s*,\s*(?P<appos>{tail_start}(?![\w-])[^,;:.()]{{0,60}}?)"
            rf"|\s+(?P<incl>(?:including|among\s+them)\s[^,;:.()]{{0,60}}?))"
            r"(?=\s*[,;:.()]|\s*$|\s+(?:and|in|on|at|when|after|as|while|during|according|near|by)\b)")
    tail2 = tail.replace("?P<appos>", "?P<appos2>").replace("?P<incl>", "?P<incl2>")
    appos_subj = (r"(?:\s*,\s*(?P<appos>[^,;:.()]{1,80}?)\s*,"
                  r"|\s*,?\s+(?P<incl>(?:including|among\s+them)\s+[^,;:.()]{1,60}?))?")
    adv = rf"(?:(?:{_alt(data['adverbs'])})\s+)"

    b = r"(?<![\w'’-])"
    e = r"(?![\w'’-])"
    pat = {}
    pat["zero_subject"] = (
        rf"{b}(?P<zero>{_alt(data['zero_subjects'])}(?:\s+of\s+(?:them|those|the(?:\s+{word}){{1,3}}))?"
        rf"|no(?:\s+{word}){{1,3}})\s+(?:(?P<aux>{aux_all})\s+)?{adv}{{0,2}}(?P<pverb>{passive_all}){e}")
    pat["zero_noun"] = (
        rf"{b}(?P<zero>no|zero|without(?:\s+any)?|nor\s+any|not\s+any)\s+"
        r"(?:(?:immediate|other|further|reported|known|civilian|human|military|serious|major|confirmed|"
        r"official|fresh|new)\s+)*"
        rf"(?P<rep>reports?\s+of\s+(?:any\s+)?)?(?P<znoun>{_alt(zero_noun_kinds)}){e}")
    pat["toll_noun"] = (
        rf"{b}(?P<tnoun>{_alt(toll_noun_kind)}){e}(?P<mid>[^.;:\d]{{0,80}}?)\s+"
        rf"(?:(?P<rev>{_alt(data['toll_revisions'])})\s+(?:(?:{_alt(data['toll_links'])})\s+)?"
        rf"|(?:{_alt(data['toll_links'])})\s+)(?P<victims>{victims})")
    pat["with_dead"] = (
        rf"{b}(?P<verb>{_alt(words('with_dead'))})\s+(?P<victims>{victims_subj})(?:{tail})?"
        rf"\s+(?P<state>{_alt(left_state_kind)}){e}")
    pat["active"] = (
        rf"{b}(?P<averb>{_alt(words('active'))}){e}\s+{adv}?(?P<victims>{victims})(?:{tail})?")
    pat["event_noun"] = (
        rf"{b}(?P<enoun>{_alt(event_noun_kind)})\s+of\s+(?P<victims>{victims})(?:{tail})?")
    pat["nominal"] = (
        rf"(?P<victims>{qty})(?:\s+of)?(?P<adj>(?:\s+{word}){{0,2}}?)\s+(?P<noun>{_alt(noun_kind)}){e}")
    pat["singular"] = (
        rf"{b}(?P<aux>{_alt(data['singular_auxiliaries'])})\s+{adv}{{0,2}}(?P<pverb>{_alt(words('passive'))}){e}")
    # the rest of a subject phrase before its verb: links, names in brackets, words (not a count)
    link = rf"\s+(?:{_alt(data['subject_tail_links'])})\s+(?:(?:the|a|an|its|their|his|her)\s+)?{word}"
    bracket = r"\s*\([^()]{1,40}\)"
    subject_tail = rf"(?:{link}|{bracket})(?:\s+{word}|{bracket}|{link}){{0,8}}"
    pat["passive"] = (
        rf"(?P<victims>{victims_subj})(?P<vtail>{subject_tail})?{appos_subj}\s+(?:(?P<aux>{aux_all})\s+)?{adv}{{0,2}}"
        # "were seized and hanged", "was ambushed and killed": the last verb says what became of them
        rf"(?:(?P<first>{_alt(data['first_participles'])})\s+and\s+{adv}?)?"
        rf"(?P<pverb>{passive_all}){e}(?:{tail2})?")
    since = rf"since\s+(?:{_alt(data['since_followers'])})"
    # Every pattern built from the word lists, compiled together: their compiled form is kept in the
    # cache folder (cache.compile_patterns), as compiling them takes most of a second per process.
    sources = {f"pat:{name}": (source, re.I) for name, source in pat.items()}
    sources.update({
        "mod_prefix": (rf"({mod})\s+(.+)", re.I | re.S),
        "range": (rf"(?:between\s+(?P<a>{number})\s+and\s+(?P<b>{number})"
                  rf"|(?P<c>\d+)\s*[-–—]\s*(?P<d>\d+)|(?P<e>{number})\s+(?:to|or)\s+(?P<f>{number}))", re.I),
        "part": (rf"(?P<q>{qty})(?P<np>{np_opt}){paren}", re.I),
        "qty": (qty, re.I),
        "aux_before": (rf"(?:{_alt(data['auxiliaries'])})\s+(?:{adv})?$", re.I),
        "active_before": (rf"{b}(?:{_alt(words('active') + words('with_dead'))}|(?:{_alt(event_noun_kind)})\s+of)"
                          rf"\s+(?:{mod}\s+)?$", re.I),
        "mod_before": (rf"{b}(?:{mod})\s+$", re.I),
        "hedge": (rf"{b}(?:{_alt(data['hedges'])}){e}", re.I),
        "cumulative": (rf"{b}(?:{_alt(data['cumulative_markers'])}|{since}){e}", re.I),
        "appos_share": (rf"(?:(?P<mod>{mod})\s+)?(?P<share>{share_words})(?:\s+of\s+(?:them|whom|those))?"
                        rf"(?:\s+(?:were|are|being))?\s+(?P<rest>.+)", re.I | re.S),
        "appos_qty": (rf"(?P<q>{qty})\s+(?:of\s+(?:them|whom)\s+)?(?:(?:were|are|being)\s+)?(?P<rest>.+)",
                      re.I | re.S),
    })
    rx = dict(zip(sources, compile_patterns("tolls", list(sources.values()))))
    patterns = tuple((name, rx[f"pat:{name}"]) for name in pat)
    qty_first = (list(modifier_of) + list(vague) + list(units) + list(scales)
                 + ["a", "an", "another", "half", "between"])
    first_words = {
        "zero_subject": list(data["zero_subjects"]) + ["no"],
        "zero_noun": ["no", "zero", "without", "nor", "not"],
        "toll_noun": list(toll_noun_kind),
        "with_dead": words("with_dead"),
        "active": words("active"),
        "event_noun": list(event_noun_kind),
        "nominal": qty_first,
        "singular": list(data["singular_auxiliaries"]),
        "passive": qty_first,
    }
    assert set(first_words) == set(pat)
    starters: dict[str, list[int]] = {}
    for rank, (name, _) in enumerate(patterns):
        for phrase in first_words[name]:
            first = _WORD.match(_norm(str(phrase))).group()
            if rank not in starters.setdefault(first, []):
                starters[first].append(rank)

    triggers = (list({p for (_, p) in verb_kind}) + list(noun_kind) + list(event_noun_kind)
                + list(toll_noun_kind) + list(zero_noun_kinds))
    # Triggers are matched as word prefixes ("kill" finds "killed"), so a cheap test rules out most
    # sentences before the big patterns run.
    stems = {t.split()[0][:5] for t in triggers}
    rx_trigger = re.compile(rf"(?<![\w-])(?:{_alt(stems)})", re.I)

    return _Lexicon(
        data=data, units=units, scales=scales, vague=vague, modifier_of=modifier_of,
        fractions=fractions, victim_class=victim_class, non_victim=non_victim,
        blockers=frozenset(_norm(str(w)) for w in data["number_blockers"]),
        singular_blockers=frozenset(_norm(w) for w in data["singular_blockers"]),
        year_blockers=frozenset(_norm(str(w)) for w in data["year_blockers"]),
        needs_victim=frozenset(_norm(w) for w in data["active_needs_victim"]),
        intransitive=frozenset(intransitive), verb_kind=verb_kind, noun_kind=noun_kind,
        event_noun_kind=event_noun_kind, toll_noun_kind=toll_noun_kind,
        zero_noun_kinds=zero_noun_kinds, left_state_kind=left_state_kind,
        perfect_aux=frozenset(_norm(w) for w in data["perfect_auxiliaries"]),
        followers=frozenset(_norm(w) for w in data["passive_followers"]),
        rx_mod_prefix=rx["mod_prefix"],
        rx_range=rx["range"],
        rx_part=rx["part"],
        rx_qty=rx["qty"],
        rx_word=re.compile(r"[^\W_][\w'’.-]*"),
        rx_aux_before=rx["aux_before"],
        rx_active_before=rx["active_before"],
        rx_mod_before=rx["mod_before"],
        rx_trigger=rx_trigger,
        rx_hedge=rx["hedge"],
        rx_cumulative=rx["cumulative"],
        rx_new_incident=re.compile(rf"{b}(?:{_alt(data['new_incident_markers'])}){e}", re.I),
        rx_anaphor=re.compile(rf"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+){{0,2}}?"
                              rf"(?:{_alt(data['incident_anaphors'])}){e}", re.I),
        role_victims=frozenset(_norm(w) for w in data["role_victims"]),
        rx_sentence_end=re.compile(r"[.!?]+[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])"),
        rx_join=re.compile(r"\s*[,;]?\s*(?:(?:and|while|with|as\s+well\s+as|plus)\s+)?(?:(?:left|leaving)\s+)?",
                           re.I),
        rx_appos_incl=re.compile(r"(?:including|among\s+them|among\s+whom(?:\s+were)?)\s+(?P<rest>.+)",
                                 re.I | re.S),
        rx_appos_share=rx["appos_share"],
        rx_appos_qty=rx["appos_qty"],
        patterns=patterns,
        starters={k: tuple(v) for k, v in starters.items()},
        digit_starters=tuple(i for i, (n, _) in enumerate(patterns) if n in ("nominal", "passive")),
    )


# --------------------------------------------------------------------------------------------
# Quantities
# --------------------------------------------------------------------------------------------

def _number_value(text: str) -> Optional[int]:
    """'446' -> 446; '1,200' -> 1200; '1.2 million' -> 1200000; 'one hundred and twenty' -> 120."""
    lex = _lexicon()
    s = _norm(text).replace("-", " ")
    m = re.fullmatch(r"([\d.,]+)(?:\s+(\w+))?", s)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        if m.group(2):
            if m.group(2) not in lex.scales:
                return None
            value *= lex.scales[m.group(2)]
        return int(round(value))
    total, current, seen = 0, 0, False
    tokens = s.split()
    if tokens[:2] == ["half", "a"] or tokens[:2] == ["half", "an"]:
        tokens, current, seen = tokens[2:], 0, True
        half = True
    else:
        half = False
    for i, tok in enumerate(tokens):
        if tok == "and" or (tok in ("a", "an") and i == 0):
            continue
        if tok in lex.units:
            current += lex.units[tok]
        elif tok in lex.scales:
            mult = lex.scales[tok]
            if mult >= 1000:
                total += (current or 1) * mult
                current = 0
            else:
                current = (current or 1) * mult
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return value // 2 if half else value


def _core_bounds(core: str) -> Optional[tuple[Bounds, bool]]:
    """Bounds of a quantity without its modifier, and whether it is one exact number."""
    lex = _lexicon()
    c = _norm(core)
    if c in ("a", "an", "another"):
        return (1, 1), True
    if c in ("no", "none", "nobody", "no one", "zero"):
        return (0, 0), True
    if c in lex.vague:
        return lex.vague[c], False
    m = lex.rx_range.fullmatch(c)
    if m:
        lo_t, hi_t = next((m.group(x), m.group(y)) for x, y in ("ab", "cd", "ef") if m.group(x))
        lo, hi = _number_value(lo_t), _number_value(hi_t)
        if lo is not None and hi is not None and lo < hi:
            return (lo, hi), False
    value = _number_value(c)
    if value is None:
        return None
    return (value, value), True


def parse_quantity(text: str) -> Optional[Bounds]:
    """Bounds (min, max) of a quantity as written; None when `text` is not a quantity.

    See the module docstring for the rule behind each modifier; None inside the pair = no bound.
    """
    lex = _lexicon()
    t = _norm(text)
    if not t:
        return None
    rule = "exact"
    m = lex.rx_mod_prefix.fullmatch(t)
    if m and _core_bounds(m.group(2)) is not None:
        rule, t = lex.modifier_of[_norm(m.group(1))], m.group(2)
    got = _core_bounds(t)
    if got is None or (rule != "exact" and _norm(t) in ("a", "an", "another")):
        return None  # "about an opposition journalist": a preposition, not an estimate
    (lo, hi), exact = got
    return _apply_modifier(rule, lo, hi, exact)


def stated_figure(toll: Toll) -> Optional[int]:
    """The figure as the text states it, the way event datasets record one number: "more than 10",
    "at least 10", "about 10", "up to 10" -> 10; "20 to 30" -> 20; "dozens" -> 24. The bounds
    (`min`, `max`) stay the honest reading; this is for comparing with such datasets."""
    lex = _lexicon()
    t = _norm(toll.number_text)
    m = lex.rx_mod_prefix.fullmatch(t)
    core = m.group(2) if m and _core_bounds(m.group(2)) is not None else t
    got = _core_bounds(core) if core else None
    if got is not None:
        (lo, hi), _ = got
        return lo if lo is not None else hi
    return toll.min if toll.min is not None else toll.max


def _apply_modifier(rule: str, lo: Optional[int], hi: Optional[int], exact: bool) -> Bounds:
    if rule == "at_least":
        return lo, None
    if rule == "more_than":
        return (lo + 1 if lo is not None else None), None
    if rule == "up_to":
        return None, hi
    if rule == "fewer_than":
        return None, (lo - 1 if lo is not None else None)
    if rule == "nearly" and exact and lo is not None:
        top = max(lo - 1, 0)
        return min(math.ceil(0.9 * lo), top), top
    if rule == "about" and exact and lo is not None:
        d = max(1, round(lo / 10))
        return max(lo - d, 0), lo + d
    return lo, hi


# --------------------------------------------------------------------------------------------
# Victims
# --------------------------------------------------------------------------------------------

_OF_SKIP = {"the", "those", "these", "them", "whom", "each", "both", "its", "their", "his", "her", "a", "an"}


def _classify(words: list[str]) -> Optional[str]:
    """Victim class of the right-most known noun (two-word phrases first)."""
    table = _lexicon().victim_class
    low = [w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") for w in words]
    for i in range(len(low) - 1, -1, -1):
        if i > 0 and f"{low[i - 1]} {low[i]}" in table:
            return table[f"{low[i - 1]} {low[i]}"]
        if low[i] in table:
            return table[low[i]]
    return None


@dataclass
class _Part:
    bounds: Bounds
    head: Optional[str]  # as written
    cls: Optional[str]  # civilian / non_civilian / unknown / None (not in the lexicon)
    qty_text: str


def _parse_part(qty_text: str, np_text: str, strict: bool = True) -> Optional[_Part]:
    """One 'QTY NP' part, or None when it is not a count of people (a year, '5 km', '12 March').

    `strict`: 'a' + an unknown noun counts as one person only when the noun is capitalised ('a
    Dalit'); callers whose verb can only take people ('was gunned down') pass False.
    """
    lex = _lexicon()
    bounds = parse_quantity(qty_text)
    if bounds is None:
        return None
    tokens = lex.rx_word.findall(np_text)
    if tokens and tokens[0].lower() == "of":
        tokens = tokens[1:]
        while tokens and tokens[0].lower() in _OF_SKIP:
            tokens = tokens[1:]
    low = [t.lower() for t in tokens]
    i = next((k for k, t in enumerate(low) if t in ("of", "from")), None)
    if i is not None:
        pre, post = tokens[:i], [t for t in tokens[i + 1:] if t.lower() not in _OF_SKIP]
    else:
        pre, post = tokens, []
    if len(pre) >= 2 and pre[0].lower() in ("year", "years") and pre[1].lower() == "old":
        bounds, pre = (1, 1), pre[2:]  # "13 year old girl": an age, one person
    head = pre[-1] if pre else (post[-1] if post else None)
    if head is not None and head.lower().rstrip(".") in lex.non_victim:
        return None
    cls = _classify(pre) or _classify(post)
    core = _norm(qty_text)
    if core in ("a", "an", "another") and cls is None and (strict or head is None) \
            and not (head and head[:1].isupper()):
        return None  # "a bomb", "a day": only a person noun makes "a" a count of one
    if re.fullmatch(r"(?:1[89]|20)\d\d", core) and cls is None:
        return None  # a year
    return _Part(bounds, head, cls, qty_text.strip())


def _parse_victims(text: str, strict: bool = True) -> Optional[list[_Part]]:
    lex = _lexicon()
    parts = []
    for m in lex.rx_part.finditer(text):
        part = _parse_part(m.group("q"), m.group("np"), strict)
        if part is None:
            return None
        parts.append(part)
    return parts or None


def _sum(values: list[Optional[int]]) -> Optional[int]:
    return None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]


def _share(rule: str, f: float, lo: Optional[int], hi: Optional[int]) -> Bounds:
    """Civilians = a share f of a total (lo, hi), with the modifier's rule (module docstring)."""
    if rule == "more_than":
        return (math.floor(f * lo) + 1 if lo is not None else None), None
    if rule == "at_least":
        return (math.ceil(f * lo) if lo is not None else None), None
    if rule in ("nearly", "fewer_than"):
        return None, (max(math.ceil(f * hi) - 1, 0) if hi is not None else None)
    return (round(f * lo) if lo is not None else None), (round(f * hi) if hi is not None else None)


def _appos_civilians(appos: str, lo: Optional[int], hi: Optional[int]) -> Optional[Bounds]:
    """Civilians among the total from an aside: 'more than a third of them civilians'."""
    lex = _lexicon()
    a = appos.strip()
    m = lex.rx_appos_incl.fullmatch(a)
    if m:
        parts = _parse_victims(m.group("rest")) or []
        civ = [p.bounds[0] for p in parts if p.cls == "civilian"]
        return (_sum(civ), None) if civ and _sum(civ) is not None else None
    m = lex.rx_appos_share.fullmatch(a)
    if m and _classify(lex.rx_word.findall(m.group("rest"))) == "civilian":
        share = _norm(m.group("share"))
        rule = lex.modifier_of.get(_norm(m.group("mod") or ""), "exact")
        if share in {_norm(w) for w in lex.data["totality_words"]}:
            return lo, hi
        if share in lex.fractions:
            return _share(rule, lex.fractions[share], lo, hi)
        return (lo // 2 + 1 if lo is not None else None), None  # majority: strictly more than half
    m = lex.rx_appos_qty.fullmatch(a)
    if m and _norm(m.group("q")) not in ("a", "an") and _classify(lex.rx_word.findall(m.group("rest"))) == "civilian":
        return parse_quantity(m.group("q"))
    return None


# --------------------------------------------------------------------------------------------
# Finding tolls
# --------------------------------------------------------------------------------------------

@dataclass
class _Candidate:
    toll: Toll
    rank: int  # lower = tried earlier = wins ties


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([\w.']+)\W*$", text[max(0, pos - 40):pos])
    return m.group(1).lower() if m else ""


_AGE_AFTER_NAME = re.compile(r"(?-i:[A-Z][\w'’.-]*)\s*,\s*$")
# what follows an age, not a count: one person ("45, an activist", "27, who ran a shop", "40, was")
_ONE_PERSON_AFTER = re.compile(r"\d{1,3}\s*,\s*(?:a|an|who|whose|was|is|has|had)\s", re.I)


def _blocked(text: str, start: int, qty_text: str) -> bool:
    """A number that is a label, an age or a year by the word before it ('aged 30', 'since 2015')."""
    lex = _lexicon()
    prev = _prev_word(text, start)
    if prev in lex.blockers:
        return True
    if _AGE_AFTER_NAME.search(text, max(0, start - 40), start) and _ONE_PERSON_AFTER.match(text, start):
        return True  # "Rosa Lind, 61, a nurse, was killed": an age between commas after a name
    return prev in lex.year_blockers and bool(re.match(r"\s*(?:1[89]|20)\d\d\b", qty_text))


def _inside_quantity(text: str, start: int, qty_text: str) -> bool:
    """True when a modifier before `start` makes a longer quantity ('more than | 10 soldiers'):
    the reading that starts at the modifier is the one to keep."""
    lex = _lexicon()
    m = lex.rx_mod_before.search(text, max(0, start - 30), start)
    if m is None:
        return False
    first = lex.rx_qty.match(qty_text)
    return first is not None and parse_quantity(f"{m.group(0)}{first.group(0)}") is not None


def _passive_ok(text: str, end: int) -> bool:
    """A bare participle ('two killed') is passive only when no object follows it."""
    rest = text[end:end + 40]
    if not rest.strip() or re.match(r"\s*[,.;:!?)\]\"”’–—-]", rest):
        return True
    m = re.match(r"\s+([\w']+)", rest)
    return bool(m) and m.group(1).lower() in _lexicon().followers


def _build(text: str, m: re.Match, kind: str, victims_text: Optional[str],
           parts: Optional[list[_Part]] = None, **extra) -> Optional[Toll]:
    """A Toll from a match: victims parsed, civilians worked out, offsets trimmed."""
    if victims_text is not None and parts is None:
        parts = _parse_victims(victims_text)
        if not parts:
            return None
    parts = parts or []
    if "bounds" in extra:
        lo, hi = extra.pop("bounds")
        number_text = extra.pop("number_text")
        heads, cls_list = [], []
    else:
        mins = [p.bounds[0] for p in parts]
        lo = sum(v or 0 for v in mins) if any(v is not None for v in mins) else None
        hi = _sum([p.bounds[1] for p in parts])
        number_text = parts[0].qty_text if len(parts) == 1 else victims_text.strip()
        heads = [p.head for p in parts if p.head]
        cls_list = [p.cls for p in parts]
    civ: Bounds = (None, None)
    civ_parts = [p for p in parts if p.cls == "civilian"]
    if civ_parts:
        cmin = sum(p.bounds[0] or 0 for p in civ_parts)
        known = all(p.cls in ("civilian", "non_civilian") for p in parts)
        civ = (cmin, _sum([p.bounds[1] for p in civ_parts]) if known else None)
    adj_cls = extra.pop("adj_cls", None)
    if adj_cls == "civilian":
        civ = (lo, hi)
    appos = extra.pop("appos", None)
    if appos and civ == (None, None):
        civ = _appos_civilians(appos, lo, hi) or civ
    civilian = None
    classes = set(cls_list) | ({adj_cls} if adj_cls else set())
    if classes == {"civilian"}:
        civilian = True
    elif classes == {"non_civilian"}:
        civilian = False
    victims = extra.pop("victims", None) or (" and ".join(dict.fromkeys(heads)) if heads else None)
    start, end = m.start(), extra.pop("end", m.end())
    while end > start and text[end - 1] in " ,;":
        end -= 1
    return Toll(start=start, end=end, text=text[start:end], kind=kind, min=lo, max=hi,
                civilians_min=civ[0], civilians_max=civ[1], victims=victims, number_text=number_text,
                civilian=civilian, **extra)


def _candidates(text: str) -> list[_Candidate]:
    """Every reading of every pattern, tried only where a word can begin it (a dict lookup per word
    is many times faster than letting each big pattern scan the text)."""
    lex = _lexicon()
    out: list[_Candidate] = []
    for w in _WORD.finditer(text):
        first = w.group().lower()
        ranks = lex.starters.get(first) or (lex.digit_starters if first[0].isdigit() else ())
        for rank in ranks:
            name, rx = lex.patterns[rank]
            m = rx.match(text, w.start())
            toll = _read(text, m, name) if m else None
            if toll is not None:
                out.append(_Candidate(toll, rank))
    return out


def _read(text: str, m: re.Match, name: str) -> Optional[Toll]:
    """Interpret one pattern match; None when the match is not a casualty count after all."""
    lex = _lexicon()
    g = m.groupdict()
    vt = g.get("victims")
    appos = g.get("appos") or g.get("incl") or g.get("appos2") or g.get("incl2")

    if name == "zero_subject":
        zero = _norm(g["zero"])
        if zero.startswith("no ") and zero not in {_norm(z) for z in lex.data["zero_subjects"]}:
            if _classify(zero.split()[1:]) is None:
                return None
        verb = _norm(g["pverb"])
        kind = lex.verb_kind.get(("passive", verb)) or lex.verb_kind.get(("intransitive", verb))
        return _build(text, m, kind, None, bounds=(0, 0), number_text=g["zero"])
    if name == "zero_noun":
        kinds = lex.zero_noun_kinds[_norm(g["znoun"])]
        both = "killed" in kinds and "injured" in kinds
        extra = dict(injured_min=0, injured_max=0) if both else {}
        return _build(text, m, kinds[0], None, bounds=(0, 0), number_text=g["zero"],
                      hedged=bool(g.get("rep")), **extra)
    if name == "toll_noun":
        kind = lex.toll_noun_kind[_norm(g["tnoun"])]
        rev = _norm(g.get("rev") or "")
        mid = g["mid"] or ""
        hedged = bool(lex.rx_hedge.search(mid)) or bool(
            re.search(r"\b(?:could|may|might|expected|likely|feared)\b", mid, re.I))
        return _build(text, m, kind, vt, revised=bool(rev) and rev != "reached", hedged=hedged)
    if name == "with_dead":
        return _build(text, m, lex.left_state_kind[_norm(g["state"])], vt, appos=appos)
    if name == "active":
        verb = _norm(g["averb"])
        if lex.rx_aux_before.search(text[max(0, m.start() - 40):m.start()]):
            return None  # "were killed 5 km away": a passive verb, not an active one
        kind = lex.verb_kind[("active", verb)]
        parts = _parse_victims(vt, strict=kind != "killed" or verb in lex.needs_victim)
        if not parts:
            return None
        if verb in lex.needs_victim and any(p.cls is None for p in parts):
            return None
        return _build(text, m, kind, vt, parts, appos=appos)
    if name == "event_noun":
        parts = _parse_victims(vt)
        if not parts or any(p.cls is None and p.head is not None for p in parts):
            return None
        return _build(text, m, lex.event_noun_kind[_norm(g["enoun"])], vt, parts, appos=appos)
    if name == "nominal":
        if _blocked(text, m.start(), vt) or _inside_quantity(text, m.start(), vt) \
                or lex.rx_active_before.search(text[max(0, m.start() - 40):m.start()]):
            return None
        adj = lex.rx_word.findall(g["adj"] or "")
        adj_cls = _classify(adj)
        if adj and adj_cls is None:
            return None  # "12 vehicle deaths"? keep to known victim words
        bounds = parse_quantity(vt)
        if bounds is None or re.fullmatch(r"(?:1[89]|20)\d\d", _norm(vt)):
            return None
        return _build(text, m, lex.noun_kind[_norm(g["noun"])], None, bounds=bounds,
                      number_text=vt.strip(), adj_cls=adj_cls, victims=" ".join(adj) or None)
    if name == "singular":
        if _prev_word(text, m.start()) in lex.singular_blockers:
            return None
        verb = _norm(g["pverb"])
        if verb in ("missing", "still missing", "reported missing", "unaccounted for") \
                or verb in lex.needs_victim:
            return None  # "the cause was unaccounted for", "the arsenal was seized"
        return _build(text, m, lex.verb_kind[("passive", verb)], None, bounds=(1, 1), number_text="")
    if name == "passive":
        if _blocked(text, m.start(), vt) or _inside_quantity(text, m.start(), vt):
            return None
        if lex.rx_active_before.search(text[max(0, m.start() - 40):m.start()]):
            return None  # "killed 2 people and 3 others were injured": the 2 are the object
        verb = _norm(g["pverb"])
        kind = lex.verb_kind.get(("passive", verb)) or lex.verb_kind.get(("intransitive", verb))
        aux = _norm(g.get("aux") or "")
        bare = verb not in lex.intransitive and (not aux or aux in lex.perfect_aux)
        parts = _parse_victims(vt, strict=bare)
        if not parts:
            return None
        if verb in lex.needs_victim and any(p.cls is None for p in parts):
            return None  # "several documents were seized"
        if bare:
            if not _passive_ok(text, m.end()):
                return None  # "two gunmen killed a guard": active, the gunmen are not victims
        return _build(text, m, kind, vt, parts, appos=appos)
    return None


def _select(cands: list[_Candidate]) -> list[Toll]:
    """Longest non-overlapping candidates; on equal length the earlier pattern wins."""
    chosen: list[Toll] = []
    for c in sorted(cands, key=lambda c: (-(c.toll.end - c.toll.start), c.rank, c.toll.start)):
        t = c.toll
        if all(t.end <= o.start or t.start >= o.end for o in chosen):
            chosen.append(t)
    return sorted(chosen, key=lambda t: t.start)


def _merge_injured(text: str, tolls: list[Toll]) -> list[Toll]:
    """'Killing five and wounding 12': one killed toll that carries the injured count."""
    lex = _lexicon()
    out: list[Toll] = []
    i = 0
    while i < len(tolls):
        t = tolls[i]
        if i + 1 < len(tolls):
            u = tolls[i + 1]
            pair = {t.kind, u.kind}
            gap = text[t.end:u.start]
            if pair == {"killed", "injured"} and lex.rx_join.fullmatch(gap) and t.injured_min is None \
                    and u.injured_min is None:
                k, j = (t, u) if t.kind == "killed" else (u, t)
                out.append(replace(k, start=t.start, end=u.end, text=text[t.start:u.end],
                                   injured_min=j.min, injured_max=j.max,
                                   hedged=t.hedged or u.hedged, cumulative=t.cumulative or u.cumulative))
                i += 2
                continue
        out.append(t)
        i += 1
    return out


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _lexicon().rx_sentence_end.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def find_tolls(text: str) -> list[Toll]:
    """Every casualty count in `text` (a sentence, or a few), in reading order."""
    lex = _lexicon()
    if not text or not lex.rx_trigger.search(text):
        return []
    original, text = text, _unshout(text)
    tolls = _select(_candidates(text))
    if not tolls:
        return []
    spans = _sentence_spans(original)
    out = []
    for t in tolls:
        s, e = next(((a, b) for a, b in spans if a <= t.start < b), (0, len(text)))
        sentence = text[s:e]
        out.append(replace(t, hedged=t.hedged or bool(lex.rx_hedge.search(sentence)),
                           cumulative=t.cumulative or bool(lex.rx_cumulative.search(sentence))))
    out = _merge_injured(text, out)
    if text is not original:
        out = [replace(t, text=original[t.start:t.end]) for t in out]
    return out


def marks_running_total(text: str) -> bool:
    """Whether `text` holds wording that makes a toll in it a running total ("so far", "since the war")."""
    return bool(_lexicon().rx_cumulative.search(text))


def _unshout(text: str) -> str:
    """Wire copy in capitals ("12 SOLDIERS WERE KILLED") is read in lower case: the patterns tell
    "IS fighters" from "is" by case, which capitals would defeat. Offsets are unchanged."""
    letters = sum(c.isalpha() for c in text)
    upper = sum(c.isupper() for c in text)
    if letters and upper > 0.6 * letters:
        low = text.lower()
        if len(low) == len(text):
            return low
    return text


# --- the spaCy component -----------------------------------------------------------------------------

from bisect import bisect_left, bisect_right  # noqa: E402
from dataclasses import dataclass as _dataclass  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .syntax import tree_distance  # noqa: E402


@_dataclass(frozen=True)
class TollMention:
    """A casualty count found in the Doc (token offsets), with what `find_tolls` read from it."""

    start: int
    end: int
    toll: Toll

    def span(self, doc: Doc):
        return doc[self.start:self.end]


class TollFinder:
    """spaCy component: fills `doc._.tolls`, sentence by sentence."""

    def __init__(self, nlp: Language, name: str = "sitrep_tolls"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions = []
        for sent in doc.sents:
            for toll in find_tolls(sent.text):
                span = doc.char_span(sent.start_char + toll.start, sent.start_char + toll.end,
                                     alignment_mode="expand")
                if span is not None:
                    mentions.append(TollMention(span.start, span.end, toll))
        doc._.tolls = mentions
        return doc


ATTACH_REACH_BACK = 3  # sentences before a toll, in its paragraph, searched for the assault it counts
ATTACH_REACH_AHEAD = 1  # and after it ("Five people died. Gunmen had opened fire on a bus.")
DEFINITE = frozenset({"the", "those", "these", "all", "both"})


def attach_tolls(doc: Doc, events: list, tolls: list[TollMention]) -> None:
    """Give each toll to the assault it counts, and keep every claim about it.

    The assault is one in the toll's sentence (one with a known attacker first, then the nearest in
    the parse); a sentence with no assault in it ("The death toll rose to 31") counts the nearest
    assault told before it in its paragraph, else the one just after. A count repeated later ("the
    446 people") is not counted again. When one assault gets several killed counts, a revised figure
    ("rose to 31") replaces the earlier one, and figures from different sources ("the Observatory
    said 446; the ministry said 300") are kept side by side in `event.claims`, a list of (TollMention,
    (text, name) of its source or None); `event.toll` stays the first.
    """
    from .actors import published_iso
    from .quotes import attribution

    on = published_iso(doc)
    tellers = _Tellers([e for e in events if e.type == "ASSAULT"])
    counted: list[tuple[tuple, TollMention, object]] = []  # (kind, least figure), toll, assault: each given
    given: list[tuple[TollMention, object]] = []  # each killed count given, and its assault
    for toll in tolls:
        t = toll.toll
        key = (t.kind, t.min if t.min is not None else t.max)
        target = _assault_for(doc, toll, tellers)
        told = next((e for k, before, e in counted if k == key and _repeats(doc, toll, before, e, target)), None)
        if told is not None:
            _give(told, toll, None)  # "the 446 people": told before (an injured count it adds is kept)
            continue
        if target is None:
            continue
        counted.append((key, toll, target))
        told = _retold(doc, toll, target, given)
        if told is not None:
            target = told  # another figure for an incident already counted: one more claim about it
        elif t.kind == "killed" and not t.cumulative:
            given.append((toll, target))
        source = _toll_source(doc, toll, target, on, attribution)
        _give(target, toll, source, merged=told is not None)


RETOLD_REACH = 0.15  # across paragraphs, a figure this close (share of the larger) to the last one retells it


def _retold(doc: Doc, toll: TollMention, target, given: list):
    """The incident an earlier killed count was given to, when `toll` (another figure) tells that
    incident again rather than a new one ("Nineteen guards died in the raid ... The rebels said they
    had killed 25"; a lead's "at least 63 killed" and a later paragraph's "61 dead"); else None.

    The two must be one incident as far as the text tells (`_same_incident`), and the sentence has no
    word of a further count ("also", "another", "separate"). In the earlier count's paragraph that is
    enough; in a later paragraph the figure must also be close to the earlier one, as a revised or
    another source's count is, and the sentence must point back to the incident: the same known
    attacker, or "the attack", "the blast" (a close figure alone may be another incident's)."""
    t = toll.toll
    if t.kind != "killed" or t.cumulative or not given:
        return None
    before, incident = given[-1]
    if incident is target:
        return None  # the same assault: `_give` weighs the two figures
    b = before.toll
    if not _same_incident(incident, target, b, t):
        return None
    if not (_same_or_unknown(incident.actor2, target.actor2) or _same_sides(incident, target)):
        return None  # another figure needs more than a repeated one: no other target named either
    if not _figure(b) or not _figure(t):
        return None  # "no passengers were killed in the rescue; 21 died in the attack": two moments
    sentence = doc[toll.start].sent
    if sentence.start < before.end or _further(doc, toll):
        return None
    if any(_breaks(doc[i]) for i in range(before.end, sentence.start)):
        first, then = _figure(b), _figure(t)
        if first is None or then is None or abs(first - then) > max(2, RETOLD_REACH * max(first, then)):
            return None
        if not (_same_known_attacker(incident, target) or _points_back(doc, toll)):
            return None
    return incident


def _same_incident(incident, target, first: Toll, then: Toll) -> bool:
    """Could count `then` (going to assault `target`, or to none) be of the incident `incident` that
    count `first` went to? The attackers the same or unknown (or the same two sides in other roles),
    the place and the day agreeing, and the victims of one kind ("soldiers" then "policemen", civilians then combatants: two incidents)."""
    if target is not None and target is not incident:
        # the attackers; the victims are weighed by the counts' own nouns (`_same_victims`), as an
        # event's second actor is often a bystander the parse picked ("the militia said he was killed")
        sides = _same_or_unknown(incident.actor1, target.actor1) or _same_sides(incident, target)
        if not (sides and _place_agrees(incident, target) and _agree(_day_key(incident), _day_key(target))):
            return False
    return _same_victims(first, then)


def _same_sides(earlier, later) -> bool:
    """The same parties, whichever is said to act: "he opened fire on the patrol" and "the police
    shot back and he was killed" are one clash. The known names of one event are all among the
    other's."""
    first = {a.name for a in (earlier.actor1, earlier.actor2) if a is not None}
    then = {a.name for a in (later.actor1, later.actor2) if a is not None}
    return bool(first and then) and (first <= then or then <= first)


def _same_known_attacker(incident, target) -> bool:
    return (incident.actor1 is not None and target.actor1 is not None
            and incident.actor1.name == target.actor1.name)


def _points_back(doc: Doc, toll: TollMention) -> bool:
    """Does the toll's sentence name an incident told before ("in the attack", "this blast")?"""
    return bool(_lexicon().rx_anaphor.search(doc[toll.start].sent.text))


def _same_or_unknown(earlier, later) -> bool:
    """Two actors that may be one: either is unknown, or they have the same name."""
    return earlier is None or later is None or earlier.name == later.name


def _agree(earlier, later) -> bool:
    """Nothing new: the later one is unknown, or the same."""
    if later is None:
        return True
    return earlier is not None and getattr(earlier, "name", earlier) == getattr(later, "name", later)


def _place_agrees(earlier, later) -> bool:
    """The later event names no place, the same one, only the country the earlier one is in (a
    country is what an event with no place of its own is given from the article), or a region
    wider than a country."""
    first, then = getattr(earlier, "location", None), getattr(later, "location", None)
    if then is None or then.entry.country is None:
        return True  # no place, or a region wider than a country ("the Middle East"): nothing narrower
    if then.entry.kind == "country" or then.entry.precision == "country":
        return first is None or first.entry.country == then.entry.country
    return first is not None and (first.entry.name, first.entry.country) == (then.entry.name, then.entry.country)


def _day_key(event):
    date = getattr(event, "date", None)
    time = getattr(date, "time", None)
    return (time.start_date, time.end_date) if time is not None and time.start_date is not None else None


def _figure(toll: Toll) -> Optional[int]:
    return toll.min if toll.min is not None else toll.max


def _same_victims(first: Toll, then: Toll) -> bool:
    """Could both counts be of the same dead? Not civilians and combatants, nor two different named
    kinds of victim ("soldiers", "policemen"); "people" or no noun fits any."""
    if first.civilian is not None and then.civilian is not None and first.civilian != then.civilian:
        return False
    heads = [_victim_head(v) for v in (first.victims, then.victims)]
    if None in heads:
        return True
    if any(h in _lexicon().role_victims for h in heads):
        return True  # "15 militants were killed ... killing 15 attackers": the attackers were the militants
    table = _lexicon().victim_class
    if any(table.get(h) in (None, "unknown") for h in heads):
        return True
    return heads[0] == heads[1] or _plurals(heads[0]) & _plurals(heads[1]) != set()


def _victim_head(victims: Optional[str]) -> Optional[str]:
    words = _WORD.findall(victims or "")
    return words[-1].lower() if words else None


def _repeats(doc: Doc, toll: TollMention, before: TollMention, incident, target) -> bool:
    """Is `toll` the count `before` (same kind and figure, given to assault `incident`) told again?
    "The 446 people" anywhere after it; in its paragraph, a later sentence with the same figure
    ("Six raiders died at the depot. ... the guards fought back, killing six") when it may be the
    same incident (`_same_incident`: no other place, day, attacker or kind of victim) and does not
    say the count is a further one ("two civilians were also killed", "in a separate attack")."""
    if _definite(doc, toll):
        return True
    if not _same_incident(incident, target, before.toll, toll.toll):
        return False
    sentence = doc[toll.start].sent
    if sentence.start < before.end or any(_breaks(doc[i]) for i in range(before.end, sentence.start)):
        return False  # the same sentence (two groups of victims), or another paragraph
    return not _further(doc, toll)


def _further(doc: Doc, toll: TollMention) -> bool:
    """Does the sentence, up to the end of the count, say it is a further one ("In a separate attack,
    ...", "two others were also killed")? What follows the count ("..., and five others were
    injured") is about other victims."""
    sentence = doc[toll.start].sent
    own = toll.toll.text
    if toll.toll.injured_min is not None:  # "killing five and wounding 12": the killed part
        own = re.split(r",|\s(?:and|while|with|plus|leaving)\s", own, maxsplit=1)[0]
    return bool(_lexicon().rx_new_incident.search(doc[sentence.start:toll.start].text + " " + own))


def _definite(doc: Doc, toll: TollMention) -> bool:
    before = doc[toll.start - 1] if toll.start > 0 else None
    first = doc[toll.start]
    return (first.lower_ in DEFINITE) or (before is not None and before.lower_ in DEFINITE)


class _Tellers:
    """The assaults that tell each token: those whose sentence, or another sentence that tells the
    same event (`event.also`), holds it. An index of their token ranges built once per Doc, so a toll
    costs a bisection rather than a pass over every assault (a long live blog has hundreds of both)."""

    def __init__(self, assaults: list):
        self.assaults = assaults
        by_range: dict[tuple[int, int], list[int]] = {}
        for n, event in enumerate(assaults):
            for lo, hi in dict.fromkeys(tuple(r) for r in [event.sentence, *event.also]):
                if lo < hi:
                    by_range.setdefault((lo, hi), []).append(n)
        self.by_range = by_range
        self.ranges = sorted(by_range)
        self.starts = [lo for lo, _ in self.ranges]
        self.longest = max((hi - lo for lo, hi in self.ranges), default=0)

    def at(self, token_i: int) -> list:
        """The assaults that tell token `token_i`, in the order they were given."""
        # a range that holds token_i starts after token_i - longest and not after token_i
        first = bisect_left(self.starts, token_i - self.longest + 1)
        found: set[int] = set()
        for lo, hi in self.ranges[first:bisect_right(self.starts, token_i)]:
            if token_i < hi:
                found.update(self.by_range[(lo, hi)])
        return [self.assaults[n] for n in sorted(found)]


def _assault_for(doc: Doc, toll: TollMention, tellers: _Tellers):
    sentence = doc[toll.start].sent
    same = tellers.at(toll.start)
    if same:
        toll_root = doc[toll.start:toll.end].root
        return min(same, key=lambda e: (e.actor1 is None, e.mode == "destroy",
                                        tree_distance(doc[e.head], toll_root)))
    if toll.toll.kind not in ("killed", "injured"):
        return None
    for step in [-k for k in range(1, ATTACH_REACH_BACK + 1)] + list(range(1, ATTACH_REACH_AHEAD + 1)):
        other = _neighbour(doc, sentence, step)
        if other is None:
            continue
        found = tellers.at(other.start)
        if found:
            return found[-1] if step < 0 else found[0]
    return None


def _neighbour(doc: Doc, sentence, step: int):
    """The sentence `step` sentences away from `sentence` in the same paragraph, or None."""
    current = sentence
    for _ in range(abs(step)):
        if step < 0:
            if current.start == 0 or _breaks(doc[current.start - 1]):
                return None
            current = doc[current.start - 1].sent
        else:
            if current.end >= len(doc) or _breaks(doc[current.end - 1]) or _breaks(doc[current.end]):
                return None
            current = doc[current.end].sent
    return current


def _breaks(token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _toll_source(doc: Doc, toll: TollMention, target, on, attribution):
    """Who gives this figure: the speaker of the toll's own clause, else the event's source."""
    sentence = doc[toll.start].sent
    clause = SimpleNamespace(clause_head=doc[toll.start:toll.end].root.i,
                             sentence=(sentence.start, sentence.end), reporter_tokens=set())
    return attribution(doc, clause, on) or target.reported_by


def _give(target, toll: TollMention, source, merged: bool = False) -> None:
    """Give `toll` to assault `target`. `merged`: the toll was found to retell an incident counted
    before (`_retold`); a different figure it gives is one more claim, whoever gives it."""
    current = target.toll
    if current is None:
        target.toll, target.claims = toll, [(toll, source)]
        return
    cur, new = current.toll, toll.toll
    if new.kind == "killed" and cur.kind != "killed":
        if cur.kind == "injured" and new.injured_min is None:
            toll = TollMention(toll.start, toll.end, replace(new, injured_min=cur.min, injured_max=cur.max))
        target.toll, target.claims = toll, [(toll, source)]
        return
    if cur.kind == "killed" and new.kind == "injured":
        if cur.injured_min is None and cur.injured_max is None:
            target.toll = TollMention(current.start, current.end,
                                      replace(cur, injured_min=new.min, injured_max=new.max))
            target.claims = [(target.toll if m is current else m, s) for m, s in target.claims]
        return
    if new.kind != "killed" or cur.kind != "killed" or new.cumulative != cur.cumulative:
        return  # a running total and one incident's count are different figures
    if (new.min, new.max) == (cur.min, cur.max):
        # the same count told again: what it adds (the injured, the civilians among the dead) is kept
        more = {}
        if cur.injured_min is None and cur.injured_max is None and new.injured_min is not None:
            more.update(injured_min=new.injured_min, injured_max=new.injured_max)
        if cur.civilians_min is None and cur.civilians_max is None and new.civilians_min is not None:
            more.update(civilians_min=new.civilians_min, civilians_max=new.civilians_max)
        if more:
            target.toll = TollMention(current.start, current.end, replace(cur, **more))
            target.claims = [(target.toll if m is current else m, s) for m, s in target.claims]
        return
    if new.revised:
        target.toll, target.claims = toll, [(toll, source)]
        return
    claims = getattr(target, "claims", None) or [(current, target.reported_by)]
    if source is not None and all(_name(s) != _name(source) for _, s in claims):
        target.claims = claims + [(toll, source)]
    elif merged and all((m.toll.min, m.toll.max) != (new.min, new.max) for m, _ in claims):
        target.claims = claims + [(toll, source)]  # every claim kept, even one nobody is said to give


def _name(source) -> Optional[str]:
    return source[1] if source else None


@Language.factory("sitrep_tolls")
def make_toll_finder(nlp: Language, name: str) -> TollFinder:
    return TollFinder(nlp, name)
