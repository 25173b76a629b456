"""The read receipts of a notice as an `.xlsx` workbook (openpyxl): per audience park whether it
read and signed (签收), who and when, how often it was reminded (催阅/催签); then every reader.

A small writer of its own: hub.efficiency.xlsx keeps its helpers private to that feature (a
shared one may replace this when there is one).
"""

import io
from datetime import datetime

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from hub.notices import reading, signing
from hub.notices.models import Notice
from hub.timeutil import to_local

DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
LAGGING = PatternFill("solid", fgColor="FFF3CD")  # Bootstrap's warning tint: not read / not signed
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def _local(value: datetime | None) -> datetime | None:
    """Excel has no time zones: the local wall time, naive."""
    return to_local(value).replace(tzinfo=None) if value else None


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list], lagging=()):
    ws = wb.create_sheet(title.translate(SHEET_FORBIDDEN)[:31])
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        ws.append(row)
        for cell in ws[number]:
            if isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT
            if number - 2 in lagging:
                cell.fill = LAGGING
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(header) * 2 + 4)
    ws.freeze_panes = "A2"
    return ws


def receipts_xlsx(notice: Notice) -> bytes:
    receipts = reading.receipts(notice)
    signed = signing.signoffs(notice)
    reminded: dict[int, int] = {}
    for row in signing.reminders(notice):
        reminded[row.park_id] = reminded.get(row.park_id, 0) + 1
    yes, no = _("Yes"), _("No")
    rows, lagging = [], set()
    for i, pr in enumerate(receipts.parks):
        sign = signed.get(pr.park.id)
        first = pr.reads[0].read_at if pr.reads else None
        rows.append([pr.park.name, yes if pr.reads else no, len(pr.reads), _local(first),
                     yes if sign else no, sign.user.display_name if sign else None,
                     _local(sign.signed_at) if sign else None, reminded.get(pr.park.id, 0)])
        if not pr.reads or not sign:
            lagging.add(i)
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, _("By park"), [_("Park"), _("Read"), _("Readers"), _("First read at"),
                              _("Signed off"), _("Signed by"), _("Signed at"), _("Times reminded")],
           rows, lagging)
    readers = [[pr.park.name, r.user.display_name, _local(r.read_at)]
               for pr in receipts.parks for r in pr.reads]
    readers += [[r.park.name, r.user.display_name, _local(r.read_at)] for r in receipts.others]
    _sheet(wb, _("Readers"), [_("Park"), _("Reader"), _("Read at")], readers)
    info = wb.create_sheet(_("Notice"))
    for label, value in ((_("Title"), notice.title), (_("Document number"), notice.doc_number),
                         (_("Issuing park"), notice.park.name),
                         (_("Published at"), _local(notice.published_at))):
        info.append([label, value])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 16, 60
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
