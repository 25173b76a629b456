"""HTTP caching of the private feed (issue 16): a calendar client that sends back the feed's ETag
gets 304 Not Modified while nothing it shows changed, and the whole feed after any change of its
meetings, their series, the parks or the user; one user's ETag never answers another's feed."""

from datetime import date

import pytest

from hub.admin import services as admin
from hub.calendar import services as calendar
from hub.extensions import db


def feed(client, token: str, etag: str | None = None):
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(f"/calendar/{token}.ics", headers=headers)


@pytest.fixture
def liling(world, make_series, make_one_off, clock):
    series = make_series()
    one_off = make_one_off(day=date(2026, 9, 10))
    token = calendar.ensure_feed(world.liling_user).token
    return series, one_off, token


def test_an_unchanged_feed_answers_304_without_being_built(client, world, liling,
                                                           monkeypatch):
    _series, _one_off, token = liling
    first = feed(client, token)
    assert first.status_code == 200 and b"BEGIN:VCALENDAR" in first.data
    etag = first.headers["ETag"]
    assert etag.startswith('W/"') and "private" in first.headers["Cache-Control"]

    def not_built(*args, **kwargs):
        raise AssertionError("the feed was built for a 304")

    monkeypatch.setattr(calendar, "feed_ics", not_built)
    again = feed(client, token, etag)
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == etag and "private" in again.headers["Cache-Control"]


def test_any_change_the_feed_shows_gives_the_whole_feed_again(client, world, liling, clock,
                                                              make_one_off):
    series, one_off, token = liling
    etag = feed(client, token).headers["ETag"]

    def changed(etag: str) -> str:
        resp = feed(client, token, etag)
        assert resp.status_code == 200 and b"BEGIN:VCALENDAR" in resp.data
        assert resp.headers["ETag"] != etag
        assert feed(client, token, resp.headers["ETag"]).status_code == 304
        return resp.headers["ETag"]

    one_off.location = "醴陵经开区会议中心"  # a meeting edited
    db.session.commit()
    etag = changed(etag)
    assert "醴陵经开区会议中心" in feed(client, token).get_data(as_text=True)

    series.title = "一区三园联席会议（扩大）"  # its series edited
    db.session.commit()
    etag = changed(etag)

    world.host_park.name = "株洲高新技术产业开发区"  # a host park renamed
    db.session.commit()
    etag = changed(etag)

    make_one_off(day=date(2026, 9, 20), title="新增专题会")  # a meeting added
    etag = changed(etag)

    one_off.parks = [world.jkq]  # no longer a meeting of the user's park (no column changed)
    db.session.commit()
    etag = changed(etag)
    assert "专题会\r\n" not in feed(client, token).get_data(as_text=True).replace(
        "新增专题会", "")

    clock.move_to("2027-01-15T02:00:00Z")  # earlier meetings leave the 90-day window
    etag = changed(etag)


def test_one_users_etag_does_not_answer_another_users_feed(client, world, liling):
    """liling1 and jkq1 see the same series; each feed has its own ETag."""
    _series, _one_off, token = liling
    etag = feed(client, token).headers["ETag"]
    other = calendar.ensure_feed(world.jkq_user).token
    resp = feed(client, other, etag)
    assert resp.status_code == 200 and resp.headers["ETag"] != etag


def test_a_deactivated_account_gets_no_304(client, world, liling):
    _series, _one_off, token = liling
    etag = feed(client, token).headers["ETag"]
    admin.set_account_active(world.admin, world.liling_user, False)
    db.session.commit()
    assert feed(client, token, etag).status_code == 404


def test_static_files_are_revalidated_with_etag_and_last_modified(client):
    """Static files (no version in their URL) are cached by the browser and revalidated:
    ETag, Last-Modified and Cache-Control on the answer, 304 for a known copy."""
    resp = client.get("/static/css/app.css")
    assert resp.status_code == 200
    assert resp.headers.get("ETag") and resp.headers.get("Last-Modified")
    assert "Cache-Control" in resp.headers
    assert client.get("/static/css/app.css",
                      headers={"If-None-Match": resp.headers["ETag"]}).status_code == 304
    assert client.get("/static/css/app.css", headers={
        "If-Modified-Since": resp.headers["Last-Modified"]}).status_code == 304
