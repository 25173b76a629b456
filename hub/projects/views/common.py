"""The projects blueprint and what several of its route modules share."""

from flask import Blueprint, request
from flask_login import current_user
from sqlalchemy import select

from hub import permissions as perm
from hub.extensions import db
from hub.lists.labels import translated
from hub.parks.models import Park, ParkKind
from hub.projects import campaigns, exports
from hub.projects.models import MEASURE_LABELS, STAGE_LABELS, STAGES, Measure
from hub.projects.supervision import behind_text
from hub.validators import choices

bp = Blueprint("projects", __name__, url_prefix="/projects")
bp.add_app_template_global(behind_text, "behind_text")


@bp.context_processor
def labels():
    # the label maps translated once per language and process (hub.lists.labels), not on each
    # request: ~680 Python calls of every projects page (issue 16)
    return {"stage_label": translated(STAGE_LABELS).get, "STAGES": STAGES,
            "pct": exports.percent,
            "measure_label": translated(MEASURE_LABELS).get,
            "Measure": Measure, "MEASURES": campaigns.MEASURES,
            "month_key": campaigns.month_key}


_PARKS = select(Park.id, Park.name, Park.kind).order_by(Park.id)  # every park, as all_parks()


def parks():
    """(id, name) of the parks but the zone office (of every park when there is none other),
    by id: read as rows, not Park entities (~700 Python calls of the project list, issue 16)."""
    rows = db.session.execute(_PARKS).all()
    return [(i, name) for i, name, kind in rows if kind is not ParkKind.ZONE] or \
        [(i, name) for i, name, _kind in rows]


def park_choices(form) -> None:
    if perm.is_admin(current_user):
        form.park_id.choices = choices(parks())
    else:
        del form.park_id  # a park writes for itself only
    if request.method == "POST":  # a forged park id: 403
        raw = request.form.get("park_id", type=int)
        if raw is not None:
            perm.require(perm.can_write_for_park(current_user, raw))
