"""dashboard_tally: the notice list's visible notices per park and listing day, kept by triggers

Revision ID: k8_notice_list_tally
Revises: k7_notice_sort_keys

A deep page of the notice list (`/notices/?page=N`, OFFSET (N - 1) × 20 in the order
coalesce(published_at, created_at) DESC, id DESC) walked every visible notice before it: its
SQL grew with the data (6.4 / 11.6 / 27 ms at scale 1 / 10 / 30). hub.notices.deep counts the
notices listed on each day from these topics, finds the day the page starts on and walks only
from there (bench/results/2026-12-06-s6-deep.md). Day = the UTC day of coalesce(published_at,
created_at), the list's order key, and again by month (topic + "_m", day = the month's first
day: a reader sums ~60 months, then one month's days, not every day); status '':

- "nlist_park": live notices (not deleted, any status) by their park; and each under park 0
  (every live notice: an admin's list);
- "nlist_to": live published notices by addressed park: 0 for those sent to all parks, else
  each audience park;
- "nlist_self": live published notices addressed to their own park (sent to all parks, or
  their park in the audience), by their park.

A user of park P sees the live notices of P and the live published ones addressed to P
(hub.permissions.notice_visible): per day park[P] + to[0] + to[P] - self[P].

The rows' changes as in k2_notice_read_tally: row triggers on notice (INSERT, DELETE, UPDATE
OF the counted columns) and notice_audience apply the change the row's change makes, given the
other table as it is.

NOTE: a batch migration recreating notice or notice_audience on SQLite must recreate these
triggers. Not in `flask db check`'s view (triggers are not compared by autogenerate).
"""
# ruff: noqa: S608 - the SQL below is made of this module's constants only
from alembic import op

revision = 'k8_notice_list_tally'
down_revision = 'k7_notice_sort_keys'
branch_labels = None
depends_on = None

TABLE = "dashboard_tally"
KEY = "topic, day, park_id, status"
TOPICS = ("nlist_park", "nlist_to", "nlist_self", "nlist_park_m", "nlist_to_m", "nlist_self_m")
WATCHED = {
    "notice": "park_id, status, deleted_at, published_at, created_at, all_parks",
    "notice_audience": "notice_id, park_id",
}


def _days(dialect: str, n: str) -> list[tuple[str, str]]:
    """(topic suffix, day): the UTC day of notice `n`'s place in the list's order, and the
    first day of its month."""
    listed = f"coalesce({n}.published_at, {n}.created_at)"
    if dialect == "postgresql":
        return [("", f"CAST({listed} AS DATE)"),
                ("_m", f"CAST(date_trunc('month', {listed}) AS DATE)")]
    return [("", f"date({listed})"), ("_m", f"date({listed}, 'start of month')")]


def _live(n: str) -> str:
    return f"{n}.deleted_at IS NULL"


def _published(n: str) -> str:
    return f"{n}.deleted_at IS NULL AND {n}.status = 'published'"


def _own_audience(n: str) -> str:
    return (f"EXISTS (SELECT 1 FROM notice_audience a2 WHERE a2.notice_id = {n}.id "
            f"AND a2.park_id = {n}.park_id)")


