"""Working through a team-server outage (issue 16 item 4): edits the server could not take are kept in
this desktop's encrypted outage journal (store.outage_journal) and applied, in the order they were
made, when it is back: through the same service calls as always (so every rule, the concurrency rule
included, applies), each under its idempotency key (store.applied_edits), so none is applied twice
even when the server took one and went away before answering.

An edit the server refuses for good when replayed (the record became final meanwhile, a conflict) leaves
the journal and is reported, with its reason, to whoever shows it; nothing is dropped silently.

What is kept (each one ordinary service call, its arguments plain JSON values): a map item's words; a new
map item, with the id this desktop gave it (so its later words, moves and deletion, kept too, name it), its
section, place and audience (held back, kept from whoever was out of the room as it was typed); a map item
moved, deleted, or held back (its audience); a summary section's words; a record sent on or approved; a
decision's or plan action's unrecorded draft (services.drafts). `kept_map_items` lays what is kept over
the map as the server has it, so the board shows it while it waits.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iro_desktop.domain.audience import EVERYONE, Audience, AudienceKind, Reason, audience
from iro_desktop.domain.concurrency import EditConflict, FieldConflict, ReadAs
from iro_desktop.domain.errors import DomainError, EnvironmentProblem, NotFound
from iro_desktop.domain.mapping import MapItem, Section
from iro_desktop.domain.record import RecordState, SectionKey
from iro_desktop.services.registry import Services
from iro_desktop.services.store_keys import new_key_file, seal_for_account, unwrap_account
from iro_desktop.store import key_file
from iro_desktop.store.applied_edits import AlreadyApplied, applying
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.key_file import read_key_file, write_key_file
from iro_desktop.store.outage_journal import Entry, HeldEntry, OutageJournal, journal_path

if TYPE_CHECKING:
    from iro_desktop.services.sign_in import Opened

log = logging.getLogger(__name__)

MAP_EDIT_TEXT = "map.edit_text"
MAP_ADD_ITEM = "map.add_item"
MAP_MOVE_ITEM = "map.move_item"
MAP_DELETE_ITEM = "map.delete_item"
MAP_SET_AUDIENCE = "map.set_audience"  # held back (Ctrl+Shift+H) or marked again: who may read an item
RECORD_SECTION = "records.save_section"
RECORD_MOVE = "records.move"  # sending for approval, approving
DRAFT_SAVE = "drafts.save"  # a decision (or plan action) typed, not yet recorded: its unrecorded draft
DRAFT_CLEAR = "drafts.clear"  # the form matches what is recorded again: no draft left

Operation = Callable[[Services, dict[str, Any]], object]


def audience_arguments(chosen: Audience | None) -> dict[str, Any] | None:
    """An audience as a kept edit's argument (None: everyone, or what the service decides)."""
    if chosen is None or not chosen.restricted:
        return None
    return {
        "kind": chosen.kind.value,
        "excluded": list(chosen.excluded),
        "reason": chosen.reason.value if chosen.reason else "",
        "reason_words": chosen.reason_words,
    }


def audience_from(arguments: dict[str, Any] | None) -> Audience | None:
    if not arguments:
        return None
    reason = str(arguments.get("reason") or "")
    return audience(
        AudienceKind(str(arguments["kind"])),
        [str(p) for p in arguments.get("excluded", [])],
        Reason(reason) if reason else None,
        str(arguments.get("reason_words", "")),
    )


def _add_item(s: Services, a: dict[str, Any]) -> object:
    """A new item typed during the outage, under the id this desktop gave it. Already on the server under
    that id (stored just as the server went away, before the desktop heard): nothing more to do."""
    if any(i.id == a["item_id"] for i in s.mapping.board(a["conference_id"]).items):
        return None
    return s.mapping.add_item(
        a["conference_id"],
        Section(a["section"]),
        a["text"],
        index=a.get("index"),
        item_id=a["item_id"],
        audience=audience_from(a.get("audience")),
    )


def _delete_item(s: Services, a: dict[str, Any]) -> object:
    try:
        return s.mapping.delete_item(a["item_id"])
    except NotFound:
        return None  # someone else deleted it meanwhile: what was wanted is so


