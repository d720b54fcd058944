"""Historical import: children, conferences, decisions and plans from a case-management extract.

Validation first, of everything; then all or nothing in one unit of work. Every row's id is derived from
the extract's own id (domain/history/ids.py), so importing the same extract again adds nothing: rows
already there with the same content count as present, and a row already there with different content
is a problem (the import never overwrites what the records hold). See docs/historical-import.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.history.checks import check_extract
from iro_desktop.domain.history.format import CONFERENCES, FILE_ORDER, ExtractProblem
from iro_desktop.domain.history.ids import IdMaker
from iro_desktop.domain.history.rows import read_extract
from iro_desktop.domain.roles import Action, require
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.history_files import read_folder
from iro_desktop.services.history_rows import FILE_OF_TABLE, Planned, differences, plan_rows, shown
from iro_desktop.services.permissions import requires
from iro_desktop.services.policy import factors_in
from iro_desktop.services.rules import load_rules
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.history_repository import (
    existing_rows,
    factor_codes,
    insert_rows,
    load_known,
    set_conference_links,
)

# stage, done, total
Progress = Callable[[str, int, int], None]

READING = "Reading the files"
CHECKING = "Checking every row"
COMPARING = "Checking against the records"
IMPORTING = "Importing"

_TABLE_FIELD = {
    "families": "families",
    "children": "children",
    "conferences": "conferences",
    "child_decisions": "decisions",
    "child_plan_history": "plans",
    "people": "people",
    "invitations": "invitations",
}


@dataclass(frozen=True)
class Counts:
    """Rows per kind of record."""

    families: int = 0
    children: int = 0
    conferences: int = 0
    decisions: int = 0
    plans: int = 0
    people: int = 0
    invitations: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def text(self) -> str:
        """ "3 families, 6 children, ..."; people and invitations only when there are some (an extract
        without attendance.csv reads as it always did)."""
        optional = {"people", "invitations"}
        return ", ".join(f"{n} {name}" for name, n in self.as_dict().items() if n or name not in optional)


@dataclass(frozen=True)
class HistoryImportResult:
    """What checking (and importing) found: every problem, and the rows added or already present.
    With problems, nothing was stored; `added` then says what would have been added."""

    problems: tuple[ExtractProblem, ...] = ()
    added: Counts = field(default_factory=Counts)
    present: Counts = field(default_factory=Counts)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


class HistoryImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.IMPORT_HISTORY)
    def check(self, folder: Path | str, progress: Progress | None = None) -> HistoryImportResult:
        """Validate an extract against the records without storing anything (a dry run)."""
        return self._run(Path(folder), progress, write=False)

    @requires(Action.IMPORT_HISTORY)
    def import_history(self, folder: Path | str, progress: Progress | None = None) -> HistoryImportResult:
        """Validate and, only when there is no problem at all, import everything in one transaction."""
        return self._run(Path(folder), progress, write=True)

    def _run(self, folder: Path, progress: Progress | None, *, write: bool) -> HistoryImportResult:
        require(self.ctx.session.user, Action.IMPORT_HISTORY)
        report = progress or (lambda _stage, _done, _total: None)
        report(READING, 0, 1)
        tables, problems = read_folder(folder)
        if not tables:
            return HistoryImportResult(tuple(problems))
        total_rows = sum(len(t.rows) for t in tables.values())
        report(CHECKING, 0, total_rows)
        extract, row_problems = read_extract(
            tables, self.ctx.today(), lambda done: report(CHECKING, done, total_rows)
        )
        problems += row_problems
        report(CHECKING, total_rows, total_rows)
        ids = IdMaker(extract.source_system)
        with self.ctx.uow() as uow:
            session = uow.session
            report(COMPARING, 0, 3)
            rules = load_rules(uow)
            known, children_per_family = load_known(
                session, [r.code for r in rules.stood_down_reasons], [f.code for f in factors_in(session)]
            )
            report(COMPARING, 1, 3)
            problems += check_extract(extract, known, ids)
            planned = plan_rows(extract, ids, known.conferences, children_per_family)
            report(COMPARING, 2, 3)
            new, present, conflicts, relinks = _compare(session, planned)
            problems += conflicts
            report(COMPARING, 3, 3)
            added = _counts(new)
            if problems or not write:
                return HistoryImportResult(_in_file_order(problems), added, _counts(present), imported=False)
            self._write(session, planned, new, relinks, report)
            append_event(
                session,
                self.ctx.session.actor_name,
                AuditAction.IMPORTED,
                "history_import",
                str(uuid.uuid4()),
                after={
                    **{f"{k}_added": v for k, v in added.as_dict().items()},
                    **{f"{k}_already_present": v for k, v in _counts(present).as_dict().items()},
                },
            )
            uow.commit()
        return HistoryImportResult((), added, _counts(present), imported=True)

    def _write(
        self,
        session: Any,
        planned: Planned,
        new: dict[str, list[str]],
        relinks: list[tuple[str, str]],
        report: Progress,
    ) -> None:
        total = sum(len(v) for v in new.values())
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            report(IMPORTING, done, total)

        report(IMPORTING, 0, total)
        for table in (
            "families",
            "children",
            "conferences",
            "child_decisions",
            "child_plan_history",
            "people",
            "invitations",
        ):
            rows = planned.rows.get(table, {})
            chosen = [rows[i] for i in new.get(table, [])]
            if table == "conferences":
                chosen = [{**r, "previous_conference_id": None} for r in chosen]
            insert_rows(session, table, chosen, step)
            if table == "conferences":
                set_conference_links(
                    session,
                    "previous_conference_id",
                    [
                        (r["id"], rows[r["id"]]["previous_conference_id"])
                        for r in chosen
                        if rows[r["id"]]["previous_conference_id"]
                    ],
                )
                set_conference_links(session, "rearranged_to_id", relinks)
            if table == "child_decisions":
                insert_rows(
                    session,
                    "child_decision_factors",
                    [f for i in new.get(table, []) for f in planned.factors.get(i, [])],
                )
            if table == "child_plan_history":
                insert_rows(
                    session,
                    "child_plan_history_links",
                    [planned.links[i] for i in new.get(table, []) if i in planned.links],
                )


def _in_file_order(problems: list[ExtractProblem]) -> tuple[ExtractProblem, ...]:
    """Problems file by file (in the order the files are read), then row by row."""
    order = {name: n for n, name in enumerate(FILE_ORDER)}
    return tuple(sorted(problems, key=lambda p: (order.get(p.file, -1), p.row)))


def _counts(ids_by_table: dict[str, list[str]]) -> Counts:
    return Counts(**{_TABLE_FIELD[t]: len(v) for t, v in ids_by_table.items() if t in _TABLE_FIELD})


def _compare(
    session: Any, planned: Planned
) -> tuple[dict[str, list[str]], dict[str, list[str]], list[ExtractProblem], list[tuple[str, str]]]:
    """Split each table's rows into new and already present; a present row that differs is a problem.
    Also the stood-down conferences to link to their replacement."""
    new: dict[str, list[str]] = {}
    present: dict[str, list[str]] = {}
    problems: list[ExtractProblem] = []
    held_conferences: dict[str, dict[str, Any]] = {}
    for table, rows in planned.rows.items():
        held = existing_rows(session, table, list(rows))
        if table == "conferences":
            held_conferences = held
        if table == "child_decisions" and held:
            codes = factor_codes(session, list(held))
            for decision_id, row in held.items():
                row["factors"] = ";".join(codes.get(decision_id, []))
        if table == "child_plan_history" and held:
            links = existing_rows(session, "child_plan_history_links", list(held))
            for plan_id, row in held.items():
                link = links.get(plan_id, {})
                row["started_conference_id"] = link.get("started_conference_id")
                row["ended_conference_id"] = link.get("ended_conference_id")
        new[table], present[table] = [], []
        for row_id, wanted in rows.items():
            if row_id not in held:
                new[table].append(row_id)
                continue
            present[table].append(row_id)
            compare = dict(wanted)
            if table == "child_decisions":
                compare["factors"] = ";".join(f["factor_code"] for f in planned.factors.get(row_id, []))
            if table == "child_plan_history":
                link = planned.links.get(row_id, {})
                compare["started_conference_id"] = link.get("started_conference_id")
                compare["ended_conference_id"] = link.get("ended_conference_id")
            for column, was, now in differences(table, compare, held[row_id]):
                problems.append(
                    ExtractProblem(
                        FILE_OF_TABLE[table],
                        planned.source_rows[table][row_id],
                        column,
                        f"Imported before with a different value: the records hold {shown(was)}, the extract "
                        f"says {shown(now)}. The import never overwrites: correct the extract or the record.",
                    )
                )
    targets = [s for s, _, _ in planned.rearranged if s not in held_conferences]
    held_conferences.update(existing_rows(session, "conferences", targets))
    relinks: list[tuple[str, str]] = []
    for stood_down, replacement, number in planned.rearranged:
        current = held_conferences.get(stood_down, {}).get("rearranged_to_id")
        if current is None:
            relinks.append((stood_down, replacement))
        elif current != replacement:
            problems.append(
                ExtractProblem(
                    CONFERENCES,
                    number,
                    "iro_replaces_conference_id",
                    "The records already link that stood-down conference to another conference.",
                )
            )
    return new, present, problems, relinks
