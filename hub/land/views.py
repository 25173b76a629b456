"""/cases/: land disposal cases. Thin: parse → check (hub.permissions) → service → render."""

from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from hub import edge, uow
from hub import permissions as perm
from hub.auth.queries import assignee_choices
from hub.concurrency import conflict_rows
from hub.extensions import db
from hub.land import queries, rowhtml, services
from hub.land.forms import CaseForm, NoteForm, TransitionForm
from hub.land.models import (
    DISPOSAL_LABELS,
    PROBLEM_LABELS,
    STATUS_BADGES,
    STATUS_LABELS,
    CaseStatus,
    Disposal,
    LandCase,
    ProblemType,
)
from hub.lists.labels import translated
from hub.lists.rows import paginate_rows
from hub.lists.xlsx import attachment, xlsx_response
from hub.notify import inapp
from hub.parks.queries import all_parks, park_names
from hub.timeutil import local_today
from hub.validators import choice_labels, own_ids

bp = Blueprint("cases", __name__, url_prefix="/cases")


CONFLICT_FIELDS = {f: f for f in services.FIELDS}


@bp.context_processor
def labels():
    statuses, problems = translated(STATUS_LABELS), translated(PROBLEM_LABELS)
    disposals = translated(DISPOSAL_LABELS)
    return {"status_label": lambda s: statuses.get(s, s),
            "status_badge": lambda s: STATUS_BADGES.get(s, "text-bg-light"),
            "problem_label": lambda p: problems.get(p, p),
            "disposal_label": lambda d: disposals.get(d, d),
            "change_value": _change_value,
            "STATUS_LABELS": statuses, "PROBLEM_LABELS": problems}


ENUM_FIELDS = {"problem_type": (ProblemType, PROBLEM_LABELS),
               "disposal": (Disposal, DISPOSAL_LABELS),
               "status": (CaseStatus, STATUS_LABELS)}


def _change_value(field: str, value):
    """A value of a timeline change as the user reads it."""
    if value in (None, ""):
        return "—"
    if field in ENUM_FIELDS:
        enum_cls, names = ENUM_FIELDS[field]
        try:
            return names[enum_cls(value)]
        except ValueError:
            return value
    return value


def _get_case(case_id: int) -> LandCase:
    case = db.get_or_404(LandCase, case_id)
    perm.require(perm.can_view_shared(current_user, case))
    return case


# --- list and export --------------------------------------------------------------------------
def _filter() -> queries.CaseFilter:
    return queries.CaseFilter.from_args(request.args,
                                        allow_deleted=perm.can_list_deleted(current_user))


@bp.get("/")
@login_required
def index():
    flt, today = _filter(), local_today()
    totals = queries.totals_by_status(flt, today)
    total_count = sum(t.count for t in totals)
    parks = park_names()
    by_id = {p.id: p for p in parks}
    # the totals already count the filtered cases: no second count(*) for the pager
    page = paginate_rows(queries.list_rows(flt, today),
                         lambda row: queries.ListedCase(row, by_id, today),
                         page=edge.page_arg(), count=False)
    page.total = total_count
    return render_template("land/index.html", page=page, flt=flt, today=today, totals=totals,
                           parks=parks,
                           total_count=total_count, case_row=rowhtml.row_writer,
                           total_area=sum(t.area_mu for t in totals))


@bp.get("/export.csv")
@login_required
def export():
    today = local_today()
    body = queries.export_csv(_filter(), today)
    ascii_name = f"land-cases-{today:%Y%m%d}.csv"
    chinese_name = f"土地清理处置案件-{today:%Y%m%d}.csv"
    return attachment(body, "text/csv; charset=utf-8", ascii_name, chinese_name)


