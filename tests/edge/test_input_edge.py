"""Input at the edge (issue 11, items 1 and 7): numbers beyond the database's range, request
arguments that `url_for` would take as its own, far dates, an over-long time zone, invisible
characters in names, and a POST without its CSRF token."""

import re

import pytest
from flask import url_for

from hub import edge
from hub.attachments.services import clean_filename
from hub.auth.models import User
from hub.extensions import db
from hub.notify.models import Notification
from hub.parks.models import Park, ParkKind
from tests.conftest import PASSWORD

HUGE = ["99999999999999999999999", "9223372036854775808", "2147483648"]


@pytest.fixture
def admin(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role="admin", username="admin")


@pytest.fixture
def signed_in(client, login, admin):
    login(admin)
    return client


# --- integers beyond 64 bits ---------------------------------------------------------------------
ID_PATHS = ["/cases/{n}", "/cases/{n}/edit", "/notices/{n}", "/talent/{n}", "/meetings/{n}",
            "/meetings/{n}.ics", "/meetings/{n}/minutes/revisions/{n}", "/meetings/series/{n}",
            "/meetings/actions/{n}", "/attachments/{n}", "/admin/users/{n}/edit",
            "/admin/parks/{n}/edit"]


@pytest.mark.parametrize("number", HUGE)
@pytest.mark.parametrize("path", ID_PATHS)
def test_ids_beyond_the_database_range_are_not_found(signed_in, path, number):
    assert signed_in.get(path.format(n=number)).status_code == 404


QUERY_INTS = [("/cases/", "park"), ("/cases/", "page"), ("/meetings/", "page"),
              ("/meetings/", "series"), ("/meetings/", "park"), ("/meetings/month", "park"),
              ("/meetings/month", "y"), ("/meetings/month", "m"), ("/meetings/actions/", "park"),
              ("/meetings/actions/", "series"), ("/meetings/actions/", "page"),
              ("/notices/", "after"), ("/notices/", "before"), ("/notices/", "category"),
              ("/notices/", "park"), ("/notices/", "page"), ("/talent/", "park"),
              ("/talent/", "page"), ("/notifications/", "page"), ("/admin/users/", "park"),
              ("/admin/users/", "page"), ("/admin/audit/", "park"), ("/admin/audit/", "user"),
              ("/admin/audit/", "page"), ("/notifications/admin/outbox", "page"),
              ("/search?q=园区&", "page")]


@pytest.mark.parametrize(("path", "arg"), QUERY_INTS)
def test_huge_query_numbers_are_refused_or_ignored(signed_in, path, arg):
    for number in [*HUGE, "-" + HUGE[0]]:
        sep = "" if path.endswith("&") else "?"
        resp = signed_in.get(f"{path}{sep}{arg}={number}")
        assert resp.status_code in (200, 400, 404), (path, arg, number)


# --- request arguments that url_for would take as its own ---------------------------------------
HOSTILE_ARGS = "endpoint=x&_method=POST&_external=&_scheme=https&_anchor=top&values=1"
LISTS = ["/cases/", "/meetings/", "/meetings/month", "/meetings/actions/", "/talent/",
         "/notices/", "/notifications/", "/admin/users/", "/admin/audit/", "/search?q=园区",
         "/meetings/actions/ledger", "/efficiency/enterprises/", "/powers/"]


@pytest.fixture
def long_lists(admin):
    """Enough rows for a second page on the notification centre and the account list."""
    db.session.add_all(Notification(user_id=admin.id, kind="test", title=f"通知{n}")
                       for n in range(45))
    for n in range(55):
        user = User(username=f"bulk{n}", display_name=f"批量{n}", park_id=admin.park_id)
        user.set_password("x-very-long-password")
        db.session.add(user)
    db.session.commit()


