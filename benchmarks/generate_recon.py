"""Reconsideration cases over the same six years, with one applicant each and the deadlines the engine gives."""

from __future__ import annotations

import random
from datetime import timedelta

from benchmarks import names
from benchmarks.bulk import Loader
from benchmarks.generate_cases import _stamp, daily_counts
from benchmarks.generate_orgs import Orgs
from benchmarks.settings import DATA_END
from casebook.calendars.service import deadline_settings, working_calendar
from casebook.deadlines import (
    CalendarYearUnknown,
    ReconsiderationFacts,
    Suspension,
    compute_reconsideration,
    law_for_received_on,
)
from casebook.reconsideration.codes import ACT_CATEGORIES
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationParty,
    ReconsiderationSuspension,
)

# Outcomes of the concluded cases, roughly as a district reports them (uphold and reject most often).
OUTCOME_WEIGHTS = {
    "uphold": 40, "reject_request": 18, "dismiss": 6, "revoke": 8, "modify": 2, "confirm_unlawful": 6,
    "order_performance": 3, "confirm_void": 1, "mediated": 6, "terminated": 10,
}  # fmt: skip
CATEGORY_WEIGHTS = (30, 8, 6, 4, 10, 3, 14, 8, 9, 3, 5)  # in the order of ACT_CATEGORIES


def load_reconsideration(loader: Loader, orgs: Orgs, total: int, rng: random.Random, progress=print) -> None:
    """Generate and insert `total` reconsideration cases (received in date order), 10,000 at a time."""
    generator = _Generator(orgs, rng)
    rows: dict[str, list[dict]] = {"cases": [], "parties": [], "suspensions": []}
    for day, count in daily_counts(total, rng):
        for _ in range(count):
            generator.case(day, rows)
        if len(rows["cases"]) >= 10_000:
            _flush(loader, rows)
            progress(f"reconsideration cases: {generator.case_id:,} / {total:,}")
    _flush(loader, rows)
    loader.reset_sequences(TABLES.values())


TABLES = {
    "cases": ReconsiderationCase.__table__,
    "parties": ReconsiderationParty.__table__,
    "suspensions": ReconsiderationSuspension.__table__,
}


def _flush(loader: Loader, rows: dict[str, list[dict]]) -> None:
    for name, table in TABLES.items():
        loader.insert(table, rows[name])
        rows[name].clear()


