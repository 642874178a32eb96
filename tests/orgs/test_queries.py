"""The one scoping place (who sees which committees and mediators) and the as-of organisation counts."""

from datetime import date

import pytest

from casebook.extensions import db
from casebook.orgs.queries import (
    can_manage_members,
    organisation_counts,
    visible_committees,
    visible_mediators,
)


@pytest.fixture
def network(make_committee, make_mediator, make_user):
    """Two committees; a director of the first, a mediator of both, a mediator only of the second."""
    first, second = make_committee(code="C1"), make_committee(code="C2")
    director = make_mediator(code="M1", committees=[first], position="director")
    both = make_mediator(code="M2", committees=[first, second])
    only_second = make_mediator(code="M3", committees=[second])
    loner = make_mediator(code="M4")
    return {
        "first": first,
        "second": second,
        "director": director,
        "both": both,
        "only_second": only_second,
        "loner": loner,
        "users": {
            "admin": make_user("admin"),
            "bureau": make_user("bureau"),
            "reconsideration": make_user("reconsideration"),
            "director": make_user("director", mediator=director),
            "mediator": make_user("mediator", mediator=only_second),
            "unlinked": make_user("mediator"),
        },
    }


def codes(query) -> list[str]:
    return sorted(r.code for r in db.session.scalars(query))


@pytest.mark.parametrize(
    "role, committees, mediators",
    [
        ("admin", ["C1", "C2"], ["M1", "M2", "M3", "M4"]),
        ("bureau", ["C1", "C2"], ["M1", "M2", "M3", "M4"]),
        ("reconsideration", ["C1", "C2"], ["M1", "M2", "M3", "M4"]),
        ("director", ["C1"], ["M1", "M2"]),
        ("mediator", ["C2"], ["M2", "M3"]),
        ("unlinked", [], []),
    ],
)
def test_each_role_sees_its_committees_and_their_mediators(network, role, committees, mediators):
    user = network["users"][role]
    assert codes(visible_committees(user)) == committees
    assert codes(visible_mediators(user)) == mediators


@pytest.mark.parametrize(
    "role, first, second",
    [
        ("admin", True, True),
        ("bureau", True, True),
        ("reconsideration", False, False),
        ("director", True, False),
        ("mediator", False, False),
    ],
)
def test_who_manages_members(network, role, first, second):
    user = network["users"][role]
    assert can_manage_members(user, network["first"]) is first
    assert can_manage_members(user, network["second"]) is second


# ---------------------------------------------------------------- counts as of a day (domain.md §4)


def test_a_committee_counts_from_its_founding_day_until_the_day_before_dissolution(make_committee):
    make_committee(
        type="sector", sector="medical", founded_on=date(2020, 3, 1), dissolved_on=date(2023, 12, 31)
    )
    make_committee(founded_on=None)  # unknown founding: counted
    make_committee(founded_on=date(2024, 1, 1))  # founded after the day
    counts = {
        d: organisation_counts(d)
        for d in [date(2020, 2, 29), date(2020, 3, 1), date(2023, 12, 30), date(2023, 12, 31)]
    }
    assert [c.committees for c in counts.values()] == [1, 2, 2, 1]
    assert counts[date(2023, 12, 30)].sector_committees == 1
    assert counts[date(2023, 12, 31)].sector_committees == 0  # dissolved ON the day: no longer counted
    assert counts[date(2023, 12, 30)].committees_by_type == {
        "village_residents": 1,
        "township_street": 0,
        "enterprise": 0,
        "sector": 1,
        "other": 0,
    }


def test_mediators_count_by_joined_and_left_dates(make_mediator):
    make_mediator(
        employment="full_time", is_expert=True, joined_on=date(2020, 1, 1), left_on=date(2023, 6, 30)
    )
    make_mediator(employment="full_time", joined_on=date(2023, 6, 30))
    make_mediator(is_expert=True)
    before, on, after = (
        organisation_counts(d) for d in [date(2023, 6, 29), date(2023, 6, 30), date(2023, 7, 1)]
    )
    assert (before.mediators, before.full_time_mediators, before.experts, before.part_time_mediators) == (
        2,
        1,
        2,
        1,
    )
    assert (on.mediators, on.full_time_mediators, on.experts) == (2, 1, 1)
    assert (after.mediators, after.full_time_mediators, after.experts) == (2, 1, 1)


def test_associations_count_as_of_the_day(make_association):
    make_association(founded_on=date(2012, 5, 8))
    make_association(founded_on=date(2010, 1, 1), dissolved_on=date(2015, 1, 1))
    assert organisation_counts(date(2012, 5, 7)).associations == 1
    assert organisation_counts(date(2014, 12, 31)).associations == 2
    assert organisation_counts(date(2015, 1, 1)).associations == 1


def test_committees_by_township_roll_villages_up(make_area, make_committee):
    district = make_area(code="D", level="district")
    east = make_area(code="T1", name="东湖街道", level="township", parent_id=district.id)
    west = make_area(code="T2", name="西山街道", level="township", parent_id=district.id)
    village = make_area(code="V1", level="village", parent_id=east.id)
    make_committee(area_id=east.id)
    make_committee(area_id=village.id)
    make_committee(area_id=west.id)
    make_committee(area_id=district.id)
    make_committee()
    rows = {row.code: row.committees for row in organisation_counts(date(2030, 1, 1)).committees_by_area}
    assert rows == {"D": 1, "T1": 2, "T2": 1, None: 1}
    in_east = organisation_counts(date(2030, 1, 1), area_id=east.id)
    assert in_east.committees == 2


def test_counts_follow_the_users_scope(network):
    director = network["users"]["director"]
    counts = organisation_counts(date(2030, 1, 1), director)
    assert (counts.committees, counts.mediators) == (1, 2)
    everything = organisation_counts(date(2030, 1, 1), network["users"]["bureau"])
    assert (everything.committees, everything.mediators) == (2, 4)
    assert organisation_counts(date(2030, 1, 1), network["users"]["unlinked"]).committees == 0


def test_the_area_subtree_filters_a_query_that_selects_areas_itself(make_area):
    from sqlalchemy import select

    from casebook.orgs.models import Area
    from casebook.orgs.queries import area_subtree_ids

    district = make_area(code="D", level="district")
    township = make_area(code="T", level="township", parent_id=district.id)
    make_area(code="V", level="village", parent_id=township.id)
    make_area(code="X", level="district")
    query = select(Area.code).where(Area.id.in_(area_subtree_ids(district.id))).order_by(Area.code)
    assert list(db.session.scalars(query)) == ["D", "T", "V"]
    correlated = select(Area.code).where(Area.id.in_(area_subtree_ids(township.id)), Area.level == "village")
    assert list(db.session.scalars(correlated)) == ["V"]
