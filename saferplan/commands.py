"""What SaferPlan's management commands share."""

from django.core.management.base import CommandError


def check_form(form):
    """Raise CommandError naming each bad field, in one line, unless the form is valid."""
    if form.is_valid():
        return
    problems = []
    for field, errors in form.errors.items():
        where = "" if field == "__all__" else f"{field.replace('_', ' ')}: "
        problems.extend(f"{where}{error}" for error in errors)
    raise CommandError("; ".join(problems))
