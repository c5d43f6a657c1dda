"""Every export read back by the tool its users use: pandas (CSV, TSV, Parquet), a GeoJSON parser, the
contract's own record types (JSONL)."""
from __future__ import annotations

import json

import geojson
import pandas as pd
import pytest

from sitrep.exports import ACLED_COLUMNS, CAMEO_COLUMNS, FORMATS, HXL_COLUMNS, export
from sitrep.records import CodedArticle
from sitrep.store import Store
from test_fusion import ALEPPO, THREE_OUTLETS, report, store_all


@pytest.fixture()
def store(tmp_path):
    running = report("un-1", "UN News", "The war has killed more than 500,000 people since 2011, the UN said.",
                     place=dict(name="Syria", country="SYR", admin1=None, lat=35.0, lon=38.0,
                                geonames_id=163843, precision="country"),
                     actor1=None, killed=500000, cumulative=True, day="2011-03-15", day_end="2024-03-12",
                     source="the UN")
    hospital = report("ap-2", "AP", "Russian warplanes struck a hospital in Aleppo on 2 April, killing 4 "
                      "medics.", place=ALEPPO, killed=4, source="a medical charity", day="2024-04-02")
    unlocated = report("bbc-1", "BBC", "Russia threatened Ukraine.", place=None, type_="THREATEN", mode=None,
                       day="2024-04-03")
    s = store_all(str(tmp_path / "x.db"), [*THREE_OUTLETS, running, hospital, unlocated])
    yield s
    s.close()


def test_jsonl_is_the_contract(store, tmp_path):
    out = tmp_path / "all.jsonl"
    assert export(store, "jsonl", out) == 6
    coded = [CodedArticle.model_validate(json.loads(line)) for line in out.read_text().splitlines()]
    assert [c.article.id for c in coded] == ["reuters-1", "ap-1", "afp-1", "un-1", "ap-2", "bbc-1"]
    assert export(store, "jsonl", tmp_path / "syr.jsonl", admin1="Aleppo") == 1


def test_acled_csv_in_pandas(store, tmp_path):
    out = tmp_path / "acled.csv"
    assert export(store, "acled-csv", out) == 2         # the running toll is no ACLED event; nor a threat
    frame = pd.read_csv(out)
    assert list(frame.columns) == ACLED_COLUMNS
    first = frame.iloc[0]
    assert first["event_date"] == "2024-03-12" and first["country"] == "Syrian Arab Republic"
    assert first["iso"] == 760 and first["location"] == "Maarat al-Numan" and first["fatalities"] == 15
    assert first["source"].count(";") == 2 and "Reuters" in first["source"]
    assert first["disorder_type"] == "Political violence" and first["civilian_targeting"] == "Civilian targeting"
    assert frame["fatalities"].sum() == 19


def test_cameo_tsv_in_pandas(store, tmp_path):
    out = tmp_path / "events.tsv"
    assert export(store, "cameo-tsv", out) == 4
    frame = pd.read_csv(out, sep="\t", dtype={"EventCode": str, "EventRootCode": str, "SQLDATE": str})
    assert list(frame.columns) == CAMEO_COLUMNS
    strike = frame[frame["NumArticles"] == 3].iloc[0]
    assert strike["SQLDATE"] == "20240312" and strike["EventCode"] == "195" and strike["EventRootCode"] == "19"
    assert strike["QuadClass"] == 4 and strike["Actor1Code"] == "RUSMIL" and strike["ActionGeo_FeatureID"] == 166256


def test_parquet_by_month_in_pandas(store, tmp_path):
    out = tmp_path / "parquet"
    assert export(store, "parquet", out) == 4
    assert sorted(p.name for p in out.iterdir()) == ["month=2011-03", "month=2024-03", "month=2024-04"]
    frame = pd.read_parquet(out)
    assert len(frame) == 4 and frame["fatalities"].max() == 500000
    march = pd.read_parquet(out, filters=[("month", "=", "2024-03")])
    assert list(march["n_articles"]) == [3]
    assert json.loads(march["json"].iloc[0])["sources"][0]["article"]["outlet"] == "Reuters"


def test_geojson_is_valid(store, tmp_path):
    out = tmp_path / "events.geojson"
    assert export(store, "geojson", out) == 3           # the threat has no place
    collection = geojson.loads(out.read_text())
    assert collection.is_valid and collection["type"] == "FeatureCollection"
    points = {f["properties"]["location"]: f["geometry"]["coordinates"] for f in collection["features"]}
    assert points["Aleppo"] == [37.1343, 36.2021]


def test_hxl_csv_for_hdx(store, tmp_path):
    out = tmp_path / "hdx.csv"
    assert export(store, "hxl-csv", out) == 4
    tags = pd.read_csv(out, nrows=1).iloc[0].tolist()
    assert tags == [tag for _, tag in HXL_COLUMNS] and all(t.startswith("#") for t in tags)
    frame = pd.read_csv(out, skiprows=[1])
    assert frame["fatalities"].sum() == 19               # running tolls carry no incident count
    assert set(frame["country"]) == {"SYR", "RUS"}


def test_every_format_through_the_cli(store, tmp_path):
    from click.testing import CliRunner

    from sitrep.store_cli import export_command

    for fmt in FORMATS:
        dest = tmp_path / f"cli-{fmt}"
        result = CliRunner().invoke(export_command, ["--db", store.path, "--format", fmt, "--out", str(dest),
                                                     "--country", "SYR"])
        assert result.exit_code == 0, result.output
        assert dest.exists()
    result = CliRunner().invoke(export_command, ["--db", store.path, "--format", "parquet"])
    assert result.exit_code == 2
