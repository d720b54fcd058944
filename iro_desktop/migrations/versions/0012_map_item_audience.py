"""who may read each map item (issue 18): everyone, professionals only, or everyone except named people

Existing items are for everyone, as they were.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 23:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("map_items") as batch:
        batch.add_column(
            sa.Column("audience_kind", sa.String(length=16), nullable=False, server_default="everyone")
        )
        batch.add_column(sa.Column("audience_excluded", sa.Text(), nullable=False, server_default="[]"))
        batch.add_column(
            sa.Column("audience_reason", sa.String(length=32), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("audience_reason_words", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("map_items") as batch:
        batch.drop_column("audience_reason_words")
        batch.drop_column("audience_reason")
        batch.drop_column("audience_excluded")
        batch.drop_column("audience_kind")
