"""history import carries what the figures need: people's household, disability "not known"

Existing children keep disability as recorded (known); existing people are in their family's one household.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("children") as batch:
        batch.add_column(
            sa.Column("disability_known", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("household", sa.String(length=64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("household")
    with op.batch_alter_table("children") as batch:
        batch.drop_column("disability_known")
