"""Every write to areas, associations, committees, studios, agencies and dispute types.

Each operation checks the rules, changes the objects, flushes and writes `OrgChange` rows; none commits.
Mediators and committee memberships are in `casebook.orgs.people`. Values come as dicts keyed by the
model's attribute names (forms, API bodies and import rows all reduce to these).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.orgs.models import (
    Agency,
    AgencyKind,
    Area,
    AreaLevel,
    Association,
    Committee,
    CommitteeMembership,
    CommitteeType,
    DisputeType,
    Mediator,
    MediatorSpeciality,
    OrgChange,
    OrgRecord,
    Studio,
)

SUBJECT_TYPES: dict[type, OrgRecord] = {
    Area: OrgRecord.AREA,
    Association: OrgRecord.ASSOCIATION,
    Committee: OrgRecord.COMMITTEE,
    Mediator: OrgRecord.MEDIATOR,
    Studio: OrgRecord.STUDIO,
    Agency: OrgRecord.AGENCY,
    DisputeType: OrgRecord.DISPUTE_TYPE,
}

# Records that end on a date (dissolved, left) rather than by a flag; the counts follow these dates.
END_DATES = {Association: "dissolved_on", Committee: "dissolved_on", Mediator: "left_on"}
START_DATES = {Association: "founded_on", Committee: "founded_on", Mediator: "joined_on"}
CODE_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.\-]*$")


# ---------------------------------------------------------------- history and shared helpers


def display(value: Any) -> str | None:
    """A value as history shows it."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record_change(
    record, action: str, user=None, field: str | None = None, before=None, after=None, note: str | None = None
) -> None:
    """Write one history row about `record` (the caller has flushed so that it has an id)."""
    db.session.add(
        OrgChange(
            subject_type=SUBJECT_TYPES[type(record)],
            subject_id=record.id,
            action=action,
            field=field,
            before=display(before),
            after=display(after),
            note=note,
            user_id=getattr(user, "id", None),
        )
    )


def apply_values(record, values: dict[str, Any], user) -> bool:
    """Set each attribute that differs and record it; True when anything changed."""
    changed = False
    for name, value in values.items():
        before = getattr(record, name)
        if before != value:
            setattr(record, name, value)
            record_change(record, "changed", user, name, before, value)
            changed = True
    if changed:
        sync_active_flag(record)
        db.session.flush()
        db.session.expire(record)  # relationships follow changed foreign keys
    return changed


def sync_active_flag(record) -> None:
    """A dated record is active until its end date (dissolved, left) has come."""
    end_attr = END_DATES.get(type(record))
    if end_attr is not None:
        end = getattr(record, end_attr)
        record.is_active = end is None or end > today()


def clean_text(value: Any, max_length: int | None = None) -> str | None:
    """Stripped text, None when empty."""
    if value is None:
        return None
    text = str(value).strip()
    if max_length is not None and len(text) > max_length:
        raise DomainError(str(_l("At most %(n)s characters.", n=max_length)))
    return text or None


def check_code(model, code: Any, record=None, max_length: int = 32) -> str:
    """A present, well-formed code no other record of `model` has."""
    code = clean_text(code)
    if not code:
        raise DomainError(str(_l("Enter a code.")), field="code")
    if len(code) > max_length:
        raise DomainError(str(_l("A code has at most %(n)s characters.", n=max_length)), field="code")
    if not CODE_PATTERN.match(code):
        raise DomainError(
            str(_l("A code uses letters, digits, '-', '_' and '.', and starts with a letter or digit.")),
            field="code",
        )
    query = select(model.id).where(model.code == code)
    if record is not None and record.id is not None:
        query = query.where(model.id != record.id)
    if db.session.scalar(query) is not None:
        raise DomainError(str(_l("Another record already has the code %(code)s.", code=code)), field="code")
    return code


def check_name(value: Any, max_length: int, field: str = "name") -> str:
    """A present name of at most `max_length` characters."""
    name = clean_text(value)
    if not name:
        raise DomainError(str(_l("Enter a name.")), field=field)
    if len(name) > max_length:
        raise DomainError(str(_l("At most %(n)s characters.", n=max_length)), field=field)
    return name


