"""The command reference (docs/cli.md), generated from the commands' own help.

Regenerate after changing a command: ``python -m qda.cli.reference > docs/cli.md``.
tests/test_docs.py fails when the file and the commands disagree."""

from __future__ import annotations

import click

from . import main


def reference() -> str:
    parts = [
        "# Command reference",
        "",
        "Generated from `qda COMMAND --help` by `python -m qda.cli.reference > docs/cli.md`.",
        "Every command exits 0 on success and 2 on a user error, printing one line that names the file and the problem.",
        "",
        "Tables for people (`--format table`, the default) are plain aligned columns; in a terminal a table",
        "(or the codebook's tree) longer than the screen opens in a pager, as git's output does: `QDA_PAGER`, else `PAGER`, else",
        "`less -FRX` (an empty value or `cat` turns paging off). A table too wide for the terminal, even with its",
        "text folded, is shown a row at a time, one line a column, as psql's expanded display shows it. Sent to a",
        "pipe or a file, a table is never paged and is written as it is made. `--format csv` and `--format json`",
        "are for scripts.",
        "",
    ]
    # Each command's context is a child of the group's, as when run, so it shares -h/--help.
    root = click.Context(main, info_name="qda", terminal_width=100, **main.context_settings)
    for name in sorted(main.commands):
        command = main.commands[name]
        with click.Context(command, parent=root, info_name=name) as context:
            text = command.get_help(context)
        parts += [f"## qda {name}", "", "```", text.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
