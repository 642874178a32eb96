"""The code lists of reconsideration cases, as data: statuses, act categories, outcomes and their groupings.

Statistics import the outcome sets from here (domain.md §2.4, §4); the Chinese names are those of national
reporting and of the interchange format (interchange.md), the labels are translated for the UI.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Status(StrEnum):
    RECEIVED = "received"  # 收到申请, acceptance review running (ARL23 art 30)
    AWAITING_SUPPLEMENT = "awaiting_supplement"  # 补正 requested, materials awaited (ARL23 art 31)
    ACCEPTED = "accepted"  # 受理, under review
    REJECTED = "rejected"  # 不予受理 (ARL23 art 30 ¶1)
    SUSPENDED = "suspended"  # 中止 (ARL23 art 39)
    CONCLUDED = "concluded"  # decision, mediation statement or termination
    # 视为放弃 (ARL23 art 31 ¶2): materials not supplied in time; neither rejected nor pending nor concluded
    ABANDONED = "abandoned"
    VOIDED = "voided"  # registered by mistake: counts nowhere


STATUS_LABELS = {
    Status.RECEIVED: _l("Received, under acceptance review"),
    Status.AWAITING_SUPPLEMENT: _l("Awaiting materials"),
    Status.ACCEPTED: _l("Accepted, under review"),
    Status.REJECTED: _l("Not accepted"),
    Status.SUSPENDED: _l("Suspended"),
    Status.CONCLUDED: _l("Concluded"),
    Status.ABANDONED: _l("Deemed abandoned (视为放弃)"),
    Status.VOIDED: _l("Voided"),
}
OPEN_STATUSES = frozenset({Status.RECEIVED, Status.AWAITING_SUPPLEMENT, Status.ACCEPTED, Status.SUSPENDED})

# The national statistics' categories of administrative act (domain.md §2.4): code → Chinese name.
ACT_CATEGORY_NAMES_ZH = {
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "licensing": "行政许可",
    "levy": "行政征收",
    "confirmation": "行政确认",
    "ownership": "行政确权",
    "information_disclosure": "政府信息公开",
    "complaint_handling": "举报投诉处理",
    "inaction": "行政不作为",
    "agreement": "行政协议",
    "other": "其他",
}
ACT_CATEGORY_LABELS = {
    "penalty": _l("Administrative penalty"),
    "coercion": _l("Administrative coercion"),
    "licensing": _l("Administrative licensing"),
    "levy": _l("Administrative levy"),
    "confirmation": _l("Administrative confirmation (incl. work injury)"),
    "ownership": _l("Confirmation of ownership"),
    "information_disclosure": _l("Government information disclosure"),
    "complaint_handling": _l("Handling of reports and complaints"),
    "inaction": _l("Failure to perform a statutory duty"),
    "agreement": _l("Administrative agreement"),
    "other": _l("Other"),
}
ACT_CATEGORIES = tuple(ACT_CATEGORY_NAMES_ZH)

# Outcomes (domain.md §2.4) with the article of ARL23 they rest on.
OUTCOME_NAMES_ZH = {
    "modify": "变更",  # art 63
    "revoke": "撤销",  # art 64
    "confirm_unlawful": "确认违法",  # art 65
    "order_performance": "责令履行",  # art 66
    "confirm_void": "确认无效",  # art 67
    "uphold": "维持",  # art 68
    "reject_request": "驳回复议请求",  # art 69
    "dismiss": "驳回申请",  # art 33
    "mediated": "调解",  # art 73
    "terminated": "终止",  # art 41, 74
}
OUTCOME_LABELS = {
    "modify": _l("Modify (变更)"),
    "revoke": _l("Revoke (撤销)"),
    "confirm_unlawful": _l("Confirm unlawful (确认违法)"),
    "order_performance": _l("Order performance (责令履行)"),
    "confirm_void": _l("Confirm void (确认无效)"),
    "uphold": _l("Uphold (维持)"),
    "reject_request": _l("Reject the request (驳回复议请求)"),
    "dismiss": _l("Dismiss the application (驳回申请)"),
    "mediated": _l("Mediation statement (调解书)"),
    "terminated": _l("Terminated (终止)"),
}
OUTCOME_ARTICLES = {
    "modify": 63,
    "revoke": 64,
    "confirm_unlawful": 65,
    "order_performance": 66,
    "confirm_void": 67,
    "uphold": 68,
    "reject_request": 69,
    "dismiss": 33,
    "mediated": 73,
    "terminated": 41,
}
OUTCOMES = tuple(OUTCOME_NAMES_ZH)

# 纠错: the decisions that correct the act (ARL23 art 63–67).
CORRECTION_OUTCOMES = frozenset({"modify", "revoke", "confirm_unlawful", "order_performance", "confirm_void"})
# Decisions on the merits (the default denominator of the correction rate, domain.md §2.4, §4): the corrections,
# 维持 (art 68) and 驳回复议请求 (art 69) — not 驳回申请 (art 33), a procedural dismissal.
MERITS_OUTCOMES = CORRECTION_OUTCOMES | {"uphold", "reject_request"}
# Concluded "by decision" (a setting's choice for that denominator): every 决定, not a mediation statement nor a
# termination.
DECISION_OUTCOMES = MERITS_OUTCOMES | {"dismiss"}
# 调解和解: a mediation statement, or a termination because the parties settled (ARL23 art 73, 74).
MEDIATED_OUTCOME = "mediated"
TERMINATED_OUTCOME = "terminated"
SETTLEMENT_GROUND = "settlement"
WITHDRAWAL_GROUND = "withdrawal"
# Outcomes the 2023 law created: 确认无效 (ARL23 art 67) and 驳回复议请求 (art 69); an ARL17 case is dismissed
# (驳回行政复议申请, Reg07 art 48) instead.
ARL23_ONLY_OUTCOMES = frozenset({"confirm_void", "reject_request"})


def arl23_only_message(outcome: str) -> str:
    """Why an ARL17 case cannot end with `outcome`."""
    from flask_babel import gettext as _

    if outcome == "reject_request":
        return _(
            "Rejecting the request (驳回复议请求) exists only under the 2023 law (ARL23 art 69); a case under the "
            "earlier law is dismissed (驳回申请, Reg07 art 48)."
        )
    return _("Confirming an act void (确认无效) exists only under the 2023 law (ARL23 art 67).")


def is_mediated_or_settled(outcome: str | None, termination_ground: str | None) -> bool:
    """调解和解: a mediation statement, or a termination by settlement."""
    return outcome == MEDIATED_OUTCOME or (
        outcome == TERMINATED_OUTCOME and termination_ground == SETTLEMENT_GROUND
    )


TERMINATION_GROUNDS = ("withdrawal", "settlement", "other")
TERMINATION_GROUND_LABELS = {
    "withdrawal": _l("Withdrawal by the applicant"),
    "settlement": _l("Settlement (和解)"),
    "other": _l("Other ground"),
}

PROCEDURES = ("ordinary", "simplified")
PROCEDURE_LABELS = {"ordinary": _l("Ordinary procedure"), "simplified": _l("Simplified procedure")}
PROCEDURE_NAMES_ZH = {"ordinary": "普通", "simplified": "简易"}

CHANNELS = ("written", "online", "oral", "forwarded")
CHANNEL_LABELS = {
    "written": _l("In writing"),
    "online": _l("Online"),
    "oral": _l("Orally"),
    "forwarded": _l("Forwarded"),
}

ACCEPTANCE_NAMES_ZH = {"accepted": "受理", "rejected": "不予受理"}
ACCEPTANCE_LABELS = {"accepted": _l("Accepted"), "rejected": _l("Not accepted")}

# ARL23 art 39 ¶1: the ten grounds of suspension (中止).
SUSPENSION_GROUND_LABELS = {
    1: _l("(1) A natural-person applicant has died; the successor has not yet decided whether to take part"),
    2: _l("(2) A natural-person applicant has lost capacity; no legal representative yet"),
    3: _l("(3) A natural-person applicant is missing or declared missing"),
    4: _l("(4) A legal-person applicant has ended; no successor has yet decided whether to take part"),
    5: _l("(5) An applicant or third party cannot take part for force majeure or other good reasons"),
    6: _l("(6) Mediation or settlement under way, at the parties' joint request"),
    7: _l("(7) A question of applicable law awaits an interpretation or confirmation"),
    8: _l("(8) The case depends on another case not yet concluded"),
    9: _l("(9) A review of normative documents under art 56 or 57"),
    10: _l("(10) Another circumstance requiring suspension"),
}
SUSPENSION_GROUNDS = tuple(SUSPENSION_GROUND_LABELS)

PARTY_ROLES = ("applicant", "agent", "third_party")
PARTY_ROLE_LABELS = {"applicant": _l("Applicant"), "agent": _l("Agent"), "third_party": _l("Third party")}
PARTY_KINDS = ("person", "organisation")
PARTY_KIND_LABELS = {"person": _l("Natural person"), "organisation": _l("Organisation")}

EVENT_KINDS = (
    "supplement_requested",
    "supplement_received",
    "respondent_served",
    "answer_received",
    "hearing",
    "extension",
    "conversion",
    # after the decision (ARL23 art 76–79)
    "decision_served",
    "performed",
    "performance_ordered",
    "copied_to_superior",
    "published",
    "opinion_issued",
    "opinion_feedback",
)
EVENT_LABELS = {
    "supplement_requested": _l("Materials requested (补正通知)"),
    "supplement_received": _l("Materials received"),
    "respondent_served": _l("Copy served on the respondent"),
    "answer_received": _l("Respondent's answer received"),
    "hearing": _l("Hearing"),
    "extension": _l("Extension approved"),
    "conversion": _l("Converted to the ordinary procedure"),
    "decision_served": _l("Decision served on the parties"),
    "performed": _l("Decision performed by the respondent"),
    "performance_ordered": _l("Ordered to perform (责令履行)"),
    "copied_to_superior": _l("Decision copied to the respondent's superior (抄告)"),
    "published": _l("Decision published"),
    "opinion_issued": _l("Opinion or suggestion issued"),
    "opinion_feedback": _l("Feedback on an opinion received"),
}

# 行政复议意见书 (ARL23 art 76) and 建议书 (Reg07 art 58) issued to an agency, with their feedback.
OPINION_KINDS = ("opinion", "suggestion")
OPINION_KIND_LABELS = {"opinion": _l("Opinion (意见书)"), "suggestion": _l("Suggestion (建议书)")}
# Outcomes the respondent must carry out (ARL23 art 77): the corrections and a mediation statement.
PERFORMANCE_OUTCOMES = frozenset(
    {"modify", "revoke", "confirm_unlawful", "order_performance", "confirm_void", "mediated"}
)
# ARL23 art 79 (抄告): the decisions that correct the respondent reach its superior.
COPY_TO_SUPERIOR_OUTCOMES = frozenset({"modify", "revoke", "confirm_unlawful"})

# Which rule set the last day to apply (casebook.deadlines.application).
APPLICATION_RULE_LABELS = {
    "ordinary": _l("60 days from learning of the act, ARL23 art 20 ¶1"),
    "not_informed": _l("not told of the right to apply: 60 days from learning of it, ARL23 art 20 ¶3"),
    "not_informed_capped": _l(
        "not told of the right to apply: at most one year from learning of the act, ARL23 art 20 ¶3"
    ),
}

LAWS = ("ARL23", "ARL17")
LAW_LABELS = {
    "ARL23": _l("Administrative Reconsideration Law (2023)"),
    "ARL17": _l("Administrative Reconsideration Law (2017)"),
}


def sql_in(column: str, values) -> str:
    """A CHECK constraint's `column IN (...)` for a code list."""
    return f"{column} IN ({', '.join(repr(str(v)) for v in values)})"


