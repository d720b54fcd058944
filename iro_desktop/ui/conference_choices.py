"""Which conferences a conference picker offers. With ten years of imported history a council has
thousands of held conferences: the pickers list the open ones (not yet held or stood down), those of
the last RECENT_MONTHS months and the one already chosen; "Show older conferences" lists every one."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox

from iro_desktop.domain.calendar import add_months
from iro_desktop.domain.conference import Conference
from iro_desktop.services.registry import Services

RECENT_MONTHS = 6
OLDER_TEXT = "Show older conferences"


def older_box() -> QCheckBox:
    """The check box that widens a picker to every conference ever held."""
    box = QCheckBox(OLDER_TEXT)
    box.setAccessibleName(OLDER_TEXT)
    box.setToolTip(
        f"The list shows conferences still to be held and those of the last {RECENT_MONTHS} months; "
        "tick to list every conference, however old."
    )
    return box


def choices(
    services: Services, *, include: Iterable[str | None] = (), older: bool = False
) -> tuple[list[Conference], dict[str, str]]:
    """(conferences in booking order, family id -> name) for a picker."""
    if older:
        conferences = services.conferences.all()
    else:
        since = add_months(services.ctx.today(), -RECENT_MONTHS)
        conferences = services.conferences.recent(since, include)
    return conferences, services.families.names({c.family_id for c in conferences})
