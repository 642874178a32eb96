"""Every write to a litigation case: the rule it checks, the status table, the history and the version."""

from datetime import date

import pytest
from sqlalchemy import select

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.litigation import operations
from casebook.litigation.models import LitigationCaseChange
from casebook.reconsideration import operations as recon_operations

D = date.fromisoformat


def _history(case) -> list[tuple]:
    rows = db.session.scalars(
        select(LitigationCaseChange)
        .where(LitigationCaseChange.case_id == case.id)
        .order_by(LitigationCaseChange.id)
    )
    return [(r.action, r.field, r.before, r.after) for r in rows]


def test_register_computes_the_defence_due_date(make_litigation_case, make_user) -> None:
    officer = make_user(role="reconsideration")
    case = make_litigation_case(filed_on=D("2024-09-10"), complaint_served_on=D("2024-09-20"), user=officer)
    assert case.status == "open" and case.plaintiff_names == "王五"
    assert case.defence_due_on == D("2024-10-08")  # 5 October is a holiday (ALL art 67 ¶1; CPL art 85)
    assert _history(case) == [("register", None, None, None)]
    change = db.session.scalars(select(LitigationCaseChange)).one()
    assert change.user_id == officer.id and change.changed_at is not None and change.version == case.version


def test_service_after_registration_records_before_and_after(make_litigation_case) -> None:
    case = make_litigation_case(filed_on=D("2025-05-20"))
    assert case.defence_due_on is None
    operations.serve_complaint(case, None, D("2025-06-02"), version=case.version)
    db.session.commit()
    assert case.defence_due_on == D("2025-06-17")
    assert ("serve", "complaint_served_on", None, "2025-06-02") in _history(case)
    assert ("serve", "defence_due_on", None, "2025-06-17") in _history(case)


def test_service_before_filing_is_refused_on_its_field(make_litigation_case) -> None:
    case = make_litigation_case(filed_on=D("2025-05-20"))
    with pytest.raises(DomainError) as refused:
        operations.serve_complaint(case, None, D("2025-05-19"))
    assert refused.value.field == "on"


def test_stale_version_is_refused(make_litigation_case) -> None:
    case = make_litigation_case(filed_on=D("2025-05-20"))
    old = case.version
    operations.serve_complaint(case, None, D("2025-06-02"), version=old)
    db.session.commit()
    with pytest.raises(operations.StaleCase):
        operations.submit_defence(case, None, D("2025-06-10"), version=old)


def test_court_case_number_is_unique_per_court(make_litigation_case) -> None:
    make_litigation_case(court_case_no="（2024）赣0102行初1号")
    with pytest.raises(DomainError) as refused:
        make_litigation_case(court_case_no="（2024）赣0102行初1号")
    assert refused.value.field == "court_case_no"
    db.session.rollback()
    other = make_litigation_case(court="市中级人民法院", court_case_no="（2024）赣0102行初1号")
    assert other.id


def test_plaintiffs_are_checked_like_reconsideration_parties(make_litigation_case) -> None:
    bad = operations.PartyData(name="赵六", id_number="360102199001011234")
    with pytest.raises(DomainError) as refused:
        make_litigation_case(plaintiffs=[bad])
    assert refused.value.field == "id_number"
    db.session.rollback()
    case = make_litigation_case(plaintiffs=[operations.PartyData(name="赵六", phone="13800138000")])
    operations.add_plaintiff(case, None, operations.PartyData(name="某公司", kind="organisation"))
    db.session.commit()
    assert case.plaintiff_names == "赵六、某公司"
    assert ("add_plaintiff", "plaintiff", None, "某公司") in _history(case)


def test_the_government_as_defendant_has_no_agency(make_litigation_case) -> None:
    case = make_litigation_case(defendant_kind="government")
    assert case.agency_id is None
    with pytest.raises(DomainError) as refused:
        make_litigation_case(agency_id=None, court_case_no="X1")
    assert refused.value.field == "agency_id"


def test_hearing_with_the_head_or_a_reason(make_litigation_case) -> None:
    case = make_litigation_case(filed_on=D("2025-03-01"))
    with pytest.raises(DomainError) as refused:
        operations.record_hearing(case, None, D("2025-05-10"), "head")
    assert refused.value.field == "head_name"
    with pytest.raises(DomainError) as refused:
        operations.record_hearing(case, None, D("2025-05-10"), "staff", representatives="李律师")
    assert refused.value.field == "absence_reason"
    operations.schedule_hearing(case, None, D("2025-05-10"))
    assert case.next_hearing_on == D("2025-05-10")
    operations.record_hearing(case, None, D("2025-05-10"), "deputy_head", head_name="陈副局长")
    operations.record_hearing(
        case,
        None,
        D("2025-06-01"),
        "staff",
        representatives="李律师",
        absence_reason="出差执行公务（不可替代）",
    )
    db.session.commit()
    assert [h.appearance for h in case.hearings] == ["deputy_head", "staff"]
    assert case.hearings[0].head_name == "陈副局长" and case.hearings[1].head_name is None
    assert case.next_hearing_on is None


