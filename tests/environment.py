"""Loaded by pytest before Django's settings (`-p tests.environment` in pyproject.toml).

DEBUG is off unless set, and then SECRET_KEY is required: the tests run with the development
defaults instead, as `saferplan demo` does, and so do the processes they start. A DEBUG set in
the environment still wins.
"""

import os

os.environ.setdefault("DEBUG", "true")
