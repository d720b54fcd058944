"""Issue 19: the home-education consent flag is on the child's line in the record, the plan and the
family version (in plain words there), for the child with an open plan only; read back from the PDFs."""

from __future__ import annotations

from datetime import date, datetime

from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.home_education import FLAG
from iro_desktop.export.pdf.family_version import HOME_EDUCATION_WORDS
from iro_desktop.services.documents import DocumentKind, render_pdf
from tests.export.pdftext import all_text

AT = datetime(2026, 11, 25, 12, 30)


def test_the_flag_is_on_the_flagged_childs_line_in_each_pdf(services):
    family = services.families.create_family(
        "F-HE",
        "Family Nowak",
        [ChildInput("Ada", "Nowak", date(2020, 1, 1)), ChildInput("Bolek", "Nowak", date(2018, 5, 2))],
    )
    ada, bolek = (c.id for c in sorted(family.children, key=lambda c: c.given_name))
    services.families.add_previous_plan(ada, date(2026, 6, 1), None, "N")
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 11, 23), clock_start=date(2026, 11, 16)
    )
    services.conferences.mark_held(conference.id, date(2026, 11, 23))  # the enquiry is over
    doc = services.documents.document(conference.id, AT)
    lines = {c.name.split()[0]: c for c in doc.children}
    assert lines["Ada"].home_education_flag == f"{FLAG} (a plan is open)"
    assert lines["Bolek"].home_education_flag == ""
    for kind in (DocumentKind.RECORD, DocumentKind.PLAN):
        text = all_text(render_pdf(kind, doc))
        assert text.count("Home education needs the council's consent (a plan is open)") == 1, kind
        ada_at, flag_at, bolek_at = text.index("Ada"), text.index("Home education"), text.index("Bolek")
        assert ada_at < flag_at < bolek_at or bolek_at < ada_at < flag_at, kind
    family_text = all_text(render_pdf(DocumentKind.FAMILY, doc))
    assert family_text.count(HOME_EDUCATION_WORDS) == 1
    assert "Home education needs" not in family_text
