"""Input at the edge: what a URL, a query string or a shown name may carry.

- `int` in every route is `BoundedInt`: a segment beyond the database's integer range is a 404,
  never an OverflowError deeper down.
- `query_int` is the one parser of integer query values (ids, pages) for every list filter;
  `coerce_id` is the same rule for the `coerce=` of select fields.
- `link_args` builds pager, sort and filter links from the current query string, keeping only
  the argument names in `KNOWN_ARGS` (never `endpoint`, `_method`, `_external`, ...).
- `clean_name` strips bidi controls and zero-width characters from file and shown names.
"""

import re

from flask import request
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

# The id columns are `integer` on PostgreSQL; nothing beyond it can exist.
MAX_INT = 2**31 - 1


class BoundedInt(IntegerConverter):
    """`<int:…>` with an upper bound: a larger number matches no route (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):
        super().__init__(map, fixed_digits, min, MAX_INT if max is None else max, signed)


def in_range(value: int) -> bool:
    return -MAX_INT <= value <= MAX_INT


def coerce_id(value) -> int:
    """`coerce=` for select fields of ids: a number out of range is an invalid choice."""
    number = int(value)
    if not in_range(number):
        raise ValueError("out of range")
    return number


def query_int(name: str, default: int | None = None, args=None) -> int | None:
    """An integer query value: `default` when absent or not a number; 404 when out of range."""
    raw = (request.args if args is None else args).get(name)
    if raw is None or raw == "":
        return default
    try:
        number = int(raw)
    except ValueError:
        return default
    if not in_range(number):
        raise NotFound()
    return number


MAX_PAGE = 100_000


def page_arg() -> int:
    """`?page=` for `db.paginate(page=...)`: at least 1, 404 beyond any real page."""
    page = query_int("page", 1) or 1
    if page > MAX_PAGE:
        raise NotFound()
    return max(1, page)


# Every query argument a list page's links carry over. Anything else is dropped.
KNOWN_ARGS = frozenset({
    "q", "page", "sort", "dir", "park", "series", "status", "problem", "overdue", "deleted",
    "when", "y", "m", "category", "date_from", "date_to", "kind", "field", "education",
    "expired", "user", "object_type", "state", "channel", "stage", "chain", "review",
    "grade", "mode", "department", "top", "chart", "day", "behind", "who",
})


def link_args(*drop: str, **values) -> dict:
    """The current request's known query arguments minus `drop`, updated with `values`."""
    kept = {k: v for k, v in request.args.items() if k in KNOWN_ARGS and k not in drop}
    kept.update(values)
    return kept


# bidi embeddings/overrides/isolates, marks, zero-width characters, BOM, soft hyphen
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u206f\ufeff]")


def clean_name(text: str | None) -> str:
    """A file or shown name without characters that hide or reorder what the reader sees."""
    return INVISIBLE.sub("", text or "")


def init_app(app) -> None:
    app.url_map.converters["int"] = BoundedInt
    app.jinja_env.globals["link_args"] = link_args
