"""Issue 13 item 6: one set of rules for data however it arrives. The same bad value typed, in a
conference file, or in a history extract is refused the same way, with its place, and changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from iro_desktop.cli import main
from iro_desktop.domain.errors import ValidationError
from iro_desktop.domain.history.format import CHILDREN, FAMILIES
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.text_rules import OUTSIDE_RANGE, character_message, is_blank
from iro_desktop.services.conference_file.document import revision_of
from iro_desktop.services.conference_file.service import ConferenceFileService, FileRejected
from tests.history_extract import example_tables, row_of, snapshot, write_extract
from tests.services.conference_files import rich_conference, store_fingerprint

BAD_CHARACTERS = {
    "escape": "Zo\x1b[31më",
    "nul": "Zo\x00ë",
    "c1": "Zo\x85ë",
    "delete": "Zo\x7fë",
    "carriage return": "Zo\rë",
    "right-to-left override": "Zoë \u202eevil",
    "left-to-right embedding": "\u202aZoë",
    "first strong isolate": "Zoë \u2068x\u2069",
    "lone surrogate": "Zo\udc80ë",
    "newline in a name": "Zoë\nBrontë",
}


def _file_problems(services: Any, store: Any, doc: dict[str, Any]) -> dict[str, list[str]]:
    try:
        revision = revision_of(doc["conference"])
    except UnicodeEncodeError:  # a lone surrogate cannot be hashed: the file is refused before that
        revision = "0" * 64
    text = json.dumps({**doc, "revision": revision})  # ASCII escapes, as JSON allows
    before = store_fingerprint(store)
    with pytest.raises(FileRejected) as err:
        ConferenceFileService(services.ctx).import_text(text)
    assert store_fingerprint(store) == before
    places: dict[str, list[str]] = {}
    for problem in err.value.problems:
        places.setdefault(problem.place, []).append(problem.message)
        assert character_message(problem.place + problem.message) is None  # nothing raw is echoed
    return places


@pytest.fixture
def exported(services) -> dict[str, Any]:
    return json.loads(ConferenceFileService(services.ctx).export_text(rich_conference(services)).text)


@pytest.mark.parametrize("value", BAD_CHARACTERS.values(), ids=BAD_CHARACTERS)
def test_a_bad_character_is_refused_alike_typed_in_a_file_and_in_an_extract(
    services, store, exported, tmp_path, value
):
    expected = character_message(value, multiline=False)
    assert expected is not None
    # Typed.
    with pytest.raises(ValidationError) as typed:
        services.families.create_family("R-T", value, [])
    assert expected in typed.value.for_field("name")
    # In a conference file (a family's name), refused with its place.
    doc = json.loads(json.dumps(exported))
    doc["conference"]["family"]["name"] = value
    places = _file_problems(services, store, doc)
    assert (
        expected in places["/conference/family/name"]
        or character_message(value) in places["/conference/family/name"]
    )
    # In a history extract (a family's name), with file, row and column.
    if "\udc80" in value:
        return  # a CSV file is UTF-8: a lone surrogate cannot be written in it (refused as not UTF-8)
    tables = example_tables()
    number, row = row_of(tables, FAMILIES, "fami_family_id", "F200")
    row["iro_family_name"] = value
    folder = write_extract(tmp_path / "extract", tables)
    before = snapshot(store)
    result = services.history_import.import_history(folder)
    assert not result.imported
    found = [
        p.message
        for p in result.problems
        if (p.file, p.row, p.field) == (FAMILIES, number, "iro_family_name")
    ]
    assert expected in found or character_message(value) in found, found
    assert snapshot(store) == before


def test_map_text_follows_the_same_rule_typed_and_in_a_file(services, store, exported):
    conference_id = exported["conference"]["details"]["id"]
    bad = "Dad said \x1b]0;pwned\x07 it"
    with pytest.raises(ValidationError) as typed:
        services.mapping.add_item(conference_id, Section.STRENGTHS, bad)
    message = character_message(bad)
    assert typed.value.for_field("text") == [message]
    doc = json.loads(json.dumps(exported))
    doc["conference"]["map_items"][0]["text"] = bad
    places = _file_problems(services, store, doc)
    assert places["/conference/map_items/0/text"] == [message]
    multi_line = "first line\n\tsecond line"
    assert character_message(multi_line) is None  # tab and line feed are allowed in multi-line text


@pytest.mark.parametrize("blank", ["   ", "\u200b", " \u00a0\u2003 ", "\t\n"])
def test_whitespace_only_names_are_refused_alike(services, store, exported, tmp_path, blank):
    assert is_blank(blank)
    with pytest.raises(ValidationError) as typed:
        services.families.create_family("R-B", blank, [])
    assert typed.value.for_field("name")
    doc = json.loads(json.dumps(exported))
    doc["conference"]["family"]["name"] = blank
    assert "/conference/family/name" in _file_problems(services, store, doc)
    tables = example_tables()
    number, row = row_of(tables, FAMILIES, "fami_family_id", "F200")
    row["iro_family_name"] = blank.replace("\n", " ")
    result = services.history_import.import_history(write_extract(tmp_path / "x", tables))
    assert not result.imported
    assert any((p.file, p.row, p.field) == (FAMILIES, number, "iro_family_name") for p in result.problems)


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2101-01-01"])
def test_dates_outside_1900_to_2100_are_refused_alike(services, store, exported, tmp_path, day):
    from datetime import date

    from iro_desktop.domain.family import ChildInput

    with pytest.raises(ValidationError) as typed:
        services.families.create_family("R-D", "Nowak", [ChildInput("Ola", "Nowak", date.fromisoformat(day))])
    assert any(OUTSIDE_RANGE in m for m in typed.value.for_field("children[0].date_of_birth"))
    doc = json.loads(json.dumps(exported))
    doc["conference"]["children"][0]["date_of_birth"] = day
    doc["conference"]["details"]["scheduled_date"] = day
    places = _file_problems(services, store, doc)
    assert any(OUTSIDE_RANGE in m for m in places["/conference/children/0/date_of_birth"])
    assert any(OUTSIDE_RANGE in m for m in places["/conference/details/scheduled_date"])
    tables = example_tables()
    number, row = row_of(tables, CHILDREN, "pers_person_id", "P1001")
    row["pers_dob"] = day
    result = services.history_import.import_history(write_extract(tmp_path / "x", tables))
    found = [p.message for p in result.problems if (p.file, p.row, p.field) == (CHILDREN, number, "pers_dob")]
    assert any(OUTSIDE_RANGE in m for m in found), found
    assert not result.imported


def test_import_file_with_a_lone_surrogate_escape_names_the_place(
    services, exported, tmp_path, capsys, monkeypatch
):
    from tests.cli_accounts import act_as, add_account

    data = tmp_path / "cli-data"
    add_account(data, "priya")  # the command line signs in (issue 13)
    act_as(monkeypatch, "priya")
    doc = json.loads(json.dumps(exported))
    doc["conference"]["people"][0]["name"] = "Bríd \udc80"
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps({**doc, "revision": "0" * 64}), encoding="ascii")
    assert "\\udc80" in path.read_text()
    code = main(["--data-dir", str(data), "import", "file", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "/conference/people/0/name" in out
    assert "lone surrogate" in out
    assert "nothing was changed" in err
    doc["conference"]["people"][0]["name"] = "Bríd \x1b[2J"
    path.write_text(json.dumps({**doc, "revision": "0" * 64}), encoding="ascii")
    assert main(["--data-dir", str(data), "import", "file", str(path)]) == 1
    out, _err = capsys.readouterr()
    assert "\x1b" not in out
    assert "U+001B" in out
