"""The page shown when a request fails: while the database is down, a page that says so in
plain words (503, with nothing read from the database); otherwise Django's own 500 page."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

# What a database that is down, restarting or unreachable raises.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_is_down(error):
    while error is not None:
        if isinstance(error, DATABASE_DOWN):
            return True
        error = error.__cause__ or error.__context__
    return False


def server_error(request):
    """handler500: Django calls it while handling the error, so sys.exc_info() is that error."""
    if not database_is_down(sys.exc_info()[1]):
        return defaults.server_error(request)
    # Rendered without the request: its context processors would read the session and user.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
