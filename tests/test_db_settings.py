"""The app's PostgreSQL sessions: no JIT, and every statement planned for its own values."""

import pytest
from sqlalchemy import text

from hub.extensions import db


def test_postgresql_sessions_plan_each_execution_without_jit(app, backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
    with app.app_context():
        assert db.session.execute(text("SHOW jit")).scalar_one() == "off"
        # a prepared statement (psycopg prepares after 5 runs) keeps custom plans: a search
        # planned for a rare term must not be reused for a common one
        assert db.session.execute(text("SHOW plan_cache_mode")).scalar_one() == \
            "force_custom_plan"
