"""The pages of the notice list: numbered near the start, "previous/next" by position further on.

At scale 10 a park sees ~66,000 notices: an exact count reads every one of them (60–95 ms, the
visibility rule rules out an index-only count) and page 2,000 by OFFSET walks 42,000 index entries
with their rows (150–200 ms). So:

- the count stops after COUNT_CAP notices ("more than 200");
- pages 1..NUMBERED_PAGES have numbers (`?page=N`, OFFSET of at most 180 rows);
- from the last numbered page on, "Next" links to `?before=<id>`: the notices listed after
  notice <id> (keyset: an index walk from <id>'s place in the order, whatever the depth), and
  "Previous" on such a page to `?after=<id>`: those listed just before notice <id>;
- a capped list's pager also links to its last page, `?oldest=1` (the oldest notices, walked
  from the other end), from which "Previous" goes on by position; a date is reached with the
  filter's "to" date (the newest-first walk starts there).

Every notice stays reachable by "Next" (and by the filters). Old `?page=N` links of any depth
keep working (by OFFSET, as before). Anchors are notice ids: only their place in the order is
used, and only an anchor the user may see (`permissions.can_view_notice`) is taken.

Each way first finds the page's ids (an index walk), then one statement reads the columns the
list shows and whether the user has read each notice (`ListedNotice`, no ORM entities: their
hydration and the separate read-receipt query were ~1.5 ms of a ~10 ms page at scale 10).
"""

import math
from dataclasses import dataclass
from functools import cache

from sqlalchemy import String, case, cast, exists, func, literal, select, true, tuple_, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import bindparam
from sqlalchemy.types import Integer

from hub import permissions as perm
from hub.extensions import db
from hub.lists import sorting
from hub.notices import deep
from hub.notices.models import Notice, NoticeCategory, NoticeRead, notice_audience
from hub.notices.services import LISTED_AT, ListFilter, list_conditions
from hub.parks.models import Park

PER_PAGE = 20
NUMBERED_PAGES = 10
COUNT_CAP = PER_PAGE * NUMBERED_PAGES
NEWEST_FIRST = (LISTED_AT.desc(), Notice.id.desc())  # the list's order (ix_notice_listed)
# what a row of the list shows
SHOWN = (Notice.id, Notice.title, Notice.status, Notice.urgency, Notice.doc_number,
         Notice.category_id, Notice.park_id, Notice.all_parks, Notice.published_at,
         Notice.deleted_at)


def _extras(user) -> tuple:
    """The columns a row adds to SHOWN: whether `user` has read the notice, and the ids of its
    audience parks when not sent to all ("3,5,8", any order; an index probe per row — a
    query of its own cost ~0.4 ms a page)."""
    read = exists().where(NoticeRead.notice_id == Notice.id, NoticeRead.user_id == user.id)
    park_id = notice_audience.c.park_id
    if db.session.get_bind().dialect.name == "postgresql":
        joined = func.string_agg(cast(park_id, String), ",")
    else:
        joined = func.group_concat(park_id)
    chosen = select(joined).where(notice_audience.c.notice_id == Notice.id).scalar_subquery()
    return (read.label("read"),
            case((Notice.all_parks.is_(False), chosen), else_=None).label("audience_ids"))


class ListedNotice:
    """A row of the list: the SHOWN columns, its park and category (set by `fill`), the parks
    of its audience when not sent to all, and whether the user has read it."""

    COLUMNS = (*(c.key for c in SHOWN), "read", "audience_ids")
    __slots__ = (*COLUMNS, "park", "category", "audience")

    def __init__(self, row):
        for name, value in zip(self.COLUMNS, row, strict=False):  # row: COLUMNS, then others
            setattr(self, name, value)
        self.park = self.category = None
        self.audience = []


@dataclass
class NoticePage:
    """One page of the list; the attributes of flask_sqlalchemy's Pagination that the shared
    pager macro reads (page, pages, total, has_prev/next, prev/next_num, iter_pages) plus the
    keyset links."""

    items: list[ListedNotice]
    page: int | None  # None on a keyset page (?before= / ?after=)
    total: int  # exact, or COUNT_CAP when `capped`
    capped: bool  # more than COUNT_CAP notices
    has_prev: bool
    has_next: bool
    prev_args: dict  # query arguments of the "Previous" / "Next" links (besides the filter)
    next_args: dict
    oldest: bool = False  # the list's last page (?oldest=1)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / PER_PAGE)) if self.total else 0

    @property
    def prev_num(self) -> int | None:
        return self.prev_args.get("page")

    @property
    def next_num(self) -> int | None:
        return self.next_args.get("page")

    def iter_pages(self):
        """Page numbers for the pager, None for a gap (flask_sqlalchemy's rule: 2 at the edges,
        2 before and 4 after the current page)."""
        end = self.pages + 1
        if end == 1:
            return
        left = min(3, end)
        yield from range(1, left)
        if left == end:
            return
        mid_start, mid_end = max(left, self.page - 2), min(self.page + 5, end)
        if mid_start > left:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == end:
            return
        right = max(mid_end, end - 2)
        if right > mid_end:
            yield None
        yield from range(right, end)

    def numbers(self) -> range:
        """The numbered pages the position pager links to."""
        return range(1, (NUMBERED_PAGES if self.capped else min(self.pages, NUMBERED_PAGES)) + 1)


