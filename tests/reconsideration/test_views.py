"""The pages: desk, list, receipt, the case page and its steps, printable notices."""

from datetime import date

from casebook.extensions import db
from casebook.reconsideration import operations


def test_pages_render_for_an_officer(client, login_as, make_recon_case):
    login_as("reconsideration")
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.suspend(case, None, date(2024, 10, 15), ground=6)
    db.session.commit()
    for url in [
        "/reconsideration/",
        "/reconsideration/cases",
        "/reconsideration/cases/new",
        f"/reconsideration/cases/{case.id}",
        f"/reconsideration/cases/{case.id}/edit",
        f"/reconsideration/cases/{case.id}/print/acceptance",
        f"/reconsideration/cases/{case.id}/print/suspension",
        "/reconsideration/cases.csv",
        "/reconsideration/cases.xlsx",
    ]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[:3000])


def test_receipt_form_errors_stay_beside_their_fields(client, login_as, make_agency):
    login_as("reconsideration")
    agency = make_agency()
    data = {
        "received_on": "2024-09-27",
        "channel": "written",
        "agency_id": str(agency.id),
        "act_category": "penalty",
        "learned_on": "2024-10-01",
        "applicant_kind": "person",
        "applicant_name": "张三",
        "applicant_phone": "12345",
    }
    page = client.post("/reconsideration/cases/new", data=data).get_data(as_text=True)
    assert 'id="learned_on-error"' in page and 'value="张三"' in page
    data["learned_on"] = "2024-06-01"
    page = client.post("/reconsideration/cases/new", data=data).get_data(as_text=True)
    assert 'id="applicant_phone-error"' in page
    data["applicant_phone"] = "13800138000"
    response = client.post("/reconsideration/cases/new", data=data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "逾期申请" in page and "138****8000" in page and "13800138000" not in page


def test_full_numbers_are_shown_on_request_and_the_look_recorded(client, login_as, make_recon_case):
    from sqlalchemy import select

    from casebook.core.personal import PersonalDataAccess

    officer = login_as("reconsideration")
    case = make_recon_case(parties=[operations.PartyData(name="张三", phone="13800138000")])
    party = case.parties[0]
    page = client.post(f"/reconsideration/cases/{case.id}/parties/{party.id}/reveal").get_data(as_text=True)
    assert "13800138000" in page
    access = db.session.scalars(select(PersonalDataAccess)).all()
    assert [(a.user_id, a.field) for a in access] == [(officer.id, "phone")]


def test_bureau_reads_without_forms(client, login_as, make_recon_case):
    login_as("bureau")
    case = make_recon_case()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "action-conclude" not in page and "显示完整号码" not in page
    assert client.post(f"/reconsideration/cases/{case.id}/parties/1/reveal").status_code == 403


def test_a_stale_form_is_refused(client, login_as, make_recon_case):
    login_as("reconsideration")
    case = make_recon_case()
    data = {"suspend-on": "2024-10-15", "suspend-ground": "6", "suspend-version": str(case.version - 1 or 99)}
    response = client.post(f"/reconsideration/cases/{case.id}/act/suspend", data=data)
    assert response.status_code == 422 and "其他人已修改" in response.get_data(as_text=True)


def test_forms_need_csrf(app, client, login_as, make_recon_case):
    login_as("reconsideration")
    case = make_recon_case()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post(
            f"/reconsideration/cases/{case.id}/act/suspend", data={"suspend-on": "2024-10-15"}
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code in (400, 422)
    db.session.refresh(case)
    assert case.status == "received"
