"""`flask db upgrade` on an empty database, then `flask db check`: the migrations match the models.

SQLite always; PostgreSQL when HUB_TEST_POSTGRES_URL is set (in a throwaway database).
"""

import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import inspect, text

from hub import create_app
from hub.extensions import db
from tests.conftest import POSTGRES_URL, base_config


def upgrade_and_check(uri: str, tmp_path) -> None:
    app = create_app(base_config(uri, tmp_path))
    runner = app.test_cli_runner()
    try:
        result = runner.invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            tables = set(inspect(db.engine).get_table_names())
        assert {"park", "user_account", "audit_entry", "alembic_version"} <= tables
        assert set(db.metadata.tables) <= tables

        result = runner.invoke(args=["db", "check"])
        assert result.exit_code == 0, result.output

        # the check is able to fail: a table the models do not know is drift
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE stray_table (id INTEGER PRIMARY KEY)"))
        result = runner.invoke(args=["db", "check"])
        assert result.exit_code != 0
    finally:
        with app.app_context():
            db.engine.dispose()


def test_migrations_match_models_on_empty_sqlite(tmp_path):
    path = tmp_path / "empty.sqlite3"
    assert not path.exists()
    upgrade_and_check(f"sqlite:///{path}", tmp_path)


def test_downgrade_to_base_and_up_again_on_sqlite(tmp_path):
    app = create_app(base_config(f"sqlite:///{tmp_path / 'roundtrip.sqlite3'}", tmp_path))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    result = runner.invoke(args=["db", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def throwaway_postgres():
    if not POSTGRES_URL:
        pytest.skip("HUB_TEST_POSTGRES_URL is not set")
    import psycopg

    name = f"parkhub_mig_{uuid.uuid4().hex[:12]}"
    parts = urlsplit(POSTGRES_URL)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield "postgresql+psycopg://" + urlunsplit(parts._replace(path=f"/{name}")).split(
            "://", 1)[1]
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_migrations_match_models_on_empty_postgresql(throwaway_postgres, tmp_path):
    upgrade_and_check(throwaway_postgres, tmp_path)


def test_holiday_facts_backfill_on_postgresql(throwaway_postgres, tmp_path):
    from tests.meetings.test_holiday_notes import backfill_round_trip
    backfill_round_trip(throwaway_postgres, tmp_path)
