"""The `qda` command as a click group: every command, loaded from its module when first needed
(``qda.cli.COMMAND_MODULES``), its names made NFC, and errors in one line with exit code 2."""

from __future__ import annotations

import click

from .. import __version__
from ..errors import QdaError
from ..nfc import nfc
from . import COMMAND_MODULES
from .common import USER_ERROR, say


class QdaGroup(click.Group):
    """Turns a QdaError anywhere below, and a file argument click refuses (missing, a folder),
    into one line on stderr and exit code 2; other usage errors keep click's usage hint.

    Commands are defined in modules imported when first needed: ``lazy_modules`` maps a command's
    name to its module (which adds its ``COMMANDS``), so that running one command imports one
    module; listing them (``--help``, ``commands``) imports every module."""

    lazy_modules: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        self._loaded: set[str] = set()
        super().__init__(*args, **kwargs)

    @property
    def commands(self) -> dict[str, click.Command]:
        for module in dict.fromkeys(self.lazy_modules.values()):
            self._load(module)
        return self._commands

    @commands.setter
    def commands(self, value: dict[str, click.Command]) -> None:
        self._commands = value

    def _load(self, module: str) -> None:
        from importlib import import_module

        if module not in self._loaded:
            self._loaded.add(module)
            for command in import_module(module).COMMANDS:
                self.add_command(command)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        cmd.context_class = NamesInNfc
        self._commands[name or cmd.name] = cmd

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self._commands and cmd_name in self.lazy_modules:
            self._load(self.lazy_modules[cmd_name])
        return self._commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands)

    def main(self, args=None, *rest, **options):
        if args is None:  # the `qda` process itself (console script, python -m qda), not a caller in Python
            import gc

            # what start-up made lives until the process ends: the collector's passes need not visit it
            # again, nor its last collection at exit (10 ms of a 0.1 s command)
            gc.freeze()
        return super().main(args, *rest, **options)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QdaError as error:
            say(f"Error: {error}", err=True)
            ctx.exit(USER_ERROR)
        except click.BadParameter as error:
            if not isinstance(getattr(error.param, "type", None), click.Path):
                raise
            say(f"Error: {error.format_message()}", err=True)
            ctx.exit(USER_ERROR)


class NamesInNfc(click.Context):
    """A command's context that gives it every text parameter in NFC, the form qda stores every name
    and text in: a name typed decomposed (``n`` + U+0303 for ``ñ``, as macOS writes file names and
    a name copied from one arrives) would find no code, document, coder or attribute value, and a
    memo or a query would be stored or run decomposed.  The one place every command's names pass;
    paths (``click.Path``, the project's location) and choices are left as typed: a file name is
    spelt as the file system holds it."""

    def invoke(self, callback, /, *args, **kwargs):
        if args or self.command is None or callback is not self.command.callback:
            return super().invoke(callback, *args, **kwargs)
        texts = {param.name for param in self.command.params if _is_text(param.type)}
        return super().invoke(callback, **{name: nfc(value) if name in texts else value
                                           for name, value in kwargs.items()})


def _is_text(kind: click.ParamType) -> bool:
    if isinstance(kind, click.Tuple):
        return all(map(_is_text, kind.types))
    return isinstance(kind, click.types.StringParamType)


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


main.lazy_modules = {name: f"{__package__}.{module}" for module, names in COMMAND_MODULES.items() for name in names}
