"""The read receipts of a notice as an `.xlsx` workbook (hub.lists.xlsx): per audience park
whether it read and signed (签收), who and when, how often it was reminded (催阅/催签), the parks
that have not read or signed tinted; then every reader; then the notice itself.
"""

from flask_babel import gettext as _

from hub.lists.xlsx import Sheet, workbook
from hub.notices import reading, signing
from hub.notices.models import Notice


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
        rows.append([pr.park.name, yes if pr.reads else no, len(pr.reads), first,
                     yes if sign else no, sign.user.display_name if sign else None,
                     sign.signed_at if sign else None, reminded.get(pr.park.id, 0)])
        if not pr.reads or not sign:
            lagging.add(i)
    readers = [[pr.park.name, r.user.display_name, r.read_at]
               for pr in receipts.parks for r in pr.reads]
    readers += [[r.park.name, r.user.display_name, r.read_at] for r in receipts.others]
    return workbook([
        Sheet(_("By park"), [_("Park"), _("Read"), _("Readers"), _("First read at"),
                             _("Signed off"), _("Signed by"), _("Signed at"),
                             _("Times reminded")], rows, lagging),
        Sheet(_("Readers"), [_("Park"), _("Reader"), _("Read at")], readers),
        Sheet(_("Notice"), [_("Title"), _("Document number"), _("Issuing park"),
                            _("Published at")],
              [[notice.title, notice.doc_number, notice.park.name, notice.published_at]])])
