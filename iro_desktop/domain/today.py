"""'Today and due': what a chair or clerk needs to see first, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.clocks import Clock, ClockKind, ClockState
from iro_desktop.domain.conference import Conference

# Worst first: the order a list of states is summarised in.
SEVERITY = (
    ClockState.OVERDUE,
    ClockState.LATE,
    ClockState.DUE_SOON,
    ClockState.PENDING,
    ClockState.MET,
    ClockState.NOT_APPLICABLE,
)


def worst(states: list[ClockState]) -> ClockState:
    return min(states, key=SEVERITY.index) if states else ClockState.NOT_APPLICABLE


@dataclass(frozen=True)
class UpcomingConference:
    """A booked conference and how ready it is."""

    conference: Conference
    family_name: str
    family_reference: str
    invited: int
    on_list: int
    agency_reports: int
    agency_reports_expected: int
    clocks: tuple[Clock, ...]
    advocacy_missing: int = 0

    @property
    def state(self) -> ClockState:
        return worst([c.state for c in self.clocks] + ([ClockState.OVERDUE] if self.advocacy_missing else []))

    @property
    def preparation(self) -> str:
        """Preparation in words: reports, invitations, advocacy."""
        by_kind = {c.kind: c for c in self.clocks}
        parts = []
        for kind, name in ((ClockKind.REPORT_TO_PARENTS, "parents"), (ClockKind.REPORT_TO_CHAIR, "chair")):
            clock = by_kind.get(kind)
            if clock is not None:
                mark = "✔" if clock.done_on else ("⚠" if clock.state is ClockState.OVERDUE else "…")
                parts.append(f"SW report to {name} {mark}")
        parts.append(f"invitations {self.invited}/{self.on_list} out")
        if self.agency_reports_expected:
            parts.append(f"agency reports {self.agency_reports}/{self.agency_reports_expected}")
        if self.advocacy_missing:
            parts.append(f"advocacy answer missing for {self.advocacy_missing}")
        return "; ".join(parts)

    @property
    def attention(self) -> str:
        """The most pressing thing, in words with its symbol."""
        needing = [c for c in self.clocks if c.state.needs_attention]
        if self.advocacy_missing:
            return "⚠ Advocacy not yet asked for a child aged 10+"
        if not needing:
            return "✔ On track"
        first = min(needing, key=lambda c: SEVERITY.index(c.state))
        return f"{first.state.text}: {first.label.lower()}"


@dataclass(frozen=True)
class DueItem:
    """Something past, or close to, its deadline."""

    conference_id: str
    family_name: str
    family_reference: str
    what: str
    due: date | None
    state: ClockState
    detail: str = ""


@dataclass(frozen=True)
class TodayOverview:
    today: date
    upcoming: tuple[UpcomingConference, ...]
    out_of_timescale: tuple[DueItem, ...]
    records_due: tuple[DueItem, ...]

    @property
    def summary(self) -> str:
        overdue = sum(1 for i in self.out_of_timescale if i.state is ClockState.OVERDUE) + sum(
            1 for i in self.records_due if i.state is ClockState.OVERDUE
        )
        n = len(self.upcoming)
        return (
            f"{n} conference{'s' if n != 1 else ''} coming up; "
            f"{len(self.out_of_timescale)} out of timescale or due; "
            f"{len(self.records_due)} record{'s' if len(self.records_due) != 1 else ''} to distribute"
            + (f" ({overdue} overdue)" if overdue else "")
            + "."
        )
