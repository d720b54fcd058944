"""One base for every edit in the UI (issue 14): an undo command stores first and goes on the stack only
once the store holds it.

- `UndoCommand.execute_now()` performs the edit (raising on failure, so nothing half-done reaches the
  stack); the first `redo()` after the push is then skipped. Pushed on a bare stack without it (as the
  tests do), the first `redo()` performs it, and a failure there makes the command obsolete so the
  stack drops it: never a step for an edit that did not happen.
- `redo()` and `undo()` never let an exception out into Qt: an environmental problem (store locked,
  busy, unreachable, disk full) or a domain refusal (record final, permission refused, invalid) is
  kept in `error` and told to `failed()`. `undo_on(stack)` / `redo_on(stack)` put the stack's index
  back when a step could not be stored, so the stack always says what the store holds.
- After each step, what the services wrote (the service context's typed changes) is relayed through
  the change hub: views never guess topics.
- `CommandRunner` is what the screens use: `run()` stores and pushes; an environmental failure goes to
  the status bar (`save_failed`) and the command, with the words typed into it, is kept and retried in
  order until it is stored; a domain refusal goes back to the caller to show in place. Multi-part edits
  use `run_macro()` (one undo step, `QUndoStack.beginMacro`).
- On the team store someone else may have changed the same words first (`EditConflict`, issue 16): the
  command is held at the head of the queue, with everything typed after it, and the caller shows both
  versions; `resolve()` then keeps mine (the command is re-based on theirs and stored) or takes theirs
  (the command, and those waiting behind it for the same place, are dropped). Nothing is retried by the
  timer while held: the words stay on screen and in the queue until the person chooses.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from iro_desktop.domain.changes import Changes
from iro_desktop.domain.concurrency import EditConflict
from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.ui.events import ChangeHub

log = logging.getLogger(__name__)

RETRY_MS = 2000  # an edit the records could not take is tried again this often
MERGE_PAUSE_S = 1.0  # typing after a pause this long is a new undo step

ChangeSource = Callable[[], Changes]  # what the services wrote since it was last asked (ctx.take_changes)
Failure = EnvironmentProblem | DomainError


def starts_new_word(before: str, after: str) -> bool:
    """True when `after` is `before` with a new word begun at its end (a non-space typed after a space):
    where one undo step of typing ends and the next begins."""
    if len(after) <= len(before) or not before or not after.startswith(before):
        return False
    return before[-1].isspace() and not after[len(before)].isspace()


def status_text(problem: EnvironmentProblem) -> str:
    """What the status bar says when the records could not take an edit."""
    return f"{problem.title}. {problem.message}"


class UndoCommand(QUndoCommand):
    """Subclasses say how to do (`forward`) and take back (`backward`) the edit, each by service calls."""

    clock: Callable[[], float] = staticmethod(time.monotonic)  # tests replace it to fake a pause

    def __init__(self, text: str, hub: ChangeHub | None = None, changes: ChangeSource | None = None) -> None:
        super().__init__(text)
        self.hub = hub
        self.changes = changes
        self.error: Failure | None = None
        self.done = False  # whether the store holds the edit now
        self._ever_done = False
        self._skip_redo = False
        self._skip_undo = False
        self.stamp = self.clock()  # when it was made (or last merged into): for the typing pause

    # --- what a subclass says --------------------------------------------------------------------

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError

    def place(self) -> object:
        """Where the edit is (e.g. one section of one record): commands at the same place are dropped
        together when the person takes someone else's version. None: nowhere shared."""
        return None

    def keep_mine(self, conflict: EditConflict) -> None:
        """The person keeps this edit over `conflict`'s: base it on what they stored (then retried)."""
        raise NotImplementedError(f"{type(self).__name__} cannot be re-based")

    def take_theirs(self, conflict: EditConflict) -> None:
        """The person takes `conflict`'s version: show it (this edit is dropped, never stored)."""
        raise NotImplementedError(f"{type(self).__name__} cannot take theirs")

    def failed(self, error: Failure) -> None:
        """A redo or undo could not be stored (the stack's caller puts its index back). By default the
        status bar says why."""
        report(self.hub, error)

    # --- storing first -----------------------------------------------------------------------------

    def execute_now(self) -> None:
        """Store the edit now, raising EnvironmentProblem or DomainError when it could not be (nothing
        is then stored); pushing it afterwards does not perform it again."""
        self.error = None
        self._perform(self.forward)
        self.done = self._ever_done = True
        self._skip_redo = True

    def already_done(self) -> None:
        """A later command in the same save stored the end result (one commit for several steps of
        typing): pushing this one must not perform it again."""
        self.done = self._ever_done = True
        self._skip_redo = True

    # --- Qt's calls ------------------------------------------------------------------------------

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            self.error = None
            return
        if self._guarded(self.forward):
            self.done = self._ever_done = True
        elif not self._ever_done:
            self.setObsolete(True)  # pushed without being stored: the stack drops it

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            self.error = None
            return
        if self._guarded(self.backward):
            self.done = False

    def _perform(self, step: Callable[[], None]) -> None:
        if self.changes is not None:
            self.changes()  # forget what calls before this one wrote
        step()
        if self.changes is not None:
            changes = self.changes()
            if self.hub is not None:
                self.hub.relay(changes)

    def _guarded(self, step: Callable[[], None]) -> bool:
        # Exceptions must not escape into Qt's C++ undo stack: keep the error and say so.
        self.error = None
        try:
            self._perform(step)
        except (EnvironmentProblem, DomainError) as exc:
            self.error = exc
            log.warning("%s not stored: %s", type(self).__name__, type(exc).__name__)
            self.failed(exc)
            return False
        return True


