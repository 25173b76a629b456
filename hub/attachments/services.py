"""The one upload/download mechanism. Files live under instance/uploads/ with generated names.

Features register the model that owns attachments with the permission that guards reading it:
    register_owner("notice", Notice, can_view_notice)
Downloads check that same permission.
"""

import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from hub.attachments.models import Attachment
from hub.domain import DomainError
from hub.edge import clean_name
from hub.extensions import db

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (doc, xls, ppt)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")


def _is_ooxml(head: bytes, path: Path, folder: str) -> bool:
    if not head.startswith(ZIP[0]):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return False
    return "[Content_Types].xml" in names and any(n.startswith(folder + "/") for n in names)


def _is_text(head: bytes, path: Path) -> bool:
    data = path.read_bytes()[: 64 * 1024]
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


# extension → (content type, check on the first bytes / the file)
TYPES: dict[str, tuple[str, Callable[[bytes, Path], bool]]] = {
    "pdf": ("application/pdf", lambda h, p: h.startswith(b"%PDF-")),
    "doc": ("application/msword", lambda h, p: h.startswith(OLE)),
    "xls": ("application/vnd.ms-excel", lambda h, p: h.startswith(OLE)),
    "ppt": ("application/vnd.ms-powerpoint", lambda h, p: h.startswith(OLE)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda h, p: _is_ooxml(h, p, "word")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda h, p: _is_ooxml(h, p, "xl")),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             lambda h, p: _is_ooxml(h, p, "ppt")),
    "jpg": ("image/jpeg", lambda h, p: h.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda h, p: h.startswith(b"\xff\xd8\xff")),
    "png": ("image/png", lambda h, p: h.startswith(b"\x89PNG\r\n\x1a\n")),
    "txt": ("text/plain", _is_text),
    "zip": ("application/zip", lambda h, p: h.startswith(ZIP)),
}
ALLOWED_EXTENSIONS = ", ".join(sorted({e for e in TYPES if e != "jpeg"}))


class AttachmentRejected(DomainError):
    """`reason` is 'type' (extension or content not allowed) or 'empty'; shown on the form's
    `attachments` field."""

    def __init__(self, reason: str, filename: str = ""):
        super().__init__(reason, "attachments")
        self.reason = reason
        self.filename = filename

    @property
    def message(self) -> str:
        return rejected_message(self)


def rejected_message(error: AttachmentRejected) -> str:
    if error.reason == "empty":
        return str(_l("The file %(name)s is empty.", name=error.filename))
    return str(_l("The file %(name)s is not an allowed type (%(types)s), or its content does "
                  "not match its extension.", name=error.filename, types=ALLOWED_EXTENSIONS))


@dataclass
class Owner:
    model: type
    can_read: Callable


OWNERS: dict[str, Owner] = {}


def register_owner(owner_type: str, model: type, can_read: Callable) -> None:
    OWNERS[owner_type] = Owner(model, can_read)


def upload_root() -> Path:
    root = Path(current_app.instance_path) / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    return root


def path_of(attachment: Attachment) -> Path:
    return upload_root() / attachment.stored_name[:2] / attachment.stored_name


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def clean_filename(filename: str) -> str:
    """Keep the user's name (Chinese included) for display and download; drop any path."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = clean_name("".join(ch for ch in name if ch >= " " and ch != "\x7f")).strip()
    return name[:200] or "file"


def save(upload: FileStorage, owner_type: str, owner_id: int, by) -> Attachment:
    """Store one uploaded file for an owner; raises AttachmentRejected."""
    original = clean_filename(upload.filename or "")
    ext = extension_of(original)
    if ext not in TYPES:
        raise AttachmentRejected("type", original)
    stored = uuid.uuid4().hex
    target = upload_root() / stored[:2] / stored
    target.parent.mkdir(parents=True, exist_ok=True)
    upload.save(target)
    size = target.stat().st_size
    with target.open("rb") as fh:
        head = fh.read(16)
    content_type, check = TYPES[ext]
    if size == 0 or not check(head, target):
        target.unlink(missing_ok=True)
        raise AttachmentRejected("empty" if size == 0 else "type", original)
    attachment = Attachment(
        owner_type=owner_type,
        owner_id=owner_id,
        original_name=original,
        stored_name=stored,
        content_type=content_type,
        size=size,
        uploaded_by_id=getattr(by, "id", None),
    )
    db.session.add(attachment)
    return attachment


def save_all(uploads, owner_type: str, owner_id: int, by) -> list[Attachment]:
    """Save several uploads; if one is refused none are kept."""
    saved: list[Attachment] = []
    try:
        for upload in uploads:
            if upload and upload.filename:
                saved.append(save(upload, owner_type, owner_id, by))
    except AttachmentRejected:
        for attachment in saved:
            path_of(attachment).unlink(missing_ok=True)
            db.session.expunge(attachment)
        raise
    return saved


def for_owner(owner_type: str, owner_id: int) -> list[Attachment]:
    stmt = (
        db.select(Attachment)
        .where(Attachment.owner_type == owner_type, Attachment.owner_id == owner_id)
        .order_by(Attachment.id)
    )
    return list(db.session.execute(stmt).scalars())


def owner_of(attachment: Attachment):
    owner = OWNERS.get(attachment.owner_type)
    if owner is None:
        return None, None
    return db.session.get(owner.model, attachment.owner_id), owner.can_read


def delete(attachment: Attachment) -> None:
    """Remove the row now; the file goes once the transaction commits."""
    path = path_of(attachment)
    db.session.delete(attachment)
    db.session.info.setdefault("unlink_after_commit", []).append(path)


def _unlink_after_commit(session) -> None:
    for path in session.info.pop("unlink_after_commit", []):
        path.unlink(missing_ok=True)


def _forget_unlinks(session) -> None:
    session.info.pop("unlink_after_commit", None)


def init_app(app) -> None:
    if not event.contains(Session, "after_commit", _unlink_after_commit):
        event.listen(Session, "after_commit", _unlink_after_commit)
        event.listen(Session, "after_soft_rollback", lambda s, prev: _forget_unlinks(s))
