"""The four PDFs: every section, every map item and every name is in the text; the page frame is right."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime

import pdfplumber
import pytest

from iro_desktop.export.documents import (
    ChildDecisionLine,
    ConferenceDocument,
    ContactLine,
    DangerPairLine,
    DocumentHeader,
    MapItemLine,
    PlanActionLine,
    Question,
    ScaleLine,
)
from iro_desktop.export.pdf import (
    DOCUMENTS,
    family_version_pdf,
    mapping_handout_pdf,
    plan_pdf,
    record_pdf,
)
from iro_desktop.export.pdf.family_version import acronyms_used, plain_words, recorded_texts
from iro_desktop.export.samples import FATHER, GRANDMOTHER, large_document, sample_document
from tests.export.pdftext import all_text, collapse, page_texts

LATIN_NAMES = ("Zoë Brontë", "Siobhán Ó Súilleabháin", "Łucja Wójcik", "Tomáš Dvořák", "Dr Pavel Dvořák")
ARABIC_NAMES = (FATHER, GRANDMOTHER)  # محمد علي (Arabic), عائشہ خان (Urdu)


@pytest.fixture(scope="module")
def sample() -> ConferenceDocument:
    return sample_document()


@pytest.fixture(scope="module")
def pdfs(sample: ConferenceDocument) -> dict[str, bytes]:
    return {name: build(sample) for name, build in DOCUMENTS.items()}


@pytest.fixture(scope="module")
def large() -> ConferenceDocument:
    return large_document()


@pytest.fixture(scope="module")
def large_handout(large: ConferenceDocument) -> bytes:
    return mapping_handout_pdf(large)


SECTIONS = {
    "mapping-handout": (
        "Signs of Safety mapping",
        "What are we worried about?",
        "Danger statements and safety goals",
        "Past harm",
        "Complicating factors",
        "What's working well?",
        "Existing safety",
        "What needs to happen?",
        "Scaling",
        "The child's voice",
        "The family network",
    ),
    "plan": (
        "Child protection plan",
        "Children and category",
        "First core group",
        "Next review conference",
        "Bottom lines",
        "Actions",
        "What needs to happen Who Agency By when How we will know",
        "Contingency plan",
        "Contacts",
        "Next meetings",
    ),
    "record": (
        "Child protection conference record",
        "Purpose of the conference",
        "Attendance",
        "Attended",
        "Apologies",
        "Invited, did not attend",
        "Reports to the conference",
        "Shared with parents",
        "Summary of the discussion",
        "Agency contribution: St Brigid’s Primary School",
        "The map",
        "What are we worried about?",
        "What's working well?",
        "What needs to happen?",
        "Scaling",
        "The child's voice",
        "The family network",
        "Decisions for each child",
        "Dissent",
        "The child protection plan",
        "Bottom lines",
        "Contingency plan",
        "Next meetings",
        "Distribution list",
    ),
    "family-version": (
        "What we talked about and agreed",
        "Who came to the meeting",
        "What we are worried about",
        "What is going well",
        "What needs to happen",
        "How safe people think the children are",
        "What the children told us",
        "The people around your family",
        "What was decided",
        "The child protection plan: who will do what",
        "If the plan is not working",
        "What happens next",
        "Who to contact",
    ),
}


@pytest.mark.parametrize("name", list(SECTIONS))
def test_every_section_is_in_the_text(pdfs: dict[str, bytes], name: str):
    text = all_text(pdfs[name])
    missing = [section for section in SECTIONS[name] if section not in text]
    assert not missing


@pytest.mark.parametrize("name", ["mapping-handout", "record"])
def test_every_map_item_danger_statement_and_score_is_in_the_text(
    pdfs: dict[str, bytes], sample: ConferenceDocument, name: str
):
    text = all_text(pdfs[name])
    assert sample.map_items
    for item in sample.map_items:
        assert item.text in text
    for pair in sample.danger_pairs:
        assert pair.danger_statement in text
        assert pair.safety_goal in text
    assert "Maja Wójcik: 6 out of 10 (last time 3)" in text


def test_the_family_version_has_every_map_item_as_recorded(pdfs, sample: ConferenceDocument):
    # issue 12: the family version keeps the map's own words (it used to rewrite them with plain_words)
    text = all_text(pdfs["family-version"])
    for item in sample.map_items:
        assert item.text in text


def test_the_family_version_rewords_only_its_own_headings(sample: ConferenceDocument):
    recorded = "Dad came to conference with the DA worker; CP plan agreed at the last conference"
    item = MapItemLine("strengths", "Strengths", recorded)
    decision = ChildDecisionLine(
        "Zoë Brontë", "9", "Subject to a plan", "Neglect", reasons="Mum said the CIN plan helped."
    )
    doc = replace(sample, map_items=(item,), decisions=(decision,), danger_pairs=(), scales=())
    text = all_text(family_version_pdf(doc))
    assert recorded in text  # not "came to meeting", not "child protection plan"
    assert "came to meeting" not in text
    assert "Mum said the CIN plan helped." in text
    assert "Who came to the meeting" in text  # the app's own heading is in plain language
    # the acronyms the recorded words use are explained once, at the end, without rewording them
    assert "Words used in these notes" in text
    for line in ("DA: domestic abuse", "CP plan: child protection plan", "CIN plan: child in need plan"):
        assert line in text
    assert "conference: meeting" not in text  # an everyday word, not an acronym


def test_an_action_with_no_date_says_no_date_set(sample: ConferenceDocument):
    undated = PlanActionLine("Keep the bedroom safe", "Mum", by_when=None)
    doc = replace(sample, actions=(undated,))
    for name in ("plan", "record", "family-version"):
        text = all_text(DOCUMENTS[name](doc))
        assert "No date set" in text, name
        assert "Ongoing" not in text, name


def names_shown(doc: ConferenceDocument, name: str) -> set[str]:
    """The names each document shows, taken from the sample data."""
    children = {c.name for c in doc.children}
    map_people = {i.source for i in doc.map_items} | {s.participant for s in doc.scales}
    map_people |= {s.participant for p in doc.danger_pairs for s in p.scales}
    plan_people = {a.who for a in doc.actions} | {c.name for c in doc.contacts}
    shown = {
        "mapping-handout": children | map_people,
        "plan": children | plan_people,
        "record": children | map_people | plan_people | {p.name for p in doc.people},
        "family-version": children | map_people | plan_people | {p.name for p in doc.people if p.attended},
    }[name]
    return shown - {""}


def _found(person: str, text: str) -> bool:
    if person in text:
        return True
    # Arabic script: pypdf reads the shaped glyphs back (NFKC gives the base letters) in an order that
    # depends on its bidi handling; accept the words in either order.
    return all(word in text or word[::-1] in text for word in person.split())


@pytest.mark.parametrize("name", list(SECTIONS))
def test_every_name_renders_including_polish_czech_irish_arabic(
    pdfs: dict[str, bytes], sample: ConferenceDocument, name: str
):
    text = all_text(pdfs[name])
    expected = names_shown(sample, name)
    assert set(LATIN_NAMES[:3]) <= expected
    missing = [person for person in expected if not _found(person, text)]
    assert not missing
    for symbol in ("’", "—"):
        assert symbol in text


def test_curly_quotes_and_pound_sign(pdfs: dict[str, bytes]):
    text = all_text(pdfs["mapping-handout"])
    assert "“when the shouting starts”" in text
    assert "£2,340" in text


@pytest.mark.parametrize("name", ["mapping-handout", "record", "family-version"])
def test_arabic_and_urdu_names_are_set_in_naskh_and_read_back(pdfs: dict[str, bytes], name: str):
    data = pdfs[name]
    assert b"NotoNaskhArabic" in data
    text = all_text(data)
    for person in ARABIC_NAMES:
        letters = person.replace(" ", "")
        # pypdf reads the shaped glyphs back; NFKC gives the base letters. Accept either direction.
        assert (
            person in text
            or person[::-1] in text
            or sorted(letters) == sorted(c for c in text if c in letters)[: len(letters)]
        )


@pytest.mark.parametrize("name", list(SECTIONS))
def test_every_glyph_comes_from_an_embedded_unicode_font(pdfs: dict[str, bytes], name: str):
    with pdfplumber.open(io.BytesIO(pdfs[name])) as pdf:
        fonts = {char["fontname"].split("+")[-1] for page in pdf.pages for char in page.chars}
    assert fonts <= {
        "DejaVuSans",
        "DejaVuSans-Bold",
        "DejaVuSans-Oblique",
        "NotoNaskhArabic-Regular",
        "NotoNaskhArabic-Bold",
    }


def _assert_on_the_page(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for char in page.chars:
                if char["upright"]:  # the diagonal DRAFT watermark is not upright
                    assert char["x0"] >= 40, char["text"]
                    assert char["x1"] <= page.width - 40, char["text"]
                    assert char["top"] >= 0
                    assert char["bottom"] <= page.height


@pytest.mark.parametrize("name", list(SECTIONS))
def test_nothing_runs_off_the_page(pdfs: dict[str, bytes], name: str):
    _assert_on_the_page(pdfs[name])


@pytest.mark.parametrize("name", list(SECTIONS))
def test_overlong_text_and_unbroken_words_wrap_and_split_across_pages(sample: ConferenceDocument, name: str):
    long = " ".join(["Mum said the arrangements worked well most weeks."] * 150)  # taller than a page
    word = "x" * 300 + "@example.org"
    doc = replace(
        sample,
        purpose=long,
        actions=(
            PlanActionLine(long, "Siobhán", "Children's Social Care", how_we_will_know=long),
            PlanActionLine("Call", word, word),
        ),
        danger_pairs=(DangerPairLine(long, long, scales=(ScaleLine("How safe?", "Maja", 3, long),)),),
        contacts=(ContactLine(word, word, word, word),),
        decisions=(ChildDecisionLine("Zoë Brontë", "9", "Subject to a plan", "Neglect", reasons=long),),
    )
    data = DOCUMENTS[name](doc)
    _assert_on_the_page(data)
    assert len(page_texts(data)) > 2


def test_the_plan_table_has_its_columns_and_every_action(pdfs: dict[str, bytes], sample: ConferenceDocument):
    rows = []
    with pdfplumber.open(io.BytesIO(pdfs["plan"])) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                rows.extend([re.sub(r"\s+", " ", cell or "") for cell in row] for row in table)
    assert ["What needs to happen", "Who", "Agency", "By when", "How we will know"] in rows
    cells = {cell for row in rows for cell in row}
    for action in sample.actions:
        what = action.what if not action.child_name else f"{action.what} (for {action.child_name})"
        assert what in cells
    assert "No date set" in cells  # issue 12: an action with no date (it printed "Ongoing")
    assert "Every week" in cells


class TestPageFrame:
    def test_a_150_item_map_runs_over_several_pages_with_every_item(self, large, large_handout):
        pages = page_texts(large_handout)
        assert len(pages) >= 4
        text = " ".join(pages)
        assert len(large.map_items) == 150
        for item in large.map_items:
            assert item.text in text

    def test_page_x_of_y_marking_and_reference_on_every_page(self, large_handout):
        pages = page_texts(large_handout)
        for number, text in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in text
            assert text.count("OFFICIAL-SENSITIVE") >= 2  # top and bottom
            assert "FAM-2026-0142" in text
            assert "DRAFT" in text

    @pytest.mark.parametrize("name", list(SECTIONS))
    def test_draft_marking_on_every_page_of_a_draft(self, pdfs: dict[str, bytes], name: str):
        pages = page_texts(pdfs[name])
        for number, text in enumerate(pages, start=1):
            assert "DRAFT" in text
            assert f"Page {number} of {len(pages)}" in text
            assert "OFFICIAL-SENSITIVE" in text

    @pytest.mark.parametrize("name", list(SECTIONS))
    def test_no_draft_marking_once_final(self, name: str):
        data = DOCUMENTS[name](sample_document(final=True))
        for text in page_texts(data):
            assert "DRAFT" not in text
            assert "OFFICIAL-SENSITIVE" in text
            assert "FAM-2026-0142" in text
        assert "This is a draft" not in all_text(data)


def test_the_family_version_explains_acronyms_and_has_larger_type(pdfs: dict[str, bytes], sample):
    # issue 12: the recorded words are printed as recorded (they were rewritten before); the acronyms
    # they use are explained at the end, and the app's own labels have none.
    text = all_text(pdfs["family-version"])
    handout = all_text(pdfs["mapping-handout"])
    assert re.search(r"\bDA\b", handout)
    assert "DA support was offered" in text
    glossary = text.split("Words used in these notes", 1)[1]
    for short, meaning in acronyms_used(sample):
        assert f"{short}: {meaning}" in glossary
    assert {short for short, _ in acronyms_used(sample)} >= {"DA", "PLO"}
    app_words = _app_words(text, sample)
    for acronym in ("ICPC", "RCPC", "IRO", "SW", "LAC"):  # not in the fixed labels
        assert not re.search(rf"(?<![\w-]){acronym}(?![\w-])", app_words), acronym

    def body_size(data: bytes) -> float:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            sizes = [round(c["size"]) for page in pdf.pages for c in page.chars if c["upright"]]
        return max(set(sizes), key=sizes.count)  # the most common size: body text

    assert body_size(pdfs["family-version"]) >= 12
    assert body_size(pdfs["family-version"]) > body_size(pdfs["record"]) + 2


def test_plain_words_keeps_a_capital_at_the_start_of_a_sentence():
    assert plain_words("DA support closed. CP plan agreed; the GP") == (
        "Domestic abuse support closed. Child protection plan agreed; the family doctor"
    )


def test_plain_words_spells_out_whole_acronyms_only():
    assert plain_words("DA and CP plan; CPS; DAD; IRO-led; the GP.") == (
        "Domestic abuse and child protection plan; CPS; DAD; IRO-led; the family doctor."
    )


def test_user_text_is_escaped_not_read_as_markup():
    doc = sample_document()
    odd = MapItemLine("strengths", "Strengths", "Mum said <b>no</b> & “yes” > 3 <br/> times")
    data = mapping_handout_pdf(replace(doc, map_items=(odd,)))
    assert "Mum said <b>no</b> & “yes” > 3 <br/> times" in all_text(data)


def test_the_same_input_gives_the_same_bytes(sample: ConferenceDocument, pdfs: dict[str, bytes]):
    assert record_pdf(sample) == pdfs["record"]


def test_an_empty_conference_still_builds_every_document(tmp_path):
    header = DocumentHeader(
        "REF-1",
        "Smith",
        "Review conference",
        date(2026, 11, 23),
        None,
        "",
        "",
        False,
        datetime(2026, 11, 23, 9, 0),
    )
    doc = ConferenceDocument(header=header)
    for name, build in DOCUMENTS.items():
        path = tmp_path / f"{name}.pdf"
        data = build(doc, path)
        assert path.read_bytes() == data
        text = all_text(data)
        assert "REF-1" in text
        assert "Page 1 of 1" in text or "Page 1 of 2" in text


def test_items_with_unknown_sections_go_under_other_notes(sample: ConferenceDocument):
    odd = MapItemLine("court", "Court", "Care proceedings are not being considered at present.")
    assert odd.resolved_question is Question.OTHER
    text = all_text(plan_pdf(sample)) + all_text(record_pdf(replace(sample, map_items=(odd,))))
    assert "Other notes Court • Care proceedings are not being considered at present." in text


def test_progress_is_reported():
    events: list[str] = []
    family_version_pdf(sample_document(), progress=lambda kind, _value: events.append(kind))
    assert "PAGE" in events
    assert events[-1] == "FINISHED"


def _app_words(text: str, doc: ConferenceDocument) -> str:
    """The family version's text without what was recorded (and without the explanations at the end)."""
    words = text.split("Words used in these notes", 1)[0]
    for recorded in sorted(recorded_texts(doc), key=len, reverse=True):
        words = words.replace(collapse(recorded), "")
    return words


