"""The laptop that goes offline, in the app (issue 16 item 5): in Today and due, "Take offline to this
laptop…" and "Bring back to the team store…" for the conference chosen in "Coming up", with progress and
the result shown inline (never a modal); the conferences out on laptops listed there; and who has a
conference shown above the register's conference and the meeting's map (`CheckoutBanner`).

Both stores are opened with one password, typed into the panel (the laptop's copy is encrypted with the
account's own key, services/offline.open_laptop). Conflicts on the way back are the hand-off's own
Mine/Theirs view (ui/handoff_dialog.py, not modal), with the team store as Mine and the laptop as Theirs.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.domain.local_time import local
from iro_desktop.domain.roles import Action, can
from iro_desktop.services.conference_file.merge import Side
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.handoff_dialog import HandoffDialog
from iro_desktop.ui.models.table import Column
from iro_desktop.ui.offline_cancel import CancelCheckoutForm
from iro_desktop.ui.widgets import button
from iro_desktop.ui.worker import Worker

SIDES = ("Mine (the team store)", "Theirs (this laptop)")
CANCELLED_NOTE = (
    " The checkout had been cancelled, so this came back as a hand-off: merged field by field against the "
    "version taken out."
)


def _offline(services: Services) -> Any:
    from iro_desktop.services.offline import OfflineService

    return OfflineService(services.ctx)


def _signed_in(services: Services) -> bool:
    """Someone who may read is signed in (the app builds its areas while the password is typed)."""
    user = services.ctx.session.user
    return user is not None and can(user, Action.VIEW)


def _failure_text(error: BaseException) -> str:
    if isinstance(error, EnvironmentProblem):
        return f"{error.title}. {error.message}"
    from iro_desktop.services.accounts import SignInFailed
    from iro_desktop.services.conference_file.service import FileRejected

    if isinstance(error, SignInFailed):
        return (
            "That password does not open this laptop's copy (it is the password you had when it was set up)."
        )
    if isinstance(error, FileRejected):
        return " ".join(p.message for p in error.problems)
    if isinstance(error, DomainError):
        return str(error)
    return f"Something went wrong ({type(error).__name__}); nothing was changed."


class _Message(QLabel):
    """A wrapped message that asks for the height its text needs at its width (a group box above a
    splitter otherwise squeezes it to one clipped line)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setAccessibleName(name)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the recovery key

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = (self.width() if self.width() > 50 else 900) - 2 * self.margin() - 4
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = self.fontMetrics().boundingRect(QRect(0, 0, width, 100_000), flags, self.text()).height()
        # a line to spare: QLabel breaks long paths where the font metrics' estimate does not
        self.setMinimumHeight(needed + self.fontMetrics().lineSpacing() if self.text() else 0)


