# ruff: noqa: E501  (one route per line in the table)
"""Route × role × park matrix over EVERY route of the app (issue 11).

Each row: (method, route, outcome for anonymous, staff of park A, park admin of park A, staff
of park B asking for park A's objects, zone admin). Every `<…>` is an object of park A
(tests/edge/conftest.py: a case, listing, notice, topic, minutes with a decision of a meeting A
hosts and B takes no part in, ...). GETs show the page or refuse it; POSTs send only the CSRF
token, so a role let through gets the form's error (200/400/409/422) or the redirect after the
change, and a refused one 403/404 or the sign-in page (LOGIN). Each POST is undone before the
next (the world's database file is copied back).

A route of `app.url_map` missing from the table fails the test, and so does a row whose route
no longer exists: a new route must declare who may use it.
"""

import pytest

from tests.edge.matrix import LOGIN, ORDER, ask, every_route

# fmt: off
MATRIX = [
    ("GET", "/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/account/password", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/account/password", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/admin/", (LOGIN, 403, 200, 403, 200)),
    ("GET", "/admin/audit/", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/parks/", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/admin/parks/<int:park_id>/active", (LOGIN, 403, 403, 403, 400)),
    ("GET", "/admin/parks/<int:park_id>/edit", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/admin/parks/<int:park_id>/edit", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/parks/new", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/admin/parks/new", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/resources/", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/users/", (LOGIN, 403, 200, 403, 200)),
    ("POST", "/admin/users/<int:user_id>/active", (LOGIN, 403, 400, 403, 400)),
    ("GET", "/admin/users/<int:user_id>/edit", (LOGIN, 403, 200, 403, 200)),
    ("POST", "/admin/users/<int:user_id>/edit", (LOGIN, 403, 200, 403, 200)),
    ("POST", "/admin/users/<int:user_id>/reset-password", (LOGIN, 403, 200, 403, 200)),
    ("GET", "/admin/users/new", (LOGIN, 403, 200, 403, 200)),
    ("POST", "/admin/users/new", (LOGIN, 403, 200, 403, 200)),
    ("GET", "/attachments/<int:attachment_id>", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/calendar/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/calendar/<token>.ics", (404, 404, 404, 404, 404)),
    ("POST", "/calendar/renew", (LOGIN, 302, 302, 302, 302)),
    ("GET", "/cases/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/cases/<int:case_id>", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/cases/<int:case_id>/delete", (LOGIN, 403, 302, 403, 302)),
    ("GET", "/cases/<int:case_id>/edit", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/cases/<int:case_id>/edit", (LOGIN, 403, 403, 403, 422)),
    ("POST", "/cases/<int:case_id>/notes", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/cases/<int:case_id>/restore", (LOGIN, 403, 403, 403, 404)),
    ("POST", "/cases/<int:case_id>/transition", (LOGIN, 422, 422, 403, 422)),
    ("GET", "/cases/export.csv", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/cases/new", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/cases/new", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/healthz", (200, 200, 200, 200, 200)),
    ("POST", "/language", (302, 302, 302, 302, 302)),
    ("GET", "/login", (200, 302, 302, 302, 302)),
    ("POST", "/login", (200, 302, 302, 302, 302)),
    ("POST", "/logout", (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    ("GET", "/meetings/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/meetings/<int:meeting_id>", (LOGIN, 200, 200, 403, 200)),
    ("GET", "/meetings/<int:meeting_id>.ics", (LOGIN, 200, 200, 403, 200)),
    ("GET", "/meetings/<int:meeting_id>/agenda", (LOGIN, 200, 200, 403, 200)),
    ("GET", "/meetings/<int:meeting_id>/agenda/print", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/accept", (LOGIN, 302, 302, 403, 302)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/defer", (LOGIN, 302, 302, 403, 302)),
    ("GET", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/edit", (LOGIN, 200, 200, 403, 403)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/edit", (LOGIN, 422, 422, 403, 403)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/move", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/unaccept", (LOGIN, 409, 409, 403, 409)),
    ("POST", "/meetings/<int:meeting_id>/agenda/topics/<int:topic_id>/withdraw", (LOGIN, 302, 302, 403, 403)),
    ("GET", "/meetings/<int:meeting_id>/attendance", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/attendance/record", (LOGIN, 409, 409, 403, 409)),
    ("POST", "/meetings/<int:meeting_id>/attendance/reply", (LOGIN, 422, 422, 403, 403)),
    ("GET", "/meetings/<int:meeting_id>/cancel", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/cancel", (LOGIN, 403, 403, 403, 422)),
    ("POST", "/meetings/<int:meeting_id>/decisions", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/meetings/<int:meeting_id>/decisions/<int:item_id>/delete", (LOGIN, 302, 302, 403, 302)),
    ("GET", "/meetings/<int:meeting_id>/decisions/<int:item_id>/edit", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/decisions/<int:item_id>/edit", (LOGIN, 302, 302, 403, 302)),
    ("GET", "/meetings/<int:meeting_id>/edit", (LOGIN, 403, 403, 403, 302)),
    ("POST", "/meetings/<int:meeting_id>/edit", (LOGIN, 403, 403, 403, 302)),
    ("POST", "/meetings/<int:meeting_id>/host", (LOGIN, 403, 403, 403, 302)),
    ("GET", "/meetings/<int:meeting_id>/minutes", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/minutes", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/meetings/<int:meeting_id>/minutes/confirm", (LOGIN, 403, 403, 403, 403)),
    ("GET", "/meetings/<int:meeting_id>/minutes/print", (LOGIN, 200, 200, 403, 200)),
    ("GET", "/meetings/<int:meeting_id>/minutes/revisions", (LOGIN, 200, 200, 403, 200)),
    ("GET", "/meetings/<int:meeting_id>/minutes/revisions/<int:number>", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/minutes/send", (LOGIN, 302, 302, 403, 302)),
    ("POST", "/meetings/<int:meeting_id>/minutes/sign-off", (LOGIN, 403, 403, 403, 409)),
    ("GET", "/meetings/<int:meeting_id>/move", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/meetings/<int:meeting_id>/move", (LOGIN, 403, 403, 403, 422)),
    ("POST", "/meetings/<int:meeting_id>/reinstate", (LOGIN, 403, 403, 403, 302)),
    ("GET", "/meetings/actions/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/meetings/actions/<int:item_id>", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/meetings/actions/<int:item_id>/progress", (LOGIN, 422, 422, 403, 422)),
    ("GET", "/meetings/agenda-static/<path:filename>", (404, 404, 404, 404, 404)),
    ("GET", "/meetings/month", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/meetings/new", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/meetings/new", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/meetings/series/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/meetings/series/<int:series_id>", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/meetings/series/<int:series_id>/<any(activate, deactivate):action>", (LOGIN, 403, 403, 403, 400)),
    ("GET", "/meetings/series/<int:series_id>/edit", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/meetings/series/<int:series_id>/edit", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/meetings/series/new", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/meetings/series/new", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/notices/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/notices/<int:notice_id>", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/notices/<int:notice_id>/delete", (LOGIN, 403, 302, 403, 302)),
    ("GET", "/notices/<int:notice_id>/edit", (LOGIN, 403, 200, 403, 200)),
    ("POST", "/notices/<int:notice_id>/edit", (LOGIN, 403, 422, 403, 422)),
    ("POST", "/notices/<int:notice_id>/publish", (LOGIN, 403, 409, 403, 409)),
    ("POST", "/notices/<int:notice_id>/restore", (LOGIN, 403, 403, 403, 302)),
    ("POST", "/notices/<int:notice_id>/withdraw", (LOGIN, 403, 302, 403, 302)),
    ("GET", "/notices/categories/", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/notices/categories/", (LOGIN, 403, 403, 403, 422)),
    ("POST", "/notices/categories/<int:category_id>/active", (LOGIN, 403, 403, 403, 400)),
    ("POST", "/notices/categories/<int:category_id>/move", (LOGIN, 403, 403, 403, 400)),
    ("POST", "/notices/categories/<int:category_id>/rename", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/notices/new", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/notices/new", (LOGIN, 422, 422, 422, 422)),
    ("GET", "/notifications/", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/notifications/<int:notification_id>/read", (LOGIN, 302, 404, 404, 404)),
    ("GET", "/notifications/admin/outbox", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/notifications/admin/outbox/<int:delivery_id>/retry", (LOGIN, 403, 403, 403, 403)),
    ("GET", "/notifications/admin/outbox/files/<name>", (LOGIN, 403, 403, 403, 404)),
    ("GET", "/notifications/admin/scheduler", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/notifications/preferences", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/notifications/preferences", (LOGIN, 302, 302, 302, 302)),
    ("POST", "/notifications/read-all", (LOGIN, 302, 302, 302, 302)),
    ("GET", "/notifications/robot", (LOGIN, 403, 200, 403, 200)),
    ("POST", "/notifications/robot", (LOGIN, 403, 422, 403, 422)),
    ("POST", "/notifications/robot/test", (LOGIN, 403, 302, 403, 302)),
    ("GET", "/ping", (200, 200, 200, 200, 200)),
    ("GET", "/search", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/talent/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/talent/<int:listing_id>", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/talent/<int:listing_id>/delete", (LOGIN, 403, 302, 403, 302)),
    ("GET", "/talent/<int:listing_id>/edit", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/talent/<int:listing_id>/edit", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/talent/<int:listing_id>/restore", (LOGIN, 403, 403, 403, 302)),
    ("POST", "/talent/<int:listing_id>/status", (LOGIN, 302, 302, 403, 302)),
    ("GET", "/talent/new", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/talent/new", (LOGIN, 422, 422, 422, 422)),
    ("POST", "/account/sign-out-everywhere", (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN)),
    ("GET", "/admin/holidays/", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/admin/holidays/<int:year>", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/admin/holidays/<int:year>", (LOGIN, 403, 403, 403, 200)),
    ("GET", "/favicon.ico", (200, 200, 200, 200, 200)),
    ("GET", "/powers/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/powers/import", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/powers/import", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/powers/items/<int:item_id>/edit", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/powers/items/<int:item_id>/edit", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/powers/items/<int:item_id>/park/<int:park_id>", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/powers/items/<int:item_id>/park/<int:park_id>", (LOGIN, 422, 422, 403, 422)),
    ("GET", "/powers/items/new", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/powers/items/new", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/powers/mine", (LOGIN, 302, 302, 302, 302)),
    ("GET", "/powers/park/<int:park_id>", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/projects/", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/projects/<int:project_id>", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/projects/<int:project_id>/advance", (LOGIN, 422, 422, 403, 422)),
    ("GET", "/projects/<int:project_id>/edit", (LOGIN, 200, 200, 403, 200)),
    ("POST", "/projects/<int:project_id>/edit", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/projects/<int:project_id>/entries", (LOGIN, 422, 422, 403, 422)),
    ("POST", "/projects/<int:project_id>/supervise", (LOGIN, 403, 403, 403, 302)),
    ("GET", "/projects/campaigns", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/projects/campaigns/<int:campaign_id>", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/projects/campaigns/<int:campaign_id>/bulletin", (LOGIN, 403, 403, 403, 302)),
    ("GET", "/projects/campaigns/<int:campaign_id>/edit", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/projects/campaigns/<int:campaign_id>/edit", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/projects/campaigns/<int:campaign_id>/targets", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/projects/campaigns/<int:campaign_id>/targets", (LOGIN, 403, 403, 403, 302)),
    ("GET", "/projects/campaigns/new", (LOGIN, 403, 403, 403, 200)),
    ("POST", "/projects/campaigns/new", (LOGIN, 403, 403, 403, 422)),
    ("GET", "/projects/campaigns/progress.svg", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/projects/new", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/projects/new", (LOGIN, 422, 422, 422, 422)),
    ("GET", "/projects/supervision", (LOGIN, 200, 200, 200, 200)),
    ("GET", "/projects/visits", (LOGIN, 200, 200, 200, 200)),
    ("POST", "/projects/visits", (LOGIN, 422, 422, 422, 422)),
]
# fmt: on

TABLE = {(method, rule): expected for method, rule, expected in MATRIX}


def test_every_route_is_in_the_table(world):
    routes = set(every_route(world.app))
    missing = sorted(routes - set(TABLE))
    gone = sorted(set(TABLE) - routes)
    assert not missing, f"routes without a row in MATRIX: {missing}"
    assert not gone, f"rows for routes that no longer exist: {gone}"
    assert len(TABLE) == len(MATRIX)  # no route declared twice


@pytest.mark.parametrize(("method", "rule", "expected"), MATRIX,
                         ids=[f"{m}-{r}" for m, r, _ in MATRIX])
def test_route_matrix(world, method, rule, expected):
    got = tuple(ask(world, method, rule, role) for role in ORDER)
    assert got == expected, dict(zip(ORDER, zip(expected, got, strict=True), strict=True))


def test_the_matrix_refuses_park_b_on_park_a_objects():
    """Staff of park B never change park A's objects: every POST row with an id refuses them."""
    for method, rule, expected in MATRIX:
        if method == "POST" and "<int:" in rule and "notification" not in rule:
            assert expected[ORDER.index("staff_b")] in (403, 404, LOGIN), rule
