"""The `qda` command: each subcommand parses its arguments, makes one or two library calls, prints.

Subcommands live in modules by area (project, ...); ``main``, the console script, is the click
group that holds them (``qda.cli.group``), made when first asked for."""

from __future__ import annotations

# One module per area, each defining COMMANDS, with the names of its commands: running one command
# imports its own module only (the others' options cost a few milliseconds to build); `qda --help`
# and ``main.commands`` load them all.  tests/cli/test_startup.py checks the names against the modules.
COMMAND_MODULES = {
    "analysis": ["stats", "crosstab", "cooccur", "quotes", "saturation"],
    "project": ["init", "sample", "import", "documents", "resegment", "codebook"],
    "codings": ["codings", "undo", "redo", "history", "memo", "done", "purge"],
    "agreement": ["copy-for-coder", "merge", "agree"],
    "ui": ["code"],
    "exchange": ["export"],
    "pictures": ["heatmap", "bars", "portrait"],
    "server": ["push", "pull", "server"],
    "words": ["words", "keyness", "kwic"],
    "memos": ["memos"],
    "queries": ["query", "sets"],
}


def __getattr__(name: str):
    """``main``, the click group, made when first asked for (importing click costs a command ~20 ms)."""
    if name != "main":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .group import main

    return main

