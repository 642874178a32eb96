"""Case numbers are unique and gap-free per committee and year, also when many clerks register at once."""

from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import select

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.mediation import operations
from casebook.mediation.models import MediationCase, MediationCaseCounter
from casebook.mediation.numbering import BulkNumberer

THREADS = 8
PER_THREAD = 5


def test_concurrent_intake_gives_unique_gap_free_numbers(app, team, case_input):
    data = case_input(parties=[])
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def clerk():
        try:
            with app.app_context():
                barrier.wait()
                for _ in range(PER_THREAD):
                    operations.register_case(None, data)
                    db.session.commit()
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=clerk) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    seqs = sorted(db.session.scalars(select(MediationCase.case_seq)))
    assert seqs == list(range(1, THREADS * PER_THREAD + 1))
    numbers = set(db.session.scalars(select(MediationCase.case_no)))
    assert len(numbers) == THREADS * PER_THREAD
    assert "城关调〔2024〕0040号" in numbers


def test_a_failed_intake_gives_its_number_back(team, case_input, register):
    register()
    bad = case_input(parties=[operations.PartyInput(role="applicant", name="")])
    try:
        operations.register_case(team.mediator, bad)
    except DomainError:
        db.session.rollback()
    assert register().case_no == "城关调〔2024〕0002号"


def test_numbers_already_used_are_skipped(team, register, make_mediation_case):
    make_mediation_case(team.committee, case_no="城关调〔2024〕0002号")
    assert [register().case_no for _ in range(2)] == ["城关调〔2024〕0001号", "城关调〔2024〕0003号"]


def test_bulk_numberer_continues_the_counter(team, register):
    register()
    numberer = BulkNumberer()
    issued = [numberer.issue(team.committee, 2024)[0] for _ in range(3)]
    numberer.save()
    db.session.commit()
    assert issued[0] == "城关调〔2024〕0002号" and issued[-1] == "城关调〔2024〕0004号"
    counter = db.session.get(MediationCaseCounter, (team.committee.id, 2024))
    assert counter.last_seq == 4
    assert register().case_no == "城关调〔2024〕0005号"


def test_format_is_a_setting(app, team, register):
    app.config["MEDIATION_CASE_NO_FORMAT"] = "{committee_code}-{year}-{seq:05d}"
    try:
        assert register(registered_on=date(2023, 5, 1)).case_no == f"{team.committee.code}-2023-00001"
    finally:
        app.config["MEDIATION_CASE_NO_FORMAT"] = "{committee_short}调〔{year}〕{seq:04d}号"
