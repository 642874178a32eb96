"""Spreadsheet imports of areas, committees, mediators and agencies (interchange.md), matched by `code`.

Rows are checked against the database in `check_row` (every mistake reported with its row and column) and
written through the area's operations (so every change has its history row). On re-import an empty optional
cell leaves the stored value as it is; a changed cell updates it.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casebook.core.errors import DomainError
from casebook.core.permissions import Permission
from casebook.core.personal import PersonalDataError, clean_phone, clean_resident_id
from casebook.extensions import db
from casebook.imports import Column, ImportContext, ImportSpec, RowError, RowErrors, parsers, register_spec
from casebook.orgs import operations, people
from casebook.orgs.models import (
    COMMITTEE_TYPE_IMPORT_NAMES,
    Agency,
    AgencyKind,
    Area,
    AreaLevel,
    Committee,
    CommitteeType,
    DisputeType,
    Employment,
    Gender,
    Mediator,
)

# Operation fields -> the import column that carries them (for messages beside the right header).
FIELD_COLUMNS = {"parent_id": "parent_code", "area_id": "area_code", "specialities": "specialities"}


def _row_error(error: DomainError, default: str) -> RowError:
    field = FIELD_COLUMNS.get(error.field or "", error.field) or default
    return RowError(field, error.message)


def _code(raw: Any, ctx: ImportContext) -> str:
    """A record code: letters, digits, '-', '_', '.'."""
    code = parsers.text(raw)
    if len(code) > 32 or not operations.CODE_PATTERN.match(code):
        raise ValueError(_("%(value)s is not a valid code (letters, digits, '-', '_', '.').", value=code))
    return code


def _limited(max_length: int):
    def parse(raw: Any, ctx: ImportContext) -> str:
        value = parsers.text(raw)
        if len(value) > max_length:
            raise ValueError(_("At most %(n)s characters.", n=max_length))
        return value

    return parse


def _changes(values: dict, keys: list[str]) -> dict:
    """The values to write: the non-empty cells (an empty optional cell leaves a stored value as it is)."""
    return {key: values[key] for key in keys if values.get(key) is not None}


def _apply(record, create, update, data: dict, ctx: ImportContext, default_column: str, cache: dict) -> str:
    try:
        if record is None:
            record = create(data, ctx.user)
            cache[record.code] = record
            return "created"
        return "updated" if update(record, data, ctx.user) else "unchanged"
    except DomainError as error:
        raise _row_error(error, default_column) from None


# ---------------------------------------------------------------- areas


def _areas_prepare(ctx: ImportContext) -> None:
    areas = {a.code: a for a in db.session.scalars(select(Area))}
    ctx.cache["areas"] = areas
    ctx.cache["levels"] = {code: area.level for code, area in areas.items()}


def _areas_check(values: dict, ctx: ImportContext) -> None:
    parent_code = values.get("parent_code")
    if parent_code is None:
        level = AreaLevel.DISTRICT
        existing = ctx.cache["areas"].get(values["code"])
        if existing is not None and existing.parent_id is not None:
            level = existing.level  # an empty cell leaves the parent as it is
    else:
        if parent_code == values["code"]:
            raise RowError("parent_code", _("An area cannot be part of itself."))
        parent_level = ctx.cache["levels"].get(parent_code)
        if parent_level is None:
            raise RowError(
                "parent_code",
                _(
                    "No area has the code %(code)s (it must exist or come in an earlier row).",
                    code=parent_code,
                ),
            )
        if parent_level == AreaLevel.VILLAGE:
            raise RowError("parent_code", _("A village or community cannot contain other areas."))
        level = AreaLevel.TOWNSHIP if parent_level == AreaLevel.DISTRICT else AreaLevel.VILLAGE
    ctx.cache["levels"][values["code"]] = level


def _areas_apply(values: dict, ctx: ImportContext) -> str:
    areas = ctx.cache["areas"]
    area = areas.get(values["code"])
    data: dict[str, Any] = {"code": values["code"], "name": values["name"]}
    if values.get("parent_code") is not None:
        data["parent_id"] = areas[values["parent_code"]].id
    elif area is None:
        data["parent_id"] = None
    return _apply(area, operations.create_area, operations.update_area, data, ctx, "code", areas)


AREAS = register_spec(
    ImportSpec(
        kind="areas",
        label=_l("Areas"),
        columns=[
            Column(
                "code", "区划代码", True, _code, _l("Unique; the administrative division code."), "360999001"
            ),
            Column("name", "名称", True, _limited(100), _l("Name of the area."), "东湖街道"),
            Column(
                "parent_code",
                "上级区划代码",
                False,
                _code,
                _l("Code of the area it belongs to; empty for the district itself."),
                "360999",
            ),
        ],
        key="code",
        permission=Permission.MANAGE_ORGS,
        prepare=_areas_prepare,
        check_row=_areas_check,
        apply_row=_areas_apply,
    )
)


# ---------------------------------------------------------------- committees

COMMITTEE_TYPES = {
    **COMMITTEE_TYPE_IMPORT_NAMES,
    "村/居": CommitteeType.VILLAGE_RESIDENTS,
    "乡镇/街道": CommitteeType.TOWNSHIP_STREET,
    "行业性、专业性": CommitteeType.SECTOR,
    **{t.value: t for t in CommitteeType},
}


def _committees_prepare(ctx: ImportContext) -> None:
    ctx.cache["committees"] = {c.code: c for c in db.session.scalars(select(Committee))}
    ctx.cache["area_ids"] = dict(db.session.execute(select(Area.code, Area.id)).all())
    types = db.session.execute(select(DisputeType.code, DisputeType.name_zh)).all()
    ctx.cache["sectors"] = {**{code: code for code, _zh in types}, **{zh: code for code, zh in types}}


def _committees_check(values: dict, ctx: ImportContext) -> None:
    errors = []
    existing = ctx.cache["committees"].get(values["code"])
    if values.get("area_code") is not None and values["area_code"] not in ctx.cache["area_ids"]:
        errors.append(RowError("area_code", _("No area has the code %(code)s.", code=values["area_code"])))
    sector = values.get("sector")
    if sector is not None:
        if sector not in ctx.cache["sectors"]:
            errors.append(
                RowError(
                    "sector",
                    _(
                        "Unknown sector %(value)s: use a dispute type such as 医疗 or 道路交通事故.",
                        value=sector,
                    ),
                )
            )
        elif values["type"] != CommitteeType.SECTOR:
            errors.append(RowError("sector", _("Only sector/professional committees have a sector.")))
    elif values["type"] == CommitteeType.SECTOR and not (existing is not None and existing.sector):
        errors.append(
            RowError("sector", _("A sector/professional committee needs its sector (e.g. medical, traffic)."))
        )
    founded = values.get("founded_on") or (existing.founded_on if existing is not None else None)
    if values.get("dissolved_on") and founded and values["dissolved_on"] < founded:
        errors.append(RowError("dissolved_on", _("This date is before the start date.")))
    if errors:
        raise RowErrors(errors)


def _committees_apply(values: dict, ctx: ImportContext) -> str:
    committees = ctx.cache["committees"]
    committee = committees.get(values["code"])
    data = _changes(values, ["code", "name", "type", "short_name", "address", "founded_on", "dissolved_on"])
    if values.get("sector") is not None:
        data["sector"] = ctx.cache["sectors"][values["sector"]]
    elif committee is not None and values["type"] != CommitteeType.SECTOR and committee.sector:
        data["sector"] = None  # no longer a sector committee
    if values.get("area_code") is not None:
        data["area_id"] = ctx.cache["area_ids"][values["area_code"]]
    return _apply(
        committee, operations.create_committee, operations.update_committee, data, ctx, "code", committees
    )


COMMITTEES = register_spec(
    ImportSpec(
        kind="committees",
        label=_l("Mediation committees"),
        columns=[
            Column("code", "调委会编码", True, _code, _l("Unique code of the committee."), "C0001"),
            Column("name", "调委会名称", True, _limited(120), _l("Full name."), "东湖街道人民调解委员会"),
            Column(
                "type",
                "类型",
                True,
                parsers.choice(COMMITTEE_TYPES),
                _l("村居 / 乡镇街道 / 企事业单位 / 行业性专业性 / 其他"),
                "乡镇街道",
            ),
            Column("area_code", "所属区划", False, _code, _l("Code of an area."), "360999001"),
            Column(
                "sector",
                "行业领域",
                False,
                parsers.text,
                _l(
                    "For sector/professional committees: a dispute type such as 医疗, 道路交通事故, 劳动争议."
                ),
                "",
            ),
            Column("founded_on", "成立日期", False, parsers.date, _l("Date, e.g. 2015-03-01."), "2015-03-01"),
            Column("dissolved_on", "撤销日期", False, parsers.date, _l("Date; counted until this date."), ""),
            Column("short_name", "简称", False, _limited(40), _l("Short name used in case numbers."), "东湖"),
            Column("address", "地址", False, _limited(200), _l("Address."), ""),
        ],
        key="code",
        permission=Permission.MANAGE_ORGS,
        prepare=_committees_prepare,
        check_row=_committees_check,
        apply_row=_committees_apply,
    )
)


# ---------------------------------------------------------------- mediators

EMPLOYMENTS = {"专职": Employment.FULL_TIME, "兼职": Employment.PART_TIME, "full-time": Employment.FULL_TIME,
               "part-time": Employment.PART_TIME, **{e.value: e for e in Employment}}  # fmt: skip
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE, **{g.value: g for g in Gender}}


def _id_number(raw: Any, ctx: ImportContext) -> str:
    """A resident ID number; Excel turns a long number into a rounded one unless the cell is text."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise ValueError(
            _("Excel stored this ID number as a number and may have changed it: format the column as text.")
        )
    try:
        return clean_resident_id(parsers.text(raw))
    except PersonalDataError as error:
        raise ValueError(str(error)) from None


