"""Email transport: build the message of a delivery, send it over SMTP (one connection reused for
a batch) or, with no MAIL_SERVER configured, write it to instance/outbox/<yyyymmdd-hhmmss>-<id>.eml.

Message shape: text and HTML alternatives; a meeting mail (Rendered.ics set) adds a third
alternative `text/calendar; method=REQUEST|CANCEL; charset=utf-8` (what calendar clients act on)
and the same calendar as an attachment invite.ics:

    multipart/mixed
      multipart/alternative: text/plain, text/html, text/calendar; method=…
      text/calendar; method=… (attachment, invite.ics)

(without a calendar: the multipart/alternative alone). A series change carries one calendar per
METHOD (Rendered.calendars: REQUEST for the changed and added occurrences, CANCEL for the removed
ones): the first is the text/calendar alternative, and each is an attachment with its own
`method=` (invite.ics, cancel.ics):

    multipart/mixed
      multipart/alternative: text/plain, text/html, text/calendar; method=REQUEST
      text/calendar; method=REQUEST (attachment, invite.ics)
      text/calendar; method=CANCEL (attachment, cancel.ics)
 The structure is fixed, so the bytes are
written here directly rather than through EmailMessage and policy.SMTP (which cost ≈ 15 ms a
mail, most of a fan-out's time): headers RFC 2047 encoded and folded by email.header.Header,
every body part base64 in 76-character lines, CRLF line ends, so the message is 7-bit clean.
The two calendar parts are the same for every recipient of one meeting state and method and are
encoded once (_calendar_parts). The Message-ID is derived from the outbox row:
<outbox-<id>@parkhub>.
"""

import base64
import contextlib
import os
import secrets
import smtplib
import tempfile
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.header import Header
from email.headerregistry import Address
from email.utils import format_datetime, formataddr, parseaddr
from functools import lru_cache
from pathlib import Path

from flask import current_app

from hub.timeutil import to_local

SMTP_TIMEOUT = 20  # seconds, per SMTP command
CRLF = "\r\n"


