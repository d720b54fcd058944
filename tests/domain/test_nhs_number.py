"""The NHS number's Modulus 11 check digit: hand-worked numbers, every single-digit typo caught."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.family import ChildInput, validate_child
from iro_desktop.domain.nhs_number import check_digit, formatted, is_valid, nhs_number_problems, normalise


def test_hand_worked_check_digit():
    # 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9.
    assert check_digit("943476591") == 9
    assert is_valid("9434765919")
    assert is_valid("943 476 5919")
    assert is_valid("943-476-5919")
    assert not is_valid("9434765918")


def test_remainder_eleven_is_zero_and_ten_is_never_valid():
    # 0*10 + ... + 0*3 + 1*2 = 2 -> 11 - 2 = 9; "000000011": 1*3 + 1*2 = 5 -> 6.
    assert check_digit("000000011") == 6
    # 1*10 = 10 -> 11 - 10 = 1; "100000001": 10 + 2 = 12 -> 12 mod 11 = 1 -> 10: no valid number.
    assert check_digit("100000001") is None
    assert not any(is_valid("100000001" + str(d)) for d in range(10))
    # 11 -> remainder 0 -> check digit 11 -> 0: "000000101" is 1*4 = 4 ... take 5*2 + 1*... hand-built:
    # digits 0,0,0,0,0,0,0,1,4: 1*3 + 4*2 = 11 -> remainder 0 -> check digit 0.
    assert check_digit("000000014") == 0
    assert is_valid("0000000140")


@given(st.text(alphabet="0123456789", min_size=9, max_size=9), st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_is_caught(first_nine, position, delta):
    digit = check_digit(first_nine)
    if digit is None:
        return
    number = first_nine + str(digit)
    assert is_valid(number)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert not is_valid(changed)


def test_messages_say_what_is_wrong_and_whose_number():
    assert nhs_number_problems("nhs_number", "") == []
    assert nhs_number_problems("nhs_number", "94347659")[0].message.startswith("The NHS number has 10 digits")
    bad = nhs_number_problems("nhs_number", "943 476 5918", unborn=True)
    assert bad[0].field == "nhs_number"
    assert bad[0].message.startswith("The mother's NHS number is not valid")
    assert nhs_number_problems("nhs_number", "９４３４７６５９１９")  # full-width digits are refused
    assert normalise(" 943 476 5919 ") == "9434765919"
    assert formatted("9434765919") == "943 476 5919"


def test_a_child_with_a_wrong_nhs_number_is_refused_next_to_the_field():
    from datetime import date

    child = ChildInput("Ada", "Nowak", date_of_birth=date(2020, 1, 1), nhs_number="9434765918")
    problems = validate_child(child, date(2026, 12, 1))
    assert [p.field for p in problems] == ["nhs_number"]
    assert (
        validate_child(
            ChildInput("Ada", "Nowak", date(2020, 1, 1), nhs_number="9434765919"), date(2026, 12, 1)
        )
        == []
    )
