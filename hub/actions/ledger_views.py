"""督办台账 under /meetings/actions/ledger: the page and its `.xlsx` and CSV exports, with the
item list's filter and visibility (hub.actions.views._filter)."""

from functools import partial

from flask import Blueprint, Response, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from hub import permissions as perm
from hub.actions import ledger, views
from hub.actions.forms import STATUS_LABELS
from hub.actions.services import is_overdue
from hub.lists.xlsx import XLSX, attachment
from hub.parks.queries import active_parks
from hub.timeutil import local_today, long_date

bp = Blueprint("action_ledger", __name__, url_prefix="/meetings/actions")

@bp.get("/ledger")
@login_required
def page():
    flt, today = views._filter(), local_today()
    oversee = perm.can_oversee_every_park(current_user)
    return render_template("actions/ledger.html", ledger=ledger.overview(flt, today), flt=flt,
                           today=today, statuses=ledger.STATUS_ORDER, labels=STATUS_LABELS,
                           parks=active_parks() if oversee else [], oversee=oversee,
                           is_overdue=is_overdue, shown=ledger.LEDGER_ROWS,
                           item_rows=partial(item_rows, days={}))


def item_rows(items, today, labels, item_url, locale, days: dict | None = None) -> Markup:
    """A group's rows of items as the template wrote them with a Jinja loop, byte for byte, in
    plain string formatting: the text escaped as Jinja escapes it, `labels` (decision, meeting,
    assignee, due date, overdue: the template's translations, already markup) as they are.
    `days`: the dates written so far ({date or datetime: its text}), shared by a page's groups
    (its 2,100 rows have a few hundred meetings and due dates). tests/actions/test_ledger_groups.py
    compares it with the loop."""
    decision, meeting, assignee, due, overdue = labels
    head, tail = escape(item_url[0]), escape(item_url[1])
    days = {} if days is None else days

    def day(value):
        text = days.get(value)
        if text is None:
            text = days[value] = escape(long_date(value, locale))
        return text

    out = []
    for item in items:
        late = is_overdue(item, today)
        asked = item.extension_due
        out.append(
            f'\n      <tr data-testid="ledger-item-{item.id}"'
            f'{LATE_ROW if late else ""}>\n'
            f'        <td class="text-break" data-label="{decision}"><a href="{head}{item.id}'
            f'{tail}">{escape(item.text)}</a></td>\n'
            f'        <td class="small" data-label="{meeting}">{escape(item.meeting_title)} · '
            f'{day(item.meeting_starts_at)}</td>\n'
            f'        <td data-label="{assignee}">{escape(item.assignee_name or "—")}</td>\n'
            f'        <td data-label="{due}"{LATE_DUE if late else ""}>'
            f'{day(item.due_date) or "—"}'
            f'{LATE_BADGE.format(overdue) if late else ""}'
            f'{ASKED.format(day(asked)) if asked else ""}</td>\n'
            f'      </tr>\n    ')
    return Markup("".join(out))  # noqa: S704 - every value above escaped


LATE_ROW = ' class="table-danger" data-overdue="1"'
LATE_DUE = ' class="text-danger fw-bold"'
LATE_BADGE = ' <span class="badge text-bg-danger">{}</span>'
ASKED = ' <span class="small text-muted">→ {}?</span>'


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
