"""`iro-desktop subject-access`: find a person, write their bundle as a PDF and a CSV; a clerk is refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role
from iro_desktop.services.context import SYSTEM_USER
from tests.cli_accounts import PASSWORD, act_as, add_account
from tests.conftest import TODAY
from tests.export.pdftext import all_text
from tests.services.played_meeting import play_demo_meeting
from tests.store_files import open_services_any


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "d"
    store, services = open_services_any(folder, today=lambda: TODAY)
    try:
        services.ctx.session.user = SYSTEM_USER
        played = play_demo_meeting(services)
        item = services.mapping.board(played.conference_id).section(Section.STRENGTHS)[0]
        services.mapping.set_audience(item.id, audience(AudienceKind.PROFESSIONALS, (), Reason.POLICE))
    finally:
        store.close()
    add_account(folder, "lee", Role.MANAGER)
    add_account(folder, "sam", Role.CLERK)
    return folder


def test_find_then_write_the_bundle(data, monkeypatch, capsys):
    act_as(monkeypatch, "lee", PASSWORD)
    assert main(["--data-dir", str(data), "subject-access", "--find", "Katarzyna"]) == 0
    line = capsys.readouterr().out.strip().splitlines()[0]
    person_id = line.split()[0]
    assert "Katarzyna Wójcik (Parent)" in line
    assert main(["--data-dir", str(data), "subject-access", "--person", person_id]) == 0
    out = capsys.readouterr().out
    assert out.count("Wrote ") == 2
    written = sorted((data / "exports").iterdir())
    assert [p.suffix for p in written] == [".csv", ".pdf"]
    assert all("Wójcik" not in p.name for p in written)
    assert "Professionals only: police information" in all_text(written[1].read_bytes())
    with written[0].open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [r["reason"] for r in rows if r["status"] == "withheld"] == [
        "Professionals only: police information"
    ]


def test_a_clerk_is_refused_and_an_unknown_person_named(data, monkeypatch, capsys):
    act_as(monkeypatch, "sam", PASSWORD)
    assert main(["--data-dir", str(data), "subject-access", "--find", "Katarzyna"]) == 1
    assert "A clerk may not subject access." in capsys.readouterr().err
    act_as(monkeypatch, "lee", PASSWORD)
    assert main(["--data-dir", str(data), "subject-access", "--person", "no-such-id"]) == 1
    assert "Choose a parent, relative or child" in capsys.readouterr().err
    assert not (data / "exports").exists()
