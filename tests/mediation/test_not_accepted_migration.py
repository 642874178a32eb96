"""The not-accepted migration (d7ba276c50e9) on a database of its own: upgrade and downgrade with cases in it.

On SQLite the migration rebuilds mediation_cases, which drops the FTS triggers and the indexes: search must still
find a case written after it, and every index (the partial one too) must be there.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from casebook import create_app
from casebook.extensions import db
from casebook.mediation.models import MediationCase
from casebook.mediation.queries import text_search
from tests.conftest import TEST_TODAY, _database_url

BEFORE = "5531fb0ba72a"
REVISION = "d7ba276c50e9"
NOW = "2025-06-16 08:00:00"


@pytest.fixture
def migration_app():
    tmp_dir = Path(tempfile.mkdtemp(prefix="casebook-migration-"))
    url, engine_options = _database_url(tmp_dir, "not_accepted_migration")
    application = create_app(
        {
            "ENV_NAME": "testing",
            "TODAY": TEST_TODAY,
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, **engine_options},
        }
    )
    application.instance_path = str(tmp_dir)
    with application.app_context():
        yield application
        db.session.remove()
        db.engine.dispose()


def _insert_case(case_no: str, search: str, status: str = "registered", **extra) -> int:
    columns = {
        "case_no": case_no,
        "committee_id": db.session.scalar(text("SELECT min(id) FROM committees")),
        "dispute_type_id": db.session.scalar(text("SELECT min(id) FROM dispute_types")),
        "source": "application",
        "registered_on": "2025-06-01",
        "status": status,
        "version": 1,
        "created_at": NOW,
        "updated_at": NOW,
        "search_text": search,
        **extra,
    }
    names = ", ".join(columns)
    values = ", ".join(f":{name}" for name in columns)
    statement = f"INSERT INTO mediation_cases ({names}) VALUES ({values})"  # noqa: S608 (the test's own column names)
    db.session.execute(text(statement), columns)
    db.session.commit()
    return db.session.scalar(text("SELECT id FROM mediation_cases WHERE case_no = :n"), {"n": case_no})


def _migrate(step, revision: str = "head") -> None:
    db.session.close()  # no transaction of the test's left open: PostgreSQL's ALTER TABLE would wait for it
    step(revision=revision)


def _found(needle: str) -> set[int]:
    return set(db.session.scalars(select(MediationCase.id).where(text_search(needle))))


def _check_search_and_indexes() -> None:
    names = {index["name"] for index in inspect(db.engine).get_indexes("mediation_cases")}
    assert {
        "ix_mediation_cases_open_due",
        "ix_mediation_cases_stats_registered",
        "ix_mediation_cases_stats_closed",
        "ix_mediation_cases_committee_registered",
        "ix_mediation_cases_voided_registered",
        "ix_mediation_cases_status",
    } <= names
    if db.engine.dialect.name == "sqlite":
        triggers = set(db.session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {
            "mediation_cases_search_ai",
            "mediation_cases_search_ad",
            "mediation_cases_search_au",
        } <= triggers
        partial = db.session.scalar(
            text("SELECT sql FROM sqlite_master WHERE name = 'ix_mediation_cases_open_due'")
        )
        assert "WHERE outcome IS NULL" in partial


def test_upgrade_keeps_search_and_indexes_and_downgrade_maps_not_accepted_back(migration_app):
    _migrate(upgrade, BEFORE)
    db.session.execute(
        text(
            "INSERT INTO committees (code, name, type, is_active, created_at, updated_at)"
            " VALUES ('C1', '城关调委会', 'village_residents', :t, :now, :now)"
        ),
        {"t": True, "now": NOW},
    )
    db.session.commit()
    old = _insert_case("旧案1号", "宅基地边界争议 欧阳明磊")
    db.session.execute(  # a row that references the case: the rebuild must keep the case's id
        text(
            "INSERT INTO mediation_parties (case_id, position, kind, role, name) VALUES (:i, 0, 'person', 'applicant', '欧阳明磊')"
        ),
        {"i": old},
    )
    db.session.commit()

    _migrate(upgrade, REVISION)
    _check_search_and_indexes()
    assert _found("宅基地边界") == {old}  # written before the migration, still in the index
    new = _insert_case(
        "新案2号",
        "噪音扰民纠纷 司马光明",
        status="not_accepted",
        not_accepted_on="2025-06-05",
        not_accepted_reason="party_refused",
    )
    assert _found("扰民纠纷") == {new}  # written after it: the triggers work
    db.session.execute(
        text("UPDATE mediation_cases SET search_text = '相邻通行权纠纷' WHERE id = :i"), {"i": old}
    )
    db.session.commit()
    assert _found("通行权") == {old} and _found("宅基地边界") == set()
    with pytest.raises(IntegrityError):  # the checks came through the rebuild: "other" needs its note
        _insert_case(
            "新案3号", "x", status="not_accepted", not_accepted_on="2025-06-05", not_accepted_reason="other"
        )
    db.session.rollback()
    with pytest.raises(IntegrityError):  # and an unknown status is still refused
        _insert_case("新案4号", "x", status="rejected")
    db.session.rollback()

    _migrate(downgrade, BEFORE)
    status = db.session.scalar(text("SELECT status FROM mediation_cases WHERE id = :i"), {"i": new})
    assert status == "registered"
    note = db.session.scalar(text("SELECT note FROM mediation_case_changes WHERE case_id = :i"), {"i": new})
    assert note.startswith("不予受理 2025-06-05 party_refused")
    triggers_left = db.engine.dialect.name != "sqlite" or db.session.scalar(
        text(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'mediation_cases_search_%'"
        )
    )
    assert triggers_left
    after_downgrade = _insert_case("旧案5号", "物业费争议纠纷")
    assert _found("物业费争议") == {after_downgrade}
    assert "not_accepted_on" not in {c["name"] for c in inspect(db.engine).get_columns("mediation_cases")}

    _migrate(upgrade)
    _check_search_and_indexes()
    assert _found("扰民纠纷") == {new}
