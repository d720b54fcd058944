"""The plan builder: actions (editable table), bottom lines, contingency, core group and next review."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.errors import DomainError, ValidationError
from iro_desktop.domain.plan import (
    ActionStatus,
    PlanAction,
    PlanActionInput,
    PlanHeader,
    PlanHeaderInput,
    action_values,
    header_values,
    validate_action,
    validate_plan_header,
)
from iro_desktop.services.drafts import PLAN_ACTION
from iro_desktop.services.registry import Services
from iro_desktop.ui.audience_command import SetAudienceCommand
from iro_desktop.ui.audience_strip import AudienceMarker, AudienceStrip, Target
from iro_desktop.ui.conflict_panel import ConflictPanel
from iro_desktop.ui.decisions.commands import (
    AddActionCommand,
    CarryForwardCommand,
    DraftActionsCommand,
    EditActionCommand,
    RemoveActionCommand,
    SavePlanHeaderCommand,
    with_theirs,
)
from iro_desktop.ui.decisions.conflicts import action_conflicts, header_conflicts
from iro_desktop.ui.decisions.draft_keeper import LineDraftKeeper
from iro_desktop.ui.decisions.fields import OptionalDateEdit, name_combo, problem_label, show_problems
from iro_desktop.ui.decisions.models import (
    DATE_COLUMN,
    GOAL_COLUMN,
    STATUS_COLUMN,
    ActionTableModel,
    show_date,
    to_qdate,
)
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import parse_date
from iro_desktop.ui.fields import show_date as field_date
from iro_desktop.ui.models.table import ItemRole
from iro_desktop.ui.text_size import follow_column_widths
from iro_desktop.ui.undo_command import runner_for
from iro_desktop.ui.widgets import FittingHint, LtrItemDelegate, keep_ltr, table_view, wrapping_row

Index = QModelIndex | QPersistentModelIndex


class DateDelegate(LtrItemDelegate):
    """ "By when" typed as a date (08/12/2026 is 8 December 2026, as everywhere in the app), in a plain
    text editor so Tab goes to the next cell. Blank means no date. Text that is not a date is not
    stored: `problem(message)` says so next to the table and the editor stays open with the text."""

    def __init__(self, problem: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAccessibleName("By when")
        editor.setPlaceholderText("dd/mm/yyyy")
        return keep_ltr(editor)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        action = index.data(ItemRole)
        editor.setText(field_date(action.by_when) if isinstance(action, PlanAction) else "")

    def _typed(self, editor: QLineEdit) -> tuple[bool, date | None]:
        try:
            return True, parse_date(editor.text())
        except ValueError:
            self.problem(f"“{editor.text().strip()}” is not a date: type by when like 08/12/2026.")
            return False, None

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        ok, value = self._typed(editor)
        if ok:
            self.problem("")
            model.setData(index, to_qdate(value) if value else QDate(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Tab, Enter and Escape as in every cell, except that Tab or Enter on text that is not a date
        keeps the editor open (the text is not lost) with the problem shown."""
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            keys = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if event.key() in keys and not self._typed(editor)[0]:
                return True
        return super().eventFilter(editor, event)


MAX_ROW_LINES = 3
LEAST_ROWS = 4  # the actions table never shrinks below this many rows of the tallest kind


class RowFitter(QObject):
    """Keeps each row of `view` as tall as its text, but at most `max_lines` lines, whenever the rows,
    their text, the column widths or the text size change."""

    def __init__(self, view: QTableView, max_lines: int) -> None:
        super().__init__(view)
        self.view = view
        self.max_lines = max_lines
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged, model.layoutChanged):
            signal.connect(self.schedule)
        view.horizontalHeader().sectionResized.connect(self.schedule)
        view.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)

    def schedule(self, *_args: object) -> None:
        self._timer.start()

    def cap(self) -> int:
        return self.max_lines * self.view.fontMetrics().lineSpacing() + 8

    def fit(self) -> None:
        cap = self.cap()
        header = self.view.verticalHeader()
        header.setDefaultSectionSize(min(header.defaultSectionSize(), cap))
        for row in range(self.view.model().rowCount()):
            wanted = max(self.view.sizeHintForRow(row), self.view.fontMetrics().lineSpacing() + 8)
            header.resizeSection(row, min(wanted, cap))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self.schedule()
        return False


