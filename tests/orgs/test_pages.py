"""The organisation pages for every role: lists, details, forms with messages beside fields, members."""

from datetime import date

import pytest
from sqlalchemy import func, select

from casebook.core.personal import PersonalDataAccess
from casebook.extensions import db
from casebook.orgs.models import Agency, Committee, CommitteeMembership, DisputeType, Mediator

ID_NUMBER = "110101198001010010"
PHONE = "13912345678"

PAGES = [
    "/orgs/",
    "/orgs/?as_of=2023-12-31",
    "/orgs/committees",
    "/orgs/mediators",
    "/orgs/experts",
    "/orgs/studios",
    "/orgs/areas",
    "/orgs/associations",
    "/orgs/agencies",
    "/orgs/dispute-types",
]
MANAGE_PAGES = [
    "/orgs/committees/new",
    "/orgs/areas/new",
    "/orgs/associations/new",
    "/orgs/agencies/new",
    "/orgs/studios/new",
    "/orgs/dispute-types/new",
]


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def two_committees(make_committee, make_mediator):
    own = make_committee(code="C1", name="东湖街道人民调解委员会")
    other = make_committee(code="C2", name="西山街道人民调解委员会")
    director = make_mediator(code="M1", name="主任甲", committees=[own], position="director")
    member = make_mediator(code="M2", name="委员乙", committees=[own], id_number=ID_NUMBER, phone=PHONE)
    stranger = make_mediator(code="M3", name="外人丙", committees=[other])
    return {"own": own, "other": other, "director": director, "member": member, "stranger": stranger}


@pytest.mark.parametrize("role", ["admin", "bureau", "reconsideration", "director", "mediator"])
def test_every_role_opens_the_lists(client, login_as, two_committees, role):
    login_as(role, mediator=two_committees["director"] if role in ("director", "mediator") else None)
    for url in PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "role, status", [("admin", 200), ("bureau", 200), ("reconsideration", 403), ("director", 403)]
)
def test_only_admin_and_bureau_open_the_forms(client, login_as, role, status):
    login_as(role)
    for url in MANAGE_PAGES:
        assert client.get(url).status_code == status, url


def test_pages_need_a_login(client):
    response = client.get("/orgs/committees")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# ---------------------------------------------------------------- committees and members


