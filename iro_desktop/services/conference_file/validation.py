"""Every problem with a conference file, each with its place (a JSON pointer) and a message a person can
act on: structure and types (the JSON Schema), dates that do not exist, duplicate ids, references to ids
not in the file, and the domain's own rules."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from iro_desktop.domain.audience import Audience, AudienceKind, Reason, validate_audience
from iro_desktop.domain.categories import Category, validate_category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import Outcome, outcome_problems
from iro_desktop.domain.dissent import DissentInput, validate_dissent
from iro_desktop.domain.errors import Problem
from iro_desktop.domain.family import ChildInput, Gender, validate_child, validate_family
from iro_desktop.domain.mapping import Section, validate_scale, validate_source, validate_text
from iro_desktop.domain.people import PersonInput, Role, validate_agency, validate_person
from iro_desktop.domain.plan import ActionStatus, PlanActionInput, validate_action
from iro_desktop.domain.text_rules import character_message, date_in_range, date_problems, safe_text
from iro_desktop.services.conference_file import schema as schema_module
from iro_desktop.services.conference_file.document import FileProblem, revision_of
from iro_desktop.services.conference_file.spec import (
    AUDIENCE_PARTS,
    FORMAT,
    PARTS,
    RECORD_PARTS,
    VERSION,
    Kind,
    Part,
)

_HUMAN_TYPE = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "null",
}
_PATTERN_WORDS = {
    schema_module.UUID_PATTERN: "an identifier (a UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e)",
    schema_module.DATE_PATTERN: "a date as YYYY-MM-DD",
    schema_module.DATETIME_PATTERN: "a date and time as YYYY-MM-DDTHH:MM:SS",
    schema_module.TIME_PATTERN: "a time as HH:MM:SS",
    schema_module.HASH_PATTERN: "a SHA-256 hash (64 lower-case hex digits)",
}
# (part, fields) that must be unique within the part.
_UNIQUE = (
    ("invitations", ("person_id",)),
    ("advocacy", ("child_id",)),
    ("child_practitioners", ("child_id", "kind")),
    ("decisions", ("child_id",)),
    ("record_sections", ("key", "agency")),
    ("record_versions", ("number",)),
    ("plan_history_links", ("id",)),
)


def pointer(*parts: str | int) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _shown(value: Any) -> str:
    text = str(value)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def _schema_problems(error: SchemaError) -> list[FileProblem]:
    place = pointer(*error.absolute_path)
    kind, expected, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [n for n in expected if not isinstance(instance, dict) or n not in instance]
        return [FileProblem(pointer(*error.absolute_path, n), f"Missing field “{n}”.") for n in missing]
    if kind == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known] if isinstance(instance, dict) else []
        return [FileProblem(pointer(*error.absolute_path, k), f"Unknown field “{k}”.") for k in extra]
    if kind == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_HUMAN_TYPE.get(w, w) for w in wanted)
        return [FileProblem(place, f"Expected {words}, found {_json_type(instance)}.")]
    if kind == "maxLength":
        return [FileProblem(place, f"Too long: {len(instance)} characters, at most {expected} allowed.")]
    if kind == "minLength":
        return [FileProblem(place, "Empty: write at least one character.")]
    if kind == "pattern":
        return [
            FileProblem(
                place, f"Expected {_PATTERN_WORDS.get(expected, expected)}, found {_shown(instance)}."
            )
        ]
    if kind == "enum":
        allowed = ", ".join("null" if v is None else v for v in expected)
        return [FileProblem(place, f"{_shown(instance)} is not one of the allowed values: {allowed}.")]
    if kind == "minimum":
        return [FileProblem(place, f"{instance} is below the smallest allowed value, {expected}.")]
    if kind == "maximum":
        return [FileProblem(place, f"{instance} is above the largest allowed value, {expected}.")]
    return [FileProblem(place, error.message)]


def _header_problems(doc: dict[str, Any]) -> list[FileProblem]:
    problems = []
    if doc.get("format") != FORMAT:
        found = doc.get("format")
        what = "has no “format” field" if found is None else f"says its format is {_shown(found)}"
        problems.append(
            FileProblem(
                "/format", f"This is not an IRO Desktop conference file: it {what} (expected “{FORMAT}”)."
            )
        )
    elif doc.get("version") != VERSION:
        problems.append(
            FileProblem(
                "/version",
                f"This file is version {doc.get('version')!r}; this copy of IRO Desktop reads "
                f"version {VERSION}. Update IRO Desktop, or export the file again from the same version.",
            )
        )
    return problems


def rows_of(content: dict[str, Any], part: Part) -> Iterator[tuple[str, dict[str, Any]]]:
    """(place, row) for each well-formed row of a part."""
    value = content.get(part.name)
    if part.single:
        if isinstance(value, dict):
            yield pointer("conference", part.name), value
    elif isinstance(value, list):
        for index, row in enumerate(value):
            if isinstance(row, dict):
                yield pointer("conference", part.name, index), row


_PARSERS = {
    Kind.DATE: date.fromisoformat,
    Kind.DATETIME: datetime.fromisoformat,
    Kind.TIME: time.fromisoformat,
}
_PATTERNS = {
    Kind.DATE: re.compile(schema_module.DATE_PATTERN),
    Kind.DATETIME: re.compile(schema_module.DATETIME_PATTERN),
    Kind.TIME: re.compile(schema_module.TIME_PATTERN),
}


def _date_problems(content: dict[str, Any]) -> list[FileProblem]:
    problems = []
    for part in PARTS:
        for place, row in rows_of(content, part):
            for f in part.fields:
                value = row.get(f.name)
                if f.kind in _PARSERS and isinstance(value, str) and _PATTERNS[f.kind].match(value):
                    try:
                        parsed = _PARSERS[f.kind](value)
                    except ValueError:
                        what = {Kind.DATE: "date", Kind.DATETIME: "date and time", Kind.TIME: "time"}[f.kind]
                        problems.append(
                            FileProblem(f"{place}/{f.name}", f"“{value}” is not a {what} that exists.")
                        )
                        continue
                    if isinstance(parsed, date) and not date_in_range(parsed):
                        problems += [
                            FileProblem(f"{place}/{f.name}", p.message) for p in date_problems(f.name, parsed)
                        ]
    return problems


def _character_problems(doc: Any) -> list[FileProblem]:
    """Refused characters (control, bidi, lone surrogates) in any field name or text, with the place.
    The same rule as typing (domain.text_rules); a place is printed with such characters escaped."""
    problems: list[FileProblem] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                message = character_message(key, multiline=False)
                if message is not None:
                    problems.append(FileProblem(pointer(*path, safe_text(key)), f"The field name: {message}"))
                    continue
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            message = character_message(value)
            if message is not None:
                problems.append(FileProblem(pointer(*path), message))
    return problems


def _identity_problems(content: dict[str, Any]) -> list[FileProblem]:
    problems: list[FileProblem] = []
    ids: dict[str, dict[str, str]] = {}  # part -> id -> place
    everywhere: dict[str, str] = {}
    for part in PARTS:
        if not part.has_id:
            continue
        own = ids.setdefault(part.name, {})
        for place, row in rows_of(content, part):
            value = row.get("id")
            if not isinstance(value, str):
                continue
            own.setdefault(value, place)
            if part.field("id").kind is not Kind.ID:
                continue
            if value in everywhere:
                problems.append(
                    FileProblem(f"{place}/id", f"The id {value} is used twice (also at {everywhere[value]}).")
                )
            else:
                everywhere[value] = place
    for part in PARTS:
        for place, row in rows_of(content, part):
            for f in part.fields:
                value = row.get(f.name)
                if f.kind is Kind.REF and isinstance(value, str) and value not in ids.get(f.ref, {}):
                    target = next(p.title for p in PARTS if p.name == f.ref).lower()
                    problems.append(
                        FileProblem(
                            f"{place}/{f.name}",
                            f"Refers to {value}, which is not among the {target} in this file.",
                        )
                    )
    for part_name, names in _UNIQUE:
        seen: dict[tuple[Any, ...], str] = {}
        part = next(p for p in PARTS if p.name == part_name)
        for place, row in rows_of(content, part):
            key = tuple(str(row.get(n)) for n in names)
            if key in seen:
                which = ", ".join(names)
                problems.append(FileProblem(place, f"Another row has the same {which} (at {seen[key]})."))
            else:
                seen[key] = place
    if content.get("record") is None:
        for name in RECORD_PARTS:
            if content.get(name):
                problems.append(
                    FileProblem(
                        pointer("conference", name), "These belong to a record, but “record” is null."
                    )
                )
    return problems


def _at(place: str, problems: list[Problem], fields: set[str]) -> list[FileProblem]:
    return [FileProblem(f"{place}/{p.field}" if p.field in fields else place, p.message) for p in problems]


def _domain_problems(content: dict[str, Any], today: date, skip: set[str]) -> list[FileProblem]:
    """The domain's rules, for rows whose types are right (rows with a schema problem are skipped)."""
    out: list[FileProblem] = []
    by_name = {p.name: p for p in PARTS}

    def each(name: str) -> Iterator[tuple[str, dict[str, Any], set[str]]]:
        part = by_name[name]
        for place, row in rows_of(content, part):
            if not any(s == place or s.startswith(place + "/") for s in skip):
                yield place, row, {f.name for f in part.fields}

    for place, row, names in each("family"):
        out += _at(place, validate_family(row["reference"], row["name"]), names)
    for place, row, names in each("agencies"):
        out += _at(place, validate_agency(row["name"]), names)
    for place, row, names in each("children"):
        child = ChildInput(
            row["given_name"],
            row["family_name"],
            _day(row["date_of_birth"]),
            _day(row["expected_date"]),
            row["unborn"],
            Gender(row["gender"]),
            row["ethnicity_code"],
            row["disability"],
            row["case_number"],
            nhs_number=str(row.get("nhs_number", "")),
        )
        out += _at(place, validate_child(child, today), names)
    for place, row, names in each("people"):
        person = PersonInput(
            row["name"],
            Role(row["role"]),
            row["agency_id"],
            row["family_id"],
            row["contact"],
            row["parental_responsibility"],
        )
        out += _at(place, validate_person(person), names)
    family_members = {
        r.get("id") for r in content.get("people") or [] if isinstance(r, dict) and r.get("family_id")
    }
    for place, row, _names in each("child_practitioners"):  # issue 19: a professional leads
        if row["person_id"] in family_members:
            out.append(FileProblem(f"{place}/person_id", "Choose a professional, not a family member."))
    sections: dict[str, str] = {}
    invited = [str(r.get("person_id")) for r in content.get("invitations") or [] if isinstance(r, dict)]
    for place, row, names in each("map_items"):
        sections[row["id"]] = row["section"]
        out += _at(place, validate_text(row["text"]) + validate_source(row["source"]), names)
    for part in AUDIENCE_PARTS:  # issue 18: who may read each row, by the domain's rules
        for place, row, names in each(part):
            out += _at(place, _audience_problems(row, invited), names)
    for place, row, _names in each("map_items"):
        goal = row["goal_id"]
        if goal is not None and row["section"] != Section.DANGER.value:
            out.append(FileProblem(f"{place}/goal_id", "Only a danger statement pairs with a safety goal."))
        elif (
            goal is not None and sections.get(goal, Section.SAFETY_GOALS.value) != Section.SAFETY_GOALS.value
        ):
            out.append(
                FileProblem(f"{place}/goal_id", "A danger statement pairs with a safety goal, not this item.")
            )
    for place, row, names in each("scale_scores"):
        out += _at(place, validate_scale(row["participant"], row["score"], row["reason"]), names)
        danger = row["danger_id"]
        if danger is not None and sections.get(danger, Section.DANGER.value) != Section.DANGER.value:
            out.append(
                FileProblem(f"{place}/danger_id", "A scale is for a danger statement or overall safety.")
            )
    details = content.get("details")
    conference_type = None
    if isinstance(details, dict) and details.get("conference_type") in {t.value for t in ConferenceType}:
        conference_type = ConferenceType(details["conference_type"])
    for place, row, names in each("decisions"):
        outcome = Outcome(row["outcome"])
        problems = outcome_problems(outcome, conference_type) if conference_type else []
        if outcome.child_on_plan_after:
            category = Category(row["category"]) if row["category"] else None
            problems += validate_category(category, row["multiple_reason"], allow_multiple=True)
        out += _at(place, problems, names)
    for place, row, names in each("dissents"):
        dissent = DissentInput(row["name"], row["agency"], row["view"], row["reason"], row["chair_response"])
        out += _at(place, validate_dissent(dissent), names)
    for place, row, names in each("plan_actions"):
        action = PlanActionInput(
            row["what"],
            row["who_person"],
            row["who_agency"],
            _day(row["by_when"]),
            row["done_when"],
            row["safety_goal_id"],
            ActionStatus(row["status"]),
        )
        out += _at(place, validate_action(action), names)
    return out


