"""One way from a deadline request to its answer, for the API and the calculator page alike.

The request (schemas.ReconsiderationIn or MediationIn) becomes the engine's facts; the engine computes with
the app's working calendar and settings; the result becomes a DeadlineOut with the steps in the language
asked for. Bad facts raise the engine's DeadlineInputError (naming the field): the callers turn it into a 422 or
a message on the page. A year without a schedule gives a provisional date (``provisional``, domain.md §2.3).
"""

from __future__ import annotations

from datetime import date

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l

from casebook.calendars.schemas import DeadlineOut, MediationIn, ReconsiderationIn
from casebook.calendars.service import deadline_settings, working_calendar
from casebook.core.clock import today
from casebook.deadlines import (
    DeadlineResult,
    MediationFacts,
    ReconsiderationFacts,
    Suspension,
    compute_mediation,
    compute_reconsideration,
)

LAW_LABELS = {
    "ARL23": _l("Administrative Reconsideration Law (revised 2023)"),
    "ARL17": _l("Administrative Reconsideration Law (2017 text)"),
    "MoJ02": _l("Provisions on People's Mediation Work (2002)"),
}
STATUS_LABELS = {
    "open": _l("Open"),
    "overdue": _l("Overdue"),
    "suspended": _l("Suspended"),
    "closed_on_time": _l("Closed on time"),
    "closed_late": _l("Closed late"),
    "awaiting_supplement": _l("Awaiting materials"),
    "abandoned": _l("Deemed abandoned (视为放弃)"),
}
STATUS_BADGES = {
    "open": "info",
    "overdue": "danger",
    "suspended": "warn",
    "closed_on_time": "ok",
    "closed_late": "danger",
    "awaiting_supplement": "warn",
    "abandoned": "muted",
}


def answer_language(asked: str | None) -> str:
    """The language of an answer: the one asked for, else the request's Accept-Language, else Chinese."""
    if asked in ("zh", "en"):
        return asked
    if has_request_context():
        return request.accept_languages.best_match(current_app.config["LANGUAGES"]) or "zh"
    return "zh"


def reconsideration_facts(req: ReconsiderationIn) -> ReconsiderationFacts:
    """The engine's facts of a reconsideration request (checked by the engine as they are built)."""
    return ReconsiderationFacts(
        received_on=req.received_on,
        accepted_on=req.accepted_on,
        rejected_on=req.rejected_on,
        supplement_requested_on=req.supplement_requested_on,
        supplement_received_on=req.supplement_received_on,
        supplement_notice_received_on=req.supplement_notice_received_on,
        supplement_period_workdays=req.supplement_period_workdays,
        abandoned_on=req.abandoned_on,
        procedure=req.procedure,
        converted_on=req.converted_on,
        suspensions=tuple(Suspension(s.from_on, s.to_on, s.ground) for s in req.suspensions),
        extension_days=req.extension_days,
        special_limit_days=req.special_limit_days,
        special_limit_reason=req.special_limit_reason,
        closed_on=req.closed_on,
    )


def mediation_facts(req: MediationIn) -> MediationFacts:
    """The engine's facts of a mediation request."""
    return MediationFacts(
        accepted_on=req.accepted_on, extension_days=req.extension_days, closed_on=req.closed_on
    )


def calculate(req: ReconsiderationIn | MediationIn, lang: str) -> DeadlineOut:
    """The deadline of the case the request describes, as of its `as_of` (default today), explained in ``lang``."""
    as_of = req.as_of or today()
    calendar = working_calendar(lang)
    settings = deadline_settings()
    if isinstance(req, MediationIn):
        result = compute_mediation(mediation_facts(req), calendar, settings, as_of=as_of)
    else:
        result = compute_reconsideration(reconsideration_facts(req), calendar, settings, as_of=as_of)
    return answer(result, req.kind, as_of, lang)


def answer(result: DeadlineResult, kind: str, as_of: date, lang: str) -> DeadlineOut:
    """The API's answer for an engine result."""
    return DeadlineOut(kind=kind, as_of=as_of, lang=lang, **result.to_dict(lang))
