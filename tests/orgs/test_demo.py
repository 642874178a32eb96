"""The demo district reproduces the annual report's organisation figures as of 2023-12-31."""

from datetime import date

from sqlalchemy import func, select
from stdnum.cn import ric

from casebook.auth.models import User
from casebook.extensions import db
from casebook.orgs.models import Agency, Area, CommitteeMembership, Mediator, Position, Studio
from casebook.orgs.queries import organisation_counts


def test_the_demo_district_matches_the_report(demo_db):
    """The whole demo data set (loaded once per run by the demo_db fixture), read only."""
    report = organisation_counts(date(2023, 12, 31))
    assert report.associations == 1
    assert report.committees == 190
    assert report.sector_committees == 5
    assert report.mediators == 934
    assert report.full_time_mediators == 206
    assert report.experts == 50
    assert sum(row.committees for row in report.committees_by_area) == 190
    assert len(report.committees_by_area) == 13  # the district level and 12 townships/streets

    later = organisation_counts(date(2024, 12, 31))  # some dissolved/left in 2024, some new
    assert (later.committees, later.mediators) != (190, 934)

    sizes = db.session.execute(
        select(
            CommitteeMembership.committee_id,
            func.count(),
            func.sum((CommitteeMembership.position == Position.DIRECTOR).cast(db.Integer)),
        ).group_by(CommitteeMembership.committee_id)
    ).all()
    assert len(sizes) == 192
    assert all(3 <= size <= 9 and directors == 1 for _committee, size, directors in sizes)
    serving = db.session.scalar(select(func.count(func.distinct(CommitteeMembership.mediator_id))))
    assert serving == db.session.scalar(select(func.count()).select_from(Mediator))

    levels = dict(db.session.execute(select(Area.level, func.count()).group_by(Area.level)).all())
    assert levels["district"] == 1 and levels["township"] == 12 and levels["village"] >= 150
    assert 20 <= db.session.scalar(select(func.count()).select_from(Agency)) <= 30
    assert db.session.scalar(select(func.count()).select_from(Studio)) == 2
    assert all(ric.is_valid(n) for n in db.session.scalars(select(Mediator.id_number)))

    director = db.session.scalar(select(User).where(User.username == "director"))
    mediator = db.session.scalar(select(User).where(User.username == "mediator"))
    first_committee = min(director.directed_committee_ids())
    assert director.directed_committee_ids() == [first_committee]
    assert first_committee in mediator.committee_ids()
    assert mediator.directed_committee_ids() == []


def test_the_demo_is_reproducible():
    from casebook.orgs import demo as orgs_demo

    orgs_demo.load()
    first = db.session.execute(
        select(Mediator.code, Mediator.name, Mediator.id_number).order_by(Mediator.code)
    ).all()
    db.session.rollback()
    orgs_demo.load()
    second = db.session.execute(
        select(Mediator.code, Mediator.name, Mediator.id_number).order_by(Mediator.code)
    ).all()
    db.session.rollback()
    assert first == second