def test_judgment_appeal_effect_and_performance(make_litigation_case) -> None:
    first = make_litigation_case(filed_on=D("2024-03-01"))
    with pytest.raises(DomainError):
        operations.record_effect(first, None, D("2024-06-01"))  # not judged yet
    operations.record_judgment(
        first, None, D("2024-06-01"), "revoke", document_no="（2024）赣0102行初1号判决"
    )
    assert first.status == "decided" and first.is_against_agency is True
    second = make_litigation_case(filed_on=D("2024-07-01"), instance="second", court="市中级人民法院")
    with pytest.raises(DomainError) as refused:
        operations.record_appeal(first, None, D("2024-06-10"), first.id)
    assert refused.value.field == "next_instance_id"
    operations.record_appeal(first, None, D("2024-06-10"), second.id)
    assert first.status == "appealed" and first.next_instance_id == second.id
    operations.record_judgment(second, None, D("2024-10-01"), "reject_claims")
    assert second.is_against_agency is False
    with pytest.raises(DomainError):
        operations.record_performance(second, None, D("2024-10-20"))  # not in effect yet
    operations.record_effect(second, None, D("2024-10-01"))
    operations.record_performance(second, None, D("2024-10-20"), "已重新作出决定")
    db.session.commit()
    assert second.status == "effective" and second.performed_on == D("2024-10-20")
    with pytest.raises(DomainError):
        operations.record_performance(second, None, D("2024-10-21"))


def test_the_outcome_decides_the_loss_unless_told(make_litigation_case) -> None:
    case = make_litigation_case()
    operations.record_judgment(case, None, D("2025-01-10"), "mediated", is_against_agency=True)
    assert case.is_against_agency is True
    with pytest.raises(DomainError) as refused:
        operations.record_judgment(make_litigation_case(court_case_no="Y"), None, D("2025-01-10"), "won")
    assert refused.value.field == "outcome"


def test_link_to_a_concluded_reconsideration_case(make_litigation_case, make_recon_case) -> None:
    recon = make_recon_case(received_on=D("2024-09-27"))
    with pytest.raises(DomainError) as refused:
        make_litigation_case(reconsideration_case_no=recon.case_no)
    assert refused.value.field == "reconsideration_case_no"
    db.session.rollback()
    recon_operations.accept(recon, None, D("2024-09-30"))
    recon_operations.conclude(recon, None, D("2024-11-20"), "uphold")
    db.session.commit()
    case = make_litigation_case(filed_on=D("2024-12-10"), reconsideration_case_no=recon.case_no)
    assert case.reconsideration_case_id == recon.id


def test_void_keeps_the_case(make_litigation_case) -> None:
    case = make_litigation_case()
    with pytest.raises(DomainError) as refused:
        operations.void(case, None, " ")
    assert refused.value.field == "reason"
    operations.void(case, None, "重复登记")
    db.session.commit()
    assert case.is_voided and case.status == "voided"
    with pytest.raises(DomainError):
        operations.record_judgment(case, None, D("2025-01-10"), "revoke")


def test_corrections_are_recorded_field_by_field(make_litigation_case, make_agency) -> None:
    case = make_litigation_case()
    other = make_agency(name="区市场监管局")
    changed = operations.update_case(case, None, case.version, agency_id=other.id, act_description="罚款决定")
    db.session.commit()
    assert set(changed) == {"agency_id", "act_description"}
    assert ("edit", "act_description", None, "罚款决定") in _history(case)


def test_a_loaded_schedule_moves_the_defence_due_date(
    make_litigation_case, make_holiday_schedule, set_today
) -> None:
    set_today(D("2027-06-30"))
    case = make_litigation_case(filed_on=D("2027-05-20"), complaint_served_on=D("2027-06-01"))
    assert case.defence_due_on is None and case.calendar_missing_year == 2027
    make_holiday_schedule(year=2027)
    db.session.refresh(case)
    assert case.defence_due_on is not None and case.calendar_missing_year is None
    assert any(a == "calendar" for a, *_rest in _history(case))
