"""The status-bar indicator that always says whether everything is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from iro_desktop.services.live_updates import OUTAGE_MESSAGE
from iro_desktop.ui.events import ChangeHub

SAVED = "✔ All changes saved"
SAVING = "… Saving"
NOT_SAVED = "⚠ Not saved: "
REFUSED = "⚠ Not saved, refused: "
OUTAGE = f"⚠ {OUTAGE_MESSAGE}."  # issue 16 item 4: said until the server is back


class SaveStatusLabel(QLabel):
    """Text plus a symbol, so the state never relies on colour alone."""

    def __init__(self, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(SAVED, parent)
        self.setAccessibleName("Save status")
        self.setObjectName("saveStatus")
        hub.save_started.connect(self.show_saving)
        hub.save_finished.connect(self.show_saved)
        hub.save_failed.connect(self.show_failed)
        hub.save_refused.connect(self.show_refused)
        hub.server_reachable.connect(self.show_server)
        self.server_away = False

    def show_server(self, reachable: bool) -> None:
        """While the team server is away, that is what the bar says (never "Saving" for ever); once it
        is back, the next save says how things stand."""
        self.server_away = not reachable
        if self.server_away:
            self._show_outage()
        elif self.text() == OUTAGE:
            self.show_saved()

    def _show_outage(self) -> None:
        self.setText(OUTAGE)
        self.setStyleSheet("QLabel { color: #9b1c1c; font-weight: bold; }")

    def show_saving(self) -> None:
        if self.server_away:
            return
        self.setText(SAVING)
        self.setStyleSheet("")

    def show_saved(self) -> None:
        if self.server_away:
            return
        self.setText(SAVED)
        self.setStyleSheet("")

    def show_failed(self, reason: str) -> None:
        if self.server_away or reason == OUTAGE_MESSAGE:  # an edit kept in the outage journal
            self._show_outage()
            return
        self.setText(NOT_SAVED + reason)
        self.setStyleSheet("QLabel { color: #9b1c1c; font-weight: bold; }")

    def show_refused(self, reason: str) -> None:
        """A change the store refused (a paste too long for one item): never called saved."""
        self.setText(f"{REFUSED}{reason.rstrip('.')}. The text is still on screen.")
        self.setStyleSheet("QLabel { color: #9b1c1c; font-weight: bold; }")

    @property
    def is_saved(self) -> bool:
        return self.text() == SAVED
