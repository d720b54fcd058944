"""Team store load test (issue 16): many chairs and clerks at once on one PostgreSQL server.

    python -m benchmarks.team_load [--clients 20] [--seconds 120] [--url URL]

Without `--url`, a throwaway PostgreSQL cluster is started on a private unix socket (no TCP port; the
server binaries Debian's `postgresql` package installs, as the tests do), with the server's default
durability (fsync and synchronous commit on), migrated by `admin migrate` with an application role that
the clients connect as. With `--url`, a migrated team database you give is used (loopback or a socket
only: nothing else is allowed), and the run's fictional families stay in it.

Half the clients are chairs, half clerks, in pairs sharing families. Each is a process of its own with its
own store connection and services, as a desktop is, and for `--seconds`:
- a chair types into the map at human speed (a word stored every 0.2-0.5 s, as the app stores at word
  ends and pauses), now and then records a decision, adds to the discussion summary, approves the record
  once the clerk has submitted it, and runs the annual report;
- a clerk types into the summary (the same sections as the chair, so both change the same words), notes
  who said a map item (another field of the chair's item: merged in silently), and submits the record.
Every save names the version it read. A conflict is resolved as a person would: keep mine (saved again
on top of theirs) or take theirs. An edit that arrives while the record is being approved is refused.

Checked at the end, against what each client believes it stored (its ledger): 0 lost updates (every
stored write's field held, just before it, what the client read or what it wrote; each row's versions
are claimed once each, none missing, and its final value is the last claimed), 0 unhandled errors, the
audit chain intact with one summary event per stored summary save, every approved record's lock intact.
Printed: p50/p95/p99 save latency (goal p99 < 50 ms) beside the same save on SQLite measured in this run;
of each save, the client's own CPU time, its round trips to the server (statements, BEGIN, COMMIT and the
pool's ping, counted by engine events) and its wait for the audit trail's lock; the load average before
the run (the machine's other work), sampled during it and after it, with the cores. On 2 cores, 20
client processes and the server are CPU-bound: the figures then measure the queue for a core more than
the store. `--clients 4` or 6 beside it tells the two apart.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from iro_desktop.domain.concurrency import EditConflict, ReadAs
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import Category, DecisionInput, Outcome
from iro_desktop.domain.errors import DomainError, EnvironmentProblem
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section as MapSection
from iro_desktop.domain.record import RecordLocked, RecordState, SectionKey
from iro_desktop.domain.roles import Role, User
from iro_desktop.reports import reporting_year
from iro_desktop.services.approval_signing import public_hex
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.errors import ConcurrentSave
from iro_desktop.store.location import StoreLocation, resolve_location
from iro_desktop.store.opening import Store, open_store

TODAY = date(2026, 11, 23)
CONFERENCES_PER_PAIR = 10
WORDS = tuple(
    [
        "Zoë",
        "said",
        "home",
        "is",
        "calm",
        "when",
        "Babcia",
        "is",
        "there",
        "and",
        "Dad",
        "now",
        "attends",
        "the",
        "group",
        "most",
        "weeks",
    ]
)
GOAL_MS = 50.0
WARM_UP = 5  # each client's first saves (its first connection, statement caches) are left out
APP_ROLE = "iro_load_app"
DATABASE = "iro_load"


def _summary_keys() -> tuple[SectionKey, ...]:
    keys = tuple(k for k in SectionKey if k is not SectionKey.AGENCY)
    return keys[:2]


@dataclass(frozen=True)
class Pair:
    """A chair and a clerk sharing families: each conference's id and its map items' ids."""

    chair: dict[str, Any]
    clerk: dict[str, Any]
    conferences: list[dict[str, Any]]  # {"id", "child_id", "items": [ids]}


# --- the server ------------------------------------------------------------------------------------


def _loopback_only(url: str) -> None:
    parsed = urlparse(url)
    hosts = parse_qs(parsed.query).get("host", []) + ([parsed.hostname] if parsed.hostname else [])
    for host in hosts:
        if not (host.startswith("/") or host in {"localhost", "127.0.0.1", "::1"}):
            raise SystemExit(f"team_load runs on this computer only (loopback or a socket), not {host!r}.")


def _start_server(root: Path) -> tuple[Any, str, str]:
    """A throwaway durable cluster; returns (cluster, owner url, application role url)."""
    from tests import postgres

    cluster = postgres.start_cluster(postgres.DURABLE_SERVER_OPTIONS)
    admin = cluster.admin()
    admin.execute(f"CREATE ROLE {APP_ROLE} LOGIN")
    admin.execute(f"CREATE DATABASE {DATABASE}")
    owner_url = cluster.url(DATABASE)
    from iro_desktop.store import server_admin

    server_admin.migrate(StoreLocation(data_dir=root / "admin", url=owner_url), APP_ROLE, backup=False)
    return cluster, owner_url, cluster.url(DATABASE, user=APP_ROLE)


# --- seeding ---------------------------------------------------------------------------------------


def _account(store: Store, user: User) -> str:
    """Create the account with a signing key (fictional; returned as raw hex for its client)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from iro_desktop.store.models import SigningKeyRow, UserRow

    key = Ed25519PrivateKey.generate()
    with store.uow() as uow:
        uow.session.add(
            UserRow(
                id=user.id,
                username=user.username,
                display_name=user.display_name,
                role=user.role.value,
                is_admin=False,
                password_hash="not used: the load test signs in directly",
            )
        )
        uow.session.flush()
        uow.session.add(
            SigningKeyRow(
                user_id=user.id,
                username=user.username,
                display_name=user.display_name,
                role=user.role.value,
                public_key=public_hex(key),
                wrapped_private_key="not wrapped: the load test's fictional key",
            )
        )
        uow.commit()
    raw = key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return raw.hex()


