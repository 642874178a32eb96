"""Pagination in the database: LIMIT/OFFSET and one COUNT, never rows loaded to be counted.

A list that can hold a million rows counts at most `count_limit` of them (`paginate(..., count_limit=10_000)`):
counting every matching row on every page would cost more than the page itself. The page then knows it shows
"more than 10,000" and whether there is a next page, not how many pages there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import Select, func, inspect, literal, select

from casebook.core.inputs import MAX_PAGE
from casebook.extensions import db


@dataclass(frozen=True)
class Page:
    items: list[Any]
    page: int
    per_page: int
    total: int
    exact: bool = True  # False: `total` is the count limit, and more rows match
    more: bool = False  # a next page exists (known without an exact count)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages if self.exact else self.more

    @property
    def first_index(self) -> int:
        return 0 if not self.items else (self.page - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        last = (self.page - 1) * self.per_page + len(self.items)
        return min(self.total, last) if self.exact else last


# A page first finds its rows' ids and then reads only those rows ("deferred join"): the database skips the
# earlier rows in an index instead of reading each of them from the table (PostgreSQL does not defer that by
# itself: a deep page of a million cases took a third of a second), and sorts ids, not whole rows (SQLite sorts
# the full rows of a filter's matches, e.g. 8,000 overdue cases) (benchmarks/README.md). From this offset on:
DEFERRED_OFFSET = 0


def _deferred(query: Select, limit: int, offset: int) -> Select | None:
    """`query` limited to the ids of the wanted rows, for a query of one mapped class with a one-column key."""
    descriptions = query.column_descriptions
    if len(descriptions) != 1 or descriptions[0].get("entity") is None:
        return None
    mapper = inspect(descriptions[0]["entity"])
    if len(mapper.primary_key) != 1:
        return None
    key = mapper.primary_key[0]
    ids = query.with_only_columns(key).limit(limit).offset(offset)
    return query.where(key.in_(ids)).limit(limit)


def paginate(
    query: Select,
    page: int | None = 1,
    per_page: int | None = None,
    scalars: bool = True,
    count_limit: int | None = None,
) -> Page:
    """One page of `query` and the total count, both computed by the database.

    With `count_limit`, the count stops after that many rows; beyond it the page number is not clamped to a
    last page (there is none known) and `more` says whether another page follows.
    """
    per_page = max(1, min(per_page or current_app.config["PAGE_SIZE"], 200))
    unordered = query.order_by(None)
    if count_limit is None:
        counted = unordered
    else:  # count the first count_limit + 1 rows only, reading no column
        counted = unordered.with_only_columns(literal(1), maintain_column_froms=True).limit(count_limit + 1)
    total = db.session.scalar(select(func.count()).select_from(counted.subquery())) or 0
    exact = count_limit is None or total <= count_limit
    page = min(max(1, page or 1), MAX_PAGE)  # an OFFSET past a database integer is an error, not a page
    if exact:
        page = min(page, max(1, -(-total // per_page)))
    else:
        total = count_limit
    limit, offset = (per_page if exact else per_page + 1), (page - 1) * per_page
    limited = _deferred(query, limit, offset) if offset >= DEFERRED_OFFSET else None
    if limited is None:
        limited = query.limit(limit).offset(offset)
    result = db.session.execute(limited)
    items = list(result.scalars()) if scalars else list(result)
    more = len(items) > per_page
    return Page(items=items[:per_page], page=page, per_page=per_page, total=total, exact=exact, more=more)
