"""Every API operation against its OpenAPI document: schemathesis 4's engine, in-process (WSGI), with every
phase (coverage, fuzzing with positive and negative data, stateful) and every check, for two tokens: the
administrator's, who may do everything, and a mediator's, whose role may not see reconsideration nor litigation
(404 there).

No 5xx, no undocumented status, header or content type, no answer off its schema, no schema-valid request
refused (save the business rules below) and no schema-violating one accepted.
"""

import re

import pytest
import schemathesis
from schemathesis.checks import CHECKS as REGISTERED_CHECKS
from schemathesis.checks import load_all_checks
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from schemathesis.transport.wsgi import WSGITransport

from casebook.api.base import OPERATIONS
from casebook.extensions import db

# Every check schemathesis 4 has, each enabled by name so that a change of its defaults cannot drop one
# (test_every_schemathesis_check_is_enabled fails when a new version brings one this list lacks).
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
    "object_level_authorization",
)
MAX_RESPONSE_SECONDS = (
    20  # the one check with no default: an answer this slow is a defect, even on a busy machine
)
EXAMPLES_PER_OPERATION = 10  # fuzzing examples per operation and mode; the coverage phase adds its own
STATEFUL_STEPS = 6

# Operations some of whose rules no JSON schema can state: a schema-valid request may be refused with a 422
# naming the field (interchange.md). Each is listed with those rules; for them a 422 is a proper answer to
# schema-valid data (a 5xx or any other check still fails). Everything a schema can say (formats, patterns,
# date bounds, lengths, unknown fields, JSON types) the document says, and is not listed here.
_ORG_RULES = "codes and names unique among their records; a referenced code names an existing record"
BUSINESS_RULE_422 = {
    "POST /api/v1/areas": _ORG_RULES + "; a district has no parent",
    "PATCH /api/v1/areas/{area_id}": _ORG_RULES + "; no area under itself",
    "POST /api/v1/associations": _ORG_RULES + "; dissolved after founded",
    "PATCH /api/v1/associations/{association_id}": _ORG_RULES + "; dissolved after founded",
    "POST /api/v1/committees": _ORG_RULES
    + "; a sector committee names a dispute type; dissolved after founded",
    "PATCH /api/v1/committees/{committee_id}": _ORG_RULES + "; as creation",
    "POST /api/v1/committees/{committee_id}/members": _ORG_RULES + "; one seat per mediator and committee",
    "POST /api/v1/mediators": _ORG_RULES + "; ID number check digit (GB 11643) and birth date; a phone number"
    " valid for its area code; left after joined",
    "PATCH /api/v1/mediators/{mediator_id}": _ORG_RULES + "; as creation",
    "POST /api/v1/agencies": _ORG_RULES,
    "PATCH /api/v1/agencies/{agency_id}": _ORG_RULES,
    "POST /api/v1/deadlines": "dates in their legal order; a year whose holiday schedule is loaded",
    "POST /api/v1/mediation/cases": "a committee, dispute type, area and mediators that exist; ID number and"
    " credit code check digits; phone numbers valid for their area code; dates in order",
    "PUT /api/v1/mediation/cases/{case_id}": "as registration",
    "GET /api/v1/stats/mediation": "a period whose `from` is not after its `to`; filter codes that name a record",
    "GET /api/v1/stats/reconsideration": "as mediation statistics",
    "GET /api/v1/stats/organisations": "as mediation statistics",
}
POSITIVE_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "429"]


_wsgi_send = WSGITransport.send


def _send_in_process(self, case, *, session=None, **kwargs):
    """Schemathesis 4.32's WSGI transport passes a check's re-sent request the network settings
    (`max_redirects`, `verify`, …) that werkzeug's client does not take, failing the check with a TypeError;
    in-process they mean nothing, so they are dropped."""
    for name in ("max_redirects", "verify", "cert", "proxies"):
        kwargs.pop(name, None)
    return _wsgi_send(self, case, session=session, **kwargs)


def _config(headers: dict[str, str], only: str | None = None) -> SchemathesisConfig:
    checks: dict = {name: {"enabled": True} for name in CHECKS}
    checks["max_response_time"] = MAX_RESPONSE_SECONDS
    operations = []
    for label in BUSINESS_RULE_422:
        method, path = label.split()
        operations.append(
            {
                "include-method": method,
                "include-path": path,
                "checks": {"positive_data_acceptance": {"expected-statuses": [*POSITIVE_STATUSES, "422"]}},
            }
        )
    if only:
        operations.append({"include-path-regex": f"^(?!{re.escape(only)}$)", "enabled": False})
    return SchemathesisConfig.from_dict(
        {
            "headers": headers,
            "checks": checks,
            "generation": {"mode": "all", "max-examples": EXAMPLES_PER_OPERATION, "database": "none"},
            "phases": {"stateful": {"max-steps": STATEFUL_STEPS}},
            "operations": operations,
            "seed": 20250616,  # the same requests on every run: CI fails on a defect, not on a lucky draw
        }
    )


