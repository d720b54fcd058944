"""who chairs and who leads, attendance as it happens (issue 19 items 1-2)

The chair's role and statement of independence per conference; how each person took part, when they
joined and left, the interpreter's language and that they are not family, whom an advocate supports; a
multi-agency child protection team member's discipline; the Lead Practitioner and Family Help Lead
Practitioner per child. Existing conferences are independently chaired with the statement not stated;
existing attendance has no mode or times (the meeting as a whole, as before).

Revision ID: 0013_ff1
Revises: 0013_outage
Create Date: 2026-12-02 01:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_ff1"
down_revision = "0013_outage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conferences") as batch:
        batch.add_column(
            sa.Column("chair_role", sa.String(length=16), nullable=False, server_default="independent")
        )
        batch.add_column(
            sa.Column("chair_took_part_in_enquiry", sa.String(length=8), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("chair_held_case", sa.String(length=8), nullable=False, server_default=""))
        batch.add_column(sa.Column("chair_reason", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("invitations") as batch:
        batch.add_column(sa.Column("took_part", sa.String(length=16), nullable=False, server_default=""))
        batch.add_column(sa.Column("joined_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("left_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("interpreter_language", sa.String(length=60), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("interpreter_not_family", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("supports_person_id", sa.String(length=36), nullable=True))
        batch.create_foreign_key(
            "fk_invitations_supports_person_id_people",
            "people",
            ["supports_person_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("people") as batch:
        batch.add_column(
            sa.Column("team_discipline", sa.String(length=16), nullable=False, server_default="")
        )
    op.create_table(
        "child_practitioners",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name="fk_child_practitioners_child_id_children", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name="fk_child_practitioners_person_id_people", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_child_practitioners"),
        sa.UniqueConstraint("child_id", "kind", name="uq_child_practitioners_child_kind"),
    )
    op.create_index("ix_child_practitioners_child_id", "child_practitioners", ["child_id"])


def downgrade() -> None:
    op.drop_index("ix_child_practitioners_child_id", table_name="child_practitioners")
    op.drop_table("child_practitioners")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("team_discipline")
    with op.batch_alter_table("invitations") as batch:
        batch.drop_constraint("fk_invitations_supports_person_id_people", type_="foreignkey")
        batch.drop_column("supports_person_id")
        batch.drop_column("interpreter_not_family")
        batch.drop_column("interpreter_language")
        batch.drop_column("left_at")
        batch.drop_column("joined_at")
        batch.drop_column("took_part")
    with op.batch_alter_table("conferences") as batch:
        batch.drop_column("chair_reason")
        batch.drop_column("chair_held_case")
        batch.drop_column("chair_took_part_in_enquiry")
        batch.drop_column("chair_role")
