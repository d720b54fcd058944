"""A conference taken out of the team store onto one chair's laptop (issue 16 item 5): who has it, since
when, and the refusal everyone else meets while it is out. Pure: no store, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from iro_desktop.domain.checkout_cancel import CANCEL_MEANS, CancelReason
from iro_desktop.domain.local_time import local
from iro_desktop.domain.record import RecordLocked

__all__ = ["CANCEL_MEANS", "AlreadyCheckedOut", "ApprovalWhileOut", "CancelReason", "CheckedOut", "Checkout"]


@dataclass(frozen=True)
class Checkout:
    conference_id: str
    holder_id: str
    holder_username: str
    holder_name: str
    since: datetime  # UTC
    revision: str  # the conference file revision that was taken out
    place: str = ""  # the laptop's name, as its holder's computer reported it

    def who(self) -> str:
        """“Priya Raman has it on a laptop since 02 Dec 2026 13:50” (England's time; stored in UTC)."""
        return f"{self.holder_name} has it on a laptop since {local(self.since):%d %b %Y %H:%M}"

    def is_held_by(self, user_id: str | None) -> bool:
        return user_id is not None and user_id == self.holder_id


class CheckedOut(RecordLocked):
    """The conference is on another chair's laptop: read-only here until it is brought back (or an
    administrator cancels the checkout). A RecordLocked, so every place that shows a locked record says it."""

    def __init__(self, checkout: Checkout) -> None:
        self.checkout = checkout
        super().__init__(
            f"{checkout.who()}: it is read-only here until it is brought back to the team store "
            "(they, a manager or an administrator can cancel the checkout)."
        )


class AlreadyCheckedOut(CheckedOut):
    """Taking a conference that someone (perhaps the same chair) has already taken out."""


class ApprovalWhileOut(RecordLocked):
    """Approving a record whose conference is out on a laptop, on either side: the laptop holds no
    signing keys of the team store's, and on the team store the laptop's changes are still to come."""

    def __init__(self, checkout: Checkout) -> None:
        self.checkout = checkout
        super().__init__(
            f"Not approved: this conference is out on a laptop ({checkout.who()}). The signing keys stay "
            "with the team store, so the chair approves the record there once it is brought back. On the "
            "laptop, finish the record and send it for approval; nothing was changed."
        )
