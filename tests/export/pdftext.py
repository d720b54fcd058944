"""Reading PDFs back in tests: text per page with whitespace collapsed, Arabic presentation forms undone."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(data: bytes) -> list[str]:
    """Each page's text: whitespace collapsed and NFKC-normalised (shaped Arabic back to base letters)."""
    reader = PdfReader(io.BytesIO(data))
    return [collapse(unicodedata.normalize("NFKC", page.extract_text() or "")) for page in reader.pages]


def all_text(data: bytes) -> str:
    return " ".join(page_texts(data))
