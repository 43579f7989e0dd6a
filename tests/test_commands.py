"""Setting up a real partnership from the command line, without the demo."""

import shlex
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from saferplan.partnerships.models import Agency, Partnership, Person


def run(command_line):
    """Run a command as typed after `saferplan`, and return what it printed."""
    out = StringIO()
    call_command(*shlex.split(command_line), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_add_partnership_agency_and_invite_a_coordinator(smtp_server):
    out = run("add_partnership 'Dover CSP' --slug dover --district e07000108")
    assert "Added partnership Dover CSP (dover): districts E07000108" in out
    run("add_agency 'Kent Police' --kind police --partnership dover")
    out = run(
        "invite lead@dover.test --name 'Dee Lead' --partnership dover --agency 'kent police' "
        "--role coordinator"
    )
    assert "One-time link to choose a password: http://127.0.0.1:8000/invitation/" in out
    assert [m["To"] for m in smtp_server] == ["lead@dover.test"]
    person = Person.objects.get(email="lead@dover.test")
    assert person.agency.name == "Kent Police"
    assert person.roles.get().partnership.slug == "dover"


@pytest.mark.django_db
def test_partnership_with_several_districts():
    run("add_partnership 'East Kent' --slug east-kent --district E07000108 --district E07000112")
    assert Partnership.objects.get(slug="east-kent").district_codes == ["E07000108", "E07000112"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--district", "E10000016"], "'E10000016' is not a local authority district code"),
        (["--district", "thanet"], "'THANET' is not a local authority district code"),
        (["--district", "E07000114", "--slug", "thanet"], "A partnership with this slug already"),
        (["--district", "E07000114", "--slug", "not a slug"], "slug: Enter a valid “slug”"),
    ],
)
def test_bad_partnership_is_refused_and_changes_nothing(world, args, message):
    before = Partnership.objects.count()
    full = ["add_partnership", "Somewhere CSP", *args]
    if "--slug" not in args:
        full += ["--slug", "somewhere"]
    with pytest.raises(CommandError, match=message):
        call_command(*full)
    assert Partnership.objects.count() == before


def test_invite_to_an_email_in_use_is_refused(world, smtp_server):
    with pytest.raises(CommandError, match="already has a SaferPlan account"):
        run(
            "invite officer@police.test --name 'Bob Again' --partnership thanet "
            "--agency 'Kent Police' --role officer"
        )
    assert smtp_server == []


def test_invite_for_an_agency_not_in_the_partnership_is_refused(world):
    with pytest.raises(CommandError, match="'Canterbury City Council' does not sit in Thanet"):
        run(
            "invite x@y.test --name X --partnership thanet --agency 'Canterbury City Council' "
            "--role viewer"
        )
    assert not Person.objects.filter(email="x@y.test").exists()


def test_duplicate_agency_is_refused(world):
    with pytest.raises(CommandError, match="An agency with this name already exists"):
        run("add_agency 'Kent Police' --kind police")
    assert Agency.objects.filter(name="Kent Police").count() == 1