def _user(data: dict[str, Any]) -> User:
    return User(data["id"], data["username"], data["name"], Role(data["role"]))


def seed(store: Store, pairs: int, conferences: int) -> list[Pair]:
    services = _services(store, SYSTEM_USER, None)
    out = []
    for n in range(pairs):
        people = []
        for role, name in ((Role.CHAIR, f"Chair {n} Ó Briain"), (Role.CLERK, f"Clerk {n} Wójcik")):
            user = User(f"{role.value}-{n}", f"{role.value}{n}", name, role)
            key = _account(store, user)
            people.append(
                {"id": user.id, "username": user.username, "name": name, "role": role.value, "key": key}
            )
        confs = []
        for m in range(conferences):
            family = services.families.create_family(
                f"LOAD-{n}-{m}",
                f"Kowalczyk {n}-{m} family",
                [ChildInput("Zofia", "Kowalczyk", date(2019, 4, 1))],
            )
            conf = services.conferences.book(
                family.id,
                ConferenceType.INITIAL,
                TODAY - timedelta(days=1),
                clock_start=TODAY - timedelta(days=10),
            )
            items = [
                services.mapping.add_item(conf.id, section, "").id
                for section in (MapSection.DANGER, MapSection.STRENGTHS, MapSection.NEXT_STEPS)
            ]
            services.records.get(conf.id)  # the record exists, in the meeting
            confs.append({"id": conf.id, "child_id": family.children[0].id, "items": items})
        out.append(Pair(people[0], people[1], confs))
    return out


def _services(store: Store, user: User, key_hex: str | None) -> Services:
    signed = SignedIn(user)
    if key_hex is not None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        signed.keys[user.id] = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(key_hex))
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=signed))


# --- one client ------------------------------------------------------------------------------------