@pytest.mark.parametrize("path", LISTS)
def test_pager_sort_and_filter_links_keep_only_known_arguments(signed_in, long_lists, path):
    sep = "&" if "?" in path else "?"
    resp = signed_in.get(f"{path}{sep}page=1&{HOSTILE_ARGS}")
    assert resp.status_code == 200
    links = re.findall(r'href="([^"]*)"', resp.get_data(as_text=True))
    if path in ("/cases/", "/meetings/month", "/notifications/", "/admin/users/"):
        assert any("page=" in link or "sort=" in link or "y=" in link for link in links)
    for link in links:
        for bad in ("endpoint=", "_method", "_scheme", "_external", "_anchor", "https://",
                    "#top", "values="):
            assert bad not in link, (path, link)


def test_link_args_is_an_allow_list(app):
    with app.test_request_context(f"/cases/?park=3&page=2&sort=deadline&{HOSTILE_ARGS}"):
        assert edge.link_args("page") == {"park": "3", "sort": "deadline"}
        assert edge.link_args("page", sort="parcel") == {"park": "3", "sort": "parcel"}
        assert url_for("cases.index", **edge.link_args()) == \
            "/cases/?park=3&page=2&sort=deadline"


def test_pager_links_of_a_second_page_carry_the_filter(signed_in, long_lists, admin):
    html = signed_in.get(f"/admin/users/?park={admin.park_id}&endpoint=x").get_data(as_text=True)
    assert f"/admin/users/?page=2&amp;park={admin.park_id}" in html


# --- far dates and the time zone ----------------------------------------------------------------
def test_far_dates_in_list_filters(signed_in):
    assert signed_in.get("/notices/?date_to=9999-12-31").status_code == 200
    assert signed_in.get("/notices/?date_from=0001-01-01&date_to=9999-12-31").status_code == 200
    resp = signed_in.get("/admin/audit/?date_to=9999-12-31")
    assert resp.status_code == 200
    assert "1900" in resp.get_data(as_text=True)  # the field says which dates it takes


@pytest.mark.parametrize("path", ["/meetings/new", "/meetings/series/new"])
def test_an_over_long_time_zone_is_a_form_error(signed_in, path):
    resp = signed_in.post(path, data={"title": "联席会议", "timezone": "Asia/" + "x" * 300,
                                      "start_time": "09:30", "duration_minutes": "120"})
    assert resp.status_code == 422  # the form again, with its errors
    assert "未知时区" in resp.get_data(as_text=True)


# --- invisible characters in names ----------------------------------------------------------------
def test_bidi_and_zero_width_characters_leave_file_names():
    assert clean_filename("invoice\u202etxt.exe.txt") == "invoicetxt.exe.txt"
    assert clean_filename("a\u200bb\u2066c\u2069\ufeff.pdf") == "abc.pdf"
    assert clean_filename("会议纪要（终稿）.docx") == "会议纪要（终稿）.docx"


def test_bidi_characters_leave_shown_names(signed_in, admin):
    resp = signed_in.post("/admin/users/new", data={
        "username": "spoof", "display_name": "王\u202e芳\u200b", "park_id": admin.park_id,
        "role": "staff"})
    assert resp.status_code == 200
    user = db.session.execute(db.select(User).where(User.username == "spoof")).scalar_one()
    assert user.display_name == "王芳"


# --- CSRF ----------------------------------------------------------------------------------------
def test_a_post_without_csrf_token_is_refused_in_chinese(bare_client, admin):
    resp = bare_client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert resp.status_code == 400
    assert "表单已过期或并非从本站提交" in resp.get_data(as_text=True)

    # signed in with the token of the login form, a forged POST without one is still refused
    page = bare_client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    resp = bare_client.post("/login", data={"username": "admin", "password": PASSWORD,
                                            "csrf_token": token})
    assert resp.status_code == 302
    resp = bare_client.post("/admin/parks/new", data={"name": "伪造园区", "short_name": "伪造",
                                                      "kind": "provincial"})
    assert resp.status_code == 400
    assert "表单已过期或并非从本站提交" in resp.get_data(as_text=True)
    assert db.session.execute(db.select(Park).where(Park.name == "伪造园区")).first() is None
