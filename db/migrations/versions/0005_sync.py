"""laptop bundles: replica id and clock, replicated record states

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_replica",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("clock", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_replica")),
    )
    op.create_table(
        "sync_states",
        sa.Column("table_name", sa.String(length=60), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("alive", sa.Boolean(), nullable=False),
        sa.Column("materialized", sa.Boolean(), nullable=False),
        sa.Column("conflicted", sa.Boolean(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "record_id", name=op.f("pk_sync_states")),
    )
    with op.batch_alter_table("sync_states", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_states_changed_at"), ["changed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_states_conflicted"), ["conflicted"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_states_conflicted"))
        batch_op.drop_index(batch_op.f("ix_sync_states_changed_at"))
    op.drop_table("sync_states")
    op.drop_table("sync_replica")
