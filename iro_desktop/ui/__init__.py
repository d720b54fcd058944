"""Qt widgets, item models, undo commands, workers and settings. Talks to services only.

Importing the package first guards against a PySide6 reference-counting defect (see refcount_guard).
"""

from iro_desktop.ui import refcount_guard as _refcount_guard  # noqa: F401