def capped_count(where) -> int:
    """The number of notices matching `where`; counting stops at COUNT_CAP + 1."""
    first = select(Notice.id).where(*where).limit(COUNT_CAP + 1).subquery()
    return db.session.execute(select(func.count()).select_from(first)).scalar_one()


_ANCHOR = aliased(Notice, name="anchor")  # built once: an alias per request costs ~1 ms
_ANCHOR_KEY = (func.coalesce(_ANCHOR.published_at, _ANCHOR.created_at), _ANCHOR.id)
_KEY = tuple_(LISTED_AT, Notice.id)


def _beyond(notice_id: int, *, older: bool):
    """The condition "listed after (`older`) / before notice `notice_id`"."""
    anchor = select(*_ANCHOR_KEY).where(_ANCHOR.id == notice_id).scalar_subquery()
    return _KEY.op("<" if older else ">")(anchor)


def _listed(user, ids, *order) -> list[ListedNotice]:
    """The notices of the subquery `ids` (a page's ids, found by an index walk) as list rows in
    `order`, with the user's read flag: one statement, an index probe per row."""
    stmt = select(*SHOWN, *_extras(user)).join(ids, ids.c.id == Notice.id).order_by(*order)
    return [ListedNotice(row) for row in db.session.execute(stmt)]


def _rows(user, stmt, *order) -> list[ListedNotice]:
    """PER_PAGE + 1 notices of `stmt` (a select of Notice.id, ordered and filtered)."""
    return _listed(user, stmt.limit(PER_PAGE + 1).subquery(), *order)


def _any(where, condition) -> bool:
    return db.session.execute(select(Notice.id).where(*where, condition).limit(1)).first() \
        is not None


def _counted_select(user, where, offset):
    """`_counted_page`'s statement (`offset`: a number or a bound parameter)."""
    first = (select(Notice.id, LISTED_AT.label("listed_at")).where(*where)
             .order_by(*NEWEST_FIRST).limit(COUNT_CAP + 1).subquery())
    page = (select(first.c.id, first.c.listed_at, func.count().over().label("total"))
            .order_by(first.c.listed_at.desc(), first.c.id.desc())
            .offset(offset).limit(PER_PAGE).subquery())
    return (select(*SHOWN, *_extras(user), page.c.total).join(page, page.c.id == Notice.id)
            .order_by(page.c.listed_at.desc(), page.c.id.desc()))


def _counted_page(user, flt: ListFilter, offset: int) -> tuple[list[ListedNotice], int | None]:
    """The PER_PAGE notices from `offset` among the first COUNT_CAP + 1 of the list, and how
    many of those there are (None when the page is empty), in one statement: the count walks
    no further than the index walk that finds the page (audience probed per row)."""
    if _plain(user, flt):
        stmt = _once("counted", user, lambda viewer: _counted_select(
            viewer, list_conditions(viewer, ListFilter(), per_row=True), _OFFSET))
        rows = db.session.execute(stmt, {**perm.viewer_values(user), "offset": offset}).all()
    else:
        rows = db.session.execute(
            _counted_select(user, list_conditions(user, flt, per_row=True), offset)).all()
    return [ListedNotice(row) for row in rows], (rows[0].total if rows else None)


def _deep_select(user, where, offset):
    """`_deep_rows`' statement: PER_PAGE + 1 notices from `offset` under `where`."""
    ids = (select(Notice.id, LISTED_AT.label("listed_at")).where(*where)
           .order_by(*NEWEST_FIRST).offset(offset).limit(PER_PAGE + 1).subquery())
    return (select(*SHOWN, *_extras(user)).join(ids, ids.c.id == Notice.id)
            .order_by(ids.c.listed_at.desc(), ids.c.id.desc()))


