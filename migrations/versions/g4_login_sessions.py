"""login sessions kept on the server: sign-out, password changes and deactivation end them
(issue 11)

Revision ID: g4_login_sessions
Revises: g3_itip_recurrence_id
Create Date: 2026-12-06

Sessions signed in before this revision carried a password fingerprint instead of a session
token; they are no longer accepted, so everybody signs in once more after the upgrade.
"""

from alembic import op
import sqlalchemy as sa

import hub.dbtypes

# revision identifiers, used by Alembic.
revision = 'g4_login_sessions'
down_revision = 'g3_itip_recurrence_id'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'login_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('remember', sa.Boolean(), nullable=False),
        sa.Column('password_fingerprint', sa.String(length=16), nullable=False),
        sa.Column('created_at', hub.dbtypes.UTCDateTime(), nullable=False),
        sa.Column('expires_at', hub.dbtypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'],
                                name=op.f('fk_login_session_user_id_user_account'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_login_session')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_login_session_token_hash')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_expires_at'), ['expires_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))
        batch_op.drop_index(batch_op.f('ix_login_session_expires_at'))
    op.drop_table('login_session')
