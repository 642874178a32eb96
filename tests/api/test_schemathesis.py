"""Property-based check of every API operation against the OpenAPI document: no 5xx, no schema violation.

Runs schemathesis in-process (WSGI) with an admin token, one hypothesis run per operation.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings

EXAMPLES_PER_OPERATION = 25


def test_api_conforms_to_its_openapi_document(app, api_client):
    _user, headers = api_client("admin")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the OpenAPI document lists no operation"
    checked = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            case.call_and_validate(headers=headers)

        check()
        checked.append(f"{operation.method.upper()} {operation.path}")
    assert "GET /api/v1/me" in checked
