"""The command line: version, help, demo, check and screenshot, on a temporary data folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iro_desktop import __version__
from iro_desktop.cli import main
from iro_desktop.domain.roles import Role
from tests.cli_accounts import PASSWORD, act_as, add_account, sign_in_env
from tests.store_files import raw_connect

ROOT = Path(__file__).resolve().parents[1]


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("demo", "screenshot", "check", "--data-dir", "--database-url"):
        assert command in out


def test_demo_is_idempotent_and_check_passes(tmp_path, capsys, monkeypatch):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    assert main(["--data-dir", data, "demo"]) == 0
    out = capsys.readouterr().out
    assert "Demo families loaded." in out
    assert "already loaded" in out
    with raw_connect(tmp_path / "d" / "iro-desktop.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM families").fetchone()[0] == 4  # issue 12: + full-size
        items = conn.execute(
            "SELECT count(*) FROM map_items JOIN conferences ON conferences.id = map_items.conference_id "
            "JOIN families ON families.id = conferences.family_id WHERE families.reference = 'DEMO-0004'"
        ).fetchone()[0]
        assert items == 40  # the full-size family's map: an ordinary conference's worth
    act_as(monkeypatch, "clerk")  # issue 15: the records are encrypted, so `check` signs in (any role)
    assert main(["--data-dir", data, "check"]) == 0
    assert "Store is sound." in capsys.readouterr().out


def test_check_reports_a_broken_reference(tmp_path, capsys, monkeypatch):
    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo"]) == 0
    with raw_connect(data / "iro-desktop.sqlite3") as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("UPDATE children SET family_id='missing' WHERE rowid = 1")
    act_as(monkeypatch, "chair")
    assert main(["--data-dir", str(data), "check"]) == 1
    assert "broken reference in table children" in capsys.readouterr().out


def test_environment_variable_chooses_data_dir(tmp_path):
    env_dir = tmp_path / "from-env"
    result = subprocess.run(
        [sys.executable, "-m", "iro_desktop", "demo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"IRO_DESKTOP_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert (env_dir / "iro-desktop.sqlite3").exists()


def test_screenshot_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "iro_desktop",
            "--data-dir",
            data,
            "screenshot",
            "--out",
            str(out),
            "--view",
            "families",
            "--size",
            "1024x700",
            "--text-size",
            "150",  # large text: the window keeps its size (pages scroll instead)
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **sign_in_env("clerk")},
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 700)


def test_unopenable_store_gives_a_message_and_exit_2(tmp_path, capsys):
    data = tmp_path / "d"
    data.mkdir()
    (data / "iro-desktop.sqlite3").write_bytes(b"not a database at all" * 50)
    assert main(["--data-dir", str(data), "check"]) == 2
    assert "damaged" in capsys.readouterr().err


def test_gui_opens_on_demo_data_and_exits_cleanly(tmp_path):
    """The real GUI start-up path: window painted first, then the store opened and every view filled."""
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "iro_desktop", "--data-dir", data],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "QT_QPA_PLATFORM": "offscreen",
            "IRO_DESKTOP_EXIT_AFTER_FIRST_PAINT": "1",
        },
    )
    assert result.returncode == 0, result.stderr
    marks = [line.split()[0] for line in result.stdout.splitlines()]
    assert marks == ["first-paint", "ready"]


def test_gui_with_damaged_store_exits_2_without_touching_it(tmp_path):
    data = tmp_path / "d"
    data.mkdir()
    db = data / "iro-desktop.sqlite3"
    db.write_bytes(b"garbage" * 100)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from PySide6.QtWidgets import QMessageBox;"
            "QMessageBox.critical = staticmethod(lambda *a, **k: print('MESSAGE', a[1], '|', a[2]));"
            "from iro_desktop.cli import main; sys.exit(main(['--data-dir', sys.argv[1]]))",
            str(data),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 2, result.stderr
    assert "MESSAGE The records file is damaged" in result.stdout
    assert db.read_bytes() == b"garbage" * 100


def test_audit_verify_command(tmp_path, capsys, monkeypatch):
    from iro_desktop.app import open_services
    from iro_desktop.domain.roles import Role
    from iro_desktop.services.accounts import AccountService
    from iro_desktop.store.location import resolve_location

    data = tmp_path / "d"
    store, services = open_services(resolve_location(data, environ={}))
    AccountService(services.ctx).create_first_admin("admin", "Admin", "correct horse battery", Role.CHAIR)
    store.close()
    act_as(monkeypatch, "admin", "correct horse battery")
    assert main(["--data-dir", str(data), "audit", "verify"]) == 0
    assert "Audit trail intact: 2 entries." in capsys.readouterr().out  # the account, and signing in
    with raw_connect(data / "iro-desktop.sqlite3") as conn:
        conn.execute("DROP TRIGGER audit_events_no_update")
        conn.execute("UPDATE audit_events SET after_json='{}'")
    assert main(["--data-dir", str(data), "audit", "verify"]) == 1
    assert "entry 1: content changed after it was written" in capsys.readouterr().out


def test_import_history_prints_every_problem_and_imports_nothing(tmp_path, capsys, monkeypatch):
    from tests.history_extract import EXAMPLE, example_tables, write_extract

    tables = example_tables()
    tables["families.csv"][1]["iro_family_name"] = ""
    tables["plans.csv"][0]["cppl_cp_plan_end_date"] = "31/02/2019"
    bad = write_extract(tmp_path / "bad", tables)
    data = str(tmp_path / "d")
    add_account(data, "manager", Role.MANAGER)  # issue 8: a manager imports history
    act_as(monkeypatch, "manager", PASSWORD)
    assert main(["--data-dir", data, "import", "history", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "families.csv, row 3, iro_family_name: Missing value" in out
    assert "plans.csv, row 2, cppl_cp_plan_end_date: “31/02/2019” is not a date that exists" in out
    assert "2 problem(s) found: nothing was imported." in out
    assert main(["--data-dir", data, "import", "history", str(EXAMPLE), "--dry-run"]) == 0
    would = "Would add: 3 families, 6 children, 11 conferences, 15 decisions, 5 plans."
    assert would in capsys.readouterr().out
    with raw_connect(tmp_path / "d" / "iro-desktop.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM families").fetchone()[0] == 0
    assert main(["--data-dir", data, "import", "history", str(EXAMPLE)]) == 0
    assert "Added: 3 families, 6 children, 11 conferences, 15 decisions, 5 plans." in capsys.readouterr().out
    assert main(["--data-dir", data, "import", "history", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Added: 0 families, 0 children, 0 conferences, 0 decisions, 0 plans." in out
    assert "Already present (unchanged): 3 families" in out
    assert main(["--data-dir", data, "check"]) == 0


def test_keys_list_and_trust_let_another_store_accept_the_chairs_approval(tmp_path, capsys, monkeypatch):
    """Issue 13: one store's administrator lists its chair's key; the other's trusts it (each signed in
    as that store's administrator)."""
    from iro_desktop.services.approval_signing import SigningKeyService
    from iro_desktop.services.context import SYSTEM_USER
    from tests.cli_accounts import act_as, add_account

    chair_store, clerk_store = str(tmp_path / "chair"), str(tmp_path / "clerk")
    assert main(["--data-dir", chair_store, "demo"]) == 0
    capsys.readouterr()
    act_as(monkeypatch, "chair")
    assert main(["--data-dir", chair_store, "keys", "list"]) == 0
    add_account(clerk_store, "admin")
    act_as(monkeypatch, "admin")
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Priya Raman\tchair"))
    name, role, user_id, public_key, where = line.split("\t")
    assert where == "this store"
    assert (
        main(
            [
                "--data-dir",
                clerk_store,
                "keys",
                "trust",
                "--user-id",
                user_id.removeprefix("user id "),
                "--name",
                name,
                "--role",
                role,
                "--public-key",
                public_key,
            ]
        )
        == 0
    )
    assert "Trusted the key of Priya Raman" in capsys.readouterr().out
    assert (
        main(
            [
                "--data-dir",
                clerk_store,
                "keys",
                "trust",
                "--user-id",
                "x",
                "--name",
                "X",
                "--public-key",
                "not a key",
            ]
        )
        == 1
    )
    from tests.store_files import open_services_any

    store, services = open_services_any(tmp_path / "clerk")
    try:
        services.ctx.session.user = SYSTEM_USER
        known = SigningKeyService(services.ctx).known()
    finally:
        store.close()
    assert [(k.display_name, k.public_key, k.local) for k in known if not k.local] == [
        ("Priya Raman", public_key, False)
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["report", "--period", "2025-26"],
        ["export", "pdf", "--family-ref", "X", "--kind", "all"],
        ["audit", "verify"],
    ],
)
def test_a_folder_with_no_records_is_refused_and_left_as_it_was(tmp_path, capsys, monkeypatch, command):
    """Issue 17: a mistyped --data-dir is said, with exit 2; no empty store is made there."""
    act_as(monkeypatch, "chair", "fictional-password")
    missing = tmp_path / "mistyped"
    assert main(["--data-dir", str(missing), *command]) == 2
    assert "No records here: There are no records in" in capsys.readouterr().err
    assert not missing.exists()


