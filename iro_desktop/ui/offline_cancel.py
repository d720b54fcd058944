"""“Cancel this checkout…” in Today and due → On a laptop (issue 16): a laptop lost or broken leaves its
conference read-only on the team store for everyone but its holder; the holder, a manager or an
administrator releases it here. Back-office, so a small inline form under the list of what is out (never a
modal): which checkout, why (a code, kept in the audit trail), what it means for the laptop's changes, and
the result in the same place. Not undoable: the laptop's copy is no longer tied to the team store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from iro_desktop.domain.checkout import CANCEL_MEANS, CancelReason, Checkout
from iro_desktop.domain.errors import DomainError
from iro_desktop.services.registry import Services
from iro_desktop.ui.widgets import button

CHOOSE_REASON = "Choose a reason…"


def _offline(services: Services) -> Any:
    from iro_desktop.services.offline import OfflineService

    return OfflineService(services.ctx)


class CancelCheckoutForm(QWidget):
    """The button, and the form it opens in place: which, why, what it means; Cancel it / Keep it out."""

    def __init__(
        self,
        services: Services,
        names: Callable[[], dict[str, str]],
        done: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.names = names  # conference id -> how it reads ("Wiśniewski family — Review")
        self.done = done  # told the result in words (the panel shows it, and announces the change)
        self.preferred: str | None = None  # the conference chosen in "Coming up", offered first
        self.cancellable: list[Checkout] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.open_button = button(
            "Cance&l this checkout…", tip="Release a conference out on a laptop that is lost, broken or away"
        )
        self.open_button.clicked.connect(self.open_form)
        first = QHBoxLayout()
        first.addWidget(self.open_button)
        first.addStretch(1)
        outer.addLayout(first)
        self.form = QWidget()
        self.form.setAccessibleName("Cancel a checkout")
        form = QFormLayout(self.form)
        self.which = QComboBox()
        self.which.setAccessibleName("Which checkout to cancel")
        self.which.currentIndexChanged.connect(lambda _i: self._say_who())
        form.addRow("&Conference:", self.which)
        self.who = QLabel()
        self.who.setWordWrap(True)
        self.who.setAccessibleName("Who has it")
        form.addRow(self.who)
        self.reason = QComboBox()
        self.reason.setAccessibleName("Why the checkout is cancelled")
        self.reason.addItem(CHOOSE_REASON, None)
        for reason in CancelReason:
            self.reason.addItem(reason.label, reason.value)  # a str: Qt keeps no enum
        self.reason.currentIndexChanged.connect(lambda _i: self._ready())
        form.addRow("&Why:", self.reason)
        self.means = QLabel(f"What this means: {CANCEL_MEANS}")
        self.means.setWordWrap(True)
        self.means.setAccessibleName("What cancelling means")
        form.addRow(self.means)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why it was not cancelled")
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        form.addRow(self.problem)
        buttons = QHBoxLayout()
        self.confirm_button = button("Cancel the checkout", tip="Release it on the team store now")
        self.keep_button = button("Keep it out", tip="Close this form; nothing changes")
        self.confirm_button.clicked.connect(self.confirm)
        self.keep_button.clicked.connect(self.close_form)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.keep_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.form.hide()
        outer.addWidget(self.form)

    # --- what may be cancelled ------------------------------------------------------------------
    def refresh(self, out: dict[str, Checkout], preferred: str | None, busy: bool) -> None:
        """The checkouts listed (`out`), the chosen conference; the button only for who may use it."""
        offline = _offline(self.services)
        self.preferred = preferred
        self.cancellable = [c for c in out.values() if offline.may_cancel(c)]
        self.open_button.setVisible(bool(self.cancellable) or self.form.isVisible())
        self.open_button.setEnabled(bool(self.cancellable) and not busy and not self.form.isVisible())
        if self.form.isVisible():
            self._fill(keep=self._chosen_id())

    def _fill(self, keep: str | None = None) -> None:
        names = self.names()
        self.which.blockSignals(True)
        self.which.clear()
        for checkout in self.cancellable:
            self.which.addItem(names.get(checkout.conference_id, "A conference"), checkout.conference_id)
        ids = [c.conference_id for c in self.cancellable]
        want = keep if keep in ids else self.preferred if self.preferred in ids else None
        self.which.setCurrentIndex(ids.index(want) if want is not None else 0)
        self.which.blockSignals(False)
        self._say_who()

    def _chosen_id(self) -> str | None:
        value = self.which.currentData()
        return value if isinstance(value, str) else None

    def _chosen_checkout(self) -> Checkout | None:
        chosen = self._chosen_id()
        return next((c for c in self.cancellable if c.conference_id == chosen), None)

    def _say_who(self) -> None:
        checkout = self._chosen_checkout()
        if checkout is None:
            self.who.setText("It is no longer out on a laptop.")
        else:
            user = self.services.ctx.session.user
            mine = checkout.is_held_by(user.id if user else None)
            where = f" ({checkout.place})" if checkout.place else ""
            self.who.setText(f"{checkout.who()}{where}." + (" That is you." if mine else ""))
        self._ready()

    def _ready(self) -> None:
        self.confirm_button.setEnabled(
            self._chosen_checkout() is not None and self.reason.currentData() is not None
        )

    # --- acting ---------------------------------------------------------------------------------
    def open_form(self) -> None:
        self.problem.hide()
        self.reason.setCurrentIndex(0)
        self.form.show()
        self.open_button.setEnabled(False)
        self._fill()
        self.which.setFocus()

    def close_form(self) -> None:
        self.form.hide()
        self.problem.hide()
        self.open_button.setVisible(bool(self.cancellable))
        self.open_button.setEnabled(bool(self.cancellable))
        self.open_button.setFocus()

    def confirm(self) -> None:
        from iro_desktop.services.offline import cancel_checkout

        checkout, code = self._chosen_checkout(), self.reason.currentData()
        if checkout is None or code is None:
            return
        reason = CancelReason(code)
        name = self.names().get(checkout.conference_id, "the conference")
        try:
            cancel_checkout(_offline(self.services), checkout.conference_id, reason)
        except DomainError as exc:  # brought back or cancelled meanwhile, or not theirs to cancel
            self.problem.setText(f"✘ Not cancelled: {exc}")
            self.problem.show()
            return
        self.form.hide()
        self.problem.hide()
        self.done(f"✔ Checkout cancelled: {name} ({checkout.who()}). {CANCEL_MEANS}")
