"""The mail on the wire is written by hand (hub.notify.mailer.build_message): mail clients and the
email package must read back exactly what was rendered."""

from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from types import SimpleNamespace

import icalendar
import pytest

from hub.notify import mailer
from hub.notify.render import Rendered
from tests.notify.conftest import _ics

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
LONG_SUBJECT = ("【园区协同平台】 会议提醒：明天 09:30 一区三园联席会议暨2026年第一季度重点项目"
                "推进情况通报及土地收储工作专题研究会议（第12次）")
TEXT = "张三，您好：\n\n会议将于明天 09:30 召开。\n地点：高新区管委会三楼会议室\n"
HTML = "<p>张三，您好：</p>\n<p>会议将于明天 <b>09:30</b> 召开。</p>\n"


@pytest.fixture
def sender_config(app):
    app.config["MAIL_DEFAULT_SENDER"] = "园区协同平台 <parkhub@example.test>"


def build(*, subject=LONG_SUBJECT, ics=None, method=None, to_name="张三",
          to_email="zhangsan@example.test", html=HTML, text=TEXT):
    delivery = SimpleNamespace(message_id="<outbox-42@parkhub>", kind="meeting.reminder")
    rendered = Rendered(subject=subject, text=text, html=html, url="/meetings/1", ics=ics,
                        ics_method=method)
    return mailer.build_message(delivery, rendered, to_email=to_email, to_name=to_name,
                                now=NOW)


def parse(mail: mailer.Mail):
    return message_from_bytes(mail.data, policy=policy.default)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def test_a_meeting_mail_reads_back_part_by_part(app, sender_config):
    ics = _ics("REQUEST")
    mail = build(ics=ics, method="REQUEST")
    assert mail.to == "zhangsan@example.test"
    assert max(mail.data) < 128  # 7-bit clean
    msg = parse(mail)
    assert msg["Subject"] == LONG_SUBJECT
    assert msg["From"].addresses[0].display_name == "园区协同平台"
    assert msg["From"].addresses[0].addr_spec == "parkhub@example.test"
    assert msg["To"].addresses[0].display_name == "张三"
    assert msg["To"].addresses[0].addr_spec == "zhangsan@example.test"
    assert msg["Message-ID"] == "<outbox-42@parkhub>"
    assert msg["Date"].datetime == NOW
    assert msg["X-ParkHub-Kind"] == "meeting.reminder"
    assert msg["Auto-Submitted"] == "auto-generated"
    assert not msg.defects and not any(p.defects for p in msg.walk())

    assert msg.get_content_type() == "multipart/mixed"
    alternative, attachment = msg.iter_parts()
    assert alternative.get_content_type() == "multipart/alternative"
    plain, html, calendar = alternative.iter_parts()
    assert plain.get_content_type() == "text/plain" and plain.get_content() == crlf(TEXT)
    assert html.get_content_type() == "text/html" and html.get_content() == crlf(HTML)
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"
    assert calendar.get_content() == ics.decode("utf-8")
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content_disposition() == "attachment"
    assert attachment.get_param("method") == "REQUEST"
    assert attachment.get_payload(decode=True) == ics
    [event] = icalendar.Calendar.from_ical(calendar.get_content()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "园区联席会议"


def test_long_chinese_headers_are_encoded_and_folded(app, sender_config):
    long_name = "高新区管委会园区协同办公室综合业务科张三丰"
    mail = build(to_name=long_name)
    head = mail.data.split(b"\r\n\r\n", 1)[0]
    lines = head.split(b"\r\n")
    assert all(len(line) <= 78 for line in lines), lines
    subject_lines = [line for line in lines if line.startswith(b"Subject:")]
    assert subject_lines and b"=?utf-8?b?" in subject_lines[0]
    assert sum(1 for line in lines if line.startswith(b" ")) >= 2  # continuation lines
    msg = parse(mail)
    assert msg["Subject"] == LONG_SUBJECT
    # RFC 2047: white space between adjacent encoded words is not part of the text (the email
    # package's address parser keeps it, so the raw header is decoded the RFC way here)
    raw_to = next(v for k, v in msg.raw_items() if k == "To")
    assert str(make_header(decode_header(raw_to))) == f"{long_name} <zhangsan@example.test>"


def test_a_mail_without_calendar_is_text_and_html_alternatives(app, sender_config):
    msg = parse(build(subject="Weekly digest", to_name="Smith, John"))
    assert msg["Subject"] == "Weekly digest"
    assert msg["To"].addresses[0].display_name == "Smith, John"
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg.get_body(("plain",)).get_content() == crlf(TEXT)
    only_text = parse(build(html=""))
    assert only_text.get_content_type() == "text/plain"
    assert only_text.get_content() == crlf(TEXT)


def test_text_is_kept_as_written_but_for_its_line_ends(app, sender_config):
    text = "第一行\r\n第二行\r第三行\u2028同一行\x0c还是同一行\n\n"
    msg = parse(build(text=text, html=""))
    assert msg.get_content() == "第一行\r\n第二行\r\n第三行\u2028同一行\x0c还是同一行\r\n\r\n"
    odd = "Re: =?utf-8?b?5byg?= is not a name"
    assert parse(build(subject=odd))["Subject"] == odd


def test_a_line_break_in_a_subject_cannot_add_a_header(app, sender_config):
    msg = parse(build(subject="Hello\r\nBcc: victim@example.test"))
    assert msg["Bcc"] is None
    assert msg["Subject"] == "Hello Bcc: victim@example.test"


@pytest.mark.parametrize("address", [
    "not an address@example.test", "张三@例子.测试", "<>", "", "a@", "@example.test"])
def test_a_malformed_address_is_refused_when_building(app, sender_config, address):
    with pytest.raises(ValueError):
        build(to_email=address)


def test_every_recipient_of_a_meeting_gets_the_same_calendar(app, sender_config):
    ics = _ics("CANCEL")
    first = build(ics=ics, method="CANCEL")
    second = build(ics=ics, method="CANCEL", to_name="李四", to_email="lisi@example.test")
    [cal1, att1] = [p for p in parse(first).walk() if p.get_content_type() == "text/calendar"]
    [cal2, att2] = [p for p in parse(second).walk() if p.get_content_type() == "text/calendar"]
    assert cal1.get_param("method") == cal2.get_param("method") == "CANCEL"
    assert cal1.get_content() == cal2.get_content() == ics.decode("utf-8")
    assert att1.get_payload(decode=True) == att2.get_payload(decode=True) == ics
    assert parse(second)["To"].addresses[0].display_name == "李四"