def optional_text(values: dict, key: str, max_length: int) -> None:
    """Normalise an optional text value in place (stripped, None when empty, length checked)."""
    if key in values:
        try:
            values[key] = clean_text(values[key], max_length)
        except DomainError as error:
            raise DomainError(error.message, field=key) from None


def check_dates(values: dict, record, start: str, end: str) -> None:
    """The end date (dissolved, left) is not before the start date (founded, joined)."""
    start_value = values.get(start, getattr(record, start, None) if record is not None else None)
    end_value = values.get(end, getattr(record, end, None) if record is not None else None)
    if start_value is not None and end_value is not None and end_value < start_value:
        raise DomainError(str(_l("This date is before the start date.")), field=end)


def _exists(model, record_id: int | None, field: str) -> None:
    if record_id is not None and db.session.get(model, record_id) is None:
        raise DomainError(str(_l("This record does not exist.")), field=field)


def label(record) -> str:
    """'code name' of any organisation record."""
    name = getattr(record, "name", None) or getattr(record, "name_zh", "")
    return f"{getattr(record, 'code', '') or ''} {name}".strip()


def insert_record(record, user) -> Any:
    """Add a new record, flush it and record its creation."""
    sync_active_flag(record)
    db.session.add(record)
    db.session.flush()
    record_change(record, "created", user, after=label(record))
    return record


# ---------------------------------------------------------------- areas


def level_under(parent: Area | None) -> str:
    """An area's level follows from its parent: none → district, district → township, township → village."""
    if parent is None:
        return AreaLevel.DISTRICT
    if parent.level == AreaLevel.DISTRICT:
        return AreaLevel.TOWNSHIP
    if parent.level == AreaLevel.TOWNSHIP:
        return AreaLevel.VILLAGE
    raise DomainError(
        str(_l("A village or community cannot contain other areas: choose a township or the district.")),
        field="parent_id",
    )


def _area_values(values: dict, area: Area | None) -> dict:
    values = dict(values)
    if "code" in values:
        values["code"] = check_code(Area, values["code"], area)
    if "name" in values:
        values["name"] = check_name(values["name"], 100)
    if "parent_id" in values:
        parent = db.session.get(Area, values["parent_id"]) if values["parent_id"] is not None else None
        if values["parent_id"] is not None and parent is None:
            raise DomainError(str(_l("This record does not exist.")), field="parent_id")
        if area is not None and parent is not None and parent.id == area.id:
            raise DomainError(str(_l("An area cannot be part of itself.")), field="parent_id")
        level = level_under(parent)
        if area is not None and area.id is not None and level != area.level and area.children:
            raise DomainError(
                str(_l("This area has areas under it, so it cannot move to another level.")),
                field="parent_id",
            )
        values["level"] = level
    return values


def create_area(values: dict, user=None) -> Area:
    """A new area under `parent_id` (none: a district)."""
    values = _area_values({"parent_id": None, **values}, None)
    return insert_record(Area(**values), user)


def update_area(area: Area, values: dict, user=None) -> bool:
    """Change an area's code, name or parent."""
    return apply_values(area, _area_values(values, area), user)


# ---------------------------------------------------------------- associations


def _association_values(values: dict, association: Association | None) -> dict:
    values = dict(values)
    if "code" in values:
        values["code"] = check_code(Association, values["code"], association)
    if "name" in values:
        values["name"] = check_name(values["name"], 120)
    optional_text(values, "address", 200)
    _exists(Area, values.get("area_id"), "area_id")
    check_dates(values, association, "founded_on", "dissolved_on")
    return values


def create_association(values: dict, user=None) -> Association:
    """A new mediation association (人民调解协会)."""
    return insert_record(Association(**_association_values(values, None)), user)


def update_association(association: Association, values: dict, user=None) -> bool:
    """Change an association."""
    return apply_values(association, _association_values(values, association), user)


# ---------------------------------------------------------------- committees