class RoundTrips:
    """Counts one client's round trips to the server by engine events: every statement (savepoints
    included), BEGIN and COMMIT/ROLLBACK (psycopg sends each on its own), and the pool's ping at each
    checkout (`pool_pre_ping`); and the time spent in the audit trail's `pg_advisory_xact_lock` (the wait
    for the lock, plus one round trip)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.count = 0
        self.lock_s = 0.0
        self._lock_started: float | None = None
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "after_cursor_execute", self._statement_done)
        for name in ("begin", "commit", "rollback"):
            event.listen(engine, name, self._one)
        event.listen(engine.pool, "checkout", lambda *_args: self._one())

    def _one(self, *_args: Any) -> None:
        self.count += 1

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.count += 1
        if "pg_advisory_xact_lock" in statement:
            self._lock_started = time.perf_counter()

    def _statement_done(self, *_args: Any) -> None:
        if self._lock_started is not None:
            self.lock_s += time.perf_counter() - self._lock_started
            self._lock_started = None


class Client:
    """One desktop: its services, what it believes it stored (the ledger) and its save latencies."""

    def __init__(self, services: Services, conferences: list[dict[str, Any]], rng: random.Random) -> None:
        self.services = services
        self.conferences = conferences
        self.rng = rng
        self.current = 0
        self.ledger: list[dict[str, Any]] = []
        self.errors: list[str] = []
        self.saves_ms: list[float] = []
        self.saves_cpu_ms: list[float] = []  # this process's CPU time in each save (the rest is waiting)
        self.saves_trips: list[int] = []  # round trips to the server in each save (see RoundTrips)
        self.saves_lock_ms: list[float] = []  # time in each save waiting for (and taking) the audit lock
        self.trips: RoundTrips | None = None
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.reads: dict[str, ReadAs] = {}  # what this desktop last read or stored of each field's row
        self.texts: dict[str, str] = {}

    @property
    def conference(self) -> dict[str, Any] | None:
        return self.conferences[self.current] if self.current < len(self.conferences) else None

    def next_conference(self) -> None:
        """The record went final: move on to the family's next one (as the queue would)."""
        while self.conference is not None and self.services.records.is_locked(self.conference["id"]):
            self.current += 1

    def _note(self, **entry: Any) -> None:
        self.ledger.append(entry)

    def _timed(self, kind: str, call: Any) -> Any:
        """Time `call`; a typing save counts towards the save latency only when it was stored (a refusal
        or a conflict is timed under its own name)."""
        start, cpu = time.perf_counter(), time.process_time()
        trips, lock_s = (self.trips.count, self.trips.lock_s) if self.trips else (0, 0.0)
        outcome = "refused"
        try:
            result = call()
            outcome = "stored"
            return result
        finally:
            ms = (time.perf_counter() - start) * 1000
            self.timings[kind if outcome == "stored" else f"{kind} (not stored)"].append(ms)
            if kind in {"summary", "map_text"} and outcome == "stored":
                self.saves_ms.append(ms)
                self.saves_cpu_ms.append((time.process_time() - cpu) * 1000)
                if self.trips is not None:
                    self.saves_trips.append(self.trips.count - trips)
                    self.saves_lock_ms.append((self.trips.lock_s - lock_s) * 1000)

    def type_summary(self, key: SectionKey) -> None:
        conf = self.conference
        if conf is None:
            return
        place = f"{conf['id']}/{key.value}"
        read = self.reads.get(place, ReadAs(0, {"text": ""}))
        base = str(read.values.get("text", ""))
        text = (base + " " + self.rng.choice(WORDS)).strip() if len(base) < 400 else self.rng.choice(WORDS)
        for _attempt in range(6):
            try:
                stored = self._timed(
                    "summary",
                    lambda r=read: self.services.records.save_section(conf["id"], key, text, read=r),
                )
            except EditConflict as conflict:
                theirs = str(conflict.theirs()["text"])
                self._note(kind="section", row=place, outcome="conflict", mine=text, theirs=theirs)
                if self.rng.random() < 0.5:  # take theirs: nothing stored, their words on screen
                    self.reads[place] = ReadAs(conflict.version, {"text": theirs})
                    return
                read = ReadAs(conflict.version, {"text": theirs})  # keep mine, on top of theirs
                continue
            except ConcurrentSave:
                self._note(kind="section", row=place, outcome="retried")
                continue  # the runner tries again
            except RecordLocked:
                self._note(kind="section", row=place, outcome="refused")
                self.next_conference()
                return
            self._note(
                kind="section",
                row=place,
                field="text",
                outcome="stored",
                version=stored.version,
                read=read.values.get("text", ""),
                read_version=read.version,
                new=text,
            )
            self.reads[place] = ReadAs(stored.version, {"text": stored.text})
            return

    def _item_read(self, item_id: str, fields: tuple[str, ...]) -> ReadAs:
        read = self.reads.get(item_id)
        if read is None:
            board = self.services.mapping.board(self.conference["id"]) if self.conference else None
            for item in board.items if board else ():
                if item.id == item_id:
                    read = ReadAs(item.version, {"text": item.text, "source": item.source})
            assert read is not None
        return ReadAs(read.version, {f: read.values.get(f) for f in fields})

    def type_map(self) -> None:
        conf = self.conference
        if conf is None:
            return
        item_id = self.rng.choice(conf["items"])
        read = self._item_read(item_id, ("text",))
        base = str(read.values.get("text") or "")
        text = (base + " " + self.rng.choice(WORDS)).strip() if len(base) < 300 else self.rng.choice(WORDS)
        self._edit_item(
            item_id, "text", text, read, lambda r: self.services.mapping.edit_text(item_id, text, read=r)
        )

    def note_source(self) -> None:
        conf = self.conference
        if conf is None:
            return
        item_id = self.rng.choice(conf["items"])
        read = self._item_read(item_id, ("source", "child_id"))
        source = f"Health visitor {len(self.ledger)}"
        self._edit_item(
            item_id,
            "source",
            source,
            read,
            lambda r: self.services.mapping.set_details(item_id, source, None, read=r),
        )

    def _edit_item(self, item_id: str, field: str, value: str, read: ReadAs, call: Any) -> None:
        for _attempt in range(6):
            try:
                item = self._timed("map_text" if field == "text" else "map_details", lambda r=read: call(r))
            except EditConflict as conflict:
                self._note(kind="item", row=item_id, outcome="conflict")
                read = ReadAs(conflict.version, {**read.values, **conflict.theirs()})
                continue
            except ConcurrentSave:
                self._note(kind="item", row=item_id, outcome="retried")
                continue
            except RecordLocked:
                self._note(kind="item", row=item_id, outcome="refused")
                self.next_conference()
                return
            self._note(
                kind="item",
                row=item_id,
                field=field,
                outcome="stored",
                version=item.version,
                read=read.values.get(field),
                read_version=read.version,
                new=value,
            )
            self.reads[item_id] = ReadAs(item.version, {"text": item.text, "source": item.source})
            return

    def decide(self) -> None:
        conf = self.conference
        if conf is None:
            return
        data = DecisionInput(
            Outcome.PLAN_MADE, "Load chair", self.rng.choice([Category.NEGLECT, Category.EMOTIONAL])
        )
        try:
            self._timed(
                "decision", lambda: self.services.decisions.record(conf["id"], conf["child_id"], data)
            )
            self._note(kind="decision", row=conf["id"], outcome="stored")
        except RecordLocked:
            self._note(kind="decision", row=conf["id"], outcome="refused")
            self.next_conference()
        except ConcurrentSave:
            self._note(kind="decision", row=conf["id"], outcome="retried")

    def submit(self) -> None:
        conf = self.conference
        if conf is None:
            return
        record = self.services.records.get(conf["id"])
        target = {
            RecordState.IN_MEETING: RecordState.WITH_CLERK,
            RecordState.WITH_CLERK: RecordState.AWAITING_APPROVAL,
        }
        if record.state in target:
            self._timed("submit", lambda: self.services.records.move(conf["id"], target[record.state]))
            self._note(kind="move", row=conf["id"], outcome="stored")
        elif record.state.locked:
            self.next_conference()

    def approve(self) -> None:
        conf = self.conference
        if conf is None:
            return
        if self.services.records.get(conf["id"]).state is RecordState.AWAITING_APPROVAL:
            self._timed("approve", lambda: self.services.records.move(conf["id"], RecordState.FINAL))
            self._note(kind="approve", row=conf["id"], outcome="stored")
            self.next_conference()

    def report(self) -> None:
        self._timed("report", lambda: self.services.reports.report(reporting_year(2026)))