class _Generator:
    """One case at a time, with the engine's deadlines cached per set of dates."""

    def __init__(self, orgs: Orgs, rng: random.Random):
        self.orgs, self.rng = orgs, rng
        self.calendar, self.settings = working_calendar(), deadline_settings()
        self.cache: dict[tuple, tuple] = {}
        self.seqs: dict[int, int] = {}
        self.case_id = self.suspension_id = 0

    def deadlines(self, day, accepted_on, rejected_on, procedure, extension, closed, suspended_from) -> tuple:
        """(acceptance due, accepted on, deemed?, due on, missing calendar year) as the app stores them."""
        key = (day, accepted_on, rejected_on, procedure, extension, closed, suspended_from)
        if key not in self.cache:
            facts = ReconsiderationFacts(
                received_on=day,
                accepted_on=accepted_on,
                rejected_on=rejected_on,
                procedure=procedure,
                suspensions=(Suspension(suspended_from, None, 1),) if suspended_from else (),
                extension_days=extension,
                closed_on=closed,
            )
            try:
                r = compute_reconsideration(facts, self.calendar, self.settings, as_of=DATA_END)
                self.cache[key] = (r.acceptance_due_on, r.accepted_on, r.is_accepted_deemed, r.due_on, None)
            except CalendarYearUnknown as error:  # as the app stores it: the deadline waits for the calendar
                self.cache[key] = (None, accepted_on, False, None, error.year)
        return self.cache[key]

    def case(self, day, rows: dict[str, list[dict]]) -> None:
        """One case received on `day`, as it stands on DATA_END."""
        rng = self.rng
        self.case_id += 1
        case_id = self.case_id
        self.seqs[day.year] = seq = self.seqs.get(day.year, 0) + 1
        law = law_for_received_on(day)
        procedure = "simplified" if law == "ARL23" and rng.random() < 0.15 else "ordinary"
        extension = rng.choice((10, 20, 30)) if procedure == "ordinary" and rng.random() < 0.1 else 0
        rejected = rng.random() < 0.08
        accepted_on = None if rejected else day + timedelta(days=rng.randint(1, 5))
        limit = (60 if procedure == "ordinary" else 30) + extension
        length = rng.randint(15, limit) if rng.random() < 0.99 else limit + rng.randint(5, 20)  # 1% late
        closed = None if rejected else accepted_on + timedelta(days=length)
        suspended_from = None
        if closed is not None and closed > DATA_END:
            closed = None
            if rng.random() < 0.05:
                suspended_from = accepted_on + timedelta(days=10)
                suspended_from = suspended_from if suspended_from <= DATA_END else None
        if accepted_on is not None and accepted_on > DATA_END:
            accepted_on = None  # still under acceptance review
        outcome = rng.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0] if closed else None
        voided = rng.random() < 0.003
        if voided:
            outcome, closed, suspended_from, rejected = None, None, None, False
        rejected_on = day + timedelta(days=rng.randint(1, 5)) if rejected else None
        if rejected_on is not None and rejected_on > DATA_END:
            rejected, rejected_on, accepted_on = False, None, None
        acceptance_due_on, accepted_on, deemed, due_on, missing_year = self.deadlines(
            day, accepted_on, rejected_on, procedure, extension, closed, suspended_from
        )
        if voided:
            status = "voided"
        elif rejected:
            status = "rejected"
        elif closed is not None:
            status = "concluded"
        elif suspended_from is not None:
            status = "suspended"
        else:
            status = "accepted" if accepted_on is not None and accepted_on <= DATA_END else "received"
        applicant = names.person_name(rng) if rng.random() < 0.85 else names.company_name(rng)
        organisation = applicant.endswith("公司")
        rows["cases"].append(
            {
                "id": case_id,
                "case_no": f"区府复〔{day.year}〕{seq}号",
                "case_year": day.year,
                "case_seq": seq,
                "received_on": day,
                "channel": rng.choice(("written", "online", "oral")),
                "agency_id": rng.choice(self.orgs.agency_ids),
                "act_category": rng.choices(ACT_CATEGORIES, CATEGORY_WEIGHTS)[0],
                "is_late_application": rng.random() < 0.02,
                "request": "请求撤销被申请人作出的具体行政行为",
                "applicant_names": applicant,
                "law": law,
                "status": status,
                "acceptance_due_on": acceptance_due_on,
                "acceptance": "rejected" if rejected else "accepted" if accepted_on is not None else None,
                "accepted_on": accepted_on,
                "is_accepted_deemed": deemed,
                "rejected_on": rejected_on,
                "rejection_reason": "不符合受理条件" if rejected else None,
                "procedure": procedure,
                "extension_days": extension,
                "extension_approved_by": "复议机构负责人" if extension else None,
                "outcome": outcome,
                "termination_ground": rng.choice(("withdrawal", "settlement"))
                if outcome == "terminated"
                else None,
                "closed_on": closed,
                "due_on": due_on,
                "is_late": bool(closed and due_on and closed > due_on),
                "is_voided": voided,
                "void_reason": "重复登记" if voided else None,
                "calendar_missing_year": missing_year,
                "version": 1,
                "created_at": _stamp(day),
                "updated_at": _stamp(closed or day),
            }
        )
        rows["parties"].append(
            {
                "id": case_id,
                "case_id": case_id,
                "role": "applicant",
                "kind": "organisation" if organisation else "person",
                "position": 0,
                "name": applicant,
                "id_number": names.resident_id(rng) if not organisation and rng.random() < 0.7 else None,
                "phone": names.mobile(rng) if rng.random() < 0.7 else None,
            }
        )
        if suspended_from is not None:
            self.suspension_id += 1
            rows["suspensions"].append(
                {
                    "id": self.suspension_id,
                    "case_id": case_id,
                    "from_on": suspended_from,
                    "to_on": None,
                    "ground": 1,
                    "note": "待其他案件审结",
                }
            )
