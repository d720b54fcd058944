"""The board's state for one conference: section models, the undo stack, autosave, save status.

Views (the board, the presentation window) listen to `changed` and `item_live`; they never poke each
other. Every edit goes through an undo command that calls the mapping service.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from iro_desktop.domain.audience import (
    EVERYONE,
    MARK_GLYPH,
    Audience,
    AudienceKind,
    audience,
    kept_from,
    mark_words,
)
from iro_desktop.domain.changes import Changes, Topic
from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.errors import DomainError, EnvironmentProblem, NotFound, ValidationError
from iro_desktop.domain.family import Family
from iro_desktop.domain.mapping import (
    SECTION_ORDER,
    Board,
    MapItem,
    Scale,
    Section,
    board_warnings,
    next_section,
    participant_key,
)
from iro_desktop.services.live_updates import OUTAGE_MESSAGE, is_server_away
from iro_desktop.services.outage import (
    MAP_ADD_ITEM,
    MAP_DELETE_ITEM,
    MAP_EDIT_TEXT,
    MAP_MOVE_ITEM,
    MAP_SET_AUDIENCE,
    Replayed,
    audience_arguments,
    held_conflict,
    kept_map_items,
    read_arguments,
)
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.autosave import QUEUED_PREFIX, AutosaveController
from iro_desktop.ui.mapping.commands import (
    AddItemCommand,
    AudienceCommand,
    CarryForwardCommand,
    Change,
    DeleteItemCommand,
    DetailsCommand,
    EditTextCommand,
    MapCommand,
    MoveItemCommand,
    PairCommand,
    ScaleCommand,
)
from iro_desktop.ui.mapping.models import SectionModel
from iro_desktop.ui.undo_command import Failure, redo_on, starts_new_word, status_text, undo_on

log = logging.getLogger(__name__)
REMOTE_PAUSE_MS = 700  # another desktop's map change waits this long behind typing here
# Issue 16 item 4: what the outage journal keeps is typing, new items, moves, deletions and holding back;
# the rest waits for the server, said inline (nothing is changed, nothing typed is lost).
OUTAGE_NOT_DONE = (
    "Not done while the team server can't be reached: pairing, scores, who said it and carrying forward "
    "wait until it is back. Typing, new items, moves, deletions and holding back are kept on this computer."
)


def scale_text(scale: Scale, previous: Scale | None) -> str:
    was = f" (last time {previous.score})" if previous is not None else ""
    reason = f": {scale.reason}" if scale.reason else ""
    return f"{scale.participant} {scale.score}/10{was}{reason}"


def scale_key(danger_id: str | None, participant: str) -> str:
    """The `conflicts` key of a participant's score for a danger statement (or overall)."""
    return f"scale:{danger_id or ''}:{participant_key(participant)}"


