"""The README works for a newcomer: the apt-get line is printed in it and matches what .ci/run installs,
and every link to a section of the README names a heading that exists (issue 12)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _packages(text: str) -> list[str]:
    """The packages of the first `apt-get install` command in `text` (continuation lines joined)."""
    joined = text.replace("\\\n", " ")
    line = next(line for line in joined.splitlines() if "apt-get install" in line)
    words = line.split("apt-get install", 1)[1].split(">")[0].split()
    return [w for w in words if not w.startswith("-")]


def test_the_readme_prints_the_apt_get_line_ci_runs():
    ci = _packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    readme = _packages(README)
    assert "python3-venv" in readme
    assert readme == ci


def _slug(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_section_link_and_file_link_resolves():
    headings = {_slug(line.lstrip("#")) for line in README.splitlines() if line.startswith("#")}
    links = re.findall(r"\]\(([^)\s]+)\)", README)
    assert links
    for link in links:
        if link.startswith("http"):
            continue
        path, _, anchor = link.partition("#")
        if path:
            assert (ROOT / path).exists(), link
        elif anchor:
            assert anchor in headings, link


def test_see_in_italics_names_a_heading():
    names = {line.lstrip("#").strip() for line in README.splitlines() if line.startswith("#")}
    for name in re.findall(r"see \*([^*]+)\*", README):
        assert name in names, name
