"""The talent list's page, from statements built once per shape (issue 16).

Building the page's statement, its count and their cache keys cost ~1,500 of the page's
~26,500 Python calls a request (bench/pagecpu.py, scale 1). The SQL depends only on which
filters are set, the order and whether the tally counts the list (`_shape`); the filter's
values, today and the page are bound parameters given at each execution
(services.list_values). The list shows shared content (no per-user rule in its SQL; the
deleted filter is decided by the view before): nothing of a user is kept.
"""

from datetime import date

from sqlalchemy import func, select

from hub.lists import sorting, tally
from hub.lists.rows import RowPagination, paged, paginate_built
from hub.talent import services
from hub.talent.models import ListingStatus, TalentListing

_BUILT: dict[tuple, tuple] = {}


def _shape(filters: services.Filters, sort: sorting.Sort) -> tuple:
    return (filters.deleted, filters.expired, bool(filters.kind), bool(filters.park_id),
            bool(filters.field.strip()), bool(filters.education), bool(filters.status),
            sort.key, sort.direction)


def _statements(filters: services.Filters, sort: sorting.Sort) -> tuple:
    """(page statement, count statement) for `filters`' shape, built the first time."""
    shape = _shape(filters, sort)
    built = _BUILT.get(shape)
    if built is None:
        if services.counts_from_tally(filters):
            count = tally.live_listings_bound(bool(filters.park_id), bool(filters.status))
        else:
            counted = services.list_query(filters, columns=(TalentListing.id,),
                                          bound=True).order_by(None).subquery()
            count = select(func.count()).select_from(counted)
        listed = services.list_query(filters, sort=sort, columns=services.LISTED, bound=True)
        built = _BUILT[shape] = (paged(listed, count), count)
    return built


def page(filters: services.Filters, today: date, sort: sorting.Sort, number: int,
         make) -> RowPagination:
    """Page `number` of the list (rows made items by `make`), with its total."""
    stmt, count = _statements(filters, sort)
    status = ListingStatus(filters.status).value if filters.status else None
    values = {**services.list_values(filters, today), **tally.live_listings_values(today, status)}
    return paginate_built(stmt, count, values, make, page=number)
