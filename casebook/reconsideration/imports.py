"""Import of the office's case register (interchange.md, "Reconsideration cases"), from the web UI and from
`flask --app casebook import reconsideration FILE [--dry-run]`. Every row's deadline is computed by the engine
before anything is written; a row the engine refuses is reported with its column."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casebook.calendars.service import deadline_settings, working_calendar
from casebook.core.clock import today
from casebook.core.i18n import current_language
from casebook.core.permissions import Permission
from casebook.deadlines import (
    CalendarYearUnknown,
    DeadlineInputError,
    DeadlineResult,
    ReconsiderationFacts,
    Suspension,
    compute_reconsideration,
    law_for_received_on,
)
from casebook.deadlines.application import application_period
from casebook.extensions import db
from casebook.imports import Column, ImportContext, ImportSpec, RowError, RowErrors, parsers, register_spec
from casebook.imports.spec import in_chunks
from casebook.orgs.models import Agency
from casebook.reconsideration import operations
from casebook.reconsideration.codes import (
    ACT_CATEGORY_NAMES_ZH,
    APPLICATION_RULE_LABELS,
    ARL23_ONLY_OUTCOMES,
    OUTCOME_NAMES_ZH,
    arl23_only_message,
)
from casebook.reconsideration.models import ReconsiderationCase
from casebook.reconsideration.operations.receipt import LAW_IN_FORCE_ON

ROW = "_register_row"


def _codes(names_zh: dict[str, str], **extra: str) -> dict[str, str]:
    """Accepted spellings: each code and its Chinese name (plus synonyms)."""
    mapping = {code: code for code in names_zh}
    mapping.update({zh: code for code, zh in names_zh.items()})
    mapping.update(extra)
    return mapping


ACT_CATEGORY = parsers.choice(
    _codes(ACT_CATEGORY_NAMES_ZH, 工伤认定="confirmation", 不履行法定职责="inaction")
)
OUTCOME = parsers.choice(
    _codes(
        OUTCOME_NAMES_ZH,
        部分撤销="revoke",
        驳回行政复议请求="reject_request",
        驳回行政复议申请="dismiss",
        调解书="mediated",
        终止审理="terminated",
    )
)
ACCEPTANCE = parsers.choice(
    {"受理": "accepted", "不予受理": "rejected", "accepted": "accepted", "rejected": "rejected"}
)
PROCEDURE = parsers.choice(
    {"普通": "ordinary", "普通程序": "ordinary", "简易": "simplified", "简易程序": "simplified",
     "ordinary": "ordinary", "simplified": "simplified"}
)  # fmt: skip
TERMINATION = parsers.choice(
    {"撤回": "withdrawal", "撤回申请": "withdrawal", "和解": "settlement", "其他": "other",
     "withdrawal": "withdrawal", "settlement": "settlement", "other": "other"}
)  # fmt: skip


def _grounds(raw: Any, ctx: ImportContext) -> list[int]:
    grounds = []
    for item in parsers.code_list(raw, ctx):
        number = parsers.integer(item, ctx)
        if not 1 <= number <= 10:
            raise ValueError(
                _(
                    "A ground of suspension is a number from 1 to 10 (ARL23 art 39), not %(value)s.",
                    value=item,
                )
            )
        grounds.append(number)
    return grounds


COLUMNS = [
    Column("case_no", "案号", help=_l("unique; numbered automatically when empty"), example="区府复〔2024〕12号"),
    Column("applicant", "申请人", required=True, help=_l("name"), example="张三"),
    Column("respondent", "被申请人", required=True, help=_l("code or name of an existing agency"), example="区市场监督管理局"),
    Column("act_category", "行政行为类别", required=True, parse=ACT_CATEGORY, help=_l("a category, e.g. 行政处罚"), example="行政处罚"),
    Column("received_on", "收到申请日期", required=True, parse=parsers.date, example="2024-09-27"),
    Column("supplement_requested_on", "补正通知日期", parse=parsers.date),
    Column("supplement_received_on", "补正材料收到日期", parse=parsers.date, help=_l("after the request for materials")),
    Column("supplement_notice_received_on", "补正通知送达日期", parse=parsers.date, help=_l("the day the applicant received the request (送达回证); default: the day sent")),
    Column("abandoned_on", "视为放弃日期", parse=parsers.date, help=_l("materials not supplied in time (ARL23 art 31 ¶2): after the applicant's period")),
    Column("acceptance", "受理情况", parse=ACCEPTANCE, help=_l("受理 / 不予受理; empty = under review"), example="受理"),
    Column("accepted_on", "受理日期", parse=parsers.date, help=_l("when accepted and empty: the deemed date under the law")),
    Column("procedure", "审理程序", parse=PROCEDURE, help=_l("普通 / 简易; default 普通"), example="普通"),
    Column("converted_on", "转为普通程序日期", parse=parsers.date, help=_l("a simplified case converted to the ordinary procedure (ARL23 art 55)")),
    Column("suspensions", "中止期间", parse=parsers.date_ranges, help=_l("e.g. 2024-03-10~2024-03-20; several separated by ;")),
    Column("extension_days", "延长天数", parse=parsers.integer, help=_l("0–30, ordinary procedure only")),
    Column("outcome", "结案方式", parse=OUTCOME, help=_l("变更 / 撤销 / 确认违法 / 责令履行 / 确认无效 / 维持 / 驳回复议请求 / 驳回申请 / 调解 / 终止")),
    Column("closed_on", "结案日期", parse=parsers.date, help=_l("required with an outcome")),
    # Columns beyond interchange.md's minimum:
    Column("rejected_on", "不予受理日期", parse=parsers.date, help=_l("for 不予受理; default: the last day of the review")),
    Column("termination_ground", "终止事由", parse=TERMINATION, help=_l("撤回 / 和解 / 其他, for 终止; default 其他")),
    Column("suspension_grounds", "中止事由", parse=_grounds, help=_l("item of ARL23 art 39 for each period, e.g. 6; default 10")),
    Column("learned_on", "知道行政行为日期", parse=parsers.date, help=_l("flags a late application (over 60 days)")),
    Column("act_document_no", "行政行为文号"),
    Column("decision_document_no", "决定书文号"),
    Column("late_reason", "超期原因"),
]  # fmt: skip


def prepare(ctx: ImportContext) -> None:
    """Load agencies by code and name, once."""
    agencies = db.session.execute(select(Agency.id, Agency.code, Agency.name)).all()
    ctx.cache["agencies"] = {key: a.id for a in agencies for key in (a.code, a.name)}
    ctx.cache["cases"], ctx.cache["natural"] = {}, {}


def prefetch(rows: list[dict[str, Any]], ctx: ImportContext) -> None:
    """The existing cases the file can mean, looked up by its own keys, never every case: those with the case
    numbers it names, and those received on the dates of its rows without a number (the natural key)."""
    C = ReconsiderationCase
    numbers = sorted({values["case_no"] for values in rows if values["case_no"]})
    dates = sorted({values["received_on"] for values in rows if not values["case_no"]})
    conditions = [C.case_no.in_(chunk) for chunk in in_chunks(numbers)]
    conditions += [C.received_on.in_(chunk) for chunk in in_chunks(dates)]
    columns = (C.id, C.case_no, C.applicant_names, C.agency_id, C.received_on, C.act_category)
    for condition in conditions:
        for case_id, case_no, names, agency_id, received_on, category in db.session.execute(
            select(*columns).where(condition)
        ):
            ctx.cache["cases"][case_no] = case_id
            ctx.cache["natural"][(names, agency_id, received_on, category)] = case_id


def _natural_key(row: operations.RegisterRow) -> tuple:
    """How a row without a case number finds its case again: applicant, respondent, date and category."""
    return (row.applicant, row.agency_id, row.received_on, row.act_category)


def check_row(values: dict[str, Any], ctx: ImportContext) -> None:
    """Cross-column rules and the deadline engine's checks; every problem of the row is reported."""
    errors: list[RowError] = []
    received: date = values["received_on"]
    agency_id = ctx.cache["agencies"].get(values["respondent"])
    if agency_id is None:
        errors.append(
            RowError("respondent", _("No agency has the code or name %(value)s.", value=values["respondent"]))
        )
    if received > (ctx.today or today()):
        errors.append(RowError("received_on", _("The date of receipt cannot be in the future.")))
    if received < LAW_IN_FORCE_ON:
        errors.append(
            RowError(
                "received_on", _("The Administrative Reconsideration Law took effect on 1 October 1999.")
            )
        )
    outcome, closed = values["outcome"], values["closed_on"]
    if outcome and not closed:
        errors.append(RowError("closed_on", _("A case with an outcome needs its closing date.")))
    if closed and not outcome:
        errors.append(RowError("outcome", _("A closing date needs the outcome.")))
    if outcome and values["acceptance"] == "rejected":
        errors.append(RowError("outcome", _("A case not accepted (不予受理) has no outcome.")))
    if outcome in ARL23_ONLY_OUTCOMES and law_for_received_on(received) == "ARL17":
        errors.append(RowError("outcome", arl23_only_message(outcome)))
    extension = values["extension_days"] or 0
    if not 0 <= extension <= 30:
        errors.append(RowError("extension_days", _("An extension is from 0 to 30 days (ARL23 art 62).")))
    ranges = values["suspensions"] or []
    grounds = values["suspension_grounds"] or []
    if grounds and len(grounds) != len(ranges):
        errors.append(RowError("suspension_grounds", _("Give one ground for each period of suspension.")))
    if values["converted_on"] and values["procedure"] != "simplified":
        errors.append(
            RowError(
                "converted_on",
                _(
                    "Only a case under the simplified procedure is converted (ARL23 art 55): give 审理程序 简易."
                ),
            )
        )
    if values["abandoned_on"] and (
        not values["supplement_requested_on"]
        or values["supplement_received_on"]
        or values["acceptance"]
        or values["accepted_on"]
        or outcome
    ):
        errors.append(
            RowError(
                "abandoned_on",
                _(
                    "Only an application waiting for the materials asked for can be deemed abandoned (ARL23 art 31 ¶2)."
                ),
            )
        )
    if errors:
        raise RowErrors(errors)
    row = operations.RegisterRow(
        applicant=str(values["applicant"])[:120],
        agency_id=agency_id,
        act_category=values["act_category"],
        received_on=received,
        case_no=values["case_no"] or None,
        act_document_no=(values["act_document_no"] or None) and str(values["act_document_no"])[:100],
        learned_on=values["learned_on"],
        supplement_requested_on=values["supplement_requested_on"],
        supplement_notice_received_on=values["supplement_notice_received_on"],
        supplement_received_on=values["supplement_received_on"],
        abandoned_on=values["abandoned_on"],
        acceptance=values["acceptance"] or ("accepted" if values["accepted_on"] else None),
        accepted_on=values["accepted_on"],
        procedure=values["procedure"] or "ordinary",
        converted_on=values["converted_on"],
        suspensions=[(f, t, grounds[i] if grounds else 10) for i, (f, t) in enumerate(ranges)],
        extension_days=extension,
        outcome=outcome,
        termination_ground=(values["termination_ground"] or "other") if outcome == "terminated" else None,
        decision_document_no=(values["decision_document_no"] or None)
        and str(values["decision_document_no"])[:100],
        closed_on=closed,
        late_reason=values["late_reason"] or None,
    )
    if row.acceptance == "rejected":
        row.rejected_on = values["rejected_on"] or values["accepted_on"] or _review_end(row)
        row.accepted_on = None
    result = _check_deadline(row)
    if result is not None and result.acceptance_notice_late:
        ctx.flag(
            _(
                "Acceptance notice later than the statutory acceptance day (受理通知晚于法定受理日): the decision period runs from %(day)s.",
                day=result.accepted_on,
            )
        )
    if result is not None and result.suspension_after_deadline:
        ctx.flag(
            _(
                "Suspended after the decision deadline (%(day)s): the case stays overdue.",
                day=result.suspension_after_deadline,
            )
        )
    if result is not None and result.conversion_after_deadline:
        # ARL23 art 55, 62 ¶2: the pages refuse it; the register keeps what happened and flags it.
        ctx.flag(
            _(
                "Converted after the simplified procedure's deadline (%(day)s) (ARL23 art 55, 62).",
                day=result.conversion_after_deadline,
            )
        )
    _flag_supplement(row, result, ctx)
    _flag_late_application(row, ctx)
    values[ROW] = row


