"""What reading a REFI-QDA file adjusted and left out, for the CLI to print."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ReadReport:
    """What an import read, adjusted and left out, for the CLI to print."""

    file: Path
    created: str = ""                                           # the project's creationDateTime
    origin: str = ""                                            # the program that wrote it, as the file says
    conventions: dict[str, str] = field(default_factory=dict)   # document name -> convention used
    adjusted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)           # to be said loudly: codings may be lost or misplaced
    missing: int = 0                                            # sources whose text file could not be had
    missing_causes: dict[str, int] = field(default_factory=dict)  # of those, how many for each cause (members.py)
