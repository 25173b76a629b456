"""Demo catalogue of empowered items (`hub seed-demo`): a sample of the city's 117 items — the 4
directly empowered (直接赋权) and some of the 24 delegated (委托行使), one 服务前移 and one
审批直报 — and the parks' handovers: 株洲高新区 runs most, others have signed or await, one
deferred. Signed handovers carry a (demo) signed document. Idempotent: skipped when items exist."""

import io
from datetime import date

from werkzeug.datastructures import FileStorage

from hub.auth.models import User
from hub.extensions import db
from hub.parks.queries import by_short_names
from hub.powers import services
from hub.powers.models import HandoverStatus, PowerItem, PowerMode

D, E, S, R = PowerMode.DIRECT, PowerMode.ENTRUSTED, PowerMode.SERVICE, PowerMode.REPORT
DUE = date(2026, 10, 31)
ITEMS = [
    ("企业投资项目备案", "市发改委", D, "《企业投资项目核准和备案管理条例》"),
    ("建设工程规划许可证核发", "市资规局", D, "《中华人民共和国城乡规划法》第四十条"),
    ("建筑工程施工许可证核发", "市住建局", D, "《中华人民共和国建筑法》第七条"),
    ("建设项目环境影响报告表审批", "市生态环境局", D, "《中华人民共和国环境影响评价法》"),
    ("建设用地规划许可证核发", "市资规局", E, "《中华人民共和国城乡规划法》第三十七条"),
    ("固定资产投资项目节能审查", "市发改委", E, "《固定资产投资项目节能审查办法》"),
    ("城镇污水排入排水管网许可", "市住建局", E, "《城镇排水与污水处理条例》"),
    ("城市建筑垃圾处置核准", "市城管局", E, "《城市建筑垃圾管理规定》"),
    ("食品生产许可", "市市场监管局", E, "《中华人民共和国食品安全法》"),
    ("人力资源服务许可", "市人社局", E, "《人力资源市场暂行条例》"),
    ("外商投资企业设立指导服务", "市商务局", S, "《中华人民共和国外商投资法》"),
    ("省级制造强省专项资金申报", "市工信局", R, "《湖南省制造强省专项资金管理办法》"),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RUN, SIGNED, DEFER = HandoverStatus.RUNNING, HandoverStatus.SIGNED, HandoverStatus.DEFERRED
# park short name → {item index: (status, signed, running, first case / reason)}
STATUS = {
    "高新区": {i: (RUN, date(2026, 3, 1), date(2026, 4, 10), "首件业务已办结")
               for i in range(9)},
    "田心": {0: (RUN, date(2026, 3, 5), date(2026, 5, 6), "某装备企业项目备案"),
             1: (SIGNED, date(2026, 6, 1), None, ""), 4: (SIGNED, date(2026, 6, 1), None, "")},
    "经开区": {0: (SIGNED, date(2026, 5, 20), None, ""),
               2: (RUN, date(2026, 4, 2), date(2026, 6, 18), "新能源汽车零部件厂房施工许可")},
    "醴陵": {0: (RUN, date(2026, 4, 8), date(2026, 7, 1), "陶瓷企业技改项目备案"),
             8: (DEFER, None, None, "园区暂无食品生产企业，承接条件不具备")},
    "茶陵": {0: (SIGNED, date(2026, 7, 15), None, "")},
}


def seed() -> None:
    if db.session.execute(db.select(PowerItem.id)).first():
        return
    admin = db.session.execute(db.select(User).where(User.username == "admin")).scalar()
    if admin is None:
        return
    items = []
    for name, department, mode, basis in ITEMS:
        items.append(services.save_item(admin, {
            "name": name, "department": department, "mode": mode, "legal_basis": basis,
            "handover_due": DUE if mode in (D, E) else None}))
    db.session.flush()
    parks = by_short_names()
    today = date(2026, 12, 31)
    for short, rows in STATUS.items():
        park = parks.get(short)
        if park is None:
            continue
        actor = db.session.execute(db.select(User).where(
            User.park_id == park.id).order_by(User.id)).scalars().first() or admin
        for index, (status, signed, running, text) in rows.items():
            row = services.handover_of(items[index], park.id)
            if status is HandoverStatus.DEFERRED:
                services.transition(actor, row, HandoverStatus.DEFERRED, on=date(2026, 8, 20),
                                    reason=text, today=today)
                continue
            doc = FileStorage(io.BytesIO(PDF), filename=f"{items[index].name}交接书.pdf")
            services.transition(actor, row, HandoverStatus.SIGNED, on=signed, uploads=[doc],
                                today=today)
            if status is HandoverStatus.RUNNING:
                services.transition(actor, row, HandoverStatus.RUNNING, on=running,
                                    first_case=text, today=today)
    db.session.commit()
