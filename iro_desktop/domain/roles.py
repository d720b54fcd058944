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
    """Everything a service may refuse. Each public service method declares one (services/permissions)."""

    SIGN_IN = "sign_in"  # sign in, unlock, set up the first administrator: open to nobody signed in
    VIEW = "view"
    EXPORT = "export"
    CREATE_FAMILY = "create_family"
    EDIT_FAMILY = "edit_family"  # names, dates of birth, children added, plans before the app
    EDIT_PEOPLE = "edit_people"  # agencies, professionals and family members
    EDIT_REGISTER = "edit_register"  # a conference file's family and people (import)
    BOOK_CONFERENCE = "book_conference"  # booking, invitations
    RESCHEDULE = "reschedule"  # a booked conference's date, time, venue, chair
    STAND_DOWN = "stand_down"  # stood down or adjourned
    TRACK_TIMESCALES = "track_timescales"  # reports sent, advocacy, core group and distribution dates
    RUN_MEETING = "run_meeting"  # start and finish the meeting, mark it held
    EDIT_MAP = "edit_map"
    RECORD_DECISION = "record_decision"
    EDIT_PLAN = "edit_plan"
    EDIT_MINUTES = "edit_minutes"
    EDIT_DISTRIBUTION = "edit_distribution"
    SUBMIT_FOR_APPROVAL = "submit_for_approval"
    APPROVE_RECORD = "approve_record"
    AMEND_FINAL_RECORD = "amend_final_record"
    EDIT_LOCAL_RULES = "edit_local_rules"  # timescales, quoracy rule, stood-down reasons
    EDIT_POLICY = "edit_policy"  # the "multiple" category, the significant factors list
    VIEW_AUDIT = "view_audit"
    RUN_REPORTS = "run_reports"  # the annual report: managers and chairs
    MANAGE_USERS = "manage_users"
    IMPORT_HISTORY = "import_history"  # issue 8: administrators and managers
    SUBJECT_ACCESS = "subject_access"  # issue 18: a person's bundle of what the store holds: managers, admins
    RAISE_ALERT = "raise_alert"  # issue 19: alerts, their escalation and outcome, RAG ratings: the chair
    ANSWER_ALERT = "answer_alert"  # a manager's response to an alert, typed in by them or for them
    RECORD_FEEDBACK = "record_feedback"  # the anonymous questionnaires after the conference
    # Issue 16: a conference out on a laptop released on the team store (a laptop lost or broken).
    CANCEL_OWN_CHECKOUT = "cancel_own_checkout"  # the chair or clerk who took it out
    CANCEL_CHECKOUT = "cancel_checkout"  # anyone's: managers and administrators


# Open to anyone, nobody signed in included (the service itself decides, e.g. only a first administrator).
OPEN_TO_ALL = frozenset({Action.SIGN_IN})

_EVERYONE = frozenset({Action.SIGN_IN, Action.VIEW, Action.EXPORT})

# What the chair and the clerk both do: the whole conference, from booking to distribution.
_CASEWORK = frozenset(
    {
        Action.CREATE_FAMILY,
        Action.EDIT_FAMILY,
        Action.EDIT_PEOPLE,
        Action.EDIT_REGISTER,
        Action.BOOK_CONFERENCE,
        Action.RESCHEDULE,
        Action.STAND_DOWN,
        Action.TRACK_TIMESCALES,
        Action.RUN_MEETING,
        Action.EDIT_MAP,
        Action.RECORD_DECISION,
        Action.EDIT_PLAN,
        Action.EDIT_MINUTES,
        Action.EDIT_DISTRIBUTION,
        Action.SUBMIT_FOR_APPROVAL,
        Action.AMEND_FINAL_RECORD,
        Action.ANSWER_ALERT,
        Action.RECORD_FEEDBACK,
        Action.CANCEL_OWN_CHECKOUT,
    }
)

# The matrix, role by role (the manager reads, reports and audits; only the chair approves).
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.CHAIR: _EVERYONE
    | _CASEWORK
    | {Action.APPROVE_RECORD, Action.RUN_REPORTS, Action.EDIT_LOCAL_RULES, Action.EDIT_POLICY}
    | {Action.RAISE_ALERT},
    Role.CLERK: _EVERYONE | _CASEWORK,
    Role.MANAGER: _EVERYONE
    | {
        Action.VIEW_AUDIT,
        Action.RUN_REPORTS,
        Action.IMPORT_HISTORY,
        Action.SUBJECT_ACCESS,
        Action.ANSWER_ALERT,
        Action.CANCEL_CHECKOUT,
    },
}

# An administrator (of any role) may also do these; MANAGE_USERS belongs to administrators alone.
ADMIN_ACTIONS = frozenset(
    {
        Action.MANAGE_USERS,
        Action.VIEW_AUDIT,
        Action.IMPORT_HISTORY,
        Action.EDIT_LOCAL_RULES,
        Action.EDIT_POLICY,
        Action.SUBJECT_ACCESS,
        Action.CANCEL_CHECKOUT,
    }
)
ADMIN_ONLY = frozenset({Action.MANAGE_USERS})

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
    if action in OPEN_TO_ALL:
        return True
    if user is None or not user.active:
        return False
    if user.is_admin and action in ADMIN_ACTIONS:
        return True
    if action in ADMIN_ONLY or action not in PERMISSIONS[user.role]:
        return False
    return not (approved and action in CHAIR_ONLY_AFTER_APPROVAL and user.role is not Role.CHAIR)


def require(user: User | None, action: Action, *, approved: bool = False) -> None:
    if not can(user, action, approved=approved):
        who = "Nobody is signed in" if user is None else f"A {user.role.label.lower()}"
        raise PermissionDenied(f"{who} may not {action.value.replace('_', ' ')}.")
