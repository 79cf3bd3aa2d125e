"""Run `qda ARGS` in a process of its own, as a user's shell would, with the limits of the
hostile-input suite: at most CPU_SECONDS of CPU (the kernel ends it past that: SIGXCPU) and
MEMORY_BYTES of address space, and a wall-clock guard for a process that hangs without
working.

The limit is on CPU time rather than wall time because the machine the tests run on may be
shared by many busy processes: a command that needs 0.5 s of CPU can take ten times that on
the wall clock there, while a YAML bomb or a zip bomb burns its 5 s of CPU whatever the load.

The processes fork from a small server (``python isolated.py``, a fresh interpreter that
imports qda and its libraries once), so a case costs its own work, not an interpreter's
start; each still has its own stdout, stderr, exit code and limits."""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CPU_SECONDS = 5
MEMORY_BYTES = 3 << 30  # a bomb inflating past this fails with MemoryError instead of taking the machine
WALL_GUARD_SECONDS = 60  # a hang that burns no CPU (a lock never released)

PRELOAD = ["qda.cli", "qda.store", "pandas", "yaml", "docx", "qda.ingest", "qda.export.refi.reader",
           "qda.export.quotes", "qda.codebook", "matplotlib.pyplot"]


@dataclass
class Outcome:
    exit_code: int  # negative: killed by that signal (-SIGXCPU: past the CPU limit)
    stdout: str
    stderr: str

    @property
    def over_cpu_limit(self) -> bool:
        return self.exit_code == -signal.SIGXCPU


class Runner:
    """The fork server, seen from the tests."""

    def __init__(self):
        environment = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MPLBACKEND="Agg")
        self.server = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       text=True, env=environment)
        self.pending = b""

    def close(self) -> None:
        self.server.stdin.close()
        self.server.wait(timeout=60)

    def _answer(self, timeout: float | None) -> dict | None:
        """The server's next line, or None if none comes within ``timeout`` seconds."""
        fd = self.server.stdout.fileno()
        while b"\n" not in self.pending:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                raise AssertionError("the fork server of the hostile-input suite ended")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)

    def run(self, argv: list, scratch: Path) -> Outcome:
        """Run ``qda argv`` in its own process; its stdout and stderr pass through files in
        ``scratch`` (a folder outside the one the test watches)."""
        out, err = scratch / "stdout", scratch / "stderr"
        request = {"argv": [str(a) for a in argv], "out": str(out), "err": str(err)}
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        pid = self._answer(60)["pid"]
        answer = self._answer(WALL_GUARD_SECONDS)
        if answer is None:
            os.kill(pid, signal.SIGKILL)
            self._answer(None)
            raise AssertionError(f"qda {' '.join(request['argv'])} still ran after {WALL_GUARD_SECONDS} s (a hang)")
        read = lambda path: path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        return Outcome(answer["exit_code"], read(out), read(err))


def _run_child(request: dict) -> None:
    """In the forked child: limits, stdout and stderr to their files, then qda."""
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    for fd, name in ((1, request["out"]), (2, request["err"])):
        handle = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, fd)
        os.close(handle)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    sys.stdin = open(0, encoding="utf-8", closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    code = 1
    try:
        from qda.cli import main

        main(request["argv"], prog_name="qda")
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    os._exit(code)


def _serve() -> None:
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    answers = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _run_child(request)
        answers.write(json.dumps({"pid": pid}) + "\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"exit_code": os.waitstatus_to_exitcode(status)}) + "\n")
        answers.flush()


if __name__ == "__main__":
    _serve()