def sector_code(value: Any) -> str | None:
    """A committee's sector is a dispute type, given by its code or Chinese name; returns the code."""
    text = clean_text(value)
    if not text:
        return None
    code = db.session.scalar(
        select(DisputeType.code).where((DisputeType.code == text) | (DisputeType.name_zh == text))
    )
    if code is None:
        raise DomainError(
            str(_l("Unknown sector %(value)s: use a dispute type such as 医疗 or 道路交通事故.", value=text)),
            field="sector",
        )
    return code


def _committee_values(values: dict, committee: Committee | None) -> dict:
    values = dict(values)
    if "code" in values:
        values["code"] = check_code(Committee, values["code"], committee)
    if "name" in values:
        values["name"] = check_name(values["name"], 120)
    optional_text(values, "short_name", 40)
    optional_text(values, "address", 200)
    if "type" in values and values["type"] not in {t.value for t in CommitteeType}:
        raise DomainError(str(_l("Choose a committee type.")), field="type")
    if "sector" in values:
        values["sector"] = sector_code(values["sector"])
    type_ = values.get("type", committee.type if committee is not None else None)
    sector = values.get("sector", committee.sector if committee is not None else None)
    if type_ == CommitteeType.SECTOR and not sector:
        raise DomainError(
            str(_l("A sector/professional committee needs its sector (e.g. medical, traffic).")),
            field="sector",
        )
    if type_ != CommitteeType.SECTOR and sector:
        raise DomainError(str(_l("Only sector/professional committees have a sector.")), field="sector")
    _exists(Area, values.get("area_id"), "area_id")
    _exists(Association, values.get("association_id"), "association_id")
    check_dates(values, committee, "founded_on", "dissolved_on")
    return values


def create_committee(values: dict, user=None) -> Committee:
    """A new mediation committee (人民调解委员会)."""
    return insert_record(Committee(**_committee_values(values, None)), user)


def update_committee(committee: Committee, values: dict, user=None) -> bool:
    """Change a committee's details (members: see casebook.orgs.people)."""
    return apply_values(committee, _committee_values(values, committee), user)


# ---------------------------------------------------------------- studios


def _studio_values(values: dict, studio: Studio | None) -> dict:
    values = dict(values)
    if "name" in values:
        values["name"] = check_name(values["name"], 120)
    optional_text(values, "address", 200)
    committee_id = values.get("committee_id", studio.committee_id if studio is not None else None)
    if committee_id is None or db.session.get(Committee, committee_id) is None:
        raise DomainError(str(_l("Choose the committee the studio belongs to.")), field="committee_id")
    lead_id = values.get("lead_mediator_id", studio.lead_mediator_id if studio is not None else None)
    if lead_id is not None:
        serves = db.session.scalar(
            select(func.count()).where(
                CommitteeMembership.committee_id == committee_id, CommitteeMembership.mediator_id == lead_id
            )
        )
        if not serves:
            raise DomainError(
                str(_l("The lead mediator must serve the studio's committee.")), field="lead_mediator_id"
            )
    return values


def create_studio(values: dict, user=None) -> Studio:
    """A named mediation studio (e.g. 金牌调解室) of a committee."""
    return insert_record(Studio(**_studio_values(values, None)), user)


def update_studio(studio: Studio, values: dict, user=None) -> bool:
    """Change a studio."""
    return apply_values(studio, _studio_values(values, studio), user)


# ---------------------------------------------------------------- agencies


def _agency_values(values: dict, agency: Agency | None) -> dict:
    values = dict(values)
    if "code" in values:
        values["code"] = check_code(Agency, values["code"], agency)
    if "name" in values:
        values["name"] = check_name(values["name"], 120)
        query = select(Agency.id).where(Agency.name == values["name"])
        if agency is not None and agency.id is not None:
            query = query.where(Agency.id != agency.id)
        if db.session.scalar(query) is not None:
            raise DomainError(str(_l("Another agency already has this name.")), field="name")
    if "kind" in values and values["kind"] not in {k.value for k in AgencyKind}:
        raise DomainError(str(_l("Choose a kind.")), field="kind")
    return values


