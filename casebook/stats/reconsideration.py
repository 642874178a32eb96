"""Administrative reconsideration figures (domain.md §4): each a SQL condition, summed over the scoped cases.

Cohort figures (received, accepted, rejected) take the applications received in the period, judged at the end
of the period; conclusion figures (concluded, in time, corrections, mediated or settled) take the cases closed
in the period; stock figures (pending, overdue, the caseload of the conclusion rate) describe the end of the
period. The outcome groupings come from `casebook.reconsideration.codes` (ARL23 art 63–69, 73, 74).
"""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, case, func, literal, not_, or_

from casebook.orgs.models import Agency
from casebook.reconsideration.codes import (
    ACT_CATEGORIES,
    ACT_CATEGORY_LABELS,
    ACT_CATEGORY_NAMES_ZH,
    CORRECTION_OUTCOMES,
    DECISION_OUTCOMES,
    MEDIATED_OUTCOME,
    MERITS_OUTCOMES,
    OUTCOME_LABELS,
    OUTCOME_NAMES_ZH,
    OUTCOMES,
    SETTLEMENT_GROUND,
    TERMINATED_OUTCOME,
    WITHDRAWAL_GROUND,
)
from casebook.reconsideration.models import ReconsiderationCase
from casebook.stats.figures import (
    Counts,
    Dimension,
    Family,
    Figure,
    RateDef,
    Row,
    Window,
    no_deadline_figure,
)

R = ReconsiderationCase

RECEIVED_BASIS = _l("receipt date in the period; state at the end of the period")
PREVIOUS_BASIS = _l("receipt date in the same range a year earlier")
CLOSED_BASIS = _l("closing date in the period")
CASELOAD_BASIS = _l("accepted by the end of the period and not concluded before it began")
END_BASIS = _l("state at the end of the period")


def received(w: Window):
    return w.within(R.received_on)


def received_prev_year(w: Window):
    return Window(w.period.previous_year()).within(R.received_on)


# NULL-safe (the conditions are negated below): an application under review has no acceptance yet.
ACCEPTANCE = func.coalesce(R.acceptance, "")


def _accepted_core(w: Window):
    return and_(ACCEPTANCE == "accepted", R.accepted_on.is_not(None), w.by_end(R.accepted_on, R.received_on))


def _rejected_core(w: Window):
    return and_(ACCEPTANCE == "rejected", R.rejected_on.is_not(None), w.by_end(R.rejected_on, R.received_on))


def _abandoned_core(w: Window):
    # ARL23 art 31 ¶2: deemed abandoned (视为放弃) by the end of the period.
    return and_(R.status == "abandoned", R.abandoned_on.is_not(None), w.by_end(R.abandoned_on, R.received_on))


def accepted(w: Window):
    # ARL23 art 30: accepted (or deemed accepted) by the end of the period.
    return and_(received(w), _accepted_core(w))


def rejected(w: Window):
    # ARL23 art 30 ¶1: not accepted (不予受理) by the end of the period.
    return and_(received(w), _rejected_core(w))


def abandoned(w: Window):
    # A closing of its own: neither rejected, nor pending, nor concluded (domain.md §2.1 step 3).
    return and_(received(w), _abandoned_core(w))


def under_review(w: Window):
    return and_(received(w), not_(_accepted_core(w)), not_(_rejected_core(w)), not_(_abandoned_core(w)))


def concluded(w: Window):
    return and_(R.outcome.is_not(None), w.within(R.closed_on))


def concluded_timed(w: Window):
    # The on-time rate's denominator: concluded cases whose deadline is known. A case whose deadline cannot be
    # computed (due_on NULL: a year without a holiday schedule) counts in neither part of the rate; their
    # number is shown beside it (domain.md §2.3, §4).
    return and_(concluded(w), R.due_on.is_not(None))


def concluded_on_time(w: Window):
    # ARL23 art 62: decided within the statutory limit (`is_late`: closed after the stored deadline).
    return and_(concluded_timed(w), R.is_late.is_(False))


def concluded_without_deadline(w: Window):
    return and_(concluded(w), R.due_on.is_(None))


def corrections(w: Window):
    # ARL23 art 63–67: modify, revoke, confirm unlawful, order performance, confirm void.
    return and_(concluded(w), R.outcome.in_(sorted(CORRECTION_OUTCOMES)))


def correction_base(w: Window):
    # The denominator of the correction rate (domain.md §4): decisions on the merits; a setting may make it every
    # decision (驳回申请 too) or every concluded case.
    setting = current_app.config.get("CORRECTION_RATE_DENOMINATOR", "merits")
    if setting == "all_concluded":
        return concluded(w)
    outcomes = DECISION_OUTCOMES if setting == "decisions" else MERITS_OUTCOMES
    return and_(concluded(w), R.outcome.in_(sorted(outcomes)))


