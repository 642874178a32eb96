"""The database keeps a case's status consistent with the columns it needs (CHECK constraints)."""

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from casebook.extensions import db
from casebook.reconsideration.codes import CORRECTION_OUTCOMES, DECISION_OUTCOMES, OUTCOMES
from casebook.reconsideration.models import ReconsiderationCase, ReconsiderationSuspension


def _case(agency, **kwargs):
    values = {
        "case_no": "区府复〔2024〕1号",
        "case_year": 2024,
        "case_seq": 1,
        "received_on": date(2024, 3, 1),
        "agency_id": agency.id,
        "act_category": "penalty",
        "law": "ARL23",
        **kwargs,
    }
    return ReconsiderationCase(**values)


def test_a_plain_case_is_stored(make_agency):
    case = _case(make_agency())
    db.session.add(case)
    db.session.commit()
    assert case.status == "received" and case.version == 1 and not case.is_voided


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": "lost"},
        {"act_category": "parking"},
        {"status": "concluded"},  # without an outcome
        {"outcome": "revoke"},  # without a closing date
        {"outcome": "terminated", "closed_on": date(2024, 4, 1)},  # without a ground
        {"outcome": "uphold", "closed_on": date(2024, 4, 1), "termination_ground": "settlement"},
        {"status": "rejected"},  # without acceptance = rejected and a date
        {"status": "awaiting_supplement"},  # without a request
        {"status": "voided"},  # without the flag
        {"extension_days": 31},
        {"procedure": "simplified", "extension_days": 10},
        {"law": "ARL17", "procedure": "simplified"},
        {"special_limit_days": 20},  # without a reason
        {"closed_on": date(2024, 2, 1), "outcome": "uphold"},  # before receipt
    ],
)
def test_inconsistent_cases_are_refused(make_agency, kwargs):
    db.session.add(_case(make_agency(), **kwargs))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_one_open_suspension_per_case(make_agency):
    case = _case(make_agency())
    db.session.add(case)
    db.session.flush()
    db.session.add(ReconsiderationSuspension(case_id=case.id, from_on=date(2024, 4, 1), ground=6))
    db.session.flush()
    db.session.add(ReconsiderationSuspension(case_id=case.id, from_on=date(2024, 4, 5), ground=8))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_outcome_groups():
    assert {
        "modify",
        "revoke",
        "confirm_unlawful",
        "order_performance",
        "confirm_void",
    } == CORRECTION_OUTCOMES
    assert CORRECTION_OUTCOMES < DECISION_OUTCOMES <= set(OUTCOMES)
    assert not DECISION_OUTCOMES & {"mediated", "terminated"}
