"""Logs rotate: the app's log rolls over at 1 MB keeping five older files; crash reports keep the newest."""

from __future__ import annotations

import logging
import logging.handlers
import sys

import pytest

from iro_desktop import app
from iro_desktop.store.location import resolve_location
from iro_desktop.ui.crash import CRASH_LOGS_KEPT, write_crash_log


@pytest.fixture
def app_logger():
    logger = logging.getLogger("iro_desktop")
    before, level = list(logger.handlers), logger.level
    for handler in before:
        logger.removeHandler(handler)
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    for handler in before:
        logger.addHandler(handler)
    logger.setLevel(level)


def test_the_log_rotates_past_its_limit_and_keeps_five_older_files(tmp_path, app_logger):
    location = resolve_location(tmp_path / "data", environ={})
    app.configure_logging(location)
    [handler] = app_logger.handlers
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    line = "conference c-%06d saved: 12 items, 3 changes " + "." * 60  # ids and counts, as the app logs
    per_line = len(line % 0) + 60  # with the time, level and logger name
    for n in range(app.LOG_MAX_BYTES * (app.LOG_BACKUPS + 2) // per_line):
        app_logger.info(line, n)
    handler.flush()
    logs = location.logs_dir
    names = sorted(p.name for p in logs.iterdir())
    assert names == [app.LOG_FILE] + [f"{app.LOG_FILE}.{i}" for i in range(1, app.LOG_BACKUPS + 1)]
    for path in logs.iterdir():
        assert path.stat().st_size <= app.LOG_MAX_BYTES
    newest = (logs / app.LOG_FILE).read_text(encoding="utf-8").splitlines()[-1]
    oldest = (logs / f"{app.LOG_FILE}.{app.LOG_BACKUPS}").read_text(encoding="utf-8").splitlines()[0]
    assert int(newest.split("c-")[1][:6]) > int(oldest.split("c-")[1][:6])  # .5 holds the oldest lines kept
    assert "c-000000 " not in oldest  # the very first lines have rotated away


def test_only_the_newest_crash_reports_are_kept(tmp_path):
    logs = tmp_path / "logs"
    written = []
    for _ in range(CRASH_LOGS_KEPT + 5):
        try:
            raise ValueError("no personal data reaches the report")
        except ValueError:
            exc_type, _exc, tb = sys.exc_info()
            assert exc_type is not None
            written.append(write_crash_log(logs, exc_type, tb))
    kept = sorted(logs.glob("crash-*.log"))
    assert kept == sorted(written)[-CRASH_LOGS_KEPT:]
    assert written[-1] in kept