def _deep_rows(user, flt: ListFilter, where, offset: int) -> list[ListedNotice]:
    """PER_PAGE + 1 notices from `offset` by OFFSET: the ids first (with a covering index the
    walk past `offset` rows reads no table rows), then those rows. When the tally counts the
    list (hub.notices.deep: the unfiltered list), the walk starts at the end of the page's
    first day: it reads one day's notices at most before the page, their audience tested per
    row (a statement built once per kind of user). `where`: the list's conditions (hashed
    audience), or None to build them here when needed."""
    found = deep.start(user, flt, offset)
    if found is not None:
        end, skip = found
        stmt = _once("deep", user, lambda viewer: _deep_select(
            viewer, [*list_conditions(viewer, ListFilter(), per_row=True), LISTED_AT < _END],
            _OFFSET))
        rows = db.session.execute(stmt, {**perm.viewer_values(user), "end": end,
                                         "offset": skip})
        return [ListedNotice(row) for row in rows]
    if where is None:
        where = list_conditions(user, flt)
    return [ListedNotice(row) for row in db.session.execute(_deep_select(user, where, offset))]


def _plain(user, flt: ListFilter) -> bool:
    """Whether `flt` filters nothing for `user` (the list every page starts with)."""
    return not (flt.category_id or flt.park_id or flt.status is not None or flt.date_from
                or flt.date_to or (flt.deleted and perm.can_list_deleted(user)))


_OFFSET = bindparam("offset", type_=Integer())
_END = bindparam("end")  # typed by the comparison with LISTED_AT
_BUILT: dict[tuple, object] = {}


def _once(name: str, user, build):
    """`build(viewer)` for users of `user`'s kind (hub.permissions.viewer: role, has a park)
    and this database's dialect (`_extras`), built the first time: its values are bound
    parameters (`perm.viewer_values`) given at each execution; no user's rows or decisions
    are kept (issue 16: building them, with `menus`' statement, cost ~3,000 of the deep
    page's ~25,000 Python calls a request)."""
    shape = perm.viewer_shape(user)
    key = (name, db.session.get_bind().dialect.name, *shape)
    stmt = _BUILT.get(key)
    if stmt is None:
        stmt = _BUILT[key] = build(perm.statement_viewer(shape))
    return stmt


def numbered(user, flt: ListFilter, page: int) -> NoticePage:
    """Page `page` (from 1) by OFFSET. The numbered pages walk at most COUNT_CAP + 1 notices:
    their audience test probes per row; a deep page's walk hashes the park's audience once."""
    offset = (page - 1) * PER_PAGE
    near = offset + PER_PAGE <= COUNT_CAP
    if near:
        items, total = _counted_page(user, flt, offset)
        more = total is not None and offset + len(items) < total
    else:  # an old link past the numbered pages: more than COUNT_CAP if the page has rows
        rows = _deep_rows(user, flt, None, offset)
        items, more = rows[:PER_PAGE], len(rows) > PER_PAGE
        total = COUNT_CAP + 1 if items else None
    if total is None:  # past the end
        total = capped_count(list_conditions(user, flt, per_row=near))
    capped = total > COUNT_CAP
    next_args = {}
    if more:
        next_args = ({"before": items[-1].id} if capped and page >= NUMBERED_PAGES
                     else {"page": page + 1})
    return NoticePage(items, page, min(total, COUNT_CAP), capped, page > 1, more,
                      {"page": page - 1} if page > 1 else {}, next_args)


SORT = sorting.SortSpec({
    "published": sorting.key(LISTED_AT, first=sorting.DESC),  # the default: NEWEST_FIRST
    "title": sorting.key(Notice.title),
    "category": sorting.key(select(NoticeCategory.position)
                            .where(NoticeCategory.id == Notice.category_id)
                            .correlate(Notice).scalar_subquery(), nullable=True),
    "park": sorting.key(Notice.park_id), "status": sorting.key(Notice.status),
}, default="published", tiebreak=(Notice.id,))


def _by_category(where, sort: sorting.Sort, offset: int):
    """The ids of `sort` by category from `offset` (PostgreSQL): the first offset + PER_PAGE + 1
    of each category by id (ix_notice_category_sort), merged in the categories' order — the
    same ids as ordering every notice by its category's position, id."""
    last = Notice.id.desc() if sort.descending else Notice.id.asc()
    walk = (select(Notice.id).where(Notice.category_id == NoticeCategory.id, *where)
            .order_by(last).limit(offset + PER_PAGE + 1).lateral())
    order = ((NoticeCategory.position.desc(), walk.c.id.desc()) if sort.descending
             else (NoticeCategory.position.asc(), walk.c.id.asc()))
    return (select(walk.c.id).select_from(NoticeCategory).join(walk, true())
            .order_by(*order).offset(offset))


