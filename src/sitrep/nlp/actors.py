"""Actors: who is named in the article, and who a noun phrase or a pronoun stands for.

Mentions come from the knowledge base (countries, capitals as governments, seats of government,
demonyms, intergovernmental organisations, armed groups, office holders) matched over the text, from
the model's PERSON and ORG entities, and from sector nouns ("rebels", "warplanes"). The events and
quotes components then ask `actor_for(token)`: what actor does the phrase headed by this token denote?
That answer combines the mentions inside the phrase: "his Jordanian counterpart Nasser Judeh" is a
person of Jordan's government; "Russian warplanes" is Russia's military; "he" is the last person named.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

import spacy
from spacy.attrs import DEP, LOWER, POS, TAG
from spacy.language import Language
from spacy.parts_of_speech import NOUN, PRON, PROPN, VERB
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..cache import cached, load_yaml
from ..gazetteer import compass_words  # the one compass list (place_words.yaml)
from ..gazetteer import load_gazetteer
from ..kb import Entity, load_kb, normalize
from ..kb.actors import country_on
from ..kb.actors import fingerprint as _kb_fingerprint
from ..records import Actor


PHRASE_WORDS_FILE = Path(__file__).resolve().parents[1] / "kb" / "data" / "phrase_words.yaml"


@lru_cache(maxsize=1)
def phrase_words() -> dict[str, frozenset[str]]:
    """The word lists of kb/data/phrase_words.yaml (what a phrase is about), by section; read once."""
    return {section: frozenset(str(w).lower() for w in words)
            for section, words in load_yaml(PHRASE_WORDS_FILE).items()}


# words of a title that name no sector themselves ("Lt.", "Deputy", "former"): see phrase_words.yaml
_TITLE_PREFIXES = phrase_words()["title_prefixes"]


# Dependency labels that leave a noun phrase: what hangs below them is another phrase or clause.
_NOT_IN_PHRASE = {"relcl", "acl", "advcl", "conj", "cc", "prep", "punct", "ccomp", "xcomp", "parataxis",
                  "dep", "mark", "agent", "dative", "attr", "preconj"}
_PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_THING_PRONOUNS = {"it", "its"}
_PLURAL_PRONOUNS = {"they", "them", "their"}
_NAMED_KINDS = frozenset({"person", "group", "igo", "seat"})  # known to the KB: what it says
# Sectors of a state's own organs, which take the article's country when the text names none.
HOME_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
_KIND_PRIORITY = {"person": 0, "group": 1, "igo": 2, "seat": 3, "country": 4, "capital": 5, "demonym": 6}


@dataclass(frozen=True)
class ActorMention:
    """A piece of text that names or describes an actor (token offsets into the Doc)."""

    start: int
    end: int
    kind: str  # person, group, igo, seat, country, capital, demonym, name (an unknown PERSON/ORG), sector
    name: str
    country: Optional[str] = None
    sector: Optional[str] = None
    members: Optional[tuple[str, ...]] = None
    role: Optional[str] = None
    home: Optional[str] = None  # kind "context": the country the article must be about for this to be `name`

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def _entity_mention(start: int, end: int, entity: Entity) -> ActorMention:
    sector = entity.sector
    if sector is None and entity.kind in ("capital", "seat"):
        sector = "GOV"
    return ActorMention(start, end, entity.kind, entity.name, entity.country, sector,
                        tuple(entity.members) if entity.members else None)


def _case_fits(kb, span: Span) -> bool:
    """An alias matched case-insensitively must still look like a name: "US" not "us", "IS" not "is"."""
    text = span.text
    if kb.is_acronym_only(normalize(text)):
        return text.isupper()
    return text[:1].isupper() or text[:1].isdigit()


class AliasIndex:
    """Every knowledge-base alias as the lowercase token sequence the tokenizer makes of it, looked up
    token by token: the matches a PhraseMatcher on LOWER would give, without building a Doc per alias.

    Tokenizing the ~13,000 written forms costs about a second; the sequences are cached between
    processes (`cache.py`), keyed by the knowledge base's fingerprint and the tokenizer's model.
    """

    def __init__(self, sequences):
        self.sequences = frozenset(sequences)
        # looked up by the hashes of the lowercase forms, which a Doc hands over as one array
        self._hashed = frozenset(tuple(get_string_id(w) for w in seq) for seq in self.sequences)
        lengths: dict[int, set[int]] = {}
        for seq in self._hashed:
            lengths.setdefault(seq[0], set()).add(len(seq))
        self.lengths = {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}

    @classmethod
    def build(cls, nlp: Language, kb, use_cache: bool = True) -> "AliasIndex":
        def tokenize() -> frozenset:
            # the forms as written: the tokenizer splits "u.s." but keeps "U.S." whole
            keys = [*kb.aliases, *(k for k in kb.context_aliases if k not in kb.aliases)]
            forms = [form for key in keys if len(key) >= 2 for form in (key, *sorted(kb.forms.get(key, ())))]
            return frozenset(seq for seq in (tuple(t.lower_ for t in doc)
                                             for doc in nlp.tokenizer.pipe(forms, batch_size=1000)) if seq)
        return cls(cached("actor-aliases", _index_key(nlp), tokenize) if use_cache else tokenize())

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        """(start, end) of every alias in the Doc, overlapping ones included."""
        lowers = doc.to_array(LOWER).tolist() if len(doc) else []
        found = []
        n = len(lowers)
        lengths, hashed = self.lengths, self._hashed
        for i, word in enumerate(lowers):
            for length in lengths.get(word, ()):
                if i + length <= n and tuple(lowers[i:i + length]) in hashed:
                    found.append((i, i + length))
        return found


def _index_key(nlp: Language) -> str:
    """The knowledge base's fingerprint with the tokenizer that split its aliases (and this module,
    which chooses what is split)."""
    meta = nlp.meta
    text = f"{_kb_fingerprint()}|{hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}|{spacy.__version__}|{meta.get('lang')}|{meta.get('name')}|{meta.get('version')}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class ActorRecognizer:
    """spaCy component: fills `doc._.actors` and `doc._.coref`."""

    def __init__(self, nlp: Language, name: str = "sitrep_actors"):
        self.name = name
        self.kb = load_kb()
        self.aliases = AliasIndex.build(nlp, self.kb)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self._kb_mentions(doc)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        for ent in doc.ents:
            if len(ent) == 1 and self.kb.sector_of(ent.text.lower()):
                continue  # "Police", "TikToker": a sector noun the model took for a name
            if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound", "nmod"):
                continue  # "Socialist prime minister": a word about the head, not an actor
            if len(ent) == 1 and ent.label_ in ("PERSON", "ORG") and ent[0].pos_ in ("ADJ", "VERB", "ADV") \
                    and (ent[0].is_sent_start or ent[0].dep_ == "amod"):
                continue  # "Coordinated airstrikes ...": a word about the noun, capitalized by its place
            if ent.label_ in ("PERSON", "ORG", "NORP") and not any(t.i in taken for t in ent):
                misspelled = _misspelled_country(self.kb, ent[0]) if len(ent) == 1 else None
                if misspelled is not None:  # "Quatar", "Ghanians": the model took it for a name
                    mentions.append(_entity_mention(ent.start, ent.end, misspelled))
                    taken.add(ent.start)
                    continue
                name = _clean_name(ent)
                if name:
                    kind = "name" if ent.label_ != "NORP" else "group"
                    # "Karachi Police", "Special Forces of the army", "Lt. Gen. Prosper Avril": a name the
                    # KB lacks still says what it is
                    sector = self._head_sector(ent.root) if ent.label_ == "ORG" else \
                        self._title_sector(ent) if ent.label_ == "PERSON" else None
                    mentions.append(ActorMention(ent.start, ent.end, kind, name, sector=sector))
                    taken.update(t.i for t in ent)
        # what follows only reads nouns and names, and nouns the model tagged as verbs where a noun stands
        # ("the law enforcers sprayed bullets": "enforcers" as a verb that is the subject)
        for token in _tokens_with_pos(doc, _NOUNS, also=_verbs_as_nouns(doc)):
            # a name the model missed, as the subject of a verb: "Nisreen El-Shamayleh ... said"
            if token.i not in taken and token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass") \
                    and not token.ent_type_ and not self.kb.sector_of(token.lower_):
                left = token.i
                while left > 0 and doc[left - 1].i not in taken and (
                        doc[left - 1].dep_ == "compound" and doc[left - 1].pos_ == "PROPN"
                        or doc[left - 1].text == "-" and doc[left - 1].head.i == token.i):
                    left -= 1
                if token.i - left >= 1:
                    span = doc[left:token.i + 1]
                    mentions.append(ActorMention(left, token.i + 1, "name", _clean_name(span)))
                    taken.update(range(left, token.i + 1))
                    continue
            if token.i in taken or token.pos_ not in ("NOUN", "PROPN", "VERB"):
                continue
            misspelled = _misspelled_country(self.kb, token)
            if misspelled is not None:
                mentions.append(_entity_mention(token.i, token.i + 1, misspelled))
                taken.add(token.i)
                continue
            if token.ent_type_ in ("GPE", "LOC", "FAC") and token.pos_ == "PROPN":
                continue  # "West Bank", "Gold Coast": a place's name, not a bank
            # the noun with its compounds first: "air force" and "security forces" are not "force(s)"
            phrase = _compound_phrase(token)
            if token.pos_ == "VERB" and token.i > 0 and doc[token.i - 1].pos_ == "NOUN":
                phrase = f"{doc[token.i - 1].lower_} {token.lower_}"  # "law" was parsed as its subject
            sector = (self.kb.sector_of(phrase) if " " in phrase else None) \
                or self.kb.sector_of(token.lemma_.lower()) or self.kb.sector_of(token.text.lower()) \
                or _named_party(token)
            if sector:
                role = self.kb.role_of(phrase)
                mentions.append(ActorMention(token.i, token.i + 1, "sector", token.lemma_.lower(),
                                             sector=sector, role=role))
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.actors = mentions
        doc._.coref = _resolve_pronouns(doc, mentions)
        return doc

    def _head_sector(self, token: Token) -> Optional[str]:
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        phrase = _compound_phrase(token)
        return (self.kb.sector_of(phrase) if " " in phrase else None) or self.kb.sector_of(token.lemma_.lower()) \
            or self.kb.sector_of(token.text.lower()) or ("MIL" if token.lower_ == "force" else None) \
            or _named_party(token)  # "the Zahra party": a party the KB lacks

    def _title_sector(self, ent: Span) -> Optional[str]:
        """The sector of the titles a person's name opens with ("Lt. Gen.", "Archbishop", "Police Chief")."""
        titles = []
        for token in ent[:-1]:
            if token.is_title and self.kb.sector_of(token.lower_.rstrip(".")) is None and token.lower_ not in _TITLE_PREFIXES:
                break
            titles.append(token.lower_.rstrip("."))
        if not titles:
            return None
        return self.kb.sector_of(" ".join(titles)) or next(
            (self.kb.sector_of(t) for t in reversed(titles) if self.kb.sector_of(t)), None)

    def _kb_mentions(self, doc: Doc) -> list[ActorMention]:
        spans = []
        for start, end in self.aliases(doc):
            span = doc[start:end]
            if not _case_fits(self.kb, span):
                continue
            if all(t.pos_ in ("DET", "ADP", "PRON", "AUX", "CCONJ", "PUNCT") for t in span):
                continue
            if _negated(span):
                continue  # "(non-AUSSOM)": the text says it is not this actor
            spans.append(span)
        spans = filter_spans(spans)
        candidates = [self.kb.lookup(span.text) for span in spans]
        # countries the article names without doubt decide between homonyms ("SNA" in Somalia or Syria)
        evidence = Counter(entities[0].country for entities in candidates
                           if len({e.country for e in entities}) == 1 and entities[0].country)
        mentions = []
        for span, entities in zip(spans, candidates):
            if not entities:
                # "FC" is Pakistan's Frontier Corps only in a story about Pakistan: decided by `actor_for`
                # against the article's focus, which the places stage works out after this one
                context = self.kb.context_lookup(span.text)
                if len(context) == 1 and span.text[:1].isupper():
                    mentions.append(ActorMention(span.start, span.end, "context", context[0].name,
                                                 sector=context[0].sector, home=context[0].country))
                continue
            entity = _choose_entity(span, entities, evidence)
            if entity is not None and entity.kind == "person" and _glosses_a_name(span):
                continue  # "Montenegro Municipality Association (AKK)": that body's acronym, not a person
            if entity is not None and entity.kind == "group" and entity.country and _glosses_a_name(span) \
                    and _glossed_name_countries(span, spans, candidates) - {entity.country}:
                continue  # "Bangladeshi Security Forces (BSF)": the text's own acronym, not India's BSF
            if entity is not None and not _inside_other_name(span, entity):
                mentions.append(_other_body(_entity_mention(span.start, span.end, entity), doc))
        return mentions