class MailError(Exception):
    """The message was not accepted. `permanent`: retrying will not help (5xx reply)."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Mail:
    """A message ready for the wire: the envelope recipient and the bytes (CRLF line ends)."""

    to: str
    data: bytes


# --- headers ----------------------------------------------------------------------------------
def _one_line(value: str) -> str:
    return " ".join(str(value).splitlines())  # a header value never carries a line break


@lru_cache(maxsize=512)  # a fan-out's recipients share the subject
def _header(name: str, value: str) -> str:
    """`Name: value`, RFC 2047 encoded words for non-ASCII text, folded at 76 characters."""
    value = _one_line(value)
    if value.isascii() and "=?" not in value:  # (text that looks like an encoded word is encoded)
        return f"{name}: {Header(value, 'us-ascii', header_name=name).encode(linesep=CRLF)}"
    return f"{name}: {Header(value, 'utf-8', header_name=name).encode(linesep=CRLF)}"


@lru_cache(maxsize=4096)
def _mailbox(name: str, email: str, header_name: str) -> tuple[str, str]:
    """(addr-spec, header line) for `name <email>`. Raises ValueError for an address that is
    not one."""
    parsed_name, addr = parseaddr(_one_line(email))
    try:
        addr = Address(addr_spec=addr or email.strip()).addr_spec  # validates
    except (IndexError, HeaderParseError) as exc:
        raise ValueError(f"not an address: {email!r} ({exc})") from exc
    if not addr.isascii():
        raise ValueError(f"not an ASCII address: {addr!r}")
    name = _one_line(name or parsed_name).strip()
    if not name or name.isascii():
        return addr, f"{header_name}: {formataddr((name, addr))}"
    words = Header(name, "utf-8", header_name=header_name)
    words.append(f"<{addr}>", "us-ascii")
    return addr, f"{header_name}: {words.encode(linesep=CRLF)}"


# --- body parts -------------------------------------------------------------------------------
def _base64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", CRLF)


def _text_part(text: str, subtype: str, params: str = "") -> str:
    """A text part: CRLF line ends (CR, LF, CRLF; not the other Unicode line breaks) and a final
    one — MIME canonical form, as the email package wrote it — UTF-8, base64."""
    lines = text.encode("utf-8").splitlines()
    body = (b"\r\n".join(lines) + b"\r\n") if lines else b""
    return (f'Content-Type: text/{subtype}; charset="utf-8"{params}{CRLF}'
            f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{_base64(body)}")


_CALENDAR_PARTS: dict[tuple[str, bytes], tuple[str, str]] = {}
CALENDAR_CACHE_SIZE = 64


def _calendar_parts(ics: bytes | str, method: str) -> tuple[str, str]:
    """(the text/calendar alternative, the invite.ics attachment), encoded once per calendar
    and method (a meeting's recipients all get the same)."""
    data = ics.encode("utf-8") if isinstance(ics, str) else ics
    name = "cancel.ics" if method == "CANCEL" else "invite.ics"
    key = (method, data)
    parts = _CALENDAR_PARTS.get(key)
    if parts is None:
        inline = _text_part(data.decode("utf-8"), "calendar", f'; method="{method}"')
        attachment = (f'Content-Type: text/calendar; method="{method}"; charset="utf-8"{CRLF}'
                      f'Content-Disposition: attachment; filename="{name}"{CRLF}'
                      f"Content-Transfer-Encoding: base64{CRLF}{CRLF}{_base64(data)}")
        if len(_CALENDAR_PARTS) >= CALENDAR_CACHE_SIZE:
            _CALENDAR_PARTS.clear()
        parts = _CALENDAR_PARTS[key] = (inline, attachment)
    return parts


def _multipart(subtype: str, parts: list[str]) -> str:
    boundary = f"=_{secrets.token_hex(10)}"  # "=_" never occurs in base64 lines
    body = "".join(f"--{boundary}{CRLF}{part}" for part in parts)
    return (f'Content-Type: multipart/{subtype}; boundary="{boundary}"{CRLF}{CRLF}'
            f"{body}--{boundary}--{CRLF}")


def build_message(delivery, rendered, *, to_email: str, to_name: str = "",
                  now: datetime) -> Mail:
    """The message of `delivery` to `to_name <to_email>`. Raises ValueError when the address
    is malformed."""
    from_line = _mailbox("", current_app.config["MAIL_DEFAULT_SENDER"], "From")[1]
    to_addr, to_line = _mailbox(to_name or "", to_email, "To")
    head = [
        _header("Subject", rendered.subject),
        from_line,
        to_line,
        f"Date: {format_datetime(now)}",
        f"Message-ID: {delivery.message_id}",
        f"X-ParkHub-Kind: {_one_line(delivery.kind)}",
        "Auto-Submitted: auto-generated",
        "MIME-Version: 1.0",
    ]
    alternatives = [_text_part(rendered.text or "", "plain")]
    if rendered.html:
        alternatives.append(_text_part(rendered.html, "html"))
    calendars = getattr(rendered, "calendars", None) or (
        [((rendered.ics_method or "REQUEST"), rendered.ics)] if rendered.ics else [])
    attachments = []
    for number, (method, ics) in enumerate(calendars):
        inline, attachment = _calendar_parts(ics, method.upper())
        if number == 0:
            alternatives.append(inline)
        attachments.append(attachment)
    body = alternatives[0] if len(alternatives) == 1 else _multipart("alternative", alternatives)
    if attachments:
        body = _multipart("mixed", [body, *attachments])
    return Mail(to=to_addr, data=(CRLF.join(head) + CRLF + body).encode("ascii"))


def _sender_address() -> str:
    return _address_of(current_app.config["MAIL_DEFAULT_SENDER"])


@lru_cache(maxsize=8)
def _address_of(sender: str) -> str:
    return parseaddr(sender)[1] or "parkhub@localhost"


class Mailer:
    """Use as a context manager around one batch: the SMTP connection opens on the first
    message and is reused until the end of the batch. When the server cannot be reached, the
    rest of the batch fails at once with the same error instead of waiting for each timeout."""

    def __init__(self):
        config = current_app.config
        self.server = config.get("MAIL_SERVER")
        self.port = int(config.get("MAIL_PORT") or 25)
        self.use_tls = bool(config.get("MAIL_USE_TLS"))
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.timeout = config.get("HUB_SMTP_TIMEOUT", SMTP_TIMEOUT)
        self.outbox_dir = Path(current_app.instance_path) / "outbox"
        self._smtp: smtplib.SMTP | None = None
        self._down: str | None = None
        self._envelope: tuple[int, str] | None = None  # (delivery id, recipient) opened ahead

    # --- context --------------------------------------------------------------------------------
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._smtp.quit()
            with contextlib.suppress(OSError):
                self._smtp.close()
            self._smtp = None
        self._envelope = None

    # --- sending --------------------------------------------------------------------------------
    def send(self, msg: Mail, *, delivery_id: int, now: datetime) -> str:
        """Deliver `msg`; returns where it went ("smtp" or the .eml path). Raises MailError."""
        if not self.server:
            return str(self.write_eml(msg, delivery_id=delivery_id, now=now))
        if self._down:
            raise MailError(self._down)
        smtp = self._connection()
        envelope, self._envelope = self._envelope, None
        try:
            if envelope == (delivery_id, msg.to):  # MAIL FROM and RCPT TO went ahead
                code, reply = smtp.data(msg.data)
                if code != 250:
                    raise smtplib.SMTPDataError(code, reply)
                refused = {}
            else:
                if envelope is not None:  # opened for a delivery that was not sent
                    smtp.rset()
                refused = smtp.sendmail(_sender_address(), [msg.to], msg.data)
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            raise MailError(_reply(code, reply), permanent=500 <= code < 600) from exc
        except smtplib.SMTPResponseException as exc:
            self._reset_after_error()
            raise MailError(_reply(exc.smtp_code, exc.smtp_error),
                            permanent=500 <= exc.smtp_code < 600) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise MailError(f"{type(exc).__name__}: {exc}") from exc
        if refused:
            code, reply = next(iter(refused.values()))
            raise MailError(_reply(code, reply), permanent=500 <= code < 600)
        return "smtp"

    def open_envelope(self, delivery_id: int, name: str, email: str) -> None:
        """Send the next message's MAIL FROM and RCPT TO ahead (the sender does it while the
        database settles the previous one); `send` of that delivery then only sends DATA. Any
        problem here is left for `send` to meet and report: the envelope is dropped."""
        if not self.server or self._down or self._envelope is not None:
            return
        try:
            addr = _mailbox(name or "", email, "To")[0]
            smtp = self._connection()
        except (ValueError, MailError):
            return
        try:
            code, _ = smtp.mail(_sender_address())
            if code == 250:
                code, _ = smtp.rcpt(addr)
                if code in (250, 251):
                    self._envelope = (delivery_id, addr)
                    return
            self._reset_after_error()
        except (smtplib.SMTPException, OSError):
            self.close()

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None:
            return self._smtp
        try:
            smtp = smtplib.SMTP(self.server, self.port, timeout=self.timeout)
            smtp.ehlo_or_helo_if_needed()
            if self.use_tls:
                smtp.starttls()
                smtp.ehlo()
            if self.username:
                smtp.login(self.username, self.password or "")
        except smtplib.SMTPResponseException as exc:
            self._down = f"{self.server}:{self.port} " + _reply(exc.smtp_code, exc.smtp_error)
            raise MailError(self._down, permanent=False) from exc
        except (smtplib.SMTPException, OSError) as exc:
            self._down = f"{self.server}:{self.port} {type(exc).__name__}: {exc}"
            raise MailError(self._down) from exc
        self._smtp = smtp
        return smtp

    def _reset_after_error(self) -> None:
        """After a refused message the session continues with RSET; if that fails, reconnect."""
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    # --- .eml files -----------------------------------------------------------------------------
    def existing_eml(self, delivery_id: int) -> Path | None:
        """A file written earlier for this delivery (a retry after a crash writes no second)."""
        if not self.outbox_dir.is_dir():
            return None
        return next(iter(sorted(self.outbox_dir.glob(f"*-{delivery_id}.eml"))), None)

    def write_eml(self, msg: Mail, *, delivery_id: int, now: datetime) -> Path:
        existing = self.existing_eml(delivery_id)
        if existing is not None:
            return existing
        self.outbox_dir.mkdir(parents=True, exist_ok=True)
        stamp = to_local(now).strftime("%Y%m%d-%H%M%S")
        path = self.outbox_dir / f"{stamp}-{delivery_id}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.outbox_dir, prefix=".tmp-", suffix=".eml")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(msg.data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o640)
            os.replace(tmp, path)  # atomic: readers see the whole file or none
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return path


def _reply(code: int, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()
