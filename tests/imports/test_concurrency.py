"""Two imports at once: the second waits for the first or is told that it is running, never a 500
("database is locked" on SQLite, whose write lock the first import holds for as long as its file takes)."""

from __future__ import annotations

import io
import threading
import time

from sqlalchemy import event, func, select

from casebook.core.database import is_postgresql
from casebook.core.permissions import Permission
from casebook.extensions import db
from casebook.imports import Column, ImportSpec, register_spec
from casebook.orgs.models import Agency
from tests.conftest import login

ROW_SECONDS = 0.3


def _slow_apply(values, ctx):
    """Write the row, then take a while (a large register's rows, in miniature) holding the write lock."""
    db.session.add(Agency(code=values["code"], name=values["name"], kind="department"))
    db.session.flush()
    time.sleep(ROW_SECONDS)
    return "created"


register_spec(
    ImportSpec(
        kind="test_slow_agencies",
        label="slow agencies",
        columns=[Column("code", "单位编码", required=True), Column("name", "单位名称", required=True)],
        key="code",
        permission=Permission.IMPORT_CASES,
        apply_row=_slow_apply,
    )
)


def _csv(prefix: str, rows: int = 5) -> bytes:
    lines = ["单位编码,单位名称"] + [f"{prefix}{n},{prefix}单位{n}" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _two_previews(app, client, make_user, rows: int) -> dict[str, tuple[int, str]]:
    """Two clerks upload a file each, the second 0.2 s after the first: their answers (status, page)."""
    users = [make_user(role="bureau"), make_user(role="bureau")]
    clients = [client, app.test_client()]
    for each, user in zip(clients, users, strict=True):
        assert login(each, user.username).status_code == 302
    answers: dict[str, tuple[int, str]] = {}

    def preview(name: str, each, data: bytes, delay: float) -> None:
        time.sleep(delay)
        response = each.post(
            "/imports/test_slow_agencies",
            data={"file": (io.BytesIO(data), f"{name}.csv")},
            content_type="multipart/form-data",
        )
        answers[name] = (response.status_code, response.get_data(as_text=True))

    threads = [
        threading.Thread(target=preview, args=("first", clients[0], _csv("A", rows), 0)),
        threading.Thread(target=preview, args=("second", clients[1], _csv("B", rows), 0.2)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_imports_at_once_never_answer_500(app, client, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_LOCK_WAIT_SECONDS", 0.5)
    sqlite = not is_postgresql(db.session)

    def short_busy_timeout(dbapi_connection, _record, _proxy):
        dbapi_connection.execute("PRAGMA busy_timeout=200")

    if (
        sqlite
    ):  # a write waits on SQLite's lock for a moment only (30 s in production, against imports of minutes)
        event.listen(db.engine, "checkout", short_busy_timeout)
    try:
        answers = _two_previews(app, client, make_user, rows=5)
    finally:
        if sqlite:
            event.remove(db.engine, "checkout", short_busy_timeout)
    assert answers["first"][0] == 200 and 'name="upload"' in answers["first"][1]
    status, html = answers["second"]
    assert status == 200, html[:500]
    assert "另一项导入正在进行" in html  # told, in Chinese, that the first is running
    assert db.session.scalar(select(func.count()).select_from(Agency).where(Agency.code.like("B%"))) == 0


def test_the_second_import_waits_when_the_first_ends_in_time(app, client, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_LOCK_WAIT_SECONDS", 10)
    answers = _two_previews(app, client, make_user, rows=3)
    for status, html in answers.values():  # both checked, each ready to confirm
        assert status == 200 and 'name="upload"' in html
