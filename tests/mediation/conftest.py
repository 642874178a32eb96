"""Fixtures of the mediation tests: a committee with a director and a mediator, and cases made by the operations."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from casebook.extensions import db
from casebook.mediation import operations
from casebook.mediation.operations import CaseInput, PartyInput
from casebook.orgs.models import DisputeType

VALID_ID = "11010519491231002X"  # GB 11643 example number (check digit X)
VALID_ID_2 = "360102198506121237"
VALID_CREDIT_CODE = "91110108551385082Q"


@pytest.fixture
def dispute_type_id(app):
    return db.session.scalar(select(DisputeType.id).where(DisputeType.code == "neighbour"))


@pytest.fixture
def team(make_committee, make_mediator, make_user):
    """A committee with its director and a mediator (each with an account) and a second, foreign committee."""

    class Team:
        committee = make_committee(name="城关镇人民调解委员会", short_name="城关")
        other_committee = make_committee(name="东河村人民调解委员会", short_name="东河")
        director_record = make_mediator(committees=[committee], position="director", name="王主任")
        mediator_record = make_mediator(committees=[committee], name="李调解")
        outsider_record = make_mediator(committees=[other_committee], name="赵外人")
        director = make_user("director", mediator=director_record, display_name="王主任")
        mediator = make_user("mediator", mediator=mediator_record, display_name="李调解")
        outsider = make_user("mediator", mediator=outsider_record, display_name="赵外人")

    return Team


@pytest.fixture
def case_input(team, dispute_type_id):
    """A callable giving the details of a neighbours' dispute registered in `team.committee`."""

    def _input(**kwargs) -> CaseInput:
        values = {
            "committee_id": team.committee.id,
            "dispute_type_id": dispute_type_id,
            "source": "application",
            "registered_on": date(2024, 3, 1),
            "summary": "邻里之间因排水沟堵塞发生纠纷",
            "mediator_ids": [team.mediator_record.id],
            "parties": [
                PartyInput(role="applicant", name="张三", id_number=VALID_ID, phone="13800138000"),
                PartyInput(role="respondent", name="李四", id_number=VALID_ID_2),
            ],
        }
        values.update(kwargs)
        return CaseInput(**values)

    return _input


@pytest.fixture
def register(team, case_input):
    """Register a case through the operations (as the team's mediator) and commit."""

    def _register(user=None, **kwargs):
        case = operations.register_case(user or team.mediator, case_input(**kwargs))
        db.session.commit()
        return case

    return _register
