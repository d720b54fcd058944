"""The one undo command base on a bare QUndoStack (no widget): store first, push only what was stored,
never an exception into Qt, the index put back when a step cannot be stored, changes relayed."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from iro_desktop.domain.changes import Change, Changes, Topic
from iro_desktop.domain.errors import DomainError
from iro_desktop.store.errors import store_locked
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import CommandRunner, UndoCommand, redo_on, undo_on


class Store:
    """A stand-in for the records: a list of values, and a switch that makes every write fail."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.failure: Exception | None = None
        self.writes = 0
        self.pending = Changes()

    def write(self, change) -> None:  # type: ignore[no-untyped-def]
        if self.failure is not None:
            raise self.failure
        self.writes += 1
        change()
        self.pending = Changes.of([Change(Topic.PLAN, str(len(self.values)))])

    def take(self) -> Changes:
        taken, self.pending = self.pending, Changes()
        return taken


class Append(UndoCommand):
    def __init__(self, store: Store, value: str, hub: ChangeHub | None = None) -> None:
        super().__init__(f"add {value}", hub, store.take)
        self.store = store
        self.value = value
        self.failures: list[Exception] = []

    def forward(self) -> None:
        self.store.write(lambda: self.store.values.append(self.value))

    def backward(self) -> None:
        self.store.write(lambda: self.store.values.remove(self.value))

    def failed(self, error) -> None:  # type: ignore[no-untyped-def]
        self.failures.append(error)
        super().failed(error)


@pytest.fixture
def hub(qapp):
    return ChangeHub()


def _record(hub: ChangeHub) -> dict[str, list]:
    seen: dict[str, list] = {"changed": [], "failed": [], "refused": []}
    hub.changed.connect(seen["changed"].append)
    hub.save_failed.connect(seen["failed"].append)
    hub.save_refused.connect(seen["refused"].append)
    return seen


def test_a_bare_push_performs_once_and_undoes(hub):
    store, stack = Store(), QUndoStack()
    stack.push(Append(store, "a", hub))
    assert store.values == ["a"]
    assert stack.count() == 1
    stack.undo()
    assert store.values == []
    stack.redo()
    assert store.values == ["a"]
    assert store.writes == 3


def test_stored_first_then_pushed_is_not_performed_again(hub):
    store, stack = Store(), QUndoStack()
    command = Append(store, "a", hub)
    command.execute_now()
    stack.push(command)
    assert store.values == ["a"]
    assert store.writes == 1
    assert command.done


def test_a_failing_bare_push_leaves_no_step_and_raises_nothing(hub):
    store, stack = Store(), QUndoStack()
    seen = _record(hub)
    store.failure = store_locked()
    command = Append(store, "a", hub)
    stack.push(command)  # no exception out of Qt
    assert stack.count() == 0  # no phantom step
    assert store.values == []
    assert isinstance(command.error, type(store.failure))
    assert seen["failed"]
    assert "busy" in seen["failed"][0]


def test_execute_now_raises_and_nothing_is_pushed(hub):
    store = Store()
    store.failure = store_locked()
    command = Append(store, "a", hub)
    with pytest.raises(type(store.failure)):
        command.execute_now()
    assert not command.done


def test_an_undo_the_store_cannot_take_stays_done(hub):
    store, stack = Store(), QUndoStack()
    stack.push(Append(store, "a", hub))
    store.failure = store_locked()
    error = undo_on(stack)
    assert error is store.failure
    assert stack.index() == 1  # the stack still says done, as the store does
    assert store.values == ["a"]
    assert store.writes == 1  # putting the index back did not write again
    store.failure = None
    assert undo_on(stack) is None
    assert stack.index() == 0
    assert store.values == []


def test_a_redo_the_store_cannot_take_stays_undone(hub):
    store, stack = Store(), QUndoStack()
    stack.push(Append(store, "a", hub))
    stack.undo()
    store.failure = store_locked()
    assert redo_on(stack) is store.failure
    assert stack.index() == 0
    assert store.values == []
    store.failure = None
    assert redo_on(stack) is None
    assert store.values == ["a"]


def test_each_step_relays_what_was_written(hub):
    store, stack = Store(), QUndoStack()
    seen = _record(hub)
    store.pending = Changes.of([Change(Topic.DECISIONS)])  # written before: not this command's
    stack.push(Append(store, "a", hub))
    assert seen["changed"] == [frozenset({"plan"})]
    stack.undo()
    assert seen["changed"][-1] == frozenset({"plan"})


def test_the_runner_keeps_what_the_store_cannot_take_and_retries_in_order(hub):
    store, stack = Store(), QUndoStack()
    runner = CommandRunner(stack, hub)
    seen = _record(hub)
    stored: list[str] = []
    store.failure = store_locked()
    first, second = Append(store, "a", hub), Append(store, "b", hub)
    assert not runner.run(first, on_stored=lambda c: stored.append(c.value))
    assert not runner.run(second, on_stored=lambda c: stored.append(c.value))  # waits behind the first
    assert stack.count() == 0
    assert runner.waiting() == [first, second]
    assert seen["failed"]
    assert not runner.retry()  # still locked
    store.failure = None
    assert runner.retry()
    assert store.values == ["a", "b"]
    assert stored == ["a", "b"]
    assert stack.count() == 2
    assert runner.waiting() == []


def test_the_runner_gives_a_refusal_back_and_keeps_nothing(hub):
    store, stack = Store(), QUndoStack()
    runner = CommandRunner(stack, hub)
    refusals: list[DomainError] = []
    store.failure = DomainError("The record is final")
    assert not runner.run(Append(store, "a", hub), on_refused=refusals.append)
    assert [str(r) for r in refusals] == ["The record is final"]
    assert stack.count() == 0
    assert runner.waiting() == []


def test_the_runner_retries_on_its_timer(qtbot, hub):
    store, stack = Store(), QUndoStack()
    runner = CommandRunner(stack, hub, retry_ms=20)
    store.failure = store_locked()
    runner.run(Append(store, "a", hub))
    store.failure = None
    qtbot.waitUntil(lambda: stack.count() == 1, timeout=2000)
    assert store.values == ["a"]


def test_a_multi_part_edit_is_one_undo_step(hub):
    store, stack = Store(), QUndoStack()
    runner = CommandRunner(stack, hub)
    assert runner.run_macro("three", [Append(store, v, hub) for v in "abc"])
    assert stack.count() == 1
    assert store.values == ["a", "b", "c"]
    assert runner.undo() is None
    assert store.values == []
    assert runner.redo() is None
    assert store.values == ["a", "b", "c"]
    assert store.writes == 9


def test_a_multi_part_edit_keeps_the_parts_not_stored(hub):
    store, stack = Store(), QUndoStack()
    runner = CommandRunner(stack, hub)
    parts = [Append(store, v, hub) for v in "ab"]
    parts[0].execute_now()  # pretend the first part went in before the records became busy
    store.values.clear()
    store.failure = store_locked()
    assert not runner.run_macro("two", [Append(store, "x", hub), *parts[1:]])
    assert stack.count() == 0  # nothing stored: no empty step either
    assert len(runner.waiting()) == 2
    store.failure = None
    assert runner.retry()
    assert store.values == ["x", "b"]
