"""policy notices, categories, read receipts

Revision ID: b1_notices
Revises: a17701772e14
"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes


# revision identifiers, used by Alembic.
revision = 'b1_notices'
down_revision = 'a17701772e14'
branch_labels = None
depends_on = None

DEFAULT_CATEGORIES = ["资金补助", "荣誉共享", "土地", "环保", "人才", "审批", "规划", "其他"]


def upgrade():
    category = op.create_table('notice_category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_category')),
    sa.UniqueConstraint('name', name=op.f('uq_notice_category_name'))
    )
    op.bulk_insert(category, [
        {"name": name, "position": (i + 1) * 10, "active": True}
        for i, name in enumerate(DEFAULT_CATEGORIES)
    ])
    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('park_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'published', 'withdrawn', name='noticestatus', native_enum=False, length=32), nullable=False),
    sa.Column('all_parks', sa.Boolean(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('published_at', hub.dbtypes.UTCDateTime(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', hub.dbtypes.UTCDateTime(), nullable=True),
    sa.Column('effective_date', sa.Date(), nullable=True),
    sa.Column('expiry_date', sa.Date(), nullable=True),
    sa.Column('created_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', hub.dbtypes.UTCDateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_notice_author_id_user_account')),
    sa.ForeignKeyConstraint(['category_id'], ['notice_category.id'], name=op.f('fk_notice_category_id_notice_category')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['user_account.id'], name=op.f('fk_notice_deleted_by_id_user_account')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_notice_park_id_park')),
    sa.ForeignKeyConstraint(['published_by_id'], ['user_account.id'], name=op.f('fk_notice_published_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_park_id'), ['park_id'], unique=False)

    op.create_table('notice_audience',
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('park_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_notice_audience_notice_id_notice')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_notice_audience_park_id_park')),
    sa.PrimaryKeyConstraint('notice_id', 'park_id', name=op.f('pk_notice_audience'))
    )
    op.create_table('notice_read',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('park_id', sa.Integer(), nullable=False),
    sa.Column('read_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_notice_read_notice_id_notice')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_notice_read_park_id_park')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notice_read_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_read')),
    sa.UniqueConstraint('notice_id', 'user_id', name=op.f('uq_notice_read_notice_id_user_id'))
    )
    with op.batch_alter_table('notice_read', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_read_notice_id'), ['notice_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notice_read', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_read_notice_id'))

    op.drop_table('notice_read')
    op.drop_table('notice_audience')
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_park_id'))

    op.drop_table('notice')
    op.drop_table('notice_category')
