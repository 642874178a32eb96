"""Every route of the URL map, as every role, with hostile values: never a 5xx.

For each route the test fills its path parameters with a real record's id (or a valid word) and with hostile
values; it reads which query parameters and form fields the view looks at (a recording MultiDict stands in for
request.args and request.form) and sends each of them hostile values in turn, on top of the values of the
forms the pages themselves show. A 5xx anywhere fails, with every offending request listed.
"""

from __future__ import annotations

import time
from datetime import date
from html.parser import HTMLParser
from typing import ClassVar
from urllib.parse import urlsplit

import pytest
from werkzeug.routing import IntegerConverter

from casebook.core.inputs import CleanArgs
from casebook.extensions import db
from tests.conftest import login

ROLES = ("admin", "bureau", "reconsideration", "director", "mediator")

# The kinds of bad input an attacker or a careless client sends: NUL and control characters, an integer past
# any column's range (a page, a year, an id), a negative number, a date at the start of the calendar. The
# administrator, who reaches every page and form, sends each to every parameter. The other roles differ from
# the administrator only in what they may see (their scope), so they send the one value that reaches the
# database through their scoped queries (an out-of-range id, page or year): to every page they may read, and
# mediation staff, whose writes are scoped to their committees, to every form.
HOSTILE = ("a\x00b\x1f", str(10**23), "-1", "0001-01-01")
HOSTILE_OTHER_ROLES = (str(10**23),)
WRITING_ROLES = ("admin", "director", "mediator")
# The hostile value for one form field alone, by the kind of field the page shows (text fields are covered by
# the NUL of the whole form).
HOSTILE_BY_KIND = {"date": "9999-12-31", "choice": str(10**23)}
# Path parameters: werkzeug's converters refuse a negative number or a word where an id goes by themselves.
HOSTILE_PATH_INTS = (str(10**20),)
HOSTILE_PATH_WORDS = ("%00",)

# Routes that end the test client's session; they take no input worth fuzzing.
SESSION_ENDING = {"auth.logout", "auth.logout_everywhere"}


class RecordingArgs(CleanArgs):
    """request.args / request.form that remember every key the view asks for."""

    asked: ClassVar[set[str]] = set()

    def __getitem__(self, key):
        RecordingArgs.asked.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        RecordingArgs.asked.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        RecordingArgs.asked.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        RecordingArgs.asked.add(key)
        return super().__contains__(key)


