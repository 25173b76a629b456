"""GET /search?q= — results grouped by kind; ?kind= pages through one kind."""

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from hub import edge
from hub.search import services

bp = Blueprint("search", __name__)

PER_GROUP = 20  # results per kind on the grouped page, and per page of one kind

KIND_LABELS = {
    "notice": _l("Policy notices"),  # 政策通知
    "case": _l("Land disposal"),  # 土地处置
    "talent": _l("Talent"),  # 人才
}


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
        limit=PER_GROUP,
        offset=(page - 1) * PER_GROUP if kind else 0,
    )
    return render_template(
        "search/index.html", q=q, results=results, kind=kind, page=page, per_page=PER_GROUP,
        kind_labels=KIND_LABELS, max_length=services.MAX_QUERY_LENGTH,
    )
