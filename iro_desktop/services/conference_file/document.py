"""Writing and reading the file's text: canonical JSON, the revision hash, and parsing that reports
where the text is broken (line and column)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from iro_desktop.services.conference_file.spec import FORMAT, PARTS, VERSION, Part

Content = dict[str, Any]  # the "conference" object: part name -> object, null or list of rows


@dataclass(frozen=True)
class FileProblem:
    """One problem with a file: where (a JSON pointer, "" for the whole file) and what."""

    place: str
    message: str

    def __str__(self) -> str:
        return f"{self.place or '(file)'}: {self.message}"


def _sorted_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted_keys(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(v) for v in value]
    return value


def _order_key(part: Part, row: dict[str, Any]) -> tuple[Any, ...]:
    # None sorts first, then by value; the id last keeps the order total.
    key: list[Any] = []
    for name in part.order:
        value = row.get(name)
        key.append((value is not None, value if value is not None else ""))
    return tuple(key)


def normalise(content: Content) -> Content:
    """The content in its canonical form: every part's rows in their stable order, keys sorted."""
    out: Content = {}
    for part in PARTS:
        if part.optional and part.name not in content:  # an older file: its revision is without it
            continue
        value = content.get(part.name)
        if part.single or value is None:
            out[part.name] = value
        else:
            out[part.name] = sorted(value, key=lambda row, p=part: _order_key(p, row))  # type: ignore[misc]
    return dict(_sorted_keys(out))


def compact(content: Content) -> str:
    return json.dumps(normalise(content), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def revision_of(content: Content) -> str:
    """SHA-256 of the canonical compact JSON of the conference object (UTF-8)."""
    return hashlib.sha256(compact(content).encode("utf-8")).hexdigest()


def file_text(content: Content, based_on: str | None) -> str:
    """The whole file: fixed top-level order, sorted keys inside, 2-space indent, UTF-8, final newline."""
    body = normalise(content)
    doc = {
        "format": FORMAT,
        "version": VERSION,
        "revision": revision_of(body),
        "based_on": based_on,
        "conference": body,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def parse(text: str | bytes) -> tuple[Any, list[FileProblem]]:
    """The parsed JSON, or the problems that stop it being read (with line and column)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return None, [FileProblem("", f"The file is not UTF-8 text (byte {exc.start + 1}).")]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates), []
    except json.JSONDecodeError as exc:
        return None, [FileProblem("", f"Not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}.")]
    except _DuplicateKey as exc:
        return None, [FileProblem("", f"The field “{exc.args[0]}” appears twice in one object.")]
    except RecursionError:
        return None, [FileProblem("", "The file is nested too deeply to be a conference file.")]
