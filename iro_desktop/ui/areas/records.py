"""Records to finalise: the clerk's queue, the discussion summary, approval, amendments, distribution.

The record's header (title, stage, the lifecycle buttons, Approve and lock's confirmation and the
amendment) stays above the scrolling sections, so finalising never means scrolling past every section.
Buttons show only to accounts the permission matrix lets take that step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.audience import EVERYONE
from iro_desktop.domain.concurrency import EditConflict
from iro_desktop.domain.errors import DomainError, ValidationError
from iro_desktop.domain.record import (
    ConferenceRecord,
    RecordState,
    SectionKey,
    SendMethod,
    amendment_problems,
)
from iro_desktop.domain.roles import Action, can
from iro_desktop.services.live_updates import OUTAGE_MESSAGE
from iro_desktop.services.outage import RECORD_SECTION, read_arguments
from iro_desktop.ui.audience_command import SetAudienceCommand
from iro_desktop.ui.audience_strip import AudienceMarker, AudienceStrip, Target
from iro_desktop.ui.conflict_panel import HELD_WHEN, TYPING_WHEN, ConflictPanel, conflicts_of
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.records import queue_model, recipient_model, version_model
from iro_desktop.ui.records.copies_panel import CopiesPanel
from iro_desktop.ui.records.corrections_panel import CorrectionsPanel
from iro_desktop.ui.records.finalise import ApproveConfirm, TypingRefusal
from iro_desktop.ui.records.letters_panel import LettersPanel
from iro_desktop.ui.records.summary_commands import Place, SaveSectionCommand, SectionReads
from iro_desktop.ui.records.version_view import VersionViewer
from iro_desktop.ui.undo_command import UndoCommand, runner_for, starts_new_word
from iro_desktop.ui.widgets import button, heading, shown_now, table_view, wrapping_row

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

# Lifecycle buttons: (target state, button text, the permission the services check for that move).
MOVES = (
    (RecordState.WITH_CLERK, "Hand to the cler&k", Action.SUBMIT_FOR_APPROVAL),
    (RecordState.AWAITING_APPROVAL, "Send for &approval", Action.SUBMIT_FOR_APPROVAL),
    (RecordState.FINAL, "A&pprove and lock…", Action.APPROVE_RECORD),
    (RecordState.DISTRIBUTED, "Mark &distributed", Action.EDIT_DISTRIBUTION),
)
RETURN_PERMISSION = Action.APPROVE_RECORD  # only the approver sends a record back to the clerk


class RecordsArea(QWidget):
    title = "Records to finalise"
    shown = Signal()  # another record (or none) in view: what stands above it reads it again

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        parent: QWidget | None = None,
        *,
        exports: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.hub = hub
        self.exports = exports if exports is not None else Path.home()
        self.record: ConferenceRecord | None = None
        self.amending = False
        self._pending: dict[tuple[SectionKey, str], str] = {}
        # The summary's undo (word by word): what is stored for each (section, agency), as far as the
        # edits handed to the runner go; the runner stores first and retries what the records can't take.
        self._stored: dict[tuple[SectionKey, str], str] = {}
        self._typed: dict[tuple[SectionKey, str], str] = {}  # the text at the last keystroke
        self.stack = QUndoStack(self)
        self.runner = runner_for(self.stack, hub)
        self.reads = SectionReads()  # the version each section's words were read at (issue 16)
        self.conflict_panel = ConflictPanel()
        self.conflict_panel.resolved.connect(self._resolve)
        self._held: SaveSectionCommand | None = None  # held for the person's choice (conflict_panel)
        self._held_words: dict[Place, str] = {}  # words kept from an outage in conflict: their journal key
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
        self.message.hide()
        # Said in place when a final record's lock or approval does not hold (issue 13).
        self.integrity_banner = QLabel()
        self.integrity_banner.setAccessibleName("Record integrity")
        self.integrity_banner.setWordWrap(True)
        self.integrity_banner.setVisible(False)

        self.editors: dict[SectionKey, QPlainTextEdit] = {}
        self.refusals: dict[QWidget, QLabel] = {}  # under each field: why typing there is refused
        self.typing_refusal = TypingRefusal(self)
        self.typing_refusal.refused.connect(self._refuse_typing)
        sections_box = QGroupBox("Discussion summary")
        sections_form = QFormLayout(sections_box)
        self.lock_note = QLabel()
        self.lock_note.setAccessibleName("Why the summary cannot be changed")
        self.lock_note.setWordWrap(True)
        self.lock_note.hide()
        sections_form.addRow(self.lock_note)
        sections_form.addRow(self.conflict_panel)
        self.undo_button = button("Undo typing", "Undo typing in the summary")
        self.redo_button = button("Redo typing", "Redo typing in the summary")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_button.setEnabled)
        sections_form.addRow(wrapping_row(self.undo_button, self.redo_button))
        for key in SECTIONS:
            editor = QPlainTextEdit()
            editor.setAccessibleName(key.label)
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(60)
            editor.textChanged.connect(lambda k=key: self._on_text(k))
            editor.installEventFilter(self)  # Ctrl+Z / Ctrl+Shift+Z: the summary's own undo
            self.editors[key] = editor
            sections_form.addRow(key.label + ":", editor)
            sections_form.addRow(self._refusal_label(editor, key.label))
            self._add_marker(sections_form, editor, key, lambda: "")
        self.agency_name = QLineEdit()
        self.agency_name.setAccessibleName("Agency")
        self.agency_name.setPlaceholderText("Agency, e.g. Health visiting")
        self.agency_text = QPlainTextEdit()
        self.agency_text.setAccessibleName("Agency contribution")
        self.agency_text.setTabChangesFocus(True)
        self.agency_text.setMinimumHeight(60)
        self.agency_text.textChanged.connect(self._on_agency_text)
        self.agency_text.installEventFilter(self)
        sections_form.addRow("Agency:", self.agency_name)
        sections_form.addRow(self._refusal_label(self.agency_name, "Agency"))
        sections_form.addRow("Agency contribution:", self.agency_text)
        sections_form.addRow(self._refusal_label(self.agency_text, "Agency contribution"))
        self._add_marker(sections_form, self.agency_text, SectionKey.AGENCY, lambda: self.agency_name.text())

        self.amend_reason = QLineEdit()
        self.amend_reason.setAccessibleName("Reason for the amendment")
        self.amend_reason.setPlaceholderText("Why the final record is being changed")
        self.amend_reason.textEdited.connect(self._on_reason)
        self.amend_button = button("Amend fina&l record…", "Amend final record")
        self.amend_button.clicked.connect(self.start_amendment)
        self.save_amend_button = button("&Save amendment", "Save amendment")
        self.save_amend_button.clicked.connect(self.save_amendment)
        self.cancel_amend_button = button("Stop amend&ing", "Stop amending")
        self.cancel_amend_button.clicked.connect(self.cancel_amendment)
        self.amend_error = QLabel()  # the amendment's problems, beside it in the header
        self.amend_error.setAccessibleName("Amendment problem")
        self.amend_error.setWordWrap(True)
        self.amend_error.hide()
        amend_row = wrapping_row(
            self.amend_button,
            self.amend_reason,
            self.save_amend_button,
            self.cancel_amend_button,
            expanding=(self.amend_reason,),
        )

        self.move_buttons: dict[RecordState, QPushButton] = {}
        for target, text, _permission in MOVES:
            move_button = button(text)
            handler: Callable[..., object] = (
                self.ask_to_approve
                if target is RecordState.FINAL
                else lambda _=False, t=target: self.move_to(t)
            )
            move_button.clicked.connect(handler)
            self.move_buttons[target] = move_button
        self.return_button = button("Ret&urn to the clerk", "Return to the clerk")
        self.return_button.clicked.connect(lambda: self.move_to(RecordState.WITH_CLERK))
        moves_row = wrapping_row(*self.move_buttons.values(), self.return_button)  # wraps at large text
        self.confirm = ApproveConfirm()
        self.confirm.confirmed.connect(self._approve_confirmed)
        self.confirm.cancelled.connect(self._approval_cancelled)

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
        # Issue 18: one of the conference's people (or a child) is recognised by name; anyone else gets a
        # professional's copy unless this is ticked.
        self.recipient_family = QCheckBox("Family copy")
        self.recipient_family.setAccessibleName("Family copy: a family member not among the people invited")
        add_button = self.add_recipient_button = button("Add &recipient", "Add recipient")
        add_button.clicked.connect(self.add_recipient)
        self.recipient_name.returnPressed.connect(self.add_recipient)
        sent_button = self.mark_sent_button = button("Mark selected sent toda&y", "Mark selected sent today")
        sent_button.clicked.connect(self.mark_sent)
        recipient_row = wrapping_row(
            self.recipient_name,
            self.recipient_role,
            self.recipient_method,
            self.recipient_family,
            add_button,
            sent_button,
            expanding=(self.recipient_name, self.recipient_role),
        )
        distribution_box = QGroupBox("Distribution")
        distribution_layout = QVBoxLayout(distribution_box)
        distribution_layout.addWidget(self.recipient_table)
        distribution_layout.addWidget(recipient_row)
        # Issue 18: the chosen recipient's copy, the check before it leaves, and the distribution log.
        self.copies = CopiesPanel(services, hub, lambda: self.exports)
        self.recipient_table.selectionModel().selectionChanged.connect(self._on_recipient)

        self.versions = version_model()
        self.version_table = table_view(self.versions, "Versions of the final record")
        self.version_table.selectionModel().selectionChanged.connect(self._on_version)
        self.version_view = VersionViewer(services)
        versions_box = QGroupBox("Versions (read-only)")
        versions_layout = QVBoxLayout(versions_box)
        versions_layout.addWidget(self.version_table)
        versions_layout.addWidget(self.version_view)

        self.header = header = QWidget()  # stays in view above the scrolling sections
        header.setAccessibleName("Record header")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        self.title_label.setWordWrap(True)
        self.state_label.setWordWrap(True)
        for w in (
            self.title_label,
            self.state_label,
            self.integrity_banner,
            self.message,
            moves_row,
            self.confirm,
            amend_row,
        ):
            header_layout.addWidget(w)
        header_layout.addWidget(self.amend_error)
        editor_page = QWidget()
        editor_layout = QVBoxLayout(editor_page)
        editor_layout.addWidget(sections_box)
        editor_layout.addWidget(distribution_box)
        editor_layout.addWidget(self.copies)
        self.letters = LettersPanel(services, hub)  # issue 18: the decision letters
        editor_layout.addWidget(self.letters)
        self.corrections = CorrectionsPanel(services, hub)  # issue 18: corrections after it is sent
        editor_layout.addWidget(self.corrections)
        editor_layout.addWidget(versions_box)
        self.sections_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The sections take whatever height the header leaves (they scroll); they never squeeze it.
        scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        scroll.setMinimumHeight(80)
        scroll.setWidget(editor_page)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(header)
        right_layout.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(heading(self.title))
        left_layout.addWidget(self.queue_table)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([180, 820])  # the record's header keeps its room at 1024×700 and 150% text
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._stale = False  # a change came while hidden behind another page
        hub.changed.connect(self._on_changed)
        self._show(None)

    def _refusal_label(self, editor: QPlainTextEdit | QLineEdit, name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(f"Why {name} cannot be changed")
        label.setWordWrap(True)
        label.hide()
        self.refusals[editor] = label
        self.typing_refusal.watch(editor)
        return label

    # --- who may read each section (issue 18) ------------------------------------------------------
    def _add_marker(
        self, form: QFormLayout, editor: QPlainTextEdit, key: SectionKey, agency: Callable[[], str]
    ) -> None:
        """Ctrl+Shift+H in a section holds it back (professionals only at once); the mark in words and
        the symbol under it, and the strip for who and why."""
        if not hasattr(self, "markers"):
            self.markers: list[AudienceMarker] = []
            self._people_names: dict[str, str] = {}
        mark = QLabel()
        mark.setWordWrap(True)
        mark.hide()
        strip = AudienceStrip(f"the section {key.label}")
        form.addRow(mark)
        form.addRow(strip)
        self.markers.append(
            AudienceMarker(
                editor,
                strip,
                mark,
                lambda: self._section_target(key, agency()),
                self._run_mark,
                self._say,
                "Open a record from the queue first.",
            )
        )

    def _section_target(self, key: SectionKey, agency: str) -> Target | None:
        record = self.record
        if record is None or (key is SectionKey.AGENCY and not agency.strip()):
            return None
        section = next((s for s in record.sections if s.key is key and s.agency == agency.strip()), None)
        cid = record.conference_id
        return Target(
            section.audience if section is not None else EVERYONE,
            lambda a: self.services.audiences.set_section(cid, key, a, agency),
            f"the section {key.label}" + (f" ({agency})" if agency else ""),
            self._people_names,
        )

    def _run_mark(self, command: SetAudienceCommand) -> bool:
        command.hub, command.changes = self.hub, self.services.ctx.take_changes
        return self.runner.run(command, on_refused=self._refused)

    def _refresh_marks(self) -> None:
        record = self.record
        people = self.services.attendance.invitations(record.conference_id) if record else []
        self._people_names.clear()
        self._people_names.update({i.person_id: i.person_name for i in people})
        for marker in self.markers:
            marker.refresh()

    # --- loading -------------------------------------------------------------------------------
    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & {"records", "conferences", "*"}:
            if shown_now(self):
                self.refresh()
            else:
                self._stale = True  # refreshed when next shown

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self._stale = False
        current = self.record.conference_id if self.record else None
        entries = self.services.records.queue()
        self.queue.set_items(entries)
        ids = [e.conference_id for e in entries]
        if self.amending:  # an amendment being typed is kept (e.g. across a switch of user)
            if current in ids:
                self.queue_table.blockSignals(True)
                self.queue_table.selectRow(ids.index(current))
                self.queue_table.blockSignals(False)
            self._update_controls()
            return
        if current in ids:
            self.queue_table.selectRow(ids.index(current))
            self.open(current)
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
        if record is None or self.record is None or record.conference_id != self.record.conference_id:
            self.stack.clear()  # another record: its own undo history
        # Words waiting to be saved (the store busy, or held for a choice) stay on screen as typed.
        waiting = {c.place() for c in self.runner.waiting() if isinstance(c, SaveSectionCommand)}
        kept = {
            (key, agency): self._typed.get((key, agency), "")
            for (cid, key, agency) in waiting
            if record is not None and cid == record.conference_id
        }
        self.record = record
        self.shown.emit()
        self.amending = False
        self._pending.clear()
        self._stored = {(s.key, s.agency): s.text for s in record.sections} if record else {}
        for s in record.sections if record else ():
            place = (record.conference_id, s.key, s.agency) if record else None
            if place not in waiting and place is not None:
                self.reads.note(place, s.version, s.text)
        self._stored.update(kept)
        self._typed = dict(self._stored)
        if self._held is not None and (record is None or self._held.conference_id != record.conference_id):
            self.conflict_panel.hide()
        has = record is not None
        for w in (*self.editors.values(), self.agency_text, self.agency_name):
            w.setEnabled(has)
        texts = {(s.key, s.agency): s.text for s in record.sections} if record else {}
        texts.update(kept)
        for key, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setPlainText(texts.get((key, ""), ""))
            editor.blockSignals(False)
        agencies = [(a, t) for (k, a), t in texts.items() if k is SectionKey.AGENCY]
        self.agency_text.blockSignals(True)
        self.agency_name.setText(agencies[0][0] if agencies else "")
        self.agency_text.setPlainText(agencies[0][1] if agencies else "")
        self.agency_text.blockSignals(False)
        chosen = self._chosen_recipient()
        self.recipients.set_items(record.recipients if record else [])
        self.letters.set_conference(record.conference_id if record else None)
        self.corrections.set_conference(record.conference_id if record else None)
        self.copies.show_record(record.conference_id if record else None)
        if record is not None and chosen is not None:
            again = next((n for n, r in enumerate(record.recipients) if r.id == chosen), None)
            if again is not None:
                self.recipient_table.selectRow(again)
        self.versions.set_items(record.versions if record else [])
        self.version_view.clear()
        self._show_held_words(record)
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
        self._refresh_marks()

    def _may(self, action: Action) -> bool:
        """The permission matrix the services enforce, for the account signed in now."""
        return can(self.services.ctx.session.user, action)

    def _update_controls(self) -> None:
        record = self.record
        state = record.state if record else None
        locked = bool(state and state.locked) or bool(record and record.integrity.locked)
        may_edit = self._may(Action.EDIT_MINUTES)
        editable = record is not None and may_edit and (not locked or self.amending)
        for editor in (*self.editors.values(), self.agency_text):
            editor.setReadOnly(not editable)
        self.agency_name.setReadOnly(not editable)
        for label in self.refusals.values():
            label.hide()
        self.lock_note.setText(self._why_read_only() if record is not None and not editable else "")
        self.lock_note.setVisible(bool(self.lock_note.text()))
        allowed = {
            RecordState.WITH_CLERK: state is RecordState.IN_MEETING,
            RecordState.AWAITING_APPROVAL: state is RecordState.WITH_CLERK,
            RecordState.FINAL: state is RecordState.AWAITING_APPROVAL,
            RecordState.DISTRIBUTED: state is RecordState.FINAL,
        }
        reopened = locked and not (state and state.locked)  # a locked version, whatever the state says
        confirming = self.confirm.isVisible()
        for target, _text, permission in MOVES:
            move_button = self.move_buttons[target]
            move_button.setVisible(self._may(permission))  # shown only to those who may
            move_button.setEnabled(allowed[target] and not self.amending and not confirming and not reopened)
        if not (self._may(Action.APPROVE_RECORD) and state is RecordState.AWAITING_APPROVAL):
            self.confirm.hide()
        self.return_button.setVisible(self._may(RETURN_PERMISSION))
        self.return_button.setEnabled(
            state is RecordState.AWAITING_APPROVAL and not self.confirm.isVisible() and not reopened
        )
        may_amend = self._may(Action.AMEND_FINAL_RECORD)
        self.amend_button.setVisible(may_amend and locked)
        self.amend_button.setEnabled(locked and not self.amending)
        for w in (self.amend_reason, self.save_amend_button, self.cancel_amend_button):
            w.setVisible(self.amending)
        if not self.amending:
            self.amend_error.hide()

    def _why_read_only(self) -> str:
        """Why the summary can't be typed into now, and what to do instead."""
        record = self.record
        assert record is not None
        if not self._may(Action.EDIT_MINUTES):
            user = self.services.ctx.session.user
            who = f"A {user.role.label.lower()}" if user else "Nobody signed in"
            return f"Read only: {who} reads records here; a chair or clerk types the summary."
        version = record.versions[-1].number if record.versions else 1
        approved = f", approved by {record.approved_by}" if record.approved_by else ""
        how = (
            "To change it, choose Amend final record… at the top and say why."
            if self._may(Action.AMEND_FINAL_RECORD)
            else "Only a chair or clerk can amend it."
        )
        final = f"This record is final (version {version}{approved}): it is locked and can't be typed into."
        return f"Locked: {final} {how}"

    def _refuse_typing(self, editor: QWidget) -> None:
        """Typing into a locked field: say why next to that field (the keys change nothing)."""
        label = self.refusals.get(editor)
        if label is None or self.record is None:
            return
        name = editor.accessibleName()
        label.setText(f"⚠ {name} was not changed. " + self._why_read_only().split(": ", 1)[1])
        label.show()

    # --- editing -------------------------------------------------------------------------------
    def _on_text(self, key: SectionKey) -> None:
        if self.record is None:
            return
        self._typed_now((key, ""), self.editors[key].toPlainText())

    def _typed_now(self, where: tuple[SectionKey, str], text: str) -> None:
        """A keystroke: when it begins a new word, the words before it become an undo step (stored now);
        the rest is stored half a second after typing stops."""
        before = self._typed.get(where, self._stored.get(where, ""))
        self._typed[where] = text
        if not self.amending and starts_new_word(before, text) and before != self._stored.get(where, ""):
            self._pending[where] = before
            self.flush()
        self._pending[where] = text
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
        self._typed_now((SectionKey.AGENCY, agency), self.agency_text.toPlainText())

    def flush(self) -> None:
        """Save what was typed (called by the timer, on switching record, and on close): each change is
        an undo step, stored first; what the records can't take now is kept and retried (the status bar
        says so), and a refusal (the record final, a reading role) is said in place."""
        self._timer.stop()
        if self.record is None or self.amending:
            return
        pending, self._pending = dict(self._pending), {}
        conference_id = self.record.conference_id
        outage = self.services.outage
        kept_here = False  # kept on this computer, not yet on the server
        for (key, agency), text in pending.items():
            old = self._stored.get((key, agency), "")
            if text == old:
                continue
            self._stored[(key, agency)] = text  # what the store will hold once this edit is in
            if outage is not None and (outage.server_away or outage.waiting()) and not self.runner.waiting():
                # Issue 16 item 4: the team server is away; kept in this computer's encrypted journal,
                # applied in order when it is back (behind edits already kept).
                place = (conference_id, key, agency)  # based on what was typed over (the held rule)
                read = self.reads.get(place) if self.reads.knows(place) else None
                kept = outage.submit(
                    RECORD_SECTION,
                    conference_id=conference_id,
                    key=key.value,
                    text=text,
                    agency=agency,
                    read=read_arguments(read, old),
                )
                for _entry, reason in kept.refused:
                    self._say(f"⚠ {reason}")
                kept_here = kept_here or bool(kept.left)
                continue
            command = SaveSectionCommand(
                self.services, self.hub, conference_id, key, agency, old, text, self._shown, self.reads
            )
            self.runner.run(command, on_refused=self._refusal_for(command))
        held = self._held
        if held is not None and held.error is not None and isinstance(held.error, EditConflict):
            self._show_conflict(held.error, held)  # Mine: what is on screen now, typed since
        if kept_here:
            self.hub.save_failed.emit(OUTAGE_MESSAGE)
        elif not self.runner.waiting():
            self.hub.save_finished.emit()

    def _refusal_for(self, command: SaveSectionCommand) -> Callable[[DomainError], None]:
        return lambda error: self._refused(error, command)

    def _refused(self, error: DomainError, command: SaveSectionCommand | None = None) -> None:
        if isinstance(error, EditConflict) and command is not None:
            self._show_conflict(error, command)
            return
        unsaved = self._typed.get((command.key, command.agency), command.new) if command else ""
        self._say(f"⚠ {error}" + (f" Not saved: “{unsaved}”" if unsaved else ""))
        self.hub.save_refused.emit(str(error))
        if self.record is not None:
            self.open(self.record.conference_id)  # shows the summary as stored

    def _show_conflict(self, error: EditConflict, command: SaveSectionCommand) -> None:
        """Both versions inline, under the summary's header; the typed words stay in the field."""
        self._held = command
        on_screen = self._typed.get((command.key, command.agency), command.new)
        key = f"{command.key.value}/{command.agency}"
        held = command.place() in self._held_words  # words the outage journal held
        self.conflict_panel.show_conflicts(
            error,
            conflicts_of(error, "record_sections", key, {"text": on_screen}),
            HELD_WHEN if held else TYPING_WHEN,
        )
        self.sections_scroll.ensureWidgetVisible(self.conflict_panel)

    def _resolve(self, keep_mine: bool) -> None:
        command, self._held = self._held, None
        if command is not None:
            self.runner.resolve(command, keep_mine)
            self._release_held(command.place())

    def _show_held_words(self, record: ConferenceRecord | None) -> None:
        """Words typed here during an outage that met someone else's in the same section when they were
        stored (issue 16 item 4): put back in the field and saved again on what they were typed over, so
        both versions show inline as for a conflict met while typing. Kept on this computer until chosen."""
        outage = self.services.outage
        if outage is None or record is None:
            return
        for entry in outage.held():
            a = entry.arguments
            if entry.operation != RECORD_SECTION or a["conference_id"] != record.conference_id:
                continue
            key, agency = SectionKey(a["key"]), str(a.get("agency", ""))
            place = (record.conference_id, key, agency)
            if place in self._held_words:
                continue
            self._held_words[place] = entry.key
            based = a.get("read") or {"version": 0, "text": ""}
            self.reads.note(place, int(based["version"]), str(based["text"]))
            mine = str(a["text"])
            self._typed[(key, agency)] = mine
            editor = self.editors.get(key) if not agency else None
            if agency and self.agency_name.text() == agency:
                editor = self.agency_text
            if editor is not None:
                editor.blockSignals(True)
                editor.setPlainText(mine)
                editor.blockSignals(False)
            command = SaveSectionCommand(
                self.services,
                self.hub,
                record.conference_id,
                key,
                agency,
                str(based["text"]),
                mine,
                self._shown,
                self.reads,
            )
            self.runner.run(
                command,
                on_stored=self._released_when_stored(place),
                on_refused=self._refusal_for(command),
            )

    def _released_when_stored(self, place: Place) -> Callable[[UndoCommand], None]:
        return lambda _stored: self._release_held(place)

    def _release_held(self, place: Place) -> None:
        key = self._held_words.pop(place, None)
        if key is not None and self.services.outage is not None:
            self.services.outage.release(key)

    def _shown(self, key: SectionKey, agency: str, text: str) -> None:
        """A step stored, undone or redone: the field shows the text now stored (typing there continues
        from it)."""
        self._stored[(key, agency)] = text
        self._typed[(key, agency)] = text
        if key is SectionKey.AGENCY:
            if agency != self.agency_name.text().strip():
                return
            editor = self.agency_text
        else:
            editor = self.editors[key]
        if editor.toPlainText() != text:
            editor.blockSignals(True)
            editor.setPlainText(text)
            editor.moveCursor(editor.textCursor().MoveOperation.End)
            editor.blockSignals(False)

    def undo(self) -> None:
        """Take back the last words typed in the summary (what is still being typed is stored first)."""
        self.flush()
        self.runner.undo()

    def redo(self) -> None:
        self.flush()
        self.runner.redo()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Ctrl+Z and Ctrl+Shift+Z in a summary field undo and redo the summary's stored steps (an
        amendment being typed keeps the field's own undo)."""
        if self.amending or event.type() not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        assert isinstance(event, QKeyEvent)
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # the field gets the key, not the window's Undo
                return True
            (self.undo if event.matches(QKeySequence.StandardKey.Undo) else self.redo)()
            return True
        return False

    def start_amendment(self) -> None:
        self.amending = True
        self._pending.clear()
        self._say("Amending the final record: change the text, say why, then Save amendment.")
        self._update_controls()
        self.amend_reason.setFocus()

    def cancel_amendment(self) -> None:
        """Leave the amendment unsaved: the final record shows again as it is locked."""
        if self.record is None:
            return
        self.amend_reason.clear()
        self._say("The amendment was not saved; the final record is unchanged.")
        self.open(self.record.conference_id)

    def _amend_problem(self, text: str) -> None:
        self.amend_error.setText(text)
        self.amend_error.show()
        self.amend_reason.setFocus()

    def _on_reason(self, text: str) -> None:
        if not amendment_problems(text):  # the message goes as soon as the reason is good enough
            self.amend_error.hide()

    def save_amendment(self) -> None:
        if self.record is None:
            return
        try:
            record = self.services.records.amend(
                self.record.conference_id, dict(self._pending), self.amend_reason.text()
            )
        except ValidationError as error:
            self._amend_problem("⚠ " + " ".join(p.message for p in error.problems))
            return
        except DomainError as error:
            self._amend_problem(f"⚠ {error}")
            return
        self.amend_reason.clear()
        self.amend_error.hide()
        self._say(f"Amendment saved as version {record.versions[-1].number}.")
        self._show(record)
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def ask_to_approve(self) -> None:
        """Approve and lock… first says what will be locked and waits for Lock it (or Not yet)."""
        if self.record is None:
            return
        self.flush()
        user = self.services.ctx.session.user
        census = [
            f"{f.child_name}: {f.title} (rule {f.rule}). {f.message}"
            for f in self.services.census.check_conference(self.record.conference_id)
        ]
        self.confirm.ask(self.record, user.display_name if user else "nobody", census)
        self._update_controls()
        self.confirm.lock_button.setFocus()

    def _approve_confirmed(self) -> None:
        self.move_to(RecordState.FINAL)
        self._update_controls()  # also when the services refused it

    def _approval_cancelled(self) -> None:
        self._say("Not approved: the record is still awaiting approval.")
        self._update_controls()
        self.move_buttons[RecordState.FINAL].setFocus()

    def move_to(self, target: RecordState) -> None:
        if self.record is None:
            return
        self.flush()
        try:
            record = self.services.records.move(self.record.conference_id, target)
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self._say(f"Moved to: {record.state.label}.")
        self.hub.relay(self.services.ctx.take_changes())  # what the service wrote

    def add_recipient(self) -> None:
        if self.record is None:
            return
        try:
            self.services.records.add_recipient(
                self.record.conference_id,
                self.recipient_name.text(),
                self.recipient_role.text(),
                SendMethod(self.recipient_method.currentData()),
                family=self.recipient_family.isChecked(),
            )
        except DomainError as error:
            self._say(f"⚠ {error}")
            return
        self.recipient_name.clear()
        self.recipient_role.clear()
        self.recipient_family.setChecked(False)
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

    def _chosen_recipient(self) -> str | None:
        rows = self.recipient_table.selectionModel().selectedRows()
        return self.recipients.item(rows[0].row()).id if rows else None

    def _on_recipient(self, *_args: object) -> None:
        rows = self.recipient_table.selectionModel().selectedRows()
        self.copies.show_recipient(self.recipients.item(rows[0].row()) if rows else None)

    def _on_version(self, *_args: object) -> None:
        rows = self.version_table.selectionModel().selectedRows()
        if not rows or self.record is None:
            return
        version = self.versions.item(rows[0].row())
        self.version_view.show_version(self.record.conference_id, version.number)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))  # an empty message takes no room in the header


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
