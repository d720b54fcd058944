"""Item models for decisions and the plan: the editable actions table, the significant-factors
checklist, dissent and plan history."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from iro_desktop.domain.categories import Category
from iro_desktop.domain.dissent import Dissent
from iro_desktop.domain.plan import ActionStatus, PlanAction, PlanActionInput, PlanPeriod
from iro_desktop.domain.significant_factors import Factor
from iro_desktop.ui.audience_strip import mark_text
from iro_desktop.ui.models.table import Column, ItemRole, ObjectTableModel

Index = QModelIndex | QPersistentModelIndex

NOT_SET = "— not set"


def show_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


END_REASONS = {
    "ends_cin": "Stepped down to child in need",
    "ends_early_help": "Stepped down to early help",
    "ends_looked_after": "Child looked after",
    "ends_moved_area": "Moved to another area",
    "ends_nfa": "No further action",
    "transferred_out": "Transferred out to another authority",
}


def category_label(code: str) -> str:
    try:
        return Category(code).label
    except ValueError:
        return code


def dissent_model(names: dict[str, str] | None = None) -> ObjectTableModel[Dissent]:
    """`names`: the conference's people by id, for who a dissent is kept from (kept up to date)."""
    people = names if names is not None else {}
    return ObjectTableModel[Dissent](
        [
            Column("Name", lambda d: d.name),
            Column("Agency", lambda d: d.agency),
            Column("View", lambda d: d.view, lambda d: d.view),
            Column("Why", lambda d: d.reason, lambda d: d.reason),
            Column("Chair's response", lambda d: d.chair_response, lambda d: d.chair_response),
            Column("Who may read it", lambda d: mark_text(d.audience, people) or "Everyone"),  # issue 18
        ]
    )


def plan_history_model(today: date) -> ObjectTableModel[PlanPeriod]:
    return ObjectTableModel[PlanPeriod](
        [
            Column("Started", lambda p: show_date(p.started_on)),
            Column("Ended", lambda p: show_date(p.ended_on) or "Still on the plan"),
            Column("Category", lambda p: category_label(p.category)),
            Column("Why ended", lambda p: END_REASONS.get(p.end_reason, p.end_reason)),
            Column("Days", lambda p: str(p.length_days(today))),
        ]
    )


class FactorChecklistModel(QAbstractListModel):
    """The configured significant factors, each checkable. Ticks are the draft decision's state."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._factors: list[Factor] = []
        self._checked: set[str] = set()

    def set_factors(self, factors: Sequence[Factor], checked: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._factors = list(factors)
        self._checked = set(checked)
        self.endResetModel()

    def checked_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self._factors if f.code in self._checked)

    def set_checked(self, codes: Sequence[str]) -> None:
        self._checked = set(codes)
        if self._factors:
            self.dataChanged.emit(
                self.index(0), self.index(len(self._factors) - 1), [Qt.ItemDataRole.CheckStateRole]
            )

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._factors)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._factors)):
            return None
        factor = self._factors[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return factor.label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if factor.code in self._checked else Qt.CheckState.Unchecked
        if role == ItemRole:
            return factor
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        code = self._factors[index.row()].code
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        if checked:
            self._checked.add(code)
        else:
            self._checked.discard(code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable


# The actions table ---------------------------------------------------------------------------------

ACTION_COLUMNS = (
    ("what", "What needs to happen"),
    ("who_person", "Who (person)"),
    ("who_agency", "Who (agency)"),
    ("by_when", "By when"),
    ("done_when", "How we will know it is done"),
    ("safety_goal_id", "Safety goal"),
    ("status", "Status"),
)
STATUS_COLUMN = 6
GOAL_COLUMN = 5
DATE_COLUMN = 3


class ActionTableModel(QAbstractTableModel):
    """The plan's actions, editable in place. An edit does not change the model itself: it is handed to
    `on_edit(action, new_input)` (which pushes an undo command calling the service); the model is
    refilled from the store when the change is announced."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._actions: list[PlanAction] = []
        self.on_edit: Callable[[PlanAction, PlanActionInput], None] | None = None
        self.default_date: date = date.today()
        self.goal_labels: dict[str, str] = {}
        self.people: dict[str, str] = {}  # the conference's people, for who an action is kept from

    def set_actions(self, actions: Sequence[PlanAction]) -> None:
        """Refill from the store. The same actions in the same order (an edit was stored) update in
        place, so the cell being worked in keeps the keyboard (Tab goes on to the next cell)."""
        actions = list(actions)
        if [a.id for a in actions] == [a.id for a in self._actions] and actions:
            self._actions = actions
            last = self.index(len(actions) - 1, len(ACTION_COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._actions = actions
        self.endResetModel()

    def actions(self) -> list[PlanAction]:
        return list(self._actions)

    def action(self, row: int) -> PlanAction:
        return self._actions[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ACTION_COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ACTION_COLUMNS):
            return ACTION_COLUMNS[section][1]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def _display(self, action: PlanAction, column: int) -> str:
        name = ACTION_COLUMNS[column][0]
        if name == "by_when":
            return show_date(action.by_when) or NOT_SET
        if name == "status":
            return action.status.label
        if name == "safety_goal_id":
            return self.goal_labels.get(action.safety_goal_id, action.safety_goal_id)
        if name == "who_person" and not action.has_owner:
            return NOT_SET
        if name == "what" and action.audience.restricted:  # issue 18: the mark in words and the symbol
            return f"{action.what}  [{mark_text(action.audience, self.people)}]"
        return str(getattr(action, name))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._actions)):
            return None
        action = self._actions[index.row()]
        name = ACTION_COLUMNS[index.column()][0]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(action, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and name in ("what", "done_when"):
            return getattr(action, name)
        if role == Qt.ItemDataRole.ToolTipRole and name == "safety_goal_id" and action.safety_goal_id:
            return self._display(action, index.column())  # the whole goal (the cell may be cut short)
        if role == Qt.ItemDataRole.EditRole:
            if name == "by_when":
                return to_qdate(action.by_when or self.default_date)
            if name == "status":
                return action.status.value
            return str(getattr(action, name))
        if role == ItemRole:
            return action
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        action = self._actions[index.row()]
        name = ACTION_COLUMNS[index.column()][0]
        new_value: Any
        if name == "by_when":
            new_value = from_qdate(value) if isinstance(value, QDate) and value.isValid() else None
        elif name == "status":
            try:
                new_value = ActionStatus(str(value))
            except ValueError:
                return False
        else:
            new_value = str(value).strip()
            if name == "what" and not new_value:
                return False
        current = action.as_input()
        if getattr(current, name) == new_value:
            return False
        self.on_edit(action, replace(current, **{name: new_value}))
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
