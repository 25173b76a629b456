"""Search (/search?q=) over policy notices, land cases, talent listings, meetings, minutes and
action items (督办, also by the notes of their progress timeline: the kind's `children`, the
snippet then shows the matching note); what each kind searches and who sees it:
hub.search.kinds.

One SQL statement for all kinds (a UNION ALL of one page per kind), with the visibility rules of
hub.permissions written into its WHERE clauses (so LIMIT and the counts only ever see rows the
user may open):

- SQLite: terms of 3+ characters go through the FTS5 trigram tables of migrations b4_search,
  i3_search_more and j1_search_action_notes
  (`<table>_fts MATCH '"term" AND "term"'`); shorter terms (1–2 Chinese characters) use LIKE on
  the base table, where the trigram index cannot help.
- PostgreSQL: per searched column, LIKE for a term without upper/lower case (Chinese, digits) and
  a case-insensitive regular expression (~*) for one with, both served by the pg_trgm GIN
  indexes of those migrations for terms of 3+ characters; strpos (or the function form of
  ~*, or for a term whose letters are ASCII the text with them folded) for shorter ones,
  which no index can serve, and for every term of a search that has a shorter one (it tests
  only the latest rows: below). Statements run with generic plans, made
  once per prepared statement (`_planned_once`): for a windowed search one per shape, for the
  others one per search text (the terms are written into the SQL).

Whitespace separates terms; every term must occur (in any searched column). The query text is
never spliced into SQL by hand: it is quoted as an FTS5 string or escaped as a LIKE pattern or a
regular expression, then bound — on PostgreSQL as a literal that SQLAlchemy escapes and writes
into the statement (see `_text`: each search is planned for its own terms).

Bounded work (issue 6: search p95 under 50 ms with 100,000 notices), at a price:

- At most MAX_MATCHES matches per kind are looked at (`cap`: 100 for minutes and action items,
  whose rows cost most to test): the newest by `updated_at` (an index walk that stops after
  that many hits, or the trigram bitmap of a rare term, sorted: the planner chooses, and for a
  term in some 4–10 % of the rows it still walks where the bitmap would be about three times
  cheaper — ~25 ms for 100,000 notices, the slowest searches left). Ranking (title matches
  first) and the count happen among those; a kind with more shows "500+" / "100+" (`capped`).
  So for a very common word an older title match can fall behind newer body matches, or out of
  the results: refine the query. Before, every match was fetched, counted and sorted: 0.7–1 s
  per kind for a word in half of 100,000 notices. Action items, also found by their progress
  notes, on PostgreSQL: the newest matches where the first term is in the item and those where
  it is in a note, each found on its own (hub.search.matching.children_match), then the newest
  of both.
- The grouped page (every kind, hub.search.views) shows 5 results per kind and ranks and
  counts only the newest 50 matches of each (`search(max_matches=)`: "50+"); the kind's own
  page ranks its newest cap(kind). So where a kind has more than 50 matches, its page may put
  an older title match before the five the grouped page shows.
- Terms of 1–2 characters cannot use the trigram indexes (FTS5 / pg_trgm): they are tested row
  by row, on the latest SHORT_TERM_ROWS rows of each kind only (by id: the newest created), so
  a rare one- or two-character word in older rows is not found: add a third character (a
  second, longer term does not lift the limit). Small data sets are searched whole. Their
  capped candidates are the latest created (by id, so that the scan stops there), not the
  latest updated.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.sql import visitors

from hub import permissions as perm
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.parks.models import Park
from hub.search import prepared
from hub.search.kinds import KINDS, PARENT, VISIBILITY_COLUMNS, Kind
from hub.search.matching import (  # noqa: F401 - MAX_QUERY_LENGTH: the search form's limit
    MAX_QUERY_LENGTH,
    MIN_FTS_LENGTH,
    child_text,
    children_match,
    match_clause,
    match_form,
    parse_terms,
    term_values,
    title_rank,
    windowed,
)
from hub.search.snippets import highlight, snippet

MAX_MATCHES = 500  # per kind: the newest matches that are ranked and counted (see above)
SHORT_TERM_ROWS = 5_000  # 1–2 character terms: the latest rows (by id) of each kind searched


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
    total: int  # at most cap(kind)
    hits: list[Hit] = field(default_factory=list)
    capped: bool = False  # more than cap(kind) matches: `total` is a lower bound

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


# --- the search ------------------------------------------------------------------------------
def cap(kind: Kind) -> int:
    """How many matches of `kind` are ranked and counted: MAX_MATCHES, or the kind's own lower
    `max_matches` (minutes and action items: 100, see hub.search.kinds)."""
    return min(MAX_MATCHES, kind.max_matches or MAX_MATCHES)


def _latest_rows(kind: Kind, count: int):
    """The columns a search reads, of the kind's `count` latest rows by id: a LIMIT subquery,
    read backwards along the primary key (in table order, so it reads a few hundred pages, not
    a page per row as a walk along updated_at would), the conditions applied after it."""
    model = kind.model
    needed = dict.fromkeys(["id", "updated_at", *VISIBILITY_COLUMNS, *kind.columns])
    return (sa.select(*(getattr(model, c) for c in needed if hasattr(model, c)))
            .order_by(model.id.desc()).limit(count).subquery(f"{kind.key}_latest").c)


def _candidates(user, kind: Kind, terms: list[str], dialect: str):
    """The newest cap(kind) + 1 matches `user` may see (see the module docstring), as
    (id, updated_at, rank): rank 0 when the first term is in the title, else 1."""
    rows = kind.model
    newest = (rows.updated_at.desc(), rows.id.desc())
    short = any(len(t) < MIN_FTS_LENGTH for t in terms)
    visibility = kind.visibility
    if short:
        rows = _latest_rows(kind, SHORT_TERM_ROWS)
        visibility = kind.window_visibility or kind.visibility
        # the latest created first, in the window's own order: the scan stops at the
        # (cap + 1)-th match instead of testing all SHORT_TERM_ROWS rows and sorting
        newest = (rows.id.desc(),)

    def newest_matching(match, walk: bool = True):
        matching = (sa.select(rows.id, rows.updated_at,
                              title_rank(kind, terms, dialect, rows).label("rank"))
                    .where(visibility(user, rows), match))
        if walk:
            return matching.order_by(*newest).limit(cap(kind) + 1)
        # every match, then the newest: OFFSET 0 keeps the planner from merging the two and
        # walking the rows newest first (see below)
        every = matching.offset(0).subquery()
        return (sa.select(every.c.id, every.c.updated_at, every.c.rank)
                .order_by(every.c.updated_at.desc(), every.c.id.desc()).limit(cap(kind) + 1))

    if not kind.children or short or dialect == "sqlite":
        return newest_matching(match_clause(kind, terms, dialect, rows))
    # where the first term is found (the row, or a child; matching.children_match): each
    # alternative its own newest matches, then the newest of them together. With more than one
    # term, the alternatives that start in the row's own text never walk the newest rows (they
    # start from the trigram index, or from the matching children): the planner takes the terms
    # as independent (and a term in a child as found in half the rows), so two common terms
    # that never meet looked like many matches, and the walk read every row (all 600,000
    # action items at scale 30, 0.5 s).
    alternatives = children_match(kind, terms, dialect, rows)
    found = sa.union(*(sa.select(newest_matching(match, walk=from_children or len(terms) == 1)
                                 .subquery().c)
                       for match, from_children in alternatives))
    found = found.subquery(f"{kind.key}_alternatives")
    return (sa.select(found.c.id, found.c.updated_at, found.c.rank)
            .order_by(found.c.updated_at.desc(), found.c.id.desc()).limit(cap(kind) + 1))


TITLE_SLOTS, TEXT_SLOTS = 2, 3  # title and snippet columns per row (the most any kind has)


def _ranked(user, kind: Kind, terms: list[str], dialect: str, limit: int, offset: int):
    """One page of one kind's matches (title matches first, then the newest), with their count,
    as rows of the same shape for every kind, so that one UNION ALL fetches every kind. Only
    the page's rows are read again for their texts."""
    model = kind.model
    found = _candidates(user, kind, terms, dialect).subquery(f"{kind.key}_found")
    newest_first = (found.c.updated_at.desc(), found.c.id.desc())
    counted = sa.select(  # the (cap + 1)-th match only tells that there are more
        found, sa.func.count().over().label("total"),
        sa.func.row_number().over(order_by=newest_first).label("age"),
    ).subquery(f"{kind.key}_counted")
    order = (counted.c.rank, counted.c.updated_at.desc(), counted.c.id.desc())
    page = (sa.select(counted.c.id, counted.c.total,
                      sa.func.row_number().over(order_by=order).label("position"))
            .where(counted.c.age <= cap(kind))
            .order_by(*order).limit(limit).offset(offset).subquery(f"{kind.key}_page"))
    none = sa.cast(sa.null(), sa.Text)

    def column(name: str):
        return (getattr(Meeting, name.removeprefix(PARENT)) if name.startswith(PARENT)
                else getattr(model, name))

    titles = [column(c) for c in kind.title_shown]
    texts = [column(c) for c in kind.snippet_columns]
    if kind.children:  # the matching note, after the kind's own snippet columns
        texts.append(child_text(kind, terms, dialect, model))
    dates = [column(c) for c in kind.date_columns]
    when = sa.func.coalesce(*dates) if len(dates) > 1 else dates[0]
    deleted = model.deleted_at if hasattr(model, "deleted_at") else sa.null()
    statement = (
        sa.select(
            sa.literal(kind.key).label("kind"), model.id.label("id"),
            column(kind.url_column).label("url_id"),
            *(c.label(f"title{i}") for i, c in enumerate(
                titles + [none] * (TITLE_SLOTS - len(titles)))),
            *(c.label(f"text{i}") for i, c in enumerate(
                texts + [none] * (TEXT_SLOTS - len(texts)))),
            Park.short_name.label("park"), when.label("date"),
            sa.cast(model.status, sa.String).label("status"), deleted.label("deleted_at"),
            page.c.total, page.c.position,
        )
        .select_from(page)
        .join(model, model.id == page.c.id)
    )
    if kind.needs_meeting:
        statement = statement.join(Meeting, Meeting.id == model.meeting_id)
    return statement.outerjoin(Park, Park.id == column(kind.park_column))


