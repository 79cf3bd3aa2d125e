"""The bundled sample: the study's codebook and fictional, anonymised interviews.

From a wheel they live in ``qda/_data``; from a source checkout, at the top of
the repository.  Either way ``sample_files()`` finds them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import QdaError
from .ingest import SUFFIXES

CODEBOOK = "peru_vaw_state_response.yaml"


@dataclass(frozen=True)
class SampleFiles:
    codebook: Path
    transcripts: list[Path]
    participants: Path
    codings: list[Path]


def sample_root() -> Path:
    package = Path(__file__).resolve().parent
    for root in (package / "_data", package.parent):
        if (root / "codebooks" / CODEBOOK).is_file() and (root / "transcripts_sample").is_dir():
            return root
    raise QdaError("the bundled sample is missing from this installation; reinstall qda")


def sample_files() -> SampleFiles:
    root = sample_root()
    folder = root / "transcripts_sample"
    return SampleFiles(
        codebook=root / "codebooks" / CODEBOOK,
        transcripts=sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES),
        participants=folder / "participants.csv",
        codings=sorted(folder.glob("codings_*.csv")),
    )
