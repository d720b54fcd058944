"""Undo commands for decisions and the plan, on the one base (ui/undo_command.py). Each calls a service;
the hub relays what the service wrote."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, replace
from typing import Any

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.decisions import Decision, DecisionInput, decision_values
from iro_desktop.domain.dissent import Dissent, DissentInput
from iro_desktop.domain.plan import PlanAction, PlanActionInput, PlanHeader, PlanHeaderInput, action_values
from iro_desktop.services.plans import CarriedForward
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import UndoCommand

HEADER_EDIT_ID = 5001


class ServiceCommand(UndoCommand):
    """A decision or plan edit: calls services; the hub hears what they wrote (the one base's rules:
    stored first, pushed only when stored, failures never raised into Qt)."""

    def __init__(self, services: Services, hub: ChangeHub, text: str) -> None:
        super().__init__(text, hub, services.ctx.take_changes)
        self.services = services


class RecordDecisionCommand(ServiceCommand):
    """Record (or change) one child's decision; undo restores the earlier decision, or none. The first
    recording names what the form read (`previous`, issue 16): someone else's change since to the same
    field is held for the chair's choice (`keep_mine` / `take_theirs`), never overwritten."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        conference_id: str,
        child_id: str,
        new: DecisionInput,
        previous: Decision | None,
        child_name: str = "",
        shown: Callable[[], None] | None = None,
        reading: Callable[[], ReadAs] | None = None,
    ) -> None:
        super().__init__(services, hub, f"Record the decision for {child_name}".strip())
        self.conference_id = conference_id
        self.child_id = child_id
        self.new = new
        self.previous = previous
        self.read = read_of(previous)
        self.reading = reading  # what the form shows when this is stored (it may wait behind another)
        self._rebased = False
        self.shown = shown  # the form shows the decision as stored (taking theirs)
        self.recorded: Decision | None = None

    def place(self) -> object:
        return ("decision", self.conference_id, self.child_id)

    def keep_mine(self, conflict: EditConflict) -> None:
        """Based on what they stored: the fields chosen as mine go on top of theirs."""
        self.read = ReadAs(conflict.version, {**self.read.values, **conflict.theirs()})
        self._rebased = True

    def take_theirs(self, conflict: EditConflict) -> None:
        if self.shown is not None:
            self.shown()

    def forward(self) -> None:
        read = based_on(self.read, self.reading, self._rebased, self._ever_done)
        self.recorded = self.services.decisions.record(self.conference_id, self.child_id, self.new, read=read)

    def backward(self) -> None:
        previous = self.previous
        if previous is None:
            self.services.decisions.withdraw(self.conference_id, self.child_id)
        else:
            self.services.decisions.record(
                self.conference_id, self.child_id, previous.as_input(), decided_at=previous.decided_at
            )


def read_of(decision: Decision | None) -> ReadAs:
    """What a form showing `decision` (None: none recorded yet) read, for a change based on it."""
    if decision is None:
        return ReadAs(0)
    return ReadAs(decision.version, decision_values(decision.as_input()))


def based_on(read: ReadAs, reading: Callable[[], ReadAs] | None, rebased: bool, redo: bool) -> ReadAs | None:
    """What a stored step is based on: nothing on a redo (it puts back what it stored), the read it
    was re-based on after a conflict, else what the screen shows now (`reading`) or showed when made."""
    if redo:
        return None
    if rebased or reading is None:
        return read
    return reading()


def with_theirs(data: Any, conflict: EditConflict, fields: set[str]) -> Any:
    """`data` (a form's input dataclass) with someone else's value for each of `fields` (chosen as
    theirs)."""
    theirs = conflict.theirs()
    return replace(data, **{name: theirs[name] for name in fields if name in theirs})


class AddDissentCommand(ServiceCommand):
    def __init__(
        self, services: Services, hub: ChangeHub, conference_id: str, child_id: str, data: DissentInput
    ) -> None:
        super().__init__(services, hub, f"Record dissent from {data.name}")
        self.conference_id = conference_id
        self.child_id = child_id
        self.data = data
        self.added: Dissent | None = None

    def forward(self) -> None:
        added = self.added
        if added is None:
            self.added = self.services.decisions.add_dissent(self.conference_id, self.child_id, self.data)
        else:
            self.services.decisions.restore_dissent(added)

    def backward(self) -> None:
        added = self.added
        if added is not None:
            self.services.decisions.remove_dissent(added.id)


