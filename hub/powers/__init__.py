"""赋权事项: the catalogue of empowered items and each park's handover status (/powers/)."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature

_OBJECTS = {
    "power_item": _l("Empowered item"),  # 赋权事项
    "power_handover": _l("Empowered item handover"),  # 赋权事项交接
}
_FIELDS = {
    "department": _l("Granting department"),
    "mode": _l("Empowerment mode"),
    "legal_basis": _l("Legal basis"),
    "handover_due": _l("Handover due (交接期限)"),
    "running_on": _l("Running since"),
    "first_case": _l("First case handled"),
    "deferred_on": _l("Deferred on"),
    "reason": _l("Reason"),
    "item_id": _l("Empowered item"),
}

AUDIT = AuditLabels(objects=_OBJECTS, fields=_FIELDS)


def declare() -> Feature:
    from hub.powers import demo, models, notifications, services, views

    return Feature("powers", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=notifications.KINDS, daily=[notifications.powers_overdue],
                   attachment_owners=[AttachmentOwner(
                       services.OWNER_TYPE, models.PowerHandover,
                       lambda user, h: getattr(user, "is_authenticated", False))])
