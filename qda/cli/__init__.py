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


# One module per area, each defining COMMANDS, with the names of its commands: running one command
# imports its own module only (the others' options cost a few milliseconds to build); `qda --help`
# and ``main.commands`` load them all.  tests/cli/test_startup.py checks the names against the modules.
COMMAND_MODULES = {
    "analysis": ["stats", "crosstab", "cooccur", "quotes", "saturation"],
    "project": ["init", "sample", "import", "documents", "codebook", "codings", "undo", "redo", "history", "memo",
                "done", "purge"],
    "agreement": ["copy-for-coder", "merge", "agree"],
    "ui": ["code"],
    "exchange": ["export"],
    "pictures": ["heatmap", "bars", "portrait"],
    "server": ["push", "pull", "server"],
    "words": ["words", "keyness", "kwic"],
    "memos": ["memos"],
    "queries": ["query", "sets"],
}
main.lazy_modules = {name: f"{__name__}.{module}" for module, names in COMMAND_MODULES.items() for name in names}
