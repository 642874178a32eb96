"""The code lists of administrative litigation cases (行政应诉): instances, judgment outcomes, who appeared.

The category of the act challenged is reconsideration's list (ACT_CATEGORIES), so that the two registers count
alike; the Chinese names are those of the register (interchange) and of the annual report.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from casebook.reconsideration.codes import ACT_CATEGORIES, ACT_CATEGORY_LABELS, sql_in

__all__ = ["ACT_CATEGORIES", "ACT_CATEGORY_LABELS", "sql_in"]


class Status(StrEnum):
    OPEN = "open"  # filed, before the court's judgment or ruling
    DECIDED = "decided"  # judged or ruled; may still be appealed
    APPEALED = "appealed"  # appealed: the next instance is its own case
    EFFECTIVE = "effective"  # the judgment is in effect (生效裁判)
    VOIDED = "voided"  # registered by mistake: counts nowhere


STATUS_LABELS = {
    Status.OPEN: _l("Pending in court"),
    Status.DECIDED: _l("Judgment given"),
    Status.APPEALED: _l("Appealed"),
    Status.EFFECTIVE: _l("Judgment in effect"),
    Status.VOIDED: _l("Voided"),
}

INSTANCES = ("first", "second", "retrial")
INSTANCE_NAMES_ZH = {"first": "一审", "second": "二审", "retrial": "再审"}
INSTANCE_LABELS = {
    "first": _l("First instance (一审)"),
    "second": _l("Second instance (二审)"),
    "retrial": _l("Retrial (再审)"),
}

DEFENDANT_KINDS = ("agency", "government")
DEFENDANT_KIND_LABELS = {
    "agency": _l("An agency of the district"),
    "government": _l("The district government"),
}

# Outcomes of a judgment or ruling (ALL art 69–78; a ruling dismissing the complaint: art 51, SPC interpretation
# 2018 art 69), with the Chinese name of the register.
OUTCOME_NAMES_ZH = {
    "reject_claims": "驳回诉讼请求",  # ALL art 69
    "revoke": "撤销",  # art 70
    "order_performance": "责令履行",  # art 72
    "modify": "变更",  # art 77
    "confirm_unlawful": "确认违法",  # art 74
    "confirm_void": "确认无效",  # art 75
    "mediated": "调解",  # art 60
    "withdrawn": "撤诉",  # art 62
    "dismissed": "裁定驳回起诉",
    "other": "其他",
}
OUTCOME_LABELS = {
    "reject_claims": _l("Claims rejected (驳回诉讼请求)"),
    "revoke": _l("Act revoked (撤销)"),
    "order_performance": _l("Ordered to perform (责令履行)"),
    "modify": _l("Act modified (变更)"),
    "confirm_unlawful": _l("Act confirmed unlawful (确认违法)"),
    "confirm_void": _l("Act confirmed void (确认无效)"),
    "mediated": _l("Mediation (调解)"),
    "withdrawn": _l("Complaint withdrawn (撤诉)"),
    "dismissed": _l("Complaint dismissed by ruling (裁定驳回起诉)"),
    "other": _l("Other"),
}
OUTCOMES = tuple(OUTCOME_NAMES_ZH)
# The judgments that hold the act wrong: a loss for the agency (败诉) unless the officer records otherwise.
AGAINST_AGENCY_OUTCOMES = frozenset(
    {"revoke", "order_performance", "modify", "confirm_unlawful", "confirm_void"}
)
# The court holds a reconsideration decision wrong when it revokes it or confirms it unlawful (the office's error).
OVERTURNED_OUTCOMES = frozenset({"revoke", "confirm_unlawful", "confirm_void"})

# Who appeared for the agency at a hearing (ALL art 3 ¶3; SPC20 art 2: the head, a deputy head or a head in
# charge of the matter is a 负责人).
APPEARANCES = ("head", "deputy_head", "staff")
HEAD_APPEARANCES = frozenset({"head", "deputy_head"})
APPEARANCE_LABELS = {
    "head": _l("The head of the agency (正职负责人)"),
    "deputy_head": _l("A deputy head (副职负责人)"),
    "staff": _l("Staff or lawyers only"),
}

ACTION_LABELS = {
    "register": _l("Case registered"),
    "edit": _l("Details corrected"),
    "serve": _l("Complaint served on the agency"),
    "defence": _l("Defence submitted"),
    "schedule": _l("Hearing scheduled (传票)"),
    "hearing": _l("Hearing recorded"),
    "judgment": _l("Judgment recorded"),
    "appeal": _l("Appeal recorded"),
    "effective": _l("Judgment in effect"),
    "perform": _l("Judgment performed (履行生效裁判)"),
    "add_plaintiff": _l("Plaintiff added"),
    "void": _l("Void (registered by mistake)"),
    "import": _l("Imported from the register"),
    "calendar": _l("Holiday schedule changed"),
}

FIELD_LABELS = {
    "court": _l("Court"),
    "court_case_no": _l("Court case number"),
    "instance": _l("Instance"),
    "defendant_kind": _l("Defendant"),
    "agency": _l("Defending agency"),
    "act_category": _l("Category of the act"),
    "act_description": _l("Act challenged"),
    "act_document_no": _l("Document number of the act"),
    "reconsideration_case": _l("Reconsideration case"),
    "filed_on": _l("Filed by the court on"),
    "complaint_served_on": _l("Complaint served on"),
    "defence_due_on": _l("Defence due on"),
    "defence_submitted_on": _l("Defence submitted on"),
    "next_hearing_on": _l("Next hearing on"),
    "judgment_on": _l("Judgment on"),
    "outcome": _l("Judgment outcome"),
    "is_against_agency": _l("Against the agency (败诉)"),
    "judgment_document_no": _l("Judgment number"),
    "appealed_on": _l("Appealed on"),
    "next_instance": _l("Next instance"),
    "effective_on": _l("In effect from"),
    "performed_on": _l("Performed on"),
    "performance_note": _l("How it was performed"),
    "status": _l("Status"),
    "plaintiff": _l("Plaintiff"),
    "hearing": _l("Hearing"),
    "is_voided": _l("Voided"),
    "void_reason": _l("Reason"),
}
_VALUE_LABELS = {
    "status": STATUS_LABELS,
    "instance": INSTANCE_LABELS,
    "outcome": OUTCOME_LABELS,
    "act_category": ACT_CATEGORY_LABELS,
    "defendant_kind": DEFENDANT_KIND_LABELS,
}


def field_label(field: str | None) -> str:
    """A history row's field, for people."""
    return str(FIELD_LABELS.get(field, field)) if field else ""


def value_label(field: str | None, value: str | None) -> str:
    """A history row's value, for people: codes as labels, flags as yes/no."""
    if value is None:
        return ""
    labels = _VALUE_LABELS.get(field or "")
    if labels is not None:
        return str(labels.get(value, value))
    if value in ("True", "False"):
        return str(_l("yes") if value == "True" else _l("no"))
    return value
