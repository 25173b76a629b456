"""督办台账 under /meetings/actions/ledger: the page and its `.xlsx` and CSV exports, with the
item list's filter and visibility (hub.actions.views._filter)."""

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub.actions import ledger, views
from hub.actions.forms import STATUS_LABELS
from hub.actions.services import is_overdue
from hub.lists.xlsx import XLSX, attachment
from hub.parks.queries import active_parks
from hub.timeutil import local_today

bp = Blueprint("action_ledger", __name__, url_prefix="/meetings/actions")

@bp.get("/ledger")
@login_required
def page():
    flt, today = views._filter(), local_today()
    oversee = perm.can_oversee_every_park(current_user)
    return render_template("actions/ledger.html", ledger=ledger.overview(flt, today), flt=flt,
                           today=today, statuses=ledger.STATUS_ORDER, labels=STATUS_LABELS,
                           parks=active_parks() if oversee else [], oversee=oversee,
                           is_overdue=is_overdue, shown=ledger.LEDGER_ROWS)


def _download(body, mimetype: str, ext: str) -> Response:
    today = local_today()
    ascii_name = f"action-ledger-{today:%Y%m%d}.{ext}"
    title = _("Action item ledger")  # outside the f-string, where Babel's extraction sees it
    local_name = f"{title}-{today:%Y%m%d}.{ext}"
    return attachment(body, mimetype, ascii_name, local_name)


@bp.get("/ledger.xlsx")
@login_required
def export_xlsx():
    return _download(ledger.to_xlsx(ledger.build(views._filter(), local_today())), XLSX, "xlsx")


@bp.get("/ledger.csv")
@login_required
def export_csv():
    body = ledger.to_csv(ledger.build(views._filter(), local_today()))
    return _download(body, "text/csv; charset=utf-8", "csv")