def _upsert(select_sql: str) -> str:
    return (f"INSERT INTO {TABLE} ({KEY}, n, hundredths) {select_sql} "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n;")


def _notice(dialect: str, row: str, sign: str) -> str:
    """What notice `row` (OLD or NEW) counts, added (sign "") or taken away ("-")."""
    pub = _published(row)
    return " ".join(
        " ".join([
            _upsert(f"SELECT 'nlist_park{m}', {day}, {row}.park_id, '', {sign}1, 0 "
                    f"WHERE {_live(row)}"),
            _upsert(f"SELECT 'nlist_park{m}', {day}, 0, '', {sign}1, 0 WHERE {_live(row)}"),
            _upsert(f"SELECT 'nlist_to{m}', {day}, 0, '', {sign}1, 0 "
                    f"WHERE {pub} AND {row}.all_parks"),
            _upsert(f"SELECT 'nlist_to{m}', {day}, a.park_id, '', {sign}count(*), 0 "
                    f"FROM notice_audience a WHERE a.notice_id = {row}.id AND {pub} "
                    f"AND NOT {row}.all_parks GROUP BY 1, 2, 3, 4"),
            _upsert(f"SELECT 'nlist_self{m}', {day}, {row}.park_id, '', {sign}1, 0 "
                    f"WHERE {pub} AND ({row}.all_parks OR {_own_audience(row)})"),
        ]) for m, day in _days(dialect, row))


def _audience(dialect: str, row: str, sign: str, guard: str = "1 = 1") -> str:
    """Audience row `row` of a live published notice not sent to all parks."""
    where = f"n.id = {row}.notice_id AND {_published('n')} AND NOT n.all_parks AND {guard}"
    return " ".join(
        " ".join([
            _upsert(f"SELECT 'nlist_to{m}', {day}, {row}.park_id, '', {sign}1, 0 "
                    f"FROM notice n WHERE {where}"),
            _upsert(f"SELECT 'nlist_self{m}', {day}, n.park_id, '', {sign}1, 0 "
                    f"FROM notice n WHERE {where} AND n.park_id = {row}.park_id"),
        ]) for m, day in _days(dialect, "n"))


def _statements(dialect: str, table: str, event: str) -> str:
    parts = []
    if table == "notice":
        if event in ("UPDATE", "DELETE"):
            parts.append(_notice(dialect, "old", "-"))
        if event in ("UPDATE", "INSERT"):
            parts.append(_notice(dialect, "new", ""))
    else:
        moved = "(old.notice_id <> new.notice_id OR old.park_id <> new.park_id)"
        guard = moved if event == "UPDATE" else "1 = 1"
        if event in ("UPDATE", "DELETE"):
            parts.append(_audience(dialect, "old", "-", guard))
        if event in ("UPDATE", "INSERT"):
            parts.append(_audience(dialect, "new", "", guard))
    return " ".join(parts)


def _backfill(dialect: str) -> list[str]:
    into = f"INSERT INTO {TABLE} ({KEY}, n, hundredths) "
    return [into + sql for m, day in _days(dialect, "n") for sql in (
        f"SELECT 'nlist_park{m}', {day}, n.park_id, '', count(*), 0 FROM notice n "
        f"WHERE {_live('n')} GROUP BY 1, 2, 3, 4",
        f"SELECT 'nlist_park{m}', {day}, 0, '', count(*), 0 FROM notice n "
        f"WHERE {_live('n')} GROUP BY 1, 2, 3, 4",
        f"SELECT 'nlist_to{m}', {day}, 0, '', count(*), 0 FROM notice n "
        f"WHERE {_published('n')} AND n.all_parks GROUP BY 1, 2, 3, 4",
        f"SELECT 'nlist_to{m}', {day}, a.park_id, '', count(*), 0 FROM notice n "
        f"JOIN notice_audience a ON a.notice_id = n.id WHERE {_published('n')} "
        f"AND NOT n.all_parks GROUP BY 1, 2, 3, 4",
        f"SELECT 'nlist_self{m}', {day}, n.park_id, '', count(*), 0 FROM notice n "
        f"WHERE {_published('n')} AND (n.all_parks OR {_own_audience('n')}) "
        f"GROUP BY 1, 2, 3, 4",
    )]


def upgrade():
    dialect = op.get_bind().dialect.name
    op.create_index("ix_dashboard_tally_park", TABLE, ["topic", "park_id", "day"],
                    postgresql_include=["n"])
    for sql in _backfill(dialect):
        op.execute(sql)
    for table, cols in WATCHED.items():
        if dialect == "postgresql":
            op.execute(f"""
CREATE FUNCTION {table}_list_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN {_statements(dialect, table, 'INSERT')}
  ELSIF TG_OP = 'DELETE' THEN {_statements(dialect, table, 'DELETE')}
  ELSE {_statements(dialect, table, 'UPDATE')}
  END IF;
  RETURN NULL;
END $$""")
            op.execute(f"CREATE TRIGGER {table}_list_tally AFTER INSERT OR DELETE OR UPDATE OF "
                       f"{cols} ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_list_tally()")
        else:
            for event, suffix, of in (("INSERT", "ai", ""), ("DELETE", "ad", ""),
                                      ("UPDATE", "au", f" OF {cols}")):
                op.execute(f"CREATE TRIGGER {table}_list_tally_{suffix} AFTER {event}{of} ON "
                           f"{table} BEGIN {_statements(dialect, table, event)} END")
    if dialect == "postgresql":
        op.execute(f"ANALYZE {TABLE}")


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER {table}_list_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_list_tally()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {table}_list_tally_{suffix}")
    op.execute(f"DELETE FROM {TABLE} WHERE topic IN {TOPICS!r}")
    op.drop_index("ix_dashboard_tally_park", table_name=TABLE)
