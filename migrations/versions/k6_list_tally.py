"""talent topics of the tally table: per-park running counts for the talent list's count

Revision ID: k6_list_tally
Revises: k2_notice_read_tally

The case list prints the count and 亩 per status of the filtered cases, the talent list the
number of live listings (not deleted, not expired): both were aggregates over every matching
row, growing with the data (bench/results/2026-12-06-s6-grow.md). The case list reads topic
"case" of the tally table (dashboard_tally, migration k1_dashboard_tally: the same rule); this
migration adds the talent topics to the same table; hub/lists/tally.py reads them.

The same mechanism as k1_dashboard_tally: row triggers (AFTER INSERT, AFTER DELETE, AFTER
UPDATE OF the counted columns) take the old row's contribution away and add the new row's in
the writing statement's transaction; PostgreSQL: one PL/pgSQL function, SQLite: three triggers
with the same statements; the rules are written once (contributions) and give the triggers and
the backfill.

NOTE: a later batch migration that recreates talent_listing on SQLite (copy and rename) drops
these triggers; it must recreate them (`_create_sqlite_triggers`).

Not in `flask db check`'s view: triggers and functions are not compared by autogenerate.
"""
import re

from alembic import op

revision = 'k6_list_tally'
down_revision = 'k2_notice_read_tally'
branch_labels = None
depends_on = None

TABLE = "dashboard_tally"  # the one tally table (k1_dashboard_tally)
KEY = "topic, day, park_id, status"  # the primary key: a topic's days as one index range

# table -> counted columns (an UPDATE of another column fires nothing)
COUNTED = {
    "talent_listing": ("park_id", "status", "deleted_at", "expires_on"),
}


def contributions(dialect: str) -> dict[str, list[dict]]:
    """table -> what one row `r` adds: topic, park, day, status, hundredths, and the condition
    under which it counts (SQL over the row alias `r`). Expiry dates are counted twice, by
    month and by day: "expires today or later" reads this month's days and the later months.
    Talent listings are counted per park and under park 0 (all parks)."""
    pg = dialect == "postgresql"
    month = ("CAST(date_trunc('month', r.expires_on) AS DATE)" if pg
             else "date(r.expires_on, 'start of month')")
    live = "r.deleted_at IS NULL"
    return {
        # by park and again under park 0 (all parks): the list without a park filter reads
        # ~45 months' and days' rows per status, however many parks there are
        "talent_listing": [
            dict(topic=f"'{topic}'", park=park, day=day, status="r.status", hundredths="0",
                 when=live)
            for topic, day in (("talent_month", month), ("talent_day", "r.expires_on"))
            for park in ("r.park_id", "0")
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


def _backfill(table: str, c: dict) -> str:
    return (f"INSERT INTO {TABLE} ({KEY}, n, hundredths) "  # noqa: S608 (constants only)
            f"SELECT {_key(c)}, count(*), coalesce(sum({c['hundredths']}), 0) "
            f"FROM {table} r WHERE {c['when']} GROUP BY 1, 2, 3, 4")


def _create_sqlite_triggers(table: str) -> None:
    rules = contributions("sqlite")[table]
    add = " ".join(_row(c, "new", "") for c in rules)
    remove = " ".join(_row(c, "old", "-") for c in rules)
    cols = ", ".join(COUNTED[table])
    op.execute(f"CREATE TRIGGER {table}_list_tally_ai AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {table}_list_tally_ad AFTER DELETE ON {table} "
               f"BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {table}_list_tally_au AFTER UPDATE OF {cols} ON {table} "
               f"BEGIN {remove} {add} END")


def _create_postgresql_trigger(table: str) -> None:
    rules = contributions("postgresql")[table]
    add = " ".join(_row(c, "NEW", "") for c in rules)
    remove = " ".join(_row(c, "OLD", "-") for c in rules)
    op.execute(f"""
CREATE FUNCTION {table}_list_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {remove} END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN {add} END IF;
  RETURN NULL;
END $$""")
    op.execute(f"CREATE TRIGGER {table}_list_tally AFTER INSERT OR DELETE OR UPDATE OF "
               f"{', '.join(COUNTED[table])} ON {table} "
               f"FOR EACH ROW EXECUTE FUNCTION {table}_list_tally()")


TOPICS = ("talent_month", "talent_day")


def upgrade():
    dialect = op.get_bind().dialect.name
    for table, rules in contributions(dialect).items():
        for c in rules:
            op.execute(_backfill(table, c))
        if dialect == "postgresql":
            _create_postgresql_trigger(table)
        else:
            _create_sqlite_triggers(table)
    if dialect == "postgresql":
        op.execute(f"ANALYZE {TABLE}")  # the readers' plans need its statistics at once


def downgrade():
    dialect = op.get_bind().dialect.name
    for table in COUNTED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER {table}_list_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_list_tally()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {table}_list_tally_{suffix}")
    op.execute(f"DELETE FROM {TABLE} WHERE topic IN {TOPICS!r}")
