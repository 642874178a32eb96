"""The token that says whether cached statistics are still right (casebook.stats.cache)."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from casebook.extensions import db


class StatsVersion(db.Model):
    """One row whose token changes with every write to the data the statistics count (cases, follow-ups, the
    organisations the breakdowns name): figures cached under a token stay right while it stays."""

    __tablename__ = "stats_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), nullable=False)
