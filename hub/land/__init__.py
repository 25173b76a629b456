"""Land disposal cases (土地清理处置): cases, workflow, timeline, CSV export."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature

_OBJECTS = {
    "land_case": _l("Land case"),  # 土地清理处置案件
    "land_case_event": _l("Land case progress entry"),
}
_FIELDS = {
    "parcel_code": _l("Parcel code"),  # 地块编号
    "location": _l("Location"),  # 位置
    "area_mu": _l("Area (mu)"),  # 面积（亩）
    "holder": _l("Holder enterprise"),  # 持有企业
    "problem_type": _l("Problem type"),  # 问题类型
    "disposal": _l("Proposed disposal"),  # 处置方式
    "assignee_id": _l("Assignee"),  # 经办人
    "deadline": _l("Deadline"),  # 办结期限
    "status": _l("Status"),
    "suspended_from": _l("Suspended from"),
    "suspend_reason": _l("Reason for suspension"),  # 搁置原因
    "description": _l("Description"),
    "deleted_at": _l("Deleted at"),
    "deleted_by_id": _l("Deleted by"),
}

AUDIT = AuditLabels(objects=_OBJECTS, fields=_FIELDS)


def declare() -> Feature:
    from hub import permissions as perm
    from hub.land import demo, models, services, views

    return Feature("land", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   attachment_owners=[AttachmentOwner(
                       services.EVENT_OWNER, models.CaseEvent,
                       lambda user, event: perm.can_view_shared(user, event.case))])