def mediated_or_settled(w: Window):
    # ARL23 art 73 (mediation statement) and art 74 (settlement, ending in termination).
    return and_(
        concluded(w),
        or_(
            R.outcome == MEDIATED_OUTCOME,
            and_(R.outcome == TERMINATED_OUTCOME, R.termination_ground == SETTLEMENT_GROUND),
        ),
    )


def mediated_settled_or_withdrawn(w: Window):
    # 调撤率's numerator: mediated (art 73), settled (art 74) or withdrawn (art 41(1)), each ending the case.
    return and_(
        concluded(w),
        or_(
            R.outcome == MEDIATED_OUTCOME,
            and_(
                R.outcome == TERMINATED_OUTCOME,
                R.termination_ground.in_((SETTLEMENT_GROUND, WITHDRAWAL_GROUND)),
            ),
        ),
    )


def caseload(w: Window):
    # 审结率's denominator: accepted in the period plus carried over from before (and anything concluded in it).
    start, end = w.period.start, w.period.end
    carried = and_(
        ACCEPTANCE == "accepted",
        R.accepted_on <= end,
        or_(R.closed_on.is_(None), R.closed_on >= start),
    )
    return or_(carried, concluded(w))


def pending(w: Window):
    end = w.period.end
    rejected_by_end = and_(ACCEPTANCE == "rejected", R.rejected_on.is_not(None), R.rejected_on <= end)
    abandoned_by_end = and_(R.status == "abandoned", R.abandoned_on.is_not(None), R.abandoned_on <= end)
    return and_(
        R.received_on <= end,
        not_(rejected_by_end),
        not_(abandoned_by_end),
        or_(R.closed_on.is_(None), R.closed_on > end),
    )


def overdue(w: Window):
    # Pending past the decision deadline on the period's last day (or today, for a period not yet over).
    # A suspended case has no deadline (due_on NULL) and is not overdue.
    return and_(pending(w), R.due_on.is_not(None), R.due_on < w.as_of)


FIGURES = (
    Figure(
        "received",
        _l("Applications received"),
        RECEIVED_BASIS,
        "received",
        received,
        _l("Applications for reconsideration received in the period (收案量)."),
    ),
    Figure(
        "received_prev_year",
        _l("Received a year earlier"),
        PREVIOUS_BASIS,
        "previous",
        received_prev_year,
        _l("Applications received in the same range a year earlier (29 February → 28 February)."),
        periodic=False,
    ),
    Figure(
        "accepted",
        _l("Accepted"),
        RECEIVED_BASIS,
        "received",
        accepted,
        _l("Of the applications received in the period, those accepted (or deemed accepted) by its end."),
    ),
    Figure(
        "rejected",
        _l("Not accepted"),
        RECEIVED_BASIS,
        "received",
        rejected,
        _l("Of the applications received in the period, those not accepted (不予受理) by its end."),
    ),
    Figure(
        "abandoned",
        _l("Deemed abandoned"),
        RECEIVED_BASIS,
        "received",
        abandoned,
        _l(
            "Of the applications received in the period, those deemed abandoned (视为放弃) by its end: the "
            "materials asked for were not supplied in time (ARL23 art 31 ¶2). Neither rejected, nor pending, nor "
            "concluded."
        ),
    ),
    Figure(
        "under_review",
        _l("Under acceptance review at the end of the period"),
        RECEIVED_BASIS,
        "received",
        under_review,
        _l("Of the applications received in the period, those neither accepted nor rejected by its end."),
    ),
    Figure(
        "concluded",
        _l("Reconsideration cases concluded"),
        CLOSED_BASIS,
        "closed",
        concluded,
        _l("Cases whose closing date falls in the period (decision, mediation statement or termination)."),
    ),
    Figure(
        "concluded_on_time",
        _l("Concluded within the statutory limit"),
        CLOSED_BASIS,
        "closed",
        concluded_on_time,
        _l("Cases closed in the period on or before their decision deadline (ARL23 art 62)."),
    ),
    Figure(
        "concluded_timed",
        _l("Concluded with a known deadline"),
        CLOSED_BASIS,
        "closed",
        concluded_timed,
        _l("The on-time rate's denominator: cases closed in the period whose decision deadline is known."),
    ),
    no_deadline_figure(CLOSED_BASIS, concluded_without_deadline),
    Figure(
        "corrections",
        _l("Corrections"),
        CLOSED_BASIS,
        "closed",
        corrections,
        _l(
            "Cases closed in the period by a correcting decision: modify, revoke, confirm unlawful, order performance, confirm void."
        ),
    ),
    Figure(
        "decisions",
        _l("Decisions on the merits"),
        CLOSED_BASIS,
        "closed",
        correction_base,
        _l(
            "The correction rate's denominator: cases closed in the period by a decision on the merits (the five corrections, uphold, reject the request; not a dismissal of the application). A setting may make it every decision or every concluded case."
        ),
    ),
    Figure(
        "mediated_or_settled",
        _l("Mediated or settled"),
        CLOSED_BASIS,
        "closed",
        mediated_or_settled,
        _l("Cases closed in the period by a mediation statement or terminated after a settlement."),
    ),
    Figure(
        "mediated_settled_withdrawn",
        _l("Mediated, settled or withdrawn"),
        CLOSED_BASIS,
        "closed",
        mediated_settled_or_withdrawn,
        _l(
            "Cases closed in the period by a mediation statement, or terminated after a settlement or a withdrawal."
        ),
    ),
    Figure(
        "caseload",
        _l("Caseload (accepted and carried over)"),
        CASELOAD_BASIS,
        "stock",
        caseload,
        _l(
            "Cases accepted by the end of the period and not concluded before it began, and every case concluded in it."
        ),
        periodic=False,
    ),
    Figure(
        "pending",
        _l("Pending at the end of the period"),
        END_BASIS,
        "stock",
        pending,
        _l("Cases received by the end of the period, not rejected, not abandoned and not concluded by then."),
        periodic=False,
    ),
    Figure(
        "overdue",
        _l("Overdue at the end of the period"),
        END_BASIS,
        "stock",
        overdue,
        _l("Pending cases whose decision deadline had passed by the end of the period (or today)."),
        periodic=False,
    ),
)
FIGURES_BY_KEY = {f.key: f for f in FIGURES}

