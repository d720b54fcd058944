"""Render the decision panel and the plan builder to PNG with the demo family, in a temporary store.

Run: python scripts/decisions_screenshots.py [OUT_DIR]   (default docs/screenshots)

The demo conference is an initial conference still to be held, so this script plays the meeting
through the UI (as a chair would) before taking the pictures: it never touches the user's records.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from iro_desktop.app import open_services  # noqa: E402
from iro_desktop.domain.categories import Category  # noqa: E402
from iro_desktop.domain.conference import ConferenceType  # noqa: E402
from iro_desktop.domain.decisions import Outcome  # noqa: E402
from iro_desktop.domain.plan import PlanActionInput  # noqa: E402
from iro_desktop.services.demo import load_demo  # noqa: E402
from iro_desktop.services.demo_accounts import load_demo_accounts  # noqa: E402
from iro_desktop.store.location import resolve_location  # noqa: E402
from iro_desktop.ui.main_window import MainWindow, WhereInfo  # noqa: E402
from iro_desktop.ui.screenshot import render_png  # noqa: E402
from iro_desktop.ui.settings import Settings  # noqa: E402

NEXT_STEPS = [
    "Mum to attend the Freedom programme and tell the social worker what she has learned",
    "Zoë to be offered an advocate before the review",
    "Health visitor to check Mateusz’s weight every two weeks",
]


def main(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication(["iro-desktop"])
    with tempfile.TemporaryDirectory() as tmp:
        location = resolve_location(Path(tmp) / "data", environ={})
        store, services = open_services(location)
        try:
            load_demo_accounts(services.ctx)  # the demo is loaded as its chair (issue 13)
            family = load_demo(services.ctx)
            assert family is not None
            window = MainWindow(
                services, Settings.at(Path(tmp) / "s.ini"), WhereInfo(location.describe(), tmp)
            )
            window.load()
            conference = next(c for c in services.conferences.all() if c.family_id == family.id)
            window.meeting.open_conference(conference.id)
            window.show_decisions()
            area = window.meeting.decisions
            area._next_steps = lambda _cid: NEXT_STEPS
            zoe, lucja, mateusz = area.panel.forms
            # Zoë: plan made, neglect, toxic trio factors, with dissent from the school.
            zoe.select_outcome(Outcome.PLAN_MADE)
            zoe.select_category(Category.NEGLECT)
            zoe.factors.set_checked(["domestic_abuse", "parental_mental_health"])
            zoe.rationale.setPlainText(
                "Zoë’s basic needs are not being met — school reports “persistent” hunger."
            )
            zoe.record()
            for edit, text in (
                (zoe.d_name, "Siobhán Ó Súilleabháin"),
                (zoe.d_agency, "St Anne’s Primary School"),
                (zoe.d_view, "Child in need plan"),
                (zoe.d_reason, "Attendance has improved to 96% this term"),
                (zoe.d_response, "Noted; the core group will review attendance in 6 weeks."),
            ):
                edit.setText(text)
            zoe.add_dissent()
            # Łucja: not made, step down to CIN (date not yet set: shows the in-place check).
            lucja.select_outcome(Outcome.NOT_MADE_CIN)
            # Mateusz: plan made, emotional.
            mateusz.select_outcome(Outcome.PLAN_MADE)
            mateusz.select_category(Category.EMOTIONAL)
            mateusz.factors.set_checked(["domestic_abuse"])
            mateusz.record()
            builder = area.builder
            builder.draft_actions()
            first = builder.model.action(0)
            builder._edit_action(
                first,
                PlanActionInput(
                    first.what,
                    "Anna Dvořák",
                    "Children’s Social Care",
                    conference.scheduled_date + timedelta(days=42),
                    "Certificate of completion; Mum can describe the warning signs",
                ),
            )
            builder.new_action.setText("Core group to meet within 10 working days")
            builder.add_action()
            builder.bottom_lines.setPlainText(
                "Mr X must have no contact with the children — at home or elsewhere.\n"
                "The children must not be left with anyone who has been drinking."
            )
            builder.contingency.setPlainText(
                "If a bottom line is broken, the social worker calls a legal planning meeting the same day."
            )
            builder.core_group.set_value(conference.scheduled_date + timedelta(days=7))
            builder._save_field("core_group_date", "core group date")
            area.panel.tabs.setCurrentIndex(0)
            area.tabs.setCurrentIndex(0)
            render_png(window, out_dir / "decisions-panel.png", (1440, 1000))
            area.panel.tabs.setCurrentIndex(1)
            render_png(window, out_dir / "decisions-step-down-check.png", (1440, 1000))
            area.tabs.setCurrentIndex(1)
            render_png(window, out_dir / "plan-builder.png", (1440, 1000))
            # Three months on: the first review. Łucja's initial decision is recorded first.
            lucja.cin_date.set_value(conference.scheduled_date + timedelta(days=7))
            lucja.rationale.setPlainText("Needs are met with support; a child in need plan will follow.")
            lucja.record()
            review = services.conferences.book(
                family.id,
                ConferenceType.FIRST_REVIEW,
                scheduled_date=conference.scheduled_date + timedelta(days=90),
                chair_name="Priya Raman",
                previous_conference_id=conference.id,
                advocacy={zoe.child.id: ("accepted", "")},
            )
            window.hub.announce("conferences")
            window.meeting.open_conference(review.id)
            window.show_decisions()
            area.builder.carry_forward()
            r_zoe, _r_lucja, r_mateusz = area.panel.forms
            r_zoe.select_outcome(Outcome.PLAN_CONTINUES)
            r_zoe.record()
            r_mateusz.select_outcome(Outcome.CHANGE_OF_CATEGORY)
            r_mateusz.select_category(Category.PHYSICAL)
            r_mateusz.rationale.setPlainText("A new injury explained by no one: the harm is now physical.")
            r_mateusz.record()
            area.tabs.setCurrentIndex(0)
            area.panel.tabs.setCurrentIndex(2)
            render_png(window, out_dir / "decisions-review.png", (1440, 1000))
            area.tabs.setCurrentIndex(1)
            render_png(window, out_dir / "plan-builder-review.png", (1440, 1000))
            del zoe, lucja, mateusz, builder, area, r_zoe, r_mateusz
            window.close()
            window.deleteLater()
            app.processEvents()
        finally:
            store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
