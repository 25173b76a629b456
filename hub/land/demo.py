"""Demo land cases (`hub seed-demo`): idempotent, keyed by park + parcel code."""

from datetime import timedelta
from decimal import Decimal

from hub.auth.models import User
from hub.extensions import db
from hub.land import services
from hub.land.models import CaseStatus, LandCase
from hub.parks.queries import by_short_name
from hub.timeutil import local_today

# (park short name, parcel code, location, 亩, holder, problem, disposal, assignee username,
#  deadline in days from today, [(status, note)...] steps after registration, description)
CASES = [
    ("高新区", "ZZGX-2022-017", "天元区黄河南路与长江南路交汇处西北角", "56.30",
     "株洲某某新材料有限公司", "idle", "reclaim", "gxq_staff1", 45,
     [("verifying", "已赴现场核查，地块围墙完好，未见开工迹象。"),
      ("disposing", "已下发闲置土地认定书，启动收回程序。")],
     "2019年出让，约定2020年底前开工，至今未动工。"),
    ("高新区", "ZZGX-2021-009", "天元区栗雨工业园珠江北路东侧", "23.75",
     "株洲某某电子科技有限公司", "inefficient", "revitalize", "gxq_staff2", -20,
     [("verifying", "亩均税收不足园区平均水平三成，已约谈企业。")],
     "厂房利用率约40%，拟引入配套企业共同盘活。"),
    ("高新区", "ZZGX-2020-031", "天元区仙月环路南侧", "12.00",
     "株洲某某机械制造有限公司", "supplied_not_used", "transfer", "gxq_staff1", 15,
     [("verifying", "核查发现该宗地已被法院查封。"),
      ("suspended", "企业涉及司法查封，待法院裁定后再推进。")],
     "供地后因资金链问题停建。"),
    ("田心", "TXGK-2022-004", "石峰区田心大道北侧机车配套园", "8.60",
     "株洲某某轨道交通装备有限公司", "inefficient", "swap", "tianxin_staff1", 90,
     [], "与相邻地块置换后可整合为标准厂房用地。"),
    ("田心", "TXGK-2021-012", "石峰区响石岭片区", "31.40",
     "", "approved_not_supplied", "other", "tianxin_staff2", 30,
     [("verifying", "规划条件已调整，待重新组卷报批。")],
     "2020年批次用地，因征拆未完成尚未供地。"),
    ("经开区", "ZZJK-2021-006", "荷塘区金山新城工业片区", "44.10",
     "株洲某某汽车零部件有限公司", "idle", "reclaim", "jkq_staff1", -10,
     [("verifying", "现场核查确认闲置满两年。"),
      ("disposing", "企业同意协议收回，正在评估补偿。")],
     "已缴清出让金，未按期开工。"),
    ("经开区", "ZZJK-2020-002", "荷塘区新塘路东侧", "15.25",
     "株洲某某物流有限公司", "supplied_not_used", "revitalize", "jkq_staff2", None,
     [("verifying", "企业提交了新的建设计划。"),
      ("disposing", "企业已取得施工许可。"),
      ("disposed", "主体工程已开工，案件办结。")],
     "供而未用，经督促后已重新启动建设。"),
    ("醴陵", "LLJK-2022-021", "醴陵市陶瓷科技工业园瓷谷大道西侧", "18.90",
     "醴陵某某陶瓷有限公司", "inefficient", "transfer", "liling_staff1", 120,
     [], "窑炉生产线停产，拟整体转让给园区内龙头企业。"),
    ("茶陵", "CLJK-2021-008", "茶陵县经开区东阳片区", "27.50",
     "茶陵某某新能源有限公司", "idle", "revitalize", "chaling_staff1", 60,
     [("verifying", "已完成土地使用现状调查。")],
     "项目投资方变更，拟引入新投资方盘活。"),
    ("渌口", "LKJK-2022-003", "渌口区南洲新区工业园", "9.80",
     "株洲某某生物科技有限公司", "other", "other", "lukou_staff1", 75,
     [], "用途与规划不符，需进一步研究处置方式。"),
]


def seed() -> None:
    today = local_today()
    for (short, code, location, area, holder, problem, disposal, username, days, steps,
         description) in CASES:
        park = by_short_name(short)
        if park is None:
            continue
        exists = db.session.execute(db.select(LandCase.id).where(
            LandCase.park_id == park.id, LandCase.parcel_code == code)).first()
        if exists:
            continue
        users = {u.username: u for u in db.session.execute(
            db.select(User).where(User.park_id == park.id)).scalars()}
        actor = users.get(username) or users.get(f"{username.split('_')[0]}_admin")
        if actor is None:
            continue
        case = services.create_case(actor, {
            "park_id": park.id, "parcel_code": code, "location": location,
            "area_mu": Decimal(area), "holder": holder, "problem_type": problem,
            "disposal": disposal, "assignee_id": actor.id,
            "deadline": today + timedelta(days=days) if days is not None else None,
            "description": description,
        }, note="根据2022年土地清理处置工作方案登记。")
        for status, note in steps:
            services.transition(case, CaseStatus(status), actor, note)
        db.session.flush()
    db.session.commit()
