"""action_item.series_id: the meeting's series on each item, kept by triggers, for one index

Revision ID: l3_action_item_series
Revises: l2_action_list_order

The 督办 item list's series menu (hub.actions.queries.series_with_items) offers the series in
whose meetings a park has items. Asked through the meetings, PostgreSQL read every item of the
park and every meeting (a hash join: 10 ms for a park's 26,000 items at scale 30, growing with
the data). With the series on the item and an index on (owner_park_id, series_id) it is one
index probe per series (bench/results/2026-12-07-s12-summary.md).

The column is derived: the database copies it from the meeting (`meeting.series_id`) whoever
writes the item, the app, a bulk insert or psql:
- PostgreSQL: BEFORE INSERT OR UPDATE OF meeting_id on action_item sets NEW.series_id;
- SQLite (no BEFORE trigger may change NEW): AFTER INSERT and AFTER UPDATE OF meeting_id update
  the row (only series_id: the tally triggers of l1, on owner_park_id and status, stay quiet);
- both: AFTER UPDATE OF series_id on meeting (a meeting's series is fixed when it is made; the
  foreign key's ON DELETE SET NULL is the one way it changes) copies it to the meeting's items.

A load with row triggers off (`hub generate-data` on PostgreSQL) must write the column itself
(bench/data/meetings.py does), or run `flask --app wsgi hub recount-tallies` after it
(hub.actions.services.repair_series_copies).

NOTE: a later batch migration that recreates action_item or meeting on SQLite (copy and
rename) drops these triggers; it must recreate them (`_create_sqlite_triggers`).

Not in `flask db check`'s view: triggers and functions are not compared by autogenerate.
"""

import sqlalchemy as sa
from alembic import op

revision = 'l3_action_item_series'
down_revision = 'l2_action_list_order'
branch_labels = None
depends_on = None

INDEX = "ix_action_item_park_series"
OF_MEETING = "(SELECT m.series_id FROM meeting m WHERE m.id = {row}.meeting_id)"
SQLITE_TRIGGERS = ("action_item_series_ai", "action_item_series_au", "meeting_series_au")


def _create_sqlite_triggers() -> None:
    copy = (f"UPDATE action_item SET series_id = {OF_MEETING.format(row='NEW')} "  # noqa: S608
            "WHERE id = NEW.id;")
    op.execute(f"CREATE TRIGGER action_item_series_ai AFTER INSERT ON action_item "
               f"BEGIN {copy} END")
    op.execute(f"CREATE TRIGGER action_item_series_au AFTER UPDATE OF meeting_id "
               f"ON action_item BEGIN {copy} END")
    op.execute("CREATE TRIGGER meeting_series_au AFTER UPDATE OF series_id ON meeting "
               "BEGIN UPDATE action_item SET series_id = NEW.series_id "
               "WHERE meeting_id = NEW.id; END")


def _create_postgresql_triggers() -> None:
    op.execute(f"""
CREATE FUNCTION action_item_series() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.series_id := {OF_MEETING.format(row='NEW')};
  RETURN NEW;
END $$""")
    op.execute("CREATE TRIGGER action_item_series BEFORE INSERT OR UPDATE OF meeting_id "
               "ON action_item FOR EACH ROW EXECUTE FUNCTION action_item_series()")
    op.execute("""
CREATE FUNCTION meeting_series_to_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE action_item SET series_id = NEW.series_id
   WHERE meeting_id = NEW.id AND series_id IS DISTINCT FROM NEW.series_id;
  RETURN NULL;
END $$""")
    op.execute("CREATE TRIGGER meeting_series_to_items AFTER UPDATE OF series_id ON meeting "
               "FOR EACH ROW EXECUTE FUNCTION meeting_series_to_items()")


def upgrade():
    op.add_column("action_item", sa.Column("series_id", sa.Integer(), nullable=True))
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("UPDATE action_item a SET series_id = m.series_id FROM meeting m "
                   "WHERE m.id = a.meeting_id AND m.series_id IS NOT NULL")
        _create_postgresql_triggers()
    else:
        op.execute(f"UPDATE action_item SET series_id = "  # noqa: S608 (constants only)
                   f"{OF_MEETING.format(row='action_item')}")
        _create_sqlite_triggers()
    op.create_index(INDEX, "action_item", ["owner_park_id", "series_id"])
    if dialect == "postgresql":
        # the backfill wrote a new version of every row: until (auto)vacuum the table holds as
        # many dead rows as live ones, and the planner's estimates of it changed so much that a
        # search of 新能源 walked 4,900 items instead of the newest (64 ms instead of 3 ms at
        # scale 10). VACUUM runs outside a transaction: what ran before is committed first
        with op.get_context().autocommit_block():
            op.execute("VACUUM ANALYZE action_item")


def downgrade():
    op.drop_index(INDEX, table_name="action_item")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER meeting_series_to_items ON meeting")
        op.execute("DROP FUNCTION meeting_series_to_items()")
        op.execute("DROP TRIGGER action_item_series ON action_item")
        op.execute("DROP FUNCTION action_item_series()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    # plain ALTER TABLE (SQLite 3.35+): a batch copy of the table would drop l1's triggers
    op.execute("ALTER TABLE action_item DROP COLUMN series_id")
