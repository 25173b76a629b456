"""Chunked Core bulk inserts with ids worked out in advance (no ORM object per row)."""

import time
from collections.abc import Iterable

import click
from sqlalchemy import Table, func, insert, select, text

from hub.extensions import db

CHUNK = 5000


class Bulk:
    """Hands out ids after the current maximum and inserts rows in chunks of CHUNK.

    Rows are dicts keyed by column name, all with the same keys within one `insert` call; datetime
    values are aware UTC (the UTCDateTime columns store them as naive UTC, as everywhere else)."""

    def __init__(self, verbose: bool = True):
        self.next_ids: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        self.verbose = verbose
        self.started = time.monotonic()

    def ids(self, table: Table, n: int) -> range:
        if table.name not in self.next_ids:
            current = db.session.execute(select(func.max(table.c.id))).scalar() or 0
            self.next_ids[table.name] = current + 1
        first = self.next_ids[table.name]
        self.next_ids[table.name] = first + n
        return range(first, first + n)

    def insert(self, table: Table, rows: Iterable[dict]) -> int:
        chunk: list[dict] = []
        total = 0
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                db.session.execute(insert(table), chunk)
                total += len(chunk)
                chunk = []
        if chunk:
            db.session.execute(insert(table), chunk)
            total += len(chunk)
        self.counts[table.name] = self.counts.get(table.name, 0) + total
        if self.verbose:
            click.echo(f"  {table.name:<32} {total:>9,} rows  ({self.elapsed():6.1f} s)")
        return total

    def note(self, what: str) -> None:
        if self.verbose:
            click.echo(f"  {what:<44}({self.elapsed():6.1f} s)")

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def analyze(self) -> None:
        """Fresh statistics for the query planner. Without them PostgreSQL takes the bulk-loaded
        tables for empty and picks nested loops over seq scans (minutes per dashboard request
        until autovacuum gets round to it); SQLite likewise plans better with sqlite_stat1.

        PostgreSQL: VACUUM (ANALYZE), which also sets the visibility map. Without it every
        index-only scan fetches each heap row (the notice list's page 2,131 at scale 10: 64,000
        heap fetches, 377 ms; 125 ms after VACUUM, 2026-12-06-perflists.md) until autovacuum
        comes by, so a benchmark right after generating measured the heap, not the pages."""
        db.session.commit()
        if db.session.get_bind().dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM (ANALYZE)"))
            done = "VACUUM (ANALYZE)"
        else:
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            done = "ANALYZE"
        if self.verbose:
            click.echo(f"  {done:<44}({self.elapsed():6.1f} s)")

    def fix_sequences(self) -> None:
        """PostgreSQL: move each id sequence past the ids given explicitly."""
        if db.session.get_bind().dialect.name != "postgresql":
            return
        for name in self.next_ids:  # table names come from the metadata, not from input
            sql = (f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                   f"(SELECT COALESCE(MAX(id), 1) FROM \"{name}\"))")
            db.session.execute(text(sql))
