"""Who the private feed /calendar/<token>.ics still answers for (issue 11, item 3): nobody whose
account or park is deactivated, and not the address known before an admin password reset."""

import re

from hub.admin import services as admin
from hub.calendar import services as calendar
from hub.extensions import db


def feed_status(client, token: str) -> int:
    return client.get(f"/calendar/{token}.ics").status_code


def test_the_feed_is_refused_while_the_account_is_deactivated(app, client, make_user):
    zone_admin = make_user(role="admin", park="园区办")
    user = make_user()
    token = calendar.ensure_feed(user).token
    assert feed_status(client, token) == 200

    admin.set_account_active(zone_admin, user, False)
    db.session.commit()
    assert feed_status(client, token) == 404
    admin.set_account_active(zone_admin, user, True)
    db.session.commit()
    assert feed_status(client, token) == 200


def test_the_feed_is_refused_while_the_park_is_deactivated(app, client, make_user, make_park):
    zone_admin = make_user(role="admin", park="园区办")
    park = make_park("醴陵经开区")
    user = make_user(park=park)
    token = calendar.ensure_feed(user).token
    assert feed_status(client, token) == 200

    admin.set_park_active(zone_admin, park, False)
    db.session.commit()
    assert feed_status(client, token) == 404
    admin.set_park_active(zone_admin, park, True)
    db.session.commit()
    assert feed_status(client, token) == 200


def test_an_admin_password_reset_renews_the_feed_address(app, client, login, make_user):
    user = make_user()
    old = calendar.ensure_feed(user).token
    assert login(make_user(role="admin", park="园区办")).status_code == 302
    resp = client.post(f"/admin/users/{user.id}/reset-password")
    temporary = re.search(r'data-testid="one-time-password">([^<]+)<',
                          resp.get_data(as_text=True)).group(1).strip()
    client.post("/logout")
    assert feed_status(client, old) == 404

    # the user signs in with the one-time password, chooses their own, and gets a new address
    login(user, temporary)
    client.post("/account/password", data={"current_password": temporary,
                                           "new_password": "my-own-password-2026",
                                           "confirm_password": "my-own-password-2026"})
    page = client.get("/calendar/").get_data(as_text=True)
    new = re.search(r"/calendar/([\w-]+)\.ics", page).group(1)
    assert new != old
    assert feed_status(client, new) == 200
    assert feed_status(client, old) == 404
