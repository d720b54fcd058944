"""Undo commands for decisions and the plan. Each calls a service, then announces what changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtGui import QUndoCommand

from iro_desktop.domain.decisions import Decision, DecisionInput
from iro_desktop.domain.dissent import Dissent, DissentInput
from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.domain.plan import PlanAction, PlanActionInput, PlanHeaderInput
from iro_desktop.services.plans import CarriedForward
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub

T = TypeVar("T")

DECISIONS = "decisions"
PLAN = "plan"
POLICY = "policy"

HEADER_EDIT_ID = 5001


class ServiceCommand(QUndoCommand):
    """Runs service calls with the save indicator and announces the topic afterwards."""

    topic = DECISIONS

    def __init__(self, services: Services, hub: ChangeHub, text: str) -> None:
        super().__init__(text)
        self.services = services
        self.hub = hub

    def _run(self, call: Callable[[], T]) -> T:
        self.hub.save_started.emit()
        try:
            result = call()
        except EnvironmentProblem as problem:
            self.hub.save_failed.emit(problem.message)
            raise
        self.hub.save_finished.emit()
        self.hub.announce(self.topic)
        return result


class RecordDecisionCommand(ServiceCommand):
    """Record (or change) one child's decision; undo restores the earlier decision, or none."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        conference_id: str,
        child_id: str,
        new: DecisionInput,
        previous: Decision | None,
        child_name: str = "",
    ) -> None:
        super().__init__(services, hub, f"Record the decision for {child_name}".strip())
        self.conference_id = conference_id
        self.child_id = child_id
        self.new = new
        self.previous = previous
        self.recorded: Decision | None = None

    def redo(self) -> None:
        self.recorded = self._run(
            lambda: self.services.decisions.record(self.conference_id, self.child_id, self.new)
        )

    def undo(self) -> None:
        previous = self.previous
        if previous is None:
            self._run(lambda: self.services.decisions.withdraw(self.conference_id, self.child_id))
        else:
            self._run(
                lambda: self.services.decisions.record(
                    self.conference_id, self.child_id, previous.as_input(), decided_at=previous.decided_at
                )
            )


class AddDissentCommand(ServiceCommand):
    def __init__(
        self, services: Services, hub: ChangeHub, conference_id: str, child_id: str, data: DissentInput
    ) -> None:
        super().__init__(services, hub, f"Record dissent from {data.name}")
        self.conference_id = conference_id
        self.child_id = child_id
        self.data = data
        self.added: Dissent | None = None

    def redo(self) -> None:
        added = self.added
        if added is None:
            self.added = self._run(
                lambda: self.services.decisions.add_dissent(self.conference_id, self.child_id, self.data)
            )
        else:
            self._run(lambda: self.services.decisions.restore_dissent(added))

    def undo(self) -> None:
        added = self.added
        if added is not None:
            self._run(lambda: self.services.decisions.remove_dissent(added.id))


class EditDissentCommand(ServiceCommand):
    def __init__(self, services: Services, hub: ChangeHub, dissent: Dissent, new: DissentInput) -> None:
        super().__init__(services, hub, f"Change dissent from {dissent.name}")
        self.dissent_id = dissent.id
        self.old = dissent.as_input()
        self.new = new

    def redo(self) -> None:
        self._run(lambda: self.services.decisions.update_dissent(self.dissent_id, self.new))

    def undo(self) -> None:
        self._run(lambda: self.services.decisions.update_dissent(self.dissent_id, self.old))


class RemoveDissentCommand(ServiceCommand):
    def __init__(self, services: Services, hub: ChangeHub, dissent: Dissent) -> None:
        super().__init__(services, hub, f"Remove dissent from {dissent.name}")
        self.dissent = dissent

    def redo(self) -> None:
        self._run(lambda: self.services.decisions.remove_dissent(self.dissent.id))

    def undo(self) -> None:
        self._run(lambda: self.services.decisions.restore_dissent(self.dissent))


class SetAllowMultipleCommand(ServiceCommand):
    topic = POLICY

    def __init__(self, services: Services, hub: ChangeHub, allowed: bool) -> None:
        super().__init__(
            services, hub, "Allow “multiple” category" if allowed else "Allow one primary category only"
        )
        self.allowed = allowed

    def redo(self) -> None:
        self._run(lambda: self.services.policy.set_allow_multiple(self.allowed))

    def undo(self) -> None:
        self._run(lambda: self.services.policy.set_allow_multiple(not self.allowed))


# The plan ------------------------------------------------------------------------------------------