def _glosses_a_name(span: Span) -> bool:
    """An acronym in brackets right after a capitalized name: the abbreviation of that name."""
    doc = span.doc
    return span.text.isupper() and span.start >= 2 and doc[span.start - 1].text == "(" \
        and (span.end == len(doc) or doc[span.end].text == ")") and doc[span.start - 2].text[:1].isupper()


def _glossed_name_countries(span: Span, spans: list[Span], candidates: list[list[Entity]]) -> set[str]:
    """The countries that the capitalized name an acronym in brackets glosses names by a country or demonym
    ("Bangladeshi" in "Bangladeshi Security Forces (BSF)")."""
    doc = span.doc
    lo = span.start - 2
    while lo > 0 and (doc[lo - 1].text[:1].isupper() or doc[lo - 1].lower_ in ("of", "the", "and", "for")):
        lo -= 1
    return {e.country for other, entities in zip(spans, candidates) if lo <= other.start and other.end <= span.start - 1
            for e in entities if e.kind in ("country", "demonym") and e.country}


def _misspelled_country(kb, token: Token) -> Optional[Entity]:
    """'Ethopia has agreed', 'Quatar's emir': a capitalized word one letter off a country's name or
    demonym, that is no person's name nor a place the gazetteer knows by that spelling."""
    if not token.text[:1].isupper() or len(token.text) < 6 or token.ent_type_ == "PERSON":
        return None
    doc = token.doc
    if (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN") or (
            token.i > 0 and doc[token.i - 1].pos_ == "PROPN" and doc[token.i - 1].head.i == token.i):
        return None  # one word of a longer name ("Indira Gandhi")
    if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _PLACE_NOUNS:
        return None  # "Burungi village" is no Burundi
    entities = kb.misspelled_country(token.text)
    # a place the gazetteer knows by that spelling is that place, unless it is the country itself
    # (its variant spellings find "Afganistan" too)
    if not entities or any(e.country != entities[0].country for e in load_gazetteer().lookup(token.text)):
        return None
    return next((e for e in entities if e.kind == "country"), entities[0]) if token.pos_ == "PROPN" \
        else next((e for e in entities if e.kind == "demonym"), entities[0])


def _ethnic(doc: Doc, mention: ActorMention) -> bool:
    if mention.kind != "demonym":
        return False
    before = doc[mention.start - 1].lower_ if mention.start > 0 else ""
    after = doc[mention.end].lower_ if mention.end < len(doc) else ""
    return before in ("ethnic", "ethnically") or after in ("minority", "minorities", "community", "communities",
                                                          "population", "populations") \
        or _people_of_another_place(doc, mention)


def _people_of_another_place(doc: Doc, mention: ActorMention) -> bool:
    """'the Albanians of southern Serbia', 'the Serbs of Bosnia': a people named by its plural demonym as
    the people of another country's land lives there, not in the state its name comes from ("Syrians in
    Lebanon", who may be there for a while, keep their own)."""
    if mention.end - mention.start != 1:
        return False
    token = doc[mention.start]
    if token.tag_ not in ("NNS", "NNPS"):
        return False  # "Syrians" yes; "Syria", "Syrian" (troops) no
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            inside = {t.i for t in prep.subtree}
            if any(p.start in inside and p.entry.country and p.entry.country != mention.country
                   and getattr(p, "descriptor", None) != "demonym"  # "of the Israeli-occupied West Bank"
                   for p in doc._.places or []):
                return True
    return False


def _choose_entity(span: Span, entities: list[Entity], evidence: Counter | None = None) -> Entity | None:
    """Pick among homonyms with the model's entity label ("Jordan" the PERSON is still the country
    unless the knowledge base knows a person of that name), then with the countries the article names
    elsewhere ("SNA" beside "Al Shabaab" is Somalia's army, beside "Idlib" Syria's)."""
    if not entities:
        return None
    if len(entities) == 1:
        return entities[0]
    evidence = evidence or Counter()
    ents = _entities_within(span)
    label = ents[0].label_ if ents else ""
    head = span.root
    def score(entity: Entity) -> tuple:
        fit = 0
        if label == "PERSON" and entity.kind == "person":
            fit = -2
        elif label in ("GPE", "LOC") and entity.kind in ("country", "capital"):
            fit = -2
        elif label == "NORP" and entity.kind == "demonym":
            fit = -2
        elif label == "ORG" and entity.kind in ("igo", "group", "seat"):
            fit = -2
        if entity.kind == "demonym" and head.pos_ == "PROPN" and head.dep_ not in ("amod", "compound"):
            fit += 1  # "Jordan" is not a demonym
        state = 0 if not described_as_state else (0 if entity.sector in HOME_SECTORS else 1)
        return (fit, -evidence.get(entity.country, 0), state, _KIND_PRIORITY.get(entity.kind, 9))
    described_as_state = _described_as_state(span)
    return min(entities, key=score)


_STATE_WORDS = frozenset({"government", "federal", "state", "national", "regime", "official"})


def _described_as_state(span: Span) -> bool:
    """'government security forces (SNA)': an acronym glossed as a state's own forces."""
    root = span.root
    around = list(span.doc[max(span.sent.start, span.start - 4):span.start])
    if root.dep_ == "appos":
        around += [t for t in root.head.subtree if t.i < span.start]
    return any(t.lower_ in _STATE_WORDS for t in around)


# Words after a name that make it a place's name ("Masisi territory"), not a person's.
_PLACE_NOUNS = frozenset({"territory", "district", "province", "region", "county", "town", "village", "city",
                          "area", "valley", "state", "governorate", "prefecture", "municipality", "sector",
                          "neighbourhood", "neighborhood", "township", "camp", "river", "lake", "mountains"})
# Words after a name that make it the name of a local area ("Shabak area", "Bandar village"), said of
# a named body's one-word alias: such a name is a place there, whatever body the KB knows by it.
_AREA_NOUNS = frozenset({"area", "village", "town", "district", "valley", "township", "tehsil", "subdistrict",
                         "sub-district", "neighbourhood", "neighborhood", "locality", "upazila"})
# Last words of a building's or a landmark's name: a capital inside one is an address, not a government.
_FACILITY_NOUNS = frozenset({"centre", "center", "university", "hospital", "airport", "hotel", "stadium", "school",
                             "college", "mosque", "church", "market", "prison", "jail", "street", "road", "avenue",
                             "bridge", "square", "mall", "station", "tower", "club", "institute", "academy"})


def _inside_other_name(span: Span, entity: Entity) -> bool:
    """A country, capital or person alias that is only a piece of a longer name: "Tirah Valley" is no
    mention of The Valley (Anguilla), "Masisi territory" no mention of President Masisi, "the
    Ouagadougou Centre" no mention of Burkina Faso's government."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if entity.kind in ("group", "igo", "seat") and len(span) == 1 and after is not None \
            and after.lower_ in _AREA_NOUNS and not span.text.isupper() \
            and not (span.start > 0 and doc[span.start - 1].pos_ in ("DET", "PRON")):
        return True  # "in Shabak area" is a place; "the Houthi area", "PKK area" name the body's ground
    if entity.kind == "group" and entity.sector == "GOV" and len(span) == 1 and not span.text.isupper() \
            and after is not None and after.text[:1].isupper() and after.pos_ == "PROPN":
        # "Puntland Quick Response Force": a territory's name opening a body's, as a country's would. The
        # one-word GOV names not in capitals are all territories named as their government (Somaliland,
        # Puntland, Transnistria...); a one-word GOV group of another kind would need its own flag here
        return True
    if entity.kind not in ("capital", "country", "person"):
        return False
    if entity.kind == "person" and len(span) == 1 and after is not None and after.lower_ in _PLACE_NOUNS:
        return True
    ent = entity_around(doc, span.start)
    before = doc[span.start - 1] if span.start > 0 else None
    if entity.kind == "capital" and len(span) == 1 and before is not None and before.pos_ == "PROPN" \
            and before.text[:1].isupper() and before.head.i == span.start and before.dep_ == "compound" \
            and not _direction_of(before, span, entity) and not before.ent_type_ in ("NORP",):
        return True  # "Tirah Valley", "Khas Valley": a place name ending in a capital's name
    if ent is None or (ent.start, ent.end) == (span.start, span.end):
        # the model's entity may stop short: a capitalized word right after ("Ouagadougou Centre")
        return entity.kind == "capital" and after is not None and after.lower_ in _FACILITY_NOUNS \
            and after.text[:1].isupper()
    if entity.kind == "capital" and ent[-1].lower_ in _FACILITY_NOUNS:
        return True
    # "Tirah Valley": another proper name right before or after the alias, in one place name
    # ("Mogadishu - Hodan" is two places)
    touching = [doc[i] for i in (span.start - 1, span.end) if ent.start <= i < ent.end]
    return ent.label_ in ("GPE", "LOC", "FAC") and entity.kind != "person" and any(
        t.pos_ == "PROPN" and t.text[:1].isupper() and not _direction_of(t, span, entity) for t in touching)


def _direction_of(word: Token, span: Span, entity: Entity) -> bool:
    """A direction word that leaves the name it touches the same country ("Northern Mali", "South
    Lebanon", "West Beirut"), not one that makes it the name of a place elsewhere, as the gazetteer
    knows: "Lower Juba" (Somalia) is no mention of South Sudan's capital."""
    if not _all_aliases([word]):
        return False
    doc = span.doc
    longer = load_gazetteer().lookup(doc[min(word.i, span.start):max(word.i + 1, span.end)].text)
    return not longer or entity.country is None or any(e.country == entity.country for e in longer)


def entity_around(doc: Doc, i: int) -> Optional[Span]:
    """The model's entity holding token i, found from the IOB tags (no walk over doc.ents)."""
    if doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def _entities_within(span: Span) -> list[Span]:
    """The model's entities wholly inside `span`, as `span.ents` gives them, read from the IOB tags:
    `span.ents` walks every entity of the Doc, and phrases are asked about once per event."""
    doc = span.doc
    found = []
    for i in range(span.start, span.end):
        if doc[i].ent_iob_ == "B":
            ent = entity_around(doc, i)
            if ent.end <= span.end:
                found.append(ent)
    return found


def _all_aliases(tokens: list[Token]) -> bool:
    """'North Korea' style names are aliases of their own; a direction word ("Northern") before a country is
    still the country."""
    return all(t.lower_ in _DIRECTIONS or t.lower_ == "greater" for t in tokens)


# words of direction or position that open a name without changing what it names ("Northern Syria",
# "Central Kurram", "Upper Dir"): the one list in kb/data/place_words.yaml the places stage reads too
_DIRECTIONS = compass_words()
_NOT_THIS_ACTOR = ("non", "anti", "pro")


def _negated(span: Span) -> bool:
    """'non-AUSSOM', 'non-IS': a name the text excludes; 'anti-Syria journalist', 'pro-Russian
    separatists': a name the actor is for or against, not the actor (a Lebanese journalist, Ukrainian
    separatists)."""
    doc = span.doc
    first = span.start
    if first >= 2 and doc[first - 1].text in ("-", "‐", "–") and doc[first - 2].lower_ in _NOT_THIS_ACTOR:
        return True
    return first >= 1 and doc[first - 1].lower_ in ("non-", "non", "anti-", "pro-")


def _clean_name(span: Span) -> str:
    tokens = [t for t in span if not (t.dep_ == "case" or t.text in ("'s", "’s", "the", "The"))]
    name = " ".join(t.text for t in tokens).replace(" - ", "-").strip(" ,.")
    return name.rstrip(" (") if name.count("(") > name.count(")") and name.endswith("(") else name


def _compound_phrase(token: Token) -> str:
    """'foreign minister' for the token 'minister' in 'Russian Foreign Minister Sergey Lavrov'."""
    left = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i
            and c.ent_type_ not in ("NORP", "GPE")]
    words = [t.text.lower() for t in left[-2:]] + [token.text.lower()]
    return " ".join(words)


