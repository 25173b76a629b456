"""How search terms become SQL (hub.search.services builds the statements from these): terms
parsed from the query, each term's text as named parameters (`term_values`: a statement built
once serves every search of its shape), and the match of a kind's columns — FTS5 on SQLite for
3+ characters, LIKE / regular expressions / strpos on PostgreSQL — and of its children (the
progress notes of 督办 items)."""

import sqlalchemy as sa

from hub.search.kinds import Child, Kind

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MIN_FTS_LENGTH = 3  # the trigram tokenizer needs three characters
# a windowed term with more ASCII letters keeps the regular expression: each letter costs one
# more call and scan per column and row, and 3 letters already cost as much as the regular
# expression (bench/results/2026-12-06-s9-srch5.md)
MAX_FOLDED_LETTERS = 2
LIKE_ESCAPE = "\\"


# --- query text ------------------------------------------------------------------------------
def parse_terms(q: str | None) -> list[str]:
    """Whitespace-separated terms (ASCII or ideographic space), without repeats."""
    terms: list[str] = []
    # NUL cannot occur in stored text (PostgreSQL refuses it): a separator like a space
    for term in (q or "").replace("\0", " ").strip()[:MAX_QUERY_LENGTH].split():
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


# --- matching --------------------------------------------------------------------------------
def has_case(term: str) -> bool:
    """Whether upper and lower case differ somewhere in `term` (never in Chinese or digits)."""
    return term.lower() != term.upper()


def ascii_letters(term: str) -> list[str] | None:
    """The letters of `term` (lower case, each once) when every character of it with case is an
    ASCII letter and there are at most MAX_FOLDED_LETTERS of them, else None. Such a term is
    found case-insensitively by folding only those letters (`_folded`): PostgreSQL's (?i)
    regular expression matches each pattern letter in its lower and upper case only — for ASCII
    letters by the C rules, whatever the locale (src/backend/regex/regc_locale.c allcases,
    regc_pg_locale.c pg_wc_tolower/toupper) — and every other character as it is."""
    cased = [c for c in term if c.lower() != c.upper()]  # (the Kelvin sign lowers to "k")
    if not cased or not all(c.isascii() and c.isalpha() for c in cased):
        return None
    letters = sorted({c.lower() for c in cased})
    return letters if len(letters) <= MAX_FOLDED_LETTERS else None


def ascii_lower(term: str) -> str:
    """`term` with its ASCII letters in lower case (and nothing else changed)."""
    return "".join(c.lower() if c.isascii() else c for c in term)


def match_form(term: str) -> tuple:
    """How a windowed search on PostgreSQL tests `term` (`_contains`), part of its statement's
    shape: ("text",) without case (strpos), ("folded", letters, single character) for ASCII
    letters (`ascii_letters`), else ("regex",)."""
    if not has_case(term):
        return ("text",)
    letters = ascii_letters(term)
    if letters is None:
        return ("regex",)
    return ("folded", len(letters), len(term) == 1)


def regex_literal(term: str) -> str:
    """`term` as a PostgreSQL regular expression matching exactly that text: every ASCII
    character other than a letter or digit is escaped (a backslash before such a character
    always means the character itself); no other character has a meaning in a pattern."""
    return "".join("\\" + c if c.isascii() and not c.isalnum() else c for c in term)


def term_values(terms: list[str]) -> dict[str, str]:
    """The search texts of `terms`, by the names of the parameters that carry them into a
    statement (`_text`): the i-th term as a LIKE pattern, a regular expression (with and
    without the (?i) prefix) and as it is, and the FTS5 query of the terms of 3+ characters."""
    values = {"fts_query": " AND ".join(fts_string(t) for t in terms
                                        if len(t) >= MIN_FTS_LENGTH)}
    for i, term in enumerate(terms):
        values.update({f"like{i}": like_pattern(term), f"re{i}": regex_literal(term),
                       f"rei{i}": "(?i)" + regex_literal(term), f"text{i}": term,
                       f"fts{i}": fts_string(term)})
        values.update({f"lower{i}": ascii_lower(term),
                       f"likelower{i}": like_pattern(ascii_lower(term))})
        for j, letter in enumerate(ascii_letters(term) or ()):
            values.update({f"upper{i}_{j}": letter.upper(), f"letter{i}_{j}": letter})
    return values


