"""The list's filter selects stay short at province scale: mediators once a committee is chosen, no villages."""

from __future__ import annotations

from casebook.mediation import views


def test_mediators_are_listed_once_a_committee_narrows_them(
    client, login_as, make_committee, make_mediator, make_area, monkeypatch
):
    monkeypatch.setattr(views, "MEDIATOR_CHOICES_LIMIT", 2)
    first, second = make_committee(), make_committee()
    make_mediator([first], name="甲调解员")
    make_mediator([first], name="乙调解员")
    make_mediator([second], name="丙调解员")
    township = make_area(name="某街道", level="township")
    make_area(name="某社区", level="village", parent_id=township.id)
    login_as("bureau", language="en")

    html = client.get("/mediation/").get_data(as_text=True)
    assert "Choose a committee to list its mediators." in html
    assert "甲调解员" not in html
    assert "某街道" in html and "某社区" not in html

    html = client.get(f"/mediation/?committee={first.id}").get_data(as_text=True)
    assert "甲调解员" in html and "乙调解员" in html and "丙调解员" not in html
    assert "Choose a committee to list its mediators." not in html
