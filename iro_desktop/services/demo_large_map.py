"""A full-size fictional map: what an ordinary conference holds, not what a demo happens to.

Every layout test, every README screenshot and the demo's fourth family use it, so the room is always
looked at with a real conference's worth of words: danger statements of 40-80 words, other items of 20-60,
three children with long names in several scripts (Polish, Irish, Czech, Arabic and Urdu), curly quotes,
£ and em dashes. Sizes of 12, 24, 40, 80 and 300 items are spread over the sections as chairs fill them.
All of it is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from iro_desktop.domain.conference import ClockStartKind, ConferenceType
from iro_desktop.domain.family import ChildInput, Family, Gender
from iro_desktop.domain.mapping import Section
from iro_desktop.services.context import ServiceContext

LARGE_REFERENCE = "DEMO-0004"
LARGE_FAMILY_NAME = "Ó Súilleabháin-Wójcik / Al-Hashimi family"
DEMO_LARGE_ITEMS = 40  # the demo's full-size family: an ordinary initial conference's map
SIZES = (12, 24, 40, 80, 300)

# Long names in several scripts: the children of the full-size family.
LARGE_CHILDREN = (
    ("Siobhán Gráinne", "Ó Súilleabháin-Wójcik", 13, Gender.FEMALE, "WIRI"),
    ("Przemysław Łukasz", "Ó Súilleabháin-Wójcik", 9, Gender.MALE, "WOTH"),
    ("فاطمة الزهراء", "الهاشمي", 4, Gender.FEMALE, "AOTH"),
)
SHORT = ("Siobhán", "Przemysław", "فاطمة الزهراء")
SOURCES = ("Social worker", "Police", "Health visitor", "School", "Mum", "Dad", "Babcia Halina", "GP")

# How a chair's map fills, section by section (weights out of 24).
_SHARE = (
    (Section.DANGER, 4),
    (Section.HARM, 3),
    (Section.COMPLICATING, 3),
    (Section.STRENGTHS, 3),
    (Section.EXISTING_SAFETY, 2),
    (Section.SAFETY_GOALS, 3),
    (Section.NEXT_STEPS, 3),
    (Section.CHILDS_VOICE, 2),
    (Section.FAMILY_NETWORK, 1),
)

_OPENINGS = {
    Section.DANGER: (
        "Social care, police and health are worried that {c} could be badly hurt or frightened",
        "Everyone here is worried that {c} could go without the food, medicine and care a child needs",
        "The school and the health visitor are worried that {c} could be left alone at night",
        "Police and social care are worried that {c} could be pulled into the adults’ arguments",
    ),
    Section.HARM: (
        "On 3 October police were called at 11 pm; {c} was found hiding in the bathroom",
        "{c} missed eleven days of school in September and the GP saw a bruise on the upper arm",
        "In August {c} was found outside the flat at midnight — “looking for Mum”, the neighbour said",
    ),
    Section.COMPLICATING: (
        "Dad works nights at the depot and the family has moved house twice this year",
        "Mum’s first language is Polish and letters from the council have not been translated",
        "The flat is damp, there is £1,240 of rent arrears and the electricity meter often runs out",
    ),
    Section.STRENGTHS: (
        "{c} is doing well at school and says the teacher is “kind and listens”",
        "Mum has taken {c} to every clinic appointment since May, often by two buses",
        "Dad has started the Caring Dads course and has been to five of the eight sessions",
    ),
    Section.EXISTING_SAFETY: (
        "Babcia Halina visits every evening and {c} knows to go to her flat when the adults shout",
        "The school’s designated safeguarding lead checks in with {c} each Monday morning",
    ),
    Section.SAFETY_GOALS: (
        "{c} lives in a home where the adults sort out disagreements calmly and nobody gets hurt",
        "{c} always has food, medicine and a sober adult who is awake and looking after them",
        "{c} goes to school every day, on time, with a packed lunch and the right uniform",
    ),
    Section.NEXT_STEPS: (
        "The social worker meets Mum and Dad with a Polish interpreter by Friday — £40 travel paid",
        "The health visitor arranges a hearing test for {c} and shares the result with the school",
        "Babcia Halina, Aoife and محمد علي meet the social worker to write the family’s safety plan",
    ),
    Section.CHILDS_VOICE: (
        "“I want Mum and Dad to stop shouting. I like it when Babcia makes pierogi,” said {c}",
        "{c} drew a sun over “the house of good things”: Babcia’s flat, with a cat in the window",
    ),
    Section.FAMILY_NETWORK: (
        "Babcia Halina (grandmother) visits daily and can have {c} to stay at short notice",
        "محمد علي, neighbour and family friend, takes {c} to school when Mum is unwell",
    ),
}

_MORE = (
    "when the adults at home argue late at night, as they did twice in October",
    "and the family told us this has happened before, “more times than we said”",
    "because the plan made in the summer stopped once the family moved to Riverside Road",
    "which the school noticed first and raised with the designated safeguarding lead",
    "and nobody outside the family would know until the next morning at the earliest",
    "though Mum says things have been calmer since Babcia Halina began to visit",
    "and the GP, the health visitor and the school each saw part of it but not the whole",
    "so the children need an adult who is there, awake and able to keep them safe",
    "even though everyone agrees that the family love the children very much",
    "and Siobhán said she worries about her brother more than about herself",
)


@dataclass(frozen=True, slots=True)
class LargeItem:
    """One item of the full-size map, before it is stored."""

    section: Section
    text: str
    source: str
    child: int | None  # index into LARGE_CHILDREN, or None for the whole family


def _words_for(section: Section) -> tuple[int, int]:
    return (40, 80) if section == Section.DANGER else (20, 60)


def _text(section: Section, n: int) -> str:
    """A sentence of the section's kind, grown clause by clause to 40-80 words (20-60 for the rest)."""
    openings = _OPENINGS[section]
    low, high = _words_for(section)
    target = low + (n * 37) % (high - low + 1)
    text = openings[n % len(openings)].format(c=SHORT[n % len(SHORT)])
    k = n
    while len(text.split()) < target:
        text += ", " + _MORE[k % len(_MORE)]
        k += 3
    words = text.split()
    if len(words) > high:
        text = " ".join(words[:high])
    return text.rstrip(",") + "."