_STATEMENTS: dict[tuple, object] = {}  # shape → statement (see `_statement`)
MAX_STATEMENTS = 256


def _statement(user, wanted: list[Kind], terms: list[str], dialect: str, build):
    """The statement `build(viewer, terms)` makes for `user` and `terms`, and its parameters.

    Building the UNION of six kinds' pages in SQLAlchemy took about as long as running it
    (≈ 60 % of a search's Python time at scale 10: constructing the expressions, then their cache
    key): it is built once per shape and reused with new parameters. The shape is what changes
    the SQL: the kinds, the dialect, per term whether it is short and (PostgreSQL) how it is
    tested (`match_form`: no case, ASCII letters folded, a regular expression), the user's
    role and whether the user has a park; the values — every search text (`term_values`), the
    user's id and park, limit and offset — are parameters."""
    shape = (dialect, tuple((k.key, cap(k)) for k in wanted),
             tuple((len(t) < MIN_FTS_LENGTH, dialect != "sqlite" and match_form(t)) for t in terms),
             perm.viewer_shape(user), MAX_MATCHES, SHORT_TERM_ROWS, build.__name__)
    statement = _STATEMENTS.get(shape)
    if statement is None:
        if len(_STATEMENTS) >= MAX_STATEMENTS:
            _STATEMENTS.clear()
        statement = build(perm.statement_viewer(perm.viewer_shape(user)), terms)
        if dialect == "postgresql":
            _constants_in_text(statement)
            if not windowed(terms):  # a text per search: prepared within bounds
                statement = statement.execution_options(**{prepared.OPTION: True})
        _STATEMENTS[shape] = statement
    return statement, {**term_values(terms), **perm.viewer_values(user)}


