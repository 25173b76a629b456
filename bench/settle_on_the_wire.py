"""Is an UPDATE "on the wire" committed when the sending process is killed before reading the
answer? (The question behind hub.notify.settle_pg.) Results: bench/results/2026-12-06-s6-fan.md.

    .venv/bin/python bench/settle_on_the_wire.py --url postgresql://postgres@127.0.0.1/DB

Makes a table pipe_claim (dropped at the end) of six rows in DB (one of yours). A child process
on an autocommit psycopg connection then sends UPDATEs and kills itself with SIGKILL:
- "pipeline": psycopg pipeline mode, rows 1–3 updated, every byte flushed, no Sync (psycopg sends
  one at pipeline.sync(), at the end of the block or when a result is fetched);
- "plain": libpq's PQsendQueryParams outside pipeline mode (Parse/Bind/Describe/Execute/Sync),
  rows 4–6, the answers of 4 and 5 read, the answer of 6 not.
Prints which rows were updated.
"""

import argparse
import subprocess
import sys
import time

import psycopg

CHILD = r'''
import os, signal, sys, time
import psycopg

conn = psycopg.connect(sys.argv[1], autocommit=True)
pgconn = conn.pgconn
if sys.argv[2] == "pipeline":
    pipeline = conn.pipeline()  # kept: a dropped context manager would close (sync) at once
    pipeline.__enter__()
    for i in (1, 2, 3):
        conn.execute("UPDATE pipe_claim SET sent = true WHERE id = %s", (i,))
    while pgconn.flush():
        pass
else:
    for i in (4, 5, 6):
        pgconn.send_query_params(b"UPDATE pipe_claim SET sent = true WHERE id = $1",
                                 [str(i).encode()])
        while pgconn.flush():
            pass
        if i < 6:  # read the answer
            while True:
                pgconn.consume_input()
                if not pgconn.is_busy():
                    break
                time.sleep(0.001)
            while pgconn.get_result() is not None:
                pass
time.sleep(0.2)  # the server has long read what was sent
os.kill(os.getpid(), signal.SIGKILL)
'''


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    url = parser.parse_args().url
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS pipe_claim")
        conn.execute("CREATE TABLE pipe_claim (id int PRIMARY KEY, sent bool NOT NULL)")
        conn.execute("INSERT INTO pipe_claim SELECT g, false FROM generate_series(1, 6) g")
    for mode in ("pipeline", "plain"):
        code = subprocess.run([sys.executable, "-c", CHILD, url, mode], check=False).returncode
        print(f"{mode}: child exited {code}")
    time.sleep(0.5)
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute("SELECT id, sent FROM pipe_claim ORDER BY id").fetchall()
        conn.execute("DROP TABLE pipe_claim")
    print("updated:", [i for i, sent in rows if sent], "not updated:",
          [i for i, sent in rows if not sent])


if __name__ == "__main__":
    main()
