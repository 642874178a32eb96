"""Administrative litigation figures (行政应诉, issue 16): each a SQL condition, summed over the scoped cases.

Three kinds of row are counted, each over its own base: litigation cases (filed, judged, lost, overturned
reconsideration decisions, judgments in effect and performed), their hearings (负责人出庭应诉率 counts hearings,
not cases: `litigation_hearings` joined to its case), and reconsideration decisions (复议后起诉率: decisions
concluded in the period that a litigation case follows, at any time up to today). Voided cases count nowhere. A
drill-down lists the cases behind a number: for a hearing figure, the cases of those hearings.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, exists, false, literal, select
from sqlalchemy.orm import aliased

from casebook.core.permissions import Permission, has_permission
from casebook.litigation.codes import (
    ACT_CATEGORIES,
    ACT_CATEGORY_LABELS,
    HEAD_APPEARANCES,
    OVERTURNED_OUTCOMES,
)
from casebook.litigation.models import LitigationCase, LitigationHearing
from casebook.orgs.models import Agency
from casebook.reconsideration.codes import ACT_CATEGORY_NAMES_ZH, DECISION_OUTCOMES
from casebook.reconsideration.models import ReconsiderationCase
from casebook.stats.figures import Counts, Dimension, Family, Figure, RateDef, Row, Window

L = LitigationCase
H = LitigationHearing
R = ReconsiderationCase

FILED_BASIS = _l("court's filing date in the period")
JUDGED_BASIS = _l("judgment date in the period")
HEARING_BASIS = _l("hearing date in the period")
EFFECTIVE_BASIS = _l("date the judgment took effect in the period")
DECIDED_BASIS = _l("reconsideration decision's closing date in the period; suits filed up to today")


def litigation_cases(user) -> Select:
    """The litigation cases a user's statistics count: the area's scope, voided cases never, each with its
    hearings (an outer join: a case without a hearing is still one row)."""
    from casebook.litigation.queries import scoped_cases

    query = scoped_cases(user).outerjoin(H, H.case_id == L.id)
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return query.where(false())
    return query.where(L.is_voided.is_(False))


def litigation_conditions(resolved) -> list:
    """WHERE conditions of the statistics filters that apply (agency, category of act)."""
    conditions = []
    if resolved.agency_id is not None:
        conditions.append(L.agency_id == resolved.agency_id)
    if resolved.filters.act_category is not None:
        conditions.append(L.act_category == resolved.filters.act_category)
    return conditions


# ---------------------------------------------------------------- case figures


def filed(w: Window):
    return w.within(L.filed_on)


def judged(w: Window):
    return and_(L.outcome.is_not(None), w.within(L.judgment_on))


def lost(w: Window):
    # 败诉: a judgment against the agency (撤销, 变更, 确认违法, 确认无效, 责令履行 unless recorded otherwise).
    return and_(judged(w), L.is_against_agency.is_(True))


def after_reconsideration_judged(w: Window):
    return and_(judged(w), L.reconsideration_case_id.is_not(None))


def reconsideration_overturned(w: Window):
    # The court revoked the act (and with it the decision upholding it) or confirmed it unlawful or void: the
    # office's own error (复议决定被撤销、确认违法).
    return and_(after_reconsideration_judged(w), L.outcome.in_(sorted(OVERTURNED_OUTCOMES)))


def effective_lost(w: Window):
    # 生效裁判: the judgments against the agency that took effect in the period (ALL art 94–96: to be performed).
    return and_(L.is_against_agency.is_(True), w.within(L.effective_on))


def effective_performed(w: Window):
    return and_(effective_lost(w), L.performed_on.is_not(None))


# ---------------------------------------------------------------- hearing figures (a row per hearing)


def hearings_held(w: Window):
    return w.within(H.held_on)


def hearings_head_appeared(w: Window):
    # ALL art 3 ¶3; SPC20 art 2: the head or a deputy head appeared (负责人出庭应诉).
    return and_(hearings_held(w), H.appearance.in_(sorted(HEAD_APPEARANCES)))


# ---------------------------------------------------------------- reconsideration decisions


def _sued():
    suit = aliased(L)
    return exists().where(suit.reconsideration_case_id == R.id, suit.is_voided.is_(False))


def decisions(w: Window):
    # Every 决定 concluded in the period (not a mediation statement nor a termination): what could be sued.
    return and_(R.outcome.in_(sorted(DECISION_OUTCOMES)), w.within(R.closed_on))


def decisions_sued(w: Window):
    return and_(decisions(w), _sued())


CASE_FIGURES = (
    Figure("filed", _l("Litigation cases filed"), FILED_BASIS, "filed", filed,
           _l("Cases the court filed in the period where an agency of the district or the district government is the defendant.")),
    Figure("judged", _l("Judgments and rulings"), JUDGED_BASIS, "judged", judged,
           _l("Cases judged, ruled, mediated or withdrawn in the period (any instance).")),
    Figure("lost", _l("Judgments against the agency (败诉)"), JUDGED_BASIS, "judged", lost,
           _l("Of the judgments of the period, those against the agency: revoked, modified, confirmed unlawful or void, ordered to perform, unless recorded otherwise.")),
    Figure("after_reconsideration_judged", _l("Judgments on cases after reconsideration"), JUDGED_BASIS, "judged",
           after_reconsideration_judged, _l("Judgments of the period in cases that follow a reconsideration decision.")),
    Figure("reconsideration_overturned", _l("Reconsideration decisions revoked or confirmed unlawful in court"),
           JUDGED_BASIS, "judged", reconsideration_overturned,
           _l("Of those, the judgments revoking the act or confirming it unlawful or void.")),
    Figure("effective_lost", _l("Judgments against the agency in effect"), EFFECTIVE_BASIS, "effective",
           effective_lost, _l("Judgments against the agency that took effect in the period: to be performed.")),
    Figure("effective_performed", _l("Judgments in effect performed"), EFFECTIVE_BASIS, "effective",
           effective_performed, _l("Of those, the judgments the agency has performed (履行生效裁判).")),
)  # fmt: skip
HEARING_FIGURES = (
    Figure("hearings", _l("Hearings held"), HEARING_BASIS, "hearing", hearings_held,
           _l("Court hearings held in the period (each hearing counts once).")),
    Figure("hearings_head", _l("Hearings where a head appeared"), HEARING_BASIS, "hearing",
           hearings_head_appeared, _l("Of those, the hearings where the head or a deputy head of the agency appeared (ALL art 3 ¶3).")),
)  # fmt: skip
DECISION_FIGURES = (
    Figure("recon_decisions", _l("Reconsideration decisions"), DECIDED_BASIS, "decided", decisions,
           _l("Reconsideration decisions concluded in the period (not a mediation statement nor a termination).")),
    Figure("recon_decisions_sued", _l("Reconsideration decisions taken to court"), DECIDED_BASIS, "decided",
           decisions_sued, _l("Of those, the decisions that a litigation case follows (复议后起诉).")),
)  # fmt: skip
FIGURES = CASE_FIGURES + HEARING_FIGURES + DECISION_FIGURES
FIGURES_BY_KEY = {f.key: f for f in FIGURES}
# The figures a drill-down lists as litigation cases (the decisions list reconsideration cases).
LITIGATION_FIGURES_BY_KEY = {f.key: f for f in CASE_FIGURES + HEARING_FIGURES}
DECISION_FIGURES_BY_KEY = {f.key: f for f in DECISION_FIGURES}

RATES = (
    RateDef("head_appearance_rate", _l("Heads appearing in court (负责人出庭应诉率)"), "hearings_head", "hearings",
            HEARING_BASIS, _l("负责人出庭应诉率: hearings where a head appeared / hearings held.")),
    RateDef("loss_rate", _l("Loss rate (败诉率)"), "lost", "judged", JUDGED_BASIS,
            _l("败诉率: judgments against the agency / judgments and rulings.")),
    RateDef("sued_after_reconsideration_rate", _l("Decisions taken to court (复议后起诉率)"), "recon_decisions_sued",
            "recon_decisions", DECIDED_BASIS, _l("复议后起诉率: reconsideration decisions taken to court / decisions.")),
    RateDef("reconsideration_overturn_rate", _l("Reconsideration decisions overturned in court"),
            "reconsideration_overturned", "after_reconsideration_judged", JUDGED_BASIS,
            _l("Judgments revoking or confirming unlawful the act after reconsideration / judgments on such cases.")),
    RateDef("judgment_performance_rate", _l("Judgments in effect performed (生效裁判履行率)"), "effective_performed",
            "effective_lost", EFFECTIVE_BASIS, _l("生效裁判履行率: judgments performed / judgments against the agency in effect.")),
)  # fmt: skip

CASE_FAMILIES = {
    "filed": Family(L.filed_on, filed),
    "judged": Family(L.judgment_on, lambda w: w.within(L.judgment_on)),
    "effective": Family(L.effective_on, lambda w: w.within(L.effective_on)),
}
HEARING_FAMILIES = {"hearing": Family(H.held_on, hearings_held)}
DECISION_FAMILIES = {"decided": Family(R.closed_on, lambda w: w.within(R.closed_on))}


class LitigationCounts(Counts):
    """The litigation figures of one row, with their rates."""

    FIGURES = FIGURES
    RATES = RATES


# ---------------------------------------------------------------- dimensions


def _by_agency(query: Select, w: Window):
    query = query.outerjoin(Agency, Agency.id == L.agency_id)
    return query, Agency.id, Agency.code, Agency.name, literal(None)


def _by_act_category(query: Select, w: Window):
    return query, L.act_category, L.act_category, literal(None), literal(None)


def _category_order(row: Row):
    return ACT_CATEGORIES.index(row.code) if row.code in ACT_CATEGORIES else len(ACT_CATEGORIES)


DIMENSIONS = {
    "agency": Dimension("agency", _l("Defending agency"), _by_agency),
    "act_category": Dimension("act_category", _l("Category of act"), _by_act_category, _category_order),
}


def label_rows(rows: list[Row], dimension: str) -> list[Row]:
    """Name the rows: categories by their Chinese names, the district government's row (no agency) as such."""
    from flask_babel import gettext as _

    for row in rows:
        if dimension == "act_category":
            row.name = ACT_CATEGORY_NAMES_ZH.get(row.code or "", "")
            row.name_en = str(ACT_CATEGORY_LABELS[row.code]) if row.code in ACT_CATEGORY_LABELS else None
        elif dimension == "agency" and row.key is None:
            row.name = _("The district government")
    return rows


def hearing_base(base: Select) -> Select:
    """The hearings of the cases of `base` (a row per hearing)."""
    return base.where(H.id.is_not(None))


def case_base(base: Select) -> Select:
    """The cases of `base` once each (the hearings' join left out)."""
    ids = base.with_only_columns(L.id, maintain_column_froms=True)
    return select(L).where(L.id.in_(ids))
