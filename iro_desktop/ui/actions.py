"""Every action of the main window, registered in one place with its shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from iro_desktop.domain.roles import Action, User, can


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    also: tuple[str, ...] = ()  # more keys, on every platform (the platform's own keys come first)


# issue 4: Alt+1 ... Alt+9 type into a section of the map, in board order.
MAP_SECTION_ACTIONS: tuple[ActionSpec, ...] = tuple(
    ActionSpec(f"map_section_{n}", f"Type into {label}", f"Alt+{n}", f"Put the cursor in {label}")
    for n, label in enumerate(
        (
            "Danger statements",
            "Harm statements",
            "Complicating factors",
            "Strengths",
            "Existing safety",
            "Safety goals",
            "Next steps",
            "The child's voice",
            "Family network",
        ),
        start=1,
    )
)

# The meeting workspace: F6 ... F10 go to its steps, in meeting order (F5 is the projector).
MEETING_STEP_ACTIONS: tuple[ActionSpec, ...] = tuple(
    ActionSpec(f"meeting_step_{n}", f"Meeting step {n}: {label}", f"F{5 + n}", f"Go to {label.lower()}")
    for n, label in enumerate(("Who is here", "The map", "Decisions", "The plan", "Handouts"), start=1)
)

# issue 6: the PDFs of the conference in view (File → Export), written off the UI thread.
EXPORT_PDF_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("export_handout", "Export &mapping handout", "Ctrl+Shift+M", "The typed map, as a PDF"),
    ActionSpec("export_plan", "Export child protection &plan", "Ctrl+Shift+P", "The plan, as a PDF"),
    ActionSpec("export_record", "Export conference &record", "Ctrl+Shift+R", "The record, as a PDF"),
    ActionSpec(
        "export_family", "Export &family version", "Ctrl+Shift+L", "The plain-language version, as a PDF"
    ),
    ActionSpec(
        "export_record_version",
        "Export selected record &version",
        None,
        "An earlier version of a final record (choose it in Records to finalise)",
    ),
)

# View menu: the whole app's text size (Ctrl+= / Ctrl+- are the projector's own type size).
TEXT_SIZE_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("text_larger", "&Larger text", "Ctrl+Alt+=", "All text about a tenth larger (up to 200%)"),
    ActionSpec("text_smaller", "&Smaller text", "Ctrl+Alt+-", "All text about a tenth smaller (down to 80%)"),
    ActionSpec("text_normal", "&Normal text size", "Ctrl+Alt+0", "All text back to its usual size"),
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("go_today", "&Today and due", "Ctrl+1", "Conferences coming up and what is overdue"),
    ActionSpec("go_families", "&Families and conferences", "Ctrl+2", "The register of families"),
    ActionSpec("go_meeting", "Conference in &progress", "Ctrl+3", "The conference being held"),
    ActionSpec("go_records", "&Records to finalise", "Ctrl+4", "The clerk's queue"),
    ActionSpec("audit", "&Audit trail", "Ctrl+Shift+A", "Who did what, and a check that nothing was altered"),
    ActionSpec("users", "&User accounts", None, "Add chairs, clerks and managers (administrators)"),
    # Issue 6/7: the conference file (export, import and hand-off).
    ActionSpec(
        "export_conference_file", "&Export conference file…", "Ctrl+Shift+E", "Write a conference as a file"
    ),
    ActionSpec(
        "import_conference_file", "&Import conference file…", "Ctrl+Shift+I", "Read a conference file in"
    ),
    ActionSpec("lock", "&Lock now", "Ctrl+L", "Cover the screen until you enter your password"),
    ActionSpec(  # issue 12: chair and clerk share a laptop without quitting
        "sign_out", "Sign &out / switch user…", "Ctrl+Shift+O", "Store what is typed, then sign in as someone"
    ),
    # Issue 3: register and booking.
    ActionSpec("new_family", "&New family…", "Ctrl+N", "Add a family and its first child"),
    ActionSpec("book_conference", "&Book conference…", "Ctrl+B", "Book a conference for the selected family"),
    ActionSpec("local_rules", "&Local rules…", None, "Timescales, quoracy rule and stood-down reasons"),
    # issue 5
    ActionSpec(
        "go_decisions", "&Decisions and plan", "Ctrl+5", "The meeting's decisions for each child and the plan"
    ),
    *MEETING_STEP_ACTIONS,
    ActionSpec("import_history", "&Import history…", None, "Past conferences and plans from an extract"),
    ActionSpec(  # issue 18
        "subject_access",
        "Su&bject access…",
        None,
        "What the store holds that one person may see, and what is withheld and why (PDF and CSV)",
    ),
    ActionSpec(  # issue 16: team-store.toml in the data folder (no password), tried from here
        "team_server", "Team &server…", None, "Connect this desktop to the team store on a PostgreSQL server"
    ),
    ActionSpec(  # issue 17
        "census_check", "&Census check…", None, "The census's child protection rules the records break"
    ),
    ActionSpec(
        "go_report", "Annual &report", "Ctrl+6", "Figures for a period beside the previous one"
    ),  # issue 8
    ActionSpec("quit", "&Quit", QKeySequence.StandardKey.Quit, "Close IRO Desktop"),
    ActionSpec("about", "&About IRO Desktop", None, "Version and where the records are kept"),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "F1", "Every shortcut in one list"),
    # --- issue 4: Edit menu and the live map (board actions act when the map has the keyboard) ---
    ActionSpec("undo", "&Undo", QKeySequence.StandardKey.Undo, "Undo the last change to the map"),
    ActionSpec(
        "redo",
        "&Redo",
        QKeySequence.StandardKey.Redo,
        "Redo the change just undone",
        ("Ctrl+Y", "Ctrl+Shift+Z"),
    ),
    *MAP_SECTION_ACTIONS,
    ActionSpec("map_next_section", "Next section of the map", "Ctrl+PgDown", "Type into the next section"),
    ActionSpec(
        "map_prev_section", "Previous section of the map", "Ctrl+PgUp", "Type into the section before"
    ),
    ActionSpec("map_edit", "Edit the selected item", "F2", "Change the item's text in place (Enter also)"),
    ActionSpec("map_delete", "Delete the selected item", "Delete", "Remove the item (Undo brings it back)"),
    ActionSpec("map_move_up", "Move item up", "Alt+Up", "Move the selected item up its section"),
    ActionSpec("map_move_down", "Move item down", "Alt+Down", "Move the selected item down its section"),
    ActionSpec(
        "map_move_left", "Move item to the section before", "Alt+Left", "Move to the previous section"
    ),
    ActionSpec("map_move_right", "Move item to the next section", "Alt+Right", "Move to the next section"),
    ActionSpec("map_pair", "Pair danger statement with a safety goal", "Ctrl+G", "Choose the safety goal"),
    ActionSpec("map_scale", "Scale 0-10", "Ctrl+K", "Record a 0-10 safety scale and its reason"),
    ActionSpec("map_details", "Who said it / which child", "Ctrl+D", "Attribute the selected item"),
    ActionSpec(  # issue 18: marks the item being typed (or the selected one); the reason follows inline
        "map_restrict",
        "Hold back: professionals only",
        "Ctrl+Shift+H",
        "Keep the item off the projector, the handout and the family version",
    ),
    ActionSpec(  # issue 18: a mode, on until turned off; said in words on the board
        "map_hold_new",
        "Start new items held back",
        "Ctrl+Alt+H",
        "Every new item starts professionals only, so it never reaches the projector before it is marked",
    ),
    ActionSpec("map_carry_forward", "Carry forward the last map", "Ctrl+Shift+F", "Start from the last map"),
    ActionSpec(
        "present", "Show or hide the &presentation view", "F5", "The map in large type for the family"
    ),
    ActionSpec("present_larger", "Presentation text larger", "Ctrl+=", "Bigger type on the projector"),
    ActionSpec("present_smaller", "Presentation text smaller", "Ctrl+-", "Smaller type on the projector"),
    ActionSpec(
        "present_next_page", "Presentation next page", "Ctrl+Alt+PgDown", "Show the projector's next page"
    ),
    ActionSpec(
        "present_prev_page", "Presentation previous page", "Ctrl+Alt+PgUp", "Show the projector's page before"
    ),
    # issue 12: opening a conference is looking at it; this (or the first change) starts it
    ActionSpec("meeting_start", "Start meeting", "Ctrl+Shift+S", "Mark the conference in progress"),
    *EXPORT_PDF_ACTIONS,  # issue 6
    *TEXT_SIZE_ACTIONS,
)


# Issue 13: what a window action needs of the signed-in role (the services refuse it anyway; these are
# disabled so nobody is offered what they may not do). Actions not listed are open to every role.
ACTION_PERMISSIONS: dict[str, Action] = {
    "new_family": Action.CREATE_FAMILY,
    "book_conference": Action.BOOK_CONFERENCE,
    "local_rules": Action.EDIT_LOCAL_RULES,
    "audit": Action.VIEW_AUDIT,
    "users": Action.MANAGE_USERS,
    "import_history": Action.IMPORT_HISTORY,
    "subject_access": Action.SUBJECT_ACCESS,  # issue 18
    "import_conference_file": Action.EDIT_REGISTER,
    "export_conference_file": Action.EXPORT,
    "map_carry_forward": Action.EDIT_MAP,
    **{spec.name: Action.EXPORT for spec in EXPORT_PDF_ACTIONS},
}


def apply_permissions(actions: dict[str, QAction], user: User | None) -> None:
    """Enable each listed action only for a role that may take it; its tip says why when it may not."""
    for name, needed in ACTION_PERMISSIONS.items():
        action = actions.get(name)
        if action is None:
            continue
        allowed = can(user, needed)
        action.setEnabled(allowed)
        spec_tip = next((s.tip for s in ACTIONS if s.name == name), "")
        action.setStatusTip(spec_tip if allowed else f"{spec_tip} (not open to your role)")


def build_actions(parent: QWidget) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, parent)
        action.setObjectName(f"action_{spec.name}")
        if isinstance(spec.shortcut, QKeySequence.StandardKey):
            action.setShortcuts(spec.shortcut)  # every platform binding
        elif spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.also:  # e.g. Redo: Linux desktops bind only Ctrl+Shift+Z; the README promises Ctrl+Y
            keys = list(action.shortcuts())
            keys += [QKeySequence(k) for k in spec.also if QKeySequence(k) not in keys]
            action.setShortcuts(keys)
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
        actions[spec.name] = action
    return actions


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(action, shortcut) pairs for the Help menu list."""
    rows = []
    for action in actions.values():
        keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
        if keys:
            rows.append((action.text().replace("&", ""), keys))
    return rows
