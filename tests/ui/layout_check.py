"""A layout checker for any top-level widget (issue 12): walks every visible widget and reports

(a) two visible sibling widgets whose rectangles intersect,
(b) text wider (or, wrapped, taller) than the rectangle that shows it: labels, buttons, check boxes,
    radio buttons, group box titles and tab texts, unless the widget wraps or elides by design,
(c) a visible widget lying outside its window (inside a scroll area: outside the scroll area's widget),
    and a scroll area whose content is wider than it (a page may scroll down, never sideways).

Each problem is a readable line naming the widget by a path of objectName / accessibleName / class.
`check_layout(window)` returns the list; `assert_layout(window)` fails with all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFocusFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QRubberBand,
    QScrollArea,
    QSizeGrip,
    QSplitterHandle,
    QStackedWidget,
    QStyle,
    QStyleOptionButton,
    QTabBar,
    QToolButton,
    QWidget,
)

# Parents whose children overlap by design; each is Qt's own arrangement, not ours.
STACKING_PARENTS: tuple[tuple[type, str], ...] = (
    (QAbstractScrollArea, "a scroll area's viewport, scroll bars, headers and corner widget share its frame"),
    (QStackedWidget, "pages of a stack lie on top of each other (only the current one is shown)"),
    (QAbstractSpinBox, "a spin box's line edit sits over its buttons' frame"),
    (QComboBox, "an editable combo box's line edit sits inside its frame"),
    (QTabBar, "a tab bar's scroll arrows and close buttons lie over its tabs"),
    (QLineEdit, "a line edit's clear and action buttons sit inside it"),
    (QAbstractButton, "a button's own children (menus, icons) sit inside it"),
)
# Widgets that float over others by design.
FLOATING: tuple[type, ...] = (QRubberBand, QFocusFrame, QSizeGrip)
# Our own widgets that overlap siblings by design, by objectName, with why. Keep this short.
ALLOWED_OVERLAPS: dict[str, str] = {}
# Labels (by objectName) whose text is cut by design: they elide, or only show a preview.
ELIDING_PROPERTY = "iro_elides"  # a widget with this property set True elides its text on purpose

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]*>|&[a-z]+;")  # as Qt's mightBeRichText
TOLERANCE = 1  # pixels: anti-aliasing and rounding, not a layout problem


def describe(widget: QWidget, stop: QWidget | None = None) -> str:
    """A readable path: window > … > widget, each step its objectName, accessibleName or text."""
    parts: list[str] = []
    w: QWidget | None = widget
    while w is not None:
        parts.append(_name(w))
        if w is stop or w.isWindow():
            break
        w = w.parentWidget()
    # Keep the path short: the named steps, and always the widget itself.
    named = [parts[0]] + [p for p in parts[1:] if "'" in p]
    return " < ".join(named[:5])


def _name(widget: QWidget) -> str:
    cls = type(widget).__name__
    for label in (widget.objectName(), widget.accessibleName()):
        if label and not label.startswith("qt_"):
            return f"{cls} '{label}'"
    text = _text_of(widget)
    if text:
        return f"{cls} '{text[:40]}'"
    return cls


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return _plain(widget.text(), widget)
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if isinstance(widget, QGroupBox):
        return widget.title().replace("&", "")
    return ""


def _plain(text: str, label: QLabel) -> str:
    if _is_rich(label):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def _is_rich(label: QLabel) -> bool:
    fmt = label.textFormat()
    return fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and _TAG.search(label.text()) is not None
    )


def _visible_children(widget: QWidget) -> list[QWidget]:
    return [
        c
        for c in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not c.isWindow() and c.isVisible() and c.width() > 0 and c.height() > 0
    ]


def _walk(root: QWidget) -> Iterator[QWidget]:
    stack = [root]
    while stack:
        w = stack.pop()
        yield w
        stack.extend(reversed(_visible_children(w)))


def _is_internal(widget: QWidget) -> bool:
    """Inside one of Qt's composite controls (a spin box's line edit, a combo's view…): not ours."""
    p = widget.parentWidget()
    while p is not None and not p.isWindow():
        if isinstance(p, (QAbstractSpinBox, QComboBox, QTabBar, QLineEdit)):
            return True
        p = p.parentWidget()
    return False


