"""The same pages at several data scales: does a page's time grow with the data?

    .venv/bin/python bench/growth.py bench/results/D-postgres-scale1.json \\
        bench/results/D-postgres-scale10.json bench/results/D-postgres-scale30.json [--out F]

Reads the JSON files bench/run.py writes beside its reports and prints one table: per route the
alone p50 (one connection) and the requests/s at 32 connections for each scale, and the ratio
of the largest scale's alone p50 to the smallest's. Paths differ between scales (ids, pages
picked from the data), so routes are matched by name, not path ("notice list, page N" by its
place in the list).
"""

import argparse
import json
from pathlib import Path


def load(path: str) -> dict:
    data = json.loads(Path(path).read_text())
    data["file"] = Path(path).name
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--out")
    args = parser.parse_args()
    runs = sorted((load(f) for f in args.files), key=lambda d: d["scale"])
    first = runs[0]
    head = " | ".join(f"scale {r['scale']} alone p50 ms" for r in runs)
    rps = " | ".join(f"scale {r['scale']} req/s" for r in runs)
    lines = [
        f"# Growth with the data — {first['db']}, scales "
        + ", ".join(str(r["scale"]) for r in runs), "",
        "Files: " + ", ".join(f"`{r['file']}` (commit {r['commit']}, load {r['load'][0]})"
                              for r in runs), "",
        "Alone p50: one connection, an otherwise idle server. Growth: largest scale's alone p50 "
        "÷ smallest's (1.0: the page costs the same however much data there is).", "",
        f"| route | {head} | growth | {rps} |",
        "|---|" + "---:|" * (2 * len(runs) + 1),
    ]
    for index, row in enumerate(first["rows"]):
        cells = [run["rows"][index] if index < len(run["rows"]) else None for run in runs]
        alone = [f"{c['single_p50']:.1f}" if c else "–" for c in cells]
        reqs = [f"{c['rps']:.0f}" if c else "–" for c in cells]
        growth = (f"{cells[-1]['single_p50'] / cells[0]['single_p50']:.2f}"
                  if cells[0] and cells[-1] and cells[0]["single_p50"] else "–")
        name = row["name"].split(",")[0] if row["name"].startswith("notice list") else row["name"]
        if row["name"].startswith("notice list") and "page 1" not in row["name"]:
            name = "notice list, a middle page"
        lines.append(f"| {name} | {' | '.join(alone)} | {growth} | {' | '.join(reqs)} |")
    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
