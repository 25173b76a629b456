"""dashboard_tally: notices addressed and read per park and publication day, kept by triggers

Revision ID: k2_notice_read_tally
Revises: k1_dashboard_tally

The admin's read rate per park (hub.notices.reading.read_rate_stmt) read every receipt of the
notices of its 90-day window: 160 ms at scale 10, 451 ms at scale 30 with a full window
(bench/results/2026-12-06-s6-dash.md). Two more topics of dashboard_tally (k1_dashboard_tally):

- "notice_to": live notices (published, not deleted, with a publication time) by UTC
  publication day; park_id 0 for those sent to all parks, else one row per audience park.
- "notice_read": per (park, publication day) the live notices addressed to the park (all
  parks, or the park in the audience) that someone of the park has read (first receipt).

Row triggers on notice (INSERT, DELETE, UPDATE OF status, deleted_at, published_at,
all_parks), notice_audience and notice_read apply the change of these counts that the row's
change makes, given the other two tables as they are: so the order in which a notice and its
audience and receipts are written or deleted does not matter.

NOTE: as for k1: a batch migration recreating one of these tables on SQLite must recreate
its triggers.
"""
# ruff: noqa: S608 - the SQL below is made of this module's constants only
from alembic import op

# revision identifiers, used by Alembic.
revision = 'k2_notice_read_tally'
down_revision = 'k1_dashboard_tally'
branch_labels = None
depends_on = None

TABLE = "dashboard_tally"
KEY = "topic, day, park_id, status"
WATCHED = {
    "notice": "status, deleted_at, published_at, all_parks",
    "notice_audience": "notice_id, park_id",
    "notice_read": "notice_id, park_id",
}


def _day(dialect: str, col: str) -> str:
    return f"CAST({col} AS DATE)" if dialect == "postgresql" else f"date({col})"


def _live(n: str) -> str:
    return (f"{n}.deleted_at IS NULL AND {n}.status = 'published' "
            f"AND {n}.published_at IS NOT NULL")


