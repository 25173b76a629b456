"""talent listings

Revision ID: b3_talent
Revises: b2_land
"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes


# revision identifiers, used by Alembic.
revision = 'b3_talent'
down_revision = 'b2_land'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('talent_listing',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('park_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('demand', 'offer', name='listingkind', native_enum=False, length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('field', sa.String(length=100), nullable=False),
    sa.Column('education', sa.Enum('any', 'college', 'bachelor', 'master', 'doctor', name='education', native_enum=False, length=32), nullable=False),
    sa.Column('headcount', sa.Integer(), nullable=False),
    sa.Column('enterprise', sa.String(length=200), nullable=False),
    sa.Column('contact_person', sa.String(length=64), nullable=False),
    sa.Column('contact_phone', sa.String(length=32), nullable=False),
    sa.Column('contact_email', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('open', 'filled', 'closed', name='listingstatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', hub.dbtypes.UTCDateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_talent_listing_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['user_account.id'], name=op.f('fk_talent_listing_deleted_by_id_user_account')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_talent_listing_park_id_park')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_talent_listing'))
    )
    with op.batch_alter_table('talent_listing', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talent_listing_park_id'), ['park_id'], unique=False)


def downgrade():
    with op.batch_alter_table('talent_listing', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talent_listing_park_id'))

    op.drop_table('talent_listing')
