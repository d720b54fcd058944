"""A hand-built record for the copies and the release check (issue 18): a parent, a relative in another
household, a police officer and a GP; map items holding an address and postcode, a phone number, an
e-mail address and a date of birth, a word on the council's list, a police-only item and one kept from the
GP by name. Shared by the services and GUI tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.local_rules import DisclosureRules
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import AgencyKind, PersonInput
from iro_desktop.domain.people import Role as PersonRole
from iro_desktop.domain.plan import PlanActionInput
from iro_desktop.domain.record import RecordState, SectionKey, SendMethod
from iro_desktop.domain.roles import Role, User
from iro_desktop.store.models import PersonRow
from tests.conftest import TODAY
from tests.signing import with_key

CHAIR = User("u1", "priya", "Priya Raman", Role.CHAIR)
CLERK = User("u2", "sam", "Sam Dvořák", Role.CLERK)

ADDRESS_ITEM = "Dad's new partner lives at 14 Acacia Avenue, LS6 2QT."
PHONE_ITEM = "Auntie Jas Kaur rings the children on 07700 900123 every evening."
EMAIL_ITEM = "Zoë's half-brother (born 3 March 2008) writes to her at sam.friend@example.org."
WORD_ITEM = "The case goes to MARAC before the core group."
POLICE_ITEM = "Police intelligence: the partner was arrested in Leeds in 2024."
NOT_FOR_GP = "The GP practice manager is a relative of the partner."
PLAIN_ITEM = "Mum takes Zoë to school every day."


@dataclass(frozen=True)
class Setup:
    conference_id: str
    mum: str  # recipient ids
    police: str
    gp: str
    items: dict[str, str]  # text -> map item id


def build(services, store, sign_off: bool = True) -> Setup:
    family = services.families.create_family(
        "R-18", "Nowak family", [ChildInput("Zoë", "Nowak", date(2019, 5, 1))]
    )
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, TODAY - timedelta(days=1), clock_start=TODAY - timedelta(days=10)
    )
    cid = conference.id
    people = services.people
    police_agency = people.add_agency("Westshire Police", AgencyKind.POLICE)
    health = people.add_agency("Westshire Health", AgencyKind.HEALTH)
    mum = people.add_person(PersonInput("Anna Nowak", PersonRole.PARENT, family_id=family.id))
    aunt = people.add_person(PersonInput("Jas Kaur", PersonRole.FAMILY_NETWORK, family_id=family.id))
    officer = people.add_person(PersonInput("DC Siân Evans", PersonRole.POLICE, agency_id=police_agency.id))
    gp = people.add_person(PersonInput("Dr Farhan Qureshi", PersonRole.GP, agency_id=health.id))
    with store.uow() as uow:  # households, as the register holds them (hand-built)
        uow.session.get(PersonRow, mum.id).household = "home-1"
        uow.session.get(PersonRow, aunt.id).household = "home-2"
        uow.commit()
    for person in (mum, aunt, officer, gp):
        inv = services.attendance.invite(cid, person.id, TODAY - timedelta(days=8))
        services.attendance.set_attendance(inv.id, Attendance.ATTENDED)
    items = {}
    for section, text in (
        (Section.HARM, ADDRESS_ITEM),
        (Section.HARM, POLICE_ITEM),
        (Section.HARM, NOT_FOR_GP),
        (Section.STRENGTHS, PHONE_ITEM),
        (Section.STRENGTHS, PLAIN_ITEM),
        (Section.CHILDS_VOICE, EMAIL_ITEM),
        (Section.NEXT_STEPS, WORD_ITEM),
    ):
        items[text] = services.mapping.add_item(cid, section, text).id
    services.mapping.set_audience(items[POLICE_ITEM], audience(AudienceKind.PROFESSIONALS, (), Reason.POLICE))
    services.mapping.set_audience(
        items[NOT_FOR_GP], audience(AudienceKind.EXCEPT, [gp.id], Reason.THIRD_PARTY)
    )
    rules = services.rules.get()
    services.rules.save(replace(rules, disclosure=DisclosureRules(("MARAC",), second_sign_off=sign_off)))
    records = services.records
    m = records.add_recipient(cid, "Anna Nowak", "Parent", SendMethod.BY_HAND, person_id=mum.id)
    p = records.add_recipient(cid, "DC Siân Evans", "Police", person_id=officer.id)
    g = records.add_recipient(cid, "Dr Farhan Qureshi", "GP", person_id=gp.id)
    return Setup(cid, m.id, p.id, g.id, items)


def finalise(services, cid):
    with_key(services, CLERK)
    services.records.save_section(cid, SectionKey.PURPOSE, "To decide whether Zoë needs a plan.")
    services.records.move(cid, RecordState.WITH_CLERK)
    services.records.move(cid, RecordState.AWAITING_APPROVAL)
    with_key(services, CHAIR)
    services.records.move(cid, RecordState.FINAL)
    with_key(services, CLERK)


REASONS = "Dad's partner can be reached on 07700 900456 and is not to visit."
DISSENT_REASON = "She now lives at 9 Mill Lane with the partner."
ACTION = "Write to the partner at partner.contact@example.org about contact."
LANGUAGE = "Punjabi"


def build_flagged(services, store, sign_off: bool = True) -> Setup:
    """The hand-built record, with a detail to flag in a decision's reasons, a dissent, a plan action and
    an attendance note as well (the GP's interpreter's language is on the council's list)."""
    setup = build(services, store, sign_off)
    cid = setup.conference_id
    child = services.families.get(services.conferences.get(cid).family_id).children[0].id
    services.decisions.record(
        cid, child, DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.NEGLECT, rationale=REASONS)
    )
    services.decisions.add_dissent(cid, child, DissentInput("Jo Bloggs", "Family", "No plan", DISSENT_REASON))
    services.plans.add_action(cid, PlanActionInput(ACTION, "Social worker"))
    gp = next(i for i in services.attendance.invitations(cid) if i.person_name == "Dr Farhan Qureshi")
    services.attendance.set_interpreter(gp.id, LANGUAGE, True)
    rules = services.rules.get()  # the interpreter's language on the council's list: the note is flagged
    services.rules.save(
        replace(rules, disclosure=DisclosureRules(("MARAC", LANGUAGE), second_sign_off=sign_off))
    )
    return setup
