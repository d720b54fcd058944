"""A copy for each reader and the check before it leaves (issue 18), inline in the records area.

For the recipient chosen in the distribution list: which documents their copy holds, what the check found
in a family member's copy (each detail with its place), the clerk's answer to each ("fine to share", or
held back there and then), the second person's sign-off when the local rules ask, release, and the
distribution log. Messages show in the panel, next to the cause; nothing here opens a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from iro_desktop.domain.changes import Changes
from iro_desktop.domain.disclosure import Answer
from iro_desktop.domain.distribution import DOCUMENT_LABELS, CopyAudience
from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.domain.record import Recipient
from iro_desktop.domain.roles import Action, can
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.records import FlagRow, flag_model, log_model
from iro_desktop.ui.records.panel import inline_message
from iro_desktop.ui.widgets import button, table_view, wrapping_row
from iro_desktop.ui.worker import Worker

if TYPE_CHECKING:
    from iro_desktop.services.distribution import ReleaseCheck
    from iro_desktop.services.registry import Services


class CopiesPanel(QGroupBox):
    def __init__(
        self, services: Services, hub: ChangeHub, folder: Callable[[], Path], parent: QWidget | None = None
    ) -> None:
        super().__init__("Copies and the check before release", parent)
        self.setAccessibleName("Copies and the check before release")
        self.services, self.hub, self._folder = services, hub, folder
        self.conference_id: str | None = None
        self.recipient: Recipient | None = None
        self.check: ReleaseCheck | None = None

        self.summary = QLabel("Choose a recipient in the distribution list to see their copy.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Whose copy")
        self.check_button = button("Check this copy again", "Check this copy again")
        self.check_button.clicked.connect(self.run_check)
        self.flags = flag_model()
        self.flag_table = table_view(self.flags, "What the check found")
        self.flag_table.installEventFilter(self)  # F: fine to share, H: hold back, on the chosen row
        self.fine_button = button("Fine t&o share (F)", "Fine to share", "F in the list of what was found")
        self.fine_button.clicked.connect(lambda: self.answer(Answer.FINE))
        self.hold_button = button(
            "Hold back from this reader (H)",
            "Hold back from this reader",
            "H in the list of what was found. Sets who may read the part it is in: a map item, a decision's "
            "reasons, a dissent, a plan action or an attendance note.",
        )
        self.hold_button.clicked.connect(lambda: self.answer(Answer.RESTRICTED))
        self.sign_off_button = button("Sign off (&2nd person)", "Sign off as the second person")
        self.sign_off_button.clicked.connect(self.sign_off)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder for the copies")
        self.release_button = button("Release th&is copy", "Release this copy")
        self.release_button.clicked.connect(self.release)
        self.message = inline_message("Copies message")
        self.log = log_model()
        self.log_table = table_view(self.log, "Distribution log: what went to whom")
        self.worker = Worker(self, threads=1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(wrapping_row(self.check_button))
        layout.addWidget(self.flag_table)
        layout.addWidget(wrapping_row(self.fine_button, self.hold_button, self.sign_off_button))
        layout.addWidget(
            wrapping_row(QLabel("Folder:"), self.folder, self.release_button, expanding=(self.folder,))
        )
        layout.addWidget(self.message)
        log_label = QLabel("Distribution log")
        log_label.setAccessibleName("Distribution log")
        layout.addWidget(log_label)
        layout.addWidget(self.log_table)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.flag_table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
            key = {Qt.Key.Key_F: Answer.FINE, Qt.Key.Key_H: Answer.RESTRICTED}.get(Qt.Key(event.key()))
            if plain and key is not None and self.fine_button.isEnabled():
                self.answer(key)
                return True
        return super().eventFilter(watched, event)

    # --- what is shown -------------------------------------------------------------------------------

    def show_record(self, conference_id: str | None) -> None:
        if conference_id != self.conference_id:
            self.recipient, self.check = None, None
            self._say("")
        self.conference_id = conference_id
        if not self.folder.text():
            self.folder.setText(str(self._folder() / "copies"))
        self.log.set_items(self.services.distribution.log(conference_id) if conference_id else [])
        self._update()

    def show_recipient(self, recipient: Recipient | None) -> None:
        if recipient is None or self.recipient is None or recipient.id != self.recipient.id:
            self.check = None
            self._say("")
        self.recipient = recipient
        if recipient is not None and self.conference_id is not None:
            self.run_check(quiet=True)
        self._update()

    def run_check(self, quiet: bool = False) -> None:
        if self.conference_id is None or self.recipient is None:
            return
        try:
            self.check = self.services.distribution.check(self.conference_id, self.recipient.id)
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        if not quiet:
            self._say(self._status())
        self._update()

    def _rows(self) -> list[FlagRow]:
        check = self.check
        if check is None:
            return []
        return [FlagRow(f, check.answers.get(f.key)) for f in check.flags]

    def _update(self) -> None:
        recipient, check = self.recipient, self.check
        rows = self._rows()
        self.flags.set_items(rows)
        if recipient is None:
            self.summary.setText("Choose a recipient in the distribution list to see their copy.")
        else:
            audience = CopyAudience(recipient.audience)
            docs = " and ".join(DOCUMENT_LABELS[d].lower() for d in audience.documents)
            who = f"{recipient.name} ({recipient.role})" if recipient.role else recipient.name
            if audience is CopyAudience.FAMILY:
                what = "only what everyone may read"
            else:
                what = "without what is kept from them by name"
            self.summary.setText(f"Copy for {who}: {audience.label.lower()} copy, the {docs}, {what}.")
        may = can(self.services.ctx.session.user, Action.EDIT_DISTRIBUTION)
        family = check is not None and check.needed
        for w in (self.flag_table, self.fine_button, self.hold_button):
            w.setVisible(family)
        self.sign_off_button.setVisible(family and check is not None and check.sign_off_needed)
        self.check_button.setEnabled(recipient is not None)
        answerable = may and bool(rows)
        self.fine_button.setEnabled(answerable)
        self.hold_button.setEnabled(answerable)
        answered = check is not None and not any(p.field == "flags" for p in check.problems)
        self.sign_off_button.setEnabled(may and answered and check is not None and not check.signed_off_by)
        self.release_button.setEnabled(may and check is not None and check.ready)

    def _status(self) -> str:
        check = self.check
        if check is None:
            return ""
        if not check.needed:
            return "A professional's copy is not checked: it can be released once the record is final."
        found = len(check.flags)
        head = f"The check found {found} possible third-party detail{'s' if found != 1 else ''}."
        if check.ready:
            extra = f" Signed off by {check.signed_off_by}." if check.signed_off_by else ""
            return f"{head} Every one is answered: the copy can be released.{extra}"
        return f"{head} ⚠ " + " ".join(p.message for p in check.problems)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- the clerk's moves -----------------------------------------------------------------------------

    def answer(self, answer: Answer) -> None:
        if self.conference_id is None or self.recipient is None:
            return
        chosen = self.flag_table.selectionModel().selectedRows()
        rows = self._rows()
        if not chosen:
            left = [n for n, r in enumerate(rows) if r.answer is None]
            if not left:
                self._say("⚠ Choose a detail in the list first.")
                return
            chosen_row = left[0]
        else:
            chosen_row = chosen[0].row()
        flag = rows[chosen_row].flag
        try:
            self.check = self.services.distribution.answer(
                self.conference_id, self.recipient.id, flag.key, answer
            )
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.hub.relay(self.services.ctx.take_changes())
        self._update()
        self._say(self._status())
        self._select_next()

    def _select_next(self) -> None:
        """The next detail not yet answered, so the clerk can go on with the keyboard."""
        for n, row in enumerate(self._rows()):
            if row.answer is None:
                self.flag_table.selectRow(n)
                return
        if self.release_button.isEnabled():
            self.release_button.setFocus()

    def sign_off(self) -> None:
        if self.conference_id is None or self.recipient is None:
            return
        try:
            self.check = self.services.distribution.sign_off(self.conference_id, self.recipient.id)
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.hub.relay(self.services.ctx.take_changes())
        self._update()
        self._say(self._status())

    def release(self) -> None:
        """Make and log the copy in the background (its PDFs take a second); the answer shows here."""
        if self.conference_id is None or self.recipient is None or self.worker.busy:
            return
        folder = Path(self.folder.text().strip() or self._folder() / "copies")
        conference_id, recipient = self.conference_id, self.recipient
        today = self.services.ctx.today()
        services = self.services

        def make() -> tuple[list[Path], Changes]:  # on the worker's thread: its writes are taken there
            paths = services.distribution.release(
                conference_id, recipient.id, folder, today, recipient.method
            )
            return paths, services.ctx.take_changes()

        self.release_button.setEnabled(False)
        self._say(f"Making the copy for {recipient.name}…")
        self.worker.start(
            make, lambda done: self._released(conference_id, folder, *done), self._release_failed
        )

    def wait(self, timeout_ms: int = 30000) -> bool:
        """Until the copy being made is done (tests, screenshots, closing)."""
        return self.worker.wait(timeout_ms)

    def _released(self, conference_id: str, folder: Path, paths: list[Path], changes: Changes) -> None:
        self._say(f"Released: {', '.join(p.name for p in paths)}, in {folder}. Logged as sent today.")
        self.log.set_items(self.services.distribution.log(conference_id))
        self._update()
        self.hub.relay(changes)  # what the release wrote: the list shows the date sent

    def _release_failed(self, error: BaseException) -> None:
        self._update()
        if isinstance(error, DomainError | EnvironmentProblem):
            self._say(f"⚠ {error}")
            return
        raise error
