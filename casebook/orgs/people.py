"""Every write to mediators, their committee seats and their specialities; never commits.

Rules: a mediator's resident ID and phone are validated (GB 11643, phonenumbers) and stored in canonical
form; a committee has one director (PML art 8 ¶2); experts (专家库) carry their specialities (dispute types).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from casebook.core.errors import DomainError
from casebook.core.personal import PersonalDataError, clean_phone, clean_resident_id
from casebook.extensions import db
from casebook.orgs.models import (
    Committee,
    CommitteeMembership,
    DisputeType,
    Employment,
    Gender,
    Mediator,
    MediatorSpeciality,
    Position,
)
from casebook.orgs.operations import (
    apply_values,
    check_code,
    check_dates,
    check_name,
    clean_text,
    insert_record,
    label,
    record_change,
)

POSITION_ORDER = {Position.DIRECTOR: 0, Position.DEPUTY: 1, Position.MEMBER: 2}


def _mediator_values(values: dict, mediator: Mediator | None) -> dict:
    values = dict(values)
    if "code" in values:
        values["code"] = check_code(Mediator, values["code"], mediator)
    if "name" in values:
        values["name"] = check_name(values["name"], 60)
    if "gender" in values:
        values["gender"] = clean_text(values["gender"])
        if values["gender"] is not None and values["gender"] not in {g.value for g in Gender}:
            raise DomainError(str(_l("Choose male or female.")), field="gender")
    if "employment" in values and values["employment"] not in {e.value for e in Employment}:
        raise DomainError(str(_l("Choose full-time or part-time.")), field="employment")
    for key, clean in (("id_number", clean_resident_id), ("phone", clean_phone)):
        if key in values:
            raw = clean_text(values[key])
            try:
                values[key] = clean(raw) if raw else None
            except PersonalDataError as error:
                raise DomainError(str(error), field=key) from None
    if values.get("id_number"):
        _check_id_number_unique(values["id_number"], mediator)
        gender = values.get("gender", mediator.gender if mediator is not None else None)
        _check_gender_matches(values["id_number"], gender)
    elif "gender" in values and mediator is not None and mediator.id_number and "id_number" not in values:
        _check_gender_matches(mediator.id_number, values["gender"])
    if "is_expert" in values:
        values["is_expert"] = bool(values["is_expert"])
    check_dates(values, mediator, "joined_on", "left_on")
    return values


def _check_id_number_unique(id_number: str, mediator: Mediator | None) -> None:
    query = select(Mediator.code).where(Mediator.id_number == id_number)
    if mediator is not None and mediator.id is not None:
        query = query.where(Mediator.id != mediator.id)
    other = db.session.scalar(query)
    if other is not None:
        raise DomainError(
            str(_l("Mediator %(code)s already has this ID number.", code=other)), field="id_number"
        )


def _check_gender_matches(id_number: str, gender: str | None) -> None:
    """GB 11643: the 17th digit of a resident ID is odd for men and even for women."""
    if gender is None or len(id_number) != 18:
        return
    id_gender = Gender.MALE if int(id_number[16]) % 2 else Gender.FEMALE
    if id_gender != gender:
        raise DomainError(
            str(
                _l(
                    "The 17th digit of this ID number is odd for men and even for women: it does not match "
                    "the gender chosen."
                )
            ),
            field="id_number",
        )


def create_mediator(
    values: dict,
    user=None,
    committee_ids: Iterable[int] = (),
    speciality_ids: Iterable[int] | None = None,
) -> Mediator:
    """A new mediator serving `committee_ids` (as members), with specialities when an expert."""
    mediator = insert_record(
        Mediator(**_mediator_values({"employment": Employment.PART_TIME, **values}, None)), user
    )
    for committee_id in committee_ids:
        add_member(_committee(committee_id), mediator, Position.MEMBER, user)
    if speciality_ids is not None:
        set_specialities(mediator, speciality_ids, user)
    return mediator


def update_mediator(
    mediator: Mediator, values: dict, user=None, speciality_ids: Iterable[int] | None = None
) -> bool:
    """Change a mediator's details and, when given, their specialities."""
    changed = apply_values(mediator, _mediator_values(values, mediator), user)
    if speciality_ids is not None:
        changed = set_specialities(mediator, speciality_ids, user) or changed
    elif not mediator.is_expert and mediator.specialities:
        changed = set_specialities(mediator, [], user) or changed
    return changed


def set_specialities(mediator: Mediator, dispute_type_ids: Iterable[int], user=None) -> bool:
    """An expert's specialities (dispute types); only experts in the pool have them."""
    wanted = set(dispute_type_ids)
    if wanted and not mediator.is_expert:
        raise DomainError(str(_l("Only experts in the pool have specialities.")), field="specialities")
    types = list(db.session.scalars(select(DisputeType).where(DisputeType.id.in_(wanted)))) if wanted else []
    if len(types) != len(wanted):
        raise DomainError(str(_l("Unknown dispute type.")), field="specialities")
    current = {t.id for t in mediator.specialities}
    if current == wanted:
        return False
    before = ", ".join(sorted(t.name_zh for t in mediator.specialities))
    db.session.execute(
        MediatorSpeciality.__table__.delete().where(MediatorSpeciality.mediator_id == mediator.id)
    )
    for type_id in sorted(wanted):
        db.session.add(MediatorSpeciality(mediator_id=mediator.id, dispute_type_id=type_id))
    db.session.flush()
    db.session.expire(mediator, ["specialities"])
    record_change(
        mediator, "changed", user, "specialities", before, ", ".join(sorted(t.name_zh for t in types))
    )
    return True


