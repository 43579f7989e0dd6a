"""Access to the site's Police data page: data managers (the permission given by `saferplan
data_manager`, and superusers) read every load and upload files for every partnership; nobody
else does, whatever their role in a partnership."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.crime.models import PoliceLoad
from tests.access_matrix import LOGIN, PERSONAS, assert_response, sign_in_as
from tests.conftest import PASSWORD
from tests.crime.commands import fails, run

from .test_access_crime import STREET

DATA_MANAGER = "data_manager"
SUPERUSER = "superuser"
EVERYONE = [*PERSONAS, DATA_MANAGER, SUPERUSER]
# coordinator, police_officer, council_officer, councillor, outsider, anon, data manager, superuser
PAGE = [403, 403, 403, 403, 403, LOGIN, 200, 200]
UPLOAD = [403, 403, 403, 403, 403, LOGIN, 302, 302]


@pytest.fixture
def everyone(world, django_user_model):
    world.data_manager = django_user_model.objects.create_user(
        "data@county.test", PASSWORD, name="Dana Data"
    )
    run("data_manager", "data@county.test")
    world.superuser = django_user_model.objects.create_superuser(
        "admin@county.test", PASSWORD, name="Ada Admin"
    )
    PoliceLoad.objects.create(partnership=world.thanet, files="thanet-own-upload.csv")
    return world


@pytest.mark.parametrize("persona", EVERYONE)
def test_the_police_data_page(client, everyone, persona):
    sign_in_as(client, everyone, persona)
    response = client.get("/data/police/")
    assert_response(response, PAGE[EVERYONE.index(persona)])
    if response.status_code == 200:
        assert "thanet-own-upload.csv" in response.text  # every partnership's loads


@pytest.mark.parametrize("persona", EVERYONE)
def test_uploading_for_every_partnership(client, everyone, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sign_in_as(client, everyone, persona)
    upload = SimpleUploadedFile("2019-01-kent-street.csv", STREET.encode())
    response = client.post("/data/police/", {"file": upload})
    allowed = UPLOAD[EVERYONE.index(persona)]
    assert_response(response, allowed)
    assert bool(list(tmp_path.rglob("*.csv"))) == (allowed == 302)


def test_the_partnerships_loads_page_lists_only_its_own(client, everyone):
    PoliceLoad.objects.create(partnership=everyone.canterbury, files="canterbury-upload.csv")
    PoliceLoad.objects.create(partnership=None, files="site-load.csv")
    client.force_login(everyone.coordinator)
    page = client.get("/p/thanet/crime/loads/").text
    assert "thanet-own-upload.csv" in page
    assert "canterbury-upload.csv" not in page and "site-load.csv" not in page


def test_the_data_manager_command_gives_and_takes_the_permission(everyone):
    assert run("data_manager", "DATA@county.test", "--remove") == (
        "data@county.test is not a data manager\n"
    )
    assert run("data_manager", "admin@county.test") == (
        "admin@county.test is a data manager (a superuser)\n"
    )
    assert fails("data_manager", "nobody@county.test") == (
        "email: nobody has the address 'nobody@county.test'"
    )


def test_the_crime_page_links_to_the_police_data_page_for_data_managers_only(client, everyone):
    client.force_login(everyone.coordinator)
    assert 'href="/data/police/"' not in client.get("/p/thanet/crime/").text
    run("data_manager", everyone.coordinator.email)
    assert 'href="/data/police/"' in client.get("/p/thanet/crime/").text


def test_a_file_that_is_not_csv_or_zip_is_refused_on_the_police_data_page(client, everyone):
    client.force_login(everyone.data_manager)
    upload = SimpleUploadedFile("crimes.xlsx", b"not a police file")
    response = client.post("/data/police/", {"file": upload})
    assert response.status_code == 200
    assert "Choose a .csv or .zip file from data.police.uk." in response.text
    PoliceLoad.objects.create(files="<b>bold</b>.csv", problem="line 2: <i>x</i>")
    page = client.get("/data/police/").text
    assert "&lt;b&gt;bold&lt;/b&gt;.csv" in page and "&lt;i&gt;x&lt;/i&gt;" in page


def test_the_police_data_page_takes_files_larger_than_a_form(client, everyone, settings, tmp_path):
    """A month's police file runs to tens of megabytes: the page accepts what the partnership's
    own upload does, not the 2.5 MB of a form without files."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(everyone.data_manager)
    padding = "\n" * (3 * 1024 * 1024)
    upload = SimpleUploadedFile("2019-01-kent-street.csv", (STREET + padding).encode())
    response = client.post("/data/police/", {"file": upload})
    assert response.status_code == 302
    assert list(tmp_path.rglob("*.csv"))
