"""Email transport: build the message of a delivery, send it over SMTP (one connection reused for
a batch) or, with no MAIL_SERVER configured, write it to instance/outbox/<yyyymmdd-hhmmss>-<id>.eml.

Message shape: text and HTML alternatives; a meeting mail (Rendered.ics set) adds a third
alternative `text/calendar; method=REQUEST|CANCEL; charset=utf-8` (what calendar clients act on)
and the same calendar as an attachment invite.ics. The Chinese subject and display names are
RFC 2047 encoded by the email package; the body parts are base64, so the message is 7-bit clean.
The Message-ID is derived from the outbox row: <outbox-<id>@parkhub>.
"""

import contextlib
import os
import smtplib
import tempfile
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path

from flask import current_app

from hub.timeutil import to_local

SMTP_TIMEOUT = 20  # seconds, per SMTP command


class MailError(Exception):
    """The message was not accepted. `permanent`: retrying will not help (5xx reply)."""

    def __init__(self, message: str, *, permanent: bool = False):
        super().__init__(message)
        self.permanent = permanent


def _address(display_name: str, email: str) -> Address:
    name, addr = parseaddr(email)
    return Address(display_name=display_name or name, addr_spec=addr or email)


def build_message(delivery, rendered, *, to_email: str, to_name: str = "",
                  now: datetime) -> EmailMessage:
    config = current_app.config
    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = rendered.subject
    msg["From"] = config["MAIL_DEFAULT_SENDER"]
    msg["To"] = _address(to_name, to_email)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = delivery.message_id
    msg["X-ParkHub-Kind"] = delivery.kind
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(rendered.text or "", cte="base64")
    if rendered.html:
        msg.add_alternative(rendered.html, subtype="html", cte="base64")
    if rendered.ics:
        method = (rendered.ics_method or "REQUEST").upper()
        ics = rendered.ics.decode("utf-8") if isinstance(rendered.ics, bytes) else rendered.ics
        msg.add_alternative(ics, subtype="calendar", cte="base64", params={"method": method})
        msg.add_attachment(ics.encode("utf-8"), maintype="text", subtype="calendar",
                           filename="invite.ics", params={"method": method, "charset": "utf-8"})
    return msg


def _sender_address() -> str:
    return parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1] or "parkhub@localhost"


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

    # --- sending --------------------------------------------------------------------------------
    def send(self, msg: EmailMessage, *, delivery_id: int, now: datetime) -> str:
        """Deliver `msg`; returns where it went ("smtp" or the .eml path). Raises MailError."""
        if not self.server:
            return str(self.write_eml(msg, delivery_id=delivery_id, now=now))
        if self._down:
            raise MailError(self._down)
        smtp = self._connection()
        recipients = [a.addr_spec for a in msg["To"].addresses]
        try:
            refused = smtp.send_message(msg, from_addr=_sender_address(), to_addrs=recipients)
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

    def write_eml(self, msg: EmailMessage, *, delivery_id: int, now: datetime) -> Path:
        existing = self.existing_eml(delivery_id)
        if existing is not None:
            return existing
        self.outbox_dir.mkdir(parents=True, exist_ok=True)
        stamp = to_local(now).strftime("%Y%m%d-%H%M%S")
        path = self.outbox_dir / f"{stamp}-{delivery_id}.eml"
        fd, tmp = tempfile.mkstemp(dir=self.outbox_dir, prefix=".tmp-", suffix=".eml")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(msg.as_bytes(policy=policy.SMTP))
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
