"""赋权事项: the catalogue of empowered items and each park's handover status (/powers/)."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "power_item": _l("Empowered item"),  # 赋权事项
    "power_handover": _l("Empowered item handover"),  # 赋权事项交接
})
labels.FIELD_LABELS.update({
    "department": _l("Granting department"),
    "mode": _l("Empowerment mode"),
    "legal_basis": _l("Legal basis"),
    "handover_due": _l("Handover due (交接期限)"),
    "running_on": _l("Running since"),
    "first_case": _l("First case handled"),
    "deferred_on": _l("Deferred on"),
})