def report(hub: ChangeHub | None, error: Failure) -> None:
    """Environmental problems to the status bar; refusals as refused (the screen shows them in place)."""
    if hub is None:
        return
    if isinstance(error, EnvironmentProblem):
        hub.save_failed.emit(status_text(error))
    else:
        hub.save_refused.emit(str(error))


def _commands(command: QUndoCommand) -> list[UndoCommand]:
    """The command and, for a macro, its parts."""
    found = [command] if isinstance(command, UndoCommand) else []
    for n in range(command.childCount()):
        child = command.child(n)
        if child is not None:
            found += _commands(child)
    return found


def undo_on(stack: QUndoStack) -> Failure | None:
    """Undo one step; when the store could not take it back, the step stays done (the index is put
    back without calling the services again). Returns the problem, or None."""
    if not stack.canUndo():
        return None
    command = stack.command(stack.index() - 1)
    stack.undo()
    parts = _commands(command) if command is not None else []
    errors = [p.error for p in parts if p.error is not None]
    if not errors:
        return None
    for part in parts:
        part._skip_redo = part.error is not None  # still done: the repair must not do it twice
    stack.redo()
    return errors[0]


def redo_on(stack: QUndoStack) -> Failure | None:
    """Redo one step; when the store could not take it, the step stays undone."""
    if not stack.canRedo():
        return None
    command = stack.command(stack.index())
    stack.redo()
    parts = _commands(command) if command is not None else []
    errors = [p.error for p in parts if p.error is not None]
    if not errors:
        return None
    for part in parts:
        part._skip_undo = part.error is not None
    stack.undo()
    return errors[0]


Stored = Callable[[UndoCommand], None]
Refused = Callable[[DomainError], None]


@dataclass
class _Waiting:
    command: UndoCommand
    on_stored: Stored | None
    on_refused: Refused | None
    held: bool = False  # someone else changed the same words first: waits for the person's choice


