"""A notice's lifecycle: publish (to all parks or an audience), withdraw, delete, restore."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.notices import services
from hub.notices.views.common import bp, load, publish_form, render_detail


@bp.post("/<int:notice_id>/publish")
@login_required
def publish(notice_id: int):
    notice = load(notice_id)
    perm.require(perm.can_publish_notice(current_user, notice))
    form = publish_form(notice)
    if not form.validate_on_submit():
        return render_detail(notice, form, 422)
    outcome = uow.attempt(lambda: services.publish(
        current_user, notice, all_parks=form.all_parks.data,
        audience=services.parks_by_ids(form.audience.data), version=form.version.data))
    if outcome.stale:
        flash(_("Someone else changed this notice meanwhile. Check it, then publish again."),
              "warning")
        return render_detail(load(notice_id), None, 409)
    if not outcome:  # refused (already published): the reason is flashed
        return redirect(url_for(".detail", notice_id=notice_id))
    flash(_("Notice published: %(title)s", title=notice.title), "success")
    return redirect(url_for(".detail", notice_id=notice.id))


def _simple_action(notice_id: int, allowed, action, message):
    """Run `action(notice)`; None when done (success flashed), else the redirect to the notice
    (a conflict or the refusal flashed)."""
    notice = load(notice_id)
    perm.require(allowed(current_user, notice))
    outcome = uow.attempt(lambda: action(notice))
    if outcome.stale:
        flash(_("Someone else changed this notice meanwhile. Check it and try again."),
              "warning")
    if not outcome:
        return redirect(url_for(".detail", notice_id=notice_id))
    flash(message(notice), "success")
    return None


@bp.post("/<int:notice_id>/withdraw")
@login_required
def withdraw(notice_id: int):
    version = request.form.get("version")
    done = _simple_action(
        notice_id, perm.can_publish_notice,
        lambda n: services.withdraw(current_user, n, version=version),
        lambda n: _("Notice withdrawn: %(title)s", title=n.title))
    return done or redirect(url_for(".detail", notice_id=notice_id))


@bp.post("/<int:notice_id>/delete")
@login_required
def delete(notice_id: int):
    done = _simple_action(
        notice_id, perm.can_delete_notice, lambda n: services.delete(current_user, n),
        lambda n: _("Notice deleted: %(title)s", title=n.title))
    return done or redirect(url_for(".index"))


@bp.post("/<int:notice_id>/restore")
@login_required
def restore(notice_id: int):
    done = _simple_action(
        notice_id, perm.can_restore, lambda n: services.restore(current_user, n),
        lambda n: _("Notice restored: %(title)s", title=n.title))
    return done or redirect(url_for(".detail", notice_id=notice_id))
