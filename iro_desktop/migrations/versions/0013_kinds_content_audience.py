"""who may read every other kind of content (issue 18): decision reasons, dissent, record summary
sections, plan actions and attendance notes carry the map items' four audience columns; and the parts of
a meeting a person spent out of the room

Existing content is for everyone, as it was.

Revision ID: 0013_kinds
Revises: 0013_ff2
Create Date: 2026-12-02 01:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_kinds"
down_revision = "0013_ff2"
branch_labels = None
depends_on = None

# The tables whose rows carry an audience (the map items have theirs since 0012).
TABLES = ("child_decisions", "decision_dissents", "record_sections", "plan_actions", "invitations")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
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
    op.create_table(
        "room_absences",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_room_absences_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_room_absences_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_absences")),
    )
    with op.batch_alter_table("room_absences") as batch:
        batch.create_index(batch.f("ix_room_absences_conference_id"), ["conference_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("room_absences") as batch:
        batch.drop_index(batch.f("ix_room_absences_conference_id"))
    op.drop_table("room_absences")
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("audience_reason_words")
            batch.drop_column("audience_reason")
            batch.drop_column("audience_excluded")
            batch.drop_column("audience_kind")
