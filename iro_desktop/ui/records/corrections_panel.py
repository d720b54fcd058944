"""Corrections after the record is sent (issue 18): the window, each request (who, what, received) and
its outcome; log a request; decline it with a reason, or accept it as an amendment of one part of the
summary. Problems show inline, never in a dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError, EnvironmentProblem, ValidationError
from iro_desktop.domain.letters import CorrectionInput, CorrectionOutcome, CorrectionRequest, RequesterKind
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.table import Column, ObjectTableModel
from iro_desktop.ui.records.panel import RecordPanel, short_date
from iro_desktop.ui.widgets import button, table_view, wrapping_row


def _outcome(r: CorrectionRequest) -> str:
    if r.outcome is CorrectionOutcome.PENDING:
        return "○ Not decided yet"
    mark = "✔ Accepted" if r.outcome is CorrectionOutcome.ACCEPTED else "✘ Declined"
    version = f" (version {r.amendment_version})" if r.amendment_version else ""
    return f"{mark}{version}: {r.outcome_reason}"


def correction_model() -> ObjectTableModel[CorrectionRequest]:
    return ObjectTableModel[CorrectionRequest](
        [
            Column("Received", lambda r: short_date(r.received_on)),
            Column("Who", lambda r: f"{r.requester_name} ({r.requester_kind.label})"),
            Column("What they say is inaccurate", lambda r: r.what, tooltip=lambda r: r.what),
            Column("In the window", lambda r: "Yes" if r.in_window else "⚠ No: outside it"),
            Column("Outcome", _outcome),
        ]
    )


class CorrectionsPanel(RecordPanel):
    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__("Corrections after the record is sent", services, hub, "Corrections message", parent)
        self.window_label = QLabel()
        self.window_label.setAccessibleName("Corrections window")
        self.model = correction_model()
        self.table = table_view(self.model, "Correction requests")
        self.who = QLineEdit()
        self.who.setAccessibleName("Who asked for the correction")
        self.who.setPlaceholderText("Who asked")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Parent or agency")
        for kind in RequesterKind:
            self.kind.addItem(kind.label, kind.value)
        self.what = QLineEdit()
        self.what.setAccessibleName("What they say is inaccurate")
        self.what.setPlaceholderText("What is wrong")
        self.what.setToolTip("What they say is inaccurate, and what it should say")
        self.log_button = button("Log request received today", "Log the correction request")
        self.log_button.clicked.connect(self.log_request)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why it is accepted or declined")
        self.reason.setPlaceholderText("Why it is accepted or declined")
        self.section = QComboBox()
        self.section.setAccessibleName("Part of the record it corrects")
        for key in SectionKey:
            if key is not SectionKey.AGENCY:
                self.section.addItem(key.label, key.value)
        self.corrected = QPlainTextEdit()
        self.corrected.setAccessibleName("The corrected text of that part")
        self.corrected.setPlaceholderText("The corrected text of that part (for an acceptance)")
        self.corrected.setMaximumHeight(70)
        self.accept_button = button("Accept as an amendment", "Accept the selected request as an amendment")
        self.accept_button.clicked.connect(self.accept_selected)
        self.decline_button = button("Decline", "Decline the selected request")
        self.decline_button.clicked.connect(self.decline_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(self.window_label)
        layout.addWidget(self.table)
        layout.addWidget(
            wrapping_row(self.who, self.kind, self.what, self.log_button, expanding=(self.what,))
        )
        layout.addWidget(wrapping_row(self.reason, self.section, expanding=(self.reason,)))
        layout.addWidget(self.corrected)
        layout.addWidget(wrapping_row(self.accept_button, self.decline_button))
        layout.addWidget(self.message)

    def refresh(self) -> None:
        requests: list[CorrectionRequest] = []
        text = ""
        if self.conference_id is not None:
            try:
                requests = self.services.corrections.requests(self.conference_id)
                text = self.services.corrections.window(self.conference_id).text
            except (DomainError, EnvironmentProblem):
                requests = []
        self.window_label.setText(text)
        self.model.set_items(requests)

    def _selected(self) -> CorrectionRequest | None:
        return self._selected_in(self.table, self.model, "⚠ Choose the request first.")

    def log_request(self) -> None:
        if self.conference_id is None:
            return
        data = CorrectionInput(
            self.who.text(),
            RequesterKind(self.kind.currentData()),
            self.what.text(),
            self.services.ctx.today(),
        )
        if not self._run(lambda: self.services.corrections.log(self.conference_id or "", data)):
            return
        self.who.clear()
        self.what.clear()
        self._say("✔ Request logged.")

    def accept_selected(self) -> None:
        request = self._selected()
        if request is None:
            return
        key = SectionKey(self.section.currentData())
        text = self.corrected.toPlainText()
        changes = {(key, ""): text} if text.strip() else {}
        if self._run(lambda: self.services.corrections.accept(request.id, changes, self.reason.text())):
            self.corrected.clear()
            self.reason.clear()
            self.hub.announce("records")
            self._say("✔ Accepted: the record was amended (a new signed version).")

    def decline_selected(self) -> None:
        request = self._selected()
        if request is None:
            return
        if self._run(lambda: self.services.corrections.decline(request.id, self.reason.text())):
            self.reason.clear()
            self._say("✔ Declined, with the reason kept.")

    def _run(self, call: Callable[[], Any]) -> bool:
        try:
            call()
        except ValidationError as error:
            self._say("⚠ " + " ".join(p.message for p in error.problems))
            return False
        except (DomainError, EnvironmentProblem) as error:
            self._say(f"⚠ {error}")
            return False
        self.refresh()
        return True
