"""GUI (issue 16 item 5): on a team store, Today and due takes the chosen conference onto this laptop (a
real SQLCipher store), shows who has it in Today, the register and the map, and brings it back through
the hand-off's Mine/Theirs view; progress and results inline, nothing modal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QLabel

from iro_desktop.domain.checkout import CheckedOut
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.offline import laptop_location, open_laptop
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from tests.conftest import TODAY
from tests.services.conference_files import rich_conference

PRIYA = User("u-priya", "priya", "Priya Raman", Role.CHAIR)
CARA = User("u-cara", "cara", "Cara Clerk", Role.CLERK)
PASSWORD = "correct horse battery staple 7"


def _as(services: Services, user: User) -> Services:
    return Services.build(ServiceContext(uow=services.ctx.uow, today=lambda: TODAY, session=SignedIn(user)))


@pytest.fixture
def window(qtbot, services, settings, tmp_path):
    """Priya's desktop on the team store (a server location, so the laptop panel is there), with a review
    coming up in three days after an initial conference with its map."""
    first = rich_conference(services)
    services.conferences.mark_held(first, TODAY)
    family_id = services.conferences.get(first).family_id
    kids = services.families.get(family_id).children
    review = services.conferences.book(
        family_id,
        ConferenceType.REVIEW,
        TODAY + timedelta(days=3),
        previous_conference_id=first,
        advocacy={c.id: ("declined", "") for c in kids},
    )
    item = services.mapping.add_item(review.id, Section.STRENGTHS, "Nana Zofia walks them to school.")
    priya = _as(services, PRIYA)
    data_dir = tmp_path / "desktop"
    win = MainWindow(priya, settings, WhereInfo("postgresql://team.example/iro", str(data_dir)), ChangeHub())
    qtbot.addWidget(win)
    win.show()
    win.load()
    yield win, services, review.id, item.id, data_dir
    win.offline_panel.worker.wait()


def _choose_upcoming(win, conference_id: str) -> None:
    today = win.areas["today"]
    rows = [today.model.item(r).conference.id for r in range(today.model.rowCount())]
    today.table.selectRow(rows.index(conference_id))


def test_take_offline_then_bring_back_with_a_choice(qtbot, window):
    win, services, review, item, data_dir = window
    panel = win.offline_panel
    assert panel.out_list.text() == "No conference is out on a laptop."
    assert not panel.take_button.isEnabled()  # nothing chosen yet
    _choose_upcoming(win, review)
    assert panel.take_button.isEnabled()
    assert not panel.back_button.isEnabled()  # not out

    qtbot.mouseClick(panel.take_button, qtbot_button())
    assert panel.result.text().startswith("✘ Type your password first")  # told beside the field
    panel.password.setText(PASSWORD)
    qtbot.mouseClick(panel.take_button, qtbot_button())
    assert panel.progress.isVisible()  # inline progress while argon2 and the copy run
    assert panel.worker.wait()
    assert panel.result.text().startswith("✔ Taken onto this laptop: Wiśniewski")
    assert "Recovery key for the laptop's copy" in panel.result.text()
    assert not panel.progress.isVisible()
    assert panel.password.text() == ""  # never kept in the field
    assert "Priya Raman has it on a laptop since" in panel.out_list.text()
    assert panel.back_button.isEnabled()
    assert not panel.take_button.isEnabled()

    # The register shows it above the conference; another desktop's clerk is refused.
    win.show_conference(review)
    register_banner, _map_banner = win.checkout_banners
    assert register_banner.isVisible()
    assert "You have it: bring it back" in register_banner.text()
    with pytest.raises(CheckedOut):
        _as(services, CARA).mapping.edit_text(item, "Clerk's words")
    win.show_view("meeting")
    win.meeting.open_conference(review)  # the map's header says it too
    register_banner, map_banner = win.checkout_banners
    qtbot.waitUntil(map_banner.isVisible)
    assert map_banner.text().startswith("⚠ Priya Raman has it on a laptop since ")

    # The meeting on the laptop; Priya at her desk edits the same item meanwhile.
    laptop, close, _ = open_laptop(
        laptop_location(None, data_dir), "priya", PASSWORD, "Priya Raman", Role.CHAIR, lambda: TODAY
    )
    try:
        laptop.mapping.edit_text(item, "Laptop: Nana Zofia walks them every day.")
    finally:
        close()
    win.services.mapping.edit_text(item, "Desk: Nana Zofia walks them on Mondays.")

    win.show_view("today")
    _choose_upcoming(win, review)
    panel.password.setText(PASSWORD)
    qtbot.mouseClick(panel.back_button, qtbot_button())
    assert panel.worker.wait()
    dialog = panel.handoff
    assert dialog is not None
    assert not dialog.isModal()
    headers = {w.text() for w in dialog.findChildren(QLabel)}
    assert "<b>Mine (the team store)</b>" in headers
    assert "<b>Theirs (this laptop)</b>" in headers
    assert any(h.startswith("0 change(s) from the laptop will be taken") for h in headers)
    assert "1 thing(s) were changed both here and on the laptop" in panel.result.text()
    dialog.choose(0, "theirs")
    qtbot.mouseClick(dialog.apply_button, qtbot_button())
    assert panel.result.text().startswith("✔ Brought back to the team store: Wiśniewski")
    assert "1 chosen (1 as on the laptop)" in panel.result.text()
    assert panel.out_list.text() == "No conference is out on a laptop."
    texts = {i.id: i.text for i in services.mapping.board(review).items}
    assert texts[item] == "Laptop: Nana Zofia walks them every day."
    _as(services, CARA).mapping.edit_text(item, "Clerk's words, now allowed")
    qtbot.waitUntil(lambda: panel.handoff is None)
    win.show_conference(review)
    assert not register_banner.isVisible()


def test_a_wrong_password_is_told_inline_and_nothing_is_taken(qtbot, window):
    win, services, review, _item, data_dir = window
    panel = win.offline_panel
    open_laptop(laptop_location(None, data_dir), "priya", PASSWORD, "Priya Raman", Role.CHAIR)[1]()
    _choose_upcoming(win, review)
    panel.password.setText("not the password at all 1")
    qtbot.mouseClick(panel.take_button, qtbot_button())
    assert panel.worker.wait()
    assert panel.result.text() == (
        "✘ Not taken: That password does not open this laptop's copy (it is the password you had when it "
        "was set up)."
    )
    assert panel.out_list.text() == "No conference is out on a laptop."
    assert panel.take_button.isEnabled()


def qtbot_button():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_the_panel_is_named_and_keyboard_reachable(window):
    """Every control in the panel has a name for screen readers; Alt+K and Alt+B do one thing each."""
    from tests.ui.test_accessibility import unnamed_controls
    from tests.ui.test_mnemonics import visible_mnemonics

    win = window[0]
    win.show_view("today")
    assert win.offline_panel.isVisible()
    assert unnamed_controls(win) == []
    seen = visible_mnemonics(win)
    assert seen["k"] == ["Ta&ke offline to this laptop…"]
    assert seen["b"] == ["Bring &back to the team store…"]
    assert all(len(texts) == 1 for texts in seen.values()), seen