def test_import_history_with_attendance_and_codes_then_the_report_has_the_household_figure(
    tmp_path, capsys, monkeypatch
):
    """Issue 17 item 5 from the command line: the fixture's own codes mapped by its codes.csv, the
    people and invitations counted, and the report's CSV carrying the per-household figure (4 of 7)."""
    import csv

    from tests.services.test_history_new_columns import FIXTURE

    data = str(tmp_path / "d")
    add_account(data, "manager", Role.MANAGER)
    act_as(monkeypatch, "manager", PASSWORD)
    assert main(["--data-dir", data, "import", "history", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert (
        "Added: 3 families, 5 children, 7 conferences, 8 decisions, 5 plans, 8 people, 13 invitations." in out
    )
    target = tmp_path / "report"
    assert main(["--data-dir", data, "report", "--period", "2024-25", "--quiet", "--csv", str(target)]) == 0
    with (target / "figures.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["key"]: r for r in csv.DictReader(handle) if not r.get("row_label")}
    assert (
        rows["family_attendance_households"]["numerator"],
        rows["family_attendance_households"]["denominator"],
    ) == (
        "4",
        "7",
    )
    assert rows["disability"]["not_recorded"] == "2"
    assert (rows["stood_down_rearranged"]["numerator"], rows["stood_down_rearranged"]["denominator"]) == (
        "1",
        "2",
    )
