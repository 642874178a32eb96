"""The case text search: the same answers as LIKE '%…%', served by each database's trigram index."""

from __future__ import annotations

from sqlalchemy import text

from casebook.extensions import db
from casebook.mediation import operations
from casebook.mediation.models import MediationCase
from casebook.mediation.operations import PartyInput
from casebook.mediation.queries import CaseFilters, filtered_cases
from tests.conftest import login


def _found(user, q: str) -> set[str]:
    query = filtered_cases(user, CaseFilters(q=q)).with_only_columns(MediationCase.summary)
    return set(db.session.scalars(query))


def test_the_trigram_index_exists_at_head(app):
    bind = db.session.get_bind()
    if bind.dialect.name == "sqlite":
        names = set(
            db.session.scalars(text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"))
        )
        # A later batch migration of mediation_cases would drop these triggers: it must create them again.
        assert {
            "mediation_cases_search",
            "mediation_cases_search_ai",
            "mediation_cases_search_ad",
            "mediation_cases_search_au",
        } <= names
    else:
        assert db.session.scalar(
            text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_mediation_cases_search_text_trgm'")
        )


def test_search_follows_registration_edits_and_every_length(register, team, case_input):
    first = register(summary="宅基地边界争议", parties=[PartyInput(role="applicant", name="欧阳明磊")])
    register(summary="噪音扰民纠纷", parties=[PartyInput(role="applicant", name="王芳")])
    user = team.mediator
    assert _found(user, "宅基地") == {"宅基地边界争议"}  # three characters and more: through the index
    assert _found(user, "欧阳明磊") == {"宅基地边界争议"}
    assert _found(user, "王芳") == {"噪音扰民纠纷"}  # two: read from every case
    assert _found(user, "争") == {"宅基地边界争议"}
    assert _found(user, "ＷＡＮＧ") == set()  # width-normalised and case-folded like the column; no such text
    assert _found(user, first.case_no) == {"宅基地边界争议"}

    # an edit that renames a party and rewrites the summary re-indexes the case
    changed = case_input(summary="相邻通行权纠纷", parties=[PartyInput(role="applicant", name="司马光明")])
    operations.update_case(team.mediator, first, changed, first.version)
    db.session.commit()
    assert _found(user, "宅基地") == set()
    assert _found(user, "欧阳明磊") == set()
    assert _found(user, "司马光明") == {"相邻通行权纠纷"}
    assert _found(user, "通行权") == {"相邻通行权纠纷"}


def test_search_text_with_the_index_syntax_is_plain_text(register, team):
    register(summary='合同写明"定金"不退')
    user = team.mediator
    for q in ('"定金"', '明"定', "AND OR NOT", "定金*", "(定金", "%定金", "_定金"):
        assert isinstance(_found(user, q), set)  # no syntax error from the index
    assert _found(user, '"定金"') == {'合同写明"定金"不退'}
    assert _found(user, "%定金") == set()  # LIKE's wildcards are literal characters in a search


def test_the_list_page_searches_through_the_index(client, register, team):
    register(summary="宅基地边界争议")
    register(summary="噪音扰民纠纷")
    login(client, team.mediator.username)
    html = client.get("/mediation/?q=宅基地边界").get_data(as_text=True)
    assert "0001号" in html and "0002号" not in html
    html = client.get("/mediation/?q=扰民纠纷").get_data(as_text=True)
    assert "0002号" in html and "0001号" not in html
