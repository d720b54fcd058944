"""The four PDFs of a conference, built from a `ConferenceDocument`.

Each function lays out its document, writes it to `out` when given, and returns the PDF bytes. They touch no
database and no widget, so the GUI can run them in a worker thread. `progress`, when given, is reportlab's
progress callback: called with ("STARTED"|"SIZE_EST"|"PROGRESS"|"PAGE"|"FINISHED", value).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.export.letters import DecisionLetter, SubjectAccessBundle
from iro_desktop.export.pdf import (
    decision_letter,
    family_version,
    mapping_handout,
    plan,
    record,
    subject_access,
)
from iro_desktop.export.pdf.page import PageFrame, render

Progress = Callable[[str, int], None]


def _framed(frame: PageFrame, doc: ConferenceDocument) -> PageFrame:
    """A recipient's copy carries its mark on every page, beside the protective marking (issue 18)."""
    return replace(frame, copy_mark=doc.header.copy_mark) if doc.header.copy_mark else frame


def mapping_handout_pdf(
    doc: ConferenceDocument, out: Path | str | None = None, progress: Progress | None = None
) -> bytes:
    """The typed copy of the map, handed to everyone at the end of the meeting."""
    return render(mapping_handout.story(doc), _framed(mapping_handout.frame(doc), doc), out, progress)


def plan_pdf(
    doc: ConferenceDocument, out: Path | str | None = None, progress: Progress | None = None
) -> bytes:
    """The child protection plan for the family."""
    return render(plan.story(doc), _framed(plan.frame(doc), doc), out, progress)


def record_pdf(
    doc: ConferenceDocument, out: Path | str | None = None, progress: Progress | None = None
) -> bytes:
    """The conference record for every attendee."""
    return render(record.story(doc), _framed(record.frame(doc), doc), out, progress)


def family_version_pdf(
    doc: ConferenceDocument, out: Path | str | None = None, progress: Progress | None = None
) -> bytes:
    """The plain-language version for the family, in larger type."""
    return render(family_version.story(doc), _framed(family_version.frame(doc), doc), out, progress)


def decision_letter_pdf(
    letter: DecisionLetter, out: Path | str | None = None, progress: Progress | None = None
) -> bytes:
    """The decision letter to one parent or carer (issue 18)."""
    return render(decision_letter.story(letter), decision_letter.frame(letter), out, progress)


def subject_access_pdf(
    bundle: SubjectAccessBundle, out: Path | str | None = None, progress: Progress | None = None
) -> bytes:
    """What the store holds that one person may see, and what is withheld and why (issue 18)."""
    return render(subject_access.story(bundle), subject_access.frame(bundle), out, progress)


DOCUMENTS: dict[str, Callable[..., bytes]] = {
    "mapping-handout": mapping_handout_pdf,
    "plan": plan_pdf,
    "record": record_pdf,
    "family-version": family_version_pdf,
}

__all__ = [
    "DOCUMENTS",
    "decision_letter_pdf",
    "subject_access_pdf",
    "family_version_pdf",
    "mapping_handout_pdf",
    "plan_pdf",
    "record_pdf",
]
