"""Agenda topics (议题征集): cut-off, own-park edits, host ordering, deferral, tracked items."""

from datetime import UTC, date, datetime

from hub.actions.models import ActionItem, ActionStatus
from hub.agenda import services
from hub.agenda.models import AgendaTopic, TopicStatus
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.meetings import services as meeting_services
from tests.agenda.factories import occurrence_on

SEP8 = date(2026, 9, 8)  # second Tuesday; cut-off 2026-09-05 09:30 local (01:30 UTC)
TOPIC = {"title": "关于共享陶瓷产业人才库的议题", "summary": "开放查询", "presenter": "张三",
         "minutes_requested": "15"}


def topics(meeting) -> list[AgendaTopic]:
    db.session.expire_all()
    return list(db.session.execute(db.select(AgendaTopic).where(
        AgendaTopic.meeting_id == meeting.id).order_by(AgendaTopic.id)).scalars())


def submit(client, meeting, **over):
    return client.post(f"/meetings/{meeting.id}/agenda/topics", data={**TOPIC, **over})


def test_participant_submits_until_the_cutoff(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    login(world.liling_user)
    resp = submit(client, meeting)
    assert resp.status_code == 302
    [topic] = topics(meeting)
    assert (topic.park_id, topic.title, topic.presenter, topic.minutes_requested,
            topic.status) == (world.liling.id, TOPIC["title"], "张三", 15, TopicStatus.SUBMITTED)
    page = client.get(f"/meetings/{meeting.id}/agenda")
    assert TOPIC["title"] in page.get_data(as_text=True)
    assert db.session.execute(db.select(AuditEntry).where(
        AuditEntry.object_type == "agenda_topic", AuditEntry.action == "submit")).scalar()

    clock.move_to(datetime(2026, 9, 5, 1, 30, tzinfo=UTC))  # exactly the cut-off
    login(world.liling_user)
    resp = submit(client, meeting, title="迟到的议题")
    assert resp.status_code == 409
    assert "议题征集已截止" in resp.get_data(as_text=True)
    assert [t.title for t in topics(meeting)] == [TOPIC["title"]]
    # the form is gone from the page once the cut-off passed
    assert 'data-testid="topic-form"' not in client.get(
        f"/meetings/{meeting.id}/agenda").get_data(as_text=True)


def test_missing_cutoff_means_the_start(app, world, make_one_off, clock):
    meeting = make_one_off()
    meeting.agenda_cutoff = None
    assert services.cutoff_of(meeting) == meeting.starts_at
    assert services.is_open(meeting, meeting.starts_at.replace(minute=59, hour=5))
    assert not services.is_open(meeting, meeting.starts_at)


def test_host_and_admin_may_still_add_after_the_cutoff(client, login, world, make_series,
                                                       clock):
    meeting = occurrence_on(make_series(), SEP8)
    clock.move_to(datetime(2026, 9, 6, tzinfo=UTC))
    login(world.host)
    assert submit(client, meeting, title="主持方补充议题").status_code == 302
    login(world.admin)
    assert submit(client, meeting, title="园区办补充议题").status_code == 302
    assert [t.title for t in topics(meeting)] == ["主持方补充议题", "园区办补充议题"]


def test_invalid_topic_keeps_what_was_typed(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    login(world.liling_user)
    resp = submit(client, meeting, title="", summary="我写的摘要")
    assert resp.status_code == 422
    assert "我写的摘要" in resp.get_data(as_text=True)
    assert topics(meeting) == []


def test_own_park_edits_and_withdraws_until_the_cutoff(client, login, world, make_series,
                                                       clock):
    meeting = occurrence_on(make_series(), SEP8)
    login(world.liling_user)
    submit(client, meeting)
    [topic] = topics(meeting)

    login(world.jkq_user)  # another participant park
    assert client.get(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/edit").status_code == 403
    assert client.post(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/edit",
                       data={**TOPIC, "title": "改掉"}).status_code == 403
    assert client.post(
        f"/meetings/{meeting.id}/agenda/topics/{topic.id}/withdraw").status_code == 403
    assert topics(meeting)[0].title == TOPIC["title"]

    login(world.liling_user)
    assert client.get(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/edit").status_code == 200
    resp = client.post(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/edit",
                       data={**TOPIC, "title": "共享陶瓷产业人才库", "minutes_requested": "20"})
    assert resp.status_code == 302
    assert (topics(meeting)[0].title, topics(meeting)[0].minutes_requested) == (
        "共享陶瓷产业人才库", 20)

    clock.move_to(datetime(2026, 9, 6, tzinfo=UTC))
    login(world.liling_user)
    resp = client.post(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/edit",
                       data={**TOPIC, "title": "截止后修改"})
    assert resp.status_code == 409
    assert client.post(
        f"/meetings/{meeting.id}/agenda/topics/{topic.id}/withdraw").status_code == 409
    assert topics(meeting)[0].status is TopicStatus.SUBMITTED

    clock.move_to(datetime(2026, 9, 2, tzinfo=UTC))
    login(world.liling_user)  # a new session at the new time
    assert client.post(
        f"/meetings/{meeting.id}/agenda/topics/{topic.id}/withdraw").status_code == 302
    assert topics(meeting)[0].status is TopicStatus.WITHDRAWN


def test_non_participant_park_can_neither_see_nor_submit(client, login, world, make_series,
                                                         clock):
    meeting = occurrence_on(make_series(), SEP8)
    login(world.liling_user)
    submit(client, meeting)
    [topic] = topics(meeting)
    login(world.outsider)
    for url in (f"/meetings/{meeting.id}/agenda", f"/meetings/{meeting.id}/agenda/print",
                f"/meetings/{meeting.id}/agenda/topics/{topic.id}/edit"):
        assert client.get(url).status_code == 403, url
    assert submit(client, meeting, title="外园区议题").status_code == 403
    for step in ("accept", "defer", "withdraw"):
        assert client.post(
            f"/meetings/{meeting.id}/agenda/topics/{topic.id}/{step}").status_code == 403
    assert [t.title for t in topics(meeting)] == [TOPIC["title"]]


def _three_topics(client, login, world, meeting):
    for user, title in ((world.liling_user, "甲"), (world.jkq_user, "乙"), (world.liling_user,
                                                                           "丙")):
        login(user)
        submit(client, meeting, title=title)
    return {t.title: t for t in topics(meeting)}


def test_only_the_host_accepts_and_orders(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    t = _three_topics(client, login, world, meeting)
    base = f"/meetings/{meeting.id}/agenda/topics"

    login(world.liling_user)  # a participant, not the host
    assert client.post(f"{base}/{t['甲'].id}/accept").status_code == 403
    assert client.post(f"{base}/{t['甲'].id}/move", data={"position": "1"}).status_code == 403
    assert all(x.status is TopicStatus.SUBMITTED for x in topics(meeting))

    login(world.host)
    for title in ("甲", "乙", "丙"):
        assert client.post(f"{base}/{t[title].id}/accept").status_code == 302
    assert [x.title for x in services.accepted_topics(meeting.id)] == ["甲", "乙", "丙"]
    assert client.post(f"{base}/{t['丙'].id}/move", data={"position": "1"}).status_code == 302
    db.session.expire_all()
    assert [x.title for x in services.accepted_topics(meeting.id)] == ["丙", "甲", "乙"]
    assert client.post(f"{base}/{t['乙'].id}/move", data={"position": "2"}).status_code == 302
    db.session.expire_all()
    assert [(x.title, x.position) for x in services.accepted_topics(meeting.id)] == [
        ("丙", 1), ("乙", 2), ("甲", 3)]
    assert client.post(f"{base}/{t['乙'].id}/move", data={"position": "x"}).status_code == 422

    # the printable agenda lists the accepted topics in order, without the site navigation
    page = client.get(f"/meetings/{meeting.id}/agenda/print").get_data(as_text=True)
    assert page.index("丙") < page.index("乙") < page.index("甲")
    assert "navbar" not in page and "张三" in page and "高新区管委会三楼会议室" in page

    login(world.admin)  # admins run any meeting
    assert client.post(f"{base}/{t['甲'].id}/unaccept").status_code == 302
    db.session.expire_all()
    assert [x.title for x in services.accepted_topics(meeting.id)] == ["丙", "乙"]


def test_defer_moves_the_topic_to_the_next_occurrence(client, login, world, make_series,
                                                      make_one_off, clock):
    series = make_series()
    meeting = occurrence_on(series, SEP8)
    following = occurrence_on(series, date(2026, 10, 13))
    login(world.jkq_user)
    submit(client, meeting, title="低效用地盘活进展")
    [topic] = topics(meeting)

    login(world.liling_user)
    assert client.post(
        f"/meetings/{meeting.id}/agenda/topics/{topic.id}/defer").status_code == 403

    login(world.host)
    resp = client.post(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/defer")
    assert resp.status_code == 302
    assert topics(meeting)[0].status is TopicStatus.DEFERRED
    [copy] = topics(following)
    assert (copy.title, copy.park_id, copy.status, copy.deferred_from_id) == (
        "低效用地盘活进展", world.jkq.id, TopicStatus.SUBMITTED, topic.id)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "2026年10月13日 星期二" in page  # "deferred to <date>"

    one_off = make_one_off()
    login(world.liling_user)
    submit(client, one_off, title="专题议题")
    [lonely] = topics(one_off)
    login(world.host)
    resp = client.post(f"/meetings/{one_off.id}/agenda/topics/{lonely.id}/defer")
    assert resp.status_code == 409
    assert "这是单次会议" in resp.get_data(as_text=True)
    assert topics(one_off)[0].status is TopicStatus.SUBMITTED


def test_defer_skips_a_cancelled_next_occurrence(app, world, make_series, clock):
    series = make_series()
    meeting = occurrence_on(series, SEP8)
    october = occurrence_on(series, date(2026, 10, 13))
    from hub.meetings import occurrences
    occurrences.cancel(world.admin, october, "改期", version=october.version)
    topic = services.submit(meeting, services.TopicInput("议题", "", "", 10), by=world.jkq_user,
                            park_id=world.jkq.id, now=datetime(2026, 9, 1, tzinfo=UTC))
    copy = services.defer(topic, by=world.host)
    db.session.commit()
    assert copy.meeting.starts_at.date() == date(2026, 11, 10)


def test_open_action_items_of_earlier_meetings_appear(client, login, world, make_series, clock):
    series = make_series()
    august = occurrence_on(series, date(2026, 8, 11))
    meeting = occurrence_on(series, SEP8)
    db.session.add_all([
        ActionItem(meeting_id=august.id, text="完成人才库对接方案", owner_park_id=world.liling.id,
                   due_date=date(2026, 9, 30), status=ActionStatus.IN_PROGRESS),
        ActionItem(meeting_id=august.id, text="已经办完的事项", owner_park_id=world.jkq.id,
                   status=ActionStatus.DONE),
    ])
    db.session.commit()
    login(world.liling_user)
    page = client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    assert "完成人才库对接方案" in page and "已经办完的事项" not in page
    printed = client.get(f"/meetings/{meeting.id}/agenda/print").get_data(as_text=True)
    assert "完成人才库对接方案" in printed
    # the August meeting itself has nothing earlier to follow up
    assert "完成人才库对接方案" not in client.get(
        f"/meetings/{august.id}/agenda").get_data(as_text=True)


def test_topics_protect_their_occurrence_from_series_edits(app, world, make_series, clock):
    series = make_series()
    meeting = occurrence_on(series, SEP8)
    other = occurrence_on(series, date(2026, 10, 13))
    services.submit(meeting, services.TopicInput("议题", "", "", 10), by=world.jkq_user,
                    park_id=world.jkq.id, now=datetime(2026, 9, 1, tzinfo=UTC))
    db.session.commit()
    assert meeting_services.protected_ids([meeting, other]) == {meeting.id}


def test_agenda_panel_on_the_meeting_page(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), SEP8)
    login(world.jkq_user)
    submit(client, meeting, title="低效用地盘活进展")
    [topic] = topics(meeting)
    login(world.host)
    client.post(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/accept")
    page = client.get(f"/meetings/{meeting.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert 'data-testid="agenda-panel"' in text and "低效用地盘活进展" in text
    assert 'data-testid="attendance-panel"' in text


def test_topic_attachment_readable_by_participants_only(client, login, world, make_series,
                                                        clock):
    import io

    from hub.attachments.models import Attachment

    meeting = occurrence_on(make_series(), SEP8)
    login(world.liling_user)
    resp = client.post(f"/meetings/{meeting.id}/agenda/topics", data={
        **TOPIC, "attachments": [(io.BytesIO("人才库名单".encode()), "人才库.txt")]},
        content_type="multipart/form-data")
    assert resp.status_code == 302
    [topic] = topics(meeting)
    [attachment] = db.session.execute(db.select(Attachment).where(
        Attachment.owner_type == "agenda_topic", Attachment.owner_id == topic.id)).scalars()
    assert "人才库.txt" in client.get(f"/meetings/{meeting.id}/agenda").get_data(as_text=True)
    login(world.jkq_user)
    assert client.get(f"/attachments/{attachment.id}").status_code == 200
    login(world.outsider)
    assert client.get(f"/attachments/{attachment.id}").status_code == 403

    login(world.liling_user)
    resp = client.post(f"/meetings/{meeting.id}/agenda/topics", data={
        **TOPIC, "title": "坏附件", "attachments": [(io.BytesIO(b"MZ\x00\x01"), "virus.exe")]},
        content_type="multipart/form-data")
    assert resp.status_code == 422 and "坏附件" in resp.get_data(as_text=True)
    assert len(topics(meeting)) == 1

    login(world.host)  # a deferred topic keeps its files on the next meeting
    client.post(f"/meetings/{meeting.id}/agenda/topics/{topic.id}/defer")
    [copy] = db.session.execute(db.select(AgendaTopic).where(
        AgendaTopic.deferred_from_id == topic.id)).scalars()
    assert "人才库.txt" in client.get(
        f"/meetings/{copy.meeting_id}/agenda").get_data(as_text=True)


def test_tracked_count_matches_the_tracked_items(app, world, make_series, clock):
    series = make_series()
    august = occurrence_on(series, date(2026, 8, 11))
    meeting = occurrence_on(series, SEP8)
    db.session.add_all([ActionItem(meeting_id=august.id, text=f"事项{i}",
                                   owner_park_id=world.liling.id) for i in range(3)])
    db.session.commit()
    assert services.tracked_count(meeting) == len(services.tracked_items(meeting)) == 3
    assert services.tracked_count(august) == 0
