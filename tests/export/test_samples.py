"""The sample factory and its command: fictional data that exercises the fonts; four PDFs written."""

from __future__ import annotations

from iro_desktop.export import samples
from tests.export.pdftext import all_text


def test_the_command_writes_all_four_pdfs(tmp_path, capsys):
    assert samples.main([str(tmp_path), "--final"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["family-version.pdf", "mapping-handout.pdf", "plan.pdf", "record.pdf"]
    assert "record.pdf" in capsys.readouterr().out
    assert "DRAFT" not in all_text((tmp_path / "record.pdf").read_bytes())


def test_the_large_conference_has_the_benchmark_size():
    doc = samples.large_document()
    assert (len(doc.children), len(doc.map_items), len(doc.actions), len(doc.decisions)) == (6, 150, 40, 6)
    assert len({item.text for item in doc.map_items}) == 150  # each item can be found on its own


def test_the_sample_uses_the_font_exercising_names():
    doc = samples.sample_document()
    names = {p.name for p in doc.people} | {c.name for c in doc.children}
    for name in ("Zoë Brontë", "Siobhán Ó Súilleabháin", "Łucja Wójcik", "محمد علي", "عائشہ خان"):
        assert name in names
