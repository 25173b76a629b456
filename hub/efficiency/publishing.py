"""The 亩均英雄榜 as a policy notice: a draft in the notices feature, with the list in its body
and as an attached `.xlsx`; the zone office publishes it there (draft → publish)."""

from io import BytesIO

from werkzeug.datastructures import FileStorage

from hub.efficiency import results, services, xlsx
from hub.efficiency.models import EvalRound
from hub.extensions import db
from hub.notices import services as notices
from hub.notices.models import NoticeCategory

HONOUR_CATEGORY = "荣誉共享"


def _category_id() -> int:
    rows = list(db.session.execute(
        db.select(NoticeCategory).where(NoticeCategory.active.is_(True))
        .order_by(NoticeCategory.position, NoticeCategory.id)).scalars())
    named = [c for c in rows if c.name == HONOUR_CATEGORY]
    return (named or rows)[0].id


def _body(rnd: EvalRound, heroes: results.Heroes, top: int) -> str:
    lines = [f"根据《亩均效益评价实施办法》，现将 {rnd.year} 年度亩均效益评价“亩均英雄榜”公布如下"
             f"（综合前 {top} 名，及各园区、各产业链前列企业）。完整名单见附件。", "",
             f"## 综合前 {top} 名", ""]
    lines += [f"{i}. {f.enterprise_name}（{f.park_name}，{f.score} 分）"
              for i, f in enumerate(heroes.overall, start=1)]
    sections = (("各园区前列企业", heroes.by_park), ("各产业链前列企业", heroes.by_chain))
    for title, groups in sections:
        lines += ["", f"## {title}", ""]
        for group, figs in groups:
            names = "、".join(f"{f.enterprise_name}（{f.score} 分）" for f in figs)
            lines.append(f"- **{group.name}**：{names}")
    return "\n".join(lines)


def draft_hero_notice(actor, rnd: EvalRound, top: int = 10):
    """Create (once) the draft notice of a published round's hero list; returns the notice."""
    if not rnd.is_published:
        raise services.EfficiencyError("not_published")
    if rnd.notice_id is not None:
        raise services.EfficiencyError("notice_exists")
    heroes = results.heroes(rnd, top=top)
    ranked = db.session.execute(results.export_select(rnd, results.accepted_clause(rnd)))
    upload = FileStorage(BytesIO(xlsx.export_figures(ranked)),
                         filename=f"{rnd.year}年度亩均效益评价结果.xlsx")
    data = {"park_id": actor.park_id, "title": f"{rnd.year}年度亩均英雄榜",
            "category_id": _category_id(), "body": _body(rnd, heroes, top), "all_parks": True,
            "effective_date": None, "expiry_date": None}
    notice = notices.create(actor, data, [], uploads=[upload])
    rnd.notice_id = notice.id
    return notice