def _constants_in_text(statement) -> None:
    """The constants of `statement` (the caps and windows' LIMITs, status values, the kinds'
    names, 0 and 1) written into its SQL text instead of bound (`literal_execute`): it runs with
    a generic plan (`_planned_once`), which would otherwise be made without knowing them (a
    LIMIT of any size, a status of average frequency). Still bound: the user's id and park,
    the page's limit and offset, and the terms of a windowed search (named parameters; the
    constants are SQLAlchemy's anonymous ones)."""
    for element in visitors.iterate(statement):
        if isinstance(element, sa.BindParameter) and element.unique and element.value is not None:
            element.literal_execute = True


@contextmanager
def _planned_once(dialect: str):
    """PostgreSQL: the search's statements run with a generic plan, which PostgreSQL makes once
    for a prepared statement (psycopg prepares a statement at its sixth run on a connection) and
    reuses: each later run is neither parsed nor planned.

    The app's connections plan every execution for its own values (plan_cache_mode =
    force_custom_plan, hub.config), so that a plan is never made blind to them. Here the values
    that choose a plan are in the SQL text: a search of 3+ character terms writes its terms into
    it (hub.search.matching._text: their frequencies pick the index) and every search its
    constants (`_constants_in_text`), so that a generic plan is the plan of those terms; a
    windowed search tests every term with functions no index serves, its terms are bound and
    one plan serves every term. Only the user's id and park (and the page's limit and offset)
    are left out of the plan. Parsing and planning the six kinds' statement cost about as much
    as running it (2–5 ms of PostgreSQL CPU at scale 10: bench/results/2026-12-06-s8-srch4.md).
    The price: a prepared search keeps its plan and parse tree (~1.3 MB at scale 10) on its
    connection; hub.search.prepared keeps that to a few texts per connection.

    The setting lasts for a transaction only (SET LOCAL), so that nothing of it stays on the
    connection, whatever happens (and PgBouncer's transaction pooling keeps it with its
    statements, deploy/README.md). A request still out of a transaction (hub.dbpool: reads run
    in autocommit) gets one for the search's statements: BEGIN with the SET in one round trip,
    COMMIT (or ROLLBACK after an error) after them — the driver's own statements, which
    hub.dbpool does not see. Inside the request's transaction (after a write) the setting is
    put back to the connection's own right after the statements."""
    if dialect != "postgresql":
        yield
        return
    from psycopg.pq import TransactionStatus  # the PostgreSQL driver (hub.config)

    driver = db.session.connection().connection.driver_connection
    own = driver.info.transaction_status == TransactionStatus.IDLE
    driver.execute(("BEGIN; " if own else "")
                   + "SET LOCAL plan_cache_mode = force_generic_plan")
    try:
        yield
    finally:
        failed = driver.info.transaction_status == TransactionStatus.INERROR
        if own:
            driver.execute("ROLLBACK" if failed else "COMMIT")
        elif not failed:  # a failed transaction is rolled back, the setting with it
            driver.execute("SET LOCAL plan_cache_mode TO DEFAULT")


