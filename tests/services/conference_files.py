"""Helpers for conference-file tests: a rich fictional conference, a second store, a dump of every table."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import inspect, text

from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
from iro_desktop.domain.record import SectionKey, SendMethod
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import Store, open_store

TODAY = date(2026, 11, 23)


def second_store(tmp_path: Path, name: str = "other") -> tuple[Store, Services]:
    store = open_store(resolve_location(tmp_path / name, environ={}))
    return store, Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )


def store_fingerprint(store: Store) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    digest = hashlib.sha256()
    with store.uow() as uow:
        connection = uow.session.connection()
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')).all()
            digest.update(f"{table}:{sorted(map(repr, rows))}".encode())
    return digest.hexdigest()


def rich_conference(services: Services, actions: int = 3, map_items: int = 6, children: int = 3) -> str:
    """A fictional Polish/Czech/Irish/Arabic family with a map, decisions, dissent, a plan and a record."""
    names = [
        ("Zuzana", "Nováková"),
        ("Łukasz", "Wiśniewski"),
        ("Caoimhe", "Ní Bhriain"),
        ("يوسف", "الحسيني"),
        ("Ondřej", "Černý"),
        ("Saoirse", "Ó Dónaill"),
    ]
    family = services.families.create_family(
        "CF-2026-ŁÓ",
        "Wiśniewski / Ní Bhriain / الحسيني family",
        [
            ChildInput(
                given,
                surname,
                date(2014 + i, 3, 1 + i),
                gender=Gender.FEMALE if i % 2 else Gender.MALE,
                ethnicity_code="WOTH",
                case_number=f"CF-{i:03d}",
            )
            for i, (given, surname) in enumerate(names[:children])
        ],
    )
    csc = services.people.add_agency("Fictional County Children’s Services", AgencyKind.CHILDRENS_SOCIAL_CARE)
    police = services.people.add_agency("Fictional Police — Public Protection", AgencyKind.POLICE)
    sw = services.people.add_person(PersonInput("Bríd Ní Mhurchú", Role.SOCIAL_WORKER, agency_id=csc.id)).id
    pc = services.people.add_person(PersonInput("DC Jiří Dvořák", Role.POLICE, agency_id=police.id)).id
    mum = services.people.add_person(
        PersonInput("Fatima الحسيني", Role.PARENT, family_id=family.id, parental_responsibility=True)
    ).id
    kids = services.families.get(family.id).children
    advocacy = {
        c.id: ("accepted" if i == 0 else "declined", "Rzecznik — advocate") for i, c in enumerate(kids)
    }
    conf = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        TODAY,
        clock_start=date(2026, 11, 6),
        chair_name="Aoife Ní Shé",
        venue="Sala 3 — “Dąb”",
        invite=[sw, pc, mum],
        invited_on=date(2026, 11, 10),
        advocacy=advocacy,
    )
    sections = list(Section)
    item_ids: dict[Section, list[str]] = {}
    for i in range(map_items):
        section = sections[i % len(sections)]
        item = services.mapping.add_item(
            conf.id, section, f"Položka {i}: Łucja’s “safe place” — مكان آمن {i}"
        )
        item_ids.setdefault(section, []).append(item.id)
    danger, goal = item_ids[Section.DANGER][0], item_ids[Section.SAFETY_GOALS][0]
    services.mapping.pair(danger, goal)
    services.mapping.set_scale(conf.id, danger, "Police", 3, "Dvě výjezdy")
    services.mapping.set_scale(conf.id, None, "Family", 7, "Táimid ag obair le chéile")
    for i, child in enumerate(kids):
        outcome = Outcome.PLAN_MADE if i != 1 else Outcome.NOT_MADE_NFA
        services.decisions.record(
            conf.id,
            child.id,
            DecisionInput(
                outcome,
                "Aoife Ní Shé",
                category=Category.EMOTIONAL if outcome is Outcome.PLAN_MADE else None,
                significant_factors=("domestic_abuse",),
                rationale="Ocena ryzyka — فحص",
            ),
            decided_at=datetime(2026, 11, 23, 11, 30, 15),
        )
    services.decisions.add_dissent(
        conf.id,
        kids[0].id,
        DissentInput("DC Jiří Dvořák", "Police", "Plan under neglect", "Reports of hunger"),
    )
    services.plans.save_header(
        conf.id, PlanHeaderInput("No contact with Mr Černý.", "Legal planning meeting.")
    )
    for i in range(actions):
        services.plans.add_action(
            conf.id,
            PlanActionInput(
                f"Úkol {i}: visit with interpreter",
                "Bríd Ní Mhurchú",
                "Children’s Services",
                date(2026, 12, 1 + i % 20),
            ),
        )
    services.records.save_section(conf.id, SectionKey.PURPOSE, "Cuspóir: initial conference — الغرض")
    services.records.add_recipient(conf.id, "Fatima الحسيني", "Parent", SendMethod.BY_HAND)
    return conf.id
