"""The Chinese pages show no internal code or English citation (ARL23, MoJ02, "art 90"): statutes are named in
Chinese (《人民调解工作若干规定》第三十三条). The English pages (and the API) keep the short codes."""

from __future__ import annotations

import re
from html import unescape

import pytest

from casebook import demo
from tests.conftest import login

ORG_MANAGERS = {"admin", "bureau"}  # they import and export by code
CODES = re.compile(r"\b(?:ARL23|ARL17|MoJ02|PML|Reg07|CPL|SPC20)\b| art\.? \d")


def visible_text(html: str) -> str:
    """What a reader sees: the text and the tooltips, labels and placeholders; no scripts, styles or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", html, flags=re.S)
    shown_attributes = re.findall(r'(?:title|aria-label|placeholder)="([^"]*)"', html)
    return unescape(" ".join([re.sub(r"<[^>]+>", " ", html), *shown_attributes]))


def _main_pages(client) -> list[str]:
    """Home, every page of the navigation, the first case of each case list, and the deadline calculator."""
    home = client.get("/").get_data(as_text=True)
    nav = re.search(r"<nav\b.*?</nav>", home, re.S)
    urls = ["/", *re.findall(r'href="(/[^"?#]*)"', nav.group(0) if nav else "")]
    for listing, case in (
        ("/mediation/", r"/mediation/\d+"),
        ("/reconsideration/", r"/reconsideration/cases/\d+"),
    ):
        page = client.get(listing)
        if page.status_code == 200:
            urls += re.findall(rf'href="({case})"', page.get_data(as_text=True))[:1]
    urls += ["/calendar/calculator", "/orgs/dispute-types"]
    return list(dict.fromkeys(u for u in urls if not u.startswith(("/logout", "/static"))))


# Deadlines whose steps cite statutes and a practice rule, and roll over a weekend (2026-10-25 is a Sunday).
CALCULATIONS = {
    "mediation": {"accepted_on": "2026-09-25", "as_of": "2026-10-31"},
    "reconsideration": {"received_on": "2026-08-03", "as_of": "2026-10-31"},
}


@pytest.mark.parametrize("username", [name for name, _role, _pw in demo.DEMO_ACCOUNTS])
def test_chinese_pages_show_no_internal_code(demo_db, username):
    client = demo_db.test_client()
    password = dict((name, pw) for name, _role, pw in demo.DEMO_ACCOUNTS)[username]
    assert login(client, username, password).status_code == 302
    leaks = []
    pages = [(url, client.get(url)) for url in _main_pages(client)]
    for kind, data in CALCULATIONS.items():
        url = f"/calendar/calculator?kind={kind}"
        pages.append((url, client.post(url, data=data)))
    for url, response in pages:
        if response.status_code != 200 or "html" not in response.content_type:
            continue
        text = visible_text(response.get_data(as_text=True))
        leaks += [f"{url}: …{text[max(0, m.start() - 30) : m.end() + 30]!r}…" for m in CODES.finditer(text)]
        if url.startswith("/orgs/dispute-types") and username not in ORG_MANAGERS:
            leaks += [f"{url}: a dispute type's code" for code in ("marriage_family", "编码") if code in text]
    assert not leaks, "\n".join(leaks)


def test_english_pages_keep_the_codes(demo_db):
    client = demo_db.test_client()
    password = dict((name, pw) for name, _role, pw in demo.DEMO_ACCOUNTS)["mediator"]
    login(client, "mediator", password)
    client.post("/language", data={"lang": "en"})
    calculator = client.post("/calendar/calculator?kind=mediation", data=CALCULATIONS["mediation"])
    assert "MoJ02" in visible_text(calculator.get_data(as_text=True))
