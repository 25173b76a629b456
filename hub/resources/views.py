"""/admin/resources/: every park's notices, land cases and talent listings at a glance."""

from flask import Blueprint, render_template, url_for
from flask_babel import lazy_gettext as _l

from hub import permissions as perm
from hub.resources import services
from hub.timeutil import local_today

bp = Blueprint("resources", __name__, url_prefix="/admin/resources")

RESOURCE_LABELS = {
    "notices": _l("Policy notices"),
    "cases": _l("Land disposal cases"),
    "talent": _l("Talent listings"),
}
COUNT_LABELS = {
    ("notices", "draft"): _l("Draft"),
    ("notices", "published"): _l("Published"),
    ("notices", "withdrawn"): _l("Withdrawn"),
    ("notices", "deleted"): _l("Deleted"),
    ("cases", "open"): _l("Open cases"),
    ("cases", "overdue"): _l("Overdue"),
    ("cases", "disposed"): _l("Disposed"),
    ("cases", "deleted"): _l("Deleted"),
    ("talent", "open"): _l("Open"),
    ("talent", "expired"): _l("Expired"),
    ("talent", "deleted"): _l("Deleted"),
}
# (resource, count) → (endpoint, query arguments besides park) of the matching filtered list
LINKS = {
    ("notices", "draft"): ("notices.index", {"status": "draft"}),
    ("notices", "published"): ("notices.index", {"status": "published"}),
    ("notices", "withdrawn"): ("notices.index", {"status": "withdrawn"}),
    ("notices", "deleted"): ("notices.index", {"deleted": "1"}),
    ("cases", "open"): ("cases.index", {}),
    ("cases", "overdue"): ("cases.index", {"overdue": "1"}),
    ("cases", "disposed"): ("cases.index", {"status": "disposed"}),
    ("cases", "deleted"): ("cases.index", {"deleted": "1"}),
    ("talent", "open"): ("talent.index", {"status": "open"}),
    ("talent", "expired"): ("talent.index", {"expired": "only"}),
    ("talent", "deleted"): ("talent.index", {"deleted": "only", "expired": "include"}),
}


def link(resource: str, count: str, park_id: int | None) -> str:
    endpoint, args = LINKS[(resource, count)]
    return url_for(endpoint, **args, **({"park": park_id} if park_id else {}))


@bp.get("/")
@perm.admin_required
def index():
    data = services.overview(local_today())
    return render_template("resources/index.html", data=data, link=link,
                           resource_labels=RESOURCE_LABELS, count_labels=COUNT_LABELS)
