"""招商 visits can be deleted (soft: deleted_at / deleted_by_id) — issue 15

Revision ID: h2_visit_soft_delete
Revises: g4_ids_never_reused
Create Date: 2026-12-06 06:50:00

"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes


# revision identifiers, used by Alembic.
revision = 'h2_visit_soft_delete'
down_revision = 'g4_ids_never_reused'
branch_labels = None
depends_on = None


FK = 'fk_invest_visit_deleted_by_id_user_account'


def upgrade():
    # plain ADD COLUMN (no batch rebuild: on SQLite a rebuild would lose AUTOINCREMENT)
    op.add_column('invest_visit', sa.Column('deleted_at', hub.dbtypes.UTCDateTime(), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':  # SQLite takes REFERENCES in ADD COLUMN only
        op.execute(f"ALTER TABLE invest_visit ADD COLUMN deleted_by_id INTEGER "
                   f"CONSTRAINT {FK} REFERENCES user_account (id)")
    else:
        op.add_column('invest_visit', sa.Column('deleted_by_id', sa.Integer(), nullable=True))
        op.create_foreign_key(FK, 'invest_visit', 'user_account', ['deleted_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('invest_visit', schema=None) as batch_op:
        if op.get_bind().dialect.name != 'sqlite':
            batch_op.drop_constraint(FK, type_='foreignkey')
        batch_op.drop_column('deleted_by_id')
        batch_op.drop_column('deleted_at')
