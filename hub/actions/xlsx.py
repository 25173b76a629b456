"""A small `.xlsx` writer (openpyxl) for the 督办台账 export: sheets of a header row and rows.
Text cells go through the CSV formula guard (hub.csvsafe): openpyxl stores a string that starts
with `=` as a formula."""

import io
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.styles import Font

from hub.csvsafe import guard

FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def _cell(value):
    if value is None or isinstance(value, int | float | date | datetime):
        return value
    return guard(value)


def workbook(sheets) -> bytes:
    """`sheets`: [(title, headers, rows)], in order."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(str(title).translate(FORBIDDEN)[:31])
        ws.append([str(h) for h in headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, date):
                    cell.number_format = ("yyyy-mm-dd hh:mm" if isinstance(cell.value, datetime)
                                          else "yyyy-mm-dd")
        for i, header in enumerate(headers, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, len(str(header))
                                                                          * 2 + 2)
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
