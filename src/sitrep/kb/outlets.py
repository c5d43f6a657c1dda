"""The country an article's outlet reports from: a prior for where its events happened.

A local paper's story that names no country ("Police raided the newspaper's office on Friday") is, as
an analyst reading it would assume, about the paper's own country. `outlet_country(outlet, url)` gives
that country for a national outlet and None for everything else: a wire agency or world service
(Reuters, Xinhua, the BBC World Service report the world), a name several papers share ("The Nation":
Pakistan, Thailand, Nigeria, Kenya...), an outlet we cannot place. It is the weakest evidence there is:
the actor stage uses it only when the text itself gives no country (`nlp.actors.home_country`).

Known outlets are data (kb/data/outlets.yaml). An outlet the file lacks is placed from its name the way
a reader would: a country in brackets ("The Financial Express (Bangladesh)"), a country or demonym in
the name ("Libya Herald", "Zambian Watchdog"), a big place in the name ("Bangkok Post", "Assam
Tribune"); else from its web address (a domain the file knows, then a country's domain: ".pk").
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

import pycountry
import yaml

from .actors import DATA_DIR, normalize

OUTLETS_FILE = DATA_DIR / "outlets.yaml"
SCOPES = ("national", "international")

_BRACKETED = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")
# the edition or language a wire copy names after the outlet: "Agence France Presse -- English"
_EDITION = re.compile(r"\s+(?:--?|\u2013|\u2014)\s+(?:english|french|arabic|spanish|portuguese|russian)$")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'\u2019.-]*")
_SEVERAL = re.compile(r"\s*[;|,/]\s*")
# a place in an outlet's name places the outlet when it is this big (or a province, region, country)
_BIG_TOWN = 100_000
# ...and its namesakes elsewhere are at least this many times smaller
_CLEAR_LEAD = 10


class Outlets:
    """outlets.yaml as lookup tables: normalized name or alias -> country (None: gives no prior)."""

    def __init__(self, data: dict) -> None:
        self.by_name: dict[str, Optional[str]] = {}
        self.by_domain: dict[str, Optional[str]] = {}
        for entry in data.get("outlets") or []:
            country = entry["country"] if entry.get("scope", "national") == "national" else None
            for name in [entry["name"], *(entry.get("aliases") or [])]:
                self.by_name[normalize(str(name))] = country
            for domain in entry.get("domains") or []:
                self.by_domain[str(domain).lower()] = country
        self.shared = frozenset(normalize(str(entry["name"])) for entry in data.get("shared_names") or [])
        for name in self.shared:
            self.by_name[name] = None
        self.generic_domains = frozenset(str(d).lower() for d in data.get("generic_country_domains") or [])
        self._named: dict[str, tuple[bool, Optional[str]]] = {}  # a feed's articles all name one outlet

    def country(self, outlet: Optional[str], url: Optional[str] = None) -> Optional[str]:
        """The outlet's home country if it is a national outlet we can place, else None. Of several
        outlets ("Reuters; Dawn") those that give a country must agree. The web address counts only when
        the name tells nothing: "Reuters" at reuters.co.uk is no British story."""
        countries, known = set(), False
        for name in _SEVERAL.split((outlet or "").strip()):
            if name:
                named, country = self.of_name(name)
                known = known or named
                if country:
                    countries.add(country)
        if countries or known:
            return countries.pop() if len(countries) == 1 else None
        return self.of_url(url) if url else None

    def of_name(self, name: str) -> tuple[bool, Optional[str]]:
        """(whether the file knows the name, the country the name gives)."""
        if name not in self._named:
            self._named[name] = self._read_name(name)
        return self._named[name]

    def _read_name(self, name: str) -> tuple[bool, Optional[str]]:
        key = _EDITION.sub("", normalize(name))
        if key in self.by_name:
            return True, self.by_name[key]
        if re.fullmatch(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+", key):  # cited by its address: "ekantipur.com"
            host = key.removeprefix("www.")
            if host.split(".")[0] in self.by_name:
                return True, self.by_name[host.split(".")[0]]
            return False, self.of_url(host)
        bracketed = _BRACKETED.match(name)
        if bracketed:
            bare, inside = bracketed.groups()
            if normalize(bare) in self.by_name and normalize(bare) not in self.shared:
                return True, self.by_name[normalize(bare)]
            country = _country_named(inside) or _country_of_place(inside)  # "Daily Times (Malawi)"
            if country or normalize(bare) in self.shared:
                return normalize(bare) in self.shared, country
            name = bare
        return False, _country_in_words(name)

    def of_url(self, url: str) -> Optional[str]:
        """The country of a web address: a domain the file knows (news.example.com -> example.com), else
        the country its top-level domain stands for, unless the world uses that one for else (.io, .tv)."""
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower().removeprefix("www.")
        parts = host.split(".")
        for i in range(len(parts) - 1):
            if ".".join(parts[i:]) in self.by_domain:
                return self.by_domain[".".join(parts[i:])]
        return _country_domain(parts[-1], self.generic_domains) if len(parts) > 1 else None


def _country_domain(tld: str, generic: frozenset) -> Optional[str]:
    """ISO3 of a country-code top-level domain, unless the world uses it for something else (.io, .tv)."""
    if len(tld) != 2 or tld in generic:
        return None
    if tld == "uk":
        return "GBR"
    country = pycountry.countries.get(alpha_2=tld.upper())
    return country.alpha_3 if country else None


def _country_named(text: str) -> Optional[str]:
    """The country `text` is the name or demonym of ("Bangladesh", "Pakistani"), else None: also None
    for a name two countries share ("Congo") or that is as much a big province elsewhere ("Georgia")."""
    from ..gazetteer import load_gazetteer
    from ..nlp.places import shared_country_names
    from .actors import load_kb

    entities = [e for e in load_kb().lookup(text) if e.kind in ("country", "demonym") and e.country]
    countries = {e.country for e in entities}
    if len(countries) != 1 or text.strip() in shared_country_names():
        return None
    country = countries.pop()
    if any(e.kind == "country" for e in entities):
        gaz = load_gazetteer()
        own = gaz.country(country)
        size = own.population if own is not None else 0
        if any(e.kind in ("admin1", "region") and e.country != country and e.population * _CLEAR_LEAD > size
               for e in gaz.lookup_exact(text)):
            return None
    return country


def _country_of_place(text: str) -> Optional[str]:
    """The country of the place `text` names if one place of that name clearly leads: a province or
    region, or a town of at least 100,000, ten times bigger than any namesake in another country."""
    from ..gazetteer import load_gazetteer
    from ..nlp.places import shared_country_names

    if text.strip() in shared_country_names():
        return None
    return load_gazetteer().only_country(text, own_name=False, kinds=("admin1", "region", "city", "country"),
                                         least_town=_BIG_TOWN, lead=_CLEAR_LEAD)


def _country_in_words(name: str) -> Optional[str]:
    """The one country an outlet's name points to by a country, demonym or big place in it ("Sudan
    Tribune", "Zambian Watchdog", "Bangkok Post"); None when it names none or several."""
    words = _WORD.findall(name)
    found = set()
    i = 0
    while i < len(words):
        for n in (3, 2, 1):  # longest first: "Phnom Penh Post", "South Sudan News"
            piece = " ".join(words[i:i + n])
            if len(words[i:i + n]) < n or not piece[0].isupper():
                continue
            country = _country_named(piece) or _country_of_place(piece)
            if country:
                found.add(country)
                i += n
                break
        else:
            i += 1
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def load_outlets() -> Outlets:
    with open(OUTLETS_FILE, encoding="utf-8") as fh:
        return Outlets(yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {})