def _phone(raw: Any, ctx: ImportContext) -> str:
    try:
        return clean_phone(parsers.text(raw))
    except PersonalDataError as error:
        raise ValueError(str(error)) from None


def _mediators_prepare(ctx: ImportContext) -> None:
    ctx.cache["mediators"] = {m.code: m for m in db.session.scalars(select(Mediator))}
    ctx.cache["committee_ids"] = dict(db.session.execute(select(Committee.code, Committee.id)).all())
    ctx.cache["id_numbers"] = {m.id_number: m.code for m in ctx.cache["mediators"].values() if m.id_number}
    types = db.session.execute(select(DisputeType.id, DisputeType.code, DisputeType.name_zh)).all()
    ctx.cache["types"] = {**{code: id_ for id_, code, _zh in types}, **{zh: id_ for id_, _code, zh in types}}


def _mediators_check(values: dict, ctx: ImportContext) -> None:
    errors = []
    unknown = [code for code in values["committees"] if code not in ctx.cache["committee_ids"]]
    if unknown:
        errors.append(
            RowError("committees", _("No committee has the code %(code)s.", code="、".join(unknown)))
        )
    if not values["committees"]:
        errors.append(RowError("committees", _("Name at least one committee.")))
    id_number = values.get("id_number")
    if id_number:
        other = ctx.cache["id_numbers"].get(id_number)
        if other is not None and other != values["code"]:
            errors.append(
                RowError("id_number", _("Mediator %(code)s already has this ID number.", code=other))
            )
        ctx.cache["id_numbers"][id_number] = values["code"]
        gender = values.get("gender")
        if gender is not None and (Gender.MALE if int(id_number[16]) % 2 else Gender.FEMALE) != gender:
            errors.append(
                RowError(
                    "id_number",
                    _(
                        "The 17th digit of this ID number is odd for men and even for women: it does not match "
                        "the gender chosen."
                    ),
                )
            )
    unknown_types = [t for t in values.get("specialities") or [] if t not in ctx.cache["types"]]
    if unknown_types:
        errors.append(
            RowError("specialities", _("Unknown dispute type %(value)s.", value="、".join(unknown_types)))
        )
    existing = ctx.cache["mediators"].get(values["code"])
    expert = values["expert"] if values.get("expert") is not None else bool(existing and existing.is_expert)
    if values.get("specialities") and not expert:
        errors.append(RowError("specialities", _("Only experts in the pool have specialities.")))
    joined = values.get("joined_on") or (existing.joined_on if existing is not None else None)
    if values.get("left_on") and joined and values["left_on"] < joined:
        errors.append(RowError("left_on", _("This date is before the start date.")))
    if errors:
        raise RowErrors(errors)