def _flag_supplement(row: operations.RegisterRow, result: DeadlineResult | None, ctx: ImportContext) -> None:
    """ARL23 art 31 ¶2: an abandonment needs the applicant's period to have passed; a period passed with
    nothing recorded is flagged."""
    due = result.supplement_due_on if result is not None else None
    if due is None:
        return
    if row.abandoned_on is not None and row.abandoned_on <= due:
        raise RowError(
            "abandoned_on",
            _(
                "The applicant has until %(day)s to supply the materials (ARL23 art 31 ¶2): the application can be deemed abandoned only after that day.",
                day=due,
            ),
        )
    if row.abandoned_on is None and result.status == "awaiting_supplement" and due < (ctx.today or today()):
        ctx.flag(_("Materials overdue (补正逾期): the applicant's period ended on %(day)s.", day=due))


def _flag_late_application(row: operations.RegisterRow, ctx: ImportContext) -> None:
    """ARL23 art 20 (ARL17 art 9): an application after its period is imported and flagged, never refused."""
    if row.learned_on is None or row.received_on <= row.learned_on:
        return
    period = application_period(
        law_for_received_on(row.received_on), row.received_on, row.learned_on, working_calendar()
    )
    if period.is_late:
        ctx.flag(
            _(
                "Late application: the period to apply ended on %(day)s (%(rule)s). Recorded and flagged, not refused.",
                day=period.last_day,
                rule=APPLICATION_RULE_LABELS[period.rule],
            )
        )


