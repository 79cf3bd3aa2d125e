"""`python -m qda`: the `qda` command, where the console script is not on the PATH."""

from .cli import run

run(prog_name="qda")
