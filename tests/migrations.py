"""Moving the test database's schema to a migration and back, for tests of data migrations."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to `targets` ([(app, name)]); the apps as they were there, for historical models."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_the_latest():
    """Whatever the test does, the schema ends as the other tests expect it."""
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
