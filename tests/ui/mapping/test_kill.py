"""Never lose a word: kill the running app with SIGKILL in the middle of typing, restart it, and find
every stored item; the app goes straight back to the unfinished conference."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store

DRIVER = Path(__file__).with_name("kill_driver.py")
ROOT = Path(__file__).resolve().parents[3]


def _run(data: Path, settings: Path, mode: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(data), str(settings), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
    )


@pytest.mark.slow
def test_sigkill_mid_typing_loses_at_most_the_last_second(tmp_path):
    data, settings = tmp_path / "data", tmp_path / "settings.ini"
    app = _run(data, settings, "type")
    keys: list[tuple[float, str]] = []
    done: list[str] = []
    try:
        assert app.stdout is not None
        while len(done) < 3:
            line = app.stdout.readline()
            assert line, app.stderr.read() if app.stderr else "driver ended"
            kind, _, rest = line.rstrip("\n").partition(" ")
            if kind == "done":
                done.append(rest)
                keys.clear()
            elif kind == "key":
                stamp, _, text = rest.partition(" ")
                keys.append((float(stamp), text))
        # Now in the middle of the long fourth phrase: let more than a second of it be typed, then kill.
        while not keys or keys[-1][0] - keys[0][0] < 1.3:
            line = app.stdout.readline()
            kind, _, rest = line.rstrip("\n").partition(" ")
            if kind == "key":
                stamp, _, text = rest.partition(" ")
                keys.append((float(stamp), text))
        os.kill(app.pid, signal.SIGKILL)
        killed_at = time.time()
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
        for stream in (app.stdout, app.stderr):
            if stream is not None:
                stream.close()
    assert app.returncode == -signal.SIGKILL

    store = open_store(resolve_location(data, environ={}))
    try:
        services = Services.build(ServiceContext(uow=store.uow, session=SignedIn(SYSTEM_USER)))
        conference = services.conferences.all()[0]
        texts = [i.text for i in services.mapping.board(conference.id).items]
    finally:
        store.close()
    for text in done:
        assert text in texts  # every finished item, exactly, with é, ł, “quotes” and Arabic
    partial = [t for t in texts if t not in done]
    assert len(partial) == 1, texts  # the item being typed is there (added at its first keystroke)
    typed_a_second_before = [text for stamp, text in keys if stamp <= killed_at - 1.0]
    assert keys[-1][1].startswith(partial[0])  # what is stored was typed
    assert typed_a_second_before
    assert partial[0].startswith(typed_a_second_before[-1])  # at most the last second is missing

    check = _run(data, settings, "check")
    out, err = check.communicate(timeout=60)
    assert check.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == f"resumed {conference.id} True"
    shown = [line.removeprefix("shown ") for line in lines[1:]]
    assert sorted(shown) == sorted(texts)
