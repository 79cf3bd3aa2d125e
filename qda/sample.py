"""The bundled sample: the study's codebook and fictional, anonymised interviews.

From a wheel they live in ``qda/_data``; from a source checkout, at the top of
the repository.  Either way ``sample_files()`` finds them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

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


def build_sample_project(path: str | Path, progress: Callable[[str], None] | None = None) -> Path:
    """Build the sample project at ``path``: codebook, interviews, attributes and both coders' sample codings.

    It is built under a temporary name and renamed into place, so an
    interrupted build never leaves a half-made project at ``path``."""
    from .codebook import load_codebook
    from .ingest import import_files
    from .ingest.codings import read_codings_csv
    from .store import Project
    from .store.location import location

    path = location(path)  # a file, or a server database (postgresql://)
    if isinstance(path, Path) and path.exists():
        raise QdaError(f"{path}: a file is already there; remove it or name another")
    files = sample_files()
    codebook = load_codebook(files.codebook)
    with Project.build(path, name=path.stem) as project:
        project.import_codebook(codebook)
        import_files(project, files.transcripts, attributes=files.participants, progress=progress)
        for codings in files.codings:
            project.add_codings(read_codings_csv(codings, project), label=f"{codings.name} line", first=2)
    return path
