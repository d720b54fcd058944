"""The inline strip that says who may read a piece of content and why (issue 18), shared by every editor:
the map board, decision reasons, dissent, the record's sections, plan actions and attendance notes.

Never a dialog: the strip sits under the editor, shown once the content is held back (Ctrl+Shift+H),
and every choice is stored as it is made. Several people can be kept from the content at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from iro_desktop.domain.audience import (
    EVERYONE,
    MARK_GLYPH,
    Audience,
    AudienceKind,
    Reason,
    audience,
    mark_words,
)
from iro_desktop.ui.audience_command import SetAudienceCommand, Setter
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.flow_layout import FlowLayout
from iro_desktop.ui.undo_command import ChangeSource

# The keystroke every editor uses to hold back what is being typed or selected.
RESTRICT_SHORTCUT = "Ctrl+Shift+H"


def mark_text(item: Audience, people: dict[str, str]) -> str:
    """The mark as shown next to content: the symbol and the words; empty for everyone."""
    words = mark_words(item, people)
    return f"{MARK_GLYPH} {words}" if words else ""


class AudienceStrip(QWidget):
    """Who may read it: everyone / professionals only / not to be shared with (people, several may be
    ticked), and why. Emits `chosen` with the audience each time the user changes something complete."""

    chosen = Signal(object)  # Audience

    def __init__(self, what: str = "the item", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"Who may read {what}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(f"Who may read {what}, in words")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Who may read it")
        self.kind.view().setAccessibleName("Who may read it choices")
        for kind in AudienceKind:
            self.kind.addItem(
                kind.label if kind is not AudienceKind.EXCEPT else "Not to be shared with…", kind.value
            )
        self.people = QWidget()
        self.people.setAccessibleName("Not to be shared with")
        self._people_layout = FlowLayout(self.people)
        self._boxes: dict[str, QCheckBox] = {}
        self.reason = QComboBox()
        self.reason.setAccessibleName("Why it is held back")
        self.reason.view().setAccessibleName("Why it is held back choices")
        self.reason.addItem("(reason to follow)", "")
        for reason in Reason:
            if reason is not Reason.OUT_OF_ROOM:  # given by the app, not chosen
                self.reason.addItem(reason.label, reason.value)
        self.words = QLineEdit()
        self.words.setAccessibleName("Why it is held back, in words")
        self.words.setPlaceholderText("why, in a few words")
        kind_label, why_label = QLabel("Who may read it:"), QLabel("Why:")
        kind_label.setBuddy(self.kind)
        why_label.setBuddy(self.reason)
        row.addWidget(self.label, 2)
        row.addWidget(kind_label)
        row.addWidget(self.kind)
        row.addWidget(self.people, 1)
        row.addWidget(why_label)
        row.addWidget(self.reason)
        row.addWidget(self.words, 2)
        self.kind.activated.connect(lambda _i: self._apply())
        self.reason.activated.connect(lambda _i: self._apply())
        self.words.returnPressed.connect(self._apply)
        self._shown = EVERYONE
        self.hide()

    def fields(self) -> tuple[QWidget, ...]:
        """The widgets a user works in (focus there keeps the strip on its content)."""
        return (self.kind, self.reason, self.words, *self._boxes.values())

    def install_passthrough(self, filter_: QObject) -> None:
        self.words.installEventFilter(filter_)

    def set_people(self, people: dict[str, str]) -> None:
        """The conference's people, id -> name, to keep content from."""
        if set(people) == set(self._boxes) and all(self._boxes[p].text() == n for p, n in people.items()):
            return
        for box in self._boxes.values():
            self._people_layout.removeWidget(box)
            box.deleteLater()
        self._boxes = {}
        for person_id, name in sorted(people.items(), key=lambda p: p[1]):
            box = QCheckBox(name, self.people)
            box.setAccessibleName(f"Not to be shared with {name}")
            box.toggled.connect(lambda _on: self._apply())
            self._people_layout.addWidget(box)
            self._boxes[person_id] = box

    def show_audience(self, item: Audience, mark: str, subject: str = "") -> None:
        """Show `item`'s audience: `mark` in words (empty: everyone) and what it is about."""
        self._shown = item
        said = mark or "Everyone may read it"
        self.label.setText(f"{said} \u2014 {subject}" if subject else said)
        self.kind.setCurrentIndex(max(self.kind.findData(item.kind.value), 0))
        for person_id, box in self._boxes.items():
            box.blockSignals(True)
            box.setChecked(person_id in item.excluded)
            box.blockSignals(False)
        self.people.setVisible(item.kind is AudienceKind.EXCEPT)
        self.reason.setCurrentIndex(max(self.reason.findData(item.reason.value if item.reason else ""), 0))
        if not self.words.hasFocus():
            self.words.setText(item.reason_words)
        self.words.setVisible(item.reason is Reason.OTHER)

    def current(self) -> Audience:
        kind = AudienceKind(self.kind.currentData())
        code = self.reason.currentData()
        reason = Reason(code) if code else None
        if reason is None and self._shown.reason is Reason.OUT_OF_ROOM:
            reason = Reason.OUT_OF_ROOM  # the app's reason stays until another is chosen
        ticked = [p for p, box in self._boxes.items() if box.isChecked()]
        return audience(kind, ticked, reason, self.words.text())

    def _apply(self) -> None:
        kind = AudienceKind(self.kind.currentData())
        self.people.setVisible(kind is AudienceKind.EXCEPT)
        chosen = self.current()
        if kind is AudienceKind.EXCEPT and not chosen.excluded:
            if self._boxes:
                next(iter(self._boxes.values())).setFocus()  # choose who first
            return
        if chosen.reason is Reason.OTHER and not chosen.reason_words:
            self.words.setVisible(True)
            self.words.setFocus()  # "other" needs its words first
            return
        self.chosen.emit(chosen)


