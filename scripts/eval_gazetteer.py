"""Resolution accuracy of the gazetteer on gold geoparsing corpora (not a test: needs ../shared/dev).

Given each gold toponym's text, does `Gazetteer.resolve` land within 161 km (100 miles, the field's
usual threshold) of the gold coordinates? An unresolved name counts as a miss. Country-level answers are also reported judged by outline, since
corpora put a country's point by different conventions (the US at 40,-100 or 39.8,-98.5). Settings:
  no focus   - the name alone;
  doc focus  - focus = the two countries most often resolved in the same article in a first pass,
               which is what the pipeline can supply.

    .venv/bin/python scripts/eval_gazetteer.py [--data ../shared/dev/geoparsing] [--errors 20]
"""
from __future__ import annotations

import argparse
import math
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sitrep.gazetteer import load_gazetteer  # noqa: E402

# GeoWebNews types that name a place on the map (metonymy included: "Moscow said" is still Moscow)
GWN_TYPES = {"Literal", "Literal_Modifier", "Mixed", "Metonymic", "Embedded_Literal", "Coercion",
             "Non_Literal_Modifier"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _in_ring(lat: float, lon: float, ring) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_country(iso3: str, lat: float, lon: float, _shapes: dict = {}) -> bool:
    """Whether a point lies in a country's outline (countryinfo's GeoJSON)."""
    if not _shapes:
        from countryinfo import CountryInfo

        for data in CountryInfo.all().values():
            a3 = (data.get("ISO") or {}).get("alpha3")
            feats = (data.get("geoJSON") or {}).get("features") or []
            if a3 and feats:
                geom = feats[0]["geometry"]
                polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
                _shapes[a3] = [p[0] for p in polys]
    return any(_in_ring(lat, lon, ring) for ring in _shapes.get(iso3, ()))


def geovirus(path: Path):
    for art in ET.parse(path).getroot().iter("article"):
        yield [(loc.findtext("name"), float(loc.findtext("lat")), float(loc.findtext("lon")))
               for loc in art.iter("location") if loc.findtext("lat")]


def gwn(path: Path):
    for art in ET.parse(path).getroot().iter("article"):
        tops = []
        for t in art.iter("toponym"):
            if t.findtext("type") in GWN_TYPES and t.findtext("nonLocational") != "Yes" \
                    and t.findtext("latitude"):
                tops.append((t.findtext("extractedName"), float(t.findtext("latitude")),
                             float(t.findtext("longitude"))))
        yield tops


def evaluate(gaz, docs, errors: list) -> dict:
    n = hits_none = hits_doc = hits_doc_country = resolved = 0
    for tops in docs:
        first = [gaz.resolve(name) for name, _, _ in tops]
        votes = Counter(e.country for e in first if e is not None and e.country)
        focus = [cc for cc, _ in votes.most_common(2)]
        for (name, lat, lon), e0 in zip(tops, first):
            n += 1
            e1 = gaz.resolve(name, focus=focus)
            if e0 is not None and km(lat, lon, e0.lat, e0.lon) <= 161:
                hits_none += 1
            if e1 is not None:
                resolved += 1
                if km(lat, lon, e1.lat, e1.lon) <= 161:
                    hits_doc += 1
                    hits_doc_country += 1
                    continue
                if e1.precision == "country" and in_country(e1.country, lat, lon):
                    hits_doc_country += 1  # right country, but its centre by another convention
            errors.append((name, (lat, lon), focus, e1))
    return {"toponyms": n, "acc161_no_focus": hits_none / max(n, 1),
            "acc161_doc_focus": hits_doc / max(n, 1), "resolved": resolved / max(n, 1),
            "acc_doc_focus_country_ok": hits_doc_country / max(n, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/dev/geoparsing"))
    ap.add_argument("--errors", type=int, default=0, help="print this many errors per corpus")
    args = ap.parse_args()
    data = Path(args.data)
    t = time.perf_counter()
    gaz = load_gazetteer()
    print(f"gazetteer: {len(gaz)} entries, loaded in {time.perf_counter() - t:.2f}s")
    for label, reader, fname in (("GeoVirus", geovirus, "GeoVirus.xml"), ("GeoWebNews", gwn, "GWN.xml"),
                                 ("LGL", None, "lgl.xml"), ("TR-News", None, "TR-News.xml")):
        path = data / fname
        if not path.exists() or reader is None:
            if path.exists():
                print(f"{label}: reader not implemented")
            continue
        errors: list = []
        t = time.perf_counter()
        res = evaluate(gaz, reader(path), errors)
        dt = time.perf_counter() - t
        print(f"{label:11s} n={res['toponyms']:5d}  acc@161km no-focus={res['acc161_no_focus']:.3f}  "
              f"doc-focus={res['acc161_doc_focus']:.3f}  resolved={res['resolved']:.3f}  ({dt:.1f}s)\n"
              f"{'':11s} doc-focus, a country answer counted right when the gold point is inside it: "
              f"{res['acc_doc_focus_country_ok']:.3f}")
        for name, gold, focus, got in errors[:args.errors]:
            where = f"{got.name}, {got.country} ({got.lat:.2f},{got.lon:.2f}) {got.kind}" if got else "None"
            print(f"    {name!r:28s} gold=({gold[0]:.2f},{gold[1]:.2f}) focus={focus} -> {where}")


if __name__ == "__main__":
    main()
