"""The extract format: its files, their columns, the codes they accept, and the typed records read from
them. Described for people in docs/historical-import.md (keep the two in step)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ClockStartKind, ConferenceStatus, ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.family import Gender

EXTRACT = "extract.csv"
FAMILIES = "families.csv"
CHILDREN = "children.csv"
CONFERENCES = "conferences.csv"
DECISIONS = "decisions.csv"
PLANS = "plans.csv"
ATTENDANCE = "attendance.csv"
CODES = "codes.csv"

MAX_ID = 64
MAX_NAME = 120
MAX_TEXT = 4000


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a file: whether the header must have it, and the longest value it takes."""

    name: str
    required: bool = False
    max_length: int = MAX_TEXT


def _c(name: str, required: bool = False, max_length: int = MAX_TEXT) -> ColumnSpec:
    return ColumnSpec(name, required, max_length)


# File name -> its columns, in the order the documentation lists them.
FILES: dict[str, tuple[ColumnSpec, ...]] = {
    EXTRACT: (_c("source_system", True, 60), _c("extracted_on", max_length=30)),
    FAMILIES: (
        _c("fami_family_id", True, MAX_ID),
        _c("iro_family_reference", True, 40),
        _c("iro_family_name", True, MAX_NAME),
    ),
    CHILDREN: (
        _c("pers_person_id", True, MAX_ID),
        _c("fami_family_id", True, MAX_ID),
        _c("pers_forename", True, MAX_NAME),
        _c("pers_surname", True, MAX_NAME),
        _c("pers_dob", True, 30),
        _c("pers_expected_dob", max_length=30),
        _c("pers_sex", max_length=10),
        _c("pers_ethnicity", max_length=8),
        _c("iro_disabled", max_length=5),
        _c("iro_case_number", max_length=40),
    ),
    CONFERENCES: (
        _c("iro_conference_id", True, MAX_ID),
        _c("fami_family_id", True, MAX_ID),
        _c("iro_conference_type", True, 32),
        _c("iro_status", True, 16),
        _c("iro_scheduled_date", True, 30),
        _c("iro_held_date", True, 30),
        _c("iro_clock_start_date", max_length=30),
        _c("iro_clock_start_kind", max_length=32),
        _c("iro_previous_conference_id", max_length=MAX_ID),
        _c("iro_replaces_conference_id", max_length=MAX_ID),
        _c("iro_stood_down_reason", max_length=40),
        _c("iro_status_note"),
        _c("iro_chair_name", max_length=MAX_NAME),
        _c("iro_lateness_reason"),
        _c("iro_report_to_parents_date", max_length=30),
        _c("iro_report_to_chair_date", max_length=30),
        _c("iro_record_distributed_date", max_length=30),
        _c("iro_quoracy_override_reason"),
    ),
    DECISIONS: (
        _c("iro_conference_id", True, MAX_ID),
        _c("pers_person_id", True, MAX_ID),
        _c("iro_decision_outcome", True, 32),
        _c("iro_category", max_length=8),
        _c("iro_multiple_reason", max_length=2000),
        _c("iro_significant_factors", max_length=1000),
        _c("iro_cin_meeting_date", max_length=30),
        _c("iro_rationale"),
        _c("iro_decided_by", max_length=MAX_NAME),
    ),
    PLANS: (
        _c("cppl_cp_plan_id", True, MAX_ID),
        _c("cppl_person_id", True, MAX_ID),
        _c("cppl_cp_plan_start_date", True, 30),
        _c("cppl_cp_plan_end_date", True, 30),
        _c("cppl_cp_plan_latest_category", True, 8),
        _c("iro_plan_end_reason", max_length=32),
        _c("iro_started_at_conference_id", max_length=MAX_ID),
        _c("iro_ended_at_conference_id", max_length=MAX_ID),
    ),
    ATTENDANCE: (
        _c("iro_conference_id", True, MAX_ID),
        _c("iro_person_id", True, MAX_ID),
        _c("iro_person_name", True, MAX_NAME),
        _c("iro_role", True, 40),
        _c("iro_household_id", max_length=MAX_ID),
        _c("iro_invited_date", max_length=30),
        _c("iro_attendance", True, 40),
        _c("iro_exclusion_reason", max_length=500),
        _c("iro_report_received_date", max_length=30),
    ),
    CODES: (
        _c("kind", True, 40),
        _c("their_code", True, 120),
        _c("our_code", True, 40),
        _c("note", max_length=500),
    ),
}

