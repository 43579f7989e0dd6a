"""A bad environment stops `saferplan` at start-up with one line that names the variable."""

import os
import subprocess
import sys

import pytest

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-long-random-production-secret-of-fifty-characters-or-more-x1",
    "ALLOWED_HOSTS": "saferplan.example.gov.uk",
    "DATABASE_URL": "sqlite:///:memory:",
}


def saferplan(*args, **env):
    # Only what a real start-up would have: not our settings, nor the browser tests' async flag.
    ignored = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "saferplan", *args],
        capture_output=True,
        text=True,
        env=environment,
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
    ],
)
def test_bad_value_stops_start_up_with_one_line_naming_it(env, named):
    result = saferplan("check", **env)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.stderr


def test_production_environment_passes_the_deployment_check():
    result = saferplan("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr


def test_debug_defaults_on_for_a_developer_without_configuration():
    result = saferplan("diffsettings", "--all", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr
    assert "DEBUG = True" in result.stdout
