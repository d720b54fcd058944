"""The single-primary-category rule under both local settings."""

from __future__ import annotations

import pytest

from iro_desktop.domain.categories import (
    SINGLE_CATEGORIES,
    Category,
    categories_offered,
    validate_category,
)


def test_codes_are_the_ones_reports_count():
    assert [c.value for c in Category] == ["N", "P", "E", "S", "M"]
    for category in Category:
        assert category.label
        assert len(category.definition) > 60


@pytest.mark.parametrize("category", SINGLE_CATEGORIES)
@pytest.mark.parametrize("allow_multiple", [False, True])
def test_one_primary_category_is_always_fine(category, allow_multiple):
    assert validate_category(category, "", allow_multiple) == []


@pytest.mark.parametrize("allow_multiple", [False, True])
def test_a_category_is_required(allow_multiple):
    problems = validate_category(None, "", allow_multiple)
    assert [p.field for p in problems] == ["category"]


def test_multiple_blocked_when_policy_says_one_category():
    problems = validate_category(Category.MULTIPLE, "Neglect and emotional harm both present.", False)
    assert [p.field for p in problems] == ["category"]
    assert "one primary category" in problems[0].message
    assert Category.MULTIPLE not in categories_offered(False)


def test_multiple_allowed_by_policy_needs_a_written_reason():
    assert Category.MULTIPLE in categories_offered(True)
    problems = validate_category(Category.MULTIPLE, "   ", True)
    assert [p.field for p in problems] == ["multiple_reason"]
    assert (
        validate_category(
            Category.MULTIPLE, "Sexual harm by one adult and neglect by another — “both”.", True
        )
        == []
    )


def test_overlong_reason():
    problems = validate_category(Category.MULTIPLE, "x" * 2001, True)
    assert [p.field for p in problems] == ["multiple_reason"]
