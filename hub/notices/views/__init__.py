"""/notices/: policy notices (政策通知). Thin: parse → permission check → service → render.

The routes live on one blueprint (`common.bp`), one module per responsibility: the list, writing
drafts, reading a notice, its lifecycle (publish, withdraw, delete, restore), the categories and
the office conventions (签收, 催阅/催签, the receipts workbook).
"""

from hub.notices.views import browse, categories, detail, editing, lifecycle, oa
from hub.notices.views.common import bp

__all__ = ["bp", "browse", "categories", "detail", "editing", "lifecycle", "oa"]
