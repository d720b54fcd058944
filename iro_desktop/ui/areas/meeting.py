"""Conference in progress: the whole meeting in one workspace, in the order it is held.

Who is here, the map (projected for the family), the decisions, the plan and the handouts are steps of one
page (F6 to F10), under a strip that always shows the clocks and quoracy. Choosing a conference opens it to
look at; it is in progress once the chair starts it (*Start meeting*, Ctrl+Shift+S, or the first change),
and then reopening the app goes straight back to it. *Finish meeting* records the day it was held. Switching
conference or closing saves whatever is still being typed first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoGroup, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from iro_desktop.domain.conference import Conference, ConferenceStatus, validate_held
from iro_desktop.domain.errors import DomainError, EnvironmentProblem, Problem, ValidationError
from iro_desktop.domain.family import Child
from iro_desktop.domain.feedback import Questionnaire
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordState
from iro_desktop.domain.roles import Action, can
from iro_desktop.services.registry import Services
from iro_desktop.ui.areas.decisions import DecisionsArea
from iro_desktop.ui.booking.attendance_panel import AttendancePanel
from iro_desktop.ui.conference_choices import choices, older_box
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.flow_layout import FlowLayout
from iro_desktop.ui.mapping.board import BoardWidget
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.presentation import PresentationWindow
from iro_desktop.ui.meeting.handouts import HandoutsPage
from iro_desktop.ui.meeting.steps import Step
from iro_desktop.ui.meeting.strip import MeetingStrip
from iro_desktop.ui.quality.feedback import FeedbackWindow
from iro_desktop.ui.settings import Settings
from iro_desktop.ui.text_size import NORMAL, current_percent
from iro_desktop.ui.undo_command import runner_for
from iro_desktop.ui.widgets import (
    CurrentPageStack,
    FittedTextScroll,
    heading,
    isolate,
    keep_ltr,
    keep_room,
    refit_scrolling,
)

START_KEYS = "Ctrl+Shift+S"


def children_wordings(children: Sequence[Child]) -> list[str]:
    """How the header names the children, fullest first: full names, given names, first names, a count.
    Each name is bidi-isolated, so an Arabic-script name keeps the English sentence's order around it."""
    if not children:
        return ["No children recorded yet."]

    def names(parts: list[str]) -> str:
        return ", ".join(isolate(part) for part in parts)

    full = [c.full_name for c in children]
    given = [c.given_name or c.full_name for c in children]
    first = [(c.given_name.split() or [c.full_name])[0] for c in children]
    count = "1 child" if len(children) == 1 else f"{len(children)} children"
    wordings = [f"Children: {names(full)}."]
    for shorter in (given, first, None):
        wording = (
            f"{count} (names in the tooltip)."
            if shorter is None
            else f"Children: {names(shorter)} (full names in the tooltip)."
        )
        if len(wording) < len(wordings[-1]):  # only a wording that is shorter helps
            wordings.append(wording)
    return wordings


