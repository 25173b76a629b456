"""Talent listings (人才共享): 岗位需求 and 人才推荐 shared between the parks."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature

_OBJECTS = {"talent_listing": _l("Talent listing")}  # 人才信息
_FIELDS = {
    "title": _l("Title"),
    "field": _l("Field / industry"),  # 领域/行业
    "education": _l("Education"),  # 学历
    "headcount": _l("Head count"),  # 人数
    "enterprise": _l("Enterprise / organisation"),  # 企业/单位
    "description": _l("Description"),
    "expires_on": _l("Valid until"),  # 有效期至
    "status": _l("Status"),
    "attachments": _l("Attachments"),
    "deleted_at": _l("Deleted at"),
}

AUDIT = AuditLabels(objects=_OBJECTS, fields=_FIELDS)


def declare() -> Feature:
    from hub import permissions as perm
    from hub.talent import demo, models, services, views

    return Feature("talent", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   attachment_owners=[AttachmentOwner(services.OWNER_TYPE, models.TalentListing,
                                                      perm.can_view_shared)])
