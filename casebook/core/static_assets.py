"""Static files: compressed on the way out (Flask-Compress: brotli, else gzip; the pages too), and under a URL that
names their content's hash (`url_for('static', ...)` adds `?v=<hash>`), cached by browsers for a year. A changed
file gets a new URL, so nothing stale is ever used; a URL without the current hash is revalidated as before."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, current_app, request

from casebook.extensions import compress

ONE_YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    """Compress responses; add the content hash to static URLs; cache the hashed ones for a year."""
    compress.init_app(app)
    app.url_defaults(_add_content_hash)

    def static(filename: str) -> Response:
        response = current_app.send_static_file(filename)
        if request.args.get("v") and request.args.get("v") == content_hash(filename):
            response.cache_control.no_cache = None
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
        return response

    app.view_functions["static"] = static


def content_hash(filename: str) -> str | None:
    """The first 12 hex digits of the SHA-256 of a static file (None when there is no such file)."""
    folder = Path(current_app.static_folder or "")
    path = (folder / filename).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    stat = path.stat()
    return _hash(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _hash(path: str, _mtime_ns: int, _size: int) -> str:
    """Read once per version of the file (its modification time and size are part of the cache key)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _add_content_hash(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        digest = content_hash(values["filename"])
        if digest:
            values["v"] = digest