def _resolve_pronouns(doc: Doc, mentions: list[ActorMention]) -> dict[int, ActorMention]:
    """Third-person pronouns to the most recent compatible mention before them.

    A pronoun that is the subject of a speech verb prefers the last named speaker: in news, "she said"
    after a quote continues the last attributed voice, even when another person was named in between.
    A possessive or object pronoun prefers the subject of its own sentence ("He visited Moscow for
    talks with Putin in his first visit": his = he).
    """
    coref: dict[int, ActorMention] = {}
    persons: list[ActorMention] = []
    speakers: list[ActorMention] = []
    things: list[ActorMention] = []
    plural: list[ActorMention] = []
    subject_of_sentence: dict[int, ActorMention] = {}
    thing_at: dict[int, ActorMention] = {}  # head token -> a mention "it" can stand for
    by_start = {m.start: m for m in mentions}
    for token in _tokens_with_pos(doc, _PRONOUNS, also=by_start):  # mentions and pronouns, in order
        mention = by_start.get(token.i)
        if mention is not None:
            root = doc[mention.start] if mention.end - mention.start == 1 else mention.span(doc).root
            if mention.kind == "person" or (mention.kind == "name" and _looks_like_person(doc, mention)):
                persons.append(mention)
                if _is_speaker(root):
                    speakers.append(mention)
                if root.dep_ == "nsubj":
                    subject_of_sentence[root.sent.start] = mention
            elif mention.kind in ("country", "capital", "seat", "igo", "group"):
                things.append(mention)
                if mention.kind == "group" and root.tag_ in ("NNS", "NNPS"):
                    plural.append(mention)  # "Hirshabelle police forces ... They looted"
            elif mention.kind == "sector" and token.tag_ in ("NNS", "NNPS"):
                plural.append(mention)
            elif _unknown_body(root, mention):
                things.append(mention)  # "the national teachers' union said it ...": a body the KB lacks
            if things and things[-1] is mention:
                thing_at[root.i] = mention
            continue
        lower = token.text.lower()
        if token.pos_ != "PRON":
            continue
        if lower in _PERSON_PRONOUNS:
            if _is_speaker(token) and speakers:
                coref[token.i] = speakers[-1]
                continue
            own_subject = subject_of_sentence.get(token.sent.start)
            if token.dep_ != "nsubj" and own_subject is not None:
                coref[token.i] = own_subject
            elif persons:
                coref[token.i] = persons[-1]
                if _is_speaker(token):
                    speakers.append(persons[-1])
                if token.dep_ == "nsubj":
                    subject_of_sentence[token.sent.start] = persons[-1]
        elif lower in _THING_PRONOUNS and things:
            coref[token.i] = _reporting_subject(token, thing_at) or things[-1]
        elif lower in _PLURAL_PRONOUNS and plural:
            coref[token.i] = plural[-1]
    return coref


_NOUNS = frozenset({NOUN, PROPN})
_PRONOUNS = frozenset({PRON})
_BODY_NOUNS = phrase_words()["body_nouns"]


def _reporting_subject(token: Token, thing_at: dict[int, ActorMention]) -> Optional[ActorMention]:
    """"A mining company in Peru said it had stopped work": the subject of the speech verb whose reported
    clause "it" is the subject of, rather than the last place named inside that subject's phrase."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ccomp":
        return None
    verb = token.head.head
    if verb.lemma_ not in SPEECH_LEMMAS or any(
            c.dep_ in ("dobj", "dative", "iobj") or c.dep_ == "prep" and c.lower_ == "to" for c in verb.children):
        return None  # "Britain told Iran that it must ...": 'it' may be the one told
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return thing_at.get(subject.i) if subject is not None else None


def _unknown_body(root: Token, mention: ActorMention) -> bool:
    """A body the KB does not know, which "it" can stand for: an organisation's name of two words or more
    the model found (one word the model calls ORG is as often a surname or a place), or a singular
    phrase headed by a body noun ("the union", "a mining company")."""
    if mention.kind == "name":
        return mention.end - mention.start >= 2 and root.ent_type_ == "ORG" \
            and not root.doc[mention.start].ent_type_ == "PERSON"
    return mention.kind == "sector" and root.tag_ == "NN" and root.lemma_.lower() in _BODY_NOUNS


_NOMINAL_DEPS = frozenset(get_string_id(d) for d in ("nsubj", "nsubjpass", "dobj", "pobj"))
_VBG = get_string_id("VBG")


def _verbs_as_nouns(doc: Doc) -> set[int]:
    """Tokens tagged as finite verbs (not '-ing' forms) in a noun's place in the parse: a subject or
    an object ("law enforcers" parsed with "enforcers" as VBZ). The sector lexicon decides whether
    one names an actor."""
    if not len(doc):
        return set()
    rows = doc.to_array([POS, DEP, TAG]).tolist()
    return {i for i, (pos, dep, tag) in enumerate(rows)
            if pos == VERB and dep in _NOMINAL_DEPS and tag != _VBG}



def _tokens_with_pos(doc: Doc, pos: frozenset, also=()) -> list[Token]:
    """The tokens of these parts of speech (and at the positions `also`), in order, without making a
    Token object for every word of the article."""
    tags = doc.to_array(POS).tolist() if len(doc) else []
    return [doc[i] for i, tag in enumerate(tags) if tag in pos or i in also]


def _looks_like_person(doc: Doc, mention: ActorMention) -> bool:
    tokens = [doc[i] for i in range(mention.start, mention.end)]
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return True
    if len(tokens) < 2:
        return False
    root = mention.span(doc).root
    return root.ent_type_ == "" and root.pos_ == "PROPN"


SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "announce", "declare", "report", "claim", "insist",
                           "explain", "warn", "note", "write", "tweet", "post", "confirm", "argue",
                           "allege", "deny", "acknowledge", "admit", "stress", "urge", "continue",
                           "predict", "recall", "describe", "quote", "estimate"})


def _is_speaker(token: Token) -> bool:
    return token.dep_ in ("nsubj",) and token.head.lemma_ in SPEECH_LEMMAS


# --- What actor does a phrase denote? -------------------------------------------------------------

def phrase_tokens(token: Token) -> list[Token]:
    """The noun phrase headed by `token`, without its clauses, prepositional phrases or conjuncts —
    except where a named entity spans them ("Syrian Observatory for Human Rights")."""
    out = [token]
    ent = entity_around(token.doc, token.i)
    ent_range = range(ent.start, ent.end) if ent is not None else None
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in _NOT_IN_PHRASE and not (ent_range and child.i in ent_range):
            continue
        if child.dep_ == "appos" and child.i > token.i and any(
                c.dep_ == "nummod" and c.i < child.i and c.like_num for c in child.children):
            continue  # "clashed with police 1 TTP commander ...": a count starts another phrase, no gloss
        if child.dep_ == "advmod" and child.i < token.i and child.i + 1 < len(token.doc) \
                and token.doc[child.i + 1].text == ",":
            continue  # "Besides, the law enforcers": a sentence adverb the parse hung on the noun
        out.append(child)
        stack.extend(child.children)
    return sorted(out, key=lambda t: t.i)


def conjuncts(token: Token) -> list[Token]:
    """The token and the heads it is coordinated with ("Russia and Jordan")."""
    return [token, *token.conjuncts]


def _mentions_by_edge(doc: Doc, mentions: list) -> dict[int, tuple[int, ...]]:
    """Token index -> positions in `mentions` of those starting or ending there, built once per list:
    `actor_for` runs for every phrase events and quotes ask about, and scanning all of an article's
    mentions each time made long articles quadratic."""
    cached = doc.user_data.get("sitrep_mentions_by_edge")
    if cached is not None and cached[0] is mentions:
        return cached[1]
    at: dict[int, list[int]] = {}
    for n, m in enumerate(mentions):
        at.setdefault(m.start, []).append(n)
        if m.end - 1 != m.start:
            at.setdefault(m.end - 1, []).append(n)
    index = {i: tuple(ns) for i, ns in at.items()}
    doc.user_data["sitrep_mentions_by_edge"] = (mentions, index)
    return index


def actor_for(token: Token, on: Optional[str] = None) -> Optional[Actor]:
    """The actor the phrase headed by `token` stands for, or None when it names nobody; of the state
    that existed on the day `on` (else the publication date): "Juba" in 1995 is Sudan's."""
    return _of_its_day(_phrase_actor(token, on), on or published_iso(token.doc))