def search(user, q: str | None, kinds=None, limit: int = 20, offset: int = 0,
           max_matches: int | None = None) -> Results:
    """What `user` may see of every kind (hub.search.kinds) matching `q`.

    kinds: keys of KINDS (default all, in that order); unknown keys are ignored.
    max_matches: rank and count at most this many matches per kind, if fewer than cap(kind)
    (the grouped page's preview; a kind with more shows "N+").
    One SQL statement for every kind (plus a count when `offset` is past a kind's last
    result)."""
    terms = parse_terms(q)
    wanted = [KINDS[k] for k in (kinds or KINDS) if k in KINDS]
    if max_matches:
        wanted = [replace(k, max_matches=min(cap(k), max_matches)) for k in wanted]
    if not terms or not getattr(user, "is_authenticated", False) or not wanted:
        return Results(" ".join(terms), terms, [])
    dialect = db.session.get_bind().dialect.name

    def pages(viewer, terms):
        limit_, offset_ = (sa.bindparam(k, type_=sa.Integer()) for k in ("limit", "offset"))
        return sa.union_all(*(_ranked(viewer, k, terms, dialect, limit_, offset_)
                              for k in wanted))

    statement, params = _statement(user, wanted, terms, dialect, pages)
    rows: dict[str, list] = {k.key: [] for k in wanted}
    with _planned_once(dialect):
        found_rows = db.session.execute(statement, {**params, "limit": limit, "offset": offset})
        for row in found_rows:
            rows[row.kind].append(row)
    groups = []
    for kind in wanted:
        hits = sorted(rows[kind.key], key=lambda r: r.position)
        found = hits[0].total if hits else 0
        if not hits and offset:
            def count(viewer, terms, kind=kind):
                candidates = _candidates(viewer, kind, terms, dialect).subquery()
                return sa.select(sa.func.count()).select_from(candidates)

            statement, params = _statement(user, [kind], terms, dialect, count)
            with _planned_once(dialect):
                found = db.session.execute(statement, params).scalar_one()
        groups.append(KindResults(kind.key, min(found, cap(kind)),
                                  [_hit(kind, row, terms) for row in hits],
                                  capped=found > cap(kind)))
    return Results(" ".join(terms), terms, groups)


def _hit(kind: Kind, row, terms: list[str]) -> Hit:
    title = " · ".join(v for v in (row.title0, row.title1) if v)
    shown = len(kind.snippet_columns) + (1 if kind.children else 0)
    texts = [t or "" for t in (row.text0, row.text1, row.text2)[:shown]]
    return Hit(
        kind=kind.key,
        id=row.id,
        title=snippet([title], terms) if kind.title_is_snippet else highlight(title, terms),
        snippet=snippet(texts, terms),
        park=row.park or "",
        date=row.date,
        status=row.status or "",
        deleted=row.deleted_at is not None,
        endpoint=kind.endpoint,
        url_args={kind.url_arg: row.url_id},
    )