def large_map_items(count: int) -> list[LargeItem]:
    """`count` items spread over the sections as a real map fills (every section has at least one from
    12 items up), in a stable order."""
    total = sum(w for _s, w in _SHARE)
    per = {s: max(1, round(count * w / total)) for s, w in _SHARE}
    while sum(per.values()) > count:  # trim the biggest sections first
        biggest = max(per, key=lambda s: per[s])
        per[biggest] -= 1
    while sum(per.values()) < count:
        per[Section.DANGER if count < 40 else Section.HARM] += 1
    items: list[LargeItem] = []
    n = 0
    for section, _w in _SHARE:
        for k in range(per[section]):
            child = None if section in (Section.COMPLICATING, Section.FAMILY_NETWORK) else k % 3
            items.append(LargeItem(section, _text(section, n), SOURCES[n % len(SOURCES)], child))
            n += 1
    return items


def create_large_family(ctx: ServiceContext, reference: str = LARGE_REFERENCE) -> Family:
    """The full-size family (three children with long names in several scripts)."""
    from iro_desktop.services.families import FamilyService

    today = ctx.today()
    children = [
        ChildInput(
            given,
            family_name,
            today - timedelta(days=365 * age + 40),
            gender=gender,
            ethnicity_code=ethnicity,
            case_number=f"LA-4005{n}0",
        )
        for n, (given, family_name, age, gender, ethnicity) in enumerate(LARGE_CHILDREN)
    ]
    return FamilyService(ctx).create_family(reference, LARGE_FAMILY_NAME, children)