def _of_its_day(actor: Optional[Actor], on: Optional[str]) -> Optional[Actor]:
    """An actor of a state that split off another (kb/data/successors.yaml) before it did is of the
    state it was part of: the SPLA of 1995 is Sudanese."""
    if actor is None or not on:
        return actor
    country = country_on(actor.country, on)
    members = [country_on(m, on) for m in actor.members] if actor.members else actor.members
    if country == actor.country and members == actor.members:
        return actor
    return actor.model_copy(update={"country": country, "members": members})


def _phrase_actor(token: Token, on: Optional[str] = None) -> Optional[Actor]:
    doc = token.doc
    if token.tag_ == "VBG" and token.dep_ in ("nsubj", "nsubjpass"):
        subject = next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")), None)
        if subject is not None:
            return _phrase_actor(subject, on)  # "the Red Cross operating in Iraq said": the parse made
            # the participle the subject and the body its own subject
    mentions = doc._.actors or []
    antecedent_head = _relative_antecedent(token)
    if antecedent_head is not None:
        return actor_for(antecedent_head, on)
    if token.pos_ == "PRON" or token.lower_ in _PERSON_PRONOUNS:
        antecedent = (doc._.coref or {}).get(token.i)
        if antecedent is None:
            return None
        text = antecedent.span(doc).text
        if antecedent.kind not in _NAMED_KINDS:
            # a name the KB lacks is what its whole phrase says ("he" after "King Hassan of Morocco")
            root = antecedent.span(doc).root
            if root.pos_ != "PRON":
                whole = actor_for(root, on)
                if whole is not None:
                    return whole.model_copy(update={"text": text})
        actor = _actor_from_mentions([antecedent], token, on, text=text)
        return actor if antecedent.kind in _NAMED_KINDS else _at_home(actor, doc)
    if token.lower_ in _QUANTITY_HEADS:
        if token.dep_ == "quantmod" and token.head.lower_ in _QUANTITY_HEADS:
            token = token.head  # "Hundreds of thousands of people": the parse hangs the first on the second
        counted = _counted(token, on)
        if counted is not None:
            return counted
    tokens = phrase_tokens(token)
    first = _first_of_list(token, tokens)
    if first is not None:
        listed = _phrase_actor(first, on)
        if listed is not None:
            return listed
    ids = {t.i for t in tokens}
    # mentions inside the phrase; pronoun possessives ("his") do not make the phrase theirs
    at = _mentions_by_edge(doc, mentions)
    hits = sorted({n for i in ids for n in at.get(i, ())})
    inside = [_in_context(mentions[n], doc) for n in hits]
    owner: set[int] = set()
    if token.lower_ in _RELATION_NOUNS:
        # "Israel's militia ally": the possessor is the other side of the relation, not this actor
        owner = {t.i for c in token.children if c.dep_ == "poss" for t in c.subtree}
        inside = [m for m in inside if m.start not in owner]
    if not inside and token.lower_ in _MEMBER_WORDS:
        inside = _named_after_of(doc, token, inside, mentions)
    earlier = _definite_antecedent(doc, token, tokens, inside, mentions)
    if earlier is not None:
        start = tokens[0].i + (tokens[0].pos_ == "DET")
        text = doc[start:tokens[-1].i + 1].text
        if earlier.kind == "name":
            # a person the KB lacks is what the phrase that named them says ("Prime Minister X of Laos")
            root = earlier.span(doc).root
            whole = actor_for(root, on) if root.i != token.i else None
            if whole is not None:
                return whole.model_copy(update={"text": text})
        named = _actor_from_mentions([earlier], token, on, text=text)
        if named is not None:
            return named
    if not inside:
        head = token.head
        if token.ent_type_ == "NORP" and token.dep_ in ("amod", "nmod", "compound") and head.i > token.i \
                and head.pos_ == "NOUN" and any(m.kind == "sector" for m in _mentions_at(doc, head.i)):
            # "Moslem" in "gunmen attacked Moslem traders": a faith or party word the KB does not
            # know, said of people, names those people
            return _phrase_actor(head, on)
        return None
    lo, hi = tokens[0].i, tokens[-1].i + 1
    while lo < hi and doc[lo].pos_ in ("DET", "PUNCT", "CCONJ") and doc[lo].lower_ not in ("us",):
        lo += 1
    while hi > lo and doc[hi - 1].pos_ in ("PUNCT",):
        hi -= 1
    if hi < len(doc) and doc[hi].text == ")" and sum(t.text == "(" for t in doc[lo:hi]) > \
            sum(t.text == ")" for t in doc[lo:hi]):
        hi += 1  # "government soldiers (SNA)": the bracket the phrase opened closes with it
    text = doc[lo:hi].text
    if _capital_as_place(doc, token, inside):
        return None
    if not any(m.kind in _NAMED_KINDS for m in inside):
        inside = inside + [m for m in _named_after_of(doc, token, inside, mentions) if m not in inside]
    actor = _actor_from_mentions(inside, token, on, text=text)
    # an actor the KB knows is what the KB says; descriptions ("the army", "police") and people it does not
    # know ("President Bouteflika" before 2010) take the place the phrase names, else the article's country
    known = [m for m in inside if m.kind in _NAMED_KINDS]
    if known and actor is not None and actor.country is None and actor.sector is None \
            and all(m.kind == "group" and m.country is None and m.sector is None for m in known):
        # a name the model took for a people and the KB does not hold ("shelling around Hodeidah", "West
        # Africans ordered out of Nigeria") is of the place it is, or the place its phrase names; no
        # further (a people is not of whatever place its sentence names: "Europeans ... U.S. protection")
        located = _in_place(actor, doc, tokens, token)
        return located if located is not None else actor
    if known:
        return _described_stranger(doc, token, known, actor, on) or actor
    placed = _in_place(actor, doc, [t for t in tokens if t.i not in owner] if owner else tokens, token)
    result = _in_unplaced_text(_at_home(_in_sentence(placed, doc, token), doc), doc, token)
    if result is not None and result.country is None and result.sector is None and token.lower_ in _KIN_HEADS:
        home = home_country(doc)  # "the Hawiye clan": a kin group of the country the article is about
        return result.model_copy(update={"country": home}) if home else result
    head = token.head
    if result is not None and result.country is None and token.dep_ == "appos" and head.i < token.i \
            and head.pos_ == "NOUN" and head.dep_ != "appos":
        # "the opposition newspaper El Diario": a name the KB lacks is what the noun it glosses says
        described = actor_for(head, on)
        if described is not None and described.name == result.name and described.country:
            return result.model_copy(update={"country": described.country, "sector": result.sector or described.sector})
    return result


_QUANTITY_HEADS = phrase_words()["quantity_heads"]
_KIN_HEADS = phrase_words()["kin_group_heads"]
_PARTY_HEADS = phrase_words()["party_heads"]
_SOCIAL_PARTY_WORDS = phrase_words()["social_party_words"]
_STANDING_HEADS = phrase_words()["standing_heads"]
_RELATION_NOUNS = phrase_words()["relation_nouns"]


def _named_party(token: Token) -> Optional[str]:
    """PTY for the head of a party's name ("the Zahra (Blossom) party", "the Labour Party"): a proper name right
    before the party noun (or before its parenthesis), no ordinary noun between, and no feast or gathering
    ("the Khan wedding party", "a Christmas party in Kabul")."""
    if token.lower_ not in _PARTY_HEADS:
        return None
    doc = token.doc
    i = token.i - 1
    if i >= 0 and doc[i].text == ")":  # "the Zahra (Blossom) party": the name is before the gloss
        opening = next((j for j in range(i - 1, max(i - 8, -1), -1) if doc[j].text == "("), None)
        i = opening - 1 if opening is not None else -1
    if i >= 0 and doc[i].tag_ == "POS":  # "the Workers' Party"
        i -= 1
    if i < 0:
        return None
    name = doc[i]
    if name.lower_ in _SOCIAL_PARTY_WORDS or name.ent_type_ in ("DATE", "EVENT", "TIME"):
        return None
    one_name = token.ent_type_ == "ORG" and name.ent_type_ == "ORG" and name.ent_iob_ != "O" \
        and token.ent_iob_ == "I"  # the model read "X Party" as one organisation's name
    proper = name.pos_ == "PROPN" or one_name and name.pos_ != "NOUN"
    return "PTY" if proper and (name.is_title or name.is_upper) else None


# Sectors of private people: a name the text glosses as one of these ("X, a fisherman") is not a public
# figure of the same name
_PRIVATE_SECTORS = frozenset({"CVL", "BUS", "AGR", "EDU", "LAB", "REF", "HLH", "MED", "REL", "CRM"})


def _described_stranger(doc: Doc, head: Token, known: list[ActorMention], actor: Optional[Actor],
                        on: Optional[str]) -> Optional[Actor]:
    """'Ali Yusuf Ahmed, a Kenyan herder, said ...': a name the KB holds for a public figure, glossed
    by the text as a private person ("a farmer", "a trader") and in no office on the day, is that
    private person: the text's own description beats a namesake in the KB."""
    person = next((m for m in known if m.kind == "person"), None)
    if actor is None or person is None or len(known) > 1:
        return None
    gloss = next((c for t in (head, doc[person.end - 1]) for c in t.children
                  if c.dep_ == "appos" and c.i >= person.end and c.pos_ == "NOUN"
                  and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children)), None)
    if gloss is None or any(t.lower_ in ("former", "ex", "retired") for t in gloss.subtree):
        return None
    described = _phrase_actor(gloss, on)
    if described is None or described.sector not in _PRIVATE_SECTORS:
        return None
    entity = load_kb().person(person.name)
    day = on or published_iso(doc)
    if entity is not None and day and any(r.start <= day <= (r.end or "9999") for r in load_kb().roles(entity.id)):
        return None  # in office that day: the gloss is the text's aside, not another man
    return Actor(text=actor.text, name=doc[person.start:person.end].text, country=described.country,
                 sector=described.sector)


def _first_of_list(head: Token, tokens: list[Token]) -> Optional[Token]:
    """'army soldiers (AAA), police (BBB), and AU troops fought': a list of three or more the parse
    hung on its last item, the first item as a modifier or subject of it, the others as glosses. The
    list is several actors and its first is the one named first, as where the parse gets the list right
    (the events stage codes one event per item, the first first): the head of that first item, else None."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    doc = head.doc
    lo = tokens[0].i
    ids = {t.i for t in tokens}
    ands = [t for t in doc[lo:head.i] if t.dep_ == "cc" and t.lower_ == "and" and lo <= t.head.i <= head.i]
    if not ands:
        return None
    commas = [i for i in range(lo, ands[0].i) if doc[i].text == ","]
    if len(commas) < 2:
        return None  # two items in the phrase: the parse split the list, the first item stands apart
    hi = commas[0]
    first = [t for t in doc[lo:hi] if not (lo <= t.head.i < hi)]
    # one phrase of its own (not one word: "the Defence, Interior and Foreign ministries" is one body)
    if len(first) != 1 or hi - lo < 2 or first[0].pos_ not in ("NOUN", "PROPN") or first[0].head.i not in ids:
        return None
    return first[0]


def _counted(token: Token, on: Optional[str]) -> Optional[Actor]:
    """'thousands of residents', 'hundreds of thousands of people': a count is the people it counts."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                    return actor_for(obj, on)
    return None


