"""Demo talent listings across the parks (`hub seed-demo`). Idempotent: keyed on park + title."""

from datetime import timedelta

from hub.auth.models import User
from hub.extensions import db
from hub.parks.queries import by_short_name
from hub.talent import services
from hub.talent.models import ListingStatus, TalentListing
from hub.timeutil import local_today

# (park short name, user code, kind, title, field, education, headcount, enterprise,
#  contact person, phone, email, days until expiry, status, description)
LISTINGS = [
    ("高新区", "gxq", "demand", "轨道交通装备电气工程师", "轨道交通装备", "bachelor", 5,
     "某轨道交通装备有限公司", "李明", "0731-28680011", "hr@gxq-demo.local", 60, "open",
     "负责牵引变流器电气设计与调试。\n\n- 电气工程及其自动化相关专业\n"
     "- 3 年以上轨道交通项目经验优先"),
    ("高新区", "gxq", "demand", "IGBT 功率半导体工艺工程师", "功率半导体", "master", 3,
     "株洲高新区功率半导体产业园企业", "李明", "0731-28680011", "", 45, "open",
     "参与 IGBT 芯片封装工艺开发，熟悉半导体洁净车间管理。"),
    ("田心", "tianxin", "offer", "轨道交通车辆检修专家团队", "轨道交通装备", "bachelor", 6,
     "田心高科园技术服务中心", "王芳", "0731-28680002", "tianxin@parkhub.local", 120, "open",
     "由 6 名高级工程师组成，可为各园区企业提供转向架与车体检修技术咨询、员工培训。"),
    ("醴陵", "liling", "offer", "陶瓷新材料专家团队", "陶瓷新材料", "doctor", 4,
     "醴陵陶瓷新材料研究院", "刘洋", "0731-28680004", "liling@parkhub.local", 180, "open",
     "在电瓷、精密陶瓷、3D 打印陶瓷方面有成熟成果，可赴兄弟园区企业开展技术对接与联合攻关。"),
    ("醴陵", "liling", "demand", "日用陶瓷釉料研发工程师", "陶瓷", "college", 2,
     "醴陵某日用陶瓷有限公司", "刘洋", "0731-28680004", "", 30, "open",
     "负责釉料配方调试与窑炉烧成曲线优化，有陶瓷企业工作经历者优先。"),
    ("经开区", "jkq", "demand", "新能源汽车电池包结构工程师", "新能源汽车", "bachelor", 4,
     "株洲经开区新能源汽车零部件企业", "赵强", "0731-28680003", "jkq@parkhub.local", 75, "open",
     "负责动力电池包结构设计与仿真分析，熟练使用 CATIA / ANSYS。"),
    ("茶陵", "chaling", "demand", "电子信息产线技术员", "电子信息", "college", 20,
     "茶陵经开区电子信息产业园企业", "陈静", "0731-28680005", "", 40, "open",
     "SMT 产线操作与设备维护，提供食宿，可接受应届毕业生。"),
    ("渌口", "lukou", "offer", "服装设计与电商运营人才推荐", "服装", "bachelor", 3,
     "渌口经开区服饰产业创新中心", "周伟", "0731-28680006", "lukou@parkhub.local", 90, "open",
     "3 名具有品牌女装设计和直播电商运营经验的人才，愿意到兄弟园区企业短期交流。"),
    ("高新区", "gxq", "demand", "硬质合金材料研发工程师", "有色金属新材料", "master", 2,
     "某硬质合金有限公司", "李明", "0731-28680011", "", 50, "filled",
     "岗位已通过园区人才共享对接满足，保留作为记录。"),
    ("田心", "tianxin", "demand", "航空发动机零部件数控技师", "航空动力", "college", 8,
     "田心高科园航空零部件企业", "王芳", "0731-28680002", "", -10, "open",
     "五轴数控加工中心操作与编程，持高级工证书优先。本条已过有效期，仅在“包含已过期”筛选下可见。"),
]


def seed() -> None:
    today = local_today()
    for (short, code, kind, title, field, education, headcount, enterprise, person, phone,
         email, days, status, description) in LISTINGS:
        park = by_short_name(short)
        if park is None:
            continue
        exists = db.session.execute(
            db.select(TalentListing.id).where(TalentListing.park_id == park.id,
                                              TalentListing.title == title)
        ).first()
        if exists:
            continue
        author = db.session.execute(
            db.select(User).where(User.username == f"{code}_staff1")
        ).scalar()
        if author is None:
            continue
        listing = services.create(author, {
            "park_id": park.id, "kind": kind, "title": title, "field": field,
            "education": education, "headcount": headcount, "enterprise": enterprise,
            "contact_person": person, "contact_phone": phone, "contact_email": email,
            "description": description, "expires_on": today + timedelta(days=days),
        })
        if ListingStatus(status) is not ListingStatus.OPEN:
            services.transition(author, listing, ListingStatus(status))
    db.session.commit()
