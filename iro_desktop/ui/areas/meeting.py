"""Conference in progress: choose the conference, then the live map, projected for the family.

Opening a conference marks it in progress and remembers it, so reopening the app goes straight back to
it. Switching conference or closing saves whatever is still being typed first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from iro_desktop.domain.conference import Conference, ConferenceStatus
from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.domain.mapping import Section
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.mapping.board import BoardWidget
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.presentation import PresentationWindow
from iro_desktop.ui.settings import Settings
from iro_desktop.ui.widgets import heading


class MeetingArea(QWidget):
    title = "Conference in progress"

    def __init__(
        self, services: Services, hub: ChangeHub, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.settings = settings
        self.controller = BoardController(services, hub, self)
        self.presentation: PresentationWindow | None = None
        self._conferences: list[Conference] = []

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading(self.title))
        top.addStretch(1)
        label = QLabel("C&onference:")
        self.picker = QComboBox()
        self.picker.setAccessibleName("Conference")
        self.picker.view().setAccessibleName("Conference choices")
        self.picker.setMinimumContentsLength(24)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        label.setBuddy(self.picker)
        top.addWidget(label)
        top.addWidget(self.picker, 2)
        self.carry_button = QPushButton("Carry forward last map")
        self.carry_button.setAccessibleName("Carry forward last map")
        self.present_button = QPushButton("Present (F5)")
        self.present_button.setAccessibleName("Show or hide the presentation view")
        self.finish_button = QPushButton("Finish meeting")
        self.finish_button.setAccessibleName("Finish meeting")
        for button in (self.carry_button, self.present_button, self.finish_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.info = QLabel(
            "Choose the conference above to start its map. Type into a section and press Enter to add "
            "each point; F1 lists every shortcut."
        )
        self.info.setWordWrap(True)
        self.info.setAccessibleName("About this conference")
        layout.addWidget(self.info)
        self.board = BoardWidget(self.controller)
        layout.addWidget(self.board, 1)

        self.picker.activated.connect(self._picked)
        self.carry_button.clicked.connect(self.controller.carry_forward)
        self.present_button.clicked.connect(self.toggle_presentation)
        self.finish_button.clicked.connect(self.finish)
        hub.changed.connect(self._on_changed)
        self.controller.opened.connect(self._describe)
        self._enable()

    # --- wiring from the main window --------------------------------------------------------------

    def install_actions(self, actions: dict[str, QAction]) -> None:
        self.board.install_actions(actions, host=self)
        actions["map_carry_forward"].triggered.connect(self.controller.carry_forward)
        actions["map_carry_forward"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(actions["map_carry_forward"])
        actions["present"].triggered.connect(self.toggle_presentation)
        actions["present_larger"].triggered.connect(lambda: self._present_size(2))
        actions["present_smaller"].triggered.connect(lambda: self._present_size(-2))
        actions["undo"].triggered.connect(self.controller.undo)
        actions["redo"].triggered.connect(self.controller.redo)
        stack = self.controller.stack
        actions["undo"].setEnabled(stack.canUndo())
        actions["redo"].setEnabled(stack.canRedo())
        stack.canUndoChanged.connect(actions["undo"].setEnabled)
        stack.canRedoChanged.connect(actions["redo"].setEnabled)

    # --- conferences ------------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"conferences", "families", "*"}:
            self.refresh()

    def refresh(self) -> None:
        names = {f.id: f.name for f in self.services.families.search()}
        self._conferences = self.services.conferences.all()
        current = self.controller.conference_id
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem("Choose a conference…", "")
        for conference in self._conferences:
            label = (
                f"{names.get(conference.family_id, '')} — {conference.scheduled_date.strftime('%d %b %Y')} — "
                f"{conference.conference_type.label} ({conference.status.label.lower()})"
            )
            self.picker.addItem(label, conference.id)
        self.picker.setCurrentIndex(max(self.picker.findData(current or ""), 0))
        self.picker.blockSignals(False)

    def _picked(self, index: int) -> None:
        conference_id = self.picker.itemData(index)
        if conference_id and conference_id != self.controller.conference_id:
            self.open_conference(conference_id)

    def open_conference(self, conference_id: str) -> None:
        try:
            self.controller.open(conference_id)
        except EnvironmentProblem as exc:
            self.hub.save_failed.emit(f"{exc.title}. {exc.message}")
            return
        except DomainError as exc:
            self.info.setText(f"⚠ {exc}")
            return
        self.settings.set(Settings.last_conference_id, conference_id)
        self.settings.sync()
        self.picker.setCurrentIndex(max(self.picker.findData(conference_id), 0))
        self.hub.announce("conferences")
        self._enable()
        self.board.focus_section(Section.DANGER)

    def resume(self) -> bool:
        """Go straight back to the conference left unfinished (the app was closed or crashed)."""
        conference_id = self.settings.get(Settings.last_conference_id)
        if not conference_id:
            return False
        try:
            conference = self.services.mapping.conference(conference_id)
        except (DomainError, EnvironmentProblem):
            return False
        if conference.status != ConferenceStatus.IN_PROGRESS:
            return False
        self.open_conference(conference_id)
        return self.controller.conference_id == conference_id

    def open_first_conference(self) -> None:
        """Open the conference in progress, else the soonest booked one (screenshots, demos)."""
        if self.controller.conference_id is not None or self.resume():
            return
        conferences = self.services.conferences.all()
        today = self.services.ctx.today()
        upcoming = [c for c in conferences if c.status.value == "scheduled" and c.scheduled_date >= today]
        chosen = upcoming or conferences
        if chosen:
            self.open_conference(chosen[0].id)

    def finish(self) -> None:
        conference_id = self.controller.conference_id
        if conference_id is None or not self.controller.flush():
            return
        try:
            self.services.mapping.finish_meeting(conference_id)
        except EnvironmentProblem as exc:
            self.hub.save_failed.emit(f"{exc.title}. {exc.message}")
            return
        self.settings.set(Settings.last_conference_id, "")
        self.settings.sync()
        self.controller.conference = self.services.mapping.conference(conference_id)
        self._describe()
        self.hub.announce("conferences")

    def _describe(self) -> None:
        conference = self.controller.conference
        family = self.controller.family
        if conference is None or family is None:
            return
        children = ", ".join(c.full_name for c in family.children)
        previous = self.controller.board.previous_conference_id if self.controller.board else None
        review = " A previous conference's map can be carried forward." if previous else ""
        self.info.setText(
            f"{family.name}: {conference.conference_type.label}, {conference.scheduled_date:%d %B %Y} "
            f"({conference.status.label.lower()}). Children: {children}.{review}"
        )

    def _enable(self) -> None:
        has = self.controller.conference_id is not None
        self.board.setEnabled(has)
        for button in (self.carry_button, self.present_button, self.finish_button):
            button.setEnabled(has)

    # --- presentation -----------------------------------------------------------------------------

    def toggle_presentation(self) -> None:
        if self.presentation is not None and self.presentation.isVisible():
            self.presentation.close()
            return
        if self.presentation is None:
            self.presentation = PresentationWindow(
                self.controller, self.settings.get(Settings.presentation_font_pt)
            )
        focus = QApplication.focusWidget()
        self.presentation.present(self.window())
        # The chair keeps typing where they were.
        self.window().activateWindow()
        if focus is not None:
            focus.setFocus()

    def _present_size(self, step: int) -> None:
        if self.presentation is None:
            return
        self.presentation.change_size(step)
        self.settings.set(Settings.presentation_font_pt, self.presentation.chosen_pt)

    # --- closing ----------------------------------------------------------------------------------

    def shutdown(self) -> bool:
        """Save everything pending (the window is closing). False if something could not be stored."""
        saved = self.controller.flush()
        if self.presentation is not None:
            self.presentation.close()
        self.settings.sync()
        return saved
