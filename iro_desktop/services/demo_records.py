"""A fictional record in the clerk's queue, so the demo shows finalisation at work."""

from __future__ import annotations

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceStatus
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.record import RecordState, SectionKey, SendMethod
from iro_desktop.services.conferences import ConferenceService
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.decisions import DecisionService
from iro_desktop.services.families import FamilyService
from iro_desktop.services.records import RecordService

DEMO_FAMILY = "DEMO-0002"


def load_demo_records(ctx: ServiceContext) -> bool:
    """The second demo family's held conference, with the clerk. False if already there."""
    families = [f for f in FamilyService(ctx).search(DEMO_FAMILY) if f.reference == DEMO_FAMILY]
    if not families:
        return False
    family = families[0]
    held = [c for c in ConferenceService(ctx).for_family(family.id) if c.status is ConferenceStatus.HELD]
    if not held:
        return False
    conference = held[-1]
    records = RecordService(ctx)
    if records.get(conference.id).sections:
        return False
    # The decisions the conference made, so the record and the annual report have them.
    decisions = DecisionService(ctx)
    chair = conference.chair_name or "Priya Raman"
    for child, category, factors in zip(
        family.children,
        (Category.NEGLECT, Category.EMOTIONAL, Category.NEGLECT),
        (("domestic_abuse",), ("domestic_abuse", "parental_mental_health"), ()),
        strict=False,
    ):
        decisions.record(
            conference.id,
            child.id,
            DecisionInput(
                Outcome.PLAN_MADE,
                chair,
                category,
                significant_factors=factors,
                rationale="The children need a plan to keep them safe while things at home change.",
            ),
        )
    sections = {
        SectionKey.PURPOSE: "Initial conference for Siobhán, عائشہ and محمد علي.",
        SectionKey.BACKGROUND: "The family moved to a two-bedroom flat in the summer; "
        "the section 47 enquiry began after a referral from school.",
        SectionKey.CHILD_VOICE: "Siobhán said: “I feel safer at home now — I like the new flat.”",
        SectionKey.PARENTS_VIEWS: "Mrs Khan said the plan had helped and asked for help with the £ of "
        "school uniform.",
    }
    for key, text in sections.items():
        records.save_section(conference.id, key, text)
    records.save_section(
        conference.id,
        SectionKey.AGENCY,
        "Attendance 97%; no concerns raised this term.",
        agency="School (DSL)",
    )
    for name, role, method in (
        ("Mrs Ayesha Khan", "Parent", SendMethod.BY_HAND),
        ("Dr Łucja Wójcik", "GP", SendMethod.SECURE_EMAIL),
        ("PC Tom Dvořák", "Police CP co-ordinator", SendMethod.SECURE_EMAIL),
    ):
        records.add_recipient(conference.id, name, role, method)
    records.move(conference.id, RecordState.WITH_CLERK)
    return True
