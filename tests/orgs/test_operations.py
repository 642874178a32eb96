"""The rules of the organisation writes: codes, the area tree, sectors, dates, one director, personal data,
specialities, deactivate-instead-of-delete, and the history every write leaves."""

from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.orgs import operations, people
from casebook.orgs.models import CommitteeMembership, DisputeType, Mediator, OrgChange

MALE_ID = "110101198001010010"
FEMALE_ID = "110101198505050024"


def changes(record, action=None):
    query = select(OrgChange).where(OrgChange.subject_id == record.id)
    if action:
        query = query.where(OrgChange.action == action)
    return list(db.session.scalars(query))


def refused(field, call, *args, **kwargs) -> str:
    """Call an operation that must refuse; return its (English) message after checking its field."""
    with force_locale("en"), pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    db.session.rollback()
    assert caught.value.field == field, caught.value.message
    return caught.value.message


# ---------------------------------------------------------------- codes and the area tree


def test_area_levels_follow_the_tree():
    district = operations.create_area({"code": "360999", "name": "云溪区"})
    township = operations.create_area({"code": "360999001", "name": "东湖街道", "parent_id": district.id})
    village = operations.create_area({"code": "360999001001", "name": "湖滨社区", "parent_id": township.id})
    assert (district.level, township.level, village.level) == ("district", "township", "village")
    message = refused(
        "parent_id", operations.create_area, {"code": "X1", "name": "x", "parent_id": village.id}
    )
    assert "cannot contain" in message


def test_an_area_with_children_cannot_change_level(make_area):
    district = operations.create_area({"code": "D1", "name": "区"})
    other = operations.create_area({"code": "D2", "name": "另一区"})
    township = operations.create_area({"code": "T1", "name": "镇", "parent_id": district.id})
    operations.create_area({"code": "V1", "name": "村", "parent_id": township.id})
    db.session.commit()
    refused("parent_id", operations.update_area, township, {"parent_id": None})
    assert operations.update_area(township, {"parent_id": other.id})  # same level: allowed
    assert township.parent.code == "D2"


def test_an_area_cannot_be_its_own_parent():
    township = operations.create_area({"code": "T1", "name": "镇"})
    db.session.commit()
    refused("parent_id", operations.update_area, township, {"parent_id": township.id})


@pytest.mark.parametrize("code", ["", "  ", "有中文", "a b", "-lead", "x" * 33])
def test_bad_codes_are_refused(code):
    refused("code", operations.create_agency, {"code": code, "name": "区测试局"})


def test_codes_are_unique_per_kind(make_committee, make_agency):
    make_committee(code="C1")
    make_agency(code="C1")  # another kind may use the same code
    message = refused("code", operations.create_committee, {"code": "C1", "name": "x", "type": "other"})
    assert "C1" in message


def test_agency_names_are_unique(make_agency):
    make_agency(name="区公安分局")
    refused("name", operations.create_agency, {"code": "G9", "name": "区公安分局"})


# ---------------------------------------------------------------- committees


def test_a_sector_committee_needs_its_sector_given_as_a_dispute_type():
    values = {"code": "S1", "name": "医疗纠纷人民调解委员会", "type": "sector"}
    refused("sector", operations.create_committee, values)
    message = refused("sector", operations.create_committee, {**values, "sector": "天文"})
    assert "天文" in message
    committee = operations.create_committee({**values, "sector": "医疗"})
    assert committee.sector == "medical"  # stored as the dispute type's stable code


def test_only_sector_committees_have_a_sector():
    refused(
        "sector",
        operations.create_committee,
        {"code": "V1", "name": "x", "type": "village_residents", "sector": "medical"},
    )


def test_dissolution_is_not_before_founding(make_committee):
    committee = make_committee(founded_on=date(2020, 5, 1))
    refused("dissolved_on", operations.update_committee, committee, {"dissolved_on": date(2020, 4, 30)})
    assert operations.update_committee(committee, {"dissolved_on": date(2020, 5, 1)})


