"""Command line: `flask --app casebook …` or the `casebook` console script."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from casebook.extensions import db


def init_app(app: Flask) -> None:
    """Register every command group."""
    from casebook.auth.cli import security_log, tokens, users

    app.cli.add_command(serve)
    app.cli.add_command(users)
    app.cli.add_command(tokens)
    app.cli.add_command(security_log)
    app.cli.add_command(i18n_group)
    app.cli.add_command(demo_group)
    app.cli.add_command(import_command)

    from casebook.calendars.cli import calendar_group

    app.cli.add_command(calendar_group)


def main() -> None:
    """Entry point of the `casebook` console script (same commands as `flask --app casebook`)."""
    from casebook import create_app

    cli = FlaskGroup(create_app=lambda: create_app(), add_default_commands=True)
    cli.main(args=sys.argv[1:], prog_name="casebook")


# ---------------------------------------------------------------- serve


@click.command("serve")
@click.option("--demo", is_flag=True, help="Create demo accounts and data when the database is empty.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@with_appcontext
def serve(demo: bool, host: str, port: int) -> None:
    """Upgrade the database to head, optionally load demo data, and serve."""
    from flask_migrate import upgrade

    from casebook import demo as demo_data

    upgrade()
    url = f"http://{host}:{port}/"
    if demo:
        created = demo_data.load_if_empty()
        click.echo("Demo data created." if created else "Database not empty: demo data left as it was.")
        if current_app.config["TODAY"] is None and current_app.config["ENV_NAME"] != "production":
            current_app.config["TODAY"] = demo_data.DEMO_TODAY
        click.echo(
            f"The demo runs on its own date, {current_app.config['TODAY']} (CASEBOOK_TODAY sets another)."
        )
        click.echo("Demo logins (username / password):")
        for username, role, password in demo_data.DEMO_ACCOUNTS:
            click.echo(f"  {username:<14} {password:<18} {role}")
    click.echo(f"casebook is running at {url}  (Ctrl+C to stop)")
    app = current_app._get_current_object()
    import gc

    from werkzeug.serving import run_simple

    gc.collect()
    gc.freeze()  # start-up's objects out of the collector's full passes, as wsgi.py does

    run_simple(host, port, app, use_reloader=False, threaded=True)


# ---------------------------------------------------------------- translations


@click.group("i18n")
def i18n_group() -> None:
    """Translation catalogs."""


@i18n_group.command("compile")
def i18n_compile() -> None:
    """Rebuild the compiled catalogs from the per-area fragments."""
    from casebook.core.i18n import compile_catalogs

    for path in compile_catalogs(force=True):
        click.echo(f"wrote {path}")


@i18n_group.command("missing")
def i18n_missing() -> None:
    """List the messages in the code that have no Chinese translation yet (as .po entries)."""
    from casebook.core.i18n_check import missing_messages

    for message in missing_messages("zh"):
        click.echo(f'msgid "{message}"\nmsgstr ""\n')


# ---------------------------------------------------------------- demo data


@click.group("demo")
def demo_group() -> None:
    """Demo data."""


@demo_group.command("load")
@with_appcontext
def demo_load() -> None:
    """Load the demo data set when the database is empty."""
    from casebook import demo as demo_data

    click.echo("Demo data created." if demo_data.load_if_empty() else "Database not empty: nothing done.")


# ---------------------------------------------------------------- spreadsheet imports


@click.command("import")
@click.argument("kind")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file only; write nothing.")
@with_appcontext
def import_command(kind: str, file: str, dry_run: bool) -> None:
    """Import a CSV or XLSX file of KIND (areas, committees, mediators, agencies, mediation, reconsideration)."""
    from casebook.imports import all_specs, run_import
    from casebook.imports.lock import import_lock

    specs = all_specs()
    if kind not in specs:
        raise click.BadParameter(f"choose one of: {', '.join(sorted(specs))}", param_hint="KIND")
    with import_lock(wait_seconds=None):  # another import running: wait for it
        report = run_import(specs[kind], file, user=None, dry_run=dry_run)
        if report.ok and not dry_run:
            db.session.commit()
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not report.ok:
        db.session.rollback()
        for error in report.errors:
            where = ", ".join(
                part for part in [f"row {error.row}" if error.row else "", error.column or ""] if part
            )
            click.echo(f"{where}: {error.message}" if where else error.message, err=True)
        if report.more_errors:
            click.echo(f"... and {report.more_errors} more", err=True)
        raise click.ClickException(f"nothing imported: {len(report.errors) + report.more_errors} problems")
    if dry_run:
        click.echo(
            f"{report.total_rows} rows correct (dry run): would create {report.created}, update {report.updated}, "
            f"leave {report.unchanged} unchanged"
        )
        return
    click.echo(
        f"imported {report.total_rows} rows: {report.created} created, {report.updated} updated, "
        f"{report.unchanged} unchanged"
    )
