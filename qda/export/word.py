"""Word documents qda writes (quotes, memos, the codebook appendix): one look, made of named styles.

Each kind of paragraph is a named style rather than formatting repeated on every paragraph,
so that a reader restyles a whole export in Word at once and ten thousand paragraphs write
fast.  python-docx is imported only when a document is made."""

from __future__ import annotations

from typing import Any

FONT, SIZE = "Calibri", 11  # the body text: points


def new_document(paragraphs: dict[str, dict[str, Any]] | None = None,
                 characters: dict[str, dict[str, Any]] | None = None):
    """A python-docx Document with Normal in Calibri 11 and the named styles added.

    ``paragraphs`` and ``characters`` map a style's name to its look, any of: ``size``
    (points), ``italic``, ``grey`` (0-255, the level of an RGB grey), ``indent`` (cm, both
    sides), ``left_indent`` (cm), ``space_after`` (points), ``keep_with_next``.  Paragraph
    styles are based on Normal."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = FONT, _points(SIZE)
    for kind, looks in ((WD_STYLE_TYPE.PARAGRAPH, paragraphs or {}), (WD_STYLE_TYPE.CHARACTER, characters or {})):
        for name, look in looks.items():
            style = styles.add_style(name, kind)
            if kind == WD_STYLE_TYPE.PARAGRAPH:
                style.base_style = normal
            _dress(style, **look)
    return document


def describe(document, title: str) -> None:
    """The file's own title and author, as Word's document properties show them."""
    document.core_properties.title = title
    document.core_properties.author = "qda"


def _points(value: float):
    from docx.shared import Pt

    return Pt(value)


def _dress(style, size: float | None = None, italic: bool = False, grey: int | None = None,
           indent: float | None = None, left_indent: float | None = None, space_after: float | None = None,
           keep_with_next: bool = False) -> None:
    from docx.shared import Cm, RGBColor

    if size is not None:
        style.font.size = _points(size)
    if italic:
        style.font.italic = True
    if grey is not None:
        style.font.color.rgb = RGBColor(grey, grey, grey)
    if not hasattr(style, "paragraph_format"):  # a character style
        return
    layout = style.paragraph_format
    if indent is not None:
        layout.left_indent = layout.right_indent = Cm(indent)
    if left_indent is not None:
        layout.left_indent = Cm(left_indent)
    if space_after is not None:
        layout.space_after = _points(space_after)
    if keep_with_next:
        layout.keep_with_next = True
