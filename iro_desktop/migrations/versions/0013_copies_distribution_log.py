"""a copy for each reader (issue 18): the recipient as a reader, the distribution log, the release check

Existing recipients are professionals with no person linked, as they were treated.

Revision ID: 0013_copies
Revises: 0013_kinds
Create Date: 2026-12-02 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_copies"
down_revision = "0013_kinds"  # re-chained after main's 0013s at the merge
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("record_recipients") as batch:
        batch.add_column(sa.Column("person_id", sa.String(length=36), nullable=True))
        batch.add_column(
            sa.Column("audience", sa.String(length=16), nullable=False, server_default="professional")
        )
        batch.add_column(sa.Column("signed_off_by", sa.String(length=120), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("signed_off_flags", sa.String(length=64), nullable=False, server_default="")
        )
        batch.create_index(batch.f("ix_record_recipients_person_id"), ["person_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_record_recipients_person_id_people"),
            "people",
            ["person_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "distribution_log",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("recipient_id", sa.String(length=36), nullable=True),
        sa.Column("recipient_name", sa.String(length=120), nullable=False),
        sa.Column("document", sa.String(length=24), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=120), nullable=False),
        sa.Column("checked", sa.Boolean(), nullable=False),
        sa.Column("signed_off_by", sa.String(length=120), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.id"],
            name=op.f("fk_distribution_log_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["record_recipients.id"],
            name=op.f("fk_distribution_log_recipient_id_record_recipients"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_distribution_log")),
    )
    with op.batch_alter_table("distribution_log") as batch:
        batch.create_index(batch.f("ix_distribution_log_record_id"), ["record_id"], unique=False)
        batch.create_index(batch.f("ix_distribution_log_recipient_id"), ["recipient_id"], unique=False)
    op.create_table(
        "release_answers",
        sa.Column("recipient_id", sa.String(length=36), nullable=False),
        sa.Column("flag_key", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("answered_by", sa.String(length=120), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["record_recipients.id"],
            name=op.f("fk_release_answers_recipient_id_record_recipients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_answers")),
        sa.UniqueConstraint("recipient_id", "flag_key", name=op.f("uq_release_answers_recipient_id")),
    )
    with op.batch_alter_table("release_answers") as batch:
        batch.create_index(batch.f("ix_release_answers_recipient_id"), ["recipient_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("release_answers") as batch:
        batch.drop_index(batch.f("ix_release_answers_recipient_id"))
    op.drop_table("release_answers")
    with op.batch_alter_table("distribution_log") as batch:
        batch.drop_index(batch.f("ix_distribution_log_recipient_id"))
        batch.drop_index(batch.f("ix_distribution_log_record_id"))
    op.drop_table("distribution_log")
    with op.batch_alter_table("record_recipients") as batch:
        batch.drop_constraint(batch.f("fk_record_recipients_person_id_people"), type_="foreignkey")
        batch.drop_index(batch.f("ix_record_recipients_person_id"))
        batch.drop_column("signed_off_flags")
        batch.drop_column("signed_off_by")
        batch.drop_column("audience")
        batch.drop_column("person_id")