def _facts(row: operations.RegisterRow, **overrides) -> ReconsiderationFacts:
    facts = {
        "received_on": row.received_on,
        "accepted_on": row.accepted_on if row.acceptance == "accepted" else None,
        "rejected_on": row.rejected_on,
        "supplement_requested_on": row.supplement_requested_on,
        "supplement_received_on": row.supplement_received_on,
        "supplement_notice_received_on": row.supplement_notice_received_on,
        "abandoned_on": row.abandoned_on,
        "procedure": row.procedure,
        "converted_on": row.converted_on,
        "suspensions": tuple(Suspension(f, t, g) for f, t, g in row.suspensions),
        "extension_days": row.extension_days,
        "closed_on": row.closed_on,
        **overrides,
    }
    return ReconsiderationFacts(**facts)


_FIELD_COLUMNS = {"rejected_on": "acceptance", "special_limit_days": None}


def _engine_error(error: DeadlineInputError) -> RowError:
    column = _FIELD_COLUMNS.get(error.field, error.field)
    return RowError(column if column in {c.key for c in COLUMNS} else None, error.message(current_language()))


def _review_end(row: operations.RegisterRow) -> date | None:
    """The last day of the acceptance review: the date of a rejection the register does not date."""
    try:
        facts = _facts(
            row,
            rejected_on=None,
            accepted_on=None,
            closed_on=None,
            suspensions=(),
            extension_days=0,
            converted_on=None,
        )
        return compute_reconsideration(
            facts, working_calendar(), deadline_settings(), as_of=row.received_on
        ).acceptance_due_on
    except CalendarYearUnknown:
        raise RowError(
            "acceptance", _("Give the date of the decision not to accept (不予受理日期).")
        ) from None
    except DeadlineInputError as error:
        raise _engine_error(error) from None


