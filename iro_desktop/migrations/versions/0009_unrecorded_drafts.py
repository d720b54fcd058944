"""unrecorded drafts: decision and dissent text typed but not yet recorded

Revision ID: 0009
Revises: 0007
Create Date: 2026-11-30 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unrecorded_drafts",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("content_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_unrecorded_drafts_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_unrecorded_drafts_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unrecorded_drafts")),
        sa.UniqueConstraint(
            "conference_id", "child_id", "kind", name=op.f("uq_unrecorded_drafts_conference_id")
        ),
    )
    with op.batch_alter_table("unrecorded_drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_unrecorded_drafts_conference_id"), ["conference_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("unrecorded_drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unrecorded_drafts_conference_id"))
    op.drop_table("unrecorded_drafts")
