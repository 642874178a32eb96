"""A small district with generated case registers, shared by the statistics tests."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from casebook.extensions import db
from casebook.orgs.models import DisputeType
from tests.stats.data import MedCase, RecCase, make_mediation_register, make_reconsideration_register


@dataclass
class District:
    areas: dict
    committees: list
    mediators: list
    agencies: list
    mediation: list[MedCase]
    reconsideration: list[RecCase]


@pytest.fixture
def district(make_area, make_committee, make_mediator, make_agency) -> District:
    """Areas (district → townships → a village), 3 committees, 5 mediators, 3 agencies and ~400 cases."""
    rng = random.Random(20231231)
    district = make_area(code="D", name="测试区", level="district")
    t1 = make_area(code="T1", name="东街道", level="township", parent_id=district.id)
    t2 = make_area(code="T2", name="西镇", level="township", parent_id=district.id)
    v1 = make_area(code="V1", name="东村", level="village", parent_id=t1.id)
    c1 = make_committee(code="C1", area_id=v1.id)
    c2 = make_committee(code="C2", area_id=t2.id, type="sector")
    c3 = make_committee(code="C3")
    m1 = make_mediator([c1], position="director", code="M1")
    m2 = make_mediator([c1], code="M2")
    m3 = make_mediator([c1, c2], code="M3")
    m4 = make_mediator([c2], position="director", code="M4")
    m5 = make_mediator([c3], code="M5")
    staff = {c1.id: [m1, m2, m3], c2.id: [m3, m4], c3.id: [m5]}
    types = list(db.session.scalars(select(DisputeType.id).order_by(DisputeType.id).limit(5)))
    agencies = [make_agency(code=f"G{i}") for i in range(1, 4)]
    return District(
        areas={"D": district, "T1": t1, "T2": t2, "V1": v1},
        committees=[c1, c2, c3],
        mediators=[m1, m2, m3, m4, m5],
        agencies=agencies,
        mediation=make_mediation_register(rng, [c1, c2, c3], staff, types, 260),
        reconsideration=make_reconsideration_register(rng, agencies, 160),
    )
