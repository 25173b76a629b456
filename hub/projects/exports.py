"""Tables as CSV (UTF-8 with BOM, for Excel) and .xlsx (hub.lists.xlsx)."""

import csv
import io

from hub.lists.xlsx import XLSX, workbook

__all__ = ["XLSX", "percent", "to_csv", "to_xlsx"]


def to_csv(header: list, rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(sheets: list[tuple[str, list, list[list]]]) -> bytes:
    """sheets: (title, header, rows); hub.lists.xlsx writes them."""
    return workbook(sheets)


def percent(rate) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"