def read_arguments(read: ReadAs | None, base_text: str) -> dict[str, Any] | None:
    """What kept words were based on, as a kept edit's argument: the row's version as last read from the
    server and the words before this edit (None: a new item or section only this computer has)."""
    return None if read is None else {"version": read.version, "text": base_text}


def _read(a: dict[str, Any]) -> ReadAs | None:
    based = a.get("read")
    return None if not based else ReadAs(int(based["version"]), {"text": str(based["text"])})


def text_target(entry: Entry | HeldEntry) -> tuple[str, ...] | None:
    """Which words an edit of words replaces (an item's, or a record section's); None for other edits."""
    a = entry.arguments
    if entry.operation == MAP_EDIT_TEXT:
        return (MAP_EDIT_TEXT, str(a["item_id"]))
    if entry.operation == RECORD_SECTION:
        return (RECORD_SECTION, str(a["conference_id"]), str(a["key"]), str(a.get("agency", "")))
    return None


def conflict_arguments(conflict: EditConflict, mine: str) -> dict[str, Any]:
    """An EditConflict met at replay as plain JSON, its words "mine" being the latest kept."""
    return {
        "label": conflict.label,
        "version": conflict.version,
        "conflicts": [
            {
                "field": c.field,
                "base": c.base,
                "mine": mine if c.field == "text" else c.mine,
                "theirs": c.theirs,
            }
            for c in conflict.conflicts
        ],
    }


def held_conflict(held: HeldEntry) -> EditConflict:
    """The conflict held words met, to show both versions (the same as met while typing)."""
    c = held.conflict
    return EditConflict(
        str(c["label"]),
        tuple(FieldConflict(f["field"], f["base"], f["mine"], f["theirs"]) for f in c["conflicts"]),
        int(c["version"]),
    )


# What can be kept: each operation is one ordinary service call (its arguments are plain JSON values).
# Words are applied based on what they were typed over (`read`), so words someone else stored in the same
# place meanwhile are never replaced: the kept words are held, beside theirs, for the person to choose.
OPERATIONS: dict[str, Operation] = {
    MAP_EDIT_TEXT: lambda s, a: s.mapping.edit_text(a["item_id"], a["text"], read=_read(a)),
    MAP_ADD_ITEM: _add_item,
    MAP_MOVE_ITEM: lambda s, a: s.mapping.move_item(a["item_id"], Section(a["section"]), int(a["index"])),
    MAP_DELETE_ITEM: _delete_item,
    MAP_SET_AUDIENCE: lambda s, a: s.mapping.set_audience(
        a["item_id"], audience_from(a["audience"]) or EVERYONE
    ),
    RECORD_SECTION: lambda s, a: s.records.save_section(
        a["conference_id"], SectionKey(a["key"]), a["text"], a.get("agency", ""), read=_read(a)
    ),
    RECORD_MOVE: lambda s, a: s.records.move(a["conference_id"], RecordState(a["target"])),
    DRAFT_SAVE: lambda s, a: s.drafts.save(a["conference_id"], a.get("child_id"), a["fields"], a["kind"]),
    DRAFT_CLEAR: lambda s, a: s.drafts.clear(a["conference_id"], a.get("child_id"), a["kind"]),
}


