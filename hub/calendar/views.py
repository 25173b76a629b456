"""Calendar files: GET /meetings/<id>.ics (one meeting), GET /calendar/<token>.ics (a user's
private feed, no login: the token is the secret), /calendar/ (the feed URL, how to subscribe,
renew the token)."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.calendar import services
from hub.calendar.itip import attendee_of
from hub.extensions import db, limiter
from hub.meetings.models import Meeting

bp = Blueprint("calendar", __name__)


def _ics_response(body: bytes, filename: str | None = None, method: str | None = None):
    mimetype = "text/calendar"
    content_type = f"{mimetype}; charset=utf-8" + (f"; method={method}" if method else "")
    resp = Response(body, content_type=content_type)
    if filename:
        resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    resp.headers["Cache-Control"] = "private, no-cache"
    return resp


@bp.get("/meetings/<int:meeting_id>.ics")
@login_required
def meeting_file(meeting_id: int):
    meeting = db.get_or_404(Meeting, meeting_id)
    perm.require(perm.can_view_meeting(current_user, meeting))
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    attendee = attendee_of(current_user, [meeting.id]).get(meeting.id)  # RFC 5546: one in a REQUEST
    return _ics_response(services.meeting_ics(meeting, method, attendee=attendee),
                         services.ics_filename(meeting), method)


@bp.get("/calendar/<token>.ics")
@limiter.limit("120 per minute")
def feed(token: str):
    user = services.user_for_token(token)
    if user is None or not user.is_active:  # nor for a deactivated account or park
        abort(404)
    # a calendar client polls: 304 when nothing it shows changed, without building the feed.
    # Weak: a rebuilt feed differs in DTSTAMP only. The key is the user's own (user id,
    # visibility), and the answer is private (no shared cache keeps it).
    version = services.feed_version(user, request.url_root)
    if request.if_none_match.contains_weak(version):
        resp = Response(status=304)
        resp.headers["Cache-Control"] = "private, no-cache"
    else:
        resp = _ics_response(services.feed_ics(user))
    resp.set_etag(version, weak=True)
    resp.headers["X-Robots-Tag"] = "noindex"
    return resp


@bp.get("/calendar/")
@login_required
def index():
    feed = services.ensure_feed(current_user)
    url = url_for("calendar.feed", token=feed.token, _external=True)
    webcal = "webcal://" + url.split("://", 1)[1]
    return render_template("calendar/index.html", feed=feed, feed_url=url, webcal_url=webcal)


@bp.post("/calendar/renew")
@login_required
def renew():
    services.renew(current_user)
    uow.committed()
    flash(_("Your calendar address was renewed. The old address no longer works; subscribe "
            "again with the new one."), "success")
    return redirect(url_for("calendar.index"))
