"""a version number on every row people edit (issue 16 item 3): a save names the version it read

Optimistic concurrency on the team store: an update is written `WHERE version = <read>` and bumps it, so
a stale write is never applied. Existing rows start at version 1.

Revision ID: 0013_conc
Revises: 0013_copies
Create Date: 2026-12-02 01:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_conc"
down_revision = "0013_copies"
branch_labels = None
depends_on = None

# The rows people edit: summary sections, map items, scaling, decisions, plan, attendance, conference.
VERSIONED = (
    "record_sections",
    "map_items",
    "scale_scores",
    "child_decisions",
    "plan_headers",
    "plan_actions",
    "invitations",
    "conferences",
)


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
