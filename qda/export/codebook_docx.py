"""The codebook as the appendix a paper prints: the tree at a glance, then each code with its definition,
when to use it and when not, and an example."""

from __future__ import annotations

from pathlib import Path

from ..files import PRIVATE, atomic_output
from ..model import Codebook
from .word import describe, new_document


def _numbers(codebook: Codebook) -> dict[str, str]:
    """Outline numbers in codebook order: 1, 1.1, 1.1.1, ..."""
    numbers: dict[str, str] = {}
    seen_under: dict[str | None, int] = {}
    for code, _depth in codebook.walk():
        seen_under[code.parent_id] = place = seen_under.get(code.parent_id, 0) + 1
        numbers[code.id] = f"{numbers[code.parent_id]}.{place}" if code.parent_id else str(place)
    return numbers


def write_codebook_docx(codebook: Codebook, path: str | Path, title: str = "", mode: int = PRIVATE) -> Path:
    """Write the codebook appendix to ``path`` (.docx)."""
    from docx.shared import Cm, RGBColor

    path = Path(path)
    document = new_document({
        "Codebook Tree": {"space_after": 0},
        "Codebook Field": {"space_after": 4},
        "Codebook Example": {"left_indent": 1.0, "space_after": 8, "italic": True},
    })

    numbers = _numbers(codebook)
    document.add_heading(title or codebook.name or "Codebook", level=0)
    if codebook.description:
        document.add_paragraph(codebook.description)
    document.add_paragraph(f"{len(codebook)} codes in {len(codebook.roots)} groups.")
    document.add_heading("The codes at a glance", level=1)
    for code, depth in codebook.walk():
        paragraph = document.add_paragraph(style="Codebook Tree")
        paragraph.paragraph_format.left_indent = Cm(0.8 * depth)
        if code.colour:
            swatch = paragraph.add_run("■ ")
            swatch.font.color.rgb = RGBColor.from_string(code.colour.lstrip("#").upper())
        paragraph.add_run(f"{numbers[code.id]}  ")
        paragraph.add_run(code.name).bold = depth == 0
    document.add_heading("Definitions", level=1)
    for code, depth in codebook.walk():
        document.add_heading(f"{numbers[code.id]}  {code.name}", level=min(depth + 2, 9))
        if depth:
            document.add_paragraph(codebook.path(code.id), style="Codebook Field").runs[0].font.color.rgb = RGBColor(0x66, 0x66, 0x66)
        for label, text in (("Definition", code.definition), ("When to use", code.when_to_use),
                            ("When not to use", code.when_not_to_use)):
            if text:
                paragraph = document.add_paragraph(style="Codebook Field")
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(text)
        if code.example:
            document.add_paragraph(f"Example: “{code.example}”", style="Codebook Example")
    describe(document, title or codebook.name or "Codebook")
    with atomic_output(path, mode) as temporary:
        document.save(temporary)
    return path
