"""项目攻坚 and 履约监管: investment projects, 招商 visits, campaigns, supervision (/projects/)."""

from flask_babel import lazy_gettext as _l

from hub.audit import labels

labels.OBJECT_LABELS.update({
    "invest_project": _l("Investment project"),  # 招商项目
    "invest_project_entry": _l("Project progress entry"),
    "invest_visit": _l("Investment-promotion visit"),  # 招商活动
    "invest_campaign": _l("Campaign"),  # 专项行动
})