class MeetingArea(QWidget):
    title = "Conference in progress"

    @property
    def prefers_scrolling(self) -> bool:
        """At normal text size the whole meeting fits the window (the map's details row in view, no
        scrolling in the room); at larger sizes the page scrolls so the map keeps its room."""
        return current_percent() > NORMAL

    def least_height_for_width(self, width: int) -> int:
        """The height the workspace needs at `width`: its rows that wrap (the header, the strip) at their
        wrapped height, the step in front at its least. (Qt's minimum counts each row unwrapped, and the
        step's tables were squeezed under the rows that had wrapped.)"""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        heights = []
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None or item.isEmpty():
                continue
            height = item.minimumSize().height()
            widget = item.widget()
            if widget is self.pages:  # asked directly: its layout would answer with the tallest step
                height = max(height, self.pages.heightForWidth(inner))
            elif item.hasHeightForWidth():
                height = max(height, item.heightForWidth(inner))
            heights.append(height)
        return sum(heights) + layout.spacing() * max(len(heights) - 1, 0) + margins.top() + margins.bottom()

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
        header = QWidget()
        top = FlowLayout(header)  # wraps onto a second row when the text is large
        top.add(heading(self.title))
        label = QLabel("C&onference:")
        self.picker = QComboBox()
        self.picker.setAccessibleName("Conference")
        self.picker.view().setAccessibleName("Conference choices")
        self.picker.setMinimumContentsLength(24)
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        label.setBuddy(self.picker)
        choose = QWidget()
        choose_row = QHBoxLayout(choose)
        choose_row.setContentsMargins(0, 0, 0, 0)
        choose_row.addWidget(label)
        choose_row.addWidget(self.picker, 1)
        top.add(choose, expanding=True)
        self.carry_button = QPushButton("Carry forward last map")
        self.carry_button.setAccessibleName("Carry forward last map")
        self.present_button = QPushButton("Present (F5)")
        self.present_button.setAccessibleName("Show or hide the presentation view")
        self.start_button = QPushButton("Start meeting")
        self.start_button.setAccessibleName("Start meeting")
        self.start_button.setToolTip(f"Mark the conference in progress ({START_KEYS})")
        self.finish_button = QPushButton("Finish meeting")
        self.finish_button.setAccessibleName("Finish meeting")
        self.status = QLabel()
        self.status.setAccessibleName("Meeting status")
        for button in (self.carry_button, self.present_button, self.start_button, self.finish_button):
            top.add(button)
        self._fit_status()
        layout.addWidget(header)
        self.info = QLabel(
            "Choose the conference above to start its map. Type into a section and press Enter to add "
            "each point; F1 lists every shortcut."
        )
        self.info.setWordWrap(True)
        self.info.setAccessibleName("About this conference")
        # Two lines high (three with a read-only note; it scrolls if longer) whatever it says, so the steps
        # below never move as it changes; its height changes only with the conference opened.
        self.info_box = FittedTextScroll(self.info, max_lines=2, fixed=True)
        self.info_box.setAccessibleName("About this conference")
        self.older = older_box()  # under the picker's row, which is full at 1024 pixels wide
        below = QHBoxLayout()
        below.addWidget(self.info_box, 1)
        side = QVBoxLayout()  # beside the note, where its third line leaves room: the header stays one row
        side.setSpacing(2)
        side.addWidget(self.older)
        side.addWidget(self.status)
        side.addStretch(1)
        below.addLayout(side)
        layout.addLayout(below)
        self.strip = MeetingStrip(services, hub)
        layout.addWidget(self.strip)

        # The steps, in meeting order. Decisions and plan share one page (one undo history).
        self.steps = QTabBar()
        self.steps.setAccessibleName("Steps of the meeting")
        self.steps.setExpanding(False)
        for step in Step:
            self.steps.addTab(step.tab_text)
            self.steps.setTabToolTip(step.value, f"{step.label} ({step.key})")
        layout.addWidget(self.steps)
        self.pages = CurrentPageStack()  # sized by the step in front (large text: the window scrolls)
        self.attendance_stack = QUndoStack(self)
        self.attendance = AttendancePanel(services, hub, self.attendance_stack)
        keep_room(self.attendance.error)  # "choose a person first" never pushes the table down
        # Its message goes as soon as what it asked for is done: a person chosen, a reason typed.
        self.attendance.table.selectionModel().selectionChanged.connect(lambda *_: self._attendance_fixed())
        self.attendance.exclusion.textChanged.connect(lambda *_: self._attendance_fixed())
        self.board = BoardWidget(self.controller)
        self.decisions = DecisionsArea(
            services,
            hub,
            next_steps=services.meeting.next_steps,
            extra_checks=services.meeting.checks,
            safety_goals=services.meeting.safety_goals,
        )
        self.handouts = HandoutsPage()
        self.handouts.errors.validator = self._held_problems
        keep_ltr(self.handouts)
        self._page_of = {
            Step.WHO_IS_HERE: self.attendance,
            Step.MAP: self.board,
            Step.DECISIONS: self.decisions,
            Step.PLAN: self.decisions,
            Step.HANDOUTS: self.handouts,
        }
        for page in (self.attendance, self.board, self.decisions, self.handouts):
            self.pages.addWidget(page)
        layout.addWidget(self.pages, 1)
        self.undo_group = QUndoGroup(self)
        for stack in (self.attendance_stack, self.controller.stack, self.decisions.stack):
            self.undo_group.addStack(stack)

        self.picker.activated.connect(self._picked)
        self.older.toggled.connect(self.refresh)
        self.picker.installEventFilter(self)
        self._browsing = False  # arrow keys or typing on the closed picker: look, don't open yet
        self.carry_button.clicked.connect(self.controller.carry_forward)
        self.start_button.clicked.connect(self.start)
        self.start_action = QAction("Start meeting", self)
        self.start_action.setShortcut(QKeySequence(START_KEYS))
        self.start_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.start_action.triggered.connect(self.start)
        self.addAction(self.start_action)
        self._opening = False
        for stack in (self.attendance_stack, self.controller.stack, self.decisions.stack):
            stack.indexChanged.connect(lambda _index, st=stack: self._edited(st))
        # Every stored change to the map (an edit, undo or redo) is relayed by its command (the typed
        # changes the mapping service wrote), so the checks before the decision follow it at once.
        # A change the map refused (too long, the record is final) is never reported as saved.
        self.controller.problem.connect(self.hub.save_refused)
        self.present_button.clicked.connect(self.toggle_presentation)
        self.finish_button.clicked.connect(self.finish)
        self.handouts.finish_requested.connect(self.finish)
        self.handouts.feedback_requested.connect(self.open_feedback)  # issue 19
        self.steps.currentChanged.connect(self._show_step_page)
        hub.changed.connect(self._on_changed)
        hub.lock_changed.connect(self._on_lock)
        self.controller.opened.connect(self._describe)
        self.show_step(Step.MAP)
        self._enable()

    # --- wiring from the main window --------------------------------------------------------------

    def install_actions(self, actions: dict[str, QAction]) -> None:
        self.board.install_actions(actions, host=self)
        # The map's own keys (F2, Delete, Alt+arrows, Ctrl+G/K/D...) act on the map step only: F2 in the
        # plan's table edits its cell, not a map item out of sight. Alt+1...9 from any step go to the map.
        if "meeting_start" in actions:  # the registered action (listed under F1) replaces the area's own
            self.removeAction(self.start_action)
            self.start_action = actions["meeting_start"]
            self.start_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.start_action.triggered.connect(self.start)
            self.addAction(self.start_action)
            self._enable()
        self._map_only = [actions[name] for name in MAP_STEP_ONLY]
        for n in range(1, 10):
            actions[f"map_section_{n}"].triggered.connect(self._to_map)
        self._show_step_page(self.steps.currentIndex())
        actions["map_carry_forward"].triggered.connect(self.controller.carry_forward)
        actions["map_carry_forward"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(actions["map_carry_forward"])
        actions["present"].triggered.connect(self.toggle_presentation)
        actions["present_larger"].triggered.connect(lambda: self._present_size(2))
        actions["present_smaller"].triggered.connect(lambda: self._present_size(-2))
        actions["present_next_page"].triggered.connect(lambda: self._present_page(1))  # issue 12
        actions["present_prev_page"].triggered.connect(lambda: self._present_page(-1))
        actions["undo"].triggered.connect(self.undo)
        actions["redo"].triggered.connect(self.redo)
        group = self.undo_group
        actions["undo"].setEnabled(group.canUndo())
        actions["redo"].setEnabled(group.canRedo())
        group.canUndoChanged.connect(actions["undo"].setEnabled)
        group.canRedoChanged.connect(actions["redo"].setEnabled)

    # --- steps ------------------------------------------------------------------------------------

    def current_step(self) -> Step:
        return Step(self.steps.currentIndex())

    def show_step(self, step: Step) -> None:
        """Go to a step of the meeting and put the keyboard where the chair will type."""
        self.steps.setCurrentIndex(step.value)
        self._show_step_page(step.value)
        if self.controller.conference_id is None:
            self.picker.setFocus()  # nothing to type into yet: choose the conference (Enter opens it)
            self.info.setText("Choose the conference first: arrows or its first letter, then Enter.")
        elif step is Step.MAP:
            self.board.focus_section(self.board.current_section)

    def _show_step_page(self, index: int) -> None:
        step = Step(index)
        if step in (Step.DECISIONS, Step.PLAN):
            self.decisions.tabs.setCurrentIndex(0 if step is Step.DECISIONS else 1)
        self.pages.setCurrentWidget(self._page_of[step])
        self.pages.updateGeometry()  # decisions and plan share a page but not a height
        refit_scrolling(self)  # the window scrolls to the step's least height rather than squeeze it
        stack = {
            Step.WHO_IS_HERE: self.attendance_stack,
            Step.DECISIONS: self.decisions.stack,
            Step.PLAN: self.decisions.stack,
        }.get(step, self.controller.stack)
        self.undo_group.setActiveStack(stack)
        for action in getattr(self, "_map_only", []):
            action.setEnabled(step is Step.MAP)

    def _attendance_fixed(self) -> None:
        error = self.attendance.error
        text = error.text()
        if ("Choose a person" in text and self.attendance.selected() is not None) or (
            "excluded" in text and self.attendance.exclusion.text().strip()
        ):
            error.show_messages([])

    def _held_problems(self) -> list[Problem]:
        """What is wrong with the held date and lateness reason as typed (checked as they change)."""
        conference = self.controller.conference
        held_on, problems = self.handouts.held_date()
        if conference is None or problems:
            return problems
        try:
            due = self.services.mapping.lateness_due(conference.id)
        except (DomainError, EnvironmentProblem):
            return []
        reason = self.handouts.lateness.text() or conference.lateness_reason
        today = self.services.ctx.today()
        return validate_held(held_on, due, reason, today, conference.scheduled_date)

    def _to_map(self) -> None:
        if self.current_step() is not Step.MAP:
            self.show_step(Step.MAP)

    def undo(self) -> None:
        """Undo in the step in front of the chair (the map first stores what is being typed)."""
        if self.current_step() in (Step.MAP, Step.HANDOUTS):
            self.controller.undo()
        elif (stack := self.undo_group.activeStack()) is not None:
            runner_for(stack, self.hub).undo()  # a step the records can't take back stays done

    def redo(self) -> None:
        if self.current_step() in (Step.MAP, Step.HANDOUTS):
            self.controller.redo()
        elif (stack := self.undo_group.activeStack()) is not None:
            runner_for(stack, self.hub).redo()

    # --- conferences ------------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"conferences", "families", "*"}:
            self.refresh()

    def refresh(self) -> None:
        current = self.controller.conference_id
        self._conferences, names = choices(self.services, include=[current], older=self.older.isChecked())
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem("Choose a conference…", "")
        for conference in picker_order(self._conferences, self.services.ctx.today()):
            label = (
                f"{names.get(conference.family_id, '')} — {conference.scheduled_date.strftime('%d %b %Y')} — "
                f"{conference.conference_type.label} ({conference.status.label.lower()})"
            )
            self.picker.addItem(label, conference.id)
        self.picker.setCurrentIndex(max(self.picker.findData(current or ""), 0))
        self.picker.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the closed picker, arrows and letters only move the choice (Qt would "activate" each one,
        opening and marking in progress every conference passed); Enter opens the one shown."""
        if watched is self.picker and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._browsing = False
                self._picked(self.picker.currentIndex())
                return True
            opens_list = event.key() in (Qt.Key.Key_F4, Qt.Key.Key_Space) or bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            self._browsing = not opens_list  # a choice made in the open list opens at once
        return super().eventFilter(watched, event)

    def _picked(self, index: int) -> None:
        if self._browsing:
            self._browsing = False
            if self.picker.itemData(index):
                self.info.setText(f"Press Enter to open {self.picker.itemText(index)}.")
            return
        conference_id = self.picker.itemData(index)
        if conference_id and conference_id != self.controller.conference_id:
            self.open_conference(conference_id)

    def open_feedback(self, questionnaire: str) -> None:
        """Issue 19: the feedback questionnaire for this conference's type and day, over the whole screen
        (anonymous: the form keeps only the type and the day)."""
        conference_id = self.controller.conference_id
        if conference_id is None:
            return
        conference = self.services.conferences.get(conference_id)
        day = conference.held_on or min(conference.scheduled_date, self.services.ctx.today())
        self.feedback_window = FeedbackWindow(
            self.services, self.hub, Questionnaire(questionnaire), conference.conference_type, day
        )
        self.feedback_window.showMaximized()

    def open_conference(self, conference_id: str) -> None:
        """Open a conference to look at (its status is unchanged until the chair starts it)."""
        self._opening = True
        try:
            self.controller.open(conference_id)
        except EnvironmentProblem as exc:
            self.hub.save_failed.emit(f"{exc.title}. {exc.message}")
            return
        except DomainError as exc:
            self.info.setText(f"⚠ {exc}")
            return
        finally:
            self._opening = False
        self.settings.set(Settings.last_conference_id, conference_id)
        self.settings.sync()
        self.refresh()  # the picker lists the open conference, however old (nothing else changed)
        self.picker.setCurrentIndex(max(self.picker.findData(conference_id), 0))
        self._opening = True
        try:
            self._follow(conference_id)
        finally:
            self._opening = False
        self._enable()
        self._show_status()
        self.board.focus_section(Section.DANGER)

    def start(self) -> bool:
        """The chair starts the meeting: the conference is in progress (and the app comes back to it)."""
        conference = self.controller.conference
        if conference is None or conference.status is not ConferenceStatus.SCHEDULED:
            return False
        try:
            self.controller.conference = self.services.mapping.start_meeting(conference.id)
        except EnvironmentProblem as exc:
            self.hub.save_failed.emit(f"{exc.title}. {exc.message}")
            return False
        except DomainError as exc:
            self.info.setText(f"⚠ {exc}")
            return False
        self.settings.set(Settings.last_conference_id, conference.id)
        self.settings.sync()
        self._describe()
        self._enable()
        self._show_status()
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
        return True

    def _edited(self, stack: QUndoStack) -> None:
        """The first change to a conference not yet started starts it (one was recorded: it is held)."""
        if not isValid(stack) or not isValid(self.controller):
            return  # the window is being torn down
        conference = self.controller.conference
        if (
            not self._opening
            and stack.count()
            and conference is not None
            and conference.status is ConferenceStatus.SCHEDULED
        ):
            self.start()

    def _show_status(self) -> None:
        conference = self.controller.conference
        if conference is None:
            self.status.setText("")
            return
        self.status.setText(status_text(conference))
        self.status.setToolTip(
            f"Start meeting ({START_KEYS}) or the first change marks it in progress"
            if conference.status is ConferenceStatus.SCHEDULED
            else ""
        )

    def _fit_status(self) -> None:
        """The status as wide as its longest wording, so the header's rows never rewrap as it changes."""
        metrics = self.status.fontMetrics()
        self.status.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in STATUS_WIDEST) + 8)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "status"):
            self._fit_status()

    def _follow(self, conference_id: str | None) -> None:
        """Point every step and the strip at the open conference."""
        family = self.controller.family
        conference = self.controller.conference
        if conference is not None:
            self.handouts.set_held_date(
                conference.scheduled_date, self.services.ctx.today(), conference.held_on
            )
        self.strip.set_conference(conference_id)
        self.attendance.set_conference(conference_id, family.id if family is not None else None)
        self.decisions.show_conference(conference_id)

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
        conferences, _names = choices(self.services)
        today = self.services.ctx.today()
        upcoming = [c for c in conferences if c.status.value == "scheduled" and c.scheduled_date >= today]
        chosen = upcoming or conferences
        if chosen:
            self.open_conference(chosen[0].id)

    def finish(self) -> bool:
        """Finish the meeting on the held date typed on the Handouts step (a problem with it is shown
        there, under the date, and the meeting stays open)."""
        conference_id = self.controller.conference_id
        if conference_id is None or not self.controller.flush():
            return False
        held_on, problems = self.handouts.held_date()
        try:
            if problems:
                raise ValidationError(problems)
            self.services.mapping.finish_meeting(conference_id, held_on, self.handouts.lateness.text())
            if self.services.records.get(conference_id).state is RecordState.IN_MEETING:
                self.services.records.move(conference_id, RecordState.WITH_CLERK)
        except ValidationError as exc:
            self.handouts.errors.show(exc)
            self.show_step(Step.HANDOUTS)
            field = "lateness_reason" if exc.for_field("lateness_reason") else "held_on"
            (self.handouts.lateness if field == "lateness_reason" else self.handouts.held_on).setFocus()
            return False
        except EnvironmentProblem as exc:
            self.hub.save_failed.emit(f"{exc.title}. {exc.message}")
            return False
        except DomainError as exc:
            self.info.setText(f"⚠ {exc}")
            return False
        self.handouts.errors.clear()
        self.settings.set(Settings.last_conference_id, "")
        self.settings.sync()
        self.controller.conference = self.services.mapping.conference(conference_id)
        self._describe()
        self._enable()
        self._show_status()
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
        return True

    def _describe(self) -> None:
        conference = self.controller.conference
        family = self.controller.family
        if conference is None or family is None:
            return
        previous = self.controller.board.previous_conference_id if self.controller.board else None
        review = " A previous conference's map can be carried forward." if previous else ""
        note = self._read_only_note()
        opening = (
            f"{isolate(family.name)}: {conference.conference_type.label}, "
            f"{conference.scheduled_date:%d %B %Y} ({conference.status.label.lower()})."
        )
        wordings = [f"{opening} {children}{review}{note}" for children in children_wordings(family.children)]
        self.info_box.max_lines = 3 if note else 2
        # The fullest wording that fits the box at this width and text size (large text: the children's
        # given names, then their first names, then how many); every full name in the tooltip and the
        # accessible description, so nothing scrolls inside the small box or is cut across a line.
        self.info_box.show_fitting(wordings, wordings[0])
        self.info_box.fit()

    def _read_only_note(self) -> str:
        """Why this user cannot change the conference here, if they cannot (the services refuse too)."""
        conference_id = self.controller.conference_id
        if conference_id is None:
            return ""
        try:
            locked = self.services.records.is_locked(conference_id)
        except (DomainError, EnvironmentProblem):
            return ""
        if locked:
            return (
                "\n🔒 The record is final: the map, decisions and plan can be read but not changed. "
                "Corrections are made as an amendment in Records to finalise."
            )
        if not can(self.services.ctx.session.user, Action.EDIT_MAP):
            return "\n🔒 Read only: your role can read this conference but not change it."
        return ""

    def _enable(self) -> None:
        has = self.controller.conference_id is not None
        for widget in (self.board, self.decisions, self.handouts, self.steps):
            widget.setEnabled(has)
        for button in (self.carry_button, self.present_button, self.finish_button):
            button.setEnabled(has)
        conference = self.controller.conference
        scheduled = conference is not None and conference.status is ConferenceStatus.SCHEDULED
        self.start_button.setEnabled(scheduled)
        self.start_action.setEnabled(scheduled)

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

    def _on_lock(self, locked: bool) -> None:
        if self.presentation is not None:
            self.presentation.set_blanked(locked)

    def _present_size(self, step: int) -> None:
        if self.presentation is None:
            return
        self.presentation.change_size(step)
        self.settings.set(Settings.presentation_font_pt, self.presentation.chosen_pt)

    def _present_page(self, step: int) -> None:
        if self.presentation is not None:
            self.presentation.step_page(step)

    # --- closing ----------------------------------------------------------------------------------

    def shutdown(self) -> bool:
        """Save everything pending (the window is closing). False if something could not be stored."""
        saved = self.controller.flush()
        self.decisions.panel.flush_drafts()
        self.decisions.builder.new_action_draft.flush()
        if self.presentation is not None:
            self.presentation.close()
        self.settings.sync()
        return saved