class CheckoutBanner(QLabel):
    """“⚠ Priya Raman has it on a laptop since … Read-only here.” above a conference; hidden if here."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        current: Callable[[], str | None],
        parent: QWidget | None = None,
        laptop_copy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.current = current  # the conference in view where the banner stands
        self.laptop_copy = laptop_copy  # standing in the laptop's own store, not the team store
        self.setWordWrap(True)
        self.setAccessibleName("On a laptop")
        self.setStyleSheet("QLabel { background: #fff4ce; color: #3b2300; padding: 4px; }")
        self.hide()
        hub.changed.connect(lambda _topics: self.refresh())

    def refresh(self) -> None:
        conference_id = self.current()
        readable = conference_id and _signed_in(self.services)
        checkout = _offline(self.services).checkout(conference_id) if readable else None
        if checkout is None:
            self.setText("")
            self.hide()
            return
        if self.laptop_copy:
            self.setText(
                f"⚠ This is the laptop's copy, taken out of the team store on "
                f"{local(checkout.since):%d %b %Y %H:%M}. Finish the record and send it for approval here; "
                "the chair approves it on the team store once it is brought back (the signing keys stay "
                "there)."
            )
            self.show()
            return
        user = self.services.ctx.session.user
        mine = checkout.is_held_by(user.id if user else None)
        self.setText(
            f"⚠ {checkout.who()}."
            + (
                " You have it: bring it back when the meeting is over."
                if mine
                else " Read-only here until it is brought back."
            )
        )
        self.show()


class OfflinePanel(QGroupBox):
    """Take the chosen conference onto this laptop, or bring it back; what is out, and the result."""

    def __init__(
        self,
        services: Services,
        hub: ChangeHub,
        data_dir: Path,
        laptop_dir: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("On a laptop (no network at the venue)", parent)
        self.services, self.hub = services, hub
        self.data_dir, self.laptop_dir = data_dir, laptop_dir
        self.conference_id: str | None = None
        self.conference_label_text = ""
        self.worker = Worker(self, threads=1)
        self.handoff: HandoffDialog | None = None
        self._laptop_close: Any = None
        self._still_out = True
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never squeezed
        layout = QVBoxLayout(self)
        self.out_list = _Message("Out on laptops")
        layout.addWidget(self.out_list)
        self.cancel_form = CancelCheckoutForm(services, lambda: dict(self._choices()), self._finished)
        layout.addWidget(self.cancel_form)
        row = QHBoxLayout()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Your password, to open this laptop's encrypted copy")
        self.password.setPlaceholderText("Your password (opens this laptop's encrypted copy)")
        self.take_button = button("Ta&ke offline to this laptop…", tip="Copy it, its family and history here")
        self.back_button = button("Bring &back to the team store…", tip="Merge this laptop's version back")
        self.take_button.clicked.connect(self.take)
        self.back_button.clicked.connect(self.bring_back)
        row.addWidget(self.password, 1)
        row.addWidget(self.take_button)
        row.addWidget(self.back_button)
        layout.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: how long argon2 and the copy take is not known ahead
        self.progress.setAccessibleName("Working")
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.result = _Message("Result")
        layout.addWidget(self.result)
        hub.changed.connect(lambda _topics: self.refresh())
        self.refresh()

    # --- what is shown --------------------------------------------------------------------------
    def set_conference(self, conference_id: str | None, label: str = "") -> None:
        self.conference_id, self.conference_label_text = conference_id, label
        self.refresh()

    def refresh(self) -> None:
        if not _signed_in(self.services):  # built while the password is typed: filled at sign-in
            self.out_list.setText("")
            for control in (self.take_button, self.back_button, self.cancel_form.open_button):
                control.setEnabled(False)
            return
        offline = _offline(self.services)
        out = offline.checkouts()
        if out:
            names = dict(self._choices())
            lines = [f"• {names.get(cid, 'A conference')}: {c.who()}" for cid, c in out.items()]
            self.out_list.setText("Out on laptops:\n" + "\n".join(lines))
        else:
            self.out_list.setText("No conference is out on a laptop.")
        busy = self.worker.busy or self.handoff is not None
        user = self.services.ctx.session.user
        checkout = out.get(self.conference_id) if self.conference_id else None
        cancelled = (
            offline.cancelled_from_me(self.conference_id) if self.conference_id and checkout is None else None
        )
        if cancelled is not None:  # the laptop's copy is still to come back, as a merged hand-off
            self.out_list.setText(
                self.out_list.text()
                + f"\nYour checkout of {self.conference_label_text or 'this conference'} was cancelled on "
                f"{local(cancelled):%d %b %Y %H:%M}: bring back what this laptop holds, if anything, as a "
                "hand-off (merged field by field; what was changed here since in the same place is a choice)."
            )
        runs = can(user, Action.RUN_MEETING)  # a manager reads who has what, and may cancel; no more
        self.take_button.setEnabled(runs and not busy and self.conference_id is not None and checkout is None)
        self.back_button.setEnabled(
            runs
            and not busy
            and (
                (checkout is not None and checkout.is_held_by(user.id if user else None))
                or cancelled is not None
            )
        )
        self.cancel_form.refresh(out, self.conference_id, busy)

    def _choices(self) -> list[tuple[str, str]]:
        from iro_desktop.services.conference_file.service import ConferenceFileService

        return ConferenceFileService(self.services.ctx).choices()

    # --- acting ---------------------------------------------------------------------------------
    def _laptop_location(self) -> Any:
        from iro_desktop.services.offline import laptop_location

        return laptop_location(self.laptop_dir, self.data_dir)

    def _open_laptop(self, password: str) -> tuple[Services, Any, str | None]:
        from iro_desktop.services.offline import open_laptop

        user = self.services.ctx.session.user
        assert user is not None
        return open_laptop(
            self._laptop_location(),
            user.username,
            password,
            user.display_name,
            user.role,
            self.services.ctx.today,
        )

    def _busy(self, text: str) -> None:
        self.result.setText(text)
        self.progress.show()
        self.refresh()

    def _finished(self, text: str) -> None:
        self.progress.hide()
        self.result.setText(text)
        self.hub.announce("*")  # the register, Today and the map read the checkout again
        self.refresh()

    def take(self) -> None:
        conference_id, password = self.conference_id, self.password.text()
        if conference_id is None:
            return
        if not password:
            self.result.setText("✘ Type your password first: it opens this laptop's encrypted copy.")
            self.password.setFocus()
            return
        self.password.clear()
        offline = _offline(self.services)

        def job() -> tuple[Any, str | None]:
            laptop, close, recovery = self._open_laptop(password)
            try:
                return offline.take(conference_id, laptop, place=socket.gethostname()), recovery
            finally:
                close()

        self._busy("Taking the conference, its family and history onto this laptop…")
        self.worker.start(job, self._taken, lambda e: self._finished(f"✘ Not taken: {_failure_text(e)}"))

    def _taken(self, done: tuple[Any, str | None]) -> None:
        result, recovery = done
        where = self._laptop_location().data_dir
        text = (
            f"✔ Taken onto this laptop: {result.family_name} ({result.conferences} conference(s) of the "
            f"family, encrypted in {where}). At the venue, open it with: iro-desktop --data-dir {where}"
        )
        if result.skipped:
            text += f" Not copied: {'; '.join(result.skipped)}."
        if recovery:
            text += (
                f"\nRecovery key for the laptop's copy (shown once; write it down, keep it away from the "
                f"laptop): {recovery}"
            )
        self._finished(text)

    def bring_back(self) -> None:
        conference_id, password = self.conference_id, self.password.text()
        if conference_id is None:
            return
        if not password:
            self.result.setText("✘ Type your password first: it opens this laptop's encrypted copy.")
            self.password.setFocus()
            return
        self.password.clear()
        offline = _offline(self.services)

        def job() -> tuple[Any, Any, Any]:
            laptop, close, _recovery = self._open_laptop(password)
            try:
                return offline.prepare_bring_back(conference_id, laptop), laptop, close
            except BaseException:
                close()
                raise

        self._busy("Comparing this laptop's version with the team store's…")
        self.worker.start(
            job, self._prepared, lambda e: self._finished(f"✘ Not brought back: {_failure_text(e)}")
        )

    def _prepared(self, done: tuple[Any, Any, Any]) -> None:
        prepared, _laptop, close = done
        self._laptop_close = close
        self._still_out = prepared.checkout is not None
        if not prepared.plan.conflicts:
            self._apply(prepared, {})
            return
        self.progress.hide()
        self.result.setText(
            f"{len(prepared.plan.conflicts)} thing(s) were changed both here and on the laptop: choose which "
            "to keep for each in the hand-off view (nothing changes until you apply)."
            + (CANCELLED_NOTE if prepared.checkout is None else "")
        )
        self.handoff = HandoffDialog(
            prepared.plan,
            lambda choices: self._apply(prepared, choices, raise_errors=True),
            self,
            sides=SIDES,
            source="the laptop",
        )
        self.hub.lock_changed.connect(self.handoff.on_lock_changed)
        self.handoff.finished.connect(self._handoff_closed)
        self.handoff.show()

    def _apply(self, prepared: Any, choices: dict[str, Side], raise_errors: bool = False) -> None:
        try:
            result = _offline(self.services).bring_back(prepared, choices)
        except DomainError as exc:
            if raise_errors:
                raise  # shown beside the choices in the hand-off view
            self._release_laptop()
            self._finished(f"✘ Not brought back: {_failure_text(exc)}")
            return
        self._release_laptop()
        text = (
            f"✔ Brought back to the team store: {result.family_name}: {result.taken} change(s) from the "
            f"laptop, {result.kept} made here kept, {result.conflicts} chosen "
            f"({result.chose_laptop} as on the laptop). Everyone can edit it again."
        )
        if prepared.checkout is None:
            text += CANCELLED_NOTE
        if result.approval_note:
            text += f" {result.approval_note}"
        self._finished(text)

    def _handoff_closed(self, _code: int) -> None:
        self.handoff = None
        if self._laptop_close is not None:  # cancelled: nothing applied, still out
            self._release_laptop()
            self.result.setText(
                "Nothing was brought back; the conference is still out on this laptop."
                if self._still_out
                else "Nothing was brought back; this laptop's copy can still be brought back later."
            )
        QTimer.singleShot(0, self.refresh)

    def _release_laptop(self) -> None:
        close, self._laptop_close = self._laptop_close, None
        if close is not None:
            close()


def install_laptop_copy(window: Any, services: Services) -> tuple[CheckoutBanner, ...]:
    """On a desktop's own store: above the register's conference, the map and the record, a banner that
    shows only when the conference in view was taken out onto this laptop (its copy's checkout row),
    saying it is the laptop's copy and where it is approved. Hidden everywhere else."""
    hub: ChangeHub = window.hub
    families, meeting, records = window.areas["families"], window.areas["meeting"], window.areas["records"]
    banners = (
        CheckoutBanner(
            services,
            hub,
            lambda: c.id if (c := families.selected_conference()) is not None else None,
            laptop_copy=True,
        ),
        CheckoutBanner(services, hub, lambda: meeting.controller.conference_id, laptop_copy=True),
        CheckoutBanner(
            services,
            hub,
            lambda: r.conference_id if (r := getattr(records, "record", None)) is not None else None,
            laptop_copy=True,
        ),
    )
    families.layout().insertWidget(1, banners[0])
    families.conference_table.selectionModel().selectionChanged.connect(lambda *_: banners[0].refresh())
    meeting.layout().insertWidget(1, banners[1])
    meeting.controller.opened.connect(banners[1].refresh)
    records.layout().insertWidget(0, banners[2])
    records.shown.connect(banners[2].refresh)
    window.laptop_banners = banners
    return banners


def install_offline(window: Any, services: Services, data_dir: Path) -> OfflinePanel:
    """The panel in Today and due (acting on the conference chosen in "Coming up") and the banner above
    the register's conference and the meeting's map. Called by MainWindow.attach."""
    hub: ChangeHub = window.hub
    today = window.areas["today"]
    panel = OfflinePanel(services, hub, data_dir)
    today.layout().insertWidget(3, panel)

    def chosen_upcoming(*_args: object) -> None:
        index = today.table.currentIndex()
        if not index.isValid():
            panel.set_conference(None)
            return
        item = today.model.item(index.row())
        panel.set_conference(
            item.conference.id, f"{item.family_name} — {item.conference.conference_type.label}"
        )

    def reselect(*_args: object) -> None:
        """Today refreshed (a change anywhere): the same conference stays chosen while it is listed."""
        rows = [today.model.item(r).conference.id for r in range(today.model.rowCount())]
        if panel.conference_id in rows:
            today.table.selectRow(rows.index(panel.conference_id))
        else:
            panel.set_conference(None)

    today.table.selectionModel().currentRowChanged.connect(chosen_upcoming)
    today.model.modelReset.connect(reselect)
    families = window.areas["families"]
    register_banner = CheckoutBanner(
        services, hub, lambda: c.id if (c := families.selected_conference()) is not None else None
    )
    families.layout().insertWidget(1, register_banner)
    families.conference_table.selectionModel().selectionChanged.connect(lambda *_: register_banner.refresh())
    meeting = window.areas["meeting"]
    map_banner = CheckoutBanner(services, hub, lambda: meeting.controller.conference_id)
    meeting.layout().insertWidget(1, map_banner)
    meeting.controller.opened.connect(map_banner.refresh)
    records = window.areas["records"]
    records_banner = CheckoutBanner(
        services,
        hub,
        lambda: r.conference_id if (r := getattr(records, "record", None)) is not None else None,
    )
    records.layout().insertWidget(0, records_banner)
    records.shown.connect(records_banner.refresh)
    window.offline_panel = panel
    window.checkout_banners = (register_banner, map_banner)
    window.records_banner = records_banner
    window.holder_columns = HolderColumns(
        services,
        hub,
        [
            (today.model, lambda u: u.conference.id),  # Today and due: coming up
            (today.records_model, lambda d: d.conference_id),  # ... records to distribute
            (families.conferences, lambda c: c.id),  # the register: the family's conferences
            (records.queue, lambda e: e.conference_id),  # the clerk's queue
        ],
    )
    return panel


class HolderColumns:
    """An "On a laptop" column (who has it, since when, in words) in the tables that list conferences:
    Today and due, the register and the clerk's queue; read again on every change (another desktop's
    take, bring-back or cancel arrives as a change of conferences)."""

    def __init__(self, services: Services, hub: ChangeHub, tables: list[tuple[Any, Callable[[Any], str]]]):
        self.services = services
        self.out: dict[str, Any] = {}
        self.columns: list[tuple[Any, int]] = []
        for model, conference_of in tables:
            text = self._text_of(conference_of)  # the tooltip repeats it whole where the column is narrow
            self.columns.append((model, model.add_column(Column("On a laptop", text, text))))
        hub.changed.connect(lambda _topics: self.refresh())
        self.refresh()

    def _text_of(self, conference_of: Callable[[Any], str]) -> Callable[[Any], str]:
        return lambda item: self.text(conference_of(item))

    def text(self, conference_id: str) -> str:
        checkout = self.out.get(conference_id)
        if checkout is None:
            return ""
        return f"{checkout.holder_name} since {local(checkout.since):%d %b %Y %H:%M}"

    def refresh(self) -> None:
        self.out = _offline(self.services).checkouts() if _signed_in(self.services) else {}
        for model, column in self.columns:
            model.column_changed(column)
