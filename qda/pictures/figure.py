"""What every picture shares: journal sizes, a Figure without pyplot's global state, saving, and the
drawn boxes of its artists (the evidence that nothing overlaps).

Sizes are a journal's columns: ``ONE_COLUMN`` 3.5 in, ``TWO_COLUMNS`` 7 in wide.  Figures are made
with ``matplotlib.figure.Figure`` and an Agg canvas, never ``pyplot``, so a notebook, a test run
and the CLI draw the same picture and no window opens.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import QdaError

ONE_COLUMN = 3.5
TWO_COLUMNS = 7.0
PICTURE_FORMATS = ("png", "svg")
INK = "#222222"
MUTED = "#666666"


def new_figure(width: float, height: float, dpi: int = 300):
    """A Figure with an Agg canvas, in inches; fonts sized for print."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(figure)
    return figure


def picture_format(path: str | Path, fmt: str | None = None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in PICTURE_FORMATS:
        raise QdaError(f"cannot draw a picture as {fmt or 'a file without suffix'!r}: use .png or .svg ({path})")
    return fmt


def save_figure(figure, path: str | Path, fmt: str | None = None, dpi: int = 300, mode: int | None = None) -> Path:
    """Write ``figure`` as PNG (``dpi`` pixels an inch) or SVG, whole or not at all, readable by its owner
    only unless ``mode`` says otherwise (``qda.files``); the same figure gives the same SVG bytes."""
    import matplotlib

    from ..files import PRIVATE, atomic_output

    path = Path(path)
    fmt = picture_format(path, fmt)
    with matplotlib.rc_context({"svg.hashsalt": "qda", "svg.fonttype": "path"}), \
            atomic_output(path, PRIVATE if mode is None else mode) as target:
        metadata = {"Date": None} if fmt == "svg" else {"Software": "qda"}
        figure.savefig(target, format=fmt, dpi=dpi, facecolor="white", metadata=metadata)
    return path


def text_box(text, renderer, pad_points: float = 1.0):
    """The drawn box of a Text, in display pixels, padded by its halo."""
    from matplotlib.transforms import Bbox

    box = text.get_window_extent(renderer)
    pad = pad_points * text.figure.dpi / 72
    return Bbox.from_extents(box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad)


def marker_boxes(collection, renderer):
    """The square boxes of a scatter's markers, in display pixels (a circle lies inside its box)."""
    import numpy as np
    from matplotlib.transforms import Bbox

    offsets = collection.get_offset_transform().transform(collection.get_offsets())
    sizes = np.broadcast_to(collection.get_sizes(), (len(offsets),))
    radii = np.sqrt(sizes) / 2 * collection.figure.dpi / 72
    return [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(offsets, radii)]


def overlapping(boxes, others=None) -> list[tuple[int, int]]:
    """Index pairs of boxes that share area: within ``boxes``, or between ``boxes`` and ``others``."""
    import numpy as np

    def extents(items):
        return np.array([[b.x0, b.y0, b.x1, b.y1] for b in items]).reshape(-1, 4)

    a = extents(boxes)
    b = a if others is None else extents(others)
    hit = ((a[:, None, 0] < b[None, :, 2]) & (b[None, :, 0] < a[:, None, 2])
           & (a[:, None, 1] < b[None, :, 3]) & (b[None, :, 1] < a[:, None, 3]))
    if others is None:
        hit = np.triu(hit, 1)
    return [tuple(map(int, pair)) for pair in zip(*np.nonzero(hit))]


def text_width(text: str, font: float) -> float:
    """Inches ``text`` takes at ``font`` points in matplotlib's default face, as the Agg renderer lays it out."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    width, _, _ = _MEASURE.setdefault("renderer", RendererAgg(1, 1, 72)).get_text_width_height_descent(
        text, FontProperties(size=font), ismath=False)
    return width / 72


_MEASURE: dict = {}


def fitted_labels(labels: list[str], font: float, room: float) -> list[str]:
    """Each label broken at spaces into lines at most ``room`` inches wide at ``font`` points, measured, not
    guessed from a character count (long Spanish code names ran past a one-column picture's left edge); a
    single word wider than ``room`` keeps a line of its own."""
    fitted = []
    for label in labels:
        lines: list[str] = []
        for word in label.split():
            if lines and text_width(f"{lines[-1]} {word}", font) <= room:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        fitted.append("\n".join(lines) or label)
    return fitted


def lines_of(labels: list[str]) -> int:
    """The most lines any label has (1 for none)."""
    return max((label.count("\n") + 1 for label in labels), default=1)


def widest(labels: list[str], font: float) -> float:
    """Inches of the widest line of ``labels`` at ``font`` points."""
    return max((text_width(line, font) for label in labels for line in label.split("\n")), default=0.0)

