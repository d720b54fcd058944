"""Undo for the clerk's discussion summary: each step of typing in one section (or an agency's
contribution) is an undo command on the one base (ui/undo_command.py), word by word like the map.

Keystrokes within a word merge into one step; a new word (a letter typed after a space) or a pause of a
second begins the next, so undo takes back the last words rather than the whole section.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import MERGE_PAUSE_S, UndoCommand, starts_new_word

SUMMARY_MERGE_ID = 6001

Shown = Callable[[SectionKey, str, str], None]  # (section, agency, text as stored now): the area shows it
Place = tuple[str, SectionKey, str]  # (conference id, section, agency)


class SectionReads:
    """What this desktop last read or stored of each section (its version and words), shared by the
    area and its commands: each save names it (`ReadAs`), so a save never overwrites words someone else
    stored since without the person choosing (issue 16). Commands run in order through the one runner,
    so each is based on what the one before it stored."""

    def __init__(self) -> None:
        self._reads: dict[Place, ReadAs] = {}

    def get(self, place: Place) -> ReadAs:
        return self._reads.get(place, ReadAs(0, {"text": ""}))

    def note(self, place: Place, version: int, text: str) -> None:
        self._reads[place] = ReadAs(version, {"text": text})

    def knows(self, place: Place) -> bool:
        return place in self._reads


def _ignore(_key: SectionKey, _agency: str, _text: str) -> None:
    return None


class SaveSectionCommand(UndoCommand):
    def __init__(
        self,
        services: Services,
        hub: ChangeHub | None,
        conference_id: str,
        key: SectionKey,
        agency: str,
        old: str,
        new: str,
        shown: Shown | None = None,
        reads: SectionReads | None = None,
    ) -> None:
        where = f"{key.label} ({agency})" if agency else key.label
        # Not relayed: the area showing the summary is the one typing it (a relay would make it read the
        # record again under the clerk's cursor); the hub hears only what could not be stored.
        super().__init__(f"typing in {where}", hub)
        self.services = services
        self.conference_id = conference_id
        self.key = key
        self.agency = agency
        self.old = old
        self.new = new
        self.shown: Shown = shown or _ignore
        self.reads = reads  # None: saves name no read (a single desktop, as before issue 16)

    def place(self) -> Place:
        return (self.conference_id, self.key, self.agency)

    def _save(self, text: str) -> None:
        read = self.reads.get(self.place()) if self.reads is not None else None
        stored = self.services.records.save_section(self.conference_id, self.key, text, self.agency, read)
        if self.reads is not None:
            self.reads.note(self.place(), stored.version, stored.text)

    def keep_mine(self, conflict: EditConflict) -> None:
        theirs = str(conflict.theirs().get("text", ""))
        if self.reads is not None:
            self.reads.note(self.place(), conflict.version, theirs)
        self.old = theirs  # undoing this step gives back what they stored, not what was there before

    def take_theirs(self, conflict: EditConflict) -> None:
        theirs = str(conflict.theirs().get("text", ""))
        if self.reads is not None:
            self.reads.note(self.place(), conflict.version, theirs)
        self.shown(self.key, self.agency, theirs)

    def forward(self) -> None:
        self._save(self.new)
        if (
            self._ever_done
        ):  # a redo: the field shows it again (the first time, the field is where it came from)
            self.shown(self.key, self.agency, self.new)

    def backward(self) -> None:
        self._save(self.old)
        self.shown(self.key, self.agency, self.old)

    def id(self) -> int:
        return SUMMARY_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SaveSectionCommand)
            and (other.conference_id, other.key, other.agency) == (self.conference_id, self.key, self.agency)
            and other.error is None
            and other.stamp - self.stamp < MERGE_PAUSE_S
            and not starts_new_word(self.new, other.new)
        ):
            return False
        self.new = other.new
        self.stamp = other.stamp
        if self.new == self.old:
            self.setObsolete(True)
        return True
