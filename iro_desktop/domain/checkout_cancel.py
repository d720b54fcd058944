"""Cancelling a checkout (issue 16): why, as a code, and what it means. Its own small module so the command
line can list the reasons without importing the record's rules."""

from __future__ import annotations

import enum

# What cancelling a checkout means, said wherever it is offered (the app's form, the command line).
CANCEL_MEANS = (
    "It becomes editable here again by everyone. What was done on the laptop since it was taken out does "
    "not come back by itself: it can still be brought back from that laptop, but only as a hand-off merged "
    "field by field, and whatever was changed here meanwhile in the same place is then a conflict to "
    "choose (Mine or Theirs)."
)


class CancelReason(enum.StrEnum):
    """Why a checkout was cancelled: a code, so the audit trail holds no words about anyone."""

    LOST = "lost"
    BROKEN = "broken"
    HOLDER_AWAY = "holder_away"
    NOT_NEEDED = "not_needed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            CancelReason.LOST: "The laptop is lost or stolen",
            CancelReason.BROKEN: "The laptop is broken or will not open",
            CancelReason.HOLDER_AWAY: "Its holder is away and the record is needed here",
            CancelReason.NOT_NEEDED: "It was taken out by mistake, or the meeting moved",
            CancelReason.OTHER: "Another reason",
        }[self]
