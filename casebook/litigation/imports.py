"""Import of the office's litigation register (行政应诉台账) in the interchange style: Chinese or English headers,
dates in any usual spelling, all or nothing. Each row is a case before one court; a row whose case exists (same
court and number) adds the steps the case has not recorded yet. Every write goes through the operations."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.permissions import Permission
from casebook.extensions import db
from casebook.imports import Column, ImportContext, ImportSpec, RowError, RowErrors, parsers, register_spec
from casebook.imports.spec import in_chunks
from casebook.litigation import operations
from casebook.litigation.codes import INSTANCE_NAMES_ZH, OUTCOME_NAMES_ZH
from casebook.litigation.models import LitigationCase
from casebook.orgs.models import Agency
from casebook.reconsideration.imports import ACT_CATEGORY, _codes

GOVERNMENT = "__government__"
INSTANCE = parsers.choice(_codes(INSTANCE_NAMES_ZH, 第一审="first", 第二审="second"))
OUTCOME = parsers.choice(_codes(OUTCOME_NAMES_ZH, 驳回起诉="dismissed", 判决驳回诉讼请求="reject_claims"))
APPEARANCE = parsers.choice(
    {"负责人出庭": "head", "正职负责人出庭": "head", "副职负责人出庭": "deputy_head", "工作人员出庭": "staff",
     "律师出庭": "staff", "head": "head", "deputy_head": "deputy_head", "staff": "staff"}
)  # fmt: skip

COLUMNS = [
    Column("court", "法院", required=True, example="区人民法院"),
    Column("court_case_no", "法院案号", required=True, help=_l("unique for its court"), example="（2024）赣0102行初12号"),
    Column("instance", "审级", parse=INSTANCE, help=_l("一审 / 二审 / 再审; default 一审"), example="一审"),
    Column("defendant", "被告", required=True, help=_l("code or name of an existing agency, or 区人民政府"), example="区市场监督管理局"),
    Column("act_category", "行政行为类别", required=True, parse=ACT_CATEGORY, example="行政处罚"),
    Column("plaintiff", "原告", required=True, example="张三"),
    Column("filed_on", "立案日期", required=True, parse=parsers.date, example="2024-03-01"),
    Column("complaint_served_on", "起诉状副本送达日期", parse=parsers.date, help=_l("the defence is due 15 days later (ALL art 67 ¶1)")),
    Column("defence_submitted_on", "答辩日期", parse=parsers.date),
    Column("hearing_on", "开庭日期", parse=parsers.date),
    Column("appearance", "出庭情况", parse=APPEARANCE, help=_l("负责人出庭 / 副职负责人出庭 / 工作人员出庭")),
    Column("head_name", "出庭负责人"),
    Column("absence_reason", "负责人未出庭原因", help=_l("required when only staff appeared (ALL art 3 ¶3)")),
    Column("outcome", "裁判结果", parse=OUTCOME, help=_l("驳回诉讼请求 / 撤销 / 确认违法 / 确认无效 / 责令履行 / 变更 / 调解 / 撤诉 / 裁定驳回起诉 / 其他")),
    Column("judgment_on", "裁判日期", parse=parsers.date, help=_l("required with an outcome")),
    Column("against", "是否败诉", parse=parsers.yes_no, help=_l("是 / 否; default: from the outcome")),
    Column("effective_on", "生效日期", parse=parsers.date),
    Column("performed_on", "履行日期", parse=parsers.date),
    Column("reconsideration_case_no", "复议案号", help=_l("the reconsideration case the suit follows")),
]  # fmt: skip
# Operation fields → the register's columns, for a refusal found while writing.
FIELD_COLUMNS = {"on": None, "name": "plaintiff", "id_number": "plaintiff", "agency_id": "defendant"}


def prepare(ctx: ImportContext) -> None:
    """Load agencies by code and name, once."""
    agencies = db.session.execute(select(Agency.id, Agency.code, Agency.name)).all()
    ctx.cache["agencies"] = {key: a.id for a in agencies for key in (a.code, a.name)}
    ctx.cache["agencies"].update({"区人民政府": GOVERNMENT, "区政府": GOVERNMENT})
    ctx.cache["cases"] = {}


def prefetch(rows: list[dict[str, Any]], ctx: ImportContext) -> None:
    """The existing cases the file names, by their court numbers (never every case)."""
    C = LitigationCase
    numbers = sorted({values["court_case_no"] for values in rows if values["court_case_no"]})
    for chunk in in_chunks(numbers):
        for case_id, court, number in db.session.execute(
            select(C.id, C.court, C.court_case_no).where(C.court_case_no.in_(chunk))
        ):
            ctx.cache["cases"][(court, number)] = case_id


def check_row(values: dict[str, Any], ctx: ImportContext) -> None:
    """Cross-column rules; every problem of the row is reported."""
    errors: list[RowError] = []
    if ctx.cache["agencies"].get(values["defendant"]) is None:
        errors.append(
            RowError("defendant", _("No agency has the code or name %(value)s.", value=values["defendant"]))
        )
    on_or_before = ctx.today or today()
    dates = ("filed_on", "complaint_served_on", "defence_submitted_on", "hearing_on", "judgment_on", "effective_on",
             "performed_on")  # fmt: skip
    for key in dates:
        if values[key] and values[key] > on_or_before:
            errors.append(RowError(key, _("The date cannot be in the future.")))
    for key in dates[1:]:
        if values[key] and values[key] < values["filed_on"]:
            errors.append(RowError(key, _("A step cannot come before the court filed the case.")))
    if bool(values["outcome"]) != bool(values["judgment_on"]):
        errors.append(
            RowError(
                "judgment_on" if values["outcome"] else "outcome",
                _("Give the outcome and its date together."),
            )
        )
    if values["hearing_on"] and not values["appearance"]:
        errors.append(RowError("appearance", _("Choose who appeared for the agency.")))
    if values["appearance"] in ("head", "deputy_head") and not values["head_name"]:
        errors.append(RowError("head_name", _("Enter the name of the head who appeared (ALL art 3 ¶3).")))
    if values["appearance"] == "staff" and not values["absence_reason"]:
        errors.append(
            RowError(
                "absence_reason", _("Give the reason the head did not appear (ALL art 3 ¶3; SPC20 art 8–9).")
            )
        )
    if values["effective_on"] and not values["outcome"]:
        errors.append(RowError("effective_on", _("A judgment takes effect only once given.")))
    if values["performed_on"] and not values["effective_on"]:
        errors.append(RowError("performed_on", _("Give the day the judgment took effect.")))
    if values["defence_submitted_on"] and not values["complaint_served_on"]:
        errors.append(
            RowError("complaint_served_on", _("Record first the day the agency received the complaint."))
        )
    if errors:
        raise RowErrors(errors)


def _column(error: DomainError) -> str | None:
    return FIELD_COLUMNS.get(error.field or "", error.field)


def apply_row(values: dict[str, Any], ctx: ImportContext) -> str:
    """Create the row's case, or add to an existing one the steps it has not recorded, through the operations."""
    try:
        return _apply(values, ctx)
    except DomainError as error:
        raise RowError(_column(error), error.message) from None


