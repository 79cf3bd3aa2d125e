"""What a destructive action takes with it, said in words: the researcher is told every coding and memo
that goes (a coding's memo goes with its coding, unseen on the screen), and one undo brings all of it back.
The same words are the action's summary in the history and the message of the command or the app."""

from __future__ import annotations

from ..model import Value


def _counted(count: int, singular: str) -> str:
    return f"{count:,} {singular}{'' if count == 1 else 's'}"


def _names(names: tuple[str, ...]) -> str:
    """("ana", "luis", "rosa") -> "ana, luis and rosa"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class TakenCodings(Value):
    """Codings removed: how many, and how many of them carried a memo."""

    def __init__(self, codings: int, with_memo: int) -> None:
        self.__dict__.update(codings=codings, with_memo=with_memo)

    def __str__(self) -> str:
        memos = "" if not self.with_memo else " (with a memo)" if self.codings == 1 else f" ({self.with_memo:,} with a memo)"
        return _counted(self.codings, "coding") + memos


class DeletedCode(Value):
    """A code deleted: its path, its codings, and the coders whose memos on the code itself went."""

    def __init__(self, path: str, codings: TakenCodings, code_memos_by: tuple[str, ...]) -> None:
        self.__dict__.update(path=path, codings=codings, code_memos_by=code_memos_by)

    def __str__(self) -> str:
        """e.g. "its 2 codings (1 with a memo) and the memos on the code by ana and luis"."""
        memos = self.code_memos_by
        said = f"its {self.codings}"
        if memos:
            said += f" and the memo{'s' if len(memos) > 1 else ''} on the code by {_names(memos)}"
        return said
