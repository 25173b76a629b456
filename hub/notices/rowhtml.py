"""The notice list's rows written in Python: the loop of notices/index.html cost ~200 Python
calls a row (attribute lookups, escapes, filters), a fifth of the list page's calls (issue 16).
Same markup as the template's row was, byte for byte (whitespace included); labels come
translated from the template."""

from markupsafe import Markup, escape

from hub.notices.models import NoticeStatus
from hub.timeutil import format_datetime

_BADGES = {NoticeStatus.DRAFT: "secondary", NoticeStatus.PUBLISHED: "success",
           NoticeStatus.WITHDRAWN: "warning"}


def row_writer(read: set, status_labels: dict, urgency_labels: dict, unread_label: str,
               all_parks_label: str, deleted_label: str, detail_url: tuple[str, str]):
    """A function of a ListedNotice (hub.notices.listing) giving its row."""
    unread_badge = (f'<span class="badge text-bg-danger me-1" data-testid="unread">'
                    f'{escape(unread_label)}</span>')
    deleted_badge = f'<span class="badge text-bg-dark">{escape(deleted_label)}</span>'
    all_parks = escape(all_parks_label)
    before, after = (escape(part) for part in detail_url)  # hub.ui.url_around

    def row(n) -> Markup:
        unread = n.status == NoticeStatus.PUBLISHED and n.id not in read
        urgency = (f'<span class="badge border border-danger text-danger me-1" '
                   f'data-testid="urgency">{escape(urgency_labels[n.urgency])}</span>'
                   if n.urgency.pressing else "")
        doc = (f'<div class="small text-muted fw-normal" data-testid="doc-number">'
               f'{escape(n.doc_number)}</div>' if n.doc_number else "")
        audience = (all_parks if n.all_parks
                    else escape("、".join(str(p.short_name) for p in n.audience)))
        category = escape(n.category.name) if n.category is not None else ""
        park = escape(n.park.short_name) if n.park is not None else ""
        published = escape(format_datetime(n.published_at)) if n.published_at else "—"
        return Markup(  # noqa: S704 - every value escaped above
            f'\n    \n    <tr data-testid="notice-row" data-notice-id="{escape(n.id)}" '
            f'class="{"notice-unread fw-semibold" if unread else ""}">\n'
            f'      <td>\n'
            f'        {unread_badge if unread else ""}\n'
            f'        {urgency}\n'
            f'        <a href="{before}{escape(n.id)}{after}">{escape(n.title)}</a>\n'
            f'        {doc}\n'
            f'      </td>\n'
            f'      <td>{category}</td>\n'
            f'      <td>{park}</td>\n'
            f'      <td class="small">{audience}</td>\n'
            f'      <td>\n'
            f'        \n'
            f'        <span class="badge text-bg-{_BADGES.get(n.status, "")}">'
            f'{escape(status_labels[n.status])}</span>\n'
            f'        {deleted_badge if n.deleted_at else ""}\n'
            f'      </td>\n'
            f'      <td class="text-nowrap">{published}</td>\n'
            f'    </tr>\n  ')

    return row