# ---------------------------------------------------------------- committee seats


def _committee(committee_id: int) -> Committee:
    committee = db.session.get(Committee, committee_id)
    if committee is None:
        raise DomainError(str(_l("This record does not exist.")), field="committees")
    return committee


def _check_one_director(committee: Committee, membership: CommitteeMembership | None = None) -> None:
    """PML art 8 ¶2: a committee has one director (主任)."""
    query = (
        select(Mediator)
        .join(CommitteeMembership, CommitteeMembership.mediator_id == Mediator.id)
        .where(
            CommitteeMembership.committee_id == committee.id,
            CommitteeMembership.position == Position.DIRECTOR,
        )
    )
    if membership is not None and membership.id is not None:
        query = query.where(CommitteeMembership.id != membership.id)
    director = db.session.scalar(query)
    if director is not None:
        raise DomainError(
            str(
                _l(
                    "%(name)s (%(code)s) is already the director of this committee; a committee has one "
                    "director. Change their position first.",
                    name=director.name,
                    code=director.code,
                )
            ),
            field="position",
        )


def add_member(committee: Committee, mediator: Mediator, position: str, user=None) -> CommitteeMembership:
    """Seat a mediator on a committee with a position (主任, 副主任, 委员)."""
    if position not in {p.value for p in Position}:
        raise DomainError(str(_l("Choose a position.")), field="position")
    existing = db.session.scalar(
        select(CommitteeMembership).where(
            CommitteeMembership.committee_id == committee.id, CommitteeMembership.mediator_id == mediator.id
        )
    )
    if existing is not None:
        raise DomainError(
            str(_l("%(name)s already serves this committee.", name=mediator.name)), field="mediator_code"
        )
    if position == Position.DIRECTOR:
        _check_one_director(committee)
    membership = CommitteeMembership(committee_id=committee.id, mediator_id=mediator.id, position=position)
    db.session.add(membership)
    db.session.flush()
    db.session.expire(committee, ["memberships"])
    db.session.expire(mediator, ["memberships"])
    record_change(committee, "member_added", user, "members", None, f"{label(mediator)} ({position})")
    record_change(mediator, "committee_joined", user, "committees", None, f"{label(committee)} ({position})")
    return membership


def change_position(membership: CommitteeMembership, position: str, user=None) -> bool:
    """Change a member's position; a second director is refused."""
    if position not in {p.value for p in Position}:
        raise DomainError(str(_l("Choose a position.")), field="position")
    if position == membership.position:
        return False
    if position == Position.DIRECTOR:
        _check_one_director(membership.committee, membership)
    before = membership.position
    membership.position = position
    db.session.flush()
    note = label(membership.mediator)
    record_change(membership.committee, "position_changed", user, "position", before, position, note=note)
    return True


def remove_member(membership: CommitteeMembership, user=None) -> None:
    """Take a mediator off a committee (the mediator record stays)."""
    committee, mediator = membership.committee, membership.mediator
    record_change(committee, "member_removed", user, "members", f"{label(mediator)} ({membership.position})")
    record_change(mediator, "committee_left", user, "committees", label(committee))
    db.session.delete(membership)
    db.session.flush()
    db.session.expire(committee, ["memberships"])
    db.session.expire(mediator, ["memberships"])


def set_committees(mediator: Mediator, committee_ids: Iterable[int], user=None) -> bool:
    """Make the mediator serve exactly these committees: new seats as members, kept seats keep their position."""
    wanted = list(dict.fromkeys(committee_ids))
    current = {m.committee_id: m for m in mediator.memberships}
    changed = False
    for committee_id, membership in current.items():
        if committee_id not in wanted:
            remove_member(membership, user)
            changed = True
    for committee_id in wanted:
        if committee_id not in current:
            add_member(_committee(committee_id), mediator, Position.MEMBER, user)
            changed = True
    return changed


def sorted_members(committee: Committee) -> list[CommitteeMembership]:
    """A committee's seats with their mediators (one query): director first, then deputies, then members."""
    seats = db.session.scalars(
        select(CommitteeMembership)
        .options(joinedload(CommitteeMembership.mediator))
        .where(CommitteeMembership.committee_id == committee.id)
    ).all()
    return sorted(seats, key=lambda m: (POSITION_ORDER[Position(m.position)], m.mediator.name))


def committee_rule_breaches(members: list[CommitteeMembership]) -> list[str]:
    """What a committee's serving members break of PML art 8 ¶2 (3 to 9 members, one director, a woman member):
    flagged on its page, never refused (a committee is recorded as it is)."""
    serving = [m for m in members if m.mediator.is_active]
    breaches = []
    if not 3 <= len(serving) <= 9:
        breaches.append(
            str(_l("A committee has 3 to 9 members (PML art 8); this one has %(n)s.", n=len(serving)))
        )
    directors = sum(m.position == Position.DIRECTOR for m in serving)
    if directors != 1:
        breaches.append(str(_l("A committee has one director (PML art 8); this one has %(n)s.", n=directors)))
    if len(serving) > 1 and not any(m.mediator.gender == Gender.FEMALE for m in serving):
        breaches.append(str(_l("A committee has a woman member (PML art 8); none is recorded.")))
    return breaches
