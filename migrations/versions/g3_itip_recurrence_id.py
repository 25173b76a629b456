"""meeting.recurrence_id (the iCalendar RECURRENCE-ID calendar clients know, never re-keyed) and
meeting_series.ical_sequence (SEQUENCE floor of the series' occurrences after a cancellation)
(issue 10, observations 3 and 9)

Revision ID: g3_itip_recurrence_id
Revises: g6_robot_secret
Create Date: 2026-12-06
"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes

# revision identifiers, used by Alembic.
revision = 'g3_itip_recurrence_id'
down_revision = 'g6_robot_secret'
branch_labels = None
depends_on = None


# plain ADD / DROP COLUMN (SQLite ≥ 3.35 has both): a batch rebuild of `meeting` would lose its
# expression index ix_meeting_agenda_cutoff


def upgrade():
    op.add_column('meeting', sa.Column('recurrence_id', hub.dbtypes.UTCDateTime(),
                                       nullable=True))
    op.execute("UPDATE meeting SET recurrence_id = original_start WHERE series_id IS NOT NULL")
    op.add_column('meeting_series', sa.Column('ical_sequence', sa.Integer(), nullable=False,
                                              server_default='0'))


def downgrade():
    op.drop_column('meeting_series', 'ical_sequence')
    op.drop_column('meeting', 'recurrence_id')
