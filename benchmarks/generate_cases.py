"""Mediation cases over six years, with parties, mediators, sessions, extensions, confirmations, follow-ups and
one history row each (as the import of the bureau's registers leaves them), streamed in chunks.

Every row satisfies the tables' CHECK constraints; `due_on` is the deadline engine's answer, computed through the
app's own `compute_due_on` with a cache per (basis date, extension days).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import select

from benchmarks import names
from benchmarks.bulk import Loader
from benchmarks.generate_orgs import Orgs
from benchmarks.settings import DATA_END, DATA_START
from casebook.mediation.deadline import compute_due_on
from casebook.mediation.models import (
    MediationCase,
    MediationCaseChange,
    MediationCaseCounter,
    MediationConfirmation,
    MediationExtension,
    MediationFollowup,
    MediationParty,
    MediationSession,
    mediation_case_mediators,
    mediation_session_mediators,
)
from casebook.mediation.operations import search_text_for
from casebook.orgs.models import DisputeType

CHUNK_DAYS = 30
DISPUTE_WEIGHTS = (16, 22, 8, 10, 4, 8, 4, 2, 2, 8, 4, 2, 5, 4, 1)  # in the seeded order of dispute types
REFERRERS = ("区人民法院", "城关派出所", "区信访局", "12345热线", "区交警大队")
COURTS = ("示范区人民法院", "示范区人民法院城关法庭")


def _stamp(day: date, minute: int = 0) -> datetime:
    """A working-hours time on `day` (Beijing 09:00 = 01:00 UTC), as the app stores *_at columns."""
    return datetime.combine(day, time(1, 0), tzinfo=UTC) + timedelta(minutes=minute)


def daily_counts(total: int, rng: random.Random) -> list[tuple[date, int]]:
    """How many cases are registered each day: fewer at weekends, a little growth each year, summing to total."""
    days, weights = [], []
    day = DATA_START
    while day <= DATA_END:
        weight = (0.35 if day.weekday() >= 5 else 1.0) * (1.0 + 0.06 * (day.year - DATA_START.year))
        days.append(day)
        weights.append(weight * rng.uniform(0.8, 1.2))
        day += timedelta(days=1)
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for index in rng.sample(range(len(days)), total - sum(counts)):
        counts[index] += 1
    return list(zip(days, counts, strict=True))


class CaseGenerator:
    """Generates the cases in registration order (ids grow with the date, as in a register kept over time)."""

    def __init__(self, orgs: Orgs, total: int, rng: random.Random, dispute_types: list[tuple[int, str]]):
        self.orgs, self.total, self.rng = orgs, total, rng
        self.dispute_types = dispute_types
        self.dispute_weights = DISPUTE_WEIGHTS[: len(dispute_types)]
        self.seq: dict[tuple[int, int], int] = {}
        self.due_cache: dict[tuple[date, int], date | None] = {}
        self.ids = {"case": 0, "party": 0, "session": 0, "extension": 0, "confirmation": 0, "followup": 0}
        self.ids["change"] = 0

    def _next(self, name: str) -> int:
        self.ids[name] += 1
        return self.ids[name]

    def due_on(self, basis: date | None, extension: int) -> date | None:
        """The engine's deadline, cached per (basis, extension)."""
        if basis is None:
            return None
        key = (basis, extension)
        if key not in self.due_cache:
            self.due_cache[key] = compute_due_on(basis, extension)
        return self.due_cache[key]

    def chunks(self) -> Iterator[dict[str, list[dict]]]:
        """Rows for each table, about a month of registrations at a time."""
        rng = self.rng
        per_day = daily_counts(self.total, rng)
        for start in range(0, len(per_day), CHUNK_DAYS):
            out: dict[str, list[dict]] = {k: [] for k in TABLES}
            for day, count in per_day[start : start + CHUNK_DAYS]:
                committees = rng.choices(self.orgs.committee_ids, weights=self.orgs.committee_weight, k=count)
                types = rng.choices(self.dispute_types, weights=self.dispute_weights, k=count)
                for committee_id, (type_id, type_code) in zip(committees, types, strict=True):
                    self._case(out, day, committee_id, type_id, type_code)
            yield out

    def _case(self, out, day: date, committee_id: int, type_id: int, type_code: str) -> None:
        rng, orgs = self.rng, self.orgs
        case_id = self._next("case")
        key = (committee_id, day.year)
        self.seq[key] = seq = self.seq.get(key, 0) + 1
        case_no = f"{orgs.committee_short[committee_id]}调〔{day.year}〕{seq:04d}号"
        roll = rng.random()
        source = "screening" if roll < 0.45 else "application" if roll < 0.8 else "referral"
        referral = rng.choice(REFERRERS) if source == "referral" else None

        # Acceptance, the length of the mediation and the outcome, as they stand on DATA_END.
        accepted = None
        if rng.random() >= 0.03:
            accepted = day + timedelta(days=0 if rng.random() < 0.6 else rng.randint(1, 3))
        extension = rng.choice((10, 15, 20, 30)) if rng.random() < 0.03 else 0
        roll = rng.random()
        low, high = (
            (1, 15) if roll < 0.55 else (16, 30) if roll < 0.9 else (31, 45) if roll < 0.98 else (46, 120)
        )
        length = rng.randint(low, high)
        closed = None
        if rng.random() >= 0.002:  # else never concluded: overdue in the lists
            closed = (accepted or day) + timedelta(days=length + (extension if roll >= 0.9 else 0))
        if closed is not None and closed > DATA_END:
            closed = None
        if closed is None and accepted is None and (DATA_END - day).days > 3:
            accepted = day  # an old open case has been accepted
        roll = rng.random()
        outcome = None
        if closed is not None:
            outcome = "success" if roll < 0.965 else "failed" if roll < 0.99 else "terminated"
        voided = rng.random() < 0.002
        if voided:
            outcome = closed = None
            status = "voided"
        elif outcome is None:
            status = "registered" if accepted is None else "mediating"
            if accepted is not None and (DATA_END - accepted).days < 2:
                status = "accepted"
        else:
            status = "archived" if (DATA_END - closed).days > 90 and rng.random() < 0.7 else "concluded"
        archived_on = None
        if status == "archived":
            archived_on = min(closed + timedelta(days=rng.randint(10, 60)), DATA_END)
        agreement_form = ("written" if rng.random() < 0.8 else "oral") if outcome == "success" else None
        agreement_on = closed if outcome == "success" and rng.random() < 0.9 else None
        if accepted is None:
            extension = 0
        # As casebook.mediation.deadline.deadline_basis: acceptance, else registration for a closed case.
        basis = accepted if accepted is not None else (day if closed is not None else None)

        applicant = names.person_name(rng)
        respondent = names.company_name(rng) if rng.random() < 0.1 else names.person_name(rng)
        summary = names.summary(rng, type_code, applicant, respondent)
        amount = None
        if rng.random() < 0.6:
            amount = Decimal(round(rng.lognormvariate(8.5, 1.2), 2)).quantize(Decimal("0.01"))
        persons = rng.choice((2, 2, 2, 3, 4, 5))
        for position, (role, name) in enumerate((("applicant", applicant), ("respondent", respondent))):
            organisation = name.endswith("公司")
            out["parties"].append(
                {
                    "id": self._next("party"),
                    "case_id": case_id,
                    "position": position,
                    "kind": "organisation" if organisation else "person",
                    "role": role,
                    "name": name,
                    "id_number": names.resident_id(rng) if not organisation and rng.random() < 0.5 else None,
                    "credit_code": None,
                    "phone": names.mobile(rng) if rng.random() < 0.6 else None,
                    "address": names.address(rng) if rng.random() < 0.3 else None,
                }
            )
        pool = orgs.members[committee_id]
        mediators = rng.sample(pool, 2 if rng.random() < 0.3 and len(pool) > 1 else 1)
        out["case_mediators"].extend({"case_id": case_id, "mediator_id": m} for m in mediators)
        self._proceedings(out, case_id, accepted, closed, length, extension, outcome, voided, mediators)
        last = archived_on or closed or accepted or day
        out["changes"].append(
            {
                "id": self._next("change"),
                "case_id": case_id,
                "user_id": None,
                "changed_at": _stamp(last, 5),
                "action": "import",
                "field": None,
                "before": None,
                "after": None,
                "note": "从台账导入",
                "version": 1,
            }
        )
        out["cases"].append(
            {
                "id": case_id,
                "case_no": case_no,
                "committee_id": committee_id,
                "area_id": orgs.committee_area[committee_id],
                "dispute_type_id": type_id,
                "source": source,
                "referral_body": referral,
                "registered_on": day,
                "accepted_on": accepted,
                "status": status,
                "outcome": outcome,
                "closed_on": closed,
                "agreement_form": agreement_form,
                "agreement_on": agreement_on,
                "agreement_content": "双方自愿达成如下协议：……" if outcome == "success" else None,
                "failure_routes": "已告知当事人可依法申请仲裁或提起诉讼" if outcome == "failed" else None,
                "termination_reason": "一方当事人要求终止调解" if outcome == "terminated" else None,
                "extension_days": extension,
                "due_on": self.due_on(basis, extension),
                "is_voided": voided,
                "void_reason": "重复登记" if voided else None,
                "voided_at": _stamp(day, 30) if voided else None,
                "archived_on": archived_on,
                "amount": amount,
                "persons": persons,
                "summary": summary,
                "search_text": search_text_for(case_no, summary, (applicant, respondent), referral),
                "case_year": day.year,
                "case_seq": seq,
                "registered_by_id": None,
                "version": 1,
                "created_at": _stamp(day),
                "updated_at": _stamp(last),
            }
        )

    def _proceedings(
        self, out, case_id, accepted, closed, length, extension, outcome, voided, mediators
    ) -> None:
        """Sessions, extensions, judicial confirmations and follow-up visits of one case."""
        rng = self.rng
        if accepted is not None and rng.random() < 0.35 and not voided:
            session_id = self._next("session")
            held = min(accepted + timedelta(days=min(length, 3)), closed or DATA_END)
            out["sessions"].append(
                {
                    "id": session_id,
                    "case_id": case_id,
                    "held_on": held,
                    "place": "调解室",
                    "note": "双方到场，陈述各自意见。",
                    "recorded_by_id": None,
                    "created_at": _stamp(held),
                }
            )
            out["session_mediators"].append({"session_id": session_id, "mediator_id": mediators[0]})
        if extension and accepted is not None:
            agreed = accepted + timedelta(days=20)
            out["extensions"].append(
                {
                    "id": self._next("extension"),
                    "case_id": case_id,
                    "agreed_on": agreed,
                    "days": extension,
                    "reason": "双方当事人同意延长调解期限",
                    "recorded_by_id": None,
                    "created_at": _stamp(agreed),
                }
            )
        if outcome == "success" and rng.random() < 0.05:
            applied = closed + timedelta(days=rng.randint(1, 25))
            ruled = applied + timedelta(days=rng.randint(5, 15))
            done = ruled <= DATA_END
            out["confirmations"].append(
                {
                    "id": self._next("confirmation"),
                    "case_id": case_id,
                    "applied_on": applied,
                    "court": rng.choice(COURTS),
                    "ruling": "confirmed" if done else None,
                    "ruling_no": f"（{applied.year}）赣0199民特{rng.randint(1, 999)}号" if done else None,
                    "ruled_on": ruled if done else None,
                    "recorded_by_id": None,
                }
            )
        if outcome == "success" and rng.random() < 0.4:
            visited = closed + timedelta(days=rng.randint(15, 60))
            if visited <= DATA_END:
                roll = rng.random()
                out["followups"].append(
                    {
                        "id": self._next("followup"),
                        "case_id": case_id,
                        "visited_on": visited,
                        "performance": "performed"
                        if roll < 0.85
                        else "partly"
                        if roll < 0.95
                        else "not_performed",
                        "note": None,
                        "recorded_by_id": None,
                        "created_at": _stamp(visited),
                    }
                )

    def counters(self) -> list[dict]:
        """The last sequence number issued per committee and year, so new intakes continue the numbering."""
        return [
            {"committee_id": committee_id, "year": year, "last_seq": seq}
            for (committee_id, year), seq in sorted(self.seq.items())
        ]


