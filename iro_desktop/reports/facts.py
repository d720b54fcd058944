"""The plain data the annual report is computed from.

Frozen dataclasses with string codes and dates only, so the store (or a historical import) can fill
them without the report knowing anything of sessions or Qt. Every figure in `reports/` is a pure
function of a `ReportFacts`, a `Period` and `ReportRules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from iro_desktop.reports.quality import QualityFacts

# Conference type codes (the same strings as `domain.conference.ConferenceType`).
INITIAL = "initial"
INITIAL_PRE_BIRTH = "initial_pre_birth"
TRANSFER_IN = "transfer_in"
RECONVENED = "reconvened"
FIRST_REVIEW = "first_review"
REVIEW = "review"

CONFERENCE_TYPES: dict[str, str] = {
    INITIAL: "Initial conference",
    INITIAL_PRE_BIRTH: "Initial pre-birth conference",
    TRANSFER_IN: "Receiving-in (transfer) conference",
    RECONVENED: "Re-convened initial conference",
    FIRST_REVIEW: "First review conference",
    REVIEW: "Review conference",
}
#: Initial conferences measured against the 15-working-day rule (transfers are measured separately).
ICPC_TYPES = frozenset({INITIAL, INITIAL_PRE_BIRTH, RECONVENED})
INITIAL_TYPES = ICPC_TYPES | {TRANSFER_IN}
REVIEW_TYPES = frozenset({FIRST_REVIEW, REVIEW})

# Plan end reason for a plan taken over by another authority (no conference here ended it).
TRANSFERRED_OUT = "transferred_out"

# Conference status codes.
HELD = "held"
STOOD_DOWN = "stood_down"
ADJOURNED = "adjourned"
SCHEDULED = "scheduled"

# Plan category codes.
CATEGORIES: dict[str, str] = {
    "N": "Neglect",
    "P": "Physical abuse",
    "E": "Emotional abuse",
    "S": "Sexual abuse",
    "M": "Multiple",
}


@dataclass(frozen=True)
class ChildFact:
    """A child as the report needs them.

    `date_of_birth` is None while the child is unborn. A child born during a plan keeps one id: the
    plan began while `date_of_birth` was unknown, and the birth date recorded later is also the day
    the child stopped being unborn, so age at any reference date follows from `date_of_birth` alone
    (`is_unborn_on`). `unborn` is the child's flag as recorded now (only consulted when there is no
    date of birth)."""

    id: str
    family_id: str
    date_of_birth: date | None = None
    expected_date: date | None = None
    unborn: bool = False
    gender: str = "unknown"  # female / male / other / unknown (also accepts F / M / U)
    ethnicity_code: str = ""  # detailed DfE code, e.g. WBRI, MWBC; see reports/ethnicity.py
    disability: bool = False
    disability_known: bool = True  # False when the source said "not known" (not the same as "no")

    @property
    def born_on(self) -> date | None:
        """The birth date, for a child born during a plan that began before birth."""
        return self.date_of_birth

    def is_unborn_on(self, day: date) -> bool:
        return self.date_of_birth is None or self.date_of_birth > day

    def age_on(self, day: date) -> int | None:
        """Whole years on `day` (a birthday on `day` counts); None if not yet born on `day`."""
        if self.is_unborn_on(day):
            return None
        dob = self.date_of_birth
        assert dob is not None
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


@dataclass(frozen=True)
class ConferenceFact:
    """One conference (a meeting for a family, covering one or more children).

    `scheduled_on` is the booked date; `held_on` the day it was held (None unless held). A
    conference stood down and held later is two facts: the stood-down booking and the held one
    (`replaces_id` links the new booking to the old)."""

    id: str
    family_id: str
    conference_type: str
    scheduled_on: date
    status: str = HELD
    held_on: date | None = None
    clock_start: date | None = None  # ICPC anchor (strategy discussion / s47 start, as configured)
    stood_down_reason: str | None = None
    lateness_reason: str | None = None
    chair_id: str | None = None
    child_ids: tuple[str, ...] = ()
    report_to_parents_on: date | None = None
    report_to_chair_on: date | None = None
    record_distributed_on: date | None = None
    family_invited: int = 0
    family_attended: int = 0
    households_invited: int = 0  # family households with someone invited (not "not invited")
    households_attended: int = 0  # of those, households where at least one member attended
    quoracy_override: bool = False
    dissent_count: int = 0
    replaces_id: str | None = None
    # Issue 19: who chaired (ChairRole code; "" not recorded), whether chaired otherwise than
    # independently (another role, or the chair took part in the enquiry or held the case) and with a
    # reason; how each person attended: (who: "family" or an agency kind code, way: room / video / phone /
    # written / "" not recorded), one per person who attended or sent a written report.
    chair_role: str = ""
    chaired_otherwise: bool = False
    chair_reason_given: bool = False
    ways: tuple[tuple[str, str], ...] = ()

    @property
    def is_held(self) -> bool:
        return self.status == HELD and self.held_on is not None

    @property
    def day(self) -> date:
        """The date that places the conference in a period: held date if held, else booked date."""
        return self.held_on if self.held_on is not None else self.scheduled_on


@dataclass(frozen=True)
class PlanFact:
    """One child protection plan for one child. `ended_on` is None while the plan is open."""

    id: str
    child_id: str
    started_on: date
    category: str  # N / P / E / S / M (latest category)
    ended_on: date | None = None
    end_reason: str | None = None
    started_at_conference_id: str | None = None
    ended_at_conference_id: str | None = None
    initial_category: str | None = None  # when the category changed during the plan

    @property
    def transferred_out(self) -> bool:
        """Ended because the child moved to another authority, which took the plan over."""
        return self.end_reason == TRANSFERRED_OUT

    def is_open_on(self, day: date) -> bool:
        """On a plan on `day`: started on or before it and not ended by it (the end day is off)."""
        return self.started_on <= day and (self.ended_on is None or self.ended_on > day)

    def is_open_during(self, start: date, end: date) -> bool:
        """On a plan on at least one day from `start` to `end` (a plan ending on `start` is not)."""
        return self.started_on <= end and (self.ended_on is None or self.ended_on > start)


@dataclass(frozen=True)
class ReportFacts:
    """Everything the report is computed from."""

    children: tuple[ChildFact, ...] = ()
    conferences: tuple[ConferenceFact, ...] = ()
    plans: tuple[PlanFact, ...] = field(default_factory=tuple)
    quality: QualityFacts = field(default_factory=QualityFacts)  # issue 19: FGDM, alerts, RAG, feedback
