"""Saturation: how many codes each newly coded document adds, in the order the documents were coded.

A document's place in the order is the time of its first coding (by the
selected coders); documents without codings are left out.  ``new_codes`` are the
codes it uses that no earlier document used; ``cumulative_codes`` the codes
used so far.  When new interviews stop adding codes, the coding has reached
saturation for this codebook (docs/analysis.md).
"""

from __future__ import annotations

import pandas as pd

from ..errors import QdaError
from ..files import atomic_output
from ._select import select_codings, select_documents

SATURATION_COLUMNS = ["order", "document", "first_coded", "codes", "new_codes", "cumulative_codes", "new"]


def saturation(project, coder=None, codes=None, where=None, order: str = "coding") -> pd.DataFrame:
    """One row per coded document, in coding order (``order="coding"``) or import order (``"document"``).

    Columns: order (from 1), document, first_coded (time of its first coding),
    codes (distinct codes used in it), new_codes, cumulative_codes, new (the
    new codes' paths, "; "-separated, in codebook order)."""
    if order not in ("coding", "document"):
        raise QdaError(f"unknown order {order!r}: use coding or document")
    documents = select_documents(project, where)
    frame = select_codings(project, coder=coder, codes=codes, where=where, documents=documents)
    if frame.empty:
        return pd.DataFrame(columns=SATURATION_COLUMNS)
    position = {d: i for i, d in enumerate(documents["id"])}
    frame = frame.astype({"document_id": str, "code_id": str, "document": str})
    if "created" not in frame.columns:
        from ..store.queries import coding_created

        frame["created"] = frame["row"].map(coding_created(project))
    first = frame.groupby("document_id").agg(document=("document", "first"), first_coded=("created", "min"))
    first["_pos"] = [position[d] for d in first.index]
    first = first.sort_values(["first_coded", "_pos"] if order == "coding" else ["_pos"])
    rank = {code.id: i for i, (code, _) in enumerate(project.codebook.walk())}
    paths = project.codebook.paths
    seen: set[str] = set()
    rows = []
    by_document = frame.groupby("document_id")["code_id"].agg(lambda s: set(s))
    for number, (document_id, row) in enumerate(first.iterrows(), start=1):
        used = by_document[document_id]
        new = sorted(used - seen, key=rank.get)
        seen |= used
        rows.append({"order": number, "document": row["document"], "first_coded": row["first_coded"], "codes": len(used),
                     "new_codes": len(new), "cumulative_codes": len(seen), "new": "; ".join(paths[c] for c in new)})
    return pd.DataFrame(rows, columns=SATURATION_COLUMNS)


def draw_saturation(table: pd.DataFrame, path, width: float = 10.0, height: float = 5.0, dpi: int = 100,
                    title: str = "Saturation: new codes per document") -> None:
    """The curve as PNG or SVG: bars of new codes per document, a line of the codes used so far."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(width, height), dpi=dpi)
    if table.empty:
        axes.text(0.5, 0.5, "No codings yet", ha="center", va="center", fontsize=14, color="#555555")
        axes.set_axis_off()
    else:
        x = table["order"].to_numpy()
        axes.bar(x, table["new_codes"], color="#5B9BD5", label="new codes in this document")
        axes.plot(x, table["cumulative_codes"], color="#C00000", marker="o", linewidth=2, label="codes used so far")
        axes.set_xticks(x)
        labels = [name.split("_")[0] if len(name) > 12 else name for name in table["document"]]
        axes.set_xticklabels(labels, rotation=45 if len(x) > 8 else 0, ha="right" if len(x) > 8 else "center", fontsize=8)
        axes.set_xlabel("documents in the order they were coded")
        axes.set_ylabel("codes")
        axes.set_ylim(0, max(int(table["cumulative_codes"].max()), 1) * 1.1)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(loc="upper left", frameon=False)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
    axes.set_title(title)
    figure.tight_layout()
    suffix = str(path).rsplit(".", 1)[-1].lower()
    with atomic_output(path) as target:
        figure.savefig(target, format=suffix if suffix in ("png", "svg") else "png", dpi=dpi,
                       metadata={"Date": None} if suffix == "svg" else {})
    plt.close(figure)
