"""Recount the tally table (hub.dashboard.models.Tally) from its source tables.

The triggers keep the tally with every write. This recount is for writes they did not see:
data loaded with triggers switched off (`hub generate-data` on PostgreSQL loads that way, then
recounts: with the triggers on, scale 10 took 25 min instead of 4), or a repair after SQL run
with triggers disabled. `flask --app wsgi hub recount-tallies` runs it.

The rules are the migrations' own: the backfill statements of the migrations below, loaded
from the migration files, so each rule is written once. A migration that changes a rule must
be named here in place of the one it replaces; tests/dashboard/test_recount.py compares the
recount with what the triggers kept, topic by topic, and fails if a rule is missing.
"""

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from flask import current_app
from sqlalchemy import delete, select, text

from hub.dashboard.models import Tally
from hub.extensions import db

# the migrations whose backfill statements together fill every topic
MIGRATIONS = ("k1_dashboard_tally", "k2_notice_read_tally", "k6_list_tally",
              "k8_notice_list_tally", "l1_action_status_tally", "l4_resource_tally")


@dataclass(frozen=True)
class Recount:
    keys: int  # non-zero keys after the recount
    changed: int  # keys whose count or sum the recount changed (added, removed or corrected)


@cache
def _migration(folder: str, name: str) -> ModuleType:
    path = Path(folder) / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"hub_tally_rules_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _folder() -> str:
    folder = Path(current_app.extensions["migrate"].directory)
    if not folder.is_absolute():
        folder = Path(current_app.root_path).parent / folder
    return str(folder)


def backfill_statements(dialect: str) -> list[str]:
    """INSERT … SELECT statements that fill every topic of an empty tally table."""
    folder = _folder()
    out: list[str] = []
    for name in MIGRATIONS:
        m = _migration(folder, name)
        if hasattr(m, "contributions"):  # k1, k6, k9: one statement per (table, rule)
            out += [m._backfill(table, c) for table, rules in m.contributions(dialect).items()
                    for c in rules]
        else:  # k2, k8: their statements for the dialect
            out += m._backfill(dialect)
    return out


def _contents() -> dict[tuple, tuple[int, int]]:
    rows = db.session.execute(select(Tally.topic, Tally.day, Tally.park_id, Tally.status,
                                     Tally.n, Tally.hundredths))
    return {tuple(r[:4]): (r.n, r.hundredths) for r in rows if r.n or r.hundredths}


def recount() -> Recount:
    """Replace the tally table by a recount of the source tables, in the caller's transaction
    (the caller commits). On PostgreSQL the table is locked first (EXCLUSIVE: readers go on,
    writers' triggers wait), so a write concurrent with the recount is counted exactly once:
    either it committed before the lock and the recount sees it, or its trigger waits for the
    recount's commit and adds its change on top."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        db.session.execute(text("LOCK TABLE dashboard_tally IN EXCLUSIVE MODE"))
    before = _contents()
    db.session.execute(delete(Tally))
    for sql in backfill_statements(dialect):
        db.session.execute(text(sql))
    after = _contents()
    changed = sum(1 for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return Recount(keys=len(after), changed=changed)
