"""The decision panel: one tab per child in the family, the checks before deciding shown in place above
them. A decision is drafted on screen and recorded with one button (an undoable command)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.calendar import WorkingDayCalendar
from iro_desktop.domain.categories import Category
from iro_desktop.domain.concurrency import EditConflict
from iro_desktop.domain.conference import Conference
from iro_desktop.domain.decisions import (
    Decision,
    DecisionInput,
    Outcome,
    first_cin_meeting_due,
    outcomes_for,
)
from iro_desktop.domain.dissent import Dissent, DissentInput, validate_dissent
from iro_desktop.domain.errors import DomainError, EnvironmentProblem, Problem, ValidationError
from iro_desktop.domain.family import Child
from iro_desktop.domain.local_time import local
from iro_desktop.domain.plan import PlanPeriod
from iro_desktop.domain.pre_decision import Check, PendingDecision
from iro_desktop.domain.significant_factors import Factor
from iro_desktop.domain.text_rules import date_in_range, range_message
from iro_desktop.services.live_updates import is_server_away
from iro_desktop.services.registry import Services
from iro_desktop.ui.audience_command import SetAudienceCommand
from iro_desktop.ui.audience_strip import AudienceMarker, AudienceStrip, Target
from iro_desktop.ui.conflict_panel import ConflictPanel
from iro_desktop.ui.decisions.commands import (
    AddDissentCommand,
    EditDissentCommand,
    RecordDecisionCommand,
    RemoveDissentCommand,
    read_of,
    with_theirs,
)
from iro_desktop.ui.decisions.conflicts import decision_conflicts, dissent_conflicts
from iro_desktop.ui.decisions.draft_keeper import DecisionDraftKeeper
from iro_desktop.ui.decisions.fields import OptionalDateEdit, name_combo, problem_label, show_problems
from iro_desktop.ui.decisions.models import FactorChecklistModel, dissent_model, plan_history_model, show_date
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import runner_for
from iro_desktop.ui.widgets import FittedTextScroll, isolate, keep_ltr, table_view, wrapping_row

CALENDAR = WorkingDayCalendar()

# What the checks before the decision depend on besides the decisions: who came (quoracy), the chair's
# reason to go on (conferences), the local quoracy rule, the map's danger statements, the plan.
CHECK_TOPICS = frozenset({"attendance", "conferences", "rules", "map", "plan"})

CHECK_KINDS = {
    "quoracy": "Quoracy",
    "action_owner": "Plan",
    "action_date": "Plan",
    "plan_actions": "Plan",
    "bottom_lines": "Plan",
    "step_down_cin_date": "Step-down",
    "no_open_plan": "Plan history",
}


def _text_edit(name: str, height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setAccessibleName(name)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


def _line_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    return edit


OUTAGE_NOT_RECORDED = (
    "⚠ Not recorded yet: the team server can't be reached. What you chose and typed is kept on this "
    "computer as a draft; press Record again when the server is back."
)


class ChildDecisionForm(QWidget):
    """The decision for one child: outcome, category with its definition, significant factors, step-down
    date, who decided; then dissent. Problems show under the field they concern."""

    draft_changed = Signal()

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        stack: QUndoStack,
        conference: Conference,
        child: Child,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.stack = stack
        self.runner = runner_for(stack, hub)  # stores first; what the records can't take is retried
        self.conference = conference
        self.child = child
        self.decision: Decision | None = None
        self._loading = False
        self.setAccessibleName(f"Decision for {child.full_name}")

        outer = QVBoxLayout(self)
        # Side by side when there is room, one above the other when not (never a sideways scroll).
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        outer.addLayout(columns)
        left = QVBoxLayout()
        right = QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        # --- The decision ---
        box = QGroupBox(f"Decision for {child.full_name}")
        form = QFormLayout(box)
        self.current_category: Category | None = None
        self.plan_note = QLabel()
        self.plan_note.setWordWrap(True)
        self.plan_note.setAccessibleName("The child's plan going into this conference")
        form.addRow(self.plan_note)
        # Issue 19: the council's consent to home-educate, shown in the child's header when it applies.
        self.home_education = QLabel()
        self.home_education.setWordWrap(True)
        self.home_education.setAccessibleName(f"Home education for {child.full_name}")
        self.home_education.setVisible(False)
        form.addRow(self.home_education)
        self.outcome = QComboBox()
        name_combo(self.outcome, f"Decision for {child.full_name}")
        self.outcome.addItem("Choose the decision…", None)
        for outcome in outcomes_for(conference.conference_type):
            self.outcome.addItem(outcome.label, outcome.value)
        self.outcome_problem = problem_label("the decision")
        form.addRow(self._buddy("Decisio&n:", self.outcome), self._stack(self.outcome, self.outcome_problem))

        self.category_box = QWidget()
        category_layout = QVBoxLayout(self.category_box)
        category_layout.setContentsMargins(0, 0, 0, 0)
        radios = QHBoxLayout()
        self.category_group = QButtonGroup(self)
        self.category_buttons: dict[Category, QRadioButton] = {}
        for category in Category:
            button = QRadioButton(f"{category.label} ({category.value})")
            button.setAccessibleName(f"Category: {category.label}")
            button.setToolTip(category.definition)
            self.category_group.addButton(button)
            self.category_buttons[category] = button
            radios.addWidget(button)
        radios.addStretch(1)
        category_layout.addLayout(radios)
        self.definition = QLabel()
        self.definition.setWordWrap(True)
        self.definition.setAccessibleName("Definition of the chosen category")
        self.definition.setFrameShape(QFrame.Shape.StyledPanel)
        self.definition.setMargin(6)
        category_layout.addWidget(self.definition)
        self.category_problem = problem_label("the category")
        category_layout.addWidget(self.category_problem)
        self.multiple_reason = _text_edit("Why more than one category")
        self.multiple_reason.setPlaceholderText("Why no single category describes the harm (required)")
        self.multiple_reason_label = QLabel("Why multiple:")
        category_layout.addWidget(self.multiple_reason_label)
        category_layout.addWidget(self.multiple_reason)
        self.multiple_problem = problem_label("the reason for multiple")
        category_layout.addWidget(self.multiple_problem)
        self.category_label = QLabel("Category of harm:")
        form.addRow(self.category_label, self.category_box)

        self.cin_date = OptionalDateEdit("First child in need meeting")
        self.cin_date.set_earliest(conference.scheduled_date)
        if conference.scheduled_date is None or date_in_range(conference.scheduled_date):
            due = first_cin_meeting_due(conference.scheduled_date, CALENDAR)
            hint = f"Within 10 working days: by {show_date(due)}."
        else:  # a date no screen may be broken by (issue 13): said on the row instead
            hint = "⚠ " + range_message(f"{conference.scheduled_date:%Y-%m-%d}", "The conference date")
        self.cin_hint = QLabel(hint)
        self.cin_problem = problem_label("the child in need meeting")
        self.cin_row = self._stack(self.cin_date, self.cin_hint, self.cin_problem)
        self.cin_label = QLabel("First CIN meeting:")
        self.cin_label.setBuddy(self.cin_date)
        form.addRow(self.cin_label, self.cin_row)

        self.rationale = _text_edit("Reasons for the decision")
        self.rationale.setPlaceholderText("The conference's reasons, in words the family will understand")
        self.rationale_problem = problem_label("the reasons")
        # Issue 18: who may read the reasons, in words beside them; Ctrl+Shift+H holds them back.
        self.reasons_mark = QLabel()
        self.reasons_mark.setWordWrap(True)
        self.reasons_mark.hide()
        self.reasons_strip = AudienceStrip("the reasons")
        form.addRow(
            self._buddy("Rea&sons:", self.rationale),
            self._stack(self.rationale, self.reasons_mark, self.reasons_strip, self.rationale_problem),
        )

        self.decided_by = _line_edit("Decided by (chair)")
        self.decided_by.setText(conference.chair_name)
        self.decided_by_problem = problem_label("who decided")
        form.addRow(
            self._buddy("Decided &by:", self.decided_by),
            self._stack(self.decided_by, self.decided_by_problem),
        )

        self.record_button = QPushButton(f"&Record the decision for {child.given_name or child.full_name}")
        self.record_button.setAccessibleName(f"Record the decision for {child.full_name}")
        self.status = QLabel()
        self.status.setAccessibleName("Decision status")
        self.status.setWordWrap(True)
        form.addRow(wrapping_row(self.record_button, self.status, expanding=(self.status,)))
        # Issue 16: another desktop changed this decision too; both shown here, the form left as typed.
        self.conflict_panel = ConflictPanel()
        self.conflict_panel.resolved.connect(self._resolve)
        self._held: RecordDecisionCommand | None = None
        form.addRow(self.conflict_panel)
        left.addWidget(box)

        # --- Dissent ---
        dissent_box = QGroupBox("Dissent")
        dissent_layout = QVBoxLayout(dissent_box)
        self.people_names: dict[str, str] = {}  # the conference's people, for the marks (issue 18)
        self.dissents = dissent_model(self.people_names)
        self.dissent_table = table_view(self.dissents, f"Dissent about the decision for {child.full_name}")
        self.dissent_table.setMaximumHeight(110)
        dissent_layout.addWidget(self.dissent_table)
        self.dissent_strip = AudienceStrip("the selected dissent")
        self.dissent_problem = problem_label("who may read the dissent")
        dissent_layout.addWidget(self.dissent_strip)
        dissent_layout.addWidget(self.dissent_problem)
        dform = QFormLayout()
        self.d_name = _line_edit("Name of the person dissenting")
        self.d_agency = _line_edit("Their agency")
        self.d_view = _line_edit("The view they take")
        self.d_reason = _line_edit("Why they disagree")
        self.d_response = _line_edit("Chair's response")
        self.d_problems: dict[str, QLabel] = {}
        for label, field, edit in (
            ("Name:", "name", self.d_name),
            ("Agency:", "agency", self.d_agency),
            ("Their view:", "view", self.d_view),
            ("Why:", "reason", self.d_reason),
            ("Chair's response:", "chair_response", self.d_response),
        ):
            problem = problem_label(f"dissent {field}")
            self.d_problems[field] = problem
            dform.addRow(self._buddy(label, edit), self._stack(edit, problem))
        dissent_layout.addLayout(dform)
        self.add_dissent_button = QPushButton("Add d&issent")
        self.add_dissent_button.setAccessibleName("Add dissent")
        self.remove_dissent_button = QPushButton("Remove selected dissent")
        self.remove_dissent_button.setAccessibleName("Remove selected dissent")
        self.update_dissent_button = QPushButton("Save changes to selected dissent")
        self.update_dissent_button.setAccessibleName("Save changes to the selected dissent")
        self.update_dissent_button.setToolTip(
            "Select a dissent above to bring it into the fields, change it, then save"
        )
        dissent_layout.addWidget(
            wrapping_row(self.add_dissent_button, self.remove_dissent_button, self.update_dissent_button)
        )
        # Issue 16: the dissent changed on another desktop too; both shown here, the fields as typed.
        self.dissent_conflict_panel = ConflictPanel()
        self.dissent_conflict_panel.setAccessibleName("Dissent changed by someone else too")
        self.dissent_conflict_panel.resolved.connect(self._resolve_dissent)
        self._held_dissent: EditDissentCommand | None = None
        self._dissent_base: Dissent | None = None  # the dissent as the fields were filled from it
        dissent_layout.addWidget(self.dissent_conflict_panel)
        left.addWidget(dissent_box)
        left.addStretch(1)

        # --- Right: significant factors and plan history ---
        factors_box = QGroupBox("Significant factors")
        factors_layout = QVBoxLayout(factors_box)
        self.factors = FactorChecklistModel(self)
        self.factor_view = QListView()
        self.factor_view.setModel(self.factors)
        self.factor_view.setAccessibleName(f"Significant factors for {child.full_name}")
        factors_layout.addWidget(self.factor_view)
        self.factors_problem = problem_label("significant factors")
        factors_layout.addWidget(self.factors_problem)
        right.addWidget(factors_box, 3)
        history_box = QGroupBox("Plan history")
        history_layout = QVBoxLayout(history_box)
        self.history = plan_history_model(services.ctx.today())
        self.history_table = table_view(self.history, f"Plan history for {child.full_name}")
        history_layout.addWidget(self.history_table)
        self.history_summary = QLabel()
        self.history_summary.setWordWrap(True)
        self.history_summary.setAccessibleName("Plan history summary")
        history_layout.addWidget(self.history_summary)
        right.addWidget(history_box, 2)

        self._problem_labels = {
            "outcome": self.outcome_problem,
            "category": self.category_problem,
            "multiple_reason": self.multiple_problem,
            "cin_meeting_date": self.cin_problem,
            "decided_by": self.decided_by_problem,
            "significant_factors": self.factors_problem,
            "rationale": self.rationale_problem,
        }

        self.outcome.currentIndexChanged.connect(self._on_draft_changed)
        self.category_group.buttonToggled.connect(lambda *_: self._on_draft_changed())
        self.cin_date.dateChanged.connect(lambda *_: self._on_draft_changed())
        self.record_button.clicked.connect(self.record)
        self.add_dissent_button.clicked.connect(self.add_dissent)
        self.remove_dissent_button.clicked.connect(self.remove_dissent)
        self.update_dissent_button.clicked.connect(self.update_dissent)
        self.dissent_table.selectionModel().selectionChanged.connect(lambda *_: self._load_selected_dissent())
        self.drafts = DecisionDraftKeeper(self)  # nothing typed here is lost before it is recorded
        run = self._run_mark
        self.reasons_marker = AudienceMarker(
            self.rationale,
            self.reasons_strip,
            self.reasons_mark,
            self._reasons_target,
            run,
            lambda text: show_problems(self.rationale_problem, [text] if text else []),
            "Record the decision first, then press Ctrl+Shift+H to hold its reasons back.",
        )
        self.dissent_marker = AudienceMarker(
            dissent_box,
            self.dissent_strip,
            None,
            self._dissent_target,
            run,
            lambda text: show_problems(self.dissent_problem, [text] if text else []),
            "Select a dissent in the list (add it first), then press Ctrl+Shift+H.",
        )
        self.dissent_table.selectionModel().selectionChanged.connect(lambda *_: self.dissent_marker.refresh())

    # Layout helpers

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """The two columns go one above the other when the form is narrower than both need."""
        super().resizeEvent(event)
        left, right = self.columns.itemAt(0), self.columns.itemAt(1)
        need = 0
        if left is not None and right is not None:
            need = left.minimumSize().width() + right.minimumSize().width() + self.columns.spacing()
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        wide = event.size().width() - margins.left() - margins.right() >= need
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)

    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in widgets:
            layout.addWidget(widget)
        return holder

    # State

    def selected_outcome(self) -> Outcome | None:
        value = self.outcome.currentData()
        return Outcome(value) if value else None

    def selected_category(self) -> Category | None:
        for category, button in self.category_buttons.items():
            if button.isChecked():
                return category
        return None

    def select_outcome(self, outcome: Outcome | None) -> None:
        index = self.outcome.findData(outcome.value if outcome else None)
        self.outcome.setCurrentIndex(max(index, 0))

    def select_category(self, category: Category | None) -> None:
        self.category_group.setExclusive(False)
        for key, button in self.category_buttons.items():
            button.setChecked(key is category)
        self.category_group.setExclusive(True)

    def draft(self) -> DecisionInput:
        return DecisionInput(
            outcome=self.selected_outcome(),
            decided_by=self.decided_by.text(),
            category=self.selected_category(),
            multiple_reason=self.multiple_reason.toPlainText(),
            significant_factors=self.factors.checked_codes(),
            cin_meeting_date=self.cin_date.value(),
            rationale=self.rationale.toPlainText(),
        )

    def pending(self) -> PendingDecision:
        outcome = self.selected_outcome()
        on_plan = self.current_category is not None if self.conference.conference_type.is_review else None
        return PendingDecision(self.child.id, self.child.full_name, outcome, self.cin_date.value(), on_plan)

    def load(self, decision: Decision | None, factors: tuple[Factor, ...], allow_multiple: bool) -> None:
        """Show the stored decision (or an empty draft) for this child, then any unrecorded changes."""
        self.drafts.flush()
        self._loading = True
        self.decision = decision
        self._factors = factors
        self.category_buttons[Category.MULTIPLE].setVisible(
            allow_multiple or (decision is not None and decision.category is Category.MULTIPLE)
        )
        self._allow_multiple = allow_multiple
        if decision is not None:
            self.select_outcome(decision.outcome)
            self.select_category(decision.category)
            self.multiple_reason.setPlainText(decision.multiple_reason)
            self.cin_date.set_value(decision.cin_meeting_date)
            self.rationale.setPlainText(decision.rationale)
            self.decided_by.setText(decision.decided_by)
            self.factors.set_factors(factors, decision.significant_factors)
            self.dissents.set_items(decision.dissents)
        else:
            self.factors.set_factors(factors, self.factors.checked_codes())
        self._loading = False
        self._update_status()
        self._update_visibility()
        self.drafts.restore()
        self.reasons_marker.refresh()

    def set_dissents(self, dissents: list[Dissent]) -> None:
        chosen = self.selected_dissent()
        self.dissents.set_items(dissents)
        self.update_dissent_button.setEnabled(False)
        ids = [d.id for d in dissents]
        if chosen is not None and chosen.id in ids:  # the one being marked stays selected (issue 18)
            self.dissent_table.selectionModel().blockSignals(True)
            self.dissent_table.selectRow(ids.index(chosen.id))
            self.dissent_table.selectionModel().blockSignals(False)
        self.refresh_marks()

    # Who may read the reasons and each dissent (issue 18) ---------------------------------------------

    def _people(self) -> dict[str, str]:
        names = {i.person_id: i.person_name for i in self.services.attendance.invitations(self.conference.id)}
        self.people_names.clear()
        self.people_names.update(names)
        return names

    def _reasons_target(self) -> Target | None:
        decision = self.services.decisions.for_conference(self.conference.id).get(self.child.id)
        if decision is None:
            return None
        cid, child_id = self.conference.id, self.child.id
        return Target(
            decision.audience,
            lambda a: self.services.audiences.set_reasons(cid, child_id, a),
            f"the reasons for {self.child.given_name or self.child.full_name}'s decision",
            self._people(),
        )

    def _dissent_target(self) -> Target | None:
        chosen = self.selected_dissent()
        if chosen is None:
            return None
        dissent = next(
            (d for d in self.services.decisions.dissents(self.conference.id) if d.id == chosen.id), None
        )
        if dissent is None:
            return None
        return Target(
            dissent.audience,
            lambda a: self.services.audiences.set_dissent(dissent.id, a),
            f"the dissent from {dissent.name}",
            self._people(),
        )

    def _run_mark(self, command: SetAudienceCommand) -> bool:
        command.hub, command.changes = self.hub, self.services.ctx.take_changes
        stored = self.runner.run(command, on_refused=self._refused)
        if stored:
            self.set_dissents(self.services.decisions.dissents(self.conference.id, self.child.id))
        return stored

    def refresh_marks(self) -> None:
        self._people()
        self.reasons_marker.refresh()
        self.dissent_marker.refresh()

    def set_history(self, periods: list[PlanPeriod]) -> None:
        self.history.set_items(periods)
        if not periods:
            self.history_summary.setText("No earlier child protection plans recorded.")
        else:
            ended = [p for p in periods if not p.is_open]
            text = f"{len(periods)} plan period{'s' if len(periods) != 1 else ''} recorded."
            if len(periods) > 1:
                text += " This is a repeat plan."
            elif ended:
                text += " The last plan has ended."
            self.history_summary.setText(text)

    def _update_status(self) -> None:
        decision = self.decision
        if decision is None:
            self.status.setText("Not recorded yet.")
        else:
            decided = local(decision.decided_at)  # stored in UTC; read in England's time
            when = f"{decided:%d %b %Y} {decided:%H:%M}"
            category = f", {decision.category.label.lower()}" if decision.category else ""
            self.status.setText(
                f"✔ Recorded: {decision.outcome.label}{category}. By {decision.decided_by}, {when}."
            )

    def _update_visibility(self) -> None:
        outcome = self.selected_outcome()
        on_plan = outcome is not None and outcome.child_on_plan_after
        self.category_box.setVisible(on_plan)
        self.category_label.setVisible(on_plan)
        category = self.selected_category()
        self.definition.setText(
            f"{category.label}: {category.definition}"
            if category
            else "Choose the one category that best describes the harm. Hover over a category, or choose "
            "it, to read its definition."
        )
        multiple = category is Category.MULTIPLE
        self.multiple_reason.setVisible(multiple)
        self.multiple_reason_label.setVisible(multiple)
        self.rationale.setPlaceholderText(
            "How the safety goals have been met (required to end the plan)"
            if outcome is not None and outcome.needs_goals_met_statement
            else "The conference's reasons, in words the family will understand"
        )
        step_down = outcome is not None and outcome.steps_down_to_cin
        self.cin_row.setVisible(step_down)
        self.cin_label.setVisible(step_down)

    def set_home_education(self, text: str) -> None:
        """The home-education flag in words (empty: hidden), as the store knows it now."""
        self.home_education.setText(text)
        self.home_education.setVisible(bool(text))

    def set_current_category(self, category: Category | None) -> None:
        """The category of the child's plan going into this conference (None: not on a plan)."""
        self.current_category = category
        if category is not None:
            self.plan_note.setText(
                f"On a child protection plan going into this conference: {category.label.lower()}."
            )
        elif self.conference.conference_type.is_review:
            self.plan_note.setText(
                "ⓘ No open plan is recorded for this child going into this review. Check the plan history."
            )
        else:
            self.plan_note.setText("Not on a child protection plan going into this conference.")

    def _on_draft_changed(self) -> None:
        outcome = self.selected_outcome()
        if (
            not self._loading
            and outcome is Outcome.PLAN_CONTINUES
            and self.selected_category() is None
            and self.current_category is not None
        ):
            self.select_category(self.current_category)
        self._update_visibility()
        if not self._loading:
            self.draft_changed.emit()

    def show_problems(self, problems: list[Problem]) -> None:
        for field, label in self._problem_labels.items():
            show_problems(label, [p.message for p in problems if p.field == field])

    # Actions

    def record(self) -> bool:
        """Record the drafted decision. Problems are shown under their fields; nothing is stored then."""
        data = self.draft()
        outage = self.services.outage
        if outage is not None and outage.server_away:  # known to be away: no wait on the network
            return self._kept_not_recorded()
        try:
            problems = self.services.decisions.problems(self.conference.id, self.child.id, data)
        except EnvironmentProblem as problem:
            if outage is None or not is_server_away(problem):
                raise
            return self._kept_not_recorded()
        self.show_problems(problems)
        if problems:
            return False
        conference_id, child = self.conference.id, self.child
        command = RecordDecisionCommand(
            self.services,
            self.hub,
            conference_id,
            child.id,
            data,
            self.decision,
            child.full_name,
            shown=self._show_stored,
            reading=lambda: read_of(self.decision),
        )

        def stored(_command: object) -> None:
            self.decision = command.recorded  # the next change is based on what this one stored
            self.drafts.recorded()

        # Until it is stored (the records busy), what was chosen and typed stays in the form.
        return self.runner.run(
            command, on_stored=stored, on_refused=lambda error: self._refused(error, command)
        )

    def _kept_not_recorded(self) -> bool:
        """Issue 16 item 4: Record while the team server is away. Not recorded (the concurrency rule needs
        the server); the form keeps everything, and its draft goes into this computer's encrypted outage
        journal now (stored as the draft on the server when it is back), so a crash or restart loses
        nothing. Said beside the Record button, never a modal."""
        self.drafts.save()
        self.status.setText(OUTAGE_NOT_RECORDED)
        return False

    def _refused(self, error: DomainError, command: RecordDecisionCommand | None = None) -> None:
        """Said in place: under the fields for invalid input, beside the Record button otherwise; a
        change someone else made too, both versions under the button (never a modal)."""
        if isinstance(error, EditConflict) and command is not None:
            self._held = command
            self.status.setText("⚠ Not recorded yet: choose below which version to keep.")
            self.conflict_panel.show_conflicts(error, decision_conflicts(error, self.child.id))
        elif isinstance(error, ValidationError):
            self.show_problems(list(error.problems))
        else:
            self.status.setText(f"⚠ Not recorded: {error}")

    def _resolve(self, keep_mine: bool) -> None:
        """The chair chose for each field: theirs where chosen, what is in the form now elsewhere."""
        command, self._held = self._held, None
        grid = self.conflict_panel.grid
        if command is None or grid is None or not isinstance(command.error, EditConflict):
            return
        conflict = command.error
        theirs = self.conflict_panel.fields_chosen_theirs()
        if keep_mine or len(theirs) < len(grid.conflicts):
            command.new = with_theirs(self.draft(), conflict, theirs)
            self.runner.resolve(command, keep_mine=True)
        else:
            self.runner.resolve(command, keep_mine=False)

    def _show_stored(self) -> None:
        """Theirs taken: the form shows the decision as stored now."""
        self.drafts.discard()
        stored = self.services.decisions.for_conference(self.conference.id).get(self.child.id)
        self.load(stored, self._factors, self._allow_multiple)
        self.status.setText("Someone else's decision kept.")

    def dissent_draft(self) -> DissentInput:
        return DissentInput(
            self.d_name.text(),
            self.d_agency.text(),
            self.d_view.text(),
            self.d_reason.text(),
            self.d_response.text(),
        )

    def add_dissent(self) -> bool:
        data = self.dissent_draft()
        problems = validate_dissent(data)
        for field, label in self.d_problems.items():
            show_problems(label, [p.message for p in problems if p.field == field])
        if problems:
            return False

        def stored(_command: object) -> None:
            for edit in self._dissent_edits():
                edit.clear()
            self.drafts.save()

        command = AddDissentCommand(self.services, self.hub, self.conference.id, self.child.id, data)
        return self.runner.run(command, on_stored=stored, on_refused=self._refused)

    def _dissent_edits(self) -> tuple[QLineEdit, ...]:
        return (self.d_name, self.d_agency, self.d_view, self.d_reason, self.d_response)

    def selected_dissent(self) -> Dissent | None:
        rows = self.dissent_table.selectionModel().selectedRows()
        return self.dissents.item(rows[0].row()) if rows else None

    def _load_selected_dissent(self) -> None:
        dissent = self.selected_dissent()
        self.update_dissent_button.setEnabled(dissent is not None)
        if dissent is None:
            return
        self._dissent_base = dissent  # what a change typed into the fields is based on (issue 16)
        values = (dissent.name, dissent.agency, dissent.view, dissent.reason, dissent.chair_response)
        for edit, value in zip(self._dissent_edits(), values, strict=True):
            edit.setText(value)

    def update_dissent(self) -> bool:
        dissent = self.selected_dissent()
        if dissent is None:
            return False
        data = self.dissent_draft()
        problems = validate_dissent(data)
        for field, label in self.d_problems.items():
            show_problems(label, [p.message for p in problems if p.field == field])
        if problems:
            return False

        def stored(_command: object) -> None:
            for edit in self._dissent_edits():
                edit.clear()
            self._dissent_base = None

        base = self._dissent_base if self._dissent_base and self._dissent_base.id == dissent.id else dissent
        command = EditDissentCommand(
            self.services, self.hub, base, data, shown=lambda: self._show_stored_dissent(dissent.id)
        )
        return self.runner.run(
            command, on_stored=stored, on_refused=lambda error: self._dissent_refused(error, command)
        )

    def _dissent_refused(self, error: DomainError, command: EditDissentCommand) -> None:
        """Someone else changed the same words of this dissent: both under the dissent's buttons."""
        if isinstance(error, EditConflict):
            self._held_dissent = command
            self.dissent_conflict_panel.show_conflicts(error, dissent_conflicts(error, command.dissent_id))
        elif isinstance(error, ValidationError):
            for field, label in self.d_problems.items():
                show_problems(label, [p.message for p in error.problems if p.field == field])
        else:
            self._refused(error)

    def _resolve_dissent(self, keep_mine: bool) -> None:
        """Theirs where chosen, what is in the fields now elsewhere; all theirs: the fields show theirs."""
        command, self._held_dissent = self._held_dissent, None
        grid = self.dissent_conflict_panel.grid
        if command is None or grid is None or not isinstance(command.error, EditConflict):
            return
        theirs = self.dissent_conflict_panel.fields_chosen_theirs()
        if keep_mine or len(theirs) < len(grid.conflicts):
            command.new = with_theirs(self.dissent_draft(), command.error, theirs)
            self.runner.resolve(command, keep_mine=True)
        else:
            self.runner.resolve(command, keep_mine=False)

    def _show_stored_dissent(self, dissent_id: str) -> None:
        """Theirs taken: the fields show the dissent as stored now."""
        stored = next(
            (d for d in self.services.decisions.dissents(self.conference.id) if d.id == dissent_id), None
        )
        if stored is not None:
            self._dissent_base = stored  # the fields show theirs: the next change is based on it
            values = (stored.name, stored.agency, stored.view, stored.reason, stored.chair_response)
            for edit, value in zip(self._dissent_edits(), values, strict=True):
                edit.setText(value)

    def remove_dissent(self) -> None:
        rows = self.dissent_table.selectionModel().selectedRows()
        if rows:
            command = RemoveDissentCommand(self.services, self.hub, self.dissents.item(rows[0].row()))
            self.runner.run(command, on_refused=self._refused)


