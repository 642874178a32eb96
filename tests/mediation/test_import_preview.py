"""A one-row preview of an import looks up the cases its file names, never every case (at 540,000 cases, loading
every case key took 6.3 s): the rows fetched from the case tables do not grow with the register."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from sqlalchemy import event, insert, select

from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.mediation.models import MediationCase, MediationParty
from casebook.reconsideration.models import ReconsiderationCase
from tests.imports.helpers import make_csv
from tests.mediation.test_imports import HEADERS, row

CASE_TABLES = ("mediation_cases", "mediation_parties", "reconsideration_cases")
EXISTING = 300


@contextmanager
def rows_fetched_from_case_tables(app):
    """Counts the rows each SELECT on a case table returned (each counted again afterwards, with the same
    parameters, as SELECT count(*) over it: the preview rolls back, so the tables are as they were)."""
    selects: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT") and any(t in statement for t in CASE_TABLES):
            selects.append((statement, parameters))

    event.listen(db.engine, "after_cursor_execute", record)
    counts: list[int] = []
    try:
        yield counts
    finally:
        event.remove(db.engine, "after_cursor_execute", record)
    with db.engine.connect() as conn:
        for statement, parameters in selects:
            counted = f"SELECT count(*) FROM ({statement}) AS fetched"  # noqa: S608 (the app's own statement)
            counts.append(conn.exec_driver_sql(counted, parameters).scalar_one())


def _existing_mediation_cases(team, dispute_type_id) -> None:
    cases = [
        {"case_no": f"旧调〔2022〕{n:05d}号", "committee_id": team.committee.id, "dispute_type_id": dispute_type_id,
         "source": "screening", "registered_on": date(2022, 1, 1 + n % 28), "status": "registered"}
        for n in range(EXISTING)
    ]  # fmt: skip
    db.session.execute(insert(MediationCase), cases)
    ids = db.session.scalars(select(MediationCase.id)).all()
    db.session.execute(
        insert(MediationParty),
        [{"case_id": i, "role": "applicant", "name": "张三", "position": 0} for i in ids],
    )
    db.session.commit()


def test_a_one_row_mediation_preview_fetches_only_the_cases_it_names(app, team, dispute_type_id, tmp_path):
    _existing_mediation_cases(team, dispute_type_id)
    numbered = make_csv(tmp_path, HEADERS, [row(team, 1)], name="numbered.csv")
    unnumbered = make_csv(tmp_path, HEADERS, [row(team, 2, 案件编号="")], name="unnumbered.csv")
    for path in (numbered, unnumbered):
        with rows_fetched_from_case_tables(app) as counts:
            report = run_import(get_spec("mediation"), str(path), dry_run=True)
        assert report.ok and report.created == 1, report.errors
        assert sum(counts) <= 5, (path.name, counts)  # was ≥ 300: every case key (and every party)


def test_a_one_row_reconsideration_preview_fetches_only_the_cases_it_names(
    app, make_recon_case, make_agency, tmp_path
):
    agency = make_agency(name="区市场监管局")
    for n in range(30):
        make_recon_case(applicant=f"申请人{n}", agency=agency, received_on=date(2024, 1, 2 + n % 20))
    assert db.session.scalar(select(db.func.count()).select_from(ReconsiderationCase)) == 30
    headers = ["收到申请日期", "申请人", "被申请人", "行政行为类别"]
    path = make_csv(tmp_path, headers, [["2024-09-27", "王五", agency.name, "行政处罚"]], name="recon.csv")
    with rows_fetched_from_case_tables(app) as counts:
        report = run_import(get_spec("reconsideration"), str(path), dry_run=True)
    assert report.total_rows == 1 and sum(counts) <= 5, (report.errors, counts)
