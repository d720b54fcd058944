"""`iro-desktop export copies`: each recipient's copy of the demo's final record, the check listed, a
family member's copy refused until its check is answered, everything written in the log."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_desktop.cli import main
from iro_desktop.domain.disclosure import Answer
from iro_desktop.domain.roles import Role
from iro_desktop.services.context import SYSTEM_USER
from tests.cli_accounts import PASSWORD, act_as, add_account
from tests.conftest import TODAY
from tests.export.pdftext import page_texts
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
    add_account(folder, "clerk", Role.CLERK)
    act_as(monkeypatch, "clerk", PASSWORD)
    return folder


def _run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "export", "copies", "--family-ref", "DEMO-0001", *args])


def _answer_all(data: Path) -> None:
    store, services = open_services_any(data, today=lambda: TODAY)
    try:
        services.ctx.session.user = SYSTEM_USER
        cid = services.documents.conferences_for_reference("DEMO-0001")[-1].id
        for recipient in services.records.get(cid).recipients:
            for flag in services.distribution.check(cid, recipient.id).flags:
                services.distribution.answer(cid, recipient.id, flag.key, Answer.FINE)
    finally:
        store.close()


def test_check_lists_each_copy_and_writes_nothing(data, capsys):
    assert _run(data, "--check") == 0
    out = capsys.readouterr().out
    assert "1. Dr Farhan Qureshi (GP): professional copy; not checked" in out
    assert "3. Katarzyna Wójcik (Parent): family copy;" in out
    assert "[not answered]" in out
    assert not (data / "exports").exists()


def test_professionals_copies_written_family_copy_refused_until_answered(data, capsys):
    assert _run(data) == 1
    captured = capsys.readouterr()
    assert "3. Katarzyna Wójcik: not released:" in captured.err
    copies = data / "exports" / "copies"
    names = sorted(p.name for p in copies.iterdir())
    assert names == [
        "DEMO-0001_plan_2026-11-25_v1_for-1-gp.pdf",
        "DEMO-0001_plan_2026-11-25_v1_for-2-school-dsl.pdf",
        "DEMO-0001_record_2026-11-25_v1_for-1-gp.pdf",
        "DEMO-0001_record_2026-11-25_v1_for-2-school-dsl.pdf",
    ]
    for page in page_texts((copies / names[2]).read_bytes()):
        assert "Copy for Dr Farhan Qureshi (GP)" in page
    _answer_all(data)
    assert _run(data, "--recipient", "3", "--method", "post") == 0
    family = copies / "DEMO-0001_family-version_2026-11-25_v1_for-3-parent.pdf"
    for page in page_texts(family.read_bytes()):
        assert "Copy for Katarzyna Wójcik (Parent) · Audience: family, only what everyone may read" in page
    assert capsys.readouterr().out.count("Wrote ") == 2
