"""Issue 18: the decision letter's and the subject-access bundle's PDFs, read back page by page, and the
bundle's CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from iro_desktop.export.letters import (
    DecisionLetter,
    HeldItem,
    LetterActionLine,
    LetterChildLine,
    SubjectAccessBundle,
    WithheldItem,
)
from iro_desktop.export.pdf import decision_letter_pdf, subject_access_pdf
from iro_desktop.export.subject_access_csv import COLUMNS, write_bundle_csv
from tests.export.pdftext import page_texts

LETTER = DecisionLetter(
    family_reference="R-77",
    family_name="Wójcik family",
    conference_label="Initial child protection conference",
    conference_date=date(2026, 11, 20),
    chair_name="Priya Raman",
    recipient_name="Katarzyna Wójcik",
    recipient_role="Parent",
    generated_at=datetime(2026, 11, 23, 9, 30),
    children=(
        LetterChildLine(
            "Zoë Wójcik", "Subject to a child protection plan", "There will be a plan.", "Neglect"
        ),
        LetterChildLine(
            "Łucja Wójcik", "Not subject to a plan: child in need plan", "A child in need plan.", ""
        ),
    ),
    actions=tuple(
        LetterActionLine(f"Action {n}: visit every week", "Amara Okafor", date(2026, 12, 4), f"Goal {n}")
        for n in range(1, 40)
    ),
    core_group_date=date(2026, 12, 2),
    review_date=date(2027, 2, 20),
    record_due=date(2026, 12, 11),
    corrections_wd=10,
)


def test_every_page_is_marked_and_says_whom_it_was_made_for():
    pages = page_texts(decision_letter_pdf(LETTER))
    assert len(pages) >= 2  # 39 actions: the frame is checked on a page after the first
    for text in pages:
        assert text.count("OFFICIAL-SENSITIVE") == 2  # top and bottom
        assert "Decision letter - Made for Katarzyna Wójcik (Parent)" in text
        assert "R-77" in text
        assert "DRAFT" not in text


def test_the_letter_holds_each_outcome_the_dates_and_how_to_raise_and_complain():
    whole = " ".join(page_texts(decision_letter_pdf(LETTER)))
    assert "Dear Katarzyna Wójcik," in whole
    for child in LETTER.children:
        assert child.name in whole
        assert child.outcome in whole
    assert "Neglect" in whole
    assert "2 December 2026" in whole  # core group
    assert "20 February 2027" in whole  # review
    assert "11 December 2026" in whole  # record by
    assert "within 10 working days of receiving the record" in whole
    assert "How to complain" in whole
    assert "Action 39: visit every week" in whole
    assert "Towards: Goal 39" in whole


def test_a_letter_without_a_plan_says_so():
    bare = DecisionLetter(**{**LETTER.__dict__, "actions": (), "core_group_date": None, "review_date": None})
    whole = " ".join(page_texts(decision_letter_pdf(bare)))
    assert "There is no plan to outline." in whole
    assert "Not set" in whole


BUNDLE = SubjectAccessBundle(
    person_name="Katarzyna Wójcik",
    person_role="Parent",
    family_reference="R-77",
    family_name="Wójcik family",
    generated_at=datetime(2026, 11, 23, 10, 0),
    generated_by="lee",
    held=(
        HeldItem(
            "Initial child protection conference, 20 November 2026", "Map item", "Strengths", "Mum walks Zoë."
        ),
        HeldItem("Initial child protection conference, 20 November 2026", "Decision", "Zoë Wójcik", "=Plan"),
    ),
    withheld=(
        WithheldItem(
            "Initial child protection conference, 20 November 2026",
            "Map item",
            "Complicating factors",
            "map item 1a2b3c4d",
            "Professionals only: police information",
        ),
    ),
)


def test_the_bundle_pdf_lists_the_withheld_by_reason():
    pages = page_texts(subject_access_pdf(BUNDLE))
    for text in pages:
        assert "OFFICIAL-SENSITIVE" in text
        assert "made for the council's subject-access team: Katarzyna Wójcik" in text
    whole = " ".join(pages)
    assert "Mum walks Zoë." in whole
    assert "Professionals only: police information" in whole
    assert "map item 1a2b3c4d" in whole
    assert "Items withheld 1" in whole


def test_the_bundle_csv_has_a_row_per_item_and_no_formula():
    stream = io.StringIO()
    assert write_bundle_csv(BUNDLE, stream) == 3
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0]) == list(COLUMNS)
    assert [r["status"] for r in rows] == ["disclosed", "disclosed", "withheld"]
    assert rows[1]["text"] == "'=Plan"  # a spreadsheet never reads it as a formula
    assert rows[2]["text"] == ""
    assert rows[2]["reason"] == "Professionals only: police information"
