"""The enterprise register's list (企业库): each row's park and industry chain, the edit link where
the user may edit; and the park and chain filter menus of the list and the scores page: the
parks that report figures (active, not the zone office), by registration; every chain, inactive
ones too (older figures name them), in the chains' own order."""

import re

from hub.efficiency import services
from hub.efficiency.models import IndustryChain
from hub.extensions import db
from hub.parks.models import ParkKind


def _options(page: str, select_id: str) -> list[str]:
    menu = page.split(f'id="{select_id}"')[1].split("</select>")[0]
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", menu)


def test_menus_list_reporting_parks_and_every_chain(client, login, zone_admin, make_park,
                                                    make_round):
    make_park("田心高科园")
    make_park("麓谷园区")
    make_park("已撤销园区", active=False)
    db.session.add_all([IndustryChain(name="测试链乙", sort_order=-1),
                        IndustryChain(name="测试链甲", sort_order=-2),
                        IndustryChain(name="旧产业链", sort_order=999, active=False)])
    db.session.commit()
    chains = [c.name for c in services.chains(active_only=False)]  # with the default list
    assert chains[:2] == ["测试链甲", "测试链乙"] and chains[-1] == "旧产业链"
    rnd = make_round()
    login(zone_admin)
    for url in ("/efficiency/enterprises/", f"/efficiency/rounds/{rnd.id}/scores"):
        page = client.get(url).get_data(as_text=True)
        assert _options(page, "f-park") == ["田心高科园", "麓谷园区"], url
        assert _options(page, "f-chain") == chains, url
    assert zone_admin.park.kind is ParkKind.ZONE  # its park (the zone office) is not listed


def test_rows_show_park_chain_and_the_edit_link_of_own_park(client, login, make_user,
                                                             make_park, make_enterprise):
    mine = make_park("田心高科园", short_name="田心")
    chain = IndustryChain(name="测试轨道交通", sort_order=-1)
    db.session.add(chain)
    db.session.commit()
    own = make_enterprise(mine, name="田心机车甲", chain=chain)
    theirs = make_enterprise(make_park("醴陵经开区", short_name="醴陵"), name="醴陵陶瓷乙")
    login(make_user(park=mine, role="park_admin"))
    page = client.get("/efficiency/enterprises/").get_data(as_text=True)
    row = page.split("田心机车甲")[1].split("</tr>")[0]
    assert "<td>田心</td>" in row and "<td>测试轨道交通</td>" in row
    assert f'href="/efficiency/enterprises/{own.id}/edit"' in row
    row = page.split("醴陵陶瓷乙")[1].split("</tr>")[0]
    assert "<td>醴陵</td>" in row and "<td>—</td>" in row  # no chain
    assert f"/enterprises/{theirs.id}/edit" not in row