class EditDissentCommand(ServiceCommand):
    """Change a dissent, based on it as the list showed it (issue 16): someone else's change since to
    the same field is held for the chair's choice; keeping mine re-bases it on theirs (undoing it then
    gives back theirs); taking theirs shows theirs (`shown`)."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        dissent: Dissent,
        new: DissentInput,
        shown: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(services, hub, f"Change dissent from {dissent.name}")
        self.dissent_id = dissent.id
        self.old = dissent.as_input()
        self.new = new
        self.read = ReadAs(dissent.version, asdict(self.old))
        self.shown = shown

    def place(self) -> object:
        return ("dissent", self.dissent_id)

    def keep_mine(self, conflict: EditConflict) -> None:
        self.read = ReadAs(conflict.version, {**self.read.values, **conflict.theirs()})
        self.old = replace(self.old, **conflict.theirs())

    def take_theirs(self, conflict: EditConflict) -> None:
        if self.shown is not None:
            self.shown()

    def forward(self) -> None:
        read = None if self._ever_done else self.read  # a redo puts back what this step stored
        self.services.decisions.update_dissent(self.dissent_id, self.new, read=read)

    def backward(self) -> None:
        self.services.decisions.update_dissent(self.dissent_id, self.old)


class RemoveDissentCommand(ServiceCommand):
    def __init__(self, services: Services, hub: ChangeHub, dissent: Dissent) -> None:
        super().__init__(services, hub, f"Remove dissent from {dissent.name}")
        self.dissent = dissent

    def forward(self) -> None:
        self.services.decisions.remove_dissent(self.dissent.id)

    def backward(self) -> None:
        self.services.decisions.restore_dissent(self.dissent)


class SetAllowMultipleCommand(ServiceCommand):
    def __init__(self, services: Services, hub: ChangeHub, allowed: bool) -> None:
        super().__init__(
            services, hub, "Allow “multiple” category" if allowed else "Allow one primary category only"
        )
        self.allowed = allowed

    def forward(self) -> None:
        self.services.policy.set_allow_multiple(self.allowed)

    def backward(self) -> None:
        self.services.policy.set_allow_multiple(not self.allowed)


# The plan ------------------------------------------------------------------------------------------


class AddActionCommand(ServiceCommand):
    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        conference_id: str,
        data: PlanActionInput,
        position: int | None = None,
    ) -> None:
        super().__init__(services, hub, "Add an action")
        self.conference_id = conference_id
        self.data = data
        self.position = position
        self.added: PlanAction | None = None

    def forward(self) -> None:
        added = self.added
        if added is None:
            self.added = self.services.plans.add_action(self.conference_id, self.data, position=self.position)
        else:
            self.services.plans.restore_action(added)

    def backward(self) -> None:
        added = self.added
        if added is not None:
            self.added = self.services.plans.remove_action(added.id)


class EditActionCommand(ServiceCommand):
    """Change an action; the first storing names what the table read (`action`, issue 16): someone
    else's change since to the same field is held for a choice, never overwritten."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        action: PlanAction,
        new: PlanActionInput,
        shown: Callable[[], None] | None = None,
        reading: Callable[[], ReadAs] | None = None,
    ) -> None:
        super().__init__(services, hub, "Change an action")
        self.action_id = action.id
        self.old = action.as_input()
        self.new = new
        self.read = ReadAs(action.version, action_values(self.old))
        self.reading = reading  # what the table shows when this is stored (it may wait behind another)
        self._rebased = False
        self.shown = shown  # the table shows the plan as stored (taking theirs)

    def place(self) -> object:
        return ("action", self.action_id)

    def keep_mine(self, conflict: EditConflict) -> None:
        self.read = ReadAs(conflict.version, {**self.read.values, **conflict.theirs()})
        self._rebased = True

    def take_theirs(self, conflict: EditConflict) -> None:
        if self.shown is not None:
            self.shown()

    def forward(self) -> None:
        read = based_on(self.read, self.reading, self._rebased, self._ever_done)
        self.services.plans.update_action(self.action_id, self.new, read=read)

    def backward(self) -> None:
        self.services.plans.update_action(self.action_id, self.old)