def windowed(terms: list[str]) -> bool:
    """Whether a search of `terms` tests only the latest rows of each kind (a term of 1–2
    characters, which no trigram index serves: hub.search.services.SHORT_TERM_ROWS)."""
    return any(len(t) < MIN_FTS_LENGTH for t in terms)


def _text(name: str, i: int, terms: list[str], dialect: str):
    """The search text `name` of term i (see `term_values`) in a statement: a parameter with a
    fixed name, so that a statement built once serves every search of its shape (`_statement`).

    On PostgreSQL, in a search of 3+ character terms only, it goes into the SQL text (escaped by
    SQLAlchemy, never by hand) instead of a bound parameter: with one SQL text for every search,
    psycopg prepares the statement after five runs and PostgreSQL may then plan it once for
    every term (a generic plan, blind to how common the term is: 270 ms for 新能源); with the
    term in the text, the generic plan that hub.search.services._planned_once asks for is the
    plan of that term. A search that tests a window of the latest rows (`windowed`) tests every
    term with a function that no index claims (`_contains`): its plan does not depend on the
    terms, so they are bound parameters there and one plan serves every term."""
    key = f"{name}{i}"
    return sa.bindparam(key, term_values(terms[i:i + 1])[f"{name}0"], type_=sa.String(),
                        literal_execute=dialect != "sqlite" and not windowed(terms))


def _folded(column, i: int, terms: list[str]):
    """`column` with each letter of term i (`ascii_letters`) in lower case: a replace() per
    letter, from upper to lower case (bound parameters `upper{i}_{j}`, `letter{i}_{j}`). A
    replace() that finds nothing returns its input as it is: on text without those letters
    (most Chinese text) it is one byte scan. Term i in lower case occurs in the folded text
    exactly where the (?i) regular expression finds it: every other character is compared as
    it is, and ASCII bytes never occur inside a multibyte UTF-8 character."""
    values = term_values(terms[i:i + 1])
    for j in range(len(ascii_letters(terms[i]) or ())):
        column = sa.func.replace(
            column, *(sa.bindparam(f"{name}{i}_{j}", values[f"{name}0_{j}"], type_=sa.String())
                      for name in ("upper", "letter")))
    return column


def _contains(columns, terms: list[str], i: int, dialect: str):
    """Term i of `terms` occurs in one of `columns`."""
    term = terms[i]
    if dialect == "sqlite":  # LIKE is already case-insensitive for ASCII there
        pattern = _text("like", i, terms, dialect)
        return sa.or_(*(c.like(pattern, escape=LIKE_ESCAPE) for c in columns))
    # a term of 1–2 characters, and every term of a search that tests only the latest rows
    # (`windowed`: no index can serve it there, and its plan must not depend on the terms)
    short = windowed(terms)
    if short and match_form(term)[0] == "folded":
        # ASCII letters: the text folded (`_folded`), then searched for the term in lower
        # case, each a byte scan: a quarter to a half cheaper than the regular expression for
        # 1–2 letters (bench/results/2026-12-06-s9-srch5.md)
        if len(term) == 1:  # strpos scans faster for one byte, LIKE for more
            text = _text("lower", i, terms, dialect)
            return sa.or_(*(sa.func.strpos(_folded(c, i, terms), text) > 0 for c in columns))
        # no ESCAPE clause: backslash, LIKE's own escape character, is `like_pattern`'s, and
        # an ESCAPE of a bound pattern is a like_escape() call per row and column
        pattern = _text("likelower", i, terms, dialect)
        return sa.or_(*(_folded(c, i, terms).like(pattern) for c in columns))
    if has_case(term):
        # a case-insensitive regular expression: ILIKE would lower-case the whole text of every
        # row it tests (3–4 times slower on notice bodies); pg_trgm serves ~* like ILIKE
        if short:  # the function form of ~* (the same match), which no index claims
            pattern = _text("rei", i, terms, dialect)
            return sa.or_(*(sa.func.textregexeq(c, pattern) for c in columns))
        pattern = _text("re", i, terms, dialect)
        return sa.or_(*(c.regexp_match(pattern, flags="i") for c in columns))
    if short:
        # no trigram index serves a 1–2 character term, yet the planner may pick one (a scan of
        # the whole index, then a re-check of every row: 1.4 s at scale 10): strpos (the same
        # match as LIKE '%term%', bytes compared) keeps it away
        text = _text("text", i, terms, dialect)
        return sa.or_(*(sa.func.strpos(c, text) > 0 for c in columns))
    # no case: LIKE, which compares bytes
    pattern = _text("like", i, terms, dialect)
    return sa.or_(*(c.like(pattern, escape=LIKE_ESCAPE) for c in columns))


