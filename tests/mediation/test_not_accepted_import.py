"""Import of 不予受理 (issue 12): the outcome column takes 不予受理, its date in 结案日期, its reason in the
optional column 不予受理原因 (not in interchange.md's minimum); an export of such a case imports back unchanged."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.mediation import operations
from casebook.mediation.models import MediationCase, MediationCaseChange
from casebook.mediation.operations import NonAcceptance
from tests.conftest import login
from tests.imports.helpers import make_csv
from tests.mediation.test_imports import HEADERS, row

WITH_REASON = [*HEADERS, "不予受理原因"]


def _row(team, n: int, reason: str = "", **overrides) -> list:
    return [*row(team, n, **overrides), reason]


def _not_accepted(team, n: int, reason: str, **overrides) -> list:
    values = {"受理日期": "", "调解结果": "不予受理", "结案日期": "2023-03-03", "协议形式": "", **overrides}
    return _row(team, n, reason, **values)


def _import(tmp_path, rows, headers=WITH_REASON):
    report = run_import(get_spec("mediation"), str(make_csv(tmp_path, headers, rows)))
    if report.ok:
        db.session.commit()
    return report


def test_rows_not_accepted_with_each_reason(team, tmp_path):
    report = _import(
        tmp_path,
        [
            _not_accepted(team, 1, "当事人一方明确拒绝调解"),
            _not_accepted(team, 2, "不属于人民调解范围"),
            _not_accepted(team, 3, "其他：当事人下落不明"),
            _not_accepted(team, 4, "双方已向法院起诉"),  # free text: 其他 with this explanation
        ],
    )
    assert report.ok and report.created == 4, report.errors
    cases = {c.case_no[-6:-1]: c for c in db.session.scalars(select(MediationCase))}
    first = cases["00001"]
    assert (first.status, first.not_accepted_on, first.not_accepted_reason) == (
        "not_accepted",
        date(2023, 3, 3),
        "party_refused",
    )
    assert (
        first.outcome is None
        and first.closed_on is None
        and first.accepted_on is None
        and first.due_on is None
    )
    assert cases["00002"].not_accepted_reason == "out_of_scope"
    assert (cases["00003"].not_accepted_reason, cases["00003"].not_accepted_note) == (
        "other",
        "当事人下落不明",
    )
    assert (cases["00004"].not_accepted_reason, cases["00004"].not_accepted_note) == (
        "other",
        "双方已向法院起诉",
    )
    assert _import(tmp_path, [_not_accepted(team, 1, "当事人一方明确拒绝调解")]).unchanged == 1


def test_bad_rows_are_named(team, tmp_path):
    report = _import(
        tmp_path,
        [
            _not_accepted(team, 1, ""),  # no reason
            _not_accepted(team, 2, "其他"),  # 其他 without its explanation
            _not_accepted(team, 3, "拒绝调解", 受理日期="2023-03-02"),  # accepted and not accepted
            _not_accepted(team, 4, "拒绝调解", 结案日期="2025-07-01"),  # in the future (today: 2025-06-16)
            _not_accepted(team, 5, "拒绝调解", 结案日期="2023-02-01"),  # before the registration
            _row(team, 6, "拒绝调解"),  # a reason without 不予受理
        ],
    )
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert {
        (2, "不予受理原因"),
        (3, "不予受理原因"),
        (4, "受理日期"),
        (5, "结案日期"),
        (6, "结案日期"),
        (7, "不予受理原因"),
    } <= found
    assert db.session.scalar(select(MediationCase.id)) is None  # all or nothing


def test_a_registered_case_becomes_not_accepted_with_history_an_accepted_one_does_not(team, tmp_path):
    assert _import(tmp_path, [_row(team, 1, 受理日期="", 调解结果="", 结案日期="", 协议形式="")]).ok
    assert _import(tmp_path, [_row(team, 2, 调解结果="", 结案日期="", 协议形式="")]).ok
    report = _import(tmp_path, [_not_accepted(team, 1, "不属于人民调解范围")])
    assert report.ok and report.updated == 1, report.errors
    case = db.session.scalar(select(MediationCase).where(MediationCase.case_no.like("%00001号")))
    assert case.status == "not_accepted"
    fields = set(
        db.session.scalars(
            select(MediationCaseChange.field).where(
                MediationCaseChange.case_id == case.id, MediationCaseChange.action == "import"
            )
        )
    )
    assert {"status", "not_accepted_on", "not_accepted_reason"} <= fields
    refused = _import(tmp_path, [_not_accepted(team, 2, "拒绝调解")])
    assert not refused.ok and "不予受理" in refused.errors[0].message
    back = _import(tmp_path, [_row(team, 1, 受理日期="", 调解结果="", 结案日期="", 协议形式="")])
    assert not back.ok  # a case not accepted is not made "in progress" again by an import


def test_an_export_of_a_case_not_accepted_imports_back_unchanged(client, team, register, tmp_path):
    for reason, note in (("party_refused", None), ("other", "当事人下落不明")):
        case = register()
        operations.not_accept_case(
            team.mediator, case, NonAcceptance(date(2024, 3, 5), reason, note), case.version
        )
    db.session.commit()
    login(client, team.mediator.username)
    with client.get("/mediation/export.xlsx") as response:
        path = tmp_path / "export.xlsx"
        path.write_bytes(response.get_data())
    report = run_import(get_spec("mediation"), str(path))
    assert report.ok, report.errors
    assert report.unchanged == 2 and report.created == 0, (report.updated, report.created)
