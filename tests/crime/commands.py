"""Running the crime import commands as a person at a terminal would, for tests."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    """The command's output."""
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def fails(*args):
    """The one-line message of a command that must fail."""
    with pytest.raises(CommandError) as error:
        run(*args)
    message = str(error.value)
    assert "\n" not in message
    return message