# Files read in this order: each refers only to files before it.
# codes.csv comes first: its mappings apply to the cells of every later file.
FILE_ORDER: tuple[str, ...] = (EXTRACT, CODES, FAMILIES, CHILDREN, CONFERENCES, DECISIONS, PLANS, ATTENDANCE)

#: A plan ended because the child moved to another authority, which took the plan over at its own
#: transfer-in conference: no conference here ended it (unlike `ends_moved_area`, decided at a review).
TRANSFERRED_OUT = "transferred_out"
TRANSFERRED_OUT_LABEL = "Plan ended: transferred out to another authority"

#: codes.csv kinds -> the (file, column) cells each maps. Stood-down reasons and significant factors
#: map to codes of the local lists; the others to the codes this format accepts.
CODE_KINDS: dict[str, tuple[tuple[str, str], ...]] = {
    "stood_down_reason": ((CONFERENCES, "iro_stood_down_reason"),),
    "significant_factor": ((DECISIONS, "iro_significant_factors"),),
    "conference_type": ((CONFERENCES, "iro_conference_type"),),
    "status": ((CONFERENCES, "iro_status"),),
    "clock_start_kind": ((CONFERENCES, "iro_clock_start_kind"),),
    "outcome": ((DECISIONS, "iro_decision_outcome"),),
    "category": ((DECISIONS, "iro_category"), (PLANS, "cppl_cp_plan_latest_category")),
    "plan_end_reason": ((PLANS, "iro_plan_end_reason"),),
    "ethnicity": ((CHILDREN, "pers_ethnicity"),),
    "sex": ((CHILDREN, "pers_sex"),),
    "disability": ((CHILDREN, "iro_disabled"),),
    "role": ((ATTENDANCE, "iro_role"),),
    "attendance": ((ATTENDANCE, "iro_attendance"),),
}
#: Kinds whose codes come from the council's local lists (checked against the records).
LOCAL_CODE_KINDS = frozenset({"stood_down_reason", "significant_factor"})
#: Cells holding several codes separated by ";".
LIST_CELLS = frozenset({(DECISIONS, "iro_significant_factors")})

# Codes accepted besides the app's own (case does not matter).
CATEGORY_CODES: dict[str, Category] = {
    **{c.value: c for c in Category},
    "NEG": Category.NEGLECT,
    "PHY": Category.PHYSICAL,
    "EMO": Category.EMOTIONAL,
    "SAB": Category.SEXUAL,
    "MUL": Category.MULTIPLE,
}
SEX_CODES: dict[str, Gender] = {
    **{g.value.upper(): g for g in Gender},
    "F": Gender.FEMALE,
    "M": Gender.MALE,
    "O": Gender.OTHER,
    "U": Gender.UNKNOWN,
}
FLAG_CODES: dict[str, bool] = {"Y": True, "YES": True, "N": False, "NO": False, "": False}
#: Disability: yes, no, or not known. Blank is "no", as it always was for this column.
DISABILITY_CODES: dict[str, str] = {
    "Y": "yes",
    "YES": "yes",
    "N": "no",
    "NO": "no",
    "U": "not_known",
    "UNKNOWN": "not_known",
    "NOT_KNOWN": "not_known",
    "NOT KNOWN": "not_known",
}
HISTORY_STATUSES: tuple[ConferenceStatus, ...] = (
    ConferenceStatus.HELD,
    ConferenceStatus.STOOD_DOWN,
    ConferenceStatus.ADJOURNED,
)
PLAN_END_REASONS: tuple[Outcome, ...] = tuple(o for o in Outcome if o.ends_plan)
PLAN_END_CODES: dict[str, str] = {
    **{o.value.upper(): o.value for o in PLAN_END_REASONS},
    TRANSFERRED_OUT.upper(): TRANSFERRED_OUT,
    "TRANSFER_OUT": TRANSFERRED_OUT,
}


