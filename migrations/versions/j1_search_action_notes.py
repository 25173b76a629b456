"""search index for the progress notes of action items (FTS5 trigram / pg_trgm)

Revision ID: j1_search_action_notes
Revises: i3_search_more

The same indexes as b4_search and i3_search_more (read their notes), for the notes of the
action items' timelines (action_item_update.note): an action item (督办) is found by the text of
its progress notes too (hub.search.kinds: the `children` of the "action" kind).

SQLite: one external-content FTS5 table per searched table (`<table>_fts`, trigram tokenizer, so
Chinese substrings of 3+ characters match), kept in sync by AFTER INSERT / UPDATE / DELETE
triggers. NOTE: a later batch migration that recreates one of these tables on SQLite (copy and
rename) drops its triggers; such a migration must recreate them (copy `_create_triggers`).

PostgreSQL: the pg_trgm extension and one GIN trigram index per searched column
(`ix_trgm_<table>_<column>`), which serves `ILIKE '%term%'` for terms of 3+ characters.

Neither is in the SQLAlchemy models; migrations/env.py keeps autogenerate from reporting them.
"""
import sqlite3

from alembic import op


# revision identifiers, used by Alembic.
revision = 'j1_search_action_notes'
down_revision = 'i3_search_more'
branch_labels = None
depends_on = None

# table -> searched columns (hub/search/kinds.py searches the same ones)
SEARCHED = {
    "action_item_update": ("note",),
}


def _create_triggers(table: str, columns: tuple[str, ...]) -> None:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
    op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} "
               f"BEGIN {remove} {add} END")


def _upgrade_sqlite() -> None:
    if sqlite3.sqlite_version_info < (3, 34, 0):
        raise RuntimeError(
            f"Park Hub search needs SQLite 3.34 or newer (FTS5 trigram tokenizer); this Python "
            f"has SQLite {sqlite3.sqlite_version}. Use a newer Python/SQLite or PostgreSQL."
        )
    for table, columns in SEARCHED.items():
        fts = f"{table}_fts"
        op.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, "
            f"content='{table}', content_rowid='id', tokenize='trigram')"
        )
        _create_triggers(table, columns)
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _upgrade_postgresql() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in SEARCHED.items():
        for column in columns:
            op.create_index(
                op.f(f"ix_trgm_{table}_{column}"), table, [column],
                postgresql_using="gin", postgresql_ops={column: "gin_trgm_ops"},
            )


def upgrade():
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _upgrade_sqlite()
    elif dialect == "postgresql":
        _upgrade_postgresql()


def downgrade():
    dialect = op.get_bind().dialect.name
    for table, columns in SEARCHED.items():
        if dialect == "sqlite":
            fts = f"{table}_fts"
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
        elif dialect == "postgresql":
            for column in columns:
                op.execute(f"DROP INDEX IF EXISTS ix_trgm_{table}_{column}")
    # the pg_trgm extension stays: other objects may use it
