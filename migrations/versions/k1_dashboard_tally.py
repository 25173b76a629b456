"""dashboard_tally: per-park running counts of action items and land cases, kept by triggers

Revision ID: k1_dashboard_tally
Revises: k1_eff_tallies

The platform admin's dashboard counted every action item and every land case per park on each
page (150–240 ms at scale 10, bench/results/2026-12-06-perfdash.md). This table holds those
counts by (topic, park, day, status); hub/dashboard/models.py says what each topic counts.

Kept by row triggers on action_item and land_case (AFTER INSERT, AFTER DELETE, AFTER UPDATE OF
the counted columns): the old row's contribution is taken away, the new row's added, in the
same transaction as the write. PostgreSQL: one PL/pgSQL function per table; SQLite: three
triggers per table with the same statements. Rules are written once below (CONTRIBUTIONS) and
give the triggers and the backfill.

NOTE: a later batch migration that recreates action_item or land_case on SQLite (copy and
rename) drops these triggers; it must recreate them (`_create_sqlite_triggers`).

Not in `flask db check`'s view: triggers and functions are not compared by autogenerate.
"""
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'k1_dashboard_tally'
down_revision = 'k1_eff_tallies'
branch_labels = None
depends_on = None

TABLE = "dashboard_tally"
KEY = "topic, day, park_id, status"  # the primary key: a topic's days as one index range

# table -> counted columns (an UPDATE of another column fires nothing)
COUNTED = {
    "action_item": ("owner_park_id", "due_date", "status", "meeting_id"),
    "land_case": ("park_id", "status", "deadline", "deleted_at", "area_mu"),
}
# an action item is followed unless its meeting has minutes not published yet
WAITING = ("EXISTS (SELECT 1 FROM meeting_minutes m WHERE m.meeting_id = r.meeting_id "
           "AND m.status <> 'published')")


def rule(**parts: str) -> dict[str, str]:
    return parts


def contributions(dialect: str, waiting: str = WAITING) -> dict[str, list[dict]]:
    """table -> what one row `r` adds: topic, park, day, status, hundredths, and the condition
    under which it counts (SQL over the row alias `r`). Dates are counted twice, by month and
    by day: a count "before today" reads the months before this one and the days of this month
    (a few hundred rows) instead of every day (24,000 rows of action items at scale 10).
    `waiting`: SQL, true when the item's decision is not followed yet (its minutes are not
    published): those items are counted under status "open_waiting" / "done_waiting"."""
    pg = dialect == "postgresql"
    no_day = "DATE '9999-12-31'" if pg else "'9999-12-31'"

    def month(col):
        if pg:
            return f"CAST(date_trunc('month', {col}) AS DATE)"
        return f"date({col}, 'start of month')"

    hundredths = f"CAST(round(r.area_mu * 100) AS {'BIGINT' if pg else 'INTEGER'})"
    done = "r.status = 'done'"
    suffix = f"CASE WHEN {waiting} THEN '_waiting' ELSE '' END"
    case_due = "r.deleted_at IS NULL AND r.status <> 'disposed' AND r.deadline IS NOT NULL"
    return {
        "action_item": [
            rule(topic="'action_month'", park="r.owner_park_id",
                 day=f"CASE WHEN {done} OR r.due_date IS NULL THEN {no_day} "
                     f"ELSE {month('r.due_date')} END",
                 status=f"CASE WHEN {done} THEN 'done' ELSE 'open' END || {suffix}",
                 hundredths="0", when="1 = 1"),
            rule(topic="'action_day'", park="r.owner_park_id", day="r.due_date",
                 status=f"'open' || {suffix}", hundredths="0",
                 when="r.status <> 'done' AND r.due_date IS NOT NULL"),
        ],
        "land_case": [
            rule(topic="'case'", park="r.park_id", day=no_day, status="r.status",
                 hundredths=hundredths, when="r.deleted_at IS NULL"),
            rule(topic="'case_due_month'", park="r.park_id", day=month("r.deadline"),
                 status="''", hundredths="0", when=case_due),
            rule(topic="'case_due_day'", park="r.park_id", day="r.deadline", status="''",
                 hundredths="0", when=case_due),
        ],
    }


def _bind(sql: str, row: str) -> str:
    return re.sub(r"\br\.", f"{row}.", sql)


def _key(c: dict, row: str | None = None) -> str:
    return ", ".join(_bind(c[k], row) if row else c[k] for k in ("topic", "day", "park", "status"))


def _upsert(select_sql: str) -> str:
    """Add the (key, n, hundredths) rows of `select_sql` to the tally (n may be negative)."""
    return (f"INSERT INTO {TABLE} ({KEY}, n, hundredths) {select_sql} "
            f"ON CONFLICT ({KEY}) DO UPDATE SET n = {TABLE}.n + excluded.n, "
            f"hundredths = {TABLE}.hundredths + excluded.hundredths;")


def _row(c: dict, row: str, sign: str) -> str:
    """One row's contribution, added (sign "") or taken away (sign "-")."""
    return _upsert(f"SELECT {_key(c, row)}, {sign}1, {sign}{_bind(c['hundredths'], row)} "
                   f"WHERE {_bind(c['when'], row)}")