def _upsert(select_sql: str) -> str:
    return (f"INSERT INTO {TABLE} ({KEY}, n, hundredths) {select_sql} "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n;")


def _addressed(n: str, park: str) -> str:
    return (f"({n}.all_parks OR EXISTS (SELECT 1 FROM notice_audience a2 "
            f"WHERE a2.notice_id = {n}.id AND a2.park_id = {park}))")


def _notice(dialect: str, row: str, sign: str) -> str:
    """What notice `row` (OLD or NEW) counts, added (sign "") or taken away ("-")."""
    day = _day(dialect, f"{row}.published_at")
    live = _live(row)
    return " ".join([
        _upsert(f"SELECT 'notice_to', {day}, 0, '', {sign}1, 0 "
                f"WHERE {live} AND {row}.all_parks"),
        _upsert(f"SELECT 'notice_to', {day}, a.park_id, '', {sign}count(*), 0 "
                f"FROM notice_audience a WHERE a.notice_id = {row}.id AND {live} "
                f"AND NOT {row}.all_parks GROUP BY 1, 2, 3, 4"),
        _upsert(f"SELECT 'notice_read', {day}, r.park_id, '', {sign}1, 0 "
                f"FROM (SELECT DISTINCT park_id FROM notice_read "
                f"WHERE notice_id = {row}.id) r "
                f"WHERE {live} AND {_addressed(row, 'r.park_id')}"),
    ])


def _audience(dialect: str, row: str, sign: str, guard: str = "1 = 1") -> str:
    """The audience row `row` of a live notice not sent to all parks: addressed, and read if
    someone of that park has read it."""
    day = _day(dialect, "n.published_at")
    where = f"n.id = {row}.notice_id AND {_live('n')} AND NOT n.all_parks AND {guard}"
    return " ".join([
        _upsert(f"SELECT 'notice_to', {day}, {row}.park_id, '', {sign}1, 0 "
                f"FROM notice n WHERE {where}"),
        _upsert(f"SELECT 'notice_read', {day}, {row}.park_id, '', {sign}1, 0 "
                f"FROM notice n WHERE {where} AND EXISTS (SELECT 1 FROM notice_read r "
                f"WHERE r.notice_id = {row}.notice_id AND r.park_id = {row}.park_id)"),
    ])


def _receipt(dialect: str, row: str, sign: str, guard: str = "1 = 1") -> str:
    """Receipt `row` after its INSERT (sign "": the park's first reader of the notice) or
    DELETE (sign "-": its last)."""
    day = _day(dialect, "n.published_at")
    readers = (f"(SELECT count(*) FROM notice_read r WHERE r.notice_id = {row}.notice_id "
               f"AND r.park_id = {row}.park_id)")
    return _upsert(f"SELECT 'notice_read', {day}, {row}.park_id, '', {sign}1, 0 "
                   f"FROM notice n WHERE n.id = {row}.notice_id AND {_live('n')} "
                   f"AND {_addressed('n', f'{row}.park_id')} "
                   f"AND {readers} = {'0' if sign else '1'} AND {guard}")


def _statements(dialect: str, table: str, event: str) -> str:
    moved = "(old.notice_id <> new.notice_id OR old.park_id <> new.park_id)"
    parts = []
    if table == "notice":
        if event in ("UPDATE", "DELETE"):
            parts.append(_notice(dialect, "old", "-"))
        if event in ("UPDATE", "INSERT"):
            parts.append(_notice(dialect, "new", ""))
    elif table == "notice_audience":
        guard = moved if event == "UPDATE" else "1 = 1"
        if event in ("UPDATE", "DELETE"):
            parts.append(_audience(dialect, "old", "-", guard))
        if event in ("UPDATE", "INSERT"):
            parts.append(_audience(dialect, "new", "", guard))
    else:
        guard = moved if event == "UPDATE" else "1 = 1"
        if event in ("UPDATE", "DELETE"):
            parts.append(_receipt(dialect, "old", "-", guard))
        if event in ("UPDATE", "INSERT"):
            parts.append(_receipt(dialect, "new", "", guard))
    return " ".join(parts)


def _backfill(dialect: str) -> list[str]:
    day = _day(dialect, "n.published_at")
    live = _live("n")
    return [
        f"INSERT INTO {TABLE} ({KEY}, n, hundredths) "
        f"SELECT 'notice_to', {day}, 0, '', count(*), 0 FROM notice n "
        f"WHERE {live} AND n.all_parks GROUP BY 1, 2, 3, 4",
        f"INSERT INTO {TABLE} ({KEY}, n, hundredths) "
        f"SELECT 'notice_to', {day}, a.park_id, '', count(*), 0 FROM notice n "
        f"JOIN notice_audience a ON a.notice_id = n.id WHERE {live} AND NOT n.all_parks "
        f"GROUP BY 1, 2, 3, 4",
        f"INSERT INTO {TABLE} ({KEY}, n, hundredths) "
        f"SELECT 'notice_read', {day}, r.park_id, '', count(*), 0 FROM notice n "
        f"JOIN (SELECT DISTINCT notice_id, park_id FROM notice_read) r ON r.notice_id = n.id "
        f"WHERE {live} AND {_addressed('n', 'r.park_id')} GROUP BY 1, 2, 3, 4",
    ]


def upgrade():
    dialect = op.get_bind().dialect.name
    for sql in _backfill(dialect):
        op.execute(sql)
    for table, cols in WATCHED.items():
        if dialect == "postgresql":
            op.execute(f"""
CREATE FUNCTION {table}_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN {_statements(dialect, table, 'INSERT')}
  ELSIF TG_OP = 'DELETE' THEN {_statements(dialect, table, 'DELETE')}
  ELSE {_statements(dialect, table, 'UPDATE')}
  END IF;
  RETURN NULL;
END $$""")
            op.execute(f"CREATE TRIGGER {table}_tally AFTER INSERT OR DELETE OR UPDATE OF "
                       f"{cols} ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_tally()")
        else:
            for event, suffix, of in (("INSERT", "ai", ""), ("DELETE", "ad", ""),
                                      ("UPDATE", "au", f" OF {cols}")):
                op.execute(f"CREATE TRIGGER {table}_tally_{suffix} AFTER {event}{of} ON "
                           f"{table} BEGIN {_statements(dialect, table, event)} END")


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER {table}_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_tally()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {table}_tally_{suffix}")
    op.execute(f"DELETE FROM {TABLE} WHERE topic IN ('notice_to', 'notice_read')")