def run_client(
    url: str,
    data_dir: str,
    person: dict[str, Any],
    conferences: list[dict[str, Any]],
    seconds: float,
    seed_n: int,
    out: str,
) -> None:
    """One client process: act as a chair or a clerk for `seconds`; write the ledger to `out`."""
    rng = random.Random(seed_n)
    store = open_store(StoreLocation(data_dir=Path(data_dir), url=url))
    user = _user(person)
    client = Client(_services(store, user, person["key"]), conferences, rng)
    client.trips = RoundTrips(store.engine)
    chair = user.role is Role.CHAIR
    keys = _summary_keys()
    every = (
        {"decide": 8.0, "summary": 3.0, "approve": 4.0, "report": 40.0}
        if chair
        else {"source": 4.0, "submit": 15.0}
    )
    due = {name: time.monotonic() + rng.uniform(0, period) for name, period in every.items()}
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end and client.conference is not None:
            now = time.monotonic()
            try:
                for name, period in every.items():
                    if now >= due[name]:
                        due[name] = now + period * rng.uniform(0.7, 1.3)
                        if name == "decide":
                            client.decide()
                        elif name == "summary":
                            client.type_summary(rng.choice(keys))
                        elif name == "approve":
                            client.approve()
                        elif name == "report":
                            client.report()
                        elif name == "source":
                            client.note_source()
                        elif name == "submit":
                            client.submit()
                if chair:
                    client.type_map()
                else:
                    client.type_summary(rng.choice(keys))
            except (DomainError, EnvironmentProblem) as exc:
                # A refusal or a problem the app shows (told apart from a crash): counted, not hidden.
                client._note(kind="refusal", outcome=type(exc).__name__, message=str(exc)[:200])
                client.next_conference()
            time.sleep(rng.uniform(0.2, 0.5))  # a word at a time, at a person's speed
    except BaseException:  # an unhandled error: the app's crash dialog; counted and failed below
        client.errors.append(traceback.format_exc(limit=8))
    finally:
        store.close()
    Path(out).write_text(
        json.dumps(
            {
                "ledger": client.ledger,
                "errors": client.errors,
                "saves_ms": client.saves_ms[WARM_UP:],
                "saves_cpu_ms": client.saves_cpu_ms[WARM_UP:],
                "saves_trips": client.saves_trips[WARM_UP:],
                "saves_lock_ms": client.saves_lock_ms[WARM_UP:],
                "timings": client.timings,
            }
        )
    )


