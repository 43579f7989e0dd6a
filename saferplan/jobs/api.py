"""The one import of the Django tasks API.

Django 5.2 has it from the `django-tasks` backport; on Django 6 the same names come from
`django.tasks`, so moving is this import (and dropping "django_tasks" from INSTALLED_APPS).
The queue is django-tasks-db's database backend either way (settings.TASKS).
"""

from django_tasks import TaskResultStatus, task

__all__ = ["TaskResultStatus", "task"]