def outlet_country(outlet: Optional[str], url: Optional[str] = None) -> Optional[str]:
    """ISO3 of the country a national outlet reports from, from its name, else from the article's web
    address; None for international outlets, names several outlets share, and outlets we cannot place."""
    if not (outlet and outlet.strip()) and not url:
        return None
    return load_outlets().country(outlet, url)


def problems(path: Path = OUTLETS_FILE) -> list[str]:
    """"outlets.yaml:LINE: ..." for every slip in the data file: a name or domain given to two outlets,
    an unknown country code, an unknown scope, a generic domain that is no two-letter country code."""
    from .validate import duplicate_keys, read_with_lines

    name = path.name
    data = read_with_lines(path) or {}
    out = list(duplicate_keys(path))
    iso3 = {c.alpha_3 for c in pycountry.countries}
    seen: dict[str, int] = {}
    domains: dict[str, int] = {}
    for entry in data.get("outlets") or []:
        line = entry.get("__line__")
        if not entry.get("name"):
            out.append(f"{name}:{line}: an outlet without a name")
            continue
        if entry.get("country") not in iso3:
            out.append(f"{name}:{line}: {entry['name']!r}: unknown country code {entry.get('country')!r}")
        if entry.get("scope", "national") not in SCOPES:
            out.append(f"{name}:{line}: {entry['name']!r}: scope must be one of {', '.join(SCOPES)}")
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            key = normalize(str(alias))
            if key in seen and seen[key] != line:
                out.append(f"{name}:{line}: {alias!r} already names the outlet at line {seen[key]}")
            seen.setdefault(key, line)
        for domain in entry.get("domains") or []:
            if str(domain).lower() in domains:
                out.append(f"{name}:{line}: domain {domain!r} already belongs to the outlet at line "
                           f"{domains[str(domain).lower()]}")
            domains.setdefault(str(domain).lower(), line)
    for entry in data.get("shared_names") or []:
        line = entry.get("__line__")
        key = normalize(str(entry.get("name", "")))
        if key in seen:
            out.append(f"{name}:{line}: shared name {entry.get('name')!r} is also an outlet's name at line {seen[key]}")
        bad = [c for c in entry.get("countries") or [] if c not in iso3]
        if len(entry.get("countries") or []) < 2 or bad:
            out.append(f"{name}:{line}: shared name {entry.get('name')!r} needs two or more real country codes")
    for tld in data.get("generic_country_domains") or []:
        if not pycountry.countries.get(alpha_2=str(tld).upper()):
            out.append(f"{name}: generic domain {tld!r} is no country's two-letter code")
    return out
