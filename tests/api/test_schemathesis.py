"""Property-based check of every API operation against the OpenAPI document: no 5xx, no schema violation.

Runs schemathesis in-process (WSGI) with an admin token, one hypothesis run per operation.
"""

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import PositiveDataAcceptanceConfig

EXAMPLES_PER_OPERATION = 25

# Operations whose schema cannot express every rule: a schema-valid body may still be refused with 422 by
# contract (interchange.md), e.g. a case whose dates contradict each other, or a date in a year whose holiday
# schedule is not loaded; a statistics period whose `from` is after its `to`, or a filter code that names
# nothing. For them 422 counts as a proper answer; a 5xx still fails.
BUSINESS_RULE_422 = {
    "POST /api/v1/deadlines",
    "POST /api/v1/mediation/cases",
    "GET /api/v1/stats/mediation",
    "GET /api/v1/stats/reconsideration",
    "GET /api/v1/stats/organisations",
}


def test_api_conforms_to_its_openapi_document(app, api_client, monkeypatch):
    _user, headers = api_client("admin")
    # Schemathesis probes every operation with invalid credentials, all from one address: past the bad-token
    # limit the answer is 429 by design (tests/auth/test_throttle.py), which its check counts as not enforced.
    monkeypatch.setitem(app.config, "API_TOKEN_FAILURE_LIMIT", "1000 per 15 minutes")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    # Business rules a JSON schema cannot express (a resident ID's check digit, a date before another, a year
    # with no holiday schedule) refuse well-formed data with a documented 422 naming the field.
    acceptance = schema.config.checks.positive_data_acceptance
    acceptance.expected_statuses = [*acceptance.expected_statuses, "422"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the OpenAPI document lists no operation"
    acceptance = schema.config.checks.positive_data_acceptance
    checked = []
    for operation in operations:
        label = f"{operation.method.upper()} {operation.path}"
        schema.config.checks.positive_data_acceptance = (
            PositiveDataAcceptanceConfig(expected_statuses=[*acceptance.expected_statuses, "422"])
            if label in BUSINESS_RULE_422
            else acceptance
        )

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
        checked.append(label)
    schema.config.checks.positive_data_acceptance = acceptance
    assert "GET /api/v1/me" in checked
    assert set(checked) >= BUSINESS_RULE_422
