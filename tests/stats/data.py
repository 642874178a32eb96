"""Generated case registers for the statistics tests, and the figures computed from them in plain Python.

The expected figures here are written from domain.md §4 directly, case by case, without SQL, so that the
tests compare the aggregate queries against an independent count.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from casebook.extensions import db
from casebook.mediation.models import MediationCase, MediationFollowup, mediation_case_mediators
from casebook.reconsideration.codes import CORRECTION_OUTCOMES, DECISION_OUTCOMES, MERITS_OUTCOMES, OUTCOMES
from casebook.reconsideration.models import ReconsiderationCase

START = date(2021, 11, 1)
SPAN_DAYS = 3 * 365


@dataclass
class MedCase:
    id: int
    committee_id: int
    area_id: int | None
    dispute_type_id: int
    source: str
    registered_on: date
    outcome: str | None
    closed_on: date | None
    due_on: date | None
    agreement_on: date | None
    voided: bool
    mediator_ids: list[int] = field(default_factory=list)
    followups: list[tuple[date, str]] = field(default_factory=list)  # in insertion (id) order
    not_accepted_on: date | None = None  # 不予受理 (PML art 17)


@dataclass
class RecCase:
    id: int
    agency_id: int
    act_category: str
    received_on: date
    acceptance: str | None
    accepted_on: date | None
    rejected_on: date | None
    outcome: str | None
    termination_ground: str | None
    closed_on: date | None
    due_on: date | None
    is_late: bool
    voided: bool
    abandoned_on: date | None = None


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange(SPAN_DAYS))


def make_mediation_register(
    rng: random.Random, committees, mediators_by_committee: dict[int, list], dispute_type_ids, n: int
) -> list[MedCase]:
    """`n` mediation cases in every state (and a few voided), written in one flush."""
    cases: list[MedCase] = []
    rows, links, followups = [], [], []
    for i in range(1, n + 1):
        committee = rng.choice(committees)
        registered = _day(rng)
        voided = rng.random() < 0.05
        outcome = rng.choice([None, "success", "success", "success", "failed", "terminated"])
        accepted = registered + timedelta(days=rng.randrange(0, 4))
        closed = accepted + timedelta(days=rng.randrange(0, 70)) if outcome else None
        due = accepted + timedelta(days=30) if rng.random() < 0.9 else None
        agreement = None
        if outcome == "success" and rng.random() < 0.7:
            agreement = closed - timedelta(days=rng.randrange(0, (closed - accepted).days + 1))
            if (
                rng.random() < 0.04
            ):  # dated after the closing (operations refuse it; imports of old data may not)
                agreement = closed + timedelta(days=rng.randrange(1, 20))
        case = MedCase(
            id=i,
            committee_id=committee.id,
            area_id=rng.choice([None, committee.area_id]),
            dispute_type_id=rng.choice(dispute_type_ids),
            source=rng.choice(["screening", "application", "referral"]),
            registered_on=registered,
            outcome=outcome,
            closed_on=closed,
            due_on=due,
            agreement_on=agreement,
            voided=voided,
        )
        staff = mediators_by_committee.get(committee.id, [])
        case.mediator_ids = sorted({m.id for m in rng.sample(staff, k=min(len(staff), rng.randrange(0, 3)))})
        if outcome == "success":
            base = agreement or closed
            for _ in range(rng.randrange(0, 3)):
                visited = base + timedelta(days=rng.randrange(-5, 120))
                case.followups.append((visited, rng.choice(["performed", "partly", "not_performed"])))
        cases.append(case)
        status = "voided" if voided else ("concluded" if outcome else rng.choice(["registered", "mediating"]))
        # Every seventh case without an outcome was not accepted, decided up to 40 days after registration
        # (some after a period's end), without drawing from rng so that the other cases stay as they were.
        if outcome is None and i % 7 == 0:
            case.not_accepted_on = registered + timedelta(days=i % 41)
            case.due_on = due = None
            status = "voided" if voided else "not_accepted"
        not_accepted = case.not_accepted_on is not None
        rows.append(
            MediationCase(
                case_no=f"测调〔{registered.year}〕{i:05d}号",
                committee_id=case.committee_id,
                area_id=case.area_id,
                dispute_type_id=case.dispute_type_id,
                source=case.source,
                registered_on=registered,
                accepted_on=None if not_accepted else accepted,
                not_accepted_on=case.not_accepted_on,
                not_accepted_reason="party_refused" if not_accepted else None,
                status=status,
                outcome=outcome,
                closed_on=closed,
                due_on=due,
                agreement_form="written" if outcome == "success" else None,
                agreement_on=agreement,
                is_voided=voided,
            )
        )
    db.session.add_all(rows)
    db.session.flush()
    for case, row in zip(cases, rows, strict=True):
        case.id = row.id
        links.extend({"case_id": row.id, "mediator_id": m} for m in case.mediator_ids)
        followups.extend(
            MediationFollowup(case_id=row.id, visited_on=v, performance=p) for v, p in case.followups
        )
    if links:
        db.session.execute(mediation_case_mediators.insert(), links)
    for followup in followups:  # one by one, so that ids follow the insertion order
        db.session.add(followup)
        db.session.flush()
    db.session.commit()
    return cases


def make_reconsideration_register(rng: random.Random, agencies, n: int) -> list[RecCase]:
    """`n` reconsideration cases in every state (and a few voided), written in one flush."""
    cases: list[RecCase] = []
    rows = []
    categories = ["penalty", "licensing", "information_disclosure", "inaction"]
    for i in range(1, n + 1):
        received = _day(rng)
        voided = rng.random() < 0.05
        acceptance = rng.choice([None, "accepted", "accepted", "accepted", "rejected"])
        accepted_on = received + timedelta(days=rng.randrange(0, 9)) if acceptance == "accepted" else None
        rejected_on = received + timedelta(days=rng.randrange(0, 9)) if acceptance == "rejected" else None
        outcome = rng.choice([None, *OUTCOMES]) if acceptance == "accepted" else None
        closed = accepted_on + timedelta(days=rng.randrange(5, 95)) if outcome else None
        due = accepted_on + timedelta(days=60) if accepted_on and rng.random() < 0.9 else None
        ground = rng.choice(["withdrawal", "settlement", "other"]) if outcome == "terminated" else None
        is_late = bool(closed and due and closed > due)
        # Some applications left without acceptance were asked for materials that never came: deemed abandoned
        # (ARL23 art 31 ¶2). A generator of their own keeps the rest of the register as it was.
        abandoned = (
            received + timedelta(days=random.Random(i).randrange(12, 40))
            if acceptance is None and random.Random(-i).random() < 0.4
            else None
        )
        case = RecCase(
            id=i,
            agency_id=rng.choice(agencies).id,
            act_category=rng.choice(categories),
            received_on=received,
            acceptance=acceptance,
            accepted_on=accepted_on,
            rejected_on=rejected_on,
            outcome=outcome,
            termination_ground=ground,
            closed_on=closed,
            due_on=due,
            is_late=is_late,
            voided=voided,
            abandoned_on=abandoned,
        )
        cases.append(case)
        if voided:
            status = "voided"
        elif abandoned:
            status = "abandoned"
        elif outcome:
            status = "concluded"
        elif acceptance == "rejected":
            status = "rejected"
        else:
            status = "accepted" if acceptance == "accepted" else "received"
        rows.append(
            ReconsiderationCase(
                case_no=f"测复〔{received.year}〕{i}号",
                case_year=received.year,
                case_seq=i,
                received_on=received,
                agency_id=case.agency_id,
                act_category=case.act_category,
                law="ARL23",
                status=status,
                acceptance=acceptance,
                accepted_on=accepted_on,
                rejected_on=rejected_on,
                outcome=outcome,
                termination_ground=ground,
                closed_on=closed,
                due_on=due,
                is_late=is_late,
                is_voided=voided,
                supplement_requested_on=received + timedelta(days=1) if abandoned else None,
                abandoned_on=abandoned,
            )
        )
    db.session.add_all(rows)
    db.session.flush()
    for case, row in zip(cases, rows, strict=True):
        case.id = row.id
    db.session.commit()
    return cases


# ---------------------------------------------------------------- expected figures, case by case


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def expected_mediation(cases: list[MedCase], start: date, end: date) -> dict[str, int]:
    """The mediation figures of [start, end] per domain.md §4, counted in Python."""
    live = [c for c in cases if not c.voided]
    registered = [c for c in live if _in(c.registered_on, start, end)]

    def outcome_by_end(c: MedCase, outcome: str) -> bool:
        return c.outcome == outcome and c.closed_on is not None and c.closed_on <= end

    def not_accepted_by_end(c: MedCase) -> bool:
        return c.not_accepted_on is not None and c.not_accepted_on <= end

    concluded = [c for c in live if c.outcome and _in(c.closed_on, start, end)]
    agreements = [
        c
        for c in live
        if c.outcome == "success"
        and c.closed_on <= end
        and c.closed_on >= (c.agreement_on or c.closed_on)
        and _in(c.agreement_on or c.closed_on, start, end)
    ]
    followed = [c for c in agreements if any(v <= end for v, _p in c.followups)]

    def latest(c: MedCase) -> str:
        seen = [(v, i, p) for i, (v, p) in enumerate(c.followups) if v <= end]
        return max(seen)[2]

    return {
        "registered": len(registered),
        "succeeded": sum(outcome_by_end(c, "success") for c in registered),
        "failed": sum(outcome_by_end(c, "failed") for c in registered),
        "terminated": sum(outcome_by_end(c, "terminated") for c in registered),
        "not_accepted": sum(not_accepted_by_end(c) for c in registered),
        "in_progress": sum(
            (c.closed_on is None or c.closed_on > end) and not not_accepted_by_end(c) for c in registered
        ),
        "concluded": len(concluded),
        "concluded_succeeded": sum(c.outcome == "success" for c in concluded),
        "concluded_on_time": sum(c.due_on is not None and c.closed_on <= c.due_on for c in concluded),
        "concluded_timed": sum(c.due_on is not None for c in concluded),
        "concluded_no_deadline": sum(c.due_on is None for c in concluded),
        "agreements": len(agreements),
        "followed_up": len(followed),
        "performed": sum(latest(c) == "performed" for c in followed),
    }


def expected_reconsideration(
    cases: list[RecCase], start: date, end: date, prev: tuple[date, date], as_of: date, basis="merits"
) -> dict[str, int]:
    """The reconsideration figures of [start, end] per domain.md §4, counted in Python."""
    live = [c for c in cases if not c.voided]
    received = [c for c in live if _in(c.received_on, start, end)]

    def accepted_by_end(c: RecCase) -> bool:
        return c.acceptance == "accepted" and c.accepted_on <= end

    def rejected_by_end(c: RecCase) -> bool:
        return c.acceptance == "rejected" and c.rejected_on <= end

    def abandoned_by_end(c: RecCase) -> bool:
        return c.abandoned_on is not None and c.abandoned_on <= end

    concluded = [c for c in live if c.outcome and _in(c.closed_on, start, end)]
    pending = [
        c
        for c in live
        if c.received_on <= end
        and not rejected_by_end(c)
        and not abandoned_by_end(c)
        and (c.closed_on is None or c.closed_on > end)
    ]
    caseload = [
        c
        for c in live
        if (accepted_by_end(c) and (c.closed_on is None or c.closed_on >= start)) or c in concluded
    ]
    # 纠错率's denominator (domain.md §4): decisions on the merits, or (setting) every decision or every case.
    outcomes = {"merits": MERITS_OUTCOMES, "decisions": DECISION_OUTCOMES}.get(basis)
    decisions = concluded if outcomes is None else [c for c in concluded if c.outcome in outcomes]
    return {
        "received": len(received),
        "received_prev_year": sum(_in(c.received_on, *prev) for c in live),
        "accepted": sum(accepted_by_end(c) for c in received),
        "rejected": sum(rejected_by_end(c) for c in received),
        "abandoned": sum(abandoned_by_end(c) for c in received),
        "under_review": sum(
            not accepted_by_end(c) and not rejected_by_end(c) and not abandoned_by_end(c) for c in received
        ),
        "concluded": len(concluded),
        "concluded_on_time": sum(c.due_on is not None and not c.is_late for c in concluded),
        "concluded_timed": sum(c.due_on is not None for c in concluded),
        "concluded_no_deadline": sum(c.due_on is None for c in concluded),
        "corrections": sum(c.outcome in CORRECTION_OUTCOMES for c in concluded),
        "decisions": len(decisions),
        "mediated_or_settled": sum(
            c.outcome == "mediated" or (c.outcome == "terminated" and c.termination_ground == "settlement")
            for c in concluded
        ),
        "mediated_settled_withdrawn": sum(
            c.outcome == "mediated"
            or (c.outcome == "terminated" and c.termination_ground in ("settlement", "withdrawal"))
            for c in concluded
        ),
        "caseload": len(caseload),
        "pending": len(pending),
        "overdue": sum(c.due_on is not None and c.due_on < as_of for c in pending),
    }
