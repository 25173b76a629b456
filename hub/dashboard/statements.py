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

from hub.agenda.services import CALL_WINDOW
from hub.dbtypes import UTCDateTime

_BUILT: dict[tuple, object] = {}

NOW = bindparam("now", type_=UTCDateTime())
TODAY = bindparam("today", type_=Date())
MONTH_START = bindparam("month_start", type_=Date())
CALL_UNTIL = bindparam("call_until", type_=UTCDateTime())  # now + agenda.CALL_WINDOW
SINCE_DAY = bindparam("since_day", type_=Date())  # the read rate's first UTC day
PARK_IDS = bindparam("park_ids", type_=Integer(), expanding=True)


class Viewer:
    """The user as hub.permissions' SQL rules see them in a statement built once: signed in,
    the user's own role (part of the shape), the id and park as parameters. Any other
    attribute is an AttributeError: a rule that reads more must be added here and to the
    shape, never kept by mistake."""

    __slots__ = ("id", "park_id", "role")
    is_authenticated = True

    def __init__(self, user):
        self.role = user.role
        self.id = bindparam("viewer_id", type_=Integer())
        self.park_id = (None if user.park_id is None
                        else bindparam("viewer_park_id", type_=Integer()))


def once(name: str, user, build):
    """The statement `build(Viewer(user))` of shape (name, role, has a park), built once."""
    key = (name, user.role, user.park_id is None)
    statement = _BUILT.get(key)
    if statement is None:
        statement = _BUILT[key] = build(Viewer(user))
    return statement


def values(user, now: datetime, today: date) -> dict:
    """The parameters of every statement of this module for `user` at `now`."""
    return {"viewer_id": user.id, "viewer_park_id": user.park_id, "now": now, "today": today,
            "month_start": today.replace(day=1), "call_until": now + CALL_WINDOW}
