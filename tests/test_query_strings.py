"""No query string makes a page fail: every GET page of the demo, each parameter its view reads
given hostile values, answers with the page, a form error, a 400 or a 404, never a 5xx.

Which parameters a view reads is not listed by hand: the walk records every key a view asks of
request.GET (the query string is given a dummy key, so that forms bound to it read their fields),
and then tries each of those keys with each hostile value.
"""

import io
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.urls import Resolver404, resolve

from saferplan.partnerships.models import Person

HOSTILE = [
    "abc",
    "1'",
    "-1",
    "9999-12-31",
    "0001-01-01",
    "99999999999999999999999999",
    "\x00",
    r"$\x$",
    "<b>&amp;",
    "é" * 300,
]
PAGES_PER_ROUTE = 2  # an action page or two stands for all the actions
LINK = re.compile(r'href="(/[^"#]*)"')


class RecordingQueryDict(QueryDict):
    """request.GET that notes each key asked of it."""

    asked = set()

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)


def route(path):
    try:
        return resolve(path).route
    except Resolver404:
        return None


def fetch(client, path, query, failures):
    RecordingQueryDict.asked = set()
    try:
        response = client.get(path, query)
    except Exception as error:  # the test client re-raises what the view raised: a 500
        failures.append(f"{path} {query!r}: {type(error).__name__}: {error}")
        return None, set()
    if response.status_code >= 500:
        failures.append(f"{path} {query!r}: {response.status_code}")
    return response, RecordingQueryDict.asked


@pytest.fixture
def demo_coordinator(db):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    return Person.objects.get(email="coordinator@thanet.example")


def test_no_query_string_makes_a_page_fail(client, demo_coordinator, monkeypatch):
    monkeypatch.setattr("django.core.handlers.wsgi.QueryDict", RecordingQueryDict)
    client.force_login(demo_coordinator)
    failures, reads = [], {}
    queue, seen, per_route = ["/", "/p/thanet/"], set(), defaultdict(int)
    while queue:
        path = queue.pop(0)
        where = route(path)
        if path in seen or where is None or per_route[where] >= PAGES_PER_ROUTE:
            continue
        seen.add(path)
        per_route[where] += 1
        response, asked = fetch(client, path, {"probe": "1"}, failures)
        if response is None or response.status_code != 200:
            continue
        reads[path] = asked - {"probe"}
        if response.get("Content-Type", "").startswith("text/html"):
            for link in LINK.findall(response.content.decode()):
                link = urlsplit(link.replace("&amp;", "&")).path
                if not link.startswith(("/account/sign-out", "/static/", "/admin/")):
                    queue.append(link)
    assert len(per_route) > 40, f"the walk found only {sorted(per_route)}"
    tried = 0
    for path, keys in reads.items():
        for key in sorted(keys):
            for value in HOSTILE:
                fetch(client, path, {key: value}, failures)
                tried += 1
    assert tried > 100, f"only {tried} hostile query strings were tried: {reads}"
    assert not failures, "\n".join(failures)
