"""/powers/: the empowered-items catalogue, the item × park matrix, a park's list, handovers."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import permissions as perm
from hub import uow
from hub.attachments import services as attachments
from hub.extensions import db
from hub.parks.models import Park
from hub.parks.queries import reporting_parks
from hub.powers import services, spreadsheet
from hub.powers.cells import cell_writer
from hub.powers.forms import HandoverForm, ImportForm, ItemForm
from hub.powers.models import (
    MODE_LABELS,
    STATUS_COLOURS,
    STATUS_LABELS,
    HandoverStatus,
    PowerItem,
    PowerMode,
)
from hub.projects.exports import XLSX
from hub.ui import url_around

bp = Blueprint("powers", __name__, url_prefix="/powers")



@bp.context_processor
def labels():
    return {"mode_label": {k: str(v) for k, v in MODE_LABELS.items()}.get,
            "status_label": {k: str(v) for k, v in STATUS_LABELS.items()}.get,
            "status_colour": STATUS_COLOURS.get, "HandoverStatus": HandoverStatus,
            "PowerMode": PowerMode, "status_at": services.status_at}


def _filters():
    return {"mode": request.args.get("mode", ""), "department": request.args.get("department", ""),
            "q": request.args.get("q", "").strip()[:100]}


@bp.get("/")
@login_required
def matrix():
    filters = _filters()
    status = request.args.get("status", "")
    parks = reporting_parks()
    items = services.item_rows(**filters)
    table, pending = services.status_table([i.id for i in items]), HandoverStatus.PENDING
    if status in {s.value for s in HandoverStatus}:
        wanted = HandoverStatus(status)
        items = [i for i in items if any(table.get((i.id, p.id), pending) is wanted for p in parks)]
    if request.args.get("format") == "xlsx":
        return Response(spreadsheet.export(items, parks, table), mimetype=XLSX, headers={
            "Content-Disposition": "attachment; filename=empowered-items.xlsx"})
    # the matrix's ~2,300 status cells: written by hub.powers.cells from parts built once
    titles = {s: str(label) for s, label in STATUS_LABELS.items()}
    cells = cell_writer(parks, table,
                        {p.id: url_around("powers.handover", "item_id", park_id=p.id)
                         for p in parks},
                        STATUS_COLOURS, titles,
                        {s: title.split(" (")[0] for s, title in titles.items()})
    return render_template("powers/matrix.html", items=items, parks=parks, cells=cells,
                           counts=services.counts(parks), filters=filters, status=status,
                           departments=services.departments(),
                           can_manage=perm.can_manage_power_catalogue(current_user))


@bp.get("/park/<int:park_id>")
@login_required
def park_list(park_id: int):
    park = db.get_or_404(Park, park_id)
    filters = _filters()
    items = services.items(**filters)
    table = services.statuses([i.id for i in items], [park.id])
    return render_template("powers/park.html", park=park, items=items, table=table,
                           filters=filters, departments=services.departments(),
                           can_edit=perm.can_set_power_status(current_user, park.id))


@bp.get("/mine")
@login_required
def mine():
    return redirect(url_for(".park_list", park_id=current_user.park_id))


@bp.route("/items/new", methods=["GET", "POST"])
@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def item_form(item_id: int | None = None):
    perm.require(perm.can_manage_power_catalogue(current_user))
    item = db.get_or_404(PowerItem, item_id) if item_id else None
    form = ItemForm(obj=item, data={"mode": item.mode.value} if item and
                    request.method == "GET" else None)
    if form.validate_on_submit():
        data = {f: getattr(form, f).data for f in services.FIELDS}
        data["mode"] = PowerMode(data["mode"])
        if uow.attempt(lambda: services.save_item(current_user, data, item), form=form):
            flash(_("Item saved."), "success")
            return redirect(url_for(".matrix"))
    status = 422 if request.method == "POST" else 200
    return render_template("powers/item_form.html", form=form, item=item), status


@bp.route("/items/<int:item_id>/park/<int:park_id>", methods=["GET", "POST"])
@login_required
def handover(item_id: int, park_id: int):
    item = db.get_or_404(PowerItem, item_id)
    park = db.get_or_404(Park, park_id)
    row = services.handover_of(item, park.id)
    can_edit = perm.can_set_power_status(current_user, park.id)
    form = HandoverForm()
    if request.method == "GET":
        form.version.data = row.version
    if request.method == "POST":
        perm.require(can_edit)
        if form.validate_on_submit():
            outcome = uow.attempt(lambda: services.transition(
                current_user, row, HandoverStatus(form.to.data), on=form.on.data,
                first_case=form.first_case.data or "", reason=form.reason.data or "",
                uploads=form.document.data, version=form.version.data or None), form=form)
            if outcome:
                flash(_("Handover status saved."), "success")
                return redirect(url_for(".handover", item_id=item.id, park_id=park.id))
            if outcome.stale:
                flash(_("Someone else changed this handover meanwhile; check and try again."),
                      "warning")
        row = services.handover_of(item, park.id)
    files = attachments.for_owner(services.OWNER_TYPE, row.id) if row.id else []
    return render_template("powers/handover.html", item=item, park=park, row=row, form=form,
                           files=files, can_edit=can_edit,
                           allowed=sorted(services.ALLOWED[row.status], key=lambda s: s.value)
                           ), 422 if form.errors else 200


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_items():
    perm.require(perm.can_manage_power_catalogue(current_user))
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        if not upload or not upload.filename:
            form.file.errors = [_("Choose an .xlsx file.")]
        else:
            report = uow.attempt(lambda: spreadsheet.import_catalogue(current_user, upload.stream),
                                 form=form).value
    status = 422 if form.file.errors else 200
    return render_template("powers/import.html", form=form, report=report), status
