"""The case list's rows written in Python (issue 16): the loop of land/index.html cost ~240
Python calls a row (attribute lookups, escapes, filters, label lookups), the writer ~50. Same
markup as the template's row was, byte for byte (whitespace included); labels come translated
from the view's context processor."""

from markupsafe import Markup, escape

from hub.land.models import STATUS_BADGES
from hub.timeutil import format_datetime


def row_writer(status_labels: dict, problem_labels: dict, overdue_label: str,
               deleted_label: str, detail_url: tuple[str, str]):
    """A function of a ListedCase (hub.land.queries) giving its row."""
    overdue_badge = (f'\n        <span class="badge text-bg-danger" data-testid="overdue-badge">'
                     f'{escape(overdue_label)}</span>')
    deleted_badge = f'\n        <span class="badge text-bg-dark">{escape(deleted_label)}</span>'
    before, after = (escape(part) for part in detail_url)  # hub.ui.url_around
    no_badge, overdue_attr = "\n        ", ' data-overdue="1"'
    statuses = {s: (escape(STATUS_BADGES.get(s, "text-bg-light")), escape(label))
                for s, label in status_labels.items()}
    problems = {p: escape(label) for p, label in problem_labels.items()}

    def row(c) -> Markup:
        overdue, deleted = c.overdue, c.is_deleted
        code = escape(c.parcel_code)
        badge, status = statuses.get(c.status) or (escape(STATUS_BADGES.get(c.status,
                                                                            "text-bg-light")),
                                                   escape(c.status))
        problem = problems.get(c.problem_type)
        if problem is None:
            problem = escape(c.problem_type)
        park = escape(c.park.short_name) if c.park is not None else ""
        assignee = escape(c.assignee_name) if c.assignee_name is not None else "—"
        return Markup(  # noqa: S704 - every value escaped above
            f'\n    \n    <tr class="{"table-danger" if overdue else ""}'
            f'{" table-secondary" if deleted else ""}" data-testid="case-row" '
            f'data-case="{code}"{overdue_attr if overdue else ""}>\n'
            f'      <td><a href="{before}{escape(c.id)}{after}">{code}</a></td>\n'
            f'      <td>{escape(c.location)}</td>\n'
            f'      <td class="text-end">{float(c.area_mu):.2f}</td>\n'
            f'      <td>{escape(c.holder)}</td>\n'
            f'      <td>{problem}</td>\n'
            f'      <td>{park}</td>\n'
            f'      <td>{assignee}</td>\n'
            f'      <td class="text-nowrap">{escape(c.deadline or "—")}'
            f'{overdue_badge if overdue else no_badge}</td>\n'
            f'      <td><span class="badge {badge}">{status}</span>'
            f'{deleted_badge if deleted else no_badge}</td>\n'
            f'      <td class="text-nowrap small text-muted">'
            f'{escape(format_datetime(c.updated_at))}</td>\n'
            f'    </tr>\n  ')

    return row
