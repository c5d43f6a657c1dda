"""Checks of the actor knowledge base's data files, with the file and line of every problem.

The knowledge base is edited by hand ("adding a militia is a data change"), so a slip must be caught
where it was made: an alias given to two actors by accident, a term of office that ends before it
starts, a country code that does not exist, two people in one office on the same day, a key written
twice in one mapping (YAML keeps the last one silently). `problems()` returns one message per slip,
"groups.yaml:45: ...", and the tests fail with those messages.

An alias that really does name two actors ("SNA": the Syrian National Army and the Somali National
Army) is allowed when every entry that uses it lists it under `shared_aliases`; the actor component
then decides from the countries the article names. A `context_aliases` name (read as its actor only in a
story about the actor's country) may be another entry's `shared_aliases` name, never a second context
alias or a plain alias.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Optional

import yaml

from .actors import DATA_DIR, ROLES, _variants, people_files

SECTORS = frozenset({"GOV", "MIL", "REB", "INS", "OPP", "PTY", "SEP", "COP", "CVL", "MED", "JUD", "LEG", "REF", "NGO",
                     "IGO", "BUS", "EDU", "REL", "HLH", "LAB", "CRM", "PRT"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORG_FILES = ("seats.yaml", "igos.yaml", "groups.yaml")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A YAML loader that records, in every mapping, the line it starts on (as "__line__")."""

    def construct_mapping(self, node, deep=False):
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_with_lines(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LineLoader) or []


