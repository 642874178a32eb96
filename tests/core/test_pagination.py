"""Pagination in the database, exact or with a count limit (the lists of a million cases)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from casebook.core.pagination import paginate
from casebook.mediation.models import MediationCase


def _cases(make_mediation_case, make_committee, n: int) -> None:
    committee = make_committee()
    for i in range(n):
        make_mediation_case(committee=committee, registered_on=date(2024, 1, 1) + timedelta(days=i))


def _query():
    return select(MediationCase).order_by(MediationCase.registered_on.desc(), MediationCase.id.desc())


def test_exact_count_clamps_the_page(app, make_mediation_case, make_committee):
    _cases(make_mediation_case, make_committee, 7)
    with app.test_request_context():
        page = paginate(_query(), page=9, per_page=3)
    assert (page.total, page.exact, page.page, page.pages) == (7, True, 3, 3)
    assert [c.registered_on.day for c in page.items] == [1]
    assert not page.has_next and page.has_prev
    assert (page.first_index, page.last_index) == (7, 7)


def test_under_the_limit_the_count_is_exact(app, make_mediation_case, make_committee):
    _cases(make_mediation_case, make_committee, 5)
    with app.test_request_context():
        page = paginate(_query(), page=1, per_page=2, count_limit=5)
    assert (page.total, page.exact, page.pages, page.has_next) == (5, True, 3, True)


def test_beyond_the_limit_the_page_knows_only_whether_more_follow(app, make_mediation_case, make_committee):
    _cases(make_mediation_case, make_committee, 7)
    with app.test_request_context():
        first = paginate(_query(), page=1, per_page=2, count_limit=4)
        deep = paginate(_query(), page=4, per_page=2, count_limit=4)  # beyond the limit: not clamped
        last = paginate(_query(), page=3, per_page=3, count_limit=4)
    assert (first.total, first.exact, first.has_next, len(first.items)) == (4, False, True, 2)
    assert (deep.page, [c.registered_on.day for c in deep.items], deep.has_next) == (4, [1], False)
    assert (deep.first_index, deep.last_index) == (7, 7)
    assert (last.page, len(last.items), last.has_next) == (3, 1, False)


def test_the_case_list_says_more_than_the_limit(app, client, login_as, make_mediation_case, make_committee):
    _cases(make_mediation_case, make_committee, 4)
    login_as("bureau", language="en")
    app.config["LIST_COUNT_LIMIT"] = 3
    try:
        html = client.get("/mediation/").get_data(as_text=True)
    finally:
        app.config["LIST_COUNT_LIMIT"] = 10_000
    assert "1–4 of more than 3" in html
    assert "Page 1 of" not in html
    assert 'rel="next"' not in html


def test_a_deep_page_reads_the_same_rows_through_their_ids(
    app, make_mediation_case, make_committee, monkeypatch
):
    from casebook.core import pagination

    _cases(make_mediation_case, make_committee, 7)
    with app.test_request_context():
        deferred = paginate(_query(), page=3, per_page=2)
        monkeypatch.setattr(pagination, "DEFERRED_OFFSET", 10**9)
        plain = paginate(_query(), page=3, per_page=2)
        monkeypatch.undo()
        limited = paginate(_query(), page=2, per_page=3, count_limit=4)
    assert [c.id for c in deferred.items] == [c.id for c in plain.items]
    assert [c.registered_on.day for c in deferred.items] == [3, 2]
    assert ([c.registered_on.day for c in limited.items], limited.more) == ([4, 3, 2], True)
