"""The dashboard's mediation figures written by hand as single SQL statements: the yardstick for the app's time.

Written as a careful DBA would given the indexes: each family of figures summed over its own date range, the
families added up in one statement, the ordered follow-up lookup only for agreements ever found performed.

Same definitions as casebook.stats.mediation (domain.md §4): cohort figures by registration date judged at the
end of the period, conclusion figures by closing date, agreement figures by agreement date (else closing date)
with the latest follow-up made by the end of the period. Voided cases count nowhere.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, bindparam, text

from casebook.extensions import db

FIGURES = (
    "registered",
    "succeeded",
    "failed",
    "terminated",
    "in_progress",
    "concluded",
    "concluded_succeeded",
    "concluded_on_time",
    "agreements",
    "followed_up",
    "performed",
)

_REG = "m.registered_on BETWEEN :s AND :e"
_CLOSED = "m.outcome IS NOT NULL AND m.closed_on BETWEEN :s AND :e"
# An agreement counts with its case closed on or after it, by the period's end (casebook.stats.mediation).
_AGREEMENT = (
    "m.outcome = 'success' AND COALESCE(m.agreement_on, m.closed_on) BETWEEN :s AND :e "
    "AND m.closed_on >= COALESCE(m.agreement_on, m.closed_on) AND m.closed_on <= :e"
)
_LATEST = (
    "(SELECT f.performance FROM mediation_followups f WHERE f.case_id = m.id AND f.visited_on <= :e "
    "ORDER BY f.visited_on DESC, f.id DESC LIMIT 1)"
)
_FOLLOWED = "(SELECT 1 FROM mediation_followups f WHERE f.case_id = m.id AND f.visited_on <= :e)"
_EVER_PERFORMED = (
    "(SELECT 1 FROM mediation_followups f WHERE f.case_id = m.id AND f.visited_on <= :e "
    "AND f.performance = 'performed')"
)
CONDITIONS = {
    "registered": _REG,
    "succeeded": f"{_REG} AND m.outcome = 'success' AND m.closed_on <= :e",
    "failed": f"{_REG} AND m.outcome = 'failed' AND m.closed_on <= :e",
    "terminated": f"{_REG} AND m.outcome = 'terminated' AND m.closed_on <= :e",
    "in_progress": f"{_REG} AND (m.closed_on IS NULL OR m.closed_on > :e)",
    "concluded": _CLOSED,
    "concluded_succeeded": f"{_CLOSED} AND m.outcome = 'success'",
    "concluded_on_time": f"{_CLOSED} AND m.due_on IS NOT NULL AND m.closed_on <= m.due_on",
    "agreements": _AGREEMENT,
    "followed_up": f"{_AGREEMENT} AND EXISTS {_FOLLOWED}",
    "performed": f"{_AGREEMENT} AND EXISTS {_EVER_PERFORMED} AND {_LATEST} = 'performed'",
}
# Each family of figures over the cases whose date of that family lies in the period (every figure of a family
# implies it): two index ranges (registration, closing: agreements close in the period) instead of one scan of
# every case.
FAMILIES = {
    "m.registered_on BETWEEN :s AND :e": ("registered", "succeeded", "failed", "terminated", "in_progress"),
    "m.closed_on BETWEEN :s AND :e": (
        "concluded",
        "concluded_succeeded",
        "concluded_on_time",
        "agreements",
        "followed_up",
        "performed",
    ),
}


def _family(where: str, keys: tuple[str, ...], committees: list[int] | None, group: bool) -> str:
    # every branch of the UNION lists all the figures in the same order: this family's sums, zeros for the others
    columns = ", ".join(
        f"SUM(CASE WHEN {CONDITIONS[k]} THEN 1 ELSE 0 END) AS {k}" if k in keys else f"0 AS {k}"
        for k in FIGURES
    )
    conditions = ["NOT m.is_voided", where]
    if committees is not None:
        conditions.append(f"m.committee_id IN ({', '.join(str(int(c)) for c in committees)})")
    head = "m.committee_id AS committee_id, " if group else ""
    sql = f"SELECT {head}{columns} FROM mediation_cases m WHERE {' AND '.join(conditions)}"  # noqa: S608
    return sql + (" GROUP BY m.committee_id" if group else "")


def _sql(committees: list[int] | None, group_by_committee: bool = False) -> str:
    """One statement: the families' sub-selects added up (per committee when grouped)."""
    parts = " UNION ALL ".join(
        _family(where, keys, committees, group_by_committee) for where, keys in FAMILIES.items()
    )
    head = "committee_id, " if group_by_committee else ""
    sums = ", ".join(f"SUM({k})" for k in FIGURES)
    tail = " GROUP BY committee_id" if group_by_committee else ""
    return f"SELECT {head}{sums} FROM ({parts}) AS families{tail}"  # noqa: S608


def _params(start: date, end: date):
    return {"s": start, "e": end}


def _statement(sql: str):
    return text(sql).bindparams(bindparam("s", type_=Date), bindparam("e", type_=Date))


def totals(start: date, end: date, committees: list[int] | None = None) -> dict[str, int]:
    """The mediation figures of [start, end], for every committee or those given: one statement."""
    row = db.session.execute(_statement(_sql(committees)), _params(start, end)).one()
    return {k: int(v or 0) for k, v in zip(FIGURES, row, strict=True)}


def by_committee(start: date, end: date) -> dict[int, dict[str, int]]:
    """The mediation figures of [start, end] per committee: one statement with GROUP BY."""
    rows = db.session.execute(_statement(_sql(None, group_by_committee=True)), _params(start, end))
    return {r[0]: {k: int(v or 0) for k, v in zip(FIGURES, r[1:], strict=True)} for r in rows}
