"""The steps of a conference, in the order the meeting runs, each with its key."""

from __future__ import annotations

import enum


class Step(enum.IntEnum):
    """Tab order of the meeting workspace (the order a conference is held in)."""

    WHO_IS_HERE = 0
    MAP = 1
    DECISIONS = 2
    PLAN = 3
    HANDOUTS = 4

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def key(self) -> str:
        """The function key that goes straight to this step (F5 is the projector, so F6 onwards)."""
        return f"F{6 + self.value}"

    @property
    def tab_text(self) -> str:
        return f"{self.value + 1}  {self.label}  ({self.key})"


_LABELS = {
    Step.WHO_IS_HERE: "Who is here",
    Step.MAP: "The map",
    Step.DECISIONS: "Decisions",
    Step.PLAN: "The plan",
    Step.HANDOUTS: "Handouts",
}