@bp.get("/export.xlsx")
@login_required
def export_xlsx():
    """The CSV's rows (same filters, order and visibility) as an Excel workbook."""
    today = local_today()
    return xlsx_response(queries.CSV_HEADERS, queries.export_rows(_filter(), today),
                         f"land-cases-{today:%Y%m%d}.xlsx", f"土地清理处置案件-{today:%Y%m%d}.xlsx",
                         sheet="土地清理处置案件")


# --- create and edit --------------------------------------------------------------------------
def _form(case: LandCase | None) -> CaseForm:
    data = None
    if request.method == "GET" and case is not None:
        data = {"problem_type": case.problem_type.value, "disposal": case.disposal.value,
                "assignee_id": case.assignee_id or 0, "version": case.version}
    form = CaseForm(obj=case, data=data)
    if request.method == "GET" and case is None:
        form.park_id.data = current_user.park_id
    parks = all_parks() if perm.is_admin(current_user) else [current_user.park]
    if case is not None and all(p.id != case.park_id for p in parks):
        parks.append(case.park)
    form.set_choices(parks, assignee_choices(
        [p.id for p in parks], keep_id=case.assignee_id if case else None))
    return form


def _conflict(case: LandCase, form: CaseForm):
    """What changed meanwhile, with parks, people and types by name."""
    rows = conflict_rows(case, form, CONFLICT_FIELDS)
    for row in rows:
        for attr in ("saved", "yours"):
            value = getattr(row, attr)
            setattr(row, attr, _shown(value, form, row.label))
    return rows


def _shown(value, form: CaseForm, label):
    """A stored or typed value as the form's choices name it."""
    value = getattr(value, "value", value)
    for field in (form.park_id, form.assignee_id, form.problem_type, form.disposal):
        if str(field.label.text) == str(label):
            for key, text in choice_labels(field.choices).items():
                if str(key) == str(value if value is not None else 0):
                    return text
    return value


def _require_target_park(park_id) -> None:
    """A forged park_id may not move a case out of what the user may edit."""
    perm.require(perm.can_edit_park_item(current_user, SimpleNamespace(park_id=park_id)))


def _save(form, action) -> uow.Outcome:
    """Run a create/update service: a refused save puts its message on the form; a duplicate
    parcel code that slipped past the check (a concurrent save) reads the same."""
    return uow.attempt(action, form=form,
                       integrity=services.CaseError("duplicate", "parcel_code"))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = _form(None)
    if request.method == "POST":
        _require_target_park(request.form.get("park_id", type=int))
    if form.validate_on_submit():
        saved = _save(form, lambda: services.create_case(
            current_user, form.data, note=form.note.data or "", uploads=form.attachments.data))
        if saved:
            case = saved.value
            flash(_("Case %(code)s registered.", code=case.parcel_code), "success")
            return redirect(url_for(".detail", case_id=case.id))
    status = 422 if request.method == "POST" else 200
    return render_template("land/form.html", form=form, case=None), status


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@login_required
def edit(case_id: int):
    case = _get_case(case_id)
    perm.require(perm.can_edit_park_item(current_user, case))
    form = _form(case)
    if request.method == "POST":
        _require_target_park(request.form.get("park_id", type=int))
    if form.validate_on_submit():
        saved = _save(form, lambda: services.update_case(
            current_user, case, form.data, version=form.version.data,
            note=form.note.data or "", uploads=form.attachments.data))
        if saved:
            flash(_("Case %(code)s saved.", code=case.parcel_code), "success")
            return redirect(url_for(".detail", case_id=case.id))
        if saved.stale:
            case = db.session.get(LandCase, case_id)
            conflict = _conflict(case, form)
            form.version.data = case.version  # saving again overwrites, knowingly
            return render_template("land/form.html", form=form, case=case, conflict=conflict,
                                   stale=True), 409
    status = 422 if request.method == "POST" else 200
    return render_template("land/form.html", form=form, case=case, conflict=None), status


