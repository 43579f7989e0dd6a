"""Police.uk data is the site's: a partnership's own upload changes only its own districts, and
every load is logged (issue 13.1)."""

import csv
import datetime
import zipfile
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum

from saferplan.crime.files import BadFile
from saferplan.crime.models import (
    Crime,
    MonthlyCount,
    Outcome,
    OutcomeCount,
    PoliceLoad,
    PoliceMonth,
)
from saferplan.crime.police import import_police
from saferplan.crime.selectors import data_quality
from saferplan.jobs.models import Job
from saferplan.partnerships.models import Partnership, PartnershipDistrict
from tests.crime.commands import run
from tests.reminders.conftest import run_worker

from .test_police import outcomes_csv, read_rows, street_file

THANET, CANTERBURY = "E07000114", "E07000106"
JANUARY = "2019-01"
SLUGS = ["thanet", "canterbury"]
THANET_JANUARY = 1778  # rows of the real file in Thanet's LSOAs (data/README.md)


def counted_by_hand(data, month):
    """Each row of the real file counted by district, LSOA and type, the district being the one
    the ONS lookup file itself gives the row's LSOA (rows of LSOAs it lacks left out)."""
    with open(data / "ons/LSOA11_to_WD19_LAD19_EW.csv", encoding="utf-8-sig", newline="") as file:
        district_of = {row["LSOA11CD"]: row["LAD19CD"] for row in csv.DictReader(file)}
    return Counter(
        (district_of[row["LSOA code"]], row["LSOA code"], row["Crime type"])
        for row in read_rows(street_file(data, month))
        if row["LSOA code"] in district_of
    )


def counts_by_lsoa(**filters):
    counts = MonthlyCount.objects.filter(**filters)
    return Counter(
        {
            (row["district_code"], row["lsoa_code"], row["category"]): row["total"]
            for row in counts.values("district_code", "lsoa_code", "category").annotate(
                total=Sum("count")
            )
        }
    )


def rows_of(data, district, count=None):
    """Rows of the real January file in a district's LSOAs (by the lookup the site loaded)."""
    from saferplan.crime.models import Area

    lsoas = set(Area.objects.filter(district_code=district).values_list("code", flat=True))
    rows = [row for row in read_rows(street_file(data, JANUARY)) if row["LSOA code"] in lsoas]
    return rows[:count]


def as_file(rows, **changes):
    out = StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows({**row, **changes} for row in rows)
    return out.getvalue().encode()


def upload(client, person, slug, name, content):
    client.force_login(person)
    client.post(f"/p/{slug}/crime/import/", {"file": SimpleUploadedFile(name, content)})
    run_worker()
    return Job.objects.latest("created")


def total(district, **filters):
    counts = MonthlyCount.objects.filter(district_code=district, **filters)
    return sum(counts.values_list("count", flat=True))


@pytest.fixture
def kent(world, thanet_geography, settings, tmp_path):
    """Thanet and Canterbury in their real districts, Kent's January loaded for the site."""
    settings.MEDIA_ROOT = tmp_path
    run("import_police", str(street_file(thanet_geography, JANUARY)))
    return thanet_geography


def trend_csv(client, world):
    client.force_login(world.coordinator)
    return client.get("/p/thanet/crime/trend.csv").content


def test_one_partnership_cannot_replace_anothers_month(client, world, kent):
    """The issue's reproduction: Canterbury's coordinator uploads a Kent month holding one
    Thanet row; Thanet's figures used to drop to 1."""
    before = trend_csv(client, world)
    assert total(THANET) == THANET_JANUARY
    canterbury = total(CANTERBURY)
    content = as_file(rows_of(kent, THANET, 1))
    job = upload(client, world.outsider, "canterbury", "2019-01-kent-street.csv", content)
    assert job.status == Job.Status.DONE, job.message
    assert "0 kept in Canterbury Community Safety Partnership's own districts" in job.message
    assert "1 left out (1 other districts)" in job.message
    assert total(THANET) == THANET_JANUARY
    assert trend_csv(client, world) == before
    # What the upload replaced is Canterbury's own January: its districts' rows only.
    assert total(CANTERBURY) == 0 < canterbury
    load = PoliceLoad.objects.get(partnership=world.canterbury)
    assert (load.started_by, load.rows_kept, load.rows_replaced) == (world.outsider, 0, canterbury)