def _relative_antecedent(token: Token) -> Optional[Token]:
    """'fighters who attacked a checkpoint': the relative pronoun stands for the noun its clause
    describes."""
    if token.tag_ not in ("WP", "WDT") or token.lower_ not in ("who", "which", "that"):
        return None
    verb = token.head
    if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return None
    return verb.head


# "the group", "the militants", "the minister": a definite description of an actor named before
_GROUP_NOUNS = phrase_words()["group_nouns"]
_ARMED_NOUNS = phrase_words()["armed_nouns"]
_OFFICE_NOUNS = phrase_words()["office_nouns"]
_NON_STATE = frozenset({"REB", "INS", "SEP"})


def _definite_antecedent(doc: Doc, head: Token, tokens: list[Token], inside: list[ActorMention],
                         mentions: list[ActorMention]) -> Optional[ActorMention]:
    """'Al Shabaab attacked a base. The group claimed it': a bare definite description ("the group",
    "the militants", "the minister") stands for the last actor named before it, in this sentence or the
    two before, that it can describe: a named group, a non-state armed group, a person in office."""
    word = head.lower_
    # "the prime minister", "the interior minister": a title in words, said of the person named with it
    title = [c for c in head.children if c.dep_ in ("compound", "amod") and c.i < head.i] \
        if word in _OFFICE_NOUNS else []
    if any(m.kind != "sector" for m in inside) or len(tokens) > 3 + len(title) \
            or not any(t.lower_ == "the" and t.dep_ == "det" and t.head.i == head.i for t in tokens) \
            or any(c.dep_ in ("prep", "appos", "acl", "relcl", "compound", "nmod", "poss") and c not in title
                   for c in head.children) \
            or any(not c.is_lower or c.ent_type_ or list(c.children) for c in title):
        return None  # "the president of Armenia", "the group's leader" say more than "the X"
    if word in _GROUP_NOUNS:
        fits = lambda m: m.kind == "group" or (m.kind == "igo" and word.startswith("organi"))  # noqa: E731
    elif word in _ARMED_NOUNS:
        fits = lambda m: m.kind == "group" and m.sector in _NON_STATE  # noqa: E731
    elif word in _OFFICE_NOUNS:
        words = {word} | {c.lower_ for c in title}

        def fits(m: ActorMention) -> bool:
            # a person the KB knows ("the minister" after "Sergey Lavrov"), or one named with every word
            # of this title just before the name ("the prime minister" after "Prime Minister Tran Van Long")
            titled = words <= {t.lower_ for t in doc[max(0, m.start - len(words) - 2):m.start]}
            return (m.kind == "person" and (titled or not title)) \
                or (m.kind == "name" and titled and _looks_like_person(doc, m))
    else:
        return None
    starts = _sentence_starts(doc)
    n = bisect_right(starts, head.i) - 1
    first = starts[max(0, n - 2)]
    for m in reversed(mentions):
        if m.end <= tokens[0].i and m.start >= first and fits(m):
            return m
        if m.start < first:
            break
    return None


_MEMBER_WORDS = phrase_words()["member_words"]  # "members of", "a delegation of": see phrase_words.yaml


def _named_after_of(doc: Doc, head: Token, inside: list[ActorMention], mentions: list[ActorMention],
                    ) -> list[ActorMention]:
    """'fighters of the APCLS-Nyatura coalition', 'inspectors of the IAEA', 'members of Hamas': people
    described as part of a named actor are that actor."""
    if not (head.lower_ in _MEMBER_WORDS or any(m.kind == "sector" and m.start <= head.i < m.end for m in inside)):
        return []
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    ids = {t.i for t in phrase_tokens(obj)}
                    found = [_in_context(m, doc) for m in mentions if m.start in ids]
                    named = [m for m in found if m.kind in ("group", "igo", "seat")]
                    if named:
                        return named
                    # "a member of the Syrian parliament": a state's body described, not named
                    described = [m for m in found if m.kind in ("country", "capital", "demonym", "sector")]
                    if head.lower_ in _MEMBER_WORDS and any(m.kind == "sector" for m in described) \
                            and any(m.kind != "sector" for m in described):
                        return described
    return []


def _in_context(mention: ActorMention, doc: Doc) -> ActorMention:
    """A context alias is its actor in a story about the actor's country, else an unknown name. A
    name the KB gives one actor and, in a story about another country, that country's actor too
    ("Congress": the US legislature; India's Congress party in a story about India) is the latter
    where the story's first focus is that country and not the former's."""
    if mention.kind != "context":
        return _home_reading(mention, doc)
    if _setting(doc).about(doc, mention.home):
        return replace(mention, kind="group", country=mention.home)
    return replace(mention, kind="name", name=mention.span(doc).text, sector=None)


def _home_reading(mention: ActorMention, doc: Doc) -> ActorMention:
    """Another reading of a named actor's name in a story set in that reading's country (see
    `_in_context`); the mention itself otherwise. The other readings: a context alias ("Congress": India's
    party), or a homonym the KB shares ("ANP": Algeria's army, Afghanistan's police, a Pakistani party),
    chosen before the places were known. Set there: a town or region of that country, or a body of it (a
    party, an armed group), is named, and nothing of the mention's own country is (the name itself and
    its other mentions aside). A country named only as such ("a deal with India") or a visiting leader
    sets no story there. Worked out once per mention and Doc (`actor_for` asks for every phrase)."""
    # a seat's name inside another body's ("Youth Congress": `_other_body`) has its readings too
    if not (mention.kind in ("seat", "group", "igo") and mention.country or mention.kind == "name"
            and mention.end - mention.start == 1 and mention.country is None):
        return mention
    setting = _setting(doc)
    if mention not in setting.readings:
        setting.readings[mention] = _other_reading(mention, doc, setting)
    other = setting.readings[mention]
    return mention if other is None else other


def _other_reading(mention: ActorMention, doc: Doc, setting: "_Setting") -> Optional[ActorMention]:
    """`_home_reading`'s answer, or None where the mention keeps its own."""
    text = mention.span(doc).text
    kb = load_kb()
    homonyms = kb.lookup(text) if mention.kind != "name" else []  # not the seat it was taken for
    readings = [e for e in (*kb.context_lookup(text), *homonyms)
                if e.name != mention.name and e.country and e.country != mention.country
                and e.kind in ("seat", "group", "igo")]
    if mention.kind == "name":
        # a body's longer name that holds a country's word is that country's ("the Ghana Trades Union
        # Congress" in a story set in India is not India's party)
        own = {e.country for word in mention.name.split() for e in kb.lookup(word)
               if e.kind in ("country", "demonym")}
        readings = [e for e in readings if e.country in own] if own else readings
    if not readings:
        return None
    apart = normalize(text)  # the name itself and its other mentions aside
    if setting.named(mention.country, apart):
        return None
    fits = [e for e in readings if setting.set_in(e.country, apart)]
    if len({e.country for e in fits}) != 1:
        return None
    other = fits[0]
    return replace(mention, kind="group" if other.kind != "seat" else "seat", name=other.name,
                   country=other.country, sector=other.sector or ("GOV" if other.kind == "seat" else None),
                   members=tuple(other.members) if other.members else None)


_LOCATIVE_PREPS = frozenset({"in", "from", "of", "throughout", "across", "inside"})


def _in_place(actor: Optional[Actor], doc: Doc, tokens: list[Token], head: Token) -> Optional[Actor]:
    """'Karachi Police', 'rebels in Darfur', 'opposition parties in Nepal': a description with no
    country of its own belongs to the country of the place it names."""
    if actor is None or actor.country or actor.sector in ("IGO", "NGO"):
        return actor
    where = {t.i for t in tokens}
    own = set(where)  # the phrase's own demonyms were read as its mentions (and an ethnic one dropped)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in _LOCATIVE_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    where.update(t.i for t in obj.subtree if t.dep_ not in ("relcl", "acl", "prep") or t is obj)
    by_start = _places_by_sentence(doc)[1]
    for _, place in sorted(entry for i in where for entry in by_start.get(i, ())):
        # a described person or body is not the place its head word names: "King Hassan" is no
        # mention of Hassan, India (an unknown name that is a place, "shut down Khatmandu", still is);
        # a longer name that holds it is in that place ("Baghdad University Medical School")
        descriptor = getattr(place, "descriptor", None)
        holds_head = place.start <= head.i < place.end
        if place.start in where and not (actor.sector and holds_head and place.end - place.start == 1) \
                and place.entry.country and not (descriptor == "demonym" and place.start in own) \
                and (descriptor != "nearby" or holds_head) and not _negated(doc[place.start:place.end]):
            return actor.model_copy(update={"country": _place_country(doc, place)})
    region = _region_in_name(doc, tokens, head)
    return actor.model_copy(update={"country": region}) if region else actor



def _region_in_name(doc: Doc, tokens: list[Token], head: Token) -> Optional[str]:
    """'Puntland Quick Response Force', 'Sindh Police': a body the KB does not know, named after a region
    the places stage left inside the name. Only a region or province the gazetteer gives to one country
    (not "Punjab", which two countries have)."""
    if head.ent_type_ != "ORG" or not head.text[:1].isupper():
        return None
    ent = entity_around(doc, head.i)
    if ent is None or any(m.kind != "name" for m in _mentions_at(doc, ent.start)):
        return None
    first = doc[ent.start + (doc[ent.start].lower_ == "the")]
    if first.i >= head.i or first.pos_ != "PROPN" or not first.text[:1].isupper():
        return None
    entries = [e for e in load_gazetteer().lookup(first.text) if e.kind in ("admin1", "region") and e.country]
    if not entries:
        return None
    top = max(getattr(e, "population", 0) or 0 for e in entries)
    countries = {e.country for e in entries if (getattr(e, "population", 0) or 0) * 10 >= top}
    return countries.pop() if len(countries) == 1 else None


# Prepositions after which a place is where something goes or is aimed at, not where an actor is:
# "troops sent to Iraq", "fire across the border into Pakistan", "protest against Israel".
_AWAY_PREPS = phrase_words()["away_preps"]


def _in_sentence(actor: Optional[Actor], doc: Doc, head: Token) -> Optional[Actor]:
    """'Police in Karachi conducted an operation', 'Egyptian police dispersed Moslem
    demonstrators', 'ethnic Turks protested against Sweden's decision': a description with no country
    of its own and none in its phrase belongs to the country of the nearest place its sentence names
    where something is (not a place things are sent to or aimed at, not another actor's nationality),
    before the article's country: a short report names the place, and a long one may be about
    several countries."""
    if actor is None or actor.country or actor.sector is None or actor.sector in ("IGO", "NGO"):
        return actor
    if head.ent_type_ == "PERSON":
        return actor  # a person the KB does not know is not from where the sentence happens
    sent = head.sent
    best = None
    # a town of a country the text never names is more often a homonym the gazetteer guessed ("a Toyota
    # vehicle", "Sui" in Balochistan) than where the actor is; the article's country is safer then
    named = _countries_evidenced(doc)
    for _, place in _places_by_sentence(doc)[0].get(sent.start, ()):
        country = _place_country(doc, place)
        if country not in named and not _unmistakable_town(doc, place):
            continue
        if not place.entry.country \
                or getattr(place, "descriptor", None) == "nearby" or place.start <= head.i < place.end:
            continue
        if not _where_actors_are(doc, doc[place.end - 1], getattr(place, "descriptor", None)) \
                or _negated(doc[place.start:place.end]):
            continue
        distance = min(abs(place.start - head.i), abs(place.end - 1 - head.i))
        if best is None or distance < best[0]:
            best = (distance, country)
    return actor.model_copy(update={"country": best[1]}) if best else actor


