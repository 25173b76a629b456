"""The admin-managed list of notice categories: create, rename, reorder, (de)activate."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from hub import audit
from hub.domain import DomainError
from hub.extensions import db
from hub.notices.models import NoticeCategory


class CategoryError(DomainError):
    """'duplicate': another category has this name (on the form's name field)."""

    messages = {"duplicate": _l("This value is already in use.")}

    def __init__(self, code: str, field: str | None = "name"):
        super().__init__(code, field)


def list_categories(*, active_only: bool = False, include_id: int | None = None):
    stmt = select(NoticeCategory).order_by(NoticeCategory.position, NoticeCategory.id)
    rows = list(db.session.execute(stmt).scalars())
    if active_only:
        rows = [c for c in rows if c.active or c.id == include_id]
    return rows


def _check_unique(name: str, exclude_id: int | None = None) -> None:
    stmt = select(NoticeCategory.id).where(NoticeCategory.name == name)
    if exclude_id is not None:
        stmt = stmt.where(NoticeCategory.id != exclude_id)
    if db.session.execute(stmt).first():
        raise CategoryError("duplicate")


def create(actor, name: str) -> NoticeCategory:
    name = name.strip()
    _check_unique(name)
    last = db.session.execute(select(db.func.max(NoticeCategory.position))).scalar() or 0
    category = NoticeCategory(name=name, position=last + 10, active=True)
    db.session.add(category)
    audit.record(actor, "create", category, {"name": [None, name]})
    return category


def rename(actor, category: NoticeCategory, name: str) -> None:
    name = name.strip()
    if name == category.name:
        return
    _check_unique(name, category.id)
    audit.record(actor, "update", category, {"name": [category.name, name]})
    category.name = name


def move(actor, category: NoticeCategory, direction: int) -> None:
    """Swap with the neighbour above (direction -1) or below (+1)."""
    rows = list_categories()
    index = rows.index(category)
    other = index + direction
    if not 0 <= other < len(rows):
        return
    for position, row in enumerate(rows):  # normalise: 10, 20, 30 …
        row.position = (position + 1) * 10
    neighbour = rows[other]
    old = category.position
    category.position, neighbour.position = neighbour.position, category.position
    audit.record(actor, "update", category, {"position": [old, category.position]})


def set_active(actor, category: NoticeCategory, active: bool) -> None:
    if category.active == active:
        return
    audit.record(actor, "activate" if active else "deactivate", category,
                 {"active": [category.active, active]})
    category.active = active
