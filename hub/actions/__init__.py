"""Decisions (议定事项) of meetings followed as action items (督办)."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "action_item": _l("Action item"),  # 议定事项 / 督办事项
})
labels.ACTION_LABELS.update({
    "progress": _l("Progress noted"),  # 进展
})
labels.FIELD_LABELS.update({
    "text": _l("Decision"),
    "owner_park_id": _l("Owner park"),  # 责任园区
    "due_date": _l("Due date"),  # 完成时限
    "completed_at": _l("Completed at"),
    "land_cases": _l("Linked land cases"),
    "note": _l("Note"),
})
