"""Build the dashboard's and the reports' offline basemap from Natural Earth country shapes.

    python -m sitrep.web.build_basemap                  # fetches the npm package world-atlas with npm
    python -m sitrep.web.build_basemap --from DIR       # or reads an unpacked copy of it

The shapes are Natural Earth's 1:50m admin-0 countries (public domain) as packaged in TopoJSON by the
npm package `world-atlas` (ISC licence). We decode the TopoJSON once, here, into plain polygon rings
keyed by ISO 3166-1 alpha-3 and rounded to 0.01 degree, so neither the browser nor the report needs a
TopoJSON library. The result, `static/basemap/countries.json`, is committed (public domain data), so
installing sitrep needs neither npm nor a network; rerun this only to change the shapes.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
SOURCE_FILE = "countries-50m.json"
OUT = Path(__file__).parent / "static" / "basemap" / "countries.json"
DIGITS = 2


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute coordinates of every arc (TopoJSON stores them quantized and delta-encoded)."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [tuple(p) for p in arc]
        out.append(points)
    return out


def _ring(indices: list[int], arcs: list) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)  # consecutive arcs share their joining point
    rounded: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not rounded or rounded[-1] != point:
            rounded.append(point)
    return rounded


def _iso3(numeric: str | None, name: str) -> str | None:
    import pycountry

    if numeric:
        country = pycountry.countries.get(numeric=numeric.zfill(3))
        if country:
            return country.alpha_3
    special = {"Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}
    return special.get(name)


def convert(topology: dict) -> dict:
    arcs = _arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = (geometry.get("properties") or {}).get("name") or ""
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes = []
        for polygon in polygons:
            rings = [_ring(ring, arcs) for ring in polygon]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                shapes.append(rings)
        if shapes:
            countries.append({"iso3": _iso3(geometry.get("id"), name), "name": name, "polygons": shapes})
    countries.sort(key=lambda c: c["name"])
    return {"source": f"Natural Earth 1:50m admin-0 countries (public domain), via npm {PACKAGE} (ISC)",
            "digits": DIGITS, "countries": countries}


def _fetch(folder: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    tarball = next(folder.glob("world-atlas-*.tgz"))
    with tarfile.open(tarball) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="source", type=Path, help="an unpacked world-atlas package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.source or _fetch(Path(tmp))
        topology = json.loads((folder / SOURCE_FILE).read_text(encoding="utf-8"))
        basemap = convert(topology)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(basemap, separators=(",", ":")), encoding="utf-8")
    print(f"{args.out}: {len(basemap['countries'])} countries, {args.out.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
