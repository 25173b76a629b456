"""Where a deep page of the notice list starts, counted from the tally table.

`/notices/?page=N` is the list from position (N - 1) × PER_PAGE in the default order (newest
first by coalesce(published_at, created_at), then id). By OFFSET alone the walk reads every
visible notice before the page (27 ms of SQL at scale 30 for the middle page). The topics
"nlist_park", "nlist_to" and "nlist_self" of the tally table (migration k8_notice_list_tally,
kept by triggers in the writing transaction) count the live notices per park and UTC day of
that order key; a user of park P sees per day park[P] + to[0] + to[P] - self[P] of them
(hub.permissions.notice_visible: the live notices of P, and the live published ones addressed
to P), an admin park[0] (every live notice). Summing the months newest first (topics "_m"),
then the days of the month reached (one statement), gives the day the page starts on and how
many of the day's notices come before it: the walk starts at the end of that day and OFFSETs
only within it (at most the notices of one day). Same rows as the plain OFFSET
(tests/notices/test_notice_deep_pages.py compares them on SQLite and PostgreSQL).

Only the unfiltered list of live notices is counted: any filter (category, park, status, dates,
the deleted notices) or a user without a park who is not an admin gets None (plain OFFSET).
"""
# ruff: noqa: S608 - the SQL below is made of this module's constants only (values are bound)

from datetime import UTC, datetime, timedelta

from sqlalchemy import Date, Integer, text

from hub import permissions as perm
from hub.extensions import db
from hub.notices.services import ListFilter


def _parts(suffix: str, bounds: str = "", *, admin: bool) -> str:
    """(day, n) rows whose sum per day is the number of notices the user sees (park :park)."""
    if admin:
        return (f"SELECT day, n FROM dashboard_tally "
                f"WHERE topic = 'nlist_park{suffix}' AND park_id = 0{bounds}")
    return (f"SELECT day, n FROM dashboard_tally "
            f"WHERE topic = 'nlist_park{suffix}' AND park_id = :park{bounds} "
            f"UNION ALL SELECT day, n FROM dashboard_tally "
            f"WHERE topic = 'nlist_to{suffix}' AND park_id IN (0, :park){bounds} "
            f"UNION ALL SELECT day, -n FROM dashboard_tally "
            f"WHERE topic = 'nlist_self{suffix}' AND park_id = :park{bounds}")


def _statement(*, admin: bool):
    """One statement: the months newest first until more than :offset notices are counted,
    then that month's days (up to the next month counted) the same way; the day reached and
    the position of the page's first notice among those listed on or before it. The day rows
    of a term exist exactly when its month rows do (the same triggers write both)."""
    days = " AND day >= (SELECT first FROM pick) AND day < (SELECT bound FROM pick)"
    return text(f"""
WITH m AS (SELECT day, sum(n) AS n FROM ({_parts("_m", admin=admin)}) p GROUP BY day),
r AS (SELECT day, n, sum(n) OVER (ORDER BY day DESC) AS upto FROM m),
pick AS (SELECT day AS first, upto - n AS newer,
                coalesce((SELECT min(m.day) FROM m WHERE m.day > r.day), '9999-12-31') AS bound
         FROM r WHERE upto > :offset ORDER BY day DESC LIMIT 1),
d AS (SELECT day, sum(n) AS n FROM ({_parts("", days, admin=admin)}) p GROUP BY day),
dr AS (SELECT day, n, sum(n) OVER (ORDER BY day DESC) AS upto FROM d)
SELECT dr.day AS day, :offset - pick.newer - (dr.upto - dr.n) AS skip FROM dr, pick
WHERE pick.newer + dr.upto > :offset ORDER BY dr.day DESC LIMIT 1""").columns(
        day=Date, skip=Integer)


_BY_ROLE = {True: _statement(admin=True), False: _statement(admin=False)}


def start(user, flt: ListFilter, offset: int) -> tuple[datetime, int] | None:
    """(end, skip): the notice at position `offset` of `user`'s list is the one at position
    `skip` among those listed before `end` (a UTC midnight). None when the tally does not
    count this list (see the module) or the list is shorter than `offset` + 1. One statement
    reads ~60 month rows and ≤ 31 day rows per term (4 terms, 1 for an admin)."""
    if (flt.category_id or flt.park_id or flt.status is not None or flt.date_from
            or flt.date_to or (flt.deleted and perm.can_list_deleted(user))
            or not perm.signed_in(user)):
        return None
    admin = perm.is_admin(user)
    if not admin and user.park_id is None:
        return None
    found = db.session.execute(_BY_ROLE[admin],
                               {"offset": offset, "park": user.park_id or 0}).first()
    if found is None:
        return None
    day, skip = found
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1), int(skip)
