"""A mediation limit reaching a year without a published holiday schedule: a provisional date marked 待确认 with
its reason, left out of the on-time rate, made certain when the schedule is loaded (domain.md §2.3)."""

from __future__ import annotations

import re
from datetime import date

from casebook.extensions import db
from casebook.mediation import operations
from casebook.mediation.models import MediationCase
from casebook.mediation.operations import Conclusion
from casebook.stats import queries
from casebook.stats.periods import Period
from tests.conftest import login

REASON = "2027年节假日安排尚未发布，未计入调休"


def test_a_provisional_limit_is_shown_left_out_of_the_rate_and_made_certain_by_the_schedule(
    register, team, client, api_client, make_holiday_schedule, make_user, set_today
):
    set_today(date(2027, 1, 8))
    case = register(registered_on=date(2027, 1, 6), accepted_on=date(2027, 1, 6))
    # day 30 = 2027-02-05, 除夕; 02-08 … 02-10 are Spring Festival days by statute: 02-11 until the notice
    assert case.due_on is None
    assert (case.due_on_provisional, case.calendar_missing_year) == (date(2027, 2, 11), 2027)
    closed = register(registered_on=date(2027, 1, 6), accepted_on=date(2027, 1, 6))
    operations.conclude_case(
        team.mediator,
        closed,
        Conclusion(outcome="failed", closed_on=date(2027, 1, 8), failure_routes="诉讼"),
        None,
    )
    db.session.commit()
    assert closed.due_on is None and closed.due_on_provisional == date(2027, 2, 11)
    totals = queries.mediation_totals(make_user("bureau"), Period.year(2027))
    assert (
        totals.concluded == 1 and totals.on_time_rate.denominator == 0 and totals.concluded_no_deadline == 1
    )

    login(client, team.mediator.username)
    page = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    due = re.search(r'data-testid="due-on">(.*?)</p>', page, re.S)[1]
    assert "2027年2月11日" in due and "待确认" in due and REASON in due
    listing = client.get("/mediation/").get_data(as_text=True)
    assert "2027年2月11日" in listing and "待确认" in listing
    _user, headers = api_client("bureau")
    body = client.get(f"/api/v1/mediation/cases/{case.id}", headers=headers).get_json()
    assert body["due_on"] is None and body["due_on_provisional"] == "2027-02-11"
    assert body["provisional_reason"] == REASON and body["deadline"]["provisional"] is True

    make_holiday_schedule(2027)  # 02-05 … 02-12 off: the limit ends on Monday 02-15
    db.session.expire_all()
    case = db.session.get(MediationCase, case.id)
    assert (case.due_on, case.due_on_provisional, case.calendar_missing_year) == (
        date(2027, 2, 15),
        None,
        None,
    )
    moved = {(c.field, c.before, c.after) for c in case.changes if c.action == "recompute"}
    assert moved == {("due_on", None, "2027-02-15"), ("due_on_provisional", "2027-02-11", None)}
    page = client.get(f"/mediation/{case.id}").get_data(as_text=True)
    due = re.search(r'data-testid="due-on">(.*?)</p>', page, re.S)[1]
    assert "2027年2月15日" in due and "待确认" not in due and REASON not in page
    totals = queries.mediation_totals(make_user("bureau"), Period.year(2027))
    assert totals.on_time_rate.denominator == 1 and totals.concluded_no_deadline == 0
