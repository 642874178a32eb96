"""Import of historic mediation cases from the bureau's spreadsheets (interchange.md, "Mediation cases"), from
the web UI and from `flask --app casebook import mediation FILE [--dry-run]`.

All or nothing (the shared runner). Rows are matched to cases by `case_no`, or, without one, by committee,
registration date, dispute type and party names, so importing a file again changes nothing; a changed row
updates its case (through `import_operations`, with history). Lookups are loaded once (`prepare`), the
existing cases the file names by its own keys (`prefetch`, never every case), rows are checked against them
without a query, and new cases are written in batches.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casebook.core import clock
from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.permissions import Permission, committee_scope
from casebook.extensions import db
from casebook.imports import Column, ImportContext, ImportSpec, RowError, RowErrors, parsers, register_spec
from casebook.imports.spec import in_chunks
from casebook.mediation import states
from casebook.mediation.deadline import stored_deadline
from casebook.mediation.import_operations import ImportedRow, insert_new_cases, new_case, update_imported
from casebook.mediation.models import MediationCase, MediationParty, NotAcceptedReason, Outcome
from casebook.mediation.numbering import BulkNumberer
from casebook.orgs.models import Committee, CommitteeMembership, DisputeType, Mediator

BATCH = 2000  # new cases flushed together
EARLIEST = date(1980, 1, 1)
_NAMES = re.compile(r"[;；、,，\n]+")

SOURCE = parsers.choice(
    {"排查": "screening", "主动排查": "screening", "申请": "application", "委托移送": "referral", "委托": "referral", "移送": "referral",
     "screening": "screening", "application": "application", "referral": "referral"}
)  # fmt: skip
NOT_ACCEPTED = "not_accepted"  # 不予受理 in the outcome column: a status, not an outcome (models.Status)
OUTCOME = parsers.choice(
    {"调解成功": "success", "成功": "success", "调解不成": "failed", "调解不成功": "failed", "终止": "terminated",
     "终止调解": "terminated", "success": "success", "failed": "failed", "terminated": "terminated",
     "mediated successfully": "success", "mediation failed": "failed",
     "不予受理": NOT_ACCEPTED, "not accepted": NOT_ACCEPTED, NOT_ACCEPTED: NOT_ACCEPTED}
)  # fmt: skip
NOT_ACCEPTED_REASONS = {
    "当事人一方明确拒绝调解": NotAcceptedReason.PARTY_REFUSED, "当事人拒绝调解": NotAcceptedReason.PARTY_REFUSED,
    "拒绝调解": NotAcceptedReason.PARTY_REFUSED, "party_refused": NotAcceptedReason.PARTY_REFUSED,
    "不属于人民调解范围": NotAcceptedReason.OUT_OF_SCOPE, "不属于调解范围": NotAcceptedReason.OUT_OF_SCOPE,
    "out_of_scope": NotAcceptedReason.OUT_OF_SCOPE,
    # the list export's labels, in either language, without their explanation in brackets
    "a party expressly refuses mediation": NotAcceptedReason.PARTY_REFUSED,
    "not a dispute for people's mediation": NotAcceptedReason.OUT_OF_SCOPE,
}  # fmt: skip
_BRACKETED = re.compile(r"\s*[（(].*[)）]\s*$")
_OTHER = re.compile(r"^(其他|其它|other)\s*[:：,，、;；]?\s*", re.IGNORECASE)
AGREEMENT_FORM = parsers.choice(
    {"书面": "written", "书面协议": "written", "口头": "oral", "口头协议": "oral", "written": "written", "oral": "oral"}
)  # fmt: skip


def _dispute_type(raw: Any, ctx: ImportContext) -> int:
    value = parsers.text(raw).lower()
    found = ctx.cache["dispute_types"].get(value)
    if found is None:
        names = "、".join(ctx.cache["dispute_type_names"])
        raise ValueError(_("%(value)s is not a dispute type; use one of: %(names)s.", value=raw, names=names))
    return found


def _text(raw: Any, ctx: ImportContext) -> str:
    """Text as written; an apostrophe a spreadsheet export put before = + - @ (so as not to run a formula) is
    taken off again."""
    value = parsers.text(raw, ctx)
    return value[1:] if value[:1] == "'" and value[1:2] in ("=", "+", "-", "@") else value


def _names(raw: Any, ctx: ImportContext) -> list[str]:
    return [name for name in (n.strip() for n in _NAMES.split(_text(raw, ctx))) if name]


def _days(raw: Any, ctx: ImportContext) -> int:
    number = parsers.integer(raw, ctx)
    if not 0 <= number <= 365:
        raise ValueError(_("Write a number of days from 0 to 365."))
    return number


def _not_accepted_reason(raw: Any, ctx: ImportContext) -> tuple[str, str | None]:
    """(reason, note): 当事人一方明确拒绝调解 / 不属于人民调解范围, or 其他 with its explanation ("其他：…"); any
    other text is taken as the explanation of 其他."""
    value = _text(raw, ctx).strip()
    known = NOT_ACCEPTED_REASONS.get(value.lower()) or NOT_ACCEPTED_REASONS.get(
        _BRACKETED.sub("", value).lower()
    )
    if known is not None:
        return known.value, None
    note = _OTHER.sub("", value, count=1).strip()
    if not note:
        raise ValueError(_("For 其他, say why the case is not accepted, e.g. 其他：当事人下落不明."))
    return NotAcceptedReason.OTHER.value, note


def _persons(raw: Any, ctx: ImportContext) -> int:
    number = parsers.integer(raw, ctx)
    if not 1 <= number <= 1_000_000:
        raise ValueError(_("Write a whole number of people, at least 1."))
    return number


def _amount(raw: Any, ctx: ImportContext):
    number = parsers.decimal(raw, ctx)
    if number < 0 or number >= 10**12:
        raise ValueError(_("Write an amount in yuan, 0 or more."))
    return round(number, 2)


COLUMNS = [
    Column("case_no", "案件编号", help=_l("unique; generated when empty"), example="城关调〔2023〕0001号"),
    Column("committee_code", "调委会编码", required=True, help=_l("code of an existing committee"), example="C0001"),
    Column("mediators", "调解员", parse=parsers.code_list, help=_l("mediator codes, separated by ; or 、"), example="M00001"),
    Column("dispute_type", "纠纷类型", required=True, parse=_dispute_type, help=_l("a dispute type, e.g. 婚姻家庭"), example="邻里"),
    Column("source", "案件来源", required=True, parse=SOURCE, help=_l("主动排查 / 申请 / 委托移送"), example="申请"),
    Column("registered_on", "登记日期", required=True, parse=parsers.date, help=_l("date"), example="2023-03-01"),
    Column("accepted_on", "受理日期", parse=parsers.date, help=_l("date, not before the registration date"), example="2023-03-01"),
    Column("outcome", "调解结果", parse=OUTCOME, help=_l("调解成功 / 调解不成 / 终止 / 不予受理; empty = in progress"), example="调解成功"),
    Column("closed_on", "结案日期", parse=parsers.date, help=_l("required with an outcome; for 不予受理 the day of the decision"), example="2023-03-15"),
    Column("agreement_form", "协议形式", parse=AGREEMENT_FORM, help=_l("书面 / 口头, required with 调解成功"), example="书面"),
    Column("extension_days", "延长天数", parse=_days, help=_l("days added to the time limit with both parties' consent"), example="0"),
    Column("amount", "涉及金额", parse=_amount, help=_l("yuan, 0 or more"), example="5000"),
    Column("persons", "涉及人数", parse=_persons, help=_l("whole number, at least 1"), example="2"),
    Column("applicant", "申请人", parse=_names, help=_l("name; several separated by 、"), example="张三"),
    Column("respondent", "被申请人", parse=_names, help=_l("name; several separated by 、"), example="李四"),
    Column("summary", "简要案情", parse=_text, help=_l("text"), example="因排水沟堵塞发生纠纷"),
    # Beyond interchange.md's minimum (the list export writes it):
    Column("referral_body", "委托移送单位", parse=_text, help=_l("for 委托移送: the referring body"), example=""),
    Column("not_accepted_reason", "不予受理原因", parse=_not_accepted_reason, help=_l("with 不予受理: 当事人一方明确拒绝调解 / 不属于人民调解范围 / 其他：explanation"), example=""),
]  # fmt: skip


def natural_key(
    committee_id: int, registered_on: date, dispute_type_id: int, applicants, respondents
) -> tuple:
    """How a row without a case number finds its case again."""
    return (committee_id, registered_on, dispute_type_id, tuple(applicants or ()), tuple(respondents or ()))


def prepare(ctx: ImportContext) -> None:
    """Load committees, mediators, memberships and dispute types, once."""
    cache = ctx.cache
    cache["committees"] = {c.code: c for c in db.session.scalars(select(Committee))}
    cache["mediators"] = {m.code: m for m in db.session.scalars(select(Mediator))}
    members: dict[int, set[int]] = {}
    for committee_id, mediator_id in db.session.execute(
        select(CommitteeMembership.committee_id, CommitteeMembership.mediator_id)
    ):
        members.setdefault(committee_id, set()).add(mediator_id)
    cache["members"] = members
    types = db.session.scalars(select(DisputeType).order_by(DisputeType.position, DisputeType.id)).all()
    cache["dispute_types"] = {key.lower(): t.id for t in types for key in (t.code, t.name_zh, t.name_en)}
    cache["dispute_type_names"] = [t.name_zh for t in types if t.is_active]
    cache["scope"] = committee_scope(ctx.user) if ctx.user is not None else None
    cache["cases"] = {}  # the file's case numbers already used, filled by `prefetch`
    cache["natural"] = {}  # the existing cases that rows without a number may be, filled by `prefetch`
    cache["file_case_nos"] = set()
    cache["natural_ids"] = set()
    cache["created"] = {}
    cache["pending"] = []
    cache["now"] = clock.now()
    cache["due"] = {}


def _row(values: dict[str, Any], committee: Committee, ctx: ImportContext) -> ImportedRow:
    mediators = values["mediators"]
    not_accepted = values["outcome"] == NOT_ACCEPTED
    reason, note = values["not_accepted_reason"] or (None, None)
    return ImportedRow(
        case_no=values["case_no"] or None,
        committee=committee,
        dispute_type_id=values["dispute_type"],
        source=values["source"],
        registered_on=values["registered_on"],
        accepted_on=values["accepted_on"],
        outcome=None if not_accepted else values["outcome"],
        closed_on=None if not_accepted else values["closed_on"],
        not_accepted_on=values["closed_on"] if not_accepted else None,
        not_accepted_reason=reason if not_accepted else None,
        not_accepted_note=note if not_accepted else None,
        agreement_form=values["agreement_form"],
        extension_days=values["extension_days"],
        amount=values["amount"],
        persons=values["persons"],
        applicants=values["applicant"],
        respondents=values["respondent"],
        summary=values["summary"],
        referral_body=values["referral_body"],
        mediators=None if mediators is None else [ctx.cache["mediators"][code] for code in mediators],
    )


def prefetch(rows: list[dict[str, Any]], ctx: ImportContext) -> None:
    """The existing cases the file can mean, looked up by its own keys, never every case: those with the case
    numbers it names, and, for its rows without a number, its committees' cases registered on its dates, with
    their parties (the natural key)."""
    cache, c = ctx.cache, MediationCase
    numbers = sorted({values["case_no"] for values in rows if values["case_no"]})
    for chunk in in_chunks(numbers):
        query = select(c.id, c.case_no, c.committee_id, c.status).where(c.case_no.in_(chunk))
        for case_id, case_no, committee_id, status in db.session.execute(query):
            cache["cases"][case_no] = (case_id, committee_id, status)
    unnumbered = [values for values in rows if not values["case_no"]]
    committee_ids = sorted(
        {
            cache["committees"][v["committee_code"]].id
            for v in unnumbered
            if v["committee_code"] in cache["committees"]
        }
    )
    found: dict[int, tuple] = {}
    for chunk in (
        in_chunks(sorted({values["registered_on"] for values in unnumbered})) if committee_ids else ()
    ):
        query = select(c.id, c.committee_id, c.registered_on, c.dispute_type_id).where(
            c.registered_on.in_(chunk), c.committee_id.in_(committee_ids), c.is_voided.is_(False)
        )
        found.update((case_id, rest) for case_id, *rest in db.session.execute(query))
    names: dict[int, dict[str, list[str]]] = {}
    for chunk in in_chunks(sorted(found)):
        query = (
            select(MediationParty.case_id, MediationParty.role, MediationParty.name)
            .where(MediationParty.case_id.in_(chunk))
            .order_by(MediationParty.case_id, MediationParty.position)
        )
        for case_id, role, name in db.session.execute(query):
            names.setdefault(case_id, {}).setdefault(role, []).append(name)
    for case_id, (committee_id, registered_on, type_id) in found.items():
        parties = names.get(case_id, {})
        key = natural_key(
            committee_id, registered_on, type_id, parties.get("applicant"), parties.get("respondent")
        )
        cache["natural"][key] = case_id


def check_row(values: dict[str, Any], ctx: ImportContext) -> None:
    """Cross-column rules and references, against the lookups (no query); every problem of the row reported."""
    cache = ctx.cache
    errors: list[RowError] = []
    committee = cache["committees"].get(values["committee_code"])
    scope = cache["scope"]
    if committee is None or (scope is not None and committee.id not in scope):
        errors.append(
            RowError(
                "committee_code", _("No committee has the code %(code)s.", code=values["committee_code"])
            )
        )
    for code in values["mediators"] or []:
        mediator = cache["mediators"].get(code)
        if mediator is None:
            errors.append(RowError("mediators", _("No mediator has the code %(code)s.", code=code)))
        elif committee is not None and mediator.id not in cache["members"].get(committee.id, set()):
            errors.append(
                RowError(
                    "mediators",
                    _(
                        "Mediator %(code)s does not serve committee %(committee)s.",
                        code=code,
                        committee=committee.code,
                    ),
                )
            )
    registered, accepted, closed = values["registered_on"], values["accepted_on"], values["closed_on"]
    if not EARLIEST <= registered <= (ctx.today or today()):
        errors.append(RowError("registered_on", _("The registration date must be between 1980 and today.")))
    if accepted is not None and accepted < registered:
        errors.append(RowError("accepted_on", _("The case cannot be accepted before it was registered.")))
    if values["outcome"] and closed is None:
        errors.append(RowError("closed_on", _("A case with an outcome needs its closing date.")))
    if closed is not None and not values["outcome"]:
        errors.append(RowError("outcome", _("A closing date needs an outcome (调解成功, 调解不成 or 终止).")))
    if closed is not None and closed < (accepted or registered):
        errors.append(RowError("closed_on", _("The case cannot close before it was accepted or registered.")))
    if closed is not None and closed > (ctx.today or today()):
        errors.append(RowError("closed_on", _("The closing date is in the future.")))
    not_accepted = values["outcome"] == NOT_ACCEPTED
    if not_accepted and accepted is not None:
        errors.append(RowError("accepted_on", _("A case not accepted (不予受理) has no acceptance date.")))
    if not_accepted and not values["not_accepted_reason"]:
        errors.append(
            RowError("not_accepted_reason", _("Give the reason the case was not accepted (不予受理原因)."))
        )
    if values["not_accepted_reason"] and not not_accepted:
        errors.append(RowError("not_accepted_reason", _("A reason for not accepting goes with 不予受理.")))
    if values["outcome"] == Outcome.SUCCESS and not values["agreement_form"]:
        errors.append(
            RowError("agreement_form", _("A successful mediation needs the agreement form (书面 or 口头)."))
        )
    if values["agreement_form"] and values["outcome"] != Outcome.SUCCESS:
        errors.append(RowError("agreement_form", _("Only a successful mediation has an agreement.")))
    case_no = values["case_no"]
    if case_no:
        cache["file_case_nos"].add(case_no)
        existing = cache["cases"].get(case_no)
        if existing is not None and committee is not None and existing[1] != committee.id:
            errors.append(
                RowError("case_no", _("Case %(case_no)s belongs to another committee.", case_no=case_no))
            )
        if existing is not None and scope is not None and existing[1] not in scope:
            errors.append(
                RowError("case_no", _("Case %(case_no)s belongs to another committee.", case_no=case_no))
            )
        if existing is not None:
            target = states.import_target(
                existing[2], bool(values["outcome"]) and not not_accepted, bool(accepted), not_accepted
            )
            refusal = states.import_refusal(existing[2], target)
            if refusal:
                errors.append(RowError("outcome", refusal))
    elif committee is not None:
        key = natural_key(
            committee.id, registered, values["dispute_type"], values["applicant"], values["respondent"]
        )
        if key in cache["natural"]:
            cache["natural_ids"].add(cache["natural"][key])
    if errors:
        raise RowErrors(errors)


def _deadline(row: ImportedRow, ctx: ImportContext) -> dict:
    # A case not accepted has no outcome and no acceptance: no basis, no deadline.
    basis = row.accepted_on or (row.registered_on if row.outcome else None)
    key = (basis, row.extension_days or 0)
    if key not in ctx.cache["due"]:
        ctx.cache["due"][key] = stored_deadline(basis, row.extension_days or 0)
    return ctx.cache["due"][key]


def _existing(ctx: ImportContext) -> dict[str, MediationCase]:
    """The cases named in the file (and those matched by their natural key), loaded once with what is compared."""
    if "existing" not in ctx.cache:
        ids = [ctx.cache["cases"][no][0] for no in ctx.cache["file_case_nos"] if no in ctx.cache["cases"]]
        ids += list(ctx.cache["natural_ids"])
        loaded: dict[int, MediationCase] = {}
        for start in range(0, len(ids), 1000):
            query = (
                select(MediationCase)
                .where(MediationCase.id.in_(ids[start : start + 1000]))
                .options(selectinload(MediationCase.parties), selectinload(MediationCase.mediators))
            )
            loaded.update((case.id, case) for case in db.session.scalars(query))
        ctx.cache["existing"] = loaded
        ctx.cache["numberer"] = BulkNumberer(set(ctx.cache["file_case_nos"]))
    return ctx.cache["existing"]


def apply_row(values: dict[str, Any], ctx: ImportContext) -> str:
    """Create the row's case, update it if it changed, or leave it."""
    committee = ctx.cache["committees"][values["committee_code"]]
    row = _row(values, committee, ctx)
    existing = _existing(ctx)
    key = natural_key(committee.id, row.registered_on, row.dispute_type_id, row.applicants, row.respondents)
    if row.case_no:
        found = ctx.cache["cases"].get(row.case_no)
        case = existing.get(found[0]) if found else None
    else:
        case = ctx.cache["created"].get(key) or existing.get(ctx.cache["natural"].get(key))
    if case is None and not row.case_no and key in ctx.cache["created"]:
        return "unchanged"  # the same row twice in a file without case numbers
    if case is None:
        pending = ctx.cache["pending"]
        pending.append(new_case(ctx.user, row, ctx.cache["numberer"], _deadline(row, ctx), ctx.cache["now"]))
        if len(pending) >= BATCH:
            insert_new_cases(ctx.user, pending, ctx.cache["now"])
            pending.clear()
        if not row.case_no:
            ctx.cache["created"][key] = True
        return "created"
    try:
        changed = update_imported(ctx.user, case, row)
    except DomainError as error:
        raise RowError(error.field, error.message) from None
    return "updated" if changed else "unchanged"


def finish(ctx: ImportContext) -> None:
    """Insert the last batch of new cases and write the case-number counters back."""
    insert_new_cases(ctx.user, ctx.cache["pending"], ctx.cache["now"])
    ctx.cache["pending"].clear()
    if "numberer" in ctx.cache:
        ctx.cache["numberer"].save()


SPEC = register_spec(
    ImportSpec(
        kind="mediation",
        label=_l("Mediation cases"),
        columns=COLUMNS,
        key="case_no",
        permission=Permission.IMPORT_CASES,
        also_needs=(Permission.VIEW_MEDIATION,),
        prepare=prepare,
        prefetch=prefetch,
        check_row=check_row,
        apply_row=apply_row,
        finish=finish,
    )
)
