"""The `qda` command: each subcommand parses its arguments, makes one or two library calls, prints.

Subcommands live in modules by area (project, ...) and are registered here."""

from __future__ import annotations

import click

from .. import __version__
from .common import QdaGroup


@click.group(cls=QdaGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="qda")
def main() -> None:
    """qda: code interview transcripts, analyse the codings, export quotes, measure agreement.

    \b
    Start with the bundled sample:
      qda sample sample.qda
    Or a project of your own:
      qda init study.qda --codebook codebooks/peru_vaw_state_response.yaml
      qda import study.qda transcripts/* --attributes participants.csv
    """


# One module per area; each defines COMMANDS.
COMMAND_MODULES = [
    "analysis",
    "project",
    "agreement",
    "ui",
    "exchange",
    "pictures",
    "words",
    "memos",
    "queries",
]


def _register() -> None:
    from importlib import import_module

    for name in COMMAND_MODULES:
        for command in import_module(f"{__name__}.{name}").COMMANDS:
            main.add_command(command)


_register()