MAP_STEP_ONLY = (
    "map_next_section",
    "map_prev_section",
    "map_edit",
    "map_delete",
    "map_move_up",
    "map_move_down",
    "map_move_left",
    "map_move_right",
    "map_pair",
    "map_scale",
    "map_details",
    "map_restrict",
    "map_hold_new",
)

STATUS_WIDEST = ("Status: ○ Not started", "Status: ● In progress", "Status: ✔ Held on 30 Sep 2026")


def status_text(conference: Conference) -> str:
    """The conference's state in words and a symbol: not started, in progress, held on a date."""
    if conference.status is ConferenceStatus.SCHEDULED:
        text = "○ Not started"
    elif conference.status is ConferenceStatus.IN_PROGRESS:
        text = "● In progress"
    elif conference.status is ConferenceStatus.HELD:
        text = f"✔ Held on {conference.held_on or conference.scheduled_date:%d %b %Y}"
    else:
        text = conference.status.label
    return f"Status: {text}"


def picker_order(conferences: list[Conference], today: date) -> list[Conference]:
    """The one in progress first, then those still to be held (soonest first), then the rest (latest
    first): Down and Enter on the picker reaches today's conference, not one stood down last month."""

    def rank(conference: Conference) -> tuple[int, int]:
        if conference.status is ConferenceStatus.IN_PROGRESS:
            return (0, 0)
        if conference.status is ConferenceStatus.SCHEDULED and conference.scheduled_date >= today:
            return (1, conference.scheduled_date.toordinal())
        return (2, -conference.scheduled_date.toordinal())

    return sorted(conferences, key=rank)
