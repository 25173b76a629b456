"""indexes for search's newest-first walks of minutes and action items (issue 16)

Revision ID: k1_search_newest
Revises: i4_holiday_facts
Create Date: 2026-12-06

hub.search looks at the newest MAX_MATCHES matches of a kind (by updated_at, id). For a common
term the planner walks an (updated_at, id) index backwards and stops there, as it already did
for notices, land cases and talent listings (e1_perf_indexes); meeting_minutes and action_item
had none, so every match was fetched and sorted. Measured on PostgreSQL at scale 10
(bench/results/2026-12-06-s6-srch.md): minutes of 新能源 sorted all matching minutes (5,204
long bodies tested) before; with the index the walk stops after ~1,300 rows. Action items: the
walk for a term common in progress notes (专题会: ~3,000 items walked, their notes looked up by
item), where the trigram bitmap cannot serve.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = 'k1_search_newest'
down_revision = 'i4_holiday_facts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_meeting_minutes_updated_at", "meeting_minutes", ["updated_at", "id"])
    op.create_index("ix_action_item_updated_at", "action_item", ["updated_at", "id"])


def downgrade():
    op.drop_index("ix_action_item_updated_at", table_name="action_item")
    op.drop_index("ix_meeting_minutes_updated_at", table_name="meeting_minutes")
