"""The event vocabulary: trigger words, mode words and the PLOVER / CAMEO / ACLED codebook.

The knowledge lives in YAML files under ``kb/data/`` (``triggers.yaml``, ``modes.yaml``,
``codebook.yaml``); this module only loads them once, checks their shape, and answers the two
questions the event component asks on its hot path:

* which event, mode and codes do a trigger and the mode words around it add up to (:func:`resolve`);
* which ACLED event type does that event get, given who acted on whom (:func:`acled_for`).

Lemmas in the data are lower-cased en_core_web_sm lemmas: match them against
``token.lemma_.lower()`` (the model keeps the case of proper-noun lemmas, e.g. "IED").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping, Optional

from sitrep.cache import load_yaml
from sitrep.records import PLOVER_TYPES

POS_VALUES = frozenset({"NOUN", "VERB", "ADJ", "ANY"})
DATA_DIR = Path(__file__).resolve().parent / "data"

AcledPair = tuple[str, str]


# ----------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Trigger:
    """A word or phrase that expresses an event, and the codes it carries."""

    words: tuple[str, ...]
    pos: str
    head: int
    type: str
    mode: Optional[str]
    cameo: str
    acled: Optional[AcledPair] = None
    particle: Optional[str] = None
    ambiguous: bool = False
    note: Optional[str] = None
    objects: Optional[frozenset] = None  # lemmas one of which the head must take as object
    subject_acts: bool = False  # the grammatical subject acts, passive or not ("were seen")
    actor1: Optional[str] = None  # sector group actor1 must belong to ("armed"), else no event
    passive: bool = False  # only in the passive voice ("Al Shabaab were sighted")
    not_objects: Optional[frozenset] = None  # lemmas that, as its object, make it another event ("reached a deal")

    @property
    def phrase(self) -> str:
        """Space-joined lemmas: the key the component matches on."""
        return " ".join(self.words)

    @property
    def head_lemma(self) -> str:
        return self.words[self.head]


@dataclass(frozen=True)
class Mode:
    """A word that, near a trigger of `type`, sets the event's mode and refines its codes."""

    words: tuple[str, ...]
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    acled: Optional[AcledPair] = None
    note: Optional[str] = None
    # lemmas one of which the sentence must hold for the word to count ("mine" only beside "exploded",
    # "stepped on": a coal or gold mine is no weapon); empty: always counts
    needs: frozenset = frozenset()

    @property
    def phrase(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type as the codebook describes it."""

    name: str
    definition: str
    cameo: str
    cameo_roots: tuple[str, ...]
    modes: Mapping[str, str]  # PLOVER mode -> default CAMEO code

    def __getitem__(self, key: str):  # dict-style access: types["ASSAULT"]["modes"]
        return getattr(self, key)

    def allows_cameo(self, code: str) -> bool:
        return any(code.startswith(root) for root in self.cameo_roots)


@dataclass(frozen=True)
class AcledRule:
    type: str  # PLOVER type or "*"
    modes: Optional[frozenset]  # None = any mode; otherwise a set that may contain None
    actor1: Optional[str]  # sector group name, "known", or None (= anything)
    actor2: Optional[str]
    acled: Optional[AcledPair]


@dataclass(frozen=True)
class Codebook:
    """PLOVER types and modes, CAMEO codes, ACLED types and the rules that join them."""

    types: Mapping[str, PloverType]
    cameo: Mapping[str, str]  # every CAMEO event code sitrep uses -> name
    cameo_roots: Mapping[str, str]  # "01".."20" -> name
    acled_subtypes: Mapping[str, str]  # sub_event_type -> event_type
    acled_definitions: Mapping[AcledPair, str]
    sectors: Mapping[str, frozenset]  # sector group -> CAMEO sector codes
    mode_precedence: Mapping[str, Mapping[str, int]]  # type -> mode -> rank (0 = strongest)
    rules: tuple[AcledRule, ...] = field(repr=False)
    intent_as: Mapping[str, str] = field(default_factory=dict)  # type -> AGREE | THREATEN
    person_object_verbs: frozenset = frozenset()  # unresolved objects of these are civilians for ACLED
    protest_context: frozenset = frozenset()  # words that make an ambiguous protest word a protest
    lemma_fixes: Mapping[str, str] = field(default_factory=dict)  # word form -> the lemma the model misses
    peaceful_phrases: tuple = ()  # "no clashes", "without a fight": a takeover with no fighting
    peaceful_after_verbs: frozenset = frozenset()  # "took the town after the troops withdrew"
    demand_modals: frozenset = frozenset()  # "said that Sudan must return ...": a demand on Sudan
    demand_verbs: frozenset = frozenset()  # the speech verbs and nouns that report such a duty
    demand_cameo: str = "100"

    def intended_type(self, type: str) -> str:
        """The PLOVER type of a promised or intended `type` event: AGREE for cooperation,
        THREATEN for hostile acts, the type itself for verbal types."""
        return self.intent_as.get(type, type)

    @property
    def acled_pairs(self) -> frozenset:
        return frozenset(self.acled_definitions)


@dataclass(frozen=True)
class Resolution:
    """What a trigger and the mode words around it add up to."""

    mode: Optional[str]
    cameo: str
    acled: Optional[AcledPair]  # fixed by a word; None = let acled_for() decide from the actors


# ----------------------------------------------------------------------------- loading


def _read(name: str):
    """A data file, parsed (with the C loader, and kept parsed in the cache folder: see cache.py)."""
    return load_yaml(DATA_DIR / name)


def _pair(value) -> Optional[AcledPair]:
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise ValueError(f"ACLED value must be [event_type, sub_event_type], got {value!r}")
    return (str(value[0]), str(value[1]))


def _words(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split()
    words = tuple(str(w) for w in value)
    if not words or any(not w or w != w.lower() or " " in w for w in words):
        raise ValueError(f"words must be non-empty lower-case lemmas, got {value!r}")
    return words


@lru_cache(maxsize=1)
def load_codebook() -> Codebook:
    raw = _read("codebook.yaml")
    types = {}
    for name, spec in raw["plover"].items():
        if name not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {name!r} in codebook")
        modes = {m: str(v["cameo"]) for m, v in (spec.get("modes") or {}).items()}
        types[name] = PloverType(
            name=name,
            definition=spec["definition"],
            cameo=str(spec["cameo"]),
            cameo_roots=tuple(str(r) for r in spec["cameo_roots"]),
            modes=MappingProxyType(modes),
        )
    acled_subtypes, acled_defs = {}, {}
    for event_type, subs in raw["acled"].items():
        for sub, definition in subs.items():
            acled_subtypes[sub] = event_type
            acled_defs[(event_type, sub)] = definition
    sectors = {k: frozenset(v) for k, v in raw["sectors"].items()}
    rules = []
    for r in raw["acled_rules"]:
        modes = r.get("mode", "*")
        rules.append(AcledRule(
            type=r.get("type", "*"),
            modes=None if modes == "*" else frozenset(modes),
            actor1=None if r.get("actor1", "*") == "*" else r["actor1"],
            actor2=None if r.get("actor2", "*") == "*" else r["actor2"],
            acled=_pair(r.get("acled")),
        ))
    precedence = {
        t: MappingProxyType({m: i for i, m in enumerate(order)})
        for t, order in raw.get("mode_precedence", {}).items()
    }
    return Codebook(
        types=MappingProxyType(types),
        cameo=MappingProxyType({str(k): v for k, v in raw["cameo"].items()}),
        cameo_roots=MappingProxyType({str(k): v for k, v in raw["cameo_roots"].items()}),
        acled_subtypes=MappingProxyType(acled_subtypes),
        acled_definitions=MappingProxyType(acled_defs),
        sectors=MappingProxyType(sectors),
        mode_precedence=MappingProxyType(precedence),
        rules=tuple(rules),
        intent_as=MappingProxyType(dict(raw.get("intent_as") or {})),
        person_object_verbs=frozenset(_words(raw.get("person_object_verbs") or ["kill"])),
        protest_context=frozenset(_words(raw.get("protest_context") or ["protester"])),
        lemma_fixes=MappingProxyType({str(k): str(v) for k, v in (raw.get("lemma_fixes") or {}).items()}),
        peaceful_phrases=tuple(" ".join(_words(p)) for p in (raw.get("peaceful_takeover") or {}).get("phrases", ())),
        peaceful_after_verbs=frozenset(_words((raw.get("peaceful_takeover") or {}).get("after_verbs") or ["flee"])),
        demand_modals=frozenset(_words((raw.get("reported_demands") or {}).get("modals") or ["must"])),
        demand_verbs=frozenset(_words((raw.get("reported_demands") or {}).get("verbs") or ["say"])),
        demand_cameo=str((raw.get("reported_demands") or {}).get("cameo") or "100"),
    )


@lru_cache(maxsize=1)
def load_hazards() -> frozenset:
    """Lemmas (and two-lemma phrases) of natural hazards, accidents and illnesses: causes of death that
    make no political event (``hazards.yaml``)."""
    raw = _read("hazards.yaml")
    out = set()
    for kind, words in raw.items():
        if not isinstance(words, list) or not words:
            raise ValueError(f"hazards.yaml: {kind!r} must be a non-empty list")
        out.update(" ".join(_words(w)) for w in words)
    return frozenset(out)


@lru_cache(maxsize=1)
def _triggers() -> tuple[Trigger, ...]:
    out = []
    for e in _read("triggers.yaml"):
        words = _words(e["words"])
        pos = e.get("pos", "ANY")
        if pos not in POS_VALUES:
            raise ValueError(f"bad pos {pos!r} for trigger {words}")
        head = e.get("head", 0 if pos == "VERB" else len(words) - 1)
        if not 0 <= head < len(words):
            raise ValueError(f"head {head} out of range for trigger {words}")
        out.append(Trigger(
            words=words,
            pos=pos,
            head=head,
            type=e["type"],
            mode=e.get("mode"),
            cameo=str(e["cameo"]),
            acled=_pair(e.get("acled")),
            particle=e.get("particle"),
            ambiguous=bool(e.get("ambiguous", False)),
            note=e.get("note"),
            objects=frozenset(_words(e["objects"])) if e.get("objects") else None,
            subject_acts=bool(e.get("subject_acts", False)),
            actor1=e.get("actor1"),
            passive=bool(e.get("passive", False)),
            not_objects=frozenset(_words(e["not_objects"])) if e.get("not_objects") else None,
        ))
    return tuple(out)


def load_triggers() -> list[Trigger]:
    """Every trigger, in file order (a fresh list over cached, immutable entries)."""
    return list(_triggers())


@lru_cache(maxsize=1)
def trigger_index() -> Mapping[str, tuple[Trigger, ...]]:
    """Triggers by head lemma: the component's first, O(1) filter."""
    index: dict[str, list[Trigger]] = {}
    for t in _triggers():
        index.setdefault(t.head_lemma, []).append(t)
    return MappingProxyType({k: tuple(v) for k, v in index.items()})


@lru_cache(maxsize=1)
def _mode_table() -> Mapping[tuple[str, str], Mode]:
    table: dict[tuple[str, str], Mode] = {}
    for e in _read("modes.yaml"):
        words = _words(e["words"])
        m = Mode(
            words=words,
            type=e.get("type", "ASSAULT"),
            mode=e.get("mode"),
            cameo=None if e.get("cameo") is None else str(e["cameo"]),
            acled=_pair(e.get("acled")),
            note=e.get("note"),
            needs=frozenset(_words(e["needs"])) if e.get("needs") else frozenset(),
        )
        key = (m.phrase, m.type)
        if key in table:
            raise ValueError(f"mode phrase {m.phrase!r} listed twice for {m.type}")
        table[key] = m
    return MappingProxyType(table)


@lru_cache(maxsize=1)
def load_modes() -> Mapping[str, Mode]:
    """Mode phrase (space-joined lemmas) -> Mode, for ASSAULT where the phrase has an ASSAULT
    reading, else for the first type the file lists it under.  Use :func:`mode_for` to ask about
    another event type."""
    out: dict[str, Mode] = {}
    for (phrase, etype), m in _mode_table().items():
        if phrase not in out or etype == "ASSAULT":
            out[phrase] = m
    return MappingProxyType(out)


def mode_for(phrase: str, event_type: str) -> Optional[Mode]:
    """The mode word `phrase` (space-joined lemmas) as it bears on an event of `event_type`."""
    return _mode_table().get((phrase, event_type))


@lru_cache(maxsize=1)
def mode_phrases() -> frozenset:
    """Every mode phrase of any type, for building a PhraseMatcher once."""
    return frozenset(p for p, _ in _mode_table())


# ----------------------------------------------------------------------------- resolving


def _parallel(trigger_code: str, mode_code: str) -> str:
    """Map a mode's CAMEO code onto the trigger's family where CAMEO runs two in parallel:
    appeals (02x) mirror demands (10x); investigations (091-094) mirror accusations (1121-1124)."""
    if trigger_code.startswith("02") and mode_code.startswith("10"):
        return "02" + mode_code[2:]
    if trigger_code.startswith("09") and mode_code in ("1121", "1122", "1123", "1124"):
        return "09" + mode_code[3]
    return mode_code


def _refines(trigger_code: str, code: str) -> bool:
    """True when `code` is a more specific code in the trigger's own CAMEO family."""
    if code == trigger_code or code[:2] != trigger_code[:2]:
        return False
    generic = len(trigger_code) == 3 and trigger_code.endswith("0")
    return generic or code.startswith(trigger_code)


def resolve(trigger: Trigger, modes: Iterable[Mode] = ()) -> Resolution:
    """Combine a trigger with the mode words found around it.

    For ASSAULT the codebook's ``mode_precedence`` decides: the act ("assassinate") beats the
    weapon ("car bomb") for mode and CAMEO, while ACLED follows the strongest entry that names an
    ACLED pair.  For other types the trigger's own mode stands and a mode word may only sharpen the
    CAMEO code within the trigger's family ("urge" 020 + "ceasefire" -> 0256).
    Mode words of other event types are ignored.
    """
    cands = [m for m in modes if m.type == trigger.type]
    if not cands:
        return Resolution(trigger.mode, trigger.cameo, trigger.acled)
    rank = load_codebook().mode_precedence.get(trigger.type)
    if rank is not None:
        worst = len(rank) + 1
        entries = [(trigger.mode, trigger.cameo, trigger.acled)]
        entries += [(m.mode, m.cameo or trigger.cameo, m.acled) for m in cands]
        order = sorted(entries, key=lambda e: worst if e[0] is None else rank.get(e[0], worst - 1))
        best = order[0]
        acled = next((e[2] for e in order if e[2] is not None), None)
        if best[0] is None:  # no entry names a mode
            return Resolution(None, trigger.cameo, acled)
        return Resolution(best[0], best[1], acled)
    mode, cameo, acled = trigger.mode, trigger.cameo, trigger.acled
    for m in cands:
        if mode is None and m.mode is not None:
            mode = m.mode
        if m.cameo is not None and cameo == trigger.cameo:
            code = _parallel(trigger.cameo, m.cameo)
            if _refines(trigger.cameo, code):
                cameo = code
        if acled is None and m.acled is not None:
            acled = m.acled
    return Resolution(mode, cameo, acled)


def sector_in(sector: Optional[str], group: Optional[str]) -> bool:
    """Whether a CAMEO sector code belongs to a codebook sector group ("armed", "civilian"...)."""
    return _sector_in(sector, group, load_codebook().sectors)


def _sector_in(sector: Optional[str], group: Optional[str], sectors: Mapping[str, frozenset]) -> bool:
    if group is None:
        return True
    if sector is None:
        return False
    if group == "known":
        return True
    return sector.upper() in sectors.get(group, frozenset())


def acled_for(
    type: str,
    mode: Optional[str],
    actor1_sector: Optional[str],
    actor2_sector: Optional[str],
    trigger_acled: Optional[AcledPair] = None,
) -> Optional[AcledPair]:
    """ACLED (event_type, sub_event_type) for a PLOVER event, or None where ACLED would not code it.

    `trigger_acled` (an ACLED pair fixed by the trigger or a mode word, e.g. "grenade") wins.
    Otherwise the codebook's ``acled_rules`` are tried in order: weapon modes first, then crowds,
    then the sides (armed against armed = Battles; against civilians = Violence against civilians).
    Sectors are CAMEO actor types ("MIL", "REB", "CVL"...); "PRT" marks protesters.
    """
    if trigger_acled is not None:
        return tuple(trigger_acled)  # type: ignore[return-value]
    return _acled_rule(type, mode, actor1_sector, actor2_sector)


@lru_cache(maxsize=4096)
def _acled_rule(type: str, mode: Optional[str], a1: Optional[str], a2: Optional[str]) -> Optional[AcledPair]:
    cb = load_codebook()
    for rule in cb.rules:
        if rule.type != "*" and rule.type != type:
            continue
        if rule.modes is not None and mode not in rule.modes:
            continue
        if _sector_in(a1, rule.actor1, cb.sectors) and _sector_in(a2, rule.actor2, cb.sectors):
            return rule.acled
    return None
