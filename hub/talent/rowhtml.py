"""The talent list's rows written in Python: the loop of talent/index.html cost over a hundred
Python calls a row (attribute lookups, escapes, label lookups) (issue 16). Same markup as the
template's row was, byte for byte (whitespace included); labels come translated from the
template and the view."""

from markupsafe import Markup, escape

from hub.talent.models import ListingKind, ListingStatus

_KIND_BADGES = {ListingKind.DEMAND: "text-bg-primary"}
_STATUS_BADGES = {ListingStatus.OPEN: "text-bg-light border",
                  ListingStatus.FILLED: "text-bg-info"}


def row_writer(today, kind_label, status_label, education_label, expired_label: str,
               deleted_label: str, detail_url: tuple[str, str]):
    """A function of a ListedListing (hub.talent.services) giving its row."""
    expired_badge = f'<span class="badge text-bg-warning">{escape(expired_label)}</span>'
    deleted_badge = f'<span class="badge text-bg-danger">{escape(deleted_label)}</span>'
    before, after = (escape(part) for part in detail_url)  # hub.ui.url_around

    def row(listing) -> Markup:
        expired = listing.expires_on < today
        muted = (' class="text-muted"' if listing.deleted_at or expired
                 or listing.status != ListingStatus.OPEN else "")
        park = escape(listing.park.short_name) if listing.park is not None else ""
        return Markup(  # noqa: S704 - every value escaped above
            f'\n    \n    <tr{muted}>\n'
            f'      <td class="text-nowrap">\n'
            f'  <span class="badge {_KIND_BADGES.get(listing.kind, "text-bg-success")}" '
            f'data-testid="kind-badge">{escape(kind_label(listing.kind))}</span>\n'
            f'  <span class="badge {_STATUS_BADGES.get(listing.status, "text-bg-secondary")}">'
            f'{escape(status_label(listing.status))}</span>\n'
            f'  {expired_badge if expired else ""}\n'
            f'  {deleted_badge if listing.deleted_at else ""}\n'
            f'</td>\n'
            f'      <td><a href="{before}{escape(listing.id)}{after}">'
            f'{escape(listing.title)}</a></td>\n'
            f'      <td>{escape(listing.field)}</td>\n'
            f'      <td>{escape(education_label(listing.education))}</td>\n'
            f'      <td class="text-end">{escape(listing.headcount)}</td>\n'
            f'      <td>{park}</td>\n'
            f'      <td>{escape(listing.enterprise)}</td>\n'
            f'      <td class="text-nowrap">{escape(listing.expires_on.isoformat())}</td>\n'
            f'    </tr>\n  ')

    return row