def test_the_family_version_says_meeting_not_conference_or_core_group(pdfs: dict[str, bytes], sample):
    # issue 12: the app's own words say "meeting"; recorded words are left as they were recorded
    words = _app_words(all_text(pdfs["family-version"]), sample)
    assert "First meeting to check the plan" in words
    assert "Review meeting" in words
    assert "core group" not in words.lower()
    assert "conference" not in words.lower()


def test_a_long_actions_table_starts_under_its_heading_not_on_a_new_page(large: ConferenceDocument):
    first_page = page_texts(plan_pdf(large))[0]
    assert "Safety goal: Mum, Dad and the network" in first_page
    assert "Action 1: Hold a family network meeting" in first_page


@pytest.mark.parametrize("name", list(SECTIONS))
def test_an_earlier_version_is_marked_on_every_page(name: str):
    from dataclasses import replace

    doc = sample_document(final=True)
    label = "Version 1 of 2, made 25 November 2026 by Priya Raman: “Approved”. A later amendment replaced it."
    doc = replace(doc, header=replace(doc.header, version_label=label, version_number=1))
    data = DOCUMENTS[name](doc)
    assert all(" - version 1" in text for text in page_texts(data))
    assert "A later amendment replaced it." in all_text(data)


def test_people_whose_attendance_is_not_recorded_yet_are_listed_apart():
    from dataclasses import replace

    doc = sample_document()
    waiting = tuple(
        replace(p, attended=False, apologies=False, attendance_recorded=False) for p in doc.people
    )
    text = all_text(DOCUMENTS["record"](replace(doc, people=waiting)))
    assert "Invited, attendance not recorded yet" in text
    assert f"not recorded yet: {len(waiting)}" in text
    assert "Invited, did not attend" not in text
