"""No lost updates: an edit form carries the version it was loaded from.

Models that are edited in forms have `version: Mapped[int]` used as SQLAlchemy's
`version_id_col`; a save against another version raises `StaleEdit`, and the view re-renders the
form with everything the user typed plus a table of what changed meanwhile.
"""

from dataclasses import dataclass


class StaleEdit(Exception):
    def __init__(self, obj):
        super().__init__("stale edit")
        self.obj = obj


def check_version(obj, submitted) -> None:
    try:
        submitted = int(submitted)
    except (TypeError, ValueError):
        raise StaleEdit(obj) from None
    if submitted != obj.version:
        raise StaleEdit(obj)


@dataclass
class ConflictRow:
    label: str
    saved: object  # what is stored now (someone else's save)
    yours: object  # what this user typed


def conflict_rows(obj, form, fields: dict[str, str]) -> list[ConflictRow]:
    """Fields (attribute → form field name) where the stored value differs from the user's."""
    rows = []
    for attr, field_name in fields.items():
        field = getattr(form, field_name)
        saved = getattr(obj, attr)
        saved_cmp = getattr(saved, "value", saved)
        if saved_cmp != field.data and str(saved_cmp or "") != str(field.data or ""):
            rows.append(ConflictRow(str(field.label.text), saved, field.data))
    return rows