@dataclass(frozen=True)
class Target:
    """The content a marker is on now: its audience, how to store a new one, what it is (for the undo
    text and the strip), and the conference's people by id."""

    audience: Audience
    setter: Setter
    what: str
    people: dict[str, str]


class AudienceMarker(QObject):
    """One editor's mark: Ctrl+Shift+H on `host` holds back the content being typed or selected
    (professionals only, at once, typing goes on where it was), `mark` says who may read it in words and
    the symbol, and the strip chooses who and why in place. Every change is an undo step."""

    def __init__(
        self,
        host: QWidget,
        strip: AudienceStrip,
        mark: QLabel | None,
        target: Callable[[], Target | None],
        run: Callable[[SetAudienceCommand], bool],
        problem: Callable[[str], None],
        nothing: str = "Select something first, then press Ctrl+Shift+H.",
        hub: ChangeHub | None = None,
        changes: ChangeSource | None = None,
    ) -> None:
        super().__init__(host)
        self.host, self.strip, self.mark = host, strip, mark
        self.target, self._run, self._problem, self._nothing = target, run, problem, nothing
        self._hub, self._changes = hub, changes
        self.action = QAction("Hold back: professionals only", host)
        self.action.setShortcut(QKeySequence(RESTRICT_SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setToolTip("Keep it off the projector, the handout and the family version")
        self.action.triggered.connect(self.restrict)
        host.addAction(self.action)
        strip.chosen.connect(self._chosen)
        if mark is not None:
            mark.setAccessibleName("Who may read it")

    def restrict(self) -> None:
        """Ctrl+Shift+H: professionals only at once; the strip opens for who and why."""
        target = self.target()
        if target is None:
            self._problem(self._nothing)
            return
        typing = isinstance(QApplication.focusWidget(), QLineEdit | QPlainTextEdit | QTextEdit)
        if not target.audience.restricted:
            self._store(target, audience(AudienceKind.PROFESSIONALS))
        self.strip.show()
        self.refresh()
        if not typing:
            self.strip.reason.setFocus()

    def refresh(self) -> None:
        """Show the mark and the strip for the content as it is now (after a change or a new selection)."""
        target = self.target()
        if target is None:
            self.strip.hide()
            if self.mark is not None:
                self.mark.setText("")
            return
        words = mark_text(target.audience, target.people)
        if self.mark is not None:
            self.mark.setText(words)
            self.mark.setVisible(bool(words))
        self.strip.set_people(target.people)
        self.strip.show_audience(target.audience, mark_words(target.audience, target.people), target.what)
        if target.audience.restricted:
            self.strip.show()
        elif QApplication.focusWidget() not in self.strip.fields():
            self.strip.hide()

    def _chosen(self, chosen: Audience) -> None:
        target = self.target()
        if target is not None and chosen != target.audience:
            self._store(target, chosen)
        self.refresh()

    def _store(self, target: Target, chosen: Audience) -> None:
        command = SetAudienceCommand(target.setter, chosen, target.what, self._hub, self._changes)
        if self._run(command):
            self._problem("")
