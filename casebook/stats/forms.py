"""The period picker and filters of the statistics pages (a GET form: it changes nothing, so no CSRF token)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from wtforms import Form, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from casebook.core.clock import today
from casebook.core.dates import BoundedDateField, out_of_bounds
from casebook.core.permissions import Permission, has_permission
from casebook.extensions import db
from casebook.mediation.models import SOURCE_LABELS
from casebook.orgs.models import (
    Agency,
    Area,
    AreaLevel,
    Committee,
    CommitteeMembership,
    DisputeType,
    Mediator,
)
from casebook.reconsideration.codes import ACT_CATEGORY_LABELS
from casebook.stats.filters import FilterError, Filters, resolve
from casebook.stats.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError

KINDS = {"year": _l("Year"), "quarter": _l("Quarter"), "month": _l("Month"), "range": _l("Date range")}
FILTER_FIELDS = ("area", "committee", "mediator", "dispute_type", "source", "agency", "act_category")


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _any(pairs) -> list[SelectChoice]:
    """'Any' then the options."""
    return _choices([("", _("Any")), *pairs])


class StatsForm(Form):
    """Period (year, quarter, month or any range) and the filters, by code."""

    period = SelectField(_l("Period"), choices=_choices(KINDS.items()), default="year")
    year = SelectField(_l("Year"), coerce=int)
    quarter = SelectField(
        _l("Quarter"), coerce=int, choices=_choices((q, _l("Q%(q)s", q=q)) for q in range(1, 5)), default=1
    )
    month = SelectField(
        _l("Month"), coerce=int, choices=_choices((m, str(m)) for m in range(1, 13)), default=1
    )
    start = BoundedDateField(_l("From"), validators=[Optional()])
    end = BoundedDateField(_l("To"), validators=[Optional()])
    area = SelectField(_l("Area"), default="")
    committee = SelectField(_l("Committee"), default="")
    mediator = SelectField(_l("Mediator"), default="")
    dispute_type = SelectField(_l("Dispute type"), default="")
    source = SelectField(_l("Source"), default="")
    agency = SelectField(_l("Respondent agency"), default="")
    act_category = SelectField(_l("Category of act"), default="")


MEDIATOR_CHOICES_LIMIT = 200


def build_form(args, user, default_year: int) -> StatsForm:
    """The form bound to the query string, with the choices the user may see."""
    from casebook.orgs.queries import visible_committees, visible_mediators

    form = StatsForm(args)
    years = range(max(MIN_YEAR, default_year - 15), min(MAX_YEAR, default_year + 1) + 1)
    form.year.choices = _choices((y, str(y)) for y in reversed(years))
    if not args.get("year"):
        form.year.data = default_year
    # Villages and every mediator of a province would make selects of thousands of options, which cost the
    # dashboard more than its figures (benchmarks/README.md): places down to townships, mediators once a
    # committee narrows them down (the chosen ones are always offered).
    areas = select(Area).where(
        Area.is_active, or_(Area.level != AreaLevel.VILLAGE.value, Area.code == (args.get("area") or ""))
    )
    form.area.choices = _any([(a.code, a.name) for a in db.session.scalars(areas.order_by(Area.code))])
    form.committee.choices = _any(
        [(c.code, c.name) for c in db.session.scalars(visible_committees(user).order_by(Committee.code))]
    )
    mediators = visible_mediators(user)
    if args.get("committee"):
        mediators = mediators.where(
            Mediator.id.in_(
                select(CommitteeMembership.mediator_id)
                .join(Committee, Committee.id == CommitteeMembership.committee_id)
                .where(Committee.code == args.get("committee"))
            )
        )
    found = db.session.scalars(
        mediators.order_by(Mediator.name, Mediator.code).limit(MEDIATOR_CHOICES_LIMIT + 1)
    ).all()
    if len(found) > MEDIATOR_CHOICES_LIMIT:
        chosen = visible_mediators(user).where(Mediator.code == (args.get("mediator") or ""))
        found = db.session.scalars(chosen).all()
        form.mediator.description = _l("Choose a committee to list its mediators.")
    form.mediator.choices = _any([(m.code, f"{m.name} ({m.code})") for m in found])
    form.dispute_type.choices = _any(
        [
            (t.code, t.name_zh)
            for t in db.session.scalars(select(DisputeType).order_by(DisputeType.position, DisputeType.id))
        ]
    )
    form.source.choices = _any([(k.value, str(v)) for k, v in SOURCE_LABELS.items()])
    form.agency.choices = _any(
        [(a.code, a.name) for a in db.session.scalars(select(Agency).order_by(Agency.code))]
    )
    form.act_category.choices = _any([(k, str(v)) for k, v in ACT_CATEGORY_LABELS.items()])
    if not has_permission(user, Permission.VIEW_MEDIATION):
        for name in ("committee", "mediator", "dispute_type", "source"):
            delattr(form, name)
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        for name in ("agency", "act_category"):
            delattr(form, name)
    return form


def selected_period(form: StatsForm, default_year: int) -> Period:
    """The period the form asks for; a field that does not make one gets a message and the default year."""
    kind = form.period.data if form.period.data in KINDS else "year"
    year = form.year.data if isinstance(form.year.data, int) else default_year
    try:
        if kind == "quarter":
            return Period.quarter(year, form.quarter.data if form.quarter.data in range(1, 5) else 1)
        if kind == "month":
            return Period.month(year, form.month.data if form.month.data in range(1, 13) else 1)
        if kind == "range":
            if form.start.data is None or form.end.data is None:
                for field in (form.start, form.end):
                    if field.data is None and not field.errors:
                        field.errors = [*field.errors, _("Give the first and last day of the range.")]
                return Period.year(default_year)
            return Period(form.start.data, form.end.data)
        return Period.year(year)
    except PeriodError as error:
        form.end.errors = [*form.end.errors, str(error)]
        return Period.year(default_year)


def selected_filters(form: StatsForm) -> Filters:
    """The filters the form asks for; an unknown code gets a message beside its field and is dropped."""
    present = {name: form[name].data for name in FILTER_FIELDS if name in form}
    filters = Filters.from_mapping({k: v if isinstance(v, str) else None for k, v in present.items()})
    try:
        resolve(filters)
    except FilterError as error:
        for name, message in error.errors.items():
            field = getattr(form, name)
            field.errors = [*field.errors, message]
        filters = Filters.from_mapping({k: v for k, v in filters.items().items() if k not in error.errors})
    return filters


def validate(form: StatsForm) -> None:
    """Run the field validators without refusing the page (messages show beside the fields)."""
    for name in ("start", "end"):
        field = getattr(form, name)
        if field.raw_data and field.raw_data[0] and field.data is None:
            field.errors = [_("Not a valid date (use YYYY-MM-DD).")]
        elif field.data is not None and out_of_bounds(field.data):
            field.errors = [out_of_bounds(field.data)]
            field.data = None


def today_year() -> int:
    """The current year (the default period)."""
    return today().year
