"""Case numbers per year, e.g. 区府复〔2024〕12号, in the format of the RECONSIDERATION_CASE_NO_FORMAT setting."""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import func, select

from casebook.extensions import db
from casebook.reconsideration.models import ReconsiderationCase

_FIELD = re.compile(r"\{(office|year|seq)(?::[^}]*)?\}")


def format_case_no(year: int, seq: int) -> str:
    """The case number of the `seq`-th case of `year`."""
    cfg = current_app.config
    return cfg["RECONSIDERATION_CASE_NO_FORMAT"].format(
        office=cfg["RECONSIDERATION_OFFICE_SHORT"], year=year, seq=seq
    )


def parse_case_no(case_no: str) -> tuple[int, int] | None:
    """(year, seq) of a number written in the configured format, or None for any other spelling."""
    cfg = current_app.config
    pattern, groups = "", []
    fmt = cfg["RECONSIDERATION_CASE_NO_FORMAT"]
    position = 0
    for match in _FIELD.finditer(fmt):
        pattern += re.escape(fmt[position : match.start()])
        name = match.group(1)
        if name == "office":
            pattern += re.escape(cfg["RECONSIDERATION_OFFICE_SHORT"])
        else:
            pattern += r"(\d+)"
            groups.append(name)
        position = match.end()
    pattern += re.escape(fmt[position:])
    found = re.fullmatch(pattern, case_no.strip())
    if not found or "year" not in groups or "seq" not in groups:
        return None
    values = dict(zip(groups, (int(g) for g in found.groups()), strict=True))
    return values["year"], values["seq"]


def next_case_no(year: int) -> tuple[str, int]:
    """The next free number of `year` and its sequence (numbers taken by imported cases are skipped)."""
    seq = (
        db.session.scalar(
            select(func.max(ReconsiderationCase.case_seq)).where(ReconsiderationCase.case_year == year)
        )
        or 0
    ) + 1
    while True:
        case_no = format_case_no(year, seq)
        taken = db.session.scalar(
            select(ReconsiderationCase.id).where(ReconsiderationCase.case_no == case_no)
        )
        if taken is None:
            return case_no, seq
        seq += 1


def case_no_taken(case_no: str, exclude_id: int | None = None) -> bool:
    """Whether another case already has this number."""
    query = select(ReconsiderationCase.id).where(ReconsiderationCase.case_no == case_no)
    if exclude_id is not None:
        query = query.where(ReconsiderationCase.id != exclude_id)
    return db.session.scalar(query) is not None
