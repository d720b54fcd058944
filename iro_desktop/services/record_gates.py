"""What the guard asks of a conference's record on every edit (is it final? approved?), kept between edits.

One `RecordGates` per service context (it lives on the context's change journal, so copies of a context
share it). An entry is read from the store the first time it is asked for, and every entry in the process
is forgotten as soon as a committed unit of work of any context wrote a record row (the typed changes of
store/change_capture: topic RECORDS covers the record, its sections, recipients and locked versions). So a
record made final anywhere in this process refuses the very next edit; nothing expires by time. Other
processes cannot write these records meanwhile (store/opening's instance lock keeps a second one off).

A read that races a commit on another thread is not kept (the generation it started under is gone).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from iro_desktop.domain.changes import Changes, Topic

# What a record's state depends on: a write to any of these tables comes as one of these topics.
INVALIDATING = frozenset({Topic.RECORDS})


@dataclass(frozen=True)
class RecordGate:
    """A conference's record as the guard sees it (no record yet: neither)."""

    final: bool  # locked: changes only as an amendment
    approved: bool  # the chair approved it (a clerk may no longer change what it holds)


class RecordGates:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gates: dict[str, RecordGate] = {}
        self._generation = 0
        _ALL.add(self)

    def get(self, conference_id: str, read: Callable[[], RecordGate]) -> RecordGate:
        """The conference's gate, read with `read` (from the store) when not known."""
        with self._lock:
            gate = self._gates.get(conference_id)
            generation = self._generation
        if gate is not None:
            return gate
        gate = read()
        with self._lock:
            if generation == self._generation:  # no record was written while it was read
                self._gates[conference_id] = gate
        return gate

    def forget(self) -> None:
        with self._lock:
            self._gates.clear()
            self._generation += 1

    def __len__(self) -> int:
        return len(self._gates)


_ALL: weakref.WeakSet[RecordGates] = weakref.WeakSet()


def committed(changes: Changes) -> None:
    """A unit of work committed `changes` (any context, any thread): forget every gate if a record was
    written. Called by the context's journal for each commit."""
    if INVALIDATING.isdisjoint(changes.topics):
        return
    for gates in list(_ALL):
        gates.forget()
