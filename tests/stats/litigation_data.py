"""A generated litigation register and its figures counted case by case in plain Python (no SQL), so that the
statistics' aggregates are compared against an independent count."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from casebook.extensions import db
from casebook.litigation.models import LitigationCase, LitigationHearing, LitigationPlaintiff
from casebook.reconsideration.codes import DECISION_OUTCOMES

START = date(2021, 11, 1)
OUTCOMES = ["reject_claims", "revoke", "order_performance", "confirm_unlawful", "confirm_void", "modify",
            "mediated", "withdrawn", "dismissed", "other"]  # fmt: skip
AGAINST = {"revoke", "order_performance", "confirm_unlawful", "confirm_void", "modify"}


@dataclass
class LitCase:
    id: int
    agency_id: int | None
    act_category: str
    filed_on: date
    judgment_on: date | None
    outcome: str | None
    against: bool | None
    effective_on: date | None
    performed_on: date | None
    reconsideration_id: int | None
    voided: bool
    hearings: list[tuple[date, str]] = field(default_factory=list)


def make_litigation_register(rng: random.Random, agencies, recon_cases, n: int) -> list[LitCase]:
    """`n` litigation cases in every state (a few voided, some against the district government, some after a
    reconsideration decision), with 0–3 hearings each, written in one flush."""
    decided = [c for c in recon_cases if c.outcome in DECISION_OUTCOMES and not c.voided]
    cases, rows = [], []
    for i in range(1, n + 1):
        filed = START + timedelta(days=rng.randrange(0, 3 * 365))
        agency = rng.choice([*agencies, None])
        outcome = rng.choice([None, *OUTCOMES])
        judged = filed + timedelta(days=rng.randrange(20, 200)) if outcome else None
        against = None if outcome is None else (outcome in AGAINST) != (rng.random() < 0.1)
        effective = judged + timedelta(days=rng.randrange(0, 30)) if judged and rng.random() < 0.7 else None
        performed = (
            effective + timedelta(days=rng.randrange(1, 60)) if effective and rng.random() < 0.6 else None
        )
        recon = rng.choice(decided) if decided and rng.random() < 0.3 else None
        case = LitCase(
            id=0, agency_id=agency.id if agency else None, act_category=rng.choice(["penalty", "licensing", "levy"]),
            filed_on=filed, judgment_on=judged, outcome=outcome, against=against, effective_on=effective,
            performed_on=performed, reconsideration_id=recon.id if recon else None, voided=rng.random() < 0.05,
        )  # fmt: skip
        for _ in range(rng.randrange(0, 4)):
            case.hearings.append(
                (filed + timedelta(days=rng.randrange(10, 150)), rng.choice(["head", "deputy_head", "staff"]))
            )
        cases.append(case)
        status = "voided" if case.voided else "effective" if effective else "decided" if outcome else "open"
        row = LitigationCase(
            court="测试法院", court_case_no=f"（{filed.year}）测行初{i}号", instance="first",
            defendant_kind="agency" if agency else "government", agency_id=case.agency_id,
            act_category=case.act_category, reconsideration_case_id=case.reconsideration_id, plaintiff_names="原告",
            status=status, filed_on=filed, judgment_on=judged, outcome=outcome, is_against_agency=against,
            effective_on=effective, performed_on=performed, is_voided=case.voided,
        )  # fmt: skip
        row.plaintiffs.append(LitigationPlaintiff(name="原告", kind="person", position=0))
        for held_on, appearance in case.hearings:
            head = appearance != "staff"
            row.hearings.append(
                LitigationHearing(
                    held_on=held_on,
                    appearance=appearance,
                    head_name="局长" if head else None,
                    absence_reason=None if head else "公务",
                )
            )
        rows.append(row)
    db.session.add_all(rows)
    db.session.flush()
    for case, row in zip(cases, rows, strict=True):
        case.id = row.id
    db.session.commit()
    return cases


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def expected_litigation(cases: list[LitCase], recon_cases, start: date, end: date) -> dict[str, int]:
    """Every litigation figure of [start, end], counted case by case (and hearing by hearing)."""
    live = [c for c in cases if not c.voided]
    judged = [c for c in live if c.outcome and _in(c.judgment_on, start, end)]
    after = [c for c in judged if c.reconsideration_id is not None]
    effective = [c for c in live if c.against and _in(c.effective_on, start, end)]
    hearings = [h for c in live for h in c.hearings if _in(h[0], start, end)]
    sued = {c.reconsideration_id for c in live if c.reconsideration_id is not None}
    decisions = [
        r
        for r in recon_cases
        if not r.voided and r.outcome in DECISION_OUTCOMES and _in(r.closed_on, start, end)
    ]
    return {
        "filed": sum(_in(c.filed_on, start, end) for c in live),
        "judged": len(judged),
        "lost": sum(bool(c.against) for c in judged),
        "after_reconsideration_judged": len(after),
        "reconsideration_overturned": sum(
            c.outcome in {"revoke", "confirm_unlawful", "confirm_void"} for c in after
        ),
        "effective_lost": len(effective),
        "effective_performed": sum(c.performed_on is not None for c in effective),
        "hearings": len(hearings),
        "hearings_head": sum(a in ("head", "deputy_head") for _d, a in hearings),
        "recon_decisions": len(decisions),
        "recon_decisions_sued": sum(r.id in sued for r in decisions),
    }
