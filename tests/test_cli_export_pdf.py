"""`iro-desktop export pdf`: by conference id or family reference, one PDF or all four, earlier versions
of a final record, and the problems a user can meet (several conferences, no such version, bad folder)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.export_pdf import KINDS
from iro_desktop.domain.attendance import AdvocacyAnswer
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.roles import Role
from iro_desktop.services.context import SYSTEM_USER
from iro_desktop.services.documents import KIND_NAMES
from tests.cli_accounts import PASSWORD, act_as, add_account
from tests.conftest import TODAY
from tests.export.pdftext import all_text
from tests.services.played_meeting import finalise, play_demo_meeting
from tests.store_files import open_services_any


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "d"
    store, services = open_services_any(folder, today=lambda: TODAY)
    try:
        services.ctx.session.user = SYSTEM_USER
        played = play_demo_meeting(services)
        finalise(services, played.conference_id)
    finally:
        store.close()
    add_account(folder, "clerk", Role.CLERK)  # the command line exports as a clerk
    act_as(monkeypatch, "clerk", PASSWORD)
    return folder


def _run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "export", "pdf", *args])


def test_all_four_for_a_family_reference_go_to_the_exports_folder(data, capsys):
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "all") == 0
    written = {p.name for p in (data / "exports").iterdir()}
    assert written == {f"DEMO-0001_{kind}_2026-11-25.pdf" for kind in KINDS.values()}
    out = capsys.readouterr().out
    assert out.count("Wrote ") == 4
    for path in (data / "exports").iterdir():
        assert path.read_bytes()[:5] == b"%PDF-"
        assert "Zoë" not in path.name


def test_one_pdf_to_a_named_file_and_audited(data, tmp_path):
    out = tmp_path / "handout.pdf"
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "handout", "--out", str(out)) == 0
    text = all_text(out.read_bytes())
    assert "Signs of Safety mapping" in text
    assert "DRAFT" not in text  # the record is final
    store, services = open_services_any(data)
    try:
        services.ctx.session.user = SYSTEM_USER
        events = [
            e for e in services.audit.events(services.ctx.session.user) if e.action is AuditAction.EXPORTED
        ]
        assert [e.after for e in events] == [{"document": "mapping-handout", "version": None}]
        assert services.audit.verify().intact
    finally:
        store.close()


def test_several_conferences_need_latest_or_an_id(data, capsys):
    store, services = open_services_any(data, today=lambda: TODAY)
    try:
        services.ctx.session.user = SYSTEM_USER
        family = next(f for f in services.families.search("DEMO-0001") if f.reference == "DEMO-0001")
        first = services.conferences.for_family(family.id)[-1]
        review = services.conferences.book(
            family.id,
            ConferenceType.FIRST_REVIEW,
            first.scheduled_date + timedelta(days=80),
            clock_start=first.scheduled_date,
            advocacy={c.id: (AdvocacyAnswer.ACCEPTED.value, "") for c in family.children},
        )
    finally:
        store.close()
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "plan") == 1
    err = capsys.readouterr().err
    assert "has 2 conferences: add --latest" in err
    assert first.id in err
    assert review.id in err
    assert (
        _run(data, "--family-ref", "DEMO-0001", "--latest", "--kind", "plan", "--out", str(data / "x")) == 0
    )
    assert (data / "x" / f"DEMO-0001_plan_{review.scheduled_date:%Y-%m-%d}_DRAFT.pdf").exists()
    assert _run(data, "--conference", first.id, "--kind", "plan", "--out", str(data / "y")) == 0
    assert (data / "y" / "DEMO-0001_plan_2026-11-25.pdf").exists()


def test_an_earlier_version_of_the_record(data, capsys):
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "record", "--record-version", "1") == 0
    path = data / "exports" / "DEMO-0001_record_2026-11-25_v1.pdf"
    assert "Child protection conference record - version 1" in all_text(path.read_bytes())
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "record", "--record-version", "4") == 1
    assert "Version 4 of this record does not exist (versions 1 to 1)" in capsys.readouterr().err


def test_problems_are_refused_with_a_clear_message(data, tmp_path, capsys):
    assert _run(data, "--family-ref", "NOPE-1", "--kind", "plan") == 1
    assert "No family has the reference 'NOPE-1'" in capsys.readouterr().err
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "all", "--out", str(tmp_path / "a.pdf")) == 1
    assert "--out must be a folder" in capsys.readouterr().err
    assert _run(data, "--conference", "x", "--latest", "--kind", "plan") == 1
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert _run(data, "--family-ref", "DEMO-0001", "--kind", "plan", "--out", str(blocked / "sub")) == 2
    assert "The PDF could not be saved" in capsys.readouterr().err


def test_help_describes_the_command(capsys):
    with pytest.raises(SystemExit):
        main(["export", "pdf", "--help"])
    out = capsys.readouterr().out
    for text in ("--family-ref", "--latest", "--record-version", "never a child's name", "audit trail"):
        assert text in out
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "pdf" in capsys.readouterr().out
    assert {KIND_NAMES[name].value for name in KINDS} == set(KINDS.values())
