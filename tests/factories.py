"""Factory fixtures: each returns a make_* callable that creates a row and commits."""

from __future__ import annotations

import itertools

import pytest

from casebook.extensions import db

_counter = itertools.count(1)
PASSWORD = "correct horse battery"


@pytest.fixture
def make_user(app):
    from casebook.auth import operations

    def _make(
        role: str = "admin", username: str | None = None, password: str = PASSWORD, mediator=None, **kwargs
    ):
        user = operations.create_user(
            username or f"{role}{next(_counter)}",
            role,
            password,
            kwargs.pop("display_name", ""),
            mediator.id if mediator is not None else None,
        )
        for key, value in kwargs.items():
            setattr(user, key, value)
        db.session.commit()
        return user

    return _make


@pytest.fixture
def make_area(app):
    from casebook.orgs.models import Area

    def _make(**kwargs):
        n = next(_counter)
        area = Area(code=kwargs.pop("code", f"A{n:04d}"), name=kwargs.pop("name", f"测试区{n}"), **kwargs)
        db.session.add(area)
        db.session.commit()
        return area

    return _make


@pytest.fixture
def make_committee(app):
    from casebook.orgs.models import Committee

    def _make(**kwargs):
        n = next(_counter)
        committee = Committee(
            code=kwargs.pop("code", f"C{n:04d}"),
            name=kwargs.pop("name", f"第{n}人民调解委员会"),
            type=kwargs.pop("type", "village_residents"),
            **kwargs,
        )
        db.session.add(committee)
        db.session.commit()
        return committee

    return _make


@pytest.fixture
def make_mediator(app):
    from casebook.orgs.models import CommitteeMembership, Mediator

    def _make(committees=(), position: str = "member", **kwargs):
        n = next(_counter)
        mediator = Mediator(
            code=kwargs.pop("code", f"M{n:05d}"),
            name=kwargs.pop("name", f"调解员{n}"),
            employment=kwargs.pop("employment", "part_time"),
            **kwargs,
        )
        db.session.add(mediator)
        db.session.flush()
        for committee in committees:
            db.session.add(
                CommitteeMembership(committee_id=committee.id, mediator_id=mediator.id, position=position)
            )
        db.session.commit()
        return mediator

    return _make


@pytest.fixture
def make_agency(app):
    from casebook.orgs.models import Agency

    def _make(**kwargs):
        n = next(_counter)
        agency = Agency(
            code=kwargs.pop("code", f"G{n:03d}"), name=kwargs.pop("name", f"区测试局{n}"), **kwargs
        )
        db.session.add(agency)
        db.session.commit()
        return agency

    return _make


@pytest.fixture
def make_mediation_case(app, make_committee):
    """A mediation case written directly (status registered unless given); `committee` defaults to a new one."""
    from datetime import date

    from sqlalchemy import select

    from casebook.mediation.models import MediationCase
    from casebook.orgs.models import DisputeType

    def _make(committee=None, **kwargs):
        n = next(_counter)
        committee = committee or make_committee()
        dispute_type_id = kwargs.pop("dispute_type_id", None) or db.session.scalar(
            select(DisputeType.id).order_by(DisputeType.id).limit(1)
        )
        case = MediationCase(
            case_no=kwargs.pop("case_no", f"测调〔2024〕{n:04d}号"),
            committee_id=committee.id,
            dispute_type_id=dispute_type_id,
            source=kwargs.pop("source", "screening"),
            registered_on=kwargs.pop("registered_on", date(2024, 3, 1)),
            **kwargs,
        )
        db.session.add(case)
        db.session.commit()
        return case

    return _make


# A plausible schedule for 2027, a year the chinese-calendar library does not know.
SCHEDULE_2027_HOLIDAYS = (
    ["2027-01-01"]
    + [f"2027-02-{d:02d}" for d in range(5, 13)]
    + ["2027-04-05", "2027-05-03", "2027-05-04", "2027-05-05", "2027-06-09"]
    + ["2027-09-15"]
    + [f"2027-10-{d:02d}" for d in range(1, 8)]
)
SCHEDULE_2027_WORKDAYS = ["2027-01-31", "2027-02-20", "2027-05-08", "2027-09-26", "2027-10-09"]


@pytest.fixture
def make_holiday_schedule(app):
    """Load a year's holiday schedule as an administrator would (default: the plausible 2027 above)."""
    from datetime import date

    from casebook.calendars import operations

    def _make(year: int = 2027, holidays=None, workdays=None, note: str = "测试安排", user=None):
        holidays = SCHEDULE_2027_HOLIDAYS if holidays is None else holidays
        workdays = SCHEDULE_2027_WORKDAYS if workdays is None else workdays
        schedule = operations.load_schedule(
            year,
            {date.fromisoformat(d): None for d in holidays},
            {date.fromisoformat(d): None for d in workdays},
            note,
            user,
        )
        db.session.commit()
        return schedule

    return _make


@pytest.fixture
def make_recon_case(app, make_agency):
    """A reconsideration case received through the operations (deadline computed), committed."""
    from datetime import date

    from casebook.reconsideration import operations

    def _make(received_on=date(2024, 9, 27), applicant="张三", agency=None, user=None, **kwargs):
        parties = kwargs.pop("parties", None) or [operations.PartyData(name=applicant)]
        case = operations.receive_case(
            user,
            parties,
            received_on=received_on,
            agency_id=(agency or make_agency()).id,
            act_category=kwargs.pop("act_category", "penalty"),
            **kwargs,
        )
        db.session.commit()
        return case

    return _make


@pytest.fixture
def make_association(app):
    from casebook.orgs.models import Association

    def _make(**kwargs):
        n = next(_counter)
        association = Association(
            code=kwargs.pop("code", f"X{n:03d}"), name=kwargs.pop("name", f"测试调解协会{n}"), **kwargs
        )
        db.session.add(association)
        db.session.commit()
        return association

    return _make


@pytest.fixture
def make_studio(app):
    from casebook.orgs.models import Studio

    def _make(committee, **kwargs):
        studio = Studio(
            name=kwargs.pop("name", f"金牌调解室{next(_counter)}"), committee_id=committee.id, **kwargs
        )
        db.session.add(studio)
        db.session.commit()
        return studio

    return _make


@pytest.fixture
def make_litigation_case(app, make_agency):
    """A litigation case registered through the operations (defence due date computed), committed."""
    from datetime import date

    from casebook.litigation import operations

    def _make(filed_on=date(2024, 9, 2), plaintiff="王五", agency=None, user=None, **kwargs):
        plaintiffs = kwargs.pop("plaintiffs", None) or [operations.PartyData(name=plaintiff)]
        if kwargs.get("defendant_kind") != "government":
            kwargs.setdefault("agency_id", (agency or make_agency()).id)
        case = operations.register_case(
            user,
            plaintiffs,
            court=kwargs.pop("court", "区人民法院"),
            court_case_no=kwargs.pop("court_case_no", f"（{filed_on.year}）赣0102行初{next(_counter)}号"),
            filed_on=filed_on,
            act_category=kwargs.pop("act_category", "penalty"),
            **kwargs,
        )
        db.session.commit()
        return case

    return _make
