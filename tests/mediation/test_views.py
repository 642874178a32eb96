"""The mediation pages: intake with parties, the case page and its actions, messages beside fields, conflicts."""

from __future__ import annotations

from datetime import date

from casebook.extensions import db
from casebook.mediation.models import MediationCase
from tests.conftest import login
from tests.mediation.conftest import VALID_ID, VALID_ID_2


def intake_form(team, dispute_type_id, **overrides):
    data = {
        "committee_id": str(team.committee.id),
        "dispute_type_id": str(dispute_type_id),
        "source": "application",
        "registered_on": "2024-03-01",
        "summary": "两户因排水沟堵塞争执",
        "mediator_ids": [str(team.mediator_record.id)],
        "parties-0-role": "applicant",
        "parties-0-kind": "person",
        "parties-0-name": "张三",
        "parties-0-id_number": VALID_ID,
        "parties-0-phone": "13800138000",
        "parties-1-role": "respondent",
        "parties-1-kind": "person",
        "parties-1-name": "李四",
        "parties-1-id_number": VALID_ID_2,
    }
    data.update(overrides)
    return data


def test_mediator_home_is_my_cases(client, team):
    login(client, team.mediator.username)
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/mediation/mine")
    assert "我的案件" in client.get("/mediation/mine").get_data(as_text=True)


def test_register_a_dispute_with_two_parties(client, team, dispute_type_id):
    login(client, team.mediator.username)
    form = client.get("/mediation/new").get_data(as_text=True)
    assert "登记纠纷" in form and "李调解" in form
    response = client.post("/mediation/new", data=intake_form(team, dispute_type_id))
    assert response.status_code == 302, response.get_data(as_text=True)
    case = db.session.query(MediationCase).one()
    assert case.case_no == "城关调〔2024〕0001号" and len(case.parties) == 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.case_no in page and "1101**********002X" in page and VALID_ID not in page
    assert "138****8000" in page


def test_a_wrong_id_number_is_shown_beside_the_field_and_nothing_is_lost(client, team, dispute_type_id):
    login(client, team.mediator.username)
    data = intake_form(team, dispute_type_id, **{"parties-1-id_number": "110105194912310021"})
    response = client.post("/mediation/new", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="parties-1-id_number-error"' in html and "校验码" in html
    assert "两户因排水沟堵塞争执" in html and 'value="张三"' in html and 'value="110105194912310021"' in html
    assert db.session.query(MediationCase).count() == 0


def test_add_party_button_keeps_the_input(client, team, dispute_type_id):
    login(client, team.mediator.username)
    html = client.post(
        "/mediation/new", data={**intake_form(team, dispute_type_id), "add_party": "1"}
    ).get_data(as_text=True)
    assert 'name="parties-2-name"' in html and 'value="李四"' in html
    assert db.session.query(MediationCase).count() == 0


def test_full_numbers_are_logged(client, team, register):
    case = register()
    login(client, team.mediator.username)
    html = client.get(f"/mediation/{case.id}?full=1").get_data(as_text=True)
    assert VALID_ID in html
    from casebook.core.personal import PersonalDataAccess

    assert db.session.query(PersonalDataAccess).filter_by(user_id=team.mediator.id).count() == 2


def test_journey_to_agreement_confirmation_and_follow_up(client, team, register):
    case = register()
    login(client, team.mediator.username)
    url = f"/mediation/{case.id}"

    def post(path, **data):
        version = db.session.get(MediationCase, case.id).version
        db.session.expire_all()
        prefix = path.split("/")[0]
        prefix = {
            "sessions": "add_session",
            "extensions": "extend",
            "confirmation": "confirm",
            "followups": "follow_up",
        }.get(prefix, prefix)
        payload = {f"{prefix}-{key}": value for key, value in data.items()}
        payload[f"{prefix}-version"] = str(version)
        return client.post(f"{url}/{path}", data=payload)

    assert post("accept", accepted_on="2024-03-01").status_code == 302
    assert post("start").status_code == 302
    assert (
        post(
            "sessions", held_on="2024-03-04", place="村委会", mediator_ids=str(team.mediator_record.id)
        ).status_code
        == 302
    )
    early = post(
        "conclude",
        outcome="success",
        closed_on="2024-03-10",
        agreement_form="written",
        agreement_on="2024-02-20",
        agreement_content="李四赔偿张三500元",
    )
    html = early.get_data(as_text=True)
    assert early.status_code == 200 and 'id="conclude-agreement_on-error"' in html and "2024-03-01" in html
    assert "李四赔偿张三500元" in html  # the input is kept
    done = post(
        "conclude",
        outcome="success",
        closed_on="2024-03-10",
        agreement_form="written",
        agreement_on="2024-03-10",
        agreement_content="李四赔偿张三500元",
    )
    assert done.status_code == 302
    printed = client.get(f"{url}/agreement").get_data(as_text=True)
    assert "人民调解协议书" in printed and "李四赔偿张三500元" in printed
    assert (
        post(
            "confirmation",
            applied_on="2024-03-15",
            court="城关区人民法院",
            ruling="",
            ruling_no="",
            ruled_on="",
        ).status_code
        == 302
    )
    assert (
        post("followups", visited_on="2024-04-10", performance="performed", note="已付清").status_code == 302
    )
    page = client.get(url).get_data(as_text=True)
    assert "城关区人民法院" in page and "已履行" in page and "调解成功" in page
    case = db.session.get(MediationCase, case.id)
    assert case.status == "concluded" and case.confirmation.court == "城关区人民法院"


def test_a_refused_transition_gives_a_message(client, team, register):
    case = register()
    login(client, team.mediator.username)
    response = client.post(f"/mediation/{case.id}/start", data={"start-version": str(case.version)})
    assert response.status_code == 200 and "案件受理后才能开始调解" in response.get_data(as_text=True)


def test_a_second_concurrent_save_is_refused_showing_the_change(client, team, register, case_input):
    from casebook.mediation import operations

    case = register()
    login(client, team.mediator.username)
    edit = client.get(f"/mediation/{case.id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in edit or 'value="1"' in edit
    operations.update_case(team.director, case, case_input(summary="主任改过的案情"), case.version)
    db.session.commit()
    data = intake_form(team, case.dispute_type_id, summary="调解员的新案情", version="1")
    response = client.post(f"/mediation/{case.id}/edit", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "他人修改了本案" in html and "主任改过的案情" in html and "调解员的新案情" in html
    db.session.expire_all()
    assert db.session.get(MediationCase, case.id).summary == "主任改过的案情"
    new_version = db.session.get(MediationCase, case.id).version
    again = client.post(f"/mediation/{case.id}/edit", data={**data, "version": str(new_version)})
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.get(MediationCase, case.id).summary == "调解员的新案情"


def test_list_filters_search_and_registration_form(client, team, register):
    register(summary="宅基地边界争议")
    register(summary="噪音扰民", registered_on=date(2024, 5, 2))
    login(client, team.mediator.username)
    html = client.get("/mediation/?q=宅基地").get_data(as_text=True)
    assert "0001号" in html and "0002号" not in html
    html = client.get("/mediation/?registered_from=2024-05-01").get_data(as_text=True)
    assert "0002号" in html and "0001号" not in html
    assert client.get("/mediation/?q=%25&sort=bogus&committee=abc&registered_from=x").status_code == 200
    case = db.session.query(MediationCase).first()
    assert "登记表" in client.get(f"/mediation/{case.id}/registration").get_data(as_text=True)
