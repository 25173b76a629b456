"""/notices/: policy notices (政策通知). Thin: parse → permission check → service → render."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm.exc import StaleDataError

from hub import edge
from hub import permissions as perm
from hub.attachments import services as attachments
from hub.attachments.forms import rejected_message
from hub.attachments.services import AttachmentRejected
from hub.concurrency import StaleEdit, conflict_rows
from hub.extensions import db
from hub.notices import categories, listing, reading, services
from hub.notices.forms import STATUS_LABELS, NoticeFilterForm, NoticeForm, PublishForm
from hub.notices.models import Notice, NoticeStatus
from hub.notify import inapp
from hub.parks.queries import active_parks, all_parks
from hub.validators import choice_labels, choices

bp = Blueprint("notices", __name__, url_prefix="/notices")


CONFLICT_FIELDS = {"title": "title", "body": "body", "effective_date": "effective_date",
                   "expiry_date": "expiry_date"}
ERRORS = {
    "not_draft": lambda: _("This notice is already published."),
    "not_published": lambda: _("Only a published notice can be withdrawn."),
    "category": lambda: _("Choose an active category."),
}


@bp.app_context_processor
def notice_helpers():
    return {"notice_status_label": lambda s: STATUS_LABELS.get(s, s)}


def _load(notice_id: int) -> Notice:
    """The notice, or 404 when the user may not see it (its existence is not revealed)."""
    notice = db.get_or_404(Notice, notice_id)
    if not perm.can_view_notice(current_user, notice):
        abort(404)
    return notice


# --- list ---------------------------------------------------------------------------------------
@bp.get("/")
@login_required
def index():
    form = NoticeFilterForm(request.args)
    cats, parks = categories.list_categories(), all_parks()
    form.category.choices = choices([(0, _("All categories"))] + [(c.id, c.name) for c in cats])
    form.park.choices = choices([(0, _("All parks"))] + [(p.id, p.name) for p in parks])
    form.status.choices = choices({"": _("All statuses"), **STATUS_LABELS})
    flt = services.ListFilter(
        category_id=form.category.data or None,
        park_id=form.park.data or None,
        status=NoticeStatus(form.status.data) if form.status.data in
        {s.value for s in NoticeStatus} else None,
        date_from=form.date_from.data if not form.date_from.process_errors else None,
        date_to=form.date_to.data if not form.date_to.process_errors else None,
        deleted=bool(form.deleted.data) and perm.can_list_deleted(current_user),
    )
    before = edge.query_int("before")
    after = edge.query_int("after")
    if before is not None or after is not None:
        page = listing.keyset(current_user, flt, before=before, after=after)
    else:
        page = listing.numbered(current_user, flt, edge.page_arg())
    listing.fill(page.items, parks, cats)
    read = reading.read_ids(current_user, [n.id for n in page.items])
    return render_template("notices/index.html", form=form, page=page, read=read, flt=flt)


# --- create and edit ----------------------------------------------------------------------------
def _notice_form(notice: Notice | None) -> NoticeForm:
    data = None
    if request.method == "GET" and notice is not None:
        data = {
            "park_id": notice.park_id, "title": notice.title, "category_id": notice.category_id,
            "body": notice.body, "all_parks": notice.all_parks,
            "audience": [p.id for p in notice.audience], "effective_date": notice.effective_date,
            "expiry_date": notice.expiry_date, "version": notice.version,
        }
    form = NoticeForm(data=data)
    if request.method == "GET" and notice is None:
        form.park_id.data = current_user.park_id
    _fill_choices(form, notice)
    return form


def _audience_choices(form, notice: Notice | None) -> None:
    parks = active_parks()
    extra = [p for p in (notice.audience if notice else []) if not p.active]
    form.audience.choices = choices((p.id, p.name) for p in parks + extra)


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
    _audience_choices(form, notice)
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
    try:
        notice = services.create(current_user, _form_data(form, None),
                                 services.parks_by_ids(form.audience.data),
                                 request.files.getlist(form.attachments.name))
    except AttachmentRejected as error:
        db.session.rollback()
        form.attachments.errors = [rejected_message(error)]
        return _render_form(form, None, 422)
    except services.NoticeError as error:
        db.session.rollback()
        form.category_id.errors = [ERRORS[error.code]()]
        return _render_form(form, None, 422)
    db.session.commit()
    flash(_("Draft saved: %(title)s", title=notice.title), "success")
    return redirect(url_for(".detail", notice_id=notice.id))


@bp.route("/<int:notice_id>/edit", methods=["GET", "POST"])
@login_required
def edit(notice_id: int):
    notice = _load(notice_id)
    perm.require(perm.can_edit_notice(current_user, notice))
    form = _notice_form(notice)
    if not form.validate_on_submit():
        return _render_form(form, notice, 422 if request.method == "POST" else 200)
    try:
        services.update(current_user, notice, _form_data(form, notice),
                        services.parks_by_ids(form.audience.data), version=form.version.data,
                        uploads=request.files.getlist(form.attachments.name),
                        remove_ids=form.remove_attachments.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        notice = _load(notice_id)
        form.version.data = notice.version  # a second save overwrites, knowingly
        return _render_form(form, notice, 409,
                            conflict=conflict_rows(notice, form, CONFLICT_FIELDS))
    except AttachmentRejected as error:
        db.session.rollback()
        form.attachments.errors = [rejected_message(error)]
        return _render_form(form, _load(notice_id), 422)
    except services.NoticeError as error:
        db.session.rollback()
        form.category_id.errors = [ERRORS[error.code]()]
        return _render_form(form, _load(notice_id), 422)
    flash(_("Notice saved: %(title)s", title=notice.title), "success")
    return redirect(url_for(".detail", notice_id=notice.id))


# --- reading ------------------------------------------------------------------------------------
def _publish_form(notice: Notice) -> PublishForm:
    data = None
    if request.method == "GET":
        data = {"all_parks": notice.all_parks, "audience": [p.id for p in notice.audience],
                "version": notice.version}
    form = PublishForm(data=data)
    _audience_choices(form, notice)
    return form


def _render_detail(notice: Notice, publish_form=None, status=200):
    show_receipts = (perm.can_view_receipts(current_user, notice)
                     and notice.status is not NoticeStatus.DRAFT)
    if publish_form is None and perm.can_publish_notice(current_user, notice) \
            and notice.status is not NoticeStatus.PUBLISHED:
        publish_form = _publish_form(notice)
    return render_template(
        "notices/detail.html", notice=notice, publish_form=publish_form,
        files=attachments.for_owner(services.OWNER_TYPE, notice.id),
        receipts=reading.receipts(notice) if show_receipts else None,
    ), status


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
    page = _render_detail(notice)
    if first:
        db.session.commit()
    return page


# --- publishing ---------------------------------------------------------------------------------
@bp.post("/<int:notice_id>/publish")
@login_required
def publish(notice_id: int):
    notice = _load(notice_id)
    perm.require(perm.can_publish_notice(current_user, notice))
    form = _publish_form(notice)
    if not form.validate_on_submit():
        return _render_detail(notice, form, 422)
    try:
        services.publish(current_user, notice, all_parks=form.all_parks.data,
                         audience=services.parks_by_ids(form.audience.data),
                         version=form.version.data)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        flash(_("Someone else changed this notice meanwhile. Check it, then publish again."),
              "warning")
        return _render_detail(_load(notice_id), None, 409)
    except services.NoticeError as error:
        db.session.rollback()
        flash(ERRORS[error.code](), "danger")
        return redirect(url_for(".detail", notice_id=notice_id))
    flash(_("Notice published: %(title)s", title=notice.title), "success")
    return redirect(url_for(".detail", notice_id=notice.id))


def _simple_action(notice_id: int, allowed, action, message):
    notice = _load(notice_id)
    perm.require(allowed(current_user, notice))
    try:
        action(notice)
        db.session.commit()
    except (StaleEdit, StaleDataError):
        db.session.rollback()
        flash(_("Someone else changed this notice meanwhile. Check it and try again."),
              "warning")
        return redirect(url_for(".detail", notice_id=notice_id))
    except services.NoticeError as error:
        db.session.rollback()
        flash(ERRORS[error.code](), "danger")
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


from hub.notices import category_views  # noqa: E402, F401 - routes on the same blueprint
