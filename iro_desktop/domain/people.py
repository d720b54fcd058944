"""People and agencies invited to conferences; ethnicity codes; plan history for repeat plans."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from iro_desktop.domain.calendar import add_months
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.text_rules import character_problems, is_blank


class AgencyKind(enum.StrEnum):
    """What an agency is, so the quoracy rule can name kinds (children's social care, police...)."""

    CHILDRENS_SOCIAL_CARE = "csc"
    POLICE = "police"
    HEALTH = "health"
    EDUCATION = "education"
    PROBATION = "probation"
    YOUTH_OFFENDING = "yos"
    CAFCASS = "cafcass"
    HOUSING = "housing"
    ADVOCACY = "advocacy"
    OTHER_LA = "other_la"
    VOLUNTARY = "voluntary"
    CP_TEAM = "cp_team"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _AGENCY_LABELS[self]


# The disciplines of a multi-agency child protection team (Children's Wellbeing and Schools Act 2026 s3):
# each member counts for quoracy as their discipline's agency kind.
TEAM_DISCIPLINES = (
    AgencyKind.EDUCATION,
    AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.HEALTH,
    AgencyKind.POLICE,
)


_AGENCY_LABELS = {
    AgencyKind.CHILDRENS_SOCIAL_CARE: "Children's social care",
    AgencyKind.POLICE: "Police",
    AgencyKind.HEALTH: "Health",
    AgencyKind.EDUCATION: "Education",
    AgencyKind.PROBATION: "Probation",
    AgencyKind.YOUTH_OFFENDING: "Youth offending service",
    AgencyKind.CAFCASS: "Cafcass",
    AgencyKind.HOUSING: "Housing",
    AgencyKind.ADVOCACY: "Advocacy service",
    AgencyKind.OTHER_LA: "Another local authority",
    AgencyKind.VOLUNTARY: "Voluntary sector",
    AgencyKind.CP_TEAM: "Multi-agency child protection team",
    AgencyKind.OTHER: "Other",
}


class Role(enum.StrEnum):
    """A person's role at a conference (domain.md, implications: Person)."""

    CHAIR = "chair"
    CLERK = "clerk"
    SOCIAL_WORKER = "social_worker"  # the Lead Practitioner (Working Together 2023)
    LEAD_CP_PRACTITIONER = "lcpp"
    FAMILY_HELP_LEAD = "family_help_lead"
    TEAM_MANAGER = "team_manager"
    PARENT = "parent"
    CARER = "carer"
    FAMILY_NETWORK = "family_network"
    CHILD = "child"
    ADVOCATE = "advocate"
    POLICE = "police"
    HEALTH_VISITOR = "health_visitor"
    SCHOOL_NURSE = "school_nurse"
    MIDWIFE = "midwife"
    GP = "gp"
    SCHOOL = "school"
    YOS = "yos"
    PROBATION = "probation"
    CAFCASS = "cafcass"
    INTERPRETER = "interpreter"
    OTHER_LA = "other_la"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _ROLE_LABELS.get(self, self.value.replace("_", " ").capitalize())

    @property
    def is_family(self) -> bool:
        return self in (Role.PARENT, Role.CARER, Role.FAMILY_NETWORK, Role.CHILD)


_ROLE_LABELS = {
    Role.SOCIAL_WORKER: "Lead Practitioner (social worker)",
    Role.LEAD_CP_PRACTITIONER: "Lead Child Protection Practitioner",
    Role.FAMILY_HELP_LEAD: "Family Help Lead Practitioner",
    Role.TEAM_MANAGER: "Team manager",
    Role.FAMILY_NETWORK: "Family network",
    Role.HEALTH_VISITOR: "Health visitor",
    Role.SCHOOL_NURSE: "School nurse",
    Role.GP: "GP",
    Role.SCHOOL: "School (DSL)",
    Role.YOS: "Youth offending service",
    Role.CAFCASS: "Cafcass",
    Role.OTHER_LA: "Another local authority",
}


@dataclass(frozen=True)
class Agency:
    id: str
    name: str
    kind: AgencyKind


@dataclass(frozen=True)
class Person:
    """Someone invited to conferences: a professional (with an agency) or a family member."""

    id: str
    name: str
    role: Role
    agency_id: str | None = None
    agency_name: str = ""
    agency_kind: AgencyKind | None = None
    family_id: str | None = None
    contact: str = ""
    parental_responsibility: bool = False
    team_discipline: AgencyKind | None = None  # a member of a multi-agency child protection team

    @property
    def description(self) -> str:
        where = f", {self.agency_name}" if self.agency_name else ""
        team = f" ({self.team_discipline.label.lower()})" if self.team_discipline else ""
        return f"{self.role.label}{where}{team}"


@dataclass(frozen=True)
class PersonInput:
    name: str
    role: Role
    agency_id: str | None = None
    family_id: str | None = None
    contact: str = ""
    parental_responsibility: bool = False
    team_discipline: AgencyKind | None = None


def validate_person(data: PersonInput) -> list[Problem]:
    problems: list[Problem] = []
    if is_blank(data.name):
        problems.append(Problem("name", "Enter the person's name."))
    problems += character_problems(data, single=("name", "contact"))
    if len(data.name) > 120:
        problems.append(Problem("name", "Use at most 120 characters."))
    if len(data.contact) > 200:
        problems.append(Problem("contact", "Use at most 200 characters."))
    if not data.role.is_family and data.role not in (Role.INTERPRETER, Role.OTHER) and not data.agency_id:
        problems.append(Problem("agency_id", "Choose the agency this professional works for."))
    if data.role.is_family and not data.family_id:
        problems.append(Problem("family_id", "A family member belongs to a family."))
    if data.team_discipline is not None and data.team_discipline not in TEAM_DISCIPLINES:
        problems.append(
            Problem("team_discipline", "Choose education, social work, health or police for a team member.")
        )
    if data.team_discipline is not None and data.role.is_family:
        problems.append(Problem("team_discipline", "A family member is not a member of the team."))
    return problems


def validate_agency(name: str) -> list[Problem]:
    if is_blank(name):
        return [Problem("name", "Enter the agency's name.")]
    if character_problems({"name": name}, single=("name",)):
        return character_problems({"name": name}, single=("name",))
    if len(name) > 120:
        return [Problem("name", "Use at most 120 characters.")]
    return []


# Detailed DfE (CIN census) ethnicity codes that roll up to the groups reports use (domain.md section 5).
ETHNICITY: dict[str, tuple[str, str]] = {
    "WBRI": ("White British", "White"),
    "WIRI": ("White Irish", "White"),
    "WIRT": ("Traveller of Irish heritage", "White"),
    "WROM": ("Gypsy/Roma", "White"),
    "WOTH": ("Any other White background", "White"),
    "MWBC": ("White and Black Caribbean", "Mixed"),
    "MWBA": ("White and Black African", "Mixed"),
    "MWAS": ("White and Asian", "Mixed"),
    "MOTH": ("Any other mixed background", "Mixed"),
    "AIND": ("Indian", "Asian or Asian British"),
    "APKN": ("Pakistani", "Asian or Asian British"),
    "ABAN": ("Bangladeshi", "Asian or Asian British"),
    "AOTH": ("Any other Asian background", "Asian or Asian British"),
    "BCRB": ("Black Caribbean", "Black or Black British"),
    "BAFR": ("Black African", "Black or Black British"),
    "BOTH": ("Any other Black background", "Black or Black British"),
    "CHNE": ("Chinese", "Chinese or other"),
    "OOTH": ("Any other ethnic group", "Chinese or other"),
    "REFU": ("Refused", "Not stated"),
    "NOBT": ("Information not yet obtained", "Not stated"),
}


# DfE major-group codes (the CBDS "main" ethnic group), for a system that holds only the group; the
# census codes REFU and NOBT above say refused and not yet obtained. Accepted by the historical import,
# not offered when typing (the register asks for the detailed code).
ETHNICITY_GROUPS: dict[str, tuple[str, str]] = {
    "WHIT": ("White (group only)", "White"),
    "MIXD": ("Mixed (group only)", "Mixed"),
    "ASIA": ("Asian or Asian British (group only)", "Asian or Asian British"),
    "BLAC": ("Black or Black British (group only)", "Black or Black British"),
    "CHIN": ("Chinese (group only)", "Chinese or other"),
    "AOEG": ("Any other ethnic group (group only)", "Chinese or other"),
    "UNCL": ("Not classified", "Not stated"),
}


def ethnicity_label(code: str) -> str:
    if not code:
        return "Not recorded"
    return (ETHNICITY.get(code) or ETHNICITY_GROUPS.get(code) or ("Not recorded", ""))[0]


def ethnicity_group(code: str) -> str:
    """The reporting group for a detailed or group code; 'Not stated' when blank or unknown."""
    return (ETHNICITY.get(code) or ETHNICITY_GROUPS.get(code) or ("", "Not stated"))[1]


@dataclass(frozen=True)
class PlanHistoryEntry:
    """A child protection plan the child was on (shared table `child_plan_history`)."""

    id: str
    child_id: str
    started_on: date
    ended_on: date | None
    category: str
    end_reason: str = ""


@dataclass(frozen=True)
class RepeatPlanSummary:
    """For the booking screen: how many earlier plans, when the last ended, and whether it was recent."""

    previous_plans: int
    last_ended: date | None
    within_24_months: bool
    current: bool

    @property
    def text(self) -> str:
        if self.previous_plans == 0:
            return "Currently on a plan" if self.current else "No earlier plan recorded"
        times = "once" if self.previous_plans == 1 else f"{self.previous_plans} times"
        recent = " (within 24 months)" if self.within_24_months else ""
        ended = f", last ended {self.last_ended:%d %b %Y}" if self.last_ended else ""
        return f"⟳ On a plan before: {times}{ended}{recent}"


def repeat_plan_summary(history: list[PlanHistoryEntry], on: date) -> RepeatPlanSummary:
    """Count plans that ended on or before `on`; the repeat window is 24 months (local definition)."""
    ended = sorted(e.ended_on for e in history if e.ended_on is not None and e.ended_on <= on)
    current = any(e.ended_on is None and e.started_on <= on for e in history)
    last = ended[-1] if ended else None
    recent = last is not None and add_months(last, 24) >= on
    return RepeatPlanSummary(len(ended), last, recent, current)


def validate_plan_history(
    started_on: date | None, ended_on: date | None, category: str, today: date
) -> list[Problem]:
    problems: list[Problem] = []
    if started_on is None:
        problems.append(Problem("started_on", "Enter the date the plan started."))
    elif started_on > today:
        problems.append(Problem("started_on", "A past plan cannot start in the future."))
    if ended_on is not None and started_on is not None and ended_on < started_on:
        problems.append(Problem("ended_on", "A plan cannot end before it started."))
    if ended_on is not None and ended_on > today:
        problems.append(Problem("ended_on", "The end date cannot be in the future."))
    if not category.strip():
        problems.append(Problem("category", "Choose the category of the plan."))
    return problems
