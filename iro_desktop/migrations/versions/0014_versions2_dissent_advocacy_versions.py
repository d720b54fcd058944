"""a version number on dissent rows and advocacy answers (issue 16 item 3): no silent last write wins

The rows people edit that 0013_conc left out: a save of a dissent or an advocacy answer names the version
it read, is written `WHERE version = <read>` and bumps it. Existing rows start at version 1.

Revision ID: 0014_versions2
Revises: 0013_conc
Create Date: 2026-12-02 05:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_versions2"
down_revision = "0013_conc"
branch_labels = None
depends_on = None

VERSIONED = ("decision_dissents", "advocacy_answers")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
