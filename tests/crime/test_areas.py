"""import_areas, import_population and import_boundaries on the real ONS files, and on bad ones."""

import csv
import json

import pytest

from saferplan.crime.models import Area, Boundary
from tests.conftest import THANET
from tests.crime.commands import fails, run


def rows_of(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_lsoa_of_the_lookup_has_its_ward_and_district(thanet_geography):
    lookup = rows_of(thanet_geography / "ons/LSOA11_to_WD19_LAD19_EW.csv")
    thanet = {row["LSOA11CD"]: row for row in lookup if row["LAD19CD"] == THANET}
    areas = Area.objects.filter(vintage=Area.Vintage.LSOA_2011, district_code=THANET)
    assert len(thanet) == 84
    assert {a.code: (a.ward_code, a.ward_name, a.name) for a in areas} == {
        code: (row["WD19CD"], row["WD19NM"], row["LSOA11NM"]) for code, row in thanet.items()
    }
    assert Area.objects.filter(vintage=Area.Vintage.LSOA_2011).count() == len(lookup)


def test_a_2021_lsoa_is_placed_where_its_2011_parent_is(thanet_geography):
    bridge = rows_of(thanet_geography / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv")
    new_in_thanet = {
        row["LSOA21CD"]: row["LSOA11CD"]
        for row in bridge
        if row["LAD22CD"] == THANET and row["LSOA21CD"] != row["LSOA11CD"]
    }
    assert new_in_thanet, "Thanet has 2021 LSOAs with new codes"
    for new, old in new_in_thanet.items():
        child, parent = Area.objects.get(code=new), Area.objects.get(code=old)
        assert child.vintage == Area.Vintage.LSOA_2021
        assert (child.ward_code, child.district_code) == (parent.ward_code, THANET)


def test_population_is_set_for_every_known_2021_lsoa(thanet_geography):
    population = {
        row["lsoacd"]: int(row["population"])
        for row in rows_of(thanet_geography / "population/lsoa21_population_mid2022.csv")
    }
    thanet = Area.objects.filter(district_code=THANET, population__isnull=False)
    assert thanet.count() > 80
    assert {a.code: a.population for a in thanet} == {a.code: population[a.code] for a in thanet}


def test_ward_boundaries_are_the_lookups_wards(thanet_geography):
    wards = set(Area.objects.filter(district_code=THANET).values_list("ward_code", flat=True))
    boundaries = Boundary.objects.filter(kind=Boundary.Kind.WARD, district_code=THANET)
    assert boundaries.count() == 23
    assert set(boundaries.values_list("code", flat=True)) == wards
    assert boundaries.get(code="E05005081").name == "Beacon Road"


def test_importing_again_updates_in_place(thanet_geography):
    Area.objects.filter(code="E01024633").update(ward_name="Renamed", population=5)
    before = Area.objects.count()
    out = run("import_areas", str(thanet_geography / "ons/LSOA11_to_WD19_LAD19_EW.csv"))
    assert "34,753 rows read, 0 areas added, 34,753 updated" in out
    area = Area.objects.get(code="E01024633")
    assert Area.objects.count() == before
    assert (area.ward_name, area.population) == ("Beacon Road", 5), "population is left alone"
    out = run(
        "import_boundaries", str(thanet_geography / "boundaries/ward_E07000114_thanet.geojson")
    )
    assert "23 ward boundaries read, 0 added, 23 updated" in out


def test_any_vintage_by_column_name(db, tmp_path):
    """A 2021 lookup: ObjectId last, other ward and district years, a BOM, shuffled columns
    (and an LSOA code no real file has, so that the test adds it)."""
    path = tmp_path / "LSOA21_WD23_LAD23.csv"
    path.write_text(
        "\ufeffLAD23NM,LAD23CD,LSOA21CD,WD23NM,WD23CD,LSOA21NM,ObjectId\n"
        "Thanet,E07000114,E01099901,Cliftonville West,E05005083,Thanet 001F,1\n",
        encoding="utf-8",
    )
    assert "1 rows read, 1 areas added" in run("import_areas", str(path))
    area = Area.objects.get(code="E01099901")
    assert (area.vintage, area.ward_code, area.ward_name, area.district_code) == (
        2021,
        "E05005083",
        "Cliftonville West",
        THANET,
    )


def test_lsoa_boundaries_take_their_district_from_the_areas(thanet_geography):
    run("import_boundaries", str(thanet_geography / "boundaries/lsoa11_E07000114_thanet.geojson"))
    lsoas = Boundary.objects.filter(kind=Boundary.Kind.LSOA)
    assert lsoas.count() == 84
    assert set(lsoas.values_list("district_code", flat=True)) == {THANET}


def test_a_file_that_is_not_a_lookup_names_the_missing_columns(thanet_geography):
    path = str(thanet_geography / "population/lsoa21_population_mid2022.csv")
    message = fails("import_areas", path)
    assert path in message
    assert "LSOA11CD or LSOA21CD" in message and "LADyyCD" in message


def test_bad_files_save_nothing(db, tmp_path):
    areas = Area.objects.count()
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert fails("import_areas", str(empty)) == f"{empty}: the file is empty"
    bad_code = tmp_path / "lookup.csv"
    bad_code.write_text(
        "LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM\n"
        "E01024633,Thanet 006A,E05005081,Beacon Road,E07000114,Thanet\n"
        "Thanet 006B,E01024634,E05005081,Beacon Road,E07000114,Thanet\n"
    )
    message = fails("import_areas", str(bad_code))
    assert message == f"{bad_code}: line 3: LSOA code 'Thanet 006B' is not an ONS code"
    assert Area.objects.count() == areas
    population = tmp_path / "population.csv"
    population.write_text("lsoacd,people\nE01024633,1500\n")
    assert "no column population" in fails("import_population", str(population))


@pytest.mark.parametrize(
    "content, problem",
    [
        ("{not json", "not GeoJSON"),
        ('{"type": "FeatureCollection", "features": []}', "with features"),
        (
            json.dumps({"features": [{"properties": {"NAME": "x"}, "geometry": None}]}),
            "no ward (WDyyCD) or LSOA (LSOAyyCD) code property (their properties: NAME)",
        ),
        (
            json.dumps({"features": [{"properties": {"WD25CD": "E05005081"}, "geometry": None}]}),
            "feature 1: E05005081 has no polygon",
        ),
    ],
)
def test_bad_geojson_is_refused(db, tmp_path, content, problem):
    boundaries = Boundary.objects.count()
    path = tmp_path / "wards.geojson"
    path.write_text(content)
    message = fails("import_boundaries", str(path))
    assert message.startswith(str(path)) and problem in message
    assert Boundary.objects.count() == boundaries
