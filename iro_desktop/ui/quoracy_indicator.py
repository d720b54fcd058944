"""A reusable quoracy indicator: live from the attendance list, with the chair's override reason.

Embed it anywhere with a Services object and a conference id; it refreshes itself when the hub announces
"attendance", "conferences", "decisions" or "rules". Issue 19: below, quoracy at the moment of each
decision recorded (who had joined and not yet left then).
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.local_time import clock_text
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
        self.moments = QLabel()
        self.moments.setAccessibleName("Quoracy at each decision")
        self.moments.setWordWrap(True)
        layout.addWidget(self.moments)
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
        if topics & {"attendance", "conferences", "decisions", "rules", "*"}:
            self.refresh()

    def refresh(self) -> None:
        if self.conference_id is None:
            self.result = None
            self.label.setText("Choose a conference to see whether it is quorate.")
            self.rule.setText("")
            self.override_row.hide()
            self.moments.hide()
            self.setStyleSheet("")
            return
        self._show_moments(self.conference_id)
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

    def _show_moments(self, conference_id: str) -> None:
        """e.g. "At the decisions: Ada Nowak 10:40 ✔ quorate; Ben Nowak 10:55 ⚠ not quorate"."""
        moments = self.services.quoracy.at_decisions(conference_id)
        if not moments:
            self.moments.hide()
            return
        family = self.services.families.get(self.services.conferences.get(conference_id).family_id)
        parts = []
        for child in family.children:
            if child.id in moments:
                at, result = moments[child.id]
                state = (
                    "✔ quorate"
                    if result.quorate
                    else ("– not recorded" if not result.recorded else "⚠ not quorate")
                )
                parts.append(f"{child.full_name} {clock_text(at)} {state}")
        self.moments.setText("At the decisions: " + "; ".join(parts))
        self.moments.show()

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