def test_made_up_forces_and_crime_types_reach_only_the_uploaders_page(client, world, kent):
    before = trend_csv(client, world)
    rows = rows_of(kent, THANET, 5) + rows_of(kent, CANTERBURY, 5)
    content = as_file(
        rows, **{"Reported by": "Made-up Police", "Falls within": "", "Crime type": "Made-up"}
    )
    job = upload(client, world.outsider, "canterbury", "2019-01-made-up-street.csv", content)
    assert job.status == Job.Status.DONE, job.message
    assert total(CANTERBURY, category="Made-up") == 5
    assert not MonthlyCount.objects.filter(category="Made-up", district_code=THANET).exists()
    assert trend_csv(client, world) == before
    client.force_login(world.coordinator)
    page = client.get("/p/thanet/crime/").text
    assert "Made-up" not in page


def test_a_partnership_corrects_its_own_month_and_the_site_load_restores_it(client, world, kent):
    canterbury = total(CANTERBURY)
    content = as_file(rows_of(kent, THANET, 100))
    job = upload(client, world.coordinator, "thanet", "2019-01-kent-street.csv", content)
    assert job.status == Job.Status.DONE, job.message
    assert total(THANET) == 100
    assert total(CANTERBURY) == canterbury
    assert f"{THANET_JANUARY:,} rows loaded before were replaced" in job.message
    own = PoliceMonth.objects.get(partnership=world.thanet)
    site = PoliceMonth.objects.get(partnership=None)
    # The site's force-wide figures, which every partnership's notes quote, are untouched.
    assert site.no_location > 0 and own.force == site.force
    # Loading the month for the site again replaces the partnership's own month too.
    run("import_police", str(street_file(kent, JANUARY)))
    assert total(THANET) == THANET_JANUARY
    assert total(CANTERBURY) == canterbury
    assert not PoliceMonth.objects.filter(partnership=world.thanet).exists()


def test_a_district_shared_with_another_partnership_is_left_to_the_data_manager(
    client, world, kent
):
    PartnershipDistrict.objects.create(partnership=world.canterbury, code=THANET)
    content = as_file(rows_of(kent, THANET, 3))
    job = upload(client, world.coordinator, "thanet", "2019-01-kent-street.csv", content)
    assert "0 kept" in job.message and "3 left out" in job.message
    assert total(THANET) == THANET_JANUARY


def test_outcomes_link_only_to_crimes_of_the_same_load(world, kent, tmp_path):
    with_id = [row for row in rows_of(kent, THANET) if row["Crime ID"]][:10]
    outcomes = tmp_path / "2018-11-kent-outcomes.csv"
    outcomes.write_text(outcomes_csv(with_id))
    # January's crimes were loaded before: an outcomes file alone links to none of them.
    out = run("import_police", str(outcomes))
    assert "10 rows read, 0 kept; left out: 10 crime not in this load" in out
    assert not Outcome.objects.exists()
    # Loaded with their street file, they link.
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(street_file(kent, JANUARY), f"{JANUARY}/{JANUARY}-kent-street.csv")
        zipped.write(outcomes, "2018-11/2018-11-kent-outcomes.csv")
    assert "10 rows read, 10 kept" in run("import_police", str(archive))
    assert Outcome.objects.count() == 10


def test_a_partnerships_outcomes_link_only_to_its_own_crimes(client, world, kent, tmp_path):
    thanet = [row for row in rows_of(kent, THANET) if row["Crime ID"]][:4]
    canterbury = [row for row in rows_of(kent, CANTERBURY) if row["Crime ID"]][:6]
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(f"{JANUARY}/{JANUARY}-kent-street.csv", as_file(thanet + canterbury))
        zipped.writestr("2018-11/2018-11-kent-outcomes.csv", outcomes_csv(thanet + canterbury))
    job = upload(client, world.coordinator, "thanet", "archive.zip", archive.read_bytes())
    assert job.status == Job.Status.DONE, job.message
    assert set(Outcome.objects.values_list("district_code", flat=True)) == {THANET}
    assert Outcome.objects.count() == 4
    assert Crime.objects.filter(district_code=CANTERBURY).count() == total(CANTERBURY) > 6


def test_every_load_is_logged(world, kent, tmp_path):
    load = PoliceLoad.objects.get()
    assert load.partnership is None and load.started_by is None  # the command line
    assert load.files == f"{JANUARY}-kent-street.csv"
    assert load.status == PoliceLoad.Status.DONE and load.finished_at
    assert load.months == [
        {
            "force": "Kent Police",
            "month": JANUARY,
            "kind": "street",
            "kept": load.rows_kept,
            "replaced": 0,
            "identical": PoliceMonth.objects.get().identical_rows,
        }
    ]
    assert load.rows_kept > THANET_JANUARY
    result = import_police([street_file(kent, JANUARY)], started_by=world.coordinator)
    assert result.load.rows_replaced == load.rows_kept
    bad = tmp_path / "2019-01-kent-street.csv"
    bad.write_bytes(b"Crime ID,Month\n")
    with pytest.raises(ValueError):
        import_police([bad])
    failed = PoliceLoad.objects.latest("pk")
    assert failed.status == PoliceLoad.Status.FAILED
    assert "no column" in failed.problem and failed.months == []
    assert datetime.date.today() - failed.started_at.date() <= datetime.timedelta(days=1)


