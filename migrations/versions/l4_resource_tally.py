"""notices per park and status, deleted cases and listings per park, in the tally table

Revision ID: l4_resource_tally
Revises: l3_action_item_series

The admin's 资源总览 (/admin/resources/, hub.resources.services) prints each park's notices
(draft, published, withdrawn, deleted), land cases (open, overdue, disposed, deleted) and talent
listings (open, expired, deleted). It counted them with three GROUP BY statements over the
whole notice, land_case and talent_listing tables (~81 ms of SQL at scale 10, growing with the
data; bench/results/2026-12-07-s12-restally.md). The topics "case", "case_due_month/day" and
"talent_month/day" already give the live cases and listings; this migration adds the topic
"resource" to the tally table (dashboard_tally, migration k1_dashboard_tally) for the rest,
day NO_DAY, by park, with status:

- "notice_draft" / "notice_published" / "notice_withdrawn" (notice_ and the column's value):
  notices not deleted; "notice_deleted": deleted notices, whatever their status;
- "case_deleted": deleted land cases; "talent_deleted": deleted talent listings.

The same mechanism as l1_action_status_tally: row triggers (AFTER INSERT, AFTER DELETE, AFTER
UPDATE OF the counted columns) take the old row's contribution away and add the new row's in the
writing statement's transaction; PostgreSQL: one PL/pgSQL function per table, SQLite: three
triggers per table with the same statements; the rule is written once (contributions) and gives
the triggers and the backfill (hub.dashboard.recount loads it from here).

NOTE: a later batch migration that recreates one of these tables on SQLite (copy and rename)
drops these triggers; it must recreate them (`_create_sqlite_triggers`).

Not in `flask db check`'s view: triggers and functions are not compared by autogenerate.
"""
import re

from alembic import op

revision = 'l4_resource_tally'
down_revision = 'l3_action_item_series'
branch_labels = None
depends_on = None

TABLE = "dashboard_tally"  # the one tally table (k1_dashboard_tally)
KEY = "topic, day, park_id, status"  # the primary key: a topic's days as one index range

# table -> counted columns (an UPDATE of another column fires nothing)
COUNTED = {
    "notice": ("park_id", "status", "deleted_at"),
    "land_case": ("park_id", "deleted_at"),
    "talent_listing": ("park_id", "deleted_at"),
}


def contributions(dialect: str) -> dict[str, list[dict]]:
    """table -> what one row `r` adds: topic, park, day, status, hundredths, and the condition
    under which it counts (SQL over the row alias `r`)."""
    no_day = "DATE '9999-12-31'" if dialect == "postgresql" else "'9999-12-31'"

    def rule(status: str, when: str) -> dict:
        return {"topic": "'resource'", "park": "r.park_id", "day": no_day, "status": status,
                "hundredths": "0", "when": when}

    deleted = "r.deleted_at IS NOT NULL"
    return {
        "notice": [rule("CASE WHEN r.deleted_at IS NULL THEN 'notice_' || r.status "
                        "ELSE 'notice_deleted' END", "1 = 1")],
        "land_case": [rule("'case_deleted'", deleted)],
        "talent_listing": [rule("'talent_deleted'", deleted)],
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
    op.execute(f"CREATE TRIGGER {table}_resource_tally_ai AFTER INSERT ON {table} "
               f"BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {table}_resource_tally_ad AFTER DELETE ON {table} "
               f"BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {table}_resource_tally_au AFTER UPDATE OF {cols} ON {table} "
               f"BEGIN {remove} {add} END")


def _create_postgresql_trigger(table: str) -> None:
    rules = contributions("postgresql")[table]
    add = " ".join(_row(c, "NEW", "") for c in rules)
    remove = " ".join(_row(c, "OLD", "-") for c in rules)
    op.execute(f"""
CREATE FUNCTION {table}_resource_tally() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN {remove} END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN {add} END IF;
  RETURN NULL;
END $$""")
    op.execute(f"CREATE TRIGGER {table}_resource_tally AFTER INSERT OR DELETE OR UPDATE OF "
               f"{', '.join(COUNTED[table])} ON {table} "
               f"FOR EACH ROW EXECUTE FUNCTION {table}_resource_tally()")


TOPICS = ("resource",)


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
            op.execute(f"DROP TRIGGER {table}_resource_tally ON {table}")
            op.execute(f"DROP FUNCTION {table}_resource_tally()")
        else:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER {table}_resource_tally_{suffix}")
    op.execute(f"DELETE FROM {TABLE} WHERE topic = 'resource'")  # noqa: S608 (constants)