# The case's fields as the history names them.
FIELD_LABELS = {
    "received_on": _l("Received on"),
    "channel": _l("Channel"),
    "agency": _l("Respondent"),
    "act_category": _l("Category of the act"),
    "act_document_no": _l("Document number of the act"),
    "act_on": _l("Date of the act"),
    "learned_on": _l("Applicant learned of the act on"),
    "is_late_application": _l("Late application"),
    "request": _l("Request"),
    "special_limit_days": _l("Shorter limit set by law (days)"),
    "special_limit_reason": _l("Law setting the shorter limit"),
    "decision_document_no": _l("Document number"),
    "closing_note": _l("Note"),
    "status": _l("Status"),
    "supplement_requested_on": _l("Materials requested on"),
    "supplement_items": _l("Materials to supply"),
    "supplement_received_on": _l("Materials received on"),
    "supplement_notice_received_on": _l("Applicant received the notice on"),
    "supplement_period_workdays": _l("Period granted for the materials (working days)"),
    "abandoned_on": _l("Deemed abandoned on"),
    "respondent_received_on": _l("Respondent received the copy on"),
    "application_tolled_days": _l("Days the applicant was prevented from applying"),
    "right_learned_on": _l("Applicant learned of the right to apply on"),
    "acceptance": _l("Acceptance"),
    "accepted_on": _l("Accepted on"),
    "is_accepted_deemed": _l("Deemed acceptance"),
    "rejected_on": _l("Not accepted on"),
    "rejection_reason": _l("Reasons"),
    "procedure": _l("Procedure"),
    "converted_on": _l("Converted on"),
    "conversion_approved_by": _l("Approved by"),
    "respondent_served_on": _l("Respondent served on"),
    "answer_due_on": _l("Answer due on"),
    "answer_received_on": _l("Answer received on"),
    "extension_days": _l("Extension (days)"),
    "extension_approved_by": _l("Approved by"),
    "extension_approved_on": _l("Extension approved on"),
    "outcome": _l("Outcome of the review"),
    "termination_ground": _l("Ground of termination"),
    "closed_on": _l("Closed on"),
    "due_on": _l("Decision due on"),
    "due_on_provisional": _l("Provisional decision due date"),
    "acceptance_due_on": _l("Acceptance review ends on"),
    "supplement_due_on": _l("Materials due on"),
    "calendar_missing_year": _l("Year without a holiday schedule"),
    "late_reason": _l("Reason for lateness"),
    "is_voided": _l("Voided"),
    "decision_served_on": _l("Decision served on"),
    "performance_due_on": _l("To be carried out by"),
    "performed_on": _l("Carried out on"),
    "performance_evidence": _l("How the performance is shown"),
    "performance_ordered_on": _l("Ordered to perform on"),
    "copied_to_superior_on": _l("Copied to the superior on"),
    "published_on": _l("Published on"),
    "opinion": _l("Opinion or suggestion"),
    "opinion_feedback": _l("Feedback received on"),
    "void_reason": _l("Reason"),
    "hearing": _l("Hearing"),
    "applicant": _l("Applicant"),
    "agent": _l("Agent"),
    "third_party": _l("Third party"),
}
_VALUE_LABELS = {
    "status": STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
    "procedure": PROCEDURE_LABELS,
    "acceptance": ACCEPTANCE_LABELS,
    "act_category": ACT_CATEGORY_LABELS,
    "channel": CHANNEL_LABELS,
    "termination_ground": TERMINATION_GROUND_LABELS,
}


def field_label(field: str | None) -> str:
    """A history row's field, for people."""
    if not field:
        return ""
    return str(FIELD_LABELS.get(field, field))


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
