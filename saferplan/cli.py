"""The `saferplan` console script: every manage.py command, plus SaferPlan's own."""

import os
import sys

# Commands that only ever run on a developer's machine: DEBUG is on for them unless set.
DEVELOPMENT_COMMANDS = {"demo", "runserver"}


def main(argv=None):
    argv = argv or sys.argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings")
    if len(argv) > 1 and argv[1] in DEVELOPMENT_COMMANDS:
        os.environ.setdefault("DEBUG", "true")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads settings so that a bad value stops us here
    except ImproperlyConfigured as error:
        sys.exit(f"saferplan: configuration error: {error}")
    try:
        execute_from_command_line(argv)
    except OperationalError as error:
        # Usually an unreachable or misnamed database: say so in a line, not a traceback.
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        sys.exit(f"saferplan: database error: {first_line}")
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


if __name__ == "__main__":
    main()
