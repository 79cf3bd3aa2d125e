"""The everyday listings without click: `qda stats` and `qda crosstab` with plain arguments.

Importing click and building a command's options costs a command about 25 ms, a quarter of
`qda stats` on a thousand transcripts.  ``run_quick`` takes a command named in ``QUICK`` whose
arguments are all of the plainest forms: the project once, options of the table each spelled out
(``--by document``, not ``--by=document``), each value not starting with "-", a choice among its
choices, an option that takes one value given once.  It calls the function the click command
calls (``qda.cli.counts``) with what click would pass, and prints errors and exits as the click
group does (``qda.cli.group``: a QdaError in one line, exit 2).  Anything else, help, -o and
every mistake included, is left to click, so that usage errors read as they always have.
tests/cli/test_quick.py checks that click and this module pass the same arguments.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .common import FORMATS, USER_ERROR

ONE, MANY, FLAG = "one", "many", "flag"  # an option's value: one, repeatable (a tuple), or none (True)
SHARED = {"--coder": ("coder", MANY), "--codes": ("codes", MANY), "--where": ("where", MANY),
             "--rollup": ("rollup", FLAG), "--names": ("names", FLAG), "--format": ("fmt", FORMATS)}

# command -> (module, function, {option: (parameter, ONE | MANY | FLAG | the choices)})
QUICK = {
    "stats": ("qda.cli.counts", "show_stats", {"--by": ("by", ONE), **SHARED}),
    "crosstab": ("qda.cli.counts", "show_crosstab", {"--rows": ("rows", ONE), "--cols": ("cols", ONE),
                                                     "--measure": ("measure", ("codings", "documents", "words")),
                                                     "--percent": ("percent", FLAG), **SHARED}),
}


def quick_arguments(argv: list[str]) -> tuple[str, dict] | None:
    """(the command, its function's keyword arguments but the project's, as a text) when ``argv``
    is a quick command with plain arguments, else None (click parses it)."""
    if not argv or argv[0] not in QUICK or "_QDA_COMPLETE" in os.environ:  # click's shell completion
        return None
    options = QUICK[argv[0]][2]
    arguments: dict = {}
    positional: list[str] = []
    tokens = iter(argv[1:])
    for token in tokens:
        if not token.startswith("-"):
            positional.append(token)
            continue
        name, kind = options.get(token, (None, None))
        if name is None:
            return None
        if kind == FLAG:
            if name in arguments:
                return None
            arguments[name] = True
            continue
        value = next(tokens, None)
        if value is None or value.startswith("-"):
            return None
        if kind == MANY:
            arguments[name] = (*arguments.get(name, ()), value)
        elif name in arguments or (kind != ONE and value not in kind):
            return None
        else:
            arguments[name] = value
    if len(positional) != 1 or not positional[0]:
        return None
    arguments["project"] = positional[0]
    return argv[0], arguments


def run_quick(argv: list[str]) -> None:
    """Run ``argv`` and exit, as `qda` would, if it is a quick command with plain arguments; else return."""
    found = quick_arguments(argv)
    if found is None:
        return
    command, arguments = found
    module, function, _ = QUICK[command]
    from importlib import import_module

    from ..errors import QdaError
    from ..store.location import location

    try:
        arguments["project"] = location(arguments["project"])
        getattr(import_module(module), function)(**arguments)
    except QdaError as error:
        _echo_error(f"Error: {error}")
        sys.exit(USER_ERROR)
    except (EOFError, KeyboardInterrupt):
        _echo_error("")
        _echo_error("Aborted!")
        sys.exit(1)
    except OSError as error:
        import errno

        if error.errno != errno.EPIPE:
            raise
        from click.utils import PacifyFlushWrapper

        sys.stdout, sys.stderr = PacifyFlushWrapper(sys.stdout), PacifyFlushWrapper(sys.stderr)
        sys.exit(1)
    if not isinstance(arguments["project"], Path):  # a server's pool of sessions closes at exit
        sys.exit(0)
    _done()


def _done() -> None:
    """Exit 0 once the output is flushed, without tearing the interpreter down: the command has closed
    the project file and every other file, no thread runs and nothing is registered to run at exit
    (a server project's pool is: those exit as usual), and the teardown (freeing every module's
    objects one by one) would cost a listing 10 ms.  An output that cannot be flushed (a closed
    pipe) exits as Python does, which reports it."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        sys.exit(0)
    os._exit(0)


def _echo_error(line: str) -> None:
    """A line on stderr as click.echo writes it (escape sequences stripped unless stderr is a terminal)."""
    import click

    click.echo(line, err=True)