def _rows(c: dict, where: str, sign: str = "") -> str:
    """The contributions of the action items `r` that satisfy `where`, grouped by key."""
    total = f"{sign}coalesce(sum({c['hundredths']}), 0)"
    return _upsert(f"SELECT {_key(c)}, {sign}count(*), {total} "  # noqa: S608 (constants only)
                   f"FROM action_item r WHERE {c['when']} AND {where} GROUP BY 1, 2, 3, 4")


def _backfill(table: str, c: dict) -> str:
    return (f"INSERT INTO {TABLE} ({KEY}, n, hundredths) "  # noqa: S608 (constants only)
            f"SELECT {_key(c)}, count(*), coalesce(sum({c['hundredths']}), 0) "
            f"FROM {table} r WHERE {c['when']} GROUP BY 1, 2, 3, 4")


def _minutes_statements(dialect: str, event: str) -> str:
    """On meeting_minutes: when whether a meeting's minutes are unpublished changes, its action
    items move between "open"/"done" and "open_waiting"/"done_waiting"."""
    unpublished = {"old": "(old.status <> 'published')", "new": "(new.status <> 'published')"}
    if event == "INSERT":
        unpublished["old"] = "(1 = 0)"
    if event == "DELETE":
        unpublished["new"] = "(1 = 0)"
    changed = {"INSERT": "new.status <> 'published'", "DELETE": "old.status <> 'published'",
               "UPDATE": f"(old.meeting_id <> new.meeting_id OR "
                         f"{unpublished['old']} <> {unpublished['new']})"}[event]
    # an INSERT has no old row: before it, the meeting had no minutes (followed); a DELETE
    # has no new row: after it, none again
    rows = {"old": "new" if event == "INSERT" else "old",
            "new": "old" if event == "DELETE" else "new"}
    out = []
    for state, sign in (("old", "-"), ("new", "")):
        for c in contributions(dialect, waiting=unpublished[state])["action_item"]:
            out.append(_rows(c, f"r.meeting_id = {rows[state]}.meeting_id AND {changed}", sign))
    return " ".join(out)


def _create_sqlite_triggers(table: str) -> None:
    rules = contributions("sqlite")[table]
    add = " ".join(_row(c, "new", "") for c in rules)
    remove = " ".join(_row(c, "old", "-") for c in rules)
    cols = ", ".join(COUNTED[table])
    op.execute(f"CREATE TRIGGER {table}_tally_ai AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {table}_tally_ad AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {table}_tally_au AFTER UPDATE OF {cols} ON {table} "
               f"BEGIN {remove} {add} END")


def _create_sqlite_minutes_triggers() -> None:
    for event, suffix, of in (("INSERT", "ai", ""), ("DELETE", "ad", ""),
                              ("UPDATE", "au", " OF status, meeting_id")):
        op.execute(f"CREATE TRIGGER meeting_minutes_tally_{suffix} AFTER {event}{of} ON "
                   f"meeting_minutes BEGIN {_minutes_statements('sqlite', event)} END")


def _create_postgresql_trigger(table: str) -> None:
    rules = contributions("postgresql")[table]
    add = " ".join(_row(c, "NEW", "") for c in rules)
    remove = " ".join(_row(c, "OLD", "-") for c in rules)
    op.execute(f"""
CREATE FUNCTION {table}_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {remove} END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN {add} END IF;
  RETURN NULL;
END $$""")
    op.execute(f"CREATE TRIGGER {table}_tally AFTER INSERT OR DELETE OR UPDATE OF "
               f"{', '.join(COUNTED[table])} ON {table} "
               f"FOR EACH ROW EXECUTE FUNCTION {table}_tally()")


def _create_postgresql_minutes_trigger() -> None:
    op.execute(f"""
CREATE FUNCTION meeting_minutes_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN {_minutes_statements('postgresql', 'INSERT')}
  ELSIF TG_OP = 'DELETE' THEN {_minutes_statements('postgresql', 'DELETE')}
  ELSE {_minutes_statements('postgresql', 'UPDATE')}
  END IF;
  RETURN NULL;
END $$""")
    op.execute("CREATE TRIGGER meeting_minutes_tally AFTER INSERT OR DELETE OR UPDATE OF "
               "status, meeting_id ON meeting_minutes "
               "FOR EACH ROW EXECUTE FUNCTION meeting_minutes_tally()")


def upgrade():
    op.create_table(
        TABLE,
        sa.Column("topic", sa.String(length=16), nullable=False),
        sa.Column("park_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("hundredths", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("topic", "day", "park_id", "status",
                                name=op.f("pk_dashboard_tally")),
    )
    dialect = op.get_bind().dialect.name
    for table, rules in contributions(dialect).items():
        for c in rules:
            op.execute(_backfill(table, c))
        if dialect == "postgresql":
            _create_postgresql_trigger(table)
        else:
            _create_sqlite_triggers(table)
    if dialect == "postgresql":
        _create_postgresql_minutes_trigger()
    else:
        _create_sqlite_minutes_triggers()


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in (*COUNTED, "meeting_minutes"):
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER {table}_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_tally()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {table}_tally_{suffix}")
    op.drop_table(TABLE)