def _audience_problems(row: dict[str, Any], invited: list[str]) -> list[Problem]:
    """Issue 18: who may read the item, by the domain's rules (people kept from it are on the
    conference's list). A file from before issue 18 has no audience: everyone."""
    kind = row.get("audience_kind", AudienceKind.EVERYONE.value)
    reason = row.get("audience_reason") or None
    item = Audience(
        AudienceKind(kind),
        tuple(row.get("audience_excluded") or ()),
        Reason(reason) if reason else None,
        row.get("audience_reason_words") or "",
    )
    problems = validate_audience(item, invited)
    return [Problem("audience_" + p.field, p.message) for p in problems]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def validate_document(doc: Any, today: date) -> list[FileProblem]:
    """Every problem with a parsed file (empty: the file can be imported)."""
    if not isinstance(doc, dict):
        return [FileProblem("", f"Expected an object at the top of the file, found {_json_type(doc)}.")]
    characters = _character_problems(doc)
    if characters:  # refused before anything else reads (or prints) the text
        return _sorted(characters)
    header = _header_problems(doc)
    if header:
        return header
    validator = Draft202012Validator(schema_module.shipped_schema())
    problems: list[FileProblem] = []
    for error in validator.iter_errors(doc):
        problems += _schema_problems(error)
    content = doc.get("conference")
    if not isinstance(content, dict):
        return _sorted(problems)
    dates = _date_problems(content)
    problems += dates + _identity_problems(content)
    skip = {p.place for p in problems}
    problems += _domain_problems(content, today, skip)
    if not problems and doc["revision"] != revision_of(content):
        problems.append(
            FileProblem(
                "/revision",
                "The file was changed after IRO Desktop wrote it: its revision does not match its content.",
            )
        )
    return _sorted(problems)


def _sorted(problems: list[FileProblem]) -> list[FileProblem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: _place_key(p.place))


def _place_key(place: str) -> tuple[Any, ...]:
    return tuple((0, int(s), "") if s.isdigit() else (1, 0, s) for s in place.split("/"))