def test_a_data_manager_loads_a_file_for_every_partnership_on_the_police_data_page(
    client, world, kent, django_user_model, settings
):
    manager = django_user_model.objects.create_user("data@county.test", "x", name="Dana Data")
    run("data_manager", "data@county.test")
    client.force_login(manager)
    content = as_file(rows_of(kent, THANET, 10) + rows_of(kent, CANTERBURY, 20))
    response = client.post(
        "/data/police/", {"file": SimpleUploadedFile("2019-01-kent-street.csv", content)}
    )
    assert response.url == "/data/police/"
    run_worker()
    assert (total(THANET), total(CANTERBURY)) == (10, 20)
    load = PoliceLoad.objects.latest("pk")
    assert (load.partnership, load.started_by, load.rows_kept) == (None, manager, 30)
    page = client.get("/data/police/").text
    assert "Dana Data" in page and "2019-01 Kent Police street (30," in page
    client.post("/data/police/", {"file": SimpleUploadedFile("2019-02-kent-street.csv", content)})
    run_worker()
    page = client.get("/data/police/").text
    assert "name says 2019-02 but its rows are of 2019-01" in page
    assert (total(THANET), total(CANTERBURY)) == (10, 20)
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.csv")), "uploads are deleted"


def test_force_wide_figures_in_the_notes_stay_the_sites(client, world, kent):
    """The rows no partnership can be given (no location, unknown LSOA) are counted once, from
    the site's month, whoever else uploaded the month for themselves."""
    notes = {slug: data_quality(Partnership.objects.get(slug=slug)) for slug in SLUGS}
    content = street_file(kent, JANUARY).read_bytes()
    upload(client, world.coordinator, "thanet", "2019-01-kent-street.csv", content)
    assert PoliceMonth.objects.get(partnership=world.thanet).no_location > 0
    for slug in SLUGS:
        quality = data_quality(Partnership.objects.get(slug=slug))
        assert (quality.no_location, quality.unknown_lsoa) == (
            notes[slug].no_location,
            notes[slug].unknown_lsoa,
        )
    assert total(THANET) == THANET_JANUARY


def test_every_districts_counts_are_kept_and_a_partnership_changes_only_its_own(
    client, world, kent, tmp_path
):
    """Issue 16: the counts of every district in the files, beside the crimes of partnerships'
    districts only; a partnership covering Thanet alone changes Thanet's counts only."""
    expected = counted_by_hand(kent, JANUARY)
    assert len({district for district, *_ in expected}) > 10  # Kent's 12, Medway, a few beyond
    assert counts_by_lsoa() == expected
    covered = {THANET, CANTERBURY}
    # Crimes, and counts by outcome, only of the districts partnerships cover.
    assert set(Crime.objects.values_list("district_code", flat=True)) == covered
    assert set(OutcomeCount.objects.values_list("district_code", flat=True)) == covered
    site = PoliceMonth.objects.get()
    others = sum(n for (district, *_), n in expected.items() if district not in covered)
    assert site.left_out["other districts"] == others > 0
    assert site.rows_kept == Crime.objects.count()

    content = street_file(kent, JANUARY).read_bytes()
    job = upload(client, world.coordinator, "thanet", "2019-01-kent-street.csv", content)
    assert job.status == Job.Status.DONE, job.message
    own = PoliceMonth.objects.get(partnership=world.thanet)
    assert set(own.counts.values_list("district_code", flat=True)) == {THANET}
    assert counts_by_lsoa(police_month__partnership=None) == Counter(
        {key: n for key, n in expected.items() if key[0] != THANET}
    )
    assert counts_by_lsoa() == expected

    # A broken file changes nothing; the site's load replaces the whole month, never doubling.
    broken = tmp_path / "2019-01-kent-street.csv"
    broken.write_bytes(content + b"broken,2019-01\n")
    with pytest.raises(BadFile, match="line"):
        import_police([broken])
    assert counts_by_lsoa() == expected
    import_police([street_file(kent, JANUARY)])
    assert counts_by_lsoa() == expected
    assert PoliceMonth.objects.get().partnership is None
