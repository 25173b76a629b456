"""The standing fuzz test (issue 11): no request, however malformed, gets a 5xx.

- every GET route of `app.url_map` with its ids replaced by huge, negative, zero and unknown
  values (and its string arguments by long, encoded and invisible ones), for a zone admin and a
  staff member of another park;
- the list pages with hostile query strings (Hypothesis);
- every form of every role (the fields a browser finds on the page that shows it, for staff and
  park admin of park A, staff of park B, a zone admin and no one) posted with empty, 10,000
  characters, NUL, bidi, numbers beyond every range, far dates, wrong choices and duplicated
  fields (Hypothesis).

HUB_FUZZ_EXAMPLES (default 2) sets the examples per form and role; bench/fuzz_served.py runs the
same values against a served app.
"""

import io
import os
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.edge import fuzzkit
from tests.edge.conftest import ROLES

EXAMPLES = int(os.environ.get("HUB_FUZZ_EXAMPLES", "2"))
SETTINGS = settings(deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


class Session:
    """Requests as one role; signs in again after a request signed it out (logout, its account
    or park deactivated, its password changed), rebuilding the world when it cannot."""

    def __init__(self, world):
        self.world = world
        self.failures: list[str] = []
        self.count = 0

    def send(self, role: str, method: str, url: str, data=None):
        client = self.world.client(role)
        kwargs = {}
        if data is not None:
            kwargs["data"] = MultiDict(data)
            if any(isinstance(v, tuple) for _, v in data):
                kwargs["content_type"] = "multipart/form-data"
        resp = client.open(url, method=method, **kwargs)
        self.count += 1
        if resp.status_code >= 500:
            self.failures.append(f"{resp.status_code} {role} {method} {url} {_short(data)}")
        signed_out = ((resp.status_code == 302 and resp.headers["Location"].startswith("/login"))
                      or url.startswith("/logout"))
        if ROLES[role] and signed_out:
            self.world.clients.pop(role, None)
            try:
                self.world.client(role)
            except AssertionError:  # the account can no longer sign in
                self.world.reset()
                self.world.clients.clear()
        return resp

    def check(self) -> None:
        assert not self.failures, "\n".join(self.failures[:40])


def _short(data) -> str:
    if not data:
        return ""
    return str([(k, (v if isinstance(v, str) else "<file>")[:40]) for k, v in data])[:300]


@pytest.fixture(scope="module")
def session(world):
    return Session(world)


# --- GET: every route with hostile ids ---------------------------------------------------------
def test_every_get_route_with_hostile_ids(world, session):
    rules = fuzzkit.routes(world.app, "GET")
    assert len(rules) > 50
    for rule in rules:
        urls = fuzzkit.variants(rule)
        if rule.count("<int:") > 1:  # a real parent with an unknown child
            head, _, tail = rule.rpartition("<int:")
            urls += [world.fill(head) + v + tail.split(">", 1)[1] for v in fuzzkit.ID_VARIANTS]
        for url in urls:
            for role in ("zone_admin", "staff_b"):
                session.send(role, "GET", url)
    session.check()


# --- GET: list pages with hostile query strings -------------------------------------------------
VALUES = st.one_of(st.sampled_from(fuzzkit.HOSTILE), st.text(max_size=30))


def test_list_pages_with_hostile_query_strings(world, session):
    lists = [r for r in fuzzkit.routes(world.app, "GET") if "<" not in r]

    @settings(SETTINGS, max_examples=40 * EXAMPLES)
    @given(role=st.sampled_from(list(ROLES)), path=st.sampled_from(lists),
           args=st.lists(st.tuples(st.sampled_from(fuzzkit.QUERY_ARGS), VALUES), max_size=5))
    def run(role, path, args):
        session.send(role, "GET", f"{path}?{urlencode(args)}")

    run()
    session.check()


# --- POST: every form of every role -------------------------------------------------------------
def _form_fields(world, session) -> dict[str, dict[str, list[str]]]:
    """{action URL: fields} of every post form on every GET page (world ids) that park A's
    staff or a zone admin is shown (the forms other roles see are among them)."""
    found: dict[str, dict[str, list[str]]] = {}
    for role in ("staff_a", "zone_admin"):
        for rule in fuzzkit.routes(world.app, "GET"):
            if rule.startswith(("/calendar/<", "/notifications/admin/outbox/files/")):
                continue
            resp = session.send(role, "GET", world.fill(rule))
            if resp.status_code != 200 or "html" not in resp.content_type:
                continue
            page = rule if "<" not in rule else world.fill(rule)
            for method, action, fields in fuzzkit.forms(resp.get_data(as_text=True)):
                if method == "post":
                    found.setdefault(action or page, {}).update(fields)
    return found


def _pdf(name: str):
    return (io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), name)


FILE_NAMES = ["invoice\u202etxt.exe.pdf", "\u200b.pdf", "a" * 300 + ".pdf", "..\\..\\x.pdf",
              "\x00.pdf", "会议纪要.pdf", ".pdf", "x.exe"]


def _post_examples(session, role: str, url: str, fields: dict[str, list[str]]) -> None:
    names = sorted(set(fields) - {"csrf_token"}) or ["x"]

    def value(name):
        options = [st.sampled_from(fuzzkit.HOSTILE), st.text(max_size=30)]
        if fields.get(name):
            options.append(st.sampled_from(fields[name]))  # a real choice of the page
        if name in ("attachments", "file"):
            options.append(st.sampled_from(FILE_NAMES).map(_pdf))
        return st.one_of(options)

    pair = st.sampled_from(names).flatmap(lambda n: st.tuples(st.just(n), value(n)))

    @settings(SETTINGS, max_examples=EXAMPLES if ROLES[role] else 1)
    @given(data=st.lists(pair, max_size=2 * len(names) + 2))  # fields left out or duplicated
    def run(data):
        session.send(role, "POST", url, data)

    run()


def test_every_form_of_every_role_with_hostile_values(world, session):
    fields_of = _form_fields(world, session)
    world.reset()
    world.clients.clear()
    rules = fuzzkit.routes(world.app, "POST")
    assert len(rules) > 40
    for rule in rules:
        url = world.fill(rule)
        for role in ROLES:
            _post_examples(session, role, url, fields_of.get(url) or {})
    session.check()
