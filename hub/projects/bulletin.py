"""进度通报: a campaign's figures table, published as a notice (hub.notices) with the .xlsx.

The table is built from campaigns.progress (derived figures), so the bulletin says exactly what
the campaign page says.
"""

import io
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from hub.notices import services as notices
from hub.notices.models import NoticeCategory
from hub.projects import campaigns, exports
from hub.projects.models import MEASURE_LABELS, Campaign, Measure


def _num(value: Decimal | None, measure: Measure) -> str:
    if value is None:
        return "—"
    if measure is Measure.INVESTMENT:
        return f"{value / 10000:.2f}"  # 亿元
    return f"{value:.0f}"


def table(campaign: Campaign, month: date | None) -> tuple[list, list[list]]:
    """Rows: all parks, then each park; per measure the actual, the target and met/missed."""
    data = campaigns.progress(campaign)
    key = campaigns.month_key(month)
    header = [_("Park")]
    for measure in campaigns.MEASURES:
        label = str(MEASURE_LABELS[measure])
        if measure is Measure.INVESTMENT:
            label = _("Investment signed (100m yuan)")
        header += [label, _("Target"), _("Met")]
    rows = []
    for park_id, name in [(None, _("All parks"))] + [(p.id, p.name) for p in data["parks"]]:
        row = [name]
        for measure in campaigns.MEASURES:
            c = data["cell"](measure, park_id, key)
            met = "" if c.met is None else (_("met") if c.met else _("missed"))
            row += [_num(c.actual, measure), _num(c.target, measure), met]
        rows.append(row)
    return header, rows


def title(campaign: Campaign, month: date | None) -> str:
    if month is None:
        return _("Progress bulletin: %(name)s (whole period)", name=campaign.name)
    return _("Progress bulletin: %(name)s, %(month)s", name=campaign.name,
             month=month.strftime("%Y-%m"))


def body(campaign: Campaign, month: date | None, header: list, rows: list[list]) -> str:
    lines = [_("Figures counted from the projects and visits recorded in Park Hub "
               "(projects of %(min)s 万元 and more). The table is attached as .xlsx.",
               min=f"{campaign.min_investment:.0f}"), ""]
    lines.append("| " + " | ".join(str(h) for h in header) + " |")
    lines.append("|" + "---|" * len(header))
    for row in rows:
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def publish(actor, campaign: Campaign, month: date | None, category: NoticeCategory):
    """Create and publish the bulletin notice (to all parks) with the table attached."""
    header, rows = table(campaign, month)
    xlsx = exports.to_xlsx([(campaigns.month_key(month) or "total", header, rows)])
    name = f"{campaign.name}-{campaigns.month_key(month) or 'total'}.xlsx"
    upload = FileStorage(stream=io.BytesIO(xlsx), filename=name,
                         content_type=exports.XLSX)
    notice = notices.create(actor, {
        "park_id": actor.park_id, "title": title(campaign, month)[:200],
        "category_id": category.id, "body": body(campaign, month, header, rows),
        "all_parks": True, "effective_date": None, "expiry_date": None}, [], uploads=[upload])
    notices.publish(actor, notice, all_parks=True, audience=[], version=notice.version)
    return notice
