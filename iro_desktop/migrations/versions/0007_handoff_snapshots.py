"""hand-off snapshots of conference files

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handoff_snapshots",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("revision", sa.String(length=64), nullable=False),
        sa.Column("based_on", sa.String(length=64), nullable=True),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(length=16), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_handoff_snapshots_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handoff_snapshots")),
    )
    with op.batch_alter_table("handoff_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_handoff_snapshots_conference_id"), ["conference_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_handoff_snapshots_revision"), ["revision"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("handoff_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handoff_snapshots_revision"))
        batch_op.drop_index(batch_op.f("ix_handoff_snapshots_conference_id"))
    op.drop_table("handoff_snapshots")
