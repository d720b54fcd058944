"""Marking who may read a piece of content (issue 18) as one undo step, for every kind of content: the
command calls the service's setter (which returns the audience before) and undo puts that back."""

from __future__ import annotations

from collections.abc import Callable

from iro_desktop.domain.audience import Audience
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.undo_command import ChangeSource, UndoCommand

# A service's setter for one piece of content: stores the audience, returns (after, before).
Setter = Callable[[Audience], tuple[Audience, Audience]]


def command_text(audience: Audience, what: str) -> str:
    return (
        f"{what}: for everyone" if not audience.restricted else f"Mark {what} {audience.kind.label.lower()}"
    )


class SetAudienceCommand(UndoCommand):
    """Who may read `what` (e.g. "the reasons for Zoë's decision"); undo restores what it was."""

    def __init__(
        self,
        setter: Setter,
        audience: Audience,
        what: str,
        hub: ChangeHub | None = None,
        changes: ChangeSource | None = None,
    ) -> None:
        super().__init__(command_text(audience, what), hub, changes)
        self.setter = setter
        self.audience = audience
        self.before: Audience | None = None

    def forward(self) -> None:
        _after, before = self.setter(self.audience)
        if self.before is None:
            self.before = before

    def backward(self) -> None:
        assert self.before is not None
        self.setter(self.before)
