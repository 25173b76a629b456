"""land disposal cases and their timeline

Revision ID: b2_land
Revises: b1_notices
"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes


# revision identifiers, used by Alembic.
revision = 'b2_land'
down_revision = 'b1_notices'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
