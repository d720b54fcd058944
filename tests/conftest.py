"""Shared fixtures. Qt runs offscreen; every test gets its own data folder and settings file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

import iro_desktop.ui  # noqa: E402, F401
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn  # noqa: E402
from iro_desktop.services.registry import Services  # noqa: E402
from iro_desktop.store.location import StoreLocation, resolve_location  # noqa: E402
from iro_desktop.store.opening import Store, open_store  # noqa: E402
from tests import postgres  # noqa: E402

# Timing is the benchmarks' business, not the tests': no per-example deadline (first-use caches vary).
hypothesis_settings.register_profile("iro", deadline=None, print_blob=True)
hypothesis_settings.load_profile("iro")

TODAY = date(2026, 11, 23)  # a Monday; tests never depend on the real clock


# Issue 16 item 6: the store and services suites run on SQLite and on PostgreSQL (tests/postgres.py);
# a test there that can only mean something on SQLite says why with @pytest.mark.sqlite_only(reason).
BOTH_BACKENDS_UNDER = tuple(Path(__file__).parent / area for area in ("store", "services"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    if not any(Path(metafunc.definition.path).is_relative_to(area) for area in BOTH_BACKENDS_UNDER):
        return
    only = metafunc.definition.get_closest_marker("sqlite_only")
    if only is not None:
        if not (only.args or only.kwargs.get("reason")):
            raise pytest.UsageError(f"{metafunc.definition.nodeid}: sqlite_only needs a reason")
        return
    marks = [pytest.mark.postgresql]
    if postgres.postgres_disabled():
        marks.append(pytest.mark.skip(reason=f"{postgres.PG_TEST_ENV}=off: PostgreSQL variant left out"))
    metafunc.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=marks)], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the store fixtures below are made on: "sqlite" or "postgresql"."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[postgres.Cluster]:
    cluster = postgres.start_cluster()
    try:
        postgres.migrated_template(cluster, tmp_path_factory.mktemp("pg-template"))
        yield cluster
    finally:
        postgres.remove_cluster(cluster)


def _location_on(backend: str, tmp_path: Path, request: pytest.FixtureRequest, template: str):  # type: ignore[no-untyped-def]
    sqlite = resolve_location(tmp_path / "data", environ={})
    if backend == "sqlite":
        yield sqlite
        return
    cluster: postgres.Cluster = request.getfixturevalue("pg_cluster")
    with postgres.fresh_database(cluster, template) as name:
        yield StoreLocation(data_dir=sqlite.data_dir, url=cluster.url(name))


@pytest.fixture
def location(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[StoreLocation]:
    """A new store's location: an SQLite file in the test's data folder, or a fresh PostgreSQL database
    (a copy of the migrated template) with the same data folder for backups and logs."""
    yield from _location_on(backend, tmp_path, request, postgres.TEMPLATE_DB)


@pytest.fixture
def blank_location(tmp_path: Path, backend: str, request: pytest.FixtureRequest) -> Iterator[StoreLocation]:
    """Like `location`, but an empty PostgreSQL database (no schema yet), for the migration tests."""
    yield from _location_on(backend, tmp_path, request, "template0")


@pytest.fixture
def store(location: StoreLocation) -> Iterator[Store]:
    opened = open_store(location)
    yield opened
    opened.close()


@pytest.fixture
def services(store: Store) -> Services:
    return Services.build(ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER)))


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from iro_desktop.ui.settings import Settings

    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def large_map(services: Services):  # type: ignore[no-untyped-def]
    """A factory: `large_map(40)` puts the full-size family (three children, long names in several
    scripts) and an initial conference today with a map of that many realistic items into the store;
    returns (family, conference_id). Every layout test and screenshot uses it (issue 12)."""
    from iro_desktop.services.demo_large_map import load_large_family

    return lambda count=40: load_large_family(services.ctx, count)


def pytest_terminal_summary(terminalreporter, config) -> None:  # type: ignore[no-untyped-def]
    """How many store and services tests ran on PostgreSQL, and how many say they are SQLite's only."""
    items = [
        report
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call" and "postgresql" in getattr(report, "keywords", {})
    ]
    if items:
        passed = sum(1 for report in items if report.passed)
        terminalreporter.write_line(
            f"PostgreSQL variants: {passed} of {len(items)} passed (tests/postgres.py)"
        )
