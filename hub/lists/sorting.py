"""Sorting a list by a clicked column header.

A feature's queries declare a `SortSpec`: an allow-list of sort keys, each mapped to the SQL
columns it orders by, the default key and direction, and the tie-breaker (the id), so the order
of a page is stable. `Sort.from_args` reads `?sort=` and `?dir=`: an unknown key or direction
falls back to the default silently, so a URL never names a column. `Sort.order_by()` gives the
ORDER BY terms; the template macro `sort_header` (hub/templates/_sort.html) draws the header
link with an arrow for the current order, keeping the other filters and dropping the page.
"""

from dataclasses import dataclass, field

from flask import request
from flask_babel import gettext
from markupsafe import Markup, escape

from hub.edge import link_args

ASC, DESC = "asc", "desc"


@dataclass(frozen=True)
class Key:
    """A sort key: the columns it orders by (in that order), the direction of its first click,
    and whether its first column may be NULL (then empty values come last either way)."""

    columns: tuple
    first: str = ASC
    nullable: bool = False


def key(*columns, first: str = ASC, nullable: bool = False) -> Key:
    return Key(tuple(columns), first, nullable)


@dataclass(frozen=True)
class SortSpec:
    keys: dict[str, Key]
    default: str
    tiebreak: tuple = field(default_factory=tuple)  # e.g. (Model.id,)
    default_dir: str | None = None  # the default key's `first` when None

    def __post_init__(self):
        assert self.default in self.keys

    def parse(self, args) -> "Sort":
        return Sort.from_args(self, args)


@dataclass(frozen=True)
class Sort:
    spec: SortSpec
    key: str
    direction: str

    @classmethod
    def from_args(cls, spec: SortSpec, args) -> "Sort":
        wanted = args.get("sort") or ""
        if wanted not in spec.keys:
            return cls.default_of(spec)
        direction = args.get("dir")
        if direction not in (ASC, DESC):
            direction = spec.keys[wanted].first
        return cls(spec, wanted, direction)

    @classmethod
    def default_of(cls, spec: SortSpec) -> "Sort":
        return cls(spec, spec.default, spec.default_dir or spec.keys[spec.default].first)

    @property
    def is_default(self) -> bool:
        return self == Sort.default_of(self.spec)

    @property
    def descending(self) -> bool:
        return self.direction == DESC

    def order_by(self) -> list:
        """ORDER BY terms: the key's columns in the chosen direction, then the tie-breaker in
        the same direction (equal values keep one order from page to page)."""
        chosen = self.spec.keys[self.key]
        terms = [chosen.columns[0].is_(None)] if chosen.nullable else []
        for column in chosen.columns + tuple(self.spec.tiebreak):
            terms.append(column.desc() if self.descending else column.asc())
        return terms

    def next_direction(self, name: str) -> str:
        """The `dir` of the header link of key `name`: the other direction on the current key,
        the key's first direction on the others."""
        if name == self.key:
            return ASC if self.descending else DESC
        return self.spec.keys[name].first

    def arrow(self, name: str) -> str:
        if name != self.key:
            return ""
        return "▼" if self.descending else "▲"

    def aria(self, name: str) -> str:
        """aria-sort of the header cell of key `name`."""
        if name != self.key:
            return "none"
        return "descending" if self.descending else "ascending"

    def header(self, name: str, label, class_: str = "") -> Markup:
        """The column header of key `name` (the `sort_header` macro of _sort.html): a link to
        this page sorted by it, keeping the other filters and dropping the page. Written here
        rather than in the macro: five headers cost the notice list ~0.4 ms (issue 16)."""
        from hub.ui import page_url_for  # hub.ui imports the features' models
        args = dict(request.view_args or {},
                    **link_args("page", sort=name, dir=self.next_direction(name)))
        href = escape(page_url_for(request.endpoint, **args))
        arrow = self.arrow(name)
        shown = f' <span data-testid="sort-arrow">{arrow}</span>' if arrow else ""
        cls = f' class="{escape(class_)}"' if class_ else ""
        title = escape(gettext("Sort by this column"))  # not in the f-string: Babel skips those
        return Markup(  # noqa: S704 - every value escaped above; the arrow is ▲ or ▼
            f'<th{cls} aria-sort="{self.aria(name)}"><a class="text-reset text-decoration-none"'
            f' data-testid="sort-{escape(name)}" title="{title}"'
            f' href="{href}">{escape(label)}{shown}</a></th>')