def kept_map_items(
    items: Sequence[MapItem], entries: Iterable[Entry], conference_id: str
) -> tuple[list[MapItem], frozenset[str]]:
    """A conference's map items as the server has them, with what the journal keeps for them laid over
    in order: new items at their place, words, moves, deletions. Returns the items (orders renumbered
    within each section) and the ids of the new items only this computer has."""
    sections: dict[Section, list[MapItem]] = {}
    for item in sorted(items, key=lambda i: i.order):
        sections.setdefault(item.section, []).append(item)
    where = {item.id: item.section for item in items}
    kept: set[str] = set()

    def take(item_id: str) -> MapItem:
        rows = sections[where.pop(item_id)]
        return rows.pop(next(n for n, row in enumerate(rows) if row.id == item_id))

    def put(item: MapItem, index: int | None) -> None:
        rows = sections.setdefault(item.section, [])
        rows.insert(len(rows) if index is None else max(0, min(index, len(rows))), item)
        where[item.id] = item.section

    for entry in entries:
        a = entry.arguments
        item_id = str(a.get("item_id", ""))
        if entry.operation == MAP_ADD_ITEM and a.get("conference_id") == conference_id:
            if item_id not in where:
                section = Section(a["section"])
                chosen = audience_from(a.get("audience"))
                new = MapItem(item_id, conference_id, section, str(a["text"]), 0)
                put(new if chosen is None else replace(new, audience=chosen), a.get("index"))
                kept.add(item_id)
        elif item_id not in where:
            continue  # another conference's item (or gone)
        elif entry.operation == MAP_EDIT_TEXT:
            rows = sections[where[item_id]]
            n = next(n for n, row in enumerate(rows) if row.id == item_id)
            rows[n] = replace(rows[n], text=str(a["text"]))
        elif entry.operation == MAP_MOVE_ITEM:
            put(replace(take(item_id), section=Section(a["section"])), int(a["index"]))
        elif entry.operation == MAP_DELETE_ITEM:
            take(item_id)
            kept.discard(item_id)
        elif entry.operation == MAP_SET_AUDIENCE:
            rows = sections[where[item_id]]
            n = next(n for n, row in enumerate(rows) if row.id == item_id)
            rows[n] = replace(rows[n], audience=audience_from(a["audience"]) or EVERYONE)
    shown = [replace(item, order=n) for section in sections.values() for n, item in enumerate(section)]
    return shown, frozenset(kept)


@dataclass
class Replayed:
    """What one replay did: applied now, found applied before, refused for good (with why), still kept."""

    applied: int = 0
    already: int = 0
    refused: list[tuple[Entry, str]] = field(default_factory=list)
    left: int = 0
    held: list[HeldEntry] = field(default_factory=list)  # words someone else changed too: kept, both shown
    problem: EnvironmentProblem | None = None  # why the replay stopped (the server went away again)
    kept: Entry | None = None  # by `submit`: the edit it kept