# --- checking --------------------------------------------------------------------------------------


def check(store: Store, ledgers: list[dict[str, Any]]) -> dict[str, Any]:
    """Lost updates, version claims and the final values, against every client's ledger."""
    from sqlalchemy import select

    from iro_desktop.store.models import MapItemRow, RecordRow, RecordSectionRow

    stored = [e for led in ledgers for e in led["ledger"] if e.get("outcome") == "stored" and "version" in e]
    by_row: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in stored:
        by_row[entry["row"]].append(entry)
    problems: list[str] = []
    with store.uow() as uow:
        finals: dict[str, tuple[int, dict[str, Any]]] = {}
        for item in uow.session.scalars(select(MapItemRow)):
            finals[item.id] = (item.version, {"text": item.text, "source": item.source})
        records = {r.id: r.conference_id for r in uow.session.scalars(select(RecordRow))}
        for section in uow.session.scalars(select(RecordSectionRow)):
            place = f"{records[section.record_id]}/{section.key}"
            finals[place] = (section.version, {"text": section.text})
    seed_version = {"item": 1, "section": 0}
    seed_value: dict[str, Any] = {"text": "", "source": ""}
    for row, entries in by_row.items():
        kind = entries[0]["kind"]
        final_version, final_values = finals.get(row, (seed_version[kind], {}))
        expected = list(range(seed_version[kind] + 1, final_version + 1))
        claims: dict[int, set[str]] = defaultdict(set)
        for entry in entries:
            claims[entry["version"]].add(json.dumps([entry["field"], entry["new"]]))
        if sorted(claims) != expected:
            problems.append(f"{row}: versions claimed {sorted(claims)[:6]}… not each of {expected[:6]}…")
        for version, values in claims.items():
            if len(values) > 1:  # two writers both believe they stored this version, differently
                problems.append(f"{row}: version {version} claimed with different words by two writers")
        for field in {e["field"] for e in entries}:
            # The same words saved by two people at once (the rule's "same change") claim one version.
            chain = sorted((e for e in entries if e["field"] == field), key=lambda e: e["version"])
            before = seed_value[field]
            for entry in chain:
                if before not in (entry["read"], entry["new"]):
                    problems.append(
                        f"{row}.{field} v{entry['version']}: overwrote words its writer never saw"
                    )
                before = entry["new"]
            if final_values.get(field) != before:
                problems.append(f"{row}.{field}: stored {final_values.get(field)!r}, last claimed {before!r}")
    return {"problems": problems, "rows": len(by_row), "stored_writes": len(stored)}


