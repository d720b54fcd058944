"""PySide6's check of each imported module, made cheaper (ui/import_scan.py), gives PySide6's answers."""

from __future__ import annotations

import sys

import iro_desktop.domain.errors
import iro_desktop.ui.startup
from iro_desktop.ui import import_scan


def test_the_quick_check_answers_as_pyside6_does():
    feature = sys.modules["shibokensupport.feature"]
    assert import_scan.quicken()
    assert import_scan.quicken()  # installed once: a second call keeps it
    quick = feature._mod_uses_pyside
    assert quick(iro_desktop.ui.startup) is True  # imports PySide6
    assert quick(iro_desktop.domain.errors) is False  # pure domain
    assert quick(sys) is False  # a builtin module: PySide6's own check
