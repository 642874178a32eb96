"""Intake, the state machine, conclusion rules, reopening, voiding, history and concurrent edits."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.mediation import operations, proceedings
from casebook.mediation.models import MediationCase
from casebook.mediation.operations import Conclusion, ConcurrentChange, PartyInput
from casebook.mediation.states import Action, TransitionRefused, allowed_actions


def test_intake_issues_a_number_and_records_history(register, team):
    case = register()
    second = register()
    assert case.case_no == "城关调〔2024〕0001号"
    assert second.case_no == "城关调〔2024〕0002号"
    assert case.status == "registered" and case.due_on is None
    assert [p.name for p in case.parties] == ["张三", "李四"]
    assert case.parties[0].id_number == "11010519491231002X"
    assert case.mediators == [team.mediator_record]
    assert "张三" in case.search_text and "排水沟" in case.search_text
    assert [c.action for c in case.changes] == ["register"]
    assert register(registered_on=date(2025, 1, 2)).case_no == "城关调〔2025〕0001号"


def test_intake_with_acceptance_stores_the_deadline(register):
    case = register(accepted_on=date(2024, 3, 1))
    assert case.status == "accepted"
    assert case.due_on == date(2024, 4, 1)  # 30 days → Sunday 31 March → Monday 1 April
    assert {c.action for c in case.changes} == {"register", "accept"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"parties": [PartyInput(role="applicant", name="张三", id_number="110105194912310021")]},
            "parties-0-id_number",
        ),
        ({"parties": [PartyInput(role="applicant", name="张三", phone="12345")]}, "parties-0-phone"),
        ({"parties": [PartyInput(role="applicant", name=" ")]}, "parties-0-name"),
        ({"source": "referral"}, "referral_body"),
        ({"accepted_on": date(2024, 2, 1)}, "accepted_on"),
        ({"amount": -1}, "amount"),
        ({"mediator_ids": [999]}, "mediator_ids"),
    ],
)
def test_intake_refuses_bad_details_naming_the_field(team, case_input, change, field):
    with pytest.raises(DomainError) as caught:
        operations.register_case(team.mediator, case_input(**change))
    assert caught.value.field == field
    db.session.rollback()
    assert db.session.query(MediationCase).count() == 0


def test_a_mediator_cannot_register_for_a_foreign_committee(team, case_input):
    with pytest.raises(DomainError) as caught:
        operations.register_case(team.outsider, case_input())
    assert caught.value.field == "committee_id"


def test_state_machine_refuses_with_a_message(register, team):
    case = register()
    with pytest.raises(TransitionRefused, match="受理后"):
        operations.start_mediation(team.mediator, case, case.version)
    with pytest.raises(TransitionRefused):
        operations.conclude_case(
            team.mediator,
            case,
            Conclusion(outcome="failed", closed_on=date(2024, 3, 5), failure_routes="诉讼"),
            None,
        )
    assert allowed_actions(case, team.mediator) >= {Action.ACCEPT, Action.VOID, Action.EDIT}
    assert Action.REOPEN not in allowed_actions(case, team.director)


def _mediate(case, user):
    operations.accept_case(user, case, date(2024, 3, 1), case.version)
    operations.start_mediation(user, case, case.version)
    proceedings.add_session(
        user, case, date(2024, 3, 4), "村委会", [user.mediator_id], "双方到场", case.version
    )
    db.session.commit()


def test_written_agreement_needs_content_and_not_before_acceptance(register, team):
    case = register()
    _mediate(case, team.mediator)
    too_early = Conclusion(
        outcome="success",
        closed_on=date(2024, 3, 10),
        agreement_form="written",
        agreement_on=date(2024, 2, 28),
        agreement_content="赔偿500元",
    )
    with pytest.raises(DomainError) as caught:
        operations.conclude_case(team.mediator, case, too_early, case.version)
    assert caught.value.field == "agreement_on" and "2024-03-01" in caught.value.message
    db.session.rollback()
    with pytest.raises(DomainError) as caught:
        operations.conclude_case(
            team.mediator,
            case,
            Conclusion(outcome="success", closed_on=date(2024, 3, 10), agreement_form="written"),
            case.version,
        )
    assert caught.value.field == "agreement_content"
    db.session.rollback()
    good = Conclusion(
        outcome="success",
        closed_on=date(2024, 3, 10),
        agreement_form="written",
        agreement_on=date(2024, 3, 10),
        agreement_content="赔偿500元",
    )
    operations.conclude_case(team.mediator, case, good, case.version)
    db.session.commit()
    assert case.status == "concluded" and case.outcome == "success" and case.due_on == date(2024, 4, 1)


def test_confirmation_followup_archive_and_director_reopen(register, team):
    case = register()
    _mediate(case, team.mediator)
    with pytest.raises(TransitionRefused):
        proceedings.add_followup(team.mediator, case, date(2024, 4, 1), "performed", None, case.version)
    operations.conclude_case(
        team.mediator,
        case,
        Conclusion(
            outcome="success",
            closed_on=date(2024, 3, 10),
            agreement_form="oral",
            agreement_content="赔偿500元",
        ),
        case.version,
    )
    assert case.agreement_on == date(2024, 3, 10)
    data = proceedings.ConfirmationInput(
        applied_on=date(2024, 3, 12), court="城关区人民法院", ruling="confirmed", ruled_on=date(2024, 3, 20)
    )
    proceedings.record_confirmation(team.mediator, case, data, case.version)
    proceedings.add_followup(team.mediator, case, date(2024, 4, 1), "partly", "已付一半", case.version)
    db.session.commit()
    with pytest.raises(TransitionRefused, match="主任"):
        operations.reopen_case(team.mediator, case, "当事人反悔", case.version)
    with pytest.raises(DomainError):
        operations.reopen_case(team.director, case, " ", case.version)
    db.session.rollback()
    operations.reopen_case(team.director, case, "当事人反悔", case.version)
    db.session.commit()
    assert case.status == "mediating" and case.outcome is None and case.closed_on is None
    reopen = [c for c in case.changes if c.action == "reopen"]
    assert {c.field for c in reopen} >= {"status", "outcome", "closed_on"}
    assert all(c.note == "当事人反悔" and c.user_id == team.director.id for c in reopen)


def test_extension_moves_the_stored_deadline(register, team):
    case = register(accepted_on=date(2024, 3, 1))
    proceedings.add_extension(team.mediator, case, date(2024, 3, 20), 15, "双方同意延长", case.version)
    db.session.commit()
    assert case.extension_days == 15 and case.due_on == date(2024, 4, 15)
    fields = {c.field for c in case.changes if c.action == "extend"}
    assert {"extension_days", "due_on"} <= fields


def test_void_needs_a_reason_and_keeps_the_case(register, team):
    case = register()
    with pytest.raises(DomainError):
        operations.void_case(team.mediator, case, "", case.version)
    operations.void_case(team.mediator, case, "重复登记", case.version)
    db.session.commit()
    assert case.status == "voided" and case.is_voided and case.void_reason == "重复登记"


def test_a_stale_version_is_refused_with_the_changes_in_between(register, team, case_input):
    case = register()
    seen = case.version
    operations.update_case(team.director, case, case_input(summary="排水沟堵塞，已协商"), seen)
    db.session.commit()
    with pytest.raises(ConcurrentChange) as caught:
        operations.update_case(team.mediator, case, case_input(summary="另一版本"), seen)
    changes = caught.value.changes
    assert [(c.field, c.after) for c in changes] == [("summary", "排水沟堵塞，已协商")]
    assert changes[0].user_id == team.director.id
