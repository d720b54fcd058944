"""Alerts about a child's plan: raise one, record the manager's response and the outcome, escalate to
the next stage, see an alert's history; and the plan's RAG rating at its midway point."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.alerts import (
    FIRST_STAGE,
    LAST_STAGE,
    Alert,
    AlertReason,
    Rag,
    RaiseAlertInput,
    StageOutcome,
)
from iro_desktop.domain.calendar import long_date
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.family import Child
from iro_desktop.domain.roles import Action, can
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, add_row, date_problem
from iro_desktop.ui.quality.form_dialog import FormDialog
from iro_desktop.ui.quality.models import alert_model, stage_model
from iro_desktop.ui.widgets import heading, isolate, rows_fit_text, table_view, wrapping_row


def _text(lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * (lines + 1))
    return edit


def _date_field(name: str, today: date) -> DateField:
    field = DateField(name)
    field.set_date(today)
    return field


def _read(field: DateField, name: str, label: str, problems: list[Problem]) -> date | None:
    try:
        return field.date()
    except ValueError:
        problems.append(date_problem(name, label))
        return None


class RaiseAlertDialog(FormDialog):
    def __init__(
        self, services: Services, hub: ChangeHub, child: Child, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Raise an alert about {isolate(child.full_name)}'s plan", services, hub, parent)
        self.child = child
        self.reason = QComboBox()
        self.reason.addItem("Choose…", None)
        for reason in AlertReason:
            self.reason.addItem(reason.label, reason)
        self.manager = QLineEdit()
        self.manager.setPlaceholderText("e.g. the team manager's name")
        self.stage = QSpinBox()
        self.stage.setRange(FIRST_STAGE, LAST_STAGE)
        self.detail = _text()
        self.raised_on = _date_field("Date raised", services.ctx.today())
        days = services.alerts.response_days()
        self.deadline = QLabel()
        self.deadline.setAccessibleName("Response due")
        add_row(self.form, self.errors, "reason", "&Concern:", self.reason)
        add_row(self.form, self.errors, "manager", "&To (manager):", self.manager)
        add_row(self.form, self.errors, "stage", "&Stage:", self.stage)
        add_row(self.form, self.errors, "detail", "&What is wrong, what is needed:", self.detail)
        add_row(self.form, self.errors, "raised_on", "&Raised on:", self.raised_on)
        self.form.addRow(f"Response due ({days} working days):", self.deadline)
        self.raised_on.textChanged.connect(self._show_deadline)
        self._show_deadline()

    def _show_deadline(self) -> None:
        try:
            day = self.raised_on.date()
        except ValueError:
            day = None
        if day is None:
            self.deadline.setText("–")
            return
        from iro_desktop.domain.alerts import response_deadline

        due = response_deadline(day, self.services.alerts.response_days(), self.services.alerts.calendar)
        self.deadline.setText(long_date(due))

    def save(self) -> None:
        problems: list[Problem] = []
        raised = _read(self.raised_on, "raised_on", "the date raised", problems)
        data = RaiseAlertInput(
            self.child.id,
            AlertReason(self.reason.currentData()) if self.reason.currentData() else None,
            self.manager.text(),
            self.stage.value(),
            self.detail.toPlainText(),
            raised,
        )
        self.attempt(lambda: self.services.alerts.raise_alert(data), problems)


class ResponseDialog(FormDialog):
    def __init__(
        self, services: Services, hub: ChangeHub, alert: Alert, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            f"Response at stage {alert.current.stage} from {isolate(alert.current.manager)}",
            services,
            hub,
            parent,
        )
        self.alert = alert
        self.response = _text(4)
        self.responded_on = _date_field("Date of the response", services.ctx.today())
        add_row(self.form, self.errors, "response", "&Response:", self.response)
        add_row(self.form, self.errors, "responded_on", "Response &date:", self.responded_on)

    def save(self) -> None:
        problems: list[Problem] = []
        day = _read(self.responded_on, "responded_on", "the response date", problems)
        self.attempt(
            lambda: self.services.alerts.record_response(self.alert.id, self.response.toPlainText(), day),
            problems,
        )


class OutcomeDialog(FormDialog):
    def __init__(
        self, services: Services, hub: ChangeHub, alert: Alert, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Outcome at stage {alert.current.stage}", services, hub, parent)
        self.alert = alert
        self.outcome = QComboBox()
        for outcome in (StageOutcome.RESOLVED, StageOutcome.NOT_RESOLVED):
            self.outcome.addItem(outcome.label, outcome)
        self.on = _date_field("Date of the outcome", services.ctx.today())
        self.note = _text(2)
        add_row(self.form, self.errors, "outcome", "&Outcome:", self.outcome)
        add_row(self.form, self.errors, "outcome_on", "&Date:", self.on)
        add_row(self.form, self.errors, "note", "&Note:", self.note)

    def save(self) -> None:
        problems: list[Problem] = []
        day = _read(self.on, "outcome_on", "the outcome date", problems)
        self.attempt(
            lambda: self.services.alerts.record_outcome(
                self.alert.id, StageOutcome(self.outcome.currentData()), day, self.note.toPlainText()
            ),
            problems,
        )


class EscalateDialog(FormDialog):
    def __init__(
        self, services: Services, hub: ChangeHub, alert: Alert, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Escalate to stage {alert.current.stage + 1}", services, hub, parent)
        self.alert = alert
        self.manager = QLineEdit()
        self.manager.setPlaceholderText("e.g. the service manager's name")
        self.on = _date_field("Date escalated", services.ctx.today())
        add_row(self.form, self.errors, "manager", "&To (manager):", self.manager)
        add_row(self.form, self.errors, "escalated_on", "&Escalated on:", self.on)
        self.form.addRow(QLabel(f"Response due in {services.alerts.response_days()} working days."))

    def save(self) -> None:
        problems: list[Problem] = []
        day = _read(self.on, "escalated_on", "the escalation date", problems)
        self.attempt(lambda: self.services.alerts.escalate(self.alert.id, self.manager.text(), day), problems)


class RagDialog(FormDialog):
    def __init__(
        self, services: Services, hub: ChangeHub, child: Child, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"RAG rating of {isolate(child.full_name)}'s plan", services, hub, parent)
        self.child = child
        self.midway_on = services.alerts.midway_for(child.id)
        self.rating = QComboBox()
        self.rating.addItem("Choose…", None)
        for rag in Rag:
            self.rating.addItem(rag.label, rag)
        self.reason = _text()
        self.rated_on = _date_field("Date rated", services.ctx.today())
        add_row(self.form, self.errors, "rating", "&Rating:", self.rating)
        add_row(self.form, self.errors, "reason", "R&eason:", self.reason)
        add_row(self.form, self.errors, "rated_on", "&Date:", self.rated_on)
        midway = long_date(self.midway_on) if self.midway_on else "no conference held yet"
        self.form.addRow("Midway point:", QLabel(midway))

    def save(self) -> None:
        problems: list[Problem] = []
        day = _read(self.rated_on, "rated_on", "the rating date", problems)
        self.attempt(
            lambda: self.services.alerts.rate(
                self.child.id,
                Rag(self.rating.currentData()) if self.rating.currentData() else None,
                self.reason.toPlainText(),
                day,
                self.midway_on,
            ),
            problems,
        )


class AlertHistoryDialog(QDialog):
    """One alert from raising to outcome: each stage, its deadline, the response and whether in time."""

    def __init__(
        self, services: Services, hub: ChangeHub, alert_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services, self.hub, self.alert_id = services, hub, alert_id
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.title = heading("")
        layout.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("The alert")
        layout.addWidget(self.summary)
        self.stages = stage_model()
        self.table = rows_fit_text(table_view(self.stages, "Stages of the alert"))
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in (0, 1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.respond_button = QPushButton("Record &response…")
        self.outcome_button = QPushButton("Record &outcome…")
        self.escalate_button = QPushButton("&Escalate…")
        layout.addWidget(wrapping_row(self.respond_button, self.outcome_button, self.escalate_button))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.respond_button.clicked.connect(lambda: self._open(ResponseDialog))
        self.outcome_button.clicked.connect(lambda: self._open(OutcomeDialog))
        self.escalate_button.clicked.connect(lambda: self._open(EscalateDialog))
        hub.changed.connect(self._on_changed)
        self.resize(1100, 420)
        self.refresh()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"alerts", "*"}:
            self.refresh()

    def refresh(self) -> None:
        self.alert = alert = self.services.alerts.get(self.alert_id)
        today = self.services.ctx.today()
        self.setWindowTitle(f"Alert about {isolate(alert.child_name)}")
        self.title.setText(f"Alert about {alert.child_name}: {alert.reason.label}")
        lines = [f"Raised {long_date(alert.raised_on)} by {alert.raised_by or 'the chair'}."]
        if alert.is_open:
            lines.append(alert.state(today).text + ".")
        if alert.detail:
            lines.insert(1, alert.detail)
        if alert.resolved_on is not None:
            days = alert.days_to_resolve(self.services.alerts.calendar)
            within = "within" if alert.resolved_within_deadline() else "after"
            lines.append(
                f"Resolved {long_date(alert.resolved_on)}, {days} working days after it was raised, "
                f"{within} the deadline."
            )
        self.summary.setText(" ".join(lines))
        self.stages.set_items(alert.stages)
        current = alert.current
        user = self.services.ctx.session.user
        chair = can(user, Action.RAISE_ALERT)  # the outcome and escalation are the chair's
        self.respond_button.setEnabled(
            can(user, Action.ANSWER_ALERT)
            and current.outcome is StageOutcome.NONE
            and current.responded_on is None
        )
        self.outcome_button.setEnabled(chair and alert.is_open)
        self.escalate_button.setEnabled(chair and alert.may_escalate(today))

    def _open(self, kind: Callable[[Services, ChangeHub, Alert, QWidget], FormDialog]) -> None:
        self.dialog = kind(self.services, self.hub, self.alert, self)
        self.dialog.show()


class ChildAlertsDialog(QDialog):
    """A child's alerts (open and past) and RAG ratings: raise, rate, open an alert's history."""

    def __init__(
        self, services: Services, hub: ChangeHub, child: Child, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Alerts and RAG ratings: {isolate(child.full_name)}")
        self.services, self.hub, self.child = services, hub, child
        self.dialog: QDialog | None = None
        layout = QVBoxLayout(self)
        self.alerts = alert_model(services.ctx.today)
        self.table = table_view(self.alerts, "Alerts about this child's plan")
        layout.addWidget(self.table, 1)
        self.ratings = QLabel()
        self.ratings.setWordWrap(True)
        self.ratings.setAccessibleName("RAG ratings")
        layout.addWidget(self.ratings)
        self.raise_button = QPushButton("&Raise an alert…")
        self.history_button = QPushButton("&History of the chosen alert…")
        self.rag_button = QPushButton("RA&G rating…")
        layout.addWidget(wrapping_row(self.raise_button, self.history_button, self.rag_button))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.raise_button.clicked.connect(
            lambda: self._show(RaiseAlertDialog(self.services, self.hub, self.child, self))
        )
        self.rag_button.clicked.connect(
            lambda: self._show(RagDialog(self.services, self.hub, self.child, self))
        )
        self.history_button.clicked.connect(self.open_history)
        chair = can(services.ctx.session.user, Action.RAISE_ALERT)
        self.raise_button.setEnabled(chair)
        self.rag_button.setEnabled(chair)
        self.table.activated.connect(lambda _index: self.open_history())
        hub.changed.connect(self._on_changed)
        self.resize(1000, 420)
        self.refresh()

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.show()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"alerts", "*"}:
            self.refresh()

    def refresh(self) -> None:
        self.alerts.set_items(self.services.alerts.for_children([self.child.id]))
        ratings = self.services.alerts.ratings([self.child.id])
        self.ratings.setText(
            "RAG ratings: "
            + (
                "; ".join(f"{r.rating.label} on {long_date(r.rated_on)} ({r.reason})" for r in ratings)
                or "none yet."
            )
        )
        if self.alerts.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(self.alerts.rowCount() - 1)

    def open_history(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            alert = self.alerts.item(rows[0].row())
            self._show(AlertHistoryDialog(self.services, self.hub, alert.id, self))
