"""Guard against a reference-counting defect of PySide6 6.12 on CPython 3.11.

Measured here: every call of a void Qt method from Python (`setText`, `setPointSizeF`, `processEvents`,
...) drops one reference to `None` (and bools are affected too) without having taken it. On CPython 3.12+
these objects are immortal (PEP 683) and nothing happens; on 3.11 the count reaches zero after a few
thousand calls and the interpreter aborts with "Fatal Python error: none_dealloc" - minutes into a
meeting. The guard gives None, True and False a reference count so large it can never run out, which is
what 3.12 does. It touches nothing else and is a no-op on other interpreters.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def make_singletons_immortal() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _HEADROOM:
            refcount.value += _HEADROOM


make_singletons_immortal()
