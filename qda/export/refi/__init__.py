"""REFI-QDA exchange: .qdpx projects and .qdc codebooks, read safely and written to the schema.

``read_qdpx``/``read_qdc`` turn untrusted files into records (nothing written);
``import_qdpx`` makes a new project from a .qdpx, all or nothing;
``write_qdpx``/``write_qdc`` write files that validate against the REFI-QDA 1.0 schemas.
Positions are converted between REFI selections and qda offsets in
``positions`` and nowhere else.
"""

from __future__ import annotations

from pathlib import Path

from .codebook_reader import read_qdc
from .read_report import ReadReport
from .reader import read_qdpx
from .safety import RefiError
from .writer import WriteReport, write_qdc, write_qdpx


def import_qdpx(source: str | Path, target: str | Path):
    """Create the project ``target`` from the .qdpx ``source``: (open Project, ReadReport).

    The file is read and checked in full before the project is created; if storing
    fails, no project file is left behind."""
    from ...store.exchange import create_from_records

    records, report = read_qdpx(source)
    project = create_from_records(target, records, f"created from {Path(source).name}",
                                  created=report.created)
    return project, report


__all__ = ["ReadReport", "RefiError", "WriteReport", "import_qdpx", "read_qdc", "read_qdpx", "write_qdc", "write_qdpx"]