def _apply(values: dict[str, Any], ctx: ImportContext) -> str:
    user, key = ctx.user, (str(values["court"]).strip(), str(values["court_case_no"]).strip())
    case_id = ctx.cache["cases"].get(key)
    created = case_id is None
    if created:
        agency_id = ctx.cache["agencies"][values["defendant"]]
        government = agency_id == GOVERNMENT
        case = operations.register_case(
            user,
            [operations.PartyData(name=str(values["plaintiff"])[:120])],
            court=key[0],
            court_case_no=key[1],
            instance=values["instance"] or "first",
            defendant_kind="government" if government else "agency",
            agency_id=None if government else agency_id,
            act_category=values["act_category"],
            filed_on=values["filed_on"],
            reconsideration_case_no=values["reconsideration_case_no"] or None,
        )
        ctx.cache["cases"][key] = case.id
    else:
        case = db.session.get(LitigationCase, case_id)
    before = case.version
    if values["complaint_served_on"] and case.complaint_served_on is None and case.status == "open":
        operations.serve_complaint(case, user, values["complaint_served_on"])
    if values["defence_submitted_on"] and case.defence_submitted_on is None and case.status == "open":
        operations.submit_defence(case, user, values["defence_submitted_on"])
    if (
        values["hearing_on"]
        and case.status == "open"
        and all(h.held_on != values["hearing_on"] for h in case.hearings)
    ):
        operations.record_hearing(case, user, values["hearing_on"], values["appearance"], values["head_name"] or None,
                                  absence_reason=values["absence_reason"] or None)  # fmt: skip
    if values["outcome"] and case.status == "open":
        operations.record_judgment(case, user, values["judgment_on"], values["outcome"], values["against"])
    if values["effective_on"] and case.status == "decided":
        operations.record_effect(case, user, values["effective_on"])
    if values["performed_on"] and case.status == "effective" and case.performed_on is None:
        operations.record_performance(case, user, values["performed_on"])
    if created:
        return "created"
    return "updated" if case.version != before else "unchanged"


SPEC = register_spec(
    ImportSpec(
        kind="litigation",
        label=_l("Litigation cases (the register of 行政应诉)"),
        columns=COLUMNS,
        key="court_case_no",
        permission=Permission.EDIT_RECONSIDERATION,
        prepare=prepare,
        prefetch=prefetch,
        check_row=check_row,
        apply_row=apply_row,
    )
)
