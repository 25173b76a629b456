"""indexes for pages at scale (issue 6): newest-first walks for search and the notice list, the
dashboard's latest unread notices

Revision ID: e1_perf_indexes
Revises: d1_notify
Create Date: 2026-11-27

Measured on PostgreSQL at scale 10 (100,000 notices, EXPLAIN ANALYZE):
- search: the newest MAX_MATCHES matches per kind are found by walking (updated_at, id)
  backwards instead of fetching, counting and sorting every match (0.7–1 s per kind → ≤ 30 ms);
- dashboard: the 5 latest unread notices walk (published_at, id) instead of sorting 65,000 rows;
- notice list: ORDER BY coalesce(published_at, created_at) DESC, id DESC walks an expression
  index instead of sorting every visible notice (the deep page spilled 74 MB to disk).
"""

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'e1_perf_indexes'
down_revision = 'd1_notify'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_notice_updated_at', 'notice', ['updated_at', 'id'])
    op.create_index('ix_notice_published_at', 'notice', ['published_at', 'id'])
    op.create_index('ix_notice_listed', 'notice',
                    [sa.text('coalesce(published_at, created_at)'), 'id'])
    op.create_index('ix_land_case_updated_at', 'land_case', ['updated_at', 'id'])
    op.create_index('ix_talent_listing_updated_at', 'talent_listing', ['updated_at', 'id'])


def downgrade():
    op.drop_index('ix_talent_listing_updated_at', table_name='talent_listing')
    op.drop_index('ix_land_case_updated_at', table_name='land_case')
    op.drop_index('ix_notice_listed', table_name='notice')
    op.drop_index('ix_notice_published_at', table_name='notice')
    op.drop_index('ix_notice_updated_at', table_name='notice')
