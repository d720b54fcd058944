"""The NHS number: ten digits, the last a Modulus 11 check digit (NHS Data Dictionary)."""

from __future__ import annotations

from iro_desktop.domain.errors import Problem

WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def normalise(text: str) -> str:
    """The digits as typed, spaces and hyphens taken out ('943 476 5919' -> '9434765919')."""
    return "".join(ch for ch in text if ch not in " -\t")


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when the remainder makes 10 (no valid number)."""
    total = sum(int(d) * w for d, w in zip(first_nine, WEIGHTS, strict=True))
    digit = 11 - total % 11
    if digit == 11:
        return 0
    return None if digit == 10 else digit


def is_valid(text: str) -> bool:
    number = normalise(text)
    if len(number) != 10 or not number.isascii() or not number.isdigit():
        return False
    return check_digit(number[:9]) == int(number[9])


def formatted(text: str) -> str:
    """'943 476 5919': the 3-3-4 grouping people read aloud; anything else unchanged."""
    number = normalise(text)
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else text


def nhs_number_problems(field: str, text: str, unborn: bool = False) -> list[Problem]:
    """An empty NHS number is allowed (not known yet); otherwise ten digits with a matching check digit."""
    number = normalise(text)
    if not number:
        return []
    whose = "The mother's NHS number" if unborn else "The NHS number"
    if not number.isascii() or not number.isdigit() or len(number) != 10:
        return [Problem(field, f"{whose} has 10 digits, for example 943 476 5919.")]
    if check_digit(number[:9]) != int(number[9]):
        return [
            Problem(
                field, f"{whose} is not valid: its last digit does not match. Check it was typed correctly."
            )
        ]
    return []
