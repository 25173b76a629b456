"""Migrations b4_search, i3_search_more and j1_search_action_notes: the search indexes exist on
this database and are no schema drift."""

from sqlalchemy import inspect

from hub.extensions import db

SEARCHED = {"notice": 3, "land_case": 4, "talent_listing": 4,  # b4_search
            "meeting": 3, "meeting_minutes": 1, "action_item": 1,  # i3_search_more
            "action_item_update": 1}  # j1_search_action_notes: the progress notes
# notice: title, body (b4_search) and doc_number, the 文号 (i1_notice_oa)


def test_search_indexes_exist(app):
    names = inspect(db.engine).get_table_names()
    if db.engine.dialect.name == "sqlite":
        for table in SEARCHED:
            assert f"{table}_fts" in names
        triggers = db.session.execute(
            db.text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
        for table in SEARCHED:
            assert {f"{table}_fts_ai", f"{table}_fts_ad", f"{table}_fts_au"} <= set(triggers)
    else:
        for table, count in SEARCHED.items():
            indexes = [i["name"] for i in inspect(db.engine).get_indexes(table)
                       if i["name"].startswith("ix_trgm_")]
            assert len(indexes) == count, (table, indexes)


def test_db_check_ignores_the_search_indexes(runner):
    """`flask db check` must not report the FTS5 tables or trigram indexes as drift."""
    result = runner.invoke(args=["db", "check"])
    assert "Context impl" in result.output  # the check ran (it fails on any other drift)
    assert "_fts" not in result.output
    assert "ix_trgm_" not in result.output
