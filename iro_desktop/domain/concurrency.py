"""Two people editing the same row (issue 16 item 3): what an edit was based on, and the merge rule.

Every row people edit carries a version number, bumped by each update. An edit names the version it read
and the values it read for the fields it changes (`ReadAs`). When the row has moved on since:
- the other person changed other fields only (or made the same change): the edit is applied on top of
  theirs, silently (`rebase` returns no conflicts);
- the other person changed a field this edit changes too, to something else: nothing is stored and the
  person is shown both versions side by side (`EditConflict`), their own words kept on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from iro_desktop.domain.errors import DomainError

_UNREAD = object()  # a field whose value at reading time the edit does not know


@dataclass(frozen=True)
class ReadAs:
    """What an edit is based on: the row's version when it was read (0: the row did not exist yet) and the
    values read then for the fields the edit changes."""

    version: int
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldConflict:
    """One field both people changed to different values."""

    field: str
    base: Any  # as the edit read it
    mine: Any  # what this edit wants
    theirs: Any  # what the other person stored


class EditConflict(DomainError):
    """Someone else changed the same words since they were read: nothing was stored. `version` is the
    row's version now, to base a "keep mine" on; `label` says what was edited, for a person."""

    def __init__(self, label: str, conflicts: tuple[FieldConflict, ...], version: int) -> None:
        self.label = label
        self.conflicts = conflicts
        self.version = version
        fields = ", ".join(c.field for c in conflicts)
        super().__init__(
            f"Someone else changed {label} ({fields}) while you were editing it: nothing was overwritten. "
            "Choose whether to keep yours or theirs."
        )

    def theirs(self) -> dict[str, Any]:
        return {c.field: c.theirs for c in self.conflicts}


def rebase(
    read: ReadAs | None, mine: Mapping[str, Any], current: Mapping[str, Any], version: int
) -> tuple[FieldConflict, ...]:
    """The conflicts of applying `mine` to a row now at `version` holding `current`, for an edit based on
    `read` (None: an edit that names no read, applied as before). Empty: apply it."""
    if read is None or read.version == version:
        return ()
    out = []
    for name, value in mine.items():
        theirs = current.get(name)
        base = read.values.get(name, _UNREAD)
        if theirs in (value, base):
            continue  # the same change, or the other person did not touch this field
        out.append(FieldConflict(name, None if base is _UNREAD else base, value, theirs))
    return tuple(out)


def merged(
    label: str, read: ReadAs | None, mine: Mapping[str, Any], current: Mapping[str, Any], version: int
) -> dict[str, Any]:
    """The values to store for an edit of a whole form (`mine`: every field as the form has it) based on
    `read`, to a row now at `version` holding `current`: the fields this edit changed put on top of
    what is stored, so someone else's change to another field stays. EditConflict (nothing to store)
    when they changed one of the same fields differently."""
    if read is None or read.version == version:
        return dict(mine)
    changed = {k: v for k, v in mine.items() if k not in read.values or read.values[k] != v}
    conflicts = rebase(read, changed, current, version)
    if conflicts:
        raise EditConflict(label, conflicts, version)
    return {**current, **changed} if current else dict(mine)
