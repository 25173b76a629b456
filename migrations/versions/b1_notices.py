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


def upgrade():
    pass


def downgrade():
    pass
