"""The team store load test (benchmarks/team_load.py, issue 16): a short run of it end to end, and its
checker catching a lost update when one is made on purpose."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import team_load
from iro_desktop.domain.record import SectionKey
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from tests import postgres

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off")
def test_a_short_run_loses_nothing_and_says_so(tmp_path):
    """4 clients × 5 s on a throwaway durable cluster: the figures are printed and every check holds."""
    env = {**os.environ, "HOME": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.team_load",
            "--clients",
            "4",
            "--seconds",
            "5",
            "--sqlite-saves",
            "40",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    for line in ("lost updates: 0 ", "unhandled errors: 0", "audit chain: intact", "result: pass"):
        assert line in out
    assert "save on PostgreSQL" in out
    # What the merger's measurement on a quiet machine needs beside the latency (issue 16 "Must show").
    save_line = next(line for line in out.splitlines() if line.startswith("save on PostgreSQL"))
    assert all(f" {q} " in save_line for q in ("p50", "p95", "p99"))
    trips = next(line for line in out.splitlines() if "round trips per save: mean" in line)
    assert 5 <= float(trips.split("mean ")[1].split(",")[0]) <= 20
    assert "waiting for the audit lock" in out
    assert "load average before the run: " in out
    assert "load average during the run: 1-min load average min " in out
    assert "same save on SQLite" in out
    assert "section stored" in out
    assert "item stored" in out


def test_the_checker_finds_an_update_written_over_words_it_never_saw(tmp_path):
    store = open_store(resolve_location(tmp_path / "data", environ={}))
    try:
        pair = team_load.seed(store, 1, 1)[0]
        conference_id = pair.conferences[0]["id"]
        chair = team_load.Client(
            team_load._services(store, team_load._user(pair.chair), pair.chair["key"]),
            pair.conferences,
            random.Random(1),
        )
        chair.type_summary(SectionKey.PURPOSE)
        honest = team_load.check(store, [{"ledger": chair.ledger}])
        assert honest["problems"] == []
        assert honest["stored_writes"] == 1
        # A save that names no read (as before issue 16) overwrites the chair's words unseen.
        clerk_services = team_load._services(store, team_load._user(pair.clerk), pair.clerk["key"])
        stored = clerk_services.records.save_section(conference_id, SectionKey.PURPOSE, "Overwritten")
        lost = {
            "kind": "section",
            "row": f"{conference_id}/{SectionKey.PURPOSE.value}",
            "field": "text",
            "outcome": "stored",
            "version": stored.version,
            "read": "",
            "read_version": 0,
            "new": "Overwritten",
        }
        found = team_load.check(store, [{"ledger": chair.ledger}, {"ledger": [lost]}])
        assert any("overwrote words its writer never saw" in p for p in found["problems"])
    finally:
        store.close()
