"""What the outbox admin pages (/notifications/admin/…) read and do: the deliveries list, "retry
now" with its audit entry, and the .eml files written without an SMTP server."""

import re
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

from flask import current_app
from sqlalchemy.orm import selectinload

from hub import audit
from hub.extensions import db
from hub.lists import sorting
from hub.notify import outbox
from hub.notify.models import Channel, Delivery, DeliveryState

EML_NAME = re.compile(r"^\d{8}-\d{6}-\d+\.eml$")
EML_LIST_LIMIT = 100


# --- deliveries -------------------------------------------------------------------------------
def delivery_kinds() -> list[str]:
    """The kinds of every delivery in the outbox (the list's filter)."""
    return list(db.session.execute(
        db.select(Delivery.kind).distinct().order_by(Delivery.kind)).scalars())


SORT = sorting.SortSpec({
    "due": sorting.key(Delivery.due_at, first=sorting.DESC), "id": sorting.key(Delivery.id),
    "kind": sorting.key(Delivery.kind), "channel": sorting.key(Delivery.channel),
    "object": sorting.key(Delivery.object_type, Delivery.object_id),
    "state": sorting.key(Delivery.state), "attempts": sorting.key(Delivery.attempts,
                                                                  first=sorting.DESC),
    "sent": sorting.key(Delivery.sent_at, first=sorting.DESC, nullable=True),
}, default="due", tiebreak=(Delivery.id,))


def deliveries_query(*, state: str = "", channel: str = "", kind: str = "",
                     sort: sorting.Sort | None = None):
    """Deliveries newest due first (or in `sort`'s order), filtered by state, channel and kind
    ("" = all)."""
    sort = sort or sorting.Sort.default_of(SORT)
    stmt = (db.select(Delivery).order_by(*sort.order_by())
            .options(selectinload(Delivery.user), selectinload(Delivery.park)))
    if state:
        stmt = stmt.where(Delivery.state == DeliveryState(state))
    if channel:
        stmt = stmt.where(Delivery.channel == Channel(channel))
    if kind:
        stmt = stmt.where(Delivery.kind == kind)
    return stmt


def retry(actor, delivery: Delivery) -> None:
    """Send `delivery` again with the next tick; audited."""
    before = {"state": delivery.state, "attempts": delivery.attempts}
    outbox.retry_now(delivery)
    audit.record(actor, "retry", delivery,
                 changes={"state": [before["state"], delivery.state],
                          "attempts": [before["attempts"], delivery.attempts]},
                 summary=f"{delivery.kind} #{delivery.id}")


# --- .eml files -------------------------------------------------------------------------------
def outbox_dir() -> Path:
    return Path(current_app.instance_path) / "outbox"


def eml_files(limit: int = EML_LIST_LIMIT) -> dict:
    """The newest .eml files with their subject and recipient, and how many there are."""
    folder = outbox_dir()
    names = sorted((p.name for p in folder.glob("*.eml") if EML_NAME.match(p.name)),
                   reverse=True) if folder.is_dir() else []
    parser = BytesHeaderParser(policy=policy.default)
    files = []
    for name in names[:limit]:
        path = folder / name
        try:
            with path.open("rb") as fh:
                headers = parser.parse(fh)
            stat = path.stat()
        except OSError:
            continue
        files.append({"name": name, "subject": str(headers.get("Subject", "")),
                      "to": str(headers.get("To", "")), "size": stat.st_size,
                      "delivery_id": int(name.rsplit("-", 1)[1].removesuffix(".eml"))})
    return {"files": files, "total": len(names)}


def eml_path(name: str) -> Path | None:
    """The .eml file called `name` in the outbox folder; None for any other name or path."""
    if not EML_NAME.match(name):  # a bare file name: no path can leave the folder
        return None
    path = outbox_dir() / name
    if not path.is_file() or path.resolve().parent != outbox_dir().resolve():
        return None
    return path
