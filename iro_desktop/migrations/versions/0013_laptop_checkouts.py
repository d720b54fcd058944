"""checkouts: a conference taken out of the team store onto a chair's laptop (issue 16 item 5)

Revision ID: 0013_laptop
Revises: 0013_letter
Create Date: 2026-12-02 01:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_laptop"
down_revision = "0013_letter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkouts",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("holder_id", sa.String(length=36), nullable=False),
        sa.Column("holder_username", sa.String(length=120), nullable=False),
        sa.Column("holder_name", sa.String(length=120), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("revision", sa.String(length=64), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_checkouts_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conference_id", name=op.f("pk_checkouts")),
    )


def downgrade() -> None:
    op.drop_table("checkouts")
