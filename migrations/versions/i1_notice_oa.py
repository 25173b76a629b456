"""notices: 文号, 紧急程度, 签收 per park, 催阅/催签 records; search finds notices by 文号

The search indexes of b4_search gain the new column: on SQLite notice_fts is rebuilt with
(title, body, doc_number) and its triggers; on PostgreSQL a trigram index on doc_number.

Revision ID: i1_notice_oa
Revises: h4_notification_texts
Create Date: 2026-12-06 09:45:00

"""
from alembic import op
import sqlalchemy as sa

import hub.dbtypes


# revision identifiers, used by Alembic.
revision = 'i1_notice_oa'
down_revision = 'h4_notification_texts'
branch_labels = None
depends_on = None


FTS_BEFORE = ("title", "body")
FTS_AFTER = ("title", "body", "doc_number")


def _notice_fts(columns) -> None:
    """(Re)create notice_fts over `columns` with b4_search's triggers, filled from the table."""
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS notice_fts_{suffix}")
    op.execute("DROP TABLE IF EXISTS notice_fts")
    cols = ", ".join(columns)
    op.execute(f"CREATE VIRTUAL TABLE notice_fts USING fts5({cols}, content='notice', "
               "content_rowid='id', tokenize='trigram')")
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    remove = f"INSERT INTO notice_fts(notice_fts, rowid, {cols}) VALUES ('delete', old.id, {old});"
    add = f"INSERT INTO notice_fts(rowid, {cols}) VALUES (new.id, {new});"
    op.execute(f"CREATE TRIGGER notice_fts_ai AFTER INSERT ON notice BEGIN {add} END")
    op.execute(f"CREATE TRIGGER notice_fts_ad AFTER DELETE ON notice BEGIN {remove} END")
    op.execute(f"CREATE TRIGGER notice_fts_au AFTER UPDATE OF {cols} ON notice "
               f"BEGIN {remove} {add} END")
    op.execute("INSERT INTO notice_fts(notice_fts) VALUES ('rebuild')")


def upgrade():
    # plain ALTERs, no batch: recreating the notice table on SQLite would lose the
    # expression index ix_notice_listed (alembic cannot reflect it)
    op.add_column('notice', sa.Column('doc_number', sa.String(length=60), nullable=True))
    op.add_column('notice', sa.Column(
        'urgency', sa.Enum('normal', 'urgent', 'extra_urgent', name='noticeurgency',
                           native_enum=False, length=32),
        server_default='normal', nullable=False))
    op.create_index('uq_notice_doc_number', 'notice', ['doc_number'], unique=True)
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        _notice_fts(FTS_AFTER)
    elif dialect == 'postgresql':
        op.create_index('ix_trgm_notice_doc_number', 'notice', ['doc_number'],
                        postgresql_using='gin', postgresql_ops={'doc_number': 'gin_trgm_ops'})

    op.create_table('notice_signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('park_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signed_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_notice_signoff_notice_id_notice')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_notice_signoff_park_id_park')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notice_signoff_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_signoff')),
    sa.UniqueConstraint('notice_id', 'park_id', name=op.f('uq_notice_signoff_notice_id_park_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('notice_signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_signoff_notice_id'), ['notice_id'], unique=False)

    op.create_table('notice_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('notice_id', sa.Integer(), nullable=False),
    sa.Column('park_id', sa.Integer(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=False),
    sa.Column('to_sign', sa.Boolean(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('sent_at', hub.dbtypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user_account.id'], name=op.f('fk_notice_reminder_by_id_user_account')),
    sa.ForeignKeyConstraint(['notice_id'], ['notice.id'], name=op.f('fk_notice_reminder_notice_id_notice')),
    sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_notice_reminder_park_id_park')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_reminder')),
    sa.UniqueConstraint('notice_id', 'park_id', 'day', name=op.f('uq_notice_reminder_notice_id_park_id_day')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('notice_reminder', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_reminder_notice_id'), ['notice_id'], unique=False)


def downgrade():
    with op.batch_alter_table('notice_reminder', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_reminder_notice_id'))
    op.drop_table('notice_reminder')
    with op.batch_alter_table('notice_signoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_signoff_notice_id'))
    op.drop_table('notice_signoff')
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        _notice_fts(FTS_BEFORE)
    elif dialect == 'postgresql':
        op.execute('DROP INDEX IF EXISTS ix_trgm_notice_doc_number')
    op.drop_index('uq_notice_doc_number', table_name='notice')
    op.drop_column('notice', 'urgency')
    op.drop_column('notice', 'doc_number')
