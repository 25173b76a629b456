"""What search searches: one `Kind` per searched table, with its columns, how a result is shown
and linked, and who may see a row (the SQL clause of hub.permissions that its page applies).

The searched columns of a kind are those of its FTS5 table (SQLite) and of its pg_trgm indexes
(PostgreSQL): migrations b4_search (notices, land cases, talent listings) and i3_search_more
(meetings, minutes, action items) create them. A kind's `children` are rows that belong to one
of its rows (an action item's progress notes: migration j1_search_action_notes): a term found in
a child counts as found in its parent row, seen by whoever may see the parent.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import import_module

import sqlalchemy as sa

from hub import permissions as perm

PARENT = "meeting."  # a shown column read from the row's meeting (minutes, action items)


class Searched:
    """A searched table: its model (`model_path`, imported when first searched) and FTS5 table."""

    model_path: str
    table: str

    @property
    def model(self):
        module, name = self.model_path.split(":")
        return getattr(import_module(module), name)

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"


@dataclass(frozen=True)
class Child(Searched):
    """Rows searched on behalf of their parent row (an action item's progress notes)."""

    model_path: str  # "module:Class"
    table: str
    parent_column: str  # the foreign key to the parent row's id
    columns: tuple[str, ...]  # searched (same as the FTS5 table / trigram indexes); the first
    # one is shown in the parent's snippet when it holds a term


@dataclass(frozen=True)
class Kind(Searched):
    key: str  # "notice" / "case" / "talent" / "meeting" / "minutes" / "action"
    model_path: str  # "module:Class", imported when first searched
    table: str
    columns: tuple[str, ...]  # searched (same as the FTS5 table / trigram indexes)
    title_columns: tuple[str, ...]  # matches there rank first (none: every match ranks alike)
    snippet_columns: tuple[str, ...]  # shown under the title; "meeting.x": the meeting's x
    endpoint: str
    url_arg: str
    # visibility(user, rows) → the WHERE clause of hub.permissions; rows is the model or the
    # columns of a subquery of it
    visibility: Callable
    shown_title: tuple[str, ...] = ()  # shown as the title (default: title_columns)
    title_is_snippet: bool = False  # a long text as the title: cut around the first match
    park_column: str = "park_id"  # the park shown
    date_columns: tuple[str, ...] = ("updated_at",)  # the date shown: the first one set
    url_column: str = "id"  # the value of url_arg
    children: tuple[Child, ...] = ()  # searched too; a match there finds the parent
    # at most this many matches ranked and counted (hub.search.services.MAX_MATCHES if lower;
    # None: MAX_MATCHES): lower for the kinds whose rows cost most to test (long minutes,
    # action items with their progress notes), "100+" instead of "500+"
    max_matches: int | None = None
    # the same clause for a search of the latest rows only (1–2 character terms), tested per
    # row (default: `visibility`): a probe for each matching row of the window, instead of a
    # hash of every row of the user's park, which grows with the data (notices: 5,400 audience
    # rows of a park at scale 10, for a window of at most SHORT_TERM_ROWS and most often a few
    # dozen matches; meetings: 3,400 participant rows)
    window_visibility: Callable | None = None

    @property
    def title_shown(self) -> tuple[str, ...]:
        return self.shown_title or self.title_columns

    @property
    def needs_meeting(self) -> bool:
        shown = (*self.title_shown, *self.snippet_columns, self.park_column)
        return any(c.startswith(PARENT) for c in shown)


def _action_visible(user, rows):
    """The action item page: an item the user may see whose minutes are published, or any item
    of a meeting the user runs (hub.actions.views._load).

    Tested per row with primary-key probes (`OFFSET 0` keeps PostgreSQL from hashing first the
    meetings of every published minutes, the park's and the hosted ones: sets that grow with
    the data, 15,000 + 7,500 rows at scale 30), after the search terms (cheaper per row, so
    PostgreSQL tests them first): search walks the newest items until a few dozen match."""
    from hub.actions.services import published

    return sa.and_(perm.action_item_visible(user, rows, per_row=True),
                   sa.or_(published(rows, per_row=True),
                          perm.meeting_id_runnable(user, rows.meeting_id, per_row=True)))


def _minutes_visible(user, rows):
    """Minutes the user may read, tested per row like `_action_visible`."""
    return perm.minutes_readable(user, rows, per_row=True)


KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        # doc_number: the 文号 (migration i1_notice_oa added it to the search indexes)
        Kind("notice", "hub.notices.models:Notice", "notice", ("title", "body", "doc_number"),
             ("title", "doc_number"), ("body",), "notices.detail", "notice_id",
             perm.notice_visible, window_visibility=partial(perm.notice_visible, per_row=True),
             date_columns=("published_at", "updated_at")),
        Kind("case", "hub.land.models:LandCase", "land_case",
             ("parcel_code", "location", "holder", "description"),
             ("parcel_code", "location"), ("holder", "description"), "cases.detail", "case_id",
             perm.shared_visible),
        Kind("talent", "hub.talent.models:TalentListing", "talent_listing",
             ("title", "description", "enterprise", "field"),
             ("title",), ("enterprise", "field", "description"), "talent.detail", "listing_id",
             perm.shared_visible),
        Kind("meeting", "hub.meetings.models:Meeting", "meeting",
             ("title", "description", "location"), ("title",), ("location", "description"),
             "meetings.detail", "meeting_id", perm.meeting_visible,
             park_column="host_park_id", date_columns=("starts_at",),
             window_visibility=partial(perm.meeting_visible, per_row=True)),
        Kind("minutes", "hub.meetings.models:Minutes", "meeting_minutes", ("body",),
             (), ("body",), "minutes.page", "meeting_id", _minutes_visible,
             shown_title=("meeting.title",), park_column="meeting.host_park_id",
             date_columns=("published_at", "updated_at"), url_column="meeting_id",
             max_matches=100),
        Kind("action", "hub.actions.models:ActionItem", "action_item", ("text",),
             ("text",), ("meeting.title",), "actions.detail", "item_id", _action_visible,
             title_is_snippet=True, park_column="owner_park_id",
             children=(Child("hub.actions.models:ActionUpdate", "action_item_update", "item_id",
                             ("note",)),),
             max_matches=100),
    )
}

# what the visibility clauses read: the columns a subquery of a kind's rows must carry
VISIBILITY_COLUMNS = ("deleted_at", "park_id", "status", "all_parks", "host_park_id",
                      "owner_park_id", "meeting_id")
