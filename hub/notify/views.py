"""/notifications/: my notifications (the bell), email preferences, the park's group robot.
The outbox admin pages (hub.notify.admin_views) attach their routes to this blueprint."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import SQLAlchemyError

from hub import audit, edge
from hub import permissions as perm
from hub.extensions import db
from hub.notify import (
    centre,
    inapp,
    prefs,
    producers,  # noqa: F401 - subscribes the event handlers at app start
)
from hub.notify import robot as robots
from hub.notify.centre_forms import (
    PROVIDER_LABELS,
    PreferencesForm,
    RobotForm,
    RobotTestForm,
    refusal_message,
)
from hub.notify.models import RobotProvider
from hub.parks.models import Park
from hub.parks.queries import active_parks

bp = Blueprint("notify", __name__, url_prefix="/notifications")

PER_PAGE = 20


@bp.app_context_processor
def bell():
    """The bell's unread count: a function, so the COUNT runs only when a page shows the bell
    (once per request, for a signed-in user)."""

    def notify_unread_count() -> int:
        if not getattr(current_user, "is_authenticated", False):
            return 0
        return centre.cached_unread_count(current_user)

    return {"notify_unread_count": notify_unread_count, "notify_kind_label": prefs.kind_label,
            "notify_shown": inapp.shown, "delivery_health": delivery_health}


def delivery_health() -> dict | None:
    """For the admin pages' banner (templates/admin/_nav.html): the delivery status when the
    user may see it, else None. Called only where the banner is; a few small queries."""
    if not perm.can_view_outbox(current_user):
        return None
    from hub.notify import health

    try:
        return health.delivery_health()
    except SQLAlchemyError:
        db.session.rollback()
        return None


# --- my notifications -------------------------------------------------------------------------
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
    db.session.commit()
    return redirect(centre.safe_target(note.url) or url_for(".index"))


@bp.post("/read-all")
@login_required
def read_all():
    centre.mark_all_read(current_user)
    db.session.commit()
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for(".index"))


# --- email preferences ------------------------------------------------------------------------
@bp.route("/preferences", methods=["GET", "POST"])
@login_required
def preferences():
    form = PreferencesForm()
    if form.validate_on_submit():
        wanted = {kind: request.form.get(f"email-{kind}") == "y" for kind, _label in prefs.KINDS}
        changes = prefs.save(current_user, wanted)
        if changes:
            audit.record(current_user, "update", current_user,
                         {f"email:{k}": v for k, v in changes.items()},
                         summary=_("Notification preferences"))
        db.session.commit()
        flash(_("Your notification preferences are saved."), "success")
        return redirect(url_for(".preferences"))
    return render_template("notify/preferences.html", form=form, kinds=prefs.KINDS,
                           settings=prefs.email_settings(current_user),
                           has_email=bool((current_user.email or "").strip()))


# --- the park's group robot -------------------------------------------------------------------
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
            changes = centre.save_robot(current_user, park,
                                        provider=RobotProvider(form.provider.data),
                                        webhook_url=url or None, active=form.active.data,
                                        secret=(form.secret.data or "").strip() or None,
                                        clear_secret=form.clear_secret.data)
            db.session.commit()
            flash(_("The group robot is saved.") if changes else _("Nothing changed."),
                  "success")
            return redirect(url_for(".robot", park=park.id))
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
    outcome = centre.send_test(current_user, park)
    db.session.commit()
    if outcome.ok:
        flash(_("The test message was delivered: the robot's server accepted it."), "success")
    elif outcome.refused is not None:
        flash(_("The test message was not sent: %(reason)s",
                reason=refusal_message(outcome.refused)), "danger")
    else:
        flash(_("The test message was not delivered. The robot's server or the network "
                "answered: %(error)s", error=outcome.error), "danger")
    return redirect(url_for(".robot", park=park.id))


from hub.notify import admin_views  # noqa: E402,F401
