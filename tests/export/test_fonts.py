"""Fonts are found as package data (checkout, wheel, frozen bundle); Arabic-script runs are shaped and set in
Naskh."""

from __future__ import annotations

import unicodedata
from importlib.resources import files
from pathlib import Path

import iro_desktop
from iro_desktop.export.pdf import fonts


def test_fonts_are_found_inside_the_package():
    folder = fonts.fonts_dir()
    assert folder == Path(iro_desktop.__file__).resolve().parent / "resources" / "fonts"
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "NotoNaskhArabic-Regular.ttf",
    ):
        assert (folder / name).is_file()


def test_fonts_are_read_through_importlib_resources():
    """The frozen app and an installed wheel serve package data the same way (tests/test_frozen.py and
    tests/test_wheel.py run them); here the path is the one importlib.resources gives."""
    assert fonts.resources_dir() == files("iro_desktop") / "resources"


def test_latin_text_is_escaped_and_untouched():
    assert fonts.markup("Łucja & Zoë <b>\nDvořák") == "Łucja &amp; Zoë &lt;b&gt;<br/>Dvořák"
    assert not fonts.has_arabic("Siobhán Ó Súilleabháin — £5 “quoted”")


def test_an_arabic_run_is_shaped_reordered_and_set_in_naskh():
    out = fonts.markup("Father: محمد علي (by phone)")
    assert out.startswith("Father: ")
    assert out.endswith(" (by phone)")
    assert out.count(f'<font name="{fonts.NASKH}">') == 1  # both words in one run
    shaped = out[out.index(">") + 1 : out.index("</font>")]
    # Presentation forms (joined letters), drawn right to left: the last word comes first.
    assert all("\ufb50" <= c <= "\ufeff" or c == " " for c in shaped)
    assert unicodedata.normalize("NFKC", shaped) == "محمد علي"[::-1]


def test_arabic_in_a_bold_heading_takes_the_bold_naskh_face():
    assert f'<font name="{fonts.NASKH_BOLD}">' in fonts.markup("Yusuf علي", bold=True)


def test_urdu_letters_are_shaped_too():
    out = fonts.plain("عائشہ خان")
    assert "ہ" not in out  # heh goal (U+06C1) takes its joined form
    assert unicodedata.normalize("NFKC", out).replace(" ", "")  # something drawable, not empty


def test_registering_twice_is_harmless():
    fonts.register_fonts()
    fonts.register_fonts()
