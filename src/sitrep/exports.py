"""Exports: the store's events in the formats analysts' tools read.

One row per real-world event (the store's fused events), except JSONL, which is the contract itself
(one coded article per line, as `sitrep code --format jsonl` prints it). Every writer takes the store,
a destination and the same filters as `Store.fused_events`, and returns how many records it wrote.

| format | for | layout |
|---|---|---|
| jsonl | anything that reads the contract | one coded article per line |
| acled-csv | ACLED users, their scripts and dashboards | ACLED's 31 export columns, in ACLED's order |
| cameo-tsv | GDELT/CAMEO pipelines | GDELT 1.0 event columns (a subset, named as GDELT names them), tab-separated |
| parquet | pandas, Spark, DuckDB | a folder partitioned by month (`month=YYYY-MM/`, hive style) |
| geojson | QGIS, Leaflet, geopandas | a FeatureCollection of points (located events only) |
| hxl-csv | the Humanitarian Data Exchange | CSV with an HXL hashtag row under the header |
"""
from __future__ import annotations

import csv
import json
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TextIO

from sitrep.store import Store

FORMATS = ("jsonl", "acled-csv", "cameo-tsv", "parquet", "geojson", "hxl-csv")

# ACLED's export columns, in its order.
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
    "tags", "timestamp",
]
# ACLED's disorder type of each event type.
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# CAMEO actor type -> ACLED's actor category (inter1/inter2).
_INTER = {"MIL": "State forces", "GOV": "State forces", "COP": "State forces", "SPY": "State forces",
          "REB": "Rebel group", "INS": "Rebel group", "OPP": "Political militia", "CVL": "Civilians",
          "REF": "Civilians", "MED": "Civilians", "HRI": "Civilians", "NGO": "Civilians", "EDU": "Civilians",
          "LAB": "Protesters", "PRT": "Protesters", "IGO": "External/Other forces"}
# Our place precision -> ACLED geo_precision (1 the place itself, 2 near it / its district, 3 a province).
_GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}
# ACLED time_precision: 1 day, 2 a week or so, 3 a month or more.
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "range": 2}

# GDELT 1.0 event columns we fill, named as GDELT names them.
CAMEO_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
    "PLOVERType", "Fatalities",
]
# GDELT's ActionGeo_Type: 1 country, 4 world city, 5 world state (first-level division).
_GEO_TYPE = {"country": 1, "admin1": 5, "admin2": 4, "city": 4, "point": 4}

# HXL: (column, hashtag) — see https://hxlstandard.org/standard/dictionary/
HXL_COLUMNS = [
    ("event_id", "#event+id"), ("date", "#date+occurred"), ("plover_type", "#event+type+plover"),
    ("acled_event_type", "#event+type+acled"), ("acled_sub_event_type", "#event+type+sub+acled"),
    ("actor1", "#group+name+first"), ("actor2", "#group+name+second"), ("country", "#country+code"),
    ("admin1", "#adm1+name"), ("location", "#loc+name"), ("latitude", "#geo+lat"),
    ("longitude", "#geo+lon"), ("fatalities", "#affected+killed"), ("sources", "#meta+source"),
    ("url", "#meta+url"),
]


# ----------------------------------------------------------------------------- one flat row