def load_large_map(ctx: ServiceContext, conference_id: str, count: int) -> list[str]:
    """Put a full-size map of `count` items on a conference (danger statements paired with safety goals
    in turn, each scaled by two people, and an overall scale). Returns the item ids in order."""
    from iro_desktop.services.families import FamilyService
    from iro_desktop.services.mapping import MappingService

    mapping = MappingService(ctx)
    conference = mapping.conference(conference_id)
    children = [c.id for c in FamilyService(ctx).get(conference.family_id).children]
    ids: list[str] = []
    dangers: list[str] = []
    goals: list[str] = []
    for item in large_map_items(count):
        child = children[item.child] if item.child is not None and item.child < len(children) else None
        added = mapping.add_item(conference_id, item.section, item.text, source=item.source, child_id=child)
        ids.append(added.id)
        if item.section == Section.DANGER:
            dangers.append(added.id)
        elif item.section == Section.SAFETY_GOALS:
            goals.append(added.id)
    for n, danger in enumerate(dangers):
        if goals:
            mapping.pair(danger, goals[n % len(goals)])
        mapping.set_scale(conference_id, danger, "Family", 3 + n % 5, "Calmer since Babcia began to visit")
        mapping.set_scale(conference_id, danger, "Police", 2 + n % 4, "Two call-outs this year")
    mapping.set_scale(conference_id, None, "Family", 7, "We are working with everyone")
    mapping.set_scale(conference_id, None, "Social worker", 4, "Early days; the plan is new")
    return ids


def load_large_family(
    ctx: ServiceContext, count: int = DEMO_LARGE_ITEMS, reference: str = LARGE_REFERENCE
) -> tuple[Family, str]:
    """The full-size family with an initial conference today (booked, invitations not needed) and a map
    of `count` items (another `reference` beside the demo's own). Returns the family and the conference
    id."""
    from iro_desktop.domain.attendance import AdvocacyAnswer
    from iro_desktop.services.conferences import ConferenceService
    from iro_desktop.services.rules import CALENDAR

    family = create_large_family(ctx, reference)
    today = ctx.today()
    advocacy = {
        c.id: (AdvocacyAnswer.ACCEPTED.value, "Referred to the Children’s Rights Officer")
        for c in family.children
        if c.date_of_birth is not None and (today - c.date_of_birth).days >= 365 * 10
    }
    conference = ConferenceService(ctx).book(
        family.id,
        ConferenceType.INITIAL,
        scheduled_date=today,
        clock_start=CALENDAR.add_working_days(today, -12),
        start_time=time(10, 0),
        venue="Room 3, Civic Centre — “Willow Room”",
        chair_name="Gráinne Ní Bhriain",
        clock_start_kind=ClockStartKind.STRATEGY_DISCUSSION,
        clerk_name="Joanne Pike",
        interpreter_language="Polish",
        advocacy=advocacy,
    )
    load_large_map(ctx, conference.id, count)
    return family, conference.id


def example_day() -> date:
    """A Monday the layout tests and screenshots use as today, so pictures don't drift."""
    return date(2026, 11, 23)


_WHO = (
    ("Amara Okafor", "Westshire Children’s Social Care", "Mum and Dad say the interpreter helped"),
    ("Ruth Abernathy", "Westshire Community Health NHS Trust", "The result is in the school’s file"),
    ("Nkechi Adeyemi", "St Brigid’s Primary School", "Attendance above 95% for six weeks"),
    ("Halina Wójcik (Babcia)", "", "The safety plan is written and everyone has a copy"),
)


def load_large_plan(ctx: ServiceContext, conference_id: str) -> None:
    """The plan the chair builds from the full-size map: one action per next step, each with who, by
    when, how we will know, and the safety goal it serves; bottom lines and contingency (the demo's
    full-size family, so the plan's screenshots show a real plan)."""
    from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
    from iro_desktop.services.mapping import MappingService
    from iro_desktop.services.plans import PlanService
    from iro_desktop.services.rules import CALENDAR

    items = MappingService(ctx).board(conference_id).items
    goals = [i.id for i in items if i.section == Section.SAFETY_GOALS]
    steps = [i.text for i in items if i.section == Section.NEXT_STEPS]
    plans = PlanService(ctx)
    today = ctx.today()
    for n, step in enumerate(steps):
        person, agency, done = _WHO[n % len(_WHO)]
        plans.add_action(
            conference_id,
            PlanActionInput(
                what=step,
                who_person=person,
                who_agency=agency,
                by_when=CALENDAR.add_working_days(today, 10 + 5 * n),
                done_when=done,
                safety_goal_id=goals[n % len(goals)] if goals else "",
            ),
        )
    plans.save_header(
        conference_id,
        PlanHeaderInput(
            bottom_lines="The children are never left without a sober adult who is awake and looking "
            "after them. No adult hits, shoves or threatens anyone in the home.",
            contingency="If the adults argue late at night again, the children go to Babcia Halina’s "
            "flat and the social worker calls a meeting within two working days.",
        ),
    )
