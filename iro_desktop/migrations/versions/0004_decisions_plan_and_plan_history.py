"""decisions, plan and plan history

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-22 05:48:04.033816
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "local_policy",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_local_policy")),
    )
    op.create_table(
        "child_decisions",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("category", sa.String(length=1), nullable=True),
        sa.Column("multiple_reason", sa.Text(), nullable=False),
        sa.Column("cin_meeting_date", sa.Date(), nullable=True),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=120), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_child_decisions_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_child_decisions_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_decisions")),
        sa.UniqueConstraint("conference_id", "child_id", name="uq_child_decisions_conference_child"),
    )
    with op.batch_alter_table("child_decisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_child_decisions_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_child_decisions_conference_id"), ["conference_id"], unique=False)

    # child_plan_history itself is created by 0002 (shared with the register).

    op.create_table(
        "decision_dissents",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("child_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("agency", sa.String(length=120), nullable=False),
        sa.Column("view", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("chair_response", sa.Text(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["child_id"],
            ["children.id"],
            name=op.f("fk_decision_dissents_child_id_children"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_decision_dissents_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_dissents")),
    )
    with op.batch_alter_table("decision_dissents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_dissents_child_id"), ["child_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_decision_dissents_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "plan_actions",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("who_person", sa.String(length=120), nullable=False),
        sa.Column("who_agency", sa.String(length=120), nullable=False),
        sa.Column("by_when", sa.Date(), nullable=True),
        sa.Column("done_when", sa.Text(), nullable=False),
        sa.Column("safety_goal_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_plan_actions_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_actions")),
    )
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_actions_conference_id"), ["conference_id"], unique=False)

    op.create_table(
        "plan_headers",
        sa.Column("conference_id", sa.String(length=36), nullable=False),
        sa.Column("bottom_lines", sa.Text(), nullable=False),
        sa.Column("contingency", sa.Text(), nullable=False),
        sa.Column("core_group_date", sa.Date(), nullable=True),
        sa.Column("next_review_date", sa.Date(), nullable=True),
        sa.Column("next_review_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_plan_headers_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conference_id", name=op.f("pk_plan_headers")),
    )
    op.create_table(
        "child_decision_factors",
        sa.Column("decision_id", sa.String(length=36), nullable=False),
        sa.Column("factor_code", sa.String(length=40), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["child_decisions.id"],
            name=op.f("fk_child_decision_factors_decision_id_child_decisions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_decision_factors")),
    )
    with op.batch_alter_table("child_decision_factors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_child_decision_factors_decision_id"), ["decision_id"], unique=False
        )

    op.create_table(
        "child_plan_history_links",
        sa.Column("history_id", sa.String(length=36), nullable=False),
        sa.Column("started_conference_id", sa.String(length=36), nullable=True),
        sa.Column("ended_conference_id", sa.String(length=36), nullable=True),
        sa.Column("recategorised_conference_id", sa.String(length=36), nullable=True),
        sa.Column("category_before", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["ended_conference_id"],
            ["conferences.id"],
            name=op.f("fk_child_plan_history_links_ended_conference_id_conferences"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["history_id"],
            ["child_plan_history.id"],
            name=op.f("fk_child_plan_history_links_history_id_child_plan_history"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recategorised_conference_id"],
            ["conferences.id"],
            name=op.f("fk_child_plan_history_links_recategorised_conference_id_conferences"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["started_conference_id"],
            ["conferences.id"],
            name=op.f("fk_child_plan_history_links_started_conference_id_conferences"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("history_id", name=op.f("pk_child_plan_history_links")),
    )
    with op.batch_alter_table("child_plan_history_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_child_plan_history_links_ended_conference_id"),
            ["ended_conference_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_child_plan_history_links_recategorised_conference_id"),
            ["recategorised_conference_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_child_plan_history_links_started_conference_id"),
            ["started_conference_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("child_plan_history_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_plan_history_links_started_conference_id"))
        batch_op.drop_index(batch_op.f("ix_child_plan_history_links_recategorised_conference_id"))
        batch_op.drop_index(batch_op.f("ix_child_plan_history_links_ended_conference_id"))

    op.drop_table("child_plan_history_links")
    with op.batch_alter_table("child_decision_factors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_decision_factors_decision_id"))

    op.drop_table("child_decision_factors")
    op.drop_table("plan_headers")
    with op.batch_alter_table("plan_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_actions_conference_id"))

    op.drop_table("plan_actions")
    with op.batch_alter_table("decision_dissents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_decision_dissents_conference_id"))
        batch_op.drop_index(batch_op.f("ix_decision_dissents_child_id"))

    op.drop_table("decision_dissents")
    with op.batch_alter_table("child_decisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_child_decisions_conference_id"))
        batch_op.drop_index(batch_op.f("ix_child_decisions_child_id"))

    op.drop_table("child_decisions")
    op.drop_table("local_policy")
