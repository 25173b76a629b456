"""Search (/search?q=) over policy notices, land cases and talent listings.

One SQL statement per kind, with the visibility rules of hub.permissions written into its WHERE
clause (so LIMIT and the counts only ever see rows the user may open):

- SQLite: terms of 3+ characters go through the FTS5 trigram tables of migration b4_search
  (`<table>_fts MATCH '"term" AND "term"'`); shorter terms (1–2 Chinese characters) use LIKE on
  the base table, where the trigram index cannot help.
- PostgreSQL (and anything else): ILIKE per searched column, which the pg_trgm GIN indexes of
  migration b4_search serve for terms of 3+ characters.

Whitespace separates terms; every term must occur (in any searched column). The query text is
never spliced into SQL: it is quoted as an FTS5 string or escaped as a LIKE pattern, then bound.

Bounded work (issue 6: search p95 under 50 ms with 100,000 notices), at a price:

- At most MAX_MATCHES matches per kind are looked at: the newest by `updated_at` (an index walk
  that stops after MAX_MATCHES hits). Ranking (title matches first) and the count happen among
  those; a kind with more shows "MAX_MATCHES+" (`capped`). So for a very common word an older
  title match can fall behind newer body matches, or out of the results: refine the query.
  Before, every match was fetched, counted and sorted: 0.7–1 s per kind for a word in half of
  100,000 notices.
- Terms of 1–2 characters cannot use the trigram indexes (FTS5 / pg_trgm): LIKE reads rows one
  by one. They only search the newest SHORT_TERM_ROWS rows of each kind (by id, a primary-key
  range), so a rare one- or two-character word in older rows is not found (add a third
  character, or a second term of 3+). Small data sets are searched whole.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import import_module

import sqlalchemy as sa
from sqlalchemy.orm import lazyload

from hub import permissions as perm
from hub.extensions import db
from hub.parks.models import Park
from hub.search.snippets import highlight, snippet

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MIN_FTS_LENGTH = 3  # the trigram tokenizer needs three characters
MAX_MATCHES = 500  # per kind: the newest matches that are ranked and counted (see above)
SHORT_TERM_ROWS = 5_000  # 1–2 character terms: the newest rows of each kind searched
LIKE_ESCAPE = "\\"


@dataclass(frozen=True)
class Kind:
    key: str  # "notice" / "case" / "talent"
    model_path: str  # "module:Class", imported when first searched
    table: str
    columns: tuple[str, ...]  # searched (same as the FTS5 table / trigram indexes)
    title_columns: tuple[str, ...]  # shown as the result's title; matches there rank first
    snippet_columns: tuple[str, ...]
    endpoint: str
    url_arg: str

    @property
    def model(self):
        module, name = self.model_path.split(":")
        return getattr(import_module(module), name)

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("notice", "hub.notices.models:Notice", "notice", ("title", "body"),
             ("title",), ("body",), "notices.detail", "notice_id"),
        Kind("case", "hub.land.models:LandCase", "land_case",
             ("parcel_code", "location", "holder", "description"),
             ("parcel_code", "location"), ("holder", "description"), "cases.detail", "case_id"),
        Kind("talent", "hub.talent.models:TalentListing", "talent_listing",
             ("title", "description", "enterprise", "field"),
             ("title",), ("enterprise", "field", "description"), "talent.detail", "listing_id"),
    )
}


@dataclass
class Hit:
    kind: str
    id: int
    title: object  # Markup: escaped, matches wrapped in <mark>
    snippet: object  # Markup
    park: str
    date: datetime | date | None
    status: str
    deleted: bool
    endpoint: str
    url_args: dict


@dataclass
class KindResults:
    kind: str
    total: int  # at most MAX_MATCHES
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False  # more than MAX_MATCHES matches: `total` is a lower bound

    @property
    def has_more(self) -> bool:
        return self.total > len(self.hits)


@dataclass
class Results:
    query: str
    terms: list[str]
    groups: list[KindResults]

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    @property
    def capped(self) -> bool:
        return any(g.capped for g in self.groups)


# --- query text ------------------------------------------------------------------------------
def parse_terms(q: str | None) -> list[str]:
    """Whitespace-separated terms (ASCII or ideographic space), without repeats."""
    terms: list[str] = []
    for term in (q or "").strip()[:MAX_QUERY_LENGTH].split():
        if term.casefold() not in (t.casefold() for t in terms):
            terms.append(term)
    return terms[:MAX_TERMS]


def fts_string(term: str) -> str:
    """`term` as one FTS5 string: no operator, column filter or prefix query can get through."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = (term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
               .replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_"))
    return f"%{escaped}%"


# --- visibility (the SQL twin of hub.permissions.can_view_notice / can_view_shared) -----------
def notice_visible(user, model):
    if not getattr(user, "is_authenticated", False):
        return sa.false()
    if perm.is_admin(user):
        return sa.true()
    published = model.__table__.c.status.type.enum_class("published")
    audience = db.metadata.tables["notice_audience"]
    addressed = sa.or_(
        model.all_parks.is_(True),
        sa.exists().where(audience.c.notice_id == model.id,
                          audience.c.park_id == user.park_id),
    )
    return sa.and_(
        model.deleted_at.is_(None),
        sa.or_(model.park_id == user.park_id, sa.and_(model.status == published, addressed)),
    )