def duplicate_keys(path: Path) -> list[str]:
    """"file:line: duplicate key" for every key a mapping of the YAML file repeats: a loader keeps the
    last value without a word, so a word listed twice with two countries, or an entry given two ids,
    would pass unseen. Read from the node graph, which still holds both keys and their lines."""
    with open(path, encoding="utf-8") as fh:
        root = yaml.compose(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    out: list[str] = []
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    line = key.start_mark.line + 1
                    if (key.tag, key.value) in first:
                        out.append(f"{path.name}:{line}: duplicate key {key.value!r} "
                                   f"(first at line {first[(key.tag, key.value)]})")
                    else:
                        first[(key.tag, key.value)] = line
                todo.append(value)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
    return sorted(out, key=lambda m: int(m.split(":")[1]))


def _iso(value) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def _country_rows(data_dir: Path) -> list[dict]:
    """countries.json rows, each with the line its "iso3" stands on."""
    path = data_dir / "countries.json"
    text = path.read_text(encoding="utf-8")
    rows = json.loads(text)
    lines = {}
    for number, line in enumerate(text.splitlines(), 1):
        match = re.search(r'"iso3":\s*"([^"]+)"', line)
        if match:
            lines.setdefault(match.group(1), number)
    for row in rows:
        row["__line__"] = lines.get(row.get("iso3"), 0)
    return rows


def problems(data_dir: Path = DATA_DIR) -> list[str]:
    """Every problem in the knowledge base's data files, as "file:line: message" (empty when sound)."""
    out: list[str] = [m for path in sorted(data_dir.glob("*.yaml")) for m in duplicate_keys(path)]
    countries = _country_rows(data_dir)
    iso3 = {r["iso3"] for r in countries}
    # alias key -> [(owner id, file, line, shared)]
    owners: dict[str, list[tuple[str, str, int, bool]]] = defaultdict(list)

    def claim(owner: str, where: str, line: int, names, shared) -> None:
        for name in names or []:
            if name is None or not str(name).strip():
                out.append(f"{where}:{line}: empty alias in {owner}")
                continue
            for key in _variants(str(name)):
                if any(o == owner for o, *_ in owners[key]):
                    continue
                owners[key].append((owner, where, line, shared))

    def check_country(where: str, line: int, owner: str, code, what: str = "country") -> None:
        if code is not None and code not in iso3:
            out.append(f"{where}:{line}: unknown {what} code {code!r} in {owner}")

    seen_iso = set()
    for r in countries:
        line, code = r["__line__"], r.get("iso3")
        if code in seen_iso:
            out.append(f"countries.json:{line}: duplicate country {code}")
        seen_iso.add(code)
        claim(f"country:{code}", "countries.json", line, r.get("aliases"), False)
        claim(f"demonym:{code}", "countries.json", line, r.get("demonyms"), True)  # "Congolese", two Congos
        own = {k for a in r.get("aliases") or [] for k in _variants(a)}
        capitals = [n for n in [r.get("capital"), *(r.get("capital_aliases") or [])]
                    if n and not (_variants(n) & own)] if r.get("capital_metonym", True) else []
        claim(f"capital:{code}", "countries.json", line, capitals, False)

    ids: dict[str, tuple[str, int]] = {}
    igo_ids = set()
    parents = []
    for filename in ORG_FILES:
        kind = {"seats.yaml": "seat", "igos.yaml": "igo", "groups.yaml": "group"}[filename]
        for row in read_with_lines(data_dir / filename):
            line = row.get("__line__", 0)
            rid = row.get("id")
            owner = f"{kind}:{rid}"
            if not rid or not row.get("name"):
                out.append(f"{filename}:{line}: entry without id or name")
                continue
            if owner in ids:
                out.append(f"{filename}:{line}: duplicate id {rid!r} (first at {ids[owner][0]}:{ids[owner][1]})")
            ids[owner] = (filename, line)
            if kind == "igo":
                igo_ids.add(rid)
            if row.get("sector") not in SECTORS:
                out.append(f"{filename}:{line}: unknown sector {row.get('sector')!r} in {owner}")
            check_country(filename, line, owner, row.get("country"))
            for member in row.get("members") or []:
                check_country(filename, line, owner, member, "member country")
            if row.get("parent"):
                parents.append((filename, line, owner, f"{kind}:{row['parent']}"))
            if not isinstance(row.get("aliases", []), list):
                out.append(f"{filename}:{line}: aliases of {owner} must be a list")
                continue
            claim(owner, filename, line, [row["name"], *(row.get("aliases") or [])], False)
            claim(owner, filename, line, row.get("shared_aliases"), True)
            if not isinstance(row.get("context_aliases", []), list):
                out.append(f"{filename}:{line}: context_aliases of {owner} must be a list")
            else:  # short names read only in a story about the actor's country: one actor's, unless
                # another entry lists the name under shared_aliases ("Congress": the US one elsewhere)
                claim(owner, filename, line, row.get("context_aliases"), "context")
    for filename, line, owner, parent in parents:
        if parent not in ids:
            out.append(f"{filename}:{line}: parent {parent.split(':', 1)[1]!r} of {owner} is not in {filename}")

    terms: dict[tuple[str, str], list[tuple[str, str, str, str, int]]] = defaultdict(list)
    for path in people_files(data_dir):
        filename = path.name
        for row in read_with_lines(path):
            line = row.get("__line__", 0)
            rid = row.get("id")
            owner = f"person:{rid}"
            if not rid or not row.get("name"):
                out.append(f"{filename}:{line}: entry without id or name")
                continue
            if owner in ids:
                out.append(f"{filename}:{line}: duplicate id {rid!r} (first at {ids[owner][0]}:{ids[owner][1]})")
            ids[owner] = (filename, line)
            if (row.get("sector") or "GOV") not in SECTORS:
                out.append(f"{filename}:{line}: unknown sector {row.get('sector')!r} in {owner}")
            check_country(filename, line, owner, row.get("country"))
            claim(owner, filename, line, [row["name"], *(row.get("aliases") or [])], False)
            claim(owner, filename, line, row.get("shared_aliases"), True)
            for role in row.get("roles") or []:
                rline = role.get("__line__", line)
                name = role.get("role")
                if name not in ROLES:
                    out.append(f"{filename}:{rline}: unknown role {name!r} of {owner}")
                start, end = _iso(role.get("start")), _iso(role.get("end"))
                if not start or not _DATE.match(start):
                    out.append(f"{filename}:{rline}: role {name} of {owner} has no start date (YYYY-MM-DD)")
                    continue
                if end is not None and not _DATE.match(end):
                    out.append(f"{filename}:{rline}: role {name} of {owner} has a bad end date {end!r}")
                    continue
                if end is not None and end < start:
                    out.append(f"{filename}:{rline}: role {name} of {owner} ends ({end}) before it starts ({start})")
                    continue
                where = role.get("org") or row.get("country")
                if role.get("org"):
                    if role["org"] not in igo_ids:
                        out.append(f"{filename}:{rline}: role {name} of {owner} is in unknown organisation "
                                   f"{role['org']!r}")
                elif where is None:
                    out.append(f"{filename}:{rline}: role {name} of {owner} has no country")
                terms[(where, name)].append((start, end or "9999-12-31", owner, filename, rline))

    # two people in one office on the same day (a handover day excepted)
    for (where, name), spans in terms.items():
        spans.sort()
        for (s1, e1, p1, f1, l1), (s2, e2, p2, f2, l2) in zip(spans, spans[1:]):
            if p1 != p2 and s2 < e1:
                out.append(f"{f2}:{l2}: {p2} holds {name} of {where} from {s2} while {p1} ({f1}:{l1}) "
                           f"holds it until {e1[:10] if e1 != '9999-12-31' else 'now'}")

    # division words one country owns ("upazila": BGD): a known country, one line per word
    path = data_dir / "division_countries.yaml"
    if path.exists():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"^([^#\s][^:]*):\s*(\S+)", line)
            if match:
                word, code = match.group(1).strip(), match.group(2)
                if word != word.lower():
                    out.append(f"division_countries.yaml:{number}: {word!r} is not lowercase")
                check_country("division_countries.yaml", number, f"division word {word!r}", code)

    # local places the gazetteer lacks ("Kurram: PAK"): a known country, one line per name (the loader
    # lowercases names, so "Kurram" and "kurram" are one; an exact repeat is a duplicate key above), and no
    # name that is also a division word (which would say a country wherever it is written)
    path = data_dir / "local_places.yaml"
    if path.exists():
        words = {line.split(":")[0].strip() for line in (data_dir / "division_countries.yaml").read_text(
            encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
        seen: dict[str, tuple[int, str, str]] = {}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"^([^#\s][^:]*):\s*(\S+)", line)
            if match:
                name, code = match.group(1).strip(), match.group(2)
                if name.lower() in words:
                    out.append(f"local_places.yaml:{number}: {name!r} is a division word, not a place")
                check_country("local_places.yaml", number, f"local place {name!r}", code)
                first = seen.setdefault(name.lower(), (number, name, code))
                if first[0] != number and first[1] != name:
                    out.append(f"local_places.yaml:{number}: {name!r} ({code}) listed twice (first at line "
                               f"{first[0]} as {first[1]!r}, {first[2]})")

    # states that split off another (successors.yaml): known codes, a date, one entry per new state
    path = data_dir / "successors.yaml"
    if path.exists():
        listed: dict[str, int] = {}
        for row in read_with_lines(path):
            line, code, old = row["__line__"], row.get("country"), row.get("from")
            check_country("successors.yaml", line, f"successor {code!r}", code)
            check_country("successors.yaml", line, f"successor {code!r}", old, "predecessor")
            since = _iso(row.get("since"))
            if not since or not _DATE.match(since):
                out.append(f"successors.yaml:{line}: {code!r} has no independence date (YYYY-MM-DD)")
            if code == old:
                out.append(f"successors.yaml:{line}: {code!r} is its own predecessor")
            if code in listed:
                out.append(f"successors.yaml:{line}: {code!r} listed twice (first at line {listed[code]})")
            listed.setdefault(code, line)

    for key, claims in owners.items():
        if len(claims) < 2:
            continue
        contexts = [c for c in claims if c[3] == "context"]
        if all(shared for *_, shared in claims) and len(contexts) < 2:
            continue
        kinds = {o.split(":", 1)[0] for o, *_ in claims}
        if kinds <= {"demonym", "country"} or kinds == {"demonym"}:
            continue  # "Dominican" of two republics: a demonym is resolved by the words around it
        first, *rest = claims
        if all(shared for *_, shared in claims):
            rest = contexts[1:]  # only the second reading that a story's country would decide is a slip
        for owner, where, line, shared in rest:
            out.append(f"{where}:{line}: alias {key!r} of {owner} also names {first[0]} ({first[1]}:{first[2]}); "
                       f"list it under shared_aliases in both entries if it really names both")
    return out


def counts(data_dir: Path = DATA_DIR) -> dict[str, int]:
    """Sizes of the knowledge base's tables, for the notes and the docs."""
    people = [r for p in people_files(data_dir) for r in read_with_lines(p)]
    sectors = yaml.safe_load((data_dir / "sectors.yaml").read_text(encoding="utf-8"))
    return {
        "countries": len(json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))),
        "seats": len(read_with_lines(data_dir / "seats.yaml")),
        "igos": len(read_with_lines(data_dir / "igos.yaml")),
        "groups": len(read_with_lines(data_dir / "groups.yaml")),
        "coalitions": sum(1 for r in read_with_lines(data_dir / "groups.yaml") if r.get("members")),
        "people": len(people),
        "office_holders": sum(1 for r in people if r.get("roles")),
        "terms": sum(len(r.get("roles") or []) for r in people),
        "sector_words": sum(len(v) for v in sectors["sectors"].values()),
        "role_words": sum(len(v) for v in sectors["roles"].values()),
        "successor_states": len(read_with_lines(data_dir / "successors.yaml")),
        "local_places": sum(1 for line in (data_dir / "local_places.yaml").read_text(encoding="utf-8").splitlines()
                            if line.strip() and not line.startswith("#")),
        "outlets": len(yaml.load((data_dir / "outlets.yaml").read_text(encoding="utf-8"),
                                 Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["outlets"]),
    }
