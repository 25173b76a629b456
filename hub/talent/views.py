"""/talent/: talent listings (人才共享). Thin: parse → check → service → render."""

from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import edge, uow
from hub import permissions as perm
from hub.attachments import services as attachments
from hub.concurrency import conflict_rows
from hub.extensions import db
from hub.lists.labels import translated, translated_choices
from hub.lists.widgets import filter_field
from hub.parks.queries import all_parks, park_names
from hub.talent import forms, rowhtml, services
from hub.talent import listing as listed
from hub.talent.forms import FilterForm, ListingForm
from hub.talent.models import (
    EDUCATION_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    Education,
    ListingKind,
    ListingStatus,
    TalentListing,
)
from hub.timeutil import local_today
from hub.validators import choice_labels, choices

bp = Blueprint("talent", __name__, url_prefix="/talent")


def _conflict(listing: TalentListing, form: ListingForm) -> list:
    """What changed meanwhile, with enums and parks shown by their labels."""
    parks = choice_labels(form.park_id.choices) if "park_id" in form else {}
    shown = {
        "kind": lambda v: KIND_LABELS.get(v) or KIND_LABELS.get(_enum(ListingKind, v), v),
        "education": lambda v: EDUCATION_LABELS.get(v) or EDUCATION_LABELS.get(
            _enum(Education, v), v),
        "park_id": lambda v: parks.get(v, v),
    }
    rows = []
    for attr in services.FIELDS:
        if attr not in form:
            continue
        for row in conflict_rows(listing, form, {attr: attr}):
            if attr in shown:
                row.saved, row.yours = shown[attr](row.saved), shown[attr](row.yours)
            rows.append(row)
    return rows


def _enum(cls, value):
    try:
        return cls(value)
    except ValueError:
        return None


@bp.context_processor
def labels():
    return {"kind_label": translated(KIND_LABELS).get,
            "education_label": translated(EDUCATION_LABELS).get,
            "status_label": translated(STATUS_LABELS).get, "ListingStatus": ListingStatus,
            "ListingKind": ListingKind}


def _get(listing_id: int) -> TalentListing:
    listing = services.load(listing_id)
    if listing is None:
        abort(404)
    perm.require(perm.can_view_shared(current_user, listing))
    return listing


def _form(listing: TalentListing | None = None) -> ListingForm:
    form = ListingForm(obj=listing, creating=listing is None,
                       stored_expiry=listing.expires_on if listing else None,
                       data=None if request.method == "POST" or listing is None else
                       {"kind": listing.kind.value, "education": listing.education.value,
                        "version": listing.version})
    if perm.is_admin(current_user):
        form.park_id.choices = choices((p.id, p.name) for p in all_parks())
    else:
        del form.park_id  # the listing stays in the user's own park (forged ids: 403 below)
    if listing is None and request.method == "GET":
        if "park_id" in form:
            form.park_id.data = current_user.park_id
        form.contact_person.data = current_user.display_name
        form.contact_phone.data = current_user.phone or ""
        form.contact_email.data = current_user.email or ""
    return form


def _require_park_allowed() -> None:
    """A forged park_id: only a park the user may write to (admins: any)."""
    raw = request.form.get("park_id", type=int)
    if raw is not None:
        perm.require(perm.can_edit_park_item(current_user, SimpleNamespace(park_id=raw)))


def _data(form: ListingForm, listing: TalentListing | None = None) -> dict:
    data = dict(form.data)
    if "park_id" not in form:
        data["park_id"] = listing.park_id if listing else current_user.park_id
    return data


def _remove_ids() -> list[int]:
    return [int(v) for v in request.form.getlist("remove_attachment") if v.isdigit()]


def _filters(form: FilterForm) -> services.Filters:
    form.validate()
    value = {name: (f.data if not f.errors else None) for name, f in form._fields.items()}
    deleted = (value.get("deleted") or "") if perm.can_list_deleted(current_user) else ""
    return services.Filters(
        kind=value["kind"] or "", park_id=value["park"] or None, field=value["field"] or "",
        education=value["education"] or "", status=value["status"] or "",
        expired=value["expired"] or "", deleted=deleted,
    )


