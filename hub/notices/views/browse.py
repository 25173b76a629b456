"""GET /notices/: the filtered list, numbered pages or keyset (before/after) paging."""

from flask import render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import edge
from hub import permissions as perm
from hub.lists.labels import translated, translated_choices
from hub.lists.widgets import filter_field
from hub.notices import listing, rowhtml, services
from hub.notices.forms import STATUS_FILTER, STATUS_LABELS, URGENCY_LABELS, NoticeFilterForm
from hub.notices.models import NoticeStatus
from hub.notices.views.common import bp
from hub.validators import choices


@bp.get("/")
@login_required
def index():
    form = NoticeFilterForm(request.args)
    parks, cats = listing.menus()
    form.category.choices = choices([(0, _("All categories"))] + [(c.id, c.name) for c in cats])
    form.park.choices = choices([(0, _("All parks"))] + [(p.id, p.name) for p in parks])
    form.status.choices = translated_choices(STATUS_FILTER)
    flt = services.ListFilter(
        category_id=form.category.data or None,
        park_id=form.park.data or None,
        status=NoticeStatus(form.status.data) if form.status.data in
        {s.value for s in NoticeStatus} else None,
        date_from=form.date_from.data if not form.date_from.process_errors else None,
        date_to=form.date_to.data if not form.date_to.process_errors else None,
        deleted=bool(form.deleted.data) and perm.can_list_deleted(current_user),
    )
    sort = listing.SORT.parse(request.args)
    before = edge.query_int("before")
    after = edge.query_int("after")
    if not sort.is_default:
        page = listing.sorted_page(current_user, flt, sort, edge.page_arg())
    elif request.args.get("oldest") == "1":
        page = listing.oldest(current_user, flt)
    elif before is not None or after is not None:
        page = listing.keyset(current_user, flt, before=before, after=after)
    else:
        page = listing.numbered(current_user, flt, edge.page_arg())
    listing.fill(page.items, parks, cats)
    read = {n.id for n in page.items if n.read}
    return render_template("notices/index.html", form=form, page=page, read=read, flt=flt,
                           sort=sort, filter_field=filter_field, notice_row=rowhtml.row_writer,
                           status_labels=translated(STATUS_LABELS),
                           urgency_labels=translated(URGENCY_LABELS))
