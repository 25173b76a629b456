"""The park and industry chain filter menus of the enterprise list and the scores page: the
parks that report figures (active, not the zone office), by registration; every chain, inactive
ones too (older figures name them), in the chains' own order."""

import re

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
    db.session.execute(db.delete(IndustryChain))
    db.session.add_all([IndustryChain(name="轨道交通", sort_order=2),
                        IndustryChain(name="航空", sort_order=1),
                        IndustryChain(name="旧产业链", sort_order=3, active=False)])
    db.session.commit()
    rnd = make_round()
    login(zone_admin)
    for url in ("/efficiency/enterprises/", f"/efficiency/rounds/{rnd.id}/scores"):
        page = client.get(url).get_data(as_text=True)
        assert _options(page, "f-park") == ["田心高科园", "麓谷园区"], url
        assert _options(page, "f-chain") == ["航空", "轨道交通", "旧产业链"], url
    assert zone_admin.park.kind is ParkKind.ZONE  # its park (the zone office) is not listed