class AddActionCommand(ServiceCommand):
    topic = PLAN

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

    def redo(self) -> None:
        added = self.added
        if added is None:
            self.added = self._run(
                lambda: self.services.plans.add_action(self.conference_id, self.data, position=self.position)
            )
        else:
            self._run(lambda: self.services.plans.restore_action(added))

    def undo(self) -> None:
        added = self.added
        if added is not None:
            self.added = self._run(lambda: self.services.plans.remove_action(added.id))


class EditActionCommand(ServiceCommand):
    topic = PLAN

    def __init__(self, services: Services, hub: ChangeHub, action: PlanAction, new: PlanActionInput) -> None:
        super().__init__(services, hub, "Change an action")
        self.action_id = action.id
        self.old = action.as_input()
        self.new = new

    def redo(self) -> None:
        self._run(lambda: self.services.plans.update_action(self.action_id, self.new))

    def undo(self) -> None:
        self._run(lambda: self.services.plans.update_action(self.action_id, self.old))


class RemoveActionCommand(ServiceCommand):
    topic = PLAN

    def __init__(self, services: Services, hub: ChangeHub, action: PlanAction) -> None:
        super().__init__(services, hub, "Remove an action")
        self.action = action

    def redo(self) -> None:
        self.action = self._run(lambda: self.services.plans.remove_action(self.action.id))

    def undo(self) -> None:
        self._run(lambda: self.services.plans.restore_action(self.action))


class DraftActionsCommand(ServiceCommand):
    """Add one action per "what needs to happen" item not already in the plan."""

    topic = PLAN

    def __init__(self, services: Services, hub: ChangeHub, conference_id: str, next_steps: list[str]) -> None:
        super().__init__(services, hub, "Draft actions from what needs to happen")
        self.conference_id = conference_id
        self.next_steps = list(next_steps)
        self.created: list[PlanAction] | None = None

    def redo(self) -> None:
        created = self.created
        if created is None:
            self.created = self._run(
                lambda: self.services.plans.draft_actions(self.conference_id, self.next_steps)
            )
        else:
            self._run(lambda: [self.services.plans.restore_action(a) for a in created])

    def undo(self) -> None:
        created = self.created or []
        self.created = self._run(
            lambda: [self.services.plans.remove_action(a.id) for a in reversed(created)]
        )[::-1]


class SavePlanHeaderCommand(ServiceCommand):
    """Bottom lines, contingency and dates. Typing in one field merges into one undo step."""

    topic = PLAN

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        conference_id: str,
        old: PlanHeaderInput,
        new: PlanHeaderInput,
        field: str,
        label: str = "",
    ) -> None:
        super().__init__(services, hub, f"Change {label or field.replace('_', ' ')}")
        self.conference_id = conference_id
        self.old = old
        self.new = new
        self.field = field

    def id(self) -> int:
        return HEADER_EDIT_ID

    def mergeWith(self, other: Any) -> bool:
        if not isinstance(other, SavePlanHeaderCommand):
            return False
        if other.conference_id != self.conference_id or other.field != self.field:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        self._run(lambda: self.services.plans.save_header(self.conference_id, self.new))

    def undo(self) -> None:
        self._run(lambda: self.services.plans.save_header(self.conference_id, self.old))


class CarryForwardCommand(ServiceCommand):
    """Bring the last conference's plan into this one; undo takes the copied actions and text out.
    Redo restores the same actions (same ids), so later commands on them still apply."""

    topic = PLAN

    def __init__(self, services: Services, hub: ChangeHub, conference_id: str) -> None:
        super().__init__(services, hub, "Carry the plan forward")
        self.conference_id = conference_id
        self.result: CarriedForward | None = None
        self.header_after: PlanHeaderInput | None = None
        self._actions: list[PlanAction] = []

    def redo(self) -> None:
        header_after = self.header_after
        if self.result is None or header_after is None:
            self.result = self._run(lambda: self.services.plans.carry_forward(self.conference_id))
            self._actions = list(self.result.actions)
            self.header_after = self.services.plans.header(self.conference_id).as_input()
            return
        self._run(lambda: [self.services.plans.restore_action(a) for a in self._actions])
        self._run(lambda: self.services.plans.save_header(self.conference_id, header_after))

    def undo(self) -> None:
        result = self.result
        if result is None:
            return
        removed = self._run(
            lambda: [self.services.plans.remove_action(a.id) for a in reversed(self._actions)]
        )
        self._actions = removed[::-1]
        self._run(lambda: self.services.plans.save_header(self.conference_id, result.header_before))
