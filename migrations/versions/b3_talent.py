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
    pass


def downgrade():
    pass
