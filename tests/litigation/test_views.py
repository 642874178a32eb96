"""The litigation pages: registration with errors beside the field, the case page's steps with CSRF, the list's
filters, and the section on the officer's desk."""

from datetime import date

from casebook.extensions import db
from casebook.litigation import operations

D = date.fromisoformat


def test_register_a_case_from_the_form(client, login_as, make_agency):
    login_as("reconsideration")
    agency = make_agency(name="区公安分局")
    form = {
        "court": "区人民法院",
        "court_case_no": "（2025）赣0102行初7号",
        "instance": "first",
        "defendant_kind": "agency",
        "agency_id": str(agency.id),
        "act_category": "penalty",
        "filed_on": "2025-05-20",
        "complaint_served_on": "2025-06-02",
        "plaintiff_kind": "person",
        "plaintiff_name": "孙七",
    }
    response = client.post("/litigation/new", data=form)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "（2025）赣0102行初7号" in page and "孙七" in page and "区公安分局" in page
    assert "2025-06-17" in page  # the defence's due date, with its steps
    assert "ALL art. 67 ¶1" in page or "第六十七条第一款" in page


def test_errors_are_shown_beside_their_field(client, login_as, make_agency):
    login_as("reconsideration")
    agency = make_agency()
    form = {
        "court": "区人民法院",
        "court_case_no": "X-1",
        "instance": "first",
        "defendant_kind": "agency",
        "agency_id": str(agency.id),
        "act_category": "penalty",
        "filed_on": "2025-05-20",
        "plaintiff_kind": "person",
        "plaintiff_name": "孙七",
        "plaintiff_id_number": "360102199001011234",
    }
    response = client.post("/litigation/new", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="plaintiff_id_number-error"' in html
    form.update(plaintiff_id_number="", filed_on="2025-07-01")  # after the tests' day
    html = client.post("/litigation/new", data=form).get_data(as_text=True)
    assert 'id="filed_on-error"' in html


def test_hearing_and_judgment_from_the_case_page(client, login_as, make_litigation_case):
    login_as("reconsideration")
    case = make_litigation_case(filed_on=D("2025-03-01"))
    base = f"/litigation/{case.id}/act"
    refused = client.post(f"{base}/hearing", data={"hearing-on": "2025-05-10", "hearing-appearance": "staff",
                                                   "hearing-version": str(case.version)})  # fmt: skip
    assert refused.status_code == 422
    assert 'id="hearing-absence_reason-error"' in refused.get_data(as_text=True)
    ok = client.post(f"{base}/hearing", data={"hearing-on": "2025-05-10", "hearing-appearance": "head",
                                              "hearing-head_name": "周局长", "hearing-version": str(case.version)})  # fmt: skip
    assert ok.status_code == 302
    db.session.refresh(case)
    ok = client.post(f"{base}/judgment", data={"judgment-on": "2025-06-01", "judgment-outcome": "confirm_unlawful",
                                               "judgment-version": str(case.version)})  # fmt: skip
    assert ok.status_code == 302
    page = client.get(f"/litigation/{case.id}").get_data(as_text=True)
    assert 'data-testid="head-appeared"' in page and 'data-testid="judgment"' in page
    db.session.refresh(case)
    assert case.is_against_agency is True


def test_a_stale_form_is_refused_beside_it(client, login_as, make_litigation_case):
    login_as("reconsideration")
    case = make_litigation_case(filed_on=D("2025-03-01"))
    old = case.version
    operations.schedule_hearing(case, None, D("2025-07-01"))
    db.session.commit()
    response = client.post(f"/litigation/{case.id}/act/defence", data={"defence-on": "2025-05-10",
                                                                       "defence-version": str(old)})  # fmt: skip
    assert response.status_code == 422
    assert 'id="defence-on-error"' in response.get_data(as_text=True)


def test_actions_need_the_csrf_token(app, client, login_as, make_litigation_case):
    login_as("reconsideration")
    case = make_litigation_case(filed_on=D("2025-03-01"))
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(f"/litigation/{case.id}/act/serve", data={"serve-on": "2025-06-02"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code in (400, 422)
    db.session.refresh(case)
    assert case.complaint_served_on is None


def test_list_filters(client, login_as, make_litigation_case, make_agency):
    login_as("bureau")
    police = make_agency(name="区公安分局")
    a = make_litigation_case(filed_on=D("2024-03-01"), agency=police, court_case_no="A-2024")
    make_litigation_case(filed_on=D("2025-03-01"), court_case_no="B-2025", instance="second")
    operations.record_judgment(a, None, D("2024-06-01"), "revoke")
    db.session.commit()

    def listed(query: str) -> set[str]:
        html = client.get(f"/litigation/?{query}").get_data(as_text=True)
        return {no for no in ("A-2024", "B-2025") if no in html}

    assert listed("") == {"A-2024", "B-2025"}
    assert listed("year=2024") == {"A-2024"}
    assert listed(f"agency_id={police.id}") == {"A-2024"}
    assert listed("instance=second") == {"B-2025"}
    assert listed("outcome=revoke") == {"A-2024"}
    assert listed("against=1") == {"A-2024"}
    assert listed("year=abc&instance=bogus") == {"A-2024", "B-2025"}


def test_the_desk_shows_defences_due_and_hearings(client, login_as, make_litigation_case):
    login_as("reconsideration")
    due = make_litigation_case(
        filed_on=D("2025-06-01"), complaint_served_on=D("2025-06-05"), court_case_no="DUE-1"
    )
    late = make_litigation_case(
        filed_on=D("2025-05-01"), complaint_served_on=D("2025-05-10"), court_case_no="LATE-1"
    )
    later = make_litigation_case(
        filed_on=D("2025-06-10"), complaint_served_on=D("2025-06-13"), court_case_no="FAR-1"
    )
    heard = make_litigation_case(filed_on=D("2025-04-01"), court_case_no="HEAR-1")
    operations.schedule_hearing(heard, None, D("2025-06-25"))
    db.session.commit()
    assert (due.defence_due_on, late.defence_due_on, later.defence_due_on) == (
        D("2025-06-20"),
        D("2025-05-26"),
        D("2025-06-30"),
    )
    html = client.get("/reconsideration/").get_data(as_text=True)
    section = html[html.index('data-testid="litigation-desk"') :]
    assert "DUE-1" in section and "LATE-1" in section and "HEAR-1" in section
    assert "FAR-1" not in section
