"""The JSON Schema (draft 2020-12) of the conference file, built from `spec` and shipped as
`schema.json` beside this module (a test checks the shipped file matches)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from iro_desktop.services.conference_file.spec import FORMAT, PARTS, VERSION, Field, Kind, Part

SCHEMA_ID = "https://iro-desktop.invalid/schemas/conference-file-v1.json"
UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DATETIME_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?$"
TIME_PATTERN = "^[0-9]{2}:[0-9]{2}:[0-9]{2}$"
HASH_PATTERN = "^[0-9a-f]{64}$"


def _field_schema(f: Field) -> dict[str, Any]:
    s: dict[str, Any]
    if f.kind in (Kind.ID, Kind.REF, Kind.EXTERNAL):
        s = {"type": "string", "pattern": UUID_PATTERN}
    elif f.kind is Kind.TEXT:
        s = {"type": "string", "maxLength": f.max_length}
    elif f.kind is Kind.DATE:
        s = {"type": "string", "pattern": DATE_PATTERN}
    elif f.kind is Kind.DATETIME:
        s = {"type": "string", "pattern": DATETIME_PATTERN}
    elif f.kind is Kind.TIME:
        s = {"type": "string", "pattern": TIME_PATTERN}
    elif f.kind is Kind.BOOL:
        s = {"type": "boolean"}
    elif f.kind is Kind.INT:
        s = {"type": "integer", "minimum": f.minimum, "maximum": f.maximum}
    elif f.kind is Kind.ENUM:
        s = {"type": "string", "enum": list(f.values)}
    else:  # CODES
        s = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": f.max_length}}
    if f.nullable:
        if "enum" in s:
            s["enum"] = [*s["enum"], None]
        s["type"] = [s["type"], "null"]
    return {"description": f.title, **s}


def _row_schema(part: Part) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in part.fields if not f.optional],
        "properties": {f.name: _field_schema(f) for f in part.fields},
    }


def _part_schema(part: Part) -> dict[str, Any]:
    row = _row_schema(part)
    if part.single:
        s: dict[str, Any] = {"description": part.description, **row}
        if part.nullable:
            s["type"] = ["object", "null"]
        return s
    return {"description": part.description, "type": "array", "items": {"$ref": f"#/$defs/{part.name}"}}


def build_schema() -> dict[str, Any]:
    defs = {p.name: _row_schema(p) for p in PARTS if not p.single}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "IRO Desktop conference file",
        "description": "A whole child protection conference, as handed between machines. See "
        "docs/conference-file.md.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "revision", "based_on", "conference"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "revision": {"type": "string", "pattern": HASH_PATTERN},
            "based_on": {"type": ["string", "null"], "pattern": HASH_PATTERN},
            "conference": {
                "type": "object",
                "additionalProperties": False,
                "required": [p.name for p in PARTS if not p.optional],
                "properties": {p.name: _part_schema(p) for p in PARTS},
            },
        },
        "$defs": defs,
    }


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@cache
def shipped_schema() -> dict[str, Any]:
    """The schema file shipped with the app."""
    text = resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


if __name__ == "__main__":  # regenerate: python -m iro_desktop.services.conference_file.schema
    from pathlib import Path

    Path(__file__).with_name("schema.json").write_text(schema_text(build_schema()), encoding="utf-8")
