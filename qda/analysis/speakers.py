"""Speaker labels named by a user (``--skip-speaker``), checked against those of the documents chosen.

Its own module, without pandas, so that ``qda kwic --skip-speaker`` imports only what it uses."""

from __future__ import annotations

from typing import Iterable

from ..errors import QdaError


def check_speakers(labels: Iterable[str], named: Iterable[str]) -> set[str]:
    """The ``named`` speaker labels, case-folded; a QdaError naming one that ``labels`` (the speakers
    of the documents chosen) do not have, with those it has."""
    present = {label.casefold(): label for label in labels if label}
    wanted = {name.strip().casefold(): name for name in named if name.strip()}
    unknown = [name for folded, name in wanted.items() if folded not in present]
    if unknown:
        listed = ", ".join(sorted(present.values())[:20]) or "none: these documents have no speaker turns"
        raise QdaError(f"no speaker {unknown[0]!r} in these documents (speakers: {listed})")
    return set(wanted)
