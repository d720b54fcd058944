"""family group decision-making, NHS numbers, alerts with stages, RAG ratings, feedback forms (issue 19)

Existing children have no NHS number recorded (empty).

Revision ID: 0013_ff2
Revises: 0013_ff1
Create Date: 2026-12-02 01:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_ff2"
down_revision = "0013_ff1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("nhs_number", sa.String(length=10), nullable=False, server_default=""))
    op.create_table(
        "family_group_decisions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_id", sa.String(length=36), nullable=False),
        sa.Column("offered_on", sa.Date(), nullable=True),
        sa.Column("offered_to", sa.String(length=200), nullable=False),
        sa.Column("response", sa.String(length=16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=True),
        sa.Column("facilitated_by", sa.String(length=200), nullable=False),
        sa.Column("not_offered_reason", sa.String(length=200), nullable=False),
        sa.Column("letter_before_proceedings_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["family_id"],
            ["families.id"],
            name=op.f("fk_family_group_decisions_family_id_families"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_group_decisions")),
        sa.UniqueConstraint("family_id", name=op.f("uq_family_group_decisions_family_id")),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("raised_by", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_alerts_child_id_children"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index(op.f("ix_alerts_child_id"), "alerts", ["child_id"])
    op.create_table(
        "alert_stages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("alert_id", sa.String(length=36), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("manager", sa.String(length=120), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name=op.f("fk_alert_stages_alert_id_alerts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_stages")),
    )
    op.create_index(op.f("ix_alert_stages_alert_id"), "alert_stages", ["alert_id"])
    op.create_table(
        "rag_ratings",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("rated_on", sa.Date(), nullable=False),
        sa.Column("rating", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("midway_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["child_id"], ["children.id"], name=op.f("fk_rag_ratings_child_id_children"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rag_ratings")),
    )
    op.create_index(op.f("ix_rag_ratings_child_id"), "rag_ratings", ["child_id"])
    op.create_table(
        "feedback_forms",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("questionnaire", sa.String(length=16), nullable=False),
        sa.Column("conference_type", sa.String(length=32), nullable=False),
        sa.Column("conference_date", sa.Date(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_forms")),
    )


def downgrade() -> None:
    op.drop_table("feedback_forms")
    op.drop_index(op.f("ix_rag_ratings_child_id"), table_name="rag_ratings")
    op.drop_table("rag_ratings")
    op.drop_index(op.f("ix_alert_stages_alert_id"), table_name="alert_stages")
    op.drop_table("alert_stages")
    op.drop_index(op.f("ix_alerts_child_id"), table_name="alerts")
    op.drop_table("alerts")
    op.drop_table("family_group_decisions")
    with op.batch_alter_table("children") as batch:
        batch.drop_column("nhs_number")