def _mediators_apply(values: dict, ctx: ImportContext) -> str:
    mediators = ctx.cache["mediators"]
    mediator = mediators.get(values["code"])
    keys = ["code", "name", "employment", "gender", "id_number", "phone", "joined_on", "left_on"]
    data = _changes(values, keys)
    if values.get("expert") is not None:
        data["is_expert"] = values["expert"]
    committee_ids = [ctx.cache["committee_ids"][code] for code in values["committees"]]
    specialities = None
    if values.get("specialities") is not None:
        specialities = [ctx.cache["types"][t] for t in values["specialities"]]
    try:
        if mediator is None:
            mediator = people.create_mediator(data, ctx.user, committee_ids, specialities)
            mediators[mediator.code] = mediator
            return "created"
        changed = people.update_mediator(mediator, data, ctx.user, specialities)
        changed = people.set_committees(mediator, committee_ids, ctx.user) or changed
        return "updated" if changed else "unchanged"
    except DomainError as error:
        raise _row_error(error, "code") from None


MEDIATORS = register_spec(
    ImportSpec(
        kind="mediators",
        label=_l("Mediators"),
        columns=[
            Column("code", "调解员编码", True, _code, _l("Unique code of the mediator."), "M00001"),
            Column("name", "姓名", True, _limited(60), _l("Full name."), "王小明"),
            Column(
                "committees",
                "所属调委会",
                True,
                parsers.code_list,
                _l("Committee codes, separated by ; or 、 (the mediator then serves exactly these)."),
                "C0001;C0002",
            ),
            Column(
                "employment",
                "专兼职",
                True,
                parsers.choice(EMPLOYMENTS),
                _l("专职 / 兼职 (full-time / part-time)"),
                "兼职",
            ),
            Column("expert", "专家库", False, parsers.yes_no, _l("是 / 否 (yes / no); default no."), "否"),
            Column("gender", "性别", False, parsers.choice(GENDERS), _l("男 / 女"), "男"),
            Column(
                "id_number",
                "身份证号",
                False,
                _id_number,
                _l("18 characters, checked; format the column as text."),
                "",
            ),
            Column("phone", "联系电话", False, _phone, _l("Mobile or landline, checked."), ""),
            Column("joined_on", "聘任日期", False, parsers.date, _l("Date."), "2020-01-01"),
            Column("left_on", "离任日期", False, parsers.date, _l("Date; counted until this date."), ""),
            Column(
                "specialities",
                "专长领域",
                False,
                parsers.code_list,
                _l("For experts: dispute types separated by ; or 、 (e.g. 医疗;劳动争议)."),
                "",
            ),
        ],
        key="code",
        permission=Permission.MANAGE_ORGS,
        prepare=_mediators_prepare,
        check_row=_mediators_check,
        apply_row=_mediators_apply,
    )
)


