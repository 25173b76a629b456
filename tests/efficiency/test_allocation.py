"""要素差别化配置: the zone office sets policy lines per grade; each graded enterprise of a
published round gets its grade's lines, on the page and in the .xlsx."""

import io

from openpyxl import load_workbook

from hub.auth.models import Role
from hub.efficiency import collection, services
from hub.efficiency.models import SubmissionStatus
from hub.extensions import db
from tests.efficiency.conftest import cells


def test_policy_lines_reach_the_enterprises_of_their_grade(client, login, make_user,
                                                          make_enterprise, make_round,
                                                          make_park, zone_admin):
    rnd = make_round(2025)
    make_park("田心高科园", short_name="田心")  # the list shows the short name, the .xlsx the name
    strong = make_enterprise("田心高科园", name="高效企业")
    weak = make_enterprise("田心高科园", name="低效企业")
    sub = collection.get_submission(rnd, strong.park_id)
    data = {**cells(strong, tax="900", revenue="30000", employees="100"),
            **cells(weak, tax="30", revenue="600")}
    collection.save_grid(zone_admin, rnd, sub, [strong, weak],
                         collection.parse_grid([strong, weak], data))
    sub.status = SubmissionStatus.ACCEPTED
    db.session.commit()
    login(zone_admin)
    for grade, domain, measure in (("A", "land", "新增用地指标优先保障"),
                                   ("D", "energy", "执行差别电价，每千瓦时加价 0.1 元")):
        resp = client.post("/efficiency/policies",
                           data={"grade": grade, "domain": domain, "measure": measure})
        assert resp.status_code == 302
    assert client.post("/efficiency/policies", data={"grade": "A", "domain": "land",
                                                     "measure": ""}).status_code == 422
    services.publish_round(zone_admin, rnd)
    db.session.commit()

    client.post("/logout")
    login(make_user(park="醴陵经开区", role=Role.STAFF))  # published: every park may read
    page = client.get(f"/efficiency/rounds/{rnd.id}/allocation")
    rows = page.text[page.text.index('data-testid="allocation"'):]
    strong_row = rows[rows.index("高效企业"):rows.index("</tr>", rows.index("高效企业"))]
    weak_row = rows[rows.index("低效企业"):rows.index("</tr>", rows.index("低效企业"))]
    assert "新增用地指标优先保障" in strong_row and "差别电价" not in strong_row
    assert "<td>田心</td>" in strong_row
    assert "执行差别电价" in weak_row and "用能" in weak_row
    book = load_workbook(io.BytesIO(client.get(
        f"/efficiency/rounds/{rnd.id}/allocation.xlsx").data)).active
    lines = [(r[0], r[5], r[6]) for r in book.iter_rows(min_row=2, values_only=True)]
    assert ("低效企业", "用能", "执行差别电价，每千瓦时加价 0.1 元") in lines
    assert ("低效企业", weak.credit_code, "田心高科园", 16.2, "D", "用能",
            "执行差别电价，每千瓦时加价 0.1 元") in book.iter_rows(min_row=2, values_only=True)
    assert client.get("/efficiency/policies").status_code == 403
