"""The feedback questionnaire after the conference, in large type over the whole window, usable with
the keyboard alone: Tab moves between questions, the arrow keys choose an answer, Ctrl+Enter sends.
Answered on the chair's laptop at the end of the meeting, or typed in later from a paper form.

Anonymous: the form keeps only the questionnaire, the conference type and date, the answers and the
comment (services/feedback.py), never who answered or which conference."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.calendar import long_date
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.errors import DomainError, Problem, ValidationError
from iro_desktop.domain.feedback import QUESTIONS, Answer, FeedbackForm, Questionnaire, Source
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import DateField, ErrorLabel, date_problem

LARGE_POINTS = 22


class QuestionRow(QWidget):
    """One question and its answers (a group of its own, so the arrow keys stay inside it)."""

    def __init__(self, number: int, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(f"{number}. {text}")
        self.label.setWordWrap(True)
        self.label.setObjectName("question")
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.setSpacing(48)  # answers far enough apart to read, and to point at, from a chair
        self.group = QButtonGroup(self)
        self.buttons: dict[Answer, QRadioButton] = {}
        for answer in Answer:
            button = QRadioButton(answer.label)
            button.setAccessibleName(f"{text} {answer.label}")
            self.group.addButton(button)
            self.buttons[answer] = button
            button.installEventFilter(self)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def entry(self) -> QRadioButton:
        """Where Tab lands in this question: the answer chosen, or the first."""
        return next((b for b in self.buttons.values() if b.isChecked()), self.buttons[Answer.YES])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """One Tab stop per question (Qt stops at every answer while none is chosen); the arrow keys
        move between the answers."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            buttons = list(self.buttons.values())
            if event.key() == Qt.Key.Key_Tab and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                _focus_row_entry(buttons[-1].nextInFocusChain(), forward=True)
                return True
            if event.key() == Qt.Key.Key_Backtab:
                _focus_row_entry(buttons[0].previousInFocusChain(), forward=False)
                return True
            step = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}.get(
                Qt.Key(event.key())
            )
            if step is not None and watched in buttons:
                target = buttons[(buttons.index(watched) + step) % len(buttons)]
                target.setFocus(Qt.FocusReason.OtherFocusReason)
                target.setChecked(True)  # as radio buttons do: the arrow chooses
                return True
        return super().eventFilter(watched, event)

    def answer(self) -> Answer | None:
        return next((a for a, b in self.buttons.items() if b.isChecked()), None)

    def clear(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)


def _focus_row_entry(start: QWidget | None, forward: bool) -> None:
    """Focus `widget`, or, when it is an answer of another question, that question's entry; skips what
    cannot take the keyboard's focus."""
    widget = start
    for _ in range(200):
        if widget is None:
            return
        row = widget.parentWidget()
        if isinstance(row, QuestionRow):
            row.entry().setFocus(
                Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
            )
            return
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()


