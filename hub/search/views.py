"""GET /search?q= — results grouped by kind; ?kind= pages through one kind."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import edge
from hub.actions.forms import STATUS_BADGES as ACTION_BADGES
from hub.actions.forms import STATUS_LABELS as ACTION_LABELS
from hub.meetings.models import MeetingStatus, MinutesStatus
from hub.search import services
from hub.ui import url_around

bp = Blueprint("search", __name__)

PER_GROUP = 5  # results per kind on the grouped page (everything): each links to its kind's page
PER_PAGE = 20  # results per page of one kind (?kind=)
# the grouped page ranks and counts at most this many matches per kind (its kind page: cap(kind))
GROUPED_MATCHES = 50

KIND_LABELS = {
    "notice": _l("Policy notices"),  # 政策通知
    "case": _l("Land disposal"),  # 土地处置
    "talent": _l("Talent"),  # 人才
    "meeting": _l("Meetings"),  # 会议
    "minutes": _l("Minutes"),  # 会议纪要
    "action": _l("Action items"),  # 督办事项
}

# kind → status value → (label, badge class): a status worth showing beside a result
BADGES = {
    "meeting": {MeetingStatus.CANCELLED.value: (_l("Cancelled"), "text-bg-secondary")},
    "minutes": {MinutesStatus.DRAFT.value: (_l("Draft"), "text-bg-secondary"),
                MinutesStatus.CONSULTING.value: (_l("Out for comment"), "text-bg-warning")},
    "action": {status.value: (label, ACTION_BADGES.get(status, "text-bg-light"))
               for status, label in ACTION_LABELS.items()},
}


def _hit_url(hit) -> str:
    """The same URL as url_for(hit.endpoint, **hit.url_args), without building it per hit
    (0.9 ms of CPU for ~90 hits, bench/results/2026-12-06-s6-srch.md)."""
    ((arg, value),) = hit.url_args.items()
    if not isinstance(value, int) or value < 0:
        return url_for(hit.endpoint, **hit.url_args)
    before, after = url_around(hit.endpoint, arg)
    return f"{before}{value}{after}"


@bp.get("/search")
@login_required  # every signed-in user may search; the service returns only what they may see
def index():
    q = request.args.get("q", "", type=str)
    kind = request.args.get("kind", "", type=str)
    if kind not in services.KINDS:
        kind = ""
    page = max(1, min(edge.query_int("page", 1) or 1, 1000))
    results = services.search(
        current_user, q,
        kinds=[kind] if kind else None,
        limit=PER_PAGE if kind else PER_GROUP,
        offset=(page - 1) * PER_PAGE if kind else 0,
        max_matches=None if kind else GROUPED_MATCHES,
    )
    return render_template(
        "search/index.html", q=q, results=results, kind=kind, page=page, per_page=PER_PAGE,
        # the lazy labels translated once, not at each of their ~60 uses on a full page
        kind_labels={k: str(label) for k, label in KIND_LABELS.items()},
        badges={k: {s: (str(label), css) for s, (label, css) in by_status.items()}
                for k, by_status in BADGES.items()},
        max_length=services.MAX_QUERY_LENGTH, hit_url=_hit_url,
        kind_caps={k: services.cap(v) for k, v in services.KINDS.items()},
    )
