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
    ]
    for name in sorted(main.commands):
        command = main.commands[name]
        with click.Context(command, info_name=f"qda {name}", terminal_width=100, max_content_width=100) as context:
            text = command.get_help(context)
        parts += [f"## qda {name}", "", "```", text.rstrip(), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
