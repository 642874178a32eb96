"""The demo register: the annual report's 37 and 92 applications, every concluded one in time, reproducibly."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import delete, select

from casebook.extensions import db
from casebook.reconsideration import demo
from casebook.reconsideration.codes import CORRECTION_OUTCOMES
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationCaseChange,
    ReconsiderationEvent,
    ReconsiderationOpinion,
    ReconsiderationParty,
    ReconsiderationSuspension,
)


def _snapshot() -> list[tuple]:
    C = ReconsiderationCase
    return db.session.execute(
        select(C.case_no, C.received_on, C.status, C.outcome, C.closed_on, C.due_on).order_by(C.case_no)
    ).all()


def test_demo_register(app, set_today):
    set_today(demo.DEMO_AS_OF)  # the demo is written as of its own day (casebook.demo.load sets it so)
    demo.load()
    db.session.commit()
    cases = db.session.scalars(select(ReconsiderationCase)).all()
    by_year = Counter(c.received_on.year for c in cases)
    assert by_year[2022] == 37 and by_year[2023] == 92
    early = [c for c in cases if c.received_on.year < 2024]
    assert all(c.law == "ARL17" for c in early)
    assert all(c.status in ("concluded", "rejected") for c in early)
    concluded = [c for c in early if c.closed_on]
    assert concluded and not any(c.is_late for c in concluded)
    assert all(c.closed_on <= c.due_on for c in concluded)
    assert sum(c.outcome in CORRECTION_OUTCOMES for c in early) >= 10
    assert len({c.agency_id for c in early}) >= 5 and len({c.act_category for c in early}) >= 8

    later = [c for c in cases if c.received_on.year >= 2024]
    assert all(c.law == "ARL23" for c in later)
    assert any(c.suspensions for c in later) and any(c.extension_days for c in later)
    assert any(c.procedure == "simplified" for c in later) and any(c.outcome == "confirm_void" for c in later)
    as_of = demo.DEMO_AS_OF
    open_cases = [c for c in later if c.closed_on is None and c.status not in ("rejected", "voided")]
    assert len(open_cases) >= 5
    overdue = [
        c for c in open_cases if c.due_on and c.due_on < as_of and c.status in ("received", "accepted")
    ]
    assert len(overdue) >= demo.OVERDUE_CASES

    # the life after a decision (ARL23 art 76–79) is shown on one case, and an opinion's report is due soon
    [followed] = [c for c in later if c.performed_on]
    assert followed.performance_ordered_on and followed.copied_to_superior_on and followed.published_on
    [opinion] = followed.opinions
    assert as_of < opinion.feedback_due_on <= as_of + timedelta(days=7)

    first = _snapshot()
    for model in (ReconsiderationCaseChange, ReconsiderationEvent, ReconsiderationSuspension, ReconsiderationParty,
                  ReconsiderationOpinion, ReconsiderationCase):  # fmt: skip
        db.session.execute(delete(model))
    db.session.commit()
    demo.load()
    db.session.commit()
    assert _snapshot() == first