@bp.get("/")
@login_required
def index():
    form = FilterForm(request.args)
    parks = park_names()
    form.park.choices = choices([(0, _("All parks"))] + [(p.id, p.name) for p in parks])
    for name, fixed in (("kind", forms.KIND_FILTER), ("education", forms.EDUCATION_FILTER),
                        ("status", forms.STATUS_FILTER), ("expired", forms.EXPIRED_CHOICES),
                        ("deleted", forms.DELETED_CHOICES)):
        form[name].choices = translated_choices(fixed)
    if not perm.can_list_deleted(current_user):
        del form.deleted
    filters = _filters(form)
    today = local_today()
    sort = services.SORT.parse(request.args)
    by_id = {p.id: p for p in parks}
    page = listed.page(filters, today, sort, edge.page_arg(),
                       lambda row: services.ListedListing(row, by_id))
    return render_template("talent/index.html", form=form, page=page, today=today,
                           can_create=True, sort=sort, filter_field=filter_field,
                           talent_row=rowhtml.row_writer)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    form = _form()
    if request.method == "POST":
        _require_park_allowed()
    if form.validate_on_submit():
        saved = uow.attempt(lambda: services.create(current_user, _data(form),
                                                    uploads=form.attachments.data), form=form)
        if saved:
            listing = saved.value
            flash(_("Talent listing “%(title)s” saved.", title=listing.title), "success")
            return redirect(url_for(".detail", listing_id=listing.id))
    status = 422 if request.method == "POST" else 200
    return render_template("talent/form.html", form=form, listing=None), status


@bp.get("/<int:listing_id>")
@login_required
def detail(listing_id: int):
    listing = _get(listing_id)
    return render_template(
        "talent/detail.html", listing=listing, today=local_today(),
        attachments=attachments.for_owner(services.OWNER_TYPE, listing.id),
        can_edit=perm.can_edit_park_item(current_user, listing) and not listing.is_deleted,
        can_delete=perm.can_delete_park_item(current_user, listing) and not listing.is_deleted,
        can_restore=perm.can_restore(current_user, listing) and listing.is_deleted,
    )


@bp.route("/<int:listing_id>/edit", methods=["GET", "POST"])
@login_required
def edit(listing_id: int):
    listing = _get(listing_id)
    perm.require(perm.can_edit_park_item(current_user, listing))
    form = _form(listing)
    if request.method == "POST":
        _require_park_allowed()
    conflict = None
    if form.validate_on_submit():
        saved = uow.attempt(lambda: services.update(
            current_user, listing, _data(form, listing), version=form.version.data,
            uploads=form.attachments.data, remove_attachment_ids=_remove_ids()), form=form)
        if saved:
            flash(_("Talent listing “%(title)s” saved.", title=listing.title), "success")
            return redirect(url_for(".detail", listing_id=listing.id))
        if saved.stale:
            listing = _get(listing_id)
            conflict = _conflict(listing, form)
            form.version.data = listing.version  # saving again overwrites, knowingly
    status = 200 if request.method == "GET" else 409 if conflict is not None else 422
    return render_template(
        "talent/form.html", form=form, listing=listing, conflict=conflict,
        attachments=attachments.for_owner(services.OWNER_TYPE, listing.id),
    ), status


@bp.post("/<int:listing_id>/status")
@login_required
def set_status(listing_id: int):
    listing = _get(listing_id)
    perm.require(perm.can_edit_park_item(current_user, listing))
    to = request.form.get("to", "")
    # a refused change is flashed (hub.uow); the detail page shows the status either way
    if uow.attempt(lambda: services.transition(current_user, listing, to)):
        flash(_("Status of “%(title)s” is now: %(status)s", title=listing.title,
                status=STATUS_LABELS[listing.status]), "success")
    return redirect(url_for(".detail", listing_id=listing_id))


@bp.post("/<int:listing_id>/delete")
@login_required
def delete(listing_id: int):
    listing = db.get_or_404(TalentListing, listing_id)
    perm.require(perm.can_delete_park_item(current_user, listing))
    services.delete(current_user, listing)
    uow.committed()
    flash(_("Talent listing “%(title)s” deleted. An administrator can restore it.",
            title=listing.title), "success")
    return redirect(url_for(".index"))


@bp.post("/<int:listing_id>/restore")
@login_required
def restore(listing_id: int):
    listing = db.get_or_404(TalentListing, listing_id)
    perm.require(perm.can_restore(current_user, listing))
    services.restore(current_user, listing)
    uow.committed()
    flash(_("Talent listing “%(title)s” restored.", title=listing.title), "success")
    return redirect(url_for(".detail", listing_id=listing.id))
