"""Issue 13: 1,000 mutated conference files and 300 mutated history extracts, from a fixed seed, in a
bounded time. None crashes; none refused changes the store; no record arrives final without an approval
or in a state beyond what the importing clerk may set.

The files start from real exports: the demo's conferences and the full-size map (80 items). Mutations:
values of other types, impossible and out-of-range dates, huge strings, control, bidi and lone-surrogate
characters, blank text, missing and extra keys, removed and duplicated rows, record states, broken
headers and bytes; about half are resealed with a correct revision so they reach the deeper checks.

(The approval check is the simple one for now: the engineer building verifiable approvals strengthens it.)
"""

from __future__ import annotations

import contextlib
import copy
import json
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from iro_desktop.domain.errors import DomainError
from iro_desktop.domain.history.format import FILE_ORDER
from iro_desktop.domain.record import RecordState
from iro_desktop.domain.roles import Role, User
from iro_desktop.services.conference_file.document import revision_of
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_large_map import load_large_family
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.services.records import RecordService
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.models import RecordRow
from iro_desktop.store.opening import Store, open_store
from tests.history_extract import Tables, example_tables
from tests.services.conference_files import TODAY, store_fingerprint

pytestmark = pytest.mark.sqlite_only(
    "watches SQLite's data_version for commits; the import rules do not depend on the database"
)

SEED = 20261201
CONFERENCE_FILES = 1000
HISTORY_EXTRACTS = 300
BUDGET_S = 60.0  # the whole fuzz: both parts together, as measured on the CI machine
FULL_CHECK_EVERY = 50  # every 50th refusal also compares every row of every table

CLERK = User("fuzz-clerk", "clerk", "Fuzz Clerk", Role.CLERK)  # imports the conference files
HISTORIAN = User("fuzz-manager", "manager", "Fuzz Manager", Role.MANAGER)  # history: a manager's job
# A clerk may not approve: a record arriving in these states must carry the chair's approval.
APPROVED_STATES = {RecordState.FINAL, RecordState.DISTRIBUTED}

STRANGE_TEXT = [
    "",
    "   ",
    "\u200b",
    "\t\n",
    "Zo\x1b[31më",
    "\x00",
    "\x85",
    "\u202eevil",
    "a\u2066b\u2069",
    "\udc80",
    "\ud800x",
    "Ł" * 5000,
    "x" * 100_000,
    "null",
    "0",
    "9999-12-31",
]
STRANGE_DATES = [
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2101-01-01",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "31/12/2026",
    "2026-11-23T25:00:00",
    "9999-12-31T23:59:59",
]
STRANGE_VALUES: list[Any] = [None, True, False, 0, -1, 2**63, 1e308, -0.5, [], {}, [None], {"a": 1}]