def test_bureau_creates_a_committee_and_sees_messages_beside_bad_fields(client, login_as):
    login_as("bureau")
    response = client.post(
        "/orgs/committees/new",
        data={
            "code": "S1",
            "name": "医疗纠纷人民调解委员会",
            "type": "sector",
            "sector": "",
            "founded_on": "2020-13-01",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert 'id="sector-error"' in page and 'id="founded_on-error"' in page
    assert 'value="医疗纠纷人民调解委员会"' in page  # nothing typed is lost
    response = client.post(
        "/orgs/committees/new",
        data={
            "code": "S1",
            "name": "医疗纠纷人民调解委员会",
            "type": "sector",
            "sector": "medical",
            "founded_on": "2020-03-01",
        },
    )
    assert response.status_code == 302
    committee = db.session.scalar(select(Committee).where(Committee.code == "S1"))
    assert committee.sector == "medical" and committee.founded_on == date(2020, 3, 1)


def test_a_duplicate_code_is_shown_beside_the_code(client, login_as, make_committee):
    make_committee(code="C9")
    login_as("admin")
    response = client.post("/orgs/committees/new", data={"code": "C9", "name": "x", "type": "other"})
    assert 'id="code-error"' in text(response)


def test_a_director_adds_a_member_to_their_own_committee(client, login_as, two_committees, make_mediator):
    login_as("director", mediator=two_committees["director"])
    newcomer = make_mediator(code="M9", name="新人丁")
    own = two_committees["own"]
    page = text(client.get(f"/orgs/committees/{own.id}"))
    assert 'id="add-member"' in page
    response = client.post(f"/orgs/committees/{own.id}", data={"mediator_code": "M9", "position": "member"})
    assert response.status_code == 302
    assert db.session.scalar(
        select(func.count()).where(
            CommitteeMembership.committee_id == own.id, CommitteeMembership.mediator_id == newcomer.id
        )
    )


def test_a_director_gets_404_on_another_committee(client, login_as, two_committees):
    login_as("director", mediator=two_committees["director"])
    other = two_committees["other"]
    assert client.get(f"/orgs/committees/{other.id}").status_code == 404
    assert (
        client.post(
            f"/orgs/committees/{other.id}", data={"mediator_code": "M1", "position": "member"}
        ).status_code
        == 404
    )
    seat = db.session.scalar(select(CommitteeMembership).where(CommitteeMembership.committee_id == other.id))
    assert client.post(f"/orgs/committees/{other.id}/members/{seat.id}/remove").status_code == 404
    assert (
        client.post(
            f"/orgs/committees/{other.id}/members/{seat.id}/position", data={"position": "director"}
        ).status_code
        == 404
    )
    assert client.get(f"/orgs/mediators/{two_committees['stranger'].id}").status_code == 404


def test_a_second_director_is_refused_beside_the_position(client, login_as, two_committees):
    login_as("director", mediator=two_committees["director"])
    own = two_committees["own"]
    response = client.post(f"/orgs/committees/{own.id}", data={"mediator_code": "M3", "position": "director"})
    assert response.status_code == 200
    assert 'id="position-error"' in text(response) and "主任甲" in text(response)


def test_an_unknown_mediator_code_is_refused_beside_the_code(client, login_as, two_committees):
    login_as("director", mediator=two_committees["director"])
    response = client.post(
        f"/orgs/committees/{two_committees['own'].id}", data={"mediator_code": "NOPE", "position": "member"}
    )
    assert 'id="mediator_code-error"' in text(response)


def test_a_director_changes_a_position_and_removes_a_member(client, login_as, two_committees):
    login_as("director", mediator=two_committees["director"])
    own = two_committees["own"]
    seat = db.session.scalar(
        select(CommitteeMembership).where(CommitteeMembership.mediator_id == two_committees["member"].id)
    )
    assert (
        client.post(
            f"/orgs/committees/{own.id}/members/{seat.id}/position", data={"position": "deputy"}
        ).status_code
        == 302
    )
    db.session.expire_all()
    assert db.session.get(CommitteeMembership, seat.id).position == "deputy"
    seat_id = seat.id
    assert client.post(f"/orgs/committees/{own.id}/members/{seat_id}/remove").status_code == 302
    db.session.expire_all()
    assert db.session.get(CommitteeMembership, seat_id) is None


def test_a_mediator_sees_their_committee_but_manages_nothing(client, login_as, two_committees):
    login_as("mediator", mediator=two_committees["member"])
    own, other = two_committees["own"], two_committees["other"]
    page = text(client.get(f"/orgs/committees/{own.id}"))
    assert "主任甲" in page and 'id="add-member"' not in page
    assert (
        client.post(
            f"/orgs/committees/{own.id}", data={"mediator_code": "M3", "position": "member"}
        ).status_code
        == 404
    )
    assert client.get(f"/orgs/committees/{other.id}").status_code == 404
    listing = text(client.get("/orgs/committees"))
    assert "东湖街道" in listing and "西山街道" not in listing


# ---------------------------------------------------------------- mediators and personal data


def test_a_bad_id_number_is_refused_with_the_reason_and_nothing_lost(client, login_as, two_committees):
    login_as("bureau")
    response = client.post(
        "/orgs/mediators/new",
        data={"code": "M20", "name": "王五", "employment": "part_time", "id_number": "110101198001010011"},
        headers={"Accept-Language": "en"},
    )
    page = text(response)
    assert 'id="id_number-error"' in page and "check digit" in page
    assert 'value="王五"' in page
    assert db.session.scalar(select(func.count()).select_from(Mediator).where(Mediator.code == "M20")) == 0


def test_bureau_creates_an_expert_with_specialities_and_committees(client, login_as, two_committees):
    login_as("bureau")
    medical = db.session.scalar(select(DisputeType.id).where(DisputeType.code == "medical"))
    response = client.post(
        "/orgs/mediators/new",
        data={
            "code": "M21",
            "name": "赵六",
            "employment": "full_time",
            "gender": "male",
            "id_number": ID_NUMBER.replace("0010", "0010"),
            "phone": "139 1234 5679",
            "is_expert": "y",
            "specialities": [str(medical)],
            "committees": [str(two_committees["own"].id), str(two_committees["other"].id)],
        },
    )
    assert response.status_code == 200 and 'id="id_number-error"' in text(response)  # M2 already has it
    response = client.post(
        "/orgs/mediators/new",
        data={
            "code": "M21",
            "name": "赵六",
            "employment": "full_time",
            "phone": "139 1234 5679",
            "is_expert": "y",
            "specialities": [str(medical)],
            "committees": [str(two_committees["own"].id), str(two_committees["other"].id)],
        },
    )
    assert response.status_code == 302
    mediator = db.session.scalar(select(Mediator).where(Mediator.code == "M21"))
    assert mediator.phone == "13912345679" and [t.code for t in mediator.specialities] == ["medical"]
    assert len(mediator.memberships) == 2
    assert "赵六" in text(client.get(f"/orgs/experts?speciality={medical}"))


def test_numbers_are_masked_for_the_bureau_and_no_view_is_recorded(client, login_as, two_committees):
    login_as("bureau")
    page = text(client.get(f"/orgs/mediators/{two_committees['member'].id}"))
    assert ID_NUMBER not in page and "1101**********0010" in page
    assert PHONE not in page and "139****5678" in page
    assert db.session.scalar(select(func.count()).select_from(PersonalDataAccess)) == 0
    edit = text(client.get(f"/orgs/mediators/{two_committees['member'].id}/edit"))
    assert ID_NUMBER not in edit and PHONE not in edit


@pytest.mark.parametrize("role", ["reconsideration", "director"])
def test_full_numbers_are_shown_to_roles_that_need_them_and_each_view_recorded(
    client, login_as, two_committees, role
):
    user = login_as(role, mediator=two_committees["director"] if role == "director" else None)
    page = text(client.get(f"/orgs/mediators/{two_committees['member'].id}"))
    assert ID_NUMBER in page and PHONE in page
    views = db.session.scalars(select(PersonalDataAccess).where(PersonalDataAccess.user_id == user.id)).all()
    assert sorted(v.field for v in views) == ["id_number", "phone"]
    assert {(v.subject_type, v.subject_id) for v in views} == {("mediator", two_committees["member"].id)}


def test_lists_always_mask(client, login_as, two_committees):
    login_as("admin")
    page = text(client.get("/orgs/mediators"))
    assert PHONE not in page and "139****5678" in page


def test_bureau_edits_a_mediator_without_seeing_or_losing_the_numbers(client, login_as, two_committees):
    login_as("bureau")
    member = two_committees["member"]
    response = client.post(
        f"/orgs/mediators/{member.id}/edit",
        data={
            "code": "M2",
            "name": "委员乙改",
            "employment": "part_time",
            "id_number": "",
            "phone": "",
            "committees": [str(two_committees["own"].id)],
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    member = db.session.get(Mediator, member.id)
    assert (member.name, member.id_number, member.phone) == ("委员乙改", ID_NUMBER, PHONE)


# ---------------------------------------------------------------- lists: search, filter, sort, paginate


def test_lists_search_filter_sort_and_paginate_in_the_database(client, login_as, make_committee):
    for n in range(30):
        make_committee(
            code=f"K{n:02d}", name=f"测试{n:02d}委员会", type="enterprise" if n % 3 == 0 else "other"
        )
    login_as("bureau")
    first = text(client.get("/orgs/committees"))
    assert "K00" in first and "K25" not in first and "1–25" in first.replace("第 ", "").replace(" 条", "")
    second = text(client.get("/orgs/committees?page=2"))
    assert "K25" in second and "K00" not in second
    assert "K29" in text(client.get("/orgs/committees?sort=-code")).split("K28")[0]
    found = text(client.get("/orgs/committees?q=测试07"))
    assert "K07" in found and "K08" not in found
    assert "K07" in text(client.get("/orgs/committees?q=k07"))
    enterprise = text(client.get("/orgs/committees?type=enterprise"))
    assert "K03" in enterprise and "K04" not in enterprise
    assert client.get("/orgs/committees?page=99999999999&sort=%00&area=abc&as_of=nonsense").status_code == 200


def test_committees_as_of_a_day(client, login_as, make_committee):
    make_committee(code="OLD", founded_on=date(2010, 1, 1), dissolved_on=date(2020, 1, 1))
    make_committee(code="NEW", founded_on=date(2021, 1, 1))
    login_as("bureau")
    page = text(client.get("/orgs/committees?as_of=2019-12-31"))
    assert "OLD" in page and "NEW" not in page


def test_the_summary_counts_as_of_the_chosen_day(client, login_as, make_committee, make_mediator):
    make_committee(
        type="sector", sector="traffic", founded_on=date(2015, 1, 1), dissolved_on=date(2024, 1, 1)
    )
    make_mediator(employment="full_time", is_expert=True, joined_on=date(2015, 1, 1))
    login_as("bureau")
    page = text(client.get("/orgs/?as_of=2023-12-31"))
    assert 'id="count-committees">1<' in page and 'id="count-full-time">1<' in page
    assert 'id="count-committees">0<' in text(client.get("/orgs/?as_of=2024-01-01"))


def test_the_area_tree_walks_down(client, login_as, make_area):
    district = make_area(code="D", name="云溪区", level="district")
    township = make_area(code="T", name="东湖街道", level="township", parent_id=district.id)
    make_area(code="V", name="湖滨社区", level="village", parent_id=township.id)
    login_as("mediator")
    top = text(client.get("/orgs/areas"))
    assert "云溪区" in top and "东湖街道" not in top
    down = text(client.get(f"/orgs/areas?parent={district.id}"))
    assert "东湖街道" in down
    assert "湖滨社区" in text(client.get("/orgs/areas?q=湖滨"))


# ---------------------------------------------------------------- deactivate, delete, dispute types


def test_deactivate_reactivate_and_delete(client, login_as, make_agency, make_committee, make_mediator):
    login_as("bureau")
    agency = make_agency()
    assert client.post(f"/orgs/agencies/{agency.id}/deactivate").status_code == 302
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).is_active is False
    client.post(f"/orgs/agencies/{agency.id}/reactivate")
    db.session.expire_all()
    assert db.session.get(Agency, agency.id).is_active is True
    agency_id = agency.id
    client.post(f"/orgs/agencies/{agency_id}/delete")
    db.session.expire_all()
    assert db.session.get(Agency, agency_id) is None

    committee = make_committee(founded_on=date(2010, 1, 1))
    make_mediator(committees=[committee])
    page = text(client.get(f"/orgs/committees/{committee.id}"))
    assert f"/orgs/committees/{committee.id}/deactivate" in page
    assert f"/orgs/committees/{committee.id}/delete" not in page  # members refer to it
    client.post(f"/orgs/committees/{committee.id}/delete")
    client.post(f"/orgs/committees/{committee.id}/deactivate", data={"on": "2024-06-30"})
    db.session.expire_all()
    committee = db.session.get(Committee, committee.id)
    assert committee.dissolved_on == date(2024, 6, 30) and not committee.is_active


def test_others_cannot_deactivate(client, login_as, make_agency):
    agency = make_agency()
    login_as("director")
    assert client.post(f"/orgs/agencies/{agency.id}/deactivate").status_code == 403


def test_unknown_kinds_and_records_are_not_found(client, login_as):
    login_as("bureau")
    assert client.post("/orgs/things/1/deactivate").status_code == 404
    assert client.post("/orgs/agencies/99999999999/deactivate").status_code == 404


def test_admin_adds_a_dispute_type(client, login_as):
    login_as("admin")
    response = client.post(
        "/orgs/dispute-types/new",
        data={"code": "school_safety", "name_zh": "校园安全", "name_en": "School safety"},
    )
    assert response.status_code == 302
    assert (
        db.session.scalar(select(DisputeType).where(DisputeType.code == "school_safety")).name_zh
        == "校园安全"
    )
    bad = client.post("/orgs/dispute-types/new", data={"code": "Bad code", "name_zh": "坏", "name_en": "Bad"})
    assert 'id="code-error"' in text(bad)


def test_forms_need_the_csrf_token(app, client, login_as):
    login_as("bureau")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        assert client.post("/orgs/agencies/new", data={"code": "G1", "name": "区局"}).status_code == 400
        assert client.post("/orgs/agencies/1/deactivate").status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False


def test_forms_offer_only_active_records_but_keep_the_current_one(
    client, login_as, make_area, make_committee
):
    login_as("bureau")
    old_area = make_area(code="OLD", name="旧区划", is_active=False)
    make_area(code="NEW", name="新区划")
    dissolved = make_committee(code="GONE", name="已撤销委员会", is_active=False)
    committee = make_committee(code="C1", area_id=old_area.id)
    page = text(client.get(f"/orgs/committees/{committee.id}/edit"))
    assert "旧区划" in page and "新区划" in page  # the current (inactive) area stays selectable
    assert "旧区划" not in text(client.get("/orgs/committees/new"))
    assert "已撤销委员会" not in text(client.get("/orgs/mediators/new"))
    assert "已撤销委员会" in text(client.get("/orgs/mediators"))  # lists still filter by it
    assert dissolved.id
