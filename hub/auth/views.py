"""Sign in and out, own password, language."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required, login_user, logout_user

from hub import uow
from hub.auth import services, sessions
from hub.auth.forms import ChangePasswordForm, LanguageForm, LoginForm, SignOutEverywhereForm
from hub.extensions import limiter

bp = Blueprint("auth", __name__)

# endpoints a user with a temporary password may still reach
OPEN_WHILE_PASSWORD_EXPIRED = {
    "auth.change_password",
    "auth.logout",
    "auth.sign_out_everywhere",
    "auth.set_language",
    "static",
    "health.healthz",
}


def _login_limit_key() -> str:
    username = services.normalize_username(request.form.get("username", ""))
    return f"login:{username}:{get_remote_address()}"


def _login_limit() -> str:
    return current_app.config["HUB_LOGIN_LIMIT"]


def _client_limit_key() -> str:
    return f"login-client:{get_remote_address()}"


def _client_limit() -> str:
    """Failed sign-ins from one address across all usernames (password spraying)."""
    return current_app.config["HUB_LOGIN_LIMIT_PER_CLIENT"]


def _failed(response) -> bool:
    return response.status_code != 302


@bp.before_app_request
def force_password_change():
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in OPEN_WHILE_PASSWORD_EXPIRED
    ):
        return redirect(url_for("auth.change_password"))
    return None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, key_func=_login_limit_key, methods=["POST"], deduct_when=_failed)
@limiter.limit(_client_limit, key_func=_client_limit_key, methods=["POST"], deduct_when=_failed)
def login():
    target = request.values.get("next")
    if current_user.is_authenticated:
        return redirect(target if services.is_safe_next(target) else url_for("dashboard.index"))
    form = LoginForm(next=target)
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.sign_in(form.username.data, form.password.data,
                                                       remember=form.remember.data), form=form)
        if outcome:
            user = outcome.value
            login_user(user, remember=form.remember.data)
            if user.locale:
                session["locale"] = user.locale
            if user.must_change_password:
                flash(_("Please choose a new password before you continue."), "warning")
                return redirect(url_for("auth.change_password"))
            target = form.next.data
            return redirect(target if services.is_safe_next(target) else url_for("dashboard.index"))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    uow.attempt(lambda: sessions.end(current_user))
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    form = SignOutEverywhereForm()
    if not form.validate_on_submit():
        return redirect(url_for("auth.change_password"))
    uow.attempt(lambda: sessions.end_all(current_user))
    logout_user()
    flash(_("You have signed out on all devices."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        # every session of the user ends with the change; this one is issued anew
        user = current_user._get_current_object()
        remember = bool(request.cookies.get(current_app.config["REMEMBER_COOKIE_NAME"]))

        def change():
            services.change_password(user, form.current_password.data, form.new_password.data)
            sessions.start(user, remember=remember)

        if uow.attempt(change, form=form):
            login_user(user, remember=remember)
            flash(
                _("Your password has been changed. Other sessions have been signed out."),
                "success",
            )
            return redirect(url_for("dashboard.index"))
    return render_template("auth/change_password.html", form=form,
                           everywhere=SignOutEverywhereForm(),
                           session_count=sessions.active_count(current_user))


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            uow.attempt(lambda: services.set_locale(current_user, form.locale.data))
    target = form.next.data
    return redirect(target if services.is_safe_next(target) else url_for("dashboard.index"))