# --- detail, workflow, notes ------------------------------------------------------------------
def _render_detail(case: LandCase, *, transition_form=None, note_form=None, error=None,
                   status=200):
    events, files = queries.timeline(case, services.EVENT_OWNER)
    return render_template(
        "land/detail.html", case=case, events=events, files=files,
        today=local_today(),
        can_edit=perm.can_edit_park_item(current_user, case),
        can_delete=perm.can_delete_park_item(current_user, case) and not case.is_deleted,
        can_restore=perm.can_restore(current_user, case) and case.is_deleted,
        allowed=services.allowed_transitions(case) if not case.is_deleted else [],
        transition_form=transition_form or TransitionForm(formdata=None),
        note_form=own_ids(note_form or NoteForm(formdata=None), "case-note"),
        linked_items=services.linked_items(case),
        error=error,
    ), status


@bp.get("/<int:case_id>")
@login_required
def detail(case_id: int):
    case = _get_case(case_id)
    read = inapp.read_object(current_user, "land_case", case.id, request.path)
    page = _render_detail(case)
    return uow.committed(page) if read else page


@bp.post("/<int:case_id>/transition")
@login_required
def transition(case_id: int):
    case = _get_case(case_id)
    perm.require(perm.can_edit_park_item(current_user, case))
    form = TransitionForm()
    if not form.validate_on_submit():
        return _render_detail(case, transition_form=form, status=422)
    to = request.form.get("to", "")
    # a refused step is shown at the top of the page (and a missing reason on the note too)
    outcome = uow.attempt(lambda: services.transition(case, to, current_user,
                                                      form.note.data or "",
                                                      uploads=form.attachments.data),
                          form=form, flash_errors=False)
    if outcome.stale:
        flash(_("Someone else changed this case meanwhile. Check its status and try again."),
              "warning")
        return redirect(url_for(".detail", case_id=case_id), 303)
    if not outcome:
        error = outcome.error
        message = error.message if isinstance(error, services.InvalidTransition) else None
        return _render_detail(case, transition_form=form, error=message, status=422)
    flash(_("Status changed to %(status)s.", status=STATUS_LABELS[case.status]), "success")
    return redirect(url_for(".detail", case_id=case.id))


@bp.post("/<int:case_id>/notes")
@login_required
def add_note(case_id: int):
    case = _get_case(case_id)
    perm.require(perm.can_edit_park_item(current_user, case))
    form = NoteForm()
    if form.validate_on_submit():
        outcome = uow.attempt(lambda: services.add_note(case, current_user, form.note.data or "",
                                                        uploads=form.attachments.data),
                              form=form)
        if outcome:
            flash(_("Progress note added."), "success")
            return redirect(url_for(".detail", case_id=case.id))
        if outcome.stale:
            flash(_("Someone else changed this case meanwhile. Please add the note again."),
                  "warning")
            return _render_detail(db.session.get(LandCase, case_id), note_form=form, status=409)
    return _render_detail(case, note_form=form, status=422)


# --- delete and restore -----------------------------------------------------------------------
@bp.post("/<int:case_id>/delete")
@login_required
def delete(case_id: int):
    case = db.get_or_404(LandCase, case_id)
    perm.require(perm.can_delete_park_item(current_user, case))
    if case.is_deleted:
        abort(404)
    services.delete_case(case, current_user)  # a CaseError: an error page (hub.uow)
    uow.committed()
    flash(_("Case %(code)s deleted. An administrator can restore it.", code=case.parcel_code),
          "success")
    return redirect(url_for(".index"))


@bp.post("/<int:case_id>/restore")
@login_required
def restore(case_id: int):
    case = db.get_or_404(LandCase, case_id)
    perm.require(perm.can_restore(current_user, case))
    if not case.is_deleted:
        abort(404)
    services.restore_case(case, current_user)  # a CaseError: an error page (hub.uow)
    uow.committed()
    flash(_("Case %(code)s restored.", code=case.parcel_code), "success")
    return redirect(url_for(".detail", case_id=case.id))
