"""A reusable quoracy indicator: live from the attendance list, with the chair's override reason.

Embed it anywhere with a Services object and a conference id; it refreshes itself when the hub announces
"attendance", "conferences" or "rules".
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.quoracy import QuoracyResult
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import ErrorLabel

QUORATE_STYLE = "QFrame#quoracy { background: #d4edda; border: 1px solid #2e7d32; border-radius: 4px; }"
NOT_QUORATE_STYLE = "QFrame#quoracy { background: #f8d7da; border: 2px solid #9b1c1c; border-radius: 4px; }"
NOT_RECORDED_STYLE = "QFrame#quoracy { background: #eeeeee; border: 1px solid #666666; border-radius: 4px; }"
OVERRIDE_STYLE = "QFrame#quoracy { background: #fff3cd; border: 2px solid #8a6d00; border-radius: 4px; }"


class QuoracyIndicator(QFrame):
    """Text says quorate or not (with ✔ / ⚠); colour repeats it. Not quorate offers 'Go on anyway' with
    a reason, recorded through the quoracy service."""

    def __init__(
        self,
        services: Services,
        conference_id: str | None = None,
        hub: ChangeHub | None = None,
        parent: QWidget | None = None,
        *,
        compact: bool = False,
    ) -> None:
        """`compact`: the rule goes into the tooltip (the meeting strip, where height is scarce)."""
        super().__init__(parent)
        self.compact = compact
        self.services = services
        self.hub = hub
        self.conference_id = conference_id
        self.result: QuoracyResult | None = None
        self.setObjectName("quoracy")
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName("Quoracy")
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        layout.addWidget(self.label)
        self.rule = QLabel()
        self.rule.setAccessibleName("Quoracy rule")
        self.rule.setWordWrap(True)
        layout.addWidget(self.rule)
        if compact:
            layout.setContentsMargins(6, 3, 6, 3)
            layout.setSpacing(2)
            self.rule.hide()
        self.override_row = QWidget()
        row = QHBoxLayout(self.override_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason to go on without quoracy")
        self.reason.setPlaceholderText("Why go on without quoracy?")
        self.reason.setToolTip("Why the conference goes on although it is not quorate")
        self.record = QPushButton("Go on &anyway")
        self.record.setAccessibleName("Go on without quoracy, recording the reason")
        row.addWidget(self.reason, 1)
        row.addWidget(self.record)
        layout.addWidget(self.override_row)
        self.error = ErrorLabel("override_reason")
        layout.addWidget(self.error)
        self.record.clicked.connect(self.record_override)
        self.reason.returnPressed.connect(self.record_override)
        if hub is not None:
            hub.changed.connect(self._on_changed)
        self.refresh()

    def set_conference(self, conference_id: str | None) -> None:
        self.conference_id = conference_id
        self.reason.clear()
        self.error.show_messages([])
        self.refresh()

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"attendance", "conferences", "rules", "*"}:
            self.refresh()

    def refresh(self) -> None:
        if self.conference_id is None:
            self.result = None
            self.label.setText("Choose a conference to see whether it is quorate.")
            self.rule.setText("")
            self.override_row.hide()
            self.setStyleSheet("")
            return
        self.result = self.services.quoracy.assess(self.conference_id)
        self.rule.setText(f"Rule: {self.services.rules.get().quoracy.text}.")
        self.setToolTip(self.rule.text())
        self.label.setAccessibleDescription(self.rule.text())
        self.label.setText(self.result.text)
        if self.result.override_reason:
            self.label.setText(f"{self.result.text}\nReason: {self.result.override_reason}")
        self.override_row.setVisible(
            self.result.recorded and not self.result.quorate and not self.result.override_reason
        )
        if not self.result.recorded:
            self.setStyleSheet(NOT_RECORDED_STYLE)
        elif self.result.quorate:
            self.setStyleSheet(QUORATE_STYLE)
        elif self.result.override_reason:
            self.setStyleSheet(OVERRIDE_STYLE)
        else:
            self.setStyleSheet(NOT_QUORATE_STYLE)

    def record_override(self) -> None:
        if self.conference_id is None:
            return
        try:
            self.services.quoracy.record_override(self.conference_id, self.reason.text())
        except ValidationError as error:
            self.error.show_messages(error.for_field("override_reason"))
            return
        self.error.show_messages([])
        self.reason.clear()
        if self.hub is not None:
            self.hub.relay(self.services.ctx.take_changes())  # what the service wrote
        else:
            self.refresh()
