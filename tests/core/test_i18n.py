"""Two languages: Chinese by default, English selectable; every message translated."""

from datetime import date

from casebook.core.i18n import format_day
from casebook.core.i18n_check import missing_messages


def test_login_page_is_chinese_by_default(client):
    html = client.get("/login").get_data(as_text=True)
    assert "登录" in html and 'lang="zh-CN"' in html


def test_accept_language_english(client):
    html = client.get("/login", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert "Log in" in html and 'lang="en"' in html


def test_language_switch_is_remembered_for_the_user(app, client, login_as):
    user = login_as("mediator")
    response = client.post("/language", data={"lang": "en", "next": "/account"})
    assert response.status_code == 302 and response.headers["Location"] == "/account"
    assert "My account" in client.get("/account").get_data(as_text=True)
    with app.app_context():
        from casebook.auth.models import User
        from casebook.extensions import db

        assert db.session.get(User, user.id).language == "en"
    client.post("/language", data={"lang": "zh"})
    assert "我的账户" in client.get("/account").get_data(as_text=True)


def test_dates_in_chinese_and_english(app):
    for language, expected in [("zh-CN", "2024年3月1日"), ("en", "1 March 2024")]:
        with app.app_context(), app.test_request_context("/", headers={"Accept-Language": language}):
            assert format_day(date(2024, 3, 1)) == expected


def test_every_message_has_a_chinese_translation():
    missing = missing_messages("zh")
    assert not missing, "untranslated messages (run `flask --app casebook i18n missing`):\n" + "\n".join(
        missing
    )
