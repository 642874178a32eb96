"""Commands for accounts, API tokens and the security log (`casebook users …`, `tokens …`, `security-log`)."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext
from flask_babel import force_locale
from sqlalchemy import select

from casebook.auth import operations, queries
from casebook.auth.models import ApiToken, SecurityEventKind, User
from casebook.auth.security_log import describe
from casebook.core.errors import DomainError
from casebook.extensions import db


def _user(username: str) -> User:
    user = operations.find_user(username)
    if user is None:
        raise click.ClickException(f"No user {username}.")
    return user


@click.group("users")
def users() -> None:
    """Manage user accounts."""


@users.command("create")
@click.argument("username")
@click.option(
    "--role", required=True, type=click.Choice(["admin", "bureau", "reconsideration", "director", "mediator"])
)
@click.option("--name", "display_name", default="")
@click.option("--mediator", "mediator_code", default="", help="Code of the linked mediator record.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def users_create(
    username: str, role: str, display_name: str, mediator_code: str, password_stdin: bool
) -> None:
    """Create a user."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        mediator_id = operations.mediator_id_for_code(mediator_code)
        operations.create_user(username, role, password, display_name, mediator_id)
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Created {role} {username}.")


@users.command("disable")
@click.argument("username")
@with_appcontext
def users_disable(username: str) -> None:
    """Disable a user: their sessions end and their tokens stop working."""
    _set_enabled(username, False)


@users.command("enable")
@click.argument("username")
@with_appcontext
def users_enable(username: str) -> None:
    """Enable a disabled user again; tokens that were not revoked work again."""
    _set_enabled(username, True)


def _set_enabled(username: str, enabled: bool) -> None:
    operations.set_enabled(_user(username), enabled)
    db.session.commit()
    click.echo(f"{'Enabled' if enabled else 'Disabled'} {username}.")


@click.group("tokens")
def tokens() -> None:
    """Manage API tokens."""


@tokens.command("create")
@click.argument("username")
@click.option("--name", default="cli", show_default=True)
@with_appcontext
def tokens_create(username: str, name: str) -> None:
    """Create an API token for USERNAME and print it once."""
    _token, raw = operations.issue_token(_user(username), name)
    db.session.commit()
    click.echo(raw)


@tokens.command("list")
@click.argument("username")
@with_appcontext
def tokens_list(username: str) -> None:
    """List USERNAME's API tokens: id, first characters, name, created, last used, revoked."""
    user = _user(username)
    rows = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)).all()
    if not rows:
        click.echo(f"{username} has no API tokens.")
    for token in rows:
        state = f"revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else "live"
        used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
        click.echo(
            f"{token.id:>6}  {token.prefix}…  {token.name or '-':<20} "
            f"created {token.created_at:%Y-%m-%d %H:%M}  {used}  {state}"
        )


@tokens.command("revoke")
@click.argument("token_id", type=int)
@with_appcontext
def tokens_revoke(token_id: int) -> None:
    """Revoke the API token with this id (see `tokens list`)."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise click.ClickException(f"No API token {token_id}.")
    if token.is_revoked:
        raise click.ClickException(f"API token {token_id} is already revoked.")
    operations.revoke_token(token)
    db.session.commit()
    click.echo(f"Revoked API token {token_id} ({token.prefix}…) of {token.user.username}.")


@click.command("security-log")
@click.option("--user", "username", default="", help="Only events about this username.")
@click.option(
    "--kind", type=click.Choice([k.value for k in SecurityEventKind]), help="Only this kind of event."
)
@click.option("--ip", default="", help="Only events from this address.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@with_appcontext
def security_log(username: str, kind: str | None, ip: str, limit: int) -> None:
    """Print the security log, newest first: time (UTC), event, account, by whom, address, details."""
    filters = queries.SecurityLogFilters(kind=kind or "", username=username, ip=ip)
    events = db.session.scalars(queries.security_events(filters).limit(limit)).all()
    for event in events:
        actor = event.actor.username if event.actor and event.actor_id != event.user_id else ""
        if not event.ip and not actor:
            actor = "(command line)"
        with force_locale("en"):  # the commands speak English
            details = describe(event)
        click.echo(
            "\t".join(
                [
                    f"{event.created_at:%Y-%m-%d %H:%M:%S}",
                    event.kind,
                    event.user.username if event.user else event.username,
                    actor,
                    event.ip or "-",
                    details,
                ]
            )
        )
