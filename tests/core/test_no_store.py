"""Pages and downloads carry personal data: none may be kept by a browser or a proxy (Cache-Control: no-store),
files sent with send_file included (it says only "no-cache", which allows storing)."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/mediation/export.csv",
        "/mediation/export.xlsx",
        "/reconsideration/cases.csv",
        "/reconsideration/cases.xlsx",
        "/stats/export.xlsx",
        "/account",
    ],
)
def test_downloads_and_pages_are_no_store(client, login_as, url):
    login_as("admin")
    with client.get(url) as response:
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"


def test_api_answers_are_no_store(client, api_client):
    _user, headers = api_client("bureau")
    assert client.get("/api/v1/me", headers=headers).headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    with client.get("/static/css/app.css") as response:
        assert "no-store" not in response.headers.get("Cache-Control", "")