class FormCollector(HTMLParser):
    """The POST forms of a page: action -> {field name: (default value, kind of field)}."""

    def __init__(self):
        super().__init__()
        self.forms: dict[str, dict[str, list[str]]] = {}
        self._current: dict[str, list[str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            self._current = self.forms.setdefault(urlsplit(attrs.get("action") or "").path, {})
        elif self._current is None or (not attrs.get("name") and tag != "option"):
            return
        elif tag in ("input", "textarea"):
            kind = attrs.get("type") or "text"
            kind = (
                "date"
                if kind == "date"
                else "text"
                if kind in ("text", "textarea", "search", "tel")
                else "choice"
            )
            checked = kind != "choice" or attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs
            field = self._current.setdefault(attrs["name"], ["", "text" if tag == "textarea" else kind])
            if checked:
                field[0] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs["name"]
            self._current.setdefault(self._select, ["", "choice"])
        elif (
            tag == "option"
            and self._select
            and (attrs.get("value") or "") != ""
            and (not self._current[self._select][0] or "selected" in attrs)
        ):
            self._current[self._select][0] = attrs["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None


@pytest.fixture
def district(
    make_user,
    make_area,
    make_committee,
    make_mediator,
    make_agency,
    make_mediation_case,
    make_recon_case,
    make_association,
    make_studio,
):
    """One of every kind of record the routes take an id of, and a user of each role."""
    from casebook.auth import operations as auth_operations
    from casebook.orgs.models import CommitteeMembership, DisputeType

    district = make_area(code="D", name="测试区", level="district")
    township = make_area(code="T1", name="东街道", level="township", parent_id=district.id)
    committee = make_committee(code="C1", area_id=township.id)
    mediator = make_mediator([committee], position="director", code="M1")
    other = make_mediator([committee], code="M2")
    studio = make_studio(committee)
    association = make_association()
    agency = make_agency(code="G1")
    registered = make_mediation_case(committee=committee, registered_on=date(2025, 3, 1))
    make_mediation_case(committee=committee, registered_on=date(2024, 3, 1))
    recon = make_recon_case(received_on=date(2025, 3, 3), agency=agency)
    users = {role: make_user(role=role) for role in ("admin", "bureau", "reconsideration")}
    users["director"] = make_user(role="director", mediator=mediator)
    users["mediator"] = make_user(role="mediator", mediator=other)
    spare = make_user(role="bureau")  # the account the user pages act on (never one the test logs in as)
    token, _raw = auth_operations.issue_token(users["bureau"], "revoked by the fuzz")
    _api_token, raw = auth_operations.issue_token(users["admin"], "fuzz")
    db.session.commit()
    membership = db.session.query(CommitteeMembership).filter_by(mediator_id=other.id).one()
    return {
        "users": users,
        "token": {"Authorization": f"Bearer {raw}"},
        "ids": {
            "case_id": {"mediation": registered.id, "reconsideration": recon.id},
            "party_id": recon.parties[0].id,
            "agency_id": agency.id,
            "area_id": township.id,
            "association_id": association.id,
            "committee_id": committee.id,
            "membership_id": membership.id,
            "mediator_id": other.id,
            "studio_id": studio.id,
            "type_id": db.session.query(DisputeType.id).order_by(DisputeType.id).first()[0],
            "user_id": spare.id,
            "token_id": token.id,
            "year": 2024,
            "record_id": association.id,
        },
    }


def _word_values(app, endpoint: str, name: str) -> list[str]:
    """Valid values of a path parameter that is a word (a kind, a format, an action, a document)."""
    from casebook.imports.spec import all_specs
    from casebook.orgs.views import KINDS as ORG_KINDS
    from casebook.reconsideration.actions import ACTION_FORMS
    from casebook.reconsideration.views import DOCUMENTS
    from casebook.stats.views import TABLES

    if endpoint.startswith("imports.") and name == "kind":
        return list(all_specs())
    if endpoint.startswith("orgs.") and name == "kind":
        return ["associations"] if endpoint == "orgs.delete" else list(ORG_KINDS)[:2]
    if name == "fmt":
        return ["csv", "xlsx"]
    if name == "action":
        return list(ACTION_FORMS)
    if name == "doc":
        return list(DOCUMENTS)
    if name == "section":
        return list(TABLES)
    if name == "by":
        return sorted({by for tables in TABLES.values() for by in tables})
    if name == "filename":
        return ["css/app.css"]
    raise AssertionError(f"no valid value for <{name}> of {endpoint}: add one to the fuzz test")


def _urls(app, rule, ids: dict) -> tuple[list[str], list[str]]:
    """The rule's URLs with valid path parameters, and with one hostile parameter each."""
    valid: dict[str, list[str]] = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter) or name in ("year",):
            value = ids.get(name)
            if isinstance(value, dict):
                value = value["reconsideration" if "reconsideration" in rule.endpoint else "mediation"]
            valid[name] = [str(value if value is not None else 1)]
        else:
            valid[name] = _word_values(app, rule.endpoint, name)
    combos = [{}]
    for name, values in valid.items():
        combos = [{**combo, name: value} for combo in combos for value in values]
    good = [_build(rule, combo) for combo in combos]
    bad = []
    for name, converter in rule._converters.items():
        hostile = HOSTILE_PATH_INTS if isinstance(converter, IntegerConverter) else HOSTILE_PATH_WORDS
        for value in hostile:
            bad.append(_build(rule, {**combos[0], name: value}))
    return good, bad


def _build(rule, values: dict) -> str:
    url = rule.rule
    for name, value in values.items():
        url = url.replace(f"<{name}>", value)
        for prefix in ("int:", "path:"):
            url = url.replace(f"<{prefix}{name}>", value)
    return url


class Fuzzer:
    """Sends the requests, remembers every 5xx, the forms the pages show and what each view read."""

    def __init__(self, client):
        self.client = client
        self.failures: list[str] = []
        self.sent = 0
        self.forms: dict[str, dict[str, list[str]]] = {}
        self.role = ""

    def send(self, method: str, url: str, **kwargs) -> tuple[int, set[str]]:
        """(status, names the view read from the query string or form)."""
        self.sent += 1
        RecordingArgs.asked = set()
        where = f"{self.role} {method} {url} {kwargs.get('query_string') or kwargs.get('data') or ''}"[:300]
        try:
            response = self.client.open(url, method=method, **kwargs)
        except Exception as error:  # PROPAGATE_EXCEPTIONS in testing: an unhandled error is a 500
            self.failures.append(f"{where} -> {type(error).__name__}: {str(error)[:200]}")
            return 500, set(RecordingArgs.asked)
        if response.status_code >= 500:
            self.failures.append(f"{where} -> {response.status_code}")
        if response.mimetype == "text/html" and response.status_code < 400:
            collector = FormCollector()
            collector.feed(response.get_data(as_text=True))
            for action, fields in collector.forms.items():
                self.forms.setdefault(action or url, fields)
        return response.status_code, set(RecordingArgs.asked)

    def pages(self, app, rules, ids: dict, hostile: tuple[str, ...]) -> None:
        """Each page, then with every query parameter it read set to each hostile value."""
        for rule in rules:
            good, bad = _urls(app, rule, ids)
            for url in bad if self.role == "admin" else ():
                self.send("GET", url)
            for url in good:
                status, asked = self.send("GET", url)
                if status != 200:
                    continue
                for value in hostile:  # every parameter the view read at once, one kind of value at a time
                    self.send("GET", url, query_string=dict.fromkeys(asked, value))

    def posts(self, app, rules, ids: dict, hostile: tuple[str, ...]) -> None:
        """Each form with every field set to each hostile value; for the administrator, also each choice and
        date alone, the other fields as the page fills them in."""
        for rule in rules:
            good, bad = _urls(app, rule, ids)
            for url in bad if self.role == "admin" else ():
                self.send("POST", url, data={})
            for url in good:
                status, asked = self.send("POST", url, data={})
                if status in (403, 404, 405):
                    continue
                form = self.forms.get(url, {})
                base = {name: value for name, (value, _kind) in form.items()}
                fields = sorted((asked | base.keys()) - {"csrf_token", "_form"})
                for value in hostile:
                    self.send("POST", url, data={**base, **dict.fromkeys(fields, value)})
                if self.role != "admin":
                    continue
                for field in fields:
                    kind = form.get(field, ("", "text"))[1]
                    if kind in HOSTILE_BY_KIND:
                        self.send("POST", url, data={**base, field: HOSTILE_BY_KIND[kind]})

    def api(self, app, rules, ids: dict, headers: dict) -> None:
        """Each API operation with hostile path parameters, query values and bodies (schemathesis checks the
        rest of the API's contract: tests/api/test_schemathesis.py)."""
        deep = "[" * 100_000 + "]" * 100_000
        for rule in rules:
            good, bad = _urls(app, rule, ids)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for url in bad:
                    self.send(method, url, headers=headers)
                for value in HOSTILE:
                    query = {
                        name: value for name in ("q", "page", "from", "to", "as_of", "committee", "year")
                    }
                    self.send(method, good[0], headers=headers, query_string=query, json={"name": value})
                json_headers = {**headers, "Content-Type": "application/json"}
                self.send(method, good[0], headers=json_headers, data=deep)


def test_no_route_answers_5xx_to_hostile_input(app, client, district, monkeypatch):
    monkeypatch.setattr(app.request_class, "parameter_storage_class", RecordingArgs)
    started = time.perf_counter()
    fuzz = Fuzzer(client)
    rules = sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint not in SESSION_ENDING and r.endpoint != "static"),
        key=lambda r: r.rule,
    )
    web = [r for r in rules if not r.rule.startswith("/api/")]
    for role in ROLES:
        fuzz.role = role
        hostile = HOSTILE if role == "admin" else HOSTILE_OTHER_ROLES
        login(client, district["users"][role].username)
        fuzz.pages(app, [r for r in web if "GET" in r.methods], district["ids"], hostile)
        if role in WRITING_ROLES:
            fuzz.posts(app, [r for r in web if "POST" in r.methods], district["ids"], hostile)
    fuzz.role = "admin token"
    fuzz.api(app, [r for r in rules if r.rule.startswith("/api/")], district["ids"], district["token"])
    print(f"route fuzz: {fuzz.sent} requests in {time.perf_counter() - started:.1f} s")
    assert not fuzz.failures, f"{len(fuzz.failures)} requests answered 5xx:\n" + "\n".join(fuzz.failures[:80])
