"""Places, aliases and merges (DOMAIN.md §10-§11); groups keyed by place; the estimate as it stood.

Existing data: each distinct free-text place of a claim or an event becomes a
place record (claims point at it, events cover it); groups without a place are
the event's whole area; no aliases; every stored result has an empty series
until the next reconciliation writes it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 11:20:00

"""
from alembic import op
import sqlalchemy as sa

import factcheck.models.types


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('within_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False, server_default=''),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('within_id IS NULL OR within_id <> id', name=op.f('ck_places_not_within_itself')),
    sa.ForeignKeyConstraint(['within_id'], ['places.id'], name=op.f('fk_places_within_id_places')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['places.id'], name=op.f('fk_places_merged_into_id_places')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('name', name=op.f('uq_places_name'))
    )
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_places_within_id'), ['within_id'], unique=False)
    op.create_table('event_places',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_places_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['place_id'], ['places.id'], name=op.f('fk_event_places_place_id_places'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'place_id', name=op.f('pk_event_places'))
    )
    op.create_table('aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_type', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.CheckConstraint("entity_type IN ('actor', 'outlet', 'place')", name=op.f('ck_aliases_entity_type_known')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aliases')),
    sa.UniqueConstraint('entity_type', 'key', name='uq_aliases_entity_type_key')
    )
    op.create_index('ix_aliases_entity', 'aliases', ['entity_type', 'entity_id'], unique=False)
    op.create_table('merges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity_type', sa.String(length=16), nullable=False),
    sa.Column('from_id', sa.Integer(), nullable=False),
    sa.Column('into_id', sa.Integer(), nullable=False),
    sa.Column('moved', sa.JSON(), nullable=False),
    sa.Column('merged_by_id', sa.Integer(), nullable=True),
    sa.Column('merged_at', factcheck.models.types.UTCDateTime(), nullable=False),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.Column('undone_at', factcheck.models.types.UTCDateTime(), nullable=True),
    sa.CheckConstraint("entity_type IN ('actor', 'outlet', 'place')", name=op.f('ck_merges_entity_type_known')),
    sa.CheckConstraint('from_id <> into_id', name=op.f('ck_merges_not_into_itself')),
    sa.ForeignKeyConstraint(['merged_by_id'], ['users.id'], name=op.f('fk_merges_merged_by_id_users')),
    sa.ForeignKeyConstraint(['undone_by_id'], ['users.id'], name=op.f('fk_merges_undone_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merges'))
    )
    for table in ('actors', 'outlets'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_merged_into_id_{table}'), table, ['merged_into_id'], ['id'])

    # Free-text places become records: claims point at them, events cover them.
    conn = op.get_bind()
    names = sorted({
        name.strip()
        for (name,) in conn.execute(sa.text(
            "SELECT place FROM claims WHERE place IS NOT NULL UNION SELECT place FROM events WHERE place IS NOT NULL"))
        if name and name.strip()
    })
    for name in names:
        conn.execute(sa.text("INSERT INTO places (name, notes) VALUES (:name, '')"), {"name": name[:200]})

    # claims carries triggers that SQLite's copy-and-move batch mode would drop: plain ALTERs there.
    if conn.dialect.name == 'sqlite':
        op.execute('ALTER TABLE claims ADD COLUMN place_id INTEGER REFERENCES places (id)')
    else:
        op.add_column('claims', sa.Column('place_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_claims_place_id_places'), 'claims', 'places', ['place_id'], ['id'])
    op.create_index(op.f('ix_claims_place_id'), 'claims', ['place_id'], unique=False)
    op.execute("UPDATE claims SET place_id = (SELECT id FROM places WHERE places.name = trim(claims.place)) WHERE place IS NOT NULL")
    op.execute("INSERT INTO event_places (event_id, place_id) SELECT events.id, places.id FROM events JOIN places ON places.name = trim(events.place)")
    if conn.dialect.name == 'sqlite':
        op.execute('ALTER TABLE claims DROP COLUMN place')
    else:
        op.drop_column('claims', 'place')

    with op.batch_alter_table('reconciliations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_key', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('place_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('series', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.create_foreign_key(batch_op.f('fk_reconciliations_place_id_places'), 'places', ['place_id'], ['id'])
        batch_op.drop_constraint('uq_reconciliations_group', type_='unique')
        batch_op.create_unique_constraint('uq_reconciliations_group', ['event_id', 'metric', 'category', 'place_key'])
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_conflicts_place_id_places'), 'places', ['place_id'], ['id'])


def downgrade():
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_conflicts_place_id_places'), type_='foreignkey')
        batch_op.drop_column('place_id')
    with op.batch_alter_table('reconciliations', schema=None) as batch_op:
        batch_op.drop_constraint('uq_reconciliations_group', type_='unique')
        batch_op.create_unique_constraint('uq_reconciliations_group', ['event_id', 'metric', 'category'])
        batch_op.drop_constraint(batch_op.f('fk_reconciliations_place_id_places'), type_='foreignkey')
        batch_op.drop_column('series')
        batch_op.drop_column('place_id')
        batch_op.drop_column('place_key')
    conn = op.get_bind()
    op.execute('ALTER TABLE claims ADD COLUMN place VARCHAR(200)')
    op.execute("UPDATE claims SET place = (SELECT name FROM places WHERE places.id = claims.place_id)")
    op.drop_index(op.f('ix_claims_place_id'), table_name='claims')
    if conn.dialect.name == 'sqlite':
        op.execute('ALTER TABLE claims DROP COLUMN place_id')
    else:
        op.drop_constraint(op.f('fk_claims_place_id_places'), 'claims', type_='foreignkey')
        op.drop_column('claims', 'place_id')
    for table in ('actors', 'outlets'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_merged_into_id_{table}'), type_='foreignkey')
            batch_op.drop_column('merged_into_id')
    op.drop_table('merges')
    op.drop_index('ix_aliases_entity', table_name='aliases')
    op.drop_table('aliases')
    op.drop_table('event_places')
    with op.batch_alter_table('places', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_places_within_id'))
    op.drop_table('places')
