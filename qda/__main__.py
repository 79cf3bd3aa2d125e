"""`python -m qda`: the `qda` command, where the console script is not on the PATH."""

from .cli import main

main(prog_name="qda")