def shared_visible(user, model):
    if not getattr(user, "is_authenticated", False):
        return sa.false()
    if perm.is_admin(user):
        return sa.true()
    return model.deleted_at.is_(None)


VISIBILITY = {"notice": notice_visible, "case": shared_visible, "talent": shared_visible}


# --- matching --------------------------------------------------------------------------------
def _contains(columns, term: str, dialect: str):
    pattern = like_pattern(term)
    if dialect == "sqlite":  # LIKE is already case-insensitive for ASCII there
        return sa.or_(*(c.like(pattern, escape=LIKE_ESCAPE) for c in columns))
    return sa.or_(*(c.ilike(pattern, escape=LIKE_ESCAPE) for c in columns))


def match_clause(kind: Kind, terms: list[str], dialect: str):
    model = kind.model
    columns = [getattr(model, c) for c in kind.columns]
    if dialect != "sqlite":
        return sa.and_(*(_contains(columns, t, dialect) for t in terms))
    long_terms = [t for t in terms if len(t) >= MIN_FTS_LENGTH]
    clauses = [_contains(columns, t, dialect) for t in terms if len(t) < MIN_FTS_LENGTH]
    if long_terms:
        fts = sa.table(kind.fts_table, sa.column("rowid"))
        expression = " AND ".join(fts_string(t) for t in long_terms)
        matching = sa.select(fts.c.rowid).where(
            sa.literal_column(kind.fts_table).op("MATCH")(sa.bindparam("fts_query", expression))
        )
        clauses.append(model.id.in_(matching))
    return sa.and_(*clauses)


def _title_rank(kind: Kind, term: str, dialect: str):
    """0 when the first term is in the title, else 1: title matches come first."""
    columns = [getattr(kind.model, c) for c in kind.title_columns]
    return sa.case((_contains(columns, term, dialect), 0), else_=1)


# --- the search ------------------------------------------------------------------------------
def _candidates(user, kind: Kind, terms: list[str], dialect: str):
    """Ids of the newest MAX_MATCHES + 1 matches `user` may see (see the module docstring)."""
    model = kind.model
    where = [VISIBILITY[kind.key](user, model), match_clause(kind, terms, dialect)]
    if any(len(t) < MIN_FTS_LENGTH for t in terms):
        newest = sa.select(sa.func.max(model.id)).scalar_subquery()
        where.append(model.id > newest - SHORT_TERM_ROWS)
    return (sa.select(model.id).where(*where)
            .order_by(model.updated_at.desc(), model.id.desc()).limit(MAX_MATCHES + 1))


def search_kind(user, kind: Kind, terms: list[str], *, limit: int, offset: int = 0,
                dialect: str | None = None) -> KindResults:
    dialect = dialect or db.session.get_bind().dialect.name
    model = kind.model
    candidates = _candidates(user, kind, terms, dialect).subquery()
    total_column = sa.func.count().over().label("total")
    stmt = (
        sa.select(model, Park.short_name, total_column)
        .join(Park, Park.id == model.park_id)
        .where(model.id.in_(sa.select(candidates.c.id)))
        .options(lazyload("*"))
        .order_by(_title_rank(kind, terms[0], dialect), model.updated_at.desc(), model.id.desc())
        .limit(limit)
        .offset(offset)
    )
    rows = db.session.execute(stmt).all()
    found = rows[0].total if rows else 0
    if not rows and offset:
        found = db.session.execute(
            sa.select(sa.func.count()).select_from(candidates)).scalar_one()
    return KindResults(kind.key, min(found, MAX_MATCHES),
                       [_hit(kind, obj, park, terms) for obj, park, _ in rows[:limit]],
                       capped=found > MAX_MATCHES)


def search(user, q: str | None, kinds=None, limit: int = 20, offset: int = 0) -> Results:
    """What `user` may see of notices, land cases and talent listings matching `q`.

    kinds: keys of KINDS (default all, in that order); unknown keys are ignored.
    One SQL statement per kind (plus a count when `offset` is past the last result)."""
    terms = parse_terms(q)
    wanted = [KINDS[k] for k in (kinds or KINDS) if k in KINDS]
    if not terms or not getattr(user, "is_authenticated", False):
        return Results(" ".join(terms), terms, [])
    dialect = db.session.get_bind().dialect.name
    groups = [search_kind(user, k, terms, limit=limit, offset=offset, dialect=dialect)
              for k in wanted]
    return Results(" ".join(terms), terms, groups)


def _hit(kind: Kind, obj, park_name: str, terms: list[str]) -> Hit:
    title = " · ".join(v for v in (getattr(obj, c) or "" for c in kind.title_columns) if v)
    texts = [getattr(obj, c) or "" for c in kind.snippet_columns]
    status = getattr(obj, "status", None)
    when = (getattr(obj, "published_at", None) if kind.key == "notice" else None) or obj.updated_at
    return Hit(
        kind=kind.key,
        id=obj.id,
        title=highlight(title, terms),
        snippet=snippet(texts, terms),
        park=park_name,
        date=when,
        status=getattr(status, "value", status) or "",
        deleted=obj.deleted_at is not None,
        endpoint=kind.endpoint,
        url_args={kind.url_arg: obj.id},
    )
