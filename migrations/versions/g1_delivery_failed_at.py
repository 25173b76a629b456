"""outbox.failed_at: when a delivery was given up (/healthz counts those of the last 24 h)

Revision ID: g1_delivery_failed_at
Revises: g7_efficiency
Create Date: 2026-12-06

Rows failed before this migration get their due time (they failed within about 1.5 h of it:
the retries' backoff adds up to 81 minutes).
"""

from alembic import op
import sqlalchemy as sa

import hub.dbtypes

# revision identifiers, used by Alembic.
revision = 'g1_delivery_failed_at'
down_revision = 'g7_efficiency'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_at', hub.dbtypes.UTCDateTime(), nullable=True))
    op.execute("UPDATE outbox SET failed_at = due_at WHERE state = 'failed'")


def downgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('failed_at')