def _check_deadline(row: operations.RegisterRow) -> DeadlineResult | None:
    """Run the deadline engine on the row; facts it refuses are the row's error (a missing year is not)."""
    try:
        return compute_reconsideration(
            _facts(row), working_calendar(), deadline_settings(), as_of=row.received_on
        )
    except CalendarYearUnknown:
        return None
    except DeadlineInputError as error:
        raise _engine_error(error) from None


def apply_row(values: dict[str, Any], ctx: ImportContext) -> str:
    """Create or update the row's case through the operations (deadline stored, history written)."""
    row: operations.RegisterRow = values[ROW]
    case = None
    if row.case_no:
        case_id = ctx.cache["cases"].get(row.case_no)
    else:
        case_id = ctx.cache["natural"].get(_natural_key(row))
    if case_id is not None:
        case = db.session.get(ReconsiderationCase, case_id)
    result, case = operations.apply_register_row(row, ctx.user, case)
    ctx.cache["natural"][_natural_key(row)] = case.id
    return result


SPEC = register_spec(
    ImportSpec(
        kind="reconsideration",
        label=_l("Reconsideration cases (the office's register)"),
        columns=COLUMNS,
        key="case_no",
        permission=Permission.EDIT_RECONSIDERATION,
        prepare=prepare,
        prefetch=prefetch,
        check_row=check_row,
        apply_row=apply_row,
    )
)
