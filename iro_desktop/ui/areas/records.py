"""Records to finalise: the clerk's queue, the discussion summary, approval, amendments, distribution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError, EnvironmentProblem, ValidationError
from iro_desktop.domain.record import ConferenceRecord, RecordState, SectionKey, SendMethod
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.records import queue_model, recipient_model, version_model
from iro_desktop.ui.records.version_view import VersionViewer
from iro_desktop.ui.widgets import button, heading, table_view, wrapping_row

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services

SECTIONS = (
    SectionKey.PURPOSE,
    SectionKey.BACKGROUND,
    SectionKey.CHILD_VOICE,
    SectionKey.PARENTS_VIEWS,
    SectionKey.LEGAL,
    SectionKey.ANALYSIS,
    SectionKey.DECISION_SUMMARY,
)
SAVE_DELAY_MS = 500

# Lifecycle buttons: (target state, button text).
MOVES = (
    (RecordState.WITH_CLERK, "Hand to the cler&k"),
    (RecordState.AWAITING_APPROVAL, "Send for &approval"),
    (RecordState.FINAL, "A&pprove and lock"),
    (RecordState.DISTRIBUTED, "Mark &distributed"),
)


class RecordsArea(QWidget):
    title = "Records to finalise"

    def __init__(self, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.record: ConferenceRecord | None = None
        self.amending = False
        self._pending: dict[tuple[SectionKey, str], str] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)

        self.queue = queue_model()
        self.queue_table = table_view(self.queue, "Clerk's queue")
        self.queue_table.selectionModel().selectionChanged.connect(self._on_pick)

        self.title_label = heading("Choose a record from the queue")
        self.state_label = QLabel()
        self.state_label.setAccessibleName("Record stage")
        self.message = QLabel()
        self.message.setAccessibleName("Record message")
        self.message.setWordWrap(True)
        # Said in place when a final record's lock or approval does not hold (issue 13).
        self.integrity_banner = QLabel()
        self.integrity_banner.setAccessibleName("Record integrity")
        self.integrity_banner.setWordWrap(True)
        self.integrity_banner.setVisible(False)

        self.editors: dict[SectionKey, QPlainTextEdit] = {}
        sections_box = QGroupBox("Discussion summary")
        sections_form = QFormLayout(sections_box)
        for key in SECTIONS:
            editor = QPlainTextEdit()
            editor.setAccessibleName(key.label)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(60)
            editor.textChanged.connect(lambda k=key: self._on_text(k))
            self.editors[key] = editor
            sections_form.addRow(key.label + ":", editor)
        self.agency_name = QLineEdit()
        self.agency_name.setAccessibleName("Agency")
        self.agency_name.setPlaceholderText("Agency, e.g. Health visiting")
        self.agency_text = QPlainTextEdit()
        self.agency_text.setAccessibleName("Agency contribution")
        self.agency_text.setTabChangesFocus(True)
        self.agency_text.setMinimumHeight(60)
        self.agency_text.textChanged.connect(self._on_agency_text)
        sections_form.addRow("Agency:", self.agency_name)
        sections_form.addRow("Agency contribution:", self.agency_text)

        self.amend_reason = QLineEdit()
        self.amend_reason.setAccessibleName("Reason for the amendment")
        self.amend_reason.setPlaceholderText("Why the final record is being changed")
        self.amend_button = button("Amend fina&l record…", "Amend final record")
        self.amend_button.clicked.connect(self.start_amendment)
        self.save_amend_button = button("&Save amendment", "Save amendment")
        self.save_amend_button.clicked.connect(self.save_amendment)
        amend_row = QHBoxLayout()
        for w in (self.amend_button, self.amend_reason, self.save_amend_button):
            amend_row.addWidget(w)

        self.move_buttons: dict[RecordState, QPushButton] = {}
        for target, text in MOVES:
            move_button = button(text)
            move_button.clicked.connect(lambda _=False, t=target: self.move(t))
            self.move_buttons[target] = move_button
        self.return_button = button("Ret&urn to the clerk", "Return to the clerk")
        self.return_button.clicked.connect(lambda: self.move(RecordState.WITH_CLERK))
        moves_row = wrapping_row(*self.move_buttons.values(), self.return_button)  # wraps at large text

        self.recipients = recipient_model()
        self.recipient_table = table_view(self.recipients, "Distribution list")
        self.recipient_name = QLineEdit()
        self.recipient_name.setAccessibleName("Recipient name")
        self.recipient_name.setPlaceholderText("Name")
        self.recipient_role = QLineEdit()
        self.recipient_role.setAccessibleName("Recipient role or agency")
        self.recipient_role.setPlaceholderText("Role or agency")
        self.recipient_method = QComboBox()
        self.recipient_method.setAccessibleName("Send method")
        for method in SendMethod:
            self.recipient_method.addItem(method.label, method.value)
        add_button = self.add_recipient_button = button("Add &recipient", "Add recipient")
        add_button.clicked.connect(self.add_recipient)
        self.recipient_name.returnPressed.connect(self.add_recipient)
        sent_button = self.mark_sent_button = button("Mark selected sent toda&y", "Mark selected sent today")
        sent_button.clicked.connect(self.mark_sent)
        recipient_row = wrapping_row(
            self.recipient_name,
            self.recipient_role,
            self.recipient_method,
            add_button,
            sent_button,
            expanding=(self.recipient_name, self.recipient_role),
        )
        distribution_box = QGroupBox("Distribution")
        distribution_layout = QVBoxLayout(distribution_box)
        distribution_layout.addWidget(self.recipient_table)
        distribution_layout.addWidget(recipient_row)

        self.versions = version_model()
        self.version_table = table_view(self.versions, "Versions of the final record")
        self.version_table.selectionModel().selectionChanged.connect(self._on_version)
        self.version_view = VersionViewer(services)
        versions_box = QGroupBox("Versions (read-only)")
        versions_layout = QVBoxLayout(versions_box)
        versions_layout.addWidget(self.version_table)
        versions_layout.addWidget(self.version_view)

        editor_page = QWidget()
        editor_layout = QVBoxLayout(editor_page)
        self.title_label.setWordWrap(True)
        self.state_label.setWordWrap(True)
        for w in (self.title_label, self.state_label, self.integrity_banner, self.message):
            editor_layout.addWidget(w)
        editor_layout.addWidget(moves_row)
        editor_layout.addWidget(sections_box)
        editor_layout.addLayout(amend_row)
        editor_layout.addWidget(distribution_box)
        editor_layout.addWidget(versions_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(editor_page)

        splitter = QSplitter(Qt.Orientation.Vertical)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(self.title))
        left_layout.addWidget(self.queue_table)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([220, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        hub.changed.connect(self._on_changed)
        self._show(None)

    # --- loading -------------------------------------------------------------------------------
    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"records", "conferences", "*"}:
            self.refresh()

    def refresh(self) -> None:
        current = self.record.conference_id if self.record else None
        entries = self.services.records.queue()
        self.queue.set_items(entries)
        ids = [e.conference_id for e in entries]
        if current in ids:
            self.queue_table.selectRow(ids.index(current))
            self.open(current)  # type: ignore[arg-type]
        elif ids:
            self.queue_table.selectRow(0)  # the soonest deadline is where the clerk starts
        elif current:
            self.open(current)

    def _on_pick(self, *_args: object) -> None:
        rows = self.queue_table.selectionModel().selectedRows()
        if rows:
            self.flush()
            conference_id = self.queue.item(rows[0].row()).conference_id
            if self.record is None or self.record.conference_id != conference_id:
                self.services.records.note_viewed(conference_id)
            self.open(conference_id)

    def open(self, conference_id: str) -> None:
        self._show(self.services.records.get(conference_id))

    def _show(self, record: ConferenceRecord | None) -> None:
        self.record = record
        self.amending = False
        self._pending.clear()
        has = record is not None
        for w in (*self.editors.values(), self.agency_text, self.agency_name):
            w.setEnabled(has)
        texts = {(s.key, s.agency): s.text for s in record.sections} if record else {}
        for key, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setPlainText(texts.get((key, ""), ""))
            editor.blockSignals(False)
        agencies = [(a, t) for (k, a), t in texts.items() if k is SectionKey.AGENCY]
        self.agency_text.blockSignals(True)
        self.agency_name.setText(agencies[0][0] if agencies else "")
        self.agency_text.setPlainText(agencies[0][1] if agencies else "")
        self.agency_text.blockSignals(False)
        self.recipients.set_items(record.recipients if record else [])
        self.versions.set_items(record.versions if record else [])
        self.version_view.clear()
        if record is None:
            self.title_label.setText("Choose a record from the queue")
            self.state_label.setText("")
        else:
            self.title_label.setText(
                f"{record.family_name} ({record.family_reference}): {record.conference_label}"
            )
            lock = "🔒 " if record.state.locked or record.integrity.locked else ""
            self.state_label.setText(
                f"{lock}Stage: {record.state.label}. Distribute by {record.distribution_due:%d %b %Y}."
            )
        warning = record_warning(record)
        self.integrity_banner.setText(warning)
        self.integrity_banner.setVisible(bool(warning))
        self._update_controls()

    def _update_controls(self) -> None:
        record = self.record
        state = record.state if record else None
        locked = bool(state and state.locked) or bool(record and record.integrity.locked)
        editable = record is not None and (not locked or self.amending)
        for editor in (*self.editors.values(), self.agency_text):
            editor.setReadOnly(not editable)
        self.agency_name.setReadOnly(not editable)
        allowed = {
            RecordState.WITH_CLERK: state is RecordState.IN_MEETING,
            RecordState.AWAITING_APPROVAL: state is RecordState.WITH_CLERK,
            RecordState.FINAL: state is RecordState.AWAITING_APPROVAL,
            RecordState.DISTRIBUTED: state is RecordState.FINAL,
        }
        reopened = locked and not (state and state.locked)  # a locked version, whatever the state says
        for target, move_button in self.move_buttons.items():
            move_button.setEnabled(allowed[target] and not self.amending and not reopened)
        self.return_button.setEnabled(state is RecordState.AWAITING_APPROVAL and not reopened)
        self.amend_button.setEnabled(locked and not self.amending)
        self.amend_reason.setVisible(self.amending)
        self.save_amend_button.setVisible(self.amending)

    # --- editing -------------------------------------------------------------------------------
    def _on_text(self, key: SectionKey) -> None:
        if self.record is None:
            return
        self._pending[(key, "")] = self.editors[key].toPlainText()
        if not self.amending:
            self.hub.save_started.emit()
            self._timer.start()

    def _on_agency_text(self) -> None:
        if self.record is None:
            return
        agency = self.agency_name.text().strip()
        if not agency:
            self._say("⚠ Name the agency before typing its contribution.")
            return
        self._pending[(SectionKey.AGENCY, agency)] = self.agency_text.toPlainText()
        if not self.amending:
            self.hub.save_started.emit()
            self._timer.start()

    def flush(self) -> None:
        """Save what was typed (called by the timer, on switching record, and on close)."""
        self._timer.stop()
        if self.record is None or self.amending or not self._pending:
            return
        pending, self._pending = dict(self._pending), {}
        try:
            for (key, agency), text in pending.items():
                self.services.records.save_section(self.record.conference_id, key, text, agency)
        except EnvironmentProblem as problem:
            self._pending = {**pending, **self._pending}
            self.hub.save_failed.emit(problem.message)
            self._timer.start(2000)
            return
        except DomainError as error:
            self._say(f"⚠ {error}")
            self.hub.save_failed.emit(str(error))
            return
        self.hub.save_finished.emit()

    def start_amendment(self) -> None:
        self.amending = True
        self._pending.clear()
        self._say("Amending the final record: change the text, say why, then Save amendment.")
        self._update_controls()
        self.amend_reason.setFocus()

    def save_amendment(self) -> None:
        if self.record is None:
            return
        try:
            record = self.services.records.amend(
                self.record.conference_id, dict(self._pending), self.amend_reason.text()
            )
        except ValidationError as error:
            self._say("⚠ " + " ".join(p.message for p in error.problems))
            return
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.amend_reason.clear()
        self._say(f"Amendment saved as version {record.versions[-1].number}.")
        self._show(record)
        self.hub.announce("records")

    def move(self, target: RecordState) -> None:
        if self.record is None:
            return
        self.flush()
        try:
            record = self.services.records.move(self.record.conference_id, target)
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self._say(f"Moved to: {record.state.label}.")
        self.hub.announce("records")

    def add_recipient(self) -> None:
        if self.record is None:
            return
        try:
            self.services.records.add_recipient(
                self.record.conference_id,
                self.recipient_name.text(),
                self.recipient_role.text(),
                SendMethod(self.recipient_method.currentData()),
            )
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.recipient_name.clear()
        self.recipient_role.clear()
        self.open(self.record.conference_id)

    def mark_sent(self) -> None:
        if self.record is None:
            return
        rows = self.recipient_table.selectionModel().selectedRows()
        if not rows:
            self._say("⚠ Choose who the record was sent to.")
            return
        recipient = self.recipients.item(rows[0].row())
        try:
            self.services.records.mark_sent(
                self.record.conference_id, recipient.id, self.services.ctx.today(), recipient.method
            )
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.open(self.record.conference_id)

    def _on_version(self, *_args: object) -> None:
        rows = self.version_table.selectionModel().selectedRows()
        if not rows or self.record is None:
            return
        version = self.versions.item(rows[0].row())
        self.version_view.show_version(self.record.conference_id, version.number)

    def _say(self, text: str) -> None:
        self.message.setText(text)


def record_warning(record: ConferenceRecord | None) -> str:
    """What the integrity banner says: the lock or approval that does not hold, or why an approval in a
    file was not accepted (empty: nothing to say)."""
    if record is None:
        return ""
    lines = []
    if not record.integrity.ok:
        lines.append("⚠ " + record.integrity.message)
    if record.approval_note:
        lines.append("⚠ " + record.approval_note)
    return "\n".join(lines)