def _summary_events(store: Store) -> int:
    """Audit entries of summary saves (each stored save appends exactly one)."""
    from sqlalchemy import func, select

    from iro_desktop.store.models import AuditRow

    with store.uow() as uow:
        stmt = select(func.count()).select_from(AuditRow).where(AuditRow.entity_type == "record_section")
        return int(uow.session.execute(stmt).scalar_one())


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg()) + f" ({os.cpu_count()} cores)"


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _line(label: str, values: list[float]) -> str:
    return (
        f"{label}: n={len(values)} p50 {_pct(values, 0.5):.1f} ms, p95 {_pct(values, 0.95):.1f} ms, "
        f"p99 {_pct(values, 0.99):.1f} ms"
    )


class LoadSampler:
    """The 1-minute load average every few seconds while the clients run (the figures' conditions)."""

    def __init__(self, every_s: float = 5.0) -> None:
        import threading

        self.samples: list[float] = []
        self._stop = threading.Event()
        self._every = every_s
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        self.samples.append(os.getloadavg()[0])
        while not self._stop.wait(self._every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self) -> str:
        if not self.samples:
            return "no samples"
        return (
            f"1-min load average min {min(self.samples):.2f}, median {_pct(self.samples, 0.5):.2f}, "
            f"max {max(self.samples):.2f} ({len(self.samples)} samples, {os.cpu_count()} cores)"
        )


# --- SQLite, measured in the same run ---------------------------------------------------------------


def sqlite_saves(folder: Path, saves: int) -> list[float]:
    """The same typing saves (map text and summary, each naming its read) on a one-desktop SQLite store."""
    store = open_store(resolve_location(folder, environ={}))
    try:
        pair = seed(store, 1, 1)[0]
        client = Client(
            _services(store, _user(pair.chair), pair.chair["key"]), pair.conferences, random.Random(7)
        )
        keys = _summary_keys()
        for n in range(saves):
            if n % 2:
                client.type_map()
            else:
                client.type_summary(keys[n % len(keys)])
        return client.saves_ms
    finally:
        store.close()


