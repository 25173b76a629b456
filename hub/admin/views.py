"""The admin area (/admin/): parks, accounts, audit log. Thin: parse → check → service → render."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hub import edge, uow
from hub import permissions as perm
from hub.admin import services
from hub.admin.forms import AccountForm, AuditFilterForm, ParkForm
from hub.audit import labels as audit_labels
from hub.audit import page as audit_page
from hub.audit import values as audit_values
from hub.auth.models import Role, User
from hub.auth.services import reset_password
from hub.extensions import db
from hub.lists.rows import paginate_deferred
from hub.parks.models import Park
from hub.parks.queries import SORT as PARK_SORT
from hub.parks.queries import active_parks, all_parks
from hub.validators import choices

bp = Blueprint("admin", __name__, url_prefix="/admin")

def _flag(value: str | None) -> bool:
    if value not in ("0", "1"):
        abort(400)
    return value == "1"


@bp.get("/")
@perm.admin_area_required
def index():
    return render_template("admin/index.html")


# --- parks ------------------------------------------------------------------------------------
@bp.get("/parks/")
@perm.admin_required
def parks():
    sort = PARK_SORT.parse(request.args)
    return render_template("admin/parks.html", parks=all_parks(sort), sort=sort)


@bp.route("/parks/new", methods=["GET", "POST"])
@perm.admin_required
def park_new():
    form = ParkForm()
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.create_park(current_user, form.data), form=form)
        if outcome:
            flash(_("Park %(name)s created.", name=outcome.value.name), "success")
            return redirect(url_for(".parks"))
    return render_template("admin/park_form.html", form=form, park=None)


@bp.route("/parks/<int:park_id>/edit", methods=["GET", "POST"])
@perm.admin_required
def park_edit(park_id: int):
    park = db.get_or_404(Park, park_id)
    form = ParkForm(obj=park, data=None if request.method == "POST" else {"kind": park.kind.value})
    if form.validate_on_submit() and uow.attempt(
            lambda: services.update_park(current_user, park, form.data), form=form):
        flash(_("Park %(name)s saved.", name=park.name), "success")
        return redirect(url_for(".parks"))
    return render_template("admin/park_form.html", form=form, park=park)


@bp.post("/parks/<int:park_id>/active")
@perm.admin_required
def park_active(park_id: int):
    park = db.get_or_404(Park, park_id)
    active = _flag(request.form.get("active"))
    if uow.attempt(lambda: services.set_park_active(current_user, park, active)):
        flash(_("Park %(name)s updated.", name=park.name), "success")
    return redirect(url_for(".parks"))


# --- accounts ---------------------------------------------------------------------------------
def _account_form(obj=None) -> AccountForm:
    form = AccountForm(obj=obj, data=None if request.method == "POST" or obj is None
                       else {"role": obj.role.value})
    if perm.is_admin(current_user):
        parks = active_parks() if obj is None else all_parks()
    else:
        parks = [current_user.park]
    form.set_choices(parks, perm.manageable_roles(current_user))
    return form


@bp.get("/users/")
@perm.admin_area_required
def users():
    park_id = edge.query_int("park")
    if not perm.is_admin(current_user):
        park_id = current_user.park_id
    perm.require(perm.can_list_accounts_of(current_user, park_id))
    sort = services.ACCOUNT_SORT.parse(request.args)
    page = db.paginate(services.accounts_query(park_id, sort), per_page=50,
                       page=edge.page_arg())
    parks = all_parks() if perm.is_admin(current_user) else [current_user.park]
    return render_template("admin/users.html", page=page, parks=parks, park_id=park_id, sort=sort,
                           can_manage=perm.can_manage_account)


@bp.route("/users/new", methods=["GET", "POST"])
@perm.admin_area_required
def user_new():
    form = _account_form()
    if request.method == "GET" and not perm.is_admin(current_user):
        form.park_id.data = current_user.park_id
    if form.validate_on_submit():
        perm.require(perm.can_create_account(current_user, form.park_id.data, Role(form.role.data)))
        outcome = uow.attempt(lambda: services.create_account(current_user, form.data), form=form)
        if outcome:
            user, password = outcome.value
            return render_template("admin/one_time_password.html", user=user, password=password,
                                   created=True)
    return render_template("admin/user_form.html", form=form, account=None)


@bp.route("/users/<int:user_id>/edit", methods=["GET", "POST"])
@perm.admin_area_required
def user_edit(user_id: int):
    account = db.get_or_404(User, user_id)
    perm.require(perm.can_manage_account(current_user, account))
    form = _account_form(account)
    del form.username
    if form.validate_on_submit():
        perm.require(perm.can_create_account(current_user, form.park_id.data, Role(form.role.data)))
        if uow.attempt(lambda: services.update_account(current_user, account, form.data),
                       form=form):
            flash(_("Account %(name)s saved.", name=account.username), "success")
            return redirect(url_for(".users", park=account.park_id))
    return render_template("admin/user_form.html", form=form, account=account)


@bp.post("/users/<int:user_id>/reset-password")
@perm.admin_area_required
def user_reset_password(user_id: int):
    account = db.get_or_404(User, user_id)
    perm.require(perm.can_manage_account(current_user, account))
    password = uow.attempt(lambda: reset_password(current_user, account)).value
    return render_template("admin/one_time_password.html", user=account, password=password,
                           created=False)


@bp.post("/users/<int:user_id>/active")
@perm.admin_area_required
def user_active(user_id: int):
    account = db.get_or_404(User, user_id)
    perm.require(perm.can_manage_account(current_user, account))
    active = _flag(request.form.get("active"))
    if uow.attempt(lambda: services.set_account_active(current_user, account, active)):
        flash(_("Account %(name)s updated.", name=account.username), "success")
    return redirect(url_for(".users", park=account.park_id))


# --- audit log --------------------------------------------------------------------------------
@bp.get("/audit/")
@perm.admin_required
def audit_log():
    form = AuditFilterForm(request.args)
    parks = all_parks()
    form.park.choices = choices([(0, _("All parks"))] + [(p.id, p.name) for p in parks])
    chosen = services.account_choices(form.user.data)  # ?user=<id>: that account, if any
    form.user.choices = choices([(0, ""), *chosen])
    form.object_type.choices = choices([("", _("All types"))] + [
        (t, str(audit_labels.object_label(t))) for t in services.audit_object_types()
    ])
    filters = {}
    if form.validate():
        filters = {
            "park_id": form.park.data or None,
            "user_id": form.user.data or None,
            "who": (form.who.data or "").strip() or None,
            "object_type": form.object_type.data or None,
            "date_from": form.date_from.data,
            "date_to": form.date_to.data,
        }
    sort = services.AUDIT_SORT.parse(request.args)
    page = paginate_deferred(services.audit_ids(**filters, sort=sort), services.audit_rows,
                             page=edge.page_arg(), per_page=50, error_out=True)
    audit_values.preload(page.items)
    return render_template("admin/audit.html", form=form, page=page, sort=sort,
                           chosen=chosen[0][1] if chosen else None,
                           lines=audit_page.lines(page.items))
