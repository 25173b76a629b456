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
    _counted: int | None = None

    def _count_stmt(self):
        if self._query_args["count_stmt"] is not None:
            return self._query_args["count_stmt"]
        counted = self._query_args["count_select"]
        if counted is None:
            counted = self._query_args["select"].order_by(None)
        return sa.select(sa.func.count()).select_from(counted.subquery())

    def _query_items(self) -> list:
        stmt = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        make = self._query_args["make"]
        if not self._query_args["total_in_page"]:
            return [make(row) for row in db.session.execute(stmt).all()]  # one fetch
        rows = db.session.execute(
            stmt.add_columns(self._count_stmt().scalar_subquery().label("total"))).all()
        if rows:
            self._counted = rows[0].total
        return [make(row) for row in rows]

    def _query_count(self) -> int:
        if self._query_args["total"] is not None:
            return self._query_args["total"]
        if self._counted is not None:
            return self._counted
        return db.session.execute(self._count_stmt()).scalar_one()


class BuiltPagination(RowPagination):
    """A page of a statement built once (`paginate_built`)."""

    def _query_items(self) -> list:
        args = self._query_args
        rows = db.session.execute(args["select"], {**args["values"], "limit": self.per_page,
                                                   "offset": self._query_offset}).all()
        if rows:
            self._counted = rows[0].total
        make = args["make"]
        return [make(row) for row in rows]

    def _query_count(self) -> int:
        if self._counted is not None:
            return self._counted
        return db.session.execute(self._query_args["count_stmt"],
                                  self._query_args["values"]).scalar_one()


def paginate_built(stmt, count_stmt, values: dict, make: Callable, *, page: int | None,
                   per_page: int = 20) -> RowPagination:
    """`paginate_rows(..., total_in_page=True, count_stmt=...)` for statements built once
    (issue 16: building the talent list's statements cost ~1,500 Python calls a request):
    `stmt` pages by the bound parameters "limit" and "offset" and has the total as its last
    column, `count_stmt` selects the total alone (for a page without rows); `values` are the
    other parameters of both."""
    return BuiltPagination(page=page, per_page=per_page, error_out=False, select=stmt,
                           count_stmt=count_stmt, values=values, make=make)


def clause_key(clause) -> tuple | None:
    """A key equal for equal clauses, structure and values (None when SQLAlchemy has none)."""
    cache_key = clause._generate_cache_key()
    if cache_key is None:
        return None
    values = tuple(b.effective_value for b in cache_key.bindparams)
    try:
        hash(values)
    except TypeError:  # a list of values (IN): no key, the statements are built anew
        return None
    return cache_key.key, values


def built_once(store: dict, build: Callable, key: tuple, clauses: tuple = ()):
    """Statements built once per `key` and distinct `clauses` (each compared by structure and
    values, e.g. a viewer's visibility clause, still asked of hub.permissions on every
    request), the other values bound at execution: `build()` the first time, then the same
    statements, whose SQLAlchemy cache keys are kept with them (building a page's statements
    and their keys costs hundreds to thousands of Python calls, issue 16). Built anew when a
    clause has no cache key; `store` emptied at 1,024 entries (one per park, say)."""
    keys = tuple(clause_key(c) for c in clauses)
    if None in keys:
        return build()
    full = (*key, *keys)
    found = store.get(full)
    if found is None:
        if len(store) >= 1024:
            store.clear()
        found = store[full] = build()
    return found


def paged(stmt, count_stmt):
    """`stmt` (ordered) with the bound parameters "limit" and "offset" and the total of
    `count_stmt` (a select of one value) as a last column "total": for `paginate_built`."""
    return (stmt.limit(sa.bindparam("limit", type_=sa.Integer()))
            .offset(sa.bindparam("offset", type_=sa.Integer()))
            .add_columns(count_stmt.scalar_subquery().label("total")))


def paginate_rows(stmt, make: Callable, *, page: int, per_page: int = 20,
                  count_select=None, count: bool = True, total: int | None = None,
                  total_in_page: bool = False, count_stmt=None) -> RowPagination:
    """Page `page` of `stmt` (ordered), each row made an item by `make`; with `count`, the
    total counted over `count_select` (default: `stmt` unordered), or `total` when the caller
    knows it — never a 404 for a page past the end (error_out=False, as the lists had). With
    `total_in_page` (and no `total`), the count is a column (`total`, after the others) of the
    page's own statement, a separate one only for a page without rows: one statement fewer;
    `make` must take rows with that extra column. `count_stmt`: a select of the total itself
    (e.g. read from a tally), used instead of counting `count_select`'s rows."""
    return RowPagination(page=page, per_page=per_page, error_out=False, count=count,
                         select=stmt, make=make, count_select=count_select, total=total,
                         count_stmt=count_stmt,
                         total_in_page=count and total is None and total_in_page)


class DeferredPagination(Pagination):
    """A page of entities found by their ids first (`paginate_deferred`)."""

    def _query_items(self) -> list:
        args = self._query_args
        ids = list(db.session.execute(
            args["ids"].limit(self.per_page).offset(self._query_offset)).scalars())
        if not ids:
            return []
        found = {entity.id: entity for entity in args["load"](ids)}
        return [found[i] for i in ids if i in found]

    def _query_count(self) -> int:
        if self._query_args.get("total") is not None:
            return self._query_args["total"]
        counted = self._query_args["ids"].order_by(None).subquery()
        return db.session.execute(sa.select(sa.func.count()).select_from(counted)).scalar_one()


def paginate_deferred(ids, load: Callable, *, page: int, per_page: int = 20,
                      error_out: bool = False, total: int | None = None):
    """Page `page` of the entities whose ids `ids` selects (ordered, with every condition):
    the page's ids first, then `load(ids)` reads those entities whole (in any order; the page
    keeps `ids`' order), and the total counted over `ids`. For a list whose rows join wide
    tables: PostgreSQL otherwise joins every matching row before sorting them for the page's
    twenty (the 督办 item list: 11,000 items of a park at scale 10, 50 ms → 13 ms). `load` may
    return rows with an `id` as well as entities. With `error_out`, a page past the last one
    is a 404 (as `db.paginate`'s). `total`: the number of entities `ids` selects when the
    caller already knows it (from a tally), instead of counting them."""
    return DeferredPagination(page=page, per_page=per_page, error_out=error_out, ids=ids,
                              load=load, total=total)
