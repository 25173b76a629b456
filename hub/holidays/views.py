"""节假日安排 (/admin/holidays/): the years and their provenance; enter or paste a year's
arrangement, preview the meetings it moves, save (re-plans and tells the participants)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hub import permissions as perm
from hub import uow
from hub.holidays import notice, replan, services
from hub.holidays.forms import FIRST_YEAR, LAST_YEAR, ArrangementForm, YearPickForm, problem_message
from hub.holidays.models import HolidayYear
from hub.meetings.services import horizon_for
from hub.timeutil import local_today, utcnow

bp = Blueprint("holidays", __name__, url_prefix="/admin/holidays")


@bp.before_request
def _admins_only():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    perm.require(perm.can_manage_holidays(current_user))
    return None


@bp.get("/")
def index():
    today = local_today(utcnow())
    uow.attempt(lambda: services.ensure_years(range(today.year, horizon_for(today).year + 1)))
    pick = YearPickForm(request.args if "year" in request.args else None)
    if "year" in request.args and pick.validate():
        return redirect(url_for(".edit", year=pick.year.data))
    return render_template("holidays/index.html", years=services.list_years(), pick=pick,
                           today=today)


def _token(data, row: HolidayYear | None) -> str:
    """What a preview was made for: the typed data and the year's stored data."""
    return services.data_hash(data.ranges, data.workdays) + ":" + (row.data_hash if row else "")


@bp.route("/<int:year>", methods=["GET", "POST"])
def edit(year: int):
    if not FIRST_YEAR <= year <= LAST_YEAR:
        abort(404)
    row = services.get_year(year)
    form = ArrangementForm()
    if request.method == "GET":
        form.text.data = (row.notice or notice.to_text(services.year_data(row))) if row else ""
    moves = parsed = None
    if form.validate_on_submit():
        try:
            parsed = notice.parse(form.text.data, year)
        except notice.NoticeErrors as errors:
            form.text.errors = [problem_message(p) for p in errors.problems]
        else:
            token = _token(parsed, row)
            previewed = form.previewed.data == token
            if form.save.data and previewed:
                saved = uow.attempt(lambda: replan.save(current_user, year, parsed,
                                                        form.text.data), form=form)
                if saved:
                    _row, moves = saved.value
                    flash(_("The %(year)d arrangement is saved as official; %(count)d "
                            "meeting(s) re-planned and their participants told.", year=year,
                            count=len(moves)), "success")
                    return redirect(url_for(".edit", year=year))
            elif form.save.data:
                flash(_("The text or the stored arrangement changed since the preview: check "
                        "the preview below, then save."), "warning")
            moves = replan.preview(year, parsed)
            form.previewed.data = token
    return render_template("holidays/edit.html", year=year, row=row, form=form,
                           parsed=parsed, moves=moves)
