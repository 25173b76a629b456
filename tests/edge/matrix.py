"""Ask every route as every role of the matrix: the outcome the route × role × park test checks.

Roles (tests/edge/conftest.py ROLES): anonymous; staff and park admin of park A (田心高科园);
staff of park B (醴陵经开区), asking for park A's objects; the zone admin. Every `<…>` of a route is
an object of park A (World.fill). A POST sends only its CSRF token: the outcome says whether the
role got past the permission check (a form error 200/409/422 or a redirect after the change)
or was refused (403/404, or the sign-in page).

    .venv/bin/python -m pytest tests/edge/test_route_matrix.py --print-matrix  (see the test)
"""

LOGIN = "login"  # a redirect to the sign-in page
ORDER = ("anonymous", "staff_a", "admin_a", "staff_b", "zone_admin")


def outcome(resp) -> int | str:
    if resp.status_code == 302 and resp.headers["Location"].startswith("/login"):
        return LOGIN
    return resp.status_code


def ask(world, method: str, rule: str, role: str):
    """The outcome of one route for one role, on the world as built."""
    client = world.client(role)
    url = world.fill(rule)
    if method == "GET":
        return outcome(client.get(url))
    resp = client.post(url, data={})
    world.reset()  # what the POST changed is undone; sessions it ended are signed in again
    world.clients.clear()
    return outcome(resp)


def every_route(app) -> list[tuple[str, str]]:
    return sorted({(m, r.rule) for r in app.url_map.iter_rules() if r.endpoint != "static"
                   for m in r.methods & {"GET", "POST"}}, key=lambda mr: (mr[1], mr[0]))
