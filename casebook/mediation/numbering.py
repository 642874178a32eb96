"""Case numbers per committee and year (e.g. 城关调〔2024〕0001号): unique and gap-free under concurrent intake.

A counter row per (committee, year) holds the last sequence issued. Issuing a number inserts the row when it is
missing and increments it with `UPDATE … RETURNING` in the intake's own transaction: on PostgreSQL the UPDATE
locks the row (like SELECT … FOR UPDATE) until the intake commits, on SQLite the first write takes the database's
write lock. A second intake waits, then reads the incremented value; a rolled-back intake gives its number back.
Numbers already used (e.g. imported from the bureau's spreadsheets) are skipped.
"""

from __future__ import annotations

from collections import deque

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
    and written back by `save()`. Numbers already used are skipped: those in `taken` (e.g. named in the file
    being imported) and those in the database, asked for WINDOW candidates at a time (never every number)."""

    WINDOW = 200

    def __init__(self, taken: set[str] | None = None):
        self.taken = taken if taken is not None else set()
        self._last: dict[tuple[int, int], int] = {}
        self._start: dict[tuple[int, int], int] = {}
        self._free: dict[tuple[int, int], deque[tuple[str, int]]] = {}
        self._scanned: dict[tuple[int, int], int] = {}  # the last sequence looked up in the database

    def issue(self, committee, year: int) -> tuple[str, int]:
        """The next free number of `committee` for `year`."""
        key = (committee.id, year)
        if key not in self._last:
            _insert_counter_if_missing(committee.id, year)
            self._last[key] = self._start[key] = self._scanned[key] = _increment(committee.id, year, 0)
            self._free[key] = deque()
        free = self._free[key]
        while True:
            if not free:
                self._next_window(committee, year, key)
            case_no, seq = free.popleft()
            if case_no not in self.taken:
                self.taken.add(case_no)
                self._last[key] = seq
                return case_no, seq

    def _next_window(self, committee, year: int, key: tuple[int, int]) -> None:
        """The next WINDOW numbers of the counter that no case holds yet (one query)."""
        first = self._scanned[key] + 1
        self._scanned[key] += self.WINDOW
        candidates = [
            (format_case_no(committee, year, seq), seq) for seq in range(first, first + self.WINDOW)
        ]
        used = set(
            db.session.scalars(
                select(MediationCase.case_no).where(
                    MediationCase.case_no.in_([no for no, _seq in candidates])
                )
            )
        )
        self._free[key].extend(candidate for candidate in candidates if candidate[0] not in used)

    def save(self) -> None:
        """Write the counters back (the rows are locked since their first use in this transaction)."""
        for (committee_id, year), last in self._last.items():
            if last != self._start[(committee_id, year)]:
                _increment(committee_id, year, last - self._start[(committee_id, year)])
            self._start[(committee_id, year)] = last
