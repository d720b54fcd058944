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

# Timing is the benchmarks' business, not the tests': no per-example deadline (first-use caches vary).
hypothesis_settings.register_profile("iro", deadline=None, print_blob=True)
hypothesis_settings.load_profile("iro")

TODAY = date(2026, 11, 23)  # a Monday; tests never depend on the real clock


@pytest.fixture
def location(tmp_path: Path) -> StoreLocation:
    return resolve_location(tmp_path / "data", environ={})


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