class StatusDelegate(QStyledItemDelegate):
    """A choice of status instead of free text."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        name_combo(combo, "Action status")
        for status in ActionStatus:
            combo.addItem(status.label, status.value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SafetyGoalDelegate(QStyledItemDelegate):
    """A choice among the map's safety goals (id, text); free text when the map offers none."""

    def __init__(self, goals: Callable[[], list[tuple[str, str]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goals = goals

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        goals = self.goals()
        if not goals:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        name_combo(combo, "Linked safety goal")
        combo.addItem("Not linked to a goal", "")
        for goal_id, text in goals:
            combo.addItem(text, goal_id)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class PlanBuilder(QWidget):
    """Builds the family's plan for one conference. `next_steps` supplies the map's "what needs to
    happen" items (plain strings) for drafting actions and `safety_goals` the map's goals as (id, text)
    for linking actions; both are wired to the mapping by the caller."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        stack: QUndoStack,
        next_steps: Callable[[], list[str]] | None = None,
        parent: QWidget | None = None,
        safety_goals: Callable[[], list[tuple[str, str]]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.stack = stack
        self.runner = runner_for(stack, hub)  # stores first; what the records can't take is retried
        self.next_steps = next_steps or (lambda: [])
        self.safety_goals = safety_goals or (lambda: [])
        self.conference: Conference | None = None
        self.header: PlanHeader | None = None
        self._loading = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        actions_box = QGroupBox("Actions: what, who, by when, how we will know it is done")
        actions_layout = QVBoxLayout(actions_box)
        self.model = ActionTableModel(self)
        self.model.on_edit = self._edit_action
        self.table = table_view(self.model, "Plan actions")
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setItemDelegate(LtrItemDelegate(self.table))
        self.table.setItemDelegateForColumn(
            DATE_COLUMN, DateDelegate(lambda message: self._show_action_problem(message), self.table)
        )
        self.table.setItemDelegateForColumn(STATUS_COLUMN, StatusDelegate(self.table))
        self.table.setItemDelegateForColumn(
            GOAL_COLUMN, SafetyGoalDelegate(lambda: self.safety_goals(), self.table)
        )
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.table.fontMetrics().averageCharWidth()  # widths in characters: they follow the text size
        for column, chars in enumerate((43, 19, 17, 14, 34, 16, 14)):
            self.table.setColumnWidth(column, chars * char)
        follow_column_widths(self.table)
        header.setStretchLastSection(True)
        # Rows as tall as their wrapped text up to three lines (a long linked goal or "done when" is cut
        # with "…" and shown whole in its tooltip), so several actions are always in view.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._row_fitter = RowFitter(self.table, MAX_ROW_LINES)
        self.table.setMinimumHeight(self._least_table_height())
        actions_layout.addWidget(self.table, 1)
        self.table_problem = problem_label("the plan's actions")
        actions_layout.addWidget(self.table_problem)
        # Issue 16: an action changed on another desktop too; both shown here (never a modal).
        self.conflict_panel = ConflictPanel()
        self.conflict_panel.resolved.connect(self._resolve)
        self._held: EditActionCommand | SavePlanHeaderCommand | None = None
        actions_layout.addWidget(self.conflict_panel)
        # Issue 18: Ctrl+Shift+H on the table holds the selected action back; the strip says who and why.
        self.action_strip = AudienceStrip("the selected action")
        actions_layout.addWidget(self.action_strip)
        self.action_marker = AudienceMarker(
            self.table,
            self.action_strip,
            None,
            self._action_target,
            self._run_mark,
            self._show_action_problem,
            "Select an action in the table, then press Ctrl+Shift+H.",
        )
        self.table.selectionModel().currentChanged.connect(lambda *_: self.action_marker.refresh())

        self.new_action = QLineEdit()
        self.new_action.setAccessibleName("New action: what needs to happen")
        self.new_action.setPlaceholderText("What needs to happen (then fill in who and by when in the table)")
        self.add_button = QPushButton("Add act&ion")
        self.add_button.setAccessibleName("Add action")
        self.remove_button = QPushButton("Remove selected action")
        self.remove_button.setAccessibleName("Remove selected action")
        self.draft_button = QPushButton("Draft actions from “what needs to happen”")
        self.draft_button.setAccessibleName("Draft actions from what needs to happen")
        self.carry_button = QPushButton("Carry forward the last plan")
        self.carry_button.setAccessibleName("Carry forward the plan from the last conference")
        self.carry_button.setToolTip(
            "Copy the actions not yet done, the bottom lines and the contingency from the family's last plan"
        )
        # The new action's line on a row of its own, the other buttons under it (wrapping when the text
        # is large): at 1024 pixels wide nothing wraps at the usual text size, so nothing overlaps the table.
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_action, 1)
        new_row.addWidget(self.add_button)
        actions_layout.addLayout(new_row)
        actions_layout.addWidget(wrapping_row(self.remove_button, self.draft_button, self.carry_button))
        self.action_problem = problem_label("the new action")
        actions_layout.addWidget(self.action_problem)
        self.draft_note = QLabel()
        self.draft_note.setAccessibleName("Drafting result")
        self.draft_note.setWordWrap(True)
        actions_layout.addWidget(self.draft_note)
        layout.addWidget(actions_box, 3)
        self.actions_box = actions_box

        # Bottom lines, contingency and dates take what the actions leave (at least their minimum): their
        # wrapped labels must not claim the height the actions table needs on a small screen.
        self.lower_part = _FixedMinimum()
        lower = QHBoxLayout(self.lower_part)
        lower.setContentsMargins(0, 0, 0, 0)
        text_box = QGroupBox("Bottom lines and contingency")
        text_form = QFormLayout(text_box)
        self.bottom_lines = QPlainTextEdit()
        self.bottom_lines.setAccessibleName("Bottom lines")
        self.bottom_lines.setTabChangesFocus(True)
        self.bottom_lines.setPlaceholderText(
            "What must happen, or must not happen, for the children to be safe"
        )
        self.contingency = QPlainTextEdit()
        self.contingency.setAccessibleName("Contingency plan")
        self.contingency.setTabChangesFocus(True)
        self.contingency.setPlaceholderText("What happens if the plan is not followed or things get worse")
        self.bottom_lines_problem = problem_label("bottom lines")
        self.contingency_problem = problem_label("contingency plan")
        text_form.addRow(
            _buddy("&Bottom lines:", self.bottom_lines), _stack(self.bottom_lines, self.bottom_lines_problem)
        )
        text_form.addRow(
            _buddy("Contingenc&y:", self.contingency), _stack(self.contingency, self.contingency_problem)
        )
        # Issue 16: the bottom lines, contingency or dates changed on another desktop too: both shown
        # here, next to the fields they came from (never a modal), the words typed left in them.
        self.header_conflict_panel = ConflictPanel()
        self.header_conflict_panel.setAccessibleName(
            "The plan's bottom lines or dates changed by someone else too"
        )
        self.header_conflict_panel.resolved.connect(self._resolve)
        self.header_conflict_panel.resolved.connect(
            lambda _mine: self.header_conflict_panel.setMinimumHeight(0)
        )
        text_form.addRow(self.header_conflict_panel)
        self.text_box = text_box
        lower.addWidget(text_box, 3)

        dates_box = QGroupBox("Dates")
        dates_form = QFormLayout(dates_box)
        self.core_group = OptionalDateEdit("Core group date")
        self.core_group_problem = problem_label("core group date")
        dates_form.addRow(
            _buddy("Core gro&up:", self.core_group), _stack(self.core_group, self.core_group_problem)
        )
        self.next_review = OptionalDateEdit("Next review date")
        self.computed_label = QLabel()
        self.computed_label.setAccessibleName("Computed review date")
        self.computed_label.setWordWrap(True)
        self.next_review_problem = problem_label("next review date")
        dates_form.addRow(
            _buddy("&Next review:", self.next_review),
            _stack(self.next_review, self.computed_label, self.next_review_problem),
        )
        self.review_reason = QLineEdit()
        self.review_reason.setAccessibleName("Why the review date differs")
        self.review_hint = FittingHint(
            self.review_reason, "Required when the date differs from the computed one", "Say why"
        )
        self.review_reason_problem = problem_label("the reason the review date differs")
        dates_form.addRow(
            _buddy("&Why it differs:", self.review_reason),
            _stack(self.review_reason, self.review_reason_problem),
        )
        self.reset_review = QPushButton("Use the computed date")
        self.reset_review.setAccessibleName("Use the computed review date")
        dates_form.addRow("", self.reset_review)
        lower.addWidget(dates_box, 2)
        layout.addWidget(self.lower_part, 2)

        self._header_problems = {
            "bottom_lines": self.bottom_lines_problem,
            "contingency": self.contingency_problem,
            "core_group_date": self.core_group_problem,
            "next_review_date": self.next_review_problem,
            "next_review_reason": self.review_reason_problem,
        }

        self.add_button.clicked.connect(self.add_action)
        self.new_action.returnPressed.connect(self.add_action)
        self.new_action_draft = LineDraftKeeper(self.new_action, services, PLAN_ACTION)  # kept until added
        self.remove_button.clicked.connect(self.remove_selected)
        self.draft_button.clicked.connect(self.draft_actions)
        self.carry_button.clicked.connect(self.carry_forward)
        self.bottom_lines.textChanged.connect(lambda: self._save_field("bottom_lines", "bottom lines"))
        self.contingency.textChanged.connect(lambda: self._save_field("contingency", "contingency plan"))
        self.core_group.dateChanged.connect(lambda *_: self._save_field("core_group_date", "core group date"))
        self.next_review.dateChanged.connect(lambda *_: self._save_review())
        self.review_reason.textChanged.connect(lambda *_: self._save_review())
        self.reset_review.clicked.connect(self._use_computed)
        hub.changed.connect(self._on_changed)
        keep_ltr(self)  # English reading order in every field and cell editor, whatever the first letter

    # Loading

    def set_conference(self, conference: Conference | None) -> None:
        self.conference = conference
        self.new_action_draft.follow(conference.id if conference is not None else None)
        self.setEnabled(conference is not None)
        if conference is not None:
            self.model.default_date = conference.scheduled_date
            self.core_group.set_earliest(conference.scheduled_date)
            self.next_review.set_earliest(conference.scheduled_date)
        self.refresh()

    def refresh(self) -> None:
        if self.conference is None:
            self.model.set_actions([])
            return
        self.model.goal_labels = dict(self.safety_goals())
        self.model.people = self._people()
        self.model.set_actions(self.services.plans.actions(self.conference.id))
        self.action_marker.refresh()
        self.header = header = self.services.plans.header(self.conference.id)
        self._loading = True
        if self.bottom_lines.toPlainText().strip() != header.bottom_lines:
            self.bottom_lines.setPlainText(header.bottom_lines)
        if self.contingency.toPlainText().strip() != header.contingency:
            self.contingency.setPlainText(header.contingency)
        if self.core_group.value() != header.core_group_date:
            self.core_group.set_value(header.core_group_date)
        pending_reason = self.review_reason_problem.isVisible()
        if not pending_reason:
            if self.next_review.value() != header.effective_review_date:
                self.next_review.set_value(header.effective_review_date)
            if self.review_reason.text().strip() != header.next_review_reason:
                self.review_reason.setText(header.next_review_reason)
        self._loading = False
        rule = (
            "3 months after an initial conference"
            if self.conference.conference_type.is_initial
            else "6 months after a review"
        )
        self.computed_label.setText(
            f"Computed from the clocks: {show_date(header.computed_review_date)} ({rule}, on a working day)."
        )
        self._update_reason_state()

    def _update_reason_state(self) -> None:
        header = self.header
        differs = header is not None and self.next_review.value() != header.computed_review_date
        self.review_reason.setEnabled(differs)
        self.reset_review.setEnabled(differs)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"plan", "*"}:
            self.refresh()

    # Actions

    def least_height_for_width(self, width: int) -> int:
        """The least height at `width`, counting the actions box with its rows as wrapped there (Qt's
        minimum counts them unwrapped and the box was then squeezed over its table)."""
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        box = self.actions_box
        box_least = max(box.minimumSizeHint().height(), box.heightForWidth(inner))
        lower = self.lower_part.minimumSizeHint().height()
        return box_least + layout.spacing() + lower + margins.top() + margins.bottom()

    def _least_table_height(self) -> int:
        """Room for the header and LEAST_ROWS rows of three lines: the table is never a sliver."""
        header = self.table.horizontalHeader().sizeHint().height()
        return header + LEAST_ROWS * self._row_fitter.cap() + 2 * self.table.frameWidth()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_row_fitter"):
            self.table.setMinimumHeight(self._least_table_height())

    # Who may read each action (issue 18) ---------------------------------------------------------------

    def _people(self) -> dict[str, str]:
        if self.conference is None:
            return {}
        return {i.person_id: i.person_name for i in self.services.attendance.invitations(self.conference.id)}

    def _action_target(self) -> Target | None:
        index = self.table.currentIndex()
        if self.conference is None or not index.isValid() or index.row() >= self.model.rowCount():
            return None
        chosen = self.model.action(index.row())
        action = next((a for a in self.services.plans.actions(self.conference.id) if a.id == chosen.id), None)
        if action is None:
            return None
        return Target(
            action.audience,
            lambda a: self.services.audiences.set_action(action.id, a),
            f"the action “{action.what[:40]}”",
            self._people(),
        )

    def _run_mark(self, command: SetAudienceCommand) -> bool:
        command.hub, command.changes = self.hub, self.services.ctx.take_changes
        return self.runner.run(command, on_refused=self._refused)

    def _show_action_problem(self, message: str) -> None:
        show_problems(self.table_problem, [message] if message else [])

    def _refused(self, error: DomainError) -> None:
        """A change the services refused (invalid, the record final, a reading role): said by the table."""
        if isinstance(error, ValidationError):
            self._show_action_problem(" ".join(p.message for p in error.problems))
        else:
            self._show_action_problem(f"⚠ Not saved: {error}")

    def _edit_action(self, action: PlanAction, new: PlanActionInput) -> None:
        command = EditActionCommand(
            self.services,
            self.hub,
            action,
            new,
            shown=self.refresh,
            reading=lambda: self._action_read(action),
        )
        self.runner.run(command, on_refused=lambda error: self._edit_refused(error, command))

    def _action_read(self, action: PlanAction) -> ReadAs:
        """What the table shows now of `action` (reloaded since it was edited, when stored meanwhile)."""
        shown = (self.model.action(row) for row in range(self.model.rowCount()))
        now = next((a for a in shown if a.id == action.id), action)
        return ReadAs(now.version, action_values(now.as_input()))

    def _edit_refused(self, error: DomainError, command: EditActionCommand) -> None:
        if not isinstance(error, EditConflict):
            self._refused(error)
            return
        self._held = command
        self._show_action_problem("⚠ Not saved yet: choose below which version to keep.")
        self.conflict_panel.show_conflicts(error, action_conflicts(error, command.action_id))

    def _resolve(self, keep_mine: bool) -> None:
        """Theirs where chosen, this desktop's change elsewhere."""
        command, self._held = self._held, None
        panel = (
            self.header_conflict_panel if isinstance(command, SavePlanHeaderCommand) else self.conflict_panel
        )
        grid = panel.grid
        if command is None or grid is None or not isinstance(command.error, EditConflict):
            return
        self._show_action_problem("")
        theirs = panel.fields_chosen_theirs()
        if keep_mine or len(theirs) < len(grid.conflicts):
            command.new = with_theirs(command.new, command.error, theirs)
            self.runner.resolve(command, keep_mine=True)
        else:
            self.runner.resolve(command, keep_mine=False)
        if isinstance(command, SavePlanHeaderCommand):
            self.refresh()  # the fields show the plan as stored now

    def add_action(self) -> bool:
        if self.conference is None:
            return False
        data = PlanActionInput(what=self.new_action.text())
        problems = validate_action(data)
        show_problems(self.action_problem, [p.message for p in problems])
        if problems:
            return False
        # The words stay in the field until the records hold them (kept and retried while they are busy).
        command = AddActionCommand(self.services, self.hub, self.conference.id, data)
        stored = self.runner.run(
            command, on_stored=lambda _c: self.new_action.clear(), on_refused=self._refused
        )
        return stored

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            command = RemoveActionCommand(self.services, self.hub, self.model.action(index.row()))
            self.runner.run(command, on_refused=self._refused)

    def draft_actions(self) -> int:
        if self.conference is None:
            return 0
        steps = [s for s in self.next_steps() if s.strip()]
        if not steps:
            self.draft_note.setText("The map has no “what needs to happen” items to draft from yet.")
            return 0
        command = DraftActionsCommand(self.services, self.hub, self.conference.id, steps)
        if not self.runner.run(command, on_refused=self._refused):
            self.draft_note.setText("Not drafted yet: the records could not take it (see the status bar).")
            return 0
        added = len(command.created or [])
        self.draft_note.setText(
            f"{added} action{'s' if added != 1 else ''} drafted from “what needs to happen”: "
            "fill in who and by when."
            if added
            else "Every “what needs to happen” item is already in the plan."
        )
        return added

    def carry_forward(self) -> int:
        if self.conference is None:
            return 0
        if self.services.plans.last_plan_source(self.conference.id) is None:
            self.draft_note.setText("There is no earlier plan for this family to carry forward.")
            return 0
        command = CarryForwardCommand(self.services, self.hub, self.conference.id)
        if not self.runner.run(command, on_refused=self._refused):
            self.draft_note.setText("Not carried forward yet: the records could not take it.")
            return 0
        added = len(command.result.actions) if command.result else 0
        self.draft_note.setText(
            f"{added} action{'s' if added != 1 else ''} not yet done carried forward from the last plan, "
            "with its bottom lines and contingency where this plan had none."
        )
        return added

    # Header

    def _current_input(self) -> PlanHeaderInput:
        assert self.header is not None
        return self.header.as_input()

    def _push_header(self, new: PlanHeaderInput, field: str, label: str) -> None:
        if self.conference is None or self.header is None:
            return
        problems = validate_plan_header(new, self.conference.scheduled_date, self.header.computed_review_date)
        for name, problem in self._header_problems.items():
            show_problems(problem, [p.message for p in problems if p.field == name])
        if problems:
            return
        old = self._current_input()
        if old == new:
            return
        command = SavePlanHeaderCommand(
            self.services,
            self.hub,
            self.conference.id,
            old,
            new,
            field,
            label,
            self._header_read,
            self._header_saved,
        )
        self.runner.run(command, on_refused=lambda error: self._header_refused(field, error, command))

    def _header_read(self) -> ReadAs:
        header = self.header
        return ReadAs(header.version, header_values(header.as_input())) if header else ReadAs(0)

    def _header_saved(self, stored: PlanHeader | None) -> None:
        """The header as stored (None: someone else's, taken): the next change is based on it."""
        if stored is None:
            self.refresh()
        else:
            self.header = stored

    def _header_refused(
        self, field: str, error: DomainError, command: SavePlanHeaderCommand | None = None
    ) -> None:
        if isinstance(error, EditConflict) and command is not None:
            self._held = command
            panel = self.header_conflict_panel
            panel.show_conflicts(error, header_conflicts(error, command.conference_id))
            # The lower part only asks for its minimum height: the grid's wrapped lines need their room.
            panel.setMinimumHeight(panel.heightForWidth(max(panel.width(), self.text_box.width() - 24)))
            return
        problems = list(error.problems) if isinstance(error, ValidationError) else []
        for name, label in self._header_problems.items():
            messages = [p.message for p in problems if p.field == name]
            if not problems and name == {"next_review": "next_review_date"}.get(field, field):
                messages = [f"⚠ Not saved: {error}"]
            show_problems(label, messages)

    def _save_field(self, field: str, label: str) -> None:
        if self._loading or self.header is None:
            return
        value: Any = {
            "bottom_lines": lambda: self.bottom_lines.toPlainText(),
            "contingency": lambda: self.contingency.toPlainText(),
            "core_group_date": lambda: self.core_group.value(),
        }[field]()
        current = self._current_input()
        self._push_header(replace(current, **{field: value}), field, label)

    def _save_review(self) -> None:
        self._update_reason_state()
        if self._loading or self.header is None:
            return
        current = self._current_input()
        new = replace(
            current,
            next_review_date=self.next_review.value(),
            next_review_reason=self.review_reason.text() if self.review_reason.isEnabled() else "",
        )
        self._push_header(new, "next_review", "next review date")

    def _use_computed(self) -> None:
        if self.header is not None:
            self.review_reason.clear()
            self.next_review.setDate(to_qdate(self.header.computed_review_date))


class _FixedMinimum(QWidget):
    """A container that asks its parent layout for its minimum height, not a height for its width (the
    box layout would otherwise treat its wrapped labels' preferred height as a minimum)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _stack(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for widget in widgets:
        layout.addWidget(widget)
    return holder
