"""notification texts in every site language

Revision ID: h4_notification_texts
Revises: h2_visit_soft_delete
Create Date: 2026-12-06 06:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'h4_notification_texts'
down_revision = 'h2_visit_soft_delete'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('texts', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('texts')
