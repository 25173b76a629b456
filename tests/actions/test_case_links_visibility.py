"""A land case page lists the action items linked to it only as far as the viewer may see them
(issue 11, item 6): the rule of the action item's own page, hub.permissions."""

from hub.extensions import db
from hub.land.models import LandCase
from tests.actions.test_action_items import _publish


def test_case_page_hides_linked_items_of_meetings_the_viewer_cannot_see(client, world, as_user):
    case = LandCase(park_id=world.outsider.id, parcel_code="LL-2022-009",
                    location="醴陵经开区南区", area_mu=8)
    db.session.add(case)
    db.session.commit()
    [item] = _publish(client, world, as_user, [
        (world.other, "收回醴陵南区闲置地块", "2026-04-30", {"land_case_ids": str(case.id)}),
    ])

    as_user(world.outsider_staff)  # the case's own park, not a participant of the meeting
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "LL-2022-009" in html
    assert "收回醴陵南区闲置地块" not in html
    assert world.meeting.title not in html
    assert f"/meetings/actions/{item.id}" not in html
    assert client.get(f"/meetings/actions/{item.id}").status_code == 403

    as_user(world.other_staff)  # the owner park sees it, as on the item's own page
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "收回醴陵南区闲置地块" in html
    assert client.get(f"/meetings/actions/{item.id}").status_code == 200
