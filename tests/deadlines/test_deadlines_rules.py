"""The rules of domain.md §2.1–2.3 and §3.2 one by one: acceptance, supplements, limits, suspensions, status."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from casebook.deadlines import (
    DeadlineSettings,
    MediationFacts,
    ReconsiderationFacts,
    Suspension,
    WorkdayCalendar,
    compute_mediation,
    compute_reconsideration,
    law_for_received_on,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


def recon(cal: WorkdayCalendar, as_of: str, settings: DeadlineSettings | None = None, **facts):
    """Compute a reconsideration deadline from ISO strings."""
    values = {k: D(v) if isinstance(v, str) and k.endswith("_on") else v for k, v in facts.items()}
    return compute_reconsideration(
        ReconsiderationFacts(**values), cal, settings or DeadlineSettings(), as_of=D(as_of)
    )


def test_law_by_date_of_receipt() -> None:
    assert law_for_received_on(D("2023-12-31")) == "ARL17"
    assert law_for_received_on(D("2024-01-01")) == "ARL23"


def test_arl17_deemed_accepted_on_receipt(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2023-06-01", received_on="2023-05-10")
    assert result.accepted_on == D("2023-05-10")
    assert result.is_accepted_deemed
    assert result.due_on == D("2023-07-10")  # 05-10 + 60 = 07-09, a Sunday
    assert any(s.article == "ARL17 art. 17 ¶2" for s in result.steps)


def test_recorded_acceptance_is_used_as_given(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2024-10-15", received_on="2024-09-27", accepted_on="2024-09-30")
    assert result.accepted_on == D("2024-09-30")
    assert not result.is_accepted_deemed
    assert result.due_on == D("2024-11-29")


def test_late_recorded_acceptance_does_not_postpone_the_clock(cal: WorkdayCalendar) -> None:
    # ARL23 art 30 ¶3: deemed accepted when the review ended (2024-10-10), whatever the notice says.
    result = recon(cal, "2024-10-15", received_on="2024-09-27", accepted_on="2024-10-14")
    assert result.accepted_on == D("2024-10-10") and result.is_accepted_deemed
    assert result.acceptance_notice_late
    assert result.due_on == D("2024-12-09")  # as if no acceptance were recorded, not 12-13
    assert any("受理通知晚于法定受理日" in s.zh for s in result.steps)


def test_supplement_restarts_the_review(cal: WorkdayCalendar) -> None:
    result = recon(
        cal,
        "2024-10-20",
        received_on="2024-09-27",
        supplement_requested_on="2024-09-29",
        supplement_received_on="2024-10-11",
    )
    # 10-12 (make-up Saturday), 10-14, 10-15, 10-16, 10-17
    assert result.acceptance_due_on == D("2024-10-17")
    assert result.accepted_on == D("2024-10-17") and result.is_accepted_deemed
    assert result.due_on == D("2024-12-16")
    assert any(s.article == "ARL23 art. 31 ¶3" for s in result.steps)


def test_arl17_supplement_deems_acceptance_on_arrival(cal: WorkdayCalendar) -> None:
    result = recon(
        cal,
        "2023-06-01",
        received_on="2023-05-10",
        supplement_requested_on="2023-05-11",
        supplement_received_on="2023-05-20",
    )
    assert result.accepted_on == D("2023-05-20")
    assert any(s.article == "Reg07 art. 29" for s in result.steps)


def test_awaiting_supplement_has_no_decision_deadline(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2024-10-10", received_on="2024-09-27", supplement_requested_on="2024-09-29")
    assert result.status == "awaiting_supplement"
    assert result.due_on is None and result.accepted_on is None and result.acceptance_due_on is None
    # 10 working days from 09-29: 09-30, 10-08 .. 10-11, 10-12 (Saturday), 10-14 .. 10-17
    assert result.supplement_due_on == D("2024-10-17")
    assert result.days_left is None
    late = recon(cal, "2024-10-18", received_on="2024-09-27", supplement_requested_on="2024-09-29")
    assert any("abandoned" in s.en for s in late.steps)


def test_arl17_awaiting_supplement_has_no_fixed_period(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2023-06-01", received_on="2023-05-10", supplement_requested_on="2023-05-11")
    assert result.status == "awaiting_supplement"
    assert result.supplement_due_on is None


def test_abandoned_application_closes_without_lateness(cal: WorkdayCalendar) -> None:
    result = recon(
        cal,
        "2024-11-01",
        received_on="2024-09-27",
        supplement_requested_on="2024-09-29",
        closed_on="2024-10-25",
    )
    assert result.status == "closed_on_time"


@pytest.mark.parametrize(
    ("rejected", "status"), [("2024-10-10", "closed_on_time"), ("2024-10-11", "closed_late")]
)
def test_rejection_ends_the_case_without_decision_deadline(
    cal: WorkdayCalendar, rejected: str, status: str
) -> None:
    result = recon(cal, "2024-11-01", received_on="2024-09-27", rejected_on=rejected)
    assert result.due_on is None and result.accepted_on is None
    assert result.acceptance_due_on == D("2024-10-10")
    assert result.status == status


def test_withdrawal_during_the_review_is_never_accepted(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2024-11-01", received_on="2024-09-27", closed_on="2024-10-08")
    assert result.accepted_on is None and result.due_on is None
    assert result.status == "closed_on_time"


def test_simplified_procedure(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2024-10-15", received_on="2024-09-27", procedure="simplified")
    assert result.due_on == D("2024-11-11")  # 10-10 + 30 = 11-09, a Saturday
    assert any(s.article and "ARL23 art. 62 ¶2" in s.article for s in result.steps)


@pytest.mark.parametrize(("from_original", "due"), [(True, "2024-12-09"), (False, "2024-12-19")])
def test_conversion_to_ordinary(cal: WorkdayCalendar, from_original: bool, due: str) -> None:
    settings = DeadlineSettings(converted_counts_from_original_acceptance=from_original)
    result = recon(
        cal,
        "2024-10-25",
        settings,
        received_on="2024-09-27",
        procedure="simplified",
        converted_on="2024-10-20",
        extension_days=0,
    )
    assert result.due_on == D(due)
    assert any(s.article == "ARL23 art. 55" for s in result.steps)


def test_extension_and_special_limit(cal: WorkdayCalendar) -> None:
    extended = recon(cal, "2024-03-02", received_on="2024-03-01", accepted_on="2024-03-01", extension_days=30)
    assert extended.due_on == D("2024-05-30")  # 04-30 + 30
    special = recon(
        cal,
        "2024-03-02",
        received_on="2024-03-01",
        accepted_on="2024-03-01",
        special_limit_days=45,
        special_limit_reason="某法第十条",
    )
    assert special.due_on == D("2024-04-15")
    assert any("某法第十条" in s.zh and "某法第十条" in s.en for s in special.steps)


def test_closed_suspension_adds_its_days(cal: WorkdayCalendar) -> None:
    # the request body of interchange.md: 12-09 plus the 10 days of 10-15..10-25
    result = recon(
        cal,
        "2024-11-01",
        received_on="2024-09-27",
        suspensions=(Suspension(D("2024-10-15"), D("2024-10-25")),),
    )
    assert result.due_on == D("2024-12-19")
    assert result.status == "open"
    assert result.days_left == 48


def test_suspension_not_excluded_when_the_setting_is_off(cal: WorkdayCalendar) -> None:
    settings = DeadlineSettings(exclude_suspension=False)
    result = recon(
        cal, "2024-12-10", settings, received_on="2024-09-27", suspensions=(Suspension(D("2024-10-15")),)
    )
    assert result.due_on == D("2024-12-09")
    assert result.status == "overdue"


def test_open_suspension_makes_the_deadline_open_ended(cal: WorkdayCalendar) -> None:
    result = recon(
        cal, "2024-12-20", received_on="2024-09-27", suspensions=(Suspension(D("2024-10-15"), None, 5),)
    )
    assert result.due_on is None
    assert result.status == "suspended"
    assert result.days_left is None
    assert not result.long_suspension_warning  # ground (5) does not end the case


def test_case_within_a_suspension_on_as_of_is_suspended_not_overdue(cal: WorkdayCalendar) -> None:
    result = recon(
        cal,
        "2024-12-15",
        received_on="2024-09-27",
        suspensions=(Suspension(D("2024-12-01"), D("2024-12-31")),),
    )
    assert result.status == "suspended"
    assert result.due_on == D("2025-01-08")  # 12-09 + 30 = 2025-01-08


@pytest.mark.parametrize(("as_of", "ground", "warned"), [("2024-12-04", 1, True), ("2024-12-03", 1, False)])
def test_long_suspension_warning(cal: WorkdayCalendar, as_of: str, ground: int, warned: bool) -> None:
    result = recon(
        cal, as_of, received_on="2024-09-27", suspensions=(Suspension(D("2024-10-15"), None, ground),)
    )
    assert result.long_suspension_warning is warned
    if warned:
        assert any(s.article == "ARL23 art. 41(5)" and "2024-12-14" in s.en for s in result.steps)


def test_suspension_open_at_closing_counts_until_closing(cal: WorkdayCalendar) -> None:
    result = recon(
        cal,
        "2025-01-10",
        received_on="2024-09-27",
        suspensions=(Suspension(D("2024-11-01"), None, 1),),
        closed_on="2024-12-31",
    )
    assert result.due_on == D("2025-02-07")  # 12-09 + 60 days (11-01..12-31) = 2025-02-07
    assert result.status == "closed_on_time"
    assert not result.long_suspension_warning


@pytest.mark.parametrize(
    ("as_of", "closed_on", "status", "days_left"),
    [
        ("2024-12-01", None, "open", 8),
        ("2024-12-09", None, "open", 0),
        ("2024-12-10", None, "overdue", -1),
        ("2024-12-20", "2024-12-09", "closed_on_time", None),
        ("2024-12-20", "2024-12-10", "closed_late", None),
        ("2024-12-01", "2024-12-10", "open", 8),  # not closed yet on as_of
    ],
)
def test_status_as_of(
    cal: WorkdayCalendar, as_of: str, closed_on: str | None, status: str, days_left
) -> None:
    result = recon(cal, as_of, received_on="2024-09-27", closed_on=closed_on)
    assert result.status == status
    assert result.days_left == days_left


def test_every_rule_that_fires_cites_its_article(cal: WorkdayCalendar) -> None:
    result = recon(
        cal,
        "2024-12-01",
        received_on="2024-09-27",
        supplement_requested_on="2024-09-29",
        supplement_received_on="2024-10-11",
        extension_days=5,
        suspensions=(Suspension(D("2024-10-20"), D("2024-10-22"), 6),),
    )
    articles = [s.article for s in result.steps]
    for expected in (
        "ARL23 art. 90",
        "ARL23 art. 31 ¶1",
        "ARL23 art. 31 ¶3",
        "ARL23 art. 30 ¶1; ARL23 art. 88 ¶2",
        "ARL23 art. 30 ¶3",
        "ARL23 art. 62 ¶1; CPL art. 85 ¶2",
        "ARL23 art. 62 ¶1",
        # the resumption rests on art 39 ¶2–3 (art 40 is the superior's order to resume)
        "ARL23 art. 39 ¶1(6); ARL23 art. 39 ¶2; ARL23 art. 39 ¶3",
    ):
        assert expected in articles
    # 10-17 + 60 + 5 + 2 = 12-23 (Monday)
    assert result.due_on == D("2024-12-23")


def test_steps_in_both_languages(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2024-10-15", received_on="2024-09-27")
    assert (
        "60 calendar days from acceptance on 2024-10-10 → 2024-12-09 (ARL23 art. 62 ¶1; CPL art. 85 ¶2)"
        in (result.lines("en"))
    )
    assert (
        "受理日 2024-10-10 起算 60 日 → 2024-12-09（《行政复议法》（2023年修订）第六十二条第一款；《民事诉讼法》第八十五条第二款）"
        in (result.lines("zh"))
    )
    assert len(result.lines("zh")) == len(result.lines("en")) == len(result.steps)


def test_to_dict_is_json_ready(cal: WorkdayCalendar) -> None:
    result = recon(cal, "2024-10-15", received_on="2024-09-27")
    data = result.to_dict("en")
    assert json.loads(json.dumps(data)) == data
    assert data["law"] == "ARL23"
    assert data["acceptance_due_on"] == "2024-10-10"
    assert data["accepted_on"] == "2024-10-10"
    assert data["is_accepted_deemed"] is True
    assert data["due_on"] == "2024-12-09"
    assert data["status"] == "open"
    assert data["days_left"] == 55
    assert data["steps"] == result.lines("en")
    assert result.to_dict("zh")["steps"] == result.lines("zh")


def test_mediation_status_and_settings(cal: WorkdayCalendar) -> None:
    facts = MediationFacts(D("2024-03-01"), closed_on=D("2024-04-02"))
    assert compute_mediation(facts, cal, as_of=D("2024-05-01")).status == "closed_late"
    short = compute_mediation(facts, cal, DeadlineSettings(mediation_limit_days=45), as_of=D("2024-05-01"))
    assert short.due_on == D("2024-04-15")
    assert short.status == "closed_on_time"
    open_case = compute_mediation(MediationFacts(D("2024-03-01")), cal, as_of=D("2024-03-05"))
    assert open_case.status == "open" and open_case.days_left == 27
    assert open_case.acceptance_due_on is None and open_case.accepted_on == D("2024-03-01")
    assert any(s.article and "MoJ02 art. 33" in s.article for s in open_case.steps)


def test_the_package_is_pure() -> None:
    """Importing the deadline engine pulls in neither Flask nor a database layer."""
    code = (
        "import sys, casebook.deadlines; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'flask_sqlalchemy')]; "
        "assert not bad, bad"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True)


def test_public_api() -> None:
    from casebook import deadlines

    expected = {
        "WorkdayCalendar",
        "YearSchedule",
        "CalendarYearUnknown",
        "ReconsiderationFacts",
        "MediationFacts",
        "Suspension",
        "DeadlineSettings",
        "DeadlineResult",
        "Step",
        "DeadlineInputError",
        "compute_reconsideration",
        "compute_mediation",
        "law_for_received_on",
    }
    assert expected <= set(deadlines.__all__)
    assert all(hasattr(deadlines, name) for name in expected)
