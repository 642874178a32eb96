"""Every write to reconsideration cases: check the rule, change the objects, recompute the deadline, flush,
write the history. Nothing here commits (the view, API or command does, once)."""

from casebook.calendars.operations import on_schedule_change
from casebook.reconsideration.operations.after_decision import (
    copy_to_superior,
    issue_opinion,
    order_performance,
    publish_decision,
    record_opinion_feedback,
    record_performance,
    serve_decision,
)
from casebook.reconsideration.operations.common import (
    StaleCase,
    check_version,
    record,
    refresh_deadline,
    refresh_deadlines_for_year,
)
from casebook.reconsideration.operations.receipt import (
    EDITABLE_FIELDS,
    PartyData,
    add_party,
    clean_party,
    receive_case,
    remove_party,
    update_case,
)
from casebook.reconsideration.operations.register import RegisterRow, apply_register_row
from casebook.reconsideration.operations.steps import (
    abandon,
    accept,
    conclude,
    convert,
    extend,
    receive_answer,
    receive_supplement,
    record_hearing,
    record_late_reason,
    record_respondent_receipt,
    record_supplement_notice,
    reject,
    request_supplement,
    resume,
    serve_respondent,
    suspend,
    void,
)

# A holiday schedule loaded, replaced or deleted by an administrator moves the deadlines that depend on its year.
on_schedule_change(refresh_deadlines_for_year)

__all__ = [
    "EDITABLE_FIELDS",
    "PartyData",
    "RegisterRow",
    "StaleCase",
    "abandon",
    "accept",
    "add_party",
    "apply_register_row",
    "check_version",
    "clean_party",
    "conclude",
    "convert",
    "copy_to_superior",
    "extend",
    "issue_opinion",
    "order_performance",
    "publish_decision",
    "receive_answer",
    "receive_case",
    "receive_supplement",
    "record",
    "record_hearing",
    "record_late_reason",
    "record_opinion_feedback",
    "record_performance",
    "record_respondent_receipt",
    "record_supplement_notice",
    "refresh_deadline",
    "refresh_deadlines_for_year",
    "reject",
    "remove_party",
    "request_supplement",
    "resume",
    "serve_decision",
    "serve_respondent",
    "suspend",
    "update_case",
    "void",
]
