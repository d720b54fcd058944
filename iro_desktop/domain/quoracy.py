"""Quoracy: live from the attendance list. Default rule: children's social care plus at least two other
agencies (not in the reports, so configurable). The chair may go on without quoracy only with a reason.
Issue 19: judged at a moment (each decision's time): who had joined and not yet left; a member of a
multi-agency child protection team counts as their discipline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from iro_desktop.domain.attendance import Invitation
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.people import AgencyKind


@dataclass(frozen=True)
class QuoracyRule:
    required_kinds: tuple[AgencyKind, ...] = (AgencyKind.CHILDRENS_SOCIAL_CARE,)
    min_other_agencies: int = 2

    @property
    def text(self) -> str:
        labels = [k.label.lower() for k in self.required_kinds]
        others = self.min_other_agencies
        agencies = f"agenc{'y' if others == 1 else 'ies'}"
        if not labels:
            return f"At least {others} {agencies}, of any kind"
        required = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
        if len(self.required_kinds) == len(FOUR_DISCIPLINES) and set(self.required_kinds) == set(
            FOUR_DISCIPLINES
        ):
            required = f"the four disciplines ({required})"
        extra = f" plus at least {others} other {agencies}" if others else ""
        return f"{required[:1].upper()}{required[1:]}{extra}"

    def problems(self) -> list[Problem]:
        if not 0 <= self.min_other_agencies <= 10:
            return [Problem("min_other_agencies", "Use a whole number from 0 to 10.")]
        return []


# The rule the multi-agency child protection team's disciplines suggest (Children's Wellbeing and Schools
# Act 2026 s3): children's social care, health, police and education each present (a team member counts
# as their discipline). A local rule, chosen in *Local rules…*; the default stays CSC plus two others.
FOUR_DISCIPLINES = (
    AgencyKind.CHILDRENS_SOCIAL_CARE,
    AgencyKind.HEALTH,
    AgencyKind.POLICE,
    AgencyKind.EDUCATION,
)

# The agencies that must be present, as the local rules dialog offers them: (label, kinds).
REQUIRED_CHOICES: tuple[tuple[str, tuple[AgencyKind, ...]], ...] = (
    ("Children's social care", (AgencyKind.CHILDRENS_SOCIAL_CARE,)),
    ("Social care, health, police, education", FOUR_DISCIPLINES),
    ("No particular agency", ()),
)


NOT_RECORDED_TEXT = "– Not recorded (no attendance list)"


@dataclass(frozen=True)
class QuoracyResult:
    quorate: bool
    required_present: tuple[str, ...]
    required_missing: tuple[str, ...]
    other_agencies: tuple[str, ...]
    other_needed: int
    override_reason: str = ""
    recorded: bool = True  # False: imported history with no attendance list (quoracy unknown)

    @property
    def may_proceed(self) -> bool:
        return self.quorate or bool(self.override_reason.strip()) or not self.recorded

    @property
    def text(self) -> str:
        """Words plus a symbol: never colour alone."""
        if not self.recorded:
            return NOT_RECORDED_TEXT
        present = ", ".join(self.required_present + self.other_agencies) or "no agencies yet"
        if self.quorate:
            return f"✔ Quorate: {present}"
        missing = [f"{name.lower()} not present" for name in self.required_missing]
        if self.other_needed:
            missing.append(f"{self.other_needed} more agenc{'y' if self.other_needed == 1 else 'ies'} needed")
        head = "⚠ Not quorate" + (" (chair is going on: reason recorded)" if self.override_reason else "")
        return f"{head}: {'; '.join(missing)}. Present: {present}"


def counted_as(inv: Invitation) -> tuple[str, str, AgencyKind] | None:
    """(key, name, kind) the person counts as: their agency, or for a member of a multi-agency child
    protection team, that team's part for their discipline (so one team can supply several kinds)."""
    if not inv.agency_id or inv.agency_kind is None:
        return None
    if inv.team_discipline is not None:
        name = f"{inv.agency_name} ({inv.team_discipline.label.lower()})"
        return f"{inv.agency_id}#{inv.team_discipline.value}", name, inv.team_discipline
    return inv.agency_id, inv.agency_name, inv.agency_kind


def assess(
    invitations: Iterable[Invitation],
    rule: QuoracyRule,
    override_reason: str = "",
    at: datetime | None = None,
) -> QuoracyResult:
    """Agencies count when at least one of their people is present at `at` (joined, not yet left, not
    a written report only; `at` None: the meeting as a whole); each agency counts once."""
    present: dict[str, tuple[str, AgencyKind]] = {}
    for inv in invitations:
        counted = counted_as(inv) if inv.present_at(at) else None
        if counted is not None:
            present[counted[0]] = (counted[1], counted[2])
    required_present: list[str] = []
    required_missing: list[str] = []
    used: set[str] = set()
    for kind in rule.required_kinds:
        match = next((aid for aid, (_, k) in present.items() if k is kind and aid not in used), None)
        if match is None:
            required_missing.append(kind.label)
        else:
            used.add(match)
            required_present.append(present[match][0])
    others = tuple(sorted(name for aid, (name, _) in present.items() if aid not in used))
    needed = max(rule.min_other_agencies - len(others), 0)
    quorate = not required_missing and needed == 0
    return QuoracyResult(
        quorate=quorate,
        required_present=tuple(required_present),
        required_missing=tuple(required_missing),
        other_agencies=others,
        other_needed=needed,
        override_reason="" if quorate else override_reason,
    )


def not_recorded() -> QuoracyResult:
    """Quoracy of a conference imported from history without an attendance list: unknown."""
    return QuoracyResult(False, (), (), (), 0, recorded=False)


def validate_override(reason: str) -> list[Problem]:
    if not reason.strip():
        return [Problem("override_reason", "Record why the conference goes on without quoracy.")]
    if len(reason) > 1000:
        return [Problem("override_reason", "Use at most 1000 characters.")]
    return []
