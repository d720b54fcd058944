"""Encrypted against plain (issue 15): the same work on a plain SQLite store and on a SQLCipher store
(raw 256-bit key), in the same run. Goal: each within 1.3x of plain.

    python -m benchmarks.encryption [--runs 5] [--years 10]

- keystroke save: one map item's text stored and committed (what the autosave does per pause), on a
  300-item map;
- open a 300-item map: the board read on a fresh connection (the engine disposed before each read, so
  the key is applied and the page cache is cold, as after start or unlock);
- annual report over ten years: the fictional council of benchmarks.report, from the store;
- record PDF: the record of a large conference (benchmarks.large_conference), filled and written.

Also the Argon2id derivation a sign-in costs (services.key_wrapping.ARGON2ID) and a whole sign-in
(key file read, unwrap, store opened and checked, account verified), on the encrypted demo-size store.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 23)


def _interleaved(
    plain: Callable[[], object], encrypted: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Median milliseconds of each, timed alternately (the machine's load falls on both alike)."""
    plain(), encrypted()  # warm
    times: dict[bool, list[float]] = {False: [], True: []}
    for n in range(runs):
        order = (False, True) if n % 2 == 0 else (True, False)
        for which in order:
            fn = encrypted if which else plain
            start = time.perf_counter()
            fn()
            times[which].append(time.perf_counter() - start)
    return statistics.median(times[False]) * 1000, statistics.median(times[True]) * 1000


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _services(store):  # type: ignore[no-untyped-def]
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.registry import Services

    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER)))


def _key(encrypted: bool):  # type: ignore[no-untyped-def]
    from iro_desktop.store.cipher import DataKey

    return DataKey.generate() if encrypted else None


def map_work(encrypted: bool, folder: Path, stack: ExitStack) -> dict[str, Callable[[], object]]:
    from iro_desktop.services.demo_large_map import load_large_family
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store

    store = open_store(resolve_location(folder, environ={}), key=_key(encrypted))
    stack.callback(store.close)
    services = _services(store)
    _family, conference_id = load_large_family(services.ctx, 300)
    board = services.mapping.board(conference_id)
    assert len(board.items) == 300
    item_id = board.items[0].id
    counter = iter(range(10**9))

    def open_map() -> object:
        store.engine.dispose()  # a fresh connection: the key applied, the page cache cold
        return services.mapping.board(conference_id)

    return {
        "keystroke save (300-item map)": lambda: services.mapping.edit_text(
            item_id, f"Gran visits every day {next(counter)}"
        ),
        "open a 300-item map": open_map,
    }


def report_work(
    encrypted: bool, folder: Path, stack: ExitStack, facts, period
) -> dict[str, Callable[[], object]]:  # type: ignore[no-untyped-def]
    from benchmarks.report_store import write_store
    from iro_desktop.store.cipher import DataKey
    from iro_desktop.store.opening import open_store

    key = _key(encrypted)
    raw = key.raw() if key is not None else None
    location, _counts = write_store(facts, folder, key=key)  # closing the store wipes its key
    store = open_store(location, key=DataKey(raw) if raw is not None else None)
    stack.callback(store.close)
    services = _services(store)
    return {"annual report, ten years": lambda: services.reports.report(period)}


def pdf_work(encrypted: bool, folder: Path, stack: ExitStack) -> dict[str, Callable[[], object]]:
    from benchmarks.large_conference import build
    from iro_desktop.services.documents import DocumentKind
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store

    store = open_store(resolve_location(folder, environ={}), key=_key(encrypted))
    stack.callback(store.close)
    services = _services(store)
    cid = build(services)
    out = folder / "exports"
    return {"record PDF": lambda: services.documents.export(cid, DocumentKind.RECORD, out)}


def sign_in_figures(runs: int, folder: Path) -> None:
    from iro_desktop.domain.roles import Role
    from iro_desktop.services import sign_in
    from iro_desktop.services.key_wrapping import ARGON2ID, argon2id, new_argon2id_params
    from iro_desktop.store.location import resolve_location

    params = new_argon2id_params()
    derive = _median_ms(lambda: argon2id("a long enough password", params), runs * 2)
    location = resolve_location(folder, environ={})
    sign_in.set_up(location, "chair", "Chair", "a long enough password", Role.CHAIR).close()
    whole = _median_ms(lambda: sign_in.sign_in(location, "chair", "a long enough password").close(), runs)
    costs = ", ".join(f"{k} {v}" for k, v in ARGON2ID.items())
    print(f"Argon2id ({costs} KiB): median {derive:7.1f} ms per derivation (one per sign-in)")
    print(f"sign-in (key file, unwrap, open and check the store, account): median {whole:7.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args(argv)
    from benchmarks.report import generate
    from iro_desktop.reports import reporting_year

    facts = generate(years=args.years)
    period = reporting_year(2025)
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        root = Path(tmp)
        for label, runs, build in (
            ("map", args.runs * 40, lambda enc, f: map_work(enc, f, stack)),
            ("report", args.runs, lambda enc, f: report_work(enc, f, stack, facts, period)),
            ("pdf", args.runs, lambda enc, f: pdf_work(enc, f, stack)),
        ):
            plain_work, encrypted_work = (
                build(False, root / f"{label}-plain"),
                build(True, root / f"{label}-enc"),
            )
            for name in plain_work:
                count = runs // 10 if name.startswith("open") else runs
                plain_ms, encrypted_ms = _interleaved(plain_work[name], encrypted_work[name], max(count, 3))
                rows.append((name, plain_ms, encrypted_ms))
        print(f"{'':34}{'plain ms':>10}{'encrypted ms':>14}{'ratio':>8}  goal <= 1.3x")
        worst = 0.0
        for name, plain_ms, encrypted_ms in rows:
            ratio = encrypted_ms / plain_ms if plain_ms else float("inf")
            worst = max(worst, ratio)
            print(
                f"{name:34}{plain_ms:10.2f}{encrypted_ms:14.2f}{ratio:8.2f}  "
                + ("met" if ratio <= 1.3 else "MISSED")
            )
        sign_in_figures(args.runs, root / "sign-in")
    print(f"worst ratio {worst:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
