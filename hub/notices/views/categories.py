"""/notices/categories/: the admin-managed list of notice categories."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.extensions import db
from hub.notices import categories
from hub.notices.forms import CategoryForm
from hub.notices.models import NoticeCategory
from hub.notices.views.common import bp


def _require_manager() -> None:
    perm.require(perm.can_manage_categories(current_user))


def _render(form=None, rename_forms=None, status=200):
    rows = categories.list_categories()
    rename_forms = rename_forms or {}
    for row in rows:
        if row.id not in rename_forms:
            rename_forms[row.id] = CategoryForm(formdata=None, prefix=f"c{row.id}",
                                                data={"name": row.name})
    return render_template("notices/categories.html", rows=rows,
                           form=form or CategoryForm(formdata=None),
                           rename_forms=rename_forms), status


@bp.route("/categories/", methods=["GET", "POST"])
@login_required
def categories_index():
    _require_manager()
    if request.method == "GET":
        return _render()
    form = CategoryForm()
    if form.validate_on_submit():
        # a name in use: the message is on the name field
        saved = uow.attempt(lambda: categories.create(current_user, form.name.data), form=form,
                            integrity=categories.CategoryError("duplicate"))
        if saved:
            flash(_("Category %(name)s added.", name=saved.value.name), "success")
            return redirect(url_for(".categories_index"))
    return _render(form=form, status=422)


@bp.post("/categories/<int:category_id>/rename")
@login_required
def category_rename(category_id: int):
    _require_manager()
    category = db.get_or_404(NoticeCategory, category_id)
    form = CategoryForm(prefix=f"c{category.id}")
    if form.validate_on_submit():
        saved = uow.attempt(lambda: categories.rename(current_user, category, form.name.data),
                            form=form, integrity=categories.CategoryError("duplicate"))
        if saved:
            flash(_("Category %(name)s saved.", name=category.name), "success")
            return redirect(url_for(".categories_index"))
    return _render(rename_forms={category_id: form}, status=422)


@bp.post("/categories/<int:category_id>/move")
@login_required
def category_move(category_id: int):
    _require_manager()
    category = db.get_or_404(NoticeCategory, category_id)
    direction = request.form.get("direction")
    if direction not in ("-1", "1"):
        abort(400)
    categories.move(current_user, category, int(direction))
    uow.committed()
    return redirect(url_for(".categories_index"))


@bp.post("/categories/<int:category_id>/active")
@login_required
def category_active(category_id: int):
    _require_manager()
    category = db.get_or_404(NoticeCategory, category_id)
    value = request.form.get("active")
    if value not in ("0", "1"):
        abort(400)
    categories.set_active(current_user, category, value == "1")
    uow.committed()
    flash(_("Category %(name)s updated.", name=category.name), "success")
    return redirect(url_for(".categories_index"))
