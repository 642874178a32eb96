"""Anti-automation without denial of service (ASVS 5.0 V6.3): guessing gets slow, the owner is not locked out.

- Per address: Flask-Limiter counts failed logins (auth.views) and bad API tokens (here) per client address,
  shared between workers through Redis (CASEBOOK_REDIS_URL). The address is the peer's unless
  CASEBOOK_TRUSTED_PROXIES says how many proxies set X-Forwarded-For, so a forged header is not a new address.
- Per username: after LOGIN_DELAY_FREE_ATTEMPTS failures the next attempt must wait 1 s, then 2 s, 4 s … up to
  LOGIN_DELAY_MAX_SECONDS after the last failure; a successful login starts the count again. The count comes from
  the security log, so every worker sees it. An attacker can slow an account down, never lock it: a browser in
  which the account has logged in before (a signed "known device" cookie) is not delayed, until a failure there.
"""

from __future__ import annotations

import math
import time
from datetime import timedelta

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer
from limits import parse
from sqlalchemy import func, select

from casebook.auth.models import SecurityEvent, SecurityEventKind
from casebook.auth.security_log import normalised_username
from casebook.core import clock
from casebook.extensions import db, limiter

KNOWN_DEVICE_COOKIE = "casebook_device"
KNOWN_DEVICE_NAMES = 5  # usernames remembered per browser (a shared office computer)


def login_delay(username: str) -> int:
    """Seconds the next login attempt for `username` must still wait (0: none)."""
    key = normalised_username(username)
    if key in known_device_usernames():
        return 0
    config = current_app.config
    now = clock.now()
    since = now - timedelta(seconds=config["LOGIN_FAILURE_WINDOW_SECONDS"])
    last_login = db.session.scalar(
        select(func.max(SecurityEvent.created_at)).where(
            SecurityEvent.username == key,
            SecurityEvent.kind == SecurityEventKind.LOGIN,
            SecurityEvent.created_at > since,
        )
    )
    failures, last_failure = db.session.execute(
        select(func.count(), func.max(SecurityEvent.created_at)).where(
            SecurityEvent.username == key,
            SecurityEvent.kind == SecurityEventKind.LOGIN_FAILED,
            SecurityEvent.created_at > (last_login or since),
        )
    ).one()
    excess = failures - config["LOGIN_DELAY_FREE_ATTEMPTS"]
    if excess < 0:
        return 0
    delay = min(2**excess, config["LOGIN_DELAY_MAX_SECONDS"])
    remaining = (clock.as_utc(last_failure) + timedelta(seconds=delay) - now).total_seconds()
    return max(0, math.ceil(remaining))


def _device_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="casebook-known-device")


def known_device_usernames() -> list[str]:
    """The usernames that have logged in from this browser (from the signed cookie; empty when absent)."""
    raw = request.cookies.get(KNOWN_DEVICE_COOKIE)
    if not raw:
        return []
    max_age = current_app.config["LOGIN_KNOWN_DEVICE_DAYS"] * 86400
    try:
        names = _device_serializer().loads(raw, max_age=max_age)
    except BadSignature:
        return []
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


def remember_device(response: Response, username: str) -> None:
    """Mark this browser as one the account logged in from (after a successful login)."""
    key = normalised_username(username)
    names = [key, *(name for name in known_device_usernames() if name != key)][:KNOWN_DEVICE_NAMES]
    _set_device_cookie(response, names)


def forget_device(response: Response, username: str) -> None:
    """A failed attempt in this browser: the account's attempts here are delayed like anywhere else."""
    key = normalised_username(username)
    names = known_device_usernames()
    if key in names:
        _set_device_cookie(response, [name for name in names if name != key])


def _set_device_cookie(response: Response, names: list[str]) -> None:
    config = current_app.config
    response.set_cookie(
        KNOWN_DEVICE_COOKIE,
        _device_serializer().dumps(names),
        max_age=config["LOGIN_KNOWN_DEVICE_DAYS"] * 86400,
        secure=bool(config.get("SESSION_COOKIE_SECURE")),
        httponly=True,
        samesite="Lax",
    )


def _token_limit():
    return parse(current_app.config["API_TOKEN_FAILURE_LIMIT"])


def bad_token_wait() -> int:
    """Seconds this address must wait before its next API token is checked (0: none)."""
    if not limiter.enabled:
        return 0
    if limiter.limiter.test(_token_limit(), "api-token", request.remote_addr or ""):
        return 0
    reset_at, _remaining = limiter.limiter.get_window_stats(
        _token_limit(), "api-token", request.remote_addr or ""
    )
    return max(1, math.ceil(reset_at - time.time()))


def count_bad_token() -> None:
    """Count a refused API token against this address."""
    if limiter.enabled:
        limiter.limiter.hit(_token_limit(), "api-token", request.remote_addr or "")
