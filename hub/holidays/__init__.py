"""The holiday calendar (节假日安排): per year the statutory holiday ranges and the 调休 working
days, 官方 or 暂定, the admin page /admin/holidays/, and re-planning meetings when they change.

models.py (the table), sources.py (chinese-calendar and the `holidays` package), notice.py (the
text format of the admin page), services.py (fill, read as a Calendar, save), replan.py (preview
and re-plan future occurrences through hub.meetings.services.sync), views.py, forms.py.
"""

from flask_babel import lazy_gettext as _l

from hub.features import AuditLabels, Feature

_OBJECTS = {"holiday_year": _l("Holiday arrangement")}  # 节假日安排
_ACTIONS = {"replan": _l("Meetings re-planned")}  # 重新安排会议
_FIELDS = {
    "provenance": _l("Provenance"),  # 来源性质
    "source": _l("Source"),
    "data_hash": _l("Data version"),
    "moved": _l("Meetings moved"),
}

AUDIT = AuditLabels(objects=_OBJECTS, actions=_ACTIONS, fields=_FIELDS)


def declare() -> Feature:
    from hub.holidays import demo, models, views

    return Feature("holidays", demo=demo.seed, models=models, blueprints=[views.bp], audit=AUDIT)
