"""Fictional sample conferences for the PDF tests, the benchmark and a look at the output.

All people, places and events here are invented. The names exercise the fonts: Polish, Czech, Irish,
Arabic and Urdu letters, curly quotes, the pound sign and the em dash.

    python -m iro_desktop.export.samples OUTDIR [--final] [--large]

writes the four PDFs of the sample conference to OUTDIR.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from iro_desktop.export.documents import (
    ChildDecisionLine,
    ChildLine,
    ConferenceDocument,
    ContactLine,
    DangerPairLine,
    DistributionLine,
    DocumentHeader,
    MapItemLine,
    NextMeetingLine,
    PersonLine,
    PlanActionLine,
    PlanDetails,
    ScaleLine,
    SummarySectionLine,
)

CONFERENCE_DAY = date(2026, 11, 23)
GENERATED_AT = datetime(2026, 11, 23, 12, 40)

CHILDREN = (
    ChildLine("Zoë Brontë", "9 (born 14 February 2017)"),
    ChildLine("Łucja Wójcik", "6 (born 2 July 2020)"),
    ChildLine("Tomáš Dvořák", "3 (born 30 September 2023)"),
    ChildLine("Aoife Ó Súilleabháin", "12 (born 8 May 2014)"),
    ChildLine("Yusuf علي", "14 (born 21 January 2012)"),
    ChildLine("Baby Wójcik", "Unborn (due 9 March 2027)"),
)

MOTHER = "Maja Wójcik"
FATHER = "محمد علي"
GRANDMOTHER = "عائشہ خان"

PEOPLE = (
    PersonLine(MOTHER, "Mother", attended=True, is_family=True),
    PersonLine(FATHER, "Father", attended=True, attendance_note="interpreter (Arabic)", is_family=True),
    PersonLine(GRANDMOTHER, "Grandmother", attended=True, is_family=True),
    PersonLine(
        "Siobhán Ó Súilleabháin",
        "Social worker",
        "Children's Social Care",
        attended=True,
        report_expected=True,
        report_received=date(2026, 11, 18),
        report_received_on_time=True,
        report_shared_with_parents=date(2026, 11, 19),
        report_shared_on_time=True,
    ),
    PersonLine(
        "Dr Pavel Dvořák",
        "GP",
        "Riverside Medical Practice",
        apologies=True,
        report_expected=True,
        report_received=date(2026, 11, 20),
        report_received_on_time=True,
    ),
    PersonLine(
        "Zoë Brontë-Hale",
        "Head teacher",
        "St Brigid’s Primary School",
        attended=True,
        report_expected=True,
        report_received=date(2026, 11, 22),
        report_received_on_time=False,
        report_shared_with_parents=date(2026, 11, 23),
        report_shared_on_time=False,
    ),
    PersonLine("DC Rhys Morgan", "Police officer", "Child Abuse Investigation Unit", report_expected=True),
    PersonLine(
        "Niamh O’Connor",
        "Health visitor",
        "Community Health Services",
        attended=True,
        attendance_note="left at 11:15",
        report_expected=True,
        report_received=date(2026, 11, 16),
        report_received_on_time=True,
        report_shared_with_parents=date(2026, 11, 17),
        report_shared_on_time=True,
    ),
    PersonLine("Grace Achterberg", "Advocate", "Children’s Rights Service", attended=True),
)

_ITEM_TEXTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "harm": (
        "Past harm",
        (
            "Police were called to the home three times since June after arguments between the adults — "
            "the children were at home each time.",
            "Zoë told her teacher she hid under the bed “when the shouting starts”.",
            "The children missed 14 health appointments between January and August.",
        ),
    ),
    "complicating": (
        "Complicating factors",
        (
            "Rent arrears of £2,340 and a notice from the landlord.",
            "Father speaks limited English; an interpreter is needed at every meeting.",
            "DA support was offered in 2025 but the referral closed when the family moved.",
        ),
    ),
    "strengths": (
        "What's working well",
        (
            "Grandmother عائشہ خان collects the younger children from school every day.",
            "Mother has kept every appointment with the health visitor since the last conference.",
            "The children are warm, well fed and their school uniform is always clean.",
        ),
    ),
    "existing_safety": (
        "Existing safety",
        (
            "Mother rang the police herself on 2 October and took the children to grandmother’s flat.",
            "Father has moved out and sees the children at grandmother’s home.",
        ),
    ),
    "next_steps": (
        "Next steps",
        (
            "Siobhán to complete a family network meeting before the first core group.",
            "Father to start the domestic abuse perpetrator programme.",
            "Mother to register Tomáš with the nursery so he can start in January.",
        ),
    ),
    "childs_voice": (
        "The child's voice",
        (
            "Zoë: “I like it when Dad visits at Nana’s. I don’t like the shouting.”",
            "Łucja drew her house with the sun shining and said her favourite thing is baking with Nana.",
            "Aoife (with her advocate): she wants to stay at St Brigid’s and keep her friends.",
        ),
    ),
    "network": (
        "Family network",
        (
            "Grandmother عائشہ خان — lives two streets away, sees the children daily.",
            "Aunt Ewa Wójcik (mother’s sister) in Leicester; can have the children at weekends.",
            "Family friend Ciarán Ó Briain, neighbour, drives the children to football.",
        ),
    ),
}


def sample_map_items(
    count: int | None = None, children: Sequence[ChildLine] = CHILDREN
) -> tuple[MapItemLine, ...]:
    """The hand-written items; with `count`, that many numbered items cycling through the sections."""
    base = [
        MapItemLine(code, label, text, source=source)
        for code, (label, texts) in _ITEM_TEXTS.items()
        for text, source in zip(texts, itertools.cycle(("Siobhán Ó Súilleabháin", MOTHER, "")), strict=False)
    ]
    if count is None:
        return tuple(
            MapItemLine(
                i.section_code,
                i.section_label,
                i.text,
                child_name=children[n % len(children)].name if n % 3 == 0 else "",
                source=i.source,
                carried_forward=n % 5 == 4,
            )
            for n, i in enumerate(base)
        )
    items = []
    for n in range(count):
        template = base[n % len(base)]
        items.append(
            MapItemLine(
                template.section_code,
                template.section_label,
                f"Item {n + 1}: {template.text}",
                child_name=children[n % len(children)].name if n % 4 == 0 else "",
                source=template.source,
                carried_forward=n % 7 == 6,
            )
        )
    return tuple(items)


def sample_danger_pairs() -> tuple[DangerPairLine, ...]:
    return (
        DangerPairLine(
            "Everyone is worried that if the adults argue and hit each other again, Zoë, Łucja and Tomáš "
            "could be hurt trying to stop it, or be so frightened that they cannot sleep or learn.",
            "Mum, Dad and the network will show for six months that the children are kept away from adult "
            "arguments, and the children will say they feel safe at home.",
            scales=(
                ScaleLine(
                    "How safe are the children from the adults’ arguments?", MOTHER, 6, "Dad has moved out", 3
                ),
                ScaleLine(
                    "How safe are the children from the adults’ arguments?", FATHER, 7, "I am on the course"
                ),
                ScaleLine(
                    "How safe are the children from the adults’ arguments?",
                    "Siobhán Ó Súilleabháin",
                    4,
                    "The plan is new and not yet tested",
                    2,
                ),
            ),
        ),
        DangerPairLine(
            "Children’s Social Care is worried that Tomáš’s health needs will be missed and his speech will "
            "fall further behind if appointments are not kept.",
            "Tomáš goes to every health and speech appointment, and his nursery sees him every weekday.",
            child_name="Tomáš Dvořák",
            scales=(ScaleLine("How well are Tomáš’s health needs met?", "Niamh O’Connor", 5, "", 3),),
        ),
    )


def sample_decisions(children: Sequence[ChildLine] = CHILDREN) -> tuple[ChildDecisionLine, ...]:
    decisions = []
    for n, child in enumerate(children):
        dissent: tuple[str, ...] = ()
        if n == 1:
            dissent = ("Dr Pavel Dvořák (GP, by letter): the GP felt a child in need plan would be enough.",)
        decisions.append(
            ChildDecisionLine(
                child.name,
                child.age_text,
                "Subject to a child protection plan",
                "Emotional abuse" if n % 2 == 0 else "Neglect",
                significant_factors=("Domestic abuse", "Parental mental health")
                if n % 2 == 0
                else ("Neglect of health needs",),
                reasons="The children have seen domestic abuse; the new safety plan is not yet tested.",
                dissent=dissent,
                plain_outcome="There will be a child protection plan to help keep them safe.",
            )
        )
    return tuple(decisions)


_ACTIONS = (
    (
        "Hold a family network meeting and write the family safety plan with everyone.",
        "Siobhán Ó Súilleabháin",
        "Children's Social Care",
        "The safety plan is written down and signed by everyone in the network.",
    ),
    (
        "Go to every session of the domestic abuse perpetrator programme.",
        FATHER,
        "Family",
        "The programme worker confirms attendance to the core group.",
    ),
    (
        "Take Tomáš to his speech and language appointment.",
        MOTHER,
        "Family",
        "The health visitor confirms he was seen.",
    ),
    (
        "Check in with Zoë every week in school.",
        "Zoë Brontë-Hale",
        "St Brigid’s Primary School",
        "Zoë’s teacher tells the core group how she is.",
    ),
    (
        "Visit the children at home at least every 10 working days, seeing each child alone.",
        "Siobhán Ó Súilleabháin",
        "Children's Social Care",
        "Visits are recorded and shared at core group.",
    ),
    (
        "Offer the children advocacy and explain the CP plan to Aoife and Yusuf.",
        "Grace Achterberg",
        "Children’s Rights Service",
        "Aoife and Yusuf can say what the plan is for.",
    ),
)


def sample_actions(count: int = 8, children: Sequence[ChildLine] = CHILDREN) -> tuple[PlanActionLine, ...]:
    goals = [p.safety_goal for p in sample_danger_pairs()]
    actions = []
    for n in range(count):
        what, who, agency, know = _ACTIONS[n % len(_ACTIONS)]
        if count > len(_ACTIONS):
            what = f"Action {n + 1}: {what}"
        actions.append(
            PlanActionLine(
                what,
                who,
                agency,
                by_when=None if n % 5 == 4 else CONFERENCE_DAY + timedelta(days=7 * (n % 8 + 1)),
                by_when_text="Every week" if n % 6 == 3 else "",
                how_we_will_know=know,
                goal=goals[n % 3] if n % 3 < 2 else "",
                child_name=children[n % len(children)].name if n % 4 == 2 else "",
            )
        )
    return tuple(actions)


def sample_document(
    *,
    final: bool = False,
    children: int = 4,
    map_items: int | None = None,
    actions: int = 6,
) -> ConferenceDocument:
    """A fictional initial conference; `map_items` and `actions` make it as large as you like."""
    kids = CHILDREN[:children]
    header = DocumentHeader(
        family_reference="FAM-2026-0142",
        family_name="Wójcik-Ali",
        conference_type_label="Initial conference",
        conference_date=CONFERENCE_DAY,
        start_time=time(10, 0),
        venue="Room 3, Riverside Family Centre",
        chair_name="Dvořák, Hana (IRO)",
        is_final=final,
        generated_at=GENERATED_AT,
        local_authority="Fictional County Council",
    )
    return ConferenceDocument(
        header=header,
        children=kids,
        people=PEOPLE,
        purpose=(
            "To share information about the children’s safety after three police call-outs, to decide "
            "whether each child needs a child protection plan — and if so, to agree the outline plan."
        ),
        summary=(
            SummarySectionLine(
                "Background and update",
                "The family moved to Westshire in June. Police were called three times since then.",
            ),
            SummarySectionLine(
                "Agency contribution: St Brigid’s Primary School",
                "Zoë’s attendance is 96%; she is tired on Mondays and told her teacher about the shouting.",
            ),
            SummarySectionLine("Parents' and carers' views", "Mum said: “We want help, not to be judged.”"),
        ),
        map_items=sample_map_items(map_items, kids),
        danger_pairs=sample_danger_pairs(),
        scales=(
            ScaleLine(
                "Overall, how safe are the children today? (10: safe enough to close)", MOTHER, 7, "", 5
            ),
            ScaleLine("Overall, how safe are the children today? (10: safe enough to close)", FATHER, 8),
            ScaleLine(
                "Overall, how safe are the children today? (10: safe enough to close)",
                "Siobhán Ó Súilleabháin",
                4,
                "Good start; the network plan is not yet tested.",
                None,
            ),
            ScaleLine(
                "Overall, how safe are the children today? (10: safe enough to close)",
                "Zoë Brontë",
                None,
                "Zoë did not want to give a number",
            ),
        ),
        decisions=sample_decisions(kids),
        actions=sample_actions(actions, kids),
        plan=PlanDetails(
            bottom_lines=(
                "The children must not be present when the adults argue; if an argument starts, the children "
                "go to grandmother’s home straight away.",
                "Father does not stay overnight at the family home until the core group agrees.",
            ),
            contingency=(
                "If there is another incident of domestic abuse, or the bottom lines are not kept, the "
                "social worker will call a strategy meeting — and consider legal advice (PLO)."
            ),
            core_group_date=date(2026, 12, 7),
            next_review_date=date(2027, 2, 22),
            plan_start_date=CONFERENCE_DAY,
        ),
        contacts=(
            ContactLine("Siobhán Ó Súilleabháin", "Social worker", "Children's Social Care", "01632 960 412"),
            ContactLine("Hana Dvořák", "Conference chair (IRO)", "Safeguarding Unit", "iro.unit@example.org"),
            ContactLine("Out of hours team", "Emergency duty", "Children's Social Care", "01632 960 999"),
        ),
        next_meetings=(
            NextMeetingLine("First core group", date(2026, 12, 7), time(14, 0), "Riverside Family Centre"),
            NextMeetingLine(
                "Review conference", date(2027, 2, 22), time(10, 0), "Room 3, Riverside Family Centre"
            ),
        ),
        distribution=tuple(
            DistributionLine(p.name, p.role, p.agency) for p in PEOPLE if p.role != "Advocate"
        ),
    )


def large_document(final: bool = False) -> ConferenceDocument:
    """The benchmark's conference: 6 children, 150 map items, 40 actions."""
    return sample_document(final=final, children=6, map_items=150, actions=40)


def write_all(outdir: Path, doc: ConferenceDocument) -> list[Path]:
    from iro_desktop.export.pdf import DOCUMENTS
    from iro_desktop.private_files import private_folder

    private_folder(outdir)
    paths = []
    for name, build in DOCUMENTS.items():
        path = outdir / f"{name}.pdf"
        build(doc, path)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m iro_desktop.export.samples", description=__doc__.splitlines()[0]
    )
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--final", action="store_true", help="mark the record final (no DRAFT)")
    parser.add_argument("--large", action="store_true", help="6 children, 150 map items, 40 actions")
    args = parser.parse_args(argv)
    doc = large_document(args.final) if args.large else sample_document(final=args.final)
    for path in write_all(args.outdir, doc):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
