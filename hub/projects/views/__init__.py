"""/projects/: investment projects, 招商 visits, 履约监管 and campaigns. Thin: parse → check →
service (through hub.uow) → render.

common.py (the blueprint, its template labels, the park choices), projects.py (the list, a
project's page and its edits), visits.py (招商 visits), supervision.py (履约监管 and its export),
campaigns.py (campaigns, targets, the 进度通报, the dashboard's bars)."""

from hub.projects.views import campaigns, projects, supervision, visits  # noqa: F401 - routes
from hub.projects.views.common import bp

__all__ = ["bp"]
