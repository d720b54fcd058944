"""The layout checker itself: it finds each kind of problem on purpose-built widgets, and stays quiet
where Qt stacks widgets by design."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from tests.ui.layout_check import ELIDING_PROPERTY, check_layout

LONG = "Siobhán Gráinne Ó Súilleabháin-Wójcik could be hurt when the adults at home argue late at night"


def _window(qtbot, width=400, height=300) -> QWidget:
    window = QWidget()
    window.setObjectName("test window")
    qtbot.addWidget(window)
    window.resize(width, height)
    return window


def test_a_laid_out_window_has_no_problems(qtbot):
    window = _window(qtbot)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("Danger statements"))
    wrapped = QLabel(LONG)
    wrapped.setWordWrap(True)
    layout.addWidget(wrapped)
    layout.addWidget(QPushButton("&Book conference"))
    layout.addWidget(QCheckBox("Invited"))
    tabs = QTabWidget()
    tabs.addTab(QLabel("first"), "One")
    tabs.addTab(QLabel("second"), "Two")
    layout.addWidget(tabs)
    stack = QStackedWidget()  # pages on top of each other: only the current one is shown
    stack.addWidget(QLabel("page one"))
    stack.addWidget(QLabel("page two"))
    layout.addWidget(stack)
    window.show()
    assert check_layout(window) == []


def test_overlapping_siblings_are_named(qtbot):
    window = _window(qtbot)
    lst = QLabel("items", window)
    lst.setObjectName("the list")
    lst.setGeometry(10, 10, 200, 100)
    add = QLabel("Type here", window)
    add.setAccessibleName("Add to Danger statements")
    add.setGeometry(10, 90, 200, 30)
    window.show()
    problems = check_layout(window)
    assert len(problems) == 1
    assert problems[0].startswith("overlap: QLabel 'the list'")
    assert "QLabel 'Add to Danger statements'" in problems[0]
    assert "200x20" in problems[0]


def test_touching_siblings_do_not_overlap(qtbot):
    window = _window(qtbot)
    QLabel("a", window).setGeometry(10, 10, 100, 20)
    QLabel("b", window).setGeometry(10, 30, 100, 20)  # starts on the row after the first ends
    window.show()
    assert check_layout(window) == []


def test_text_wider_than_its_label_and_wrapped_text_taller(qtbot):
    window = _window(qtbot, 600, 300)
    cut = QLabel(LONG, window)
    cut.setGeometry(0, 0, 120, 30)
    wrapped = QLabel(LONG, window)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 40, 120, 20)
    elided = QLabel(LONG, window)
    elided.setProperty(ELIDING_PROPERTY, True)  # elides on purpose: not a problem
    elided.setGeometry(0, 70, 120, 30)
    button = QPushButton("Approve and lock the final record", window)
    button.setGeometry(0, 110, 60, 30)
    box = QCheckBox("Parental responsibility", window)
    box.setGeometry(0, 150, 50, 30)
    window.show()
    problems = check_layout(window)
    assert len(problems) == 4, problems
    assert "needs" in problems[0]
    assert "but has" in problems[0]
    assert any("wraps to" in p for p in problems)
    assert any("QPushButton 'Approve and lock" in p for p in problems)
    assert any("QCheckBox 'Parental responsibility'" in p for p in problems)


def test_a_mnemonic_ampersand_is_not_counted(qtbot):
    window = _window(qtbot)
    label = QLabel("&Name:", window)
    label.setBuddy(QLabel("x", window))
    label.adjustSize()
    label.buddy().setGeometry(200, 0, 20, 20)
    window.show()
    assert check_layout(window) == []


def test_outside_the_window_but_not_inside_a_scroll_areas_content(qtbot):
    window = _window(qtbot, 300, 200)
    off = QLabel("off", window)
    off.setObjectName("off the edge")
    off.setGeometry(250, 150, 100, 20)
    area = QScrollArea(window)
    area.setGeometry(0, 0, 200, 100)
    content = QWidget()
    content.resize(150, 600)  # taller than the viewport: it scrolls down, that is fine
    QLabel("far down", content).setGeometry(0, 550, 100, 20)
    beyond = QLabel("beyond", content)
    beyond.setGeometry(100, 580, 100, 20)
    area.setWidget(content)
    window.show()
    problems = check_layout(window)
    assert len(problems) == 2, problems  # and the area does not scroll sideways
    assert problems[0].startswith("outside: QLabel 'off the edge'")
    assert "its window" in problems[0]
    assert "QLabel 'beyond'" in problems[1]
    assert "scroll area's content" in problems[1]


def test_an_empty_fields_hint_must_be_readable(qtbot):
    from PySide6.QtWidgets import QLineEdit

    window = _window(qtbot)
    squeezed = QLineEdit(window)
    squeezed.setPlaceholderText("dd/mm/yyyy")
    squeezed.setAccessibleName("Date invited")
    squeezed.setGeometry(0, 0, 40, 24)
    roomy = QLineEdit(window)
    roomy.setPlaceholderText("dd/mm/yyyy")
    roomy.setGeometry(0, 40, 200, 24)
    typed = QLineEdit("a long reason typed by the chair, scrolling in its field", window)
    typed.setGeometry(0, 80, 60, 24)  # typed text scrolls in a line edit: not a problem
    window.show()
    problems = check_layout(window)
    assert len(problems) == 1, problems
    assert problems[0].startswith("text cut: QLineEdit 'Date invited'")
    assert "hint needs" in problems[0]
