"""Not accepted (不予受理, issue 12, domain.md §3.2): a party refuses (PML art 17) or the dispute is not one for
people's mediation. A status of its own, decided on a registered case, with its reason and date, in the history;
it leaves the in-progress lists."""

from __future__ import annotations

import re
from datetime import date

import pytest

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.mediation import operations
from casebook.mediation.models import MediationCase, MediationCaseChange
from casebook.mediation.operations import NonAcceptance
from casebook.mediation.states import TransitionRefused
from tests.conftest import login


def _not_accept(team, case, day=date(2024, 3, 5), reason="party_refused", note=None):
    operations.not_accept_case(team.mediator, case, NonAcceptance(day, reason, note), case.version)
    db.session.commit()
    return case


def test_a_registered_case_is_not_accepted_with_its_reason_date_and_history(register, team):
    case = register(registered_on=date(2024, 3, 1))
    _not_accept(team, case)
    assert case.status == "not_accepted"
    assert case.not_accepted_on == date(2024, 3, 5) and case.not_accepted_reason == "party_refused"
    assert (
        case.accepted_on is None and case.outcome is None and case.closed_on is None and case.due_on is None
    )
    changes = {
        c.field: (c.before, c.after)
        for c in db.session.query(MediationCaseChange).filter_by(case_id=case.id, action="not_accept")
    }
    assert changes["status"] == ("registered", "not_accepted")
    assert changes["not_accepted_on"] == (None, "2024-03-05")
    assert changes["not_accepted_reason"] == (None, "party_refused")
    row = db.session.query(MediationCaseChange).filter_by(case_id=case.id, action="not_accept").first()
    assert row.user_id == team.mediator.id and row.changed_at is not None


def test_an_accepted_case_can_no_longer_be_marked_not_accepted(register, team):
    case = register(accepted_on=date(2024, 3, 1))
    with pytest.raises(TransitionRefused, match=r"尚未受理|not been accepted|不予受理"):
        _not_accept(team, case)
    db.session.rollback()
    assert db.session.get(MediationCase, case.id).status == "accepted"


def test_the_decision_is_not_in_the_future_nor_before_registration(register, team):
    case = register(registered_on=date(2024, 3, 1))
    with pytest.raises(DomainError) as future:  # the tests' today is 2025-06-16
        _not_accept(team, case, day=date(2025, 6, 17))
    assert future.value.field == "not_accepted_on"
    db.session.rollback()
    with pytest.raises(DomainError) as early:
        _not_accept(team, case, day=date(2024, 2, 29))
    assert early.value.field == "not_accepted_on" and "2024-03-01" in early.value.message
    db.session.rollback()
    _not_accept(team, case, day=date(2025, 6, 16))  # today is fine
    assert case.status == "not_accepted"


def test_other_needs_its_note_and_the_reason_is_from_the_list(register, team):
    case = register()
    with pytest.raises(DomainError) as refused:
        _not_accept(team, case, reason="other", note="  ")
    assert refused.value.field == "note"
    db.session.rollback()
    with pytest.raises(DomainError) as unknown:
        _not_accept(team, case, reason="bored")
    assert unknown.value.field == "reason"
    db.session.rollback()
    _not_accept(team, case, reason="other", note="当事人下落不明")
    assert case.not_accepted_note == "当事人下落不明"


def test_a_not_accepted_case_cannot_be_accepted_started_or_concluded_but_can_be_voided(register, team):
    case = _not_accept(team, register())
    with pytest.raises(TransitionRefused):
        operations.accept_case(team.mediator, case, date(2024, 3, 6), case.version)
    with pytest.raises(TransitionRefused):
        operations.start_mediation(team.mediator, case, case.version)
    with pytest.raises(TransitionRefused):
        _not_accept(team, case)
    db.session.rollback()
    operations.void_case(team.mediator, case, "重复登记", case.version)
    db.session.commit()
    assert case.status == "voided" and case.not_accepted_on == date(2024, 3, 5)


def test_an_edit_cannot_move_the_registration_after_the_decision(register, team, case_input):
    case = _not_accept(team, register(registered_on=date(2024, 3, 1)))
    with pytest.raises(DomainError) as refused:
        operations.update_case(team.mediator, case, case_input(registered_on=date(2024, 3, 9)), case.version)
    assert refused.value.field == "registered_on"
    db.session.rollback()
    operations.update_case(team.mediator, case, case_input(summary="改写的案情"), case.version)
    db.session.commit()
    assert case.status == "not_accepted" and case.summary == "改写的案情"


def _post(client, case, **data):
    payload = {f"not_accept-{k}": v for k, v in data.items()}
    payload["not_accept-version"] = str(db.session.get(MediationCase, case.id).version)
    db.session.expire_all()
    return client.post(f"/mediation/{case.id}/not-accept", data=payload)


def test_the_case_page_offers_the_action_and_shows_the_result(client, team, register):
    case = register(registered_on=date(2024, 3, 1))
    login(client, team.mediator.username)
    page = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    assert 'id="act-not_accept"' in page and "不予受理" in page

    refused = _post(client, case, not_accepted_on="2024-03-05", reason="other", note="")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and 'id="not_accept-note-error"' in html
    assert db.session.get(MediationCase, case.id).status == "registered"

    assert _post(client, case, not_accepted_on="2024-03-05", reason="out_of_scope").status_code == 302
    page = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    assert 'id="not-accepted"' in page and "不属于人民调解范围" in page and "2024-03-05" in page
    assert 'id="act-not_accept"' not in page and 'id="act-accept"' not in page
    history = page[page.index('class="history"') :]
    assert "不予受理" in history and "李调解" in history


def test_the_form_carries_a_csrf_token_and_refuses_a_post_without_one(app, client, team, register):
    case = register()
    login(client, team.mediator.username)
    app.config["WTF_CSRF_ENABLED"] = True  # after the login (whose form has no token here)
    try:
        _csrf_checks(client, case)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def _csrf_checks(client, case):
    page = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    form = page[page.index('id="act-not_accept"') :]
    assert re.search(r'name="not_accept-csrf_token" type="hidden" value="[^"]+"', form)
    response = _post(client, case, not_accepted_on="2024-03-05", reason="party_refused")
    assert response.status_code in (200, 400)
    assert db.session.get(MediationCase, case.id).status == "registered"


def test_an_accepted_case_offers_no_such_action_and_a_post_is_refused(client, team, register):
    case = register(accepted_on=date(2024, 3, 1))
    login(client, team.mediator.username)
    assert 'id="act-not_accept"' not in client.get(f"/mediation/{case.id}").get_data(as_text=True)
    response = _post(client, case, not_accepted_on="2024-03-05", reason="party_refused")
    assert response.status_code == 200
    assert db.session.get(MediationCase, case.id).status == "accepted"


def test_lists_filter_and_badge_it_and_my_cases_leave_it_out(client, team, register):
    kept = register(summary="仍在登记")
    refused = _not_accept(team, register(summary="当事人拒绝调解"))
    login(client, team.mediator.username)
    mine = client.get("/mediation/mine?all=1").get_data(as_text=True)
    assert kept.case_no in mine and refused.case_no not in mine
    listed = client.get("/mediation/?status=not_accepted").get_data(as_text=True)
    assert refused.case_no in listed and kept.case_no not in listed
    assert '<option value="not_accepted" selected>不予受理</option>' in listed
    assert re.search(r'<span class="badge warn">不予受理</span>', listed)
