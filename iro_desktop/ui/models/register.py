"""Table models for families, children and conferences."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.chairing import ChildPractitioner, PractitionerKind
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


FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate: a name keeps its order
NOT_NAMED = "– Not named"
WHERE_NAMED = "named in the booking's Chair and leads tab"

Leads = dict[str, dict[PractitionerKind, ChildPractitioner]]  # child id -> kind -> who leads


def leads_by_child(practitioners: list[ChildPractitioner]) -> Leads:
    out: Leads = {}
    for p in practitioners:
        out.setdefault(p.child_id, {})[p.kind] = p
    return out


def lead_name(leads: Leads, child_id: str, kind: PractitionerKind) -> str:
    """Who leads for the child this way, with their agency (bidi-isolated, for display), or "– Not named"."""
    found = leads.get(child_id, {}).get(kind)
    if found is None:
        return NOT_NAMED
    agency = f" ({FSI}{found.agency_name}{PDI})" if found.agency_name else ""
    return f"{FSI}{found.person_name}{PDI}{agency}"


def leads_text(leads: Leads, child_id: str) -> str:
    """Both leads in words, e.g. "Lead Practitioner: Ruth Abernathy (Health); Family Help Lead
    Practitioner: – Not named" (names isolated so an Arabic-script name keeps the sentence's order)."""
    return "; ".join(f"{kind.label}: {lead_name(leads, child_id, kind)}" for kind in PractitionerKind)


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


def child_model(
    today: date, flags: dict[str, str] | None = None, leads: Leads | None = None
) -> ObjectTableModel[Child]:
    """`flags`: child id -> the home-education flag in words (issue 19); `leads`: who leads for each
    child (issue 19: Lead Practitioner, Family Help Lead Practitioner). Both kept up to date by the view."""
    shown = flags if flags is not None else {}
    leading = leads if leads is not None else {}

    def lead(kind: PractitionerKind) -> Column[Child]:
        return Column(
            "Lead Practitioner" if kind is PractitionerKind.LEAD else "Family Help Lead",
            lambda c: lead_name(leading, c.id, kind),
            lambda c: (
                f"{kind.label} for {FSI}{c.full_name}{PDI}: {lead_name(leading, c.id, kind)} ({WHERE_NAMED})"
            ),
        )

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
            # Last, so the columns other views and tests know keep their places; the chosen child's
            # leads are also in words under the table (areas/families.py).
            lead(PractitionerKind.LEAD),
            lead(PractitionerKind.FAMILY_HELP_LEAD),
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
