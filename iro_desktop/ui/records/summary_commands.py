"""Undo for the clerk's discussion summary: each step of typing in one section (or an agency's
contribution) is an undo command on the one base (ui/undo_command.py), word by word like the map.

Keystrokes within a word merge into one step; a new word (a letter typed after a space) or a pause of a
second begins the next, so undo takes back the last words rather than the whole section.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from iro_desktop.domain.record import SectionKey
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import MERGE_PAUSE_S, UndoCommand, starts_new_word

SUMMARY_MERGE_ID = 6001

Shown = Callable[[SectionKey, str, str], None]  # (section, agency, text as stored now): the area shows it


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

    def forward(self) -> None:
        self.services.records.save_section(self.conference_id, self.key, self.new, self.agency)
        if (
            self._ever_done
        ):  # a redo: the field shows it again (the first time, the field is where it came from)
            self.shown(self.key, self.agency, self.new)

    def backward(self) -> None:
        self.services.records.save_section(self.conference_id, self.key, self.old, self.agency)
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
