"""Export of the filtered case list to CSV and XLSX: every matching case, read in chunks (no query per row),
written to a temporary file (xlsxwriter in constant-memory mode). The interchange columns come first, headed as
the import expects them, so an export can be imported again; cells that start with = + - @ are escaped."""

from __future__ import annotations

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casebook.core import spreadsheets
from casebook.core.clock import today
from casebook.extensions import db
from casebook.mediation import labels
from casebook.mediation.models import MediationCase, MediationParty, PartyRole, mediation_case_mediators
from casebook.mediation.queries import CaseFilters, filtered_cases
from casebook.orgs.models import Area, Committee, DisputeType, Mediator

# (key as in interchange.md, Chinese header, English label when shown in English)
COLUMNS = [
    ("case_no", "案件编号", _l("Case number")),
    ("committee_code", "调委会编码", _l("Committee code")),
    ("mediators", "调解员", _l("Mediator codes")),
    ("dispute_type", "纠纷类型", _l("Dispute type")),
    ("source", "案件来源", _l("Source")),
    ("registered_on", "登记日期", _l("Registered on")),
    ("accepted_on", "受理日期", _l("Accepted on")),
    ("outcome", "调解结果", _l("Outcome")),
    ("closed_on", "结案日期", _l("Closed on")),
    ("agreement_form", "协议形式", _l("Agreement form")),
    ("extension_days", "延长天数", _l("Extension (days)")),
    ("amount", "涉及金额", _l("Amount involved (yuan)")),
    ("persons", "涉及人数", _l("People involved")),
    ("applicant", "申请人", _l("Applicant")),
    ("respondent", "被申请人", _l("Respondent")),
    ("summary", "简要案情", _l("Summary of the dispute")),
    ("committee", "调委会名称", _l("Committee")),
    ("status", "案件状态", _l("Status")),
    ("due_on", "调解期限", _l("Mediation due date")),
    ("area", "纠纷发生地", _l("Place")),
    ("referral_body", "委托移送单位", _l("Referred by")),
    ("mediator_names", "调解员姓名", _l("Mediators")),
    ("not_accepted_reason", "不予受理原因", _l("Reason for not accepting")),
    # Filled while the deadline reaches a year without a holiday schedule (调解期限 is then empty).
    ("due_on_provisional", "待确认的调解期限", _l("Provisional mediation due date")),
]
CHUNK = 1000


def headers() -> list[str]:
    """Chinese headers in Chinese, the interchange keys in English (the import accepts both)."""
    return [zh if labels.lang() == "zh" else key for key, zh, _label in COLUMNS]


def _rows(user, filters: CaseFilters, drill=None) -> Iterator[list]:
    """The export's rows: the cases' columns in chunks of CHUNK, each chunk's parties and mediators in one
    query each (no query per row, no mapped objects); labels translated once."""
    from casebook.stats.drilldown import apply_to_list

    c = MediationCase
    query = (
        apply_to_list(filtered_cases(user, filters), drill, user)
        .with_only_columns(
            c.id,
            c.case_no,
            Committee.code,
            c.dispute_type_id,
            c.source,
            c.registered_on,
            c.accepted_on,
            c.outcome,
            c.closed_on,
            c.agreement_form,
            c.extension_days,
            c.amount,
            c.persons,
            c.summary,
            Committee.name,
            c.status,
            c.due_on,
            Area.name,
            c.referral_body,
            c.not_accepted_on,
            c.not_accepted_reason,
            c.not_accepted_note,
            c.due_on_provisional,
        )
        .join(Committee, Committee.id == c.committee_id)
        .outerjoin(Area, Area.id == c.area_id)
    )
    source = {k: str(v) for k, v in labels.SOURCE_LABELS.items()}
    outcome = {k: str(v) for k, v in labels.OUTCOME_LABELS.items()}
    form = {k: str(v) for k, v in labels.AGREEMENT_FORM_LABELS.items()}
    status = {k: str(v) for k, v in labels.STATUS_LABELS.items()}
    reasons = {k: str(v) for k, v in labels.NOT_ACCEPTED_REASON_LABELS.items()}
    types = {t.id: labels.dispute_type_name(t) for t in db.session.scalars(select(DisputeType))}
    result = db.session.execute(query.execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        ids = [row[0] for row in chunk]
        names: dict[tuple[int, str], list[str]] = {}
        for case_id, role, name in db.session.execute(
            select(MediationParty.case_id, MediationParty.role, MediationParty.name)
            .where(MediationParty.case_id.in_(ids))
            .order_by(MediationParty.case_id, MediationParty.position)
        ):
            names.setdefault((case_id, role), []).append(name)
        mediators: dict[int, list[tuple[str, str]]] = {}
        for case_id, code, name in db.session.execute(
            select(mediation_case_mediators.c.case_id, Mediator.code, Mediator.name)
            .join(Mediator, Mediator.id == mediation_case_mediators.c.mediator_id)
            .where(mediation_case_mediators.c.case_id.in_(ids))
            .order_by(Mediator.name)
        ):
            mediators.setdefault(case_id, []).append((code, name))
        for row in chunk:
            (case_id, case_no, committee_code, type_id, src, registered_on, accepted_on, out, closed_on, agreement,
             extension, amount, persons, summary, committee_name, stat, due_on, area, referral, not_accepted_on,
             reason, note, due_on_provisional) = row  # fmt: skip
            assigned = mediators.get(case_id, [])
            # 不予受理 in the outcome and closing-date columns, as the import reads it back.
            if not_accepted_on is not None:
                out, closed_on = "not_accepted", not_accepted_on
                outcome_text = status["not_accepted"]
                reason_text = (
                    reasons.get(reason, reason) if reason != "other" else f"{reasons['other']}：{note}"
                )
            else:
                outcome_text = outcome.get(out, "") if out else ""
                reason_text = ""
            yield [
                case_no,
                committee_code,
                ";".join(code for code, _name in assigned),
                types.get(type_id, ""),
                source.get(src, src),
                registered_on,
                accepted_on,
                outcome_text,
                closed_on,
                form.get(agreement, "") if agreement else "",
                extension,
                amount,
                persons,
                "、".join(names.get((case_id, PartyRole.APPLICANT), [])),
                "、".join(names.get((case_id, PartyRole.RESPONDENT), [])),
                summary or "",
                committee_name,
                status.get(stat, stat),
                due_on,
                area or "",
                referral or "",
                "、".join(name for _code, name in assigned),
                reason_text,
                due_on_provisional,
            ]


def _filename(extension: str) -> str:
    return f"mediation-cases-{today():%Y%m%d}.{extension}"


def csv_response(user, filters: CaseFilters, drill=None):
    """The filtered cases as a UTF-8 CSV with BOM (Excel opens it with the right encoding)."""
    return spreadsheets.csv_download(_filename("csv"), headers(), _rows(user, filters, drill))


def xlsx_response(user, filters: CaseFilters, drill=None):
    """The filtered cases as an XLSX workbook written row by row in constant memory."""
    return spreadsheets.xlsx_download(_filename("xlsx"), headers(), _rows(user, filters, drill))