def test_a_committee_dissolved_in_the_past_is_inactive_one_in_the_future_still_active(make_committee):
    committee = make_committee()
    operations.update_committee(committee, {"dissolved_on": date(2000, 1, 1)})
    assert committee.is_active is False
    operations.update_committee(committee, {"dissolved_on": date(2999, 1, 1)})
    assert committee.is_active is True


# ---------------------------------------------------------------- one director (PML art 9)


def test_a_committee_has_one_director(make_committee, make_mediator):
    committee = make_committee()
    first, second = make_mediator(name="甲"), make_mediator(name="乙")
    people.add_member(committee, first, "director")
    db.session.commit()
    message = refused("position", people.add_member, committee, second, "director")
    assert "甲" in message
    membership = people.add_member(committee, second, "deputy")
    db.session.commit()
    refused("position", people.change_position, membership, "director")
    people.change_position(db.session.get(CommitteeMembership, membership.id), "member")


def test_the_database_also_refuses_a_second_director(make_committee, make_mediator):
    committee = make_committee()
    a, b = make_mediator(), make_mediator()
    db.session.add_all(
        [
            CommitteeMembership(committee_id=committee.id, mediator_id=a.id, position="director"),
            CommitteeMembership(committee_id=committee.id, mediator_id=b.id, position="director"),
        ]
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_mediator_serves_a_committee_once(make_committee, make_mediator):
    committee = make_committee()
    mediator = make_mediator(committees=[committee])
    refused("mediator_code", people.add_member, committee, mediator, "member")


def test_set_committees_keeps_positions_and_removes_the_rest(make_committee, make_mediator):
    a, b, c = make_committee(), make_committee(), make_committee()
    mediator = make_mediator(committees=[a], position="director")
    people.add_member(b, mediator, "member")
    assert people.set_committees(mediator, [a.id, c.id])
    seats = {m.committee_id: m.position for m in db.session.scalars(select(CommitteeMembership))}
    assert seats == {a.id: "director", c.id: "member"}
    assert not people.set_committees(mediator, [c.id, a.id])


# ---------------------------------------------------------------- mediators' personal data


@pytest.mark.parametrize(
    "id_number, words",
    [
        ("11010119800101001", "18"),  # one character short
        ("110101198013010014", "birth date"),  # month 13
        ("110101198001010018", "check digit"),
        ("11010119800101001A", "17 digits"),
    ],
)
def test_a_bad_id_number_is_refused_saying_why(id_number, words):
    message = refused(
        "id_number", people.create_mediator, {"code": "M1", "name": "张三", "id_number": id_number}
    )
    assert words in message


def test_id_and_phone_are_stored_in_canonical_form():
    mediator = people.create_mediator(
        {"code": "M1", "name": "张三", "id_number": "11010119850505018x", "phone": "+86 139 1234 5678"}
    )
    assert mediator.id_number == "11010119850505018X"
    assert mediator.phone == "13912345678"


def test_a_bad_phone_is_refused():
    refused("phone", people.create_mediator, {"code": "M1", "name": "张三", "phone": "12345"})


def test_the_gender_must_match_the_id_number():
    message = refused(
        "id_number",
        people.create_mediator,
        {"code": "M1", "name": "张三", "gender": "female", "id_number": MALE_ID},
    )
    assert "17th digit" in message
    people.create_mediator({"code": "M2", "name": "李四", "gender": "male", "id_number": MALE_ID})


def test_two_mediators_cannot_share_an_id_number(make_mediator):
    make_mediator(code="M7", id_number=MALE_ID)
    message = refused("id_number", people.create_mediator, {"code": "M8", "name": "x", "id_number": MALE_ID})
    assert "M7" in message


def test_left_is_not_before_joined():
    refused(
        "left_on",
        people.create_mediator,
        {"code": "M1", "name": "x", "joined_on": date(2020, 1, 2), "left_on": date(2020, 1, 1)},
    )


def test_only_experts_have_specialities():
    medical = db.session.scalar(select(DisputeType.id).where(DisputeType.code == "medical"))
    refused("specialities", people.create_mediator, {"code": "M1", "name": "x"}, speciality_ids=[medical])
    expert = people.create_mediator({"code": "M2", "name": "y", "is_expert": True}, speciality_ids=[medical])
    assert [t.code for t in expert.specialities] == ["medical"]
    people.update_mediator(expert, {"is_expert": False})  # leaving the pool drops the specialities
    assert expert.specialities == []


# ---------------------------------------------------------------- deactivate rather than delete


def test_an_unreferenced_record_can_be_deleted(make_agency):
    agency = make_agency()
    operations.delete_record(agency)
    db.session.commit()
    assert db.session.get(type(agency), agency.id) is None


def test_a_referenced_record_can_only_be_deactivated(make_committee, make_mediator, make_area):
    area = make_area()
    committee = make_committee(area_id=area.id)
    make_mediator(committees=[committee])
    for record in (area, committee):
        message = refused(None, operations.delete_record, record)
        assert "deactivate" in message
    operations.deactivate(area)
    assert area.is_active is False
    operations.reactivate(area)
    assert area.is_active is True


def test_a_mediator_with_only_owned_rows_can_be_deleted():
    medical = db.session.scalar(select(DisputeType.id).where(DisputeType.code == "medical"))
    mediator = people.create_mediator(
        {"code": "M1", "name": "x", "is_expert": True}, speciality_ids=[medical]
    )
    operations.delete_record(mediator)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Mediator)) == 0


