"""Every table keyed by one integer id has SQLite AUTOINCREMENT after the migrations (issue 10,
item 8): ids in outbox keys, mail and notification links and calendar feeds are never reused.
A new table whose migration forgets `sqlite_autoincrement=True` fails here."""

import sqlite3

from sqlalchemy import Integer

from hub.extensions import db


def keyed_by_integer_id(table) -> bool:
    columns = list(table.primary_key.columns)
    return len(columns) == 1 and columns[0].name == "id" and isinstance(columns[0].type, Integer)


def test_the_models_declare_autoincrement_for_every_integer_id(app):
    tables = [t for t in db.metadata.sorted_tables if keyed_by_integer_id(t)]
    assert {"meeting", "meeting_series", "notice", "land_case", "action_item", "meeting_minutes",
            "user_account", "outbox", "notification", "login_session"} <= {t.name for t in tables}
    assert [t.name for t in tables if not t.dialect_options["sqlite"]["autoincrement"]] == []


def test_the_migrated_sqlite_schema_has_autoincrement_for_them(app, sqlite_template):
    expected = {t.name for t in db.metadata.sorted_tables if keyed_by_integer_id(t)}
    with sqlite3.connect(sqlite_template) as conn:
        schema = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    missing = sorted(name for name in expected if "AUTOINCREMENT" not in schema[name])
    assert missing == [], "add sqlite_autoincrement=True to these tables' migrations"


def test_sqlite_does_not_reuse_the_id_of_the_newest_deleted_row(app, make_park):
    first = make_park("甲园区")
    second = make_park("乙园区")
    gone = second.id
    db.session.delete(second)
    db.session.commit()
    assert make_park("丙园区").id > gone > first.id
