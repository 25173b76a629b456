"""督办 review: 办结申请/销号, 催办, 延期申请 (action item columns, timeline entry kinds)

Revision ID: i2_action_review
Revises: i1_notice_oa
Create Date: 2026-12-06 09:50:00

The new status `pending_review` needs no DDL (statuses are VARCHAR(32) without a CHECK); items
already done stay done. Earlier timeline entries become progress entries (server default).
"""
from alembic import op
import sqlalchemy as sa

from hub.dbtypes import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'i2_action_review'
down_revision = 'i1_notice_oa'
branch_labels = None
depends_on = None

KINDS = ('progress', 'apply', 'close', 'return', 'remind', 'extend_request', 'extend_approve',
         'extend_reject')


def upgrade():
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extension_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reminded_at', UTCDateTime(), nullable=True))
    with op.batch_alter_table('action_item_update', schema=None) as batch_op:
        batch_op.add_column(sa.Column(
            'kind', sa.Enum(*KINDS, name='updatekind', native_enum=False, length=32),
            server_default='progress', nullable=False))
        batch_op.add_column(sa.Column('due_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('due_to', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('action_item_update', schema=None) as batch_op:
        batch_op.drop_column('due_to')
        batch_op.drop_column('due_from')
        batch_op.drop_column('kind')
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.drop_column('reminded_at')
        batch_op.drop_column('extension_due')