class RemoveActionCommand(ServiceCommand):
    def __init__(self, services: Services, hub: ChangeHub, action: PlanAction) -> None:
        super().__init__(services, hub, "Remove an action")
        self.action = action

    def forward(self) -> None:
        self.action = self.services.plans.remove_action(self.action.id)

    def backward(self) -> None:
        self.services.plans.restore_action(self.action)


class DraftActionsCommand(ServiceCommand):
    """Add one action per "what needs to happen" item not already in the plan."""

    def __init__(self, services: Services, hub: ChangeHub, conference_id: str, next_steps: list[str]) -> None:
        super().__init__(services, hub, "Draft actions from what needs to happen")
        self.conference_id = conference_id
        self.next_steps = list(next_steps)
        self.created: list[PlanAction] | None = None

    def forward(self) -> None:
        created = self.created
        if created is None:
            self.created = self.services.plans.draft_actions(self.conference_id, self.next_steps)
        else:
            for action in created:
                self.services.plans.restore_action(action)

    def backward(self) -> None:
        created = self.created or []
        self.created = [self.services.plans.remove_action(a.id) for a in reversed(created)][::-1]


class SavePlanHeaderCommand(ServiceCommand):
    """Bottom lines, contingency and dates. Typing in one field merges into one undo step. The first
    storing names what the builder read (`read`, issue 16); `saved` hears the header as stored, so the
    next keystroke is based on it."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        conference_id: str,
        old: PlanHeaderInput,
        new: PlanHeaderInput,
        field: str,
        label: str = "",
        reading: Callable[[], ReadAs] | None = None,
        saved: Callable[[PlanHeader | None], None] | None = None,
    ) -> None:
        super().__init__(services, hub, f"Change {label or field.replace('_', ' ')}")
        self.conference_id = conference_id
        self.old = old
        self.new = new
        self.field = field
        self.reading = reading  # what the builder shows when this is stored (it may wait behind another)
        self.read: ReadAs | None = None  # set when the person keeps theirs over a conflict
        self.saved = saved  # None: the header as stored is not known here (taking theirs)

    def id(self) -> int:
        return HEADER_EDIT_ID

    def place(self) -> object:
        return ("plan header", self.conference_id)

    def keep_mine(self, conflict: EditConflict) -> None:
        read = self.read or (self.reading() if self.reading is not None else ReadAs(0))
        self.read = ReadAs(conflict.version, {**read.values, **conflict.theirs()})

    def take_theirs(self, conflict: EditConflict) -> None:
        if self.saved is not None:
            self.saved(None)

    def mergeWith(self, other: Any) -> bool:
        if not isinstance(other, SavePlanHeaderCommand):
            return False
        if other.conference_id != self.conference_id or other.field != self.field:
            return False
        self.new = other.new
        return True

    def forward(self) -> None:
        read = None if self._ever_done else self.read or (self.reading() if self.reading else None)
        stored = self.services.plans.save_header(self.conference_id, self.new, read=read)
        if self.saved is not None:
            self.saved(stored)

    def backward(self) -> None:
        stored = self.services.plans.save_header(self.conference_id, self.old)
        if self.saved is not None:
            self.saved(stored)


class CarryForwardCommand(ServiceCommand):
    """Bring the last conference's plan into this one; undo takes the copied actions and text out.
    Redo restores the same actions (same ids), so later commands on them still apply."""

    def __init__(self, services: Services, hub: ChangeHub, conference_id: str) -> None:
        super().__init__(services, hub, "Carry the plan forward")
        self.conference_id = conference_id
        self.result: CarriedForward | None = None
        self.header_after: PlanHeaderInput | None = None
        self._actions: list[PlanAction] = []

    def forward(self) -> None:
        header_after = self.header_after
        if self.result is None or header_after is None:
            self.result = self.services.plans.carry_forward(self.conference_id)
            self._actions = list(self.result.actions)
            self.header_after = self.services.plans.header(self.conference_id).as_input()
            return
        for action in self._actions:
            self.services.plans.restore_action(action)
        self.services.plans.save_header(self.conference_id, header_after)

    def backward(self) -> None:
        result = self.result
        if result is None:
            return
        removed = [self.services.plans.remove_action(a.id) for a in reversed(self._actions)]
        self._actions = removed[::-1]
        self.services.plans.save_header(self.conference_id, result.header_before)
