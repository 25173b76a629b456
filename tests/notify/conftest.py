"""Notification test fixtures: a real SMTP server (aiosmtpd) on 127.0.0.1 and a free port, and a
test-only renderer for the outbox mechanics.

- `smtp_sink`: an SMTP server collecting every message it accepts (`.messages`: dicts with
  "mail_from", "rcpt_tos", "message" (an email.message.EmailMessage, policy default), "raw" and
  "at", the time.time() it was accepted); `.delay` seconds pass before DATA is answered;
  `.sessions` counts SMTP connections (EHLO/HELO). Set `.reject` to an SMTP reply (e.g.
  "451 4.3.0 Try again later") to refuse messages until it is set back to None.
- `flaky_smtp_sink`: the same, refusing the first `fail_first` (2) messages with 451, then
  accepting.
- `mail_to(sink)`: points the test app's MAIL_SERVER / MAIL_PORT at a sink.
- `test.note` / `test.meeting`: kinds the tests enqueue directly, registered with
  hub.notify.kinds (no feature declares them, so the start-up check leaves them alone; not on the
  preferences page). The payload steers their renderers: {"subject": …, "skip": reason,
  "boom": True}.
"""

import asyncio
import socket
import threading
import time
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from hub.notify import kinds, render
from tests.notify.n2_world import make_meeting, world  # noqa: F401 - fixtures of the notify tests
from tests.notify.robot_fake import fake_robot  # noqa: F401 - the robot providers stand-in

TEST_SUBJECT = "会议提醒：园区联席会议 明天 09:30"
TEST_TEXT = "您好，园区联席会议将于明天 09:30 在高新区管委会三楼会议室召开。"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- test renderers ---------------------------------------------------------------------------
def _ics(method: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Park Hub tests//EN\r\n"
        f"METHOD:{method}\r\nBEGIN:VEVENT\r\nUID:meeting-1@parkhub\r\nSEQUENCE:0\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART:20260102T013000Z\r\nDTEND:20260102T033000Z\r\n"
        "SUMMARY:园区联席会议\r\nLOCATION:高新区管委会三楼会议室\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    ).encode()


def _note(delivery) -> render.Rendered:
    payload = delivery.payload or {}
    if payload.get("skip"):
        raise render.Skip(payload["skip"])
    if payload.get("boom"):
        raise RuntimeError("renderer exploded")
    subject = payload.get("subject", TEST_SUBJECT)
    return render.Rendered(subject=subject, text=f"{TEST_TEXT}\n#{delivery.id}\n",
                           html=f"<p>{TEST_TEXT}</p><p>#{delivery.id}</p>",
                           url=f"/meetings/{delivery.object_id}")


def _meeting(delivery) -> render.Rendered:
    rendered = _note(delivery)
    method = (delivery.payload or {}).get("method", "REQUEST")
    rendered.ics, rendered.ics_method = _ics(method), method
    return rendered


TEST_KINDS = (
    kinds.NotificationKind("test.note", "Test note", _note, preference=False, robot=True),
    kinds.NotificationKind("test.meeting", "Test meeting", _meeting, preference=False),
)


def register_test_kinds() -> None:
    for kind in TEST_KINDS:
        if kinds.get(kind.name) is None:  # this module may be imported under two names
            kinds.register(kind, feature="tests")


register_test_kinds()


# --- SMTP -------------------------------------------------------------------------------------
class SmtpSink:
    def __init__(self, *, fail_first: int = 0, delay: float = 0.0):
        self.messages: list[dict] = []
        self.sessions = 0
        self.reject: str | None = None
        self.fail_first = fail_first
        self.delay = delay
        self._lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    # aiosmtpd handler hooks
    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self._lock:
            self.sessions += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self.reject:
                return self.reject
            if self.fail_first > 0:
                self.fail_first -= 1
                return "451 4.3.0 Try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        raw = envelope.original_content or envelope.content
        with self._lock:
            self.messages.append({
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "message": message_from_bytes(raw, policy=policy.default),
                "raw": raw,
                "at": time.time(),  # when the server accepted it (answered 250)
            })
        return "250 OK"

    def start(self) -> "SmtpSink":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def by_message_id(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.messages:
            key = m["message"]["Message-ID"]
            counts[key] = counts.get(key, 0) + 1
        return counts


@pytest.fixture
def smtp_sink():
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def flaky_smtp_sink():
    sink = SmtpSink(fail_first=2).start()
    yield sink
    sink.stop()


@pytest.fixture
def mail_to(app):
    def point(sink: SmtpSink | None = None, *, port: int | None = None) -> None:
        app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port or sink.port,
                          MAIL_DEFAULT_SENDER="园区协同平台 <parkhub@example.test>",
                          HUB_SMTP_TIMEOUT=5)

    return point
