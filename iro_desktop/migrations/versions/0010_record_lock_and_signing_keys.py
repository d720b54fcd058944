"""record lock declared and approvals signed: snapshot version and signature on locked versions, signing keys

Existing locked versions keep snapshot version 1 (every column, unsigned); new ones are declared and signed.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_VERSION_COLUMNS = (
    ("snapshot_version", sa.Integer(), "1"),
    ("signer_id", sa.String(length=36), ""),
    ("signer_name", sa.String(length=120), ""),
    ("signer_public_key", sa.String(length=64), ""),
    ("signed_at", sa.String(length=40), ""),
    ("signature", sa.String(length=128), ""),
)


def upgrade() -> None:
    with op.batch_alter_table("record_versions") as batch:
        for name, kind, default in _VERSION_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=False, server_default=default))
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("approval_note", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "signing_keys",
        sa.Column("user_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("wrapped_private_key", sa.Text(), nullable=True),
        sa.Column("trusted_by", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signing_keys")),
        sa.UniqueConstraint("public_key", name=op.f("uq_signing_keys_public_key")),
    )
    op.create_index(op.f("ix_signing_keys_user_id"), "signing_keys", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_signing_keys_user_id"), table_name="signing_keys")
    op.drop_table("signing_keys")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("approval_note")
    with op.batch_alter_table("record_versions") as batch:
        for name, _kind, _default in reversed(_VERSION_COLUMNS):
            batch.drop_column(name)
