"""ix_notice_*_sort: the notice list sorted by title, status, park or category

Revision ID: k7_notice_sort_keys
Revises: k6_list_tally

Sorting the notice list by a column header other than the date sorted every notice the user
may see (95–150 ms of SQL at scale 10, growing with the data). These indexes give each key's
order with the id as tie-breaker (walked either way) and carry the visibility rule's columns
on PostgreSQL: a first page reads a few dozen index entries (bench/results/2026-12-06-s6-grow.md).
"""
from alembic import op

revision = 'k7_notice_sort_keys'
down_revision = 'k6_list_tally'
branch_labels = None
depends_on = None

VISIBILITY = ['park_id', 'status', 'all_parks', 'deleted_at']
INDEXES = {
    'ix_notice_title_sort': 'title',
    'ix_notice_status_sort': 'status',
    'ix_notice_park_sort': 'park_id',
    'ix_notice_category_sort': 'category_id',
}


def upgrade():
    for name, column in INDEXES.items():
        op.create_index(name, 'notice', [column, 'id'],
                        postgresql_include=[c for c in VISIBILITY if c != column])


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name='notice')
