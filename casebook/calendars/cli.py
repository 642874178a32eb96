"""`flask --app casebook calendar …`: show a year's schedule and where it comes from; load one from a file."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from casebook.extensions import db


@click.group("calendar")
def calendar_group() -> None:
    """Holiday schedules of the working-day calendar."""


LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)


@calendar_group.command("show")
@click.argument("year", type=int)
@LANG
@with_appcontext
def calendar_show(year: int, lang: str) -> None:
    """List YEAR's days off and make-up workdays and say where they come from."""
    from casebook.calendars import queries
    from casebook.calendars.service import working_calendar
    from casebook.deadlines import CalendarYearUnknown

    with force_locale(lang):
        try:
            listing = queries.year_listing(year, working_calendar(lang), lang)
        except CalendarYearUnknown as error:
            raise click.ClickException(error.message(lang)) from None
        origin = _("entered by an administrator") if listing.origin == "admin" else _("built-in library")
        click.echo(_("Holiday schedule for %(year)s", year=year))
        click.echo(_("Source: %(source)s (%(origin)s)", source=listing.source, origin=origin))
        if listing.overrides_library:
            click.echo(_("This entry replaces the library's schedule for the whole year."))
        for d in listing.days:
            kind = _("Make-up workday") if d.kind == "workday" else _("Day off")
            weekday = format_date(d.day, "EEE")
            click.echo(f"{d.day.isoformat()}  {weekday}  {kind}  {d.name or ''}".rstrip())
        click.echo(
            _(
                "%(holidays)s days off on weekdays, %(workdays)s make-up workdays.",
                holidays=listing.weekday_holidays,
                workdays=listing.workdays,
            )
        )


@calendar_group.command("load")
@click.argument("year", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--note", default="", help="Where the schedule comes from (default: the file's name).")
@click.option("--replace", is_flag=True, help="Replace a schedule an administrator loaded before.")
@LANG
@with_appcontext
def calendar_load(year: int, file: Path, note: str, replace: bool, lang: str) -> None:
    """Load YEAR's schedule from FILE (`date,kind[,name]` lines, kind 休/班 or holiday/workday)."""
    from casebook.calendars import operations, queries
    from casebook.calendars.parsing import DateTextError, decode_upload, parse_schedule_file

    with force_locale(lang):
        if queries.admin_schedule(year) is not None and not replace:
            raise click.ClickException(
                _("A schedule for %(year)s was loaded before; add --replace to replace it.", year=year)
            )
        try:
            parsed = parse_schedule_file(decode_upload(file.read_bytes()), year)
        except DateTextError as error:
            raise click.ClickException(str(error)) from None
        errors = parsed.errors
        if not errors:
            try:
                operations.load_schedule(year, parsed.holidays, parsed.workdays, note or file.name)
            except operations.ScheduleError as error:
                db.session.rollback()
                errors = error.errors
        if errors:
            for messages in errors.values():
                for message in messages:
                    click.echo(message, err=True)
            raise click.ClickException(_("Nothing was loaded."))
        db.session.commit()
        click.echo(
            _(
                "Loaded %(year)s: %(holidays)s days off, %(workdays)s make-up workdays.",
                year=year,
                holidays=len(parsed.holidays),
                workdays=len(parsed.workdays),
            )
        )


@calendar_group.command("recompute")
@click.argument("year", type=int)
@LANG
@with_appcontext
def calendar_recompute(year: int, lang: str) -> None:
    """Recompute the stored deadlines that depend on YEAR's schedule, each change in the case's history (e.g.
    once after an upgrade: a deadline reaching a year without a schedule then gets its provisional date)."""
    from casebook.calendars import operations

    with force_locale(lang):
        operations.recompute_deadlines(year)
        db.session.commit()
        click.echo(_("The stored deadlines depending on %(year)s have been recomputed.", year=year))
