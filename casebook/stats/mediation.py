"""People's mediation figures (domain.md §4): each a SQL condition, summed over the scoped case query.

Cohort figures (registered, succeeded, failed, terminated, not accepted, in progress, 化解率) take the cases
registered in the period and judge each by its state at the end of the period; conclusion figures (concluded, success rate of
concluded, on time) take the cases closed in the period; agreement figures (履行率) those whose agreement falls
in the period, with the follow-ups made by the period's end.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, case, exists, func, literal, not_, or_, select
from sqlalchemy.orm import aliased

from casebook.mediation.models import (
    OUTCOME_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
    MediationCase,
    MediationFollowup,
    Outcome,
    Performance,
    Status,
    mediation_case_mediators,
)
from casebook.orgs.models import Area, AreaLevel, Committee, DisputeType, Mediator
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
from casebook.stats.filters import case_area_id

M = MediationCase
F = MediationFollowup

REGISTERED_BASIS = _l("registration date in the period; state at the end of the period")
CLOSED_BASIS = _l("closing date in the period")
AGREEMENT_BASIS = _l("agreement date in the period; follow-ups up to the end of the period")

# The agreement's date: the date recorded for it, else the closing date of the successful mediation.
AGREEMENT_ON = func.coalesce(M.agreement_on, M.closed_on)


def _closed_by_end(w: Window):
    return and_(M.closed_on.is_not(None), w.by_end(M.closed_on, M.registered_on))


def registered(w: Window):
    return w.within(M.registered_on)


def _outcome_by_end(outcome: Outcome):
    def condition(w: Window):
        return and_(registered(w), M.outcome == outcome.value, _closed_by_end(w))

    return condition


def _not_accepted_by_end(w: Window):
    return and_(M.not_accepted_on.is_not(None), w.by_end(M.not_accepted_on, M.registered_on))


def not_accepted(w: Window):
    # 不予受理 (PML art 17): registered, so in 登记纠纷 and 化解率's denominator, but never mediated: neither in
    # progress nor concluded (domain.md §3.2). Like the outcomes, judged by the decision's date against the
    # period's end, so that a past period's figures stay as they were reported.
    return and_(registered(w), _not_accepted_by_end(w))


def in_progress(w: Window):
    return and_(
        registered(w),
        or_(M.closed_on.is_(None), not_(w.by_end(M.closed_on, M.registered_on))),
        or_(M.not_accepted_on.is_(None), not_(_not_accepted_by_end(w))),
    )


def concluded(w: Window):
    return and_(M.outcome.is_not(None), w.within(M.closed_on))


def concluded_succeeded(w: Window):
    return and_(concluded(w), M.outcome == Outcome.SUCCESS.value)


def concluded_timed(w: Window):
    # The on-time rate's denominator: concluded cases whose deadline is known. due_on is NULL for a concluded
    # case only when its deadline cannot be computed (a year without a holiday schedule): such a case counts in
    # neither part of the rate, and their number is shown beside it (domain.md §2.3, §4).
    return and_(concluded(w), M.due_on.is_not(None))


def concluded_on_time(w: Window):
    # MoJ02: mediated within the limit (due_on: the stored mediation deadline, with extensions).
    return and_(concluded_timed(w), M.closed_on <= M.due_on)


def concluded_without_deadline(w: Window):
    return and_(concluded(w), M.due_on.is_(None))


def agreements(w: Window):
    # The case closes on or after its agreement (the mediation operations refuse anything else), so every
    # agreement counted here belongs to a case closed in the period: the family's prefilter.
    return and_(
        M.outcome == Outcome.SUCCESS.value,
        w.within(AGREEMENT_ON),
        M.closed_on.is_not(None),
        M.closed_on >= AGREEMENT_ON,
        w.by_end(M.closed_on, AGREEMENT_ON),
    )


def _followups_by_end(w: Window):
    return and_(F.case_id == M.id, w.by_end(F.visited_on, AGREEMENT_ON))


def followed_up(w: Window):
    return and_(agreements(w), exists().where(_followups_by_end(w)))


def performed(w: Window):
    # PML art 31: the latest follow-up by the end of the period found the agreement fully performed.
    latest = (
        select(F.performance)
        .where(_followups_by_end(w))
        .order_by(F.visited_on.desc(), F.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    # The EXISTS first (an index lookup) spares the ordered subquery for agreements never found performed.
    ever_performed = exists().where(_followups_by_end(w), F.performance == Performance.PERFORMED.value)
    return and_(agreements(w), ever_performed, latest == Performance.PERFORMED.value)


FIGURES = (
    Figure(
        "registered",
        _l("Disputes registered"),
        REGISTERED_BASIS,
        "registered",
        registered,
        _l("Mediation cases registered in the period (登记纠纷; the annual report says 排查各类矛盾纠纷)."),
    ),
    Figure(
        "succeeded",
        _l("Mediated successfully"),
        REGISTERED_BASIS,
        "registered",
        _outcome_by_end(Outcome.SUCCESS),
        _l("Of the cases registered in the period, those concluded with success by the period's end."),
    ),
    Figure(
        "failed",
        _l("Mediation failed"),
        REGISTERED_BASIS,
        "registered",
        _outcome_by_end(Outcome.FAILED),
        _l("Of the cases registered in the period, those that failed by the period's end."),
    ),
    Figure(
        "terminated",
        _l("Mediation terminated"),
        REGISTERED_BASIS,
        "registered",
        _outcome_by_end(Outcome.TERMINATED),
        _l("Of the cases registered in the period, those terminated by the period's end."),
    ),
    Figure(
        "not_accepted",
        _l("Not accepted"),
        REGISTERED_BASIS,
        "registered",
        not_accepted,
        _l(
            "Of the cases registered in the period, those not accepted (不予受理: a party refuses, PML art. 17,"
            " or not a dispute for people's mediation) by the period's end: counted in 登记纠纷 and so in the"
            " resolution rate's denominator, never as in progress or concluded."
        ),
    ),
    Figure(
        "in_progress",
        _l("In progress at the end of the period"),
        REGISTERED_BASIS,
        "registered",
        in_progress,
        _l(
            "Of the cases registered in the period, those neither concluded nor not accepted by the period's end."
        ),
    ),
    Figure(
        "concluded",
        _l("Mediation cases concluded"),
        CLOSED_BASIS,
        "closed",
        concluded,
        _l("Mediation cases whose closing date falls in the period, whatever the outcome."),
    ),
    Figure(
        "concluded_succeeded",
        _l("Concluded with success"),
        CLOSED_BASIS,
        "closed",
        concluded_succeeded,
        _l("Cases closed in the period with the outcome success."),
    ),
    Figure(
        "concluded_on_time",
        _l("Concluded within the mediation limit"),
        CLOSED_BASIS,
        "closed",
        concluded_on_time,
        _l(
            "Cases closed in the period on or before their mediation deadline (30 days, plus agreed extensions)."
        ),
    ),
    Figure(
        "concluded_timed",
        _l("Concluded with a known deadline"),
        CLOSED_BASIS,
        "closed",
        concluded_timed,
        _l("The on-time rate's denominator: cases closed in the period whose mediation deadline is known."),
    ),
    no_deadline_figure(CLOSED_BASIS, concluded_without_deadline),
    Figure(
        "agreements",
        _l("Agreements reached"),
        AGREEMENT_BASIS,
        "agreement",
        agreements,
        _l("Successful mediations whose agreement date (else closing date) falls in the period."),
    ),
    Figure(
        "followed_up",
        _l("Agreements followed up"),
        AGREEMENT_BASIS,
        "agreement",
        followed_up,
        _l("Of those agreements, the ones with a follow-up visit by the period's end."),
    ),
    Figure(
        "performed",
        _l("Agreements performed"),
        AGREEMENT_BASIS,
        "agreement",
        performed,
        _l("Of the agreements followed up, those whose latest follow-up found them fully performed."),
    ),
)
FIGURES_BY_KEY = {f.key: f for f in FIGURES}

RATES = (
    RateDef(
        "resolution_rate",
        _l("Resolution rate"),
        "succeeded",
        "registered",
        REGISTERED_BASIS,
        _l("化解率: mediated successfully / disputes registered."),
    ),
    RateDef(
        "success_rate",
        _l("Success rate of concluded cases"),
        "concluded_succeeded",
        "concluded",
        CLOSED_BASIS,
        _l("结案调解成功率: concluded with success / concluded."),
    ),
    RateDef(
        "on_time_rate",
        _l("Mediation on-time rate"),
        "concluded_on_time",
        "concluded_timed",
        CLOSED_BASIS,
        _l("Concluded within the mediation limit / concluded with a known deadline."),
        unmeasured="concluded_no_deadline",
    ),
    RateDef(
        "performance_rate",
        _l("Agreement performance rate"),
        "performed",
        "followed_up",
        AGREEMENT_BASIS,
        _l("履行率: agreements performed / agreements followed up."),
    ),
)

FAMILIES = {
    "registered": Family(M.registered_on, registered),
    "closed": Family(M.closed_on, lambda w: w.within(M.closed_on)),
    "agreement": Family(AGREEMENT_ON, lambda w: w.within(M.closed_on)),  # agreements close in the period
}


class MediationCounts(Counts):
    """The mediation figures of one row, with their rates (`.resolution_rate` etc. are Ratio objects)."""

    FIGURES = FIGURES
    RATES = RATES


# ---------------------------------------------------------------- dimensions


def _by_committee(query: Select, w: Window):
    query = query.join(Committee, Committee.id == M.committee_id)
    return query, Committee.id, Committee.code, Committee.name, literal(None)


def _by_dispute_type(query: Select, w: Window):
    query = query.join(DisputeType, DisputeType.id == M.dispute_type_id)
    return query, DisputeType.id, DisputeType.code, DisputeType.name_zh, DisputeType.name_en


def _by_mediator(query: Select, w: Window):
    link = mediation_case_mediators
    query = query.join(link, link.c.case_id == M.id).join(Mediator, Mediator.id == link.c.mediator_id)
    return query, Mediator.id, Mediator.code, Mediator.name, literal(None)


def _by_source(query: Select, w: Window):
    return query, M.source, M.source, literal(None), literal(None)


def _by_outcome(query: Select, w: Window):
    # The outcome as it stood at the end of the period (NULL: still in progress then); a case not accepted by
    # then is a row of its own.
    outcome = case(
        (M.closed_on <= w.period.end, M.outcome),
        (M.not_accepted_on <= w.period.end, literal(Status.NOT_ACCEPTED.value)),
        else_=None,
    )
    return query, outcome, outcome, literal(None), literal(None)


def _by_area(query: Select, w: Window):
    # Township / street level: a village's case counts under its township (as the organisation counts do).
    own, parent, township = aliased(Area), aliased(Area), aliased(Area)
    township_id = case((own.level == AreaLevel.VILLAGE.value, parent.id), else_=own.id)
    query = (
        query.outerjoin(own, own.id == case_area_id())
        .outerjoin(parent, parent.id == own.parent_id)
        .outerjoin(township, township.id == township_id)
    )
    return query, township.id, township.code, township.name, literal(None)


def _source_order(row: Row):
    order = list(SOURCE_LABELS)
    return order.index(row.code) if row.code in order else len(order)


# The rows of the outcome breakdown: the outcomes of mediation, then the cases not accepted (不予受理).
OUTCOME_ROW_LABELS = {**OUTCOME_LABELS, Status.NOT_ACCEPTED: STATUS_LABELS[Status.NOT_ACCEPTED]}


def _outcome_order(row: Row):
    order = list(OUTCOME_ROW_LABELS)
    return order.index(row.code) if row.code in order else len(order)


def _dispute_type_order(row: Row):
    return row.key


DIMENSIONS = {
    "committee": Dimension("committee", _l("Committee"), _by_committee),
    "dispute_type": Dimension("dispute_type", _l("Dispute type"), _by_dispute_type, _dispute_type_order),
    "mediator": Dimension("mediator", _l("Mediator"), _by_mediator),
    "source": Dimension("source", _l("Source"), _by_source, _source_order),
    "outcome": Dimension("outcome", _l("Outcome of mediation"), _by_outcome, _outcome_order),
    "area": Dimension("area", _l("Area"), _by_area),
}


def label_rows(rows: list[Row], dimension: str) -> list[Row]:
    """Give coded rows (source, outcome) their translated names."""
    labels = {"source": SOURCE_LABELS, "outcome": OUTCOME_ROW_LABELS}.get(dimension)
    if labels:
        for row in rows:
            row.name = str(labels[row.code]) if row.code in labels else str(_l("In progress"))
    return rows