def _fts_ids(fts_table: str, terms: list[str], i: int):
    """The rowids of `fts_table` whose row holds term i of `terms` (3+ characters)."""
    fts = sa.table(fts_table, sa.column("rowid"))
    return sa.select(fts.c.rowid).where(
        sa.literal_column(fts_table).op("MATCH")(_text("fts", i, terms, "sqlite")))


def _child_contains(child: Child, terms: list[str], i: int, dialect: str):
    """Where a row of `child` holds term i (its FTS5 table on SQLite for 3+ characters)."""
    rows = child.model
    if dialect == "sqlite" and len(terms[i]) >= MIN_FTS_LENGTH:
        return rows.id.in_(_fts_ids(child.fts_table, terms, i))
    return _contains([getattr(rows, c) for c in child.columns], terms, i, dialect)


def _parents(child: Child, terms: list[str], i: int, dialect: str):
    """The parent ids of the rows of `child` that hold term i of `terms`."""
    return (sa.select(getattr(child.model, child.parent_column))
            .where(_child_contains(child, terms, i, dialect)))


def _in_children(kind: Kind, terms: list[str], i: int, dialect: str, model):
    """Where one of the row's children (kind.children) holds term i of `terms`."""
    return sa.or_(*(model.id.in_(_parents(child, terms, i, dialect))
                    for child in kind.children))


def _child_exists(kind: Kind, terms: list[str], i: int, dialect: str, model):
    """Where one of the row's children holds term i, tested row by row (by the parent index).
    On PostgreSQL the subquery has an OFFSET 0, which keeps the planner from turning it into a
    hashed set of every matching child (a scan of all progress notes, growing with the data)
    when only a window of the latest rows is tested."""
    tests = []
    for child in kind.children:
        found = (sa.select(sa.literal_column("1"))
                 .where(getattr(child.model, child.parent_column) == model.id,
                        _child_contains(child, terms, i, dialect)))
        tests.append((found if dialect == "sqlite" else found.offset(0)).exists())
    return sa.or_(*tests)


def _with_children(kind: Kind, terms: list[str], i: int, dialect: str, model):
    """Where the row or one of its children (kind.children) holds term i. A 3+ character term
    on SQLite: the row's id among the ids of the matching rows and the parents of the matching
    children, each set found by its FTS5 table (a UNION, which the planner reads first: an OR
    of the row's own test and a subquery would test every row). A shorter one, which no index
    serves, and on PostgreSQL every term of a search with a shorter one (the latest rows only
    are tested: a set of every match in the table would cost more than the window): the row and
    then its own children, tested as the scan of the latest rows reaches it. PostgreSQL with
    3+ character terms only: `children_match`."""
    own_columns = [getattr(model, c) for c in kind.columns]
    window = any(len(t) < MIN_FTS_LENGTH for t in terms)
    if len(terms[i]) < MIN_FTS_LENGTH or (window and dialect != "sqlite"):
        return sa.or_(_contains(own_columns, terms, i, dialect),
                      _child_exists(kind, terms, i, dialect, model))
    if dialect == "sqlite":
        own = _fts_ids(kind.fts_table, terms, i)
    else:
        rows = sa.orm.aliased(kind.model)  # not the outer query's row (no correlation)
        own = sa.select(rows.id).where(
            _contains([getattr(rows, c) for c in kind.columns], terms, i, dialect))
    children = [_parents(child, terms, i, dialect) for child in kind.children]
    return model.id.in_(sa.union(own, *children))


