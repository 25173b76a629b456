"""action_item: the item list's order as indexes, of a park and of every park

Revision ID: l2_action_list_order
Revises: l1_action_status_tally

The 督办 item list (hub.actions.services.LIST_ORDER) shows open items first, by due date with the
undated last, newest first. PostgreSQL sorted every matching item for a page of 20: a park's
11,000 at scale 10 (~10 ms hot, 70 ms cold), the zone office's 200,000 (~100 ms). These indexes
hold that order, so a page is an index walk that stops after it (1 ms and 3.5 ms;
bench/results/2026-12-07-s11-actions.md). The key (status = 'done') is written as PostgreSQL
reflects it, as on the model (hub/actions/models.py), so that `flask db check` finds them equal.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'l2_action_list_order'
down_revision = 'l1_action_status_tally'
branch_labels = None
depends_on = None

DONE_FIRST = sa.text("(status = 'done')")


def upgrade():
    op.create_index('ix_action_item_park_list', 'action_item',
                    ['owner_park_id', DONE_FIRST, 'due_date', sa.text('id DESC')])
    op.create_index('ix_action_item_list', 'action_item',
                    [DONE_FIRST, 'due_date', sa.text('id DESC')])


def downgrade():
    op.drop_index('ix_action_item_list', table_name='action_item')
    op.drop_index('ix_action_item_park_list', table_name='action_item')
