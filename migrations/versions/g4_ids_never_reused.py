"""SQLite: AUTOINCREMENT on every table keyed by an integer id, so that ids are never reused
(issue 10)

Revision ID: g4_ids_never_reused
Revises: g1_delivery_failed_at
Create Date: 2026-12-06

Without AUTOINCREMENT SQLite gives the id of the newest deleted row to the next insert. Ids go
into outbox keys, links in mails and notifications and calendar feeds, so a new meeting took
over a deleted meeting's reminder keys (its reminders were never made) and old notifications
linked to it. The models declare AUTOINCREMENT (hub.extensions.never_reuse_ids); this revision
rebuilds the tables made before, on SQLite only (PostgreSQL's sequences never hand out a value
twice).

Each table is rebuilt the way SQLite documents for schema changes: a new table from the stored
CREATE statement with the id column declared `INTEGER PRIMARY KEY AUTOINCREMENT`, rows copied
with their ids, the old table dropped, the new one renamed, then its indexes and triggers (the
full-text search triggers) created again from their stored SQL. Foreign keys are not enforced
on this app's SQLite connections, so references from other tables stay as they are.
Afterwards SQLite counts on from the highest id still present; an id above that, used by a row
deleted before this upgrade, can be given out once more.

Downgrade leaves the tables as they are: AUTOINCREMENT changes nothing an older version relies
on.
"""

import re

from alembic import op

# revision identifiers, used by Alembic.
revision = 'g4_ids_never_reused'
down_revision = 'g1_delivery_failed_at'
branch_labels = None
depends_on = None

ID_COLUMN = re.compile(r"(\n\s*)id INTEGER NOT NULL,")
PK_CLAUSE = re.compile(r",\s*CONSTRAINT \w+ PRIMARY KEY \(id\)")
NEW = "_g4_rebuild"


def _tables_to_rebuild(conn) -> list[tuple[str, str]]:
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%AUTOINCREMENT%'"
        " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'alembic_%' ORDER BY name").all()
    out = []
    for name, sql in rows:
        pk = [r for r in conn.exec_driver_sql(f'PRAGMA table_info("{name}")') if r[5]]
        if len(pk) == 1 and pk[0][1] == "id" and pk[0][2].upper() == "INTEGER" \
                and sql.startswith(f"CREATE TABLE {name} ("):
            out.append((name, sql))
    return out


def _autoincrement_sql(name: str, sql: str) -> str:
    new, columns = ID_COLUMN.subn(r"\1id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,", sql, 1)
    new, clauses = PK_CLAUSE.subn("", new)
    if columns != 1 or clauses != 1:
        raise RuntimeError(f"unexpected CREATE TABLE for {name}; not rebuilt:\n{sql}")
    return f'CREATE TABLE "{NEW}"' + new[len(f"CREATE TABLE {name}"):]


def upgrade():
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    for name, sql in _tables_to_rebuild(conn):
        create = _autoincrement_sql(name, sql)
        dependants = [s for (s,) in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ?"
            " AND sql IS NOT NULL ORDER BY type, name", (name,))]
        columns = ", ".join(f'"{r[1]}"' for r in conn.exec_driver_sql(
            f'PRAGMA table_info("{name}")'))
        conn.exec_driver_sql(create)
        conn.exec_driver_sql(
            f'INSERT INTO "{NEW}" ({columns}) SELECT {columns} FROM "{name}" ORDER BY id')
        conn.exec_driver_sql(f'DROP TABLE "{name}"')
        conn.exec_driver_sql(f'ALTER TABLE "{NEW}" RENAME TO "{name}"')
        for statement in dependants:
            conn.exec_driver_sql(statement)


def downgrade():
    pass
