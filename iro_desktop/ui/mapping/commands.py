"""Every edit of the map is an undo command (the one base, ui/undo_command.py) that calls the mapping
service.

A command is stored first with `execute_now()` (which may raise, so nothing half-done reaches the stack)
and then pushed, or it runs on its first `redo()` (pushed on a bare stack, as the tests do). Typing is
coalesced a word at a time: text edits of the same item share an id and merge, and an item's first text
merges into the command that added it, until a new word starts (a letter typed after a space) or the
typing paused for a second; so undo takes back the last words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from iro_desktop.domain.audience import Audience
from iro_desktop.domain.concurrency import ReadAs
from iro_desktop.domain.mapping import MapItem, RemovedItem, Scale, Section
from iro_desktop.services.mapping import MappingService
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import MERGE_PAUSE_S, Failure, UndoCommand, starts_new_word

TEXT_MERGE_ID = 4001


@dataclass(frozen=True)
class Change:
    """What a command did, for the board to refresh itself: "text", "added", "removed" and "moved" (one
    item, `item` as stored; `section` where a moved item was), "structure" (read the map again) or
    "failed"."""

    kind: str
    item_id: str | None = None
    text: str = ""
    error: Exception | None = None
    item: MapItem | None = None
    section: Section | None = None


Notify = Callable[[Change], None]


def _ignore(_change: Change) -> None:
    return None


class MapCommand(UndoCommand):
    """A map edit: the board hears what it did through `notify`; with a hub, the hub hears what the
    service wrote (the typed changes) too."""

    def __init__(
        self, service: MappingService, label: str, notify: Notify | None = None, hub: ChangeHub | None = None
    ) -> None:
        super().__init__(label, hub, service.ctx.take_changes)
        self.service = service
        self.notify: Notify = notify or _ignore

    def failed(self, error: Failure) -> None:
        self.notify(Change("failed", error=error))


class AddItemCommand(MapCommand):
    def __init__(
        self,
        service: MappingService,
        conference_id: str,
        section: Section,
        text: str,
        *,
        index: int | None = None,
        child_id: str | None = None,
        source: str = "",
        notify: Notify | None = None,
        audience: Audience | None = None,
    ) -> None:
        super().__init__(service, f"add to {section.label}", notify)
        self.audience = audience  # held back from its first keystroke (issue 18)
        self.conference_id = conference_id
        self.section = section
        self.item_text = text
        self.index = index
        self.child_id = child_id
        self.source = source
        self.item_id: str | None = None

    def forward(self) -> None:
        item = self.service.add_item(
            self.conference_id,
            self.section,
            self.item_text,
            index=self.index,
            child_id=self.child_id,
            source=self.source,
            item_id=self.item_id,
            audience=self.audience,
        )
        self.item_id = item.id
        if self.index is None:
            self.index = item.order  # redo puts it back at the same place
        self.notify(Change("added", item.id, item.text, item=item))

    def backward(self) -> None:
        assert self.item_id is not None
        self.service.delete_item(self.item_id)
        self.notify(Change("removed", self.item_id))

    def id(self) -> int:
        return TEXT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if _continues_typing(self, other, self.item_id, self.item_text):
            assert isinstance(other, EditTextCommand)
            self.item_text = other.new
            self.stamp = other.stamp
            return True
        return False


class EditTextCommand(MapCommand):
    """Typing in one item. With `reads` (the board's: the version and text each item was read at), each
    save names what it was based on, so it never overwrites words someone else stored since (issue 16:
    EditConflict) and it notes what it stored for the next."""

    def __init__(
        self,
        service: MappingService,
        item_id: str,
        old: str,
        new: str,
        notify: Notify | None = None,
        reads: dict[str, ReadAs] | None = None,
    ) -> None:
        super().__init__(service, "typing", notify)
        self.item_id = item_id
        self.old = old
        self.new = new
        self.reads = reads

    def _store(self, text: str) -> MapItem:
        read = self.reads.get(self.item_id) if self.reads is not None else None
        item = self.service.edit_text(self.item_id, text, read=read)
        if self.reads is not None:
            self.reads[self.item_id] = ReadAs(item.version, {"text": item.text})
        return item

    def forward(self) -> None:
        item = self._store(self.new)
        self.notify(Change("text", self.item_id, self.new, item=item))  # with its audience (issue 18)

    def backward(self) -> None:
        item = self._store(self.old)
        self.notify(Change("text", self.item_id, self.old, item=item))

    def id(self) -> int:
        return TEXT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if _continues_typing(self, other, self.item_id, self.new):
            assert isinstance(other, EditTextCommand)
            self.new = other.new
            self.stamp = other.stamp
            if self.new == self.old:
                self.setObsolete(True)
            return True
        return False


def _continues_typing(command: MapCommand, other: QUndoCommand, item_id: str | None, text: str) -> bool:
    """Whether `other` (the next stored text) belongs to the same undo step as `command`: the same item,
    within a second of the last words, and not the start of a new word."""
    return (
        isinstance(other, EditTextCommand)
        and other.item_id == item_id
        and other.error is None
        and other.stamp - command.stamp < MERGE_PAUSE_S
        and not starts_new_word(text, other.new)
    )


class DeleteItemCommand(MapCommand):
    def __init__(self, service: MappingService, item_id: str, notify: Notify | None = None) -> None:
        super().__init__(service, "delete item", notify)
        self.item_id = item_id
        self.removed: RemovedItem | None = None

    def forward(self) -> None:
        self.removed = self.service.delete_item(self.item_id)
        self.notify(Change("removed", self.item_id) if self._alone() else Change("structure", self.item_id))

    def backward(self) -> None:
        assert self.removed is not None
        item = self.service.restore_item(self.removed)
        if self._alone():
            self.notify(Change("added", item.id, item.text, item=item))
        else:
            self.notify(Change("structure", item.id))

    def _alone(self) -> bool:
        """Whether the item took nothing else with it (no scales, no danger statements paired to it)."""
        return self.removed is not None and not self.removed.scales and not self.removed.paired_danger_ids


class MoveItemCommand(MapCommand):
    def __init__(
        self,
        service: MappingService,
        item_id: str,
        section: Section,
        index: int,
        notify: Notify | None = None,
    ) -> None:
        super().__init__(service, "move item", notify)
        self.item_id = item_id
        self.section = section
        self.index = index
        self.before: tuple[Section, int] | None = None

    def forward(self) -> None:
        item, old_section, old_index = self.service.move_item(self.item_id, self.section, self.index)
        self.before = (old_section, old_index)
        self.notify(Change("moved", self.item_id, item=item, section=old_section))

    def backward(self) -> None:
        assert self.before is not None
        item, old_section, _old_index = self.service.move_item(self.item_id, *self.before)
        self.notify(Change("moved", self.item_id, item=item, section=old_section))


class PairCommand(MapCommand):
    def __init__(
        self, service: MappingService, danger_id: str, goal_id: str | None, notify: Notify | None = None
    ) -> None:
        super().__init__(service, "pair with safety goal", notify)
        self.danger_id = danger_id
        self.goal_id = goal_id
        self.old_goal_id: str | None = None

    def forward(self) -> None:
        _item, self.old_goal_id = self.service.pair(self.danger_id, self.goal_id)
        self.notify(Change("structure", self.danger_id))

    def backward(self) -> None:
        self.service.pair(self.danger_id, self.old_goal_id, restoring=True)
        self.notify(Change("structure", self.danger_id))


class ScaleCommand(MapCommand):
    def __init__(
        self,
        service: MappingService,
        conference_id: str,
        danger_id: str | None,
        participant: str,
        score: int,
        reason: str = "",
        notify: Notify | None = None,
        read: ReadAs | None = None,
    ) -> None:
        super().__init__(service, "scale", notify)
        self.conference_id = conference_id
        self.danger_id = danger_id
        self.participant = participant
        self.score = score
        self.reason = reason
        self.scale_id: str | None = None
        self.replaced: Scale | None = None
        self.read = read  # the score on screen when this was entered (issue 16); None: as before

    def forward(self) -> None:
        scale, self.replaced = self.service.set_scale(
            self.conference_id,
            self.danger_id,
            self.participant,
            self.score,
            self.reason,
            scale_id=self.scale_id,
            read=None if self._ever_done else self.read,  # a redo puts back what this step stored
        )
        self.scale_id = scale.id
        self.notify(Change("structure", self.danger_id))

    def backward(self) -> None:
        assert self.scale_id is not None
        if self.replaced is not None:
            r = self.replaced
            self.service.set_scale(
                r.conference_id, r.danger_id, r.participant, r.score, r.reason, scale_id=r.id
            )
        else:
            self.service.remove_scale(self.scale_id)
        self.notify(Change("structure", self.danger_id))


class DetailsCommand(MapCommand):
    """Who said it, and which child an item is about."""

    def __init__(
        self,
        service: MappingService,
        before: MapItem,
        source: str,
        child_id: str | None,
        notify: Notify | None = None,
    ) -> None:
        super().__init__(service, "who said it / which child", notify)
        self.item_id = before.id
        self.old = (before.source, before.child_id)
        self.new = (source, child_id)

    def forward(self) -> None:
        self.service.set_details(self.item_id, *self.new)
        self.notify(Change("structure", self.item_id))

    def backward(self) -> None:
        self.service.set_details(self.item_id, *self.old)
        self.notify(Change("structure", self.item_id))


class CarryForwardCommand(MapCommand):
    def __init__(self, service: MappingService, conference_id: str, notify: Notify | None = None) -> None:
        super().__init__(service, "carry forward the last map", notify)
        self.conference_id = conference_id
        self.ids: dict[str, str] = {}

    def forward(self) -> None:
        self.ids = self.service.carry_forward(self.conference_id, self.ids or None)
        if not self.ids:
            self.setObsolete(True)
        self.notify(Change("structure"))

    def backward(self) -> None:
        self.service.delete_items(list(reversed(self.ids.values())))
        self.notify(Change("structure"))


class AudienceCommand(MapCommand):
    """Who may read an item (issue 18): undo puts back the audience it had."""

    def __init__(
        self, service: MappingService, item_id: str, audience: Audience, notify: Notify | None = None
    ) -> None:
        label = "for everyone" if not audience.restricted else f"mark {audience.kind.label.lower()}"
        super().__init__(service, label, notify)
        self.item_id = item_id
        self.audience = audience
        self.before: Audience | None = None

    def forward(self) -> None:
        item, self.before = self.service.set_audience(self.item_id, self.audience)
        self.notify(Change("audience", self.item_id, item=item))

    def backward(self) -> None:
        assert self.before is not None
        item, _ = self.service.set_audience(self.item_id, self.before)
        self.notify(Change("audience", self.item_id, item=item))