def children_match(kind: Kind, terms: list[str], dialect: str, model) -> list[tuple]:
    """PostgreSQL, a kind with children, every term of 3+ characters: the match as alternatives
    whose rows together are those of `match_clause`, as (clause, from_children) pairs:

    - every term in the row's own columns;
    - with more than one term, for each other term k and child: the first term in the row's own
      columns and term k in one of its children (the remaining terms in the row or a child);
    - for each child: the first term in one of its children (the other terms in the row or a
      child) — `from_children` True.

    A row whose first term is in its own columns has every other term there too, or some term k
    in a child: the rows are the same. Each alternative is a query of its own (the caller's
    UNION): the planner then starts from the trigram index of the row's own column (all terms
    in one GIN scan: the rows holding them all), or from term k's matching children, or walks
    the newest rows and looks their children up, as the terms' frequencies make cheapest. One
    query with the set of matching ids (`_with_children`) was planned as a walk of the whole
    table joined to every match (action items at scale 10), and one alternative for "the first
    term in the row" read every row holding it to test the others (人才公寓 英雄榜: 28,638 action
    items at scale 30; bench/results/2026-12-06-s6-srch.md)."""
    own_columns = [getattr(model, c) for c in kind.columns]

    def anywhere(i):
        return sa.or_(_contains(own_columns, terms, i, dialect),
                      _in_children(kind, terms, i, dialect, model))

    others = range(1, len(terms))
    own = [(sa.and_(*(_contains(own_columns, terms, i, dialect) for i in range(len(terms)))),
            False)]
    own += [(sa.and_(_contains(own_columns, terms, 0, dialect),
                     model.id.in_(_parents(child, terms, k, dialect)),
                     *(anywhere(i) for i in others if i != k)), False)
            for k in others for child in kind.children]
    return own + [(sa.and_(model.id.in_(_parents(child, terms, 0, dialect)),
                           *(anywhere(i) for i in others)), True)
                  for child in kind.children]


def match_clause(kind: Kind, terms: list[str], dialect: str, entity=None):
    """Every term in one of the kind's columns, or in one of the row's children (kind.children:
    each term may be in another child or in the row itself)."""
    model = entity if entity is not None else kind.model
    columns = [getattr(model, c) for c in kind.columns]
    if kind.children:
        return sa.and_(*(_with_children(kind, terms, i, dialect, model)
                         for i in range(len(terms))))
    if dialect != "sqlite":
        return sa.and_(*(_contains(columns, terms, i, dialect) for i in range(len(terms))))
    long_terms = [t for t in terms if len(t) >= MIN_FTS_LENGTH]
    clauses = [_contains(columns, terms, i, dialect)
               for i, t in enumerate(terms) if len(t) < MIN_FTS_LENGTH]
    if long_terms:
        fts = sa.table(kind.fts_table, sa.column("rowid"))
        expression = " AND ".join(fts_string(t) for t in long_terms)
        matching = sa.select(fts.c.rowid).where(
            sa.literal_column(kind.fts_table).op("MATCH")(
                sa.bindparam("fts_query", expression, type_=sa.String()))
        )
        clauses.append(model.id.in_(matching))
    return sa.and_(*clauses)


def child_text(kind: Kind, terms: list[str], dialect: str, model):
    """The text of the row's newest child that holds a term (shown in the snippet), or NULL: a
    scalar subquery over the row's own children (by their parent index), page rows only."""
    if not kind.children:
        return None
    child = kind.children[0]
    rows = child.model
    columns = [getattr(rows, c) for c in child.columns]
    return (sa.select(columns[0])
            .where(getattr(rows, child.parent_column) == model.id,
                   sa.or_(*(_contains(columns, terms, i, dialect) for i in range(len(terms)))))
            .order_by(rows.id.desc()).limit(1).correlate(model).scalar_subquery())


def title_rank(kind: Kind, terms: list[str], dialect: str, entity=None):
    """0 when the first term is in the title, else 1: title matches come first."""
    entity = entity if entity is not None else kind.model
    columns = [getattr(entity, c) for c in kind.title_columns]
    if not columns:
        return sa.literal_column("1")
    return sa.case((_contains(columns, terms, 0, dialect), 0), else_=1)
