"""action items per owner park and status in the tally table, kept by triggers

Revision ID: l1_action_status_tally
Revises: k9_audit_time_indexes

The 督办台账 (hub.actions.ledger) prints each park's count of items per status. For the zone
office that was a GROUP BY over every action item (200,000 at scale 10: ~200 ms of PostgreSQL
per page, growing with the data; bench/results/2026-12-07-s11-ledger.md). This migration adds
the topic "action_status" to the tally table (dashboard_tally, migration k1_dashboard_tally):
per owner park and status (the column's value: not_started, in_progress, pending_review,
done), day NO_DAY, every item whether its decision is followed or not. The reader subtracts
the items of minutes not yet published live (few: ix_meeting_minutes_status finds those
meetings, the index ix_action_item_meeting_park_status added here counts their items per park
and status without reading the table: PostgreSQL read all 200,000 items for them without it),
so that a change of the minutes' status needs no trigger here.

The same mechanism as k1_dashboard_tally and k6_list_tally: row triggers (AFTER INSERT, AFTER
DELETE, AFTER UPDATE OF owner_park_id, status) take the old row's contribution away and add the
new row's in the writing statement's transaction; PostgreSQL: one PL/pgSQL function, SQLite:
three triggers with the same statements; the rule is written once (contributions) and gives the
triggers and the backfill (hub.dashboard.recount loads it from here).

NOTE: a later batch migration that recreates action_item on SQLite (copy and rename) drops
these triggers; it must recreate them (`_create_sqlite_triggers`).

Not in `flask db check`'s view: triggers and functions are not compared by autogenerate.
"""
import re

from alembic import op

revision = 'l1_action_status_tally'
down_revision = 'k9_audit_time_indexes'
branch_labels = None
depends_on = None

TABLE = "dashboard_tally"  # the one tally table (k1_dashboard_tally)
KEY = "topic, day, park_id, status"  # the primary key: a topic's days as one index range

# table -> counted columns (an UPDATE of another column fires nothing)
COUNTED = {
    "action_item": ("owner_park_id", "status"),
}


def contributions(dialect: str) -> dict[str, list[dict]]:
    """table -> what one row `r` adds: topic, park, day, status, hundredths, and the condition
    under which it counts (SQL over the row alias `r`)."""
    no_day = "DATE '9999-12-31'" if dialect == "postgresql" else "'9999-12-31'"
    return {
        "action_item": [{"topic": "'action_status'", "park": "r.owner_park_id", "day": no_day,
                         "status": "r.status", "hundredths": "0", "when": "1 = 1"}],
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
    op.execute(f"CREATE TRIGGER {table}_status_tally_ai AFTER INSERT ON {table} "
               f"BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {table}_status_tally_ad AFTER DELETE ON {table} "
               f"BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {table}_status_tally_au AFTER UPDATE OF {cols} ON {table} "
               f"BEGIN {remove} {add} END")


def _create_postgresql_trigger(table: str) -> None:
    rules = contributions("postgresql")[table]
    add = " ".join(_row(c, "NEW", "") for c in rules)
    remove = " ".join(_row(c, "OLD", "-") for c in rules)
    op.execute(f"""
CREATE FUNCTION {table}_status_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {remove} END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN {add} END IF;
  RETURN NULL;
END $$""")
    op.execute(f"CREATE TRIGGER {table}_status_tally AFTER INSERT OR DELETE OR UPDATE OF "
               f"{', '.join(COUNTED[table])} ON {table} "
               f"FOR EACH ROW EXECUTE FUNCTION {table}_status_tally()")


TOPICS = ("action_status",)


INDEX = "ix_action_item_meeting_park_status"


def upgrade():
    op.create_index(INDEX, "action_item", ["meeting_id", "owner_park_id", "status"])
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
            op.execute(f"DROP TRIGGER {table}_status_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_status_tally()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {table}_status_tally_{suffix}")
    op.execute(f"DELETE FROM {TABLE} WHERE topic = 'action_status'")  # noqa: S608 (constants)
    op.drop_index(INDEX, table_name="action_item")
