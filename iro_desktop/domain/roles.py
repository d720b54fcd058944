"""Users, roles and the permission matrix. Enforced in the services, not only by hiding buttons."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from iro_desktop.domain.errors import DomainError


class Role(enum.StrEnum):
    CHAIR = "chair"
    CLERK = "clerk"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Action(enum.StrEnum):
    """Everything a service may refuse."""

    VIEW = "view"
    BOOK_CONFERENCE = "book_conference"
    EDIT_REGISTER = "edit_register"
    EDIT_MAP = "edit_map"
    RECORD_DECISION = "record_decision"
    EDIT_PLAN = "edit_plan"
    EDIT_MINUTES = "edit_minutes"
    EDIT_DISTRIBUTION = "edit_distribution"
    SUBMIT_FOR_APPROVAL = "submit_for_approval"
    APPROVE_RECORD = "approve_record"
    AMEND_FINAL_RECORD = "amend_final_record"
    EXPORT = "export"
    VIEW_AUDIT = "view_audit"
    RUN_REPORTS = "run_reports"  # the annual report: managers and chairs
    MANAGE_USERS = "manage_users"
    IMPORT_HISTORY = "import_history"  # issue 8: administrators and managers


_EVERYONE = frozenset({Action.VIEW, Action.EXPORT})

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CHAIR: _EVERYONE
    | {
        Action.BOOK_CONFERENCE,
        Action.EDIT_REGISTER,
        Action.EDIT_MAP,
        Action.RECORD_DECISION,
        Action.EDIT_PLAN,
        Action.EDIT_MINUTES,
        Action.EDIT_DISTRIBUTION,
        Action.SUBMIT_FOR_APPROVAL,
        Action.APPROVE_RECORD,
        Action.AMEND_FINAL_RECORD,
        Action.RUN_REPORTS,
    },
    Role.CLERK: _EVERYONE
    | {
        Action.BOOK_CONFERENCE,
        Action.EDIT_REGISTER,
        Action.EDIT_MAP,
        Action.RECORD_DECISION,
        Action.EDIT_PLAN,
        Action.EDIT_MINUTES,
        Action.EDIT_DISTRIBUTION,
        Action.SUBMIT_FOR_APPROVAL,
        Action.AMEND_FINAL_RECORD,
    },
    Role.MANAGER: _EVERYONE | {Action.VIEW_AUDIT, Action.RUN_REPORTS},
}

# Once the chair has approved a record, these belong to the chair alone.
CHAIR_ONLY_AFTER_APPROVAL = frozenset({Action.RECORD_DECISION, Action.EDIT_PLAN, Action.EDIT_MAP})


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: Role
    is_admin: bool = False
    active: bool = True


class PermissionDenied(DomainError):
    """The signed-in user may not do this."""


def can(user: User | None, action: Action, *, approved: bool = False) -> bool:
    """Whether a user may take an action; `approved` says the record has the chair's approval."""
    if user is None or not user.active:
        return False
    if action is Action.MANAGE_USERS:
        return user.is_admin
    if action is Action.VIEW_AUDIT and user.is_admin:
        return True
    if action is Action.IMPORT_HISTORY:
        return user.is_admin or user.role is Role.MANAGER
    if action not in PERMISSIONS[user.role]:
        return False
    return not (approved and action in CHAIR_ONLY_AFTER_APPROVAL and user.role is not Role.CHAIR)


def require(user: User | None, action: Action, *, approved: bool = False) -> None:
    if not can(user, action, approved=approved):
        who = "Nobody is signed in" if user is None else f"A {user.role.label.lower()}"
        raise PermissionDenied(f"{who} may not {action.value.replace('_', ' ')}.")
