"""The API fuzzed against its own OpenAPI description (schemathesis): no server error, and every
response as its description says, for the public and with a token, on seeded data. Few examples
and derandomized, so that it is quick and fails the same way every run."""

import pytest
from django.core import signals
from django.db import close_old_connections

EXAMPLES = 8


@pytest.fixture
def wsgi_app():
    """The site as a WSGI application, inside the test's transaction: Django's test client
    likewise keeps a request from closing the test's connection."""
    from saferplan.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield application
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def fuzz(operation, *, headers, path_parameters):
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    wanted = {p.name for p in operation.path_parameters}
    fixed = {name: value for name, value in path_parameters.items() if name in wanted}

    @given(case=operation.as_strategy(path_parameters=fixed or None))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

    check()


@pytest.mark.parametrize(
    "who, path_parameters",
    [
        ("anon", {}),
        ("anon", {"slug": "thanet", "year": 2014}),
        ("councillor", {"slug": "thanet", "year": 2015}),
        ("outsider", {"slug": "canterbury", "year": 2014}),
    ],
)
def test_the_api_keeps_to_its_openapi_description(
    wsgi_app, world, published, token_of, who, path_parameters
):
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {} if who == "anon" else {"Authorization": f"Bearer {token_of(getattr(world, who))}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 8  # every endpoint is fuzzed
    for operation in operations:
        fuzz(operation, headers=headers, path_parameters=path_parameters)