# A city this big that the gazetteer gives to one country ("in Tel Aviv", "in Karachi") says its country
# without the text naming it.
UNMISTAKABLE_POP = 100_000


def _unmistakable_town(doc: Doc, place) -> bool:
    """A big city with no namesake of its size elsewhere, named as where something is ("blew themselves
    up in Tel Aviv"): its country is no guess even where the text never names it."""
    entry = place.entry
    last = doc[place.end - 1]
    return entry.kind in ("city", "admin2") and (getattr(entry, "population", 0) or 0) >= UNMISTAKABLE_POP \
        and last.dep_ == "pobj" and last.head.lower_ in _PLACE_BEFORE \
        and _only_country(place.text, least=UNMISTAKABLE_POP) == entry.country


def _sentence_starts(doc: Doc) -> list[int]:
    """The first token of each sentence, in order, listed once per Doc."""
    starts = doc.user_data.get("sitrep_sentence_starts")
    if starts is None:
        starts = doc.user_data["sitrep_sentence_starts"] = [sent.start for sent in doc.sents]
    return starts


def _places_by_sentence(doc: Doc) -> tuple[dict, dict]:
    """doc._.places as (sentence start -> [(position, place)], first token -> [(position, place)]),
    built once per list: `actor_for` asks for every phrase, and scanning every place each time made
    long articles quadratic."""
    places = doc._.places or []
    cached = doc.user_data.get("sitrep_places_by_sentence")
    if cached is not None and cached[0] is places and cached[1] == len(places):
        return cached[2]
    by_sentence: dict[int, list] = {}
    by_start: dict[int, list] = {}
    for n, place in enumerate(places):
        by_sentence.setdefault(doc[place.start].sent.start, []).append((n, place))
        by_start.setdefault(place.start, []).append((n, place))
    index = (by_sentence, by_start)
    doc.user_data["sitrep_places_by_sentence"] = (places, len(places), index)
    return index


def _per_mentions(doc: Doc, name: str, build, also=None, places: bool = False):
    """`build(mentions)` worked out once per Doc, list of mentions and `also` (whatever else it reads):
    `actor_for` asks for every phrase events and quotes name, and working these out each time made long
    articles quadratic. Keyed by the list itself and its length, so a Doc whose mentions were replaced
    or grown never reads a stale value; `places`: by `doc._.places` the same way, for what reads them."""
    mentions = doc._.actors or []
    placed = doc._.places if places else None
    key = (len(mentions), also, len(placed) if placed is not None else None)
    cached = doc.user_data.get(name)
    if cached is not None and cached[0] is mentions and cached[1] is placed and cached[2] == key:
        return cached[3]
    value = build(mentions)
    doc.user_data[name] = (mentions, placed, key, value)
    return value


def _countries_named(doc: Doc) -> frozenset:
    """The countries the article names as such (a country, its capital, its demonym)."""
    return _per_mentions(doc, "sitrep_countries_named", lambda mentions: frozenset(
        m.country for m in mentions if m.kind in ("country", "capital", "demonym") and m.country))


def _division_countries_in(doc: Doc) -> frozenset:
    """Countries whose own local division words the text uses ("Debhata upazila" is in Bangladesh),
    once per Doc."""
    cached = doc.user_data.get("sitrep_division_countries")
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    ids = division_word_ids()
    found = frozenset(ids[x] for x in (doc.to_array(LOWER).tolist() if len(doc) else ()) if x in ids)
    doc.user_data["sitrep_division_countries"] = (len(doc), found)
    return found


def _country_names(doc: Doc) -> list[tuple[str, str]]:
    """(text, country) of each mention that names a country (itself, its capital, its demonym)."""
    return _per_mentions(doc, "sitrep_country_names", lambda mentions: [
        (doc[m.start:m.end].text, m.country) for m in mentions
        if m.kind in ("country", "capital", "demonym") and m.country])


@lru_cache(maxsize=1)
def division_word_ids() -> dict[int, str]:
    """division_countries() keyed by the string ids a Doc's LOWER array holds."""
    return {get_string_id(word): code for word, code in division_countries().items()}


def _countries_evidenced(doc: Doc) -> frozenset:
    """The countries the text itself says it is about: those it names (a country, its capital, its
    demonym) and those whose division words it uses. A town's country is only the gazetteer's guess."""
    return _countries_named(doc) | _division_countries_in(doc)


# A namesake in a country the text names wins over the gazetteer's choice elsewhere unless that one is
# this many times bigger: "Tripoli" beside "Lebanese" is Lebanon's (230,000 people against Libya's 1.3
# million); "Paris" beside "American" stays in France.
NAMESAKE_RATIO = 20


def _place_country(doc: Doc, place) -> Optional[str]:
    """The country of a place mention, as an actor takes it: the places stage's reading, unless the text
    names no such country but names one (or uses one's division words) where a town of that name lies
    too, and that town is not dwarfed by the one chosen ("militias in Tripoli ... the north Lebanese
    port"; "villagers at Kalna in Debhata upazila"). Worked out once per place and list of mentions."""
    countries = _per_mentions(doc, "sitrep_place_countries", lambda _: {}, places=True)
    key = (place.start, place.end, place.entry.country)
    if key not in countries:
        countries[key] = _reread_country(doc, place)
    return countries[key]


def _reread_country(doc: Doc, place) -> Optional[str]:
    country = place.entry.country
    # one name, one place: "Tirah" beside "Tirah Valley" is in the valley's country
    longer = next((p.entry.country for p in doc._.places or [] if p.entry.country and p.entry.country != country
                   and p.text.startswith(place.text + " ") and p.entry.kind in ("region", "admin1", "admin2")), None)
    if longer is not None:
        return longer
    # "Kalo upazila": a division word only one country uses says the country
    divisions = division_countries()
    owner = divisions.get(doc[place.end - 1].lower_) or (divisions.get(doc[place.end].lower_)
                                                          if place.end < len(doc) else None)
    if owner is not None:
        return owner
    # "Raman district of Yala", "Kalo town in Boda upazila": a place said to be of a division, or in
    # one, is in that division's country, whatever namesake the gazetteer found for its own name; "in"
    # never after where people come from ("refugees from Kalo in Boda province" are in the province)
    if place.end + 1 < len(doc) and (doc[place.end].lower_ == "of" and doc[place.end - 1].lower_ in _PLACE_AFTER
                                     or doc[place.end].lower_ == "in" and not _from_place(doc, place)):
        named = _named_division_country(doc, place.end + 1)
        if named is not None and (doc[place.end].lower_ == "of" or _namesake_in(place, named)):
            return named  # "in Boda upazila", whether or not the places stage kept the division as a place
        container = next((p for p in doc._.places or [] if p.start == place.end + 1
                          and p.entry.country and getattr(p, "descriptor", None) != "demonym"), None)
        if container is not None and (doc[place.end].lower_ == "of" or doc[container.end - 1].lower_ in _PLACE_AFTER
                                      or container.entry.kind in ("admin1", "admin2", "region")):
            inside = _place_country(doc, container)
            if doc[place.end].lower_ == "of" or _namesake_in(place, inside):
                return inside
    if not country or place.entry.kind not in ("city", "admin2", "admin1") \
            or getattr(place, "descriptor", None) in ("within", "nearby", "demonym", "capital"):
        return country
    # the place's own name counts for nothing: "Tripoli" read as Libya's capital names no Libya
    evidence = _division_countries_in(doc) | frozenset(
        named for text, named in _country_names(doc) if text != place.text)
    if not evidence or country in evidence:
        return country
    size = getattr(place.entry, "population", 0) or 0
    found = {}
    for entry in load_gazetteer().lookup_named(place.text):
        pop = getattr(entry, "population", 0) or 0
        if entry.country in evidence and entry.kind in ("city", "admin2", "admin1") and pop * NAMESAKE_RATIO >= size:
            found[entry.country] = max(found.get(entry.country, 0), pop)
    return next(iter(found)) if len(found) == 1 else country


def _named_division_country(doc: Doc, start: int) -> Optional[str]:
    """'Boda upazila' from token `start`: a name (up to four proper nouns) followed by a division word only
    one country uses gives that country, else None."""
    end = start
    while end < len(doc) and end - start < 4 and doc[end].pos_ == "PROPN" and doc[end].lower_ not in division_countries():
        end += 1
    return division_countries().get(doc[end].lower_) if start < end < len(doc) else None


def _namesake_in(place, country: Optional[str]) -> bool:
    """Whether a place said to lie 'in' a division of `country` can be there: a small town can be any
    village of its name; a big city only where the gazetteer holds a place of that name in that country
    ("Hyderabad in Sindh province" is Pakistan's; "shoppers in Aleppo in Hatay province" are in Syria's
    Aleppo, not in a Turkish one the gazetteer does not know)."""
    if country is None or country == place.entry.country:
        return True
    if (getattr(place.entry, "population", 0) or 0) < UNMISTAKABLE_POP:
        return True
    return any(e.country == country for e in load_gazetteer().lookup_exact(place.text))


def _from_place(doc: Doc, place) -> bool:
    """'refugees from Aleppo', 'families who fled Homs': a place named as where people came from."""
    head = doc[place.end - 1]
    while head.head.i != head.i and place.start <= head.head.i < place.end:
        head = head.head
    return (place.start > 0 and doc[place.start - 1].lower_ == "from") or (
        head.dep_ == "pobj" and head.head.lower_ == "from")


def _where_actors_are(doc: Doc, token: Token, descriptor: Optional[str]) -> bool:
    """A place mention that says where people are: not the object of a verb ("bombed Aleppo"), a place
    after "to"/"into"/"against" or the nationality of another actor ("Pakistani troops")."""
    if descriptor == "demonym" or token.dep_ in ("amod", "compound", "nmod"):
        head = token.head
        if head.i != token.i and head.pos_ in ("NOUN", "PROPN") and any(
                m.start <= head.i < m.end for m in _mentions_at(doc, head.i)):
            return False  # "Pakistani troops", "Indian posts" (an actor's or a target's adjective)
        if descriptor == "demonym" and head.i != token.i and head.pos_ == "PROPN" and head.is_title:
            return False  # "the Italian Club in Sabha": a word of a name, not where anyone is
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head  # "arms sales to Croatia and Ecuador"
    if _at_border(token):
        return False  # "near the Afghan border", "the border with Syria"
    if token.dep_ in ("dobj", "nsubjpass"):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in _AWAY_PREPS:
        return False
    return True


