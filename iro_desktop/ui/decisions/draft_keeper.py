"""Keeps what the chair types into a child's decision form (and a dissent being written) until it is
recorded: stored 400 ms after the last change, put back when the form is shown again (after another
child's decision is recorded, a restart or a crash), and dropped once it matches what is recorded.

While the team server can't be reached (issue 16 item 4) the draft goes into this computer's encrypted
outage journal instead (services.outage), stored on the server when it is back: a crash or a restart
during the outage loses none of it, and the form puts back the journal's draft before the server's."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any, cast

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.services.drafts import DECISION
from iro_desktop.services.live_updates import OUTAGE_MESSAGE, is_server_away
from iro_desktop.services.outage import DRAFT_CLEAR, DRAFT_SAVE
from iro_desktop.services.registry import Services
from iro_desktop.ui.decisions.draft_form import DraftableDecisionForm

SAVE_DELAY_MS = 400
RESTORED_NOTE = "✎ Unrecorded changes kept from before: check them, then record."


def store_draft(
    services: Services, conference_id: str, child_id: str | None, fields: dict[str, Any] | None, kind: str
) -> bool:
    """Store a form's unrecorded draft (None: clear it). While the team server is away, or edits kept
    earlier still wait, it goes into the outage journal instead, in order. True when it was kept there
    (not on the server yet). Raises what the records raise otherwise."""
    outage = services.outage
    if outage is None or not outage.keeping():
        try:
            if fields is not None:
                services.drafts.save(conference_id, child_id, fields, kind)
            else:
                services.drafts.clear(conference_id, child_id, kind)
            return False
        except EnvironmentProblem as problem:
            if outage is None or not is_server_away(problem):
                raise
    arguments: dict[str, Any] = {"conference_id": conference_id, "child_id": child_id, "kind": kind}
    if fields is not None:
        result = outage.submit(DRAFT_SAVE, fields=fields, **arguments)
    else:
        result = outage.submit(DRAFT_CLEAR, **arguments)
    return bool(result.left)


def kept_draft(services: Services, conference_id: str, child_id: str | None, kind: str) -> Any:
    """The draft to put back: the outage journal's latest for the form if it keeps one, else the
    server's (None: none)."""
    outage = services.outage
    if outage is not None:
        found, fields = outage.kept_draft(conference_id, child_id, kind)
        if found:
            return fields
    return services.drafts.get(conference_id, child_id, kind)


