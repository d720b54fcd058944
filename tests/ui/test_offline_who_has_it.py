"""GUI (issue 16): a conference out on a laptop shows who has it and since when wherever it is listed on
the team store (Today and due, the register, the clerk's queue: an "On a laptop" column; above the
register's conference, the map and the record: a banner), and an edit on another desktop is refused
inline with the holder's name, the words kept on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.domain.local_time import local
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.offline import OfflineService
from tests.ui import test_offline_panel
from tests.ui.test_offline_cancel import CARA, _take, _window_as

window = test_offline_panel.window  # the fixture: Priya's desktop on a team store


def _column(model, conference_of):
    """{conference id: the "On a laptop" cell} of a table model."""
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    column = headers.index("On a laptop")
    return {conference_of(model.item(r)): model.data(model.index(r, column)) for r in range(model.rowCount())}


def test_who_has_it_in_every_list_and_above_each_view(
    qtbot, qtmodeltester, window, services, settings, tmp_path
):
    _win, services, review, _item, data_dir = window
    first = services.conferences.get(review).previous_conference_id
    assert first is not None
    _take(services, review, data_dir)
    _take(services, first, data_dir)  # the initial conference too: its record is in the clerk's queue
    since = OfflineService(services.ctx).checkouts()[review].since
    shown = f"Priya Raman since {local(since):%d %b %Y %H:%M}"
    cara = _window_as(qtbot, services, settings, CARA, tmp_path / "clerk")

    today = cara.areas["today"]
    assert _column(today.model, lambda u: u.conference.id) == {review: shown}
    last = today.model.index(0, today.model.columnCount() - 1)
    assert today.model.data(last, Qt.ItemDataRole.ToolTipRole) == shown  # whole where the column is narrow
    assert _column(today.records_model, lambda d: d.conference_id)[first].startswith("Priya Raman since ")
    cara.show_conference(review)
    register = _column(cara.areas["families"].conferences, lambda c: c.id)
    assert register[review] == shown
    assert register[first].startswith("Priya Raman since ")
    register_banner, map_banner = cara.checkout_banners
    records_banner = cara.records_banner
    assert register_banner.isVisible()
    assert (
        register_banner.text()
        == f"⚠ Priya Raman has it on a laptop since {local(since):%d %b %Y %H:%M}. "
        + ("Read-only here until it is brought back.")
    )
    records = cara.areas["records"]
    cara.show_view("records")  # (the queue reads the store when it is shown)
    assert _column(records.queue, lambda e: e.conference_id)[first].startswith("Priya Raman since ")
    for model in (today.model, today.records_model, cara.areas["families"].conferences, records.queue):
        qtmodeltester.check(model)  # the column added after the area was built keeps each model sound

    # The clerk types into the record: refused beside it, with who has it; the words stay.
    cara.show_record(first)
    assert records_banner.isVisible()
    assert records_banner.text().startswith("⚠ Priya Raman has it on a laptop since ")
    editor = records.editors[SectionKey.PURPOSE]
    editor.setPlainText(editor.toPlainText() + " Clerk's words")
    records.flush()
    assert records.message.isVisible()
    assert records.message.text().startswith("⚠ Priya Raman has it on a laptop since ")
    assert "read-only here until it is brought back" in records.message.text()
    assert "Not saved: " in records.message.text()  # the words, quoted beside it (locked-record rule)
    assert "Clerk's words" in records.message.text()

    # ... and into the map: the board says it under the map.
    cara.show_view("meeting")
    cara.meeting.open_conference(review)
    assert map_banner.isVisible()
    assert cara.meeting.controller.add_item(Section.DANGER, "Clerk's danger statement") is None
    problem = cara.meeting.board.problem.text()
    assert "Priya Raman has it on a laptop since" in problem, problem
    assert "Clerk's danger statement" not in {i.text for i in services.mapping.board(review).items}

    # Brought back (cancelled here): every list reads it again at once.
    OfflineService(services.ctx).cancel(review)
    cara.hub.announce("*")
    assert _column(today.model, lambda u: u.conference.id) == {review: ""}
    cara.offline_panel.worker.wait()


def test_approving_on_the_laptop_is_refused_inline_with_why(qtbot, window, services):
    """At the venue, on the laptop's own store: the chair sends the record for approval; Approve and
    lock… is refused beside the record, saying the sign-off is on the team store after bringing it back."""
    from iro_desktop.domain.record import RecordState
    from iro_desktop.domain.roles import Role
    from iro_desktop.services.offline import laptop_location, open_laptop
    from iro_desktop.ui.areas.records import RecordsArea
    from iro_desktop.ui.events import ChangeHub
    from tests.ui.test_offline_panel import PASSWORD
    from tests.ui.test_records_area import approve

    _win, services, review, _item, data_dir = window
    first = services.conferences.get(review).previous_conference_id
    assert first is not None
    _take(services, first, data_dir)
    laptop, close, _ = open_laptop(
        laptop_location(None, data_dir), "priya", PASSWORD, "Priya Raman", Role.CHAIR
    )
    try:
        for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL):
            laptop.records.move(first, state)
        area = RecordsArea(laptop, ChangeHub())
        qtbot.addWidget(area)
        area.show()
        area.open(first)
        approve(area)
        assert area.message.isVisible()
        assert area.message.text().startswith(
            "⚠ Not approved: this conference is out on a laptop (Priya Raman"
        )
        assert "The signing keys stay with the team store" in area.message.text()
        assert laptop.records.get(first).state is RecordState.AWAITING_APPROVAL
    finally:
        close()


def test_the_laptops_own_copy_says_so_above_the_record_and_the_map(qtbot, window, services, settings):
    """The app opened on the laptop's store at the venue: the record and the map say it is the laptop's
    copy and that it is approved on the team store; a desktop's own records (no checkout) show nothing."""
    from iro_desktop.domain.roles import Role
    from iro_desktop.services.offline import laptop_location, open_laptop
    from iro_desktop.ui.events import ChangeHub
    from iro_desktop.ui.main_window import MainWindow, WhereInfo
    from tests.ui.test_offline_panel import PASSWORD

    win, services, review, _item, data_dir = window
    assert not hasattr(win, "laptop_banners")  # the team store: the panel and its banners instead
    _take(services, review, data_dir)
    where = laptop_location(None, data_dir)
    laptop, close, _ = open_laptop(where, "priya", PASSWORD, "Priya Raman", Role.CHAIR)
    try:
        venue = MainWindow(
            laptop, settings, WhereInfo(str(where.sqlite_path), str(where.data_dir)), ChangeHub()
        )
        qtbot.addWidget(venue)
        venue.show()
        venue.load()
        assert not hasattr(venue, "offline_panel")
        register, on_map, on_record = venue.laptop_banners
        venue.show_record(review)
        assert on_record.isVisible()
        assert on_record.text().startswith("⚠ This is the laptop's copy, taken out of the team store on ")
        assert "the chair approves it on the team store once it is brought back" in on_record.text()
        venue.show_view("meeting")
        venue.meeting.open_conference(review)
        assert on_map.isVisible()
        venue.show_conference(review)
        assert register.isVisible()
    finally:
        close()


def test_the_window_is_built_before_sign_in_and_filled_after(qtbot, services, settings, tmp_path):
    """The app builds every area while the password is typed (nobody signed in yet): the laptop panel,
    its banners and columns ask the store nothing then (it would refuse), and fill in at sign-in."""
    from iro_desktop.services.context import ServiceContext, SignedIn
    from iro_desktop.services.registry import Services
    from iro_desktop.ui.events import ChangeHub
    from iro_desktop.ui.main_window import MainWindow, WhereInfo
    from tests.conftest import TODAY
    from tests.ui.test_offline_panel import PRIYA

    nobody = Services.build(ServiceContext(uow=services.ctx.uow, today=lambda: TODAY, session=SignedIn(None)))
    win = MainWindow(nobody, settings, WhereInfo("postgresql://team.example/iro", str(tmp_path)), ChangeHub())
    qtbot.addWidget(win)
    assert win.offline_panel.out_list.text() == ""
    assert not win.offline_panel.take_button.isEnabled()
    nobody.ctx.session.user = PRIYA  # signed in
    win.show()
    win.load()
    assert win.offline_panel.out_list.text() == "No conference is out on a laptop."
