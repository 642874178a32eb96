"""The largest request body each page accepts: MAX_CONTENT_LENGTH everywhere, more where an area says so
(the import upload takes a register as large as IMPORT_MAX_FILE_MB); a larger body is a 413 before it is read."""

from __future__ import annotations

from flask import Request, current_app

MB = 1024 * 1024
# endpoint -> the config key of its limit in MB; areas add theirs at import time (imports/views.py).
LARGE_UPLOADS: dict[str, str] = {}


class BoundedRequest(Request):
    """A request whose body limit depends on the page it is for."""

    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is not None:
            return self._max_content_length
        if not current_app:
            return None
        default = current_app.config["MAX_CONTENT_LENGTH"]
        key = LARGE_UPLOADS.get(self.endpoint or "")
        if key is None:
            return default
        return max(default or 0, current_app.config[key] * MB + MB)  # + the form's framing and other fields

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value
