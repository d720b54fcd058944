"""The mapping handout: the typed copy of the map handed to everyone at the end of the meeting."""

from __future__ import annotations

from reportlab.platypus import Flowable

from iro_desktop.export.documents import ConferenceDocument
from iro_desktop.export.pdf.page import PageFrame
from iro_desktop.export.pdf.parts import header_block, map_story, produced_text
from iro_desktop.export.pdf.styles import standard_styles

TITLE = "Signs of Safety mapping"


def frame(doc: ConferenceDocument) -> PageFrame:
    h = doc.header
    produced = produced_text(h.generated_at)
    return PageFrame(TITLE, h.family_reference, h.is_final, standard_styles(), produced, h.version_number)


def story(doc: ConferenceDocument) -> list[Flowable]:
    """Given to everyone in the room: only what everyone may read (issue 18)."""
    doc = doc.for_everyone()
    s = standard_styles()
    return [*header_block(doc, TITLE, s), *map_story(doc, s)]
