"""Pages of Core rows for list pages that show a few columns (issue 16).

`paginate_rows` is `db.paginate` for a Core select of columns: the same Pagination object (page,
pages, total, iter_pages… for the `pager` macro), but the items are `make(row)` for each row
instead of ORM entities. Hydrating 20 entities with their joined relations cost the case and
talent lists ~1–1.5 ms a page (bench/results/2026-12-06-perflists.md).
"""

from collections.abc import Callable

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from hub.extensions import db


class RowPagination(Pagination):
    def _query_items(self) -> list:
        stmt = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        make = self._query_args["make"]
        return [make(row) for row in db.session.execute(stmt)]

    def _query_count(self) -> int:
        if self._query_args["total"] is not None:
            return self._query_args["total"]
        counted = self._query_args["count_select"]
        if counted is None:
            counted = self._query_args["select"].order_by(None)
        return db.session.execute(
            sa.select(sa.func.count()).select_from(counted.subquery())).scalar_one()


def paginate_rows(stmt, make: Callable, *, page: int, per_page: int = 20,
                  count_select=None, count: bool = True, total: int | None = None
                  ) -> RowPagination:
    """Page `page` of `stmt` (ordered), each row made an item by `make`; with `count`, the
    total counted over `count_select` (default: `stmt` unordered), or `total` when the caller
    knows it — never a 404 for a page past the end (error_out=False, as the lists had)."""
    return RowPagination(page=page, per_page=per_page, error_out=False, count=count,
                         select=stmt, make=make, count_select=count_select, total=total)
