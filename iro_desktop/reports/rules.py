"""Configurable rules behind the figures (domain.md section 2 and 8; local practice varies)."""

from __future__ import annotations

from dataclasses import dataclass, field

from iro_desktop.domain.calendar import WorkingDayCalendar


@dataclass(frozen=True)
class AgeBand:
    """Ages `low` to `high` inclusive, in whole years (`high` None: and over)."""

    low: int
    high: int | None

    @property
    def label(self) -> str:
        return f"{self.low}+" if self.high is None else f"{self.low}-{self.high}"

    def contains(self, age: int) -> bool:
        return age >= self.low and (self.high is None or age <= self.high)


DEFAULT_AGE_BANDS = (AgeBand(0, 4), AgeBand(5, 9), AgeBand(10, 15), AgeBand(16, None))


@dataclass(frozen=True)
class ReportRules:
    """Timescales and thresholds. Working days come from `calendar` (bank holidays and closures)."""

    icpc_working_days: int = 15  # ICPC within 15 working days of the clock start
    first_review_months: int = 3  # first review within 3 months of the ICPC
    later_review_months: int = 6  # later reviews within 6 months of the previous one
    report_to_parents_icpc_wd: int = 2  # SW report to parents >= 2 WD before an ICPC
    report_to_chair_icpc_wd: int = 1  # ... to the chair >= 1 WD before an ICPC
    report_review_wd: int = 3  # ... to parents and chair >= 3 WD before a review
    record_distribution_wd: int = 15  # record distributed within 15 WD of the conference
    repeat_window_months: int = 24  # a repeat plan 'within 24 months' of the previous plan's end
    short_plan_months: int = 3  # plans ended 'within 3 months'
    long_plan_months: int = 24  # plans lasting '2 years or more'
    open_plan_checkpoints: tuple[int, ...] = (9, 12, 15, 18)  # open plans past these months
    age_bands: tuple[AgeBand, ...] = DEFAULT_AGE_BANDS
    calendar: WorkingDayCalendar = field(default_factory=WorkingDayCalendar, compare=False)
