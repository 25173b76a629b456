"""full-text search indexes (FTS5 trigram on SQLite, pg_trgm on PostgreSQL)

Revision ID: b4_search
Revises: b3_talent
"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes


# revision identifiers, used by Alembic.
revision = 'b4_search'
down_revision = 'b3_talent'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
