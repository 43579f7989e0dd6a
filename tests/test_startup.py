"""A web process answers its first request quickly: the URL configuration (every view) does not
import the libraries that take seconds, which only charts, spreadsheets, Word and PDF files,
calendars and police imports need."""

import json
import os
import subprocess
import sys

HEAVY = ["matplotlib", "numpy", "pyarrow", "pgpq", "weasyprint", "docx", "openpyxl", "icalendar"]

LOAD_THE_SITE = """
import json, sys
from saferplan.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {heavy})))
"""


def test_the_url_configuration_does_not_import_heavy_libraries():
    run = subprocess.run(
        [sys.executable, "-c", LOAD_THE_SITE.format(heavy=set(HEAVY))],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "saferplan.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    imported = json.loads(run.stdout.splitlines()[-1])
    assert {name.split(".")[0] for name in imported} == set()