class DecisionPanel(QWidget):
    """Checks before deciding (in place) above one tab per child."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        stack: QUndoStack,
        extra_checks: Callable[[], list[Check]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.stack = stack
        self.extra_checks = extra_checks or (lambda: [])
        self.conference: Conference | None = None
        self.forms: list[ChildDecisionForm] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.checks_box = QGroupBox("Before the decision")
        checks_layout = QVBoxLayout(self.checks_box)
        self.checks_label = QLabel()
        self.checks_label.setWordWrap(True)
        self.checks_label.setTextFormat(Qt.TextFormat.PlainText)
        self.checks_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.checks_label.setAccessibleName("Checks before the decision")
        # Always four lines high (more scroll): the children's forms below never move as checks come and go.
        checks_scroll = FittedTextScroll(self.checks_label, max_lines=4, fixed=True)
        checks_scroll.setAccessibleName("Checks before the decision")
        self.checks_scroll = checks_scroll
        checks_layout.addWidget(checks_scroll)
        layout.addWidget(self.checks_box)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Children")
        layout.addWidget(self.tabs, 1)
        self.checks: list[Check] = []
        self._checks_stale = False
        hub.changed.connect(self._on_changed)

    def flush_drafts(self) -> None:
        """Store every child's unrecorded changes now (switching conference, closing the app)."""
        for form in self.forms:
            form.drafts.flush()

    def set_conference(self, conference: Conference | None) -> None:
        self.flush_drafts()
        self.conference = conference
        pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for page in pages:
            if page is not None:
                page.deleteLater()  # the scroll area owns its form
        self.forms = []
        if conference is None:
            self.checks_label.setText("Choose a conference.")
            return
        family = self.services.families.get(conference.family_id)
        for child in family.children:
            form = ChildDecisionForm(self.services, self.hub, self.stack, conference, child)
            keep_ltr(form)  # reasons written in English keep English order with an Arabic-script name first
            form.draft_changed.connect(self.refresh_checks)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form)
            scroll.setAccessibleName(child.full_name)
            self.tabs.addTab(scroll, isolate(child.full_name))
            self.forms.append(form)
        self.refresh()

    def refresh(self) -> None:
        if self.conference is None:
            return
        decisions = self.services.decisions.for_conference(self.conference.id)
        dissents = self.services.decisions.dissents(self.conference.id)
        factors = self.services.policy.significant_factors()
        allow_multiple = self.services.policy.allow_multiple()
        standing = self.services.fgdm.standing([f.child.id for f in self.forms])
        for index, form in enumerate(self.forms):
            decision = decisions.get(form.child.id)
            form.load(decision, factors, allow_multiple)
            form.set_dissents([d for d in dissents if d.child_id == form.child.id])
            form.set_history(self.services.decisions.plan_history(form.child.id))
            form.set_current_category(
                self.services.decisions.current_category(self.conference.id, form.child.id)
            )
            form.set_home_education(standing[form.child.id].text)
            mark = "✔ decided" if decision is not None else "not decided"
            self.tabs.setTabText(index, f"{isolate(form.child.full_name)} — {mark}")
        self.refresh_checks()

    def refresh_checks(self) -> None:
        if self.conference is None:
            return
        self.checks = self.services.decisions.checks(
            self.conference.id, [f.pending() for f in self.forms], self.extra_checks()
        )
        count = len(self.checks)
        self.checks_box.setTitle(
            f"Before the decision: {count} thing{'s' if count != 1 else ''} to check"
            if count
            else "Before the decision"
        )
        if not self.checks:
            self.checks_label.setText("✔ Nothing to check before the decision.")
        else:
            self.checks_label.setText(
                "\n".join(f"⚠ {CHECK_KINDS.get(c.kind, 'Check')}: {c.message}" for c in self.checks)
            )
        self.checks_scroll.fit()

    def _on_changed(self, topics: frozenset[str]) -> None:
        """Decisions re-read everything; attendance, quoracy (conferences, rules), the map and the plan
        change only the checks, which follow at once (never "Not quorate" under a quorate strip). While
        the page is hidden the checks wait until it is shown (typing on the map costs nothing here)."""
        if self.conference is None:
            return
        if topics & {"decisions", "policy", "*"}:
            self.refresh()
        elif topics & CHECK_TOPICS:
            if self.isVisible():
                self.refresh_checks()
            else:
                self._checks_stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        if self._checks_stale:
            self._checks_stale = False
            self.refresh_checks()
        super().showEvent(event)

    def form_for(self, child_id: str) -> ChildDecisionForm:
        return next(f for f in self.forms if f.child.id == child_id)

    def today(self) -> date:
        return self.services.ctx.today()
