"""The two errors the deadline engine raises: bad input, and a year with no holiday schedule."""

from __future__ import annotations

from casebook.deadlines.explain import pick


class DeadlineInputError(ValueError):
    """Facts that cannot describe a real case; ``field`` is the input key at fault (interchange.md names)."""

    def __init__(self, field: str, message_zh: str, message_en: str) -> None:
        self.field = field
        self.message_zh = message_zh
        self.message_en = message_en
        super().__init__(f"{field}: {message_en}")

    def message(self, lang: str) -> str:
        """The message in the language ``lang`` (Chinese for ``zh*``, English otherwise)."""
        return pick(lang, self.message_zh, self.message_en)


class CalendarYearUnknown(LookupError):
    """No holiday schedule is loaded for ``year``, so no working-day question about it can be answered."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.message_zh = f"未载入{year}年的节假日安排"
        self.message_en = f"calendar for {year} not loaded"
        super().__init__(self.message_en)

    def message(self, lang: str) -> str:
        """The message in the language ``lang`` (Chinese for ``zh*``, English otherwise)."""
        return pick(lang, self.message_zh, self.message_en)