def _mentions_at(doc: Doc, i: int) -> list[ActorMention]:
    mentions = doc._.actors or []
    return [mentions[n] for n in _mentions_by_edge(doc, mentions).get(i, ())]


def _capital_as_place(doc: Doc, head: Token, inside: list[ActorMention]) -> bool:
    """'Kabul blast', 'a Baghdad market': a capital that only says where something happened in the
    country the article is about is a place, not that country's government ("Moscow air strikes" in a
    story about Syria is Russia)."""
    if not inside or any(m.kind != "capital" for m in inside):
        return False
    if any(m.start <= head.i < m.end for m in inside):
        # the capital itself, asked for as the modifier of what happened ("Kabul" in "Kabul blast")
        if head.dep_ not in ("compound", "nmod", "poss") or head.head.pos_ not in ("NOUN", "PROPN"):
            return False
        head = head.head
    if any(m.kind in ("sector", "name") for m in doc._.actors or [] if m.start <= head.i < m.end):
        return False  # "Kabul police": the capital's government's organ
    focus = doc._.focus or []
    if not focus or any(m.country != focus[0] for m in inside):
        return False
    # the story happens in that country: it is all the story names, or it names other places there
    capital_tokens = {i for m in inside for i in range(m.start, m.end)}
    return len(focus) == 1 or any(p.entry.country == focus[0] and p.start not in capital_tokens
                                  for p in doc._.places or [])


def _at_home(actor: Optional[Actor], doc: Doc) -> Optional[Actor]:
    """A state's organ described without its state ("government security forces", "police", "the
    ministry") belongs to the country the article is about: news names the state once and then writes
    "the army". So do the people an article describes without a country ("rebels", "protesters",
    "students"), as CAMEO codes them (SYRREB); only international bodies (IGO, NGO) stay stateless."""
    if actor is None or actor.country or actor.sector is None or actor.sector in ("IGO", "NGO"):
        return actor
    home = home_country(doc)
    return actor.model_copy(update={"country": home}) if home else actor


# A name is a place when a locative preposition comes before it or a place noun after it (see
# phrase_words.yaml); a division word one country owns says the country (division_countries.yaml).
_PLACE_AFTER = phrase_words()["place_after_words"]
_PLACE_BEFORE = phrase_words()["place_before_preps"]
DIVISION_COUNTRIES_FILE = PHRASE_WORDS_FILE.with_name("division_countries.yaml")


@lru_cache(maxsize=1)
def division_countries() -> dict[str, str]:
    """kb/data/division_countries.yaml: a local division word one country uses -> that country."""
    return {str(word).lower(): str(code) for word, code in load_yaml(DIVISION_COUNTRIES_FILE).items()}


def _in_unplaced_text(actor: Optional[Actor], doc: Doc, head: Token) -> Optional[Actor]:
    """'Security forces killed a militant in Barkhan district': in a short report whose places the places
    stage left unresolved (no focus: it does not trust a small town with no country named beside it),
    a description with no country is of the country of the nearest name the text marks as a place
    ("in X", "X district", "X upazila") that the gazetteer gives to one country only, or of the country
    whose local divisions it names. Only where nothing else gives one: a guess from the text beats none,
    and a text with a focus has had its say."""
    if actor is None or actor.country or actor.sector is None or actor.sector in ("IGO", "NGO") \
            or doc._.focus or head.ent_type_ == "PERSON":
        return actor
    places = _unresolved_places(doc)
    if not places:
        return actor
    sent = head.sent
    here = [p for p in places if sent.start <= p[0] < sent.end] or places
    country = min(here, key=lambda p: abs(p[0] - head.i))[1]
    return actor.model_copy(update={"country": country})


def _unresolved_places(doc: Doc) -> list[tuple[int, str]]:
    """(first token, country) of each name the text marks as a place and the gazetteer, or a division
    word, gives to one country."""
    return _per_mentions(doc, "sitrep_unresolved_places", lambda mentions: _find_unresolved_places(doc, mentions),
                         also=len(doc))


def _find_unresolved_places(doc: Doc, mentions: list[ActorMention]) -> list[tuple[int, str]]:
    named = {i for m in mentions if m.kind != "name" for i in range(m.start, m.end)}
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        # a division word written with a capital ("Lowara Tehsil") closes a name; it opens none
        if doc[i].text[:1].isupper() and doc[i].pos_ == "PROPN" and doc[i].i not in named \
                and doc[i].lower_ not in _PLACE_AFTER:
            j = i
            while j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and doc[j + 1].pos_ == "PROPN" \
                    and doc[j + 1].i not in named and doc[j + 1].lower_ not in _PLACE_AFTER:
                j += 1
            runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    divisions = division_countries()
    marked = []
    for start, end in runs:
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        linked = before in (",", "'s") or after in (",", "'s")  # "Mashkay, Awaran", "Pattani's X district"
        # the division word may come after the name ("Debhata upazila") or before it ("tambon X",
        # "Barangay X", the word then often inside the name)
        division = divisions.get(after) or divisions.get(before) or divisions.get(doc[start].lower_)
        # only a cue marks a place, a name local_places.yaml lists included: "Sabri said" is a person
        place = before in _PLACE_BEFORE or after in _PLACE_AFTER or division is not None \
            or (before == "of" and start > 1 and doc[start - 2].lower_ in _PLACE_AFTER)
        marked.append((start, end, place, linked, division))
    found = []
    for n, (start, end, place, linked, division) in enumerate(marked):
        if not place and linked:
            # a name joined by a comma or "'s" to one marked as a place is one too, its division word
            # between them included ("Razmak tehsil, Orakzai")
            place = any(m[2] for m in (marked[n - 1] if n else None, marked[n + 1] if n + 1 < len(marked)
                                       else None) if m is not None and (_with_division(doc, m[1]) + 1 == start
                                                                        or end + 1 == m[0]))
        if not place:
            continue
        # an unknown name before a big city's ("Manghopir Karachi") is a quarter of that city
        country = division or _local_place(doc, start, end) or _only_country(doc[start:end].text) \
            or (_only_country(doc[end - 1].text, least=100_000) if end - start > 1 else None)
        if country:
            found.append((start, country))
    # a local place the text writes in lower case after a locative preposition ("raided a house in
    # nazimabad"): local_places.yaml lists no English words
    known = local_places()
    for token in doc:
        if token.is_lower and len(token) >= 5 and token.i > 0 and doc[token.i - 1].lower_ in _PLACE_BEFORE \
                and token.text in known and token.i not in named:
            found.append((token.i, known[token.text]))
    return sorted(found)


def _with_division(doc: Doc, end: int) -> int:
    """The end of a place name doc[..:end] with the division word after it ("Razmak tehsil"), if any."""
    return end + 1 if end < len(doc) and doc[end].lower_ in _PLACE_AFTER else end


LOCAL_PLACES_FILE = PHRASE_WORDS_FILE.with_name("local_places.yaml")


@lru_cache(maxsize=1)
def local_places() -> dict[str, str]:
    """kb/data/local_places.yaml: a district, agency, township or city quarter the gazetteer lacks -> its
    country."""
    return {str(name).lower(): str(code) for name, code in load_yaml(LOCAL_PLACES_FILE).items()}


def _local_place(doc: Doc, start: int, end: int) -> Optional[str]:
    """The country of the name doc[start:end] where local_places.yaml lists it: with the division word
    after it ("Tank district"), as written, or without a direction word before it ("Central Kurram")."""
    known = local_places()
    name = doc[start:end].text.lower()
    after = doc[end].lower_ if end < len(doc) else ""
    words = name.split()
    bare = " ".join(words[1:]) if len(words) > 1 and words[0] in _DIRECTIONS else None
    return known.get(f"{name} {after}") or known.get(name) or (known.get(bare) if bare else None)


def _locally_known(doc: Doc, place) -> bool:
    """Whether local_places.yaml lists the place's name or a one-country division word stands beside it."""
    after = doc[place.end].lower_ if place.end < len(doc) else ""
    before = doc[place.start - 1].lower_ if place.start > 0 else ""
    divisions = division_countries()
    return _local_place(doc, place.start, place.end) is not None or after in divisions or before in divisions


def _only_country(name: str, least: int = 0) -> Optional[str]:
    """The country of a place name the gazetteer holds (as a place's own name, not an alternate) in one
    country only, or in one country with places twenty times bigger than its namesakes elsewhere; only
    places of at least `least` people count."""
    return load_gazetteer().only_country(name, least=least, lead=20, lead_least=100_000)


_BORDER_WORDS = phrase_words()["border_words"]  # "the border with Syria": see phrase_words.yaml


def _at_border(token: Token, first: Optional[int] = None) -> bool:
    """'the Afghan border', 'the India-Bhutan border', 'the border with Syria', 'bordering Myanmar'.
    `token` is the head of the place's phrase, `first` the phrase's first token (default: the head)."""
    head = token.head
    doc = token.doc
    first = token.i if first is None else first
    return head.lower_ in _BORDER_WORDS or (token.dep_ == "pobj" and head.lower_ == "with"
                                            and head.head.lower_ in _BORDER_WORDS) \
        or (first > 0 and doc[first - 1].lower_ in _BORDER_WORDS) \
        or (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _BORDER_WORDS)


def home_country(doc: Doc) -> Optional[str]:
    """The country the article is about, for actors it describes without one: the places stage's first
    focus country, unless the article names that country only as a neighbour ("near the Afghan
    border", "bordering Myanmar") and its focus holds another, or names it not at all while it uses
    another country's own division words ("upazila": Bangladesh; the focus then came from a namesake town)."""
    focus = _setting(doc).focus(doc)
    places = doc._.places or []
    if focus and all(getattr(p, "descriptor", None) in ("demonym", "nearby") for p in places):
        # a focus that only a nationality word gave ("the Italian Club in Sabha"): a demonym says
        # who someone is, not where the story is; a place the text marks as one says that. Not a name
        # the places stage placed by the focus that only the gazetteer gives elsewhere: its own one-country
        # reading there is a namesake village abroad ("the port at Sidra" beside Libyan forces is no
        # Polish hamlet); the regions' own districts (local_places.yaml, division words) still say it
        guessed = {i: p for p in places if p.descriptor == "nearby" for i in range(p.start, p.end)}
        marked = [(i, c) for i, c in _unresolved_places(doc) if i not in guessed or _locally_known(doc, guessed[i])]
        if marked and marked[0][1] not in {p.entry.country for p in places if p.descriptor == "demonym"}:
            return marked[0][1]
    if focus and focus[0] not in _countries_named(doc):
        divisions = _division_countries_in(doc)
        if len(divisions) == 1 and focus[0] not in divisions:
            return next(iter(divisions))
        # a focus country the text never names, that only its places gave, none of which is there as an
        # actor takes it ("Tirah" read in Iran beside "Tirah Valley" in Pakistan): the next one
        own = [p for p in doc._.places or [] if p.entry.country == focus[0]]
        if own and len(focus) > 1 and all(_place_country(doc, p) != focus[0] for p in own):
            focus = focus[1:]
            if len(focus) < 2:
                return focus[0]
    if len(focus) < 2:
        # a text that names no country at all: a national outlet's own country (kb/outlets.py), if any
        return focus[0] if focus else doc._.outlet_country
    # asked for every actor described without one
    return _per_mentions(doc, "sitrep_home_country", lambda mentions: _first_not_only_at_border(doc, mentions, focus),
                         also=tuple(focus))


