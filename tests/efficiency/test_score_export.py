"""The scores export: one row per enterprise of the list, in its order, every column filled from
the enterprise, its park and chain and its figures (a chain-less enterprise: empty cell)."""

import io

from openpyxl import load_workbook

from hub.efficiency import collection
from hub.efficiency.models import IndustryChain
from hub.extensions import db
from tests.efficiency.conftest import cells


def test_scores_export_has_every_column_of_every_enterprise_in_score_order(
        client, login, make_enterprise, make_round, make_park, zone_admin):
    rnd = make_round(2025)
    chain = db.session.execute(db.select(IndustryChain).where(
        IndustryChain.name == "轨道交通")).scalar_one()  # of the migration's default list
    tianxin = make_park("田心高科园", short_name="田心")
    liling = make_park("醴陵经开区", short_name="醴陵")
    weak = make_enterprise(tianxin, name="低效企业", county="石峰区")
    strong = make_enterprise(liling, name="高效企业", chain=chain, land="40")
    for ent, values in ((weak, {"tax": "30", "revenue": "600", "rd": ""}),
                        (strong, {"tax": "900", "revenue": "30000", "land_mu": "40.5"})):
        sub = collection.get_submission(rnd, ent.park_id)
        collection.save_grid(zone_admin, rnd, sub, [ent],
                             collection.parse_grid([ent], cells(ent, **values)))
    db.session.commit()
    login(zone_admin)

    sheet = load_workbook(io.BytesIO(
        client.get(f"/efficiency/rounds/{rnd.id}/scores.xlsx").data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("名次", "企业名称", "统一社会信用代码", "园区", "产业链", "县市区",
                       "税收（万元）", "营业收入（万元）", "综合能耗（吨标煤）",
                       "主要污染物排放（吨）", "研发经费（万元）", "从业人员（人）",
                       "实际用地（亩）", "得分", "分类")
    assert rows[1] == (1, "高效企业", strong.credit_code, "醴陵经开区", "轨道交通", "天元区",
                       900, 30000, 1200, 12, 180, 200, 40.5, 110, "A")
    assert rows[2] == (2, "低效企业", weak.credit_code, "田心高科园", None, "石峰区",
                       30, 600, 1200, 12, None, 200, 50, 4.2, "D")
    assert len(rows) == 3
    chain_only = load_workbook(io.BytesIO(client.get(
        f"/efficiency/rounds/{rnd.id}/scores.xlsx?chain={chain.id}").data)).active
    assert [r[1] for r in chain_only.iter_rows(min_row=2, values_only=True)] == ["高效企业"]
