"""Counts in sentences the screens show: "1 hit", "2 hits", "1 passage would be coded"."""

from __future__ import annotations

IRREGULAR = {"passage would be coded": "passages would be coded"}


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """``counted(1, "hit")`` -> "1 hit"; ``counted(3, "hit")`` -> "3 hits"; thousands separated."""
    if count == 1:
        return f"1 {singular}"
    return f"{count:,} {plural or IRREGULAR.get(singular) or singular + 's'}"
