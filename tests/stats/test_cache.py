"""Cached statistics: counted once while nothing changes, counted again after any write they depend on."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import event, select, text, update

from casebook.extensions import db
from casebook.mediation.models import MediationCase, MediationFollowup
from casebook.stats import cache, queries
from casebook.stats.periods import Period
from tests.conftest import login

PERIOD = Period(date(2021, 1, 1), date(2025, 12, 31))


@pytest.fixture
def counted(app):
    """How many statistics statements reach the database (a cached result does not)."""
    seen = []

    def listener(_conn, _cursor, statement, _params, _context, _many):
        if "count(CASE WHEN" in statement:
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    cache.clear()
    yield seen
    event.remove(db.engine, "before_cursor_execute", listener)


def _totals(user):
    return queries.mediation_totals(user, PERIOD).values


def test_figures_are_counted_once_while_nothing_changes(district, make_user, counted):
    bureau = make_user(role="bureau")
    first = _totals(bureau)
    statements = len(counted)
    assert statements > 0
    assert _totals(bureau) == first
    queries.mediation_breakdown(bureau, PERIOD, "committee")
    breakdown = len(counted) - statements
    queries.mediation_breakdown(bureau, PERIOD, "committee")
    assert breakdown > 0 and len(counted) == statements + breakdown  # counted once


def test_a_committed_case_change_is_counted_again(district, make_user, counted):
    bureau = make_user(role="bureau")
    before = _totals(bureau)
    case = db.session.scalars(
        select(MediationCase).where(MediationCase.outcome.is_(None), MediationCase.is_voided.is_(False))
    ).first()
    case.status, case.is_voided = "voided", True  # registered by mistake: counts nowhere
    db.session.commit()
    after = _totals(bureau)
    registered_in_period = PERIOD.start <= case.registered_on <= PERIOD.end
    assert after["registered"] == before["registered"] - int(registered_in_period)


def test_a_follow_up_changes_the_performance_figures(district, make_user, counted):
    bureau = make_user(role="bureau")
    before = _totals(bureau)
    case = db.session.scalars(
        select(MediationCase)
        .where(
            MediationCase.outcome == "success",
            MediationCase.is_voided.is_(False),
            MediationCase.agreement_on.between(PERIOD.start, PERIOD.end),
            ~MediationCase.followups.any(),
        )
        .order_by(MediationCase.id)
    ).first()
    db.session.add(MediationFollowup(case_id=case.id, visited_on=case.agreement_on, performance="performed"))
    db.session.commit()
    after = _totals(bureau)
    assert (after["followed_up"], after["performed"]) == (before["followed_up"] + 1, before["performed"] + 1)


def test_a_rolled_back_change_leaves_the_cache_right(district, make_user, counted):
    bureau = make_user(role="bureau")
    before = _totals(bureau)
    case = db.session.scalars(select(MediationCase).where(MediationCase.is_voided.is_(False))).first()
    case.is_voided, case.status = True, "voided"
    db.session.flush()
    assert _totals(bureau) != before  # inside the transaction: its own change is counted
    db.session.rollback()
    assert _totals(bureau) == before


def test_a_bulk_update_invalidates(district, make_user, counted):
    bureau = make_user(role="bureau")
    before = _totals(bureau)
    db.session.execute(update(MediationCase).values(due_on=None).execution_options(synchronize_session=False))
    db.session.commit()
    after = _totals(bureau)
    assert after["concluded_on_time"] == 0 < before["concluded_on_time"]


def test_another_process_writing_invalidates_through_the_token(district, make_user, counted):
    bureau = make_user(role="bureau")
    _totals(bureau)
    statements = len(counted)
    # another worker's commit: the rows changed and so did the token
    db.session.execute(text("UPDATE stats_versions SET token = 'from-another-process'"))
    db.session.commit()
    _totals(bureau)
    assert len(counted) > statements


def test_users_do_not_share_each_others_scope(district, make_user, counted):
    bureau = make_user(role="bureau")
    director = make_user(role="director", mediator=district.mediators[0])
    everyone, own = _totals(bureau), _totals(director)
    assert own["registered"] < everyone["registered"]


def _resolution_card(client) -> str:
    html = client.get("/stats/", query_string={"period": "year", "year": "2023"}).get_data(as_text=True)
    return re.search(r'id="fig-resolution_rate".*?</div>', html, re.S).group(0)


def test_a_dashboard_is_built_once_per_scope_and_again_after_a_change(
    app, client, login_as, make_user, district, counted
):
    bureau = login_as("bureau")
    year = Period.year(2023)
    card = _resolution_card(client)
    statements = len(counted)
    assert statements > 0 and f">{queries.mediation_totals(bureau, year).registered}<" in card
    assert _resolution_card(client) == card and len(counted) == statements  # nothing counted again

    case = db.session.scalars(
        select(MediationCase).where(
            MediationCase.is_voided.is_(False), MediationCase.registered_on.between(year.start, year.end)
        )
    ).first()
    case.status, case.is_voided = "voided", True
    db.session.commit()
    changed = _resolution_card(client)
    assert len(counted) > statements
    assert f">{queries.mediation_totals(bureau, year).registered}<" in changed and changed != card

    director = make_user(role="director", mediator=district.mediators[3])
    other = app.test_client()  # another browser: the director's own session
    login(other, director.username)
    statements = len(counted)
    own = _resolution_card(other)
    assert len(counted) > statements  # another scope: its own sections
    assert f">{queries.mediation_totals(director, year).registered}<" in own and own != changed
