"""Independent tasks on every core when that pays, results in submission order.

Reading a large project from another tool, or many transcripts, is mostly
per-source work (parsing, offset conversion, spaCy's sentencizer).  ``OrderedPool`` hands such tasks to forked
worker processes as they are submitted, so they overlap the caller's own work
and use both cores of a small machine.  Forking is used only where it is safe
and cheap (Linux, several cores, enough tasks, and no other thread running
but helpers registered to stop while it forks); otherwise each task runs at
once in this process, with the same results.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager

MIN_TASKS = 32      # below this, forking costs more than it saves
MAX_WORKERS = 4


def worker_count(expected_tasks: int) -> int:
    """How many worker processes to fork for this many tasks; 0 to run them here."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if cores < 2 or expected_tasks < MIN_TASKS or not sys.platform.startswith("linux"):
        return 0  # macOS's system libraries are not safe to use in a forked child; Windows cannot fork
    return min(cores, MAX_WORKERS)


PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process receives when its parent dies


def _die_with_parent(parent: int) -> None:
    """Run first in each worker: ask Linux to kill it when its parent dies (a killed
    `qda import` must not leave workers behind), and exit at once if the parent died
    before the request was made."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the check below and the pool's own shutdown remain
    if os.getppid() != parent:
        os._exit(1)


# A forked copy of a process with other threads running can inherit a lock one of them
# holds, so the pool forks only when this is the process's one thread.  A caller's own
# helper thread (the ticker of a progress display, say) can be registered to stop while
# the workers are forked, instead of keeping them from being forked at all.
_helpers: list[tuple[Callable[[], None], Callable[[], None]]] = []


@contextmanager
def stopped_while_forking(stop: Callable[[], None], restart: Callable[[], None]) -> Iterator[None]:
    """While inside, an ``OrderedPool`` calls ``stop`` (which must end the helper thread)
    before it forks its workers and ``restart`` after."""
    helper = (stop, restart)
    _helpers.append(helper)
    try:
        yield
    finally:
        _helpers.remove(helper)


@contextmanager
def _helpers_stopped() -> Iterator[None]:
    stopped = []
    try:
        for stop, restart in list(_helpers):
            stop()
            stopped.append(restart)
        yield
    finally:
        for restart in reversed(stopped):
            restart()


class OrderedPool:
    """``submit`` tasks (module-level functions and picklable arguments); ``finished()``
    yields their values in submission order, each once, so that the caller can use the
    first results while later tasks still run.  A worker's error is raised by
    ``finished()`` in its task's turn; a task run in this process raises from ``submit``.

    The workers are forked when the pool is made: make it before building large data.
    ``prepare`` runs in this process before the fork, so that what it loads (a spaCy
    pipeline, say) is inherited by every worker rather than loaded by each."""

    def __init__(self, expected_tasks: int, prepare: Callable[[], object] | None = None):
        workers = worker_count(expected_tasks)
        self._executor = None
        if workers:
            if prepare is not None:
                prepare()
            with _helpers_stopped():
                if threading.active_count() == 1:
                    # Imported here: multiprocessing costs every `qda` command's start-up otherwise.
                    from concurrent.futures import ProcessPoolExecutor
                    from multiprocessing import get_context

                    self._executor = ProcessPoolExecutor(workers, mp_context=get_context("fork"),
                                                         initializer=_die_with_parent, initargs=(os.getpid(),))
                    # Fork every worker now (the executor's own thread starts after them).
                    self._executor.submit(int).result()
        self._pending: deque = deque()

    def submit(self, task: Callable, *args) -> None:
        if self._executor is None:
            self._pending.append(task(*args))
        else:
            self._pending.append(self._executor.submit(task, *args))

    def finished(self, wait: bool = False) -> Iterator:
        """The values of the leading tasks that are done; with ``wait``, of every task left."""
        pending = self._pending
        while pending:
            head = pending[0]
            if isinstance(head, Future):
                if not (wait or head.done()):
                    return
                value = head.result()
            else:
                value = head
            pending.popleft()
            yield value

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> OrderedPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