def flat(event: dict) -> dict[str, Any]:
    """A fused event as one flat row: what every tabular export draws on."""
    d, loc = event.get("date") or {}, event.get("location") or {}
    a1, a2 = event.get("actor1") or {}, event.get("actor2") or {}
    toll, acled = event.get("fatalities") or {}, event.get("acled") or {}
    sources = event.get("sources") or []
    start = d.get("start") or d.get("end")
    outlets = []
    for s in sources:
        art = s.get("article") or {}
        name = (s.get("reported_by") or {}).get("name")
        label = art.get("outlet") or art.get("id")
        label = f"{label} ({name})" if name else label
        if label and label not in outlets:
            outlets.append(label)
    urls = [u for u in dict.fromkeys((s.get("article") or {}).get("url") for s in sources) if u]
    return {
        "id": event.get("id"), "date_start": start, "date_end": d.get("end") or start,
        "date_precision": d.get("precision"), "month": start[:7] if start else "undated",
        "type": event.get("type"), "mode": event.get("mode"), "cameo": event.get("cameo"),
        "acled_event_type": acled.get("event_type"), "acled_sub_event_type": acled.get("sub_event_type"),
        "status": event.get("status"),
        "actor1": a1.get("name"), "actor1_country": a1.get("country"), "actor1_sector": a1.get("sector"),
        "actor2": a2.get("name"), "actor2_country": a2.get("country"), "actor2_sector": a2.get("sector"),
        "location": loc.get("name"), "country": loc.get("country") or a1.get("country") or a2.get("country"),
        "admin1": loc.get("admin1"), "latitude": loc.get("lat"), "longitude": loc.get("lon"),
        "geonames_id": loc.get("geonames_id"), "place_precision": loc.get("precision"),
        "fatalities": toll.get("best"), "fatalities_min": toll.get("min"), "fatalities_max": toll.get("max"),
        "cumulative": bool(toll.get("cumulative")), "n_articles": event.get("n_articles"),
        "n_reports": len(sources), "sources": "; ".join(outlets), "url": urls[0] if urls else None,
        "urls": urls, "notes": _notes(sources), "confidence": event.get("confidence"),
    }


def _notes(sources: list[dict]) -> str:
    """The first report's evidence sentence(s): what the event was read from."""
    for s in sources:
        texts = [e.get("text") for e in s.get("evidence") or [] if e.get("text")]
        if texts:
            return " ".join(texts)
    return ""


# ----------------------------------------------------------------------------- writers


@contextmanager
def _text_out(dest: "str | Path | TextIO") -> Iterator[TextIO]:
    if not isinstance(dest, (str, Path)):
        yield dest
    elif str(dest) == "-":
        yield sys.stdout
    else:
        Path(dest).parent.mkdir(parents=True, exist_ok=True)
        with open(dest, "w", encoding="utf-8", newline="") as fh:
            yield fh


def write_jsonl(store: Store, dest, **filters: Any) -> int:
    """The contract: one coded article per line; with filters, the articles that tell a matching event."""
    ids = None
    if any(v is not None for v in filters.values()):
        ids = list(dict.fromkeys(e["article"]["id"] for e in store.events(**filters)))
    n = 0
    with _text_out(dest) as fh:
        for coded in store.articles(ids):
            fh.write(json.dumps(coded, ensure_ascii=False) + "\n")
            n += 1
    return n


def _country_facts(iso3: Optional[str]) -> tuple[str, str]:
    """(numeric ISO code, English name) of an ISO3 code, '' when unknown."""
    if not iso3:
        return "", ""
    try:
        import pycountry

        found = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError):  # pragma: no cover
        found = None
    return (str(int(found.numeric)), found.name) if found else ("", iso3)


def acled_row(event: dict, timestamp: int) -> dict[str, Any]:
    r = flat(event)
    iso, country = _country_facts(r["country"])
    inter1, inter2 = _INTER.get(r["actor1_sector"] or "", ""), _INTER.get(r["actor2_sector"] or "", "")
    return {
        "event_id_cnty": r["id"], "event_date": r["date_start"],
        "year": r["date_start"][:4] if r["date_start"] else "",
        "time_precision": _TIME_PRECISION.get(r["date_precision"] or "", 3),
        "disorder_type": _DISORDER.get(r["acled_event_type"] or "", ""),
        "event_type": r["acled_event_type"], "sub_event_type": r["acled_sub_event_type"],
        "actor1": r["actor1"] or "", "assoc_actor_1": "", "inter1": inter1,
        "actor2": r["actor2"] or "", "assoc_actor_2": "", "inter2": inter2,
        "interaction": "-".join(x for x in (inter1, inter2) if x),
        "civilian_targeting": "Civilian targeting" if r["actor2_sector"] == "CVL" else "",
        "iso": iso, "region": "", "country": country, "admin1": r["admin1"] or "", "admin2": "", "admin3": "",
        "location": r["location"] or "", "latitude": r["latitude"], "longitude": r["longitude"],
        "geo_precision": _GEO_PRECISION.get(r["place_precision"] or "", ""),
        "source": r["sources"], "source_scale": "", "notes": r["notes"],
        "fatalities": r["fatalities"] if r["fatalities"] is not None and not r["cumulative"] else 0,
        "tags": "", "timestamp": timestamp,
    }


