"""click parameters every command shares: the project argument and ``--format``."""

from __future__ import annotations

from typing import Callable

import click

from .common import FORMATS


class ProjectLocation(click.ParamType):
    """A project file's path, or a team project's postgresql:// URL (which prints without its password)."""

    name = "PROJECT"

    def convert(self, value, param, ctx):
        from ..store.location import location

        return location(value) if isinstance(value, str) else value


def project_argument(function: Callable) -> Callable:
    return click.argument("project", type=ProjectLocation())(function)


def format_option(function: Callable) -> Callable:
    return click.option(
        "--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True,
        help="table for people, csv or json for scripts.",
    )(function)