# ---------------------------------------------------------------- agencies

AGENCY_KINDS = {"部门": AgencyKind.DEPARTMENT, "乡镇": AgencyKind.TOWNSHIP, "乡镇街道": AgencyKind.TOWNSHIP,
                "其他": AgencyKind.OTHER, **{k.value: k for k in AgencyKind}}  # fmt: skip


def _agencies_prepare(ctx: ImportContext) -> None:
    ctx.cache["agencies"] = {a.code: a for a in db.session.scalars(select(Agency))}
    ctx.cache["names"] = {a.name: a.code for a in ctx.cache["agencies"].values()}


def _agencies_check(values: dict, ctx: ImportContext) -> None:
    other = ctx.cache["names"].get(values["name"])
    if other is not None and other != values["code"]:
        raise RowError("name", _("Agency %(code)s already has this name.", code=other))
    ctx.cache["names"][values["name"]] = values["code"]


def _agencies_apply(values: dict, ctx: ImportContext) -> str:
    agencies = ctx.cache["agencies"]
    agency = agencies.get(values["code"])
    data = _changes(values, ["code", "name", "kind"])
    return _apply(agency, operations.create_agency, operations.update_agency, data, ctx, "code", agencies)


AGENCIES = register_spec(
    ImportSpec(
        kind="agencies",
        label=_l("Agencies"),
        columns=[
            Column("code", "单位编码", True, _code, _l("Unique code of the department or township."), "G001"),
            Column("name", "单位名称", True, _limited(120), _l("Full name."), "云溪区市场监督管理局"),
            Column(
                "kind",
                "类型",
                False,
                parsers.choice(AGENCY_KINDS),
                _l("部门 / 乡镇 / 其他; default 部门."),
                "部门",
            ),
        ],
        key="code",
        permission=Permission.MANAGE_ORGS,
        prepare=_agencies_prepare,
        check_row=_agencies_check,
        apply_row=_agencies_apply,
    )
)
