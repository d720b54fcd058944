"""Crash reports carry no personal data; settings are typed, defaulted, and kept in a chosen file."""

from __future__ import annotations

import sys

from iro_desktop.ui.crash import CrashHandler
from iro_desktop.ui.settings import Option, Settings


def _raise_with_personal_data() -> None:
    child = "Zoë Brontë, born 13 Oct 2015, disclosed abuse"
    raise ValueError(f"could not save note for {child}")


def test_crash_log_has_no_personal_data(tmp_path, qapp):
    handler = CrashHandler(tmp_path / "logs", show_dialog=False)
    try:
        _raise_with_personal_data()
    except ValueError:
        exc_type, exc, tb = sys.exc_info()
        handler(exc_type, exc, tb)
    assert handler.last_log is not None
    text = handler.last_log.read_text(encoding="utf-8")
    assert "builtins.ValueError" in text
    assert "_raise_with_personal_data" in text
    for secret in ("Zoë", "Brontë", "2015", "disclosed"):
        assert secret not in text


def test_settings_defaults_and_round_trip(tmp_path):
    flag = Option("test/flag", False, bool)  # a yes/no setting comes back from the INI file as a bool
    path = tmp_path / "s.ini"
    settings = Settings.at(path)
    assert settings.get(Settings.presentation_font_pt) == 28
    assert settings.get(flag) is False
    settings.set(Settings.presentation_font_pt, 36)
    settings.set(flag, True)
    settings.sync()
    again = Settings.at(path)
    assert again.get(Settings.presentation_font_pt) == 36
    assert again.get(flag) is True
    assert again.file_name == str(path)
