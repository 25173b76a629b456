"""Before a meeting, under /meetings/<id>/: one blueprint over several route modules:

- common.py: the blueprint, loading a meeting, who may submit or reply, template helpers;
- topics.py: agenda topics (议题征集) and the printable agenda;
- attendance.py: attendance replies (参会回执) and who actually came;
- panels.py: the meeting page's agenda and attendance sections (declared in hub.agenda).
"""

from hub.agenda.views import attendance, panels, topics
from hub.agenda.views.common import bp

__all__ = ["attendance", "bp", "panels", "topics"]
