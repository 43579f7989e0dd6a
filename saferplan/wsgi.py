import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saferplan.settings")
application = get_wsgi_application()
# Every view, loaded now: with gunicorn's --preload, once, before the workers are forked.
get_resolver().url_patterns  # noqa: B018
