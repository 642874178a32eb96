"""The demo data set: the report's year exactly, other years, open and overdue cases, valid personal numbers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from casebook.core.personal import clean_phone, clean_resident_id
from casebook.demo import DEMO_TODAY
from casebook.extensions import db
from casebook.mediation.models import MediationCase, MediationParty


def test_demo_reproduces_the_report_year(demo_db):
    elapsed = demo_db.config["DEMO_LOAD_SECONDS"]  # the whole demo data set, loaded once by the fixture
    c = MediationCase
    in_2023 = select(func.count()).where(
        c.registered_on.between(date(2023, 1, 1), date(2023, 12, 31)), c.is_voided.is_(False)
    )
    assert db.session.scalar(in_2023) == 7244
    assert db.session.scalar(in_2023.where(c.outcome == "success", c.closed_on <= date(2023, 12, 31))) == 7160
    assert db.session.scalar(in_2023.where(c.outcome.in_(("failed", "terminated")))) == 84
    on_time = db.session.scalar(in_2023.where(c.closed_on <= c.due_on))
    assert 0.9 * 7244 < on_time < 7244  # most, not all, within their limit
    years = set(db.session.scalars(select(func.distinct(func.extract("year", c.registered_on)))))
    assert {2021, 2022, 2023, 2024, 2025} <= {int(y) for y in years}
    open_cases = select(func.count()).where(c.status.in_(("registered", "accepted", "mediating")))
    assert db.session.scalar(open_cases) > 50
    assert db.session.scalar(open_cases.where(c.due_on < DEMO_TODAY)) > 0
    assert db.session.scalar(select(func.count()).where(c.is_voided.is_(True))) == 12
    for party in db.session.scalars(
        select(MediationParty).where(MediationParty.id_number.is_not(None)).limit(300)
    ):
        assert clean_resident_id(party.id_number) == party.id_number
    for party in db.session.scalars(
        select(MediationParty).where(MediationParty.phone.is_not(None)).limit(300)
    ):
        assert clean_phone(party.phone) == party.phone
    print(f"\ndemo load (all areas): {elapsed:.1f} s")


def test_demo_is_reproducible(app, make_committee, make_mediator):
    from casebook.mediation.demo import generate

    for n in range(3):
        make_mediator(committees=[make_committee(short_name=f"第{n}")])
    first, second = generate(as_of=date(2026, 1, 10)), generate(as_of=date(2026, 1, 10))
    assert [r["case_no"] for r in first.cases] == [r["case_no"] for r in second.cases]
    assert [p["id_number"] for p in first.parties[:500]] == [p["id_number"] for p in second.parties[:500]]
