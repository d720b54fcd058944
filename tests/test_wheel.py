"""The built wheel works on its own (issue 14 item 3): built from a clean copy of the project, installed into
a fresh virtual environment outside the checkout, it migrates a store, loads the demo, checks it, writes
every PDF with the shipped fonts and renders a screenshot, with nothing read from the source tree.

The new environment gets the project from the wheel only. Its dependencies come from the running
interpreter's own site-packages through a .pth file (no download); that folder holds the project only as an
editable install's hook, which a .pth-added folder never runs, and the test asserts the import comes from
the new environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.cli_accounts import sign_in_env
from tests.export.pdftext import page_texts

ROOT = Path(__file__).resolve().parents[1]
TITLES = {
    "mapping-handout": "Signs of Safety mapping",
    "plan": "Child protection plan",
    "record": "Child protection conference record",
    "family-version": "Notes for the family",
}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300):
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=timeout
    )


def _build_wheel(tmp_path: Path) -> Path:
    """`python -m build --wheel` on a copy of what a source checkout ships (no build/, no caches)."""
    source = tmp_path / "source"
    source.mkdir()
    shutil.copytree(
        ROOT / "iro_desktop", source / "iro_desktop", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    dist = tmp_path / "dist"
    built = _run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(source)],
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheels = list(dist.glob("iro_desktop-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def _fresh_venv(tmp_path: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed and the running interpreter's dependencies."""
    venv = tmp_path / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        cwd=tmp_path,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=tmp_path)
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(site.stdout.strip()) / "iro_test_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    return python


@pytest.mark.slow
def test_the_wheel_installed_in_a_fresh_venv_runs_demo_check_export_and_screenshot(tmp_path):
    wheel = _build_wheel(tmp_path)
    python = _fresh_venv(tmp_path, wheel)
    venv = python.parents[1]
    elsewhere = tmp_path / "elsewhere"  # the working folder: outside the checkout
    elsewhere.mkdir()
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "QT_QPA_PLATFORM": "offscreen",
        **sign_in_env("chair"),
    }
    if "LANG" in os.environ:
        env["LANG"] = os.environ["LANG"]

    where = _run([str(python), "-c", "import iro_desktop; print(iro_desktop.__file__)"], elsewhere, env)
    assert where.returncode == 0, where.stderr
    package = Path(where.stdout.strip()).resolve()
    assert package.is_relative_to(venv.resolve()), package
    assert not package.is_relative_to(ROOT)
    assert (package.parent / "migrations" / "env.py").is_file()
    assert (package.parent / "resources" / "fonts" / "DejaVuSans.ttf").is_file()

    data = tmp_path / "data"

    def app(*args: str) -> subprocess.CompletedProcess[str]:
        return _run([str(python), "-m", "iro_desktop", "--data-dir", str(data), *args], elsewhere, env)

    demo = app("demo")
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Demo families loaded." in demo.stdout

    check = app("check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Store is sound." in check.stdout

    exports = tmp_path / "pdfs"
    pdf = app("export", "pdf", "--family-ref", "DEMO-0001", "--kind", "all", "--out", str(exports))
    assert pdf.returncode == 0, pdf.stdout + pdf.stderr
    assert pdf.stdout.count("Wrote ") == 4
    written = sorted(exports.glob("*.pdf"))
    assert {kind for kind in TITLES if any(f"_{kind}_" in p.name for p in written)} == set(TITLES)
    for path in written:
        pages = page_texts(path.read_bytes())
        kind = next(k for k in TITLES if f"_{k}_" in path.name)
        assert TITLES[kind] in pages[0], (path.name, pages[0][:300])
        assert "Brontë–Wójcik family" in " ".join(pages)  # the shipped DejaVu Sans carries ë, ó, the dash
        assert all("OFFICIAL-SENSITIVE" in page for page in pages)

    shot = tmp_path / "today.png"
    screenshot = app("screenshot", "--out", str(shot), "--size", "1024x700")
    assert screenshot.returncode == 0, screenshot.stdout + screenshot.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 10_000

    # The console script the wheel declares runs too.
    version = _run([str(venv / "bin" / "iro-desktop"), "--version"], elsewhere, env)
    assert version.returncode == 0, version.stderr
    assert "iro-desktop" in version.stdout
