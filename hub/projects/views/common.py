"""The projects blueprint and what several of its route modules share."""

from flask import Blueprint, request
from flask_login import current_user

from hub import permissions as perm
from hub.parks.queries import all_parks
from hub.projects import campaigns, exports
from hub.projects.models import MEASURE_LABELS, STAGE_LABELS, STAGES, Measure
from hub.projects.supervision import behind_text
from hub.validators import choices

bp = Blueprint("projects", __name__, url_prefix="/projects")
bp.add_app_template_global(behind_text, "behind_text")


@bp.context_processor
def labels():
    return {"stage_label": {k: str(v) for k, v in STAGE_LABELS.items()}.get, "STAGES": STAGES,
            "pct": exports.percent,
            "measure_label": {k: str(v) for k, v in MEASURE_LABELS.items()}.get,
            "Measure": Measure, "MEASURES": campaigns.MEASURES,
            "month_key": campaigns.month_key}


def parks():
    return [(p.id, p.name) for p in all_parks() if p.kind.value != "zone"] or \
        [(p.id, p.name) for p in all_parks()]


def park_choices(form) -> None:
    if perm.is_admin(current_user):
        form.park_id.choices = choices(parks())
    else:
        del form.park_id  # a park writes for itself only
    if request.method == "POST":  # a forged park id: 403
        raw = request.form.get("park_id", type=int)
        if raw is not None:
            perm.require(perm.can_write_for_park(current_user, raw))
