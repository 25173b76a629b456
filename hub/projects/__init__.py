"""项目攻坚 and 履约监管: investment projects, 招商 visits, campaigns, supervision (/projects/)."""

from flask_babel import lazy_gettext as _l

from hub.features import AttachmentOwner, AuditLabels, Feature

_OBJECTS = {
    "invest_project": _l("Investment project"),  # 招商项目
    "invest_project_entry": _l("Project progress entry"),
    "invest_visit": _l("Investment-promotion visit"),  # 招商活动
    "invest_campaign": _l("Campaign"),  # 专项行动
}
_FIELDS = {
    "investor": _l("Investor"),
    "industry_chain": _l("Industry chain"),
    "total_investment": _l("Total investment (10k yuan)"),
    "signed_on": _l("Signed on (签约)"),
    "started_on": _l("Construction started on (开工)"),
    "completed_on": _l("Construction completed on (竣工)"),
    "producing_on": _l("In production since (投产)"),
    "contracted_capital": _l("Contracted capital"),
    "paid_in_capital": _l("Paid-in capital (资金到位)"),
    "production_deadline": _l("Production deadline (投产期限)"),
    "committed_tax": _l("Agreed annual tax"),
    "committed_output": _l("Agreed annual output"),
    "actual_tax": _l("Actual annual tax"),
    "actual_output": _l("Actual annual output"),
    "visit_on": _l("Date"),
    "destination": _l("Destination"),
    "people": _l("People"),
    "leads": _l("Leads"),
    "starts_on": _l("Starts on"),
    "ends_on": _l("Ends on"),
    "min_investment": _l("Minimum investment (10k yuan)"),
    "notes": _l("Notes"),
    "supervised_on": _l("Supervised on"),
    "supervision_note": _l("Supervision note"),
    "stage": _l("Stage"),
    "stage_on": _l("Date"),
    "project_id": _l("Investment project"),
}

AUDIT = AuditLabels(objects=_OBJECTS, fields=_FIELDS)


def declare() -> Feature:
    from hub import permissions as perm
    from hub.projects import demo, models, reminders, views

    return Feature("projects", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT,
                   notification_kinds=reminders.KINDS, daily=[reminders.projects_behind],
                   attachment_owners=[AttachmentOwner(
                       "invest_project_entry", models.ProgressEntry,
                       lambda user, entry: perm.can_view_project(user, entry.project))])