@dataclass(frozen=True)
class ExtractProblem:
    """One problem with an extract: the file, the row as a spreadsheet counts it (the header is row 1;
    0 for the file as a whole), the column, and what to do about it."""

    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        where = (
            self.file + (f", row {self.row}" if self.row else "") + (f", {self.field}" if self.field else "")
        )
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RawTable:
    """A file as read: its header and its data rows (row numbers as a spreadsheet counts them)."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


@dataclass(frozen=True)
class FamilyRecord:
    row: int
    source_id: str
    reference: str
    name: str


@dataclass(frozen=True)
class ChildRecord:
    row: int
    source_id: str
    family: str
    given_name: str
    family_name: str
    date_of_birth: date | None
    expected_date: date | None
    unborn: bool
    gender: Gender
    ethnicity_code: str
    disability: bool
    case_number: str
    disability_known: bool = True


@dataclass(frozen=True)
class ConferenceRecord:
    row: int
    source_id: str
    family: str
    conference_type: ConferenceType
    status: ConferenceStatus
    scheduled_date: date
    held_on: date | None
    clock_start: date | None = None
    clock_start_kind: ClockStartKind | None = None
    previous: str = ""
    replaces: str = ""
    stood_down_reason: str = ""
    status_note: str = ""
    chair_name: str = ""
    lateness_reason: str = ""
    report_to_parents_on: date | None = None
    report_to_chair_on: date | None = None
    record_distributed_on: date | None = None
    quoracy_override_reason: str = ""

    @property
    def day(self) -> date:
        return self.held_on or self.scheduled_date


@dataclass(frozen=True)
class DecisionRecord:
    row: int
    conference: str
    child: str
    outcome: Outcome
    category: Category | None
    multiple_reason: str = ""
    factors: tuple[str, ...] = ()
    cin_meeting_date: date | None = None
    rationale: str = ""
    decided_by: str = ""


@dataclass(frozen=True)
class PlanRecord:
    row: int
    source_id: str
    child: str
    started_on: date
    ended_on: date | None
    category: Category
    end_reason: str = ""
    started_at: str = ""
    ended_at: str = ""


@dataclass(frozen=True)
class AttendanceRecord:
    """One person on one conference's list. `household` groups family members living together (blank:
    the family's one household); professionals have none."""

    row: int
    conference: str
    person: str
    name: str
    role: str
    household: str
    invited_on: date | None
    attendance: str
    exclusion_reason: str = ""
    report_received_on: date | None = None


@dataclass(frozen=True)
class CodeMapping:
    """One row of codes.csv: the extract's code for something, and the app's code it stands for."""

    row: int
    kind: str
    their_code: str
    our_code: str


@dataclass(frozen=True)
class Extract:
    """Every row that read cleanly, and the ids of every row seen (clean or not), per file."""

    source_system: str = ""
    extracted_on: date | None = None
    families: tuple[FamilyRecord, ...] = ()
    children: tuple[ChildRecord, ...] = ()
    conferences: tuple[ConferenceRecord, ...] = ()
    decisions: tuple[DecisionRecord, ...] = ()
    plans: tuple[PlanRecord, ...] = ()
    attendance: tuple[AttendanceRecord, ...] = ()
    codes: tuple[CodeMapping, ...] = ()
    seen_ids: dict[str, frozenset[str]] | None = None

    def seen(self, file: str) -> frozenset[str]:
        return (self.seen_ids or {}).get(file, frozenset())

    @property
    def row_count(self) -> int:
        return (
            len(self.families)
            + len(self.children)
            + len(self.conferences)
            + len(self.decisions)
            + len(self.plans)
            + len(self.attendance)
        )
