"""The table of the `charts` cache (settings.CACHES), made by Django's createcachetable."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_chart_cache(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias)


def drop_chart_cache(apps, schema_editor):
    table = schema_editor.quote_name(settings.CACHES["charts"]["LOCATION"])
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_chart_cache, drop_chart_cache)]
