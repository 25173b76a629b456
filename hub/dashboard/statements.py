"""The dashboard's statements, built once per shape and reused with new parameters.

Building a statement in SQLAlchemy (its expressions, then its cache key) cost about as much
Python time as running it (bench/results/2026-12-06-perfdash.md). A statement here is built
the first time for a shape — its name, the user's role and whether the user has a park, the
only things the visibility rules of hub.permissions read besides the user's id and park — and
kept; every value (the user's id and park, now, today, the month's first day) is a parameter
given at each execution (`values`). Nothing of a user is kept but that shape: permissions are
decided by the SQL of each request with that request's parameters.
"""

from datetime import date, datetime

from sqlalchemy import Date, Integer, bindparam

from hub import permissions as perm
from hub.agenda.services import CALL_WINDOW
from hub.dbtypes import UTCDateTime

_BUILT: dict[tuple, object] = {}

NOW = bindparam("now", type_=UTCDateTime())
TODAY = bindparam("today", type_=Date())
MONTH_START = bindparam("month_start", type_=Date())
CALL_UNTIL = bindparam("call_until", type_=UTCDateTime())  # now + agenda.CALL_WINDOW
SINCE_DAY = bindparam("since_day", type_=Date())  # the read rate's first UTC day
PARK_IDS = bindparam("park_ids", type_=Integer(), expanding=True)


def once(name: str, user, build):
    """The statement `build(viewer)` for users of `user`'s shape (hub.permissions.viewer: role,
    has a park), built once."""
    shape = perm.viewer_shape(user)
    key = (name, *shape)
    statement = _BUILT.get(key)
    if statement is None:
        statement = _BUILT[key] = build(perm.statement_viewer(shape))
    return statement


def values(user, now: datetime, today: date) -> dict:
    """The parameters of every statement of this module for `user` at `now`."""
    return {**perm.viewer_values(user), "now": now, "today": today,
            "month_start": today.replace(day=1), "call_until": now + CALL_WINDOW}
