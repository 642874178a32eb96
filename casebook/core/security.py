"""Security headers, the login requirement on every page, and safe redirect targets."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Flask, Response, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Endpoints open to visitors who are not logged in.
PUBLIC_ENDPOINTS = {"auth.login", "static", "core.set_language", "core.set_text_size", "core.health"}


def init_app(app: Flask) -> None:
    """Trust only the configured proxies, require login for every page, add the security headers."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # The client address (login throttle, security log) and scheme come from X-Forwarded-For/-Proto set
        # by that many proxies; without them the headers are ignored, so a client cannot forge its address.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.before_request(require_login)
    app.after_request(add_security_headers)


def require_login():
    """Every page except login needs a logged-in user; the API answers with JSON 401 itself."""
    endpoint = request.endpoint or ""
    if endpoint in PUBLIC_ENDPOINTS or is_api_request():
        return None
    if not current_user.is_authenticated:
        from casebook.extensions import login_manager

        return login_manager.unauthorized()
    return None


def add_security_headers(response: Response) -> Response:
    """A strict CSP and the usual hardening headers (ASVS 3.4)."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.endpoint != "static":
        # Pages and downloads carry personal data (names, ID numbers): no browser or proxy may keep a copy.
        # send_file's own "no-cache" would still let them store it (ASVS 14.3.2).
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def is_api_request() -> bool:
    """True for requests to the JSON API under /api/."""
    return request.path.startswith("/api/")


_CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_next_url(target: str | None) -> str | None:
    """A redirect target only when it is a local path (no scheme, host, `//`, backslash, control char)."""
    if not target or _CONTROL.search(target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
