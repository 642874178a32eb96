"""The database refuses a case whose status, outcome and dates disagree; the one scoping function."""

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from casebook.extensions import db
from casebook.mediation.models import MediationCase
from casebook.mediation.queries import scoped_cases


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "concluded"},  # concluded without an outcome
        {"outcome": "failed", "closed_on": date(2024, 3, 5)},  # an outcome on an open case
        {"status": "concluded", "outcome": "failed"},  # an outcome without a closing date
        {"status": "accepted"},  # accepted without an acceptance date
        {"status": "voided"},  # voided without the flag
        {"is_voided": True},  # the flag without the status
        {
            "status": "concluded",
            "outcome": "success",
            "closed_on": date(2024, 3, 5),
        },  # success without a form
        {
            "status": "concluded",
            "outcome": "failed",
            "closed_on": date(2024, 3, 5),
            "agreement_form": "written",
        },
        {"accepted_on": date(2024, 2, 1)},  # accepted before registration
        {"accepted_on": date(2024, 3, 10), "agreement_on": date(2024, 3, 9)},  # agreement before acceptance
        {"referral_body": "区法院"},  # a referring body for a screened dispute
        {"status": "archived", "outcome": "failed", "closed_on": date(2024, 3, 5)},  # archived without date
        {"extension_days": -1},
        {"persons": 0},
    ],
)
def test_constraints_refuse_inconsistent_cases(make_mediation_case, fields):
    with pytest.raises(IntegrityError):
        make_mediation_case(**fields)
    db.session.rollback()


def test_a_consistent_concluded_case_is_accepted(make_mediation_case):
    case = make_mediation_case(
        status="concluded",
        accepted_on=date(2024, 3, 1),
        outcome="success",
        closed_on=date(2024, 3, 20),
        agreement_form="oral",
        agreement_on=date(2024, 3, 20),
    )
    assert case.id and case.version == 1


def test_scoped_cases_by_role(make_committee, make_mediator, make_user, make_mediation_case):
    own, other = make_committee(), make_committee()
    mine = make_mediation_case(own)
    theirs = make_mediation_case(other)
    voided = make_mediation_case(own, status="voided", is_voided=True, void_reason="错登")
    mediator = make_user("mediator", mediator=make_mediator(committees=[own]))
    unlinked = make_user("director")
    bureau = make_user("bureau")

    def ids(user, **kw):
        return set(db.session.scalars(scoped_cases(user, **kw).with_only_columns(MediationCase.id)))

    assert ids(mediator) == {mine.id}
    assert ids(mediator, include_voided=True) == {mine.id, voided.id}
    assert ids(unlinked) == set()
    assert ids(bureau) == {mine.id, theirs.id}