def sorted_page(user, flt: ListFilter, sort: sorting.Sort, page: int) -> NoticePage:
    """Page `page` in an order other than the default one: by OFFSET only (no ?before=/?after=
    anchors, which follow the default order); the count stops at COUNT_CAP as elsewhere.
    Each key's index (ix_notice_*_sort) gives its order: the numbered pages walk at most a few
    hundred entries (their audience test probes per row; a deeper page's walk hashes it)."""
    offset = (page - 1) * PER_PAGE
    near = offset + PER_PAGE <= COUNT_CAP
    where = list_conditions(user, flt, per_row=near)
    if near and sort.key == "category" and db.session.get_bind().dialect.name == "postgresql":
        ids = _by_category(where, sort, offset)
    else:
        ids = select(Notice.id).where(*where).order_by(*sort.order_by()).offset(offset)
    rows = _rows(user, ids, *sort.order_by())
    items, more = rows[:PER_PAGE], len(rows) > PER_PAGE
    total = capped_count(where)
    return NoticePage(items, page, min(total, COUNT_CAP), total > COUNT_CAP, page > 1, more,
                      {"page": page - 1} if page > 1 else {},
                      {"page": page + 1} if more else {})


def keyset(user, flt: ListFilter, *, before: int | None = None,
           after: int | None = None) -> NoticePage:
    """The page listed after notice `before`, or the one listed before notice `after`.

    An anchor the user may not see is treated as an unknown one (page 1): the list does not
    confirm that a notice exists, nor where it stands."""
    anchor = db.session.get(Notice, before if before is not None else after)
    if anchor is None or not perm.can_view_notice(user, anchor):
        return numbered(user, flt, 1)
    where = list_conditions(user, flt, per_row=True)  # walks of PER_PAGE + 1 and COUNT_CAP + 1
    if before is not None:
        rows = _rows(user, select(Notice.id).where(*where, _beyond(before, older=True))
                     .order_by(*NEWEST_FIRST), *NEWEST_FIRST)
        items, has_next = rows[:PER_PAGE], len(rows) > PER_PAGE
        has_prev = bool(items) and _any(where, _beyond(items[0].id, older=False))
    else:
        rows = _rows(user, select(Notice.id).where(*where, _beyond(after, older=False))
                     .order_by(LISTED_AT, Notice.id), LISTED_AT, Notice.id)
        if len(rows) <= PER_PAGE:  # reached the start of the list: show page 1
            return numbered(user, flt, 1)
        items, has_prev = rows[:PER_PAGE][::-1], True
        has_next = _any(where, _beyond(items[-1].id, older=True))
    total = capped_count(where)
    return NoticePage(items, None, min(total, COUNT_CAP), total > COUNT_CAP, has_prev, has_next,
                      {"after": items[0].id} if has_prev else {},
                      {"before": items[-1].id} if has_next else {})


def oldest(user, flt: ListFilter) -> NoticePage:
    """The list's last page: its PER_PAGE oldest notices, found by walking the list's order
    from the other end (as far as a first page, whatever the length of the list); "Previous"
    goes on by position (?after=). A list that fits on one page shows page 1."""
    where = list_conditions(user, flt, per_row=True)
    rows = _rows(user, select(Notice.id).where(*where).order_by(LISTED_AT, Notice.id),
                 LISTED_AT, Notice.id)
    if len(rows) <= PER_PAGE:
        return numbered(user, flt, 1)
    items = rows[:PER_PAGE][::-1]
    total = capped_count(where)
    return NoticePage(items, None, min(total, COUNT_CAP), total > COUNT_CAP, True, False,
                      {"after": items[0].id}, {}, oldest=True)


def menus() -> tuple[list, list]:
    """Every park (id, name, short_name; by id) and every category (id, name; by position) as
    rows, for the filter menus and the list's rows, in one statement (two queries of entities
    cost ~0.7 ms a page)."""
    rows = db.session.execute(_menus_stmt())
    found: tuple[list, list] = ([], [])
    for row in rows:
        found[row.kind].append(row)
    return found


@cache
def _menus_stmt():
    """`menus`' statement, built once (no parameters: the rows are read at every call)."""
    parks = select(literal(0).label("kind"), Park.id, Park.name, Park.short_name,
                   Park.id.label("position"))
    cats = select(literal(1), NoticeCategory.id, NoticeCategory.name, NoticeCategory.name,
                  NoticeCategory.position)
    both = union_all(parks, cats).subquery()
    return select(both).order_by(both.c.kind, both.c.position, both.c.id)


def fill(items: list[ListedNotice], parks: list[Park],
         categories: list[NoticeCategory]) -> None:
    """Set what the list shows of each notice without a query: its park and category from
    `parks` and `categories` (all of them: the filter menus'), its audience (those not sent to
    all parks) from the ids its row brought, by park id (the relationship's order)."""
    parks_by_id = {p.id: p for p in parks}
    categories_by_id = {c.id: c for c in categories}
    for notice in items:
        notice.park = parks_by_id.get(notice.park_id)
        notice.category = categories_by_id.get(notice.category_id)
        if not notice.all_parks and notice.audience_ids:
            notice.audience = [parks_by_id[i] for i in
                               sorted(int(i) for i in str(notice.audience_ids).split(","))]
