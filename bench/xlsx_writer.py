"""CPU time of the `.xlsx` writer (hub.lists.xlsx), the version of a git revision ("before")
against the working tree's ("after"), interleaved round by round.

    DATABASE_URL=postgresql://postgres@127.0.0.1/parkhub_gen10 HUB_SCHEDULER=off \\
        .venv/bin/python bench/xlsx_writer.py [--before REV] [-n 3] [--user gen-005-01999]

Three measurements, each `time.process_time()` around one call, before and after alternating:
1. the writer alone on a synthetic sheet shaped like the 督办台账's item sheet (11,000 rows of
   park, status, decision text, meeting, meeting date, assignee, due date, overdue, requested
   date, completion time; deterministic);
2. the writer alone on the real sheets of the user's ledger export (rows loaded once);
3. the export route itself, `/meetings/actions/ledger.xlsx`, through the Flask test client
   signed in as the user (`hub.actions.ledger.workbook` swapped between the two writers).
Then the two workbooks of (2) are read back with openpyxl and compared cell by cell (value,
number format, quote prefix, bold, fill) and column by column (width).
"""

import argparse
import io
import random
import statistics
import subprocess
import sys
import time
import types
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from latency import PASSWORD, sign_in  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from hub import create_app  # noqa: E402
from hub.actions import ledger  # noqa: E402
from hub.lists import xlsx as after  # noqa: E402

ROUTE = "/meetings/actions/ledger.xlsx"
WORDS = "园区督办事项会议土地招商项目企业安全环保审批落实完成推进收回闲置用地协调资金人才"


def before_module(rev: str) -> types.ModuleType:
    source = subprocess.check_output(["git", "show", f"{rev}:hub/lists/xlsx.py"], cwd=ROOT)
    module = types.ModuleType("xlsx_before")
    exec(compile(source, f"{rev}:hub/lists/xlsx.py", "exec"), module.__dict__)
    return module


def synthetic(rows: int = 11_000) -> list:
    rnd = random.Random(2026)
    parks = ["株洲高新区田心高科园", "醴陵经济开发区", "攸县工业集中区"]
    statuses = ["待办理", "办理中", "待审核", "已办结", "已退回"]
    people = ["张伟", "王芳", "李强", "刘洋", "陈静", ""]
    start, stamp = date(2021, 7, 1), datetime(2026, 6, 30, 4, 0, tzinfo=UTC)
    out = []
    for i in range(rows):
        day = start + timedelta(days=i % 1800)
        text = "".join(rnd.choices(WORDS, k=rnd.randint(12, 90)))
        out.append([parks[i % len(parks)], statuses[i % 5], text, f"第{i % 260 + 1}次园区调度会",
                    day, people[i % 6], day + timedelta(days=30), "是" if i % 4 == 0 else "否",
                    day + timedelta(days=60) if i % 9 == 0 else None,
                    stamp - timedelta(minutes=37 * i) if i % 5 == 3 else None])
    return out


def describe(body: bytes) -> list:
    book = load_workbook(io.BytesIO(body))
    out = []
    for ws in book.worksheets:
        widths = {}
        for dim in ws.column_dimensions.values():  # one entry may stand for a range
            for column in range(dim.min or 0, (dim.max or 0) + 1):
                widths[column] = dim.width
        cells = [(c.value, c.number_format, bool(c.quotePrefix), bool(c.font.b),
                  c.fill.fgColor.rgb if c.fill.fill_type else None)
                 for row in ws.iter_rows() for c in row]
        out.append((ws.title, ws.freeze_panes, sorted(widths.items()), cells))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main")
    parser.add_argument("--user", default="gen-005-01999")
    parser.add_argument("-n", type=int, default=3)
    args = parser.parse_args()
    before = before_module(args.before)
    writers = {"before": before.workbook, "after": after.workbook}
    app = create_app({"RATELIMIT_ENABLED": False})
    client = app.test_client()
    sign_in(client, args.user, PASSWORD)
    with app.test_request_context():
        rows = synthetic()
        headers = ledger._item_headers()
    # the real sheets as ledger.to_xlsx hands them to the writer
    real: list = []
    ledger.workbook = lambda sheets: real.extend(sheets) or b""
    client.get(ROUTE)
    cpu: dict[str, dict[str, list[float]]] = {k: {w: [] for w in writers}
                                              for k in ("synthetic", "real", "route")}
    sizes: dict[tuple[str, str], int] = {}
    bodies: dict[str, bytes] = {}
    for _ in range(args.n):
        for name, write in writers.items():
            with app.test_request_context():
                started = time.process_time()
                body = write([("Sheet1", headers, rows)])
                cpu["synthetic"][name].append(time.process_time() - started)
                sizes["synthetic", name] = len(body)
                started = time.process_time()
                bodies[name] = write(real)
                cpu["real"][name].append(time.process_time() - started)
                sizes["real", name] = len(bodies[name])
            ledger.workbook = write
            started = time.process_time()
            response = client.get(ROUTE)
            cpu["route"][name].append(time.process_time() - started)
            sizes["route", name] = len(response.data)
            assert response.status_code == 200, response.status_code
    items = sum(1 for _ in real[1][2])
    print(f"user {args.user}: {items} item rows; {args.n} rounds, before = {args.before}\n")
    print("| what | writer | CPU ms per round | median | bytes |")
    print("|---|---|---|---:|---:|")
    for what, runs in cpu.items():
        for name, seconds in runs.items():
            print(f"| {what} | {name} | {' / '.join(f'{s * 1000:.0f}' for s in seconds)} "
                  f"| {statistics.median(seconds) * 1000:.0f} | {sizes[what, name]:,} |")
    same = describe(bodies["before"]) == describe(bodies["after"])
    print(f"\nthe real export read back with openpyxl, before == after: {same}")


if __name__ == "__main__":
    main()
