"""the day the store gained decision letters: conferences held before it owe none here (issue 18)

A store that already holds conferences when it gains the decision letter (0013_letter) would show every
parent's letter for every earlier held conference as overdue: those letters went out before the app
recorded them. This records the day of the upgrade (England's date) in the local rules under
`letters.due_from`; conferences held before it owe no letters here (domain/letters.letters_not_owed).
A store with no conferences yet records nothing: everything held in it owes its letters.

Revision ID: 0014_letters_from
Revises: 0014_versions2
Create Date: 2026-12-02 06:00:00
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0014_letters_from"
down_revision = "0014_versions2"
branch_labels = None
depends_on = None

# As they were when this was written (a migration never follows later code): domain/letters.py's key.
LETTERS_FROM_KEY = "letters.due_from"
ENGLAND = ZoneInfo("Europe/London")


def upgrade() -> None:
    conn = op.get_bind()
    has_conferences = conn.execute(sa.text("SELECT 1 FROM conferences LIMIT 1")).first() is not None
    already = conn.execute(
        sa.text("SELECT 1 FROM local_rules WHERE key = :key"), {"key": LETTERS_FROM_KEY}
    ).first()
    if has_conferences and already is None:
        today = datetime.now(ENGLAND).date()
        conn.execute(
            sa.text("INSERT INTO local_rules (key, value) VALUES (:key, :value)"),
            {"key": LETTERS_FROM_KEY, "value": json.dumps(today.isoformat())},
        )


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM local_rules WHERE key = :key"), {"key": LETTERS_FROM_KEY})