def check_layout(window: QWidget) -> list[str]:
    """Every problem in `window` (shown, laid out), one readable line each."""
    for _ in range(3):
        QApplication.processEvents()
    problems: list[str] = []
    for widget in _walk(window):
        if _is_internal(widget):
            continue
        problems.extend(_overlaps(widget, window))
        problems.extend(_text_fits(widget, window))
        problems.extend(_inside_window(widget, window))
    return problems


def assert_layout(window: QWidget) -> None:
    problems = check_layout(window)
    assert not problems, f"{len(problems)} layout problem(s):\n" + "\n".join(problems)


# --- (a) siblings that overlap ------------------------------------------------------------------------


def _overlaps(parent: QWidget, window: QWidget) -> list[str]:
    if isinstance(parent, tuple(t for t, _why in STACKING_PARENTS)):
        return []
    children = [
        c
        for c in _visible_children(parent)
        if not isinstance(c, FLOATING) and c.objectName() not in ALLOWED_OVERLAPS
    ]
    problems = []
    for i, a in enumerate(children):
        ra = a.geometry()
        for b in children[i + 1 :]:
            rb = b.geometry()
            inter = ra.intersected(rb)
            if inter.width() > TOLERANCE and inter.height() > TOLERANCE:
                problems.append(
                    f"overlap: {describe(a, window)} {_r(ra)} and {describe(b, window)} {_r(rb)} "
                    f"intersect by {inter.width()}x{inter.height()} in {describe(parent, window)}"
                )
    return problems


def _r(rect: QRect) -> str:
    return f"[{rect.x()},{rect.y()} {rect.width()}x{rect.height()}]"


# --- (b) text that does not fit ------------------------------------------------------------------------


def _elides(widget: QWidget) -> bool:
    return bool(widget.property(ELIDING_PROPERTY))


def _text_fits(widget: QWidget, window: QWidget) -> list[str]:
    if _elides(widget):
        return []
    if isinstance(widget, QLabel):
        return _label_fits(widget, window)
    if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
        return _button_fits(widget, window)
    if isinstance(widget, QGroupBox):
        return _group_fits(widget, window)
    if isinstance(widget, QTabBar):
        return _tabs_fit(widget, window)
    if isinstance(widget, QLineEdit) and not _is_internal(widget):
        return _line_edit_fits(widget, window)
    return []


def _line_edit_fits(edit: QLineEdit, window: QWidget) -> list[str]:
    """An empty field's hint must be readable whole (typed text scrolls in a line edit by design)."""
    hint = edit.placeholderText()
    if edit.text() or not hint:
        return []
    margins = edit.textMargins()
    room = edit.contentsRect().width() - margins.left() - margins.right() - 4  # Qt's horizontal margin
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, edit)
    room -= 2 * frame
    need = QFontMetrics(edit.font()).horizontalAdvance(hint)
    if need > room + TOLERANCE:
        return [f"text cut: {describe(edit, window)} hint needs {need}px but has {room}px: '{hint[:60]}'"]
    return []


def _label_fits(label: QLabel, window: QWidget) -> list[str]:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return []
    inner = label.contentsRect()
    margin = label.margin()
    indent = max(label.indent(), 0) if label.indent() >= 0 else 0
    width = inner.width() - 2 * margin - indent
    height = inner.height() - 2 * margin
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + TOLERANCE:
            return [
                f"text cut: {describe(label, window)} wraps to {need}px but is {label.height()}px tall "
                f"(width {label.width()}): '{_plain(text, label)[:60]}'"
            ]
        return []
    if _is_rich(label):
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        need_w = int(doc.idealWidth() + 0.999)
        need_h = int(doc.size().height())
    else:
        flags = int(Qt.TextFlag.TextShowMnemonic.value) if label.buddy() is not None else 0
        need = QFontMetrics(label.font()).size(flags, text)
        need_w, need_h = need.width(), need.height()
    problems = []
    if need_w > width + TOLERANCE:
        problems.append(
            f"text cut: {describe(label, window)} needs {need_w}px but has {width}px: "
            f"'{_plain(text, label)[:60]}'"
        )
    if need_h > height + TOLERANCE + 2:
        problems.append(
            f"text cut: {describe(label, window)} needs {need_h}px of height but has {height}px: "
            f"'{_plain(text, label)[:60]}'"
        )
    return problems


