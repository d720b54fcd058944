"""Signs of Safety map: items (with pairing) and scaling scores

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-22 05:48:16.035493
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "map_items",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("section", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=True),
        sa.Column("source", sa.String(length=120), nullable=False),
        sa.Column("carried_forward", sa.Boolean(), nullable=False),
        sa.Column("carried_from_id", sa.String(length=36), nullable=True),
        sa.Column("goal_id", sa.String(length=36), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_map_items_child_id_children"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_map_items_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["map_items.id"], name=op.f("fk_map_items_goal_id_map_items"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_map_items")),
    )
    with op.batch_alter_table("map_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_map_items_conference_id"), ["conference_id"], unique=False)

    op.create_table(
        "scale_scores",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("danger_id", sa.String(length=36), nullable=True),
        sa.Column("participant", sa.String(length=80), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_scale_scores_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["danger_id"],
            ["map_items.id"],
            name=op.f("fk_scale_scores_danger_id_map_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scale_scores")),
    )
    with op.batch_alter_table("scale_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scale_scores_conference_id"), ["conference_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scale_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scale_scores_conference_id"))

    op.drop_table("scale_scores")
    with op.batch_alter_table("map_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_map_items_conference_id"))

    op.drop_table("map_items")