TABLES = {
    "cases": MediationCase.__table__,
    "parties": MediationParty.__table__,
    "case_mediators": mediation_case_mediators,
    "sessions": MediationSession.__table__,
    "session_mediators": mediation_session_mediators,
    "extensions": MediationExtension.__table__,
    "confirmations": MediationConfirmation.__table__,
    "followups": MediationFollowup.__table__,
    "changes": MediationCaseChange.__table__,
}


def load_cases(loader: Loader, orgs: Orgs, total: int, rng: random.Random, progress=print) -> CaseGenerator:
    """Generate and insert `total` mediation cases with their rows; returns the generator (for its counters)."""
    order = (DisputeType.position, DisputeType.id)
    dispute_types = [
        (i, c) for i, c in loader.conn.execute(select(DisputeType.id, DisputeType.code).order_by(*order))
    ]
    generator = CaseGenerator(orgs, total, rng, dispute_types)
    reported = 0
    for chunk in generator.chunks():
        for name, table in TABLES.items():
            loader.insert(table, chunk[name])
        if generator.ids["case"] - reported >= total // 10 or generator.ids["case"] == total:
            reported = generator.ids["case"]
            progress(f"mediation cases: {reported:,} / {total:,}")
    loader.insert(MediationCaseCounter.__table__, generator.counters())
    loader.reset_sequences(TABLES.values())
    return generator