def test_a_mediator_linked_to_a_user_cannot_be_deleted(make_mediator, make_user):
    mediator = make_mediator()
    make_user("mediator", mediator=mediator)
    refused(None, operations.delete_record, mediator)


def test_dissolving_sets_the_date_and_is_refused_before_founding(make_committee):
    committee = make_committee(founded_on=date(2020, 1, 1))
    refused("dissolved_on", operations.deactivate, committee, on=date(2019, 12, 31))
    committee = db.session.get(type(committee), committee.id)
    operations.deactivate(committee, on=date(2024, 3, 1))
    assert committee.dissolved_on == date(2024, 3, 1)
    assert committee.is_active is False
    operations.reactivate(committee)
    assert committee.dissolved_on is None and committee.is_active


# ---------------------------------------------------------------- history


def test_every_write_leaves_history(make_user, make_committee):
    user = make_user("bureau")
    committee = operations.create_committee({"code": "C1", "name": "甲委员会", "type": "other"}, user)
    operations.update_committee(committee, {"name": "乙委员会", "code": "C1"}, user)
    mediator = people.create_mediator({"code": "M1", "name": "张三"}, user, committee_ids=[committee.id])
    db.session.commit()
    created, renamed = changes(committee, "created"), changes(committee, "changed")
    assert created[0].after == "C1 甲委员会" and created[0].user_id == user.id
    assert [(c.field, c.before, c.after) for c in renamed] == [("name", "甲委员会", "乙委员会")]
    assert changes(committee, "member_added")[0].after == "M1 张三 (member)"
    assert changes(mediator, "committee_joined")
    assert not operations.update_committee(committee, {"name": "乙委员会"}, user)  # nothing changed, no row
    assert len(changes(committee, "changed")) == 1


def test_dispute_types_keep_their_code():
    new = operations.create_dispute_type(
        {"code": "school_safety", "name_zh": "校园安全", "name_en": "School safety"}
    )
    assert new.position == 16
    operations.update_dispute_type(new, {"code": "renamed", "name_zh": "校园"})
    assert new.code == "school_safety"
    refused("code", operations.create_dispute_type, {"code": "Bad Code", "name_zh": "x", "name_en": "x"})
    refused("name_zh", operations.create_dispute_type, {"code": "dup", "name_zh": "医疗", "name_en": "x"})
