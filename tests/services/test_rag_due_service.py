"""Issue 19: the RAG ratings due, through the service on a real store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from iro_desktop.domain.alerts import Rag
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput


def test_rag_due_for_open_plans_past_midway_until_rated(services):
    family = services.families.create_family(
        "R-1",
        "Nowak family",
        [ChildInput("Ada", "Nowak", date(2020, 1, 1)), ChildInput("Ola", "Nowak", date(2022, 2, 2))],
    )
    ada, ola = sorted(family.children, key=lambda c: c.given_name)
    services.families.add_previous_plan(ada.id, date(2026, 9, 1), None, "N")  # Ola: no plan
    first = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        date(2026, 9, 1),
        clock_start=date(2026, 8, 18),
        lateness_reason="x",
    )
    assert services.alerts.rag_due() == []  # no conference held yet
    services.conferences.mark_held(first.id, date(2026, 9, 1), "x")
    # No review booked: due 1 December (3 months), midway 16 October; today is 23 November.
    (due,) = services.alerts.rag_due()
    assert (due.child_id, due.child_name, due.family_name) == (ada.id, "Ada Nowak", "Nowak family")
    assert (due.midway_on, due.next_due_on) == (date(2026, 10, 16), date(2026, 12, 1))
    assert ola.id not in {d.child_id for d in services.alerts.rag_due()}
    services.alerts.rate(ada.id, Rag.GREEN, "Plan on track", date(2026, 11, 20), due.midway_on)
    assert services.alerts.rag_due() == []
