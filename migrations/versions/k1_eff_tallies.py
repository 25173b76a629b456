"""eff_tally and eff_ratio_tally: the 亩均 analysis's sums kept with the figures; eff_figure
indexes by round and score on PostgreSQL

Revision ID: k1_eff_tallies
Revises: k5_notice_category_listed

Per round, park, grade and county or industry chain: figures, Σ tax, Σ land; per round, park and
indicator: Σ ratio (1/10,000) and count (issue 16: the analysis read every figure and parsed its
breakdown JSON on each view). hub.efficiency.tallies keeps them in the transaction of every
write to the figures or the enterprises' county and chain; here they are filled once from the
existing figures, with the same sums (written as SQL: the models change after this revision).
"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'k1_eff_tallies'
down_revision = 'k5_notice_category_listed'
branch_labels = None
depends_on = None

# the score list's order (score DESC NULLS LAST, then name and id): the score and hero lists walk
# these and stop after the rows shown. PostgreSQL only (SQLite has no NULLS LAST in an index),
# outside the models (migrations/env.py skips ix_pg_ indexes)
PG_INDEXES = {
    "ix_pg_eff_figure_round_score": "round_id, score DESC NULLS LAST",
    "ix_pg_eff_figure_round_park_score": "round_id, park_id, score DESC NULLS LAST",
}
GRADE_SUMS = """
INSERT INTO eff_tally (round_id, park_id, dim, county, chain_id, grade, figures, tax, land)
SELECT f.round_id, f.park_id, '{dim}', {county}, {chain}, f.grade, count(*), sum(f.tax),
       sum(f.land_mu)
FROM eff_figure f JOIN eff_enterprise e ON e.id = f.enterprise_id
GROUP BY f.round_id, f.park_id, {key}, f.grade
"""
RATIO_SUMS = {
    "postgresql": """
INSERT INTO eff_ratio_tally (round_id, park_id, code, units, figures)
SELECT f.round_id, f.park_id, part.code, sum(round(part.ratio * 10000)), count(*)
FROM eff_figure f JOIN json_to_recordset(f.breakdown) AS part(code varchar, ratio numeric) ON true
GROUP BY f.round_id, f.park_id, part.code
""",
    "sqlite": """
INSERT INTO eff_ratio_tally (round_id, park_id, code, units, figures)
SELECT f.round_id, f.park_id, json_extract(part.value, '$.code'),
       sum(round(CAST(json_extract(part.value, '$.ratio') AS NUMERIC) * 10000)), count(*)
FROM eff_figure f JOIN json_each(f.breakdown) AS part ON 1
GROUP BY f.round_id, f.park_id, json_extract(part.value, '$.code')
""",
}


def backfill_statements(dialect: str) -> list[str]:
    """The tallies of every existing figure (tests/efficiency/test_tallies.py compares them with
    the ones hub.efficiency.tallies keeps)."""
    return [GRADE_SUMS.format(dim="county", county="e.county", chain="NULL", key="e.county"),
            GRADE_SUMS.format(dim="chain", county="NULL", chain="e.chain_id", key="e.chain_id"),
            RATIO_SUMS["postgresql" if dialect == "postgresql" else "sqlite"]]


def upgrade():
    op.create_table(
        'eff_tally',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('park_id', sa.Integer(), nullable=False),
        sa.Column('dim', sa.String(length=8), nullable=False),
        sa.Column('county', sa.String(length=64), nullable=True),
        sa.Column('chain_id', sa.Integer(), nullable=True),
        sa.Column('grade', sa.String(length=1), nullable=True),
        sa.Column('figures', sa.Integer(), nullable=False),
        sa.Column('tax', sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column('land', sa.Numeric(precision=18, scale=2), nullable=True),
        sa.ForeignKeyConstraint(['chain_id'], ['eff_chain.id'],
                                name=op.f('fk_eff_tally_chain_id_eff_chain')),
        sa.ForeignKeyConstraint(['park_id'], ['park.id'], name=op.f('fk_eff_tally_park_id_park')),
        sa.ForeignKeyConstraint(['round_id'], ['eff_round.id'],
                                name=op.f('fk_eff_tally_round_id_eff_round')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_eff_tally')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_eff_tally_round_park', 'eff_tally', ['round_id', 'park_id'])
    op.create_table(
        'eff_ratio_tally',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('park_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=64), nullable=False),
        sa.Column('units', sa.BigInteger(), nullable=False),
        sa.Column('figures', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['park_id'], ['park.id'],
                                name=op.f('fk_eff_ratio_tally_park_id_park')),
        sa.ForeignKeyConstraint(['round_id'], ['eff_round.id'],
                                name=op.f('fk_eff_ratio_tally_round_id_eff_round')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_eff_ratio_tally')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_eff_ratio_tally_round_park', 'eff_ratio_tally', ['round_id', 'park_id'])
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for name, columns in PG_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON eff_figure ({columns})")
    for statement in backfill_statements(dialect):
        op.execute(statement)
    if dialect == "postgresql":
        # the planner's statistics of the backfilled tallies now, not whenever autovacuum comes
        # (never where it is off): without them the analysis's statement ran nested loops,
        # 3.1 ms instead of 0.8 at scale 10 (bench/results/2026-12-06-s6-eff2.md)
        op.execute("ANALYZE eff_tally")
        op.execute("ANALYZE eff_ratio_tally")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name in PG_INDEXES:
            op.execute(f"DROP INDEX {name}")
    op.drop_index('ix_eff_ratio_tally_round_park', table_name='eff_ratio_tally')
    op.drop_table('eff_ratio_tally')
    op.drop_index('ix_eff_tally_round_park', table_name='eff_tally')
    op.drop_table('eff_tally')
