"""A bad environment stops `saferplan` at start-up with one line that names the variable."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import free_port

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-of-fifty-characters-or-more-x1",
    "ALLOWED_HOSTS": "saferplan.example.gov.uk",
    "DATABASE_URL": "sqlite:///:memory:",
}


def environment(**env):
    # Only what a real start-up would have: not our settings, nor the browser tests' async flag.
    ignored = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**{k: v for k, v in os.environ.items() if k not in ignored}, **env}


def saferplan(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "saferplan", *args],
        capture_output=True,
        text=True,
        env=environment(**env),
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DEBUG": "false", "ALLOWED_HOSTS": "x.example"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "s" * 50}, "ALLOWED_HOSTS"),
        ({"DATABASE_URL": "mysql://root@localhost/saferplan"}, "DATABASE_URL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"EMAIL_PORT": "twenty-five"}, "EMAIL_PORT"),
        ({"SITE_URL": "saferplan.example"}, "SITE_URL"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"SIGN_IN_ATTEMPTS": "0"}, "SIGN_IN_ATTEMPTS"),
        ({"SIGN_IN_LOCKOUT_MINUTES": "a while"}, "SIGN_IN_LOCKOUT_MINUTES"),
        ({"PROXY_COUNT": "-1"}, "PROXY_COUNT"),
    ],
)
def test_bad_value_stops_start_up_with_one_line_naming_it(env, named):
    result = saferplan("check", **{"DEBUG": "true", **env})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr


def test_production_environment_passes_the_deployment_check():
    result = saferplan("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_debug_is_off_unless_set():
    result = saferplan(
        "diffsettings",
        "--all",
        SECRET_KEY=PRODUCTION["SECRET_KEY"],
        ALLOWED_HOSTS="saferplan.example.gov.uk",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stderr
    assert "DEBUG = False" in result.stdout


def test_without_configuration_start_up_stops_asking_for_a_secret_key():
    """Not a site running in debug mode, signing with the published development key."""
    result = saferplan("check", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "saferplan: configuration error: SECRET_KEY must be set when DEBUG is off "
        "(DEBUG=true on a developer's machine)"
    ]


def test_demo_needs_no_configuration():
    # Settings load before any command runs: without DEBUG on they would stop it.
    result = saferplan("demo", "--help", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr


def test_development_server_turns_debug_on_and_serves_the_stylesheet(tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "saferplan", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=environment(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        css = fetch_when_up(f"http://127.0.0.1:{port}/static/ui/saferplan.css", server)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert ".sp-button" in css


def fetch_when_up(url, server):
    for _ in range(100):
        if server.poll() is not None:
            pytest.fail(f"runserver stopped: {server.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except urllib.error.URLError:
            time.sleep(0.2)
    pytest.fail(f"runserver did not answer {url}")


def test_postgresql_reads_the_choices_of_a_form_in_one_round_trip():
    """Without server-side cursors, which Django opens for every list a form offers (declare,
    fetch, fetch, close) and SaferPlan never needs."""
    from saferplan.settings import database_from_url

    assert database_from_url("postgres://saferplan@db:5432/saferplan")[
        "DISABLE_SERVER_SIDE_CURSORS"
    ]
