"""indexes for the notice list, dashboard, case list, talent list and meeting page at scale 10
(issue 6)

Revision ID: f1_page_indexes
Revises: e1_perf_indexes
Create Date: 2026-11-27

Measured on PostgreSQL at scale 10 (parkhub_gen10, EXPLAIN ANALYZE, jit off):
- ix_land_case_totals: the case list's per-status totals by index only (seq scan 40–49 ms →
  index-only scan ~8–10 ms unfiltered, 0.6 ms for one park); the list's own count(*) is gone
  (the totals give it);
- ix_talent_listing_list: the talent list's order, open first (status <> 'open') then newest,
  walks the index and stops after a page (sort of every listing 56 ms → 0.2 ms on page 1);
- ix_talent_listing_status: the same list filtered by one status, newest first (70 → 0.1 ms);
- ix_talent_listing_live: the default filter's count (listings not expired): 44 → 0.8 ms;
- ix_action_item_open: the agenda panel's count of open decisions of the series' earlier
  meetings (parallel seq scan of 200,000 items, 37–53 ms → 0.4 ms).
- ix_notice_listed gains INCLUDE (the visibility rule's columns) on PostgreSQL: the capped count
  and the OFFSET of deep pages need not read the table (deep page 144 → 10 ms of SQL);
- ix_notice_audience_park_id: a park's audience rows (visibility probe 3.5 → 0.5 ms);
- ix_action_item_park_due (open items of a park by due date: 25 → 0.7 ms) and
  ix_action_item_park_counts (the dashboard's counts per status: 12.4 → 3.7 ms);
- ix_land_case_park_deadline: a park's overdue cases, list 19 → 0.07 ms, count 7.6 → 0.4 ms;
- ix_meeting_minutes_status: "minutes published?" by index (1.7 → 0.35 ms);
- ix_meeting_agenda_cutoff (agenda calls 6.2 → 1.0 ms) and ix_meeting_ends_at (next meetings,
  once most meetings are past: 1.4 → 0.04 ms).
The talent expression index is declared on the model (hub/talent/models.py) as PostgreSQL reflects
it, (status <> 'open'), so that `flask db check` finds them equal.
"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'f1_page_indexes'
down_revision = 'e1_perf_indexes'
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")
OPEN = sa.text("status <> 'done'")


def upgrade():
    op.drop_index('ix_notice_listed', table_name='notice')
    op.create_index('ix_notice_listed', 'notice',
                    [sa.text('coalesce(published_at, created_at)'), 'id'],
                    postgresql_include=['park_id', 'status', 'all_parks', 'deleted_at',
                                        'published_at', 'created_at'])
    op.create_index('ix_notice_audience_park_id', 'notice_audience', ['park_id', 'notice_id'])
    op.create_index('ix_action_item_park_due', 'action_item', ['owner_park_id', 'due_date', 'id'],
                    postgresql_where=OPEN, sqlite_where=OPEN)
    op.create_index('ix_action_item_park_counts', 'action_item',
                    ['owner_park_id', 'status', 'due_date', 'meeting_id'])
    op.create_index('ix_land_case_park_deadline', 'land_case', ['park_id', 'deadline', 'id'],
                    postgresql_include=['status', 'deleted_at'])
    op.create_index('ix_meeting_minutes_status', 'meeting_minutes', ['status', 'meeting_id'])
    op.create_index('ix_meeting_agenda_cutoff', 'meeting',
                    [sa.text('coalesce(agenda_cutoff, starts_at)')])
    op.create_index('ix_meeting_ends_at', 'meeting', ['ends_at'])
    op.create_index('ix_land_case_totals', 'land_case', ['park_id', 'status', 'area_mu'],
                    postgresql_where=LIVE, sqlite_where=LIVE)
    op.create_index('ix_talent_listing_list', 'talent_listing',
                    [sa.text("(status <> 'open')"), sa.text('created_at DESC'),
                     sa.text('id DESC')],
                    postgresql_where=LIVE, sqlite_where=LIVE)
    op.create_index('ix_talent_listing_status', 'talent_listing',
                    ['status', sa.text('created_at DESC'), sa.text('id DESC')],
                    postgresql_where=LIVE, sqlite_where=LIVE)
    op.create_index('ix_talent_listing_live', 'talent_listing', ['expires_on'],
                    postgresql_where=LIVE, sqlite_where=LIVE)
    op.create_index('ix_action_item_open', 'action_item', ['meeting_id'],
                    postgresql_where=OPEN, sqlite_where=OPEN)


def downgrade():
    op.drop_index('ix_meeting_ends_at', table_name='meeting')
    op.drop_index('ix_meeting_agenda_cutoff', table_name='meeting')
    op.drop_index('ix_meeting_minutes_status', table_name='meeting_minutes')
    op.drop_index('ix_land_case_park_deadline', table_name='land_case')
    op.drop_index('ix_action_item_park_counts', table_name='action_item')
    op.drop_index('ix_action_item_park_due', table_name='action_item')
    op.drop_index('ix_notice_audience_park_id', table_name='notice_audience')
    op.drop_index('ix_action_item_open', table_name='action_item')
    op.drop_index('ix_talent_listing_live', table_name='talent_listing')
    op.drop_index('ix_talent_listing_status', table_name='talent_listing')
    op.drop_index('ix_talent_listing_list', table_name='talent_listing')
    op.drop_index('ix_land_case_totals', table_name='land_case')
    op.drop_index('ix_notice_listed', table_name='notice')
    op.create_index('ix_notice_listed', 'notice',
                    [sa.text('coalesce(published_at, created_at)'), 'id'])
