"""ix_notice_category_listed: the notice list's order within one category

Revision ID: k5_notice_category_listed
Revises: k1_search_newest

The notice list filtered by category walked ix_notice_listed (every notice, newest first) and
read the table for each entry to test the category: 40,000 entries and 87 ms at scale 10 for a
category with few notices the user may see (park 9's published ones, seen by park 5). This
index walks the category's notices alone, in the list's order, and carries the visibility
rule's columns on PostgreSQL (index-only): 0.6 ms (bench/results/2026-12-06-s6-pages.md).
"""
import sqlalchemy as sa
from alembic import op

revision = 'k5_notice_category_listed'
down_revision = 'k1_search_newest'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_notice_category_listed', 'notice',
                    ['category_id', sa.text('coalesce(published_at, created_at)'), 'id'],
                    postgresql_include=['park_id', 'status', 'all_parks', 'deleted_at',
                                        'published_at', 'created_at'])


def downgrade():
    op.drop_index('ix_notice_category_listed', table_name='notice')
