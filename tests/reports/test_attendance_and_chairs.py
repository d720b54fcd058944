"""Issue 19 item 6 (ff1's part), on small hand-built facts with values worked by hand: how people
attended (in the room or remote, by who they are), chairs by role, and conferences chaired otherwise
than independently that gave a reason."""

from __future__ import annotations

from datetime import date

from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.facts import ConferenceFact, ReportFacts
from iro_desktop.reports.figure import headline_text

YEAR = reporting_year(2025)  # 1 April 2025 to 31 March 2026


def _held(cid: str, day: date, **kw: object) -> ConferenceFact:
    return ConferenceFact(cid, "fam", "review", day, "held", day, chair_id="ch", child_ids=("K1",), **kw)  # type: ignore[arg-type]


FACTS = ReportFacts(
    (),
    (
        # a: mother in the room, father by phone, social worker in the room, police by video, school
        # sent a written report only.
        _held(
            "a",
            date(2025, 5, 6),
            chair_role="independent",
            ways=(
                ("family", "room"),
                ("family", "phone"),
                ("csc", "room"),
                ("police", "video"),
                ("education", "written"),
            ),
        ),
        # b: chaired by an LCPP with a reason; the social worker in the room, health by video, one
        # person's way not recorded.
        _held(
            "b",
            date(2025, 9, 2),
            chair_role="lcpp",
            chaired_otherwise=True,
            chair_reason_given=True,
            ways=(("csc", "room"), ("health", "video"), ("police", "")),
        ),
        # c: an independent chair who held the case, no reason given; nobody's way recorded.
        _held("c", date(2026, 1, 13), chair_role="independent", chaired_otherwise=True),
        # d: outside the year (April 2026): counted nowhere.
        _held("d", date(2026, 4, 7), chair_role="lcpp", chaired_otherwise=True, ways=(("police", "video"),)),
    ),
)


def test_people_who_attended_remotely():
    figure = annual_report(FACTS, YEAR).figure("attendance_remote")
    # In the meeting: a has 4 (room, phone, room, video), b has 2 (room, video) -> 6; remote: phone,
    # video, video -> 3. Everyone listed: 5 + 3 = 8.
    assert (figure.numerator, figure.denominator, figure.percentage) == (3, 6, 50.0)
    assert headline_text(figure, "3", "6") == "3 of 6 (50.0%)"
    rows = {r.label: (r.count, r.percentage) for r in figure.rows}
    assert rows == {
        "In the room": (3, 37.5),
        "Video": (2, 25.0),
        "Phone": (1, 12.5),
        "Written report only": (1, 12.5),
        "Way not recorded": (1, 12.5),
    }
    assert figure.conference_ids == ("a", "b")
    assert "video or phone" in figure.definition


def test_in_the_room_or_remote_by_who_attended():
    figure = annual_report(FACTS, YEAR).figure("attendance_by_agency_kind")
    # Took part: family 2 (room 1, remote 1), csc 2 (room 2), police 1 (remote), health 1 (remote).
    assert (figure.numerator, figure.denominator) == (3, 6)
    rows = {r.label: r.count for r in figure.rows}
    assert rows == {
        "Family: in the room": 1,
        "Family: remote": 1,
        "Children's social care: in the room": 2,
        "Children's social care: remote": 0,
        "Police: in the room": 0,
        "Police: remote": 1,
        "Health: in the room": 0,
        "Health: remote": 1,
    }
    assert figure.row("Children's social care: in the room").percentage == 33.3


def test_chairs_by_role():
    figure = annual_report(FACTS, YEAR).figure("chairs_by_role")
    # Held in the year: a, b, c. LCPP: b. Chaired otherwise: b (LCPP) and c (held the case).
    assert (figure.numerator, figure.denominator, figure.percentage) == (1, 3, 33.3)
    assert figure.row("Independent chair (IRO)").count == 2
    assert figure.row("Lead Child Protection Practitioner").ids == ("b",)
    assert figure.row("Chaired otherwise than independently").ids == ("b", "c")


def test_not_independently_chaired_with_a_reason():
    figure = annual_report(FACTS, YEAR).figure("chair_not_independent_reason")
    assert (figure.numerator, figure.denominator, figure.percentage) == (1, 2, 50.0)
    assert figure.conference_ids == ("b",)


def test_nothing_recorded_gives_no_base():
    empty = annual_report(ReportFacts((), (_held("x", date(2025, 6, 3)),)), YEAR)
    assert empty.figure("attendance_remote").percentage is None
    assert empty.figure("chair_not_independent_reason").denominator == 0
    assert empty.figure("chairs_by_role").row("Not recorded").count == 1