def _run(app, headers: dict[str, str], monkeypatch, only: str | None = None) -> tuple[list[str], set[str]]:
    """The failures the engine found (each with its request and answer) and the operations it tested (all, or
    those of the path `only`)."""
    monkeypatch.setattr(WSGITransport, "send", _send_in_process)
    # Schemathesis probes every operation with invalid credentials, all from one address: past the bad-token
    # limit the answer is 429 by design (tests/auth/test_throttle.py), which its check counts as not enforced.
    monkeypatch.setitem(app.config, "API_TOKEN_FAILURE_LIMIT", "1000 per 15 minutes")
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=_config(headers, only))
    failures: list[str] = []
    tested: set[str] = set()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            tested.add(event.recorder.label)
            for case_id, nodes in event.recorder.checks.items():
                for node in nodes:
                    if node.status != Status.FAILURE or node.failure_info is None:
                        continue
                    interaction = event.recorder.interactions.get(case_id)
                    answer = interaction.response if interaction is not None else None
                    answered = (
                        "" if answer is None else f"{answer.status_code} {(answer.content or b'')[:300]!r}"
                    )
                    failure = node.failure_info.failure
                    failures.append(
                        f"[{event.phase}] {event.recorder.label} {node.name}: {failure.title}\n"
                        f"  {str(failure.message)[:300]}\n  {node.failure_info.code_sample[:600]}\n  -> {answered}"
                    )
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"error in {getattr(event, 'label', 'the run')}: {event.info.format()[:2000]}")
    return failures, tested


def _report(failures: list[str]) -> str:
    distinct = {failure.split("\n")[0]: failure for failure in failures}
    return f"{len(failures)} failures ({len(distinct)} distinct):\n\n" + "\n\n".join(
        list(distinct.values())[:30]
    )


def test_every_schemathesis_check_is_enabled():
    load_all_checks()
    assert {check.__name__ for check in REGISTERED_CHECKS.get_all()} == set(CHECKS)


@pytest.fixture
def mediator_token(make_committee, make_mediator, make_user):
    from casebook.auth import operations

    mediator = make_mediator([make_committee(code="C1")], code="M1")
    _token, raw = operations.issue_token(make_user(role="mediator", mediator=mediator), "schemathesis")
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_api_conforms_to_its_openapi_document_for_the_administrator(app, api_client, monkeypatch):
    _user, headers = api_client("admin")
    failures, tested = _run(app, headers, monkeypatch)
    assert not failures, _report(failures)
    assert {"GET /api/v1/me", *BUSINESS_RULE_422} <= tested


def test_api_conforms_to_its_openapi_document_for_a_mediator(app, client, mediator_token, monkeypatch):
    hidden = [op for op in OPERATIONS if "/reconsideration" in op.path or "/litigation" in op.path]
    assert hidden, "no reconsideration operation in the document"
    document = client.get("/api/v1/openapi.json").get_json()
    for op in hidden:  # the role may not use the area, nor learn that the record exists: 404, as documented
        path = op.path.replace("{", "").replace("}", "")
        for name, _kind in op.path_params:
            path = path.replace(name, "1")
        answer = client.open(path, method=op.method, headers=mediator_token, json={})
        assert answer.status_code == 404, f"{op.method.upper()} {op.path} -> {answer.status_code}"
        assert "404" in document["paths"][op.path][op.method]["responses"]
    failures, tested = _run(app, mediator_token, monkeypatch)
    assert not failures, _report(failures)
    assert {f"{op.method.upper()} {op.path}" for op in hidden} <= tested


def test_the_contract_test_notices_an_answer_off_its_schema(app, api_client, monkeypatch):
    """A view answering a field of the wrong type fails the run (the test above is not blind)."""
    from flask import jsonify

    _user, headers = api_client("admin")
    monkeypatch.setitem(app.view_functions, "api.me", lambda: jsonify(id="one", username=1))
    failures, tested = _run(app, headers, monkeypatch, only="/api/v1/me")
    assert tested == {"GET /api/v1/me"}
    assert any("response_schema_conformance" in failure for failure in failures), _report(failures)