def _session_store(folder: Path) -> tuple[Store, Services]:
    store = open_store(resolve_location(folder, environ={}))
    ctx = ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(CLERK))
    return store, Services.build(ctx)


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory) -> list[dict[str, Any]]:
    """Conference files exported from the demo and the full-size map."""
    store = open_store(resolve_location(tmp_path_factory.mktemp("fuzz-source"), environ={}))
    try:
        services = Services.build(
            ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        load_demo(services.ctx)
        load_demo_records(services.ctx)
        load_large_family(services.ctx, 80, reference="FUZZ-0080")  # beside the demo's own 40-item one
        files = ConferenceFileService(services.ctx)
        with store.uow() as uow:
            ids = list(uow.session.scalars(text("SELECT id FROM conferences ORDER BY rowid")))
        return [json.loads(files.export_text(cid).text) for cid in ids]
    finally:
        store.close()


class Watch:
    """Did anyone commit to the store? SQLite's data_version, read on a connection of its own, changes
    whenever another connection commits (cheap enough to ask before and after every import)."""

    def __init__(self, store: Store) -> None:
        assert store.location.sqlite_path is not None
        self._conn = sqlite3.connect(store.location.sqlite_path)

    def version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()


def _counts(store: Store) -> dict[str, int]:
    with store.uow() as uow:
        connection = uow.session.connection()
        tables = sorted(inspect(connection).get_table_names())
        query = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{t}")' for t in tables)
        return dict(zip(tables, connection.execute(text(query)).one(), strict=True))


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _set(doc: Any, path: tuple[Any, ...], value: Any) -> None:
    target = doc
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _mutate_conference(rng: random.Random, original: dict[str, Any]) -> tuple[str, bytes]:
    """A mutated file (what was done, and the bytes)."""
    doc = copy.deepcopy(original)
    what = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        paths = list(_paths(doc))
        path, value = rng.choice(paths)
        kind = rng.randrange(10)
        if kind == 0 and isinstance(value, dict) and value:
            key = rng.choice(list(value))
            del value[key]
            what.append(f"drop {path}/{key}")
        elif kind == 1 and isinstance(value, dict):
            value[rng.choice(["extra", "\x1b", "\udc80", "state", "id"])] = rng.choice(STRANGE_VALUES + ["x"])
            what.append(f"extra key at {path}")
        elif kind == 2 and isinstance(value, list) and value:
            if rng.random() < 0.5:
                value.append(copy.deepcopy(rng.choice(value)))
                what.append(f"duplicate row in {path}")
            else:
                value.pop(rng.randrange(len(value)))
                what.append(f"remove row from {path}")
        elif kind == 3:
            record = doc.get("conference", {}).get("record")
            if isinstance(record, dict):
                record["state"] = rng.choice([s.value for s in RecordState] + ["locked", ""])
                if rng.random() < 0.5:
                    record["approved_by"] = rng.choice(["", "Chair Person", "\u202eriahC"])
                what.append(f"record state {record['state']!r}")
        elif kind == 4 and path and isinstance(value, str) and len(value) in (10, 19, 26):
            _set(doc, path, rng.choice(STRANGE_DATES))
            what.append(f"date at {path}")
        elif kind in (5, 6) and path and isinstance(value, str):
            _set(doc, path, rng.choice(STRANGE_TEXT))
            what.append(f"text at {path}")
        elif kind == 7 and path:
            _set(doc, path, rng.choice(STRANGE_VALUES))
            what.append(f"type at {path}")
        elif kind == 8:
            doc[rng.choice(["format", "version", "based_on"])] = rng.choice(STRANGE_VALUES + ["x"])
            what.append("header")
        elif path:
            _set(doc, path, rng.choice(STRANGE_TEXT + STRANGE_DATES))
            what.append(f"value at {path}")
    if rng.random() < 0.45 and isinstance(doc.get("conference"), dict):
        with contextlib.suppress(Exception):  # a shape revision_of cannot hash is left unsealed
            doc["revision"] = revision_of(doc["conference"])  # resealed: reaches the deeper checks
    data = json.dumps(doc, ensure_ascii=True).encode("ascii")
    if rng.random() < 0.05:
        cut = rng.randrange(len(data))
        data = data[:cut] + bytes([rng.randrange(256)]) + data[cut + 1 :]
        what.append("byte flipped")
    elif rng.random() < 0.03:
        data = data[: rng.randrange(len(data))]
        what.append("truncated")
    return "; ".join(what) or "unchanged", data


def _records_in_allowed_states(store: Store) -> list[str]:
    """Records in a state a clerk may not set without the chair's approval, and carrying none that
    verifies (the signed lock checked as on opening: key known, signature and fingerprint hold)."""
    wrong = []
    with store.uow() as uow:
        rows = [
            (r.conference_id, RecordState(r.state), r.approved_by, r.approved_at)
            for r in uow.session.scalars(select(RecordRow))
        ]
    records = RecordService(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER)))
    for conference_id, state, approved_by, approved_at in rows:
        if state not in APPROVED_STATES:
            continue
        if not approved_by.strip() or approved_at is None:
            wrong.append(f"{conference_id}: {state.value} without an approval")
        elif not records.integrity(conference_id).ok:
            wrong.append(f"{conference_id}: {state.value} with an approval that does not verify")
    return wrong


def test_fuzzed_conference_files_and_history_extracts(seed_files, tmp_path):
    rng = random.Random(SEED)
    started = time.perf_counter()
    store, services = _session_store(tmp_path / "target")
    watch = Watch(store)
    files = ConferenceFileService(services.ctx)
    crashes: list[str] = []
    changed: list[str] = []
    outcomes = {"refused": 0, "imported": 0}
    refusals = 0
    try:
        before_states = {}
        small = [f for f in seed_files if len(f["conference"]["map_items"]) < 40]
        large = [f for f in seed_files if f not in small]
        for n in range(CONFERENCE_FILES):
            source = rng.choice(large) if large and rng.random() < 0.1 else rng.choice(small)
            what, data = _mutate_conference(rng, source)
            version = watch.version()
            full = store_fingerprint(store) if refusals % FULL_CHECK_EVERY == 0 else None
            try:
                files.import_text(data)
            except DomainError:
                outcomes["refused"] += 1
                refusals += 1
                if watch.version() != version or (full is not None and store_fingerprint(store) != full):
                    changed.append(f"file {n} ({what})")
            except Exception as exc:  # noqa: BLE001 - any other exception is the crash this test hunts
                crashes.append(f"file {n} ({what}): {type(exc).__name__}: {str(exc)[:200]!r}")
            else:
                outcomes["imported"] += 1
        before_states = {"wrong": _records_in_allowed_states(store)}
        conference_seconds = time.perf_counter() - started

        manager = ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(HISTORIAN))
        extracts = _fuzz_history(rng, tmp_path, store, Services.build(manager), watch, crashes, changed)
    finally:
        watch.close()
        store.close()
    elapsed = time.perf_counter() - started
    print(
        f"\nfuzz: {CONFERENCE_FILES} conference files in {conference_seconds:.1f} s "
        f"({outcomes['imported']} imported, {outcomes['refused']} refused); "
        f"{HISTORY_EXTRACTS} history extracts ({extracts}) in {elapsed - conference_seconds:.1f} s"
    )
    assert crashes == []
    assert changed == []
    assert before_states["wrong"] == []
    assert outcomes["imported"] > 0  # both paths exercised
    assert outcomes["refused"] > CONFERENCE_FILES // 2
    assert elapsed < BUDGET_S * 2, f"the fuzz took {elapsed:.0f} s"  # generous for a loaded machine


