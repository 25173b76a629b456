"""Action items (督办) under /meetings/actions/: my park's list, detail with the timeline,
progress updates by the owner park. Also the meeting page's action-items panel and the
land case page's linked items."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup, escape

from hub import edge, uow
from hub import permissions as perm
from hub.actions import listing, queries, review_page, services
from hub.actions.forms import KIND_LABELS, STATUS_BADGES, STATUS_LABELS, ProgressForm
from hub.actions.models import ActionItem, ActionStatus
from hub.lists.labels import translated
from hub.lists.rows import paginate_deferred
from hub.meetings import panels
from hub.meetings.queries import minutes_head
from hub.notify import inapp
from hub.parks.queries import active_parks
from hub.timeutil import local_today, long_date
from hub.ui import url_around

bp = Blueprint("actions", __name__, url_prefix="/meetings")


NOT_DONE = "open"  # the status menu's "not done" choice: every status but done

def _filter() -> listing.ItemFilter:
    args = request.args
    flt = listing.ItemFilter()
    if perm.can_oversee_every_park(current_user):
        flt.park_id = edge.query_int("park")
    else:
        flt.park_id = current_user.park_id
    wanted = args.get("status", "")
    if wanted == NOT_DONE:
        flt.open_only = True
    elif wanted in {s.value for s in ActionStatus}:
        flt.status = ActionStatus(wanted)
    flt.overdue = args.get("overdue") == "1"
    flt.series_id = edge.query_int("series")
    if args.get("review") == "1" and perm.may_review_action_items(current_user):
        # 督办: what awaits my review, whichever park owns it (the host park's admins review
        # other parks' items)
        flt.review_by = current_user
        if not perm.can_oversee_every_park(current_user):
            flt.park_id = None
    return flt


@bp.get("/actions/")
@login_required
def index():
    flt, today = _filter(), local_today()
    sort = listing.SORT.parse(request.args)
    oversee = perm.can_oversee_every_park(current_user)
    # the "awaiting my review" list spans parks; its counts stay those of my park
    counts = queries.counts_by_status(
        current_user.park_id if flt.review_by and not oversee else flt.park_id, today)
    page = paginate_deferred(queries.list_ids(flt, today, sort), queries.items_by_ids,
                             page=edge.page_arg(), per_page=20,
                             total=queries.list_total(flt, counts))
    parks = active_parks() if oversee else []
    return render_template(
        "actions/index.html", page=page, flt=flt, today=today, parks=parks,
        series=queries.series_with_items(None if oversee else current_user.park_id),
        statuses=STATUS_LABELS, counts=counts, is_overdue=services.is_overdue, sort=sort,
    )


def _load(item_id: int) -> ActionItem:
    item = queries.item_for_page(item_id)
    if item is None:
        abort(404)
    perm.require(perm.can_view_action_item(current_user, item))
    if not services.is_published(item) and not perm.can_run_meeting(current_user, item.meeting):
        abort(404)  # a decision of unpublished minutes is not an action item yet
    return item


def _render_detail(item: ActionItem, form: ProgressForm | None = None, status: int = 200,
                   conflict: bool = False, error: str | None = None, review_forms=None):
    """The item's page; `form` the progress form as posted, `review_forms` {name: form} the
    督办 step forms as posted (hub.actions.review_page)."""
    published = services.is_published(item)
    can_update = published and perm.can_update_action_item(current_user, item)
    if can_update and form is None:
        form = ProgressForm(formdata=None)
        form.status.data = item.status.value
        form.version.data = str(item.version)
    review = review_page.step_forms(item, published, review_forms or {})
    return render_template(
        "actions/detail.html", item=item, form=form if can_update else None,
        published=published, can_update=can_update, conflict=conflict, error=error,
        overdue=services.is_overdue(item, local_today()),
        can_see_meeting=perm.can_view_meeting(current_user, item.meeting),
        owner_statuses=services.OWNER_STATUSES, kind_labels=KIND_LABELS,
        files=review_page.timeline_files(item),
        **review,
    ), status


@bp.get("/actions/<int:item_id>")
@login_required
def detail(item_id: int):
    item = _load(item_id)
    inapp.read_object(current_user, "action_item", item.id, request.path)
    return uow.committed(_render_detail(item))


@bp.post("/actions/<int:item_id>/progress")
@login_required
def progress(item_id: int):
    item = _load(item_id)
    perm.require(perm.can_update_action_item(current_user, item))
    form = ProgressForm()
    if not services.is_published(item):
        return _render_detail(item, form, 409,
                              error=services.ActionError("not_published").message)
    if not form.validate_on_submit():
        return _render_detail(item, form, 422)
    outcome = uow.attempt(lambda: services.update_progress(
        item, to=ActionStatus(form.status.data) if form.status.data else None,
        note=form.note.data,
        version=form.version.data, by=current_user), form=form, flash_errors=False)
    if outcome.stale:
        item = _load(item_id)
        form.version.data = str(item.version)
        return _render_detail(item, form, 409, conflict=True)
    if not outcome:
        if outcome.error.field:  # the message is on that field
            return _render_detail(item, form, outcome.error.status)
        return _render_detail(item, form, outcome.error.status, error=outcome.error.message)
    flash(_("Progress recorded."), "success")
    return redirect(url_for(".detail", item_id=item.id))


# --- the meeting page's action-items panel ----------------------------------------------------
def actions_panel(meeting, user):
    if not perm.can_view_meeting(user, meeting):
        return None
    minutes = panels.shared(meeting, "minutes", minutes_head)
    published = minutes is not None and minutes.locked
    if not published and not perm.can_run_meeting(user, meeting):
        return None
    rows = services.meeting_items(meeting.id)
    if not rows:
        return None
    return "actions/_panel.html", {"panel_rows": _PanelRows(rows, published)}


_LI = ('\n    <li class="list-group-item d-flex justify-content-between gap-2">\n'
       '      <span class="text-break">')
_END = "\n      </span>\n    </li>\n  "


class _PanelRows:
    """The panel's <li>s, written when the template prints them (in the request's language)."""

    def __init__(self, rows, published: bool):
        self.rows, self.published = rows, published

    def __html__(self) -> str:
        return _panel_rows(self.rows, self.published)


def _panel_rows(rows, published: bool) -> Markup:
    """The <li>s as the template's loop wrote them, in one pass (a meeting has ~40 decisions
    at any scale: a badge, a label, a date, an overdue test and ~15 Jinja expressions per
    item). Every text escaped here."""
    today = local_today()
    # translated once per language and process, not once per item (lazy strings)
    labels = translated(STATUS_LABELS)
    locale = str(get_locale())  # its code, once: str() of a babel Locale costs ~4 µs a call
    dates: dict = {}
    out = []
    if published:
        link = [escape(part) for part in url_around("actions.detail", "item_id")]
        overdue = _("Overdue")  # (Babel does not look inside f-strings)
        overdue = f'<span class="badge text-bg-danger">{escape(overdue)}</span>'
        status = {s: f'<span class="badge {escape(STATUS_BADGES.get(s, "text-bg-light"))}">'
                     f"{escape(label)}</span>\n        " for s, label in labels.items()}
    else:
        draft = _("Draft")
        draft = f'<span class="badge text-bg-light border">{escape(draft)}</span>'
    done = ActionStatus.DONE
    owners: dict = {}  # ~15 parks own a meeting's ~40 decisions: each name escaped once
    for item_id, text, due, status_of, owner in rows:  # as services.meeting_items' columns
        text = escape(text)
        if owner not in owners:
            owners[owner] = escape(owner)
        when = ""
        if due:
            if due not in dates:
                dates[due] = f" · {escape(long_date(due, locale))}"
            when = dates[due]
        if published:
            text = f'<a href="{link[0]}{item_id}{link[1]}">{text}</a>'
            tail = status[status_of]
            if due is not None and due < today and status_of is not done:  # services.is_overdue
                tail += overdue
            tail += "\n        "
        else:
            tail = draft
        # one string an item (it was seven appends; with the owners escaped once, 1102 -> 660
        # Python calls for meeting 60's 39 decisions at scale 10)
        out.append(f'{_LI}{text}\n        <span class="small text-muted">· {owners[owner]}{when}'
                   f'</span></span>\n      <span class="text-nowrap">\n        {tail}{_END}')
    return Markup("".join(out))  # noqa: S704 - every text escaped above


# --- the land case page: its linked action items ----------------------------------------------
def case_links(case) -> list[dict]:
    return [{"title": f"{item.meeting.title}: {item.text}",
             "url": url_for("actions.detail", item_id=item.id),
             "status": STATUS_LABELS[item.status]}
            for item in services.items_for_case(case.id, current_user)]  # as the item's page