# --- the run ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clients", type=int, default=4, help="client processes (even: chair and clerk pairs)"
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="how long each client works")
    parser.add_argument("--url", help="a migrated team database on this computer (else a throwaway cluster)")
    parser.add_argument("--sqlite-saves", type=int, default=400, help="saves measured on SQLite")
    args = parser.parse_args(argv)
    pairs = max(1, args.clients // 2)
    before_run = _load()  # the machine's other work, before this run adds any
    root = Path(tempfile.mkdtemp(prefix="iro-team-load-"))
    cluster = None
    try:
        if args.url:
            _loopback_only(args.url)
            seed_url = client_url = args.url
        else:
            cluster, seed_url, client_url = _start_server(root)
        seed_store = open_store(StoreLocation(data_dir=root / "seed", url=seed_url))
        try:
            plan = seed(seed_store, pairs, CONFERENCES_PER_PAIR)
        finally:
            seed_store.close()
        print(f"load average before the run: {before_run}; after seeding: {_load()}")
        print(f"clients: {pairs * 2} ({pairs} chairs, {pairs} clerks), {args.seconds:g} s each")
        context = multiprocessing.get_context("spawn")
        processes, outs = [], []
        for n, pair in enumerate(plan):
            for person in (pair.chair, pair.clerk):
                out = root / f"client-{person['id']}.json"
                outs.append(out)
                processes.append(
                    context.Process(
                        target=run_client,
                        args=(
                            client_url,
                            str(root / person["id"]),
                            person,
                            pair.conferences,
                            args.seconds,
                            n * 2 + len(outs),
                            str(out),
                        ),
                    )
                )
        started = time.monotonic()
        with LoadSampler() as during:
            for process in processes:
                process.start()
            for process in processes:
                process.join(args.seconds + 300)
        wall = time.monotonic() - started
        crashed = [p.exitcode for p in processes if p.exitcode != 0]
        ledgers = [json.loads(out.read_text()) for out in outs if out.exists()]
        check_store = open_store(StoreLocation(data_dir=root / "check", url=seed_url))
        try:
            result = check(check_store, ledgers)
            services = _services(check_store, SYSTEM_USER, None)
            audit = services.audit.verify()
            broken_locks = services.records.check_all()
            summary_events = _summary_events(check_store)
        finally:
            check_store.close()
        entries = [e for led in ledgers for e in led["ledger"]]
        outcomes: dict[str, int] = defaultdict(int)
        for entry in entries:
            outcomes[f"{entry['kind']} {entry['outcome']}"] += 1
        errors = [err for led in ledgers for err in led["errors"]]
        saves = [ms for led in ledgers for ms in led["saves_ms"]]
        saves_cpu = [ms for led in ledgers for ms in led["saves_cpu_ms"]]
        trips = [float(n) for led in ledgers for n in led["saves_trips"]]
        lock_ms = [ms for led in ledgers for ms in led["saves_lock_ms"]]
        timings: dict[str, list[float]] = defaultdict(list)
        for led in ledgers:
            for kind, values in led["timings"].items():
                timings[kind] += values
        stored_sections = outcomes.get("section stored", 0)
        print(f"wall time: {wall:.1f} s; writes: {len(entries)} ({len(saves)} typing saves)")
        print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
        lost = len(result["problems"])
        print(
            f"lost updates: {lost} (checked {result['stored_writes']} stored writes on {result['rows']} rows)"
        )
        for problem in result["problems"][:10]:
            print(f"  {problem}")
        unhandled = len(errors) + len(crashed) + (len(processes) - len(ledgers))
        print(f"unhandled errors: {unhandled}")
        for error in errors[:3]:
            print(error)
        print(f"audit chain: {'intact' if not audit.breaks else 'BROKEN'} ({audit.entries} entries)")
        print(f"summary saves audited: {summary_events} events for {stored_sections} stored saves")
        print(f"approved records with a broken lock: {len(broken_locks)}")
        print(
            _line("save on PostgreSQL (typing: map text and summary)", saves)
            + f" (goal p99 < {GOAL_MS:g} ms)"
        )
        print("  " + _line("of which this client's own CPU time", saves_cpu))
        print(
            f"  round trips per save: mean {sum(trips) / max(1, len(trips)):.1f}, "
            f"p50 {_pct(trips, 0.5):.0f}, max {max(trips, default=0):.0f} (statements, BEGIN, COMMIT, ping)"
        )
        print("  " + _line("of which waiting for the audit lock (summary saves take it)", lock_ms))
        print(f"load average during the run: {during.summary()}")
        for kind in sorted(timings):
            print("  " + _line(kind, timings[kind]))
        lite = sqlite_saves(root / "sqlite", args.sqlite_saves)
        print(_line("same save on SQLite (one desktop, this run)", lite[WARM_UP:]))
        print(f"load average at the end: {_load()}")
        ok = lost == 0 and unhandled == 0 and not audit.breaks and not broken_locks
        ok = ok and summary_events == stored_sections
        print("result: " + ("pass" if ok else "FAIL"))
        return 0 if ok else 1
    finally:
        if cluster is not None:
            from tests import postgres

            postgres.remove_cluster(cluster)


if __name__ == "__main__":
    sys.exit(main())