class DecisionDraftKeeper(QObject):
    def __init__(self, form: DraftableDecisionForm) -> None:
        super().__init__(cast(QObject, form))  # the form is a widget: the keeper lives as long as it
        self.form = form
        self.restored = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        for edit in (form.rationale, form.multiple_reason):
            edit.textChanged.connect(self.changed)
        for line in (form.decided_by, *form._dissent_edits()):
            line.textChanged.connect(self.changed)
        form.factors.dataChanged.connect(self.changed)
        form.draft_changed.connect(self.changed)

    # --- what the form holds ---------------------------------------------------------------------

    def fields(self) -> dict[str, Any]:
        form = self.form
        outcome, category, cin = form.selected_outcome(), form.selected_category(), form.cin_date.value()
        return {
            "outcome": outcome.value if outcome else "",
            "category": category.value if category else "",
            "multiple_reason": form.multiple_reason.toPlainText(),
            "factors": list(form.factors.checked_codes()),
            "cin_meeting_date": cin.isoformat() if cin else "",
            "rationale": form.rationale.toPlainText(),
            "decided_by": form.decided_by.text(),
            "dissent": [edit.text() for edit in form._dissent_edits()],
        }

    def recorded_fields(self) -> dict[str, Any]:
        """What the form shows when it holds exactly the recorded decision and no dissent being typed."""
        decision = self.form.decision
        if decision is None:
            return {
                "outcome": "",
                "category": "",
                "multiple_reason": "",
                "factors": [],
                "cin_meeting_date": "",
                "rationale": "",
                "decided_by": "",
                "dissent": [""] * 5,
            }
        return {
            "outcome": decision.outcome.value,
            "category": decision.category.value if decision.category else "",
            "multiple_reason": decision.multiple_reason,
            "factors": list(decision.significant_factors),
            "cin_meeting_date": decision.cin_meeting_date.isoformat() if decision.cin_meeting_date else "",
            "rationale": decision.rationale,
            "decided_by": decision.decided_by,
            "dissent": [""] * 5,
        }

    def _is_unrecorded(self, fields: dict[str, Any]) -> bool:
        recorded = self.recorded_fields()
        if self.form.decision is None:  # a blank form with only the chair's name filled in is no draft
            return any(fields[k] for k in fields if k not in ("decided_by", "dissent")) or any(
                fields["dissent"]
            )
        return fields != recorded

    # --- keeping ---------------------------------------------------------------------------------

    def changed(self, *_args: object) -> None:
        if not self.form._loading:
            self.restored = False
            self.timer.start()

    def flush(self) -> None:
        """Store now whatever is waiting (switching conference, closing the app)."""
        if self.timer.isActive():
            self.save()

    def save(self) -> None:
        self.timer.stop()
        form = self.form
        fields = self.fields()
        try:
            draft = fields if self._is_unrecorded(fields) else None
            if store_draft(form.services, form.conference.id, form.child.id, draft, DECISION):
                form.hub.save_failed.emit(OUTAGE_MESSAGE)  # kept on this computer until the server is back
        except EnvironmentProblem as problem:
            form.hub.save_failed.emit(problem.message)  # the words stay on screen; the next change retries
        except DomainError:
            pass  # final record or a reading role: the form is read-only and nothing is kept

    def recorded(self) -> None:
        """The decision was recorded: what was drafted is now the record (a dissent still being typed is
        kept)."""
        self.restored = False
        self.save()

    def discard(self) -> None:
        """The chair took someone else's decision (issue 16): what was drafted here goes."""
        self.timer.stop()
        self.restored = False
        form = self.form
        with contextlib.suppress(EnvironmentProblem, DomainError):  # kept: the next change saves over it
            store_draft(form.services, form.conference.id, form.child.id, None, DECISION)

    def restore(self) -> None:
        """Put back a kept draft that differs from what is recorded (called after the form loads)."""
        form = self.form
        try:
            fields = kept_draft(form.services, form.conference.id, form.child.id, DECISION)
        except (EnvironmentProblem, DomainError):
            return
        if fields is None or not self._is_unrecorded(fields):
            return
        form._loading = True
        try:
            form.select_outcome(Outcome(fields["outcome"]) if fields["outcome"] else None)
            form.select_category(Category(fields["category"]) if fields["category"] else None)
            form.multiple_reason.setPlainText(fields["multiple_reason"])
            form.factors.set_checked(fields["factors"])
            cin = fields["cin_meeting_date"]
            form.cin_date.set_value(date.fromisoformat(cin) if cin else None)
            form.rationale.setPlainText(fields["rationale"])
            form.decided_by.setText(fields["decided_by"])
            for edit, text in zip(form._dissent_edits(), fields["dissent"], strict=True):
                edit.setText(text)
        finally:
            form._loading = False
        form._update_visibility()
        self.restored = True
        form.status.setText(f"{form.status.text()}  {RESTORED_NOTE}")


class LineDraftKeeper(QObject):
    """Keeps one line being typed for a conference (a plan action not yet added) until it is added:
    stored 400 ms after typing stops and when the conference changes or the app closes, put back
    when the conference is shown again."""

    def __init__(self, edit: QLineEdit, services: Services, kind: str) -> None:
        super().__init__(edit)
        self.edit = edit
        self.services = services
        self.kind = kind
        self.conference_id: str | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        edit.textChanged.connect(lambda _text: self.timer.start())

    def follow(self, conference_id: str | None) -> None:
        """Store what is typed for the conference left, then put back what was kept for this one."""
        if conference_id == self.conference_id:
            return
        self.flush()
        self.conference_id = conference_id
        text = ""
        if conference_id is not None:
            try:
                kept = kept_draft(self.services, conference_id, None, self.kind)
            except (EnvironmentProblem, DomainError):
                kept = None
            text = str(kept.get("text", "")) if kept else ""
        blocked = self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(blocked)

    def flush(self) -> None:
        if self.timer.isActive():
            self.save()

    def save(self) -> None:
        self.timer.stop()
        if self.conference_id is None:
            return
        text = self.edit.text()
        try:
            fields = {"text": text} if text.strip() else None
            store_draft(self.services, self.conference_id, None, fields, self.kind)  # or kept, in an outage
        except EnvironmentProblem:
            pass  # the text stays on screen; the next keystroke tries again
        except DomainError:
            pass  # final record or a reading role: nothing to keep
