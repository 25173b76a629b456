"""CPU time the server spends per request under load, read from /proc: gunicorn's master and
workers, and the PostgreSQL backends connected to the bench's database (their process title
names it). Measured around each loaded wrk run by bench/run.py.

On a shared machine throughput and latency move with whatever else runs; the CPU the server's
own processes spend per request moves far less, and it is what the issue's budgets are about
(the page's own work, the database's). Not counted: wrk, PostgreSQL's background processes,
and a process that ended during the run (gunicorn does not recycle workers in the bench; the
app's pool keeps its connections)."""

import os
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: str) -> tuple[int, float] | None:
    """(parent pid, user + system CPU seconds) of a process, or None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after the command name, which may hold spaces
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def snapshot(server_pid: int, database: str | None) -> dict[str, dict[str, float]]:
    """CPU seconds so far of the app's processes and of the database's backends, by pid."""
    app: dict[str, float] = {}
    db: dict[str, float] = {}
    marker = f" {database} ".encode() if database else None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        found = _cpu(entry.name)
        if found is None:
            continue
        parent, seconds = found
        if server_pid in (int(entry.name), parent):
            app[entry.name] = seconds
        elif marker:
            try:
                title = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if title.startswith(b"postgres: ") and marker in title:
                db[entry.name] = seconds
    return {"app": app, "db": db}


def spent(before: dict, after: dict, requests: int) -> dict[str, float]:
    """Milliseconds of CPU per request between two snapshots, app and database."""
    return {side: 1000 * sum(seconds - before[side].get(pid, 0.0)
                             for pid, seconds in after[side].items()) / max(requests, 1)
            for side in ("app", "db")}