def create_agency(values: dict, user=None) -> Agency:
    """A department or township that can be a respondent (被申请人) in reconsideration."""
    return insert_record(Agency(**_agency_values({"kind": AgencyKind.DEPARTMENT, **values}, None)), user)


def update_agency(agency: Agency, values: dict, user=None) -> bool:
    """Change an agency."""
    return apply_values(agency, _agency_values(values, agency), user)


# ---------------------------------------------------------------- dispute types (domain.md §3.3)

DISPUTE_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def _dispute_type_values(values: dict, dispute_type: DisputeType | None) -> dict:
    values = dict(values)
    if "name_zh" in values:
        values["name_zh"] = check_name(values["name_zh"], 40, field="name_zh")
        query = select(DisputeType.id).where(DisputeType.name_zh == values["name_zh"])
        if dispute_type is not None:
            query = query.where(DisputeType.id != dispute_type.id)
        if db.session.scalar(query) is not None:
            raise DomainError(str(_l("Another dispute type already has this name.")), field="name_zh")
    if "name_en" in values:
        values["name_en"] = check_name(values["name_en"], 60, field="name_en")
    return values


def create_dispute_type(values: dict, user=None) -> DisputeType:
    """A new dispute type with a stable code (lower-case letters, digits, '_'); it is never renamed."""
    code = clean_text(values.get("code")) or ""
    if not DISPUTE_CODE.match(code) or len(code) > 32:
        raise DomainError(
            str(_l("A code uses lower-case letters, digits and '_' (at most 32), e.g. school_safety.")),
            field="code",
        )
    if db.session.scalar(select(DisputeType.id).where(DisputeType.code == code)) is not None:
        raise DomainError(str(_l("Another record already has the code %(code)s.", code=code)), field="code")
    values = _dispute_type_values({**values, "code": code}, None)
    if values.get("position") is None:
        values["position"] = (db.session.scalar(select(func.max(DisputeType.position))) or 0) + 1
    record = DisputeType(**values)
    db.session.add(record)
    db.session.flush()
    record_change(record, "created", user, after=label(record))
    return record


def update_dispute_type(dispute_type: DisputeType, values: dict, user=None) -> bool:
    """Rename a dispute type or move it in the list; its code stays."""
    values.pop("code", None)
    return apply_values(dispute_type, _dispute_type_values(values, dispute_type), user)


# ---------------------------------------------------------------- deactivate, reactivate, delete


def deactivate(record, user=None, on: date | None = None) -> None:
    """Take a record out of use. Associations and committees are dissolved and mediators leave on a date
    (they keep counting until that day); other records are simply marked inactive."""
    end_attr = END_DATES.get(type(record))
    if end_attr is None:
        if record.is_active:
            record.is_active = False
            record_change(record, "deactivated", user, "is_active", True, False)
        db.session.flush()
        return
    on = on or today()
    start = getattr(record, START_DATES[type(record)])
    if start is not None and on < start:
        raise DomainError(str(_l("This date is before the start date.")), field=end_attr)
    apply_values(record, {end_attr: on}, user)
    sync_active_flag(record)
    db.session.flush()


def reactivate(record, user=None) -> None:
    """Put a record back into use (clears the end date of dated records)."""
    end_attr = END_DATES.get(type(record))
    if end_attr is not None:
        apply_values(record, {end_attr: None}, user)
    if not record.is_active:
        record.is_active = True
        record_change(record, "reactivated", user, "is_active", False, True)
    db.session.flush()


def delete_record(record, user=None) -> None:
    """Delete a record nothing refers to; once anything does, it can only be deactivated."""
    from casebook.orgs.queries import reference_count

    if reference_count(record):
        raise DomainError(str(_l("Other records refer to this one, so it cannot be deleted: deactivate it.")))
    if isinstance(record, Mediator):
        db.session.execute(
            MediatorSpeciality.__table__.delete().where(MediatorSpeciality.mediator_id == record.id)
        )
    record_change(record, "deleted", user, before=label(record))
    db.session.delete(record)
    db.session.flush()
