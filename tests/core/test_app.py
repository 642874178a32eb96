"""The app factory, configuration and security headers."""

import pytest

from casebook import create_app
from casebook.core.security import CONTENT_SECURITY_POLICY, safe_next_url


def test_production_refuses_to_start_without_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("CASEBOOK_SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="CASEBOOK_SECRET_KEY"):
        create_app({"ENV_NAME": "production", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_development_generates_a_secret_key_once(tmp_path, monkeypatch):
    monkeypatch.delenv("CASEBOOK_SECRET_KEY", raising=False)
    first = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    first_key = first.config["SECRET_KEY"]
    second = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    assert first_key and first_key == second.config["SECRET_KEY"]


def test_production_cookies_are_secure_with_host_prefix(tmp_path):
    app = create_app(
        {
            "ENV_NAME": "production",
            "SECRET_KEY": "x" * 40,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
        }
    )
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert app.config["SESSION_COOKIE_SECURE"]
    assert app.config["SESSION_COOKIE_HTTPONLY"] and app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_database_url_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEBOOK_DATABASE_URL", "postgresql://u@h/db")
    app = create_app({"SECRET_KEY": "k"})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_security_headers_on_every_page(client):
    response = client.get("/login")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script_or_style(client, login_as):
    login_as("admin")
    for url in ["/login", "/?cards=1", "/account", "/admin/users", "/admin/users/new"]:
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "<style" not in html, url


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/cases?page=2", "/cases?page=2"),
        ("//evil.example", None),
        ("/\\evil.example", None),
        ("https://evil.example/", None),
        ("javascript:alert(1)", None),
        ("/ok\r\nSet-Cookie: x", None),
        ("/\x00", None),
        ("", None),
        (None, None),
        ("relative/path", None),
    ],
)
def test_safe_next_url(target, expected):
    assert safe_next_url(target) == expected


def test_errors_never_show_a_traceback(tmp_path):
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/login/_boom")
    def _boom():
        raise RuntimeError("secret detail")

    app.view_functions["_boom"] = _boom
    from casebook.core import security

    security.PUBLIC_ENDPOINTS.add("_boom")
    try:
        response = app.test_client().get("/login/_boom")
    finally:
        security.PUBLIC_ENDPOINTS.discard("_boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret detail" not in body and "Traceback" not in body


def test_too_large_upload_gets_413_page(app, client, login_as):
    login_as("admin")
    app.config["MAX_CONTENT_LENGTH"] = 100
    try:
        response = client.post("/language", data={"lang": "zh", "next": "/" + "x" * 500})
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024
    assert response.status_code == 413
