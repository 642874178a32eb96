"""Drill-down: the cases a number's link selects are exactly as many as the number says."""

from __future__ import annotations

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from casebook.extensions import db
from casebook.mediation.queries import scoped_cases
from casebook.stats import drilldown, queries
from casebook.stats import mediation as med
from casebook.stats import reconsideration as rec
from casebook.stats.drilldown import DrillDown
from casebook.stats.filters import Filters
from casebook.stats.periods import Period

PERIOD = Period.year(2023)


@pytest.fixture
def bureau(make_user):
    return make_user("bureau")


def _round_trip(drill: DrillDown) -> DrillDown:
    """The drill-down as the case list reads it back from the link's arguments."""
    again = drilldown.from_args(MultiDict(drill.args()), drill.area)
    assert again == drill
    return again


@pytest.mark.parametrize("figure", [f.key for f in med.FIGURES])
def test_every_mediation_figure(district, bureau, figure):
    totals = queries.mediation_totals(bureau, PERIOD)
    drill = _round_trip(DrillDown("mediation", figure, PERIOD))
    assert drilldown.count(drill, bureau) == totals.values[figure]


@pytest.mark.parametrize("figure", [f.key for f in rec.FIGURES])
def test_every_reconsideration_figure(district, bureau, figure):
    totals = queries.reconsideration_totals(bureau, PERIOD)
    drill = _round_trip(DrillDown("reconsideration", figure, PERIOD))
    assert drilldown.count(drill, bureau) == totals.values[figure]


@pytest.mark.parametrize("by", ["committee", "mediator", "dispute_type", "source", "outcome", "area"])
def test_every_row_of_a_mediation_breakdown(district, bureau, by):
    filters = Filters(source="screening") if by != "source" else Filters()
    rows = queries.mediation_breakdown(bureau, PERIOD, by, filters)
    assert rows
    for row in rows:
        for figure in (
            "registered",
            "succeeded",
            "in_progress",
            "concluded",
            "concluded_on_time",
            "performed",
        ):
            drill = _round_trip(DrillDown("mediation", figure, PERIOD, filters, by, row.code or ""))
            assert drilldown.count(drill, bureau) == row.counts.values[figure], (by, row.code, figure)


@pytest.mark.parametrize("by", ["agency", "act_category", "outcome"])
def test_every_row_of_a_reconsideration_breakdown(district, bureau, by):
    for row in queries.reconsideration_breakdown(bureau, PERIOD, by):
        for figure in ("received", "accepted", "concluded", "corrections", "pending", "caseload"):
            drill = DrillDown("reconsideration", figure, PERIOD, Filters(), by, row.code or "")
            assert drilldown.count(drill, bureau) == row.counts.values[figure], (by, row.code, figure)


def test_every_month_of_a_series(district, bureau):
    for row in queries.mediation_series(bureau, PERIOD):
        for figure in ("registered", "succeeded", "concluded"):
            drill = DrillDown("mediation", figure, row.period)
            assert drilldown.count(drill, bureau) == row.counts.values[figure]


def test_the_case_list_query_narrowed_by_a_drill_down(district, make_user):
    """The list of a mediator's committee shows, under a drill-down, only the mediator's own counted cases."""
    mediator = make_user("mediator", mediator=district.mediators[2])
    totals = queries.mediation_totals(mediator, PERIOD)
    drill = DrillDown("mediation", "succeeded", PERIOD)
    listed = db.session.scalars(drilldown.apply_to_list(scoped_cases(mediator), drill, mediator)).all()
    assert len(listed) == totals.succeeded
    assert all(c.outcome == "success" and c.registered_on.year == 2023 for c in listed)
    assert len(db.session.scalars(scoped_cases(mediator)).all()) > len(listed)


def test_a_director_never_lists_other_committees(district, make_user):
    director = make_user("director", mediator=district.mediators[3])  # C2
    drill = DrillDown("mediation", "registered", PERIOD, Filters(committee="C1"))
    assert drilldown.count(drill, director) == 0


@pytest.mark.parametrize(
    "args",
    [
        {},
        {"stat": "nonsense", "stat_from": "2023-01-01", "stat_to": "2023-12-31"},
        {"stat": "registered", "stat_from": "2023-12-31", "stat_to": "2023-01-01"},
        {"stat": "registered", "stat_from": "yesterday", "stat_to": "2023-01-01"},
        {"stat": "registered", "stat_from": "2023-01-01", "stat_to": "2023-12-31", "stat_by": "planet"},
    ],
)
def test_arguments_that_name_no_drill_down_are_ignored(args):
    assert drilldown.from_args(MultiDict(args), "mediation") is None


def test_an_unknown_code_selects_nothing(district, bureau):
    drill = DrillDown("mediation", "registered", PERIOD, Filters(committee="NOPE"))
    assert drilldown.count(drill, bureau) == 0
    assert date(2023, 1, 1) == drill.period.start


def _listed_total(client, url: str) -> int:
    import re

    html = client.get(url).get_data(as_text=True)
    return int(re.search(r'id="drill-total">\D*(\d+)', html).group(1))


def test_the_case_lists_show_as_many_cases_as_each_headline_figure(app, client, login_as, district):
    """Each headline figure of the dashboard opens its area's case list, whose total is the figure."""
    from casebook.stats import dashboard

    user = login_as("admin")
    with app.test_request_context():
        mediation = dashboard.mediation_section(user, PERIOD, Filters(), "zh")
        reconsideration = dashboard.reconsideration_section(user, PERIOD, Filters(), "zh")
    checked = 0
    for card in mediation["cards"] + reconsideration["cards"]:
        if card.numerator:  # a rate: it links to its numerator's cases, and so does the numerator
            links = [(card.numerator.value, card.url), (card.numerator.value, card.numerator.url)]
            links.append((card.denominator.value, card.denominator.url))
        else:
            links = [(card.value, card.url)]
        for value, url in links:
            if url is None:
                continue
            assert url.startswith(("/mediation/?", "/reconsideration/cases?"))
            assert _listed_total(client, url) == int(value), (card.key, url)
            checked += 1
    assert checked >= 25


def test_breakdown_rows_open_lists_of_their_cases(app, client, login_as, district):
    from casebook.stats import dashboard

    user = login_as("admin")
    with app.test_request_context():
        section = dashboard.mediation_section(user, PERIOD, Filters(committee="C1"), "zh")
    for table in section["tables"]:
        for row in table.rows:
            cell = row["registered"]
            if cell.url:
                assert _listed_total(client, cell.url) == cell.value
