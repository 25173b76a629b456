"""audit_entry: the log's time order as indexes (created_at, id), per park and per actor

Revision ID: k9_audit_time_indexes
Revises: k8_notice_list_tally

The audit log lists entries newest first with the id as tie-breaker. With an index on
created_at alone PostgreSQL read each entry's row for the id and sorted every group of equal
times: a deep page (OFFSET 150,000 of ~290,000 entries) took ~1 s, a park's entries were
filtered out of the whole time index (190 ms for a park's page 100). (created_at, id) gives the
order from the index alone (1 s → 0.11 s, a first page 16 → 0.1 ms); (park_id, created_at, id)
and (actor_id, created_at, id) give it within the park and user filters and replace the
single-column indexes of those foreign keys (bench/results/2026-12-07-s11-survey.md).
"""
from alembic import op

revision = 'k9_audit_time_indexes'
down_revision = 'k8_notice_list_tally'
branch_labels = None
depends_on = None

NEW = {
    'ix_audit_entry_time': ['created_at', 'id'],
    'ix_audit_entry_park_time': ['park_id', 'created_at', 'id'],
    'ix_audit_entry_actor_time': ['actor_id', 'created_at', 'id'],
}
OLD = {
    'ix_audit_entry_created_at': ['created_at'],
    'ix_audit_entry_park_id': ['park_id'],
    'ix_audit_entry_actor_id': ['actor_id'],
}


def upgrade():
    for name, columns in NEW.items():
        op.create_index(name, 'audit_entry', columns)
    for name in OLD:
        op.drop_index(name, table_name='audit_entry')


def downgrade():
    for name, columns in OLD.items():
        op.create_index(name, 'audit_entry', columns)
    for name in NEW:
        op.drop_index(name, table_name='audit_entry')