class OutageService:
    """The journal and its replay, for one signed-in account's services."""

    def __init__(self, services: Services, journal: OutageJournal) -> None:
        self.services = services
        self.journal = journal
        self._replaying = threading.Lock()
        # Told by the listening connection (services.live_updates): while the server is known to be away,
        # an edit is only kept (no attempt that could wait on the network); replayed when it is back.
        self.server_away = False

    def waiting(self) -> int:
        """How many edits are kept on this computer, not yet on the server."""
        return len(self.journal)

    def keeping(self) -> bool:
        """Whether an edit goes into the journal now: the server is known to be away, or edits kept
        earlier still wait there (a new one must not overtake them)."""
        return self.server_away or bool(self.waiting())

    def kept_draft(self, conference_id: str, child_id: str | None, kind: str) -> tuple[bool, Any]:
        """The latest unrecorded draft the journal keeps for a form: (True, its fields) or (True, None)
        when it was cleared; (False, None) when the journal keeps none (the server's is the one)."""
        found: tuple[bool, Any] = (False, None)
        for entry in self.journal.entries():
            a = entry.arguments
            if entry.operation in (DRAFT_SAVE, DRAFT_CLEAR) and (
                a.get("conference_id"),
                a.get("child_id"),
                a.get("kind"),
            ) == (conference_id, child_id, kind):
                found = (True, a["fields"] if entry.operation == DRAFT_SAVE else None)
        return found

    def keep(self, operation: str, **arguments: Any) -> Entry:
        if operation not in OPERATIONS:
            raise ValueError(f"not an operation the journal keeps: {operation}")
        return self.journal.keep(operation, arguments)

    def submit(self, operation: str, **arguments: Any) -> Replayed:
        """Keep the edit, then try to apply everything kept, in order. The edit is safe on this computer
        whatever the server does; `Replayed.left` says whether it is still waiting."""
        kept = self.keep(operation, **arguments)
        result = Replayed(left=self.waiting()) if self.server_away else self.replay()
        result.kept = kept
        return result

    def refused(self, result: Replayed) -> str | None:
        """Why the edit `submit` kept was refused when applied (None: stored or still kept)."""
        return next(
            (why for entry, why in result.refused if result.kept and entry.key == result.kept.key), None
        )

    def entries(self) -> list[Entry]:
        """What is kept, oldest first."""
        return self.journal.entries()

    def replay(self) -> Replayed:
        """Apply what is kept, oldest first, stopping at the first edit the server cannot be reached for
        (the rest wait behind it, in order). Another replay already running: nothing more is done."""
        result = Replayed()
        if not self._replaying.acquire(blocking=False):
            result.left = self.waiting()
            return result
        try:
            entries = self.journal.entries()
            done: set[str] = set()  # held with a later edit of the same words (the latest is held)
            for n, entry in enumerate(entries):
                if entry.key in done:
                    continue
                try:
                    outcome = self._apply(entry)
                except EnvironmentProblem as problem:
                    result.problem = problem
                    break
                except EditConflict as conflict:
                    if text_target(entry) is not None:  # words: kept beside theirs, for a choice
                        held = self._hold(entry, entries[n + 1 :], conflict)
                        done.update(e.key for e in entries[n:] if text_target(e) == text_target(entry))
                        log.warning("Kept words met other words when replayed: held for a choice")
                        result.held.append(held)
                        continue
                    self.journal.forget(entry.key)
                    result.refused.append((entry, str(conflict)))
                    continue
                except DomainError as refusal:
                    log.warning("A kept edit was refused when replayed: %s", type(refusal).__name__)
                    self.journal.forget(entry.key)
                    result.refused.append((entry, str(refusal)))
                    continue
                if outcome:
                    result.applied += 1
                else:
                    result.already += 1
            result.left = self.waiting()
        finally:
            self._replaying.release()
        return result

    def _hold(self, entry: Entry, later: Sequence[Entry], conflict: EditConflict) -> HeldEntry:
        """Words someone else changed too: this edit and the later ones of the same words leave the replay
        order, kept as one (the latest words) beside the conflict, until the person chooses."""
        target = text_target(entry)
        same = [entry, *(e for e in later if text_target(e) == target)]
        latest = same[-1].arguments
        for earlier in self.journal.held():  # words held there before: these later ones take their place
            if text_target(earlier) == target:
                self.journal.release(earlier.key)
        return self.journal.hold(
            same, entry.operation, latest, conflict_arguments(conflict, str(latest["text"]))
        )

    def held(self) -> list[HeldEntry]:
        """Kept words that met someone else's (oldest first): shown with both, until chosen."""
        return self.journal.held()

    def release(self, key: str) -> None:
        """The person chose for held words: mine stored again (through the usual save) or theirs taken."""
        self.journal.release(key)

    def _apply(self, entry: Entry) -> bool:
        """True when applied now; False when the server had it already. Raises when it cannot be."""
        operation = OPERATIONS[entry.operation]
        try:
            with applying(entry.key):
                operation(self.services, entry.arguments)
        except AlreadyApplied:
            self.journal.forget(entry.key)
            return False
        self.journal.forget(entry.key)
        return True


def open_journal(data_dir: Path, account_id: str, username: str, password: str) -> OutageJournal:
    """This account's outage journal, its key sealed under the account's password (Argon2id, as the
    store's own key file: services.store_keys), made on the account's first sign-in on this computer.
    A password changed on the server since: the old journal cannot be opened, so it is set aside (kept,
    never overwritten) and a new one begun."""
    path = journal_path(data_dir, account_id)
    keys_path = key_file.beside(path)  # outage-journal-<id>.db.store-keys.json
    keys = read_key_file(keys_path) if keys_path.exists() else None
    unlocked = unwrap_account(keys, username, password) if keys is not None else None
    if unlocked is None or not path.exists():
        if path.exists():
            path.rename(path.with_name(f"{path.stem}-set-aside-{uuid.uuid4().hex[:8]}{path.suffix}"))
        keys = new_key_file()
        raw = DataKey.generate().raw()
        entry, _signing = seal_for_account(keys, account_id, username, password, raw)
        write_key_file(keys_path, keys.with_account(entry))
        return OutageJournal(path, DataKey(raw))
    return OutageJournal(path, DataKey(unlocked.data_key))


def attach_journal(opened: Opened, username: str, password: str) -> None:
    """At sign-in to a team server: the account's outage journal joins its services (an SQLite store
    needs none: its records are on this computer already)."""
    if opened.store.location.sqlite_path is not None:
        return
    journal = open_journal(opened.store.location.data_dir, opened.user.id, username, password)
    opened.services = opened.services.with_outage(OutageService(opened.services, journal))
