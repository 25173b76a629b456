"""park robots: the 钉钉 加签 / 飞书 签名校验 secret, and 飞书 as a provider

Revision ID: g6_robot_secret
Revises: g2_holidays
Create Date: 2026-12-06 05:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'g6_robot_secret'
down_revision = 'g2_holidays'
branch_labels = None
depends_on = None

OLD = sa.Enum('wecom', 'dingtalk', name='robotprovider', native_enum=False, length=32)
NEW = sa.Enum('wecom', 'dingtalk', 'feishu', name='robotprovider', native_enum=False, length=32)


def upgrade():
    with op.batch_alter_table('park_robot', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret', sa.String(length=200), nullable=True))
        batch_op.alter_column('provider', existing_type=OLD, type_=NEW, existing_nullable=False)


def downgrade():
    op.execute("UPDATE park_robot SET provider = 'wecom' WHERE provider = 'feishu'")
    with op.batch_alter_table('park_robot', schema=None) as batch_op:
        batch_op.alter_column('provider', existing_type=NEW, type_=OLD, existing_nullable=False)
        batch_op.drop_column('secret')
