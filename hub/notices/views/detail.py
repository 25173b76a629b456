"""GET /notices/<id>: reading a notice records its read receipt (已读回执) on the first visit."""

from flask import abort, request
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.notices import reading
from hub.notices.views.common import bp, render_detail
from hub.notify import inapp


@bp.get("/<int:notice_id>")
@login_required
def detail(notice_id: int):
    notice, seen = reading.for_reading(notice_id, current_user)
    if notice is None or not perm.can_view_notice(current_user, notice):
        abort(404)
    # the receipt is written on the first visit only; the page is rendered before the commit
    # (which would expire the loaded notice and its relations: reloading them took 5 queries)
    first = not seen and reading.record_read(current_user, notice)
    first = inapp.read_object(current_user, "notice", notice.id, request.path) or first
    page = render_detail(notice)
    return uow.committed(page) if first else page
