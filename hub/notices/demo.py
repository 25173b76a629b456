"""Demo notices for `hub seed-demo`: idempotent, keyed on the title. Some carry a 文号 and a
紧急程度 (特急 / 加急) and were signed for (签收) by some of their audience parks, not all, so
the 签收 column, the 催签 button and the urgent highlight have something to show."""

from datetime import date, timedelta

from sqlalchemy import select

from hub.auth.models import User
from hub.extensions import db
from hub.notices.models import (
    Notice,
    NoticeCategory,
    NoticeRead,
    NoticeSignoff,
    NoticeStatus,
    NoticeUrgency,
)
from hub.parks.queries import by_short_names
from hub.timeutil import utcnow

DEFAULT_CATEGORIES = ["资金补助", "荣誉共享", "土地", "环保", "人才", "审批", "规划", "其他"]

# (title, category, issuing park short name, author, publisher or None for a draft,
#  audience short names or None for all parks, days ago published, body, readers)
NOTICES = [
    ("关于申报2024年度园区企业技术改造资金补助的通知", "资金补助", "园区办", "zone_staff1", "admin",
     None, 12,
     "各园区：\n\n为支持园区企业技术改造，现启动**2024年度技术改造资金补助**申报工作。\n\n"
     "## 一、补助对象\n- 在我市园区注册、具有独立法人资格的工业企业\n"
     "- 近三年无重大安全、环保事故\n\n"
     "## 二、补助标准\n| 项目投资额 | 补助比例 |\n|---|---|\n| 500万元以上 | 设备投资的8% |\n"
     "| 2000万元以上 | 设备投资的10%，最高500万元 |\n\n"
     "## 三、申报时间\n请于**6月30日前**将汇总材料报园区办。",
     ["gxq_staff1", "tianxin_staff1", "jkq_admin", "liling_staff2"]),
    ("关于一区三园荣誉共享、统计数据共享的实施意见", "荣誉共享", "高新区", "gxq_staff1",
     "gxq_admin",
     ["高新区", "田心", "园区办"], 20,
     "为落实“一区三园”协同发展，田心高科园企业获得的国家级、省级荣誉称号，"
     "在高新区统计和考核中**共享计入**。\n\n1. 荣誉认定以主管部门正式文件为准；\n"
     "2. 统计数据按企业注册地报送，考核时合并计算；\n3. 每季度由园区办汇总一次。",
     ["tianxin_admin", "tianxin_staff2"]),
    ("园区环保监测平台上线运行及企业接入的通知", "环保", "园区办", "zone_staff2", "admin",
     None, 5,
     "园区**环保平台**（污染源在线监测、危废转移联单、环评审批信息）已上线。\n\n"
     "- 重点排污企业须于一个月内完成在线监测设备接入；\n"
     "- 平台地址与账号由各园区环保专干统一分配；\n"
     "- 操作手册见附件或平台帮助页。",
     ["chaling_staff1", "lukou_staff1"]),
    ("关于开展园区闲置土地和批而未供土地清理处置的通知", "土地", "经开区", "jkq_staff1",
     "jkq_admin",
     ["经开区", "醴陵", "茶陵", "渌口"], 8,
     "根据全市**土地清理处置**工作安排，请各园区对辖区内闲置土地、批而未供、供而未用土地"
     "逐宗登记核查，并在系统“土地清理处置”模块中录入台账。\n\n截止时间：本月底。",
     ["liling_admin"]),
    ("园区高层次人才引进与共享激励办法（试行）", "人才", "田心", "tianxin_staff1", "tianxin_admin",
     None, 3,
     "为促进园区间**人才共享**，对跨园区柔性引进的高层次人才和专家团队：\n\n"
     "- 按服务时长给予每人每年最高**10万元**工作补贴；\n"
     "- 企业间共享的技术骨干，其社保缴纳地不影响人才政策享受；\n"
     "- 申报材料经所在园区初审后报园区办。",
     []),
    ("园区企业项目审批“一网通办”事项清单（征求意见稿）", "审批", "醴陵", "liling_staff1", None,
     None, None,
     "附：园区赋权事项清单（直接行使 / 委托行使）草稿，请各科室核对后再提交园区管理员发布。",
     []),
]


# title → (文号, 紧急程度, users who signed for their park (签收), in order)
OA = {
    "关于申报2024年度园区企业技术改造资金补助的通知":
        ("株园办发〔2024〕18号", NoticeUrgency.URGENT,
         ["gxq_staff1", "tianxin_staff1", "jkq_admin"]),
    "园区环保监测平台上线运行及企业接入的通知":
        ("株园办发〔2024〕21号", NoticeUrgency.EXTRA_URGENT, ["chaling_staff1"]),
    "关于开展园区闲置土地和批而未供土地清理处置的通知":
        ("株经开管发〔2024〕9号", NoticeUrgency.NORMAL, ["liling_admin"]),
    "园区高层次人才引进与共享激励办法（试行）": ("田心高科发〔2024〕3号", NoticeUrgency.NORMAL, []),
}


def ensure_categories() -> dict[str, NoticeCategory]:
    existing = {c.name: c for c in db.session.execute(select(NoticeCategory)).scalars()}
    for index, name in enumerate(DEFAULT_CATEGORIES):
        if name not in existing:
            existing[name] = NoticeCategory(name=name, position=(index + 1) * 10, active=True)
            db.session.add(existing[name])
    db.session.flush()
    return existing


def seed() -> None:
    categories = ensure_categories()
    parks = by_short_names()
    users = {u.username: u for u in db.session.execute(select(User)).scalars()}
    now = utcnow()
    for (title, category, park, author, publisher, audience, days_ago, body,
         readers) in NOTICES:
        if park not in parks or author not in users:
            continue
        if db.session.execute(select(Notice.id).where(Notice.title == title)).first():
            continue
        notice = Notice(
            title=title, body=body, category=categories[category], park=parks[park],
            author_id=users[author].id, all_parks=audience is None,
            audience=[parks[s] for s in audience or [] if s in parks],
            effective_date=date.today() - timedelta(days=days_ago or 0) if days_ago else None,
        )
        doc_number, urgency, signers = OA.get(title, (None, NoticeUrgency.NORMAL, []))
        notice.doc_number, notice.urgency = doc_number, urgency
        if publisher and publisher in users:
            notice.status = NoticeStatus.PUBLISHED
            notice.published_at = now - timedelta(days=days_ago)
            notice.published_by_id = users[publisher].id
        else:
            notice.status = NoticeStatus.DRAFT
        db.session.add(notice)
        db.session.flush()
        for index, username in enumerate(readers):
            user = users.get(username)
            if user is not None and notice.status is NoticeStatus.PUBLISHED:
                db.session.add(NoticeRead(
                    notice_id=notice.id, user_id=user.id, park_id=user.park_id,
                    read_at=notice.published_at + timedelta(hours=2 + 5 * index)))
        if notice.status is NoticeStatus.PUBLISHED:
            _sign(notice, [users[u] for u in signers if u in users])
    db.session.commit()


def _sign(notice: Notice, signers: list[User]) -> None:
    """签收 by the parks of `signers` (audience parks only, once per park), hours after the
    notice was published."""
    audience = None if notice.all_parks else {p.id for p in notice.audience}
    done: set[int] = set()
    for index, user in enumerate(signers):
        if user.park_id in done or (audience is not None and user.park_id not in audience):
            continue
        done.add(user.park_id)
        db.session.add(NoticeSignoff(notice_id=notice.id, park_id=user.park_id, user_id=user.id,
                                     signed_at=notice.published_at
                                     + timedelta(hours=3 + 6 * index)))