_NOT_BODY_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC"})  # one name with a seat's word, but no body's


def _other_body(mention: ActorMention, doc: Doc) -> ActorMention:
    """A seat's one-word name inside the longer name of another body, the word before it a name's own
    ("Nigeria Labour Congress", "Trade Union Congress of Namibia", "Youth Congress"): that body, unknown to
    the KB, not the seat. A word of the seat's own country ("the American Congress"), a people's
    ("Republican") or an article leaves it the seat; so does a word the model reads as a name of its own,
    apart from the seat's: a day or a month ("On Tuesday Congress voted"), a place ("In Ohio Congress
    ..."), another body ("the GOP Congress") stand beside the seat, not in its name."""
    if mention.kind != "seat" or mention.end - mention.start != 1 or mention.start == 0:
        return mention
    word = doc[mention.start]
    before = doc[mention.start - 1]
    if not (before.text[:1].isupper() and before.pos_ == "PROPN") or before.ent_type_ == "NORP" \
            or not (word.ent_iob_ == "I" and word.ent_type_ not in _NOT_BODY_ENTS or not before.ent_type_):
        return mention
    kb = load_kb()
    if any(e.country == mention.country or e.kind == "demonym" for e in kb.lookup(before.text)):
        return mention
    start = mention.start - 1
    while start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].pos_ == "PROPN" \
            and (doc[start].ent_iob_ == "I" or not doc[start - 1].ent_type_):
        start -= 1
    end = mention.end
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
        end += 2
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
            end += 1
    return replace(mention, kind="name", name=doc[start:end].text, country=None, sector=None, members=None)


class _Setting:
    """Where the story is set, as the actor stage reads it, worked out once per Doc (its mentions and
    its places; `_setting`). One place for the questions three steps ask: is the story about a country
    (`about`: a context alias's reading), is a country's town, region or body named (`set_in`: another
    reading of a shared name), which countries are its focus (`focus`: `home_country`'s start, without
    those only a shared name's first reading gave)."""

    def __init__(self, doc: Doc, mentions: list[ActorMention]):
        # kept in doc.user_data: holds no reference to the Doc itself, which each question is given
        self.mentions = mentions
        places = doc._.places or []
        self.place_countries = {p.entry.country for p in places}
        # a town or region of the country, not the country's own name nor a word said of someone
        self.local_countries = {p.entry.country for p in places if p.descriptor is None and p.entry.kind != "country"}
        self.texts: dict = {}  # country -> normalized texts of the actor mentions of that country
        self.group_texts: dict = {}  # the same, of bodies (a party, an armed group)
        for m in mentions:
            if m.country:
                text = normalize(m.span(doc).text)
                self.texts.setdefault(m.country, set()).add(text)
                if m.kind == "group":
                    self.group_texts.setdefault(m.country, set()).add(text)
        self.readings: dict = {}  # mention -> `_home_reading`'s other reading, or None
        self._misread: Optional[frozenset] = None

    def about(self, doc: Doc, country: Optional[str]) -> bool:
        """Whether the story is about `country`: among the first two of its focus or, where the places
        stage left the places of a short report unresolved, the country of the places it marks ("in
        Panjgur district") or of the division words it uses."""
        focus = doc._.focus or []
        return country in focus[:2] or not focus and (
            country in _division_countries_in(doc) or any(c == country for _, c in _unresolved_places(doc)))

    def named(self, country: Optional[str], apart: str = "") -> bool:
        """Whether a place of `country`, or an actor of it other than the name `apart`, is named."""
        if country is None:
            return False  # a region of several countries ("South Asia") names no country at all
        return country in self.place_countries or bool(self.texts.get(country, set()) - {apart})

    def set_in(self, country: Optional[str], apart: str = "") -> bool:
        """Whether a town or region of `country`, or a body of it other than the name `apart`, is named."""
        return country in self.local_countries or bool(self.group_texts.get(country, set()) - {apart})

    def misread(self, doc: Doc) -> frozenset:
        """Countries that only mentions `_home_reading` reads as another country's actor gave the text:
        no place there, no other mention of it."""
        if self._misread is None:
            reread = [m for m in self.mentions if m.country and _home_reading(m, doc) is not m]
            rest = {m.country for m in self.mentions if m.country and m not in reread}
            self._misread = frozenset(m.country for m in reread if m.country not in self.place_countries
                                      and m.country not in rest)
        return self._misread

    def focus(self, doc: Doc) -> list[str]:
        """The places stage's focus countries, less those only a shared name's first reading gave ("ANP"
        read as Algeria's army in a story set in Pakistan): `_home_reading` gives that name another one."""
        focus = doc._.focus or []
        misread = self.misread(doc)
        return [c for c in focus if c not in misread] if misread else focus


def _setting(doc: Doc) -> _Setting:
    """The Doc's `_Setting`, built once per list of mentions and of places."""
    return _per_mentions(doc, "sitrep_setting", lambda mentions: _Setting(doc, mentions), places=True)


def _first_not_only_at_border(doc: Doc, mentions: list[ActorMention], focus: list[str]) -> str:
    """The first focus country the text names somewhere other than at a border (else the first)."""
    named: dict[str, bool] = {}  # country -> named somewhere other than at a border
    for mention in mentions:
        if mention.kind in ("country", "capital", "demonym") and mention.country:
            at_border = _at_border(doc[mention.end - 1], mention.start)
            named[mention.country] = named.get(mention.country, False) or not at_border
    return next((c for c in focus if named.get(c, True)), focus[0])


def _actor_from_mentions(inside: list[ActorMention], head: Token, on: Optional[str], text: str) -> Optional[Actor]:
    kb = load_kb()
    doc = head.doc
    named = [m for m in inside if m.kind in ("person", "group", "igo", "seat")]
    names = [m for m in inside if m.kind == "name"]
    places = [m for m in inside if m.kind in ("country", "capital", "demonym")]
    sectors = [m for m in inside if m.kind == "sector"]
    head_sector = next((m for m in sectors if m.start <= head.i < m.end), None)
    sector = head_sector.sector if head_sector else (sectors[-1].sector if sectors else None)
    if head_sector is not None and head.lemma_.lower() in _STANDING_HEADS:
        # "union leaders", "church leaders": the body the noun before the head names says the sector
        body = next((m for m in sectors if m.end == head_sector.start and m.start == m.end - 1
                     and doc[m.start].head.i == head.i and doc[m.start].dep_ in ("compound", "amod", "nmod")), None)
        if body is not None:
            sector = body.sector
    role = next((m.role for m in sectors if m.role), None)
    # "ethnic Albanians", "the Albanian minority": a people, not a state; they belong where they live
    places = [m for m in places if not _ethnic(doc, m)]
    country = places[0].country if places else None
    # the country nearest the head is the one that modifies it ("Russia's Defence Ministry"), except
    # stacked adjectives, where the first is the state and the next the people ("Bosnian Serbs")
    if len(places) > 1:
        stacked = [m for m in places if m.kind == "demonym" and any(
            o.kind == "demonym" and o.start == m.end for o in places)]
        country = stacked[0].country if stacked else min(places, key=lambda m: abs(m.start - head.i)).country
    if named:
        best = min(named, key=lambda m: (_KIND_PRIORITY.get(m.kind, 9), abs(m.start - head.i)))
        members = list(best.members) if best.members else None
        return Actor(text=text, name=best.name, country=best.country or country,
                     sector=best.sector or sector, members=members)
    if names:
        best = min(names, key=lambda m: 0 if m.start <= head.i < m.end else abs(m.start - head.i))
        person = kb.person(best.name) if not _glosses_a_name(best.span(doc)) else None
        if person is not None:
            return Actor(text=text, name=person.name, country=person.country, sector=person.sector or "GOV")
        span = best.span(doc)
        is_org = any(e.label_ == "ORG" for e in _entities_within(span))
        if is_org:
            # an organisation we do not know: its name, what its head noun says it is ("Karachi Police"),
            # and a country only when one qualifies it
            return Actor(text=text, name=best.name, country=country, sector=best.sector or sector)
        return Actor(text=text, name=best.name, country=country,
                     sector=best.sector or sector or ("GOV" if role else None))
    if role and country and on:
        holder = kb.office_holder(country, role, on=on)
        if holder is not None:
            return Actor(text=text, name=holder.name, country=holder.country, sector=holder.sector or "GOV")
    if places:
        place = min(places, key=lambda m: abs(m.start - head.i))
        name = kb.country(country).name if country and kb.country(country) else place.name
        if sector is None and place.kind in ("capital",):
            sector = "GOV"
        return Actor(text=text, name=name, country=country, sector=sector)
    if not sectors and any(m.kind == "demonym" for m in inside):
        # "three ethnic Albanians": a people named by its adjective alone
        return Actor(text=text, name=text, country=None, sector="CVL")
    if sectors:
        # "opposition groups" names them; "At least 446 people, ..." is better named by its noun
        mention = head_sector or sectors[-1]
        return Actor(text=text, name=_group_noun(doc[mention.start]), country=None, sector=sector)
    return None


@Language.factory("sitrep_actors")
def make_actor_recognizer(nlp: Language, name: str) -> ActorRecognizer:
    return ActorRecognizer(nlp, name)


def _group_noun(token: Token) -> str:
    """'security forces' for 'the country's security forces', 'soldiers' for 'our brave soldiers'."""
    left = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.pos_ == "NOUN"]
    start = left[0].i if left else token.i
    return token.doc[start:token.i + 1].text.lower()


# CAMEO's codes for actors that belong to no state: IGOs, NGOs, and armed groups that cross borders
# ("IMG", international militarized group).
_STATELESS = {"IGO": "IGO", "NGO": "NGO", "REB": "IMG", "INS": "IMG", "MIL": "IMG", "SEP": "IMG", "CRM": "IMG"}


def actor_code(actor: Optional[Actor]) -> Optional[str]:
    """A CAMEO-style code for an actor: country then sector ("RUSGOV", "SYRREB", "JOR"), "IGO" or "NGO"
    for international organisations, "IMGINS" for a transnational jihadist group; None when the actor
    has neither country nor sector."""
    if actor is None:
        return None
    sector = actor.sector or ""
    if actor.country:
        return actor.country + (sector if sector not in ("IGO", "NGO") else "")
    prefix = _STATELESS.get(sector)
    if prefix is None:
        return sector or None
    return prefix if prefix == sector else prefix + sector


def published_iso(doc: Doc) -> Optional[str]:
    published = doc._.published
    return published.isoformat() if isinstance(published, dt.date) else None


__all__ = ["ActorMention", "ActorRecognizer", "HOME_SECTORS", "actor_code", "actor_for", "conjuncts", "home_country",
           "phrase_tokens",
           "SPEECH_LEMMAS", "published_iso"]
