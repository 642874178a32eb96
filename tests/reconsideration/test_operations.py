"""The operations: receipt, the steps of the procedure, the stored deadline and the history."""

from datetime import date

import pytest

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.reconsideration import operations, workflow
from casebook.reconsideration.codes import CORRECTION_OUTCOMES


def test_worked_example_deemed_acceptance_and_due_date(make_recon_case):
    # domain.md §2.3: received Friday 2024-09-27, nothing recorded → deemed accepted 2024-10-10, due 2024-12-09.
    case = make_recon_case(received_on=date(2024, 9, 27))
    assert case.case_no == "区府复〔2024〕1号"
    assert case.law == "ARL23"
    assert case.acceptance_due_on == date(2024, 10, 10)
    assert case.accepted_on == date(2024, 10, 10) and case.is_accepted_deemed
    assert case.acceptance == "accepted"
    assert case.due_on == date(2024, 12, 9)
    assert case.status == "received"
    assert workflow.display_status(case, date(2024, 10, 11)) == "accepted"
    assert workflow.display_status(case, date(2024, 10, 9)) == "received"
    assert [c.action for c in case.changes] == ["receive"]


def test_suspension_and_extension_move_the_due_date(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.suspend(case, None, date(2024, 10, 15), ground=6)
    assert case.status == "suspended" and case.due_on is None
    # the deemed acceptance was settled before suspending
    assert any(c.action == "deemed_acceptance" for c in db.session.scalars(_changes(case)))
    operations.resume(case, None, date(2024, 10, 25))
    assert case.status == "accepted" and case.due_on == date(2024, 12, 19)
    operations.extend(case, None, date(2024, 11, 20), days=30, approver="李主任")
    assert case.extension_days == 30
    assert case.due_on == date(2025, 1, 20)  # 2025-01-18 is a Saturday → the next working day
    db.session.commit()


def test_conclude_with_revoke_counts_as_correction(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.conclude(case, None, date(2024, 11, 28), "revoke", document_no="区府复决〔2024〕1号")
    db.session.commit()
    assert case.status == "concluded" and case.outcome in CORRECTION_OUTCOMES
    assert not case.is_late


def test_late_conclusion_is_marked(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.conclude(case, None, date(2024, 12, 10), "uphold", late_reason="鉴定耗时")
    assert case.is_late and case.late_reason == "鉴定耗时"


def test_refused_transitions_say_why(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))
    with pytest.raises(DomainError, match="未中止"):
        operations.resume(case, None, date(2024, 10, 20))
    with pytest.raises(DomainError, match=r"2024-10-10.*第三十条第三款"):  # deemed accepted, ARL23 art 30 ¶3
        operations.accept(case, None, date(2024, 10, 14))
    operations.conclude(case, None, date(2024, 11, 1), "uphold")
    with pytest.raises(DomainError, match="2024-11-01 结案"):
        operations.suspend(case, None, date(2024, 11, 2), ground=6)


def test_late_application_is_flagged(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27), learned_on=date(2024, 7, 1))
    assert case.is_late_application
    case2 = make_recon_case(received_on=date(2024, 8, 30), learned_on=date(2024, 7, 1))
    assert not case2.is_late_application


def _changes(case):
    from sqlalchemy import select

    from casebook.reconsideration.models import ReconsiderationCaseChange

    return select(ReconsiderationCaseChange).where(ReconsiderationCaseChange.case_id == case.id)
