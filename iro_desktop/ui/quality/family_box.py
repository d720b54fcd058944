"""The families area's issue 19 box: the family's FGDM (and the 9-month prompt), the home-education
flags, open alerts; buttons for FGDM, a child's alerts and RAG ratings, and the feedback forms."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtWidgets import QGroupBox, QLabel, QMenu, QPushButton, QVBoxLayout, QWidget

from iro_desktop.domain.conference import Conference, ConferenceStatus, ConferenceType
from iro_desktop.domain.family import Child, Family
from iro_desktop.domain.feedback import Questionnaire, Source
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.quality.alerts import ChildAlertsDialog
from iro_desktop.ui.quality.feedback import FeedbackWindow
from iro_desktop.ui.quality.fgdm import FgdmDialog
from iro_desktop.ui.widgets import wrapping_row


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class QualityBox(QGroupBox):
    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        selected_child: Callable[[], Child | None],
        selected_conference: Callable[[], Conference | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Family group decision-making, alerts, feedback", parent)
        self.services, self.hub = services, hub
        self.selected_child, self.selected_conference = selected_child, selected_conference
        self.family: Family | None = None
        self.opened: QWidget | None = None  # the dialog or form open now
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Family group decision-making and alerts")
        layout.addWidget(self.summary)
        self.fgdm_button = _button("FGDM…", "Record family group decision-making")
        self.alerts_button = _button("Alerts and RAG…", "Alerts and RAG ratings of the selected child")
        self.feedback_button = _button("Feedback form…", "Feedback questionnaire for the family, large type")
        self.agency_button = _button("Agency feedback…", "Feedback questionnaire for an agency")
        self.paper_button = _button("Feedback from paper…", "Type in a feedback form from paper")
        layout.addWidget(
            wrapping_row(
                self.fgdm_button,
                self.alerts_button,
                self.feedback_button,
                self.agency_button,
                self.paper_button,
            )
        )
        self.fgdm_button.clicked.connect(self.edit_fgdm)
        self.alerts_button.clicked.connect(self.open_alerts)
        self.feedback_button.clicked.connect(lambda: self.open_feedback(Questionnaire.FAMILY))
        self.agency_button.clicked.connect(lambda: self.open_feedback(Questionnaire.AGENCY))
        paper = QMenu(self.paper_button)  # either questionnaire, typed in from its paper form
        for questionnaire in Questionnaire:
            action = paper.addAction(questionnaire.label)
            action.triggered.connect(partial(self._from_paper, questionnaire))
        self.paper_button.setMenu(paper)
        hub.changed.connect(self._on_changed)

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"families", "alerts", "decisions", "conferences", "*"} and self.family is not None:
            self.refresh()

    def set_family(self, family: Family | None) -> None:
        self.family = family
        self.refresh()

    def refresh(self) -> None:
        family = self.family
        for button in (self.fgdm_button, self.alerts_button):
            button.setEnabled(family is not None)
        if family is None:
            self.summary.setText("")
            return
        fgdm = self.services.fgdm.get(family.id)
        lines = [f"FGDM: {fgdm.text if fgdm else 'nothing recorded.'}"]
        prompt = self.services.fgdm.prompt(family.id)
        if prompt:
            lines.append(f"⚠ {prompt}")
        alerts = self.services.alerts.open_alerts([c.id for c in family.children])
        today = self.services.ctx.today()
        lines += [f"Alert about {a.child_name}: {a.summary(today)}" for a in alerts]
        if not alerts:
            lines.append("No open alerts.")
        self.summary.setText("\n".join(lines))

    def _from_paper(self, questionnaire: Questionnaire, _checked: bool = False) -> None:
        self.open_feedback(questionnaire, Source.PAPER)

    def edit_fgdm(self) -> None:
        if self.family is not None:
            self.opened = FgdmDialog(self.services, self.hub, self.family, self)
            self.opened.show()

    def open_alerts(self) -> None:
        child = self.selected_child()
        if child is None and self.family is not None and self.family.children:
            child = self.family.children[0]
        if child is not None:
            self.opened = ChildAlertsDialog(self.services, self.hub, child, self)
            self.opened.show()

    def open_feedback(
        self, questionnaire: Questionnaire, source: Source = Source.LAPTOP
    ) -> FeedbackWindow | None:
        """On the chair's laptop: the chosen conference's type and date (held or in progress) and a
        full-window form. From paper: any type and date."""
        conference = self.selected_conference()
        if source is Source.LAPTOP and (
            conference is None
            or conference.status not in (ConferenceStatus.HELD, ConferenceStatus.IN_PROGRESS)
        ):
            self.summary.setText(
                self.summary.text() + "\nChoose a conference held or under way for its feedback form."
            )
            return None
        kind = conference.conference_type if conference else None
        day = (conference.held_on or conference.scheduled_date) if conference else None
        window = FeedbackWindow(
            self.services, self.hub, questionnaire, kind or ConferenceType.REVIEW, day, source
        )
        self.opened = window
        if source is Source.LAPTOP:
            window.showMaximized()  # the whole screen, in large type
        else:
            window.show()
        return window
