"""Two people saving the minutes at the same moment (issue 10, item 10): one save wins, the other
gets the conflict page (409) with their text kept — never a 500. Real concurrency: two threads,
each with its own client, request and database connection, on SQLite and PostgreSQL."""

import threading

import pytest

from hub.extensions import db
from hub.meetings.models import Minutes, MinutesRevision
from hub.minutes import services


@pytest.fixture
def in_step(monkeypatch):
    """in_step(): from now on both requests read the minutes (in the view and in the service)
    before either writes — the race as it happens when two saves arrive together, made certain."""
    return lambda: _in_step(monkeypatch)


def _in_step(monkeypatch):
    barrier = threading.Barrier(2, timeout=20)
    reads = threading.local()
    original = services.minutes_for

    def minutes_for(meeting):
        result = original(meeting)
        reads.n = getattr(reads, "n", 0) + 1
        if reads.n <= 2:
            barrier.wait()
        return result

    monkeypatch.setattr(services, "minutes_for", minutes_for)
    return barrier


def save_together(app, login, users, meeting_id, texts, base):
    clients = []
    for user in users:
        browser = app.test_client()
        assert login(user, use_client=browser).status_code == 302
        clients.append(browser)
    results = [None, None]

    def post(i):
        try:
            results[i] = clients[i].post(f"/meetings/{meeting_id}/minutes",
                                         data={"body": texts[i], "base_revision": str(base)})
        except BaseException as error:  # noqa: BLE001 - reported below
            results[i] = error

    threads = [threading.Thread(target=post, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for r in results:
        assert not isinstance(r, BaseException), repr(r)
    return results


def check_one_wins(results, texts, expected_revision):
    statuses = sorted(r.status_code for r in results)
    assert statuses == [302, 409], [r.get_data(as_text=True)[:300] for r in results]
    loser = next(i for i, r in enumerate(results) if r.status_code == 409)
    winner = 1 - loser
    html = results[loser].get_data(as_text=True)
    assert 'data-testid="minutes-conflict"' in html
    assert texts[loser] in html  # the loser's text is kept in the form
    assert f'name="base_revision" type="hidden" value="{expected_revision}"' in html
    db.session.expire_all()
    minutes = db.session.execute(db.select(Minutes)).scalar_one()
    assert (minutes.revision, minutes.body) == (expected_revision, texts[winner])
    numbers = db.session.execute(db.select(MinutesRevision.number)
                                 .order_by(MinutesRevision.number)).scalars().all()
    assert numbers == list(range(1, expected_revision + 1))


def test_two_first_saves_at_once(app, login, world, in_step):
    in_step()
    texts = ["高新区起草：一、会议听取了汇报", "园区办起草：一、会议研究了资金补助"]
    results = save_together(app, login, [world.host_staff, world.host_admin], world.meeting.id,
                            texts, base=0)
    check_one_wins(results, texts, expected_revision=1)


def test_two_later_saves_at_once(app, client, login, world, in_step):
    meeting = world.meeting
    login(world.host_staff)
    assert client.post(f"/meetings/{meeting.id}/minutes",
                       data={"body": "初稿", "base_revision": "0"}).status_code == 302
    in_step()
    texts = ["我的修改：补充土地清理内容", "同事的修改：补充人才引进内容"]
    results = save_together(app, login, [world.host_staff, world.host_admin], meeting.id,
                            texts, base=1)
    check_one_wins(results, texts, expected_revision=2)
