"""Significant factors recorded per child (multi-select). The list is configurable; the default puts the
"toxic trio" first (domain.md section 4)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from iro_desktop.domain.errors import Problem


@dataclass(frozen=True)
class Factor:
    code: str
    label: str


DEFAULT_FACTORS: tuple[Factor, ...] = (
    Factor("domestic_abuse", "Domestic abuse"),
    Factor("parental_mental_health", "Parental mental health"),
    Factor("parental_substance_misuse", "Parental substance misuse"),
    Factor("parental_alcohol_misuse", "Parental alcohol misuse"),
    Factor("cse", "Child sexual exploitation (CSE)"),
    Factor("hsb", "Harmful sexual behaviour (HSB)"),
    Factor("missing", "Missing from home or care"),
    Factor("trafficking", "Trafficking or modern slavery"),
    Factor("radicalisation", "Radicalisation (PREVENT)"),
    Factor("disability", "Disability of the child"),
    Factor("parental_learning_disability", "Parental learning disability"),
    Factor("uasc", "Unaccompanied asylum-seeking child"),
    Factor("gang_exploitation", "Criminal exploitation or gangs"),
    Factor("fgm", "Female genital mutilation"),
    Factor("other", "Other"),
)

TOXIC_TRIO = frozenset(
    {"domestic_abuse", "parental_mental_health", "parental_substance_misuse", "parental_alcohol_misuse"}
)


def parse_factor_list(text: str) -> tuple[Factor, ...]:
    """A factor list from its stored form: one `code|label` a line; blank lines ignored."""
    factors: list[Factor] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        code, _, label = line.partition("|")
        factors.append(Factor(code.strip(), (label or code).strip()))
    return tuple(factors)


def format_factor_list(factors: Iterable[Factor]) -> str:
    return "\n".join(f"{f.code}|{f.label}" for f in factors)


def validate_factor_list(factors: Sequence[Factor]) -> list[Problem]:
    problems: list[Problem] = []
    if not factors:
        problems.append(Problem("factors", "Keep at least one significant factor in the list."))
    codes = [f.code for f in factors]
    if len(set(codes)) != len(codes):
        problems.append(Problem("factors", "Each factor needs its own code."))
    for f in factors:
        if not f.code or "|" in f.code or len(f.code) > 40:
            problems.append(Problem("factors", f"“{f.code}” is not a usable code (1-40 characters, no |)."))
    return problems


def validate_factor_codes(codes: Iterable[str], available: Sequence[Factor]) -> list[Problem]:
    known = {f.code for f in available}
    unknown = sorted(set(codes) - known)
    if unknown:
        return [Problem("significant_factors", "These factors are not in the list: " + ", ".join(unknown))]
    return []


def label_for(code: str, available: Sequence[Factor]) -> str:
    return next((f.label for f in available if f.code == code), code)