HISTORY_STRANGE = [
    "",
    " ",
    "\x1b[2J",
    "\u202e",
    "9999-12-31",
    "1899-12-31",
    "31/02/2020",
    "00/00/0000",
    "2020-1-1",
    "Y",
    "N",
    "x" * 5000,
    "F100",
    "P1001",
    "C5001",
    "\x00",
    "=cmd|' /C calc'!A0",
]


def _mutate_history(rng: random.Random, tables: Tables) -> str:
    what = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        file = rng.choice(sorted(tables))
        rows = tables[file]
        kind = rng.randrange(6)
        if kind <= 2 and rows:
            row = rng.choice(rows)
            column = rng.choice(list(row))
            row[column] = rng.choice(HISTORY_STRANGE)
            what.append(f"{file}:{column}")
        elif kind == 3 and rows:
            rows.append(dict(rng.choice(rows)))
            what.append(f"{file}: duplicate row")
        elif kind == 4 and rows:
            rows.pop(rng.randrange(len(rows)))
            what.append(f"{file}: remove row")
        elif rows:
            column = rng.choice(list(rows[0]))
            for row in rows:
                row.pop(column, None)
                if rng.random() < 0.3:
                    row["unknown_column"] = "x"
            what.append(f"{file}: drop {column}")
    return "; ".join(what)


def _write_tables(folder: Path, tables: Tables, rng: random.Random) -> Path:
    """Each table as CSV with the union of its rows' columns (a dropped column leaves cells blank)."""
    import csv

    folder.mkdir(parents=True)
    for name, rows in tables.items():
        if not rows and rng.random() < 0.5:
            continue  # a missing file
        columns = list(dict.fromkeys(c for row in rows for c in row)) or ["pers_person_id"]
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, restval="")
            writer.writeheader()
            writer.writerows(rows)
    return folder


def _fuzz_history(
    rng: random.Random,
    tmp_path: Path,
    store: Store,
    services: Services,
    watch: Watch,
    crashes: list[str],
    changed: list[str],
) -> str:
    """300 mutated extracts into the same store; returns how many were imported and refused."""
    base = example_tables()
    imported = refused = 0
    for n in range(HISTORY_EXTRACTS):
        tables = copy.deepcopy(base)
        what = _mutate_history(rng, tables)
        folder = _write_tables(tmp_path / f"extract-{n}", tables, rng)
        if rng.random() < 0.03:
            (folder / rng.choice(FILE_ORDER)).write_bytes(b"\xff\xfe\x00bad")
            what += "; not UTF-8"
        counts = _counts(store) if n % 10 == 0 else None  # every tenth also counts every table's rows
        version = watch.version()
        try:
            result = services.history_import.import_history(folder)
        except DomainError:
            refused += 1
            if watch.version() != version or (counts is not None and _counts(store) != counts):
                changed.append(f"extract {n} ({what})")
            continue
        except Exception as exc:  # noqa: BLE001 - any other exception is the crash this test hunts
            crashes.append(f"extract {n} ({what}): {type(exc).__name__}: {str(exc)[:200]!r}")
            continue
        if result.imported:
            imported += 1
        else:
            refused += 1
            if watch.version() != version or (counts is not None and _counts(store) != counts):
                changed.append(f"extract {n} ({what})")
    wrong = _records_in_allowed_states(store)
    if wrong:
        changed.extend(f"after history: {w}" for w in wrong)
    return f"{imported} imported, {refused} refused"
