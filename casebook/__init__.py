"""casebook (案件通): the case manager of a district judicial bureau."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casebook.config import CONFIGS

if TYPE_CHECKING:  # importing casebook.deadlines must not import Flask (the engine is pure)
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: each step below configures one concern."""
    from flask import Flask

    app = Flask(__name__, instance_relative_config=True)
    configure_settings(app, config)
    configure_database(app)
    configure_extensions(app)
    configure_i18n(app)
    configure_auth(app)
    configure_security(app)
    configure_static_assets(app)
    configure_inputs(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_cli(app)
    return app


def configure_settings(app: Flask, config: dict[str, Any] | None) -> None:
    """Load the config class named by CASEBOOK_ENV, then CASEBOOK_* variables, then `config`."""
    env_name = (config or {}).get("ENV_NAME") or os.environ.get("CASEBOOK_ENV", "development")
    if env_name not in CONFIGS:
        raise RuntimeError(f"CASEBOOK_ENV must be one of {', '.join(CONFIGS)}, not {env_name!r}")
    app.config.from_object(CONFIGS[env_name])
    app.config.from_prefixed_env("CASEBOOK")
    if config:
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from casebook.core.clock import parse_fixed_day

    app.config["TODAY"] = parse_fixed_day(app.config.get("TODAY"), app.config["ENV_NAME"])
    from casebook.calendars.service import parse_warning_day

    parse_warning_day(app.config["HOLIDAY_SCHEDULE_WARNING_FROM"])

    if not app.config.get("SECRET_KEY"):
        if app.config["ENV_NAME"] == "production":
            raise RuntimeError("CASEBOOK_SECRET_KEY must be set in production")
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def _instance_secret_key(instance: Path) -> str:
    """Development only: a key generated once and kept in the instance folder."""
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def configure_database(app: Flask) -> None:
    """Choose the database: CASEBOOK_DATABASE_URL, else SQLite in the instance folder."""
    url = app.config.get("SQLALCHEMY_DATABASE_URI") or app.config.get("DATABASE_URL")
    if not url:
        url = "sqlite:///" + str(Path(app.instance_path) / "casebook.db")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if url.startswith("sqlite"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
            "connect_args": {"timeout": 30},
        }
    elif url.startswith("postgresql") and not app.config["POSTGRESQL_JIT"]:
        # PostgreSQL compiles "expensive" queries (the statistics' counts) to machine code first: seconds of
        # compiling for a query that then runs in milliseconds (benchmarks/README.md).
        engine_options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        connect_args = dict(engine_options.get("connect_args", {}))
        connect_args["options"] = f"{connect_args.get('options', '')} -c jit=off".strip()
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**engine_options, "connect_args": connect_args}
    from casebook import models  # noqa: F401  (every table known to the metadata)
    from casebook.core import database

    database.install_sqlite_pragmas()


def configure_extensions(app: Flask) -> None:
    """Bind the extensions created in extensions.py."""
    from casebook.core.database import include_object
    from casebook.extensions import csrf, db, limiter, migrate

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(Path(app.root_path).parent / "migrations"),
        render_as_batch=True,
        include_object=include_object,
    )
    csrf.init_app(app)
    if app.config.get("REDIS_URL"):
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    limiter.init_app(app)


def configure_i18n(app: Flask) -> None:
    """Flask-Babel with Simplified Chinese by default and English selectable."""
    from casebook.core import i18n

    i18n.init_app(app)


def configure_auth(app: Flask) -> None:
    """Flask-Login with per-user session tokens and session timeouts."""
    from casebook.auth import sessions

    sessions.init_app(app)


def configure_security(app: Flask) -> None:
    """Security headers and the login requirement on every page."""
    from casebook.core import security

    security.init_app(app)


def configure_static_assets(app: Flask) -> None:
    """Compressed responses; static files under their content hash, cached for a year."""
    from casebook.core import static_assets

    static_assets.init_app(app)


def configure_inputs(app: Flask) -> None:
    """Request parameters without control characters; ids in routes bounded (before any route is added)."""
    from casebook.core import inputs

    inputs.init_app(app)


def register_blueprints(app: Flask) -> None:
    """Every area's pages and API endpoints."""
    from casebook import api
    from casebook.auth import views as auth_views
    from casebook.calendars import api as calendars_api
    from casebook.calendars import views as calendars_views
    from casebook.core import views as core_views
    from casebook.extensions import csrf
    from casebook.imports import views as imports_views
    from casebook.litigation import api as litigation_api
    from casebook.litigation import views as litigation_views
    from casebook.mediation import api as mediation_api
    from casebook.mediation import views as mediation_views
    from casebook.orgs import api as orgs_api
    from casebook.orgs import views as orgs_views
    from casebook.reconsideration import api as reconsideration_api
    from casebook.reconsideration import views as reconsideration_views
    from casebook.stats import api as stats_api
    from casebook.stats import views as stats_views

    pages = [
        core_views,
        auth_views,
        orgs_views,
        mediation_views,
        reconsideration_views,
        litigation_views,
        stats_views,
        calendars_views,
        imports_views,
    ]
    for module in pages:
        app.register_blueprint(module.bp)
    for module in [
        api,
        orgs_api,
        mediation_api,
        reconsideration_api,
        litigation_api,
        stats_api,
        calendars_api,
    ]:
        csrf.exempt(module.bp)  # bearer tokens, not cookies: no CSRF risk
        app.register_blueprint(module.bp)


def register_error_handlers(app: Flask) -> None:
    """HTML or JSON error pages that never show a traceback."""
    from casebook.core import errors

    errors.init_app(app)


def register_template_helpers(app: Flask) -> None:
    """Filters and globals the templates share (dates, masking, permissions)."""
    from casebook.core import templating

    templating.init_app(app)


def register_cli(app: Flask) -> None:
    """The `flask --app casebook …` command groups."""
    from casebook import cli

    cli.init_app(app)
