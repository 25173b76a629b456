"""The audit log's rows as its page shows them, worked out in one pass (issue 16).

The page printed each entry through template globals: the action's, object type's and each
changed field's label translated again for every row (a lazy label goes through Flask-Babel
each time it is printed), every value read again. Here a page's labels and plain values are
worked out once each; the text is the same (hub.audit.labels and hub.audit.values say what it
is), and so is how the template escapes it."""

from dataclasses import dataclass

from markupsafe import escape

from hub.audit import labels, values
from hub.timeutil import long_datetime


@dataclass(frozen=True)
class Line:
    """One entry of the log as shown: `entry` is its row (hub.admin.services.audit_rows)."""

    entry: object
    time: str
    action: object
    object_label: object
    ref: dict
    changes: list  # (field label, old value, new value) as shown


def _shown(label):
    """A label as the template printed it: a lazy label by its __html__ (its text as it is),
    anything else as text to escape."""
    return escape(label) if hasattr(label, "__html__") else label


def _hashable(value) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def lines(entries) -> list[Line]:
    """The lines of `entries` (rows of the log, objects preloaded: values.preload)."""
    memo: dict = {}

    def once(key, make, *args):
        if key not in memo:
            memo[key] = make(*args)
        return memo[key]

    def shown(kind, field, value):
        if not _hashable(value):
            return values.show_value(kind, field, value)
        return once(("value", kind, field, type(value), value),
                    values.show_value, kind, field, value)

    out = []
    for e in entries:
        kind = e.object_type
        changes = [(once(("field", kind, field), values.field_text, field, kind),
                    shown(kind, field, pair[0]), shown(kind, field, pair[1]))
                   for field, pair in (e.changes or {}).items()]
        out.append(Line(
            entry=e,
            time=long_datetime(e.created_at),
            action=once(("action", e.action), _label, labels.action_label, e.action),
            object_label=once(("object", kind), _label, labels.object_label, kind),
            ref=values.object_ref(kind, e.object_id, e.summary),
            changes=changes,
        ))
    return out


def _label(label_of, key):
    return _shown(label_of(key))