class FeedbackWindow(QWidget):
    """A full-window questionnaire. `source` PAPER lets the clerk set the conference's type and date."""

    sent = Signal()

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        questionnaire: Questionnaire,
        conference_type: ConferenceType,
        conference_date: date | None,
        source: Source = Source.LAPTOP,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.services, self.hub = services, hub
        self.questionnaire, self.source = questionnaire, source
        self.conference_type, self.conference_date = conference_type, conference_date
        self.setWindowTitle("Your feedback about the conference")
        self.setAccessibleName("Feedback questionnaire")
        font = QFont(self.font())
        font.setPointSize(LARGE_POINTS)
        self.setFont(font)
        indicator = QFontMetrics(font).height()  # the round buttons as big as the letters
        # A style sheet stops the window's font reaching its children, so the sizes are set here too.
        self.setStyleSheet(
            f"QWidget {{ font-size: {LARGE_POINTS}pt; }}"
            f"QLabel#title {{ font-size: {LARGE_POINTS + 6}pt; font-weight: bold; }}"
            "QLabel#question { font-weight: bold; }"
            f"QRadioButton::indicator {{ width: {indicator}px; height: {indicator}px; }}"
            "QRadioButton:focus { text-decoration: underline; }"
        )
        outer = QVBoxLayout(self)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)

        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setSpacing(10)
        title = QLabel(
            "Please tell us about today's meeting"
            if source is Source.LAPTOP
            else "Feedback typed in from paper"
        )
        title.setObjectName("title")
        layout.addWidget(title)
        note = QLabel("Your answers do not have your name on them. Tab moves on; the arrow keys choose.")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.paper_row = QWidget()
        paper = QHBoxLayout(self.paper_row)
        paper.setContentsMargins(0, 0, 0, 0)
        self.type_box = QComboBox()
        for kind in ConferenceType:
            self.type_box.addItem(kind.label, kind)
        self.type_box.setCurrentIndex(self.type_box.findData(conference_type))
        self.type_box.setAccessibleName("Conference type")
        self.date_field = DateField("Conference date")
        self.date_field.set_date(conference_date)
        self.date_error = ErrorLabel("conference_date")
        type_label = QLabel("Conference &type:")
        type_label.setBuddy(self.type_box)
        date_label = QLabel("&Date:")
        date_label.setBuddy(self.date_field)
        for widget in (type_label, self.type_box, date_label, self.date_field, self.date_error):
            paper.addWidget(widget)
        paper.addStretch(1)
        self.paper_row.setVisible(source is Source.PAPER)
        layout.addWidget(self.paper_row)
        self.rows: dict[str, QuestionRow] = {}
        for number, question in enumerate(QUESTIONS[questionnaire], start=1):
            row = QuestionRow(number, question.text)
            self.rows[question.code] = row
            layout.addWidget(row)
        comment_label = QLabel(f"{len(self.rows) + 1}. Anything else you would like to tell us? (&optional)")
        comment_label.setWordWrap(True)
        layout.addWidget(comment_label)
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)
        self.comment.setAccessibleName("Comment")
        self.comment.setFixedHeight(self.comment.fontMetrics().lineSpacing() * 3 + 12)
        comment_label.setBuddy(self.comment)
        layout.addWidget(self.comment)
        self.error = ErrorLabel("answers")
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.send_button = QPushButton("&Send my answers")
        self.send_button.setAutoDefault(True)
        self.close_button = QPushButton("Close")
        buttons.addWidget(self.send_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.pages.addWidget(form)

        thanks = QWidget()
        thanks_layout = QVBoxLayout(thanks)
        self.thanks_label = QLabel("Thank you. Your answers are saved.")
        self.thanks_label.setObjectName("title")
        thanks_layout.addStretch(1)
        thanks_layout.addWidget(self.thanks_label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.next_button = QPushButton("&Next person")
        self.next_button.setAutoDefault(True)
        thanks_layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignHCenter)
        thanks_layout.addStretch(1)
        self.pages.addWidget(thanks)

        self.send_button.clicked.connect(self.send)
        self.next_button.clicked.connect(self.next_person)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.send)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

    def form(self) -> tuple[FeedbackForm, list[Problem]]:
        problems: list[Problem] = []
        day = self.conference_date
        kind = self.conference_type
        if self.source is Source.PAPER:
            kind = ConferenceType(self.type_box.currentData())
            try:
                day = self.date_field.date()
            except ValueError:
                problems.append(date_problem("conference_date", "the conference date"))
        answers = {code: a for code, row in self.rows.items() if (a := row.answer()) is not None}
        form = FeedbackForm(self.questionnaire, kind, day, answers, self.comment.toPlainText(), self.source)
        return form, problems

    def send(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        form, problems = self.form()
        self.error.show_messages([])
        self.date_error.show_messages([])
        try:
            if problems:
                raise ValidationError(problems)
            self.services.feedback.submit(form)
        except ValidationError as error:
            self.error.show_messages(error.for_field("answers") + error.for_field("comment"))
            self.date_error.show_messages(error.for_field("conference_date"))
            return
        except DomainError as error:  # this account may not record feedback: said in place
            self.error.show_messages([str(error)])
            return
        self.hub.relay(self.services.ctx.take_changes())
        self.sent.emit()
        self.pages.setCurrentIndex(1)
        self.next_button.setFocus()

    def next_person(self) -> None:
        """A fresh form for the next parent or family member."""
        for row in self.rows.values():
            row.clear()
        self.comment.clear()
        self.pages.setCurrentIndex(0)
        first = next(iter(self.rows.values()))
        first.buttons[Answer.YES].setFocus()

    @property
    def when(self) -> str:
        return long_date(self.conference_date) if self.conference_date else ""
