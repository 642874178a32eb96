"""Case numbers per committee and year (e.g. 城关调〔2024〕0001号): unique and gap-free under concurrent intake.

A counter row per (committee, year) holds the last sequence issued. Issuing a number inserts the row when it is
missing and increments it with `UPDATE … RETURNING` in the intake's own transaction: on PostgreSQL the UPDATE
locks the row (like SELECT … FOR UPDATE) until the intake commits, on SQLite the first write takes the database's
write lock. A second intake waits, then reads the incremented value; a rolled-back intake gives its number back.
Numbers already used (e.g. imported from the bureau's spreadsheets) are skipped.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import exists, select, update
from sqlalchemy.dialects import postgresql, sqlite

from casebook.extensions import db
from casebook.mediation.models import MediationCase, MediationCaseCounter


def format_case_no(committee, year: int, seq: int) -> str:
    """The case number in the configured format (MEDIATION_CASE_NO_FORMAT)."""
    pattern = current_app.config["MEDIATION_CASE_NO_FORMAT"]
    short = committee.short_name or committee.name.removesuffix("人民调解委员会") or committee.name
    return pattern.format(committee_short=short, committee_code=committee.code, year=year, seq=seq)


def _insert_counter_if_missing(committee_id: int, year: int) -> None:
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(
        insert(MediationCaseCounter)
        .values(committee_id=committee_id, year=year, last_seq=0)
        .on_conflict_do_nothing(index_elements=["committee_id", "year"])
    )


def _increment(committee_id: int, year: int, by: int = 1) -> int:
    return db.session.execute(
        update(MediationCaseCounter)
        .where(MediationCaseCounter.committee_id == committee_id, MediationCaseCounter.year == year)
        .values(last_seq=MediationCaseCounter.last_seq + by)
        .returning(MediationCaseCounter.last_seq)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def _taken(case_no: str) -> bool:
    return bool(db.session.scalar(select(exists().where(MediationCase.case_no == case_no))))


def issue_case_no(committee, year: int) -> tuple[str, int]:
    """The next free case number of `committee` for `year` and its sequence (locks the counter until commit)."""
    _insert_counter_if_missing(committee.id, year)
    while True:
        seq = _increment(committee.id, year)
        case_no = format_case_no(committee, year, seq)
        if not _taken(case_no):
            return case_no, seq


class BulkNumberer:
    """Issues many numbers in one transaction (imports, demo): each counter is locked once, kept in memory,
    and written back by `save()`. `taken` holds numbers to skip (existing ones and those named in the file)."""

    def __init__(self, taken: set[str] | None = None):
        self.taken = taken if taken is not None else set(db.session.scalars(select(MediationCase.case_no)))
        self._last: dict[tuple[int, int], int] = {}
        self._start: dict[tuple[int, int], int] = {}

    def issue(self, committee, year: int) -> tuple[str, int]:
        """The next free number of `committee` for `year`."""
        key = (committee.id, year)
        if key not in self._last:
            _insert_counter_if_missing(committee.id, year)
            self._last[key] = self._start[key] = _increment(committee.id, year, 0)
        while True:
            self._last[key] += 1
            case_no = format_case_no(committee, year, self._last[key])
            if case_no not in self.taken:
                self.taken.add(case_no)
                return case_no, self._last[key]

    def save(self) -> None:
        """Write the counters back (the rows are locked since their first use in this transaction)."""
        for (committee_id, year), last in self._last.items():
            if last != self._start[(committee_id, year)]:
                _increment(committee_id, year, last - self._start[(committee_id, year)])
            self._start[(committee_id, year)] = last
