"""PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to None on every void Qt call, and the
interpreter aborts ("none_dealloc") a few thousand calls into a meeting. The pinned 6.11.3 does not, so
the app carries no workaround; this test keeps it that way if the pin ever moves."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_references(qapp) -> None:  # type: ignore[no-untyped-def]
    font = QFont()
    label = QLabel()
    calls = 20_000
    before = sys.getrefcount(None)
    for _ in range(calls):
        font.setPointSizeF(12.0)  # void methods: the leaking ones
        label.setText("x")
        qapp.processEvents()
    after = sys.getrefcount(None)
    if sys.version_info < (3, 12):  # from 3.12 None is immortal and its count means nothing
        # A leak would drop one reference per call (60,000 here; None starts with a few thousand).
        assert abs(after - before) < 100, (before, after)
    assert after > 0
