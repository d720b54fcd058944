"""The PyInstaller one-folder build: it builds, and the frozen app migrates a fresh store, renders a
screenshot offscreen, reads a conference file (its JSON Schema and jsonschema's data files are bundled),
writes that conference's PDF (the shipped fonts) and the annual report, and exits 0."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_accounts import sign_in_env

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_frozen_app_smoke(tmp_path):
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "ERROR",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "build.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    exe = dist / "iro-desktop" / "iro-desktop"
    assert exe.exists()
    data, shot = tmp_path / "data", tmp_path / "frozen.png"
    # Issue 13: the command line signs in; the demo on the fresh store makes the accounts (its chair).
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **sign_in_env("chair")}
    demo = subprocess.run(
        [str(exe), "--data-dir", str(data), "demo"], capture_output=True, text=True, check=False, env=env
    )
    assert demo.returncode == 0, demo.stdout + demo.stderr
    run = subprocess.run(
        [str(exe), "--data-dir", str(data), "screenshot", "--out", str(shot)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert shot.read_bytes()[:4] == b"\x89PNG"
    check = subprocess.run(
        [str(exe), "--data-dir", str(data), "check"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Store is sound." in check.stdout
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=False, env=env)
    assert version.returncode == 0
    assert "iro-desktop" in version.stdout

    # The example conference file from the docs: validated against the bundled schema, then imported.
    doc = (ROOT / "docs" / "conference-file.md").read_text(encoding="utf-8").split("## Example", 1)[1]
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))
    conference_file = tmp_path / "example.json"
    conference_file.write_text(json.dumps(example), encoding="utf-8")

    def frozen(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(exe), "--data-dir", str(data), *args],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            timeout=120,
        )

    imported = frozen("import", "file", str(conference_file))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    reference = example["conference"]["family"]["reference"]
    handout = tmp_path / "handout.pdf"
    pdf = frozen(
        "export", "pdf", "--family-ref", reference, "--latest", "--kind", "handout", "--out", str(handout)
    )
    assert pdf.returncode == 0, pdf.stdout + pdf.stderr
    assert handout.read_bytes()[:5] == b"%PDF-"
    report = tmp_path / "report.pdf"
    annual = frozen("report", "--quiet", "--pdf", str(report))
    assert annual.returncode == 0, annual.stdout + annual.stderr
    assert report.read_bytes()[:5] == b"%PDF-"