def write_acled_csv(store: Store, dest, **filters: Any) -> int:
    """ACLED's column layout; events ACLED would code (those with an ACLED type), running tolls left out."""
    stamp = int(time.time())
    n = 0
    with _text_out(dest) as fh:
        writer = csv.DictWriter(fh, ACLED_COLUMNS)
        writer.writeheader()
        for event in store.fused_events(**filters):
            if not event.get("acled") or (event.get("fatalities") or {}).get("cumulative"):
                continue
            writer.writerow(acled_row(event, stamp))
            n += 1
    return n


def _actor_code(country: Optional[str], sector: Optional[str]) -> str:
    """CAMEO actor code: country (ISO3) then type ("RUSMIL"); just the type for a stateless actor."""
    return f"{country or ''}{sector or ''}"


def _quad_class(cameo: Optional[str]) -> str:
    """GDELT QuadClass from the CAMEO root: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if not cameo or not cameo[:2].isdigit():
        return ""
    root = int(cameo[:2])
    return "1" if root <= 5 else "2" if root <= 8 else "3" if root <= 13 else "4"


def cameo_row(event: dict, added: str) -> dict[str, Any]:
    r = flat(event)
    day = (r["date_start"] or "").replace("-", "")
    cameo = r["cameo"] or ""
    fraction = ""
    if r["date_start"]:
        y, m, d = (int(x) for x in r["date_start"].split("-"))
        fraction = f"{y + ((m - 1) * 30 + d) / 365:.4f}"
    return {
        "GLOBALEVENTID": r["id"], "SQLDATE": day, "MonthYear": day[:6], "Year": day[:4], "FractionDate": fraction,
        "Actor1Code": _actor_code(r["actor1_country"], r["actor1_sector"]), "Actor1Name": r["actor1"] or "",
        "Actor1CountryCode": r["actor1_country"] or "", "Actor1Type1Code": r["actor1_sector"] or "",
        "Actor2Code": _actor_code(r["actor2_country"], r["actor2_sector"]), "Actor2Name": r["actor2"] or "",
        "Actor2CountryCode": r["actor2_country"] or "", "Actor2Type1Code": r["actor2_sector"] or "",
        "IsRootEvent": 1, "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": cameo[:2],
        "QuadClass": _quad_class(cameo), "NumMentions": r["n_reports"], "NumSources": r["n_articles"],
        "NumArticles": r["n_articles"],
        "ActionGeo_Type": _GEO_TYPE.get(r["place_precision"] or "", "") if r["location"] else "",
        "ActionGeo_FullName": ", ".join(x for x in (r["location"], r["admin1"], r["country"]) if x)
        if r["location"] else "",
        "ActionGeo_CountryCode": r["country"] or "", "ActionGeo_ADM1Code": r["admin1"] or "",
        "ActionGeo_Lat": r["latitude"] if r["latitude"] is not None else "",
        "ActionGeo_Long": r["longitude"] if r["longitude"] is not None else "",
        "ActionGeo_FeatureID": r["geonames_id"] or "", "DATEADDED": added, "SOURCEURL": r["url"] or "",
        "PLOVERType": r["type"], "Fatalities": "" if r["fatalities"] is None else r["fatalities"],
    }


def write_cameo_tsv(store: Store, dest, **filters: Any) -> int:
    """GDELT-style events: CAMEO codes, actor codes (ISO3 + CAMEO type), QuadClass, ActionGeo; tab-separated,
    with a header row. Country codes are ISO 3166 alpha-3 (GDELT's own ActionGeo uses FIPS)."""
    added = time.strftime("%Y%m%d")
    n = 0
    with _text_out(dest) as fh:
        writer = csv.DictWriter(fh, CAMEO_COLUMNS, delimiter="\t", lineterminator="\n",
                                quoting=csv.QUOTE_MINIMAL)
        writer.writeheader()
        for event in store.fused_events(**filters):
            if not event.get("cameo"):
                continue
            writer.writerow(cameo_row(event, added))
            n += 1
    return n


def write_geojson(store: Store, dest, **filters: Any) -> int:
    """A FeatureCollection of located events: Point [lon, lat], the flat row as properties."""
    features = []
    for event in store.fused_events(**filters):
        loc = event.get("location")
        if not loc:
            continue
        props = flat(event)
        props.pop("urls")
        features.append({"type": "Feature", "id": event["id"],
                         "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                         "properties": props})
    with _text_out(dest) as fh:
        json.dump({"type": "FeatureCollection", "features": features}, fh, ensure_ascii=False)
        fh.write("\n")
    return len(features)


def write_hxl_csv(store: Store, dest, **filters: Any) -> int:
    """CSV for the Humanitarian Data Exchange: a header row, then the HXL hashtag row, then the events."""
    n = 0
    with _text_out(dest) as fh:
        writer = csv.writer(fh)
        writer.writerow([c for c, _ in HXL_COLUMNS])
        writer.writerow([tag for _, tag in HXL_COLUMNS])
        for event in store.fused_events(**filters):
            r = flat(event)
            r.update(event_id=r["id"], date=r["date_start"], plover_type=r["type"],
                     fatalities=None if r["cumulative"] else r["fatalities"])
            writer.writerow(["" if r[c] is None else r[c] for c, _ in HXL_COLUMNS])
            n += 1
    return n


def write_parquet(store: Store, dest, **filters: Any) -> int:
    """A Parquet dataset under the folder `dest`, one partition per month (`month=YYYY-MM`, or
    `month=undated`); the fused record's JSON is kept whole in the `json` column."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:  # pragma: no cover - pyarrow is a dependency of sitrep's exports
        raise RuntimeError("Parquet export needs pyarrow: pip install pyarrow") from error
    if str(dest) == "-":
        raise ValueError("Parquet is written to a folder: give --out DIR")
    rows = []
    for event in store.fused_events(**filters):
        r = flat(event)
        r["json"] = json.dumps(event, ensure_ascii=False)
        rows.append(r)
    schema = pa.schema([
        ("id", pa.string()), ("date_start", pa.string()), ("date_end", pa.string()),
        ("date_precision", pa.string()), ("month", pa.string()), ("type", pa.string()), ("mode", pa.string()),
        ("cameo", pa.string()), ("acled_event_type", pa.string()), ("acled_sub_event_type", pa.string()),
        ("status", pa.string()), ("actor1", pa.string()), ("actor1_country", pa.string()),
        ("actor1_sector", pa.string()), ("actor2", pa.string()), ("actor2_country", pa.string()),
        ("actor2_sector", pa.string()), ("location", pa.string()), ("country", pa.string()),
        ("admin1", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("geonames_id", pa.int64()), ("place_precision", pa.string()), ("fatalities", pa.int64()),
        ("fatalities_min", pa.int64()), ("fatalities_max", pa.int64()), ("cumulative", pa.bool_()),
        ("n_articles", pa.int64()), ("n_reports", pa.int64()), ("sources", pa.string()), ("url", pa.string()),
        ("urls", pa.list_(pa.string())), ("notes", pa.string()), ("confidence", pa.float64()),
        ("json", pa.string()),
    ])
    table = pa.Table.from_pylist(rows, schema=schema)
    Path(dest).mkdir(parents=True, exist_ok=True)
    if rows:
        pq.write_to_dataset(table, root_path=str(dest), partition_cols=["month"],
                            existing_data_behavior="delete_matching")
    return len(rows)


WRITERS: dict[str, Callable[..., int]] = {
    "jsonl": write_jsonl, "acled-csv": write_acled_csv, "cameo-tsv": write_cameo_tsv,
    "parquet": write_parquet, "geojson": write_geojson, "hxl-csv": write_hxl_csv,
}


def export(store: Store, fmt: str, dest, **filters: Any) -> int:
    """Write the store's events (filtered) in `fmt` to `dest` (a file, "-" for stdout, a folder for
    Parquet); returns how many records were written."""
    if fmt not in WRITERS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    return WRITERS[fmt](store, dest, **filters)
