"""The one background runner and its collector policy (issue 14 item 6): the cyclic garbage collector never
runs on a worker thread. The annual report's PDF and CSV export (which ran with the collector on) is the
case the policy exists for; objects in cycles are collected on the UI thread."""

from __future__ import annotations

import gc
import threading

import pytest

from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.worker import Collector, Worker
from tests.ui.test_report_area import records  # noqa: F401  (the fixture: one family, one ICPC)


class _Cycle:
    """Garbage only the cyclic collector can free; records the thread that freed it."""

    freed_on: list[bool] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Cycle.freed_on.append(threading.current_thread() is threading.main_thread())


def _make_cycles(count: int = 50) -> None:
    for _ in range(count):
        _Cycle()


@pytest.fixture
def collector_off_the_app():
    """The policy as in tests and the screenshot command: no app timer installed."""
    assert not Collector.installed()
    assert gc.isenabled()
    _Cycle.freed_on.clear()
    yield
    assert gc.isenabled()


@pytest.mark.usefixtures("records", "collector_off_the_app")
def test_annual_report_export_runs_with_the_collector_off_and_collects_on_the_ui_thread(
    qtbot, services, tmp_path
):
    from iro_desktop.ui.areas.report import ReportArea

    area = ReportArea(services, ChangeHub())
    qtbot.addWidget(area)
    area.show()
    assert area.wait()
    seen: list[tuple[bool, bool]] = []  # (collector enabled, on the UI thread) inside the export job
    real_start = area.export_worker.start

    def start(fn, on_done, on_failed, on_progress=None):
        def job():
            seen.append((gc.isenabled(), threading.current_thread() is threading.main_thread()))
            _make_cycles(2000)  # more than enough that the interpreter would collect here, on the worker
            return fn()

        real_start(job, on_done, on_failed, on_progress)

    area.export_worker.start = start  # type: ignore[method-assign]
    area.export_pdf(tmp_path / "report.pdf")
    assert area.wait()
    area.export_csv(tmp_path)
    assert area.wait()
    assert (tmp_path / "report.pdf").exists()
    assert (tmp_path / "annual-report-2026-27" / "figures.csv").exists()
    assert seen == [(False, False), (False, False)]  # off the UI thread, with the collector off
    assert gc.isenabled()  # back on once the jobs ended
    assert Collector.collections[-1] == (2, True)  # the UI thread collected when they ended
    assert _Cycle.freed_on
    assert all(_Cycle.freed_on)  # every cycle freed on the UI thread


def test_jobs_overlapping_keep_the_collector_off_until_the_last_ends(qtbot, collector_off_the_app):
    first, second = Worker(), Worker()
    release = threading.Event()
    done: list[str] = []
    first.start(lambda: release.wait(10) and "first", done.append, pytest.fail)
    second.start(lambda: "second", done.append, pytest.fail)
    qtbot.waitUntil(lambda: done == ["second"])
    assert not gc.isenabled()  # the first job still runs
    release.set()
    assert first.wait()
    assert done == ["second", "first"]
    assert gc.isenabled()


def test_progress_and_failure_arrive_on_the_ui_thread(qtbot, collector_off_the_app):
    worker = Worker()
    progress: list[tuple[int, bool]] = []
    failures: list[BaseException] = []

    def job(report):
        for n in range(3):
            report(n)
        raise ValueError("no")

    worker.start(
        job,
        pytest.fail,
        failures.append,
        lambda n: progress.append((n, threading.current_thread() is threading.main_thread())),
    )
    assert worker.wait()
    assert progress == [(0, True), (1, True), (2, True)]
    assert isinstance(failures[0], ValueError)
    assert gc.isenabled()


def test_installed_policy_freezes_and_collects_only_from_the_ui_thread_timer(qtbot):
    _Cycle.freed_on.clear()
    Collector.install()
    try:
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0  # what was alive at start-up is in the permanent generation
        worker = Worker()
        worker.start(lambda: _make_cycles() or "made", lambda _r: None, pytest.fail)
        assert worker.wait()
        assert not gc.isenabled()  # a job does not switch it back on: the timer collects
        _make_cycles(gc.get_threshold()[0])  # past the youngest generation's threshold
        Collector.collections.clear()
        Collector.tick()
        assert Collector.collections
        assert Collector.collections[-1][1] is True
        assert len(_Cycle.freed_on) >= gc.get_threshold()[0]
        assert all(_Cycle.freed_on)
    finally:
        Collector.uninstall()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
