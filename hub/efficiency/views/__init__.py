"""/efficiency/: 亩均效益评价. Thin: parse → check (hub.permissions) → service (through hub.uow)
→ render.

common.py (the blueprint, its template labels, the .xlsx response), enterprises.py (the
enterprise register and the industry chains), rounds.py (rounds and their schemes), grid.py (a
park's reporting grid and the review), results.py (scores, hero list, analysis), allocation.py
(要素差别化配置)."""

from hub.efficiency.views import (  # noqa: F401 - routes
    allocation,
    enterprises,
    grid,
    results,
    rounds,
)
from hub.efficiency.views.common import bp

__all__ = ["bp"]
