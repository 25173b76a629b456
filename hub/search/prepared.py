"""How many searches each PostgreSQL connection keeps prepared: at most PREPARED_TEXTS.

A search of 3+ character terms writes its terms into the SQL text (hub.search.matching._text),
so each term is a statement of its own. psycopg prepares a statement on its sixth run on a
connection and keeps up to 100 prepared (its `prepared_max`); a prepared search holds its generic
plan and parse tree on the server, about 1.3 MB each at scale 10 (pg_backend_memory_contexts,
bench/results/2026-12-06-s9-floor.md). Left to psycopg, a connection that saw many popular
terms would keep ~130 MB of them, on every connection of every worker.

So the search's statements of that kind are marked (`OPTION`) and executed here: a text is
prepared once it has run PREPARE_AFTER times on the connection and fewer than PREPARED_TEXTS
texts are prepared there; every other run is sent unprepared (planned for its terms, as any
first run). The texts a connection prepared stay its own until the connection closes (the web
workers are recycled: deploy/gunicorn.conf.py). Searches with 1–2 character terms bind their
terms (one text per shape) and are left to psycopg.
"""

from sqlalchemy import event
from sqlalchemy.engine import Engine

OPTION = "hub_search_text"  # execution option: the statement's text carries the terms
PREPARED_TEXTS = 8  # per connection: ~10 MB of server memory at most
PREPARE_AFTER = 5  # as psycopg's prepare_threshold: the sixth run prepares
_COUNTED = 256  # texts counted per connection before the counts start over


def init_engine(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        event.listen(engine, "do_execute", _execute)


def _execute(cursor, statement, parameters, context):
    if not context.execution_options.get(OPTION):
        return None  # SQLAlchemy executes it as usual
    cursor.execute(statement, parameters, prepare=should_prepare(
        context.root_connection.connection.info, statement))
    return True


def should_prepare(info: dict, text: str) -> bool:
    """Whether this run of `text` on the connection whose `info` this is runs prepared
    (preparing it if it is not yet). `info` keeps the connection's state."""
    prepared: set = info.setdefault("search_prepared", set())
    if text in prepared:
        return True
    if len(prepared) >= PREPARED_TEXTS:
        return False
    counts: dict = info.setdefault("search_runs", {})
    runs = counts.get(text, 0) + 1
    if runs > PREPARE_AFTER:
        prepared.add(text)
        counts.pop(text, None)
        return True
    if text not in counts and len(counts) >= _COUNTED:
        counts.clear()
    counts[text] = runs
    return False
