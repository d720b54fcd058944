"""Migration 0013_ff1 (issue 19 items 1-2): what was recorded before keeps its meaning."""

from __future__ import annotations

from iro_desktop.store import migrations
from iro_desktop.store.engine import make_engine
from tests.store.test_migrations import _family_and_conference, _foreign_keys_hold, _run


def test_0013_ff1_conferences_independent_attendance_as_a_whole(location, backend):
    """A conference already recorded is independently chaired with no statement yet; an invitation has
    no mode, no times, no interpreter or supporter; a person is in no team; nobody leads a child yet."""
    location.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location.url)
    migrations.upgrade(engine, "0012")
    with engine.begin() as conn:
        _family_and_conference(conn)
        _run(
            conn,
            "INSERT INTO people (id, name, role, family_id, contact, parental_responsibility, household)"
            " VALUES ('p1', 'Eve Nowak', 'parent', 'f1', '', :yes, '')",
            yes=True,
        )
        _run(
            conn,
            "INSERT INTO invitations (id, conference_id, person_id, attendance, exclusion_reason)"
            " VALUES ('i1', 'm1', 'p1', 'attended', '')",
        )
    migrations.upgrade(engine)
    with engine.connect() as conn:
        chair = conn.exec_driver_sql(
            "SELECT chair_role, chair_took_part_in_enquiry, chair_held_case, chair_reason FROM conferences"
        ).one()
        assert tuple(chair) == ("independent", "", "", "")
        invitation = conn.exec_driver_sql(
            "SELECT attendance, took_part, joined_at, left_at, interpreter_language, interpreter_not_family,"
            " supports_person_id FROM invitations"
        ).one()
        assert (*invitation[:5], bool(invitation[5]), invitation[6]) == (
            "attended",
            "",
            None,
            None,
            "",
            False,
            None,
        )
        assert conn.exec_driver_sql("SELECT team_discipline FROM people").scalar() == ""
        assert conn.exec_driver_sql("SELECT count(*) FROM child_practitioners").scalar() == 0
        _foreign_keys_hold(conn, backend)
    engine.dispose()
