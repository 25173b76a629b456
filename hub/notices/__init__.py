"""Policy notices (政策通知): categories, audience, publishing, read receipts (已读回执)."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "notice": _l("Policy notice"),
    "notice_category": _l("Notice category"),
})
labels.FIELD_LABELS.update({
    "title": _l("Title"),
    "body": _l("Text"),
    "category": _l("Category"),
    "park": _l("Issuing park"),
    "all_parks": _l("All parks"),
    "audience": _l("Audience"),
    "effective_date": _l("Effective from"),
    "expiry_date": _l("Valid until"),
    "status": _l("Status"),
    "published_at": _l("Published at"),
    "withdrawn_at": _l("Withdrawn at"),
    "deleted_at": _l("Deleted at"),
    "attachments": _l("Attachments"),
    "position": _l("Position"),
})
