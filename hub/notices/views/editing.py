"""/notices/new and /notices/<id>/edit: writing a draft (or editing a notice), with files."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.attachments import services as attachments
from hub.concurrency import conflict_rows
from hub.notices import categories, services
from hub.notices.forms import NoticeForm
from hub.notices.models import Notice
from hub.notices.views.common import audience_choices, bp, load
from hub.parks.queries import active_parks
from hub.validators import choice_labels, choices

# two saves racing for one 文号: the unique index refuses the second
DOC_NUMBER_TAKEN = services.NoticeError("doc_number", "doc_number")
CONFLICT_FIELDS = {"title": "title", "body": "body", "effective_date": "effective_date",
                   "expiry_date": "expiry_date"}


def _notice_form(notice: Notice | None) -> NoticeForm:
    data = None
    if request.method == "GET" and notice is not None:
        data = {
            "park_id": notice.park_id, "title": notice.title, "category_id": notice.category_id,
            "body": notice.body, "all_parks": notice.all_parks,
            "audience": [p.id for p in notice.audience], "effective_date": notice.effective_date,
            "expiry_date": notice.expiry_date, "version": notice.version,
            "doc_number": notice.doc_number, "urgency": notice.urgency.value,
        }
    form = NoticeForm(data=data)
    if request.method == "GET" and notice is None:
        form.park_id.data = current_user.park_id
    _fill_choices(form, notice)
    return form


def _fill_choices(form: NoticeForm, notice: Notice | None) -> None:
    if perm.is_admin(current_user):
        form.park_id.choices = choices((p.id, p.name) for p in active_parks())
        if notice is not None and notice.park_id not in choice_labels(form.park_id.choices):
            form.park_id.choices += choices([(notice.park_id, notice.park.name)])
    else:
        del form.park_id  # staff write for their own park only; a forged value is ignored
    current = notice.category_id if notice else None
    form.category_id.choices = choices(
        (c.id, c.name)
        for c in categories.list_categories(active_only=True, include_id=current))
    audience_choices(form, notice)
    if notice is None:
        del form.remove_attachments
    else:
        form.remove_attachments.choices = choices(
            (a.id, a.original_name)
            for a in attachments.for_owner(services.OWNER_TYPE, notice.id))


def _form_data(form: NoticeForm, notice: Notice | None) -> dict:
    data = {name: getattr(form, name).data for name in services.EDIT_FIELDS
            if name != "park_id"}
    if "park_id" in form:
        data["park_id"] = form.park_id.data
    else:
        data["park_id"] = notice.park_id if notice else current_user.park_id
    return data


def _render_form(form, notice, status=200, conflict=None):
    existing = attachments.for_owner(services.OWNER_TYPE, notice.id) if notice else []
    return render_template("notices/form.html", form=form, notice=notice, conflict=conflict,
                           existing=existing), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = _notice_form(None)
    if not form.validate_on_submit():
        return _render_form(form, None, 422 if request.method == "POST" else 200)
    # a refused category or file: the message is on its field, everything typed kept
    saved = uow.attempt(lambda: services.create(
        current_user, _form_data(form, None), services.parks_by_ids(form.audience.data),
        request.files.getlist(form.attachments.name)), form=form, integrity=DOC_NUMBER_TAKEN)
    if not saved:
        return _render_form(form, None, 422)
    notice = saved.value
    flash(_("Draft saved: %(title)s", title=notice.title), "success")
    return redirect(url_for(".detail", notice_id=notice.id))


@bp.route("/<int:notice_id>/edit", methods=["GET", "POST"])
@login_required
def edit(notice_id: int):
    notice = load(notice_id)
    perm.require(perm.can_edit_notice(current_user, notice))
    form = _notice_form(notice)
    if not form.validate_on_submit():
        return _render_form(form, notice, 422 if request.method == "POST" else 200)
    saved = uow.attempt(lambda: services.update(
        current_user, notice, _form_data(form, notice), services.parks_by_ids(form.audience.data),
        version=form.version.data, uploads=request.files.getlist(form.attachments.name),
        remove_ids=form.remove_attachments.data), form=form, integrity=DOC_NUMBER_TAKEN)
    if saved.stale:
        notice = load(notice_id)
        form.version.data = notice.version  # a second save overwrites, knowingly
        return _render_form(form, notice, 409,
                            conflict=conflict_rows(notice, form, CONFLICT_FIELDS))
    if not saved:
        return _render_form(form, load(notice_id), 422)
    flash(_("Notice saved: %(title)s", title=notice.title), "success")
    return redirect(url_for(".detail", notice_id=notice.id))
