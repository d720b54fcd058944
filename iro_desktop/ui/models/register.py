"""Table models for families, children and conferences."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.conference import Conference
from iro_desktop.domain.family import Child, Family
from iro_desktop.domain.nhs_number import formatted
from iro_desktop.ui.models.table import Column, ObjectTableModel


def _date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _disability(child: Child) -> str:
    if child.disability:
        return "Yes"
    return "No" if child.disability_known else "Not known"


def _child_dob(child: Child) -> str:
    if child.unborn:
        return f"Unborn, due {_date(child.expected_date)}"
    return _date(child.date_of_birth)


def family_model(flags: dict[str, str] | None = None) -> ObjectTableModel[Family]:
    """`flags`: child id -> the home-education flag in words (issue 19): a ⚑ after the child's name,
    the flag in words with the name in the tooltip."""
    shown = flags if flags is not None else {}

    def children(family: Family) -> str:
        return ", ".join(f"{c.full_name} ⚑" if shown.get(c.id) else c.full_name for c in family.children)

    def why(family: Family) -> str:
        return "\n".join(f"{c.full_name}: {shown[c.id]}" for c in family.children if shown.get(c.id))

    return ObjectTableModel[Family](
        [
            Column("Reference", lambda f: f.reference),
            Column("Family", lambda f: f.name),
            Column("Children", children, why),
        ]
    )


def child_model(today: date, flags: dict[str, str] | None = None) -> ObjectTableModel[Child]:
    """`flags`: child id -> the home-education flag in words (issue 19), kept up to date by the view."""
    shown = flags if flags is not None else {}

    def age(child: Child) -> str:
        years = child.age_on(today)
        return "" if years is None else str(years)

    return ObjectTableModel[Child](
        [
            Column("Name", lambda c: c.full_name),
            Column("Date of birth", _child_dob),
            Column("Age", age),
            Column("Gender", lambda c: c.gender.label),
            Column("Case number", lambda c: c.case_number),
            Column("Disability", _disability),
            Column("NHS number", lambda c: formatted(c.nhs_number), lambda c: c.nhs_number_label),
            Column(
                "Home education",
                lambda c: "Consent needed" if shown.get(c.id) else "",
                lambda c: shown.get(c.id, ""),
            ),
        ]
    )


def conference_model(family_names: dict[str, str]) -> ObjectTableModel[Conference]:
    return ObjectTableModel[Conference](
        [
            Column("Date", lambda c: _date(c.scheduled_date)),
            Column("Time", lambda c: c.start_time.strftime("%H:%M") if c.start_time else ""),
            Column("Family", lambda c: family_names.get(c.family_id, "")),
            Column("Type", lambda c: c.conference_type.label),
            Column("Status", lambda c: c.status.label),
            Column("Chair", lambda c: c.chair_name),
            Column("Venue", lambda c: c.venue),
        ]
    )
