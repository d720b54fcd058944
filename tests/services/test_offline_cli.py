"""`iro-desktop offline take|status|bring-back|cancel` against a team store on SQLite or PostgreSQL, with
the laptop's real SQLCipher store in the data folder's offline/ folder (issue 16 item 5)."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.session import PASSWORD_ENV
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role
from iro_desktop.services import sign_in
from iro_desktop.services.offline import laptop_location, open_laptop
from tests.services.conference_files import TODAY, rich_conference

PASSWORD = "correct horse battery staple 7"


@pytest.fixture
def team(location, monkeypatch):
    """The team store with Priya (its first administrator, a chair) and a review to take out."""
    opened = sign_in.set_up(location, "priya", "Priya Raman", PASSWORD, Role.CHAIR, lambda: TODAY)
    try:
        services = opened.services
        first = rich_conference(services)
        family_id = services.conferences.get(first).family_id
        kids = services.families.get(family_id).children
        review = services.conferences.book(
            family_id,
            ConferenceType.REVIEW,
            date(2027, 2, 15),
            previous_conference_id=first,
            advocacy={c.id: ("declined", "") for c in kids},
        )
        item = services.mapping.add_item(review.id, Section.STRENGTHS, "Nana Zofia walks them to school.")
    finally:
        opened.close()
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    argv = ["--data-dir", str(location.data_dir), "--database-url", location.url, "--user", "priya"]
    return argv, review.id, item.id


def _edit_on(location, item_id: str, text: str) -> None:
    opened = sign_in.sign_in(location, "priya", PASSWORD, lambda: TODAY)
    try:
        opened.services.mapping.edit_text(item_id, text)
    finally:
        opened.close()


def test_take_edit_bring_back_on_the_command_line(team, location, capsys):
    argv, review, item = team
    assert main([*argv, "offline", "take", review]) == 0
    out, err = capsys.readouterr()
    assert "Took the conference for Wiśniewski / Ní Bhriain / الحسيني family onto this laptop" in out
    assert "2 conference(s) of the family" in out
    assert "Recovery key for these records" in err  # the laptop's new store: shown once
    assert main([*argv, "offline", "status"]) == 0
    assert f"{review}: Priya Raman has it on a laptop since " in capsys.readouterr().out
    assert main([*argv, "offline", "take", review]) == 1  # already out
    assert "Priya Raman has it on a laptop" in capsys.readouterr().err

    laptop = laptop_location(None, location.data_dir)
    services, close, _recovery = open_laptop(laptop, "priya", PASSWORD, "Priya Raman", Role.CHAIR)
    try:
        services.mapping.edit_text(item, "Laptop: Nana Zofia walks them every day.")
    finally:
        close()
    _edit_on(location, item, "Team: Nana Zofia walks them on Mondays.")  # the holder, at her desk

    assert main([*argv, "offline", "bring-back", review]) == 1
    out, err = capsys.readouterr()
    assert "team:   Team: Nana Zofia walks them on Mondays." in out
    assert "laptop: Laptop: Nana Zofia walks them every day." in out
    assert "1 conflict(s) between the laptop and the team store; nothing was changed" in err
    assert main([*argv, "offline", "bring-back", review, "--conflicts", "laptop"]) == 0
    assert "1 conflict(s) (1 as on the laptop). It is editable by everyone again." in capsys.readouterr().out
    assert main([*argv, "offline", "status"]) == 0
    assert capsys.readouterr().out == "No conference is out on a laptop.\n"
    opened = sign_in.sign_in(location, "priya", PASSWORD, lambda: TODAY)
    try:
        texts = {i.id: i.text for i in opened.services.mapping.board(review).items}
        assert texts[item] == "Laptop: Nana Zofia walks them every day."
    finally:
        opened.close()


def test_cancel_and_a_wrong_laptop_password(team, location, capsys, monkeypatch):
    argv, review, _item = team
    assert main([*argv, "offline", "take", review]) == 0
    assert main([*argv, "offline", "cancel", review, "--reason", "broken"]) == 0
    out = capsys.readouterr().out
    assert "Cancelled: Priya Raman has it on a laptop since " in out
    assert "does not come back by itself" in out  # what it means for the laptop's changes
    assert "only as a hand-off merged field by field" in out
    assert main([*argv, "offline", "cancel", review, "--reason", "lost"]) == 1
    assert "not out on a laptop" in capsys.readouterr().err
    elsewhere = location.data_dir.parent / "elsewhere"
    open_laptop(
        laptop_location(elsewhere, location.data_dir), "priya", "another long password 9", "P", Role.CHAIR
    )[1]()
    assert main([*argv, "offline", "take", review, "--to", str(elsewhere)]) == 2
    assert "does not open with this password" in capsys.readouterr().err
