"""Every partnership URL must have its row in an access matrix (tests/test_access_*.py)."""

import importlib
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver


def all_url_patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from all_url_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def as_regex(pattern):
    """p/<slug:slug>/people/<int:person_id>/ matches /p/thanet/people/{police_officer}/."""
    parts = re.split(r"(<[^>]+>)", pattern)
    body = "".join(r"[^/?]+" if part.startswith("<") else re.escape(part) for part in parts)
    return re.compile("/" + body)


def matrix_paths():
    for module_file in Path(__file__).parent.rglob("test_access_*.py"):
        name = ".".join(module_file.relative_to(Path(__file__).parents[1]).with_suffix("").parts)
        module = importlib.import_module(name)
        for row in [*getattr(module, "PAGES", []), *getattr(module, "ACTIONS", [])]:
            yield row[0].split("?")[0]


def test_every_partnership_url_is_in_an_access_matrix():
    paths = set(matrix_paths())
    assert paths, "no access matrix rows were found"
    partnership_urls = [p for p in all_url_patterns() if p.startswith("p/<")]
    missing = [p for p in partnership_urls if not any(as_regex(p).fullmatch(x) for x in paths)]
    assert not missing, f"URLs missing from the access matrix: {missing}"
