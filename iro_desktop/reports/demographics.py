"""Who the children on plans are: age bands (from date of birth at the reference date; unborn
separately), gender, ethnicity group and disability."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from iro_desktop.reports import ethnicity
from iro_desktop.reports.facts import ChildFact
from iro_desktop.reports.figure import CHILDREN, Figure, Row, ids, rows_from, share
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.rules import ReportRules

UNBORN = "Unborn"
DISABILITY_NOT_KNOWN = "Not known"
AGE_NOT_KNOWN = "Age not known"
_GENDERS = {"female": "Female", "f": "Female", "male": "Male", "m": "Male", "other": "Other"}
GENDER_ORDER = ["Female", "Male", "Other", "Not known"]


def age_band(child: ChildFact, day: date, rules: ReportRules) -> str:
    """The child's band on `day`: 'Unborn' if not yet born then, else the configured band."""
    if child.is_unborn_on(day):
        return UNBORN if (child.unborn or child.date_of_birth is not None) else AGE_NOT_KNOWN
    age = child.age_on(day)
    assert age is not None
    for band in rules.age_bands:
        if band.contains(age):
            return band.label
    return AGE_NOT_KNOWN


def gender_label(code: str) -> str:
    return _GENDERS.get((code or "").strip().lower(), "Not known")


def _cohort(index: FactIndex, day: date) -> list[ChildFact]:
    child_ids = sorted({p.child_id for p in index.plans_open_on(day)})
    return [index.children.get(i) or ChildFact(i, "") for i in child_ids]


def demographics(index: FactIndex, day: date, rules: ReportRules) -> list[Figure]:
    """Children on a plan at the end of `day` (the same cohort as 'children on a plan'), broken down."""
    cohort = _cohort(index, day)
    total = len(cohort)
    everyone = ids(c.id for c in cohort)
    when = f"{day:%d %B %Y}"
    ages: dict[str, list[str]] = defaultdict(list)
    genders: dict[str, list[str]] = defaultdict(list)
    groups: dict[str, list[str]] = defaultdict(list)
    disabled: dict[str, list[str]] = defaultdict(list)
    for child in cohort:
        ages[age_band(child, day, rules)].append(child.id)
        genders[gender_label(child.gender)].append(child.id)
        groups[ethnicity.group_of(child.ethnicity_code)].append(child.id)
        if not child.disability_known:
            disabled[DISABILITY_NOT_KNOWN].append(child.id)
        else:
            disabled["Disabled" if child.disability else "Not recorded as disabled"].append(child.id)
    disabled_ids = disabled.get("Disabled", [])
    not_known = len(disabled.get(DISABILITY_NOT_KNOWN, []))
    known = total - not_known
    base = f"Children on a plan on {when} (start on or before, no end or end after), each once, by "
    return [
        Figure(
            "age_bands",
            f"Age of children on a plan on {when}",
            base + "age in whole years on that date (a birthday on the date counts); a child not yet "
            "born on the date is counted as unborn, whatever the child's later birth date.",
            CHILDREN,
            total,
            rows=rows_from(ages, total, [UNBORN, *(b.label for b in rules.age_bands)]),
            child_ids=everyone,
        ),
        Figure(
            "gender",
            f"Gender of children on a plan on {when}",
            base + "recorded gender (unborn children are usually 'Not known').",
            CHILDREN,
            total,
            rows=rows_from(genders, total, GENDER_ORDER),
            child_ids=everyone,
        ),
        Figure(
            "ethnicity",
            f"Ethnicity of children on a plan on {when}",
            base + "ethnic group: the detailed DfE code rolled up to its group; blank, refused and "
            "not-yet-obtained are 'Not known'.",
            CHILDREN,
            total,
            rows=rows_from(groups, total, list(ethnicity.GROUPS)),
            child_ids=everyone,
        ),
        Figure(
            "disability",
            f"Disabled children on a plan on {when}",
            base + "whether a disability is recorded. Value: disabled children. Denominator: the children "
            "whose disability is known (a source that said 'not known', as an imported extract may, is "
            "left out and counted as not recorded; 'not known' is not 'no').",
            CHILDREN,
            len(disabled_ids),
            len(disabled_ids),
            known,
            share(len(disabled_ids), known),
            (
                *rows_from(
                    {k: v for k, v in disabled.items() if k != DISABILITY_NOT_KNOWN},
                    known,
                    ["Disabled", "Not recorded as disabled"],
                ),
                Row(DISABILITY_NOT_KNOWN, not_known, None, ids(disabled.get(DISABILITY_NOT_KNOWN, []))),
            ),
            child_ids=ids(disabled_ids),
            not_recorded=not_known,
        ),
    ]
