"""Permission matrix and the audit hash chain, as pure rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from iro_desktop.domain.audit import GENESIS, event_hash, verify_chain
from iro_desktop.domain.roles import Action, PermissionDenied, Role, User, can, require

CHAIR = User("1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("2", "sam", "Sam Dvořák", Role.CLERK)
MANAGER = User("3", "lee", "Lee Ó Súilleabháin", Role.MANAGER)
ADMIN_CLERK = User("4", "admin", "Admin", Role.CLERK, is_admin=True)

# The full matrix: (action, chair, clerk, manager) before approval.
MATRIX = {
    Action.SIGN_IN: (True, True, True),
    Action.VIEW: (True, True, True),
    Action.CREATE_FAMILY: (True, True, False),
    Action.EDIT_FAMILY: (True, True, False),
    Action.EDIT_PEOPLE: (True, True, False),
    Action.RESCHEDULE: (True, True, False),
    Action.STAND_DOWN: (True, True, False),
    Action.TRACK_TIMESCALES: (True, True, False),
    Action.RUN_MEETING: (True, True, False),
    Action.EDIT_LOCAL_RULES: (True, False, False),
    Action.EDIT_POLICY: (True, False, False),
    Action.EXPORT: (True, True, True),
    Action.BOOK_CONFERENCE: (True, True, False),
    Action.EDIT_REGISTER: (True, True, False),
    Action.EDIT_MAP: (True, True, False),
    Action.RECORD_DECISION: (True, True, False),
    Action.EDIT_PLAN: (True, True, False),
    Action.EDIT_MINUTES: (True, True, False),
    Action.EDIT_DISTRIBUTION: (True, True, False),
    Action.SUBMIT_FOR_APPROVAL: (True, True, False),
    Action.APPROVE_RECORD: (True, False, False),
    Action.AMEND_FINAL_RECORD: (True, True, False),
    Action.VIEW_AUDIT: (False, False, True),
    Action.RUN_REPORTS: (True, False, True),
    Action.MANAGE_USERS: (False, False, False),
    Action.IMPORT_HISTORY: (False, False, True),
    Action.SUBJECT_ACCESS: (False, False, True),  # issue 18: managers and administrators
    # Issue 19: the chair raises alerts (and RAG ratings); a manager may type in their own response.
    Action.RAISE_ALERT: (True, False, False),
    Action.ANSWER_ALERT: (True, True, True),
    Action.RECORD_FEEDBACK: (True, True, False),
    # Issue 16: a checkout cancelled by its holder (who took it: chair or clerk), or anyone's by a manager.
    Action.CANCEL_OWN_CHECKOUT: (True, True, False),
    Action.CANCEL_CHECKOUT: (False, False, True),
}


def test_matrix_covers_every_action():
    assert set(MATRIX) == set(Action)


@pytest.mark.parametrize("action", list(Action))
def test_every_role_against_every_action(action):
    chair, clerk, manager = MATRIX[action]
    assert can(CHAIR, action) is chair
    assert can(CLERK, action) is clerk
    assert can(MANAGER, action) is manager


@pytest.mark.parametrize("action", [Action.RECORD_DECISION, Action.EDIT_PLAN, Action.EDIT_MAP])
def test_after_approval_only_the_chair_changes_decisions(action):
    assert can(CHAIR, action, approved=True)
    assert not can(CLERK, action, approved=True)
    with pytest.raises(PermissionDenied, match="clerk may not"):
        require(CLERK, action, approved=True)


def test_clerk_still_edits_minutes_and_distribution_after_approval():
    assert can(CLERK, Action.EDIT_MINUTES, approved=True)
    assert can(CLERK, Action.EDIT_DISTRIBUTION, approved=True)


def test_admin_manages_users_and_nobody_signed_in_can_do_nothing():
    assert can(ADMIN_CLERK, Action.MANAGE_USERS)
    assert can(ADMIN_CLERK, Action.VIEW_AUDIT)
    assert can(ADMIN_CLERK, Action.IMPORT_HISTORY)
    assert can(ADMIN_CLERK, Action.EDIT_LOCAL_RULES)
    assert can(ADMIN_CLERK, Action.EDIT_POLICY)
    assert can(ADMIN_CLERK, Action.CANCEL_CHECKOUT)  # issue 16: anyone's checkout
    assert not can(ADMIN_CLERK, Action.APPROVE_RECORD)  # administration is not approval
    for action in Action:
        assert can(None, action) is (action is Action.SIGN_IN)  # only signing in, with nobody signed in
    inactive = User("5", "gone", "Gone", Role.CHAIR, active=False)
    assert not can(inactive, Action.VIEW)


def _chain(n: int) -> list[tuple]:
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        at = datetime(2026, 11, 23, 10, seq)
        args = ("sam", "changed", "map_item", f"id{seq}", '{"text":"a"}', '{"text":"b"}')
        digest = event_hash(prev, seq, at, *args)
        rows.append((seq, at, *args, prev, digest))
        prev = digest
    return rows


def test_intact_chain_verifies():
    assert verify_chain(_chain(5)) == []


def test_edited_row_is_caught():
    rows = _chain(5)
    seq, at, actor, action, etype, eid, before, after, prev, digest = rows[2]
    rows[2] = (seq, at, actor, action, etype, eid, before, '{"text":"forged"}', prev, digest)
    breaks = verify_chain(rows)
    assert [b.seq for b in breaks] == [3]
    assert "changed after it was written" in breaks[0].reason


def test_removed_row_is_caught():
    rows = _chain(5)
    del rows[1]
    assert {b.seq for b in verify_chain(rows)} == {3}
