"""Policy notices (政策通知): categories, audience, publishing, read receipts (已读回执)."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature

_OBJECTS = {
    "notice": _l("Policy notice"),
    "notice_category": _l("Notice category"),
}
_FIELDS = {
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
    "doc_number": _l("Document number"),
    "urgency": _l("Urgency"),
    "signed_for": _l("Signed for"),
    "reminded": _l("Reminded parks"),
    "category_id": _l("Category"),
    "published_by_id": _l("Published by"),
}
_ACTIONS = {
    "sign": _l("Signed for the park"),  # 签收
    "remind_read": _l("Reminded to read"),  # 催阅
    "remind_sign": _l("Reminded to sign"),  # 催签
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub import permissions as perm
    from hub.notices import demo, models, notifications, services, views

    return Feature("notices", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=notifications.KINDS,
                   subscriptions=notifications.SUBSCRIPTIONS,
                   attachment_owners=[AttachmentOwner(services.OWNER_TYPE, models.Notice,
                                                      perm.can_view_notice)])
