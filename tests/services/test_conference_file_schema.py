"""The shipped JSON Schema matches the format's description, and the example in the docs is a valid file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from jsonschema import Draft202012Validator

from iro_desktop.services.conference_file.schema import build_schema, schema_text, shipped_schema
from iro_desktop.services.conference_file.spec import PARTS
from iro_desktop.services.conference_file.validation import validate_document
from tests.services.conference_files import TODAY

DOC = Path(__file__).resolve().parents[2] / "docs" / "conference-file.md"


def _example() -> dict:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("## Example", 1)[1]
    return json.loads(re.search(r"```json\n(.*?)```", block, re.S).group(1))


def test_shipped_schema_is_the_generated_one():
    schema = shipped_schema()
    Draft202012Validator.check_schema(schema)
    assert schema_text(schema) == schema_text(build_schema())


def test_docs_example_validates_and_imports_cleanly():
    example = _example()
    Draft202012Validator(shipped_schema()).validate(example)
    assert validate_document(example, TODAY) == []


def test_docs_describe_every_field():
    text = DOC.read_text(encoding="utf-8")
    for part in PARTS:
        assert f"### `{part.name}`" in text
        for field in part.fields:
            assert f"| `{field.name}` |" in text
