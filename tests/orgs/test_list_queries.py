"""Lists cost a fixed number of queries, however many rows a page shows (no query per row)."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from casebook.extensions import db


@contextmanager
def counted():
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def grow(make_committee, make_mediator, n: int) -> None:
    for _ in range(n):
        committee = make_committee()
        make_mediator(committees=[committee], position="director")
        make_mediator(committees=[committee], is_expert=True)


@pytest.mark.parametrize(
    "url",
    ["/orgs/committees", "/orgs/mediators", "/orgs/experts", "/orgs/areas", "/orgs/", "/api/v1/mediators"],
)
def test_a_list_page_costs_the_same_queries_for_few_and_many_rows(
    client, login_as, api_client, make_committee, make_mediator, url
):
    if url.startswith("/api"):
        _user, headers = api_client("bureau")
    else:
        login_as("bureau")
        headers = {}
    grow(make_committee, make_mediator, 2)
    with counted() as few:
        assert client.get(url, headers=headers).status_code == 200
    grow(make_committee, make_mediator, 20)
    with counted() as many:
        assert client.get(url, headers=headers).status_code == 200
    assert len(many) == len(few), (len(few), len(many))
    assert len(many) <= 14


def test_a_committee_page_costs_the_same_queries_for_few_and_many_members(
    client, login_as, make_committee, make_mediator
):
    login_as("bureau")
    committee = make_committee()
    make_mediator(committees=[committee], position="director")
    with counted() as few:
        client.get(f"/orgs/committees/{committee.id}")
    for _ in range(8):
        make_mediator(committees=[committee])
    with counted() as many:
        assert "9" in client.get(f"/orgs/committees/{committee.id}").get_data(as_text=True)
    assert len(many) == len(few)


def test_a_mediator_page_costs_the_same_queries_for_few_and_many_committees(
    client, login_as, make_committee, make_mediator
):
    login_as("bureau")
    mediator = make_mediator(committees=[make_committee()])
    with counted() as few:
        client.get(f"/orgs/mediators/{mediator.id}")
    mediator = make_mediator(committees=[make_committee() for _ in range(6)])
    with counted() as many:
        client.get(f"/orgs/mediators/{mediator.id}")
    assert len(many) == len(few)