class BoardController(QObject):
    changed = Signal()  # anything on the board changed (reload, structure, live text)
    # The whole map was read again (structure, pairing, scales may have changed), or rows left a section
    # (the section models were updated in place): views lay everything out again.
    reloaded = Signal()
    # An item was added or moved within its section (the models were updated in place); `item_live`
    # follows for that item, so views redraw its section only.
    rows_changed = Signal()
    item_live = Signal(str, str)  # item id, text as typed (not yet stored)
    opened = Signal()
    problem = Signal(str)  # a validation message to show inline
    # Inline only (the status bar goes on saying the server can't be reached): an edit not done during an
    # outage (issue 16 item 4).
    notice = Signal(str)
    conflict = Signal(str)  # an item someone else changed the same words of: `conflicts[item_id]`

    def __init__(self, services: Services, hub: ChangeHub, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.stack = QUndoStack(self)
        self.autosave = AutosaveController(self._save_text, parent=self, add=self._store_queued)
        # Another desktop changed a map (issue 16): read this one again, once nothing typed is waiting.
        self._remote = QTimer(self)
        self._remote.setSingleShot(True)
        self._remote.setInterval(REMOTE_PAUSE_MS)
        self._remote.timeout.connect(self._reload_for_remote)
        hub.remote_changed.connect(self._on_remote)
        hub.server_reachable.connect(self._on_server)  # back: kept items are read as stored (issue 16)
        self.conference: Conference | None = None
        self.family: Family | None = None
        self.board: Board | None = None
        self.items: dict[str, MapItem] = {}
        self.people: dict[str, str] = {}  # the conference's people: id -> name (for "not to be shared with")
        # Issue 16 item 4: who was out of the room when last asked (an item added during an outage is kept
        # from them, as the server would have), and the new items only this computer's journal has yet.
        self._out_ids: list[str] = []
        self.kept: frozenset[str] = frozenset()
        self._noticed = False  # the board says an edit was not done during the outage
        self.hold_new = (
            False  # issue 18: "start new items held back": each new item starts professionals only
        )
        self._saved_text: dict[str, str] = {}
        self._checkpoints: dict[str, list[str]] = {}  # per item: texts typed up to a new word, not stored
        # Issue 16: the version and text each item was read at (its saves name it), and the items whose
        # save someone else's change to the same words got to first, held until the chair chooses.
        self.reads: dict[str, ReadAs] = {}
        self.conflicts: dict[str, EditConflict] = {}
        self._held_scales: dict[str, ScaleCommand] = {}  # by scale_key, held with their conflict
        self._held_words: dict[str, str] = {}  # item -> the journal's key of words kept in conflict
        self._failing = False
        self._last_problem: EnvironmentProblem | None = None  # why the last store failed (the outage)
        self.models: dict[Section, SectionModel] = {
            s: SectionModel(s, self.describe, on_edit=self.live_text, on_drop=self._drop, parent=self)
            for s in SECTION_ORDER
        }

    # --- opening -----------------------------------------------------------------------------------

    @property
    def conference_id(self) -> str | None:
        return self.conference.id if self.conference else None

    def out_of_room(self) -> list[str]:
        """The names of the people out of the room now (what is captured is kept from them)."""
        if self.conference is None:
            return []
        ids = self.services.audiences.out_of_room(self.conference.id)
        self._out_ids = list(ids)
        return [self.people.get(p, "someone") for p in ids]

    def open(self, conference_id: str) -> None:
        """Open a conference's map (saving whatever is pending on the one before)."""
        self.flush()
        self.stack.clear()
        self.conference = self.services.mapping.conference(conference_id)  # to look at: not started yet
        self.family = self.services.families.get(self.conference.family_id)
        self.people = {
            i.person_id: i.person_name for i in self.services.attendance.invitations(conference_id)
        }
        self._out_ids = list(self.services.audiences.out_of_room(conference_id))  # for an outage's items
        self.reload()
        self.opened.emit()

    def close(self) -> None:
        self.flush()
        self.stack.clear()
        self.conference = None
        self.family = None
        self.board = None
        self.items = {}
        self.people = {}
        self._out_ids = []
        self.kept = frozenset()
        for model in self.models.values():
            model.set_items([])
        self.reloaded.emit()
        self.changed.emit()

    def reload(self) -> None:
        """Read the map from the store; text typed but not yet stored stays as typed."""
        if self.conference is None:
            return
        self.board = self.services.mapping.board(self.conference.id)
        pending = self.autosave.pending()
        stored = list(self.board.items)
        for item in stored:
            if item.id not in pending:  # typed and waiting: its read stays what the typing began on
                self.reads[item.id] = ReadAs(item.version, {"text": item.text})
        shown, self.kept = stored, frozenset()
        outage = self.services.outage
        if outage is not None and outage.waiting():  # what this computer keeps for the server, laid over
            shown, self.kept = kept_map_items(stored, outage.entries(), self.conference.id)
        held = self._hold_kept_words({item.id for item in shown})
        pending = self.autosave.pending()
        self.items = {}
        self._saved_text = {}
        for item in shown:
            self._saved_text[item.id] = item.text
            if item.id in pending:
                item = _with_text(item, pending[item.id])
            self.items[item.id] = item
        last = max((i.order for i in shown), default=0)
        for n, queued in enumerate(self.autosave.queued(), start=1):  # finished but not yet stored
            self.items[queued.key] = MapItem(
                queued.key, self.conference.id, queued.section, queued.text, last + n
            )
        for section, model in self.models.items():
            model.set_items(
                sorted((i for i in self.items.values() if i.section == section), key=lambda i: i.order)
            )
        self.reloaded.emit()
        self.changed.emit()
        for item_id in held:
            self.conflict.emit(item_id)

    def _hold_kept_words(self, shown: set[str]) -> list[str]:
        """Words typed here during an outage that met someone else's words in the same item when they
        were stored (issue 16 item 4): kept on this computer, shown in the item with both versions above
        the map, as a conflict met while typing. Returns the items newly held."""
        outage = self.services.outage
        if outage is None:
            return []
        held = []
        for entry in outage.held():
            item_id = str(entry.arguments.get("item_id", ""))
            if entry.operation != MAP_EDIT_TEXT or item_id not in shown or item_id in self._held_words:
                continue
            self._held_words[item_id] = entry.key
            self.conflicts[item_id] = held_conflict(entry)
            if self.autosave.pending_text(item_id) is None:
                self.autosave.schedule(item_id, str(entry.arguments["text"]))
            held.append(item_id)
        return held

    # --- reading -----------------------------------------------------------------------------------

    def section_items(self, section: Section) -> list[MapItem]:
        """The section's items in order, with text as typed (the section model holds them)."""
        return self.models[section].items()

    def child_name(self, child_id: str | None) -> str:
        if child_id is None or self.family is None:
            return ""
        child = next((c for c in self.family.children if c.id == child_id), None)
        return child.given_name if child else ""

    def goal_of(self, danger: MapItem) -> MapItem | None:
        goal = self.items.get(danger.goal_id) if danger.goal_id else None
        return goal if goal is not None and goal.section == Section.SAFETY_GOALS else None

    def scales_for(self, danger_id: str | None) -> list[tuple[Scale, Scale | None]]:
        if self.board is None:
            return []
        return [
            (s, self.board.previous_for(danger_id, s.participant)) for s in self.board.scales_for(danger_id)
        ]

    def previous_only(self, danger_id: str | None) -> list[Scale]:
        """Previous scores for participants who have not scaled yet this time."""
        if self.board is None:
            return []
        now = {s.participant.casefold() for s in self.board.scales_for(danger_id)}
        return [
            s
            for s in self.board.previous_scales
            if s.danger_id == danger_id and s.participant.casefold() not in now
        ]

    def describe(self, item: MapItem) -> str:
        """One line of the board: text, then who said it, the child, and for dangers pairing and scales."""
        parts = [item.text]
        extras = []
        if item.source:
            extras.append(f"said by {item.source}")
        child = self.child_name(item.child_id)
        if child:
            extras.append(f"about {child}")
        if item.carried_forward:
            extras.append("from last conference")
        if extras:
            parts.append(f"[{'; '.join(extras)}]")
        mark = self.mark(item)
        if mark:
            parts.append(f"\n{mark}")
        if item.section == Section.DANGER:
            goal = self.goal_of(item)
            parts.append(f"\n→ Safety goal: {goal.text}" if goal else "\n⚠ No safety goal yet")
            scales = self.scales_for(item.id)
            if scales:
                parts.append("\nScale: " + "; ".join(scale_text(s, p) for s, p in scales))
            else:
                parts.append("\n⚠ Not scaled yet")
            earlier = self.previous_only(item.id)
            if earlier:
                parts.append("\nLast time: " + "; ".join(f"{s.participant} {s.score}/10" for s in earlier))
        return " ".join(parts).replace(" \n", "\n")

    def mark(self, item: MapItem) -> str:
        """Who may read the item, in words and a symbol (never colour alone); empty for everyone."""
        words = mark_words(item.audience, self.people)
        return f"{MARK_GLYPH} {words}" if words else ""

    def warnings(self) -> list[str]:
        if self.board is None:
            return []
        return board_warnings(Board(self.board.conference_id, tuple(self.items.values()), self.board.scales))

    # --- typing ------------------------------------------------------------------------------------

    def live_text(self, item_id: str, text: str) -> None:
        """Text as it is typed: shown everywhere at once, stored within half a second. The text as it
        was when each new word began is stored too (as its own undo step, with the next save), so undo
        takes back the last words rather than the whole item."""
        item = self.items.get(item_id)
        if item is None:
            return
        if starts_new_word(item.text, text) and self.autosave.pending_text(item_id) is not None:
            # The words so far become one undo step, stored with the next save (before this one's text).
            self._checkpoints.setdefault(item_id, []).append(item.text)
        if item.text != text:
            item = _with_text(item, text)
            self.items[item_id] = item
            self.models[item.section].replace(item)
        if self.autosave.is_queued(item_id):
            self.autosave.update_queued(item_id, text)
        elif text != self._saved_text.get(item_id):
            if not self.autosave.pending() and not self._failing:
                self.hub.save_started.emit()  # the status bar says "Saving" until it is stored
            self.autosave.schedule(item_id, text)
        else:
            self.autosave.discard(item_id)
        self.item_live.emit(item_id, text)
        self.changed.emit()

    def flush(self) -> bool:
        return self.autosave.flush()

    def _save_text(self, item_id: str, text: str) -> bool:
        if item_id in self.conflicts:
            return False  # held (words kept, retried) until the chair chooses mine or theirs
        if item_id not in self._saved_text:
            self._checkpoints.pop(item_id, None)
            return True  # the item is gone (deleted or undone): nothing to keep
        # Each new word typed since the last save is an undo step of its own; one commit stores the end
        # result, then the steps are pushed in order (the stack never holds what the store has not).
        old = self._saved_text[item_id]
        steps = [c for c in self._checkpoints.get(item_id, []) if text.startswith(c) and c != old] + [text]
        if steps == [old]:
            self._checkpoints.pop(item_id, None)
            return True
        outage = self.services.outage
        if outage is not None and (outage.server_away or outage.waiting()):
            return self._keep_text(item_id, text)  # behind what is kept already, in order
        commands = []
        for new in steps:
            commands.append(
                EditTextCommand(self.services.mapping, item_id, old, new, self._notify, self.reads)
            )
            old = new
        self._last_problem = None
        if not self.execute(commands[-1], done_before=commands[:-1]):
            if outage is not None and self._last_problem is not None and is_server_away(self._last_problem):
                return self._keep_text(item_id, text)
            return False  # the checkpoints stay, tried again with the text
        self._checkpoints.pop(item_id, None)
        return True

    def _keep_text(self, item_id: str, text: str) -> bool:
        """The team server is away (issue 16 item 4): the words go into this computer's encrypted outage
        journal, to be applied in order when it is back. Kept means on disk; during the outage these
        steps are not on the undo stack (the server does not have them yet)."""
        outage = self.services.outage
        assert outage is not None
        # Based on what the words were typed over: someone else's words stored meanwhile are kept too.
        read = None if item_id in self.kept else self.reads.get(item_id)
        based_on = read_arguments(read, self._saved_text.get(item_id, ""))
        result = outage.submit(MAP_EDIT_TEXT, item_id=item_id, text=text, read=based_on)
        self._saved_text[item_id] = text
        self._checkpoints.pop(item_id, None)
        self._told(result)
        return True

    def _keeping(self) -> bool:
        """Whether edits go to the outage journal now: the team server is known to be away, or edits made
        earlier still wait there (a new one must not overtake them)."""
        outage = self.services.outage
        return outage is not None and outage.keeping()

    def _server_went(self) -> bool:
        """Whether the last store failed because the team server could not be reached (journal it)."""
        problem = self._last_problem
        return self.services.outage is not None and problem is not None and is_server_away(problem)

    def _keep(self, operation: str, **arguments: object) -> Replayed | None:
        """Keep one structural edit in the journal (issue 16 item 4). None when it was refused at once
        (the server was there after all, and said no: said inline, nothing changed on the board)."""
        outage = self.services.outage
        assert outage is not None
        result = outage.submit(operation, **arguments)
        self._told(result)  # every refusal said inline (this one's too), the status bar as things stand
        return None if outage.refused(result) is not None else result

    def _told(self, result: Replayed) -> None:
        """Say in the status bar how what the journal keeps stands; everything stored (the server took it
        at once): the map is read again, so kept items become the stored ones."""
        for _entry, reason in result.refused:
            self.problem.emit(reason)
        if result.left:
            self._failing = True
            self.hub.save_failed.emit(OUTAGE_MESSAGE)
            return
        self._failing = False
        self.hub.save_finished.emit()
        if self.kept or result.held:
            self._reload_for_remote()

    def _keep_new(
        self,
        section: Section,
        text: str,
        index: int | None,
        held: Audience | None,
        item_id: str | None = None,
    ) -> str | None:
        """A new item while the team server is away: journalled with an id made here (its later words,
        moves and deletion name it), its section, place and audience: held back when new items start so,
        and kept from whoever was out of the room when last known (as the server would have done). Shown
        on the board (off the projector when held back) until the server has it."""
        assert self.conference is not None
        item_id = item_id or str(uuid.uuid4())
        chosen = kept_from(held or EVERYONE, self._out_ids)
        result = self._keep(
            MAP_ADD_ITEM,
            conference_id=self.conference.id,
            section=section.value,
            text=text,
            item_id=item_id,
            index=index,
            audience=audience_arguments(chosen),
        )
        if result is None:
            return None
        rows = self.section_items(section)
        order = len(rows) if index is None else max(0, min(index, len(rows)))
        item = MapItem(item_id, self.conference.id, section, text, order, audience=chosen)
        if result.left:
            self.kept = self.kept | {item_id}
        self._apply_rows(Change("added", item_id, text, item=item))
        if not result.left:  # the server took it at once after all: read it as stored
            self._reload_for_remote()
        return item_id

    def _on_server(self, reachable: bool) -> None:
        """The team server is back and what was kept is stored: the board reads the items as stored (their
        versions, so the next words are based on them)."""
        if reachable and self._noticed:
            self._noticed = False
            self.notice.emit("")  # what was not done can be done now: the line says no more
        if reachable and self.conference is not None:
            outage = self.services.outage
            if outage is not None and not outage.waiting():
                self._reload_for_remote()

    # --- structural edits --------------------------------------------------------------------------

    def execute(self, command: MapCommand, done_before: Sequence[MapCommand] | None = None) -> bool:
        """Perform a command (storing it at once) and put it on the undo stack. False if not stored.
        `done_before`: steps that `command` stored the result of too, pushed before it."""
        for step in (*(done_before or ()), command):
            step.hub = self.hub  # what the service wrote is relayed to every view, undo and redo too
        if self._keeping():  # an edit the outage journal does not keep: not done (nothing overtakes it)
            self._noticed = True
            self.notice.emit(OUTAGE_NOT_DONE)
            return False
        self.hub.save_started.emit()
        try:
            command.execute_now()
        except ValidationError as exc:
            self.hub.save_finished.emit()
            self.problem.emit("; ".join(p.message for p in exc.problems))
            return False
        except NotFound as exc:
            self.hub.save_finished.emit()
            self.problem.emit(str(exc))
            self._safe_reload()
            return False
        except EnvironmentProblem as exc:
            self._failed(exc)
            return False
        except EditConflict as exc:  # someone else typed in the same item: both shown, above the map
            item_id = getattr(command, "item_id", None)
            if isinstance(command, ScaleCommand):  # someone else scored the same person: the same
                item_id = scale_key(command.danger_id, command.participant)
                self._held_scales[item_id] = command
            if item_id is None:
                self.hub.save_finished.emit()
                self.problem.emit(str(exc))
                return False
            self.conflicts[item_id] = exc
            self.hub.save_failed.emit(f"Not saved yet: {exc.label} was changed by someone else too.")
            self.conflict.emit(item_id)
            return False
        except DomainError as exc:  # the record is final, or this user may not edit the map
            self.hub.save_finished.emit()
            self.problem.emit(str(exc))
            return False
        for earlier in done_before or ():
            earlier.already_done()
            self.stack.push(earlier)
        self.stack.push(command)
        if self._failing:
            self._failing = False
        self.hub.save_finished.emit()
        return True

    def add_item(self, section: Section, text: str, index: int | None = None) -> str | None:
        if self.conference is None:
            return None
        self.flush()
        if self.autosave.queued():
            return None  # items finished earlier are not stored yet: this one must not overtake them
        held = audience(AudienceKind.PROFESSIONALS) if self.hold_new else None
        if self._keeping():
            return self._keep_new(section, text, index, held)
        command = AddItemCommand(
            self.services.mapping,
            self.conference.id,
            section,
            text,
            index=index,
            notify=self._notify,
            audience=held,
        )
        command.item_id = str(uuid.uuid4())  # made here: kept under the same id if the server is away
        self._last_problem = None
        if self.execute(command):
            return command.item_id
        if self._server_went():  # under the same id: if the server took it after all, it is not added twice
            return self._keep_new(section, text, index, held, command.item_id)
        return None

    def queue_new_item(self, section: Section, text: str) -> bool:
        """Enter on a new item the records could not take: keep it, separate and in order, shown on the
        board, stored when they can be written again. Only while storing is failing (else False)."""
        if self.conference is None or not self._failing or not text.strip():
            return False
        self.autosave.queue_add(section, text)
        self._safe_reload()
        return True

    def _store_queued(self, section: Section, text: str) -> bool:
        if self.conference is None:
            return True  # nothing to store into any more
        held = audience(AudienceKind.PROFESSIONALS) if self.hold_new else None
        if self._keeping():  # the team server went away since: into the journal, in order
            if self._keep_new(section, text, None, held) is None:
                return False
            for key in [k for k in self.items if k.startswith(QUEUED_PREFIX)]:
                if not self.autosave.is_queued(key):  # its queued row gives way to the kept item
                    self._apply_rows(Change("removed", key))
            return True
        stored = self.execute(
            AddItemCommand(
                self.services.mapping, self.conference.id, section, text, notify=self._notify, audience=held
            )
        )
        if stored:  # the queued row shown on the board gives way to the stored one (read it all again)
            self._safe_reload()
        return stored

    def delete(self, item_id: str) -> bool:
        self.flush()
        if item_id not in self.items:
            return False
        if not self._keeping():
            self._last_problem = None
            if self.execute(DeleteItemCommand(self.services.mapping, item_id, self._notify)):
                return True
            if not self._server_went():
                return False
        # The team server is away: the deletion is kept in the journal, in order (issue 16 item 4).
        if self._keep(MAP_DELETE_ITEM, item_id=item_id) is None:
            return False
        self.kept = self.kept - {item_id}
        self._apply_rows(Change("removed", item_id))
        return True

    def move(self, item_id: str, section: Section, index: int) -> bool:
        self.flush()
        item = self.items.get(item_id)
        if item is None or (item.section == section and item.order == index):
            return False
        if not self._keeping():
            self._last_problem = None
            command = MoveItemCommand(self.services.mapping, item_id, section, index, self._notify)
            if self.execute(command):
                return True
            if not self._server_went():
                return False
        # The team server is away: the move is kept in the journal, in order (issue 16 item 4).
        if self._keep(MAP_MOVE_ITEM, item_id=item_id, section=section.value, index=index) is None:
            return False
        place = min(index, len(self.section_items(section)) - (1 if item.section == section else 0))
        moved = replace(item, section=section, order=max(0, place))
        self._apply_rows(Change("moved", item_id, item=moved, section=item.section))
        return True

    def move_by(self, item_id: str, delta: int) -> bool:
        item = self.items.get(item_id)
        if item is None:
            return False
        count = len(self.section_items(item.section))
        index = item.order + delta
        if not 0 <= index < count:
            return False
        return self.move(item_id, item.section, index)

    def move_across(self, item_id: str, step: int) -> bool:
        """Move to the previous or next section (board order), at the end."""
        item = self.items.get(item_id)
        if item is None:
            return False
        target = next_section(item.section, step)
        return self.move(item_id, target, len(self.section_items(target)))

    def _drop(self, item_id: str, section: Section, row: int) -> None:
        item = self.items.get(item_id)
        if item is None:
            return
        if item.section == section and row > item.order:
            row -= 1  # the row counted the dragged item itself
        # After the drag has finished: the source view is still inside its drag loop now.
        QTimer.singleShot(0, lambda: self.move(item_id, section, row))

    def pair(self, danger_id: str, goal_id: str | None) -> bool:
        self.flush()
        return self.execute(PairCommand(self.services.mapping, danger_id, goal_id, self._notify))

    def scale(self, danger_id: str | None, participant: str, score: int, reason: str = "") -> bool:
        """Store a participant's score, based on the one shown for them (issue 16): a different score
        stored meanwhile on another desktop is held in `conflicts` for the chair's choice."""
        if self.conference is None:
            return False
        self.flush()
        key = participant_key(participant)
        scales = self.board.scales_for(danger_id) if self.board is not None else []
        shown = next((s for s in scales if participant_key(s.participant) == key), None)
        read = ReadAs(shown.version, {"score": shown.score, "reason": shown.reason}) if shown else ReadAs(0)
        command = ScaleCommand(
            self.services.mapping,
            self.conference.id,
            danger_id,
            participant,
            score,
            reason,
            self._notify,
            read,
        )
        return self.execute(command)

    def set_details(self, item_id: str, source: str, child_id: str | None) -> bool:
        self.flush()
        item = self.items.get(item_id)
        if item is None or (item.source, item.child_id) == (source.strip(), child_id):
            return False
        return self.execute(DetailsCommand(self.services.mapping, item, source, child_id, self._notify))

    def set_audience(self, item_id: str, audience: Audience) -> bool:
        """Who may read the item (issue 18); one undo step. False when unchanged or not stored."""
        self.flush()
        item = self.items.get(item_id)
        if item is None or item.audience == audience:
            return False
        if not self._keeping():
            self._last_problem = None
            if self.execute(AudienceCommand(self.services.mapping, item_id, audience, self._notify)):
                return True
            if not self._server_went():
                return False
        # The team server is away: kept in the journal, and off the projector now (issue 16 item 4).
        if self._keep(MAP_SET_AUDIENCE, item_id=item_id, audience=audience_arguments(audience)) is None:
            return False
        item = replace(item, audience=audience)
        self.items[item_id] = item
        self.models[item.section].replace(item)
        self.reloaded.emit()  # what the projector may show changed: lay it out again
        self.changed.emit()
        return True

    def carry_forward(self) -> bool:
        if self.conference is None:
            return False
        self.flush()
        return self.execute(CarryForwardCommand(self.services.mapping, self.conference.id, self._notify))

    # --- undo --------------------------------------------------------------------------------------

    def resolve(self, item_id: str, keep_mine: bool) -> bool:
        """The chair chose for an item in conflict: keep mine (stored now, on top of theirs) or take
        theirs (shown; the words typed there are dropped). True when stored or taken."""
        conflict = self.conflicts.pop(item_id, None)
        if conflict is None:
            return False
        held = self._held_scales.pop(item_id, None)
        if held is not None:  # a score: keep mine stores it on top of theirs; theirs is shown
            if not keep_mine:
                self.hub.save_finished.emit()
                self._safe_reload()
                return True
            base = held.read.values if held.read is not None else {}
            held.read = ReadAs(conflict.version, {**base, **conflict.theirs()})
            return self.execute(held)
        theirs = str(conflict.theirs().get("text", ""))
        self.reads[item_id] = ReadAs(conflict.version, {"text": theirs})
        self._saved_text[item_id] = theirs  # undoing what is stored next gives back their words
        if keep_mine:
            stored = self.flush()
            if self.autosave.pending_text(item_id) is None and item_id not in self.conflicts:
                self._release_held(item_id)  # mine is stored (or was theirs already)
            return stored
        self._release_held(item_id)
        self.autosave.discard(item_id)
        self._checkpoints.pop(item_id, None)
        item = self.items.get(item_id)
        if item is not None:
            item = _with_text(item, theirs)
            self.items[item_id] = item
            self.models[item.section].replace(item)
            self.item_live.emit(item_id, theirs)
        self.hub.save_finished.emit()
        self.changed.emit()
        return True

    def holds_words(self, item_id: str) -> bool:
        """Whether the item's conflict is words the outage journal held (typed while the server was away)."""
        return item_id in self._held_words

    def _release_held(self, item_id: str) -> None:
        """Words kept from an outage in conflict: chosen now (stored, or theirs taken), off this computer."""
        key = self._held_words.pop(item_id, None)
        if key is not None and self.services.outage is not None:
            self.services.outage.release(key)

    def undo(self) -> None:
        self.flush()
        if self.stack.canUndo():
            self._step(undo_on)

    def redo(self) -> None:
        self.flush()
        if self.stack.canRedo():
            self._step(redo_on)

    def _step(self, move: Callable[[QUndoStack], Failure | None]) -> None:
        """Undo or redo; a step the records could not take stays where it was on the stack (told by the
        command's notify: the status bar or the problem line says why)."""
        self.hub.save_started.emit()
        if move(self.stack) is None:
            self.hub.save_finished.emit()

    # --- notifications from commands ---------------------------------------------------------------

    def _notify(self, change: Change) -> None:
        if change.kind == "text" and change.item_id is not None:
            self._saved_text[change.item_id] = change.text
            item = self.items.get(change.item_id)
            pending = self.autosave.pending_text(change.item_id)
            if pending is not None and pending != change.text:
                return  # newer typing is on its way
            if item is not None and change.item is not None and change.item.audience != item.audience:
                self._safe_reload()  # written with someone out of the room: now kept from them (issue 18)
                return
            if item is not None and item.text != change.text:
                item = _with_text(item, change.text)
                self.items[item.id] = item
                self.models[item.section].replace(item)
                self.item_live.emit(item.id, change.text)
                self.changed.emit()
        elif change.kind in ("added", "removed", "moved") and change.item_id is not None:
            self._apply_rows(change)
        elif change.kind in ("structure", "audience"):
            self._safe_reload()  # an audience changes what the projector may show: lay it out again
        elif change.kind == "failed" and change.error is not None:
            if isinstance(change.error, EnvironmentProblem):
                self._failed(change.error)
            else:
                self.problem.emit(str(change.error))
            self._safe_reload()

    def _apply_rows(self, change: Change) -> None:
        """One item added, removed or moved: update the section models in place (no reading of the whole
        map, no model reset), then tell the views which sections changed."""
        item_id = change.item_id
        assert item_id is not None
        before = self.items.get(item_id)
        touched: list[Section] = []
        if change.kind == "removed":
            if before is None:
                return
            self.models[before.section].remove_item(item_id)
            del self.items[item_id]
            self._saved_text.pop(item_id, None)
            self.autosave.discard(item_id)
            touched.append(before.section)
        else:
            item = change.item
            if item is None or (change.kind == "added") == (before is not None):
                self._safe_reload()  # not what the board holds: read it all again
                return
            self._saved_text[item_id] = item.text
            pending = self.autosave.pending_text(item_id)
            if pending is not None:
                item = _with_text(item, pending)
            if change.kind == "moved" and before is not None and before.section == item.section:
                self.models[item.section].move_item(item_id, item.order)
            else:
                if before is not None:
                    self.models[before.section].remove_item(item_id)
                    touched.append(before.section)
                self.models[item.section].insert_item(item)
            touched.insert(0, item.section)
        for section in set(touched):
            for row_item in self.models[section].items():
                self.items[row_item.id] = row_item  # orders as renumbered
        if self.board is not None:
            self.board = replace(self.board, items=tuple(self.items.values()))
        if change.kind == "removed" or len(set(touched)) > 1:
            # Rows left a section: the views lay everything out again (the projector may grow its type).
            self.reloaded.emit()
        else:
            self.rows_changed.emit()
            self.item_live.emit(item_id, self.items[item_id].text)  # the views redraw this section only
        self.changed.emit()

    def _on_remote(self, changes: Changes) -> None:
        if self.conference is not None and Topic.MAP in changes.topics:
            self._reload_for_remote()

    def _reload_for_remote(self) -> None:
        """Read the map again for another desktop's change; while words typed here wait to be stored,
        a moment later (the editor is not laid out again under the typing)."""
        if self.conference is None:
            return
        if self.autosave.pending() or self.autosave.queued():
            self._remote.start()
            return
        self._safe_reload()

    def _failed(self, exc: EnvironmentProblem) -> None:
        self._failing = True
        self._last_problem = exc
        log.warning("Map change not stored: %s", type(exc).__name__)
        self.hub.save_failed.emit(status_text(exc))

    def _safe_reload(self) -> None:
        try:
            self.reload()
        except EnvironmentProblem as exc:
            self._failed(exc)
        except DomainError as exc:
            self.problem.emit(str(exc))


def _with_text(item: MapItem, text: str) -> MapItem:
    return replace(item, text=text)
