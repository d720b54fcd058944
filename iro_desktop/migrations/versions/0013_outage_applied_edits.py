"""applied edits: the idempotency keys of edits a desktop kept through a server outage (issue 16 item 4)

Each edit journalled on a desktop while the team server could not be reached carries a random key; the
key is written in the same transaction as the edit, so replaying the journal never applies one twice.

Revision ID: 0013_outage
Revises: 0013_laptop
Create Date: 2026-12-02 01:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_outage"
down_revision = "0013_laptop"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "applied_edits",
        sa.Column("key", sa.String(length=36), nullable=False),
        sa.Column("applied_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_applied_edits")),
    )


def downgrade() -> None:
    op.drop_table("applied_edits")