RATES = (
    RateDef(
        "yoy_growth",
        _l("Year-on-year growth of intake"),
        "received",
        "received_prev_year",
        RECEIVED_BASIS,
        _l("同比增长: (received − received a year earlier) / received a year earlier."),
        difference=True,
    ),
    RateDef(
        "conclusion_rate",
        _l("Conclusion rate"),
        "concluded",
        "caseload",
        CLOSED_BASIS,
        _l("审结率: concluded / (accepted in the period + carried over)."),
    ),
    RateDef(
        "on_time_rate",
        _l("Concluded within the statutory limit (rate)"),
        "concluded_on_time",
        "concluded_timed",
        CLOSED_BASIS,
        _l("法定期限内结案率: concluded within the limit / concluded with a known deadline."),
        unmeasured="concluded_no_deadline",
    ),
    RateDef(
        "correction_rate",
        _l("Correction rate"),
        "corrections",
        "decisions",
        CLOSED_BASIS,
        _l("纠错率: corrections / decisions on the merits."),
    ),
    RateDef(
        "mediation_settlement_rate",
        _l("Mediation and settlement rate"),
        "mediated_or_settled",
        "concluded",
        CLOSED_BASIS,
        _l("调解和解率: mediated or settled / concluded."),
    ),
    RateDef(
        "mediation_withdrawal_rate",
        _l("Mediation, settlement and withdrawal rate"),
        "mediated_settled_withdrawn",
        "concluded",
        CLOSED_BASIS,
        _l("调撤率: mediated, settled or withdrawn / concluded."),
    ),
)


def _carried_or_pending(w: Window):
    # Received by the period's end and not concluded before it began: the stock figures' cases.
    return and_(R.received_on <= w.period.end, or_(R.closed_on.is_(None), R.closed_on >= w.period.start))


FAMILIES = {
    "received": Family(R.received_on, received),
    "previous": Family(R.received_on, received_prev_year),
    "closed": Family(R.closed_on, lambda w: w.within(R.closed_on)),
    "stock": Family(R.received_on, _carried_or_pending),
}


class ReconsiderationCounts(Counts):
    """The reconsideration figures of one row, with their rates (Ratio objects)."""

    FIGURES = FIGURES
    RATES = RATES


# ---------------------------------------------------------------- dimensions


def _by_agency(query: Select, w: Window):
    query = query.join(Agency, Agency.id == R.agency_id)
    return query, Agency.id, Agency.code, Agency.name, literal(None)


def _by_act_category(query: Select, w: Window):
    return query, R.act_category, R.act_category, literal(None), literal(None)


def _by_outcome(query: Select, w: Window):
    outcome = case((R.closed_on <= w.period.end, R.outcome), else_=None)
    return query, outcome, outcome, literal(None), literal(None)


def _coded_order(codes):
    def order(row: Row):
        return codes.index(row.code) if row.code in codes else len(codes)

    return order


DIMENSIONS = {
    "agency": Dimension("agency", _l("Respondent agency"), _by_agency),
    "act_category": Dimension(
        "act_category", _l("Category of act"), _by_act_category, _coded_order(ACT_CATEGORIES)
    ),
    "outcome": Dimension("outcome", _l("Way of concluding"), _by_outcome, _coded_order(OUTCOMES)),
}


def label_rows(rows: list[Row], dimension: str) -> list[Row]:
    """Give coded rows (act category, outcome) their Chinese names (the data's names, as in the reports)."""
    names = {"act_category": ACT_CATEGORY_NAMES_ZH, "outcome": OUTCOME_NAMES_ZH}.get(dimension)
    labels = {"act_category": ACT_CATEGORY_LABELS, "outcome": OUTCOME_LABELS}.get(dimension, {})
    if names:
        for row in rows:
            row.name = names.get(row.code, "")
            row.name_en = str(labels[row.code]) if row.code in labels else None
    return rows