class CommandRunner(QObject):
    """Stores each command first and pushes what was stored onto `stack`. What the records could not take
    (locked, busy, full) waits, in order, and is tried again every RETRY_MS until stored."""

    def __init__(
        self, stack: QUndoStack, hub: ChangeHub, parent: QObject | None = None, retry_ms: int = RETRY_MS
    ) -> None:
        super().__init__(parent)
        self.stack = stack
        self.hub = hub
        self._waiting: list[_Waiting] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(retry_ms)
        self._timer.timeout.connect(self.retry)

    def waiting(self) -> list[UndoCommand]:
        """Edits kept on screen, not yet stored."""
        return [w.command for w in self._waiting]

    def run(
        self, command: UndoCommand, on_stored: Stored | None = None, on_refused: Refused | None = None
    ) -> bool:
        """Store `command` and push it. True when stored now; False when refused (told to `on_refused`,
        else to the status bar) or kept to retry (told to `on_stored` once stored)."""
        waiting = _Waiting(command, on_stored, on_refused)
        if self._waiting:  # earlier edits are not stored yet: this one waits behind them (the timer retries)
            self._waiting.append(waiting)
            if not self._timer.isActive():
                self._timer.start()
            return False
        return self._attempt(waiting)

    def run_macro(self, text: str, commands: list[UndoCommand]) -> bool:
        """Several edits as one undo step: each is stored first and the stored ones are pushed together
        (`QUndoStack.beginMacro`); the first that cannot be stored, and those after it, wait to be
        retried as steps of their own. True when every part was stored."""
        stored: list[UndoCommand] = []
        rest: list[UndoCommand] = []
        refused = False
        for n, command in enumerate(commands):
            if self._waiting:  # earlier edits wait: these wait behind them, in order
                rest = commands[n:]
                break
            if not self._store(_Waiting(command, None, None)):
                # Kept to retry (environmental: those after it wait too), or refused (the rest dropped).
                rest = commands[n + 1 :] if command.error is not None else []
                refused = command.error is None
                break
            stored.append(command)
        self._waiting += [_Waiting(c, None, None) for c in rest]
        if stored:
            self.stack.beginMacro(text)
            for command in stored:
                self.stack.push(command)
            self.stack.endMacro()
        if not self._waiting:
            self.hub.save_finished.emit()
        return not rest and not refused and len(stored) == len(commands)

    def _store(self, waiting: _Waiting) -> bool:
        """Perform the command now; on failure say so (and keep it to retry when environmental)."""
        command = waiting.command
        self.hub.save_started.emit()
        try:
            command.execute_now()
        except EnvironmentProblem as problem:
            command.error = problem
            log.warning("Edit not stored, kept to retry: %s", type(problem).__name__)
            if waiting not in self._waiting:
                self._waiting.insert(0, waiting)
            self.hub.save_failed.emit(status_text(problem))
            self._timer.start()
            return False
        except EditConflict as conflict:
            command.error = conflict
            log.warning("Edit not stored, held for a choice: %s", type(conflict).__name__)
            waiting.held = True
            if waiting not in self._waiting:
                self._waiting.insert(0, waiting)
            self.hub.save_failed.emit(f"Not saved yet: {conflict.label} was changed by someone else too.")
            if waiting.on_refused is not None:
                waiting.on_refused(conflict)
            return False
        except DomainError as refusal:
            command.error = None  # refused for good: nothing to retry
            if waiting in self._waiting:
                self._waiting.remove(waiting)
            self.hub.save_finished.emit()  # nothing is waiting to be saved: the refusal is said in place
            if waiting.on_refused is not None:
                waiting.on_refused(refusal)
            else:
                self.hub.save_refused.emit(str(refusal))
            return False
        if waiting in self._waiting:
            self._waiting.remove(waiting)
        return True

    def _attempt(self, waiting: _Waiting) -> bool:
        if not self._store(waiting):
            return False
        self.stack.push(waiting.command)
        if not self._waiting:
            self.hub.save_finished.emit()
        if waiting.on_stored is not None:
            waiting.on_stored(waiting.command)
        return True

    def retry(self) -> bool:
        """Try what is waiting, in order; True when nothing is left."""
        self._timer.stop()
        while self._waiting:
            first = self._waiting[0]
            if first.held:
                return False  # the person chooses first (resolve)
            if not self._attempt(first) and first in self._waiting:
                return False  # still failing: tried again later
        return True

    def held(self) -> list[UndoCommand]:
        """Edits waiting for the person to choose between theirs and someone else's version."""
        return [w.command for w in self._waiting if w.held]

    def resolve(self, command: UndoCommand, keep_mine: bool) -> bool:
        """The person chose for a held `command`: keep mine (re-based on theirs and stored, with what
        was typed after it) or take theirs (it and what waits behind it at the same place dropped).
        True when nothing is left waiting."""
        entry = next((w for w in self._waiting if w.command is command and w.held), None)
        if entry is None or not isinstance(command.error, EditConflict):
            return not self._waiting
        conflict = command.error
        if keep_mine:
            command.keep_mine(conflict)
            entry.held = False
        else:
            command.take_theirs(conflict)
            place = command.place()
            self._waiting = [
                w
                for w in self._waiting
                if w is not entry and (place is None or w.command.place() != place or w.held)
            ]
        command.error = None
        done = self.retry()
        if done:
            self.hub.save_finished.emit()
        return done

    def undo(self) -> Failure | None:
        """Undo the last stored step (after storing what waits; nothing while it still cannot be)."""
        if not self.retry():
            return None
        return self._step(undo_on)

    def redo(self) -> Failure | None:
        if not self.retry():
            return None
        return self._step(redo_on)

    def _step(self, move: Callable[[QUndoStack], Failure | None]) -> Failure | None:
        self.hub.save_started.emit()
        error = move(self.stack)
        if error is None:
            self.hub.save_finished.emit()
        return error  # else the command said why (its `failed`)


def runner_for(stack: QUndoStack, hub: ChangeHub) -> CommandRunner:
    """The one runner of `stack` (made on first use): every screen sharing a stack shares its retries."""
    runner = stack.findChild(CommandRunner)
    if not isinstance(runner, CommandRunner):
        runner = CommandRunner(stack, hub, parent=stack)
    return runner