def _button_fits(button: QAbstractButton, window: QWidget) -> list[str]:
    text = _text_of(button)
    if not text:
        return []
    style = button.style()
    need = QFontMetrics(button.font()).size(int(Qt.TextFlag.TextShowMnemonic.value), button.text()).width()
    if not button.icon().isNull():
        need += button.iconSize().width() + 4
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        button.initStyleOption(option)
        contents = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        room = (
            contents.width() - 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button) // 2
        )
        if button.menu() is not None:
            room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, button)
    else:
        option = QStyleOptionButton()
        button.initStyleOption(option)  # type: ignore[attr-defined]
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        room = style.subElementRect(element, option, button).width()
    if need > room + TOLERANCE:
        return [f"text cut: {describe(button, window)} needs {need}px but has {room}px: '{text[:60]}'"]
    return []


def _group_fits(box: QGroupBox, window: QWidget) -> list[str]:
    title = _text_of(box)
    if not title:
        return []
    need = QFontMetrics(box.font()).horizontalAdvance(title) + (20 if box.isCheckable() else 0)
    room = box.width() - 12
    if need > room + TOLERANCE:
        return [f"text cut: {describe(box, window)} title needs {need}px but has {room}px: '{title[:60]}'"]
    return []


def _tabs_fit(bar: QTabBar, window: QWidget) -> list[str]:
    problems = []
    for i in range(bar.count()):
        if not bar.isTabVisible(i):
            continue
        want = bar.tabSizeHint(i).width()
        have = bar.tabRect(i).width()
        if have + TOLERANCE < want:
            problems.append(
                f"text cut: {describe(bar, window)} tab {i} needs {want}px but has {have}px: "
                f"'{bar.tabText(i).replace('&', '')}'"
            )
        right = bar.tabRect(i).right()
        if right > bar.width() + TOLERANCE and not bar.usesScrollButtons():
            problems.append(f"outside: {describe(bar, window)} tab {i} ends at {right}, bar {bar.width()}px")
    return problems


# --- (c) outside the window ----------------------------------------------------------------------------


def _reference(widget: QWidget, window: QWidget) -> tuple[QWidget, bool]:
    """What `widget` must lie within: the window, or the content widget of the scroll area it is in.
    The second value is False for widgets in an item view's viewport (cell editors scroll out by design)."""
    p = widget.parentWidget()
    child = widget
    while p is not None and p is not window:
        grand = p.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and p is grand.viewport():
            if isinstance(grand, QAbstractItemView):
                return p, False
            if isinstance(grand, QScrollArea) and child is grand.widget():
                return child, True
            return p, True
        child = p
        p = grand
    return window, True


def _sideways(widget: QWidget, window: QWidget) -> list[str]:
    """A page in a scroll area may scroll down, but not sideways: what lies to the right is out of
    sight with nothing to say it is there but a thin bar (text too wide for the screen)."""
    if not isinstance(widget, QScrollArea) or widget.widget() is None:
        return []
    content, viewport = widget.widget(), widget.viewport()
    if content.width() > viewport.width() + TOLERANCE:
        return [
            f"outside: {describe(widget, window)} scrolls sideways: its content is {content.width()}px wide "
            f"in {viewport.width()}px (needs {content.minimumSizeHint().width()}px at least)"
        ]
    return []


def _inside_window(widget: QWidget, window: QWidget) -> list[str]:
    if widget is window:
        return []
    sideways = _sideways(widget, window)
    ref, judged = _reference(widget, window)
    if not judged or ref is widget:
        return sideways
    if isinstance(ref.parentWidget(), QAbstractScrollArea):  # the scroll area's content itself
        pass
    top_left = widget.mapTo(ref, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    bounds = ref.rect()
    if isinstance(widget, (QSplitterHandle, QToolButton)) and isinstance(widget.parentWidget(), QTabBar):
        return []
    if (
        rect.left() < bounds.left() - TOLERANCE
        or rect.top() < bounds.top() - TOLERANCE
        or rect.right() > bounds.right() + TOLERANCE
        or rect.bottom() > bounds.bottom() + TOLERANCE
    ):
        where = "its window" if ref is window else f"its scroll area's content {describe(ref, window)}"
        problem = f"outside: {describe(widget, window)} {_r(rect)} lies outside {where} {_r(bounds)}"
        return [problem, *sideways]
    return sideways
