"""The park's group robot: its webhook, secret and provider, and a test message."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.extensions import db
from hub.notify import centre
from hub.notify import robot as robots
from hub.notify.centre_forms import PROVIDER_LABELS, RobotForm, RobotTestForm, refusal_message
from hub.notify.models import RobotProvider
from hub.notify.views.common import bp
from hub.parks.models import Park
from hub.parks.queries import active_parks


def _robot_park() -> Park:
    raw = request.values.get("park", "")
    park_id = int(raw) if raw.isdigit() else current_user.park_id
    park = db.get_or_404(Park, park_id)
    perm.require(perm.can_configure_robot(current_user, park.id))
    return park


def _parks_for_admin() -> list[Park]:
    return active_parks() if perm.is_admin(current_user) else []


@bp.route("/robot", methods=["GET", "POST"])
@login_required
def robot():
    park = _robot_park()
    current = centre.robot_of(park.id)
    form = RobotForm()
    if request.method == "GET" and current is not None:
        form.provider.data = current.provider.value
        form.active.data = current.active
    status = 200
    if form.validate_on_submit():
        url = (form.webhook_url.data or "").strip()
        if current is None and not url:
            form.webhook_url.errors.append(_("Enter the webhook URL."))
            status = 422
        else:
            outcome = uow.attempt(lambda: centre.save_robot(
                current_user, park, provider=RobotProvider(form.provider.data),
                webhook_url=url or None, active=form.active.data,
                secret=(form.secret.data or "").strip() or None,
                clear_secret=form.clear_secret.data), form=form)
            if outcome:
                flash(_("The group robot is saved.") if outcome.value else _("Nothing changed."),
                      "success")
                return redirect(url_for(".robot", park=park.id))
            status = 422
    elif request.method == "POST":
        status = 422
    return render_template(
        "notify/robot.html", form=form, park=park, robot=current,
        masked=centre.masked(current.webhook_url) if current else "",
        masked_secret=centre.masked_secret(current.secret) if current else "",
        stored_problem=(refusal_message(refused)
                        if (refused := centre.stored_refusal(current)) else ""),
        parks=_parks_for_admin(), provider_labels=PROVIDER_LABELS,
        allowed_hosts=robots.configured_hosts(), test_form=RobotTestForm()), status


@bp.post("/robot/test")
@login_required
def robot_test():
    """Sends at once and shows the answer (see centre.send_test)."""
    park = _robot_park()
    robot = centre.robot_of(park.id)
    if robot is None or not robot.active:
        flash(_("Set up and activate the group robot first."), "warning")
        return redirect(url_for(".robot", park=park.id))
    if not RobotTestForm().validate_on_submit():
        abort(400)
    sent = uow.attempt(lambda: centre.send_test(current_user, park))
    if sent:
        result = sent.value
        if result.ok:
            flash(_("The test message was delivered: the robot's server accepted it."),
                  "success")
        elif result.refused is not None:
            flash(_("The test message was not sent: %(reason)s",
                    reason=refusal_message(result.refused)), "danger")
        else:
            flash(_("The test message was not delivered. The robot's server or the network "
                    "answered: %(error)s", error=result.error), "danger")
    return redirect(url_for(".robot", park=park.id))
