"""The mediation rules at their edges (issue 12, domain.md §3.1–3.2): extensions agreed in time, nothing dated in
the future, the judicial-confirmation period counted like every period, and a committee's PML art 8 rules."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.calendars.service import working_calendar
from casebook.core.errors import DomainError
from casebook.deadlines import confirmation_deadline
from casebook.extensions import db
from casebook.mediation import operations, proceedings
from casebook.mediation.operations import Conclusion
from tests.conftest import login


def test_an_extension_is_agreed_on_or_before_the_current_deadline(register, team):
    case = register(accepted_on=date(2024, 3, 1))
    # 30 days from 1 March is Sunday 31 March: the deadline is Monday 1 April (CPL art 85).
    assert case.due_on == date(2024, 4, 1)
    with pytest.raises(DomainError, match="2024-04-01") as refused:
        proceedings.add_extension(team.mediator, case, date(2024, 4, 2), 10, "双方同意延长", case.version)
    assert refused.value.field == "agreed_on"
    db.session.rollback()
    proceedings.add_extension(team.mediator, case, date(2024, 4, 1), 10, "双方同意延长", case.version)
    db.session.commit()
    assert case.due_on == date(2024, 4, 10)  # the extension adds to the 30 days: 31 March + 10


def _mediating(register, team):
    case = register(accepted_on=date(2025, 6, 2))
    operations.start_mediation(team.mediator, case, case.version)
    db.session.commit()
    return case


def test_a_session_cannot_be_dated_in_the_future(register, team):
    case = _mediating(register, team)
    with pytest.raises(DomainError) as refused:  # the tests' today is 2025-06-16
        proceedings.add_session(team.mediator, case, date(2025, 6, 17), "村委会", [], None, case.version)
    assert refused.value.field == "held_on"
    db.session.rollback()
    proceedings.add_session(team.mediator, case, date(2025, 6, 16), "村委会", [], None, case.version)
    db.session.commit()
    assert len(case.sessions) == 1


def test_a_follow_up_cannot_be_dated_in_the_future(register, team, set_today):
    case = _mediating(register, team)
    operations.conclude_case(
        team.mediator,
        case,
        Conclusion(
            outcome="success", closed_on=date(2025, 6, 10), agreement_form="oral", agreement_content="赔偿"
        ),
        case.version,
    )
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        proceedings.add_followup(team.mediator, case, date(2025, 6, 20), "performed", None, case.version)
    assert refused.value.field == "visited_on"
    db.session.rollback()
    set_today(date(2025, 6, 20))
    proceedings.add_followup(team.mediator, case, date(2025, 6, 20), "performed", None, case.version)
    db.session.commit()
    assert len(case.followups) == 1


def test_the_judicial_confirmation_period_moves_off_a_rest_day(app):
    # PML art 33: 30 days from 1 September 2024 is 1 October, National Day: the period ends on 8 October.
    with app.app_context():
        due, steps = confirmation_deadline(date(2024, 9, 1), working_calendar())
    assert due == date(2024, 10, 8)
    assert any("第三十三条" in s.zh for s in steps) and any("顺延" in s.zh for s in steps)
    due, _steps = confirmation_deadline(date(2024, 3, 1), working_calendar())
    assert due == date(2024, 4, 1)  # Sunday 31 March → Monday 1 April


def test_the_case_page_flags_a_confirmation_applied_for_too_late(client, register, team):
    case = register(accepted_on=date(2024, 8, 26))
    operations.conclude_case(
        team.mediator,
        case,
        Conclusion(
            outcome="success",
            closed_on=date(2024, 9, 1),
            agreement_form="oral",
            agreement_content="赔偿500元",
        ),
        case.version,
    )
    data = proceedings.ConfirmationInput(applied_on=date(2024, 10, 8), court="城关区人民法院")
    proceedings.record_confirmation(team.mediator, case, data, case.version)
    db.session.commit()
    login(client, team.mediator.username)
    html = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    assert 'id="confirmation-late"' not in html  # 8 October is in time, though 37 days after the agreement
    data = proceedings.ConfirmationInput(applied_on=date(2024, 10, 9), court="城关区人民法院")
    proceedings.record_confirmation(team.mediator, case, data, case.version)
    db.session.commit()
    html = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    assert 'id="confirmation-late"' in html and "第三十三条" in html


def test_a_committee_breaking_art_8_is_flagged_not_refused(client, login_as, make_committee, make_mediator):
    committee = make_committee()
    for name in ("甲", "乙"):
        make_mediator([committee], name=name, gender="male")
    login_as("bureau")
    html = client.get(f"/orgs/committees/{committee.id}").get_data(as_text=True)
    flags = html.count('class="badge warn badge-wrap committee-breach"')
    assert flags == 3  # two members, no director, no woman
    assert "第八条" in html and "第九条" not in html
    make_mediator([committee], name="丙", gender="female", position="director")
    html = client.get(f"/orgs/committees/{committee.id}").get_data(as_text=True)
    assert "committee-breach" not in html


# ---------------------------------------------------------------- agreements (PML art 28–30)


def _conclude(team, case, **agreement):
    operations.conclude_case(
        team.mediator,
        case,
        Conclusion(outcome="success", closed_on=date(2024, 3, 10), **agreement),
        case.version,
    )
    db.session.commit()


def test_an_oral_agreement_needs_its_content(register, team):
    case = register(accepted_on=date(2024, 3, 1))
    with pytest.raises(DomainError) as refused:
        _conclude(team, case, agreement_form="oral")
    assert refused.value.field == "agreement_content"


def test_an_oral_agreement_prints_as_a_register_without_signatures(client, register, team):
    case = register(accepted_on=date(2024, 3, 1))
    _conclude(team, case, agreement_form="oral", agreement_content="李四当场赔偿张三500元")
    login(client, team.mediator.username)
    printed = client.get(f"/mediation/{case.id}/agreement").get_data(as_text=True)
    assert "口头调解协议登记表" in printed and "人民调解协议书" not in printed
    assert "李四当场赔偿张三500元" in printed and "自各方当事人达成协议之日起生效" in printed
    assert "sign-line" not in printed and "签名、盖章" not in printed


def test_a_written_agreement_holds_the_items_of_art_29(client, register, team):
    case = register(accepted_on=date(2024, 3, 1))
    _conclude(
        team,
        case,
        agreement_form="written",
        agreement_facts="李四修房时堵塞排水沟，张三院内积水，双方就清淤费用发生争议",
        agreement_content="李四赔偿张三清淤费用800元",
        agreement_performance="李四于2024年3月20日前一次性付清",
    )
    assert case.agreement_facts.startswith("李四修房") and case.agreement_performance.endswith("付清")
    login(client, team.mediator.username)
    printed = client.get(f"/mediation/{case.id}/agreement").get_data(as_text=True)
    assert "人民调解协议书" in printed
    for item in (
        "纠纷的主要事实、争议事项",
        "李四修房时堵塞排水沟",
        "李四赔偿张三清淤费用800元",
        "履行方式、期限",
    ):
        assert item in printed
    assert "李四于2024年3月20日前一次性付清" in printed
    assert printed.count("（签名、盖章或者按指印）") == 2  # each party
    assert "（人民调解委员会印章）" in printed
    # Reopening clears the agreement's items with the outcome.
    operations.reopen_case(team.director, case, "当事人反悔", case.version)
    assert case.agreement_facts is None and case.agreement_performance is None
