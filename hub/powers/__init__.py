"""赋权事项: the catalogue of empowered items and each park's handover status (/powers/)."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "power_item": _l("Empowered item"),  # 赋权事项
    "power_handover": _l("Empowered item handover"),  # 赋权事项交接
})
