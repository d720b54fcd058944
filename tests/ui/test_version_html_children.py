"""Issue 19: a record version in the viewer names each child with the home-education flag it held."""

from __future__ import annotations

from dataclasses import replace

from iro_desktop.domain.home_education import FLAG
from iro_desktop.export.documents import ChildLine
from iro_desktop.export.samples import sample_document
from iro_desktop.ui.records.version_html import version_html


def test_the_flagged_child_carries_the_flag_and_the_other_does_not():
    flag = f"{FLAG} (a plan is open)"
    doc = replace(
        sample_document(),
        children=(ChildLine("Ada Nowak", "6", flag), ChildLine("Bolek Nowak", "8")),
    )
    html = version_html(doc)
    line = next(p for p in html.split("<p>") if p.startswith("Children: ")).split("</p>")[0]
    assert (
        "\u2068Ada Nowak\u2069, 6 (⚑ Home education needs the council&#x27;s consent (a plan is open))"
        in line
    )
    assert line.endswith("; \u2068Bolek Nowak\u2069, 8")
