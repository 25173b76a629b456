"""My notifications (the bell's list) and my email preferences."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import edge, uow
from hub import permissions as perm
from hub.extensions import db
from hub.notify import centre, prefs
from hub.notify.centre_forms import PreferencesForm
from hub.notify.views.common import bp

PER_PAGE = 20


@bp.get("/")
@login_required
def index():
    page = db.paginate(centre.list_query(current_user), per_page=PER_PAGE, page=edge.page_arg(),
                       error_out=False)
    return render_template("notify/index.html", page=page)


@bp.post("/<int:notification_id>/read")
@login_required
def read(notification_id: int):
    note = centre.own_notification(current_user, notification_id)
    if note is None or not perm.can_read_notification(current_user, note):
        abort(404)
    centre.mark_read(note)
    return uow.committed(redirect(centre.safe_target(note.url) or url_for(".index")))


@bp.post("/read-all")
@login_required
def read_all():
    centre.mark_all_read(current_user)
    uow.committed()
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for(".index"))


@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    form = PreferencesForm()
    if form.validate_on_submit():
        wanted = {kind: request.form.get(f"email-{kind}") == "y" for kind, _label in prefs.KINDS}
        if uow.attempt(lambda: centre.save_preferences(current_user, wanted), form=form):
            flash(_("Your notification preferences are saved."), "success")
            return redirect(url_for(".preferences"))
    return render_template("notify/preferences.html", form=form, kinds=prefs.KINDS,
                           settings=prefs.email_settings(current_user),
                           has_email=bool((current_user.email or "").strip()))
